//! The guided manual rotation, for a server that does not offer key creation to apps (Zexa's
//! documented API has only `GET /credits`): the user creates the new key on the dashboard and
//! pastes it here; the app checks it, stores it and switches the profile to it, then guides the
//! revocation of the old key on the dashboard and verifies it (`GET /credits` with the old key
//! answers `401`).
//!
//! The old key is kept in memory only, for the flow ([`ManualRotationState::old_keys`], zeroized
//! when dropped), never persisted. What is persisted is the reminder that an old key still has
//! to be revoked, without the secret: the prefix the dashboard lists it by and when it was
//! replaced. After a restart the old key is gone, so the app cannot verify any more: the user
//! says "I revoked it" instead. The rules are in [`rules`], the steps in [`flow`].

mod flow;
mod host;
pub mod rules;

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use specta::Type;
use zexa_core::secret::SecretString;
use zexa_core::state_file::StateFile;

use crate::sync::lock;

pub(crate) use flow::ManualRotation;
pub(crate) use host::RotationHost;

pub const MANUAL_ROTATIONS_FILE: &str = "manual-rotations.json";
const MANUAL_ROTATIONS_VERSION: u32 = 1;

/// Where a profile's manual rotation stands, for the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ManualRotationView {
    pub profile_id: String,
    pub profile_name: String,
    /// The guided flow applies: the profile's server does not offer key creation to apps.
    pub available: bool,
    /// The key is older than `rotate_after_days` (counted from when this app stored it).
    pub due: bool,
    /// When this app stored or rotated the key (RFC 3339), if it noted it.
    pub key_stored_at: Option<String>,
    pub key_age_days: Option<u32>,
    /// The rotation period of the API keys' "older than" badge.
    pub rotate_after_days: u32,
    /// The name to give the new key on the dashboard (step 2).
    pub suggested_key_name: String,
    /// Set from the moment the new key is in use until the old one is known to be revoked.
    pub pending: Option<PendingRevocation>,
}

/// An old key still to revoke on the dashboard (step 4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct PendingRevocation {
    /// The start of the old key, to find it in the dashboard's list ("zx_test_AbCd…").
    pub old_key_prefix: String,
    /// When the new key replaced it (RFC 3339).
    pub replaced_at: String,
    /// The old key is still in memory, so the app can check that it no longer works. After a
    /// restart it is gone and the user confirms the revocation themselves.
    pub can_verify: bool,
    /// When a check last found the old key still working (RFC 3339).
    pub still_worked_at: Option<String>,
}

/// What a check of the old key found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RevocationOutcome {
    /// `401`: the old key no longer works. The rotation is finished.
    Revoked,
    /// The old key still works: it has not been revoked yet.
    StillWorks,
    /// The old key is no longer in memory (the app restarted): only the user can tell.
    CannotCheck,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RevocationCheck {
    pub outcome: RevocationOutcome,
    pub rotation: ManualRotationView,
}

/// The persisted reminder: no secret in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Reminder {
    old_key_prefix: String,
    replaced_at: i64,
    still_worked_at: Option<i64>,
}

/// The feature's own state: the reminders (kept across restarts) and the old keys (memory only).
pub(crate) struct ManualRotationState {
    file: StateFile<BTreeMap<String, Reminder>>,
    reminders: Mutex<BTreeMap<String, Reminder>>,
    /// The old key of each rotation under way, for the verification; dropped (and zeroized) when
    /// the rotation finishes, the profile goes or the app quits.
    old_keys: Mutex<HashMap<String, SecretString>>,
    /// A manual rotation rewrites a profile's key: one at a time.
    pub(crate) key_changes: tokio::sync::Mutex<()>,
}

impl ManualRotationState {
    pub(crate) fn open(data_dir: Option<&std::path::Path>) -> Self {
        let file = StateFile::new(data_dir.map(|dir| dir.join(MANUAL_ROTATIONS_FILE)), MANUAL_ROTATIONS_VERSION);
        let reminders = Mutex::new(file.load());
        Self { file, reminders, old_keys: Mutex::default(), key_changes: tokio::sync::Mutex::default() }
    }

    fn reminder(&self, profile_id: &str) -> Option<Reminder> {
        lock(&self.reminders).get(profile_id).cloned()
    }

    fn old_key(&self, profile_id: &str) -> Option<SecretString> {
        lock(&self.old_keys).get(profile_id).cloned()
    }

    /// The new key is in use: remember to revoke the old one.
    fn begin(&self, profile_id: &str, old_key: SecretString, now: i64) {
        let reminder =
            Reminder { old_key_prefix: rules::shown_prefix(&old_key), replaced_at: now, still_worked_at: None };
        lock(&self.old_keys).insert(profile_id.to_owned(), old_key);
        let mut reminders = lock(&self.reminders);
        reminders.insert(profile_id.to_owned(), reminder);
        self.save(&reminders);
    }

    fn still_worked(&self, profile_id: &str, at: i64) {
        let mut reminders = lock(&self.reminders);
        if let Some(reminder) = reminders.get_mut(profile_id) {
            reminder.still_worked_at = Some(at);
            self.save(&reminders);
        }
    }

    /// The old key is revoked: the reminder and the key in memory go.
    fn finish(&self, profile_id: &str) {
        lock(&self.old_keys).remove(profile_id);
        let mut reminders = lock(&self.reminders);
        if reminders.remove(profile_id).is_some() {
            self.save(&reminders);
        }
    }

    /// Profiles with an old key still to revoke.
    pub(crate) fn pending_profiles(&self) -> Vec<String> {
        lock(&self.reminders).keys().cloned().collect()
    }

    fn save(&self, reminders: &BTreeMap<String, Reminder>) {
        // Losing the file costs a reminder, never a key: a warning, not an error.
        if let Err(error) = self.file.save(reminders) {
            tracing::warn!(%error, "manual rotation reminders not saved");
        }
    }
}

impl crate::profiles::ProfileScoped for ManualRotationState {
    fn forget_profile(&self, profile_id: &str) {
        self.finish(profile_id);
    }
}
