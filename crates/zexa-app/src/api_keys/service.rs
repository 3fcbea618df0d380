//! The API key feature on the active profile, through its narrow host (`host::KeyHost`).

use rand::Rng;
use zexa_api::contract::ApiKey;
use zexa_api::Client;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::i18n::t;
use zexa_core::ipc_error;
use zexa_core::secret::{RevealedSecret, SecretString};
use zexa_core::settings::Profile;

use super::host::KeyHost;
use super::pending::{rotation_stage, PendingRotation};
use super::rotation::{label, RotationOutcome};
use super::rules::{check_key_name, key_badges, sort_most_recently_used, suggestion, unique_key_name};
use super::steps::{revoke_allowing_gone, same_key, AppKeySteps};
use super::{
    lockdown, rotation, ApiKeyList, ApiKeyRow, ApiKeysState, CancelledRotation, CreatedKey, KeyRotation, KeyTarget,
    LockdownReport, ProfileRef, RevokedKey, RotationReport, RotationView,
};
use crate::clock::{format_timestamp, now_rfc3339, now_utc};
use crate::events::AccountPart;
use crate::ids::{checked_id, KEY_ID_PREFIX};
use crate::shown_once::SlotContent;
use crate::view::{AppState, NewProfile};

/// A lock-down touches keys, sign-ins and the app's own key at once.
const ALL_OF_AN_ACCOUNT: [AccountPart; 4] =
    [AccountPart::Profile, AccountPart::Balance, AccountPart::Keys, AccountPart::Sessions];

fn profile_ref(profile: &Profile) -> ProfileRef {
    ProfileRef { id: profile.id.clone(), name: profile.name.clone() }
}

fn today() -> String {
    format_timestamp(now_utc()).get(..10).unwrap_or_default().to_owned()
}

fn names(keys: &[ApiKey]) -> Vec<String> {
    keys.iter().map(|k| k.name.clone()).collect()
}

fn not_found_in_list() -> IpcError {
    ipc_error!(ErrorCode::NotFound, "error-key-not-in-list")
}

/// Profile names in quotes, joined with commas, as the catalogue's `$names` expects.
fn quoted_names<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(|name| format!("“{name}”")).collect::<Vec<_>>().join(", ")
}

/// The listed key that `client` signs in with. The list shows only a prefix of each key (no
/// digest of the whole key, see docs/api-contract.md), so when two listed keys share the
/// prefix nothing tells which is this profile's: acting on a guess could revoke the wrong key.
fn the_one_key_of(client: &Client, keys: &[ApiKey]) -> Result<ApiKey, IpcError> {
    let mut matching = keys.iter().filter(|k| client.key_has_prefix(&k.prefix));
    match (matching.next(), matching.next()) {
        (Some(own), None) => Ok(own.clone()),
        (None, _) => Err(ipc_error!(ErrorCode::NotFound, "error-own-key-not-listed")),
        (Some(first), Some(second)) => Err(ipc_error!(
            ErrorCode::InvalidInput,
            "error-own-key-ambiguous",
            prefix = first.prefix.as_str(),
            first = first.name.as_str(),
            second = second.name.as_str(),
        )),
    }
}

/// The API key feature on the active profile of `host`, with its own state.
pub(crate) struct ApiKeys<'a, H: KeyHost> {
    pub(crate) host: &'a H,
    pub(crate) state: &'a ApiKeysState,
}

impl<H: KeyHost> ApiKeys<'_, H> {
    async fn active_client(&self) -> Result<(Profile, Client), IpcError> {
        let profile = self.host.active_profile()?;
        let client = self.host.client_for(&profile).await?;
        Ok((profile, client))
    }

    /// Profiles on the same server as `base_url` (the same account, as far as the app can
    /// tell) with the client on each one's key. Profiles whose key cannot be read are skipped:
    /// a missing badge is better than a failed list.
    async fn key_holders(&self, base_url: &str) -> Vec<(Profile, Client)> {
        let profiles = self.host.profiles_on(base_url);
        let mut holders = Vec::new();
        for profile in profiles {
            match self.host.client_for(&profile).await {
                Ok(client) => holders.push((profile, client)),
                Err(error) => tracing::debug!(profile = %profile.id, %error, "key not compared"),
            }
        }
        holders
    }

    fn users_of(holders: &[(Profile, Client)], key: &ApiKey) -> Vec<ProfileRef> {
        holders.iter().filter(|(_, c)| c.key_has_prefix(&key.prefix)).map(|(p, _)| profile_ref(p)).collect()
    }

    /// Every active key of the active profile's account, with badges and pending rotations.
    pub(crate) async fn api_key_list(&self) -> Result<ApiKeyList, IpcError> {
        let (profile, client) = self.active_client().await?;
        let mut keys = client.list_api_keys().await.map_err(IpcError::from)?;
        sort_most_recently_used(&mut keys);
        let holders = self.key_holders(&profile.base_url).await;
        let now = now_utc();

        let mut rotations = Vec::new();
        for rotation in self.state.rotations.for_profile(&profile.id) {
            let old = keys.iter().find(|k| k.id == rotation.old_key_id);
            let new = keys.iter().find(|k| k.id == rotation.new_key_id);
            match rotation_stage(old, new) {
                // The old key is gone (revoked here or elsewhere): nothing left to do.
                None => self.state.rotations.remove(&rotation.id),
                Some(stage) => rotations.push(RotationView {
                    old_key_last_used_at: old.and_then(|k| k.last_used_at.clone()),
                    new_key_last_used_at: new.and_then(|k| k.last_used_at.clone()),
                    stage,
                    rotation,
                }),
            }
        }
        let rows = keys
            .into_iter()
            .map(|key| {
                let used_by = Self::users_of(&holders, &key);
                let rotation_id = rotations
                    .iter()
                    .find(|r| r.rotation.old_key_id == key.id || r.rotation.new_key_id == key.id)
                    .map(|r| r.rotation.id.clone());
                let badges = key_badges(&key, now, !used_by.is_empty());
                ApiKeyRow { suggestion: suggestion(&badges), badges, key, used_by, rotation_id }
            })
            .collect();
        Ok(ApiKeyList {
            profile_id: profile.id,
            limits: super::KEY_RULE_LIMITS,
            keys: rows,
            rotations,
            fetched_at: now_rfc3339(),
        })
    }

    /// `POST /api-keys`; the secret goes to the webview in this reply only, and Rust keeps its
    /// own copy in a shown-once slot until the dialog closes.
    pub(crate) async fn create_api_key(&self, name: &str) -> Result<CreatedKey, IpcError> {
        // The contract's own rules first (the server checks "taken"): nothing odd is sent.
        let name = check_key_name(name, &[] as &[&str]).map_err(|problem| problem.to_error())?;
        let (profile, client) = self.active_client().await?;
        let created = client.create_api_key(&name).await.map_err(IpcError::from)?;
        tracing::info!(profile = %profile.id, key = %created.id, "API key created");
        self.host.announce(&profile.id, &[AccountPart::Keys]);
        Ok(self.show_created_key(&profile, created.summary(), created.key, None))
    }

    fn show_created_key(
        &self,
        profile: &Profile,
        key: ApiKey,
        secret: SecretString,
        rotation_id: Option<String>,
    ) -> CreatedKey {
        let revealed = RevealedSecret::of(&secret);
        let content = SlotContent::ApiKey {
            key: key.clone(),
            profile_id: profile.id.clone(),
            base_url: profile.base_url.clone(),
        };
        let slot = self.host.show_once(secret, content);
        let profile_targets = self.host.profiles_on(&profile.base_url).iter().map(profile_ref).collect();
        CreatedKey { slot, secret: revealed, key, profile_targets, can_add_profile: !profile.sandbox, rotation_id }
    }

    /// *Use it for a profile*: the key in the slot becomes a new profile or an existing
    /// profile's key. The webview names the slot; the key never comes back from it.
    pub(crate) async fn use_created_key(&self, slot: &str, target: KeyTarget) -> Result<AppState, IpcError> {
        let (secret, content) = self.host.shown(slot)?;
        let SlotContent::ApiKey { base_url, .. } = content else {
            return Err(ipc_error!(ErrorCode::InvalidInput, "error-slot-not-a-key"));
        };
        match target {
            KeyTarget::NewProfile { name } => {
                let origin = self.profile_on(&base_url)?;
                if origin.sandbox {
                    return Err(ipc_error!(ErrorCode::InvalidInput, "error-sandbox-key-new-profile"));
                }
                self.host.add_profile(NewProfile { name, base_url, api_key: secret }).await
            }
            KeyTarget::ExistingProfile { profile_id } => {
                let profile = self.host.profile(&profile_id)?;
                if profile.base_url != base_url {
                    return Err(ipc_error!(ErrorCode::InvalidInput, "error-key-other-server"));
                }
                self.host.replace_key(&profile.id, secret).await
            }
        }
    }

    fn profile_on(&self, base_url: &str) -> Result<Profile, IpcError> {
        self.host
            .profiles_on(base_url)
            .into_iter()
            .next()
            .ok_or_else(|| ipc_error!(ErrorCode::InvalidInput, "error-key-origin-profile-gone"))
    }

    /// `DELETE /api-keys/{id}`. Profiles of this app that used the key lose access at once:
    /// the active one shows the key-refused state with *Replace key*.
    pub(crate) async fn revoke_api_key(&self, id: &str) -> Result<RevokedKey, IpcError> {
        let id = checked_id(id, KEY_ID_PREFIX)?;
        let (profile, client) = self.active_client().await?;
        let keys = client.list_api_keys().await.map_err(IpcError::from)?;
        let Some(key) = keys.into_iter().find(|k| k.id == id) else {
            return Ok(RevokedKey { key_id: id.to_owned(), already_revoked: true, signed_out: Vec::new() });
        };
        let holders = self.key_holders(&profile.base_url).await;
        let signed_out = Self::users_of(&holders, &key);
        let already_revoked = revoke_allowing_gone(&client, id).await?;
        tracing::info!(profile = %profile.id, key = %id, "API key revoked");
        self.host.after_keys_revoked(&signed_out);
        self.host.announce(&profile.id, &[AccountPart::Keys]);
        for other in &signed_out {
            self.host.announce(&other.id, &[AccountPart::Profile, AccountPart::Balance]);
        }
        Ok(RevokedKey { key_id: id.to_owned(), already_revoked, signed_out })
    }

    /// The key `profile` signs in with, as listed, and the client holding it.
    async fn own_key(
        &self,
        profile: &Profile,
        listed: Option<Vec<ApiKey>>,
    ) -> Result<(Client, SecretString, ApiKey, Vec<ApiKey>), IpcError> {
        let client = self.host.client_for(profile).await?;
        let secret = self.host.key_for(profile).await?;
        let keys = match listed {
            Some(keys) => keys,
            None => client.list_api_keys().await.map_err(IpcError::from)?,
        };
        let own = the_one_key_of(&client, &keys)?;
        Ok((client, secret, own, keys))
    }

    /// The other profiles on `profile`'s server whose stored key is `secret` itself (each
    /// entry read from the keychain and compared whole, in constant time). A profile whose
    /// key cannot be read is left out: it keeps whatever it holds.
    async fn profiles_sharing_key(&self, profile: &Profile, secret: &SecretString) -> Vec<Profile> {
        let others: Vec<Profile> = self
            .host
            .profiles_on(&profile.base_url)
            .into_iter()
            // The sandbox profile's key lives in the embedded sandbox and is never shared.
            .filter(|p| p.id != profile.id && !p.sandbox)
            .collect();
        let mut sharing = Vec::new();
        for other in others {
            match self.host.key_for(&other).await {
                Ok(key) if same_key(&key, secret) => sharing.push(other),
                Ok(_) => {}
                Err(error) => tracing::debug!(profile = %other.id, %error, "key not compared"),
            }
        }
        sharing
    }

    /// Rotates key `key_id` of the active profile's account. Rust decides how: a key this
    /// app holds (in any profile on that server) is replaced in one click, every profile that
    /// held it moved to the new key and named in the report; a key used elsewhere gets the
    /// guided rotation. The key list is fetched once for the whole action.
    pub(crate) async fn rotate_key(&self, key_id: &str) -> Result<KeyRotation, IpcError> {
        let key_id = checked_id(key_id, KEY_ID_PREFIX)?;
        let (active, client) = self.active_client().await?;
        let keys = client.list_api_keys().await.map_err(IpcError::from)?;
        let key = keys.iter().find(|k| k.id == key_id).cloned().ok_or_else(not_found_in_list)?;
        let holders = self.key_holders(&active.base_url).await;
        let users = Self::users_of(&holders, &key);
        let Some(first) = users.first() else {
            return Ok(KeyRotation::Guided {
                created: self.start_guided_rotation(&active, &client, key, &keys).await?,
            });
        };
        // The active profile rotates its own key when it is one of the holders.
        let holder_id = users.iter().find(|p| p.id == active.id).unwrap_or(first).id.clone();
        let profile = self.host.profile(&holder_id)?;
        Ok(KeyRotation::Rotated { report: self.rotate_holder_key(&profile, Some(keys)).await? })
    }

    /// One-click rotation of the key `profile_id` uses: see `rotation` for the steps and how
    /// each failure is undone.
    pub(crate) async fn rotate_profile_key(&self, profile_id: &str) -> Result<RotationReport, IpcError> {
        let profile = self.host.profile(profile_id)?;
        self.rotate_holder_key(&profile, None).await
    }

    /// `keys`: the account's key list when the caller has just fetched it.
    async fn rotate_holder_key(
        &self,
        profile: &Profile,
        keys: Option<Vec<ApiKey>>,
    ) -> Result<RotationReport, IpcError> {
        let _turn = self.state.key_changes.lock().await;
        let (client, secret, own, keys) = self.own_key(profile, keys).await?;
        let sharing = self.profiles_sharing_key(profile, &secret).await;
        let name = unique_key_name(&format!("Zexa Desktop — {} (rotated {})", profile.name, today()), &names(&keys));
        let steps = AppKeySteps::new(self.host, profile, &sharing, client.clone());
        let mut report = rotation::rotate_key(&steps, own, &secret, &name).await;
        tracing::info!(profile = %profile.id, outcome = ?report.outcome, others = sharing.len(), "key rotation");
        for other in &sharing {
            self.host.after_key_replaced(other);
        }
        self.host.after_key_replaced(profile);
        let moved = matches!(report.outcome, RotationOutcome::Rotated | RotationOutcome::OldKeyStillActive);
        if moved && !sharing.is_empty() {
            let also = t!(
                "rotation-other-profiles",
                count = sharing.len(),
                names = quoted_names(sharing.iter().map(|p| p.name.as_str()))
            );
            report.summary = format!("{} {also}", report.summary);
            report.other_profiles = sharing.iter().map(profile_ref).collect();
        }
        let mut changed = vec![profile.id.clone()];
        changed.extend(sharing.iter().map(|p| p.id.clone()));
        for id in changed {
            self.host.announce(&id, &[AccountPart::Keys, AccountPart::Profile, AccountPart::Balance]);
        }
        Ok(report)
    }

    /// Starts the guided rotation of a key used elsewhere: creates the replacement (shown once)
    /// and remembers the rotation until it is finished or cancelled.
    pub(crate) async fn start_key_rotation(&self, key_id: &str) -> Result<CreatedKey, IpcError> {
        let key_id = checked_id(key_id, KEY_ID_PREFIX)?;
        let (profile, client) = self.active_client().await?;
        let keys = client.list_api_keys().await.map_err(IpcError::from)?;
        let old = keys.iter().find(|k| k.id == key_id).cloned().ok_or_else(not_found_in_list)?;
        if !Self::users_of(&self.key_holders(&profile.base_url).await, &old).is_empty() {
            return Err(ipc_error!(ErrorCode::InvalidInput, "error-rotation-own-key"));
        }
        self.start_guided_rotation(&profile, &client, old, &keys).await
    }

    async fn start_guided_rotation(
        &self,
        profile: &Profile,
        client: &Client,
        old: ApiKey,
        keys: &[ApiKey],
    ) -> Result<CreatedKey, IpcError> {
        if let Some(existing) =
            self.state.rotations.for_profile(&profile.id).into_iter().find(|r| r.old_key_id == old.id)
        {
            return Err(ipc_error!(
                ErrorCode::InvalidInput,
                "error-rotation-under-way",
                name = existing.new_key_name.as_str()
            ));
        }
        let name = unique_key_name(&format!("{} (rotated {})", old.name, today()), &names(keys));
        let created = client.create_api_key(&name).await.map_err(IpcError::from)?;
        let new = created.summary();
        let rotation = PendingRotation {
            id: format!("rot_{:016x}", rand::thread_rng().gen::<u64>()),
            profile_id: profile.id.clone(),
            old_key_id: old.id,
            old_key_name: old.name,
            old_key_prefix: old.prefix,
            new_key_id: new.id.clone(),
            new_key_name: new.name.clone(),
            new_key_prefix: new.prefix.clone(),
            started_at: now_rfc3339(),
        };
        let rotation_id = rotation.id.clone();
        self.state.rotations.add(rotation);
        tracing::info!(profile = %profile.id, rotation = %rotation_id, "guided key rotation started");
        self.host.announce(&profile.id, &[AccountPart::Keys]);
        Ok(self.show_created_key(profile, new, created.key, Some(rotation_id)))
    }

    /// Revokes the old key of a guided rotation and forgets the rotation.
    pub(crate) async fn finish_key_rotation(&self, rotation_id: &str) -> Result<RevokedKey, IpcError> {
        let rotation = self.pending_rotation(rotation_id)?;
        let revoked = self.revoke_api_key(&rotation.old_key_id).await?;
        self.state.rotations.remove(rotation_id);
        Ok(revoked)
    }

    /// Forgets a guided rotation. Its new key was shown and works: with `revoke_new_key` it is
    /// revoked first (and the rotation stays pending if that fails); without, the summary says
    /// that it is still active. The old key stays as it is either way.
    pub(crate) async fn cancel_key_rotation(
        &self,
        rotation_id: &str,
        revoke_new_key: bool,
    ) -> Result<CancelledRotation, IpcError> {
        let rotation = self.pending_rotation(rotation_id)?;
        let new_key = t!("key-label", name = rotation.new_key_name.as_str(), prefix = rotation.new_key_prefix.as_str());
        let old_key = t!("key-label", name = rotation.old_key_name.as_str(), prefix = rotation.old_key_prefix.as_str());
        if revoke_new_key {
            let (profile, client) = self.active_client().await?;
            // A profile of this app may have taken the new key (Use it for a profile): revoking
            // it would sign that profile out, so that is left to the key list, which says so.
            let keys = client.list_api_keys().await.map_err(IpcError::from)?;
            if let Some(listed) = keys.iter().find(|k| k.id == rotation.new_key_id) {
                let users = Self::users_of(&self.key_holders(&profile.base_url).await, listed);
                if !users.is_empty() {
                    let names = quoted_names(users.iter().map(|p| p.name.as_str()));
                    return Err(ipc_error!(
                        ErrorCode::InvalidInput,
                        "error-cancel-new-key-in-use",
                        key = label(listed),
                        count = users.len(),
                        names = names,
                    ));
                }
            }
            revoke_allowing_gone(&client, &rotation.new_key_id).await?;
            tracing::info!(profile = %profile.id, key = %rotation.new_key_id, "rotation cancelled, new key revoked");
        }
        self.state.rotations.remove(rotation_id);
        self.host.announce(&rotation.profile_id, &[AccountPart::Keys]);
        let summary = if revoke_new_key {
            t!("rotation-cancelled-new-key-revoked", old_key = old_key, new_key = new_key)
        } else {
            t!("rotation-cancelled-new-key-kept", old_key = old_key, new_key = new_key)
        };
        Ok(CancelledRotation { rotation_id: rotation.id, new_key_revoked: revoke_new_key, summary })
    }

    fn pending_rotation(&self, rotation_id: &str) -> Result<PendingRotation, IpcError> {
        self.state
            .rotations
            .get(rotation_id)
            .filter(|r| self.host.active_profile().is_ok_and(|p| p.id == r.profile_id))
            .ok_or_else(|| ipc_error!(ErrorCode::InvalidInput, "error-rotation-not-pending"))
    }

    /// "I think my account is compromised": a fresh key for this app, every other key revoked.
    pub(crate) async fn lock_down_account(&self) -> Result<LockdownReport, IpcError> {
        let profile = self.host.active_profile()?;
        let _turn = self.state.key_changes.lock().await;
        let (client, secret, own, keys) = self.own_key(&profile, None).await?;
        let name = unique_key_name(&format!("Zexa Desktop — {} (lock-down {})", profile.name, today()), &names(&keys));
        let holders = self.key_holders(&profile.base_url).await;
        // Profiles holding this app's own key move to the fresh key with it, as in a rotation.
        let sharing = self.profiles_sharing_key(&profile, &secret).await;
        let steps = AppKeySteps::new(self.host, &profile, &sharing, client.clone());
        let report = lockdown::lock_down(&steps, keys, own, &secret, &name).await;
        tracing::warn!(profile = %profile.id, revoked = report.revoked.len(), failed = report.failed.len(), "account lock-down");
        let moved = |p: &Profile| report.app_key_replaced && sharing.iter().any(|s| s.id == p.id);
        let others: Vec<ProfileRef> = holders
            .iter()
            .filter(|(p, c)| {
                p.id != profile.id && !moved(p) && report.revoked.iter().any(|k| c.key_has_prefix(&k.prefix))
            })
            .map(|(p, _)| profile_ref(p))
            .collect();
        for other in &others {
            self.host.forget_client(&other.id);
        }
        for other in &sharing {
            self.host.after_key_replaced(other);
        }
        self.host.after_key_replaced(&profile);
        self.host.announce(&profile.id, &ALL_OF_AN_ACCOUNT);
        for other in others.iter().map(|p| p.id.as_str()).chain(sharing.iter().map(|p| p.id.as_str())) {
            self.host.announce(other, &[AccountPart::Profile, AccountPart::Balance, AccountPart::Keys]);
        }
        let mut summary = report.summary.clone();
        if report.app_key_replaced && !sharing.is_empty() {
            let names = quoted_names(sharing.iter().map(|p| p.name.as_str()));
            summary = format!("{} {summary}", t!("rotation-other-profiles", count = sharing.len(), names = names));
        }
        Ok(LockdownReport { signed_out_profiles: others, summary, ..report })
    }
}
