//! The app as a whole: its state, general settings, and the dashboard links.

use std::sync::Arc;

use tauri::State;
use zexa_app::view::AppState;
use zexa_app::AppService;
use zexa_core::error::ErrorCode;
use zexa_core::ipc_error;
use zexa_core::settings::GeneralSettings;

use super::Reply;
use crate::dashboard::DashboardPage;

command! {
    pub fn get_app_state(service: State<'_, Arc<AppService>>) -> Reply<AppState> {
        Ok(service.app_state())
    }
}

command! {
    pub fn get_settings(service: State<'_, Arc<AppService>>) -> Reply<GeneralSettings> {
        Ok(service.general_settings())
    }
}

command! {
    pub fn save_settings(service: State<'_, Arc<AppService>>, settings: GeneralSettings) -> Reply<GeneralSettings> {
        service.save_general_settings(settings)
    }
}

command! {
    /// Opens a page of the Zexa dashboard in the system browser. The webview names a page,
    /// never a URL, so it cannot make the app open arbitrary addresses.
    pub fn open_dashboard(page: DashboardPage) -> Reply<()> {
        open_external(page.url())
    }
}

pub(crate) fn open_external(target: &str) -> Reply<()> {
    open::that_detached(target)
        .map_err(|e| ipc_error!(ErrorCode::Io, "error-browser-not-opened", detail = e.to_string()))
}
