//! Non-secret settings in a versioned JSON file in the OS config folder.
//!
//! Writes are atomic (temp file in the same folder, fsync, rename) so a crash never leaves a
//! half-written file. A file that cannot be read as settings is never overwritten silently: it
//! is moved aside next to the original and the caller gets an error naming where it went.
//! Secrets never live here: the API key is in the system keychain.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::{ErrorCode, IpcError};
use crate::ipc_error;
pub use zexa_i18n::Language;

pub const SETTINGS_VERSION: u32 = 1;
pub const SETTINGS_FILE: &str = "settings.json";
pub const DEFAULT_BASE_URL: &str = "https://api.zexa.ao/v1";
pub const POLL_MINUTES_RANGE: std::ops::RangeInclusive<u32> = 1..=60;
/// The spend watch alerts above this many times the usual spend an hour…
pub const SPEND_MULTIPLE_RANGE: std::ops::RangeInclusive<u32> = 2..=100;
pub const DEFAULT_SPEND_MULTIPLE: u32 = 5;
/// …and at least this many credits in the hour (a quiet account's small jumps are not news).
pub const SPEND_FLOOR_RANGE: std::ops::RangeInclusive<u32> = 1..=1_000_000;
pub const DEFAULT_SPEND_FLOOR: u32 = 50;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct GeneralSettings {
    pub poll_interval_minutes: u32,
    /// Low-credit threshold given to new profiles, in whole credits.
    pub low_credit_threshold: u32,
    pub notifications_enabled: bool,
    /// A notification when an account signs in from a session the app has not seen before.
    #[serde(default = "enabled")]
    pub sign_in_alerts_enabled: bool,
    /// Closing the window hides it to the tray instead of quitting.
    pub close_to_tray: bool,
    /// The app's language: the system's, or a fixed one (see `zexa_i18n`). Older files have none:
    /// the system's.
    #[serde(default)]
    pub language: Language,
    /// A notification when the last hour's spend is far above the usual (`zexa_app::spend`).
    #[serde(default = "enabled")]
    pub spend_alerts_enabled: bool,
    #[serde(default = "default_spend_multiple")]
    pub spend_alert_multiple: u32,
    /// In whole credits an hour.
    #[serde(default = "default_spend_floor")]
    pub spend_alert_floor: u32,
}

fn default_spend_multiple() -> u32 {
    DEFAULT_SPEND_MULTIPLE
}

fn default_spend_floor() -> u32 {
    DEFAULT_SPEND_FLOOR
}

fn enabled() -> bool {
    true
}

impl Default for GeneralSettings {
    fn default() -> Self {
        Self {
            poll_interval_minutes: 5,
            low_credit_threshold: 500,
            notifications_enabled: true,
            sign_in_alerts_enabled: true,
            close_to_tray: true,
            language: Language::System,
            spend_alerts_enabled: true,
            spend_alert_multiple: DEFAULT_SPEND_MULTIPLE,
            spend_alert_floor: DEFAULT_SPEND_FLOOR,
        }
    }
}

impl GeneralSettings {
    pub fn validate(&self) -> Result<(), IpcError> {
        if !POLL_MINUTES_RANGE.contains(&self.poll_interval_minutes) {
            return Err(ipc_error!(
                ErrorCode::InvalidInput,
                "error-poll-interval",
                min = *POLL_MINUTES_RANGE.start(),
                max = *POLL_MINUTES_RANGE.end(),
            ));
        }
        if !SPEND_MULTIPLE_RANGE.contains(&self.spend_alert_multiple) {
            return Err(ipc_error!(
                ErrorCode::InvalidInput,
                "error-spend-multiple",
                min = *SPEND_MULTIPLE_RANGE.start(),
                max = *SPEND_MULTIPLE_RANGE.end(),
            ));
        }
        if !SPEND_FLOOR_RANGE.contains(&self.spend_alert_floor) {
            return Err(ipc_error!(
                ErrorCode::InvalidInput,
                "error-spend-floor",
                min = *SPEND_FLOOR_RANGE.start(),
                max = *SPEND_FLOOR_RANGE.end(),
            ));
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: String,
    pub name: String,
    pub base_url: String,
    /// Backed by the embedded sandbox server rather than a real account.
    #[serde(default)]
    pub sandbox: bool,
    pub low_credit_threshold: u32,
    /// Warn when, at the recent pace, credits last fewer days than this (0: never).
    #[serde(default = "default_runway_alert_days")]
    pub runway_alert_days: u32,
}

pub const DEFAULT_RUNWAY_ALERT_DAYS: u32 = 3;

fn default_runway_alert_days() -> u32 {
    DEFAULT_RUNWAY_ALERT_DAYS
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    pub version: u32,
    #[serde(default)]
    pub general: GeneralSettings,
    #[serde(default)]
    pub profiles: Vec<Profile>,
    #[serde(default)]
    pub active_profile_id: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            version: SETTINGS_VERSION,
            general: GeneralSettings::default(),
            profiles: Vec::new(),
            active_profile_id: None,
        }
    }
}

impl Settings {
    pub fn active_profile(&self) -> Option<&Profile> {
        let id = self.active_profile_id.as_deref()?;
        self.profiles.iter().find(|p| p.id == id)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("The settings file could not be read ({reason}). It was kept as {} and default settings are in use.", kept_at.display())]
    Corrupt { reason: String, kept_at: PathBuf },
    /// `action`: read, created, written, replaced, moved-aside (ids the catalogue selects on).
    #[error("The settings file {} could not be {}: {source}", path.display(), action.replace('-', " "))]
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    /// The OS gives no config folder (no home, no XDG_CONFIG_HOME): nothing is written in the
    /// working directory instead.
    #[error("Zexa Desktop found no folder for its settings (the system gives no config folder, e.g. HOME is not set), so settings cannot be saved. Set HOME (or XDG_CONFIG_HOME) and restart.")]
    NoFolder,
}

/// The sentence for the user, in the app's language (the `Display` text above is for logs).
impl From<SettingsError> for IpcError {
    fn from(error: SettingsError) -> Self {
        match &error {
            SettingsError::Corrupt { reason, kept_at } => ipc_error!(
                ErrorCode::SettingsCorrupt,
                "error-settings-corrupt",
                reason = reason.as_str(),
                path = kept_at.display().to_string(),
            ),
            SettingsError::Io { action, path, source } => ipc_error!(
                ErrorCode::Io,
                "error-settings-io",
                action = *action,
                path = path.display().to_string(),
                detail = source.to_string(),
            ),
            SettingsError::NoFolder => ipc_error!(ErrorCode::Io, "error-settings-no-folder"),
        }
    }
}

pub struct SettingsStore {
    path: PathBuf,
    /// False when there is no config folder: loading gives defaults with a `NoFolder` problem
    /// and saving refuses.
    usable: bool,
}

impl SettingsStore {
    pub fn new(path: impl Into<PathBuf>) -> Self {
        Self { path: path.into(), usable: true }
    }

    /// The store in the OS config folder, or `None` when the OS has no such folder.
    pub fn in_config_dir() -> Option<Self> {
        crate::paths::config_dir().map(|dir| Self::new(dir.join(SETTINGS_FILE)))
    }

    /// For a system without a config folder: never a `settings.json` in the working directory.
    pub fn without_folder() -> Self {
        Self { path: PathBuf::new(), usable: false }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Missing file: defaults. Unreadable or unparsable file: moved aside, `Corrupt` returned.
    pub fn load(&self) -> Result<Settings, SettingsError> {
        if !self.usable {
            return Err(SettingsError::NoFolder);
        }
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Settings::default()),
            Err(source) => return Err(SettingsError::Io { action: "read", path: self.path.clone(), source }),
        };
        let reason = match serde_json::from_slice::<Settings>(&bytes) {
            Ok(settings) if settings.version == SETTINGS_VERSION => return Ok(settings),
            Ok(settings) => crate::i18n::t!("error-settings-newer", format = settings.version),
            Err(e) => format!("invalid JSON: {e}"),
        };
        let kept_at = self.keep_aside()?;
        Err(SettingsError::Corrupt { reason, kept_at })
    }

    fn keep_aside(&self) -> Result<PathBuf, SettingsError> {
        let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
        let mut kept_at = self.path.with_extension(format!("json.corrupt-{stamp}"));
        let mut n = 1;
        while kept_at.exists() {
            kept_at = self.path.with_extension(format!("json.corrupt-{stamp}-{n}"));
            n += 1;
        }
        std::fs::rename(&self.path, &kept_at).map_err(|source| SettingsError::Io {
            action: "moved-aside",
            path: self.path.clone(),
            source,
        })?;
        Ok(kept_at)
    }

    /// Temp file in the same folder + fsync + rename: readers see the old file or the new one.
    pub fn save(&self, settings: &Settings) -> Result<(), SettingsError> {
        if !self.usable {
            return Err(SettingsError::NoFolder);
        }
        let io_err = |action| move |source| SettingsError::Io { action, path: self.path.clone(), source };
        let dir = self.path.parent().unwrap_or(Path::new("."));
        crate::paths::create_private_dir(dir).map_err(io_err("created"))?;
        let json = serde_json::to_vec_pretty(settings).expect("settings always serialize");
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(io_err("written"))?;
        tmp.write_all(&json).map_err(io_err("written"))?;
        tmp.as_file().sync_all().map_err(io_err("written"))?;
        tmp.persist(&self.path).map_err(|e| e.error).map_err(io_err("replaced"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, SettingsStore) {
        let dir = tempfile::tempdir().unwrap();
        let store = SettingsStore::new(dir.path().join("nested").join(SETTINGS_FILE));
        (dir, store)
    }

    fn sample() -> Settings {
        Settings {
            general: GeneralSettings { poll_interval_minutes: 15, ..Default::default() },
            profiles: vec![Profile {
                id: "p1".into(),
                name: "Production".into(),
                base_url: DEFAULT_BASE_URL.into(),
                sandbox: false,
                runway_alert_days: DEFAULT_RUNWAY_ALERT_DAYS,
                low_credit_threshold: 500,
            }],
            active_profile_id: Some("p1".into()),
            ..Default::default()
        }
    }

    #[test]
    fn missing_file_gives_defaults() {
        let (_dir, store) = store();
        assert_eq!(store.load().unwrap(), Settings::default());
    }

    #[test]
    fn without_a_config_folder_nothing_is_written_anywhere() {
        let store = SettingsStore::without_folder();
        assert!(matches!(store.load(), Err(SettingsError::NoFolder)));
        assert!(matches!(store.save(&Settings::default()), Err(SettingsError::NoFolder)));
        assert!(!Path::new(SETTINGS_FILE).exists(), "no settings.json in the working directory");
        assert_eq!(IpcError::from(SettingsError::NoFolder).code, ErrorCode::Io);
    }

    #[test]
    fn save_then_load_round_trips_with_version() {
        let (_dir, store) = store();
        store.save(&sample()).unwrap();
        assert_eq!(store.load().unwrap(), sample());
        let raw: serde_json::Value = serde_json::from_slice(&std::fs::read(store.path()).unwrap()).unwrap();
        assert_eq!(raw["version"], 1);
        assert_eq!(raw["general"]["poll_interval_minutes"], 15);
    }

    #[test]
    fn save_leaves_no_temp_files_behind() {
        let (_dir, store) = store();
        store.save(&sample()).unwrap();
        store.save(&Settings::default()).unwrap();
        let entries: Vec<_> = std::fs::read_dir(store.path().parent().unwrap()).unwrap().collect();
        assert_eq!(entries.len(), 1);
        assert_eq!(store.load().unwrap(), Settings::default());
    }

    #[test]
    fn corrupt_file_is_kept_aside_not_overwritten() {
        let (_dir, store) = store();
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), b"{\"version\": 1, \"profiles\": [").unwrap();
        let err = store.load().unwrap_err();
        let SettingsError::Corrupt { kept_at, .. } = &err else { panic!("{err:?}") };
        assert_eq!(std::fs::read(kept_at).unwrap(), b"{\"version\": 1, \"profiles\": [");
        assert!(!store.path().exists());
        let ipc = IpcError::from(err);
        assert_eq!(ipc.code, ErrorCode::SettingsCorrupt);
        assert!(ipc.message.contains("could not be read"), "{}", ipc.message);
        assert!(ipc.message.contains(".corrupt-"), "{}", ipc.message);
    }

    #[test]
    fn newer_format_is_kept_aside_too() {
        let (_dir, store) = store();
        std::fs::create_dir_all(store.path().parent().unwrap()).unwrap();
        std::fs::write(store.path(), br#"{"version": 99}"#).unwrap();
        let err = store.load().unwrap_err();
        assert!(err.to_string().contains("newer version"), "{err}");
    }

    #[test]
    fn older_files_without_a_language_follow_the_system() {
        let json = r#"{"version": 1, "general": {"poll_interval_minutes": 5, "low_credit_threshold": 500,
            "notifications_enabled": true, "close_to_tray": true}}"#;
        let settings: Settings = serde_json::from_str(json).unwrap();
        assert_eq!(settings.general.language, Language::System);
        for (language, wire) in [(Language::System, "system"), (Language::Pt, "pt"), (Language::En, "en")] {
            let general = GeneralSettings { language, ..Default::default() };
            let value = serde_json::to_value(&general).unwrap();
            assert_eq!(value["language"], wire);
            assert_eq!(serde_json::from_value::<GeneralSettings>(value).unwrap().language, language);
        }
    }

    #[test]
    fn poll_interval_is_validated() {
        let mut general = GeneralSettings::default();
        assert!(general.validate().is_ok());
        general.poll_interval_minutes = 0;
        assert_eq!(general.validate().unwrap_err().code, ErrorCode::InvalidInput);
        general.poll_interval_minutes = 61;
        assert!(general.validate().is_err());
    }

    #[test]
    fn the_spend_alert_line_is_validated_and_older_files_get_the_defaults() {
        let mut general = GeneralSettings { spend_alert_multiple: 1, ..GeneralSettings::default() };
        assert!(general.validate().is_err(), "1× the usual would alert on every hour");
        general.spend_alert_multiple = 5;
        general.spend_alert_floor = 0;
        assert!(general.validate().is_err());
        let old: GeneralSettings = serde_json::from_str(
            r#"{"poll_interval_minutes":5,"low_credit_threshold":500,"notifications_enabled":true,"close_to_tray":true}"#,
        )
        .unwrap();
        assert!(old.spend_alerts_enabled);
        assert_eq!((old.spend_alert_multiple, old.spend_alert_floor), (5, 50));
    }
}
