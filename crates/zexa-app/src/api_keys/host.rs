//! What the API key feature needs from the app around it, and nothing more (Yaak's narrow
//! `Host` pattern): the profiles that may hold a key of the account, their keys and clients,
//! where a changed key is stored and what follows, and the shown-once slots. `AppService`
//! implements it (`service/api_keys.rs`); the feature never sees the rest of the service.

use std::future::Future;

use zexa_api::Client;
use zexa_core::error::IpcError;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;

use super::ProfileRef;
use crate::events::AccountPart;
use crate::shown_once::SlotContent;
use crate::view::{AppState, NewProfile};

pub(crate) trait KeyHost: Sync {
    fn active_profile(&self) -> Result<Profile, IpcError>;
    fn profile(&self, id: &str) -> Result<Profile, IpcError>;
    /// Profiles on the server `base_url`: the same account, as far as the app can tell.
    fn profiles_on(&self, base_url: &str) -> Vec<Profile>;
    fn key_for(&self, profile: &Profile) -> impl Future<Output = Result<SecretString, IpcError>> + Send;
    fn client_for(&self, profile: &Profile) -> impl Future<Output = Result<Client, IpcError>> + Send;
    /// Where `profile` keeps its key (the keychain, or the embedded sandbox's memory).
    fn store_key(&self, profile: &Profile, key: &SecretString) -> impl Future<Output = Result<(), IpcError>> + Send;
    fn forget_client(&self, profile_id: &str);
    /// A profile's stored key changed: the next call reads it again, the monitor restarts.
    fn after_key_replaced(&self, profile: &Profile);
    /// These profiles' key was revoked: the active one shows the key-refused state.
    fn after_keys_revoked(&self, profiles: &[ProfileRef]);
    fn announce(&self, profile_id: &str, what: &[AccountPart]);
    fn show_once(&self, secret: SecretString, content: SlotContent) -> String;
    fn shown(&self, slot: &str) -> Result<(SecretString, SlotContent), IpcError>;
    /// *Use it for a profile*: the key becomes a new profile (beside the active one) …
    fn add_profile(&self, new: NewProfile) -> impl Future<Output = Result<AppState, IpcError>> + Send;
    /// … or an existing profile's key.
    fn replace_key(&self, id: &str, key: SecretString) -> impl Future<Output = Result<AppState, IpcError>> + Send;
}
