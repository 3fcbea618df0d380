//! The accept loop out of file descriptors: it pauses longer after each failure and warns once,
//! instead of retrying every 50 ms and writing a warning each time (20 a second in the log of
//! the app that embeds it), and it serves again once descriptors are free.
//!
//! Alone in its file: it lowers the process's descriptor limit, which no other test may share.
#![cfg(target_os = "linux")]

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use zexa_sandbox::{SandboxOptions, SandboxServer};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Captured {
    fn count(&self, needle: &str) -> usize {
        String::from_utf8_lossy(&self.0.lock().unwrap()).matches(needle).count()
    }
}

fn highest_open_fd() -> u64 {
    std::fs::read_dir("/proc/self/fd")
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse().ok())
        .max()
        .unwrap()
}

fn set_soft_fd_limit(soft: u64) -> libc::rlimit {
    let mut old = libc::rlimit { rlim_cur: 0, rlim_max: 0 };
    assert_eq!(unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut old) }, 0);
    let new = libc::rlimit { rlim_cur: soft, rlim_max: old.rlim_max };
    assert_eq!(unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &new) }, 0);
    old
}

async fn wait_for(what: &str, deadline: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "current_thread")]
async fn accept_failures_back_off_and_warn_once() {
    let log = Captured::default();
    let writer = log.clone();
    tracing::subscriber::set_global_default(
        tracing_subscriber::fmt().with_ansi(false).with_writer(move || writer.clone()).finish(),
    )
    .unwrap();
    let sandbox = SandboxServer::start(SandboxOptions::default()).await.unwrap();
    let addr = sandbox.local_addr();

    // Leave exactly one free descriptor: the client's socket takes it, so the server's accept
    // of that connection fails with EMFILE for as long as the limit holds.
    let old_limit = set_soft_fd_limit(highest_open_fd() + 2);
    let mut fillers = Vec::new();
    while let Ok(file) = std::fs::File::open("/dev/null") {
        fillers.push(file);
    }
    drop(fillers.pop());
    let client = std::net::TcpStream::connect(addr).expect("the kernel queues the connection");

    let started = Instant::now();
    wait_for("eight failed accepts", Duration::from_secs(10), || sandbox.failed_accepts() >= 8).await;
    let elapsed = started.elapsed();
    let warnings = log.count("sandbox accept failed");

    // Descriptors back: the queued connection is accepted and served.
    drop(fillers);
    set_soft_fd_limit(old_limit.rlim_cur);
    // Async from here: the server runs on this same thread.
    client.set_nonblocking(true).unwrap();
    let mut client = tokio::net::TcpStream::from_std(client).unwrap();
    client.write_all(b"GET /v1/credits HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").await.unwrap();
    let mut answer = String::new();
    let read = tokio::time::timeout(Duration::from_secs(10), client.read_to_string(&mut answer)).await;
    assert!(read.is_ok(), "no answer once descriptors were free");

    println!("accept errors: {} failures in {elapsed:?}, {warnings} warning(s) logged", sandbox.failed_accepts());
    // 10 + 20 + 40 + 80 + 160 + 320 + 640 ms of pauses before the eighth try; 350 ms before.
    assert!(elapsed >= Duration::from_millis(1_200), "no back-off: 8 failures in {elapsed:?}");
    assert_eq!(warnings, 1, "one warning for a run of failures:\n{}", String::from_utf8_lossy(&log.0.lock().unwrap()));
    assert!(answer.starts_with("HTTP/1.1 401"), "served again: {answer:?}");
    assert_eq!(sandbox.accepted_connections(), 1);
}
