use std::sync::Mutex;

use zexa_core::error::IpcError;
use zexa_core::settings::{GeneralSettings, Settings, SettingsStore};

use crate::view::{AppState, ConnectionState, ProfileView};

pub struct AppService {
    store: SettingsStore,
    settings: Mutex<Settings>,
    settings_problem: Mutex<Option<IpcError>>,
    connection: Mutex<ConnectionState>,
}

impl AppService {
    /// Loads settings; a corrupt file is kept aside and reported through `AppState`,
    /// and the app starts on defaults rather than refusing to open.
    pub fn load(store: SettingsStore) -> Self {
        let (settings, problem) = match store.load() {
            Ok(settings) => (settings, None),
            Err(error) => {
                tracing::warn!(%error, "settings could not be loaded");
                (Settings::default(), Some(IpcError::from(error)))
            }
        };
        let connection =
            if settings.active_profile().is_some() { ConnectionState::Checking } else { ConnectionState::NoProfile };
        Self {
            store,
            settings: Mutex::new(settings),
            settings_problem: Mutex::new(problem),
            connection: Mutex::new(connection),
        }
    }

    fn settings(&self) -> std::sync::MutexGuard<'_, Settings> {
        self.settings.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub fn app_state(&self) -> AppState {
        let settings = self.settings();
        AppState {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            profiles: settings.profiles.iter().map(|p| ProfileView::new(p, None)).collect(),
            active_profile_id: settings.active_profile().map(|p| p.id.clone()),
            connection: *self.connection.lock().unwrap(),
            settings_problem: self.settings_problem.lock().unwrap().clone(),
        }
    }

    pub fn general_settings(&self) -> GeneralSettings {
        self.settings().general.clone()
    }

    pub fn save_general_settings(&self, general: GeneralSettings) -> Result<GeneralSettings, IpcError> {
        general.validate()?;
        let mut settings = self.settings();
        let mut updated = settings.clone();
        updated.general = general;
        self.store.save(&updated)?;
        *settings = updated;
        // A successful save supersedes the warning about the old, corrupt file.
        self.settings_problem.lock().unwrap().take();
        Ok(settings.general.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zexa_core::error::ErrorCode;

    #[test]
    fn corrupt_settings_are_reported_and_defaults_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        std::fs::write(&path, "not json").unwrap();
        let service = AppService::load(SettingsStore::new(&path));
        let state = service.app_state();
        assert_eq!(state.settings_problem.unwrap().code, ErrorCode::SettingsCorrupt);
        assert_eq!(state.connection, ConnectionState::NoProfile);
        assert_eq!(service.general_settings(), GeneralSettings::default());
    }

    #[test]
    fn saving_general_settings_validates_and_persists() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("settings.json");
        let service = AppService::load(SettingsStore::new(&path));
        let bad = GeneralSettings { poll_interval_minutes: 0, ..Default::default() };
        assert_eq!(service.save_general_settings(bad).unwrap_err().code, ErrorCode::InvalidInput);
        assert!(!path.exists(), "an invalid save must not write");
        let good = GeneralSettings { poll_interval_minutes: 30, close_to_tray: false, ..Default::default() };
        service.save_general_settings(good.clone()).unwrap();
        let reloaded = AppService::load(SettingsStore::new(&path));
        assert_eq!(reloaded.general_settings(), good);
    }
}
