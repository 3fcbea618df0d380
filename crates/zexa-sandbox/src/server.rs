//! The accept loop. Hand-rolled rather than `axum::serve` so the sandbox can count connections
//! (to prove the client reuses them) and reset one on demand (a fault axum cannot express).

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};
use tokio::task::JoinSet;
use tower_service::Service;

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

pub async fn serve(
    listener: TcpListener,
    router: Router,
    mut shutdown: watch::Receiver<bool>,
    accepted: Arc<std::sync::atomic::AtomicU64>,
) {
    let mut connections = JoinSet::new();
    loop {
        let (stream, peer) = tokio::select! {
            _ = shutdown.changed() => break,
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(error) => {
                    // Out of file descriptors and the like: pause instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            // Reap finished connection tasks so the set does not grow forever.
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
        };
        accepted.fetch_add(1, Ordering::SeqCst);
        let _ = stream.set_nodelay(true);
        connections.spawn(serve_connection(stream, peer, router.clone(), shutdown.clone()));
    }
    connections.shutdown().await;
}

async fn serve_connection(stream: TcpStream, peer: SocketAddr, router: Router, mut shutdown: watch::Receiver<bool>) {
    let reset = Arc::new(Notify::new());
    let reset_on_drop = Arc::new(AtomicBool::new(false));
    let context = ConnectionContext { peer, reset: reset.clone(), reset_on_drop: reset_on_drop.clone() };
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        request.extensions_mut().insert(context.clone());
        let mut router = router.clone();
        async move { router.call(request).await }
    });
    let io = TokioIo::new(ResettableStream { stream, reset_on_drop: reset_on_drop.clone() });
    let connection = hyper::server::conn::http1::Builder::new().serve_connection(io, service);
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
