//! Start at login, through tauri-plugin-autostart (used from Rust only: the webview is granted
//! none of the plugin's commands, it calls `get_autostart` / `set_autostart`).
//!
//! The OS's own entry is the setting, so nothing is stored in settings.json and an entry removed
//! by hand (or by a desktop's "Startup Applications" panel) turns the switch off:
//! - Linux: `~/.config/autostart/Zexa Desktop.desktop` (XDG autostart), `Exec=<this binary> --minimized`;
//! - macOS: `~/Library/LaunchAgents/Zexa Desktop.plist` (a Launch Agent);
//! - Windows: a `Zexa Desktop` value under `HKCU\Software\Microsoft\Windows\CurrentVersion\Run`.
//!
//! The entry passes [`START_MINIMIZED_ARG`]: started at login, the app goes straight to the tray
//! (its window hidden, polling and alerts running) instead of opening a window nobody asked for.

use tauri::plugin::TauriPlugin;
use tauri::{AppHandle, Manager, Runtime};

/// The entry's name: the file name on Linux and macOS, the registry value on Windows, and what
/// the desktop's startup list shows.
pub const ENTRY_NAME: &str = "Zexa Desktop";

/// Given by the start-at-login entry: start in the tray, the window hidden.
pub const START_MINIMIZED_ARG: &str = "--minimized";

/// Where the entry lives, for the error messages, in the app's language
/// (`autostart-entry-place` in the catalogue).
pub fn entry_place() -> String {
    let platform = if cfg!(target_os = "macos") {
        "macos"
    } else if cfg!(windows) {
        "windows"
    } else {
        "linux"
    };
    zexa_core::i18n::t!("autostart-entry-place", platform = platform)
}

pub fn plugin<R: Runtime>() -> TauriPlugin<R> {
    tauri_plugin_autostart::Builder::new().app_name(ENTRY_NAME).arg(START_MINIMIZED_ARG).build()
}

/// Whether these command-line arguments (the program name first) ask to start in the tray.
pub fn started_minimized<I, S>(args: I) -> bool
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    args.into_iter().skip(1).any(|arg| arg.as_ref() == START_MINIMIZED_ARG)
}

/// Started at login: hide the main window before its first paint; the tray icon (installed just
/// before) opens it. Launching the app again also brings it forward (single instance).
pub fn hide_if_started_minimized<R: Runtime>(app: &AppHandle<R>) {
    if !started_minimized(std::env::args()) {
        return;
    }
    if let Some(window) = app.get_webview_window(crate::window::MAIN) {
        match window.hide() {
            Ok(()) => tracing::info!("started at login: the window stays hidden, the app is in the tray"),
            Err(error) => tracing::warn!(%error, "started at login, but the window could not be hidden"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_exact_argument_after_the_program_name_starts_minimized() {
        assert!(started_minimized(["/usr/bin/zexa-desktop", "--minimized"]));
        assert!(!started_minimized(["/usr/bin/zexa-desktop"]));
        assert!(!started_minimized(["--minimized"]), "the program's own path is not an argument");
        assert!(!started_minimized(["/usr/bin/zexa-desktop", "--minimized=no", "-m"]));
    }
}
