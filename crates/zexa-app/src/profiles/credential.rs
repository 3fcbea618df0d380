//! Which key a profile uses and the client built on it.

use zexa_api::Client;
use zexa_core::error::IpcError;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;
use zexa_keychain::KeychainError;

use crate::service::AppService;

/// How long a reconciliation waits for a stuck keychain call (an unanswered unlock prompt).
const RECONCILE_WAIT: std::time::Duration = std::time::Duration::from_secs(600);

impl AppService {
    pub(crate) fn active_profile(&self) -> Result<Profile, IpcError> {
        self.profiles.active_profile()
    }

    pub(crate) fn profile(&self, id: &str) -> Result<Profile, IpcError> {
        self.profiles.profile(id)
    }

    /// The profile's key: the embedded sandbox's for a sandbox profile, otherwise the keychain's,
    /// and only if it was stored for the server the profile names now.
    pub(crate) async fn key_for(&self, profile: &Profile) -> Result<SecretString, IpcError> {
        if profile.sandbox {
            return Ok(self.ensure_sandbox(profile).await?.1);
        }
        let key = self.profiles.stored_key(profile).await?;
        self.set_key_hint(&profile.id, &key);
        Ok(key)
    }

    /// The cached client of the active profile, or a new one on its key.
    pub(crate) async fn active_client(&self) -> Result<(Profile, Client), IpcError> {
        let profile = self.active_profile()?;
        let client = self.client_for(&profile).await?;
        Ok((profile, client))
    }

    /// The profile's cached client, or a new one on its key.
    pub(crate) async fn client_for(&self, profile: &Profile) -> Result<Client, IpcError> {
        // Built once even when the monitor and the window ask at once (at start): a second
        // client would not share the first one's answer, and the server would be asked twice.
        self.profiles
            .cached_or_build(&profile.id, || async {
                let key = self.key_for(profile).await?;
                // A sandbox profile's address may have changed when the sandbox (re)started.
                let base_url = self.profile(&profile.id)?.base_url;
                self.profiles.new_client(&base_url, key).map_err(IpcError::from)
            })
            .await
    }

    /// Puts `key` where `profile` keeps its key: the keychain, or for the sandbox profile the
    /// embedded sandbox's memory (its key never touches the keychain).
    pub(crate) async fn store_profile_key(&self, profile: &Profile, key: &SecretString) -> Result<(), IpcError> {
        if profile.sandbox {
            self.sandbox.set_key(key.clone()).await;
        } else {
            self.profiles
                .write_key(profile, key)
                .await
                .inspect_err(|error| self.reconcile_failed_write(&profile.id, error))?;
        }
        self.forget_client(&profile.id);
        Ok(())
    }

    /// A write reported as failed may still have landed, whatever the error: a call that timed
    /// out cannot be cancelled, and a store can fail after writing (its reply lost, the
    /// attribute update after the secret refused). So every failed write is reconciled.
    pub(crate) fn reconcile_failed_write(&self, profile_id: &str, error: &KeychainError) {
        tracing::warn!(profile = %profile_id, %error, "keychain write failed; reconciling its entry");
        self.reconcile_keychain_entry(profile_id);
    }

    /// Once the keychain has settled (at once unless a call is stuck): an entry without a
    /// profile (an add that failed) is deleted, and a profile's cached client is dropped so
    /// the next call uses what the keychain really holds.
    pub(crate) fn reconcile_keychain_entry(&self, profile_id: &str) {
        let Some(me) = self.me.upgrade() else { return };
        let profile_id = profile_id.to_owned();
        self.runtime.spawn(async move {
            let keychain = me.profiles.keychain();
            if !keychain.settled(RECONCILE_WAIT).await {
                tracing::warn!(profile = %profile_id, "keychain still stuck; entry not reconciled");
                return;
            }
            if me.profile(&profile_id).is_ok() {
                me.forget_client(&profile_id);
                tracing::info!(profile = %profile_id, "keychain entry reconciled after a failed write");
            } else if let Err(error) = keychain.delete(&profile_id).await {
                tracing::warn!(profile = %profile_id, %error, "orphan keychain entry not deleted");
            } else {
                tracing::info!(profile = %profile_id, "orphan keychain entry from a failed write deleted");
            }
        });
    }

    pub(crate) fn forget_client(&self, profile_id: &str) {
        self.profiles.forget_client(profile_id);
    }

    pub(crate) fn set_key_hint(&self, profile_id: &str, key: &SecretString) {
        if self.profiles.set_key_hint(profile_id, key) {
            self.publish();
        }
    }

    /// Reads every profile's key once at startup so the UI can show masked keys; failures are
    /// left for the first real call to report.
    pub async fn load_key_hints(&self) {
        if self.profiles.load_key_hints().await {
            self.publish();
        }
    }
}

/// The key as the user pasted it, cleaned, or an input error: the rule is in `rules`.
pub(crate) use crate::rules::cleaned_api_key as cleaned_key;
