//! Headless Chromium (Debian's `chromium` package) for the browser tests, started with the
//! flags this machine's closed network needs, and stopped when dropped.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) struct Chromium {
    child: Child,
    _profile: tempfile::TempDir,
    /// host:port of its DevTools HTTP endpoint.
    pub devtools: String,
}

impl Chromium {
    /// Opens `url` in a fresh profile; waits up to `wait` for the DevTools address. Every host
    /// but 127.0.0.1 is unresolvable, so no page a test opens can reach another machine.
    pub(crate) fn start(url: &str, wait: Duration) -> Chromium {
        let profile = tempfile::tempdir().expect("profile");
        let mut child = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium (apt-get install chromium)");
        let stderr = child.stderr.take().expect("stderr");
        let (sender, lines) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if sender.send(line).is_err() {
                    break;
                }
            }
        });
        let deadline = Instant::now() + wait;
        let devtools = loop {
            let line = lines
                .recv_timeout(deadline.saturating_duration_since(Instant::now()))
                .expect("chromium prints its DevTools address");
            if let Some(rest) = line.split("DevTools listening on ws://").nth(1) {
                break rest.split('/').next().unwrap_or_default().to_string();
            }
        };
        Chromium {
            child,
            _profile: profile,
            devtools,
        }
    }
}

impl Drop for Chromium {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}
