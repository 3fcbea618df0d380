//! What every command shares: the app's own profile store (the same settings file and keychain
//! entries the window uses), the language, and finding a profile and its key.

use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;
use zexa_core::settings::{Profile, SettingsStore};
use zexa_keychain::{KeychainStore, NativeBackend};
use zexa_profiles::ProfileStore;

use crate::exit::{Failure, Outcome, KEYCHAIN};

/// The settings file the window uses (`$XDG_CONFIG_HOME/ao.zexa.desktop/settings.json` on Linux).
fn settings_store() -> SettingsStore {
    SettingsStore::in_config_dir().unwrap_or_else(SettingsStore::without_folder)
}

/// How long a keychain call may take. Longer than the window's 3 s: the call may be waiting on
/// the system's unlock prompt (a locked login keyring) or, on macOS, on "zexa wants to use…",
/// which a person at the terminal answers. Past it: exit 3, the command not started.
pub const KEYCHAIN_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(60);

pub fn open_store() -> ProfileStore {
    let keychain =
        KeychainStore::new(std::sync::Arc::new(NativeBackend::new(zexa_core::APP_IDENTIFIER)), KEYCHAIN_TIMEOUT);
    ProfileStore::load(settings_store(), keychain, Default::default())
}

/// The language of the app's setting (System, Português, English), read before the command line
/// is parsed so that `--help` is in it too. Reading never moves a damaged settings file aside
/// here: the store does that, and reports it, when a command opens it.
pub fn set_locale_from_settings() {
    let language = settings_store()
        .path()
        .to_str()
        .filter(|p| !p.is_empty())
        .and_then(|path| std::fs::read(path).ok())
        .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
        .and_then(|v| serde_json::from_value(v["general"]["language"].clone()).ok())
        .unwrap_or_default();
    zexa_core::i18n::set_locale(zexa_core::settings::Language::resolve(language));
}

/// The profile named `name` (any case), or the app's active one.
pub fn chosen_profile(store: &ProfileStore, name: Option<&str>) -> Outcome<Profile> {
    if let Some(problem) = store.problem() {
        crate::output::warn(&problem.message);
    }
    match name {
        Some(name) => store.profile_named(name).ok_or_else(|| unknown_profile(store, name)),
        None => store
            .active_profile()
            .map_err(|_| Failure::usage(ipc_error!(ErrorCode::NoProfile, "cli-no-active-profile"))),
    }
}

pub fn unknown_profile(store: &ProfileStore, name: &str) -> Failure {
    let names: Vec<String> = store.profiles().into_iter().map(|p| p.name).collect();
    let known = if names.is_empty() { "—".to_owned() } else { names.join(", ") };
    Failure::usage(ipc_error!(ErrorCode::InvalidInput, "cli-unknown-profile", name = name, known = known))
}

/// The profile's key from the keychain, only if it is bound to the server the profile names.
/// Fails closed: a locked or absent keychain, a timeout, no entry, or a key bound elsewhere is an
/// error, never an empty key and never anything but the keychain.
pub async fn key_of(store: &ProfileStore, profile: &Profile) -> Outcome<SecretString> {
    if profile.sandbox {
        return Err(Failure::usage(ipc_error!(
            ErrorCode::InvalidInput,
            "cli-sandbox-profile",
            name = profile.name.as_str()
        )));
    }
    store.stored_key(profile).await.map_err(|error: IpcError| match error.code {
        // `stored_key` asks no server: `unauthorized` from it means the keychain has no entry.
        ErrorCode::Unauthorized => Failure::new(error, KEYCHAIN),
        _ => Failure::from(error),
    })
}

/// A current-thread runtime for the keychain and HTTP calls: a command does one thing at a time.
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime starts")
}
