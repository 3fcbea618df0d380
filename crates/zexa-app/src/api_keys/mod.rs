//! API key management: the list with its badges, a new key shown exactly once, revoke, guided
//! rotation (one click for this app's own key, watched for a key used elsewhere) and the
//! incident lock-down. The rules are in [`rules`], the state machines in [`rotation`] and
//! [`lockdown`]; this module ties them to the active profile, its keychain entry and its client.

mod host;
pub mod lockdown;
pub mod pending;
pub mod rotation;
pub mod rules;
mod service;

pub(crate) use host::KeyHost;
pub(crate) use service::ApiKeys;
mod steps;

use serde::{Deserialize, Serialize};
use specta::Type;
use zexa_api::contract::ApiKey;
use zexa_core::secret::RevealedSecret;

pub use lockdown::{LockdownReport, SUPPORT_EMAIL};
pub use pending::{PendingRotation, RotationStage, RotationStore, ROTATIONS_FILE};
pub use rotation::{RotationOutcome, RotationReport};
pub use rules::{KeyAdvice, KeyBadge, KeyNameProblem};

/// The API key feature's own state.
pub(crate) struct ApiKeysState {
    /// Guided rotations under way, kept across restarts.
    pub(crate) rotations: RotationStore,
    /// Rotations and lock-downs rewrite a profile's key: one at a time.
    pub(crate) key_changes: tokio::sync::Mutex<()>,
}

impl ApiKeysState {
    pub(crate) fn open(data_dir: Option<&std::path::Path>) -> Self {
        Self {
            rotations: RotationStore::open(data_dir.map(|dir| dir.join(ROTATIONS_FILE))),
            key_changes: tokio::sync::Mutex::default(),
        }
    }
}

/// What `rotate_key` did: Rust decides which rotation a key gets.
#[derive(Debug, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KeyRotation {
    /// The key was this app's (one or more profiles held it): replaced in one click.
    Rotated { report: RotationReport },
    /// A key used elsewhere: its replacement is shown once, the old key revoked when the user
    /// has moved their programs over (`finish_key_rotation`).
    Guided { created: CreatedKey },
}

/// A profile of this app, as named on a key row or in a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ProfileRef {
    pub id: String,
    pub name: String,
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ApiKeyRow {
    pub key: ApiKey,
    pub badges: Vec<KeyBadge>,
    /// What the badges suggest doing, if anything (rotate before revoke).
    pub suggestion: Option<KeyAdvice>,
    /// Profiles of this app that sign in with this key (matched in Rust against `prefix`).
    pub used_by: Vec<ProfileRef>,
    /// The pending rotation this key is the old key or the replacement of.
    pub rotation_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RotationView {
    pub rotation: PendingRotation,
    pub stage: RotationStage,
    pub old_key_last_used_at: Option<String>,
    pub new_key_last_used_at: Option<String>,
}

/// The limits the badges and the name check use, for the UI to name them ("older than 90
/// days") without keeping its own copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct KeyRuleLimits {
    pub rotate_after_days: u32,
    pub unused_after_days: u32,
    pub max_name_chars: u32,
}

pub const KEY_RULE_LIMITS: KeyRuleLimits = KeyRuleLimits {
    rotate_after_days: rules::ROTATE_AFTER_DAYS as u32,
    unused_after_days: rules::UNUSED_AFTER_DAYS as u32,
    max_name_chars: zexa_api::contract::MAX_KEY_NAME_CHARS as u32,
};

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ApiKeyList {
    pub profile_id: String,
    pub limits: KeyRuleLimits,
    /// Most recently used first.
    pub keys: Vec<ApiKeyRow>,
    pub rotations: Vec<RotationView>,
    pub fetched_at: String,
}

/// A key just created, with its secret for the shown-once dialog. `slot` names the copy Rust
/// keeps while the dialog is open (for Copy and Use it for a profile).
#[derive(Debug, Serialize, Type)]
pub struct CreatedKey {
    pub slot: String,
    pub secret: RevealedSecret,
    pub key: ApiKey,
    /// Profiles that can take this key as their replacement key (same server).
    pub profile_targets: Vec<ProfileRef>,
    /// Whether it can be stored as a new profile (not for the sandbox's throw-away account).
    pub can_add_profile: bool,
    /// Set when the key was created as the replacement in a guided rotation.
    pub rotation_id: Option<String>,
}

/// Where *Use it for a profile* puts a created key.
#[derive(Debug, Clone, Deserialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum KeyTarget {
    NewProfile { name: String },
    ExistingProfile { profile_id: String },
}

/// How cancelling a guided rotation ended.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct CancelledRotation {
    pub rotation_id: String,
    /// The replacement key was revoked (or was already gone); `false` when the user kept it.
    pub new_key_revoked: bool,
    /// One or two sentences for the user; when the new key was kept, that it still works.
    pub summary: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RevokedKey {
    pub key_id: String,
    /// It was already gone (revoked elsewhere): nothing was left to revoke.
    pub already_revoked: bool,
    /// Profiles of this app that used the key and have now lost access.
    pub signed_out: Vec<ProfileRef>,
}
