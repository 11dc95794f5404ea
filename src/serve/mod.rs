//! `folio serve`: builds the site into a temporary folder, serves it over HTTP, watches the
//! sources, brings the output up to date on every change through a `build::Session` (the same
//! stages as `folio build`, redoing only what changed), and tells open pages to reload (or to
//! show the errors) once the changed files are in place.
//!
//! In: `ServeOptions` (resolved by `cli`) and the `Reporter` that tells what happens meanwhile.
//! Out: a running server until Ctrl-C, after which the temporary folder is removed; or a
//! `ServeError` when it cannot start. The parts: `changes` (events -> change set, pure), `seen`
//! (drops saves that changed nothing), `watch` (notify), `connections` (hyper: timeouts and the
//! connection cap), `hosts` (the `Host` check), `http` (axum), `live` (reload and overlay).

mod changes;
mod connections;
mod hosts;
mod http;
mod live;
mod seen;
mod watch;

pub(crate) use connections::ConnectionLimits;
pub(crate) use hosts::AllowedHost;

use std::io;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::{mpsc, watch as status_channel};

use crate::build::{BuildOptions, Built, Changes, Session};
use crate::config::CONFIG_FILE;
use crate::diagnostic::Diagnostic;
use crate::highlight::BlockCache;
use crate::report::{self, Counts, FailureKind, Reporter};
use changes::{ChangeSet, SiteLayout, classify};
use connections::serve_connections;
use hosts::HostPolicy;
use http::{ServerState, router};
use live::{BuildStatus, ErrorReport, LiveState, RecentPages};
use seen::SeenContents;
use watch::{SiteWatcher, WatchMessage};

#[derive(Debug, Clone)]
pub(crate) struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// The port asked for with `--port` (0 picks a free one); `None` is `DEFAULT_PORT`, or the
    /// next free port after it when it is taken.
    pub port: Option<u16>,
    pub open_browser: bool,
    /// Where to write the site (kept on exit); `None` is a temporary folder removed on exit.
    pub output: Option<PathBuf>,
    /// `Host` names answered besides loopback ones and the address listened on.
    pub allowed_hosts: Vec<AllowedHost>,
    pub limits: ConnectionLimits,
}

/// The port `folio serve` listens on unless told otherwise (Zola's too, which users know).
const DEFAULT_PORT: u16 = 1111;

/// How many ports after `DEFAULT_PORT` are tried when it is taken.
const NEXT_PORTS: u16 = 10;

#[derive(Debug, thiserror::Error)]
pub(crate) enum ServeError {
    #[error("port {port} on {bind} is already in use")]
    PortInUse { bind: IpAddr, port: u16 },
    #[error("ports {first} to {last} on {bind} are all in use")]
    PortsInUse { bind: IpAddr, first: u16, last: u16 },
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: io::Error },
    #[error("no {CONFIG_FILE} in {0}")]
    NotASite(PathBuf),
    #[error("cannot start: {0}")]
    Start(io::Error),
    #[error("cannot watch the site: {0}")]
    Watch(#[from] notify_debouncer_full::notify::Error),
}

impl ServeError {
    pub(crate) fn help(&self) -> Option<&'static str> {
        match self {
            ServeError::PortInUse { .. } | ServeError::PortsInUse { .. } => {
                Some("pick another port with --port, or --port 0 for any free one")
            }
            ServeError::Listen { .. } => Some("check --bind and --port"),
            ServeError::NotASite(_) => {
                Some("run folio in a site's folder, or point to one with --root")
            }
            _ => None,
        }
    }

    /// What the user can fix on the command line, or a failure of the system under folio.
    pub(crate) fn kind(&self) -> FailureKind {
        match self {
            ServeError::PortInUse { .. }
            | ServeError::PortsInUse { .. }
            | ServeError::Listen { .. }
            | ServeError::NotASite(_) => FailureKind::Usage,
            _ => FailureKind::Runtime,
        }
    }
}

/// Serves until Ctrl-C (or SIGTERM), then removes the temporary output folder. What happens
/// meanwhile (rebuilds, their diagnostics, warnings) is told through `reporter`.
pub(crate) fn serve(options: &ServeOptions, reporter: &Reporter) -> Result<(), ServeError> {
    if !options.root.join(CONFIG_FILE).is_file() {
        return Err(ServeError::NotASite(options.root.clone()));
    }
    let root = std::fs::canonicalize(&options.root).map_err(ServeError::Start)?;
    let (temporary, output) = match &options.output {
        Some(output) => (None, absolute_folder(output)?),
        None => {
            let temporary = tempfile::Builder::new()
                .prefix("folio-serve-")
                .tempdir()
                .map_err(ServeError::Start)?;
            let output = std::fs::canonicalize(temporary.path())
                .map_err(ServeError::Start)?
                .join("site");
            (Some(temporary), output)
        }
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(ServeError::Start)?;
    let site = Site {
        root,
        output,
        temporary: temporary.is_some(),
    };
    let result = runtime.block_on(run(options, &site, reporter));
    // Open event streams and a build in progress must not keep the process (or the folder) alive.
    runtime.shutdown_timeout(Duration::from_secs(2));
    drop(temporary);
    result
}

/// `folder` made absolute (and created), so the watcher can tell the build's own writes apart.
fn absolute_folder(folder: &std::path::Path) -> Result<PathBuf, ServeError> {
    std::fs::create_dir_all(folder).map_err(ServeError::Start)?;
    std::fs::canonicalize(folder).map_err(ServeError::Start)
}

/// Where the sources are and where the builds go (both absolute).
#[derive(Debug, Clone)]
struct Site {
    root: PathBuf,
    output: PathBuf,
    /// The output is a temporary folder, removed on exit.
    temporary: bool,
}

async fn run(options: &ServeOptions, site: &Site, reporter: &Reporter) -> Result<(), ServeError> {
    let listener = listen(options.bind, options.port, reporter).await?;
    let address = listener.local_addr().map_err(ServeError::Start)?;
    let url = site_url(address);
    if !options.bind.is_loopback() {
        reporter.warning(&format_args!(
            "serving on {} makes the site, drafts included, readable by anyone on your network",
            options.bind
        ));
    }
    let (messages, received) = mpsc::unbounded_channel();
    let watcher = SiteWatcher::start(&site.root, messages)?;
    let (publisher, status) = status_channel::channel(BuildStatus::default());
    let recent = RecentPages::default();
    let builder = Builder {
        session: Arc::new(Mutex::new(Session::new(build_options(site, &url)))),
        layout: SiteLayout {
            root: site.root.clone(),
            output: site.output.clone(),
            extra: watcher.extra_folders().to_vec(),
        },
        publisher: Arc::new(publisher),
        recent: recent.clone(),
        reporter: *reporter,
    };
    let removed = if site.temporary {
        " (removed on exit)"
    } else {
        ""
    };
    reporter.progress(&format!("Building into {}{removed}", site.output.display()));
    let mut pending = ChangeSet::default();
    builder.rebuild(&mut pending).await;
    let shutdown = ShutdownSignals::install();
    reporter.progress(&format!("Serving {url} (Ctrl-C to stop)"));
    if options.open_browser {
        open_in_browser(&url, reporter);
    }
    let state = ServerState {
        output: site.output.clone(),
        live: LiveState {
            status,
            recent,
            heartbeat: options.limits.heartbeat(),
        },
    };
    let hosts = HostPolicy {
        allowed: Arc::new(options.allowed_hosts.clone()),
    };
    let server = serve_connections(listener, router(state, hosts), options.limits);
    tokio::select! {
        () = server => Ok(()),
        () = builder.rebuild_on_changes(received, watcher, pending) => Ok(()),
        () = shutdown.received() => {
            reporter.progress(if site.temporary {
                "Stopped; the temporary output is removed."
            } else {
                "Stopped."
            });
            Ok(())
        }
    }
}

/// Listens on the port asked for, or on `DEFAULT_PORT` or the first free one of the next
/// `NEXT_PORTS` (with a note, since the printed URL is not the usual one).
async fn listen(
    bind: IpAddr,
    port: Option<u16>,
    reporter: &Reporter,
) -> Result<TcpListener, ServeError> {
    if let Some(port) = port {
        return listen_on(bind, port).await;
    }
    let last = DEFAULT_PORT + NEXT_PORTS;
    for port in DEFAULT_PORT..=last {
        match listen_on(bind, port).await {
            Err(ServeError::PortInUse { .. }) => continue,
            Ok(listener) if port != DEFAULT_PORT => {
                reporter.note(&format_args!(
                    "port {DEFAULT_PORT} on {bind} is in use, so folio serves on port {port} (choose one with --port)"
                ));
                return Ok(listener);
            }
            result => return result,
        }
    }
    Err(ServeError::PortsInUse {
        bind,
        first: DEFAULT_PORT,
        last,
    })
}

async fn listen_on(bind: IpAddr, port: u16) -> Result<TcpListener, ServeError> {
    let addr = SocketAddr::new(bind, port);
    TcpListener::bind(addr).await.map_err(|source| {
        if source.kind() == io::ErrorKind::AddrInUse {
            ServeError::PortInUse { bind, port }
        } else {
            ServeError::Listen { addr, source }
        }
    })
}

/// The address pages link to: the bound one, or loopback when bound to every interface.
fn site_url(address: SocketAddr) -> String {
    let host = match address.ip() {
        ip if ip.is_unspecified() && ip.is_ipv4() => "127.0.0.1".to_string(),
        ip if ip.is_unspecified() => "[::1]".to_string(),
        IpAddr::V6(ip) => format!("[{ip}]"),
        IpAddr::V4(ip) => ip.to_string(),
    };
    format!("http://{host}:{}/", address.port())
}

/// Drafts and future pages are always shown while previewing.
fn build_options(site: &Site, url: &str) -> BuildOptions {
    BuildOptions {
        root: site.root.clone(),
        output: Some(site.output.clone()),
        base_url: Some(url.to_string()),
        include_drafts: true,
        strict: false,
        highlight_cache: Some(BlockCache::default()),
        cache_dir: Some(site.root.join(crate::cache::DEFAULT_DIR)),
        ..BuildOptions::default()
    }
}

/// Runs builds and publishes their outcome to open pages.
struct Builder {
    /// The site as last built, brought up to date by each rebuild (one at a time).
    session: Arc<Mutex<Session>>,
    layout: SiteLayout,
    publisher: Arc<status_channel::Sender<BuildStatus>>,
    /// The pages served lately: written first when every page is rendered again.
    recent: RecentPages,
    reporter: Reporter,
}

impl Builder {
    /// Waits for bursts of changes, one rebuild per burst (bursts that arrive during a build
    /// are merged into the next one).
    async fn rebuild_on_changes(
        &self,
        mut received: mpsc::UnboundedReceiver<WatchMessage>,
        mut watcher: SiteWatcher,
        mut pending: ChangeSet,
    ) {
        let mut seen = SeenContents::default();
        while let Some(first) = received.recv().await {
            let mut touched = Vec::new();
            let mut next = Some(first);
            while let Some(message) = next {
                match message {
                    WatchMessage::Touched(paths) => touched.extend(paths),
                    WatchMessage::Failed(errors) => {
                        for error in errors {
                            self.reporter.warning(&format_args!("watching: {error}"));
                        }
                    }
                }
                next = received.try_recv().ok();
            }
            if let Err(e) = watcher.follow_source_folders() {
                self.reporter
                    .warning(&format_args!("cannot watch a new source folder: {e}"));
            }
            let touched = seen.changed(touched);
            let changes = classify(&self.layout.with_extra(watcher.extra_folders()), &touched);
            if changes.is_empty() {
                continue;
            }
            self.reporter
                .progress(&format!("Changed: {}", changes.describe()));
            pending.merge(changes);
            self.rebuild(&mut pending).await;
        }
    }

    /// Builds (in a blocking thread: the pipeline uses rayon) and publishes the result. The
    /// changes stay pending until a build succeeds, so the page learns what it has missed.
    async fn rebuild(&self, pending: &mut ChangeSet) {
        let session = self.session.clone();
        let changes = pending.for_build();
        let open = self.recent.list();
        let publisher = self.publisher.clone();
        let reporter = self.reporter;
        let result = tokio::task::spawn_blocking(move || {
            let mut settled = Vec::new();
            let mut early = |urls: &[String]| {
                reporter.progress(&format!(
                    "Updated the open page{} first: {}",
                    report::plural(urls.len()),
                    urls.join(", ")
                ));
                settled = urls.to_vec();
                publisher.send_modify(|status| {
                    status.build += 1;
                    status.css_only = false;
                    status.errors.clear();
                    status.settled.clear();
                });
            };
            let built = rebuild(&session, &changes, &open, &mut early);
            built.map(|built| (built, settled))
        })
        .await
        .unwrap_or_else(|e| Err(vec![internal_error(&e.to_string())]));
        match result {
            Ok((site, settled)) => {
                self.reporter.diagnostics(&site.warnings, &self.layout.root);
                self.reporter
                    .progress(&report::built_line(&site.summary, &self.layout.output));
                let css_only = pending.is_css_only();
                *pending = ChangeSet::default();
                self.publisher.send_modify(|status| {
                    status.build += 1;
                    status.css_only = css_only;
                    status.errors.clear();
                    status.settled = settled;
                });
            }
            Err(diagnostics) => {
                self.reporter.diagnostics(&diagnostics, &self.layout.root);
                let served = if self.publisher.borrow().build == 0 {
                    "pages will show once it is fixed"
                } else {
                    "still serving the last good build"
                };
                let errors = Counts::of(&diagnostics).errors;
                self.reporter
                    .error(&report::build_failed(errors, served), None);
                let reports: Vec<ErrorReport> = diagnostics.iter().map(ErrorReport::from).collect();
                self.publisher.send_modify(|status| status.errors = reports);
            }
        }
    }
}

/// Rebuilds in the session, writing the `open` pages first when every page is rendered again;
/// after a rebuild that panicked, starts a new session over.
fn rebuild(
    session: &Mutex<Session>,
    changes: &Changes,
    open: &[String],
    early: &mut dyn FnMut(&[String]),
) -> Result<Built, Vec<Diagnostic>> {
    let mut session = session.lock().unwrap_or_else(|poisoned| {
        let mut session = poisoned.into_inner();
        *session = session.restarted();
        session
    });
    session.rebuild_open_first(changes, open, early)
}

fn internal_error(message: &str) -> Diagnostic {
    Diagnostic::error(
        "folio",
        crate::diagnostic::Position::FILE,
        format!("the build stopped unexpectedly: {message}"),
    )
    .with_code("F0904")
}

/// Ctrl-C, or SIGTERM on Unix. The handlers are installed when this is made, not when it is
/// first awaited: a signal that arrives after "Serving" is printed must stop the server cleanly
/// (removing the temporary folder), not kill it. If no handler can be installed, never fires.
struct ShutdownSignals {
    #[cfg(unix)]
    unix: Vec<tokio::signal::unix::Signal>,
}

impl ShutdownSignals {
    fn install() -> ShutdownSignals {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let unix = [SignalKind::interrupt(), SignalKind::terminate()]
                .into_iter()
                .filter_map(|kind| signal(kind).ok())
                .collect();
            ShutdownSignals { unix }
        }
        #[cfg(not(unix))]
        ShutdownSignals {}
    }

    async fn received(mut self) {
        #[cfg(unix)]
        {
            if self.unix.is_empty() {
                return std::future::pending().await;
            }
            let waits = self.unix.iter_mut().map(|s| Box::pin(s.recv()));
            futures_util::future::select_all(waits).await;
        }
        #[cfg(not(unix))]
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

fn open_in_browser(url: &str, reporter: &Reporter) {
    let (program, args): (&str, &[&str]) = if cfg!(target_os = "macos") {
        ("open", &[])
    } else if cfg!(windows) {
        ("cmd", &["/C", "start", ""])
    } else {
        ("xdg-open", &[])
    };
    let opened = std::process::Command::new(program)
        .args(args)
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if let Err(e) = opened {
        reporter.warning(&format_args!(
            "cannot open a browser ({program}: {e}); open {url} yourself"
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_link_to_an_address_a_browser_can_reach() {
        let url = |s: &str| site_url(s.parse().unwrap());
        assert_eq!(url("127.0.0.1:1111"), "http://127.0.0.1:1111/");
        assert_eq!(url("0.0.0.0:8080"), "http://127.0.0.1:8080/");
        assert_eq!(url("[::]:8080"), "http://[::1]:8080/");
        assert_eq!(url("[::1]:80"), "http://[::1]:80/");
        assert_eq!(url("192.168.1.5:1111"), "http://192.168.1.5:1111/");
    }

    #[test]
    fn port_in_use_says_what_to_do() {
        let error = ServeError::PortInUse {
            bind: "127.0.0.1".parse().unwrap(),
            port: 1111,
        };
        assert_eq!(
            error.to_string(),
            "port 1111 on 127.0.0.1 is already in use"
        );
        assert_eq!(error.kind(), FailureKind::Usage);
        assert!(error.help().is_some_and(|h| h.contains("--port")));
        let all = ServeError::PortsInUse {
            bind: "127.0.0.1".parse().unwrap(),
            first: DEFAULT_PORT,
            last: DEFAULT_PORT + NEXT_PORTS,
        };
        assert_eq!(
            all.to_string(),
            "ports 1111 to 1121 on 127.0.0.1 are all in use"
        );
        assert_eq!(all.kind(), FailureKind::Usage);
        assert_eq!(all.help(), error.help());
    }
}
