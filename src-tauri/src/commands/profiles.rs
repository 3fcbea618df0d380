//! Profiles: adding one (key checked, then stored in the keychain), the sandbox, switching,
//! replacing a key, removing, thresholds, and the `ZEXA_API_KEY` import.

use std::sync::Arc;

use tauri::State;
use zexa_app::view::{AppState, NewProfile};
use zexa_app::AppService;
use zexa_core::secret::SecretString;

use super::Reply;
use crate::native_dialogs::NativeDialogs;

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

/// The masked `ZEXA_API_KEY`, when there is one to offer for import.
#[tauri::command]
#[specta::specta]
pub fn env_key_hint(service: State<'_, Arc<AppService>>) -> Reply<Option<String>> {
    Ok(service.env_key_hint())
}

#[tauri::command]
#[specta::specta]
pub async fn import_env_key(
    dialogs: State<'_, NativeDialogs>,
    service: State<'_, Arc<AppService>>,
    name: String,
    base_url: String,
) -> Reply<AppState> {
    // The webview names the address; only the user, in a native dialog, may send the
    // environment's key anywhere but Zexa or this computer.
    let confirmed = AppService::env_import_needs_confirmation(&base_url)
        && dialogs.confirm(
            "Send ZEXA_API_KEY to another server?",
            &format!(
                "The key from ZEXA_API_KEY is about to be sent to {} to check it. That is not Zexa's address \
                 (https://api.zexa.ao/v1). Send it only if you trust this server.",
                base_url.trim()
            ),
        );
    service.import_env_key(name, base_url, confirmed).await
}
