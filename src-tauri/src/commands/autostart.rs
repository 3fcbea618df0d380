//! Start at login (see `crate::autostart`): the switch's state is read from the OS every time,
//! and a change answers with the state read back after it.

use tauri::State;
use tauri_plugin_autostart::AutoLaunchManager;
use zexa_app::containment::contained_sync;
use zexa_core::error::{ErrorCode, IpcError};

use super::Reply;
use crate::autostart::ENTRY_PLACE;

/// Whether the start-at-login entry exists.
#[tauri::command]
#[specta::specta]
pub fn get_autostart(manager: State<'_, AutoLaunchManager>) -> Reply<bool> {
    contained_sync("get_autostart", || manager.is_enabled().map_err(|e| not_checked(&e)))
}

/// Creates or removes the start-at-login entry, then answers whether it exists now.
#[tauri::command]
#[specta::specta]
pub fn set_autostart(manager: State<'_, AutoLaunchManager>, enabled: bool) -> Reply<bool> {
    contained_sync("set_autostart", || {
        let changed = if enabled { manager.enable() } else { manager.disable() };
        changed.map_err(|e| not_changed(enabled, &e))?;
        let now = manager.is_enabled().map_err(|e| not_checked(&e))?;
        tracing::info!(enabled = now, "start at login changed");
        Ok(now)
    })
}

fn not_checked(error: &impl std::fmt::Display) -> IpcError {
    IpcError::new(
        ErrorCode::Io,
        format!(
            "Whether Zexa Desktop starts at login could not be checked ({error}). \
             Check that {ENTRY_PLACE} can be read, then open Settings again."
        ),
    )
}

fn not_changed(enabled: bool, error: &impl std::fmt::Display) -> IpcError {
    let message = if enabled {
        format!(
            "Start at login could not be turned on ({error}). \
             Check that {ENTRY_PLACE} can be written to, then try again."
        )
    } else {
        format!(
            "Start at login could not be turned off ({error}). \
             Try again, or remove the “Zexa Desktop” entry from {ENTRY_PLACE} yourself."
        )
    };
    IpcError::new(ErrorCode::Io, message)
}
