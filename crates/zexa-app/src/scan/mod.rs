//! The window's scan for exposed keys (issue 21, docs/scanner.md "In the window"): a scan of
//! chosen folders (and, if asked, the usual places, shell history and the folders' git history)
//! run by `zexa-scan` on a blocking thread, with progress for a bar, Cancel, one scan at a time;
//! its result in memory with an action per finding, and a small record on disk (when, how many
//! folders, how many findings left open, their fingerprints) for the checkup and the scheduled
//! scan. The key material stays in Rust: the window gets fingerprints, masked keys and ids.
//!
//! The feature takes a narrow [`ScanHost`] (profiles, their keys and clients), never the service.

mod estimate;
mod keys;
mod run;
pub mod store;
pub mod summary;
mod view;

use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use specta::Type;
use zexa_core::error::IpcError;
use zexa_scan::Cancel;

pub(crate) use keys::ScanHost;
pub(crate) use run::{prepare, Completed};
pub use store::{ScanStore, SCAN_STATE_FILE};
pub use view::{CommitView, FindingAction, FindingKind, FindingView, PlaceView, ScanResult};

use crate::sync::lock;

/// GitHub's guide to removing a key from a repository's history (also in docs/scanner.md).
pub const REWRITE_HISTORY_URL: &str =
    "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository";

/// What the user chose to scan; kept for the next time and for the scheduled scan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ScanSettings {
    pub folders: Vec<String>,
    /// Also home's Desktop, Downloads and Documents.
    pub usual_places: bool,
    /// Also the shells' history files.
    pub shell_history: bool,
    /// Also every commit of a chosen folder that is a git repository.
    pub history: bool,
    pub schedule: ScanSchedule,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ScanSchedule {
    #[default]
    Off,
    Daily,
    Weekly,
}

impl ScanSchedule {
    /// How long after the last finished scan the scheduled one is due.
    pub fn every(self) -> Option<time::Duration> {
        match self {
            ScanSchedule::Off => None,
            ScanSchedule::Daily => Some(time::Duration::days(1)),
            ScanSchedule::Weekly => Some(time::Duration::days(7)),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ScanPhase {
    Idle,
    /// Reading the keys and the account's key list.
    Preparing,
    Running,
    Finished,
    Cancelled,
    Failed,
}

/// What the progress bar shows. Counts fit a `u32` (the bindings have no 64-bit integers);
/// bytes are a float for the same reason.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Type)]
pub struct ScanProgress {
    pub files: u32,
    pub bytes: f64,
    /// The folder being read.
    pub folder: String,
    /// From the quick count, once it is done; `None` while counting.
    pub total_files: Option<u32>,
    pub total_bytes: Option<f64>,
    /// 0–1, once the count is known.
    pub fraction: Option<f64>,
    /// `None` while estimating.
    pub seconds_left: Option<u32>,
    pub elapsed_seconds: u32,
}

/// The scan's state, sent to the window as `scan-changed` (at most ~10 a second while it runs).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ScanStatus {
    pub scan_id: u32,
    pub phase: ScanPhase,
    pub progress: ScanProgress,
    /// Started by the schedule, not the user.
    pub scheduled: bool,
    pub error: Option<IpcError>,
}

/// What the user asked for when they start a scan.
#[derive(Debug, Clone, Deserialize, Type)]
pub struct ScanRequest {
    pub folders: Vec<String>,
    pub usual_places: bool,
    pub shell_history: bool,
    pub history: bool,
}

impl From<&ScanSettings> for ScanRequest {
    fn from(settings: &ScanSettings) -> Self {
        Self {
            folders: settings.folders.clone(),
            usual_places: settings.usual_places,
            shell_history: settings.shell_history,
            history: settings.history,
        }
    }
}

/// What "Check if it still works" found.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct KeyCheck {
    pub finding_id: String,
    pub works: bool,
    /// A sentence for the user: what it means and what to do.
    pub detail: String,
}

/// An action already taken on a finding of the current result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Resolution {
    Rotated,
    Revoked,
    StillWorks,
    DoesNotWork,
}

/// The feature's own state.
pub(crate) struct ScanState {
    pub(crate) store: ScanStore,
    inner: Mutex<Inner>,
    status: tokio::sync::watch::Sender<ScanStatus>,
}

#[derive(Default)]
struct Inner {
    next_id: u32,
    /// The running scan's cancel switch; `Some` while one runs.
    running: Option<Cancel>,
    last: Option<Arc<Completed>>,
    /// Actions taken on the findings of `last`, by finding id.
    resolved: HashMap<String, Resolution>,
}

pub(crate) fn idle() -> ScanStatus {
    ScanStatus { scan_id: 0, phase: ScanPhase::Idle, progress: ScanProgress::default(), scheduled: false, error: None }
}

impl ScanState {
    pub(crate) fn open(data_dir: Option<&std::path::Path>) -> Self {
        Self {
            store: ScanStore::open(data_dir.map(|dir| dir.join(SCAN_STATE_FILE))),
            inner: Mutex::default(),
            status: tokio::sync::watch::Sender::new(idle()),
        }
    }

    pub(crate) fn status(&self) -> ScanStatus {
        self.status.borrow().clone()
    }

    pub(crate) fn subscribe(&self) -> tokio::sync::watch::Receiver<ScanStatus> {
        self.status.subscribe()
    }

    /// Claims the one scan slot; a second scan while one runs is refused.
    pub(crate) fn begin(&self, scheduled: bool) -> Result<(u32, Cancel), IpcError> {
        let mut inner = lock(&self.inner);
        if inner.running.is_some() {
            return Err(zexa_core::ipc_error!(zexa_core::error::ErrorCode::Conflict, "scan-already-running"));
        }
        inner.next_id += 1;
        let cancel = Cancel::default();
        inner.running = Some(cancel.clone());
        let scan_id = inner.next_id;
        drop(inner);
        self.publish(ScanStatus { scan_id, phase: ScanPhase::Preparing, scheduled, ..idle() });
        Ok((scan_id, cancel))
    }

    /// Cancels the running scan, if any; it stops within one read.
    pub(crate) fn cancel(&self) {
        if let Some(cancel) = &lock(&self.inner).running {
            cancel.cancel();
        }
    }

    /// The scan could not start (no key could be read, say): the slot is free again.
    pub(crate) fn fail(&self, scan_id: u32, error: IpcError) {
        lock(&self.inner).running = None;
        let scheduled = self.status().scheduled;
        self.publish(ScanStatus { scan_id, phase: ScanPhase::Failed, scheduled, error: Some(error), ..idle() });
    }

    fn publish(&self, status: ScanStatus) {
        self.status.send_replace(status);
    }

    pub(crate) fn last(&self) -> Option<Arc<Completed>> {
        lock(&self.inner).last.clone()
    }

    pub(crate) fn resolve(&self, finding_id: &str, resolution: Resolution) {
        lock(&self.inner).resolved.insert(finding_id.to_owned(), resolution);
    }

    fn resolutions(&self) -> HashMap<String, Resolution> {
        lock(&self.inner).resolved.clone()
    }

    /// The window's view of the last result, with ignores and actions taken applied.
    pub(crate) fn result(&self, active_profile: Option<&str>) -> Option<ScanResult> {
        let last = self.last()?;
        Some(view::result(&last, &self.store, &self.resolutions(), active_profile))
    }

    /// The finding `id` of the last result.
    pub(crate) fn finding(&self, id: &str) -> Result<(Arc<Completed>, usize), IpcError> {
        let last = self.last().ok_or_else(not_found)?;
        let index = view::finding_index(&last, id).ok_or_else(not_found)?;
        Ok((last, index))
    }

    /// Fingerprints of `completed`'s findings that the previous record did not have and that are
    /// not ignored: what the scheduled scan notifies about.
    pub(crate) fn new_findings(&self, completed: &Completed) -> BTreeSet<String> {
        completed.new.clone()
    }
}

fn not_found() -> IpcError {
    zexa_core::ipc_error!(zexa_core::error::ErrorCode::NotFound, "scan-finding-gone")
}

#[cfg(test)]
mod tests;

/// Whose key a finding of `completed` is, and its label.
pub(crate) fn view_kind(completed: &Completed, finding: &zexa_scan::Finding) -> (FindingKind, String) {
    view::kind_of(completed, finding)
}

/// The account key a finding is a copy of, if it is one.
pub(crate) fn account_key_of(completed: &Completed, finding: &zexa_scan::Finding) -> Option<store::RememberedKey> {
    match keys::owner_of(&completed.owners, finding) {
        Some(keys::Owner::Account(key)) => Some(key.clone()),
        _ => None,
    }
}
