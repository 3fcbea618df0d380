//! API key management: list, create (shown once), use for a profile, revoke, rotation and the
//! incident lock-down. See `zexa_app::api_keys`.

use std::sync::Arc;

use tauri::State;
use zexa_app::api_keys::rules::check_key_name;
use zexa_app::api_keys::{
    ApiKeyList, CancelledRotation, CreatedKey, KeyNameProblem, KeyTarget, LockdownReport, RevokedKey, RotationReport,
    SUPPORT_EMAIL,
};
use zexa_app::view::AppState;
use zexa_app::AppService;

use super::app::open_external;
use super::Reply;
use zexa_app::containment::{contained, contained_sync};

#[tauri::command]
#[specta::specta]
pub async fn list_api_keys(service: State<'_, Arc<AppService>>) -> Reply<ApiKeyList> {
    contained("list_api_keys", async { service.api_key_list().await }).await
}

/// The contract's name rules, checked while the user types; `active_names` are the names in
/// the list on screen. `None` when the name can be used.
#[tauri::command]
#[specta::specta]
pub fn check_api_key_name(name: String, active_names: Vec<String>) -> Reply<Option<KeyNameProblem>> {
    contained_sync("check_api_key_name", || Ok(check_key_name(&name, &active_names).err()))
}

/// Creates a key; its secret is in this reply only. Close its dialog with `forget_secret`.
#[tauri::command]
#[specta::specta]
pub async fn create_api_key(service: State<'_, Arc<AppService>>, name: String) -> Reply<CreatedKey> {
    contained("create_api_key", async { service.create_api_key(&name).await }).await
}

/// Stores the key of a shown-once slot as a new profile or as a profile's replacement key.
#[tauri::command]
#[specta::specta]
pub async fn use_created_key(service: State<'_, Arc<AppService>>, slot: String, target: KeyTarget) -> Reply<AppState> {
    contained("use_created_key", async { service.use_created_key(&slot, target).await }).await
}

#[tauri::command]
#[specta::specta]
pub async fn revoke_api_key(service: State<'_, Arc<AppService>>, id: String) -> Reply<RevokedKey> {
    contained("revoke_api_key", async { service.revoke_api_key(&id).await }).await
}

/// One-click rotation of the key a profile of this app uses.
#[tauri::command]
#[specta::specta]
pub async fn rotate_profile_key(service: State<'_, Arc<AppService>>, profile_id: String) -> Reply<RotationReport> {
    contained("rotate_profile_key", async { service.rotate_profile_key(&profile_id).await }).await
}

/// Guided rotation of a key used elsewhere: the replacement, shown once.
#[tauri::command]
#[specta::specta]
pub async fn start_key_rotation(service: State<'_, Arc<AppService>>, key_id: String) -> Reply<CreatedKey> {
    contained("start_key_rotation", async { service.start_key_rotation(&key_id).await }).await
}

#[tauri::command]
#[specta::specta]
pub async fn finish_key_rotation(service: State<'_, Arc<AppService>>, rotation_id: String) -> Reply<RevokedKey> {
    contained("finish_key_rotation", async { service.finish_key_rotation(&rotation_id).await }).await
}

#[tauri::command]
#[specta::specta]
pub async fn cancel_key_rotation(
    service: State<'_, Arc<AppService>>,
    rotation_id: String,
    revoke_new_key: bool,
) -> Reply<CancelledRotation> {
    contained("cancel_key_rotation", async { service.cancel_key_rotation(&rotation_id, revoke_new_key).await }).await
}

#[tauri::command]
#[specta::specta]
pub async fn lock_down_account(service: State<'_, Arc<AppService>>) -> Reply<LockdownReport> {
    contained("lock_down_account", async { service.lock_down_account().await }).await
}

/// Opens a message to Zexa support in the user's mail program. Rust builds the address; the
/// subject is in the app's language.
#[tauri::command]
#[specta::specta]
pub fn contact_support() -> Reply<()> {
    contained_sync("contact_support", || {
        let subject = zexa_core::i18n::t!("support-mail-subject");
        open_external(&format!("mailto:{SUPPORT_EMAIL}?subject={}", mailto_encode(&subject)))
    })
}

/// Percent-encodes `text` for a `mailto:` header value (RFC 6068): every byte but the
/// unreserved ASCII ones, so spaces and accented letters survive every mail program.
fn mailto_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => char::from(b).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_support_subject_is_percent_encoded() {
        assert_eq!(
            mailto_encode("Suspected unauthorised access to my Zexa account"),
            "Suspected%20unauthorised%20access%20to%20my%20Zexa%20account"
        );
        assert_eq!(mailto_encode("à minha conta?"), "%C3%A0%20minha%20conta%3F");
    }
}
