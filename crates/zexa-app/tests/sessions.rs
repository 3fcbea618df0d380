//! Sessions and password change against the sandbox over real loopback HTTP: the list and its
//! hints, revoke (the sandbox's own list agrees), sign out everywhere, the password policy, and
//! the new-sign-in detector with its baseline, restart and sandbox rules.

mod common;

use std::sync::Arc;

use serde_json::{json, Value};
use zexa_app::password::PasswordChange;
use zexa_app::sessions::SessionHint;
use zexa_core::error::ErrorCode;
use zexa_core::secret::SecretString;
use zexa_monitor::Notice;
use zexa_sandbox::{SandboxHandle, DEMO_PASSWORD};

use common::{admin, fixture, Recorder};

async fn sandbox_sessions(sandbox: &SandboxHandle) -> Vec<String> {
    let list = admin(sandbox, reqwest::Method::GET, "/sessions", Value::Null).await;
    list["data"].as_array().unwrap().iter().map(|s| s["device"].as_str().unwrap().to_owned()).collect()
}

async fn seed_session(sandbox: &SandboxHandle, device: &str, secs_ago: u64) -> String {
    let body =
        json!({"device": device, "location": "Huambo, Angola", "ip": "203.0.113.9", "last_active_secs_ago": secs_ago});
    admin(sandbox, reqwest::Method::POST, "/sessions", body).await["id"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn the_list_is_most_recent_first_with_hints() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    seed_session(&f.sandbox, "Old tablet", 31 * 24 * 3600).await;
    seed_session(&f.sandbox, "Pixel 9 · Chrome", 60).await;
    let list = f.service.session_list().await.unwrap();
    let devices: Vec<&str> = list.sessions.iter().map(|r| r.session.device.as_str()).collect();
    assert_eq!(
        devices,
        [
            "Pixel 9 · Chrome",
            "MacBook Pro · Safari 17",
            "iPhone 15 · Zexa app",
            "Windows 11 · Chrome 126",
            "Ubuntu 24.04 · Firefox 127",
            "Old tablet"
        ]
    );
    let hints = |device: &str| list.sessions.iter().find(|r| r.session.device == device).unwrap().hints.clone();
    assert_eq!(hints("MacBook Pro · Safari 17"), []);
    // The sandbox seeds a session as signed in when it was last active.
    assert_eq!(hints("Old tablet"), [SessionHint::InactiveFor30Days]);
    assert_eq!(hints("Pixel 9 · Chrome"), [SessionHint::New]);
    assert_eq!(list.limits.inactive_after_days, 30);
}

#[tokio::test]
async fn what_appears_after_the_user_looked_is_new() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    f.service.sessions_opened().unwrap();
    f.service.session_list().await.unwrap();
    // A sign-in from three days ago that was not on the list at that visit.
    let id = seed_session(&f.sandbox, "Pixel 9 · Chrome", 3 * 24 * 3600).await;
    f.service.sessions_opened().unwrap();
    let list = f.service.session_list().await.unwrap();
    let row = list.sessions.iter().find(|r| r.session.id == id).unwrap();
    assert!(row.hints.contains(&SessionHint::New), "{:?}", row.hints);
    let old = list.sessions.iter().find(|r| r.session.device == "MacBook Pro · Safari 17").unwrap();
    assert!(!old.hints.contains(&SessionHint::New));
}

#[tokio::test]
async fn one_click_revoke_really_ends_the_session() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let list = f.service.session_list().await.unwrap();
    let windows = list.sessions.iter().find(|r| r.session.device == "Windows 11 · Chrome 126").unwrap();
    let revoked = f.service.revoke_session(&windows.session.id).await.unwrap();
    assert!(!revoked.already_gone);
    assert!(!sandbox_sessions(&f.sandbox).await.contains(&"Windows 11 · Chrome 126".to_owned()));
    // A double click, or a revoke racing a refresh: already gone counts as success.
    let again = f.service.revoke_session(&windows.session.id).await.unwrap();
    assert!(again.already_gone);
    assert_eq!(f.service.revoke_session("../credits").await.unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(f.service.revoke_session("key_abc").await.unwrap_err().code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let report = f.service.sign_out_everywhere().await.unwrap();
    assert_eq!((report.signed_out, report.failed.len()), (4, 0));
    assert!(sandbox_sessions(&f.sandbox).await.is_empty());
    assert!(f.service.session_list().await.unwrap().sessions.is_empty());
}

#[tokio::test]
async fn the_password_policy_and_the_current_password_are_enforced() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let s = |text: &str| SecretString::new(text.into());

    let weak = f.service.change_password(s(DEMO_PASSWORD), s("weakpass"), s("weakpass")).await.unwrap();
    assert_eq!(
        weak,
        PasswordChange::RulesNotMet {
            failed: vec![
                zexa_api::contract::PasswordRule::Uppercase,
                zexa_api::contract::PasswordRule::Number,
                zexa_api::contract::PasswordRule::Special
            ]
        }
    );
    let mismatch = f.service.change_password(s(DEMO_PASSWORD), s("Desktop#2027"), s("Desktop#2028")).await.unwrap_err();
    assert_eq!(mismatch.code, ErrorCode::InvalidInput);

    // The server's own check, in case a server's policy is stricter than the app's copy.
    let client = zexa_api::Client::new(&f.sandbox.base_url(), f.sandbox.admin_api_key(), Default::default()).unwrap();
    let server_said = zexa_app::password::change_password(&client, &s(DEMO_PASSWORD), &s("short")).await.unwrap();
    assert!(matches!(server_said, PasswordChange::RulesNotMet { ref failed } if failed.len() == 4), "{server_said:?}");

    let wrong = f.service.change_password(s("not it"), s("Desktop#2027"), s("Desktop#2027")).await.unwrap_err();
    assert_eq!(wrong.code, ErrorCode::InvalidCurrentPassword);
    assert_eq!(
        f.service.change_password(s(DEMO_PASSWORD), s("Desktop#2027"), s("Desktop#2027")).await.unwrap(),
        PasswordChange::Changed
    );
    let old_again =
        f.service.change_password(s(DEMO_PASSWORD), s("Desktop#2028"), s("Desktop#2028")).await.unwrap_err();
    assert_eq!(old_again.code, ErrorCode::InvalidCurrentPassword, "the old password no longer works");
}

fn sign_ins(recorder: &Recorder) -> Vec<String> {
    recorder
        .0
        .lock()
        .unwrap()
        .iter()
        .filter_map(|m| match &m.notice {
            Notice::NewSignIn { device, .. } => Some(format!("{}: {device}", m.profile_name)),
            _ => None,
        })
        .collect()
}

#[tokio::test]
async fn a_new_sign_in_is_announced_once_and_never_again_after_a_restart() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let recorder = Arc::new(Recorder::default());
    let service = f.service_notifying(&recorder);
    assert_eq!(service.check_sessions_now().await, 0, "the first check is a silent baseline");
    assert_eq!(service.check_sessions_now().await, 0);

    seed_session(&f.sandbox, "Pixel 9 · Chrome", 0).await;
    assert_eq!(service.check_sessions_now().await, 1);
    assert_eq!(sign_ins(&recorder), ["Production: Pixel 9 · Chrome"]);
    assert_eq!(service.check_sessions_now().await, 0, "announced once");

    // A server's text is cut to a line before it reaches the desktop.
    seed_session(&f.sandbox, &"A very long device name ".repeat(8), 0).await;
    assert_eq!(service.check_sessions_now().await, 1);
    let long = sign_ins(&recorder).pop().unwrap();
    assert!(long.chars().count() <= "Production: ".len() + 81, "{long}");
    assert!(long.ends_with('…'), "{long}");
    recorder.0.lock().unwrap().pop();

    let restarted = f.service_notifying(&recorder);
    assert_eq!(restarted.check_sessions_now().await, 0, "a restart does not repeat it");
    assert_eq!(sign_ins(&recorder).len(), 1);

    // Switched off, nothing is checked; switched on again, the next check is a new baseline.
    let mut general = restarted.general_settings();
    general.sign_in_alerts_enabled = false;
    restarted.save_general_settings(general.clone()).unwrap();
    seed_session(&f.sandbox, "Seen while off", 0).await;
    general.sign_in_alerts_enabled = true;
    restarted.save_general_settings(general).unwrap();
    assert_eq!(restarted.check_sessions_now().await, 0);
    assert_eq!(sign_ins(&recorder).len(), 1);
}

#[tokio::test]
async fn a_session_seen_in_the_section_is_not_announced() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let recorder = Arc::new(Recorder::default());
    let service = f.service_notifying(&recorder);
    service.check_sessions_now().await;
    seed_session(&f.sandbox, "Pixel 9 · Chrome", 0).await;
    service.session_list().await.unwrap();
    assert_eq!(service.check_sessions_now().await, 0);
}

#[tokio::test]
async fn the_background_watch_runs_on_its_own_when_profiles_change() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let service = f.service_notifying(&recorder);
    service.start_session_watch();
    service
        .add_profile(common::new_profile("Production", &f.sandbox.base_url(), f.sandbox.admin_api_key().expose()))
        .await
        .unwrap();
    // The add wakes the watch: its baseline check. Then a sign-in, and a settings change wakes it.
    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
    seed_session(&f.sandbox, "Pixel 9 · Chrome", 0).await;
    let id = service.app_state().active_profile_id.unwrap();
    service.set_profile_threshold(&id, 100).unwrap();
    for _ in 0..50 {
        if !sign_ins(&recorder).is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(sign_ins(&recorder), ["Production: Pixel 9 · Chrome"]);
}

#[tokio::test]
async fn the_sandbox_profiles_sessions_are_a_fresh_baseline_each_launch() {
    let f = fixture().await;
    let recorder = Arc::new(Recorder::default());
    let service = f.service_notifying(&recorder);
    service.start_sandbox().await.unwrap();
    assert_eq!(service.check_sessions_now().await, 0);
    drop(service);
    // A new launch: a new sandbox with new session ids, which are not news.
    let service = f.service_notifying(&recorder);
    assert_eq!(service.check_sessions_now().await, 0);
    assert!(sign_ins(&recorder).is_empty());
    assert!(
        !f.dir.path().join("data").join("seen-sessions.json").exists() || {
            let text = std::fs::read_to_string(f.dir.path().join("data").join("seen-sessions.json")).unwrap();
            !text.contains("ses_")
        }
    );
}
