//! What the flow tests share: an `AppService` over real loopback HTTP to a sandbox server, with
//! the keychain, clipboard and data folder where each test can see them.
#![allow(dead_code)] // each test binary uses its own part of this

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::Value;
use std::sync::Mutex;
use tokio::runtime::Handle;
use zexa_api::ClientConfig;

use zexa_app::clipboard::MemoryClipboard;
use zexa_app::view::NewProfile;
use zexa_app::{AppService, ServiceOptions};
use zexa_core::secret::SecretString;
use zexa_core::settings::SettingsStore;
use zexa_keychain::{KeychainStore, MemoryBackend, SecretBackend, DEFAULT_TIMEOUT};
use zexa_monitor::{NoticeMessage, Notifier, NotifyFuture};
use zexa_sandbox::{SandboxHandle, SandboxOptions, SandboxServer, ADMIN_KEY_NAME};

pub struct Fixture {
    pub service: Arc<AppService>,
    pub keychain: KeychainStore,
    pub clipboard: Arc<MemoryClipboard>,
    pub sandbox: SandboxHandle,
    pub dir: tempfile::TempDir,
    pub settings_path: PathBuf,
}

pub fn options(keychain: &KeychainStore, clipboard: &Arc<MemoryClipboard>, dir: &std::path::Path) -> ServiceOptions {
    ServiceOptions {
        // One attempt: a fault injected for one request is the answer the test sees.
        client_config: ClientConfig { max_attempts: 1, ..ClientConfig::default() },
        clipboard: clipboard.clone(),
        data_dir: Some(dir.join("data")),
        ..ServiceOptions::new(keychain.clone(), Handle::current())
    }
}

pub async fn fixture_with(backend: Arc<dyn SecretBackend>, env_api_key: Option<SecretString>) -> Fixture {
    fixture_with_keychain(KeychainStore::new(backend, DEFAULT_TIMEOUT), env_api_key).await
}

pub async fn fixture_with_keychain(keychain: KeychainStore, env_api_key: Option<SecretString>) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let settings_path = dir.path().join("settings.json");
    let clipboard = Arc::new(MemoryClipboard::default());
    let service = AppService::load(
        SettingsStore::new(&settings_path),
        ServiceOptions { env_api_key, ..options(&keychain, &clipboard, dir.path()) },
    );
    let sandbox = SandboxServer::start(SandboxOptions::default()).await.unwrap();
    Fixture { service, keychain, clipboard, sandbox, dir, settings_path }
}

pub async fn fixture() -> Fixture {
    fixture_with(Arc::new(MemoryBackend::default()), None).await
}

impl Fixture {
    /// The same settings, keychain and data folder, as after a restart of the app.
    pub fn restarted(&self) -> Arc<AppService> {
        AppService::load(
            SettingsStore::new(&self.settings_path),
            options(&self.keychain, &self.clipboard, self.dir.path()),
        )
    }

    /// A profile on the sandbox's seeded admin key, made active; returns its id.
    pub async fn add_admin_profile(&self, name: &str) -> String {
        let state = self
            .service
            .add_profile(new_profile(name, &self.sandbox.base_url(), self.sandbox.admin_api_key().expose()))
            .await
            .unwrap();
        state.active_profile_id.unwrap()
    }
}

pub fn new_profile(name: &str, base_url: &str, key: &str) -> NewProfile {
    NewProfile { name: name.into(), base_url: base_url.into(), api_key: SecretString::new(key.into()) }
}

pub async fn admin(sandbox: &SandboxHandle, method: reqwest::Method, path: &str, body: Value) -> Value {
    let response = reqwest::Client::new()
        .request(method, format!("{}{path}", sandbox.admin_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_success(), "{path}: {}", response.status());
    response.json().await.unwrap_or(Value::Null)
}

/// Every key the sandbox issued that is still active, as `(name, id)`.
pub async fn active_keys(sandbox: &SandboxHandle) -> Vec<(String, String)> {
    let keys = admin(sandbox, reqwest::Method::GET, "/api-keys", Value::Null).await;
    keys["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|k| k["revoked_at"].is_null())
        .map(|k| (k["name"].as_str().unwrap().to_owned(), k["id"].as_str().unwrap().to_owned()))
        .collect()
}

/// Revokes the seeded admin key as the dashboard would.
pub async fn revoke_admin_key(sandbox: &SandboxHandle) {
    let (_, id) = active_keys(sandbox).await.into_iter().find(|(name, _)| name == ADMIN_KEY_NAME).unwrap();
    admin(sandbox, reqwest::Method::DELETE, &format!("/api-keys/{id}"), Value::Null).await;
}

/// The HTTP status of `GET /credits` with `key`.
pub async fn credits_status(sandbox: &SandboxHandle, key: &str) -> u16 {
    reqwest::Client::new()
        .get(format!("{}/credits", sandbox.base_url()))
        .bearer_auth(key)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Waits for the credit monitor's first poll (it starts when a profile is added), so what the
/// test does next is not raced by it.
pub async fn monitor_settled(f: &Fixture) {
    let mut statuses = f.service.subscribe_monitor();
    tokio::time::timeout(
        std::time::Duration::from_secs(10),
        statuses.wait_for(|s| s.as_ref().is_some_and(|s| s.polls > 0)),
    )
    .await
    .expect("first poll")
    .unwrap();
}

/// A notifier that records what would be shown.
#[derive(Default)]
pub struct Recorder(pub Mutex<Vec<NoticeMessage>>);

impl Notifier for Recorder {
    fn notify<'a>(&'a self, message: &'a NoticeMessage) -> NotifyFuture<'a> {
        self.0.lock().unwrap().push(message.clone());
        Box::pin(async { Ok(()) })
    }
}

impl Fixture {
    /// Another service on the same settings, keychain and data folder, notifying `recorder`.
    pub fn service_notifying(&self, recorder: &Arc<Recorder>) -> Arc<AppService> {
        AppService::load(
            SettingsStore::new(&self.settings_path),
            ServiceOptions { notifier: recorder.clone(), ..options(&self.keychain, &self.clipboard, self.dir.path()) },
        )
    }
}
