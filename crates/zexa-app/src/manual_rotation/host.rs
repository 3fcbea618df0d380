//! What the manual rotation needs from the app around it, and nothing more (the narrow host
//! pattern of `api_keys::KeyHost`): the profile, what its server offers, when its key was
//! stored, the key itself, the checked replacement of that key, a client on another key for
//! the verification, and the announcement. `AppService` implements it
//! (`service/manual_rotation.rs`); tests implement it with a fake.

use std::future::Future;

use zexa_api::Client;
use zexa_core::error::IpcError;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;

use crate::events::AccountPart;
use crate::offers::ServerOffers;

pub(crate) trait RotationHost: Sync {
    fn profile(&self, id: &str) -> Result<Profile, IpcError>;
    /// What the profile's server offers: the cached answer, else learned now.
    fn offers_for(&self, profile: &Profile) -> impl Future<Output = ServerOffers> + Send;
    /// When this app stored the profile's key (Unix seconds), if it noted it.
    fn key_stored_at(&self, profile_id: &str) -> Option<i64>;
    /// The key the profile uses now.
    fn stored_key(&self, profile: &Profile) -> impl Future<Output = Result<SecretString, IpcError>> + Send;
    /// Checks `key` with `GET /credits`, stores it (bound to the profile's server, its date
    /// noted) and switches the profile to it; a refused key is not stored.
    fn replace_key(&self, profile: &Profile, key: SecretString) -> impl Future<Output = Result<(), IpcError>> + Send;
    /// A client on a key that is not the profile's stored one (the old key, to verify).
    fn client_on(&self, profile: &Profile, key: SecretString) -> Result<Client, IpcError>;
    fn announce(&self, profile_id: &str, what: &[AccountPart]);
}
