//! The alert rules as the running monitor applies them: a sequence of balances over (paused)
//! time, notices recorded, alert state persisted in a real file across a "restart".

mod common;

use std::path::Path;
use std::sync::Arc;

use common::*;
use zexa_monitor::{
    AlertState, AlertStore, CreditMonitor, MonitorHandle, MonitorSettings, Notice, NoticeKind, ALERT_STATE_FILE,
};

fn spawn_with(
    source: &Arc<ScriptedSource>,
    store: Arc<AlertStore>,
    settings: MonitorSettings,
) -> (MonitorHandle, Arc<RecordingNotifier>) {
    let notifier = Arc::new(RecordingNotifier::default());
    let handle =
        CreditMonitor::new("p1", source.clone(), notifier.clone(), store).with_config(exact_config()).spawn(settings);
    (handle, notifier)
}

/// Feeds one balance per poll; returns the notices sent after each.
async fn feed(
    monitor: &MonitorHandle,
    source: &ScriptedSource,
    notifier: &RecordingNotifier,
    answers: Vec<Answer>,
) -> Vec<Vec<NoticeKind>> {
    let mut rx = monitor.subscribe();
    let mut polls = rx.borrow().polls;
    let mut per_step = Vec::new();
    for answer in answers {
        let before = notifier.kinds().len();
        source.set(answer);
        if polls > 0 {
            monitor.refresh_now();
        }
        polls += 1;
        wait_polls(&mut rx, polls).await;
        per_step.push(notifier.kinds()[before..].to_vec());
    }
    per_step
}

use NoticeKind::*;

#[tokio::test(start_paused = true)]
async fn crossing_staying_zero_and_top_up_over_polls() {
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, notifier) = spawn_with(&source, Arc::new(AlertStore::in_memory()), settings());
    let steps = feed(
        &monitor,
        &source,
        &notifier,
        vec![
            credits("4250"),
            credits("420"), // crosses below 500
            credits("420"), // stays below
            credits("100"), // further drop above zero
            credits("0"),   // zero
            credits("0"),   // stays at zero
            credits("540"), // top-up inside the 50-credit margin: no re-arm
            credits("450"), // so no repeat
            credits("550"), // threshold + margin: re-armed
            credits("499"), // low again
        ],
    )
    .await;
    assert_eq!(steps, vec![vec![], vec![Low], vec![], vec![], vec![Zero], vec![], vec![], vec![], vec![], vec![Low]]);
    let sent = notifier.sent.lock().unwrap().clone();
    assert_eq!(sent[0].profile_name, "Production");
    assert_eq!(sent[0].profile_id, "p1");
    assert!(matches!(&sent[0].notice, Notice::Low { threshold: 500, currency, .. } if currency == "USD"));
    assert_eq!(
        sent[0].body(),
        "Production: USD\u{a0}420.00 left, below your 500 credit threshold. Top up in Billing → Buy Credits."
    );
}

#[tokio::test(start_paused = true)]
async fn revoked_then_recovered() {
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, notifier) = spawn_with(&source, Arc::new(AlertStore::in_memory()), settings());
    let steps = feed(
        &monitor,
        &source,
        &notifier,
        vec![credits("4250"), unauthorized(), unauthorized(), server_error(), credits("4250"), unauthorized()],
    )
    .await;
    assert_eq!(steps, vec![vec![], vec![KeyRevoked], vec![], vec![], vec![], vec![KeyRevoked]]);
    let status = monitor.status();
    assert!(status.key_refused);
    assert_eq!(status.balance.unwrap().credits.to_string(), "4250", "last good balance is kept");
}

#[tokio::test(start_paused = true)]
async fn a_network_error_does_not_clear_the_revoked_state() {
    let source = ScriptedSource::new(unauthorized());
    let (monitor, notifier) = spawn_with(&source, Arc::new(AlertStore::in_memory()), settings());
    feed(&monitor, &source, &notifier, vec![unauthorized(), server_error()]).await;
    assert!(monitor.status().key_refused);
}

fn persisted(path: &Path) -> AlertState {
    AlertStore::open(path).get("p1")
}

#[tokio::test(start_paused = true)]
async fn a_restart_does_not_repeat_what_was_notified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ALERT_STATE_FILE);

    let source = ScriptedSource::new(credits("420"));
    let (monitor, notifier) = spawn_with(&source, Arc::new(AlertStore::open(&path)), settings());
    assert_eq!(
        feed(&monitor, &source, &notifier, vec![credits("420"), unauthorized()]).await,
        vec![vec![Low], vec![KeyRevoked]]
    );
    drop(monitor);
    assert_eq!(persisted(&path), AlertState { low_notified: true, zero_notified: false, revoked_notified: true });

    // "Relaunch": a new store read from the file, a new monitor, the same situation.
    let (monitor, notifier) = spawn_with(&source, Arc::new(AlertStore::open(&path)), settings());
    let steps = feed(&monitor, &source, &notifier, vec![unauthorized(), credits("420"), credits("0")]).await;
    assert_eq!(steps, vec![vec![], vec![], vec![Zero]]);
    drop(monitor);

    let (monitor, notifier) = spawn_with(&source, Arc::new(AlertStore::open(&path)), settings());
    let steps = feed(&monitor, &source, &notifier, vec![credits("0"), credits("5000"), credits("420")]).await;
    assert_eq!(steps, vec![vec![], vec![], vec![Low]]);
}

#[tokio::test(start_paused = true)]
async fn a_corrupt_state_file_starts_fresh_without_crashing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(ALERT_STATE_FILE);
    std::fs::write(&path, b"{ not json").unwrap();
    let source = ScriptedSource::new(credits("420"));
    let (monitor, notifier) = spawn_with(&source, Arc::new(AlertStore::open(&path)), settings());
    assert_eq!(feed(&monitor, &source, &notifier, vec![credits("420")]).await, vec![vec![Low]]);
    assert_eq!(persisted(&path), AlertState { low_notified: true, ..Default::default() });
}

#[tokio::test(start_paused = true)]
async fn notifications_off_advances_the_state_without_showing_anything() {
    let source = ScriptedSource::new(credits("4250"));
    let off = MonitorSettings { notifications_enabled: false, ..settings() };
    let (monitor, notifier) = spawn_with(&source, Arc::new(AlertStore::in_memory()), off);
    let steps = feed(&monitor, &source, &notifier, vec![credits("420"), credits("0")]).await;
    assert_eq!(steps, vec![vec![], vec![]]);
    // Turned back on: what happened meanwhile is not replayed; new events are shown.
    monitor.update_settings(settings());
    let steps = feed(&monitor, &source, &notifier, vec![credits("0"), credits("5000"), credits("300")]).await;
    assert_eq!(steps, vec![vec![], vec![], vec![Low]]);
}

#[tokio::test(start_paused = true)]
async fn a_renamed_profile_is_named_in_the_next_notice() {
    let source = ScriptedSource::new(credits("4250"));
    let (monitor, notifier) = spawn_with(&source, Arc::new(AlertStore::in_memory()), settings());
    feed(&monitor, &source, &notifier, vec![credits("4250")]).await;
    monitor.update_settings(MonitorSettings { profile_name: "Prod EU".into(), ..settings() });
    assert_eq!(monitor.settings().profile_name, "Prod EU");
    feed(&monitor, &source, &notifier, vec![credits("10")]).await;
    assert_eq!(monitor.status().profile_name, "Prod EU");
    assert!(notifier.sent.lock().unwrap()[0].body().starts_with("Prod EU: USD\u{a0}10.00 left"));
}
