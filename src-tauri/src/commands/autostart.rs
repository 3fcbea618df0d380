//! Start at login (see `crate::autostart`): the switch's state is read from the OS every time,
//! and a change answers with the state read back after it.

use tauri::State;
use tauri_plugin_autostart::AutoLaunchManager;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;

use super::Reply;
use crate::autostart::entry_place;

command! {
    /// Whether the start-at-login entry exists.
    pub fn get_autostart(manager: State<'_, AutoLaunchManager>) -> Reply<bool> {
        manager.is_enabled().map_err(|e| not_checked(&e))
    }
}

command! {
    /// Creates or removes the start-at-login entry, then answers whether it exists now.
    pub fn set_autostart(manager: State<'_, AutoLaunchManager>, enabled: bool) -> Reply<bool> {
        let changed = if enabled { manager.enable() } else { manager.disable() };
        changed.map_err(|e| not_changed(enabled, &e))?;
        let now = manager.is_enabled().map_err(|e| not_checked(&e))?;
        tracing::info!(enabled = now, "start at login changed");
        Ok(now)
    }
}

fn not_checked(error: &impl std::fmt::Display) -> IpcError {
    ipc_error!(ErrorCode::Io, "error-autostart-not-checked", detail = error.to_string(), place = entry_place())
}

fn not_changed(enabled: bool, error: &impl std::fmt::Display) -> IpcError {
    let (detail, place) = (error.to_string(), entry_place());
    if enabled {
        ipc_error!(ErrorCode::Io, "error-autostart-not-turned-on", detail = detail, place = place)
    } else {
        ipc_error!(ErrorCode::Io, "error-autostart-not-turned-off", detail = detail, place = place)
    }
}
