//! The keychain entry of a profile: bound to the server it was stored for, migrated from
//! before the envelope, and never left behind by a write that failed. Real loopback HTTP to the
//! sandbox; the keychain in memory or a backend that misbehaves on purpose (the real Secret
//! Service has its own tests in zexa-keychain and e2e).

mod common;

use zexa_core::error::ErrorCode;
use zexa_core::secret::SecretString;

use common::{fixture, new_profile};

#[tokio::test]
async fn a_key_never_goes_to_another_server_than_the_one_it_was_stored_for() {
    let f = fixture().await;
    let id = f.add_admin_profile("Production").await;
    let origin = zexa_api::origin_of(&f.sandbox.base_url()).unwrap();
    assert_eq!(f.keychain.origin(&id).await.unwrap().as_deref(), Some(origin.as_str()));

    // Same-user malware edits settings.json to point the profile at its own server.
    let evil = zexa_sandbox::SandboxServer::start(Default::default()).await.unwrap();
    let text = std::fs::read_to_string(&f.settings_path).unwrap().replace(&f.sandbox.base_url(), &evil.base_url());
    std::fs::write(&f.settings_path, text).unwrap();
    let restarted = f.restarted();
    let error = restarted.balance(true).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::KeyBoundElsewhere);
    assert!(error.message.contains("was not sent"), "{}", error.message);
    // The status pill says so, rather than "Checking…" for ever.
    assert_eq!(restarted.app_state().connection, zexa_app::view::ConnectionState::KeyNotSent);
    assert!(evil.requests().is_empty(), "nothing reached the other server: {:?}", evil.requests());

    // The window is told which server the key was stored for, and what to do.
    assert!(error.message.contains(&origin) && error.message.contains("Replace key"), "{}", error.message);

    // A key stored before the envelope existed (a bare key) is bound on first use, to the
    // server the profile names then, and kept bound to it.
    f.keychain.delete(&id).await.unwrap();
    f.keychain.write_plain(&id, &f.sandbox.admin_api_key()).await.unwrap();
    assert_eq!(f.keychain.origin(&id).await.unwrap(), None);
    let text = std::fs::read_to_string(&f.settings_path).unwrap().replace(&evil.base_url(), &f.sandbox.base_url());
    std::fs::write(&f.settings_path, text).unwrap();
    assert_eq!(f.restarted().balance(true).await.unwrap().credits, "4250");
    assert_eq!(f.keychain.origin(&id).await.unwrap().as_deref(), Some(origin.as_str()));
    let text = std::fs::read_to_string(&f.settings_path).unwrap().replace(&f.sandbox.base_url(), &evil.base_url());
    std::fs::write(&f.settings_path, text).unwrap();
    let restarted = f.restarted();
    let error = restarted.balance(true).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::KeyBoundElsewhere, "bound once, for good: {error:?}");
    assert!(evil.requests().is_empty(), "{:?}", evil.requests());

    // Replace key, the way out the window offers: the new key is checked with the server the
    // profile names now and bound to it.
    restarted.replace_key(&id, evil.admin_api_key()).await.unwrap();
    assert_eq!(restarted.balance(true).await.unwrap().credits, "4250");
    assert_eq!(restarted.app_state().connection, zexa_app::view::ConnectionState::Online);
    let evil_origin = zexa_api::origin_of(&evil.base_url()).unwrap();
    assert_eq!(f.keychain.origin(&id).await.unwrap().as_deref(), Some(evil_origin.as_str()));
}

/// A keychain that stores the secret and then reports a failure (its reply lost, say).
#[derive(Default)]
struct FailsAfterWriting {
    entries: zexa_keychain::MemoryBackend,
}

impl zexa_keychain::SecretBackend for FailsAfterWriting {
    fn name(&self) -> &'static str {
        "fails after writing"
    }
    fn get(&self, account: &str) -> Result<Option<SecretString>, zexa_keychain::KeychainError> {
        self.entries.get(account)
    }
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), zexa_keychain::KeychainError> {
        self.entries.set(account, secret)?;
        Err(zexa_keychain::KeychainError::Platform("the reply was lost".into()))
    }
    fn delete(&self, account: &str) -> Result<(), zexa_keychain::KeychainError> {
        self.entries.delete(account)
    }
}

#[tokio::test]
async fn a_write_that_fails_after_writing_leaves_no_orphan_key() {
    let backend = std::sync::Arc::new(FailsAfterWriting::default());
    let keychain = zexa_keychain::KeychainStore::new(backend.clone(), zexa_keychain::DEFAULT_TIMEOUT);
    let f = common::fixture_with_keychain(keychain, None).await;
    let error = f
        .service
        .add_profile(new_profile("Production", &f.sandbox.base_url(), f.sandbox.admin_api_key().expose()))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::KeychainUnavailable, "{error:?}");
    assert!(f.service.app_state().profiles.is_empty(), "the profile was not added");
    // The entry the failed write left is deleted: no profile points to it.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while !backend.entries.accounts().is_empty() {
        assert!(std::time::Instant::now() < deadline, "left behind: {:?}", backend.entries.accounts());
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// A keychain whose writes land, but only after the app stopped waiting.
#[derive(Default)]
struct LateWrites {
    entries: zexa_keychain::MemoryBackend,
    landed: std::sync::atomic::AtomicUsize,
}

impl zexa_keychain::SecretBackend for LateWrites {
    fn name(&self) -> &'static str {
        "late writes"
    }
    fn get(&self, account: &str) -> Result<Option<SecretString>, zexa_keychain::KeychainError> {
        self.entries.get(account)
    }
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), zexa_keychain::KeychainError> {
        std::thread::sleep(std::time::Duration::from_millis(600));
        self.landed.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        self.entries.set(account, secret)
    }
    fn delete(&self, account: &str) -> Result<(), zexa_keychain::KeychainError> {
        self.entries.delete(account)
    }
}

#[tokio::test]
async fn a_write_that_lands_after_its_timeout_leaves_no_orphan_key() {
    let backend = std::sync::Arc::new(LateWrites::default());
    let keychain = zexa_keychain::KeychainStore::new(backend.clone(), std::time::Duration::from_millis(200));
    let f = common::fixture_with_keychain(keychain, None).await;
    let error = f
        .service
        .add_profile(new_profile("Production", &f.sandbox.base_url(), f.sandbox.admin_api_key().expose()))
        .await
        .unwrap_err();
    assert_eq!(error.code, ErrorCode::KeychainTimeout);
    assert!(f.service.app_state().profiles.is_empty(), "the profile was not added");
    // The write lands later; the app then deletes the entry no profile points to.
    for _ in 0..50 {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        if backend.landed.load(std::sync::atomic::Ordering::SeqCst) == 1 && backend.entries.accounts().is_empty() {
            return;
        }
    }
    panic!("left behind: {:?} (writes landed: {:?})", backend.entries.accounts(), backend.landed);
}
