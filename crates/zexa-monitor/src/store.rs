//! What was notified, per profile, in a small versioned JSON file, so a relaunch does not repeat
//! a notice.
//!
//! ```json
//! {"version": 1, "profiles": {"p1": {"low_notified": true, "zero_notified": false, "revoked_notified": false}}}
//! ```
//!
//! Unlike settings, this file holds nothing the user typed: losing it costs at most one repeated
//! notice. So a corrupt or newer-format file is logged and replaced, never an error that could
//! stop the monitor. Writes are atomic (temp file in the same folder, fsync, rename).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::{Deserialize, Serialize};

use crate::alert::AlertState;

pub const ALERT_STATE_VERSION: u32 = 1;
/// Suggested file name inside the app data folder.
pub const ALERT_STATE_FILE: &str = "credit-alerts.json";

#[derive(Debug, Default, Serialize, Deserialize)]
struct FileFormat {
    version: u32,
    #[serde(default)]
    profiles: BTreeMap<String, AlertState>,
}

#[derive(Debug, thiserror::Error)]
#[error("the credit alert state {} could not be {action}: {source}", path.display())]
pub struct StoreError {
    pub action: &'static str,
    pub path: PathBuf,
    #[source]
    pub source: std::io::Error,
}

/// Shared by every monitor of the app (one file, one entry per profile id).
#[derive(Debug)]
pub struct AlertStore {
    path: Option<PathBuf>,
    profiles: Mutex<BTreeMap<String, AlertState>>,
}

impl AlertStore {
    /// Reads `path` if it exists. A missing, unreadable, corrupt or newer-format file gives an
    /// empty store (with a warning for the last three); the file is rewritten on the next change.
    pub fn open(path: impl Into<PathBuf>) -> Self {
        let path = path.into();
        let profiles = match std::fs::read(&path) {
            Ok(bytes) => match serde_json::from_slice::<FileFormat>(&bytes) {
                Ok(file) if file.version == ALERT_STATE_VERSION => file.profiles,
                Ok(file) => {
                    tracing::warn!(path = %path.display(), version = file.version, "credit alert state has an unknown format version; starting fresh");
                    BTreeMap::new()
                }
                Err(error) => {
                    tracing::warn!(path = %path.display(), %error, "credit alert state is corrupt; starting fresh");
                    BTreeMap::new()
                }
            },
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "credit alert state could not be read; starting fresh");
                BTreeMap::new()
            }
        };
        Self { path: Some(path), profiles: Mutex::new(profiles) }
    }

    /// A store that never touches disk (the app without a data folder, and tests).
    pub fn in_memory() -> Self {
        Self { path: None, profiles: Mutex::default() }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn get(&self, profile_id: &str) -> AlertState {
        self.lock().get(profile_id).copied().unwrap_or_default()
    }

    /// Records the state and writes the file if it changed. On a write failure the state is
    /// still kept in memory (this run will not repeat notices) and the error is returned.
    pub fn set(&self, profile_id: &str, state: AlertState) -> Result<(), StoreError> {
        let mut profiles = self.lock();
        let previous = profiles.insert(profile_id.to_owned(), state);
        if previous == Some(state) || (previous.is_none() && state == AlertState::default()) {
            return Ok(());
        }
        self.write(&profiles)
    }

    /// Drops a removed profile's entry.
    pub fn forget(&self, profile_id: &str) -> Result<(), StoreError> {
        let mut profiles = self.lock();
        if profiles.remove(profile_id).is_none() {
            return Ok(());
        }
        self.write(&profiles)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, AlertState>> {
        // A panic elsewhere while holding the lock leaves the map itself intact.
        self.profiles.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self, profiles: &BTreeMap<String, AlertState>) -> Result<(), StoreError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let error = |action| move |source| StoreError { action, path: path.clone(), source };
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(error("created"))?;
        let file = FileFormat { version: ALERT_STATE_VERSION, profiles: profiles.clone() };
        let json = serde_json::to_vec_pretty(&file).expect("alert state always serializes");
        let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(error("written"))?;
        tmp.write_all(&json).map_err(error("written"))?;
        tmp.as_file().sync_all().map_err(error("written"))?;
        tmp.persist(path).map_err(|e| e.error).map_err(error("replaced"))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOW: AlertState = AlertState { low_notified: true, zero_notified: false, revoked_notified: false };

    fn file_in(dir: &tempfile::TempDir) -> PathBuf {
        dir.path().join("data").join(ALERT_STATE_FILE)
    }

    #[test]
    fn survives_a_reopen_with_a_versioned_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_in(&dir);
        let store = AlertStore::open(&path);
        assert_eq!(store.get("p1"), AlertState::default());
        store.set("p1", LOW).unwrap();
        drop(store);

        let raw: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!(raw["version"], 1);
        assert_eq!(raw["profiles"]["p1"]["low_notified"], true);
        assert_eq!(AlertStore::open(&path).get("p1"), LOW);
    }

    #[test]
    fn corrupt_or_newer_files_start_fresh_and_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_in(&dir);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        for garbage in
            [&b"{\"version\": 1, \"profiles\": {"[..], b"\xff\xfe", br#"{"version": 7, "profiles": {}}"#, b""]
        {
            std::fs::write(&path, garbage).unwrap();
            let store = AlertStore::open(&path);
            assert_eq!(store.get("p1"), AlertState::default());
            store.set("p1", LOW).unwrap();
            assert_eq!(AlertStore::open(&path).get("p1"), LOW);
        }
    }

    #[test]
    fn unchanged_state_is_not_rewritten_and_no_temp_files_remain() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_in(&dir);
        let store = AlertStore::open(&path);
        store.set("p1", AlertState::default()).unwrap();
        assert!(!path.exists(), "a default state for a new profile needs no file");
        store.set("p1", LOW).unwrap();
        let written = std::fs::metadata(&path).unwrap().modified().unwrap();
        std::fs::write(&path, b"sentinel").unwrap();
        store.set("p1", LOW).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"sentinel", "same state must not rewrite");
        store.set("p2", LOW).unwrap();
        let entries: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().collect();
        assert_eq!(entries.len(), 1);
        assert!(std::fs::metadata(&path).unwrap().modified().unwrap() >= written);
    }

    #[test]
    fn forget_removes_only_that_profile() {
        let dir = tempfile::tempdir().unwrap();
        let path = file_in(&dir);
        let store = AlertStore::open(&path);
        store.set("p1", LOW).unwrap();
        store.set("p2", LOW).unwrap();
        store.forget("p1").unwrap();
        let reopened = AlertStore::open(&path);
        assert_eq!((reopened.get("p1"), reopened.get("p2")), (AlertState::default(), LOW));
    }

    #[test]
    fn write_failure_is_reported_but_memory_keeps_the_state() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the folder should be makes every write fail.
        let blocker = dir.path().join("not-a-dir");
        std::fs::write(&blocker, b"").unwrap();
        let store = AlertStore::open(blocker.join(ALERT_STATE_FILE));
        assert!(store.set("p1", LOW).is_err());
        assert_eq!(store.get("p1"), LOW);
    }

    #[test]
    fn in_memory_store_never_writes() {
        let store = AlertStore::in_memory();
        store.set("p1", LOW).unwrap();
        assert_eq!(store.get("p1"), LOW);
        assert!(store.path().is_none());
    }
}
