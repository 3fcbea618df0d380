//! Profiles: adding one (key checked, then stored in the keychain), the sandbox, switching,
//! replacing a key, removing, thresholds, and the `ZEXA_API_KEY` import.

use std::sync::Arc;

use tauri::State;
use zexa_app::view::{AppState, NewProfile};
use zexa_app::AppService;
use zexa_core::i18n::t;
use zexa_core::secret::SecretString;

use super::Reply;
use crate::native_dialogs::NativeDialogs;
use zexa_app::containment::{contained, contained_sync};

#[tauri::command]
#[specta::specta]
pub async fn add_profile(service: State<'_, Arc<AppService>>, profile: NewProfile) -> Reply<AppState> {
    contained("add_profile", async { service.add_profile(profile).await }).await
}

#[tauri::command]
#[specta::specta]
pub async fn start_sandbox(service: State<'_, Arc<AppService>>) -> Reply<AppState> {
    contained("start_sandbox", async { service.start_sandbox().await }).await
}

#[tauri::command]
#[specta::specta]
pub fn switch_profile(service: State<'_, Arc<AppService>>, id: String) -> Reply<AppState> {
    contained_sync("switch_profile", || service.switch_profile(&id))
}

#[tauri::command]
#[specta::specta]
pub async fn remove_profile(service: State<'_, Arc<AppService>>, id: String) -> Reply<AppState> {
    contained("remove_profile", async { service.remove_profile(&id).await }).await
}

#[tauri::command]
#[specta::specta]
pub async fn replace_key(service: State<'_, Arc<AppService>>, id: String, api_key: SecretString) -> Reply<AppState> {
    contained("replace_key", async { service.replace_key(&id, api_key).await }).await
}

/// The profile's own low-credit threshold, in whole credits.
#[tauri::command]
#[specta::specta]
pub fn set_profile_threshold(service: State<'_, Arc<AppService>>, id: String, threshold: u32) -> Reply<AppState> {
    contained_sync("set_profile_threshold", || service.set_profile_threshold(&id, threshold))
}

/// The masked `ZEXA_API_KEY`, when there is one to offer for import.
#[tauri::command]
#[specta::specta]
pub fn env_key_hint(service: State<'_, Arc<AppService>>) -> Reply<Option<String>> {
    contained_sync("env_key_hint", || Ok(service.env_key_hint()))
}

#[tauri::command]
#[specta::specta]
pub async fn import_env_key(
    dialogs: State<'_, NativeDialogs>,
    service: State<'_, Arc<AppService>>,
    name: String,
    base_url: String,
) -> Reply<AppState> {
    contained("import_env_key", async {
        // The webview names the address; only the user, in a native dialog, may send the
        // environment's key anywhere but Zexa or the app's own embedded sandbox.
        let confirmed = service.env_import_needs_confirmation(&base_url).await
            && dialogs.confirm(&t!("dialog-env-key-title"), &t!("dialog-env-key-message", url = base_url.trim()));
        service.import_env_key(name, base_url, confirmed).await
    })
    .await
}
