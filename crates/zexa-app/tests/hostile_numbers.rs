//! Issue 18: hostile numbers must not silence the credit monitor, and one balance is one truth.
//! Against the sandbox over loopback, with the real history file and alert state on disk:
//!
//! * a server that answers 10^24 credits once and then 0, with days of history (and an absurd
//!   figure already saved by an older version): no panic, the figure is a bad response, the tray
//!   gets 0, the zero-credit alert is sent once, and the runway answers sensibly;
//! * a follow-up (history, runway) that panics still leaves the balance published and the alert
//!   sent, on the window's path and on the monitor's own poll;
//! * a balance the window fetched (Refresh) reaches the tray and the alerts at once: exactly one
//!   low-credit notice, and a refused key gives exactly one revoked notice.

mod common;

use std::sync::Arc;
use std::time::Duration;

use rusqlite::{params, Connection};
use serde_json::json;
use zexa_app::containment::FaultPoint;
use zexa_app::history::{Runway, HISTORY_FILE};
use zexa_app::{AppService, ServiceOptions};
use zexa_core::error::ErrorCode;
use zexa_core::settings::SettingsStore;
use zexa_monitor::{AlertStore, MonitorStatus, NoticeKind, ALERT_STATE_FILE};

use common::{admin, fixture, new_profile, options, revoke_admin_key, Fixture, Recorder};

const DEADLINE: Duration = Duration::from_secs(20);

/// A service on the fixture's files that notifies `recorder`, with the alert state on disk as
/// the app keeps it, so a restart remembers what was sent.
fn service(f: &Fixture, recorder: &Arc<Recorder>) -> Arc<AppService> {
    let alert_store = Arc::new(AlertStore::open(f.dir.path().join("data").join(ALERT_STATE_FILE)));
    AppService::load(
        SettingsStore::new(&f.settings_path),
        ServiceOptions { notifier: recorder.clone(), alert_store, ..options(&f.keychain, &f.clipboard, f.dir.path()) },
    )
}

/// A service that notifies `recorder`, watching the sandbox's admin account; waits for its first
/// poll. (The fixture's own service has no profile, so it runs no monitor of its own.)
async fn watched(f: &Fixture, recorder: &Arc<Recorder>) -> (Arc<AppService>, String) {
    let app = service(f, recorder);
    let key = f.sandbox.admin_api_key();
    let state = app.add_profile(new_profile("Production", &f.sandbox.base_url(), key.expose())).await.unwrap();
    wait_for_status(&app, |s| s.polls > 0).await;
    (app, state.active_profile_id.unwrap())
}

/// Waits (with a deadline, never a fixed time) until the monitor's status satisfies `check`.
async fn wait_for_status(app: &AppService, check: impl Fn(&MonitorStatus) -> bool) -> MonitorStatus {
    let mut statuses = app.subscribe_monitor();
    let status = tokio::time::timeout(DEADLINE, statuses.wait_for(|s| s.as_ref().is_some_and(&check)))
        .await
        .expect("the monitor's status reached the expected state in time")
        .unwrap()
        .clone();
    status.unwrap()
}

fn credits_of(status: &MonitorStatus) -> Option<String> {
    status.balance.as_ref().map(|b| b.credits.normalize().to_string())
}

fn notices(recorder: &Recorder, kind: NoticeKind) -> usize {
    recorder.0.lock().unwrap().iter().filter(|m| m.notice.kind() == kind).count()
}

async fn set_balance(f: &Fixture, credits: i64) {
    admin(&f.sandbox, reqwest::Method::PUT, "/balance", json!({ "credits": credits })).await;
}

/// The next `GET /credits` answers `200` with this body, verbatim.
async fn answer_once(f: &Fixture, body: &str) {
    let rule = json!({
        "path": "/v1/credits",
        "fault": { "kind": "status", "status": 200, "body": body },
        "times": 1,
    });
    admin(&f.sandbox, reqwest::Method::POST, "/faults", rule).await;
}

/// Samples straight into the history file, as an older version (which had no bound) saved them.
fn seed_history(f: &Fixture, profile: &str, rows: &[(i64, &str)]) {
    let connection = Connection::open(f.dir.path().join("data").join(HISTORY_FILE)).unwrap();
    connection.busy_timeout(Duration::from_secs(5)).unwrap();
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    for (ago, credits) in rows {
        connection
            .execute(
                "INSERT OR REPLACE INTO samples (profile_id, at, credits, currency) VALUES (?1, ?2, ?3, 'USD')",
                params![profile, now - ago, credits],
            )
            .unwrap();
    }
}

#[tokio::test]
async fn ten_to_the_twenty_four_then_zero_neither_panics_nor_silences_the_monitor() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let (app, profile) = watched(&f, &recorder).await;
    const HOUR: i64 = 3600;
    // Two days of history, with the issue's figure saved an hour ago as an older version did.
    seed_history(&f, &profile, &[(48 * HOUR, "6250"), (24 * HOUR, "5250"), (HOUR, "1000000000000000000000000")]);

    // The monitor's own poll gets 10^24: a bad response, the last good figure kept.
    let before = wait_for_status(&app, |s| s.polls > 0).await;
    answer_once(&f, r#"{"credits": 1000000000000000000000000, "currency": "USD"}"#).await;
    app.refresh_now();
    let status = wait_for_status(&app, |s| s.polls > before.polls).await;
    assert_eq!(status.last_error.as_ref().map(|e| e.code), Some(ErrorCode::BadResponse), "{status:?}");
    assert_eq!(credits_of(&status).as_deref(), Some("4250"));
    // The window's Refresh gets it too: a sentence about a bad answer, not `internal`.
    answer_once(&f, r#"{"credits": -1e24, "currency": "USD"}"#).await;
    assert_eq!(app.balance(true).await.unwrap_err().code, ErrorCode::BadResponse);

    // Then 0: the tray says so and the zero-credit alert goes out, once.
    set_balance(&f, 0).await;
    let polls = wait_for_status(&app, |_| true).await.polls;
    app.refresh_now();
    let status = wait_for_status(&app, |s| s.polls > polls && credits_of(s).as_deref() == Some("0")).await;
    assert!(status.last_error.is_none(), "{status:?}");
    assert_eq!(notices(&recorder, NoticeKind::Zero), 1);
    assert_eq!(app.balance(true).await.unwrap().credits, "0");
    // The runway answers, leaving out the absurd figure: 6250 → 0 over two days.
    let view = app.runway_view().expect("the runway answers, not `internal`");
    let Runway::Forecast { per_day, days_left, .. } = &view.runway else { panic!("{:?}", view.runway) };
    assert_eq!(*days_left, 0.0);
    let per_day: f64 = per_day.parse().unwrap();
    assert!((3000.0..3300.0).contains(&per_day), "{per_day}");
    assert!(view.points.iter().all(|p| p.credits.abs() <= 1e15), "{:?}", view.points);

    // A restart on the same files (the absurd sample still saved): it polls, publishes and
    // repeats nothing.
    drop(app);
    let again = service(&f, &recorder);
    again.restart_monitor_now().await; // as the shell does at start-up
    let status = wait_for_status(&again, |s| s.polls > 0).await;
    assert_eq!(credits_of(&status).as_deref(), Some("0"));
    assert!(again.runway_view().is_ok());
    assert_eq!(notices(&recorder, NoticeKind::Zero), 1, "the alert state survived: no repeat");
}

#[tokio::test]
async fn a_follow_up_that_panics_still_publishes_the_balance_and_sends_the_alert() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let (app, _) = watched(&f, &recorder).await;

    // The window's path: the history step panics, the window still gets its figure, the tray
    // and the low alert still get the answer.
    set_balance(&f, 120).await;
    app.arm_fault(FaultPoint::FollowUp);
    let balance = app.balance(true).await.expect("the window's figure despite the panic after it");
    assert_eq!((balance.credits.as_str(), balance.low), ("120", true));
    wait_for_status(&app, |s| credits_of(s).as_deref() == Some("120")).await;
    assert_eq!(notices(&recorder, NoticeKind::Low), 1);

    // The monitor's own poll: the follow-up runs after the evaluation, contained.
    set_balance(&f, 0).await;
    let polls = wait_for_status(&app, |_| true).await.polls;
    app.arm_fault(FaultPoint::FollowUp);
    app.refresh_now();
    wait_for_status(&app, |s| s.polls > polls && credits_of(s).as_deref() == Some("0")).await;
    assert_eq!(notices(&recorder, NoticeKind::Zero), 1);
    // The same monitor goes on (it did not die and restart: the poll count keeps growing).
    set_balance(&f, 4250).await;
    let polls = wait_for_status(&app, |_| true).await.polls;
    app.refresh_now();
    let status = wait_for_status(&app, |s| credits_of(s).as_deref() == Some("4250")).await;
    assert!(status.polls > polls, "{status:?}");
}

#[tokio::test]
async fn a_refresh_in_the_window_reaches_the_tray_and_the_alerts_at_once() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let (app, _) = watched(&f, &recorder).await;
    assert_eq!(credits_of(&wait_for_status(&app, |_| true).await).as_deref(), Some("4250"));

    // Under the threshold of 500, fetched by the window: no waiting for the next poll (5 min).
    set_balance(&f, 120).await;
    let balance = app.balance(true).await.unwrap();
    assert!(balance.low);
    wait_for_status(&app, |s| credits_of(s).as_deref() == Some("120")).await;
    assert_eq!(notices(&recorder, NoticeKind::Low), 1, "exactly one low-credit notice");
    // Again, and a monitor poll on top: the same state sends nothing more.
    app.balance(true).await.unwrap();
    let polls = wait_for_status(&app, |_| true).await.polls;
    app.refresh_now();
    wait_for_status(&app, |s| s.polls > polls).await;
    assert_eq!(notices(&recorder, NoticeKind::Low), 1, "still one");
    assert_eq!(recorder.0.lock().unwrap().len(), 1, "{:?}", recorder.0.lock().unwrap());

    // A key refused on the window's Refresh: the tray says so and one notice goes out.
    revoke_admin_key(&f.sandbox).await;
    assert_eq!(app.balance(true).await.unwrap_err().code, ErrorCode::Unauthorized);
    wait_for_status(&app, |s| s.key_refused).await;
    assert_eq!(notices(&recorder, NoticeKind::KeyRevoked), 1);
}
