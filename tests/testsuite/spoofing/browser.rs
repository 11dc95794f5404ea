//! The browser half of `spoofing`: the built hostile site served from 127.0.0.1 by a tiny static
//! server, every page opened in headless Chromium and driven over the DevTools protocol (a
//! WebSocket, through tungstenite) with `probe.js`. A control page with payloads that do run
//! shows first that the probe sees them. Every wait is bounded, and so is the whole test.
//! `rtl` drives Chromium with the same server and session.

use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

use crate::chromium::Chromium;

use super::{POSTS_PER_THREAD, ThemeClasses, fences_per_post, findings, hostile_site, html_pages};

/// The longest any one step may take.
const STEP: Duration = Duration::from_secs(20);
/// The whole run, all pages.
const OVERALL: Duration = Duration::from_secs(420);

const PROBE: &str = include_str!("probe.js");

/// Defined in every frame before the page's own scripts: what a payload calls when it runs.
const HELPER: &str = r#"(function () {
  var ran = [];
  window.__xss = ran;
  window.xss = function (name) {
    ran.push(String(name));
    try { if (top !== window) top.xss("in a frame: " + name); } catch (e) { }
  };
  window.alert = window.confirm = window.prompt = function (m) { window.xss("dialog: " + m); };
})();"#;

/// Payloads that do run, put into the question of a built page: the probe must see each.
const CONTROL: &str = r#"<img src="x" onerror="xss('control-onerror')"><a href="javascript:xss('control-link')">c</a><span onmouseover="xss('control-mouseover')" class="badge">m</span>"#;
const CONTROL_PAGE: &str = "__control/index.html";

/// A real browser: no payload runs, navigates or copies unseen text, and the live DOM (after
/// every handler fired) passes the same checks as the built HTML. Needs Chromium (Debian's
/// `chromium` package); run with `cargo test --test testsuite browser_ -- --ignored`.
#[test]
#[ignore = "needs chromium; run with --ignored"]
fn browser_hostile_posts_run_nothing_and_do_not_pass_for_the_theme() {
    let started = Instant::now();
    let site = hostile_site();
    site.build_ok();
    let theme = ThemeClasses::load();
    let output = site.root().join("public");
    let pages = html_pages(&output);
    write_control_page(&output);
    let server = StaticServer::start(output.clone());
    let chromium = Chromium::start("about:blank", STEP);
    let mut cdp = Cdp::connect(&page_socket(&chromium));
    for method in ["Page.enable", "Debugger.enable"] {
        cdp.call(method, json!({})).expect(method);
    }
    cdp.call(
        "Page.addScriptToEvaluateOnNewDocument",
        json!({ "source": HELPER }),
    )
    .expect("helper");

    let control = visit(&mut cdp, &server, CONTROL_PAGE, &theme);
    for expected in [
        "ran: control-onerror",
        "ran: control-link",
        "ran: control-mouseover",
        "the page compiled a script of its own",
        "carries the theme's class `badge`",
    ] {
        assert!(
            control.iter().any(|f| f.contains(expected)),
            "the probe misses {expected:?} on the control page:\n{}",
            control.join("\n")
        );
    }

    let mut found = Vec::new();
    for rel in &pages {
        assert!(
            started.elapsed() < OVERALL,
            "out of time at {rel}; so far:\n{}",
            found.join("\n")
        );
        found.extend(visit(&mut cdp, &server, rel, &theme));
    }
    assert!(
        found.is_empty(),
        "{} findings in {} pages in Chromium:\n{}",
        found.len(),
        pages.len(),
        found.join("\n")
    );
}

/// A copy of the front-matter thread with `CONTROL` in its question.
fn write_control_page(output: &Path) {
    let page = std::fs::read_to_string(output.join("qa/front-matter/index.html")).expect("page");
    let body = "<div class=\"prose\">";
    let at = page.find(body).expect("a question body") + body.len();
    let control = format!("{}{CONTROL}{}", &page[..at], &page[at..]);
    std::fs::create_dir_all(output.join("__control")).expect("mkdir");
    std::fs::write(output.join(CONTROL_PAGE), control).expect("control page");
}

/// Opens one page, runs the probe, and returns what is wrong with it.
fn visit(cdp: &mut Cdp, server: &StaticServer, rel: &str, theme: &ThemeClasses) -> Vec<String> {
    let path = rel.strip_suffix("index.html").unwrap_or(rel);
    let url = format!("http://{}/{path}", server.address);
    match probe(cdp, &url) {
        Ok((report, dom, events)) => {
            let mut found = report_findings(&report, &events, &url);
            let posts = report["posts"].as_u64().unwrap_or(0) as usize;
            if fences_per_post(rel).is_some() && posts != POSTS_PER_THREAD {
                found.push(format!(
                    "the probe found {posts} post bodies, not {POSTS_PER_THREAD}"
                ));
            }
            let mut out: Vec<String> = (found.into_iter()).map(|f| format!("{rel}: {f}")).collect();
            out.extend(
                findings(rel, &dom, theme)
                    .into_iter()
                    .map(|f| format!("{f} (in the live DOM)")),
            );
            out
        }
        Err(error) => vec![format!("{rel}: the probe failed: {error}")],
    }
}

fn probe(cdp: &mut Cdp, url: &str) -> Result<(Value, String, Vec<Value>), String> {
    cdp.take_events();
    let navigated = cdp.call("Page.navigate", json!({ "url": url }))?;
    if let Some(error) = navigated.get("errorText") {
        return Err(format!("navigation failed: {error}"));
    }
    cdp.wait_for("Page.loadEventFired")?;
    let report = cdp.evaluate(PROBE)?;
    let dom = cdp.evaluate("document.documentElement.outerHTML")?;
    let dom = dom.as_str().unwrap_or_default().to_string();
    Ok((report, dom, cdp.take_events()))
}

/// What the probe and the DevTools events saw: scripts that ran, a page that went away, script
/// URLs, Copy buttons that copy unseen text, dialogs, and scripts compiled from the page itself
/// (inline scripts and handler attributes; the theme's script has its own URL).
fn report_findings(report: &Value, events: &[Value], url: &str) -> Vec<String> {
    let list = |key: &str| -> Vec<String> {
        (report[key].as_array().into_iter().flatten())
            .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_string))
            .collect()
    };
    let mut out: Vec<String> = list("ran")
        .into_iter()
        .map(|n| format!("ran: {n}"))
        .collect();
    if let Some(left) = report["left"].as_str() {
        out.push(format!("the page went to {left}"));
    }
    if report["secure"] != json!(true) {
        out.push("not a secure context: the Copy button does not use the clipboard API".into());
    }
    out.extend(list("navigations"));
    out.extend(
        list("urls")
            .into_iter()
            .map(|u| format!("a script URL in {u}")),
    );
    out.extend(list("copies"));
    for event in events {
        let params = &event["params"];
        match event["method"].as_str() {
            Some("Debugger.scriptParsed") => {
                let script = params["url"].as_str().unwrap_or_default();
                let own = script == url || script.starts_with("javascript:");
                if own || script.starts_with("data:") {
                    out.push(format!(
                        "the page compiled a script of its own at line {}",
                        params["startLine"].as_i64().unwrap_or(-1) + 1
                    ));
                }
            }
            Some("Page.javascriptDialogOpening") => {
                out.push(format!("a dialog opened: {}", params["message"]));
            }
            _ => {}
        }
    }
    out
}

/// Serves the files of one folder on 127.0.0.1 (a path ending in `/` gets its `index.html`).
pub(crate) struct StaticServer {
    pub(crate) address: String,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl StaticServer {
    pub(crate) fn start(root: PathBuf) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let address = listener.local_addr().expect("address").to_string();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::SeqCst) {
                    break;
                }
                let root = root.clone();
                if let Ok(stream) = stream {
                    std::thread::spawn(move || serve_file(stream, &root));
                }
            }
        });
        StaticServer {
            address,
            stop,
            thread: Some(thread),
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the accepting thread up so that it sees the flag.
        TcpStream::connect(&self.address).ok();
        if let Some(thread) = self.thread.take() {
            thread.join().ok();
        }
    }
}

fn serve_file(stream: TcpStream, root: &Path) {
    stream.set_read_timeout(Some(STEP)).ok();
    let Ok(reading) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(reading);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
        line.clear();
    }
    let target = request.split(' ').nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let rel = path.trim_start_matches('/');
    let mut file = root.join(rel);
    if rel.is_empty() || rel.ends_with('/') {
        file = file.join("index.html");
    }
    let inside = !rel.split('/').any(|part| part == "..");
    let (status, body) = match std::fs::read(&file) {
        Ok(body) if inside => ("200 OK", body),
        _ => ("404 Not Found", b"not found".to_vec()),
    };
    let kind = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("xml") => "application/xml",
        _ => "application/octet-stream",
    };
    let mut stream = stream;
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).ok();
    stream.write_all(&body).ok();
}

/// The DevTools WebSocket URL of the browser's open tab.
pub(crate) fn page_socket(chromium: &Chromium) -> String {
    let deadline = Instant::now() + STEP;
    loop {
        let targets: Value = serde_json::from_str(&http_get(&chromium.devtools, "/json/list"))
            .unwrap_or(Value::Null);
        let page = (targets.as_array().into_iter().flatten())
            .find(|t| t["type"] == "page")
            .and_then(|t| t["webSocketDebuggerUrl"].as_str());
        if let Some(url) = page {
            return url.to_string();
        }
        assert!(Instant::now() < deadline, "no tab in {targets}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn http_get(address: &str, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(address) else {
        return String::new();
    };
    stream.set_read_timeout(Some(STEP)).ok();
    let request = format!("GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).ok();
    let mut response = String::new();
    stream.read_to_string(&mut response).ok();
    response
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default()
}

/// A DevTools protocol session over one tab's WebSocket: commands wait for their answer, events
/// that arrive meanwhile are kept for `wait_for` and `take_events`. A dialog is dismissed at
/// once (it would block the page) and kept as an event.
pub(crate) struct Cdp {
    socket: WebSocket<TcpStream>,
    next_id: u64,
    events: VecDeque<Value>,
}

impl Cdp {
    pub(crate) fn connect(url: &str) -> Cdp {
        let host = url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_else(|| panic!("not a ws:// URL: {url}"));
        let stream = TcpStream::connect(host).expect("connect to DevTools");
        let (socket, _) = tungstenite::client(url, stream).expect("DevTools handshake");
        // Short reads, so that every wait checks its deadline.
        (socket.get_ref())
            .set_read_timeout(Some(Duration::from_millis(100)))
            .expect("timeout");
        Cdp {
            socket,
            next_id: 0,
            events: VecDeque::new(),
        }
    }

    fn send(&mut self, method: &str, params: Value) -> Result<u64, String> {
        self.next_id += 1;
        let message = json!({ "id": self.next_id, "method": method, "params": params });
        (self.socket.send(Message::text(message.to_string())))
            .map_err(|e| format!("{method}: {e}"))?;
        Ok(self.next_id)
    }

    pub(crate) fn call(&mut self, method: &str, params: Value) -> Result<Value, String> {
        let id = self.send(method, params)?;
        let deadline = Instant::now() + STEP;
        loop {
            let message = self.read(deadline).map_err(|e| format!("{method}: {e}"))?;
            if message["id"] == id {
                return match message.get("error") {
                    Some(error) => Err(format!("{method}: {error}")),
                    None => Ok(message["result"].clone()),
                };
            }
        }
    }

    /// Runs `expression` in the page, waiting for a promise it returns; its value as JSON.
    pub(crate) fn evaluate(&mut self, expression: &str) -> Result<Value, String> {
        let params =
            json!({ "expression": expression, "awaitPromise": true, "returnByValue": true });
        let result = self.call("Runtime.evaluate", params)?;
        if let Some(exception) = result.get("exceptionDetails") {
            return Err(format!("the script threw: {exception}"));
        }
        Ok(result["result"]["value"].clone())
    }

    pub(crate) fn wait_for(&mut self, method: &str) -> Result<Value, String> {
        if let Some(at) = self.events.iter().position(|e| e["method"] == method) {
            return Ok(self.events.remove(at).unwrap_or_default());
        }
        let deadline = Instant::now() + STEP;
        loop {
            let message = self.read(deadline).map_err(|e| format!("{method}: {e}"))?;
            if message["method"] == method {
                return Ok(message);
            }
        }
    }

    pub(crate) fn take_events(&mut self) -> Vec<Value> {
        self.events.drain(..).collect()
    }

    /// The next message; an event is also kept (and a dialog dismissed).
    fn read(&mut self, deadline: Instant) -> Result<Value, String> {
        loop {
            if Instant::now() > deadline {
                return Err("no answer in time".to_string());
            }
            let text = match self.socket.read() {
                Ok(Message::Text(text)) => text,
                Ok(_) => continue,
                Err(tungstenite::Error::Io(e))
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    continue;
                }
                Err(e) => return Err(e.to_string()),
            };
            let message: Value = serde_json::from_str(text.as_str()).map_err(|e| e.to_string())?;
            if message["method"] == "Page.javascriptDialogOpening" {
                self.send("Page.handleJavaScriptDialog", json!({ "accept": false }))?;
            }
            if message.get("method").is_some() {
                self.events.push_back(message.clone());
            }
            return Ok(message);
        }
    }
}
