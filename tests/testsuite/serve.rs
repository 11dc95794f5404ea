//! `folio serve` end to end: the real binary on a free port of 127.0.0.1, a plain TCP client (so
//! nothing normalizes the request paths the traversal tests send), and the live-reload event
//! stream. Every wait is bounded; the server is stopped by a drop guard.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::chromium::Chromium;
use crate::harness::SiteTest;

const WAIT: Duration = Duration::from_secs(30);

/// A running `folio serve`; stopped (SIGTERM, then SIGKILL) when dropped.
struct Server {
    child: Child,
    address: String,
    output: PathBuf,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    fn start(site: &SiteTest) -> Server {
        Server::start_with(site.root(), &["--port", "0"])
    }

    /// `folio serve --root ROOT ARGS...`
    fn start_with(root: &Path, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_folio"))
            .args(["serve", "--root"])
            .arg(root)
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start folio serve");
        let lines = read_lines(child.stdout.take().expect("stdout"));
        let stderr = collect(child.stderr.take().expect("stderr"));
        let mut server = Server {
            child,
            address: String::new(),
            output: PathBuf::new(),
            stderr,
        };
        let deadline = Instant::now() + WAIT;
        while server.address.is_empty() {
            let line = lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .unwrap_or_else(|_| panic!("no Serving line; stderr:\n{}", server.stderr()));
            if let Some(rest) = line.strip_prefix("Building into ") {
                server.output = PathBuf::from(rest.trim_end_matches(" (removed on exit)"));
            }
            if let Some(rest) = line.strip_prefix("Serving http://") {
                server.address = rest.split('/').next().unwrap_or_default().to_string();
            }
        }
        server
    }

    fn port(&self) -> &str {
        self.address.rsplit(':').next().unwrap_or_default()
    }

    fn stderr(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// stderr once it contains `needle` (it is read by a thread, so it may lag behind events).
    fn wait_for_stderr(&self, needle: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let stderr = self.stderr();
            if stderr.contains(needle) {
                return stderr;
            }
            assert!(
                Instant::now() < deadline,
                "no {needle:?} in stderr:\n{stderr}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn get(&self, target: &str) -> Response {
        request(&self.address, target)
    }

    fn events(&self) -> Events {
        Events::connect(&self.address)
    }

    /// Waits for `reload` events until `target` contains `needle` (a reload left over from an
    /// earlier save may come first).
    fn wait_for_page(&self, events: &Events, target: &str, needle: &str) -> Response {
        let deadline = Instant::now() + WAIT;
        loop {
            events.expect_until("reload", deadline);
            let page = self.get(target);
            if page.body.contains(needle) {
                return page;
            }
        }
    }

    fn signal(&self, name: &str) {
        Command::new("kill")
            .args([name, &self.child.id().to_string()])
            .status()
            .ok();
    }

    /// Waits for the process to end by itself, up to `limit`.
    fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + limit;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.signal("-TERM");
            if self.wait_exit(Duration::from_secs(5)).is_none() {
                self.child.kill().ok();
                self.child.wait().ok();
            }
        }
    }
}

fn read_lines(stream: impl Read + Send + 'static) -> Receiver<String> {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send(line).is_err() {
                break;
            }
        }
    });
    receiver
}

fn collect(stream: impl Read + Send + 'static) -> Arc<Mutex<String>> {
    let text = Arc::new(Mutex::new(String::new()));
    let writer = Arc::clone(&text);
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if let Ok(mut text) = writer.lock() {
                text.push_str(&line);
                text.push('\n');
            }
        }
    });
    text
}

struct Response {
    status: u16,
    head: String,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }
}

/// One request, sent as written (no normalizing of `..` or `%2e`); the body is read up to its
/// Content-Length, or until the server closes.
fn request(address: &str, target: &str) -> Response {
    request_as(address, target, address)
}

/// `request` with another `Host` header.
fn request_as(address: &str, target: &str, host: &str) -> Response {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(WAIT)).expect("timeout");
    write!(
        stream,
        "GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
    )
    .expect("send");
    let mut reader = BufReader::new(stream);
    let mut head = String::new();
    while !head.ends_with("\r\n\r\n") {
        if reader.read_line(&mut head).expect("read head") == 0 {
            break;
        }
    }
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    let mut response = Response {
        status,
        head: head.trim_end().to_string(),
        body: String::new(),
    };
    let mut body = Vec::new();
    match response
        .header("content-length")
        .and_then(|n| n.parse().ok())
    {
        Some(length) => {
            body.resize(length, 0);
            reader.read_exact(&mut body).expect("read body");
        }
        None => {
            reader.read_to_end(&mut body).expect("read body");
        }
    }
    response.body = String::from_utf8_lossy(&body).into_owned();
    response
}

/// The server-sent events of `/__folio/events`, as (event, data) pairs, read by a thread.
struct Events {
    received: Receiver<(String, String)>,
}

impl Events {
    fn connect(address: &str) -> Events {
        let mut stream = TcpStream::connect(address).expect("connect");
        write!(
            stream,
            "GET /__folio/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send");
        let (sender, received) = mpsc::channel();
        std::thread::spawn(move || read_events(BufReader::new(stream), &sender));
        Events { received }
    }

    /// The data of the next event called `name`, skipping others; panics at the deadline.
    fn expect_until(&self, name: &str, deadline: Instant) -> String {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.received.recv_timeout(left) {
                Ok((event, data)) if event == name => return data,
                Ok(_) => {}
                Err(_) => panic!("no `{name}` event in time"),
            }
        }
    }

    fn expect(&self, name: &str) -> String {
        self.expect_until(name, Instant::now() + WAIT)
    }
}

/// Reads a chunked SSE response: skips the head, undoes the chunking, parses events.
fn read_events(mut reader: BufReader<TcpStream>, sender: &mpsc::Sender<(String, String)>) {
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        line.clear();
    }
    let mut pending = String::new();
    let (mut event, mut data) = (String::new(), String::new());
    loop {
        let mut size = String::new();
        if reader.read_line(&mut size).map_or(true, |n| n == 0) {
            return;
        }
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            return;
        };
        let mut chunk = vec![0; size + 2];
        if size == 0 || reader.read_exact(&mut chunk).is_err() {
            return;
        }
        pending.push_str(&String::from_utf8_lossy(&chunk[..size]));
        while let Some(end) = pending.find('\n') {
            let field: String = pending.drain(..=end).collect();
            let field = field.trim_end_matches(['\n', '\r']);
            if field.is_empty() && !event.is_empty() {
                let done = (std::mem::take(&mut event), std::mem::take(&mut data));
                if sender.send(done).is_err() {
                    return;
                }
            } else if let Some(name) = field.strip_prefix("event: ") {
                event = name.to_string();
            } else if let Some(value) = field.strip_prefix("data: ") {
                data.push_str(value);
            }
        }
    }
}

fn page(body: &str) -> String {
    format!("---\ntitle: A page\n---\n{body}\n")
}

/// Saves like VS Code or JetBrains: a temporary file renamed over the original.
fn save_by_rename(path: &Path, contents: &str) {
    let temporary = path.with_extension("md.tmp");
    std::fs::write(&temporary, contents).expect("write temporary");
    std::fs::rename(&temporary, path).expect("rename over the original");
}

#[test]
fn serves_the_site_and_reloads_after_edits_and_rename_saves() {
    let site = SiteTest::new().file("content/guide/a.md", &page("first version"));
    let server = Server::start(&site);
    let first = server.get("/guide/a/");
    assert_eq!(first.status, 200);
    assert!(first.body.contains("first version"));
    assert!(
        first
            .body
            .contains("<script src=\"/__folio/live.js?build=1\" defer></script></body>")
    );
    assert_eq!(first.header("cache-control").as_deref(), Some("no-cache"));
    assert!(
        first.body.contains(&format!("http://{}/", server.address)),
        "links use the local address"
    );
    let events = server.events();
    assert_eq!(events.expect("hello"), "1");

    let source = site.root().join("content/guide/a.md");
    std::fs::write(&source, page("second version")).expect("edit");
    server.wait_for_page(&events, "/guide/a/", "second version");

    save_by_rename(&source, &page("third version"));
    let third = server.wait_for_page(&events, "/guide/a/", "third version");
    assert_eq!(third.status, 200);

    std::fs::create_dir_all(site.root().join("content/later")).expect("mkdir");
    std::fs::write(
        site.root().join("content/later/b.md"),
        page("in a new folder"),
    )
    .expect("new");
    server.wait_for_page(&events, "/later/b/", "in a new folder");
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = SiteTest::new()
        .file("content/a.md", &page("text"))
        .file("static/site.css", "body { color: red }");
    let server = Server::start(&site);
    let events = server.events();
    events.expect("hello");
    std::fs::write(site.root().join("static/site.css"), "body { color: blue }").expect("edit");
    assert_eq!(events.expect("css"), "2");
    let css = server.get("/site.css");
    assert_eq!(css.body, "body { color: blue }");
    assert_eq!(
        css.header("content-type").as_deref(),
        Some("text/css; charset=utf-8")
    );
}

#[test]
fn a_broken_edit_keeps_the_last_good_site_and_shows_the_errors() {
    let site = SiteTest::new().file("content/guide/a.md", &page("good"));
    let server = Server::start(&site);
    let events = server.events();
    events.expect("hello");
    let source = site.root().join("content/guide/a.md");
    std::fs::write(&source, "---\ntitle: A page\nvotes: many\n---\nbroken\n").expect("break");

    let reported = events.expect("errors");
    assert!(
        reported
            .contains("\"code\":\"F0106\",\"path\":\"content/guide/a.md\",\"line\":3,\"col\":8"),
        "{reported}"
    );
    assert!(
        reported.contains("\"source_line\":\"votes: many\""),
        "{reported}"
    );
    let current = server.get("/__folio/errors");
    assert_eq!(current.body, reported);
    let page_while_broken = server.get("/guide/a/");
    assert_eq!(page_while_broken.status, 200);
    assert!(page_while_broken.body.contains("good"));
    let late_events = server.events();
    late_events.expect("hello");
    assert_eq!(
        late_events.expect("errors"),
        reported,
        "a page opened later sees them too"
    );
    let stderr = server.wait_for_stderr("3 | votes: many");
    assert_eq!(
        stderr
            .matches("content/guide/a.md:3:8: error[F0106]:")
            .count(),
        1,
        "the terminal shows the error once:\n{stderr}"
    );

    std::fs::write(&source, page("fixed")).expect("fix");
    assert_eq!(events.expect("errors"), "[]");
    server.wait_for_page(&events, "/guide/a/", "fixed");
    assert_eq!(server.get("/__folio/errors").body, "[]");
}

#[test]
fn requests_never_leave_the_output_folder() {
    let site = SiteTest::new().file("content/a.md", &page("text"));
    let server = Server::start(&site);
    let secret = site.root().join("secret.txt");
    std::fs::write(&secret, "TOP SECRET").expect("secret");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, server.output.join("leak.txt")).expect("symlink");
    for target in [
        "/../secret.txt",
        "/../../etc/passwd",
        "/a/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fsecret.txt",
        "/%2f..%2fsecret.txt",
        "/..\\secret.txt",
        "/%5c..%5csecret.txt",
        "//etc/passwd",
        "/index.html%00",
        "/leak.txt",
        "http://localhost/../secret.txt",
    ] {
        let response = server.get(target);
        assert!(
            matches!(response.status, 400 | 404),
            "{target}: {}",
            response.status
        );
        assert!(!response.body.contains("TOP SECRET"), "{target}");
        assert!(!response.body.contains("root:"), "{target}");
    }
}

#[test]
fn requests_for_other_host_names_are_refused() {
    let site = SiteTest::new().file("content/a.md", &page("draft text"));
    let server = Server::start(&site);
    assert!(server.get("/a/").body.contains("draft text"));
    let port = server.port();
    // What a page that rebound its own name to 127.0.0.1 would send, and an address this
    // server does not listen on.
    for (target, host) in [
        ("/a/", format!("evil.example:{port}")),
        ("/__folio/errors", "evil.example".to_string()),
        ("/__folio/events", "evil.example".to_string()),
        ("http://evil.example/a/", server.address.clone()),
        ("/a/", format!("192.168.1.20:{port}")),
    ] {
        let response = request_as(&server.address, target, &host);
        assert_eq!(response.status, 403, "{target} for {host}");
        assert!(!response.body.contains("draft text"), "{target} for {host}");
    }
    let refused = request_as(&server.address, "/a/", &format!("Evil.Example:{port}"));
    assert!(
        refused
            .body
            .starts_with("folio serve refused the host name evil.example "),
        "{}",
        refused.body
    );
    assert!(
        refused
            .body
            .contains("allow it: folio serve --allowed-host evil.example\n"),
        "{}",
        refused.body
    );
    for host in [
        format!("localhost:{port}"),
        format!("app.localhost:{port}"),
        format!("[::1]:{port}"),
        format!("127.0.0.1:{port}"),
    ] {
        let response = request_as(&server.address, "/a/", &host);
        assert_eq!(response.status, 200, "{host}");
    }
}

#[test]
fn names_given_with_allowed_host_are_answered() {
    let site = SiteTest::new().file("content/a.md", &page("draft text"));
    let server = Server::start_with(
        site.root(),
        &[
            "--port",
            "0",
            "--allowed-host",
            "guide.test",
            "--allowed-host",
            ".dev.example",
        ],
    );
    let port = server.port();
    for host in [
        format!("guide.test:{port}"),
        "GUIDE.test".to_string(),
        format!("dev.example:{port}"),
        format!("a.dev.example:{port}"),
    ] {
        let response = request_as(&server.address, "/a/", &host);
        assert_eq!(response.status, 200, "{host}");
        assert!(response.body.contains("draft text"), "{host}");
    }
    for host in ["a.guide.test", "other.test", "notdev.example"] {
        assert_eq!(
            request_as(&server.address, "/a/", host).status,
            403,
            "{host}"
        );
    }
    let run = site.run(&["serve", "--allowed-host", "http://guide.test:1111"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`http://guide.test:1111` is not a host name"),
        "{}",
        run.stderr
    );
}

/// `folio serve` with short timeouts (and the other arguments given).
fn start_with_timeouts(site: &SiteTest, header_read: &str, idle: &str, more: &[&str]) -> Server {
    let mut args = vec![
        "--port",
        "0",
        "--header-read-timeout",
        header_read,
        "--idle-timeout",
        idle,
    ];
    args.extend_from_slice(more);
    Server::start_with(site.root(), &args)
}

fn connect(address: &str) -> TcpStream {
    let stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(WAIT)).expect("timeout");
    stream
}

/// Reads until the server closes `stream` (a reset counts); what it sent, and when it closed.
/// Panics when it is still open after `WAIT`.
fn read_until_closed(stream: &mut TcpStream) -> (Vec<u8>, Instant) {
    let mut received = Vec::new();
    let mut buffer = vec![0; 64 * 1024];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return (received, Instant::now()),
            Ok(n) => received.extend_from_slice(&buffer[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return (received, Instant::now());
            }
            Err(e) => panic!("the server kept the connection open ({e})"),
        }
    }
}

#[test]
fn a_silent_connection_is_closed_after_the_header_read_timeout() {
    let site = SiteTest::new().file("content/a.md", &page("text"));
    let server = start_with_timeouts(&site, "500ms", "60s", &[]);
    let mut silent = connect(&server.address);
    let opened = Instant::now();
    let (received, closed) = read_until_closed(&mut silent);
    let after = closed - opened;
    assert!(
        received.is_empty(),
        "{}",
        String::from_utf8_lossy(&received)
    );
    assert!(
        after >= Duration::from_millis(400),
        "closed after {after:?}"
    );
    assert!(after < Duration::from_secs(10), "closed after {after:?}");
}

#[test]
fn headers_sent_a_byte_at_a_time_are_cut_off_at_the_header_read_timeout() {
    let site = SiteTest::new().file("content/a.md", &page("text"));
    let server = start_with_timeouts(&site, "1s", "60s", &[]);
    let mut slow = connect(&server.address);
    slow.set_read_timeout(Some(Duration::from_millis(50)))
        .expect("timeout");
    let opened = Instant::now();
    let head = format!("GET /a/ HTTP/1.1\r\nHost: {}\r\nX-Slow: ", server.address);
    let mut bytes = head.bytes().chain(std::iter::repeat(b'a'));
    let closed = loop {
        let after = opened.elapsed();
        assert!(after < WAIT, "still open after {after:?}");
        let byte = bytes.next().unwrap_or(b'a');
        if slow.write_all(&[byte]).is_err() {
            break after;
        }
        let mut buffer = [0; 1024];
        match slow.read(&mut buffer) {
            Ok(0) => break after,
            Ok(n) => panic!("answered: {}", String::from_utf8_lossy(&buffer[..n])),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => break after,
            Err(_) => {}
        }
    };
    assert!(
        closed >= Duration::from_millis(900),
        "closed after {closed:?}"
    );
    assert!(closed < Duration::from_secs(10), "closed after {closed:?}");
}

#[test]
fn a_kept_alive_connection_is_closed_once_idle() {
    let site = SiteTest::new().file("content/a.md", &page("text"));
    let server = start_with_timeouts(&site, "500ms", "60s", &[]);
    let mut stream = connect(&server.address);
    write!(
        stream,
        "GET /__folio/errors HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.address
    )
    .expect("send");
    let mut answered = Vec::new();
    let mut byte = [0; 1];
    while !answered.ends_with(b"\r\n\r\n[]") {
        let n = stream.read(&mut byte).expect("the answer");
        assert_eq!(n, 1, "closed early: {}", String::from_utf8_lossy(&answered));
        answered.push(byte[0]);
    }
    let idle_since = Instant::now();
    let (rest, closed) = read_until_closed(&mut stream);
    let after = closed - idle_since;
    assert!(rest.is_empty(), "{}", String::from_utf8_lossy(&rest));
    // Kept alive at first (hyper's clock started as the answer was written, a little earlier).
    assert!(
        after >= Duration::from_millis(250),
        "closed after {after:?}"
    );
    assert!(after < Duration::from_secs(10), "closed after {after:?}");
}

#[test]
fn a_client_that_stops_reading_is_closed_after_the_idle_timeout() {
    // Far more than the socket buffers of both ends hold, so the server's writes stall.
    let size = 32 * 1024 * 1024;
    let site = SiteTest::new()
        .file("content/a.md", &page("text"))
        .file("static/big.txt", &"x".repeat(size));
    let server = start_with_timeouts(&site, "10s", "1s", &[]);
    let mut stream = connect(&server.address);
    write!(
        stream,
        "GET /big.txt HTTP/1.1\r\nHost: {}\r\n\r\n",
        server.address
    )
    .expect("send");
    std::thread::sleep(Duration::from_secs(3));
    let (received, _) = read_until_closed(&mut stream);
    assert!(
        received.starts_with(b"HTTP/1.1 200 OK"),
        "{}",
        String::from_utf8_lossy(&received[..received.len().min(200)])
    );
    assert!(
        received.len() < size,
        "the whole file came: the stalled connection was kept"
    );
}

#[test]
fn connections_beyond_the_cap_wait_for_a_free_one() {
    let site = SiteTest::new().file("content/a.md", &page("text"));
    let server = start_with_timeouts(&site, "60s", "60s", &["--max-connections", "2"]);
    let first = connect(&server.address);
    let _second = connect(&server.address);
    let mut third = connect(&server.address);
    write!(
        third,
        "GET /__folio/errors HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.address
    )
    .expect("send");
    third
        .set_read_timeout(Some(Duration::from_millis(700)))
        .expect("timeout");
    let mut buffer = [0; 1024];
    match third.read(&mut buffer) {
        Err(e)
            if matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ) => {}
        other => panic!("a third connection was served while two were open: {other:?}"),
    }
    drop(first);
    third.set_read_timeout(Some(WAIT)).expect("timeout");
    let (answer, _) = read_until_closed(&mut third);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200 OK"), "{answer}");
    assert!(answer.ends_with("\r\n\r\n[]"), "{answer}");
}

#[test]
fn live_reload_outlives_the_idle_timeout() {
    let site = SiteTest::new().file("content/a.md", &page("first version"));
    let server = start_with_timeouts(&site, "500ms", "2s", &[]);
    let events = server.events();
    assert_eq!(events.expect("hello"), "1");
    // Well past both timeouts with nothing to tell: the heartbeats (every 500 ms) keep the
    // stream open. A closed stream ends the reader, and waiting for an event then fails at once.
    std::thread::sleep(Duration::from_secs(5));
    std::fs::write(site.root().join("content/a.md"), page("second version")).expect("edit");
    server.wait_for_page(&events, "/a/", "second version");
}

#[test]
fn folders_redirect_and_missing_pages_get_the_sites_404() {
    let site = SiteTest::new().file("content/guide/a.md", &page("text"));
    let server = Server::start(&site);
    let redirect = server.get("/guide?x=1");
    assert_eq!(redirect.status, 307);
    assert_eq!(redirect.header("location").as_deref(), Some("/guide/?x=1"));
    let missing = server.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page not found"),
        "the theme's 404.html"
    );
    assert!(missing.body.contains("/__folio/live.js"));
    let root = server.get("/");
    assert_eq!(root.status, 200);
    assert!(
        root.header("content-type")
            .is_some_and(|t| t.starts_with("text/html"))
    );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port().to_string();
    let site = SiteTest::new().file("content/a.md", &page("text"));
    let run = site.run(&["serve", "--port", &port]);
    assert_eq!(run.code, Some(2));
    assert!(
        run.stderr.contains(&format!(
            "error: port {port} on 127.0.0.1 is already in use"
        )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("--port 0"), "{}", run.stderr);
}

#[test]
fn the_default_port_moves_to_the_next_free_one_when_taken() {
    // Held by this test, or already by someone else: either way 1111 is taken.
    let _held = std::net::TcpListener::bind("127.0.0.1:1111");
    let site = SiteTest::new().file("content/a.md", &page("text"));
    let server = Server::start_with(site.root(), &[]);
    let port: u16 = server
        .address
        .strip_prefix("127.0.0.1:")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("address {}", server.address));
    assert!((1112..=1121).contains(&port), "{port}");
    server.wait_for_stderr(&format!(
        "note: port 1111 on 127.0.0.1 is in use, so folio serves on port {port} (choose one with --port)"
    ));
    assert!(server.get("/a/").body.contains("text"));
}

#[test]
fn drafts_and_future_pages_are_served_with_a_mark() {
    let site = SiteTest::new()
        .file("content/a.md", "---\ntitle: A\ndraft: true\n---\ntext\n")
        .file(
            "content/b.md",
            "---\ntitle: B\ndate: 2999-01-01\n---\ntext\n",
        );
    let server = Server::start(&site);
    let draft = server.get("/a/");
    assert!(
        draft.body.contains(
            "<h1 class=\"page-title\">A <span class=\"badge badge-draft\">Draft</span></h1>"
        ),
        "{}",
        draft.body
    );
    let scheduled = server.get("/b/");
    assert!(scheduled.body.contains(
        "<h1 class=\"page-title\">B <span class=\"badge badge-scheduled\">Scheduled <time datetime=\"2999-01-01T00:00:00Z\">Jan 1, 2999</time></span></h1>"
    ));
}

/// A grammar for `foliotest` fences that gives the word `hello` the scope `SCOPE.foliotest`.
fn test_grammar(scope: &str) -> String {
    format!(
        "%YAML 1.2\n---\nname: Folio Test\nfile_extensions: [foliotest]\nscope: source.foliotest\ncontexts:\n  main:\n    - match: '\\bhello\\b'\n      scope: {scope}.foliotest\n"
    )
}

/// A folder holding `site/` (a page with a `foliotest` block), whose folio.toml takes extra
/// grammars from `site/grammars` (folders named in folio.toml must be inside the site).
fn site_with_grammars_inside() -> SiteTest {
    SiteTest::empty()
        .file(
            "site/folio.toml",
            &format!(
                "{}\n[highlight]\nextra_syntaxes = \"grammars\"\n",
                crate::harness::CONFIG
            ),
        )
        .file("site/content/a.md", &page("```foliotest\nhello world\n```"))
}

#[test]
fn a_highlight_folder_created_while_serving_is_picked_up() {
    let dir = site_with_grammars_inside();
    let server = Server::start_with(&dir.root().join("site"), &["--port", "0"]);
    let events = server.events();
    events.expect("hello");
    let folder = dir.root().join("site/grammars");
    std::fs::create_dir(&folder).expect("mkdir");
    std::fs::write(
        folder.join("test.sublime-syntax"),
        test_grammar("keyword.control"),
    )
    .expect("write grammar");
    server.wait_for_page(&events, "/a/", "<span class=\"hl-keyword");
}

#[test]
fn edits_to_highlight_extra_folders_rebuild() {
    let dir = site_with_grammars_inside().file(
        "site/grammars/test.sublime-syntax",
        &test_grammar("keyword.control"),
    );
    let server = Server::start_with(&dir.root().join("site"), &["--port", "0"]);
    assert!(
        server
            .get("/a/")
            .body
            .contains("<span class=\"hl-keyword\">hello</span>")
    );
    let events = server.events();
    events.expect("hello");
    save_by_rename(
        &dir.root().join("site/grammars/test.sublime-syntax"),
        &test_grammar("constant.numeric"),
    );
    server.wait_for_page(
        &events,
        "/a/",
        "<span class=\"hl-constant hl-numeric\">hello</span>",
    );
}

#[test]
fn an_open_page_is_written_ahead_of_a_rebuild_of_every_page() {
    let titled = |title: &str| format!("---\ntitle: {title}\n---\ntext\n");
    let site = SiteTest::new()
        .file("content/guide/a.md", &titled("First title"))
        .file("content/guide/b.md", &titled("Another page"));
    let server = Server::start(&site);
    assert!(server.get("/guide/a/").body.contains("First title"));
    let events = server.events();
    events.expect("hello");
    // A new title changes the sidebar of every page, so every page is rendered again.
    save_by_rename(
        &site.root().join("content/guide/a.md"),
        &titled("Second title"),
    );
    let early = events.expect("reload");
    assert!(
        !early.contains(' '),
        "the early build is a plain reload: {early}"
    );
    let complete = events.expect("reload");
    let parts: Vec<&str> = complete.split(' ').collect();
    assert_eq!(
        parts[1..],
        ["/guide/a/"],
        "the page shown early needs no second reload: {complete}"
    );
    assert_eq!(
        parts[0].parse::<u64>().ok(),
        early.parse::<u64>().ok().map(|n| n + 1)
    );
    assert!(
        server.get("/guide/b/").body.contains("Second title"),
        "the rest follows"
    );
}

#[test]
fn ctrl_c_stops_and_removes_the_temporary_output() {
    let site = SiteTest::new().file("content/a.md", &page("text"));
    let mut server = Server::start(&site);
    let temporary = server
        .output
        .parent()
        .expect("temporary folder")
        .to_path_buf();
    assert!(server.output.join("index.html").is_file());
    // Open connections (a page's event stream, a client that sends nothing) do not hold it.
    let events = server.events();
    events.expect("hello");
    let _silent = connect(&server.address);
    server.signal("-INT");
    let status = server
        .wait_exit(Duration::from_secs(10))
        .expect("exits on Ctrl-C");
    assert!(status.success());
    assert!(
        !temporary.exists(),
        "{} is left behind",
        temporary.display()
    );
}

/// A headless Chromium with one tab open.
struct Browser {
    chromium: Chromium,
}

impl Browser {
    fn open(url: &str) -> Browser {
        Browser {
            chromium: Chromium::start(url, WAIT),
        }
    }

    /// Waits until the open tab's title contains `needle` (the title changes only when the
    /// page is loaded again).
    fn wait_for_title(&self, needle: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let tabs = request(&self.chromium.devtools, "/json/list").body;
            if tabs.contains(needle) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "no tab titled {needle:?}:\n{tabs}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

/// A real browser: an open page reloads by itself after an edit. Needs Chromium (Debian's
/// `chromium` package), so it is ignored by default; run it with
/// `cargo test --test testsuite serve::browser -- --ignored`.
#[test]
#[ignore = "needs chromium; run with --ignored"]
fn browser_an_open_page_reloads_after_an_edit() {
    let source = "content/guide/a.md";
    let site = SiteTest::new().file(source, "---\ntitle: First title\n---\ntext\n");
    let server = Server::start(&site);
    let browser = Browser::open(&format!("http://{}/guide/a/", server.address));
    browser.wait_for_title("First title");
    // No wait for the event stream: a page that connects after the rebuild sees a newer build
    // number in the `hello` event and reloads too.
    save_by_rename(
        &site.root().join(source),
        "---\ntitle: Second title\n---\ntext\n",
    );
    browser.wait_for_title("Second title");
}
