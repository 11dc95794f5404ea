//! `folio check --external`: fetches http(s) links with bounded concurrency (overall and per
//! host), a timeout per request, retries with exponential backoff for answers that may be
//! temporary (timeouts, connection errors, 5xx, 429), HEAD first and GET when a server refuses
//! HEAD (405, 403, 501). Redirects are followed by hand so a permanent one can be reported with
//! its new address. Links that worked are remembered in `.folio-cache/external-links.json` for
//! `[check] cache_days`, so repeated CI runs only fetch what is new. This is the one module that
//! knows reqwest.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures_util::StreamExt;
use reqwest::{Client, Method, StatusCode, Url, redirect};
use serde::{Deserialize, Serialize};
use tokio::sync::Semaphore;

use crate::config::CheckConfig;

/// The folder (in the site root) and file of the cache of links that worked.
pub(crate) const CACHE_DIR: &str = crate::cache::DEFAULT_DIR;
pub(super) const CACHE_FILE: &str = "external-links.json";

/// How hard to try. The defaults suit CI; tests shorten the timeout and backoff.
#[derive(Debug, Clone)]
pub(crate) struct ExternalOptions {
    /// For one request, connection included.
    pub timeout: Duration,
    /// Attempts after the first one, for answers that may be temporary.
    pub retries: u32,
    /// Wait before the first retry; doubled for each next one.
    pub backoff: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests in flight to one host at once.
    pub per_host: usize,
    pub max_redirects: usize,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            retries: 2,
            backoff: Duration::from_millis(500),
            concurrency: 32,
            per_host: 4,
            max_redirects: 10,
        }
    }
}

/// What became of one URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Outcome {
    Ok,
    /// Works, but moved for good (301/308): the address it ends at.
    Moved {
        location: String,
    },
    /// An answer that will not change by asking again (404, 410, 401...).
    Broken {
        status: u16,
    },
    /// No usable answer even after retries: timeout, connection error, 5xx, 429.
    Unreachable {
        reason: String,
    },
    /// Not a URL that can be fetched.
    Invalid {
        reason: String,
    },
}

/// Every URL's outcome, and how many were fetched, answered from the cache or skipped.
#[derive(Debug, Default)]
pub(super) struct ExternalReport {
    pub outcomes: HashMap<String, Outcome>,
    pub fetched: usize,
    pub cached: usize,
    pub skipped: usize,
    /// The cache could not be written (the check itself is still complete).
    pub cache_error: Option<String>,
}

/// Checks `urls`, skipping those `config` lists and those the cache in `root` vouches for.
pub(super) fn check(
    urls: &[String],
    config: &CheckConfig,
    root: &Path,
    options: &ExternalOptions,
) -> ExternalReport {
    let mut report = ExternalReport::default();
    let cache_path = root.join(CACHE_DIR).join(CACHE_FILE);
    let use_cache = config.cache_days > 0;
    let mut cache = if use_cache {
        Cache::load(&cache_path)
    } else {
        Cache::default()
    };
    let now = unix_now();
    let max_age = u64::from(config.cache_days) * 24 * 60 * 60;
    let mut to_fetch = Vec::new();
    for url in urls {
        if is_skipped(url, &config.skip_external) {
            report.skipped += 1;
        } else if let Some(entry) = cache.fresh(url, now, max_age) {
            report.cached += 1;
            let outcome = match &entry.moved_to {
                Some(location) => Outcome::Moved {
                    location: location.clone(),
                },
                None => Outcome::Ok,
            };
            report.outcomes.insert(url.clone(), outcome);
        } else {
            to_fetch.push(url.clone());
        }
    }
    report.fetched = to_fetch.len();
    if !to_fetch.is_empty() {
        let fetched = fetch_all(to_fetch, options);
        for (url, outcome) in fetched {
            match &outcome {
                Outcome::Ok => cache.record(&url, now, None),
                Outcome::Moved { location } => cache.record(&url, now, Some(location.clone())),
                _ => {}
            }
            report.outcomes.insert(url, outcome);
        }
    }
    if use_cache {
        cache.forget_older_than(now, max_age);
        if let Err(e) = cache.save(&cache_path) {
            report.cache_error = Some(format!("cannot write {}: {e}", cache_path.display()));
        }
    }
    report
}

/// Whether `url` matches the skip list: a host (`example.com`, also matching its subdomains,
/// `*` allowed) or a URL pattern with a scheme, where `*` matches anything.
fn is_skipped(url: &str, patterns: &[String]) -> bool {
    let host = Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
    patterns.iter().any(|pattern| {
        let pattern = pattern.trim();
        if pattern.contains("://") {
            return glob(pattern, url);
        }
        let pattern = pattern.to_ascii_lowercase();
        host.as_deref().is_some_and(|host| {
            glob(&pattern, host)
                || host
                    .strip_suffix(pattern.as_str())
                    .is_some_and(|rest| rest.ends_with('.'))
        })
    })
}

/// `*` matches any run of characters; everything else matches itself.
fn glob(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || text.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    if !text.ends_with(last) {
        return false;
    }
    for part in &parts[1..parts.len() - 1] {
        match rest.find(part) {
            Some(i) => rest = &rest[i + part.len()..],
            None => return false,
        }
    }
    true
}

/// Every URL as unreachable for one reason (the client itself could not start).
fn all_unreachable(urls: Vec<String>, reason: &str) -> Vec<(String, Outcome)> {
    urls.into_iter()
        .map(|url| {
            let reason = reason.to_string();
            (url, Outcome::Unreachable { reason })
        })
        .collect()
}

/// Fetches every URL on a small runtime of its own; the rest of folio stays synchronous.
fn fetch_all(urls: Vec<String>, options: &ExternalOptions) -> Vec<(String, Outcome)> {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => return all_unreachable(urls, &format!("cannot start the HTTP client: {e}")),
    };
    runtime.block_on(fetch_concurrently(urls, options))
}

async fn fetch_concurrently(
    urls: Vec<String>,
    options: &ExternalOptions,
) -> Vec<(String, Outcome)> {
    let client = match Client::builder()
        .redirect(redirect::Policy::none())
        .user_agent(concat!(
            "folio/",
            env!("CARGO_PKG_VERSION"),
            " (link check)"
        ))
        .connect_timeout(options.timeout)
        .build()
    {
        Ok(client) => client,
        Err(e) => return all_unreachable(urls, &format!("cannot start the HTTP client: {e}")),
    };
    let mut hosts: HashMap<String, Arc<Semaphore>> = HashMap::new();
    let jobs: Vec<(String, Option<Arc<Semaphore>>)> = interleave_hosts(urls)
        .into_iter()
        .map(|(url, host)| {
            let limit = host.map(|h| {
                hosts
                    .entry(h)
                    .or_insert_with(|| Arc::new(Semaphore::new(options.per_host.max(1))))
                    .clone()
            });
            (url, limit)
        })
        .collect();
    let client = &client;
    futures_util::stream::iter(jobs)
        .map(|(url, limit)| async move {
            let _permit = match &limit {
                Some(semaphore) => semaphore.acquire().await.ok(),
                None => None,
            };
            let outcome = check_one(client, &url, options).await;
            (url, outcome)
        })
        .buffer_unordered(options.concurrency.max(1))
        .collect()
        .await
}

/// Orders URLs round-robin by host, so the overall limit is not spent waiting on one host.
fn interleave_hosts(urls: Vec<String>) -> Vec<(String, Option<String>)> {
    let mut by_host: BTreeMap<Option<String>, Vec<String>> = BTreeMap::new();
    for url in urls {
        let host = Url::parse(&url)
            .ok()
            .and_then(|u| u.host_str().map(str::to_ascii_lowercase));
        by_host.entry(host).or_default().push(url);
    }
    let mut queues: Vec<(Option<String>, std::vec::IntoIter<String>)> = by_host
        .into_iter()
        .map(|(host, urls)| (host, urls.into_iter()))
        .collect();
    let mut out = Vec::new();
    loop {
        let before = out.len();
        for (host, queue) in &mut queues {
            if let Some(url) = queue.next() {
                out.push((url, host.clone()));
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// An attempt's result: final, or worth trying again.
enum Attempt {
    Done(Outcome),
    Retry(String),
}

async fn check_one(client: &Client, url: &str, options: &ExternalOptions) -> Outcome {
    if let Err(e) = Url::parse(url) {
        return Outcome::Invalid {
            reason: e.to_string(),
        };
    }
    let mut attempt = 0;
    loop {
        match follow(client, url, options).await {
            Attempt::Done(outcome) => return outcome,
            Attempt::Retry(reason) if attempt >= options.retries => {
                let tries = attempt + 1;
                let reason = if tries > 1 {
                    format!("{reason} ({tries} attempts)")
                } else {
                    reason
                };
                return Outcome::Unreachable { reason };
            }
            Attempt::Retry(_) => {
                tokio::time::sleep(options.backoff.saturating_mul(1 << attempt.min(16))).await;
                attempt += 1;
            }
        }
    }
}

/// One attempt: requests `url` and follows its redirects.
async fn follow(client: &Client, url: &str, options: &ExternalOptions) -> Attempt {
    let mut current = url.to_string();
    let mut permanent = true;
    for _ in 0..=options.max_redirects {
        let response = match head_then_get(client, &current, options.timeout).await {
            Ok(response) => response,
            Err(e) => return Attempt::Retry(describe(&e, options.timeout)),
        };
        let status = response.status();
        if status.is_redirection() {
            let next = response
                .headers()
                .get(reqwest::header::LOCATION)
                .and_then(|l| l.to_str().ok())
                .and_then(|l| response.url().join(l).ok());
            let Some(next) = next else {
                return Attempt::Done(Outcome::Broken {
                    status: status.as_u16(),
                });
            };
            permanent &= matches!(
                status,
                StatusCode::MOVED_PERMANENTLY | StatusCode::PERMANENT_REDIRECT
            );
            current = next.to_string();
            continue;
        }
        if status.is_success() {
            return Attempt::Done(if current != url && permanent {
                Outcome::Moved { location: current }
            } else {
                Outcome::Ok
            });
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            return Attempt::Retry(status_text(status));
        }
        return Attempt::Done(Outcome::Broken {
            status: status.as_u16(),
        });
    }
    Attempt::Done(Outcome::Unreachable {
        reason: format!("more than {} redirects", options.max_redirects),
    })
}

/// HEAD is enough to know a page exists; some servers refuse it, and then GET decides (the
/// body is never read).
async fn head_then_get(
    client: &Client,
    url: &str,
    timeout: Duration,
) -> Result<reqwest::Response, reqwest::Error> {
    let send = |method: Method| client.request(method, url).timeout(timeout).send();
    let response = send(Method::HEAD).await?;
    match response.status() {
        StatusCode::METHOD_NOT_ALLOWED | StatusCode::FORBIDDEN | StatusCode::NOT_IMPLEMENTED => {
            send(Method::GET).await
        }
        _ => Ok(response),
    }
}

fn describe(error: &reqwest::Error, timeout: Duration) -> String {
    if error.is_timeout() {
        format!("no answer within {} ms", timeout.as_millis())
    } else if error.is_connect() {
        "cannot connect".into()
    } else {
        let mut text = error.to_string();
        let mut source = std::error::Error::source(error);
        while let Some(s) = source {
            text = format!("{text}: {s}");
            source = s.source();
        }
        text
    }
}

fn status_text(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("{} {reason}", status.as_u16()),
        None => status.as_u16().to_string(),
    }
}

/// The text of an HTTP status code: `404 Not Found`.
pub(super) fn status_name(code: u16) -> String {
    StatusCode::from_u16(code).map_or_else(|_| code.to_string(), status_text)
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Links that answered successfully, with when (seconds since 1970).
#[derive(Debug, Default, Serialize, Deserialize)]
struct Cache {
    version: u32,
    links: BTreeMap<String, CacheEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct CacheEntry {
    checked: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    moved_to: Option<String>,
}

const CACHE_VERSION: u32 = 1;

impl Cache {
    /// The cache on disk; a missing, unreadable or older one is an empty cache.
    fn load(path: &Path) -> Cache {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Cache>(&bytes).ok())
            .filter(|c| c.version == CACHE_VERSION)
            .unwrap_or_default()
    }

    fn fresh(&self, url: &str, now: u64, max_age: u64) -> Option<&CacheEntry> {
        self.links
            .get(url)
            .filter(|e| e.checked <= now && now - e.checked < max_age)
    }

    fn record(&mut self, url: &str, now: u64, moved_to: Option<String>) {
        self.links.insert(
            url.to_string(),
            CacheEntry {
                checked: now,
                moved_to,
            },
        );
    }

    fn forget_older_than(&mut self, now: u64, max_age: u64) {
        self.links
            .retain(|_, e| e.checked <= now && now - e.checked < max_age);
    }

    /// Writes the cache beside itself and renames it in, so a crash never leaves half a file.
    fn save(&mut self, path: &Path) -> std::io::Result<()> {
        self.version = CACHE_VERSION;
        let dir = path.parent().map_or_else(PathBuf::new, Path::to_path_buf);
        std::fs::create_dir_all(&dir)?;
        let json = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        let temporary = dir.join(format!(".{CACHE_FILE}.tmp"));
        std::fs::write(&temporary, json)?;
        std::fs::rename(&temporary, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use axum::Router;
    use axum::extract::State;
    use axum::http::{Method as HttpMethod, StatusCode as HttpStatus, header};
    use axum::response::{IntoResponse, Response};
    use axum::routing::any;

    /// A server on 127.0.0.1 answering 200, 301, 404, 500, a HEAD-refusing 200, a hang, and
    /// `/together/*`, which answers only once two such requests are in flight at the same
    /// time; it counts the requests it gets, and those to `/hang` apart.
    struct TestServer {
        base: String,
        hits: Arc<AtomicUsize>,
        hang_hits: Arc<AtomicUsize>,
        _runtime: tokio::runtime::Runtime,
    }

    #[derive(Clone)]
    struct Counters {
        hits: Arc<AtomicUsize>,
        hang_hits: Arc<AtomicUsize>,
        together: Arc<tokio::sync::Barrier>,
    }

    async fn answer(
        State(counters): State<Counters>,
        method: HttpMethod,
        uri: axum::http::Uri,
    ) -> Response {
        counters.hits.fetch_add(1, Ordering::SeqCst);
        match uri.path() {
            "/ok" => "ok".into_response(),
            "/moved" => {
                (HttpStatus::MOVED_PERMANENTLY, [(header::LOCATION, "/ok")]).into_response()
            }
            "/found" => (HttpStatus::FOUND, [(header::LOCATION, "/ok")]).into_response(),
            "/missing" => HttpStatus::NOT_FOUND.into_response(),
            "/error" => HttpStatus::INTERNAL_SERVER_ERROR.into_response(),
            "/no-head" if method == HttpMethod::HEAD => {
                HttpStatus::METHOD_NOT_ALLOWED.into_response()
            }
            "/no-head" => "ok".into_response(),
            "/hang" => {
                counters.hang_hits.fetch_add(1, Ordering::SeqCst);
                std::future::pending().await
            }
            together if together.starts_with("/together/") => {
                counters.together.wait().await;
                "ok".into_response()
            }
            _ => HttpStatus::NOT_FOUND.into_response(),
        }
    }

    fn server() -> TestServer {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let counters = Counters {
            hits: Arc::new(AtomicUsize::new(0)),
            hang_hits: Arc::new(AtomicUsize::new(0)),
            together: Arc::new(tokio::sync::Barrier::new(2)),
        };
        let (hits, hang_hits) = (counters.hits.clone(), counters.hang_hits.clone());
        let app = Router::new().fallback(any(answer)).with_state(counters);
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        runtime.spawn(async move { axum::serve(listener, app).await });
        TestServer {
            base,
            hits,
            hang_hits,
            _runtime: runtime,
        }
    }

    fn fast() -> ExternalOptions {
        ExternalOptions {
            timeout: Duration::from_millis(300),
            retries: 1,
            backoff: Duration::from_millis(10),
            ..ExternalOptions::default()
        }
    }

    fn no_cache() -> CheckConfig {
        CheckConfig {
            cache_days: 0,
            ..CheckConfig::default()
        }
    }

    #[test]
    fn reports_each_kind_of_answer() {
        let server = server();
        let url = |p: &str| format!("{}{p}", server.base);
        let urls: Vec<String> = [
            "/ok", "/moved", "/found", "/missing", "/error", "/no-head", "/hang",
        ]
        .iter()
        .map(|p| url(p))
        .collect();
        let dir = tempfile::tempdir().unwrap();
        let report = within_safety_timeout(&urls, dir.path(), &fast());
        let outcome = |p: &str| report.outcomes[&url(p)].clone();
        assert_eq!(outcome("/ok"), Outcome::Ok);
        assert_eq!(
            outcome("/moved"),
            Outcome::Moved {
                location: url("/ok")
            }
        );
        assert_eq!(outcome("/found"), Outcome::Ok);
        assert_eq!(outcome("/missing"), Outcome::Broken { status: 404 });
        assert_eq!(
            outcome("/error"),
            Outcome::Unreachable {
                reason: "500 Internal Server Error (2 attempts)".into()
            }
        );
        assert_eq!(outcome("/no-head"), Outcome::Ok);
        assert_eq!(
            outcome("/hang"),
            Outcome::Unreachable {
                reason: "no answer within 300 ms (2 attempts)".into()
            }
        );
        assert_eq!(
            server.hang_hits.load(Ordering::SeqCst),
            2,
            "the client gives up on a request that gets no answer, and tries once more"
        );
        assert_eq!(report.fetched, 7);
        assert!(!dir.path().join(CACHE_DIR).exists());

        // Links are fetched at the same time: each `/together/` request is answered only while
        // the other is in flight too. The timeout is only a bound on a broken client.
        let together: Vec<String> = ["/together/a", "/together/b"].map(url).to_vec();
        let patient = ExternalOptions {
            timeout: SAFETY_TIMEOUT / 4,
            retries: 0,
            ..fast()
        };
        let report = within_safety_timeout(&together, dir.path(), &patient);
        for url in &together {
            assert_eq!(report.outcomes[url], Outcome::Ok, "{url}");
        }
    }

    /// Far longer than any check in these tests needs, even on a loaded machine: only a client
    /// that ignores its timeout, or waits for one link before asking for the next, reaches it.
    const SAFETY_TIMEOUT: Duration = Duration::from_secs(120);

    /// Runs `check` on a thread of its own, so a client that hangs fails the test after
    /// `SAFETY_TIMEOUT` instead of hanging it.
    fn within_safety_timeout(
        urls: &[String],
        root: &Path,
        options: &ExternalOptions,
    ) -> ExternalReport {
        let (urls, root, options) = (urls.to_vec(), root.to_path_buf(), options.clone());
        let (sender, receiver) = std::sync::mpsc::channel();
        std::thread::spawn(move || sender.send(check(&urls, &no_cache(), &root, &options)));
        receiver
            .recv_timeout(SAFETY_TIMEOUT)
            .expect("the check finishes")
    }

    #[test]
    fn remembers_successes_for_the_next_run() {
        let server = server();
        let urls = vec![
            format!("{}/ok", server.base),
            format!("{}/missing", server.base),
        ];
        let dir = tempfile::tempdir().unwrap();
        let config = CheckConfig::default();
        let first = check(&urls, &config, dir.path(), &fast());
        assert_eq!((first.fetched, first.cached), (2, 0));
        let hits = server.hits.load(Ordering::SeqCst);
        let second = check(&urls, &config, dir.path(), &fast());
        assert_eq!((second.fetched, second.cached), (1, 1));
        assert_eq!(second.outcomes[&urls[0]], Outcome::Ok);
        assert_eq!(second.outcomes[&urls[1]], Outcome::Broken { status: 404 });
        // Only the broken link was asked for again.
        assert_eq!(server.hits.load(Ordering::SeqCst), hits + 1);
        let text = std::fs::read_to_string(dir.path().join(CACHE_DIR).join(CACHE_FILE)).unwrap();
        assert!(text.contains("/ok") && !text.contains("/missing"), "{text}");
    }

    #[test]
    fn expired_cache_entries_are_fetched_again() {
        let mut cache = Cache::default();
        cache.record("https://e.org/", 1_000, None);
        assert!(cache.fresh("https://e.org/", 1_000 + 59, 60).is_some());
        assert!(cache.fresh("https://e.org/", 1_000 + 60, 60).is_none());
        cache.forget_older_than(2_000, 60);
        assert!(cache.links.is_empty());
    }

    #[test]
    fn skip_list_matches_hosts_subdomains_and_patterns() {
        let skip: Vec<String> = ["example.com", "https://x.org/private/*", "*.internal"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert!(is_skipped("https://example.com/a", &skip));
        assert!(is_skipped("http://www.example.com/", &skip));
        assert!(!is_skipped("https://notexample.com/", &skip));
        assert!(is_skipped("https://x.org/private/a/b", &skip));
        assert!(!is_skipped("https://x.org/public/", &skip));
        assert!(is_skipped("https://wiki.internal/x", &skip));
        assert!(glob("a*b*c", "aXXbYc") && !glob("a*b*c", "aXXc") && glob("*", ""));
    }

    #[test]
    fn limits_requests_per_host() {
        let urls: Vec<String> = (0..5)
            .map(|n| format!("https://h{}.org/{n}", n % 2))
            .collect();
        let order: Vec<Option<String>> =
            interleave_hosts(urls).into_iter().map(|(_, h)| h).collect();
        assert_eq!(order[0].as_deref(), Some("h0.org"));
        assert_eq!(order[1].as_deref(), Some("h1.org"));
        assert_eq!(order[2].as_deref(), Some("h0.org"));
    }
}
