//! The search index and the reader's script that reads it (`themes/default/static/search.js`),
//! run under node against the built files: the same terms on both sides, the judged queries of
//! the sample guide, and the index's files (named by their bytes, the same from build to build,
//! a page's `search: false`, `[search] enable = false`). node is required: without it these fail.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use folio::stages::Analyzer;

use crate::harness::{CONFIG, SiteTest};

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Loads search.js and every stemmer of the theme into node, as a page's script does.
const PRELUDE: &str = r#"
globalThis.self = globalThis;
const fs = require('fs'), path = require('path');
const theme = process.env.FOLIO_THEME_STATIC;
require(path.join(theme, 'search.js'));
for (const f of fs.readdirSync(path.join(theme, 'stem')).sort()) require(path.join(theme, 'stem', f));
const core = self.folioSearchCore;
"#;

/// Runs `script` (after `PRELUDE`) with `input` on stdin; its stdout.
fn node(script: &str, input: &str, args: &[&Path]) -> String {
    let mut child = Command::new("node")
        .arg("-e")
        .arg(format!("{PRELUDE}\n{script}"))
        .args(args)
        .env("FOLIO_THEME_STATIC", repo().join("themes/default/static"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot run `node` ({e}): Node.js is required by the search tests")
        });
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write to node");
    let output = child.wait_with_output().expect("node runs");
    assert!(
        output.status.success(),
        "node failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("utf-8")
}

fn markdown_under(dir: &Path, skip: Option<&Path>) -> Vec<String> {
    let mut texts: Vec<(PathBuf, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| skip.is_none_or(|s| !e.path().starts_with(s)))
        .map(|e| {
            (
                e.path().to_path_buf(),
                std::fs::read_to_string(e.path()).expect("read"),
            )
        })
        .collect();
    texts.sort();
    texts.into_iter().map(|(_, text)| text).collect()
}

/// The reader's script cuts and stems a query's words exactly as the build cut and stemmed the
/// pages': every text of the sample guide, in its language, plus words that take each rule of
/// `src/search/words.rs` (identifiers, scripts without spaces, NFC, ё, the Russian plural).
#[test]
fn the_reader_makes_the_terms_the_index_made() {
    let content = repo().join("content");
    let tricky = "select_related parseHTTPHeader HTTPServer v2.0 搜索引擎 カタカナ cafe\u{301} Ёлка \
                  учат лечат чат ΟΔΟΣ İstanbul don’t 1,5 snake__case _private emoji😀ed \u{10400}";
    let mut cases = vec![
        ("en", markdown_under(&content, Some(&content.join("ru")))),
        ("ru", markdown_under(&content.join("ru"), None)),
    ];
    for lang in ["en", "ru", "de", "fr", "es", "pt", "zh", "ar"] {
        cases.push((lang, vec![tricky.to_string()]));
    }
    let script = r#"
const cases = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(JSON.stringify(cases.map(([lang, text]) => core.queryTerms(text, lang))));
"#;
    let flat: Vec<(&str, &String)> = (cases.iter())
        .flat_map(|(lang, texts)| texts.iter().map(move |t| (*lang, t)))
        .collect();
    let input = serde_json::to_string(&flat).expect("json");
    let js: Vec<Vec<String>> = serde_json::from_str(&node(script, &input, &[])).expect("json");
    let mut terms = 0;
    for ((lang, text), js) in flat.iter().zip(&js) {
        let rust = Analyzer::new(lang).query_terms(text);
        terms += rust.len();
        if rust != *js {
            let at = rust.iter().zip(js).position(|(a, b)| a != b).unwrap_or(0);
            panic!(
                "{lang}: the index and search.js part at term {at}: rust {:?}, js {:?}",
                &rust[at..(at + 5).min(rust.len())],
                &js[at..(at + 5).min(js.len())]
            );
        }
    }
    assert!(terms > 20_000, "only {terms} terms compared");
}

/// Runs each judged query of `tests/fixtures/search/sample-queries.tsv` on the built files, as
/// the results list does: prints the rank of the expected result among the first ten (0: not
/// there) and the first result's URL.
const JUDGE: &str = r#"
const site = process.argv[1];
globalThis.fetch = async (url) => new Response(fs.readFileSync(path.join(site, new URL(url).pathname)));
const indexes = {};
(async () => {
  const out = [];
  for (const line of fs.readFileSync(0, 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [tree, query, expected] = line.split('\t');
    indexes[tree] ||= new core.Index('http://site/search/' + tree + '/index.json', () => '');
    const results = await indexes[tree].results(query, 10);
    const rank = results.findIndex((r) => r.url === expected) + 1;
    out.push([query, rank, results.length ? results[0].url : '']);
  }
  process.stdout.write(JSON.stringify(out));
})().catch((e) => { console.error(e); process.exit(1); });
"#;

/// Every judged query of the sample guide, English and Russian, finds its expected result
/// first: exact titles, inflected and partly typed words, and phrases only an answer has (the
/// result is that answer's anchor).
#[test]
fn the_sample_guide_answers_its_judged_queries() {
    let (_out, target) = built_sample();
    let queries = std::fs::read_to_string(repo().join("tests/fixtures/search/sample-queries.tsv"))
        .expect("queries");
    let ranked: Vec<(String, usize, String)> =
        serde_json::from_str(&node(JUDGE, &queries, &[&target])).expect("json");
    assert!(ranked.len() >= 30, "only {} judged queries", ranked.len());
    let answers = queries.lines().filter(|l| l.contains("#answer-")).count();
    assert!(
        answers >= 8,
        "only {answers} queries only an answer matches"
    );
    let missed: Vec<_> = ranked.iter().filter(|(_, rank, _)| *rank != 1).collect();
    assert!(
        missed.is_empty(),
        "not first (query, rank, first result): {missed:#?}"
    );
}

/// The sample guide built into a temporary folder: the folder (removed when dropped) and the
/// site in it.
fn built_sample() -> (tempfile::TempDir, PathBuf) {
    let out = tempfile::tempdir().expect("temp dir");
    let target = out.path().join("public");
    let built = Command::new(env!("CARGO_BIN_EXE_folio"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&target)
        .output()
        .expect("run folio");
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    (out, target)
}

fn search_files(site: &SiteTest) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(site.output_path("search"))
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(site.output_path("")).expect("inside");
            (
                rel.display().to_string(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("gzip");
    out
}

/// The index of a site with articles and threads: a root per language tree naming every chunk
/// and fragment, each file named by the hash of its bytes, nothing else in `search/`, and the
/// same bytes when built again; a page with `search: false` is in no fragment.
#[test]
fn the_index_is_named_by_its_bytes_and_the_same_each_build() {
    let site = SiteTest::fixture("site/mixed").file(
        "content/hidden.md",
        "---\ntitle: Kept out of search\nsearch: false\n---\nA quokka is here.\n",
    );
    site.build_ok();
    let first = search_files(&site);
    site.build_ok();
    assert_eq!(
        first,
        search_files(&site),
        "a second build changed the index"
    );
    let root: serde_json::Value =
        serde_json::from_slice(&first["search/en/index.json"]).expect("root json");
    let mut named = vec!["search/en/index.json".to_string()];
    for chunk in root["chunks"].as_array().expect("chunks") {
        named.push(format!("search/en/{}", chunk[1].as_str().expect("name")));
    }
    let hashes = root["fragments"].as_str().expect("fragments");
    let mut fragments = String::new();
    for (n, hash) in hashes.as_bytes().chunks(8).enumerate() {
        let hash = std::str::from_utf8(hash).expect("hex");
        let name = format!("search/en/f-{n}-{hash}.bin");
        fragments.push_str(&String::from_utf8(gunzip(&first[&name])).expect("utf-8"));
        named.push(name);
    }
    named.sort();
    assert_eq!(named, first.keys().cloned().collect::<Vec<_>>());
    for (path, bytes) in &first {
        let hash = xxhash_rust::xxh3::xxh3_64(bytes);
        let named_by_bytes = path.ends_with("index.json")
            || path.contains(&format!("t-{hash:016x}"))
            || path.ends_with(&format!("-{:08x}.bin", hash as u32));
        assert!(named_by_bytes, "{path} is not named by its bytes");
    }
    assert!(
        !fragments.contains("quokka"),
        "a page with search: false was indexed"
    );
    assert!(
        fragments.contains("\"k\":\"A\""),
        "no accepted answer among the results"
    );
}

/// `[search] enable = false`: no index, and no search box on the pages.
#[test]
fn a_site_can_do_without_search() {
    let site = SiteTest::new()
        .file(
            "folio.toml",
            &format!("{CONFIG}\n[search]\nenable = false\n"),
        )
        .file("content/a.md", "---\ntitle: A\n---\nText.\n");
    site.build_ok();
    assert!(!site.output_path("search").exists());
    assert!(!site.read("a/index.html").contains("data-search"));
    let with = SiteTest::new().file("content/a.md", "---\ntitle: A\n---\nText.\n");
    with.build_ok();
    assert!(
        with.read("a/index.html")
            .contains("data-search-index=\"/search/en/index.json\"")
    );
    assert!(with.read("404.html").contains("not-found-search-input"));
}

/// A key of `[search]` that does not exist is an error naming the known ones.
#[test]
fn an_unknown_search_key_is_an_error() {
    let site = SiteTest::new().file(
        "folio.toml",
        &format!("{CONFIG}\n[search]\nenabled = false\n"),
    );
    let run = site.build();
    assert!(!run.success);
    assert!(
        run.stderr
            .contains("folio.toml:5:1: error[F0601]: unknown key `enabled` in folio.toml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `enable`?"),
        "{}",
        run.stderr
    );
}

mod browser {
    //! What a reader does with the search box of the built sample guide, in headless Chromium:
    //! types, reads the results and the live region, moves with the arrow keys, opens an answer.

    use std::time::{Duration, Instant};

    use serde_json::{Value, json};

    use crate::chromium::Chromium;
    use crate::spoofing::browser::{Cdp, StaticServer, page_socket};

    /// The longest the whole test may take.
    const OVERALL: Duration = Duration::from_secs(120);

    /// Waits (in the page, up to 5 s) until the first search box's results settle on links or
    /// a message, and reads what the reader sees.
    const RESULTS: &str = r#"new Promise((resolve) => {
      const started = Date.now();
      const read = () => {
        const box = document.querySelector("[data-search]");
        const list = box.querySelector("[data-search-results]");
        const links = [...list.querySelectorAll("a")];
        const message = list.querySelector(".search-message");
        if ((!list.hidden && (links.length || message)) || Date.now() - started > 5000) {
          resolve({
            hidden: list.hidden,
            links: links.map((a) => a.getAttribute("href")),
            labels: links.map((a) => a.textContent),
            marks: list.querySelectorAll("mark").length,
            status: box.querySelector("[data-search-status]").textContent,
            shown: !list.hidden && list.getBoundingClientRect().height > 0,
            message: message ? message.textContent : null,
          });
        } else setTimeout(read, 50);
      };
      read();
    })"#;

    fn open(cdp: &mut Cdp, server: &StaticServer, path: &str) {
        cdp.take_events();
        let url = format!("http://{}/{path}", server.address);
        cdp.call("Page.navigate", json!({ "url": url }))
            .expect("navigate");
        cdp.wait_for("Page.loadEventFired").expect("page load");
    }

    /// Focuses the first search box and types `text` into it, replacing what it held.
    fn type_query(cdp: &mut Cdp, text: &str) -> Value {
        cdp.evaluate(
            "(() => { const i = document.querySelector('[data-search] input'); i.focus(); i.select(); })()",
        )
        .expect("focus");
        cdp.call("Input.insertText", json!({ "text": text }))
            .expect("type");
        // Lets the debounced search start before waiting for its results.
        std::thread::sleep(Duration::from_millis(150));
        cdp.evaluate(RESULTS).expect("results")
    }

    fn press(cdp: &mut Cdp, key: &str, code: i64) {
        for kind in ["rawKeyDown", "keyUp"] {
            let mut event =
                json!({ "type": kind, "key": key, "code": key, "windowsVirtualKeyCode": code });
            if key == "Enter" && kind == "rawKeyDown" {
                event["type"] = json!("keyDown");
                event["text"] = json!("\r");
            }
            cdp.call("Input.dispatchKeyEvent", event).expect("key");
        }
    }

    fn focused(cdp: &mut Cdp) -> String {
        cdp.evaluate(
            "document.activeElement.getAttribute('href') || document.activeElement.tagName",
        )
        .expect("focus")
        .as_str()
        .unwrap_or_default()
        .to_string()
    }

    /// The sample guide's search in a browser: the box needs no script until it is used, a query
    /// only an answer matches leads to that answer, the live region counts the results, arrows
    /// move through them and back, Escape closes them, Enter opens one, a query with no match
    /// says so, Russian words find their inflected forms, and the 404 page has a box of its own.
    /// Needs Chromium; run with `cargo test --test testsuite browser_ -- --ignored`.
    #[test]
    #[ignore = "needs chromium; run with --ignored"]
    fn browser_search_finds_answers_from_the_keyboard() {
        let started = Instant::now();
        let (_out, target) = super::built_sample();
        let server = StaticServer::start(target);
        let chromium = Chromium::start("about:blank", Duration::from_secs(20));
        let mut cdp = Cdp::connect(&page_socket(&chromium));
        cdp.call("Page.enable", json!({})).expect("Page.enable");

        open(&mut cdp, &server, "careers/pay/");
        let before = cdp
            .evaluate("[!document.querySelector('[data-search]').hidden, document.querySelectorAll('script[src*=\"search.js\"]').length]")
            .expect("state");
        assert_eq!(
            before,
            json!([true, 0]),
            "the box is shown, its script not loaded yet"
        );

        let found = type_query(&mut cdp, "visibility timeout");
        assert_eq!(
            found["links"][0], "/qa/celery-task-runs-twice/#answer-1",
            "{found:#}"
        );
        assert!(
            found["labels"][0]
                .as_str()
                .unwrap_or_default()
                .contains("Accepted answer"),
            "{found:#}"
        );
        assert!(
            found["marks"].as_u64().unwrap_or_default() > 0,
            "no highlighted words: {found:#}"
        );
        assert!(
            found["status"]
                .as_str()
                .unwrap_or_default()
                .ends_with("results"),
            "{found:#}"
        );
        assert_eq!(found["shown"], true, "{found:#}");

        press(&mut cdp, "ArrowDown", 40);
        assert_eq!(focused(&mut cdp), "/qa/celery-task-runs-twice/#answer-1");
        press(&mut cdp, "ArrowDown", 40);
        let second = focused(&mut cdp);
        assert_ne!(second, "/qa/celery-task-runs-twice/#answer-1");
        press(&mut cdp, "ArrowUp", 38);
        press(&mut cdp, "ArrowUp", 38);
        assert_eq!(focused(&mut cdp), "INPUT");
        press(&mut cdp, "Escape", 27);
        let closed = cdp
            .evaluate("document.querySelector('[data-search-results]').hidden")
            .expect("closed");
        assert_eq!(closed, json!(true));

        let none = type_query(&mut cdp, "zzqqxx");
        assert_eq!(none["message"], "No results for “zzqqxx”", "{none:#}");
        assert_eq!(none["status"], "No results for “zzqqxx”", "{none:#}");

        let again = type_query(&mut cdp, "Django Ninja");
        assert_eq!(
            again["links"][0], "/qa/fastapi-next-to-django/#answer-4",
            "{again:#}"
        );
        press(&mut cdp, "ArrowDown", 40);
        cdp.take_events();
        press(&mut cdp, "Enter", 13);
        cdp.wait_for("Page.loadEventFired")
            .expect("the answer opens");
        let landed = cdp
            .evaluate("location.pathname + location.hash")
            .expect("location");
        assert_eq!(landed, "/qa/fastapi-next-to-django/#answer-4");

        open(&mut cdp, &server, "ru/careers/pay/");
        let russian = type_query(&mut cdp, "настройкой");
        let links = russian["links"].as_array().cloned().unwrap_or_default();
        assert!(
            !links.is_empty()
                && links
                    .iter()
                    .all(|l| l.as_str().unwrap_or_default().starts_with("/ru/")),
            "{russian:#}"
        );
        assert!(
            russian["status"]
                .as_str()
                .unwrap_or_default()
                .contains("результат"),
            "{russian:#}"
        );

        open(&mut cdp, &server, "404.html");
        let boxes = cdp
            .evaluate(
                "[...document.querySelectorAll('[data-search]')].filter((b) => !b.hidden).length",
            )
            .expect("boxes");
        assert_eq!(boxes, json!(2), "the 404 page has its own search box");
        press(&mut cdp, "/", 191);
        assert_eq!(focused(&mut cdp), "INPUT", "/ focuses the search box");
        assert!(started.elapsed() < OVERALL, "took {:?}", started.elapsed());
    }
}
