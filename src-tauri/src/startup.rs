//! Work done once the window exists, off the UI thread: the change feeds forwarded to the
//! windows, masked keys for the profile list, and the credit monitor (the sandbox, when
//! `./dev run` starts the app with no profile, is opened before the window:
//! `AppService::prepare_first_frame`).

use std::sync::Arc;

use tauri::{AppHandle, Manager, Runtime};
use zexa_app::AppService;

use zexa_app::page_events::{account_news, PageEvent};

use crate::tell_page;

/// Set by `./dev run`: with no profile at all, open the embedded sandbox instead of onboarding.
pub const SANDBOX_WHEN_EMPTY_ENV: &str = "ZEXA_SANDBOX_WHEN_EMPTY";

/// `./dev run`'s setting: with no profile, open the embedded sandbox instead of onboarding.
pub fn sandbox_when_empty() -> bool {
    std::env::var(SANDBOX_WHEN_EMPTY_ENV).is_ok_and(|v| v == "1")
}

/// `sandbox_opened`: the embedded sandbox was opened before the window
/// (`AppService::prepare_first_frame`), and its monitor runs already.
pub fn spawn_startup_tasks<R: Runtime>(app: AppHandle<R>, sandbox_opened: bool) {
    forward_state_changes(app.clone());
    forward_account_changes(app.clone());
    forward_scan_changes(app.clone());
    tauri::async_runtime::spawn(async move {
        let service = app.state::<Arc<AppService>>();
        service.load_key_hints().await;
        if sandbox_opened {
            tracing::info!("no profile stored: opened the embedded sandbox"); // it starts its monitor
        } else {
            service.restart_monitor_now().await;
        }
        // The monitor's job first followed the monitor started above; now every job runs.
        service.start_jobs();
    });
}

/// Every state the service publishes goes to the windows as `app-state-changed`.
fn forward_state_changes<R: Runtime>(app: AppHandle<R>) {
    let mut changes = app.state::<Arc<AppService>>().subscribe();
    tauri::async_runtime::spawn(async move {
        while changes.changed().await.is_ok() {
            let state = changes.borrow_and_update().clone();
            tell_page(&app, PageEvent::AppStateChanged(state));
        }
    });
}

/// Every `AccountChanged` the service announces goes to the windows as `account-changed`, with
/// the active profile's new views it names (`zexa_app::page_events::account_news`).
fn forward_account_changes<R: Runtime>(app: AppHandle<R>) {
    let service = Arc::clone(&app.state::<Arc<AppService>>());
    let mut changes = service.account_changes();
    tauri::async_runtime::spawn(async move {
        loop {
            match changes.recv().await {
                Ok(change) => tell_page(&app, PageEvent::AccountChanged(Box::new(account_news(&*service, change)))),
                // Fell behind: the old news is lost, later news still comes.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(missed)) => {
                    tracing::warn!(missed, "account-changed events dropped");
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => break,
            }
        }
    });
}

/// The scan's status goes to the windows as `scan-changed`; the engine already limits progress
/// to one report every 100 ms.
fn forward_scan_changes<R: Runtime>(app: AppHandle<R>) {
    let mut changes = app.state::<Arc<AppService>>().scan_changes();
    tauri::async_runtime::spawn(async move {
        while changes.changed().await.is_ok() {
            let status = changes.borrow_and_update().clone();
            tell_page(&app, PageEvent::ScanChanged(status));
        }
    });
}
