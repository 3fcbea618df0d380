//! A local program hammering the sandbox the app embeds: thousands of requests with 60 KiB paths
//! (unauthenticated, or to a foreign `Host`), then more idle connections than the cap that never
//! finish their request head. Meanwhile the app's own authenticated `GET /credits` keeps working
//! with bounded latency, memory stays bounded, idle connections are closed by the header
//! timeout, and connections over the cap are refused. Loopback only, bounded in count and time.
//!
//! Alone in its file: it measures the test process's memory, so no other test may run beside it.
//! Run with `--nocapture` to see the figures.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use zexa_sandbox::{
    ConnectionLimits, SandboxHandle, SandboxOptions, SandboxServer, MAX_RECORDED_PATH_BYTES, MAX_RECORDED_REQUESTS,
};

const HUGE_REQUESTS: usize = 3_000;
/// About the longest path `http::Uri` takes (it refuses 64 KiB).
const HUGE_PATH_BYTES: usize = 60 * 1024;
const SENDERS: usize = 4;
const MAX_CONNECTIONS: usize = 64;
const IDLE_CONNECTIONS: usize = MAX_CONNECTIONS + 40;
const HEADER_TIMEOUT: Duration = Duration::from_secs(2);
/// The whole test, every phase included, ends within this.
const TEST_DEADLINE: Duration = Duration::from_secs(240);
/// Memory the load may add at its peak. Before the fix the 2,000 recorded 60 KiB paths alone
/// kept 117 MiB.
const MAX_PEAK_GROWTH_KIB: u64 = 96 * 1024;

fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_else(|| panic!("{field} in /proc/self/status"));
    line.split_whitespace().nth(1).unwrap().parse().unwrap()
}

async fn wait_for(what: &str, deadline: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().pool_max_idle_per_host(1).build().unwrap()
}

/// One sender's share: the three kinds of hostile request, in turn.
async fn send_huge_requests(sandbox_addr: std::net::SocketAddr, count: usize) -> usize {
    let client = http();
    let huge = "a".repeat(HUGE_PATH_BYTES);
    for n in 0..count {
        let (request, expected) = match n % 3 {
            // An unknown route, no key at all.
            0 => (client.get(format!("http://{sandbox_addr}/v1/{huge}")), StatusCode::NOT_FOUND),
            // A real route with a wrong key.
            1 => (
                client.delete(format!("http://{sandbox_addr}/v1/api-keys/{huge}")).bearer_auth("zx_test_wrong"),
                StatusCode::UNAUTHORIZED,
            ),
            // A page that rebound its name to 127.0.0.1.
            _ => (
                client.get(format!("http://{sandbox_addr}/v1/{huge}")).header("host", "evil.example"),
                StatusCode::FORBIDDEN,
            ),
        };
        assert_eq!(request.send().await.unwrap().status(), expected);
    }
    count
}

struct AppCalls {
    latencies: Vec<Duration>,
}

/// The app's own poll, through the real client, every 50 ms until told to stop.
async fn app_calls(sandbox: &SandboxHandle, stop: Arc<AtomicBool>) -> tokio::task::JoinHandle<AppCalls> {
    let client = zexa_api::Client::new(&sandbox.base_url(), sandbox.admin_api_key(), Default::default()).unwrap();
    // Its connection is open before the load starts, as the app's is.
    client.credits().await.unwrap();
    tokio::spawn(async move {
        let mut latencies = Vec::new();
        while !stop.load(Ordering::SeqCst) {
            let started = Instant::now();
            let credits = client.credits().await;
            latencies.push(started.elapsed());
            assert_eq!(credits.unwrap().credits.to_string(), "4250", "the app's own call failed under load");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        AppCalls { latencies }
    })
}

/// Opens `count` connections that start a request head and never finish it. Each task answers
/// how long its connection lived before the server closed it.
async fn open_idle_connections(
    sandbox_addr: std::net::SocketAddr,
    count: usize,
) -> Vec<tokio::task::JoinHandle<Duration>> {
    let mut idle = Vec::new();
    for _ in 0..count {
        let opened = Instant::now();
        // A refused connection may be reset before `connect` returns, or before the write.
        let Ok(mut stream) = TcpStream::connect(sandbox_addr).await else {
            idle.push(tokio::spawn(async move { opened.elapsed() }));
            continue;
        };
        let _ = stream.write_all(b"GET /v1/credits HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ").await;
        idle.push(tokio::spawn(async move {
            let mut byte = [0u8; 1];
            loop {
                match stream.read(&mut byte).await {
                    Ok(0) | Err(_) => return opened.elapsed(),
                    // hyper may answer 408 before closing: read on to the close.
                    Ok(_) => continue,
                }
            }
        }));
    }
    idle
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_load_leaves_the_apps_calls_working_and_memory_bounded() {
    tokio::time::timeout(TEST_DEADLINE, load_test()).await.expect("the load test ends by itself");
}

async fn load_test() {
    let limits = ConnectionLimits {
        max_connections: MAX_CONNECTIONS,
        header_read_timeout: HEADER_TIMEOUT,
        ..Default::default()
    };
    let sandbox = SandboxServer::start(SandboxOptions { limits, ..Default::default() }).await.unwrap();
    let addr = sandbox.local_addr();
    let rss_before = status_kib("VmRSS:");
    let stop = Arc::new(AtomicBool::new(false));
    let app = app_calls(&sandbox, stop.clone()).await;
    let started = Instant::now();

    // Phase 1: huge paths, unauthenticated or to a foreign Host.
    let senders: Vec<_> =
        (0..SENDERS).map(|_| tokio::spawn(send_huge_requests(addr, HUGE_REQUESTS / SENDERS))).collect();
    let mut sent = 0;
    for sender in senders {
        sent += sender.await.unwrap();
    }
    let recorded = sandbox.requests();
    let longest = recorded.iter().map(String::len).max().unwrap_or(0);
    assert!(recorded.len() <= MAX_RECORDED_REQUESTS, "{} recorded", recorded.len());
    assert!(longest <= "DELETE ".len() + MAX_RECORDED_PATH_BYTES + "…".len(), "a recorded path of {longest} bytes");
    assert!(recorded.iter().any(|r| r.starts_with("DELETE /v1/api-keys/aaa")), "unauthenticated ones are recorded");
    let recorded_bytes = sandbox.recorded_requests_bytes();
    assert!(
        recorded_bytes <= MAX_RECORDED_REQUESTS * (MAX_RECORDED_PATH_BYTES + 32),
        "{recorded_bytes} bytes recorded"
    );
    let phase1_secs = started.elapsed().as_secs_f64();

    // The senders' connections are gone once their clients are: only the app's stays open.
    wait_for("the senders' connections to close", HEADER_TIMEOUT * 3, || sandbox.open_connections() <= 1).await;
    let refused_before = sandbox.refused_connections();
    let free_slots = MAX_CONNECTIONS - sandbox.open_connections();

    // Phase 2: more idle, header-less connections than the cap.
    let idle = open_idle_connections(addr, IDLE_CONNECTIONS).await;
    let expected_refused = (IDLE_CONNECTIONS - free_slots) as u64;
    wait_for("the connections over the cap to be refused", HEADER_TIMEOUT, || {
        sandbox.refused_connections() - refused_before == expected_refused
    })
    .await;
    let mut lifetimes = Vec::new();
    for connection in idle {
        lifetimes.push(connection.await.unwrap());
    }
    let refused_fast = lifetimes.iter().filter(|l| **l < HEADER_TIMEOUT / 2).count() as u64;
    let timed_out = lifetimes.iter().filter(|l| **l >= HEADER_TIMEOUT / 2).count();
    assert_eq!(refused_fast, expected_refused, "over the cap: closed at once");
    assert_eq!(timed_out, free_slots, "under the cap: closed by the header timeout");
    assert!(lifetimes.iter().all(|l| *l < HEADER_TIMEOUT * 3), "every idle connection was closed: {lifetimes:?}");
    wait_for("the slots to be free again", HEADER_TIMEOUT, || sandbox.open_connections() <= 1).await;

    stop.store(true, Ordering::SeqCst);
    let mut latencies = app.await.unwrap().latencies;
    latencies.sort();
    let median = latencies[latencies.len() / 2];
    let max = *latencies.last().unwrap();
    let rss_peak = status_kib("VmHWM:");
    let rss_after = status_kib("VmRSS:");
    println!(
        "load figures: {sent} huge-path requests ({} KiB paths) in {phase1_secs:.1} s by {SENDERS} senders; \
         {IDLE_CONNECTIONS} idle connections opened (cap {MAX_CONNECTIONS}): {refused_fast} refused at once, \
         {timed_out} closed by the {} s header timeout; {} connections accepted in all; \
         recorded requests: {} entries, {recorded_bytes} bytes, longest {longest} bytes; \
         RSS before {rss_before} KiB, peak {rss_peak} KiB, after {rss_after} KiB; \
         app's GET /credits during load: {} calls, median {:.1} ms, max {:.1} ms",
        HUGE_PATH_BYTES / 1024,
        HEADER_TIMEOUT.as_secs(),
        sandbox.accepted_connections(),
        recorded.len(),
        latencies.len(),
        median.as_secs_f64() * 1000.0,
        max.as_secs_f64() * 1000.0,
    );
    assert!(rss_peak.saturating_sub(rss_before) < MAX_PEAK_GROWTH_KIB, "peak grew by {} KiB", rss_peak - rss_before);
    assert!(latencies.len() >= 10, "the app kept calling: {}", latencies.len());
    assert!(median < Duration::from_millis(500), "median {median:?}");
    assert!(max < Duration::from_secs(3), "max {max:?}");
}
