//! The connections of `folio serve`, so that no client can hold the server: accepted up to a
//! cap, each served by hyper's HTTP/1 with a header-read timeout, and closed when no byte moves
//! either way for the idle timeout. `axum::serve` has neither knob.
//!
//! In: the listener, the router and the `ConnectionLimits`. Out: a loop that serves until it is
//! dropped (on Ctrl-C), which drops the open connections with it.

use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

use super::hosts::ArrivedAt;

/// How long clients may take, and how many may be connected at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ConnectionLimits {
    /// From the moment the server waits for a request (on a new connection, or on a kept-alive
    /// one after a response) to the end of its headers: a silent connection, a slowloris
    /// dribbling its headers, and an idle kept-alive connection are all closed after it.
    pub header_read_timeout: Duration,
    /// No byte read or written for this long closes a connection in any state (a client that
    /// stops reading a response). The event stream sends a heartbeat well within it.
    pub idle_timeout: Duration,
    /// Connections served at once; the next ones wait in the listen queue until one closes.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_read_timeout: Duration::from_secs(10),
            idle_timeout: Duration::from_secs(60),
            max_connections: 256,
        }
    }
}

impl ConnectionLimits {
    /// How often an open event stream sends a comment, so a page's live-reload connection is
    /// never idle long enough to be closed (a quarter of the idle timeout: 15 s by default).
    pub(super) fn heartbeat(&self) -> Duration {
        (self.idle_timeout / 4).max(Duration::from_millis(10))
    }
}

/// Accepts and serves connections until dropped. A connection beyond the cap is not accepted
/// until another one closes (it waits in the kernel's listen queue): refusing it instead would
/// break a page load with a network error where waiting only delays it, and the timeouts bound
/// how long a slot stays taken by a silent client.
pub(super) async fn serve_connections(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
) {
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    loop {
        // The semaphore is never closed, so this waits and never fails.
        let Ok(slot) = Arc::clone(&slots).acquire_owned().await else {
            return;
        };
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(serve_connection(stream, router.clone(), limits, slot));
            }
            // A client that gave up before it was accepted.
            Err(e) if is_connection_error(&e) => {}
            // Out of file descriptors, mostly: wait for some to close, as axum::serve does.
            Err(_) => tokio::time::sleep(Duration::from_secs(1)).await,
        }
    }
}

fn is_connection_error(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::ConnectionAborted
            | io::ErrorKind::ConnectionReset
    )
}

/// Serves one connection until it ends, times out, or stays idle; `_slot` is its place under the
/// cap, given back when it is dropped here.
async fn serve_connection(
    stream: TcpStream,
    router: Router,
    limits: ConnectionLimits,
    _slot: OwnedSemaphorePermit,
) {
    let arrived_at = stream.local_addr().ok().map(|a| ArrivedAt(a.ip()));
    let activity = Activity::new();
    let io = TokioIo::new(Watched {
        stream,
        activity: activity.clone(),
    });
    let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
        if let Some(arrived_at) = arrived_at {
            request.extensions_mut().insert(arrived_at);
        }
        tower_service::Service::call(&mut router.clone(), request)
    });
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .serve_connection(io, service);
    tokio::select! {
        // An error is the client's doing (a timeout, a bad request, a reset): nothing to report.
        _ = connection => {}
        () = activity.idle_for(limits.idle_timeout) => {}
    }
}

/// When a connection last moved a byte, in milliseconds since it was accepted.
#[derive(Debug, Clone)]
struct Activity {
    start: Instant,
    last: Arc<AtomicU64>,
}

impl Activity {
    fn new() -> Activity {
        Activity {
            start: Instant::now(),
            last: Arc::new(AtomicU64::new(0)),
        }
    }

    fn moved(&self) {
        let now = u64::try_from(self.start.elapsed().as_millis()).unwrap_or(u64::MAX);
        self.last.store(now, Ordering::Relaxed);
    }

    /// Returns once no byte has moved for `limit`.
    async fn idle_for(&self, limit: Duration) {
        loop {
            let last = self.last.load(Ordering::Relaxed);
            let deadline = self.start + Duration::from_millis(last) + limit;
            tokio::time::sleep_until(deadline).await;
            if self.last.load(Ordering::Relaxed) == last {
                return;
            }
        }
    }
}

/// A connection that notes every read or write that moved bytes.
struct Watched {
    stream: TcpStream,
    activity: Activity,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.moved();
        }
        result
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.note(&result);
        result
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.note(&result);
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

impl Watched {
    fn note(&self, result: &Poll<io::Result<usize>>) {
        if matches!(result, Poll::Ready(Ok(n)) if *n > 0) {
            self.activity.moved();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn idle_means_no_byte_for_the_whole_limit() {
        let activity = Activity::new();
        let limit = Duration::from_secs(10);
        let waiting = tokio::spawn({
            let activity = activity.clone();
            async move { activity.idle_for(limit).await }
        });
        tokio::time::sleep(Duration::from_secs(6)).await;
        activity.moved();
        tokio::time::sleep(Duration::from_secs(6)).await;
        assert!(
            !waiting.is_finished(),
            "a byte at 6 s moves the deadline to 16 s"
        );
        tokio::time::sleep(Duration::from_secs(5)).await;
        assert!(waiting.is_finished());
    }

    #[test]
    fn the_heartbeat_comes_well_within_the_idle_timeout() {
        let limits = ConnectionLimits::default();
        assert_eq!(limits.heartbeat(), Duration::from_secs(15));
        let short = ConnectionLimits {
            idle_timeout: Duration::from_millis(800),
            ..limits
        };
        assert_eq!(short.heartbeat(), Duration::from_millis(200));
    }
}
