//! Live reload: the state of the latest build as open pages see it, the server-sent events that
//! tell them about a new build or new errors, and the script and stylesheet those pages load.
//!
//! In: `BuildStatus` values published by the rebuild loop through a `tokio::sync::watch` channel.
//! Out: `/__folio/events` (SSE: `hello`, `reload`, `css`, `errors`), `/__folio/errors` (JSON),
//! `/__folio/live.js`, `/__folio/overlay.css`, and HTML with the script tag added at response
//! time (the built files stay as `folio build` writes them). A page learns of a build only once
//! it is complete and swapped in, because the status is published after the swap.
//!
//! The endpoints are a router of their own, on their own state (`LiveState`), which the HTTP
//! side mounts beside the site's files: this module knows nothing of how files are served.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::routing::get;
use axum::{Json, Router};
use futures_util::stream::{self, Stream, StreamExt};
use serde::Serialize;
use tokio::sync::watch;

use crate::diagnostic::Diagnostic;

const SCRIPT_PATH: &str = "/__folio/live.js";
const OVERLAY_CSS_PATH: &str = "/__folio/overlay.css";
const EVENTS_PATH: &str = "/__folio/events";
const ERRORS_PATH: &str = "/__folio/errors";

const SCRIPT: &str = include_str!("live.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");

/// What open pages should know about the latest build.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct BuildStatus {
    /// How many builds were swapped in; 0 while no build has succeeded.
    pub build: u64,
    /// The latest swap changed stylesheets only, so pages can swap them without a reload.
    pub css_only: bool,
    /// The errors of the latest build when it failed (the previous good build is still served).
    pub errors: Vec<ErrorReport>,
    /// URL paths of pages written ahead of the rest of this build (and announced as the build
    /// before it): showing that build, they are current and need no second reload.
    pub settled: Vec<String>,
}

/// A diagnostic as the overlay shows it; `text` is exactly what the terminal prints (without
/// colors), and `code` its stable code, explained in docs/diagnostics.md.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(super) struct ErrorReport {
    pub severity: String,
    pub code: String,
    pub path: String,
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub help: Option<String>,
    pub source_line: Option<String>,
    pub text: String,
}

impl From<&Diagnostic> for ErrorReport {
    fn from(d: &Diagnostic) -> Self {
        ErrorReport {
            severity: d.severity.to_string(),
            code: d.code.to_string(),
            path: d.path.display().to_string(),
            line: d.position.line,
            col: d.position.col,
            message: d.message.clone(),
            help: d.help.clone(),
            source_line: d.source_line.clone(),
            text: d.to_string(),
        }
    }
}

/// The receiving end of the build status, shared by every request.
#[derive(Clone)]
pub(super) struct LiveState {
    pub status: watch::Receiver<BuildStatus>,
    pub recent: RecentPages,
    /// How often an event stream sends a comment: it keeps the connection from being closed as
    /// idle (`ConnectionLimits::heartbeat`), and proxies from buffering or dropping it.
    pub heartbeat: Duration,
}

/// The URL paths of the pages served most recently, newest first: the pages likely open in a
/// browser, which a rebuild of every page writes first.
#[derive(Debug, Clone, Default)]
pub(super) struct RecentPages(Arc<Mutex<VecDeque<String>>>);

/// How many recent pages are remembered.
const RECENT_PAGES: usize = 8;

impl RecentPages {
    pub(super) fn served(&self, url: &str) {
        if let Ok(mut recent) = self.0.lock() {
            recent.retain(|u| u != url);
            recent.push_front(url.to_string());
            recent.truncate(RECENT_PAGES);
        }
    }

    pub(super) fn list(&self) -> Vec<String> {
        self.0
            .lock()
            .map(|recent| recent.iter().cloned().collect())
            .unwrap_or_default()
    }
}

impl LiveState {
    /// The live-reload endpoints, with this state already given to them: they fit into a router
    /// of any state (`S`), which adds the routes it serves itself.
    pub(super) fn routes<S: Clone + Send + Sync + 'static>(self) -> Router<S> {
        Router::new()
            .route(SCRIPT_PATH, get(script))
            .route(OVERLAY_CSS_PATH, get(overlay_css))
            .route(EVENTS_PATH, get(events))
            .route(ERRORS_PATH, get(errors))
            .with_state(self)
    }

    /// `html` (a page being served) with the script that connects it to the current build.
    pub(super) fn with_script(&self, html: Vec<u8>) -> Vec<u8> {
        with_live_script(html, self.current_build())
    }

    /// Notes that the page at `url` was served: it is probably open in a browser.
    pub(super) fn page_served(&self, url: &str) {
        self.recent.served(url);
    }

    fn current_build(&self) -> u64 {
        self.status.borrow().build
    }
}

/// `html` with the live-reload script before its last `</body>` (or at the end). The build
/// number lets the script notice a build it missed while it was connecting.
fn with_live_script(html: Vec<u8>, build: u64) -> Vec<u8> {
    let text = match String::from_utf8(html) {
        Ok(text) => text,
        Err(not_utf8) => return not_utf8.into_bytes(),
    };
    let tag = format!("<script src=\"{SCRIPT_PATH}?build={build}\" defer></script>");
    let at = text
        .to_ascii_lowercase()
        .rfind("</body>")
        .unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + tag.len());
    out.push_str(&text[..at]);
    out.push_str(&tag);
    out.push_str(&text[at..]);
    out.into_bytes()
}

async fn script() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        SCRIPT,
    )
}

async fn overlay_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        OVERLAY_CSS,
    )
}

async fn errors(State(state): State<LiveState>) -> Json<Vec<ErrorReport>> {
    Json(state.status.borrow().errors.clone())
}

/// The event stream of one page: `hello` with the current build (and its errors), then an event
/// for every change. It ends when the server stops publishing (shutdown).
async fn events(
    State(state): State<LiveState>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let heartbeat = state.heartbeat;
    let mut receiver = state.status;
    let first = receiver.borrow_and_update().clone();
    let greeting = greeting_events(&first);
    let updates = stream::unfold((receiver, first), |(mut receiver, last)| async move {
        receiver.changed().await.ok()?;
        let current = receiver.borrow_and_update().clone();
        let events = update_events(&last, &current);
        Some((stream::iter(events), (receiver, current)))
    })
    .flatten();
    let stream = stream::iter(greeting)
        .chain(updates)
        .map(|e| Ok(e.into_event()));
    Sse::new(stream).keep_alive(KeepAlive::new().interval(heartbeat))
}

/// One server-sent event, before it is encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum LiveEvent {
    Hello {
        build: u64,
    },
    /// Reload, unless the page shows the build before `build` and is one of `settled`.
    Reload {
        build: u64,
        settled: Vec<String>,
    },
    Css {
        build: u64,
    },
    Errors(String),
}

impl LiveEvent {
    fn into_event(self) -> Event {
        match self {
            LiveEvent::Hello { build } => Event::default().event("hello").data(build.to_string()),
            LiveEvent::Reload { build, settled } => {
                let data = std::iter::once(build.to_string())
                    .chain(settled)
                    .collect::<Vec<_>>();
                Event::default().event("reload").data(data.join(" "))
            }
            LiveEvent::Css { build } => Event::default().event("css").data(build.to_string()),
            LiveEvent::Errors(json) => Event::default().event("errors").data(json),
        }
    }
}

fn errors_json(errors: &[ErrorReport]) -> String {
    serde_json::to_string(errors).unwrap_or_else(|_| "[]".into())
}

fn greeting_events(status: &BuildStatus) -> Vec<LiveEvent> {
    let mut events = vec![LiveEvent::Hello {
        build: status.build,
    }];
    if !status.errors.is_empty() {
        events.push(LiveEvent::Errors(errors_json(&status.errors)));
    }
    events
}

/// What a page must be told when the status goes from `last` to `current`: errors first (an
/// empty list clears the overlay), then the new build, as a stylesheet swap when that is enough.
fn update_events(last: &BuildStatus, current: &BuildStatus) -> Vec<LiveEvent> {
    let mut events = Vec::new();
    if current.errors != last.errors {
        events.push(LiveEvent::Errors(errors_json(&current.errors)));
    }
    if current.build != last.build {
        let build = current.build;
        if current.css_only && build == last.build + 1 {
            events.push(LiveEvent::Css { build });
        } else {
            let settled = if build == last.build + 1 {
                current.settled.clone()
            } else {
                Vec::new()
            };
            events.push(LiveEvent::Reload { build, settled });
        }
    }
    events
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Position;

    fn status(build: u64, css_only: bool, errors: usize) -> BuildStatus {
        let error = Diagnostic::error("content/a.md", Position::new(2, 8), "bad")
            .with_code("F0106")
            .with_source("---\nvotes: 2.5\n");
        BuildStatus {
            build,
            css_only,
            errors: vec![ErrorReport::from(&error); errors],
            settled: Vec::new(),
        }
    }

    #[test]
    fn adds_the_script_before_the_closing_body_tag() {
        let html = b"<html><body><p>x</p></BODY></html>".to_vec();
        let out = String::from_utf8(with_live_script(html, 3)).unwrap();
        assert_eq!(
            out,
            "<html><body><p>x</p><script src=\"/__folio/live.js?build=3\" defer></script></BODY></html>"
        );
        let bare = String::from_utf8(with_live_script(b"<p>x</p>".to_vec(), 1)).unwrap();
        assert!(bare.ends_with("defer></script>"));
    }

    #[test]
    fn tells_pages_about_builds_and_errors_in_order() {
        assert_eq!(
            update_events(&status(1, false, 0), &status(2, false, 0)),
            [LiveEvent::Reload {
                build: 2,
                settled: Vec::new()
            }]
        );
        assert_eq!(
            update_events(&status(1, false, 0), &status(2, true, 0)),
            [LiveEvent::Css { build: 2 }]
        );
        assert_eq!(
            update_events(&status(1, false, 0), &status(3, true, 0)),
            [LiveEvent::Reload {
                build: 3,
                settled: Vec::new()
            }],
            "a page that missed a build reloads"
        );
        let failed = update_events(&status(1, false, 0), &status(1, false, 1));
        assert!(matches!(&failed[..], [LiveEvent::Errors(json)] if json.contains("\"line\":2")));
        assert_eq!(
            update_events(&status(1, false, 1), &status(2, false, 0)),
            [
                LiveEvent::Errors("[]".into()),
                LiveEvent::Reload {
                    build: 2,
                    settled: Vec::new()
                }
            ]
        );
        assert!(update_events(&status(1, false, 1), &status(1, false, 1)).is_empty());
    }

    #[test]
    fn pages_written_early_are_not_reloaded_twice() {
        let mut after = status(3, false, 0);
        after.settled = vec!["/a/".into()];
        assert_eq!(
            update_events(&status(2, false, 0), &after),
            [LiveEvent::Reload {
                build: 3,
                settled: vec!["/a/".into()]
            }]
        );
        assert_eq!(
            update_events(&status(1, false, 0), &after),
            [LiveEvent::Reload {
                build: 3,
                settled: Vec::new()
            }],
            "a page that missed the early build reloads"
        );
        let event = LiveEvent::Reload {
            build: 3,
            settled: vec!["/a/".into(), "/b/".into()],
        };
        assert!(format!("{:?}", event.into_event()).contains("3 /a/ /b/"));
        let recent = RecentPages::default();
        for url in ["/a/", "/b/", "/a/"] {
            recent.served(url);
        }
        assert_eq!(recent.list(), ["/a/", "/b/"]);
    }

    #[test]
    fn greets_with_the_build_and_any_errors() {
        assert_eq!(
            greeting_events(&status(4, false, 0)),
            [LiveEvent::Hello { build: 4 }]
        );
        let broken = greeting_events(&status(0, false, 1));
        assert_eq!(broken.len(), 2);
    }

    #[test]
    fn error_reports_carry_the_terminal_text() {
        let report = &status(0, false, 1).errors[0];
        assert_eq!(report.code, "F0106");
        assert_eq!(report.path, "content/a.md");
        assert_eq!((report.line, report.col), (2, 8));
        assert_eq!(report.source_line.as_deref(), Some("votes: 2.5"));
        assert!(
            report
                .text
                .starts_with("content/a.md:2:8: error[F0106]: bad\n")
        );
    }

    /// live.js rebuilds the first line of `text` from the fields to style its parts (and shows
    /// `text` as it is when they disagree): keep the two in step.
    #[test]
    fn the_overlay_script_can_rebuild_the_first_line() {
        let positioned = status(0, false, 1).errors[0].clone();
        let whole_file = ErrorReport::from(
            &Diagnostic::error("folio", Position::FILE, "stopped").with_code("F0904"),
        );
        for report in [positioned, whole_file] {
            let place = if report.line > 0 {
                format!("{}:{}:{}:", report.path, report.line, report.col)
            } else {
                format!("{}:", report.path)
            };
            let head = format!(
                "{place} {}[{}]: {}",
                report.severity, report.code, report.message
            );
            assert!(
                report.text.starts_with(&head),
                "{head:?} / {:?}",
                report.text
            );
        }
    }
}
