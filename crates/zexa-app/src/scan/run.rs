//! One scan, from the request to the stored result: the keys are read (async: keychain and
//! server), then the engine runs on a blocking thread with progress and Cancel, and the result
//! and its record are kept.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_scan::{Cancel, Control, Options, Progress, Report, Scanner};

use super::estimate::{count_in_background, estimate, Totals};
use super::keys::{self, Owner, ScanHost};
use super::store::ScanRecord;
use super::{ScanPhase, ScanProgress, ScanRequest, ScanState, ScanStatus};
use crate::clock::{format_timestamp, now_utc};
use crate::sync::lock;

/// A scan ready to run: compiled rules and where to look.
pub(crate) struct Prepared {
    pub scanner: Scanner,
    pub owners: Vec<Owner>,
    /// Folders and files to walk (chosen, usual places, shell history files).
    pub paths: Vec<PathBuf>,
    /// Chosen folders that are git repositories, when history was asked for.
    pub repos: Vec<PathBuf>,
    /// The folders as chosen, for the record and the result.
    pub folders: Vec<String>,
    /// A profile's key could not be read: said in the result.
    pub key_problem: Option<IpcError>,
}

/// A scan that ended (finished or cancelled), kept in memory with its secrets (for "Check if it
/// still works"), which never leave Rust.
pub(crate) struct Completed {
    pub scan_id: u32,
    pub report: Report,
    pub owners: Vec<Owner>,
    pub folders: Vec<String>,
    pub finished_at: time::OffsetDateTime,
    /// Fingerprints not in the previous record and not ignored.
    pub new: BTreeSet<String>,
    pub key_problem: Option<IpcError>,
}

/// Checks the request and reads the keys.
pub(crate) async fn prepare<H: ScanHost>(
    host: &H,
    state: &ScanState,
    request: &ScanRequest,
) -> Result<Prepared, IpcError> {
    let mut folders: Vec<String> = Vec::new();
    for folder in &request.folders {
        let folder = folder.trim();
        if !folder.is_empty() && !folders.iter().any(|f| f == folder) {
            folders.push(folder.to_owned());
        }
    }
    let home = std::env::home_dir();
    if folders.is_empty() && !request.usual_places && !request.shell_history {
        return Err(ipc_error!(ErrorCode::InvalidInput, "scan-nothing-chosen"));
    }
    let mut paths: Vec<PathBuf> = Vec::new();
    for folder in &folders {
        let path = PathBuf::from(folder);
        if !path.is_absolute() || !path.exists() {
            return Err(ipc_error!(ErrorCode::InvalidInput, "scan-folder-missing", folder = folder.as_str()));
        }
        paths.push(path);
    }
    if let Some(home) = &home {
        if request.usual_places {
            paths.extend(zexa_scan::usual_places(home));
        }
        if request.shell_history {
            paths.extend(zexa_scan::shell_history_files(home));
        }
    }
    let repos =
        if request.history { paths.iter().filter(|p| p.join(".git").exists()).cloned().collect() } else { Vec::new() };
    let (keys, key_problem) = keys::collect(host, &state.store).await;
    let scanner = Scanner::new(keys.known, keys.account, Options::default());
    let mut all_folders = folders;
    if request.usual_places {
        all_folders.push("~/Desktop, ~/Downloads, ~/Documents".to_owned());
    }
    Ok(Prepared { scanner, owners: keys.owners, paths, repos, folders: all_folders, key_problem })
}

impl ScanState {
    /// Runs the prepared scan here (a blocking thread), publishing progress; stores and returns
    /// the result. A cancelled scan keeps what it found, but no record: its findings are partial.
    pub(crate) fn run_blocking(self: &Arc<Self>, scan_id: u32, cancel: Cancel, prepared: Prepared) -> Arc<Completed> {
        let scheduled = self.status().scheduled;
        let started = Instant::now();
        let totals = count_in_background(prepared.paths.clone(), Options::default().size_cap, cancel.clone());
        let me = self.clone();
        let counted = totals.clone();
        let control = Control::new(cancel.clone()).with_progress(move |progress: &Progress| {
            let progress = progress_view(progress, *lock(&counted), started.elapsed().as_secs_f64());
            me.publish(ScanStatus { scan_id, phase: ScanPhase::Running, progress, scheduled, error: None });
        });
        self.publish(ScanStatus { scan_id, phase: ScanPhase::Running, scheduled, ..self.status() });
        let mut report = prepared.scanner.scan_paths(&prepared.paths, &control);
        for repo in &prepared.repos {
            if cancel.is_cancelled() {
                break;
            }
            match prepared.scanner.scan_history(repo, &control) {
                Ok(history) => report.merge(history),
                Err(error) => report
                    .unreadable
                    .push(zexa_scan::Unreadable { path: repo.display().to_string(), error: error.to_string() }),
            }
        }
        // The count is not needed any longer; a count still walking a large tree stops.
        if !report.cancelled && cancel.is_cancelled() {
            report.cancelled = true;
        }
        cancel.cancel();
        self.finish(scan_id, scheduled, report, prepared, started)
    }

    fn finish(
        &self,
        scan_id: u32,
        scheduled: bool,
        report: Report,
        prepared: Prepared,
        started: Instant,
    ) -> Arc<Completed> {
        let finished_at = now_utc();
        let previous = self.store.last().map(|r| r.fingerprints).unwrap_or_default();
        let new: BTreeSet<String> = report
            .findings
            .iter()
            .filter(|f| !previous.contains(&f.fingerprint) && !self.store.finding_ignored(f))
            .map(|f| f.fingerprint.clone())
            .collect();
        let cancelled = report.cancelled;
        if !cancelled {
            let open = report.findings.iter().filter(|f| !self.store.finding_ignored(f)).count();
            self.store.set_last(ScanRecord {
                finished_at: format_timestamp(finished_at),
                folders: prepared.folders.len() as u32,
                open_findings: open as u32,
                cancelled,
                fingerprints: report.findings.iter().map(|f| f.fingerprint.clone()).collect(),
            });
        }
        let progress = ScanProgress {
            files: clamp(report.files),
            bytes: report.bytes as f64,
            fraction: (!cancelled).then_some(1.0),
            seconds_left: (!cancelled).then_some(0),
            elapsed_seconds: started.elapsed().as_secs() as u32,
            ..ScanProgress::default()
        };
        let completed = Arc::new(Completed {
            scan_id,
            report,
            owners: prepared.owners,
            folders: prepared.folders,
            finished_at,
            new,
            key_problem: prepared.key_problem,
        });
        {
            let mut inner = lock(&self.inner);
            inner.running = None;
            inner.last = Some(completed.clone());
            inner.resolved.clear();
        }
        let phase = if cancelled { ScanPhase::Cancelled } else { ScanPhase::Finished };
        self.publish(ScanStatus { scan_id, phase, progress, scheduled, error: None });
        completed
    }
}

fn clamp(n: u64) -> u32 {
    n.min(u32::MAX as u64) as u32
}

fn progress_view(progress: &Progress, total: Option<Totals>, elapsed: f64) -> ScanProgress {
    let done = Totals { files: progress.files, bytes: progress.bytes };
    let (fraction, seconds_left) = estimate(done, total, elapsed);
    ScanProgress {
        files: clamp(progress.files),
        bytes: progress.bytes as f64,
        folder: folder_of(&progress.folder),
        total_files: total.map(|t| clamp(t.files)),
        total_bytes: total.map(|t| t.bytes as f64),
        fraction,
        seconds_left,
        elapsed_seconds: elapsed as u32,
    }
}

/// The engine reports the folder (or file) being read; the bar shows a folder.
fn folder_of(path: &str) -> String {
    let p = Path::new(path);
    if p.is_file() {
        p.parent().map(|d| d.display().to_string()).unwrap_or_default()
    } else {
        path.to_owned()
    }
}
