//! The native save dialog, asked for from Rust (the webview is granted no dialog or file
//! access). Kept behind a small seam so IPC tests on the mock runtime can answer it.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::DialogExt;

/// What to ask the user.
pub struct SaveRequest<'a> {
    pub title: &'a str,
    pub file_name: &'a str,
    pub filter_name: &'a str,
    pub extensions: &'a [&'a str],
}

type Prompt = dyn Fn(&SaveRequest<'_>) -> Option<PathBuf> + Send + Sync;

/// Asks where to save a file; `None` when the user cancels.
pub struct SaveDialog(Box<Prompt>);

impl SaveDialog {
    pub fn new(prompt: impl Fn(&SaveRequest<'_>) -> Option<PathBuf> + Send + Sync + 'static) -> Self {
        Self(Box::new(prompt))
    }

    /// The platform's own dialog (GTK, NSSavePanel, the Windows common dialog).
    pub fn native<R: Runtime>(app: AppHandle<R>) -> Self {
        Self::new(move |request| {
            app.dialog()
                .file()
                .set_title(request.title)
                .set_file_name(request.file_name)
                .add_filter(request.filter_name, request.extensions)
                .blocking_save_file()
                .and_then(|path| path.into_path().ok())
        })
    }

    /// Blocks until the user answers: call it off the main thread (async commands are).
    pub fn ask(&self, request: &SaveRequest<'_>) -> Option<PathBuf> {
        (self.0)(request)
    }
}
