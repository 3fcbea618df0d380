//! Native dialogs asked for from Rust (the webview is granted no dialog or file access): where
//! to save a file, and yes/no questions the webview must not be able to answer for the user.
//! Behind a small seam so IPC tests on the mock runtime can answer them.

use std::path::PathBuf;

use tauri::{AppHandle, Runtime};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
use zexa_core::i18n::t;

/// What to ask when saving a file. The title and filter name are the app's words, from the
/// catalogue in its current language (`crates/zexa-i18n/locales/*/dialogs.ftl`).
pub struct SaveRequest<'a> {
    pub title: String,
    pub file_name: &'a str,
    pub filter_name: String,
    pub extensions: &'a [&'a str],
}

type SavePrompt = dyn Fn(&SaveRequest<'_>) -> Option<PathBuf> + Send + Sync;
type ConfirmPrompt = dyn Fn(&str, &str) -> bool + Send + Sync;
/// Folders to scan, by title; empty when the user cancels.
type PickFoldersPrompt = dyn Fn(&str) -> Vec<PathBuf> + Send + Sync;

pub struct NativeDialogs {
    save: Box<SavePrompt>,
    confirm: Box<ConfirmPrompt>,
    pick_folders: Box<PickFoldersPrompt>,
}

impl NativeDialogs {
    pub fn new(
        save: impl Fn(&SaveRequest<'_>) -> Option<PathBuf> + Send + Sync + 'static,
        confirm: impl Fn(&str, &str) -> bool + Send + Sync + 'static,
    ) -> Self {
        Self { save: Box::new(save), confirm: Box::new(confirm), pick_folders: Box::new(|_| Vec::new()) }
    }

    /// How folders are chosen (the scan's *Choose folders…*); without it, none are.
    pub fn with_pick_folders(mut self, pick: impl Fn(&str) -> Vec<PathBuf> + Send + Sync + 'static) -> Self {
        self.pick_folders = Box::new(pick);
        self
    }

    /// The platform's own dialogs (GTK, AppKit, the Windows common dialogs).
    pub fn native<R: Runtime>(app: AppHandle<R>) -> Self {
        let for_confirm = app.clone();
        let for_folders = app.clone();
        Self::new(
            move |request| {
                app.dialog()
                    .file()
                    .set_title(&request.title)
                    .set_file_name(request.file_name)
                    .add_filter(&request.filter_name, request.extensions)
                    .blocking_save_file()
                    .and_then(|path| path.into_path().ok())
            },
            move |title, message| {
                for_confirm
                    .dialog()
                    .message(message)
                    .title(title)
                    .kind(MessageDialogKind::Warning)
                    .buttons(MessageDialogButtons::OkCancelCustom(t!("dialog-env-key-send"), t!("dialog-cancel")))
                    .blocking_show()
            },
        )
        .with_pick_folders(move |title| {
            let mut dialog = for_folders.dialog().file().set_title(title);
            // From the home folder, where projects are, rather than GTK's "Recent" (which lists
            // files, not folders).
            if let Some(home) = std::env::home_dir() {
                dialog = dialog.set_directory(home);
            }
            dialog
                .blocking_pick_folders()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|path| path.into_path().ok())
                .collect()
        })
    }

    /// Where to save; `None` when the user cancels. Blocks: call it off the main thread (async
    /// commands are).
    pub fn ask_where_to_save(&self, request: &SaveRequest<'_>) -> Option<PathBuf> {
        (self.save)(request)
    }

    /// Folders to scan; empty when the user cancels. Blocks like [`NativeDialogs::ask_where_to_save`].
    pub fn pick_folders(&self, title: &str) -> Vec<PathBuf> {
        (self.pick_folders)(title)
    }

    /// A yes/no question; blocks like [`NativeDialogs::ask_where_to_save`].
    pub fn confirm(&self, title: &str, message: &str) -> bool {
        (self.confirm)(title, message)
    }
}
