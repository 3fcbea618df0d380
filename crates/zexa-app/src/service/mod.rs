//! The service the shells (the window, its tests) call: it composes each feature's state and
//! hands every request to the feature, with the narrow context that feature needs.

mod api_keys;
mod checkup;
mod faults;
mod features;
mod manual_rotation;
mod offers;
mod scan;
mod spend;

use std::sync::{Arc, Mutex, Weak};

use zexa_api::{ApiError, ClientConfig};
use zexa_core::error::IpcError;
use zexa_core::i18n::{self as zexa_i18n, Language, Locale};
use zexa_core::secret::SecretString;
use zexa_core::settings::{GeneralSettings, Settings, SettingsStore};
use zexa_keychain::KeychainStore;
use zexa_monitor::{AlertStore, Notifier, SilentNotifier};

use crate::clipboard::{ClipboardBackend, CopyReceipt, MemoryClipboard, SecretClipboard};
use crate::profiles::monitor::Monitoring;
use crate::profiles::ProfileStore;
use crate::sandbox::EmbeddedSandbox;
use crate::shown_once::ShownOnceSlots;
use crate::sync::lock;
use crate::view::{AppState, ConnectionState, ProfileView};

/// What differs between the app, tests and platforms.
pub struct ServiceOptions {
    pub keychain: KeychainStore,
    pub client_config: ClientConfig,
    /// `ZEXA_API_KEY` from the environment, offered for import (never used silently).
    pub env_api_key: Option<SecretString>,
    /// Where background work (the credit monitor, the sandbox) runs.
    pub runtime: tokio::runtime::Handle,
    pub notifier: Arc<dyn Notifier>,
    /// What was already notified, per profile, kept across restarts.
    pub alert_store: Arc<AlertStore>,
    /// Where secrets the user copies go: the system clipboard in the app.
    pub clipboard: Arc<dyn ClipboardBackend>,
    /// The app data folder for small state files (pending key rotations); `None` keeps that
    /// state in memory.
    pub data_dir: Option<std::path::PathBuf>,
    /// The embedded sandbox's admin routes: off in the app, unless its tests pass a token.
    pub sandbox_admin: zexa_sandbox::AdminAccess,
    /// The OS language, for the *System* language choice: `zexa_i18n::system_locale` in the app;
    /// English for headless use, so tests do not depend on the machine's `LANG`.
    pub system_locale: fn() -> Locale,
}

impl ServiceOptions {
    /// Defaults for headless use: the default client, no environment key, no notifications
    /// shown and alert state in memory.
    pub fn new(keychain: KeychainStore, runtime: tokio::runtime::Handle) -> Self {
        Self {
            keychain,
            client_config: ClientConfig::default(),
            env_api_key: None,
            runtime,
            notifier: Arc::new(SilentNotifier),
            alert_store: Arc::new(AlertStore::in_memory()),
            clipboard: Arc::new(MemoryClipboard::default()),
            data_dir: None,
            // Headless users of the service (its tests) steer the embedded sandbox directly.
            sandbox_admin: zexa_sandbox::AdminAccess::Loopback,
            system_locale: || Locale::En,
        }
    }
}

pub struct AppService {
    /// Itself, for background tasks started from `&self` methods.
    pub(crate) me: Weak<AppService>,
    pub(crate) runtime: tokio::runtime::Handle,
    pub(crate) monitoring: Monitoring,
    /// The profiles, their keys and clients: usable without the service (the CLI uses it).
    pub(crate) profiles: ProfileStore,
    connection: Mutex<ConnectionState>,
    pub(crate) env_api_key: Option<SecretString>,
    pub(crate) sandbox: EmbeddedSandbox,
    /// Secrets shown once and the clipboard they are copied to (see `shown_once`, `clipboard`).
    pub(crate) secrets: Secrets,
    pub(crate) api_keys: crate::api_keys::ApiKeysState,
    /// Manual rotations: old keys to revoke on the dashboard (see `manual_rotation`).
    pub(crate) manual_rotation: crate::manual_rotation::ManualRotationState,
    pub(crate) sessions: crate::sessions::SessionsState,
    pub(crate) history: crate::history::HistoryStore,
    pub(crate) spend: crate::spend::SpendWatchState,
    /// What each profile's server offers beyond the balance (see `offers`).
    pub(crate) offers: crate::offers::OffersCache,
    /// What the user confirmed they checked on the dashboard, per profile (see `checkup`).
    pub(crate) checkup_confirmations: crate::checkup::Confirmations,
    /// Which programs `zexa run`/`zexa inject` gave each profile's key (see `profiles::usage`).
    pub(crate) key_usage: zexa_profiles::usage::UsageLog,
    /// The scan for exposed keys: its one running scan, last result and small record (see `scan`).
    pub(crate) scan: Arc<crate::scan::ScanState>,
    /// Every change of `AppState`, for the shell to forward to windows and the tray.
    changes: tokio::sync::watch::Sender<AppState>,
    /// Background work (see `jobs`).
    jobs: Arc<crate::jobs::Jobs>,
    /// What changed in an account, for the windows to refetch (see `events`).
    pub(crate) account_changes: crate::events::AccountChanges,
    languages: Languages,
}

/// The secrets the user must see once, kept while their dialog is open, and the clipboard
/// Rust copies them to (cleared 60 s later if unchanged).
pub(crate) struct Secrets {
    pub(crate) shown_once: ShownOnceSlots,
    clipboard: SecretClipboard,
}

/// The OS language (for the *System* choice) and the effective one.
struct Languages {
    system: fn() -> Locale,
    /// The effective locale (the Language setting resolved), also the process-wide one that
    /// `zexa_i18n::t!` renders in.
    effective: Mutex<Locale>,
}

impl AppService {
    /// Loads settings; a corrupt file is kept aside and reported through `AppState`,
    /// and the app starts on defaults rather than refusing to open.
    pub fn load(store: SettingsStore, options: ServiceOptions) -> Arc<Self> {
        // A settings file that cannot be read is reported in the system's language, the one
        // the defaults it falls back to use.
        zexa_i18n::set_locale((options.system_locale)());
        let profiles = ProfileStore::load(store, options.keychain, options.client_config);
        let (has_active, language) = profiles.read(|s| (s.active_profile().is_some(), s.general.language));
        let connection = if has_active { ConnectionState::Checking } else { ConnectionState::NoProfile };
        let locale = resolve_language(language, options.system_locale);
        zexa_i18n::set_locale(locale);
        Arc::new_cyclic(|me| {
            let mut service = Self {
                me: me.clone(),
                runtime: options.runtime.clone(),
                monitoring: Monitoring::new(options.notifier, options.alert_store),
                profiles,
                connection: Mutex::new(connection),
                env_api_key: options.env_api_key,
                sandbox: EmbeddedSandbox::new(options.sandbox_admin),
                secrets: Secrets {
                    shown_once: ShownOnceSlots::new(options.runtime.clone()),
                    clipboard: SecretClipboard::new(options.clipboard, options.runtime.clone()),
                },
                api_keys: crate::api_keys::ApiKeysState::open(options.data_dir.as_deref()),
                manual_rotation: crate::manual_rotation::ManualRotationState::open(options.data_dir.as_deref()),
                sessions: crate::sessions::SessionsState::open(options.data_dir.as_deref()),
                history: crate::history::HistoryStore::open(
                    options.data_dir.as_ref().map(|dir| dir.join(crate::history::HISTORY_FILE)),
                ),
                changes: tokio::sync::watch::Sender::new(placeholder_state()),
                account_changes: Default::default(),
                jobs: Arc::default(),
                spend: Default::default(),
                offers: crate::offers::OffersCache::open(
                    options.data_dir.as_ref().map(|dir| dir.join(crate::offers::SERVER_OFFERS_FILE)),
                ),
                checkup_confirmations: crate::checkup::Confirmations::open(
                    options.data_dir.as_ref().map(|dir| dir.join(crate::checkup::CONFIRMATIONS_FILE)),
                ),
                key_usage: zexa_profiles::usage::UsageLog::in_folder(options.data_dir.as_deref()),
                scan: Arc::new(crate::scan::ScanState::open(options.data_dir.as_deref())),
                languages: Languages { system: options.system_locale, effective: Mutex::new(locale) },
            };
            service.changes = tokio::sync::watch::Sender::new(service.app_state());
            service
        })
    }

    /// A receiver that sees the state after every change (profiles, keys, connection).
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<AppState> {
        self.changes.subscribe()
    }

    /// Starts every background job; the ones already running stay. A new job: one file in
    /// `jobs/` and one line here.
    pub fn start_jobs(&self) {
        use crate::jobs::{CreditMonitorJob, SignInWatchJob, SpendWatchJob};
        self.start_job(Arc::new(CreditMonitorJob));
        self.start_job(Arc::new(SignInWatchJob));
        self.start_job(Arc::new(SpendWatchJob));
        self.start_job(Arc::new(crate::jobs::ScheduledScanJob));
    }

    pub(crate) fn start_job(&self, job: Arc<dyn crate::jobs::Job<AppService>>) {
        self.jobs.start(&self.runtime, job, self.me.clone());
    }

    /// What each background job is doing, for Settings → Background work.
    pub fn job_statuses(&self) -> Vec<crate::jobs::JobStatus> {
        self.jobs.statuses()
    }

    /// The profiles and their keys, as the command-line tool also reads them.
    pub fn profile_store(&self) -> &ProfileStore {
        &self.profiles
    }

    /// A receiver of every `AccountChanged`, for the shell to forward to windows.
    pub fn account_changes(&self) -> tokio::sync::broadcast::Receiver<crate::events::AccountChanged> {
        self.account_changes.subscribe()
    }

    /// Announces what an action changed in `profile_id`'s account (see `events`).
    pub(crate) fn announce(&self, profile_id: &str, what: &[crate::events::AccountPart]) {
        self.account_changes.announce(profile_id, what);
    }

    /// Publishes the current state if it differs from the last one published.
    pub(crate) fn publish(&self) {
        let state = self.app_state();
        self.changes.send_if_modified(|last| {
            let changed = *last != state;
            *last = state;
            changed
        });
    }

    pub fn app_state(&self) -> AppState {
        let hints = self.profiles.key_hints();
        let (profiles, active_profile_id) = self.profiles.read(|settings| {
            (
                settings.profiles.iter().map(|p| ProfileView::new(p, hints.get(&p.id).cloned())).collect(),
                settings.active_profile().map(|p| p.id.clone()),
            )
        });
        AppState {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            profiles,
            active_profile_id,
            connection: *lock(&self.connection),
            settings_problem: self.profiles.problem(),
            keychain_name: self.profiles.keychain().backend_name().to_owned(),
            locale: *lock(&self.languages.effective),
        }
    }

    /// Every store that keeps something per profile: removing a profile clears each.
    pub(crate) fn profile_scoped(&self) -> [&dyn crate::profiles::ProfileScoped; 10] {
        [
            &self.profiles,
            &self.monitoring,
            &self.sessions.seen,
            &self.history,
            &self.api_keys.rotations,
            &self.spend,
            &self.offers,
            &self.manual_rotation,
            &self.checkup_confirmations,
            &self.scan.store,
        ]
    }

    /// The effective locale: the Language setting, or the OS language for *System*.
    pub fn locale(&self) -> Locale {
        *lock(&self.languages.effective)
    }

    /// Copies the secret of a shown-once slot to the clipboard, which is cleared 60 s later if
    /// it still holds it.
    pub fn copy_shown_secret(&self, slot: &str) -> Result<CopyReceipt, IpcError> {
        let (secret, _) = self.secrets.shown_once.get(slot)?;
        self.secrets.clipboard.copy(&secret)
    }

    /// The dialog showing a slot's secret closed: the secret is dropped and zeroized.
    pub fn forget_shown_secret(&self, slot: &str) {
        self.secrets.shown_once.forget(slot);
    }

    /// At quit: a secret the app copied does not stay on the clipboard.
    pub fn clear_copied_secret(&self) {
        self.secrets.clipboard.clear_now_if_ours();
    }

    pub fn general_settings(&self) -> GeneralSettings {
        self.profiles.read(|s| s.general.clone())
    }

    pub fn save_general_settings(&self, general: GeneralSettings) -> Result<GeneralSettings, IpcError> {
        general.validate()?;
        let alerts_turned_on = general.sign_in_alerts_enabled && !self.general_settings().sign_in_alerts_enabled;
        self.update_settings(|settings| settings.general = general)?;
        if alerts_turned_on {
            // Sign-ins while alerts were off are not news: the next check is a silent baseline.
            self.sessions.seen.forget_all_baselines();
        }
        self.update_monitor_settings();
        Ok(self.general_settings())
    }

    /// Saves a change of the settings (see `ProfileStore::update`) and applies what follows
    /// from it: the language, the published state, the sign-in watch.
    pub(crate) fn update_settings(&self, change: impl FnOnce(&mut Settings)) -> Result<(), IpcError> {
        let updated = self.profiles.update(change)?;
        let locale = resolve_language(updated.general.language, self.languages.system);
        // A new Language applies at once: Rust's texts from now on, the window and the tray
        // through the state published below.
        *lock(&self.languages.effective) = locale;
        zexa_i18n::set_locale(locale);
        self.publish();
        self.wake_session_watch();
        Ok(())
    }

    pub(crate) fn set_connection(&self, state: ConnectionState) {
        *lock(&self.connection) = state;
        self.publish();
    }

    /// What an API answer says about the connection of the active profile.
    pub(crate) fn note_outcome<T>(&self, result: &Result<T, ApiError>) {
        let state = match result {
            Ok(_) => ConnectionState::Online,
            Err(ApiError::Unauthorized { .. }) => ConnectionState::Unauthorized,
            Err(ApiError::Network { .. } | ApiError::Timeout) => ConnectionState::Offline,
            // The server answered, so the connection itself works.
            Err(_) => ConnectionState::Online,
        };
        self.set_connection(state);
    }
}

fn resolve_language(language: Language, system_locale: fn() -> Locale) -> Locale {
    match language {
        Language::System => system_locale(),
        chosen => chosen.resolve(),
    }
}

fn placeholder_state() -> AppState {
    AppState {
        version: String::new(),
        profiles: Vec::new(),
        active_profile_id: None,
        connection: ConnectionState::NoProfile,
        settings_problem: None,
        keychain_name: String::new(),
        locale: Locale::En,
    }
}
