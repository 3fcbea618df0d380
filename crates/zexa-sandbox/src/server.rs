//! The accept loop. Hand-rolled rather than `axum::serve` so the sandbox can count connections
//! (to prove the client reuses them), reset one on demand (a fault axum cannot express), and
//! bound what clients hold: a cap on open connections and a deadline for each request head.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify, OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;
use tower_service::Service;

use crate::backoff::{AcceptBackoff, WarningLimiter};

/// Put in every request's extensions: who is calling, and a way to reset their connection.
#[derive(Clone)]
pub struct ConnectionContext {
    pub peer: SocketAddr,
    reset: Arc<Notify>,
    reset_on_drop: Arc<AtomicBool>,
}

impl ConnectionContext {
    /// Ends the connection with a TCP RST instead of an answer.
    pub fn reset(&self) {
        self.reset_on_drop.store(true, Ordering::SeqCst);
        self.reset.notify_one();
    }

    pub fn peer_is_loopback(&self) -> bool {
        self.peer.ip().to_canonical().is_loopback()
    }
}

/// A socket that, once marked, closes with RST (zero linger) rather than a graceful FIN.
struct ResettableStream {
    stream: TcpStream,
    reset_on_drop: Arc<AtomicBool>,
}

impl Drop for ResettableStream {
    fn drop(&mut self) {
        if self.reset_on_drop.load(Ordering::SeqCst) {
            let _ = self.stream.set_zero_linger();
        }
    }
}

impl AsyncRead for ResettableStream {
    fn poll_read(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for ResettableStream {
    fn poll_write(mut self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.stream).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// What one sandbox lets its clients hold, so a local program cannot exhaust the process that
/// embeds it (the app): open connections, the time to send a request's head, its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConnectionLimits {
    /// Connections served at once. One more is accepted and closed at once (a TCP reset), so a
    /// client over the cap learns it immediately instead of hanging in the kernel's queue.
    pub max_connections: usize,
    /// A connection that has not sent a whole request head in this time (slowloris, or an idle
    /// keep-alive connection) is closed.
    pub header_read_timeout: Duration,
    /// The most a connection may buffer while reading a request head (its line and headers).
    pub max_header_bytes: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            max_connections: 256,
            header_read_timeout: Duration::from_secs(10),
            // Room for a 64 KiB path, well under hyper's default of about 400 KiB.
            max_header_bytes: 96 * 1024,
        }
    }
}

/// Counters the handle and the admin routes read.
#[derive(Default)]
pub struct ConnectionCounters {
    pub accepted: AtomicU64,
    pub refused: AtomicU64,
    pub failed_accepts: AtomicU64,
}

pub async fn serve(
    listener: TcpListener,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
    counters: Arc<ConnectionCounters>,
    slots: Arc<Semaphore>,
    limits: ConnectionLimits,
) {
    let mut connections = JoinSet::new();
    let mut backoff = AcceptBackoff::default();
    let mut accept_warnings = WarningLimiter::default();
    let mut refusal_warnings = WarningLimiter::default();
    loop {
        let (stream, peer) = tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok(pair) => {
                    backoff.on_success();
                    pair
                }
                Err(error) => {
                    // Out of file descriptors and the like: pause, longer each time, instead of
                    // spinning, and say so now and then rather than on every try.
                    counters.failed_accepts.fetch_add(1, Ordering::SeqCst);
                    let pause = backoff.on_failure();
                    if let Some(held_back) = accept_warnings.allow(Instant::now()) {
                        tracing::warn!(%error, held_back, pause_ms = pause.as_millis() as u64, "sandbox accept failed");
                    }
                    tokio::select! {
                        _ = shutdown.changed() => break,
                        _ = tokio::time::sleep(pause) => continue,
                    }
                }
            },
            // Reap finished connection tasks so the set does not grow forever.
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            counters.refused.fetch_add(1, Ordering::SeqCst);
            let _ = stream.set_zero_linger();
            drop(stream);
            if let Some(held_back) = refusal_warnings.allow(Instant::now()) {
                tracing::warn!(%peer, held_back, max = limits.max_connections, "sandbox connection refused: too many open");
            }
            continue;
        };
        counters.accepted.fetch_add(1, Ordering::SeqCst);
        let _ = stream.set_nodelay(true);
        connections.spawn(serve_connection(stream, peer, router.clone(), shutdown.clone(), slot, limits));
    }
    connections.shutdown().await;
}

async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
    _slot: OwnedSemaphorePermit,
    limits: ConnectionLimits,
) {
    let reset = Arc::new(Notify::new());
    let reset_on_drop = Arc::new(AtomicBool::new(false));
    let context = ConnectionContext { peer, reset: reset.clone(), reset_on_drop: reset_on_drop.clone() };
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(context.clone());
        let mut router = router.clone();
        async move { router.call(request).await }
    });
    let io = TokioIo::new(ResettableStream { stream, reset_on_drop: reset_on_drop.clone() });
    // Without a timer hyper has no header-read timeout at all.
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .max_buf_size(limits.max_header_bytes)
        .serve_connection(io, service);
    tokio::select! {
        _ = connection => {}
        _ = reset.notified() => {}
        _ = shutdown.changed() => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context(peer: &str) -> ConnectionContext {
        ConnectionContext { peer: peer.parse().unwrap(), reset: Arc::default(), reset_on_drop: Arc::default() }
    }

    #[test]
    fn only_loopback_peers_count_as_local() {
        for local in ["127.0.0.1:1", "127.9.9.9:1", "[::1]:1", "[::ffff:127.0.0.1]:1"] {
            assert!(context(local).peer_is_loopback(), "{local}");
        }
        for remote in ["192.0.2.1:1", "10.0.0.1:1", "[2001:db8::1]:1", "[::ffff:192.0.2.1]:1", "0.0.0.0:1"] {
            assert!(!context(remote).peer_is_loopback(), "{remote}");
        }
    }
}
