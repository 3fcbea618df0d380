//! The returning user: one home kept for the whole benchmark, with a stored profile whose key
//! is in the session's keychain, pointed at a sandbox server that this process runs (outside
//! the measured process tree, as Zexa's servers are), and a balance history that the first
//! launch in it writes. Every launch in that home after the first is a returning user's.

use std::path::Path;

use zexa_core::settings::{GeneralSettings, Profile, SettingsStore, SETTINGS_FILE};
use zexa_profiles::ProfileStore;
use zexa_sandbox::{SandboxHandle, SandboxOptions, SandboxServer, Seed};

use crate::run::Error;

pub struct ReturningHome {
    pub home: tempfile::TempDir,
    // Kept for as long as the home is used: the server and the runtime it runs on.
    _server: SandboxHandle,
    _runtime: tokio::runtime::Runtime,
}

/// Polling once a minute, as for the first launch: both see the monitor at work.
pub fn general_settings() -> GeneralSettings {
    GeneralSettings { poll_interval_minutes: 1, ..GeneralSettings::default() }
}

pub fn config_dir(home: &Path) -> std::path::PathBuf {
    home.join("config").join(zexa_core::APP_IDENTIFIER)
}

/// Makes the home: the sandbox server with its demo account, a "Production" profile on it, and
/// its key stored the way the app stores one (bound to the server, in the keychain).
pub fn prepare() -> Result<ReturningHome, Error> {
    let home = tempfile::Builder::new().prefix("zexa-bench-returning-").tempdir()?;
    for dir in ["config", "data", "cache"] {
        std::fs::create_dir_all(home.path().join(dir))?;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build()?;
    let server = runtime.block_on(SandboxServer::start(SandboxOptions { seed: Seed::Demo, ..Default::default() }))?;
    let dir = config_dir(home.path());
    std::fs::create_dir_all(&dir)?;
    let store = ProfileStore::load(
        SettingsStore::new(dir.join(SETTINGS_FILE)),
        zexa_keychain::KeychainStore::native(),
        zexa_api::ClientConfig::default(),
    );
    let profile = Profile {
        id: zexa_profiles::adding::new_profile_id(),
        name: "Production".into(),
        base_url: server.base_url(),
        sandbox: false,
        low_credit_threshold: GeneralSettings::default().low_credit_threshold,
        runway_alert_days: zexa_core::settings::DEFAULT_RUNWAY_ALERT_DAYS,
    };
    let stored = profile.clone();
    store.update(move |settings| {
        settings.general = general_settings();
        settings.active_profile_id = Some(stored.id.clone());
        settings.profiles = vec![stored];
    })?;
    runtime.block_on(store.write_key(&profile, &server.admin_api_key()))?;
    Ok(ReturningHome { home, _server: server, _runtime: runtime })
}
