//! The checkup against each kind of server: the contract's sandbox (every account check runs)
//! and a server that answers only what Zexa documents (`--documented-only`: the computer's
//! checks run, the account's parts become dashboard entries the user confirms, and nothing is
//! asked of the server for them). Also the one plaintext copy the app can know of: the key
//! in the `ZEXA_API_KEY` it was started with.

mod common;

use std::sync::Arc;

use zexa_app::checkup::{CheckGroup, CheckId, CheckStatus, ConfirmItem};
use zexa_core::error::ErrorCode;
use zexa_core::secret::SecretString;
use zexa_keychain::MemoryBackend;
use zexa_sandbox::{SandboxOptions, SandboxServer};

use common::{fixture, fixture_with, new_profile};

fn status_of(checkup: &zexa_app::checkup::Checkup, id: CheckId) -> Option<CheckStatus> {
    checkup.checks.iter().find(|c| c.id == id).map(|c| c.status)
}

#[tokio::test]
async fn a_documented_only_server_is_checked_on_this_computer_and_the_rest_is_confirmed() {
    let f = fixture().await;
    let documented =
        SandboxServer::start(SandboxOptions { documented_only: true, ..Default::default() }).await.unwrap();
    f.service
        .add_profile(new_profile("Zexa", &documented.base_url(), documented.admin_api_key().expose()))
        .await
        .unwrap();
    f.service.server_offers().await.unwrap();
    let before = documented.requests().len();

    let checkup = f.service.checkup().await.unwrap();
    assert_eq!(documented.requests().len(), before, "nothing asked of a server known not to offer it");
    assert!(checkup.checks.iter().all(|c| c.group == CheckGroup::Computer), "{:?}", checkup.checks);
    assert_eq!(status_of(&checkup, CheckId::KeyInKeychainOnly), Some(CheckStatus::Pass));
    assert_eq!(status_of(&checkup, CheckId::KeyStoredRecently), Some(CheckStatus::Pass), "stored just now");
    assert_eq!(status_of(&checkup, CheckId::ScanClean), Some(CheckStatus::Warn), "never scanned");
    assert_eq!(status_of(&checkup, CheckId::ProgramsUseZexaRun), Some(CheckStatus::Hint));
    assert_eq!(
        checkup.dashboard.iter().map(|d| d.item).collect::<Vec<_>>(),
        [ConfirmItem::TwoFactorOn, ConfirmItem::BackupCodes, ConfirmItem::ApiKeys, ConfirmItem::Sessions]
    );
    assert_eq!(checkup.summary, "2 of 3 checks pass · 4 to confirm on the dashboard");

    // Confirmed: counted, and kept across a restart.
    let confirmed = f.service.confirm_dashboard_check(ConfirmItem::TwoFactorOn).await.unwrap();
    assert_eq!(confirmed.summary, "3 of 4 checks pass · 3 to confirm on the dashboard");
    assert!(confirmed.dashboard[0].confirmed && confirmed.dashboard[0].ask_again_at.is_some());
    let restarted = f.restarted();
    assert_eq!(restarted.checkup().await.unwrap().summary, confirmed.summary);
    let undone = restarted.unconfirm_dashboard_check(ConfirmItem::TwoFactorOn).await.unwrap();
    assert_eq!(undone.summary, checkup.summary);

    // The sections are answered "not offered" at once: no request, so no request id to show.
    let before = documented.requests().len();
    for error in [
        f.service.session_list().await.unwrap_err(),
        f.service.api_key_list().await.unwrap_err(),
        f.service.two_factor_overview().await.unwrap_err(),
    ] {
        assert_eq!((error.code, error.request_id.as_deref()), (ErrorCode::NotOffered, None), "{error:?}");
        assert!(error.message.contains("https://app.zexa.ao"), "{}", error.message);
    }
    let password = SecretString::new("Tr1cky-passw0rd".to_owned());
    let refused = f.service.change_password(password.clone(), password.clone(), password).await.unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotOffered);
    assert_eq!(documented.requests().len(), before, "no password was sent to a server that cannot change it");
}

#[tokio::test]
async fn the_contracts_sandbox_runs_every_account_check_and_has_nothing_to_confirm() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    let checkup = f.service.checkup().await.unwrap();
    assert!(checkup.dashboard.is_empty());
    assert_eq!(checkup.to_confirm, 0);
    for id in [CheckId::TwoFactorOn, CheckId::KeysUnder90Days, CheckId::SessionsActive, CheckId::RotationsFinished] {
        assert!(status_of(&checkup, id).is_some(), "{id:?} runs");
    }
}

#[tokio::test]
async fn the_key_also_in_zexa_api_key_is_a_plaintext_copy() {
    let sandbox = SandboxServer::start(SandboxOptions::default()).await.unwrap();
    let key = sandbox.admin_api_key().expose().to_owned();
    let f = fixture_with(Arc::new(MemoryBackend::default()), Some(SecretString::new(format!("Bearer {key}\n")))).await;
    f.service.add_profile(new_profile("Production", &sandbox.base_url(), &key)).await.unwrap();
    let checkup = f.service.checkup().await.unwrap();
    let keychain = checkup.checks.iter().find(|c| c.id == CheckId::KeyInKeychainOnly).unwrap();
    assert_eq!(keychain.status, CheckStatus::Warn);
    assert!(keychain.detail.contains("ZEXA_API_KEY"), "{}", keychain.detail);

    // Another key in ZEXA_API_KEY is not this profile's copy.
    let other = fixture_with(Arc::new(MemoryBackend::default()), Some(SecretString::new("zx_live_other".into()))).await;
    other.service.add_profile(new_profile("Production", &sandbox.base_url(), &key)).await.unwrap();
    let checkup = other.service.checkup().await.unwrap();
    assert_eq!(status_of(&checkup, CheckId::KeyInKeychainOnly), Some(CheckStatus::Pass));
}
