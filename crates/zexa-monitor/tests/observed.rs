//! Answers someone else asked for (`MonitorHandle::observe`, the window's Refresh) go through the
//! same evaluation as the monitor's own polls, in paused time: the status and the notices at
//! once, the same answer twice notifies once, a fresh balance moves the next poll an interval
//! away, and `after_poll` runs only after the poll's status is published.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use tokio::time::Instant;
use zexa_monitor::{AlertStore, CreditMonitor, CreditSource, MonitorStatus, NoticeKind};

#[tokio::test(start_paused = true)]
async fn an_observed_answer_is_evaluated_as_a_poll_and_counts_for_the_schedule() {
    let start = Instant::now();
    let source = ScriptedSource::new(credits("4250"));
    let notifier = Arc::new(RecordingNotifier::default());
    let monitor = CreditMonitor::new("p1", source.clone(), notifier.clone(), Arc::new(AlertStore::in_memory()))
        .with_config(exact_config())
        .spawn(settings());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 1).await;

    // Two minutes later the window fetched 120: evaluated at once, not at the 5-minute poll.
    tokio::time::sleep(Duration::from_secs(120)).await;
    monitor.observe(credits("120"));
    let status = wait_polls(&mut rx, 2).await;
    assert_eq!(status.balance.unwrap().credits.to_string(), "120");
    assert_eq!(notifier.kinds(), [NoticeKind::Low]);
    assert_eq!(source.call_secs(start), [0], "no request of the monitor's own");

    // The same answer again (a second Refresh): evaluated, nothing sent twice.
    monitor.observe(credits("120"));
    wait_polls(&mut rx, 3).await;
    assert_eq!(notifier.kinds(), [NoticeKind::Low]);

    // A refused key seen by the window is the revoked notice, once.
    monitor.observe(unauthorized());
    let status = wait_polls(&mut rx, 4).await;
    assert!(status.key_refused);
    assert_eq!(notifier.kinds(), [NoticeKind::Low, NoticeKind::KeyRevoked]);

    // The last fresh balance came at 120 s, so the next own poll is at 120 + 300 s.
    wait_polls(&mut rx, 5).await;
    assert_eq!(source.call_secs(start), [0, 420]);
}

/// Records what the monitor had published when `after_poll` ran.
struct FollowedSource {
    inner: Arc<ScriptedSource>,
    status: Mutex<Option<tokio::sync::watch::Receiver<MonitorStatus>>>,
    seen: Mutex<Vec<u64>>,
}

impl CreditSource for FollowedSource {
    async fn credits(&self) -> Answer {
        self.inner.credits().await
    }

    async fn after_poll(&self, _outcome: &Answer) {
        let polls = self.status.lock().unwrap().as_ref().map(|rx| rx.borrow().polls);
        self.seen.lock().unwrap().extend(polls);
    }
}

#[tokio::test(start_paused = true)]
async fn after_poll_runs_once_the_poll_is_published() {
    let source = Arc::new(FollowedSource {
        inner: ScriptedSource::new(credits("0")),
        status: Mutex::default(),
        seen: Mutex::default(),
    });
    let notifier = Arc::new(RecordingNotifier::default());
    let monitor = CreditMonitor::new("p1", source.clone(), notifier.clone(), Arc::new(AlertStore::in_memory()))
        .with_config(exact_config())
        .spawn(settings());
    *source.status.lock().unwrap() = Some(monitor.subscribe());
    let mut rx = monitor.subscribe();
    wait_polls(&mut rx, 2).await;
    let followed = async {
        while source.seen.lock().unwrap().len() < 2 {
            tokio::task::yield_now().await;
        }
    };
    tokio::time::timeout(Duration::from_secs(60), followed).await.expect("both follow-ups ran");
    // Each follow-up saw its own poll already published.
    assert_eq!(*source.seen.lock().unwrap(), [1, 2]);
    assert_eq!(notifier.kinds(), [NoticeKind::Zero], "the notice went out before the follow-up");
}
