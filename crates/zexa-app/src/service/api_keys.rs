//! The API key feature's host: `AppService` lends it the profiles, keys and clients it needs
//! (`api_keys::KeyHost`), and the commands reach the feature through the methods below.

use zexa_api::Client;
use zexa_core::error::IpcError;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;

use super::AppService;
use crate::api_keys::{
    ApiKeyList, ApiKeys, CancelledRotation, CreatedKey, KeyHost, KeyRotation, KeyTarget, LockdownReport, ProfileRef,
    RevokedKey, RotationReport,
};
use crate::events::AccountPart;
use crate::shown_once::SlotContent;
use crate::view::{AppState, ConnectionState, NewProfile};

impl KeyHost for AppService {
    fn active_profile(&self) -> Result<Profile, IpcError> {
        AppService::active_profile(self)
    }

    fn profile(&self, id: &str) -> Result<Profile, IpcError> {
        AppService::profile(self, id)
    }

    fn profiles_on(&self, base_url: &str) -> Vec<Profile> {
        self.profiles.on_server(base_url)
    }

    async fn key_for(&self, profile: &Profile) -> Result<SecretString, IpcError> {
        AppService::key_for(self, profile).await
    }

    async fn client_for(&self, profile: &Profile) -> Result<Client, IpcError> {
        AppService::client_for(self, profile).await
    }

    async fn store_key(&self, profile: &Profile, key: &SecretString) -> Result<(), IpcError> {
        self.store_profile_key(profile, key).await
    }

    fn forget_client(&self, profile_id: &str) {
        AppService::forget_client(self, profile_id);
    }

    /// After a rotation or lock-down changed a profile's stored key: the next call reads the
    /// keychain again, so the app uses whatever it now holds.
    fn after_key_replaced(&self, profile: &Profile) {
        AppService::forget_client(self, &profile.id);
        if AppService::active_profile(self).is_ok_and(|p| p.id == profile.id) {
            self.set_connection(ConnectionState::Checking);
            self.restart_monitor();
        }
    }

    /// Profiles whose key was revoked: their cached clients go, and the active one is marked
    /// refused (its monitor restarts to see the `401` and turn the tray red).
    fn after_keys_revoked(&self, profiles: &[ProfileRef]) {
        for profile in profiles {
            AppService::forget_client(self, &profile.id);
        }
        let active = AppService::active_profile(self).ok().map(|p| p.id);
        if profiles.iter().any(|p| Some(&p.id) == active.as_ref()) {
            self.set_connection(ConnectionState::Unauthorized);
            self.restart_monitor();
        }
    }

    fn announce(&self, profile_id: &str, what: &[AccountPart]) {
        AppService::announce(self, profile_id, what);
    }

    fn show_once(&self, secret: SecretString, content: SlotContent) -> String {
        self.secrets.shown_once.put(secret, content)
    }

    fn shown(&self, slot: &str) -> Result<(SecretString, SlotContent), IpcError> {
        self.secrets.shown_once.get(slot)
    }

    async fn add_profile(&self, new: NewProfile) -> Result<AppState, IpcError> {
        self.add_profile_with(new, false).await
    }

    async fn replace_key(&self, id: &str, key: SecretString) -> Result<AppState, IpcError> {
        AppService::replace_key(self, id, key).await
    }
}

impl AppService {
    fn keys(&self) -> ApiKeys<'_, AppService> {
        ApiKeys { host: self, state: &self.api_keys }
    }

    /// Every active key of the active profile's account, with badges and pending rotations.
    pub async fn api_key_list(&self) -> Result<ApiKeyList, IpcError> {
        self.asking(crate::offers::OfferedPart::ApiKeys, self.keys().api_key_list()).await
    }

    /// `POST /api-keys`; the secret goes to the webview in this reply only.
    pub async fn create_api_key(&self, name: &str) -> Result<CreatedKey, IpcError> {
        self.keys().create_api_key(name).await
    }

    /// *Use it for a profile*: the key in the slot becomes a new profile or an existing one's.
    pub async fn use_created_key(&self, slot: &str, target: KeyTarget) -> Result<AppState, IpcError> {
        self.keys().use_created_key(slot, target).await
    }

    pub async fn revoke_api_key(&self, id: &str) -> Result<RevokedKey, IpcError> {
        self.keys().revoke_api_key(id).await
    }

    /// Rotates a key of the active profile's account; Rust decides which rotation it gets.
    pub async fn rotate_key(&self, key_id: &str) -> Result<KeyRotation, IpcError> {
        self.keys().rotate_key(key_id).await
    }

    pub async fn rotate_profile_key(&self, profile_id: &str) -> Result<RotationReport, IpcError> {
        self.keys().rotate_profile_key(profile_id).await
    }

    pub async fn start_key_rotation(&self, key_id: &str) -> Result<CreatedKey, IpcError> {
        self.keys().start_key_rotation(key_id).await
    }

    pub async fn finish_key_rotation(&self, rotation_id: &str) -> Result<RevokedKey, IpcError> {
        self.keys().finish_key_rotation(rotation_id).await
    }

    pub async fn cancel_key_rotation(
        &self,
        rotation_id: &str,
        revoke_new_key: bool,
    ) -> Result<CancelledRotation, IpcError> {
        self.keys().cancel_key_rotation(rotation_id, revoke_new_key).await
    }

    pub async fn lock_down_account(&self) -> Result<LockdownReport, IpcError> {
        self.keys().lock_down_account().await
    }
}
