//! The poll scheduler in tokio's paused time: every wait is virtual and exact, so these tests
//! check the schedule to the second and still run in milliseconds.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::*;
use tokio::time::{sleep, Instant};
use zexa_monitor::{backoff_delay, AlertStore, BalanceLevel, CreditMonitor, MonitorConfig, MonitorHandle};

fn spawn(source: &Arc<ScriptedSource>, config: MonitorConfig) -> (MonitorHandle, Arc<RecordingNotifier>) {
    let notifier = Arc::new(RecordingNotifier::default());
    let handle = CreditMonitor::new("p1", source.clone(), notifier.clone(), Arc::new(AlertStore::in_memory()))
        .with_config(config)
        .spawn(settings());
    (handle, notifier)
}

#[tokio::test(start_paused = true)]
async fn polls_at_once_then_every_interval() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    let status = wait_polls(&mut rx, 4).await;
    assert_eq!(source.call_secs(start), vec![0, 300, 600, 900]);
    assert_eq!(status.level(), BalanceLevel::Normal);
    assert_eq!(status.balance.unwrap().credits.to_string(), "4250");
}

#[tokio::test(start_paused = true)]
async fn refresh_now_polls_at_once_and_the_next_poll_counts_from_it() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 1).await;
    sleep(Duration::from_secs(120)).await;
    monitor.refresh_now();
    wait_polls(&mut rx, 2).await;
    wait_polls(&mut rx, 3).await;
    assert_eq!(source.call_secs(start), vec![0, 120, 420]);
}

#[tokio::test(start_paused = true)]
async fn refresh_bursts_coalesce_and_respect_the_minimum_gap() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 1).await;
    // A burst of focus events right after a poll: one poll, once the 5 s gap has passed.
    for _ in 0..10 {
        monitor.refresh_now();
    }
    wait_polls(&mut rx, 2).await;
    sleep(Duration::from_secs(60)).await;
    assert_eq!(source.call_secs(start), vec![0, 5]);
}

#[tokio::test(start_paused = true)]
async fn errors_back_off_doubling_up_to_the_interval_then_recover() {
    let start = Instant::now();
    let source = ScriptedSource::new(server_error());
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    let status = wait_polls(&mut rx, 7).await;
    // Waits: 30, 60, 120, 240, then capped at the 300 s interval.
    assert_eq!(source.call_secs(start), vec![0, 30, 90, 210, 450, 750, 1050]);
    assert_eq!(status.consecutive_failures, 7);
    assert_eq!(status.last_error.as_ref().unwrap().code, zexa_core::error::ErrorCode::Server);
    assert_eq!(status.level(), BalanceLevel::Unknown);

    source.set(credits("4250"));
    wait_polls(&mut rx, 9).await;
    assert_eq!(source.call_secs(start)[7..], [1350, 1650]);
    let status = monitor.status();
    assert_eq!((status.consecutive_failures, status.last_error), (0, None));
}

#[tokio::test(start_paused = true)]
async fn failure_keeps_the_last_balance_and_marks_it_stale() {
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 1).await;
    source.set(server_error());
    let status = wait_polls(&mut rx, 2).await;
    assert_eq!(status.balance.unwrap().credits.to_string(), "4250");
    assert!(status.last_error.is_some());
}

#[tokio::test(start_paused = true)]
async fn retry_after_is_honoured_even_by_refresh_now() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("4250"));
    source.then(rate_limited(120));
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    let status = wait_polls(&mut rx, 1).await;
    assert_eq!(status.last_error.unwrap().code, zexa_core::error::ErrorCode::RateLimited);
    sleep(Duration::from_secs(10)).await;
    monitor.refresh_now();
    wait_polls(&mut rx, 2).await;
    assert_eq!(source.call_secs(start), vec![0, 120], "not before the server's Retry-After");
}

#[tokio::test(start_paused = true)]
async fn retry_after_beyond_the_interval_and_below_the_backoff() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("4250"));
    source.then(rate_limited(900)); // longer than the 5-minute interval: still honoured
    source.then(rate_limited(10)); // shorter than the 60 s back-off of a second failure
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 3).await;
    assert_eq!(source.call_secs(start), vec![0, 900, 960]);
}

#[tokio::test(start_paused = true)]
async fn a_huge_retry_after_neither_kills_nor_silences_the_monitor() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("4250"));
    source.then(rate_limited(u64::MAX)); // would overflow `Instant + Duration`
    source.then(rate_limited(1_000_000_000)); // would block polling for decades
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    let status = wait_polls(&mut rx, 3).await;
    assert_eq!(source.call_secs(start), vec![0, 3600, 7200], "waits are capped at an hour");
    assert_eq!(status.balance.unwrap().credits.to_string(), "4250", "still polling");
    monitor.refresh_now();
    wait_polls(&mut rx, 4).await;
}

#[tokio::test(start_paused = true)]
async fn unauthorized_keeps_the_normal_interval() {
    let start = Instant::now();
    let source = ScriptedSource::new(unauthorized());
    let (monitor, notifier) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    let status = wait_polls(&mut rx, 3).await;
    assert_eq!(source.call_secs(start), vec![0, 300, 600]);
    assert_eq!(status.level(), BalanceLevel::KeyRefused);
    assert_eq!(notifier.kinds(), vec![zexa_monitor::NoticeKind::KeyRevoked]);
}

#[tokio::test(start_paused = true)]
async fn a_hung_source_times_out_and_backs_off() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("4250"));
    source.hang(true);
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    let status = wait_polls(&mut rx, 1).await;
    assert_eq!(Instant::now().duration_since(start), Duration::from_secs(60));
    assert_eq!(status.last_error.unwrap().code, zexa_core::error::ErrorCode::Timeout);
    source.hang(false);
    wait_polls(&mut rx, 2).await;
    assert_eq!(source.call_secs(start), vec![0, 90], "back-off counts from the failed answer");
}

#[tokio::test(start_paused = true)]
async fn interval_changes_apply_live() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 1).await;
    monitor.update_settings(zexa_monitor::MonitorSettings { poll_interval_minutes: 10, ..settings() });
    wait_polls(&mut rx, 2).await;
    sleep(Duration::from_secs(60)).await;
    monitor.update_settings(zexa_monitor::MonitorSettings { poll_interval_minutes: 1, ..settings() });
    wait_polls(&mut rx, 4).await;
    // Out-of-range values are clamped to 1..=60 minutes.
    monitor.update_settings(zexa_monitor::MonitorSettings { poll_interval_minutes: 0, ..settings() });
    wait_polls(&mut rx, 5).await;
    assert_eq!(source.call_secs(start), vec![0, 600, 660, 720, 780]);
}

#[tokio::test(start_paused = true)]
async fn a_new_threshold_polls_and_is_published_at_once() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("800"));
    let (monitor, notifier) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 1).await;
    sleep(Duration::from_secs(100)).await;
    monitor.update_settings(zexa_monitor::MonitorSettings { low_credit_threshold: 1000, ..settings() });
    let status = wait_polls(&mut rx, 2).await;
    assert_eq!((status.threshold, status.level()), (1000, BalanceLevel::Low));
    assert_eq!(source.call_secs(start), vec![0, 100]);
    assert_eq!(notifier.kinds(), vec![zexa_monitor::NoticeKind::Low]);
}

#[tokio::test(start_paused = true)]
async fn dropping_the_handle_stops_polling() {
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 2).await;
    drop(monitor);
    sleep(Duration::from_secs(3600)).await;
    assert_eq!(source.calls().len(), 2);
    assert!(rx.changed().await.is_err(), "the status channel closes with the task");
}

#[tokio::test(start_paused = true)]
async fn shutdown_finishes_and_stops() {
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, _) = spawn(&source, exact_config());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 1).await;
    monitor.shutdown().await;
    sleep(Duration::from_secs(3600)).await;
    assert_eq!(source.calls().len(), 1);
}

#[test]
fn backoff_jitter_stays_within_its_fraction() {
    let config = MonitorConfig::default();
    let interval = Duration::from_secs(300);
    let samples: Vec<Duration> = (0..200).map(|_| backoff_delay(&config, 2, interval)).collect();
    assert!(samples.iter().all(|d| *d > Duration::from_secs(48) && *d <= Duration::from_secs(60)), "{samples:?}");
    assert!(samples.iter().any(|d| *d != samples[0]), "jitter must vary the wait");
    let capped: Vec<Duration> = (0..50).map(|_| backoff_delay(&config, 30, interval)).collect();
    assert!(capped.iter().all(|d| *d > Duration::from_secs(240) && *d <= interval), "{capped:?}");
    let exact = MonitorConfig { backoff_jitter: 0.0, ..config };
    assert_eq!(backoff_delay(&exact, 1, interval), Duration::from_secs(30));
    assert_eq!(backoff_delay(&exact, 4, interval), Duration::from_secs(240));
    assert_eq!(backoff_delay(&exact, 5, interval), interval);
}
