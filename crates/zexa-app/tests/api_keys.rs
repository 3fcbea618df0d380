//! API key management against the sandbox over real loopback HTTP: the list and its badges,
//! create → works, revoke → 401, use for a profile, rotation with every failure point injected,
//! guided rotation remembered across restarts and cancelled (its new key revoked or named),
//! a shared key prefix refused, profiles sharing a key rotated together, and the lock-down.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use serde_json::json;
use zexa_app::api_keys::{KeyBadge, KeyTarget, RotationOutcome, RotationStage};
use zexa_core::error::ErrorCode;
use zexa_core::secret::SecretString;
use zexa_keychain::{KeychainError, MemoryBackend, SecretBackend};
use zexa_sandbox::{Fault, FaultRule, ADMIN_KEY_NAME};

use common::{active_keys, admin, credits_status, fixture, fixture_with, monitor_settled, new_profile, Fixture};

async fn key_id(f: &Fixture, name: &str) -> String {
    active_keys(&f.sandbox).await.into_iter().find(|(n, _)| n == name).unwrap().1
}

fn fault(method: &str, path: &str, status: u16) -> FaultRule {
    FaultRule {
        id: String::new(),
        method: Some(method.into()),
        path: path.into(),
        fault: Fault::Status { status, body: None },
        times: Some(1),
    }
}

#[tokio::test]
async fn the_list_shows_every_key_with_its_badges_and_no_secret() {
    let f = fixture().await;
    let profile = f.add_admin_profile("Production").await;
    let list = f.service.api_key_list().await.unwrap();
    assert_eq!(list.profile_id, profile);
    let names: Vec<&str> = list.keys.iter().map(|r| r.key.name.as_str()).collect();
    // Most recently used first: the app's key was just used to check it, CI pipeline never.
    assert_eq!(names, [ADMIN_KEY_NAME, "Production server", "Staging", "CI pipeline"]);
    let badges = |name: &str| list.keys.iter().find(|r| r.key.name == name).unwrap().badges.clone();
    assert_eq!(badges(ADMIN_KEY_NAME), [KeyBadge::ThisApp]);
    assert_eq!(badges("Production server"), [KeyBadge::OlderThan90Days]);
    assert_eq!(badges("Staging"), []);
    assert_eq!(badges("CI pipeline"), [KeyBadge::NeverUsed]);
    let app_row = &list.keys[0];
    assert_eq!(app_row.used_by.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Production"]);
    assert_eq!(list.limits.rotate_after_days, 90);
    let json = serde_json::to_string(&list).unwrap();
    assert!(!json.contains(f.sandbox.admin_api_key().expose()), "the stored key never goes to the webview");
}

#[tokio::test]
async fn every_page_of_keys_is_listed() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    for n in 0..120 {
        admin(&f.sandbox, reqwest::Method::POST, "/api-keys", json!({ "name": format!("bulk {n}") })).await;
    }
    let list = f.service.api_key_list().await.unwrap();
    assert_eq!(list.keys.len(), 124, "three pages of 50");
}

#[tokio::test]
async fn a_created_key_works_is_copied_once_and_its_revoke_is_immediate() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let created = f.service.create_api_key("  Deploy bot ").await.unwrap();
    assert_eq!(created.key.name, "Deploy bot");
    let secret = serde_json::to_value(&created).unwrap()["secret"].as_str().unwrap().to_owned();
    assert_eq!(credits_status(&f.sandbox, &secret).await, 200, "the new key works at once");

    let receipt = f.service.copy_shown_secret(&created.slot).unwrap();
    assert_eq!(receipt.clears_in_secs, 60);
    assert_eq!(f.clipboard.current().as_deref(), Some(secret.as_str()));
    f.service.forget_shown_secret(&created.slot);
    assert!(f.service.copy_shown_secret(&created.slot).is_err(), "gone once the dialog closed");
    assert!(f.service.use_created_key(&created.slot, KeyTarget::NewProfile { name: "Bot".into() }).await.is_err());

    let before = f.sandbox.requests().len();
    let long = f.service.create_api_key(&"x".repeat(65)).await.unwrap_err();
    assert_eq!((long.code, long.message.as_str()), (ErrorCode::InvalidInput, "Key names have at most 64 characters."));
    assert_eq!(f.service.create_api_key("   ").await.unwrap_err().code, ErrorCode::InvalidInput);
    assert_eq!(f.sandbox.requests().len(), before, "refused before anything was sent");
    let taken = f.service.create_api_key("Deploy bot").await.unwrap_err();
    assert_eq!(taken.code, ErrorCode::Validation);
    assert!(taken.message.contains("already has this name"), "{}", taken.message);

    let revoked = f.service.revoke_api_key(&created.key.id).await.unwrap();
    assert!(!revoked.already_revoked && revoked.signed_out.is_empty());
    assert_eq!(credits_status(&f.sandbox, &secret).await, 401, "revoked at once");
    let again = f.service.revoke_api_key(&created.key.id).await.unwrap();
    assert!(again.already_revoked, "a key already gone counts as revoked");
    assert_eq!(f.service.revoke_api_key("../credits").await.unwrap_err().code, ErrorCode::InvalidInput);
}

#[tokio::test]
async fn revoking_this_apps_key_signs_its_profile_out() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let id = key_id(&f, ADMIN_KEY_NAME).await;
    let revoked = f.service.revoke_api_key(&id).await.unwrap();
    assert_eq!(revoked.signed_out.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Production"]);
    assert_eq!(f.service.app_state().connection, zexa_app::view::ConnectionState::Unauthorized);
    assert_eq!(f.service.balance(true).await.unwrap_err().code, ErrorCode::Unauthorized);
}

#[tokio::test]
async fn a_created_key_becomes_a_new_profile_or_a_profiles_replacement_key() {
    let f = fixture().await;
    let production = f.add_admin_profile("Production").await;
    let created = f.service.create_api_key("Staging app").await.unwrap();
    let state =
        f.service.use_created_key(&created.slot, KeyTarget::NewProfile { name: "Staging".into() }).await.unwrap();
    assert_eq!(state.active_profile_id.as_deref(), Some(production.as_str()), "the view stays where it was");
    let staging = state.profiles.iter().find(|p| p.name == "Staging").unwrap();
    let stored = f.keychain.read(&staging.id).await.unwrap().unwrap();
    assert!(stored.expose().starts_with(&created.key.prefix));

    let replacement = f.service.create_api_key("Production 2").await.unwrap();
    f.service
        .use_created_key(&replacement.slot, KeyTarget::ExistingProfile { profile_id: production.clone() })
        .await
        .unwrap();
    let stored = f.keychain.read(&production).await.unwrap().unwrap();
    assert!(stored.expose().starts_with(&replacement.key.prefix));
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250");
}

#[tokio::test]
async fn this_apps_key_rotates_in_one_click() {
    let f = fixture().await;
    let profile = f.add_admin_profile("Production").await;
    let old = f.sandbox.admin_api_key();
    let report = f.service.rotate_profile_key(&profile).await.unwrap();
    assert_eq!(report.outcome, RotationOutcome::Rotated, "{}", report.summary);
    let new_name = &report.new_key.as_ref().unwrap().name;
    assert!(new_name.starts_with("Zexa Desktop — Production (rotated 20"), "{new_name}");
    assert_eq!(credits_status(&f.sandbox, old.expose()).await, 401, "the old key is revoked");
    let stored = f.keychain.read(&profile).await.unwrap().unwrap();
    assert_ne!(stored.expose(), old.expose());
    assert_eq!(credits_status(&f.sandbox, stored.expose()).await, 200);
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250", "the app goes on with the new key");
    let list = f.service.api_key_list().await.unwrap();
    assert_eq!(list.keys.iter().find(|r| &r.key.name == new_name).unwrap().badges, [KeyBadge::ThisApp]);
}

/// A keychain that refuses the next `refuse` writes, after letting `allow_first` through.
#[derive(Default)]
struct RefusingWrites {
    inner: MemoryBackend,
    refuse: AtomicUsize,
    allow_first: AtomicUsize,
}

impl SecretBackend for RefusingWrites {
    fn name(&self) -> &'static str {
        "refusing"
    }
    fn get(&self, account: &str) -> Result<Option<SecretString>, KeychainError> {
        self.inner.get(account)
    }
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), KeychainError> {
        let allowed = self.allow_first.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok();
        if !allowed && self.refuse.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1)).is_ok() {
            return Err(KeychainError::Denied("the user said no".into()));
        }
        self.inner.set(account, secret)
    }
    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        self.inner.delete(account)
    }
}

#[tokio::test]
async fn every_failure_point_of_a_rotation_leaves_the_profile_a_working_key() {
    // (where, the fault, outcome, does the old key still work)
    for point in ["create", "store", "verify", "revoke old"] {
        let backend = Arc::new(RefusingWrites::default());
        let f = fixture_with(backend.clone(), None).await;
        let profile = f.add_admin_profile("Production").await;
        monitor_settled(&f).await;
        let before = active_keys(&f.sandbox).await.len();
        let old_id = key_id(&f, ADMIN_KEY_NAME).await;
        match point {
            "create" => drop(f.sandbox.add_fault(fault("POST", "/v1/api-keys", 500))),
            "store" => backend.refuse.store(1, Ordering::SeqCst),
            "verify" => drop(f.sandbox.add_fault(fault("GET", "/v1/credits", 500))),
            _ => drop(f.sandbox.add_fault(fault("DELETE", &format!("/v1/api-keys/{old_id}"), 500))),
        }
        let report = f.service.rotate_profile_key(&profile).await.unwrap();
        let stored = f.keychain.read(&profile).await.unwrap().unwrap();
        assert_eq!(credits_status(&f.sandbox, stored.expose()).await, 200, "{point}: the stored key works");
        assert_eq!(f.service.balance(true).await.unwrap().credits, "4250", "{point}: the app still works");
        let old_works = credits_status(&f.sandbox, f.sandbox.admin_api_key().expose()).await == 200;
        if point == "revoke old" {
            assert_eq!(report.outcome, RotationOutcome::OldKeyStillActive, "{}", report.summary);
            assert!(old_works && report.summary.contains("STILL WORKS"), "{}", report.summary);
            assert_eq!(active_keys(&f.sandbox).await.len(), before + 1);
        } else {
            assert_eq!(report.outcome, RotationOutcome::RolledBack, "{point}: {}", report.summary);
            assert!(old_works, "{point}: the old key still works");
            assert_eq!(stored.expose(), f.sandbox.admin_api_key().expose(), "{point}: the old key is stored");
            assert_eq!(active_keys(&f.sandbox).await.len(), before, "{point}: no new key left behind");
        }
    }
}

#[tokio::test]
async fn a_rotation_elsewhere_is_watched_and_remembered_across_restarts() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let old_id = key_id(&f, "Production server").await;
    let created = f.service.start_key_rotation(&old_id).await.unwrap();
    let rotation_id = created.rotation_id.clone().unwrap();
    assert!(created.key.name.starts_with("Production server (rotated "), "{}", created.key.name);
    let again = f.service.start_key_rotation(&old_id).await.unwrap_err();
    assert!(again.message.contains("already under way"), "{}", again.message);
    let app_key = key_id(&f, ADMIN_KEY_NAME).await;
    assert!(f.service.start_key_rotation(&app_key).await.unwrap_err().message.contains("Rotate"));

    let stage = |list: &zexa_app::api_keys::ApiKeyList| {
        list.rotations.iter().find(|r| r.rotation.id == rotation_id).map(|r| r.stage)
    };
    let list = f.service.api_key_list().await.unwrap();
    assert_eq!(stage(&list), Some(RotationStage::WaitingForNewKey));
    let rows_in_rotation = list.keys.iter().filter(|r| r.rotation_id.as_deref() == Some(rotation_id.as_str())).count();
    assert_eq!(rows_in_rotation, 2, "both keys are marked on the list");

    // The customer deploys the new key: their server uses it.
    let secret = serde_json::to_value(&created).unwrap()["secret"].as_str().unwrap().to_owned();
    f.service.forget_shown_secret(&created.slot);
    assert_eq!(credits_status(&f.sandbox, &secret).await, 200);

    let restarted = f.restarted();
    let list = restarted.api_key_list().await.unwrap();
    assert_eq!(stage(&list), Some(RotationStage::ReadyToRevokeOld), "remembered after a restart");

    let revoked = restarted.finish_key_rotation(&rotation_id).await.unwrap();
    assert_eq!(revoked.key_id, old_id);
    assert!(!active_keys(&f.sandbox).await.iter().any(|(_, id)| id == &old_id));
    assert!(restarted.api_key_list().await.unwrap().rotations.is_empty());
    assert!(restarted.cancel_key_rotation(&rotation_id, false).await.is_err());
}

#[tokio::test]
async fn lock_down_leaves_exactly_one_working_key_the_apps() {
    let f = fixture().await;
    let profile = f.add_admin_profile("Production").await;
    let staging = f.service.create_api_key("Staging app").await.unwrap();
    f.service.use_created_key(&staging.slot, KeyTarget::NewProfile { name: "Staging".into() }).await.unwrap();
    let report = f.service.lock_down_account().await.unwrap();
    assert!(report.app_key_replaced, "{}", report.summary);
    assert_eq!(report.revoked.len(), 5, "three demo keys, Staging's and the app's old key");
    let signed_out: Vec<&str> = report.signed_out_profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(signed_out, ["Staging"], "the other profile of this app lost its key");
    assert!(report.failed.is_empty());
    let active = active_keys(&f.sandbox).await;
    assert_eq!(active.len(), 1, "{active:?}");
    assert!(active[0].0.starts_with("Zexa Desktop — Production (lock-down "), "{active:?}");
    let stored = f.keychain.read(&profile).await.unwrap().unwrap();
    assert_eq!(credits_status(&f.sandbox, stored.expose()).await, 200);
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250");
    assert!(report.summary.contains("suporte@zexa.ao"), "{}", report.summary);
}

#[tokio::test]
async fn a_lock_down_that_stops_halfway_says_which_keys_still_work() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    monitor_settled(&f).await;
    let staging = key_id(&f, "Staging").await;
    f.sandbox.add_fault(FaultRule { times: None, ..fault("DELETE", &format!("/v1/api-keys/{staging}"), 500) });
    let report = f.service.lock_down_account().await.unwrap();
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].key.name, "Staging");
    let still: Vec<&str> = report.still_active.iter().map(|k| k.name.as_str()).collect();
    assert_eq!(still.len(), 2);
    assert!(still.contains(&"Staging"));
    let active = active_keys(&f.sandbox).await;
    assert_eq!(active.len(), 2, "the report matches the account: {active:?}");
    assert!(report.summary.contains("STILL WORKS"), "{}", report.summary);
}

#[tokio::test]
async fn the_sandbox_profile_rotates_its_key_in_memory() {
    let f = fixture().await;
    f.service.start_sandbox().await.unwrap();
    let profile = f.service.app_state().active_profile_id.unwrap();
    let report = f.service.rotate_profile_key(&profile).await.unwrap();
    assert_eq!(report.outcome, RotationOutcome::Rotated, "{}", report.summary);
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250");
    assert!(f.keychain.read(&profile).await.unwrap().is_none(), "the sandbox key never goes to the keychain");
}

/// The secret of a key just created, as the shown-once dialog gets it.
fn shown_secret(created: &zexa_app::api_keys::CreatedKey) -> String {
    serde_json::to_value(created).unwrap()["secret"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn cancelling_a_rotation_offers_to_revoke_its_new_key_and_names_it_when_kept() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let old_id = key_id(&f, "Production server").await;

    // Revoked: the shown key stops working, the old one goes on, the rotation is over.
    let created = f.service.start_key_rotation(&old_id).await.unwrap();
    let rotation_id = created.rotation_id.clone().unwrap();
    let new_secret = shown_secret(&created);
    f.service.forget_shown_secret(&created.slot);
    assert_eq!(credits_status(&f.sandbox, &new_secret).await, 200);
    let cancelled = f.service.cancel_key_rotation(&rotation_id, true).await.unwrap();
    assert!(cancelled.new_key_revoked);
    assert!(
        cancelled.summary.contains("was cancelled and its new key “Production server (rotated"),
        "{}",
        cancelled.summary
    );
    assert_eq!(credits_status(&f.sandbox, &new_secret).await, 401, "the shown key no longer works");
    assert!(active_keys(&f.sandbox).await.iter().any(|(_, id)| id == &old_id), "the old key is untouched");
    assert!(f.service.api_key_list().await.unwrap().rotations.is_empty());

    // Kept: the key still works, and the user is told so in a sentence naming it.
    let created = f.service.start_key_rotation(&old_id).await.unwrap();
    let new_secret = shown_secret(&created);
    f.service.forget_shown_secret(&created.slot);
    let cancelled = f.service.cancel_key_rotation(created.rotation_id.as_deref().unwrap(), false).await.unwrap();
    assert!(!cancelled.new_key_revoked);
    let kept = format!(
        "The new key “{}” ({}…) is still active on your account; revoke it from API keys if you do not use it.",
        created.key.name, created.key.prefix
    );
    assert!(cancelled.summary.ends_with(&kept), "{}", cancelled.summary);
    assert_eq!(credits_status(&f.sandbox, &new_secret).await, 200);
    assert!(f.service.api_key_list().await.unwrap().rotations.is_empty());
}

#[tokio::test]
async fn a_new_key_that_a_profile_took_is_not_revoked_by_cancelling() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let old_id = key_id(&f, "Production server").await;
    let created = f.service.start_key_rotation(&old_id).await.unwrap();
    let new_secret = shown_secret(&created);
    f.service.use_created_key(&created.slot, KeyTarget::NewProfile { name: "Server".into() }).await.unwrap();
    let production = f.service.app_state().profiles.iter().find(|p| p.name == "Production").unwrap().id.clone();
    f.service.switch_profile(&production).unwrap();
    let rotation_id = created.rotation_id.unwrap();
    let refused = f.service.cancel_key_rotation(&rotation_id, true).await.unwrap_err();
    assert!(refused.message.contains("the profile “Server” of this app uses it"), "{}", refused.message);
    assert_eq!(credits_status(&f.sandbox, &new_secret).await, 200, "the profile keeps a working key");
    assert_eq!(f.service.api_key_list().await.unwrap().rotations.len(), 1, "still pending: nothing changed");
}

#[tokio::test]
async fn two_listed_keys_with_this_profiles_prefix_stop_rotation_and_lock_down() {
    let f = fixture().await;
    let profile = f.add_admin_profile("Production").await;
    monitor_settled(&f).await;
    // The real list, with a second key that starts like the app's own.
    let body: serde_json::Value = reqwest::Client::new()
        .get(format!("{}/api-keys?per_page=100", f.sandbox.base_url()))
        .bearer_auth(f.sandbox.admin_api_key().expose())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let mut listed = body.clone();
    let keys = listed["data"].as_array_mut().unwrap();
    let mut twin = keys.iter().find(|k| k["name"] == ADMIN_KEY_NAME).unwrap().clone();
    twin["id"] = json!("key_twin0000000000000");
    twin["name"] = json!("Twin");
    keys.push(twin);
    let before = active_keys(&f.sandbox).await;
    f.sandbox.add_fault(FaultRule {
        id: String::new(),
        method: Some("GET".into()),
        path: "/v1/api-keys".into(),
        fault: Fault::Status { status: 200, body: Some(listed.to_string()) },
        times: None,
    });

    let refused = f.service.rotate_profile_key(&profile).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::InvalidInput);
    let admin_key = f.sandbox.admin_api_key();
    let prefix = &admin_key.expose()[..12];
    assert!(
        refused
            .message
            .starts_with(&format!("Two keys of this account start with {prefix} (“{ADMIN_KEY_NAME}” and “Twin”)")),
        "{}",
        refused.message
    );
    assert!(refused.message.contains("changed nothing"), "{}", refused.message);
    let lock_down = f.service.lock_down_account().await.unwrap_err();
    assert_eq!(lock_down.message, refused.message);
    assert_eq!(active_keys(&f.sandbox).await, before, "no key created, none revoked");
    assert_eq!(credits_status(&f.sandbox, f.sandbox.admin_api_key().expose()).await, 200);
}

#[tokio::test]
async fn rotating_a_key_moves_every_profile_that_holds_it() {
    let f = fixture().await;
    let production = f.add_admin_profile("Production").await;
    let admin_key = f.sandbox.admin_api_key();
    let base_url = f.sandbox.base_url();
    let copy = f.service.add_profile(new_profile("Production copy", &base_url, admin_key.expose())).await.unwrap();
    let copy = copy.active_profile_id.unwrap();
    let staging = f.service.create_api_key("Staging app").await.unwrap();
    let staging_secret = shown_secret(&staging);
    let staging = f.service.add_profile(new_profile("Staging", &base_url, &staging_secret)).await.unwrap();
    let staging = staging.active_profile_id.unwrap();
    f.service.switch_profile(&production).unwrap();

    let report = f.service.rotate_profile_key(&production).await.unwrap();
    assert_eq!(report.outcome, RotationOutcome::Rotated, "{}", report.summary);
    let moved: Vec<&str> = report.other_profiles.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(moved, ["Production copy"]);
    assert!(
        report.summary.ends_with("The profile “Production copy” held the same key and now uses the new one too."),
        "{}",
        report.summary
    );
    assert_eq!(credits_status(&f.sandbox, admin_key.expose()).await, 401, "the old key is revoked");
    let stored = f.keychain.read(&production).await.unwrap().unwrap();
    let stored_copy = f.keychain.read(&copy).await.unwrap().unwrap();
    assert_eq!(stored_copy.expose(), stored.expose(), "the copy holds the new key too");
    assert_eq!(f.keychain.read(&staging).await.unwrap().unwrap().expose(), &staging_secret, "another key: untouched");
    f.service.switch_profile(&copy).unwrap();
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250", "the copy goes on with the new key");
    f.service.switch_profile(&staging).unwrap();
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250");
}

#[tokio::test]
async fn a_profile_sharing_the_key_that_cannot_take_the_new_one_rolls_the_rotation_back() {
    let backend = Arc::new(RefusingWrites::default());
    let f = fixture_with(backend.clone(), None).await;
    let production = f.add_admin_profile("Production").await;
    let admin_key = f.sandbox.admin_api_key();
    let copy = f.service.add_profile(new_profile("Production copy", &f.sandbox.base_url(), admin_key.expose())).await;
    let copy = copy.unwrap().active_profile_id.unwrap();
    f.service.switch_profile(&production).unwrap();
    monitor_settled(&f).await;
    let before = active_keys(&f.sandbox).await.len();
    // Production's entry takes the new key; the copy's refuses it.
    backend.allow_first.store(1, Ordering::SeqCst);
    backend.refuse.store(1, Ordering::SeqCst);
    let report = f.service.rotate_profile_key(&production).await.unwrap();
    assert_eq!(report.outcome, RotationOutcome::RolledBack, "{}", report.summary);
    assert!(report.other_profiles.is_empty(), "nobody moved");
    for profile in [&production, &copy] {
        assert_eq!(f.keychain.read(profile).await.unwrap().unwrap().expose(), admin_key.expose(), "{profile}");
    }
    assert_eq!(credits_status(&f.sandbox, admin_key.expose()).await, 200, "the old key still works");
    assert_eq!(active_keys(&f.sandbox).await.len(), before, "the new key was revoked again");
}

#[tokio::test]
async fn a_lock_down_moves_the_profiles_sharing_this_apps_key_instead_of_signing_them_out() {
    let f = fixture().await;
    let production = f.add_admin_profile("Production").await;
    let admin_key = f.sandbox.admin_api_key();
    let copy = f.service.add_profile(new_profile("Production copy", &f.sandbox.base_url(), admin_key.expose())).await;
    let copy = copy.unwrap().active_profile_id.unwrap();
    f.service.switch_profile(&production).unwrap();
    let report = f.service.lock_down_account().await.unwrap();
    assert!(report.app_key_replaced, "{}", report.summary);
    assert!(report.signed_out_profiles.is_empty(), "{:?}", report.signed_out_profiles);
    assert!(report.summary.starts_with("The profile “Production copy” held the same key"), "{}", report.summary);
    let stored = f.keychain.read(&production).await.unwrap().unwrap();
    assert_eq!(f.keychain.read(&copy).await.unwrap().unwrap().expose(), stored.expose());
    assert_eq!(credits_status(&f.sandbox, stored.expose()).await, 200);
    assert_eq!(active_keys(&f.sandbox).await.len(), 1, "still exactly one working key");
}
