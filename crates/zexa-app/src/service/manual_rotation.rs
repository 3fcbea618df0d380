//! The manual rotation's host: `AppService` lends it the profile, what its server offers, the
//! key and its date, and the checked replacement (`manual_rotation::RotationHost`); the
//! commands reach the feature through the methods below.

use zexa_api::Client;
use zexa_core::error::IpcError;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;

use super::AppService;
use crate::clock::now_utc;
use crate::events::AccountPart;
use crate::manual_rotation::{ManualRotation, ManualRotationView, RevocationCheck, RotationHost};
use crate::offers::{self, Offer, ServerOffers};

impl RotationHost for AppService {
    fn profile(&self, id: &str) -> Result<Profile, IpcError> {
        AppService::profile(self, id)
    }

    /// As `server_offers`, for any profile: the fresh cached answer, else learned now. Without
    /// a client (no key), nothing is known.
    async fn offers_for(&self, profile: &Profile) -> ServerOffers {
        let now = now_utc().unix_timestamp();
        if let Some(known) = self.offers.fresh(&profile.id, now) {
            return known;
        }
        match self.client_for(profile).await {
            Ok(client) => {
                let learned = offers::learn(&client).await;
                self.offers.remember(&profile.id, learned.clone(), now);
                learned
            }
            Err(_) => ServerOffers {
                api_keys: Offer::Unknown,
                sessions: Offer::Unknown,
                two_factor: Offer::Unknown,
                password: Offer::Unknown,
            },
        }
    }

    fn key_stored_at(&self, profile_id: &str) -> Option<i64> {
        self.profiles.key_stored_at(profile_id)
    }

    async fn stored_key(&self, profile: &Profile) -> Result<SecretString, IpcError> {
        self.key_for(profile).await
    }

    /// The same checked replacement as *Replace key*: `GET /credits` first, then the keychain
    /// (bound to the profile's server, its date noted), the client, the monitor.
    async fn replace_key(&self, profile: &Profile, key: SecretString) -> Result<(), IpcError> {
        AppService::replace_key(self, &profile.id, key).await.map(|_| ())
    }

    fn client_on(&self, profile: &Profile, key: SecretString) -> Result<Client, IpcError> {
        self.profiles.new_client(&profile.base_url, key).map_err(IpcError::from)
    }

    fn announce(&self, profile_id: &str, what: &[AccountPart]) {
        AppService::announce(self, profile_id, what);
    }
}

impl AppService {
    fn manual_rotation(&self) -> ManualRotation<'_, AppService> {
        ManualRotation { host: self, state: &self.manual_rotation }
    }

    /// Where the profile's manual rotation stands: whether it applies, whether the key is due,
    /// and an old key still to revoke.
    pub async fn manual_rotation_view(&self, profile_id: &str) -> Result<ManualRotationView, IpcError> {
        self.manual_rotation().view(profile_id).await
    }

    /// Step 3: the key created on the dashboard, checked, stored and switched to.
    pub async fn replace_key_by_hand(
        &self,
        profile_id: &str,
        api_key: SecretString,
    ) -> Result<ManualRotationView, IpcError> {
        self.manual_rotation().replace_key(profile_id, api_key).await
    }

    /// Step 4: `GET /credits` with the old key, kept in memory for the flow.
    pub async fn verify_old_key_revoked(&self, profile_id: &str) -> Result<RevocationCheck, IpcError> {
        self.manual_rotation().verify(profile_id).await
    }

    /// Step 4, in the user's words ("I revoked it"), once the app can no longer check.
    pub async fn confirm_old_key_revoked(&self, profile_id: &str) -> Result<ManualRotationView, IpcError> {
        self.manual_rotation().confirm_revoked(profile_id).await
    }

    /// Profiles with an old key still to revoke (the Overview's reminder).
    pub fn profiles_with_old_keys(&self) -> Vec<String> {
        self.manual_rotation.pending_profiles()
    }
}
