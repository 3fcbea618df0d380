//! The profiles, their keys and the clients built on them, without the app around them: the
//! settings file, the keychain with each key bound to its server, and one client (one
//! connection pool) per profile. The window's service and the `zexa` command-line tool read
//! the same profiles and the same keychain entries through this one type.

pub mod adding;
mod clients;
pub mod usage;

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use zexa_api::{Client, ClientConfig};
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;
use zexa_core::settings::{Profile, Settings, SettingsStore};
use zexa_core::state_file::StateFile;
use zexa_keychain::{KeychainError, KeychainStore};

/// A lock that outlives a panic elsewhere: the store must keep working for the rest of the app.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub struct ProfileStore {
    file: SettingsStore,
    settings: Mutex<Settings>,
    /// Why the settings file could not be read at start, until a save supersedes it.
    problem: Mutex<Option<IpcError>>,
    keychain: KeychainStore,
    client_config: ClientConfig,
    /// Masked keys by profile id, so showing the profile list never touches the keychain.
    key_hints: Mutex<HashMap<String, String>>,
    /// One client per profile, dropped when its key changes (see `clients`).
    clients: clients::ClientCache,
    /// When each profile's key was last stored (unix seconds), beside the settings file: the
    /// keychains keep no date that every platform lets a program read.
    key_dates: StateFile<BTreeMap<String, i64>>,
}

pub const KEY_DATES_FILE: &str = "key-dates.json";

impl ProfileStore {
    /// Loads the settings; a corrupt file is kept aside and reported through `problem`, and the
    /// store starts on defaults rather than refusing to open.
    pub fn load(file: SettingsStore, keychain: KeychainStore, client_config: ClientConfig) -> Self {
        let (settings, problem) = match file.load() {
            Ok(settings) => (settings, None),
            Err(error) => {
                tracing::warn!(%error, "settings could not be loaded");
                (Settings::default(), Some(IpcError::from(error)))
            }
        };
        let key_dates = file.path().parent().filter(|_| !file.path().as_os_str().is_empty());
        let key_dates = StateFile::new(key_dates.map(|dir| dir.join(KEY_DATES_FILE)), 1);
        Self {
            key_dates,
            file,
            settings: Mutex::new(settings),
            problem: Mutex::new(problem),
            keychain,
            client_config,
            key_hints: Mutex::default(),
            clients: clients::ClientCache::default(),
        }
    }

    /// Reads the current settings under the lock (keep `read` short: no awaits inside).
    pub fn read<R>(&self, read: impl FnOnce(&Settings) -> R) -> R {
        read(&lock(&self.settings))
    }

    pub fn settings(&self) -> Settings {
        lock(&self.settings).clone()
    }

    pub fn profiles(&self) -> Vec<Profile> {
        lock(&self.settings).profiles.clone()
    }

    pub fn problem(&self) -> Option<IpcError> {
        lock(&self.problem).clone()
    }

    /// Applies `change` to a copy, writes it, and only then makes it current: memory never
    /// holds settings the disk refused. Returns the settings now current.
    ///
    /// The change is applied to the file as it is now when it can be read: another program
    /// (`zexa profiles add` while the window is open) may have written it since it was loaded,
    /// and its change must not be lost to this save.
    pub fn update(&self, change: impl FnOnce(&mut Settings)) -> Result<Settings, IpcError> {
        let mut settings = lock(&self.settings);
        let mut updated = self.written_since().unwrap_or_else(|| settings.clone());
        change(&mut updated);
        self.file.save(&updated)?;
        *settings = updated.clone();
        drop(settings);
        // A successful save supersedes the warning about an old, corrupt file.
        lock(&self.problem).take();
        Ok(updated)
    }

    /// The settings file as it is on disk, when it parses as current settings; never moves a
    /// damaged file aside (loading does that, and reports it).
    fn written_since(&self) -> Option<Settings> {
        let path = self.file.path();
        if path.as_os_str().is_empty() {
            return None;
        }
        let bytes = std::fs::read(path).ok()?;
        serde_json::from_slice::<Settings>(&bytes).ok().filter(|s| s.version == zexa_core::settings::SETTINGS_VERSION)
    }

    pub fn active_profile(&self) -> Result<Profile, IpcError> {
        lock(&self.settings)
            .active_profile()
            .cloned()
            .ok_or_else(|| ipc_error!(ErrorCode::NoProfile, "error-no-profile"))
    }

    pub fn profile(&self, id: &str) -> Result<Profile, IpcError> {
        lock(&self.settings)
            .profiles
            .iter()
            .find(|p| p.id == id)
            .cloned()
            .ok_or_else(|| ipc_error!(ErrorCode::InvalidInput, "error-profile-gone"))
    }

    /// The profile a user names (the command line's `--profile NAME`), ignoring case.
    pub fn profile_named(&self, name: &str) -> Option<Profile> {
        let wanted = name.trim().to_lowercase();
        lock(&self.settings).profiles.iter().find(|p| p.name.to_lowercase() == wanted).cloned()
    }

    /// Profiles on the server `base_url` (the same account, as far as the app can tell).
    pub fn on_server(&self, base_url: &str) -> Vec<Profile> {
        lock(&self.settings).profiles.iter().filter(|p| p.base_url == base_url).cloned().collect()
    }

    pub fn keychain(&self) -> &KeychainStore {
        &self.keychain
    }

    pub fn client_config(&self) -> &ClientConfig {
        &self.client_config
    }

    /// The key stored for a (non-sandbox) profile, and only if it was stored for the server
    /// the profile names now.
    pub async fn stored_key(&self, profile: &Profile) -> Result<SecretString, IpcError> {
        let expected = zexa_api::origin_of(&profile.base_url);
        match self.keychain.read_bound(&profile.id, expected.as_deref()).await? {
            Some(stored) => {
                check_key_origin(profile, stored.origin.as_deref(), expected.as_deref())?;
                Ok(stored.key)
            }
            None => Err(ipc_error!(ErrorCode::Unauthorized, "error-no-stored-key", profile = profile.name.as_str())),
        }
    }

    /// Stores `key` for `profile`, bound to the profile's server.
    pub async fn write_key(&self, profile: &Profile, key: &SecretString) -> Result<(), KeychainError> {
        let origin = zexa_api::origin_of(&profile.base_url).unwrap_or_default();
        self.keychain.write_bound(&profile.id, key, &origin).await?;
        self.forget_client(&profile.id);
        self.note_key_date(&profile.id, Some(now_secs()));
        Ok(())
    }

    /// When the profile's key was last stored, if it was stored by a version that noted it.
    pub fn key_stored_at(&self, profile_id: &str) -> Option<i64> {
        self.key_dates.load().get(profile_id).copied()
    }

    /// A missing date costs only "stored: unknown" in `zexa profiles`: never an error.
    fn note_key_date(&self, profile_id: &str, at: Option<i64>) {
        let mut dates = self.key_dates.load();
        match at {
            Some(at) => dates.insert(profile_id.to_owned(), at),
            None => dates.remove(profile_id),
        };
        if let Err(error) = self.key_dates.save(&dates) {
            tracing::warn!(%error, "key date not saved");
        }
    }

    /// A client on `key` for `base_url`, with the store's configuration.
    pub fn new_client(&self, base_url: &str, key: SecretString) -> Result<Client, zexa_api::ApiError> {
        Client::new(base_url, key, self.client_config.clone())
    }

    pub fn cached_client(&self, profile_id: &str) -> Option<Client> {
        self.clients.get(profile_id)
    }

    pub fn cache_client(&self, profile_id: &str, client: Client) {
        self.clients.insert(profile_id, client);
    }

    /// The profile's cached client, or the one `build` makes, then cached. One build at a time
    /// per profile: a caller that waited for another's build gets that client, and a build
    /// overtaken by `cache_client` or `forget_client` gives way to what they left.
    pub async fn cached_or_build<F, Fut>(&self, profile_id: &str, build: F) -> Result<Client, IpcError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<Client, IpcError>>,
    {
        self.clients.get_or_build(profile_id, build).await
    }

    pub fn forget_client(&self, profile_id: &str) {
        self.clients.forget(profile_id);
    }

    /// The profile's client: the cached one, or a new one on its stored key.
    pub async fn client_for(&self, profile: &Profile) -> Result<Client, IpcError> {
        self.cached_or_build(&profile.id, || async {
            let key = self.stored_key(profile).await?;
            self.set_key_hint(&profile.id, &key);
            self.new_client(&profile.base_url, key).map_err(IpcError::from)
        })
        .await
    }

    /// Remembers the masked form of a profile's key; true when it changed.
    pub fn set_key_hint(&self, profile_id: &str, key: &SecretString) -> bool {
        let masked = key.masked();
        lock(&self.key_hints).insert(profile_id.to_owned(), masked.clone()) != Some(masked)
    }

    pub fn key_hints(&self) -> HashMap<String, String> {
        lock(&self.key_hints).clone()
    }

    /// Reads every stored profile's key once to learn the masked keys; stops at the first
    /// failure so a locked keychain prompts once, not per profile. True when a hint changed.
    pub async fn load_key_hints(&self) -> bool {
        let profiles: Vec<Profile> = self.read(|s| s.profiles.iter().filter(|p| !p.sandbox).cloned().collect());
        let mut changed = false;
        for profile in profiles {
            match self.keychain.read(&profile.id).await {
                Ok(Some(key)) => changed |= self.set_key_hint(&profile.id, &key),
                Ok(None) => {}
                Err(error) => {
                    tracing::warn!(profile = %profile.id, %error, "keychain read at startup failed");
                    break;
                }
            }
        }
        changed
    }
}

impl ProfileStore {
    /// A removed profile: its masked key and client go.
    pub fn forget_profile(&self, profile_id: &str) {
        lock(&self.key_hints).remove(profile_id);
        self.forget_client(profile_id);
        if self.key_stored_at(profile_id).is_some() {
            self.note_key_date(profile_id, None);
        }
    }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// A key is bound to the server it was stored for: if the settings now name another one (a
/// hand-edited or tampered `settings.json`), the key is not sent, and the user is told which
/// server it was stored for. `bound` is `None` only for an entry from before the envelope
/// with no server to bind to, which happens only when the profile's address is not valid
/// either: the client then refuses that address.
fn check_key_origin(profile: &Profile, bound: Option<&str>, expected: Option<&str>) -> Result<(), IpcError> {
    match (bound, expected) {
        (Some(bound), Some(expected)) if bound == expected => Ok(()),
        (Some(bound), expected) => {
            tracing::warn!(profile = %profile.id, %bound, now = ?expected, "stored key bound to another server; not sent");
            Err(ipc_error!(
                ErrorCode::KeyBoundElsewhere,
                "error-key-bound-elsewhere",
                profile = profile.name.as_str(),
                bound = bound,
                now = expected.unwrap_or(&profile.base_url),
            ))
        }
        (None, _) => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(id: &str, name: &str) -> Profile {
        Profile {
            id: id.into(),
            name: name.into(),
            base_url: "https://api.zexa.ao/v1".into(),
            sandbox: false,
            low_credit_threshold: 500,
            runway_alert_days: 3,
        }
    }

    fn store(path: &std::path::Path) -> ProfileStore {
        let keychain = KeychainStore::new(
            std::sync::Arc::new(zexa_keychain::MemoryBackend::default()),
            zexa_keychain::DEFAULT_TIMEOUT,
        );
        ProfileStore::load(SettingsStore::new(path), keychain, ClientConfig::default())
    }

    #[test]
    fn a_save_keeps_a_profile_another_program_added_since_the_load() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let window = store(&path);
        window.update(|s| s.profiles.push(profile("prof_1", "Production"))).unwrap();
        // `zexa profiles add` in another process, while the window is open.
        let cli = store(&path);
        cli.update(|s| s.profiles.push(profile("prof_2", "Loja"))).unwrap();
        let saved = window.update(|s| s.general.poll_interval_minutes = 7).unwrap();
        assert_eq!(saved.profiles.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["Production", "Loja"]);
        assert_eq!(store(&path).settings().general.poll_interval_minutes, 7);
    }

    #[tokio::test]
    async fn storing_a_key_notes_when_and_removing_the_profile_forgets_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = store(&dir.path().join("settings.json"));
        let production = profile("prof_1", "Production");
        assert_eq!(store.key_stored_at("prof_1"), None);
        store.write_key(&production, &SecretString::new("zx_live_NOTED_AT_1234".into())).await.unwrap();
        let at = store.key_stored_at("prof_1").expect("noted");
        assert!((now_secs() - at).abs() < 60);
        assert!(dir.path().join(KEY_DATES_FILE).exists(), "beside the settings file");
        store.forget_profile("prof_1");
        assert_eq!(store.key_stored_at("prof_1"), None);
    }
}
