//! The profile and balance flows end to end over real loopback HTTP to the sandbox server,
//! with the keychain in memory (the real keychain has its own tests in zexa-keychain and e2e).

mod common;

use serde_json::json;
use tokio::runtime::Handle;
use zexa_app::view::ConnectionState;
use zexa_app::{AppService, ServiceOptions};
use zexa_core::error::ErrorCode;
use zexa_core::secret::SecretString;
use zexa_core::settings::SettingsStore;

use common::{admin, fixture, monitor_settled, new_profile, revoke_admin_key, Fixture};

#[tokio::test]
async fn a_refused_key_is_not_stored() {
    let f = fixture().await;
    let error = f
        .service
        .add_profile(new_profile("Production", &f.sandbox.base_url(), "zx_wrong_key_123456"))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Unauthorized);
    assert!(error.message.contains("refused") && error.message.contains("Nothing was saved"), "{}", error.message);
    assert!(error.request_id.as_deref().unwrap_or_default().starts_with("req_"), "{error:?}");
    assert!(f.service.app_state().profiles.is_empty());
    assert!(!f.settings_path.exists());
}

#[tokio::test]
async fn a_good_key_is_checked_stored_masked_and_shows_the_balance() {
    let f = fixture().await;
    let key = f.sandbox.admin_api_key();
    let pasted = format!("  Bearer {}\n", key.expose());
    let state = f.service.add_profile(new_profile(" Production ", &f.sandbox.base_url(), &pasted)).await.unwrap();

    assert_eq!(state.profiles.len(), 1);
    let profile = &state.profiles[0];
    assert_eq!(profile.name, "Production");
    assert_eq!(state.active_profile_id.as_deref(), Some(profile.id.as_str()));
    assert_eq!(state.connection, ConnectionState::Online);
    let stored = f.keychain.read(&profile.id).await.unwrap().unwrap();
    assert_eq!(stored.expose(), key.expose(), "whitespace and Bearer are stripped before storing");
    let hint = profile.key_hint.clone().unwrap();
    assert!(hint.starts_with(&key.expose()[..8]) && hint.ends_with(&key.expose()[key.expose().len() - 4..]));
    assert!(!serde_json::to_string(&state).unwrap().contains(key.expose()), "the full key never reaches the UI");
    assert!(!std::fs::read_to_string(&f.settings_path).unwrap().contains(key.expose()));

    let balance = f.service.balance(true).await.unwrap();
    assert_eq!((balance.credits.as_str(), balance.currency.as_str()), ("4250", "USD"));
    assert!(!balance.low && !balance.zero);

    admin(&f.sandbox, reqwest::Method::PUT, "/balance", json!({"credits": 120.5, "currency": "AOA"})).await;
    let balance = f.service.balance(true).await.unwrap();
    assert_eq!((balance.credits.as_str(), balance.currency.as_str()), ("120.5", "AOA"));
    assert!(balance.low && !balance.zero);
    admin(&f.sandbox, reqwest::Method::PUT, "/balance", json!({"credits": 0})).await;
    assert!(f.service.balance(true).await.unwrap().zero);
}

#[tokio::test]
async fn a_revoked_key_shows_unauthorized_and_replace_key_recovers() {
    let f = fixture().await;
    let state = f
        .service
        .add_profile(new_profile("Production", &f.sandbox.base_url(), f.sandbox.admin_api_key().expose()))
        .await
        .unwrap();
    let id = state.profiles[0].id.clone();

    let fresh = admin(&f.sandbox, reqwest::Method::POST, "/api-keys", json!({"name": "Replacement"})).await;
    revoke_admin_key(&f.sandbox).await;

    let error = f.service.balance(true).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Unauthorized);
    assert_eq!(f.service.app_state().connection, ConnectionState::Unauthorized);

    let refused = f.service.replace_key(&id, SecretString::new("zx_not_a_real_key_0000".into())).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::Unauthorized);

    let fresh_key = fresh["key"].as_str().unwrap().to_owned();
    let state = f.service.replace_key(&id, SecretString::new(fresh_key.clone())).await.unwrap();
    assert_eq!(state.connection, ConnectionState::Online);
    assert_eq!(f.keychain.read(&id).await.unwrap().unwrap().expose(), &fresh_key);
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250");
}

#[tokio::test]
async fn an_unreachable_server_means_the_key_was_not_checked() {
    let f = fixture().await;
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let error = f
        .service
        .add_profile(new_profile("Production", &format!("http://127.0.0.1:{closed}/v1"), "zx_some_key_123456"))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::Network);
    assert!(error.message.contains("not checked"), "{}", error.message);
    assert!(f.service.app_state().profiles.is_empty());
}

#[tokio::test]
async fn input_is_validated_before_anything_is_sent() {
    let f = fixture().await;
    let insecure =
        f.service.add_profile(new_profile("P", "http://api.example.com/v1", "zx_key_123456789")).await.unwrap_err();
    assert_eq!(insecure.code, ErrorCode::InsecureUrl);
    let empty = f.service.add_profile(new_profile("P", "", "   \n")).await.unwrap_err();
    assert_eq!((empty.code, empty.message.as_str()), (ErrorCode::InvalidInput, "Paste an API key."));
    let nameless = f.service.add_profile(new_profile("  ", "", "zx_key")).await.unwrap_err();
    assert_eq!(nameless.code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn profiles_switch_and_removal_deletes_the_keychain_entry() {
    let f = fixture().await;
    let base = f.sandbox.base_url();
    let first =
        f.service.add_profile(new_profile("Production", &base, f.sandbox.admin_api_key().expose())).await.unwrap();
    let staging_key = admin(&f.sandbox, reqwest::Method::POST, "/api-keys", json!({"name": "Staging app"})).await
        ["key"]
        .as_str()
        .unwrap()
        .to_owned();
    let dup = f.service.add_profile(new_profile("production", &base, &staging_key)).await.unwrap_err();
    assert!(dup.message.contains("already a profile"), "{}", dup.message);
    let second = f.service.add_profile(new_profile("Staging", &base, &staging_key)).await.unwrap();
    let (prod, staging) = (first.profiles[0].id.clone(), second.active_profile_id.clone().unwrap());
    assert_ne!(prod, staging);

    let state = f.service.switch_profile(&prod).unwrap();
    assert_eq!(state.active_profile_id.as_deref(), Some(prod.as_str()));
    f.service.balance(true).await.unwrap();

    let state = f.service.remove_profile(&prod).await.unwrap();
    assert!(f.keychain.read(&prod).await.unwrap().is_none(), "keychain entry deleted with the profile");
    assert_eq!(state.active_profile_id.as_deref(), Some(staging.as_str()));
    let state = f.service.remove_profile(&staging).await.unwrap();
    assert_eq!(state.connection, ConnectionState::NoProfile);
    assert_eq!(f.service.balance(true).await.unwrap_err().code, ErrorCode::NoProfile);
}

#[tokio::test]
async fn the_env_key_is_offered_masked_and_imported_only_on_request() {
    let f0 = fixture().await;
    let key = f0.sandbox.admin_api_key();
    let f = Fixture {
        service: AppService::load(
            SettingsStore::new(&f0.settings_path),
            ServiceOptions {
                env_api_key: Some(key.clone()),
                ..ServiceOptions::new(f0.keychain.clone(), Handle::current())
            },
        ),
        ..f0
    };
    let hint = f.service.env_key_hint().unwrap();
    assert!(!hint.contains(&key.expose()[8..key.expose().len() - 4]));
    assert!(f.service.app_state().profiles.is_empty(), "nothing imported silently");
    // Another server than Zexa's or the app's own embedded sandbox: refused unless the user
    // confirmed it. Another loopback port is another server: any local program can listen.
    assert!(f.service.env_import_needs_confirmation("https://evil.example/v1").await);
    assert!(!f.service.env_import_needs_confirmation("https://api.zexa.ao/v1/").await);
    assert!(f.service.env_import_needs_confirmation(&f.sandbox.base_url()).await, "a loopback port not the app's");
    let refused =
        f.service.import_env_key("Elsewhere".into(), "https://evil.example/v1".into(), false).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput, "refused before anything is sent: {refused:?}");
    let refused = f.service.import_env_key("Local".into(), f.sandbox.base_url(), false).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput, "{refused:?}");
    assert!(f.sandbox.requests().is_empty(), "nothing reached the loopback server: {:?}", f.sandbox.requests());
    // The app's own embedded sandbox needs no question while it runs.
    f.service.start_sandbox().await.unwrap();
    let embedded = f.service.sandbox_base_url().await.unwrap();
    assert!(!f.service.env_import_needs_confirmation(&embedded).await);
    assert!(f.service.env_import_needs_confirmation(&f.sandbox.base_url()).await);
    // With the user's native yes, the key goes to the loopback server.
    let state = f.service.import_env_key("From environment".into(), f.sandbox.base_url(), true).await.unwrap();
    assert!(state.profiles.iter().any(|p| p.name == "From environment"), "{:?}", state.profiles);
    assert!(f.service.env_key_hint().is_none(), "offered only while no key is stored");
}

#[tokio::test]
async fn the_sandbox_profile_runs_in_process_and_keeps_no_key() {
    let f = fixture().await;
    assert!(f.service.start_sandbox_if_no_profile().await.unwrap());
    let state = f.service.app_state();
    let profile = &state.profiles[0];
    assert!(profile.is_sandbox);
    assert_eq!(profile.name, "Sandbox");
    let balance = f.service.balance(true).await.unwrap();
    assert_eq!((balance.credits.as_str(), balance.currency.as_str()), ("4250", "USD"));
    assert!(f.keychain.read(&profile.id).await.unwrap().is_none(), "the sandbox key is not stored");
    assert!(!f.service.start_sandbox_if_no_profile().await.unwrap(), "only when there is no profile");

    // After a restart the sandbox profile starts a new server on its own.
    drop(state);
    let restarted = AppService::load(
        SettingsStore::new(&f.settings_path),
        ServiceOptions::new(f.keychain.clone(), Handle::current()),
    );
    assert_eq!(restarted.balance(true).await.unwrap().credits, "4250");
    let state = restarted.remove_profile(&restarted.app_state().profiles[0].id).await.unwrap();
    assert!(state.profiles.is_empty());
}

async fn next_status(
    rx: &mut tokio::sync::watch::Receiver<Option<zexa_monitor::MonitorStatus>>,
    accept: impl Fn(&Option<zexa_monitor::MonitorStatus>) -> bool,
) -> Option<zexa_monitor::MonitorStatus> {
    tokio::time::timeout(std::time::Duration::from_secs(10), rx.wait_for(|s| accept(s)))
        .await
        .expect("monitor status within 10 s")
        .unwrap()
        .clone()
}

#[tokio::test]
async fn the_active_profile_is_monitored_and_a_revoked_key_shows_without_a_click() {
    let f = fixture().await;
    let mut statuses = f.service.subscribe_monitor();
    let state = f
        .service
        .add_profile(new_profile("Production", &f.sandbox.base_url(), f.sandbox.admin_api_key().expose()))
        .await
        .unwrap();
    let id = state.profiles[0].id.clone();

    let status = next_status(&mut statuses, |s| s.as_ref().is_some_and(|s| s.polls > 0)).await.unwrap();
    assert_eq!(status.profile_id, id);
    assert_eq!(status.balance.unwrap().credits.to_string(), "4250");

    f.service.set_profile_threshold(&id, 5000).unwrap();
    let status = next_status(&mut statuses, |s| s.as_ref().is_some_and(|s| s.threshold == 5000)).await.unwrap();
    assert_eq!(status.level(), zexa_monitor::BalanceLevel::Low);
    assert_eq!(f.service.app_state().profiles[0].low_credit_threshold, 5000);

    revoke_admin_key(&f.sandbox).await;
    tokio::time::sleep(std::time::Duration::from_secs(5)).await; // past the monitor's refresh coalescing gap
    f.service.refresh_now();
    next_status(&mut statuses, |s| s.as_ref().is_some_and(|s| s.key_refused)).await;
    assert_eq!(f.service.app_state().connection, ConnectionState::Unauthorized);

    f.service.remove_profile(&id).await.unwrap();
    next_status(&mut statuses, |s| s.is_none()).await;
}

#[tokio::test]
async fn the_embedded_sandbox_stops_when_its_profile_is_not_active() {
    let f = fixture().await;
    f.service.start_sandbox().await.unwrap();
    let embedded = f.service.sandbox_base_url().await.unwrap();
    let sandbox_id = f.service.app_state().active_profile_id.unwrap();
    f.service
        .add_profile(new_profile("Production", &f.sandbox.base_url(), f.sandbox.admin_api_key().expose()))
        .await
        .unwrap();
    for _ in 0..50 {
        if f.service.sandbox_base_url().await.is_none() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(f.service.sandbox_base_url().await, None, "nothing serves the sandbox while it is not in use");
    let refused = reqwest::Client::new().get(format!("{embedded}/credits")).send().await;
    assert!(refused.is_err(), "the old port no longer answers");
    // Coming back starts a fresh one.
    f.service.switch_profile(&sandbox_id).unwrap();
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250");
}

fn credit_requests(sandbox: &zexa_sandbox::SandboxHandle) -> usize {
    sandbox.requests().iter().filter(|r| r.as_str() == "GET /v1/credits").count()
}

/// Start-up as the app does it: the monitor's first poll, the window's first focus and its
/// first figure, then a wait past the monitor's refresh gap for a poll that would trail.
#[tokio::test]
async fn start_up_asks_for_the_balance_exactly_once() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    monitor_settled(&f).await;
    let before = credit_requests(&f.sandbox);

    let app = f.restarted();
    app.restart_monitor_now().await;
    app.refresh_if_stale(); // the window appears and takes focus
    let shown = app.balance(false).await.unwrap();
    assert_eq!(shown.credits, "4250");
    let mut statuses = app.subscribe_monitor();
    let status = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        statuses.wait_for(|s| s.as_ref().is_some_and(|s| s.polls > 0)),
    )
    .await
    .unwrap()
    .unwrap()
    .clone()
    .unwrap();
    assert_eq!(status.balance.unwrap().credits.to_string(), "4250", "the tray has the same figure");
    tokio::time::sleep(std::time::Duration::from_millis(5_500)).await;
    assert_eq!(credit_requests(&f.sandbox) - before, 1, "{:?}", f.sandbox.requests());

    // Refresh is a new answer; a focus within the minute is not.
    admin(&f.sandbox, reqwest::Method::PUT, "/balance", json!({"credits": 17})).await;
    app.refresh_if_stale();
    assert_eq!(app.balance(false).await.unwrap().credits, "4250");
    assert_eq!(app.balance(true).await.unwrap().credits, "17");
    assert_eq!(credit_requests(&f.sandbox) - before, 2);
}
