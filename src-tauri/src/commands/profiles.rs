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

command! {
    pub async fn add_profile(service: State<'_, Arc<AppService>>, profile: NewProfile) -> Reply<AppState> {
        service.add_profile(profile).await
    }
}

command! {
    pub async fn start_sandbox(service: State<'_, Arc<AppService>>) -> Reply<AppState> {
        service.start_sandbox().await
    }
}

command! {
    pub fn switch_profile(service: State<'_, Arc<AppService>>, id: String) -> Reply<AppState> {
        service.switch_profile(&id)
    }
}

command! {
    pub async fn remove_profile(service: State<'_, Arc<AppService>>, id: String) -> Reply<AppState> {
        service.remove_profile(&id).await
    }
}

command! {
    pub async fn replace_key(service: State<'_, Arc<AppService>>, id: String, api_key: SecretString) -> Reply<AppState> {
        service.replace_key(&id, api_key).await
    }
}

command! {
    /// The profile's own low-credit threshold, in whole credits.
    pub fn set_profile_threshold(service: State<'_, Arc<AppService>>, id: String, threshold: u32) -> Reply<AppState> {
        service.set_profile_threshold(&id, threshold)
    }
}

command! {
    /// The masked `ZEXA_API_KEY`, when there is one to offer for import.
    pub fn env_key_hint(service: State<'_, Arc<AppService>>) -> Reply<Option<String>> {
        Ok(service.env_key_hint())
    }
}

command! {
    pub async fn import_env_key(
        dialogs: State<'_, NativeDialogs>,
        service: State<'_, Arc<AppService>>,
        name: String,
        base_url: String,
    ) -> Reply<AppState> {
        // The webview names the address; only the user, in a native dialog, may send the
        // environment's key anywhere but Zexa or the app's own embedded sandbox.
        let confirmed = service.env_import_needs_confirmation(&base_url).await
            && dialogs.confirm(&t!("dialog-env-key-title"), &t!("dialog-env-key-message", url = base_url.trim()));
        service.import_env_key(name, base_url, confirmed).await
    }
}

command! {
    /// Which programs the `zexa` command line gave the profile's key (`zexa run`, `zexa inject`):
    /// the latest use of each, newest first. Read from its usage log, which holds no secret.
    pub fn get_key_usage(
        service: State<'_, Arc<AppService>>,
        id: String,
    ) -> Reply<Vec<zexa_app::profiles::usage::ProgramUse>> {
        service.key_usage(&id)
    }
}
