//! The keys a scan looks for: every profile's key from the keychain ([`KnownKey`]), and the
//! prefixes of the account's keys ([`AccountKey`]) where the server lists them (`GET /api-keys`
//! is not documented by Zexa: a 404 only means fewer rules). Keys listed once and gone since
//! are kept (see `store`), so a rescan after a rotation says the old key is revoked.

use std::future::Future;

use zexa_api::Client;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::i18n::t;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;
use zexa_scan::{AccountKey, KnownKey};

use super::store::{RememberedKey, ScanStore};
use crate::clock::now_rfc3339;

/// What the scan needs from the app around it, and nothing more.
pub(crate) trait ScanHost: Sync {
    fn scan_profiles(&self) -> Vec<Profile>;
    fn scan_key_for(&self, profile: &Profile) -> impl Future<Output = Result<SecretString, IpcError>> + Send;
    fn scan_client_for(&self, profile: &Profile) -> impl Future<Output = Result<Client, IpcError>> + Send;
}

/// At most this many profiles' keys are read (a locked keychain prompts once per read).
pub(crate) const SCAN_PROFILE_KEYS: usize = 64;

/// Whose key a finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Owner {
    Profile { fingerprint: String, profile_id: String, profile_name: String },
    Account(RememberedKey),
}

pub(crate) struct Keys {
    pub known: Vec<KnownKey>,
    pub account: Vec<AccountKey>,
    pub owners: Vec<Owner>,
}

/// Reads the keys. A profile whose key cannot be read is left out (logged); when not one key
/// could be read and there were profiles, the scan still runs (the other rules find keys) but
/// the first error is returned beside, for the window to say so.
pub(crate) async fn collect<H: ScanHost>(host: &H, store: &ScanStore) -> (Keys, Option<IpcError>) {
    let profiles: Vec<Profile> =
        host.scan_profiles().into_iter().filter(|p| !p.sandbox).take(SCAN_PROFILE_KEYS).collect();
    let mut keys = Keys { known: Vec::new(), account: Vec::new(), owners: Vec::new() };
    let mut problem = None;
    for profile in &profiles {
        match host.scan_key_for(profile).await {
            Ok(secret) => {
                keys.owners.push(Owner::Profile {
                    fingerprint: zexa_scan::fingerprint_of(secret.expose()),
                    profile_id: profile.id.clone(),
                    profile_name: profile.name.clone(),
                });
                keys.known.push(KnownKey { secret, label: t!("cli-scan-your-key", name = profile.name.as_str()) });
            }
            Err(error) => {
                tracing::warn!(profile = %profile.id, code = ?error.code, "a profile's key was not read for the scan");
                let locked = matches!(error.code, ErrorCode::KeychainLocked | ErrorCode::KeychainDenied);
                problem.get_or_insert(error);
                if locked {
                    break; // a locked keychain prompts once, not per profile
                }
            }
        }
    }
    list_account_keys(host, store, &profiles).await;
    for key in store.remembered_keys() {
        if profiles.iter().any(|p| p.base_url == key.base_url) && key.prefix.len() >= 8 {
            let label = account_label(&key);
            keys.account.push(AccountKey { prefix: key.prefix.clone(), label });
            keys.owners.push(Owner::Account(key));
        }
    }
    (keys, problem)
}

/// One listing per server the profiles are on; what is listed is remembered.
async fn list_account_keys<H: ScanHost>(host: &H, store: &ScanStore, profiles: &[Profile]) {
    let mut servers: Vec<&Profile> = Vec::new();
    for profile in profiles {
        if !servers.iter().any(|p| p.base_url == profile.base_url) {
            servers.push(profile);
        }
    }
    for profile in servers {
        let Ok(client) = host.scan_client_for(profile).await else { continue };
        match client.list_api_keys().await {
            Ok(listed) => store.note_listing(&profile.base_url, &profile.id, &listed, &now_rfc3339()),
            // 404 (not offered), 403 (a member): the exact and format rules still run.
            Err(error) => tracing::info!(profile = %profile.id, %error, "account keys not listed for the scan"),
        }
    }
}

pub(crate) fn account_label(key: &RememberedKey) -> String {
    if key.revoked_at.is_some() {
        t!("scan-account-key-revoked", name = key.name.as_str())
    } else {
        t!("scan-account-key", name = key.name.as_str())
    }
}

/// The owner of a finding: a profile by the key's fingerprint, or the account key with the
/// longest listed prefix the found key starts with.
pub(crate) fn owner_of<'a>(owners: &'a [Owner], finding: &zexa_scan::Finding) -> Option<&'a Owner> {
    if let Some(owner) =
        owners.iter().find(|o| matches!(o, Owner::Profile { fingerprint, .. } if *fingerprint == finding.fingerprint))
    {
        return Some(owner);
    }
    let secret = finding.secret()?;
    owners.iter().filter(|o| matches!(o, Owner::Account(key) if secret.expose().starts_with(&key.prefix))).max_by_key(
        |o| match o {
            Owner::Account(key) => key.prefix.len(),
            Owner::Profile { .. } => 0,
        },
    )
}
