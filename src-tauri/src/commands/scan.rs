//! The scan for exposed keys (issue 21). See `zexa_app::scan` and docs/scanner.md. The webview
//! names findings by id: it never gets a key, a generic file-open or a dialog capability; the
//! folder picker and "Show in folder" run here.

use std::sync::Arc;

use tauri::State;
use zexa_app::api_keys::{RevokedKey, RotationReport};
use zexa_app::scan::{KeyCheck, ScanRequest, ScanResult, ScanSettings, ScanStatus};
use zexa_app::AppService;
use zexa_core::error::ErrorCode;
use zexa_core::i18n::t;
use zexa_core::ipc_error;

use super::Reply;
use crate::native_dialogs::NativeDialogs;

command! {
    /// The native folder picker (several folders at once); empty when the user cancelled.
    pub async fn pick_scan_folders(dialogs: State<'_, NativeDialogs>) -> Reply<Vec<String>> {
        let folders = dialogs.pick_folders(&t!("dialog-scan-folders-title"));
        Ok(folders.into_iter().map(|path| path.display().to_string()).collect())
    }
}

command! {
    pub fn get_scan_settings(service: State<'_, Arc<AppService>>) -> Reply<ScanSettings> {
        Ok(service.scan_settings())
    }
}

command! {
    pub fn save_scan_settings(service: State<'_, Arc<AppService>>, settings: ScanSettings) -> Reply<ScanSettings> {
        service.save_scan_settings(settings)
    }
}

command! {
    /// Starts a scan in the background; progress comes as `scan-changed`.
    pub fn start_scan(service: State<'_, Arc<AppService>>, request: ScanRequest) -> Reply<ScanStatus> {
        service.start_scan(request)
    }
}

command! {
    pub fn cancel_scan(service: State<'_, Arc<AppService>>) -> Reply<ScanStatus> {
        Ok(service.cancel_scan())
    }
}

command! {
    pub fn get_scan_status(service: State<'_, Arc<AppService>>) -> Reply<ScanStatus> {
        Ok(service.scan_status())
    }
}

command! {
    /// The last scan's result; `null` before the first.
    pub fn get_scan_result(service: State<'_, Arc<AppService>>) -> Reply<Option<ScanResult>> {
        Ok(service.scan_result())
    }
}

command! {
    pub fn ignore_finding(service: State<'_, Arc<AppService>>, finding_id: String) -> Reply<ScanResult> {
        service.ignore_finding(&finding_id)
    }
}

command! {
    pub fn stop_ignoring_finding(service: State<'_, Arc<AppService>>, finding_id: String) -> Reply<ScanResult> {
        service.stop_ignoring_finding(&finding_id)
    }
}

command! {
    /// One `GET /credits` with the key found; the key stays in Rust.
    pub async fn check_found_key(service: State<'_, Arc<AppService>>, finding_id: String) -> Reply<KeyCheck> {
        service.check_found_key(&finding_id).await
    }
}

command! {
    pub async fn rotate_found_key(service: State<'_, Arc<AppService>>, finding_id: String) -> Reply<RotationReport> {
        service.rotate_found_key(&finding_id).await
    }
}

command! {
    pub async fn revoke_found_key(service: State<'_, Arc<AppService>>, finding_id: String) -> Reply<RevokedKey> {
        service.revoke_found_key(&finding_id).await
    }
}

command! {
    /// Opens the folder holding one place of a finding in the system's file manager.
    pub fn show_finding_folder(service: State<'_, Arc<AppService>>, finding_id: String, place: u32) -> Reply<()> {
        let folder = service.finding_folder(&finding_id, place)?;
        open::that_detached(&folder)
            .map_err(|e| ipc_error!(ErrorCode::Io, "error-folder-not-opened", detail = e.to_string()))
    }
}

command! {
    /// GitHub's guide to removing a key from git history, in the system browser (a fixed
    /// address: the webview cannot make the app open another).
    pub fn open_rewrite_history_guide() -> Reply<()> {
        super::app::open_external(zexa_app::scan::REWRITE_HISTORY_URL)
    }
}
