//! Where the app keeps its files, matching the folders Tauri's path resolver uses
//! (`app_config_dir`, `app_log_dir`), so that a Tauri-free test and the app agree.

use std::path::PathBuf;

use crate::APP_IDENTIFIER;

/// `$XDG_CONFIG_HOME/ao.zexa.desktop` on Linux, `~/Library/Application Support/…` on macOS,
/// `%APPDATA%\…` on Windows.
pub fn config_dir() -> Option<PathBuf> {
    dirs::config_dir().map(|dir| dir.join(APP_IDENTIFIER))
}

/// `$XDG_DATA_HOME/ao.zexa.desktop/logs` on Linux, `~/Library/Logs/…` on macOS,
/// `%LOCALAPPDATA%\…\logs` on Windows.
pub fn log_dir() -> Option<PathBuf> {
    if cfg!(target_os = "macos") {
        dirs::home_dir().map(|home| home.join("Library/Logs").join(APP_IDENTIFIER))
    } else {
        dirs::data_local_dir().map(|dir| dir.join(APP_IDENTIFIER).join("logs"))
    }
}

/// `$XDG_DATA_HOME/ao.zexa.desktop` on Linux, `~/Library/Application Support/…` on macOS,
/// `%LOCALAPPDATA%\…` on Windows: non-secret state such as which alerts were already shown.
pub fn data_dir() -> Option<PathBuf> {
    dirs::data_local_dir().map(|dir| dir.join(APP_IDENTIFIER))
}

/// `$XDG_CACHE_HOME/ao.zexa.desktop` on Linux (WebKit keeps its caches under the identifier).
pub fn cache_dir() -> Option<PathBuf> {
    dirs::cache_dir().map(|dir| dir.join(APP_IDENTIFIER))
}

/// Files the process creates from now on are owner-only (`umask 077` on Unix): settings, logs,
/// state files, the history database and WebKit's storage, in this process and the web
/// processes it starts. On Windows and macOS the per-user folders are private already.
pub fn restrict_new_files_to_owner() {
    #[cfg(unix)]
    // SAFETY: umask only changes the process's file-creation mask; it cannot fail.
    unsafe {
        libc::umask(0o077);
    }
}

/// The app's own folders (config, data, logs, cache) exist and are owner-only (0700 on Unix),
/// including when an earlier version created them readable by others.
pub fn secure_app_dirs() {
    for dir in [config_dir(), data_dir(), log_dir(), cache_dir()].into_iter().flatten() {
        if let Err(error) = create_private_dir(&dir) {
            tracing::warn!(dir = %dir.display(), %error, "app folder not created");
            continue;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if let Err(error) = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)) {
                tracing::warn!(dir = %dir.display(), %error, "app folder not made owner-only");
            }
        }
    }
}

/// Creates `dir` and any missing parents owner-only (0700 on Unix); an existing folder is left
/// as it is, since it may be shared (e.g. `~/.local/share`).
pub fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}
