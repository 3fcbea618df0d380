//! The guided manual rotation against a server that offers only what Zexa documents
//! (`--documented-only`: `GET /credits`, `404` elsewhere), over real loopback HTTP: the new key
//! is created "on the dashboard" (the sandbox's admin route), pasted, checked and switched to;
//! the old key is verified revoked with `GET /credits` (`401`), kept in memory only, and the
//! reminder outlives a restart without the secret.

mod common;

use std::time::Duration;

use serde_json::{json, Value};
use zexa_app::events::{AccountChanged, AccountPart};
use zexa_app::manual_rotation::{RevocationOutcome, MANUAL_ROTATIONS_FILE};
use zexa_core::error::{ErrorCode, Field};
use zexa_core::secret::SecretString;
use zexa_profiles::KEY_DATES_FILE;
use zexa_sandbox::{SandboxHandle, SandboxOptions, SandboxServer};

use common::{admin, fixture, new_profile, Fixture};

const DAY: i64 = 86_400;

struct Documented {
    f: Fixture,
    server: SandboxHandle,
    profile: String,
}

/// A profile on a documented-only server whose key this app stored 120 days ago.
async fn old_key_on_documented_server() -> Documented {
    let f = fixture().await;
    let server = SandboxServer::start(SandboxOptions { documented_only: true, ..Default::default() }).await.unwrap();
    let state = f
        .service
        .add_profile(new_profile("Production", &server.base_url(), server.admin_api_key().expose()))
        .await
        .unwrap();
    let profile = state.active_profile_id.unwrap();
    set_key_date(&f, &profile, now() - 120 * DAY);
    Documented { f, server, profile }
}

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// As an older version of the app would have left it: the key stored `at`.
fn set_key_date(f: &Fixture, profile: &str, at: i64) {
    let body = json!({"version": 1, "data": {profile: at}});
    std::fs::write(f.dir.path().join(KEY_DATES_FILE), body.to_string()).unwrap();
}

/// A key created on the dashboard (the sandbox's admin route), its secret.
async fn dashboard_key(server: &SandboxHandle, name: &str) -> String {
    let created = admin(server, reqwest::Method::POST, "/api-keys", json!({ "name": name })).await;
    created["key"].as_str().unwrap().to_owned()
}

/// Revokes the key starting with the listed prefix, as the dashboard's *Revoke* would.
async fn revoke_on_dashboard(server: &SandboxHandle, secret: &str) {
    let keys = admin(server, reqwest::Method::GET, "/api-keys", Value::Null).await;
    let key = keys["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|k| k["revoked_at"].is_null() && secret.starts_with(k["prefix"].as_str().unwrap()))
        .expect("an active key with that prefix");
    admin(server, reqwest::Method::DELETE, &format!("/api-keys/{}", key["id"].as_str().unwrap()), Value::Null).await;
}

async fn stored_key(d: &Documented) -> String {
    let store = d.f.service.profile_store();
    let profile = store.profile(&d.profile).unwrap();
    store.stored_key(&profile).await.unwrap().expose().to_owned()
}

fn secret(text: &str) -> SecretString {
    SecretString::new(text.to_owned())
}

fn data_file(f: &Fixture) -> String {
    std::fs::read_to_string(f.dir.path().join("data").join(MANUAL_ROTATIONS_FILE)).unwrap_or_default()
}

#[tokio::test]
async fn an_old_key_on_a_server_without_key_creation_is_due_for_the_guided_rotation() {
    let d = old_key_on_documented_server().await;
    let view = d.f.service.manual_rotation_view(&d.profile).await.unwrap();
    assert!(view.available, "the server does not offer key creation");
    assert!(view.due, "{view:?}");
    assert_eq!(view.key_age_days, Some(120));
    assert_eq!(view.rotate_after_days, 90);
    assert!(view.suggested_key_name.starts_with("Production "), "{}", view.suggested_key_name);
    assert_eq!(view.pending, None);

    set_key_date(&d.f, &d.profile, now() - 10 * DAY);
    assert!(!d.f.service.manual_rotation_view(&d.profile).await.unwrap().due, "10 days is not due");
}

#[tokio::test]
async fn where_the_server_creates_keys_the_guided_rotation_does_not_apply() {
    let f = fixture().await;
    let profile = f.add_admin_profile("Production").await;
    assert!(!f.service.manual_rotation_view(&profile).await.unwrap().available);
    let new_key = dashboard_key(&f.sandbox, "Production new").await;
    let error = f.service.replace_key_by_hand(&profile, secret(&new_key)).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict, "{error:?}");
}

#[tokio::test]
async fn a_wrong_key_is_refused_and_not_stored() {
    let d = old_key_on_documented_server().await;
    let old = stored_key(&d).await;
    let wrong = "zx_test_ThisKeyWasNeverIssuedByTheServer0000000";
    let error = d.f.service.replace_key_by_hand(&d.profile, secret(wrong)).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Unauthorized, "{error:?}");
    assert_eq!(stored_key(&d).await, old, "the keychain still holds the old key");
    assert_eq!(d.f.service.manual_rotation_view(&d.profile).await.unwrap().pending, None);
    assert!(!data_file(&d.f).contains("zx_test_"), "nothing is to revoke");

    // The key the profile already uses would make "revoke the old key" cut the profile off.
    let error = d.f.service.replace_key_by_hand(&d.profile, secret(&format!(" {old} "))).await.unwrap_err();
    assert_eq!((error.code, error.field), (ErrorCode::InvalidInput, Some(Field::ApiKey)), "{error:?}");
    assert_eq!(d.f.service.manual_rotation_view(&d.profile).await.unwrap().pending, None);
}

async fn next_change(
    changes: &mut tokio::sync::broadcast::Receiver<AccountChanged>,
    profile: &str,
) -> Vec<AccountPart> {
    tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            let change = changes.recv().await.expect("the feed is open");
            if change.profile_id == profile {
                return change.what;
            }
        }
    })
    .await
    .expect("an announcement")
}

#[tokio::test]
async fn the_new_key_is_stored_and_used_and_the_old_one_must_answer_401_to_finish() {
    let d = old_key_on_documented_server().await;
    let old = stored_key(&d).await;
    let new_key = dashboard_key(&d.server, "Production new").await;
    let mut changes = d.f.service.account_changes();

    let view = d.f.service.replace_key_by_hand(&d.profile, secret(&new_key)).await.unwrap();
    assert!(next_change(&mut changes, &d.profile).await.contains(&AccountPart::Profile), "the window refreshes");
    assert_eq!(stored_key(&d).await, new_key, "stored in the keychain");
    assert!(!view.due, "the key date is today's: {view:?}");
    assert!(d.f.service.profile_store().key_stored_at(&d.profile).is_some_and(|at| (now() - at).abs() < 60));
    let pending = view.pending.expect("the old key is to revoke");
    assert_eq!(pending.old_key_prefix, format!("{}…", &old[..12]));
    assert!(pending.can_verify);
    assert!(!data_file(&d.f).contains(&old), "the old key is never written down");
    assert!(data_file(&d.f).contains(&old[..12]), "its prefix is, for the reminder");
    // The profile works on the new key.
    assert_eq!(d.f.service.balance(true).await.unwrap().credits, "4250");

    // Not revoked yet: said clearly, and the reminder stays.
    let check = d.f.service.verify_old_key_revoked(&d.profile).await.unwrap();
    assert_eq!(check.outcome, RevocationOutcome::StillWorks);
    let pending = check.rotation.pending.expect("still reminded");
    assert!(pending.still_worked_at.is_some());
    let error = d.f.service.confirm_old_key_revoked(&d.profile).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Conflict, "the app can check, so the check decides: {error:?}");
    assert!(error.message.contains(&pending.old_key_prefix), "{}", error.message);
    // A second rotation waits for the first.
    let another = dashboard_key(&d.server, "Production newer").await;
    assert_eq!(
        d.f.service.replace_key_by_hand(&d.profile, secret(&another)).await.unwrap_err().code,
        ErrorCode::Conflict
    );

    revoke_on_dashboard(&d.server, &old).await;
    let check = d.f.service.verify_old_key_revoked(&d.profile).await.unwrap();
    assert_eq!(check.outcome, RevocationOutcome::Revoked);
    assert_eq!(check.rotation.pending, None);
    assert!(d.f.service.profiles_with_old_keys().is_empty());
    assert!(!data_file(&d.f).contains(&old[..12]), "the reminder is gone");
    assert_eq!(d.f.service.balance(true).await.unwrap().credits, "4250", "still on the new key");
}

#[tokio::test]
async fn a_restart_loses_the_old_key_but_keeps_the_reminder_until_the_user_confirms() {
    let d = old_key_on_documented_server().await;
    let old = stored_key(&d).await;
    let new_key = dashboard_key(&d.server, "Production new").await;
    d.f.service.replace_key_by_hand(&d.profile, secret(&new_key)).await.unwrap();

    let restarted = d.f.restarted();
    let view = restarted.manual_rotation_view(&d.profile).await.unwrap();
    let pending = view.pending.expect("the reminder outlives the restart");
    assert_eq!(pending.old_key_prefix, format!("{}…", &old[..12]));
    assert!(!pending.can_verify, "the old key was in memory only");
    let check = restarted.verify_old_key_revoked(&d.profile).await.unwrap();
    assert_eq!(check.outcome, RevocationOutcome::CannotCheck);
    assert!(check.rotation.pending.is_some(), "still reminded");

    // The user's word is all there is now.
    let view = restarted.confirm_old_key_revoked(&d.profile).await.unwrap();
    assert_eq!(view.pending, None);
    assert_eq!(
        restarted.verify_old_key_revoked(&d.profile).await.unwrap_err().code,
        ErrorCode::Conflict,
        "nothing left"
    );
    assert!(d.f.restarted().profiles_with_old_keys().is_empty(), "and after the next restart");
}

#[tokio::test]
async fn removing_the_profile_forgets_its_reminder() {
    let d = old_key_on_documented_server().await;
    let new_key = dashboard_key(&d.server, "Production new").await;
    d.f.service.replace_key_by_hand(&d.profile, secret(&new_key)).await.unwrap();
    assert_eq!(d.f.service.profiles_with_old_keys(), std::slice::from_ref(&d.profile));
    d.f.service.remove_profile(&d.profile).await.unwrap();
    assert!(d.f.service.profiles_with_old_keys().is_empty());
    assert!(d.f.restarted().profiles_with_old_keys().is_empty());
}
