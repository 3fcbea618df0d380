//! Where a key typed in a terminal stays: the shells' history files, and the folders a window
//! offers to scan first.

use std::path::{Path, PathBuf};

/// History files of the usual shells and REPLs, relative to the home folder.
const HISTORY_FILES: [&str; 10] = [
    ".bash_history",
    ".zsh_history",
    ".zhistory",
    ".sh_history",
    ".history",
    ".local/share/fish/fish_history",
    ".python_history",
    ".node_repl_history",
    // PowerShell (PSReadLine) on Windows, and on macOS/Linux.
    "AppData/Roaming/Microsoft/Windows/PowerShell/PSReadLine/ConsoleHost_history.txt",
    ".local/share/powershell/PSReadLine/ConsoleHost_history.txt",
];

/// The history files under `home` that exist.
pub fn shell_history_files(home: &Path) -> Vec<PathBuf> {
    HISTORY_FILES.iter().map(|file| home.join(file)).filter(|path| path.is_file()).collect()
}

/// The folders where downloaded and copied projects pile up, that exist under `home`.
pub fn usual_places(home: &Path) -> Vec<PathBuf> {
    ["Desktop", "Downloads", "Documents"].iter().map(|folder| home.join(folder)).filter(|path| path.is_dir()).collect()
}
