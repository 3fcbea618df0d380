//! The scan's face (see `scan`): the service lends it the profiles, their keys and clients
//! (`scan::ScanHost`), and the commands reach it through the methods below. The actions on a
//! finding reuse the API key feature's rotation and revoke.

use std::path::PathBuf;
use std::sync::Arc;

use zexa_api::{ApiError, Client};
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::i18n::t;
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;
use zexa_monitor::{Notice, NoticeMessage};

use super::AppService;
use crate::api_keys::{RevokedKey, RotationOutcome, RotationReport};
use crate::clock::now_utc;
use crate::scan::summary::LastScan;
use crate::scan::{
    Completed, FindingKind, KeyCheck, Resolution, ScanHost, ScanRequest, ScanResult, ScanSettings, ScanStatus,
};

/// Folders a scan or the schedule may name.
const MAX_FOLDERS: usize = 50;

impl ScanHost for AppService {
    fn scan_profiles(&self) -> Vec<Profile> {
        self.profiles.profiles()
    }

    async fn scan_key_for(&self, profile: &Profile) -> Result<SecretString, IpcError> {
        self.key_for(profile).await
    }

    async fn scan_client_for(&self, profile: &Profile) -> Result<Client, IpcError> {
        self.client_for(profile).await
    }
}

impl AppService {
    pub fn scan_settings(&self) -> ScanSettings {
        self.scan.store.settings()
    }

    pub fn save_scan_settings(&self, settings: ScanSettings) -> Result<ScanSettings, IpcError> {
        check_folders(&settings.folders)?;
        self.scan.store.set_settings(settings);
        Ok(self.scan_settings())
    }

    pub fn scan_status(&self) -> ScanStatus {
        self.scan.status()
    }

    /// Every change of the scan's status (at most ~10 a second while it runs), for the shell.
    pub fn scan_changes(&self) -> tokio::sync::watch::Receiver<ScanStatus> {
        self.scan.subscribe()
    }

    /// Starts a scan as background work and returns at once; the choice is kept for next time.
    pub fn start_scan(&self, request: ScanRequest) -> Result<ScanStatus, IpcError> {
        check_folders(&request.folders)?;
        let schedule = self.scan.store.settings().schedule;
        self.scan.store.set_settings(ScanSettings {
            folders: request.folders.clone(),
            usual_places: request.usual_places,
            shell_history: request.shell_history,
            history: request.history,
            schedule,
        });
        self.launch_scan(request, false)?;
        Ok(self.scan_status())
    }

    /// Claims the one scan slot and runs the scan: keys read here, the engine on a blocking
    /// thread. The handle gives the result (`None` when it could not start).
    pub(crate) fn launch_scan(
        &self,
        request: ScanRequest,
        scheduled: bool,
    ) -> Result<tokio::task::JoinHandle<Option<Arc<Completed>>>, IpcError> {
        let service = self.me.upgrade().ok_or_else(|| ipc_error!(ErrorCode::Internal, "error-contained-panic"))?;
        let (scan_id, cancel) = self.scan.begin(scheduled)?;
        Ok(self.runtime.spawn(async move {
            let state = service.scan.clone();
            let prepared = match crate::scan::prepare(&*service, &state, &request).await {
                Ok(prepared) => prepared,
                Err(error) => {
                    state.fail(scan_id, error);
                    return None;
                }
            };
            drop(service); // a long scan must not keep the service alive
            let run = state.clone();
            match tokio::task::spawn_blocking(move || run.run_blocking(scan_id, cancel, prepared)).await {
                Ok(completed) => Some(completed),
                Err(error) => {
                    tracing::error!(%error, "the scan failed unexpectedly");
                    state.fail(scan_id, ipc_error!(ErrorCode::Internal, "error-contained-panic"));
                    None
                }
            }
        }))
    }

    pub fn cancel_scan(&self) -> ScanStatus {
        self.scan.cancel();
        self.scan_status()
    }

    /// The last scan's result, `None` before the first one.
    pub fn scan_result(&self) -> Option<ScanResult> {
        let active = self.active_profile().ok().map(|p| p.id);
        self.scan.result(active.as_deref())
    }

    fn current_result(&self) -> Result<ScanResult, IpcError> {
        self.scan_result().ok_or_else(|| ipc_error!(ErrorCode::NotFound, "scan-finding-gone"))
    }

    /// Ignores the finding at every place it was seen (fingerprint and place; never the key).
    pub fn ignore_finding(&self, finding_id: &str) -> Result<ScanResult, IpcError> {
        let (completed, index) = self.scan.finding(finding_id)?;
        self.scan.store.ignore(&completed.report.findings[index]);
        self.refresh_scan_record(&completed);
        self.current_result()
    }

    pub fn stop_ignoring_finding(&self, finding_id: &str) -> Result<ScanResult, IpcError> {
        let (completed, index) = self.scan.finding(finding_id)?;
        self.scan.store.unignore(&completed.report.findings[index]);
        self.refresh_scan_record(&completed);
        self.current_result()
    }

    /// The record's count of open findings follows an ignore (the checkup reads it).
    fn refresh_scan_record(&self, completed: &Completed) {
        if completed.report.cancelled {
            return;
        }
        if let Some(mut record) = self.scan.store.last() {
            record.open_findings =
                completed.report.findings.iter().filter(|f| !self.scan.store.finding_ignored(f)).count() as u32;
            self.scan.store.set_last(record);
        }
    }

    /// "Check if it still works": one `GET /credits` with the key found, from Rust.
    pub async fn check_found_key(&self, finding_id: &str) -> Result<KeyCheck, IpcError> {
        let (completed, index) = self.scan.finding(finding_id)?;
        let finding = &completed.report.findings[index];
        let (kind, _) = crate::scan::view_kind(&completed, finding);
        let secret = finding.secret().ok_or_else(|| ipc_error!(ErrorCode::InvalidInput, "scan-check-own-key"))?;
        let profile = match &kind {
            FindingKind::Account { profile_id, .. } => self.profile(profile_id)?,
            _ => self.active_profile()?,
        };
        let client = self.client_for(&profile).await?;
        let works = match client.with_key(secret.clone()) {
            Err(ApiError::Unauthorized { .. }) => false,
            Err(error) => return Err(error.into()),
            Ok(found) => match found.credits().await {
                Ok(_) => true,
                Err(ApiError::Unauthorized { .. }) => false,
                Err(error) => return Err(error.into()),
            },
        };
        let resolution = if works { Resolution::StillWorks } else { Resolution::DoesNotWork };
        self.scan.resolve(finding_id, resolution);
        let detail = if works {
            t!("scan-check-works", server = profile.base_url.as_str())
        } else {
            t!("scan-check-refused", server = profile.base_url.as_str())
        };
        Ok(KeyCheck { finding_id: finding_id.to_owned(), works, detail })
    }

    /// Rotate: the existing one-click rotation of the profile whose key was found.
    pub async fn rotate_found_key(&self, finding_id: &str) -> Result<RotationReport, IpcError> {
        let (completed, index) = self.scan.finding(finding_id)?;
        let (kind, _) = crate::scan::view_kind(&completed, &completed.report.findings[index]);
        let FindingKind::ThisApp { profile_id, .. } = kind else {
            return Err(ipc_error!(ErrorCode::InvalidInput, "scan-rotate-not-ours"));
        };
        let report = self.rotate_profile_key(&profile_id).await?;
        if matches!(report.outcome, RotationOutcome::Rotated | RotationOutcome::OldKeyStillActive) {
            self.scan.resolve(finding_id, Resolution::Rotated);
        }
        if report.outcome == RotationOutcome::Rotated {
            let base_url = self.profile(&profile_id)?.base_url;
            self.scan.store.note_revoked(&base_url, &report.old_key.id, now_utc());
        }
        Ok(report)
    }

    /// Revoke: the existing revoke, for an account key listed for the active profile.
    pub async fn revoke_found_key(&self, finding_id: &str) -> Result<RevokedKey, IpcError> {
        let (completed, index) = self.scan.finding(finding_id)?;
        let (kind, _) = crate::scan::view_kind(&completed, &completed.report.findings[index]);
        let key = crate::scan::account_key_of(&completed, &completed.report.findings[index]);
        let (FindingKind::Account { profile_id, .. }, Some(key)) = (kind, key) else {
            return Err(ipc_error!(ErrorCode::InvalidInput, "scan-revoke-not-listed"));
        };
        let active = self.active_profile()?;
        if active.id != profile_id {
            let name = self.profile(&profile_id).map(|p| p.name).unwrap_or_default();
            return Err(ipc_error!(ErrorCode::InvalidInput, "scan-revoke-switch", name = name.as_str()));
        }
        let revoked = self.revoke_api_key(&key.key_id).await?;
        self.scan.store.note_revoked(&key.base_url, &key.key_id, now_utc());
        self.scan.resolve(finding_id, Resolution::Revoked);
        Ok(revoked)
    }

    /// The folder holding a place of a finding, for the shell to open with the OS.
    pub fn finding_folder(&self, finding_id: &str, place: u32) -> Result<PathBuf, IpcError> {
        let (completed, index) = self.scan.finding(finding_id)?;
        let finding = &completed.report.findings[index];
        let place =
            finding.places.get(place as usize).ok_or_else(|| ipc_error!(ErrorCode::NotFound, "scan-finding-gone"))?;
        let file = PathBuf::from(&place.file);
        // A place in history is a path inside the repository: its folder there, if it still exists.
        let folder = if file.is_absolute() { file.parent().map(PathBuf::from) } else { None };
        folder.filter(|f| f.is_dir()).ok_or_else(|| ipc_error!(ErrorCode::NotFound, "scan-folder-gone"))
    }

    /// The last finished scan, for the checkup's "No exposed copies of your keys".
    pub fn last_scan(&self) -> Option<LastScan> {
        self.scan.store.last_scan()
    }

    /// The scheduled scan: when one is set and due, it runs now and a new finding raises one
    /// notification. Returns whether a notification was shown.
    pub async fn run_scheduled_scan_if_due(&self) -> bool {
        let settings = self.scan.store.settings();
        let Some(every) = settings.schedule.every() else { return false };
        if settings.folders.is_empty() {
            return false;
        }
        let due = self.scan.store.last_scan().is_none_or(|last| now_utc() - last.finished_at >= every);
        if !due {
            return false;
        }
        let Ok(handle) = self.launch_scan(ScanRequest::from(&settings), true) else { return false };
        let Ok(Some(completed)) = handle.await else { return false };
        let new = self.scan.new_findings(&completed);
        if new.is_empty() || !self.general_settings().notifications_enabled {
            return false;
        }
        let Ok(profile) = self.active_profile() else { return false };
        let message = NoticeMessage {
            profile_id: profile.id.clone(),
            profile_name: profile.name.clone(),
            notice: Notice::ExposedKeys { count: new.len() as u32 },
        };
        match self.monitoring.notifier.notify(&message).await {
            Ok(()) => true,
            Err(error) => {
                tracing::warn!(%error, "the scheduled scan's notification was not shown");
                false
            }
        }
    }
}

fn check_folders(folders: &[String]) -> Result<(), IpcError> {
    if folders.len() > MAX_FOLDERS {
        return Err(ipc_error!(ErrorCode::InvalidInput, "scan-too-many-folders", max = MAX_FOLDERS as i64));
    }
    Ok(())
}
