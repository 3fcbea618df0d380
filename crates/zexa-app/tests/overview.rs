//! The Overview's two cards against the sandbox and a real SQLite file: the security checkup
//! (the demo account has old and unused keys and 2FA off), the balance history on disk
//! (migration, corruption, deletion with its profile), and the runway alert.

mod common;

use std::str::FromStr;
use std::sync::Arc;

use rusqlite::Connection;
use serde_json::json;
use zexa_api::Decimal;
use zexa_app::checkup::{CheckId, CheckStatus};
use zexa_app::history::{BalanceSample, HistoryStore, Runway, HISTORY_FILE};
use zexa_monitor::Notice;

use common::{active_keys, admin, fixture, Recorder};

fn status_of(checkup: &zexa_app::checkup::Checkup, id: CheckId) -> CheckStatus {
    checkup.checks.iter().find(|c| c.id == id).unwrap().status
}

#[tokio::test]
async fn the_demo_account_fails_some_checks_and_a_fix_makes_one_pass() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let checkup = f.service.checkup().await.unwrap();
    assert_eq!(status_of(&checkup, CheckId::TwoFactorOn), CheckStatus::Warn);
    assert!(!checkup.checks.iter().any(|c| c.id == CheckId::BackupCodes), "2FA off: no codes to count");
    assert_eq!(status_of(&checkup, CheckId::KeysUnder90Days), CheckStatus::Warn, "Production server is 120 days old");
    assert_eq!(status_of(&checkup, CheckId::KeysInUse), CheckStatus::Warn, "CI pipeline was never used");
    assert_eq!(status_of(&checkup, CheckId::SessionsActive), CheckStatus::Pass);
    assert_eq!(status_of(&checkup, CheckId::RotationsFinished), CheckStatus::Pass);
    // On this computer: the key only in the keychain, stored just now, never scanned (a
    // warning), no program through zexa run (a hint, not counted).
    assert_eq!(checkup.summary, "4 of 8 checks pass");

    // The fix the check points to: revoke the unused key.
    let ci = active_keys(&f.sandbox).await.into_iter().find(|(name, _)| name == "CI pipeline").unwrap().1;
    f.service.revoke_api_key(&ci).await.unwrap();
    let checkup = f.service.checkup().await.unwrap();
    assert_eq!(status_of(&checkup, CheckId::KeysInUse), CheckStatus::Pass);
    assert_eq!(checkup.summary, "5 of 8 checks pass");
}

#[tokio::test]
async fn a_members_key_makes_only_the_key_checks_unavailable() {
    let f = fixture().await;
    let member =
        admin(&f.sandbox, reqwest::Method::POST, "/accounts", json!({"name": "M", "email": "m@demo.zexa.ao"})).await;
    let key = member["api_key"].as_str().unwrap();
    f.service.add_profile(common::new_profile("Member", &f.sandbox.base_url(), key)).await.unwrap();
    let checkup = f.service.checkup().await.unwrap();
    assert_eq!(status_of(&checkup, CheckId::KeysUnder90Days), CheckStatus::NotAvailable);
    assert_eq!(status_of(&checkup, CheckId::KeysInUse), CheckStatus::NotAvailable);
    assert_eq!(status_of(&checkup, CheckId::TwoFactorOn), CheckStatus::Warn);
    let keys = checkup.checks.iter().find(|c| c.id == CheckId::KeysInUse).unwrap();
    assert_eq!(keys.reason.as_ref().unwrap().code, zexa_core::error::ErrorCode::Forbidden);
}

#[tokio::test]
async fn balances_are_kept_on_disk_owner_only_and_go_with_their_profile() {
    let f = fixture().await;
    let profile = f.add_admin_profile("Production").await;
    f.service.balance(true).await.unwrap();
    let path = f.dir.path().join("data").join(HISTORY_FILE);
    let on_disk = HistoryStore::open(Some(path.clone()));
    let samples = on_disk.samples_since(&profile, true, 0).unwrap();
    assert!(!samples.is_empty());
    assert_eq!(samples.last().unwrap().credits, Decimal::from(4250));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let view = f.service.runway_view().unwrap();
    assert!(matches!(view.runway, Runway::NotEnoughHistory { .. }), "{:?}", view.runway);
    f.service.remove_profile(&profile).await.unwrap();
    assert!(on_disk.samples_since(&profile, true, 0).unwrap().is_empty(), "removed with its profile");
}

#[test]
fn an_older_database_is_migrated_and_a_corrupt_one_is_kept_aside() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(HISTORY_FILE);
    {
        // What version 1 of the app wrote: the samples table only.
        let db = Connection::open(&path).unwrap();
        db.execute_batch(
            "CREATE TABLE samples (profile_id TEXT NOT NULL, at INTEGER NOT NULL, credits TEXT NOT NULL,
             currency TEXT NOT NULL, PRIMARY KEY (profile_id, at)) WITHOUT ROWID;
             INSERT INTO samples VALUES ('p', 1795000000, '4249.5', 'USD');
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let store = HistoryStore::open(Some(path.clone()));
    assert_eq!(store.samples_since("p", true, 0).unwrap()[0].credits.to_string(), "4249.5");
    store.set_runway_notified("p", true, true).unwrap();
    assert!(store.runway_notified("p", true).unwrap(), "the table version 2 added");
    drop(store);
    let version: i64 = Connection::open(&path).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap();
    assert_eq!(version, 2);

    std::fs::write(&path, b"this is not a database, and never was").unwrap();
    let store = HistoryStore::open(Some(path.clone()));
    let sample = BalanceSample { at: 1, credits: Decimal::from(1), currency: "USD".into() };
    store.record("p", true, &sample).unwrap();
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.contains("corrupt"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
}

#[tokio::test]
async fn the_runway_alert_fires_once_before_credits_run_out_and_survives_a_restart() {
    let f = fixture().await;
    let profile = f.add_admin_profile("Production").await;
    // The fixture's own service (which notifies nothing) polls once first.
    common::monitor_settled(&f).await;
    // Two days of history spending 2000 a day; the sandbox says 4250 now: about 2 days left.
    let path = f.dir.path().join("data").join(HISTORY_FILE);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let history = HistoryStore::open(Some(path));
    for hour in (1..=48).rev() {
        let credits = Decimal::from_str(&format!("{}", 4250 + 2000 * hour / 24)).unwrap();
        history
            .record(&profile, true, &BalanceSample { at: now - hour * 3600, credits, currency: "USD".into() })
            .unwrap();
    }
    drop(history);
    let recorder = Arc::new(Recorder::default());
    let app = f.service_notifying(&recorder);
    app.balance(true).await.unwrap();
    app.balance(true).await.unwrap();
    let runways: Vec<u32> = recorder
        .0
        .lock()
        .unwrap()
        .iter()
        .filter_map(|m| match &m.notice {
            Notice::RunwayLow { days_left, .. } => Some(*days_left),
            _ => None,
        })
        .collect();
    assert_eq!(runways, [2], "one alert for the crossing");
    let Runway::Forecast { per_day, .. } = app.runway_view().unwrap().runway else { panic!() };
    assert_eq!(per_day, "2000");
    drop(app);
    let restarted = f.service_notifying(&recorder);
    restarted.balance(true).await.unwrap();
    assert_eq!(recorder.0.lock().unwrap().len(), 1, "a restart does not repeat it");
}

#[tokio::test]
async fn simulated_spending_shows_the_runway_and_its_alert_at_once_in_the_sandbox() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let app = f.service_notifying(&recorder);
    app.start_sandbox().await.unwrap();
    assert!(matches!(app.runway_view().unwrap().runway, Runway::NotEnoughHistory { .. }));
    app.simulate_sandbox_spending(1.0).await.unwrap();
    let view = app.runway_view().unwrap();
    let Runway::Forecast { per_day, days_left, .. } = &view.runway else { panic!("{:?}", view.runway) };
    assert_eq!(per_day, "1440");
    assert!((days_left - 4250.0 / 1440.0).abs() < 0.05, "{days_left}");
    assert!(view.points.len() > 100, "a week to draw");
    let alerts = recorder.0.lock().unwrap().iter().filter(|m| matches!(m.notice, Notice::RunwayLow { .. })).count();
    assert_eq!(alerts, 1, "under 3 days: the runway alert");
    assert!(
        !f.dir.path().join("data").join(HISTORY_FILE).exists() || {
            let store = HistoryStore::open(Some(f.dir.path().join("data").join(HISTORY_FILE)));
            store.samples_since(&view.profile_id, true, 0).unwrap().is_empty()
        },
        "the sandbox's history is never written to disk"
    );
    assert!(app.simulate_sandbox_spending(-1.0).await.is_err());
}
