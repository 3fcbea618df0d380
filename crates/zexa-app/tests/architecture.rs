//! The pieces issue 19 added, against the sandbox over real loopback HTTP: Rust announces what
//! each action changed (`AccountChanged`), one `rotate_key` decides which rotation a key gets
//! and lists the keys once, background work runs as named jobs with a status, and the profile
//! store works on its own, without the service (as the command-line tool uses it).

mod common;

use std::time::Duration;

use zexa_app::api_keys::KeyRotation;
use zexa_app::events::{AccountChanged, AccountPart};
use zexa_app::jobs::JobState;
use zexa_app::profiles::ProfileStore;
use zexa_core::settings::SettingsStore;
use zexa_sandbox::ADMIN_KEY_NAME;

use common::{active_keys, admin, fixture, new_profile};

/// The next announcement for `profile_id`, skipping others (a new profile's own).
async fn next_change(
    changes: &mut tokio::sync::broadcast::Receiver<AccountChanged>,
    profile_id: &str,
) -> Vec<AccountPart> {
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let change = changes.recv().await.expect("the feed is open");
            if change.profile_id == profile_id {
                return change.what;
            }
        }
    })
    .await
    .expect("an announcement came")
}

fn key_list_requests(f: &common::Fixture) -> usize {
    f.sandbox.requests().iter().filter(|r| r.starts_with("GET /v1/api-keys")).count()
}

#[tokio::test]
async fn each_action_announces_what_it_changed() {
    let f = fixture().await;
    let profile = f.add_admin_profile("Production").await;
    let mut changes = f.service.account_changes();

    let body = serde_json::json!({"device": "Pixel 9", "location": "Huambo, Angola", "ip": "203.0.113.9"});
    let session = admin(&f.sandbox, reqwest::Method::POST, "/sessions", body).await;
    f.service.revoke_session(session["id"].as_str().unwrap()).await.unwrap();
    assert_eq!(next_change(&mut changes, &profile).await, [AccountPart::Sessions]);

    f.service.create_api_key("Deploy bot").await.unwrap();
    assert_eq!(next_change(&mut changes, &profile).await, [AccountPart::Keys]);

    f.service.set_profile_threshold(&profile, 100).unwrap();
    assert_eq!(next_change(&mut changes, &profile).await, [AccountPart::Profile]);

    f.service.balance(true).await.unwrap();
    assert_eq!(next_change(&mut changes, &profile).await, [AccountPart::History], "a new sample");
}

#[tokio::test]
async fn the_monitors_own_poll_announces_the_balance_so_an_open_window_shows_it() {
    let f = fixture().await;
    let profile = f.add_admin_profile("Production").await;
    let mut statuses = f.service.subscribe_monitor();
    f.service.start_jobs();
    tokio::time::timeout(Duration::from_secs(10), statuses.wait_for(|s| s.as_ref().is_some_and(|s| s.polls > 0)))
        .await
        .expect("the monitor polled")
        .expect("the monitor's status is published");

    // "Refresh now" from the tray: the monitor asks the server itself, not the window.
    let mut changes = f.service.account_changes();
    f.service.refresh_now();
    // The figure and its sample in one announcement: the window refetches once per poll.
    loop {
        let what = next_change(&mut changes, &profile).await;
        if what.contains(&AccountPart::Balance) {
            assert_eq!(what, [AccountPart::Balance, AccountPart::History], "the poll's sample with its figure");
            break;
        }
    }
}

/// The monitor's first status that `wanted` accepts (at most 10 s).
async fn status_where(
    service: &zexa_app::AppService,
    wanted: impl Fn(&zexa_monitor::MonitorStatus) -> bool,
) -> zexa_monitor::MonitorStatus {
    let mut statuses = service.subscribe_monitor();
    let status = tokio::time::timeout(Duration::from_secs(10), statuses.wait_for(|s| s.as_ref().is_some_and(&wanted)))
        .await
        .expect("the monitor got there")
        .expect("its status is published");
    status.clone().unwrap()
}

fn credits_of(status: &zexa_monitor::MonitorStatus) -> Option<String> {
    status.balance.as_ref().map(|b| b.credits.normalize().to_string())
}

#[tokio::test]
async fn the_monitor_and_the_window_share_the_profiles_client_after_it_is_renewed() {
    let f = fixture().await;
    f.service.start_sandbox().await.unwrap();
    f.service.start_jobs();
    let first = status_where(&f.service, |s| s.polls > 0).await;
    // The spike renews the sandbox profile's client (its cached answer goes), and asks the
    // monitor for a fresh poll.
    f.service.simulate_sandbox_spike().await.unwrap();
    status_where(&f.service, |s| s.polls > first.polls && credits_of(s).as_deref() == Some("3050")).await;
    assert_eq!(f.service.balance(false).await.unwrap().credits, "3050", "the window, within the minute");

    // From now on the figure falls every moment; the monitor polls ("Refresh now") and sees it.
    f.service.simulate_sandbox_spending(6_000.0).await.unwrap();
    let polled = status_where(&f.service, |s| credits_of(s).is_some_and(|c| c != "3050")).await;
    // The window takes Rust's current figure (no request): the monitor's answer, not an older
    // one its own client kept.
    assert_eq!(Some(f.service.balance(false).await.unwrap().credits), credits_of(&polled));
}

#[tokio::test]
async fn rotating_the_apps_key_lists_keys_once_and_moves_every_profile_that_held_it() {
    let f = fixture().await;
    let production = f.add_admin_profile("Production").await;
    // A second profile on the same key (the same account, as a copy-paste would make it).
    f.service
        .add_profile(new_profile("Copy", &f.sandbox.base_url(), f.sandbox.admin_api_key().expose()))
        .await
        .unwrap();
    f.service.switch_profile(&production).unwrap();
    let own = active_keys(&f.sandbox).await.into_iter().find(|(n, _)| n == ADMIN_KEY_NAME).unwrap().1;

    let before = key_list_requests(&f);
    let KeyRotation::Rotated { report } = f.service.rotate_key(&own).await.unwrap() else {
        panic!("the app's own key gets the one-click rotation");
    };
    assert_eq!(key_list_requests(&f) - before, 1, "GET /api-keys once in the whole rotation");
    assert_eq!(report.other_profiles.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Copy"]);
    assert!(active_keys(&f.sandbox).await.iter().all(|(_, id)| *id != own), "the old key is revoked");
}

#[tokio::test]
async fn a_key_used_elsewhere_gets_the_guided_rotation() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let staging = active_keys(&f.sandbox).await.into_iter().find(|(n, _)| n == "Staging").unwrap().1;
    let KeyRotation::Guided { created } = f.service.rotate_key(&staging).await.unwrap() else {
        panic!("a key no profile holds is rotated by the user, guided");
    };
    assert!(created.rotation_id.is_some());
    assert!(active_keys(&f.sandbox).await.iter().any(|(_, id)| *id == staging), "kept until the user finishes");
}

#[tokio::test]
async fn background_work_runs_as_named_jobs_with_a_status() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    f.service.start_jobs();
    let names: Vec<String> = f.service.job_statuses().into_iter().map(|s| s.name).collect();
    assert_eq!(names, ["credit-monitor", "scheduled-scan", "sign-in-watch", "spend-watch"]);
    assert!(f.service.job_statuses().iter().all(|s| s.state == JobState::Running && s.restarts == 0));
    f.service.start_jobs(); // a second start adds nothing
    assert_eq!(f.service.job_statuses().len(), 4);
}

#[cfg(feature = "fault-hooks")]
#[tokio::test]
async fn a_failed_round_shows_in_the_jobs_status_and_the_job_goes_on() {
    use zexa_app::containment::FaultPoint;
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    f.service.arm_fault(FaultPoint::SessionWatch);
    f.service.start_session_watch(); // its first round panics
    let status = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let status = f.service.job_statuses().into_iter().find(|s| s.name == "sign-in-watch").unwrap();
            if status.restarts == 1 {
                return status;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the failed round is counted");
    assert_eq!(status.state, JobState::Running);
    assert!(status.last_failure_at.is_some());
}

#[tokio::test]
async fn the_profile_store_reads_the_apps_profiles_and_keys_without_the_service() {
    let f = fixture().await;
    let id = f.add_admin_profile("Production").await;
    // What the command-line tool does: the same settings file and keychain, no service.
    let store = ProfileStore::load(SettingsStore::new(&f.settings_path), f.keychain.clone(), Default::default());
    let profile = store.profile_named("production").expect("found by name, any case");
    assert_eq!(profile.id, id);
    assert_eq!(store.active_profile().unwrap().id, id);
    let key = store.stored_key(&profile).await.unwrap();
    assert_eq!(key.expose(), f.sandbox.admin_api_key().expose());
    let client = store.client_for(&profile).await.unwrap();
    assert_eq!(client.credits().await.unwrap().credits.to_string(), "4250");
}

/// The feature modules and the shared pieces below the service never name it: they take an
/// `AccountCtx` or their own state, so no file inside `zexa-app` imports in a circle through
/// the service. (The service's own parts, `profiles/`, `sandbox/`, `service/` and the concrete
/// jobs, are the layer above; `api_keys` reaches it only through its narrow `KeyHost`.)
#[test]
fn the_layers_below_the_service_never_name_it() {
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let below = [
        "account.rs",
        "events.rs",
        "sync.rs",
        "clock.rs",
        "ids.rs",
        "containment.rs",
        "shown_once.rs",
        "clipboard.rs",
        "view.rs",
        "checkup",
        "password",
        "two_factor",
        "history",
        "manual_rotation",
        "sessions/rules.rs",
        "sessions/seen.rs",
        "sessions/service.rs",
        "sessions/mod.rs",
        "jobs/mod.rs",
    ];
    let mut files = Vec::new();
    for entry in below {
        let path = src.join(entry);
        if path.is_dir() {
            // A module's folder with its submodules' folders (history/store/tests.rs).
            files.extend(
                walkdir::WalkDir::new(&path)
                    .into_iter()
                    .map(|e| e.unwrap())
                    .filter(|e| e.file_type().is_file())
                    .map(|e| e.into_path()),
            );
        } else {
            files.push(path);
        }
    }
    assert!(files.len() > 20, "{files:?}");
    for file in files {
        let code = std::fs::read_to_string(&file).unwrap();
        let code: String = code.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
        assert!(
            !code.contains("crate::service") && !code.contains("AppService"),
            "{} names the service",
            file.display()
        );
    }
}
