//! Secrets shown once (a new key, backup codes, a setup key): copying them through Rust's
//! clipboard, which clears itself, and dropping them when their dialog closes.

use std::sync::Arc;

use tauri::State;
use zexa_app::clipboard::CopyReceipt;
use zexa_app::AppService;

use super::Reply;

command! {
    pub fn copy_secret(service: State<'_, Arc<AppService>>, slot: String) -> Reply<CopyReceipt> {
        service.copy_shown_secret(&slot)
    }
}

command! {
    /// The dialog closed: Rust drops (and zeroizes) its copy; the secret cannot be shown again.
    pub fn forget_secret(service: State<'_, Arc<AppService>>, slot: String) -> Reply<()> {
        service.forget_shown_secret(&slot);
        Ok(())
    }
}
