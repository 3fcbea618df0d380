//! The app's [`KeySteps`]: the server through the profile's client, the key through the
//! profile's keychain entry (or, for the sandbox profile, the embedded sandbox's memory), and
//! through the entries of the other profiles that hold the very same key: the old key is
//! revoked at the end, so each of them moves with the profile (and back, on a roll-back).

use std::sync::Mutex;

use zexa_api::contract::CreatedApiKey;
use zexa_api::{ApiError, Client};
use zexa_core::error::IpcError;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;

use super::host::KeyHost;
use super::rotation::KeySteps;
use crate::sync::lock;

pub(crate) struct AppKeySteps<'a, H: KeyHost> {
    host: &'a H,
    profile: &'a Profile,
    /// Other profiles of this app that hold the same key as `profile`.
    sharing: &'a [Profile],
    /// On the key the profile has stored now: once the old key is revoked, only the new one
    /// can revoke the rest (a lock-down).
    client: Mutex<Client>,
}

impl<'a, H: KeyHost> AppKeySteps<'a, H> {
    pub fn new(host: &'a H, profile: &'a Profile, sharing: &'a [Profile], client: Client) -> Self {
        Self { host, profile, sharing, client: Mutex::new(client) }
    }

    fn client(&self) -> Client {
        lock(&self.client).clone()
    }
}

impl<H: KeyHost> KeySteps for AppKeySteps<'_, H> {
    async fn create_key(&self, name: &str) -> Result<CreatedApiKey, IpcError> {
        self.client().create_api_key(name).await.map_err(IpcError::from)
    }

    async fn store_key(&self, key: &SecretString) -> Result<(), IpcError> {
        let client = self.client().with_key(key.clone()).map_err(IpcError::from)?;
        self.host.store_key(self.profile, key).await?;
        *lock(&self.client) = client;
        // One failure fails the step: the rotation then puts the old key back everywhere.
        for other in self.sharing {
            self.host.store_key(other, key).await?;
        }
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

/// Whether two keys are the same, in time that does not depend on where they differ.
pub(crate) fn same_key(a: &SecretString, b: &SecretString) -> bool {
    let (a, b) = (a.expose().as_bytes(), b.expose().as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `DELETE /api-keys/{id}`; a key that is already gone counts as revoked. `Ok(true)` if it was.
pub(crate) async fn revoke_allowing_gone(client: &Client, id: &str) -> Result<bool, IpcError> {
    match client.revoke_api_key(id).await {
        Ok(()) => Ok(false),
        Err(ApiError::NotFound { .. }) => Ok(true),
        Err(error) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_compared_whole() {
        let key = |text: &str| SecretString::new(text.into());
        assert!(same_key(&key("zx_test_abcd1234"), &key("zx_test_abcd1234")));
        assert!(!same_key(&key("zx_test_abcd1234"), &key("zx_test_abcd1235")));
        assert!(!same_key(&key("zx_test_abcd1234"), &key("zx_test_abcd123")));
        assert!(!same_key(&key(""), &key("zx_test_abcd1234")));
    }
}
