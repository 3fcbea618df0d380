//! The guided manual rotation, for a server that does not offer key creation to apps: the new
//! key pasted once (checked, stored, switched to), the old key's revocation verified or
//! confirmed. See `zexa_app::manual_rotation`.

use std::sync::Arc;

use tauri::State;
use zexa_app::manual_rotation::{ManualRotationView, RevocationCheck};
use zexa_app::AppService;
use zexa_core::secret::SecretString;

use super::Reply;

command! {
    /// Whether the flow applies to the profile, whether its key is due, an old key to revoke.
    pub async fn get_manual_rotation(service: State<'_, Arc<AppService>>, profile_id: String) -> Reply<ManualRotationView> {
        service.manual_rotation_view(&profile_id).await
    }
}

command! {
    /// Step 3: the key created on the dashboard. It reaches Rust here, once, and never goes back.
    pub async fn replace_key_by_hand(
        service: State<'_, Arc<AppService>>,
        profile_id: String,
        api_key: SecretString,
    ) -> Reply<ManualRotationView> {
        service.replace_key_by_hand(&profile_id, api_key).await
    }
}

command! {
    /// Step 4: `GET /credits` with the old key; `401` finishes the rotation.
    pub async fn verify_old_key_revoked(service: State<'_, Arc<AppService>>, profile_id: String) -> Reply<RevocationCheck> {
        service.verify_old_key_revoked(&profile_id).await
    }
}

command! {
    /// Step 4 in the user's words, once the old key has left memory (a restart).
    pub async fn confirm_old_key_revoked(service: State<'_, Arc<AppService>>, profile_id: String) -> Reply<ManualRotationView> {
        service.confirm_old_key_revoked(&profile_id).await
    }
}
