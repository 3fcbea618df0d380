//! The app's [`KeySteps`]: the server through the profile's client, the key through the
//! profile's keychain entry (or, for the sandbox profile, the embedded sandbox's memory).

use std::sync::Mutex;

use zexa_api::contract::CreatedApiKey;
use zexa_api::{ApiError, Client};
use zexa_core::error::IpcError;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;

use super::rotation::KeySteps;
use crate::service::{lock, AppService};

pub(crate) struct AppKeySteps<'a> {
    service: &'a AppService,
    profile: &'a Profile,
    /// On the key the profile has stored now: once the old key is revoked, only the new one
    /// can revoke the rest (a lock-down).
    client: Mutex<Client>,
}

impl<'a> AppKeySteps<'a> {
    pub fn new(service: &'a AppService, profile: &'a Profile, client: Client) -> Self {
        Self { service, profile, client: Mutex::new(client) }
    }

    fn client(&self) -> Client {
        lock(&self.client).clone()
    }
}

impl KeySteps for AppKeySteps<'_> {
    async fn create_key(&self, name: &str) -> Result<CreatedApiKey, IpcError> {
        self.client().create_api_key(name).await.map_err(IpcError::from)
    }

    async fn store_key(&self, key: &SecretString) -> Result<(), IpcError> {
        let client = self.client().with_key(key.clone()).map_err(IpcError::from)?;
        self.service.store_profile_key(self.profile, key).await?;
        *lock(&self.client) = client;
        Ok(())
    }

    async fn verify_key(&self, key: &SecretString) -> Result<(), IpcError> {
        let client = self.client().with_key(key.clone()).map_err(IpcError::from)?;
        client.credits().await.map(drop).map_err(IpcError::from)
    }

    async fn revoke_key(&self, id: &str) -> Result<(), IpcError> {
        revoke_allowing_gone(&self.client(), id).await.map(drop)
    }
}

/// `DELETE /api-keys/{id}`; a key that is already gone counts as revoked. `Ok(true)` if it was.
pub(crate) async fn revoke_allowing_gone(client: &Client, id: &str) -> Result<bool, IpcError> {
    match client.revoke_api_key(id).await {
        Ok(()) => Ok(false),
        Err(ApiError::NotFound { .. }) => Ok(true),
        Err(error) => Err(error.into()),
    }
}
