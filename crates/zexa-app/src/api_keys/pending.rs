//! Guided rotation of a key used elsewhere (a customer's server): the app creates the
//! replacement and shows it once, the user deploys it, and the app watches both keys' *last
//! used* until the new key is in use and the old one has gone quiet; then it offers to revoke
//! the old key. A rotation is remembered across restarts until it is finished or cancelled.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use specta::Type;
use zexa_api::contract::ApiKey;
use zexa_core::state_file::StateFile;

use crate::clock::parse_timestamp;
use crate::sync::lock;

pub const ROTATIONS_FILE: &str = "key-rotations.json";
const ROTATIONS_VERSION: u32 = 1;

/// A rotation in progress. Holds ids, names and prefixes only: never a secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct PendingRotation {
    pub id: String,
    pub profile_id: String,
    pub old_key_id: String,
    pub old_key_name: String,
    pub old_key_prefix: String,
    pub new_key_id: String,
    pub new_key_name: String,
    pub new_key_prefix: String,
    pub started_at: String,
}

/// Where a rotation stands, from both keys' *last used*.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum RotationStage {
    /// The new key has not been used yet: deploy it.
    WaitingForNewKey,
    /// Both keys are in use: the old one was used after the new one.
    BothInUse,
    /// The new key is in use and the old one has not been used since: revoke the old key.
    ReadyToRevokeOld,
    /// The replacement was revoked: the rotation cannot finish; cancel it.
    NewKeyGone,
}

/// `None` when the old key is gone (revoked elsewhere): the rotation is over.
pub fn rotation_stage(old: Option<&ApiKey>, new: Option<&ApiKey>) -> Option<RotationStage> {
    let old = old?;
    let Some(new) = new else { return Some(RotationStage::NewKeyGone) };
    let used = |k: &ApiKey| k.last_used_at.as_deref().and_then(parse_timestamp);
    Some(match (used(old), used(new)) {
        (_, None) => RotationStage::WaitingForNewKey,
        (Some(old_used), Some(new_used)) if old_used >= new_used => RotationStage::BothInUse,
        _ => RotationStage::ReadyToRevokeOld,
    })
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Rotations {
    rotations: BTreeMap<String, PendingRotation>,
}

/// Every pending rotation of every profile, in a small state file in the data folder.
pub struct RotationStore {
    file: StateFile<Rotations>,
    current: Mutex<Rotations>,
}

impl RotationStore {
    pub fn open(path: Option<PathBuf>) -> Self {
        let file = StateFile::new(path, ROTATIONS_VERSION);
        let current = Mutex::new(file.load());
        Self { file, current }
    }

    pub fn in_memory() -> Self {
        Self::open(None)
    }

    pub fn for_profile(&self, profile_id: &str) -> Vec<PendingRotation> {
        lock(&self.current).rotations.values().filter(|r| r.profile_id == profile_id).cloned().collect()
    }

    pub fn get(&self, id: &str) -> Option<PendingRotation> {
        lock(&self.current).rotations.get(id).cloned()
    }

    pub fn add(&self, rotation: PendingRotation) {
        self.change(|r| {
            r.rotations.insert(rotation.id.clone(), rotation);
        });
    }

    pub fn remove(&self, id: &str) {
        self.change(|r| {
            r.rotations.remove(id);
        });
    }

    fn forget_rotations_of(&self, profile_id: &str) {
        self.change(|r| r.rotations.retain(|_, rotation| rotation.profile_id != profile_id));
    }

    fn change(&self, edit: impl FnOnce(&mut Rotations)) {
        let mut current = lock(&self.current);
        edit(&mut current);
        // Losing this file costs a reminder, never a key: a failed write is logged, not fatal.
        if let Err(error) = self.file.save(&current) {
            tracing::warn!(%error, "pending key rotations not saved");
        }
    }
}

impl crate::profiles::ProfileScoped for RotationStore {
    fn forget_profile(&self, profile_id: &str) {
        self.forget_rotations_of(profile_id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profiles::ProfileScoped;

    fn key(id: &str, used: Option<&str>) -> ApiKey {
        ApiKey {
            id: id.into(),
            name: id.into(),
            prefix: format!("zx_{id}"),
            created_at: "2026-11-01T00:00:00Z".into(),
            last_used_at: used.map(Into::into),
        }
    }

    #[test]
    fn the_stage_follows_both_keys_last_use() {
        use RotationStage::*;
        let old_now = key("old", Some("2026-11-25T12:00:00Z"));
        let old_before = key("old", Some("2026-11-25T11:00:00Z"));
        let old_never = key("old", None);
        let new_unused = key("new", None);
        let new_used = key("new", Some("2026-11-25T11:30:00Z"));
        assert_eq!(rotation_stage(Some(&old_now), Some(&new_unused)), Some(WaitingForNewKey));
        assert_eq!(rotation_stage(Some(&old_now), Some(&new_used)), Some(BothInUse));
        assert_eq!(rotation_stage(Some(&old_before), Some(&new_used)), Some(ReadyToRevokeOld));
        assert_eq!(rotation_stage(Some(&old_never), Some(&new_used)), Some(ReadyToRevokeOld));
        assert_eq!(rotation_stage(Some(&old_now), None), Some(NewKeyGone));
        assert_eq!(rotation_stage(None, Some(&new_used)), None);
    }

    fn rotation(id: &str, profile: &str) -> PendingRotation {
        PendingRotation {
            id: id.into(),
            profile_id: profile.into(),
            old_key_id: "key_old".into(),
            old_key_name: "Production server".into(),
            old_key_prefix: "zx_test_abcd".into(),
            new_key_id: "key_new".into(),
            new_key_name: "Production server (rotated 2026-11-25)".into(),
            new_key_prefix: "zx_test_efgh".into(),
            started_at: "2026-11-25T12:00:00Z".into(),
        }
    }

    #[test]
    fn rotations_survive_a_restart_until_finished() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(ROTATIONS_FILE);
        let store = RotationStore::open(Some(path.clone()));
        store.add(rotation("rot_1", "prof_a"));
        store.add(rotation("rot_2", "prof_b"));

        let reopened = RotationStore::open(Some(path.clone()));
        assert_eq!(reopened.for_profile("prof_a"), [rotation("rot_1", "prof_a")]);
        reopened.remove("rot_1");
        reopened.forget_profile("prof_b");
        assert!(RotationStore::open(Some(path)).for_profile("prof_a").is_empty());
        assert!(reopened.get("rot_2").is_none());
    }
}
