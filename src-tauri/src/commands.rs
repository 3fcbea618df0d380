//! Tauri commands: each one is a thin forward to `AppService`, returning `IpcError` on failure.

use tauri::State;
use zexa_app::view::AppState;
use zexa_app::AppService;
use zexa_core::error::IpcError;
use zexa_core::settings::GeneralSettings;

use crate::dashboard::DashboardPage;

#[tauri::command]
#[specta::specta]
pub fn get_app_state(service: State<'_, AppService>) -> Result<AppState, IpcError> {
    Ok(service.app_state())
}

#[tauri::command]
#[specta::specta]
pub fn get_settings(service: State<'_, AppService>) -> Result<GeneralSettings, IpcError> {
    Ok(service.general_settings())
}

#[tauri::command]
#[specta::specta]
pub fn save_settings(
    service: State<'_, AppService>,
    settings: GeneralSettings,
) -> Result<GeneralSettings, IpcError> {
    service.save_general_settings(settings)
}

/// Opens a page of the Zexa dashboard in the system browser. The webview names a page,
/// never a URL, so it cannot make the app open arbitrary addresses.
#[tauri::command]
#[specta::specta]
pub fn open_dashboard(page: DashboardPage) -> Result<(), IpcError> {
    open::that_detached(page.url())
        .map_err(|e| IpcError::new(zexa_core::error::ErrorCode::Io, format!("The browser could not be opened: {e}.")))
}
