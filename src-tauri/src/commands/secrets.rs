//! Secrets shown once (a new key, backup codes, a setup key): copying them through Rust's
//! clipboard, which clears itself, and dropping them when their dialog closes.

use std::sync::Arc;

use tauri::State;
use zexa_app::clipboard::CopyReceipt;
use zexa_app::AppService;

use super::Reply;
use zexa_app::containment::contained_sync;

#[tauri::command]
#[specta::specta]
pub fn copy_secret(service: State<'_, Arc<AppService>>, slot: String) -> Reply<CopyReceipt> {
    contained_sync("copy_secret", || service.copy_shown_secret(&slot))
}

/// The dialog closed: Rust drops (and zeroizes) its copy; the secret cannot be shown again.
#[tauri::command]
#[specta::specta]
pub fn forget_secret(service: State<'_, Arc<AppService>>, slot: String) -> Reply<()> {
    contained_sync("forget_secret", || {
        service.forget_shown_secret(&slot);
        Ok(())
    })
}
