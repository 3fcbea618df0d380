//! API key management: list, create (shown once), use for a profile, revoke, rotation and the
//! incident lock-down. See `zexa_app::api_keys`.

use std::sync::Arc;

use tauri::State;
use zexa_app::api_keys::rules::check_key_name;
use zexa_app::api_keys::{
    ApiKeyList, CancelledRotation, CreatedKey, KeyNameProblem, KeyRotation, KeyTarget, LockdownReport, RevokedKey,
    RotationReport, SUPPORT_EMAIL,
};
use zexa_app::view::AppState;
use zexa_app::AppService;

use super::app::open_external;
use super::Reply;

command! {
    pub async fn list_api_keys(service: State<'_, Arc<AppService>>) -> Reply<ApiKeyList> {
        service.api_key_list().await
    }
}

command! {
    /// The contract's name rules, checked while the user types; `active_names` are the names in
    /// the list on screen. `None` when the name can be used.
    pub fn check_api_key_name(name: String, active_names: Vec<String>) -> Reply<Option<KeyNameProblem>> {
        Ok(check_key_name(&name, &active_names).err())
    }
}

command! {
    /// Creates a key; its secret is in this reply only. Close its dialog with `forget_secret`.
    pub async fn create_api_key(service: State<'_, Arc<AppService>>, name: String) -> Reply<CreatedKey> {
        service.create_api_key(&name).await
    }
}

command! {
    /// Stores the key of a shown-once slot as a new profile or as a profile's replacement key.
    pub async fn use_created_key(service: State<'_, Arc<AppService>>, slot: String, target: KeyTarget) -> Reply<AppState> {
        service.use_created_key(&slot, target).await
    }
}

command! {
    pub async fn revoke_api_key(service: State<'_, Arc<AppService>>, id: String) -> Reply<RevokedKey> {
        service.revoke_api_key(&id).await
    }
}

command! {
    /// Rotates a key of the active profile's account. Rust decides how: a key this app holds is
    /// replaced in one click (`rotated`), a key used elsewhere gets the guided rotation
    /// (`guided`, its replacement shown once).
    pub async fn rotate_key(service: State<'_, Arc<AppService>>, key_id: String) -> Reply<KeyRotation> {
        service.rotate_key(&key_id).await
    }
}

command! {
    /// One-click rotation of the key a profile of this app uses.
    pub async fn rotate_profile_key(service: State<'_, Arc<AppService>>, profile_id: String) -> Reply<RotationReport> {
        service.rotate_profile_key(&profile_id).await
    }
}

command! {
    /// Guided rotation of a key used elsewhere: the replacement, shown once.
    pub async fn start_key_rotation(service: State<'_, Arc<AppService>>, key_id: String) -> Reply<CreatedKey> {
        service.start_key_rotation(&key_id).await
    }
}

command! {
    pub async fn finish_key_rotation(service: State<'_, Arc<AppService>>, rotation_id: String) -> Reply<RevokedKey> {
        service.finish_key_rotation(&rotation_id).await
    }
}

command! {
    pub async fn cancel_key_rotation(
        service: State<'_, Arc<AppService>>,
        rotation_id: String,
        revoke_new_key: bool,
    ) -> Reply<CancelledRotation> {
        service.cancel_key_rotation(&rotation_id, revoke_new_key).await
    }
}

command! {
    pub async fn lock_down_account(service: State<'_, Arc<AppService>>) -> Reply<LockdownReport> {
        service.lock_down_account().await
    }
}

command! {
    /// Opens a message to Zexa support in the user's mail program. Rust builds the address; the
    /// subject is in the app's language.
    pub fn contact_support() -> Reply<()> {
        let subject = zexa_core::i18n::t!("support-mail-subject");
        open_external(&format!("mailto:{SUPPORT_EMAIL}?subject={}", mailto_encode(&subject)))
    }
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
