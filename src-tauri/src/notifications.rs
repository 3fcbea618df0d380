//! Desktop notifications for the credit monitor, and what a click on one does.

use std::sync::{Arc, OnceLock};

use tauri::{AppHandle, Wry};
use zexa_monitor::{AlertStore, DesktopNotifier, DesktopNotifierOptions, NoticeKind, Notifier, ALERT_STATE_FILE};

use crate::window;

/// The notifier exists before the app does; clicks reach the app once it is connected.
#[derive(Clone, Default)]
pub struct ClickTarget(Arc<OnceLock<AppHandle<Wry>>>);

impl ClickTarget {
    pub fn connect(&self, app: AppHandle<Wry>) {
        let _ = self.0.set(app);
    }
}

/// The app icon as a file, for notification servers that take a path.
fn icon_path() -> String {
    let Some(dir) = zexa_core::paths::data_dir() else { return zexa_core::APP_IDENTIFIER.to_owned() };
    let path = dir.join("notification-icon.png");
    let written =
        std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, include_bytes!("../../icons/128x128.png")));
    match written {
        Ok(()) => path.to_string_lossy().into_owned(),
        Err(_) => zexa_core::APP_IDENTIFIER.to_owned(),
    }
}

pub fn desktop_notifier() -> (Arc<dyn Notifier>, ClickTarget) {
    let target = ClickTarget::default();
    let on_click = target.clone();
    let notifier = DesktopNotifier::new(DesktopNotifierOptions {
        icon: icon_path(),
        desktop_entry: Some("zexa-desktop".into()),
        ..Default::default()
    })
    .on_click(move |click| {
        if let Some(app) = on_click.0.get() {
            match click.kind {
                NoticeKind::NewSignIn => window::show_session(app, &click.profile_id, click.subject),
                NoticeKind::ExposedKeys => window::show_scan(app),
                NoticeKind::SpendSpike => window::show_profile_overview(app, &click.profile_id),
                _ => window::show_overview(app),
            }
        }
    });
    (Arc::new(notifier), target)
}

/// What was already notified, kept across restarts (no secrets in it).
pub fn alert_store() -> Arc<AlertStore> {
    match zexa_core::paths::data_dir() {
        Some(dir) => Arc::new(AlertStore::open(dir.join(ALERT_STATE_FILE))),
        None => Arc::new(AlertStore::in_memory()),
    }
}
