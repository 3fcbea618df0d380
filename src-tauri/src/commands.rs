//! Tauri commands: each one is a thin forward to `AppService`. State changes reach the
//! windows as `app-state-changed` events from the service's change feed (see `startup`).

use std::sync::Arc;

use tauri::State;
use zexa_app::view::{AppState, Balance, NewProfile};
use zexa_app::AppService;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::secret::SecretString;
use zexa_core::settings::GeneralSettings;

use crate::dashboard::DashboardPage;

type Reply<T> = Result<T, IpcError>;

#[tauri::command]
#[specta::specta]
pub fn get_app_state(service: State<'_, Arc<AppService>>) -> Reply<AppState> {
    Ok(service.app_state())
}

#[tauri::command]
#[specta::specta]
pub fn get_settings(service: State<'_, Arc<AppService>>) -> Reply<GeneralSettings> {
    Ok(service.general_settings())
}

#[tauri::command]
#[specta::specta]
pub fn save_settings(service: State<'_, Arc<AppService>>, settings: GeneralSettings) -> Reply<GeneralSettings> {
    service.save_general_settings(settings)
}

/// Checks the key with `GET /credits`, then stores it in the keychain and activates the profile.
#[tauri::command]
#[specta::specta]
pub async fn add_profile(service: State<'_, Arc<AppService>>, profile: NewProfile) -> Reply<AppState> {
    service.add_profile(profile).await
}

#[tauri::command]
#[specta::specta]
pub async fn start_sandbox(service: State<'_, Arc<AppService>>) -> Reply<AppState> {
    service.start_sandbox().await
}

#[tauri::command]
#[specta::specta]
pub fn switch_profile(service: State<'_, Arc<AppService>>, id: String) -> Reply<AppState> {
    service.switch_profile(&id)
}

#[tauri::command]
#[specta::specta]
pub async fn remove_profile(service: State<'_, Arc<AppService>>, id: String) -> Reply<AppState> {
    service.remove_profile(&id).await
}

#[tauri::command]
#[specta::specta]
pub async fn replace_key(service: State<'_, Arc<AppService>>, id: String, api_key: SecretString) -> Reply<AppState> {
    service.replace_key(&id, api_key).await
}

/// The profile's own low-credit threshold, in whole credits.
#[tauri::command]
#[specta::specta]
pub fn set_profile_threshold(service: State<'_, Arc<AppService>>, id: String, threshold: u32) -> Reply<AppState> {
    service.set_profile_threshold(&id, threshold)
}

/// Asks the credit monitor to poll now (tray "Refresh now" does the same).
#[tauri::command]
#[specta::specta]
pub fn refresh_now(service: State<'_, Arc<AppService>>) -> Reply<()> {
    service.refresh_now();
    Ok(())
}

/// The masked `ZEXA_API_KEY`, when there is one to offer for import.
#[tauri::command]
#[specta::specta]
pub fn env_key_hint(service: State<'_, Arc<AppService>>) -> Reply<Option<String>> {
    Ok(service.env_key_hint())
}

#[tauri::command]
#[specta::specta]
pub async fn import_env_key(service: State<'_, Arc<AppService>>, name: String, base_url: String) -> Reply<AppState> {
    service.import_env_key(name, base_url).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_balance(service: State<'_, Arc<AppService>>) -> Reply<Balance> {
    service.balance().await
}

/// Opens a page of the Zexa dashboard in the system browser. The webview names a page,
/// never a URL, so it cannot make the app open arbitrary addresses.
#[tauri::command]
#[specta::specta]
pub fn open_dashboard(page: DashboardPage) -> Reply<()> {
    open::that_detached(page.url())
        .map_err(|e| IpcError::new(ErrorCode::Io, format!("The browser could not be opened: {e}.")))
}
