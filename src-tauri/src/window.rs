//! The main window's behaviour: close to tray, refresh on focus when the figure is stale, brought forward by a second
//! launch, a tray item or a notification click.

use std::sync::Arc;

use tauri::{AppHandle, Manager, Runtime, WebviewWindowBuilder, Window, WindowEvent};
use zexa_app::view::Balance;
use zexa_app::AppService;

use zexa_app::page_events::{Navigate, PageEvent};

pub const MAIN: &str = "main";

/// Builds the main window from its entry in `tauri.conf.json` (marked `"create": false` there
/// so that Tauri does not build it first without handlers), with the boundary of
/// [`crate::boundary`]: no navigation away from the app's own page, no new window.
/// `fresh_balance`: the embedded sandbox's figure, asked for before the window.
pub fn create_main<R: Runtime>(app: &AppHandle<R>, fresh_balance: Option<Balance>) -> tauri::Result<()> {
    let config = app.config();
    let Some(main) = config.app.windows.iter().find(|w| w.label == MAIN) else {
        return Err(tauri::Error::WindowNotFound);
    };
    let allowed = crate::boundary::allowed_origins(config.build.dev_url.as_ref());
    // The first frame's state and last known (or the sandbox's fresh) balance, before the
    // page's scripts run: no IPC round trip before a number is on screen
    // (zexa_app::first_frame; no secret in it).
    let first_frame = app.state::<Arc<AppService>>().first_frame_script(fresh_balance);
    let builder = WebviewWindowBuilder::from_config(app, main)?.initialization_script(first_frame);
    let window = crate::boundary::guard(builder, allowed).build()?;
    crate::webview_tuning::tune(&window);
    Ok(())
}

pub fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(window) = app.get_webview_window(MAIN) {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// From the scheduled scan's notification: the window, on the scan for exposed keys.
pub fn show_scan<R: Runtime>(app: &AppHandle<R>) {
    show_main(app);
    crate::tell_page(app, PageEvent::Navigate(Navigate { section: "scan".into(), highlight: None }));
}

/// From a notification click: the window, on the Overview.
pub fn show_overview<R: Runtime>(app: &AppHandle<R>) {
    show_main(app);
    crate::tell_page(app, PageEvent::Navigate(Navigate { section: "overview".into(), highlight: None }));
}

/// From a spending alert: the notified profile's Overview, where the spend card names the rate
/// and offers what to do (the alert may be about a profile other than the active one).
pub fn show_profile_overview<R: Runtime>(app: &AppHandle<R>, profile_id: &str) {
    let service = app.state::<Arc<AppService>>();
    if service.app_state().active_profile_id.as_deref() != Some(profile_id) {
        if let Err(error) = service.switch_profile(profile_id) {
            tracing::warn!(%error, "notified profile not opened");
        }
    }
    show_overview(app);
}

/// From a new sign-in notification: the notified profile's Sessions, with that session's row
/// highlighted.
pub fn show_session<R: Runtime>(app: &AppHandle<R>, profile_id: &str, session_id: Option<String>) {
    let service = app.state::<Arc<AppService>>();
    if service.app_state().active_profile_id.as_deref() != Some(profile_id) {
        if let Err(error) = service.switch_profile(profile_id) {
            tracing::warn!(%error, "notified profile not opened");
        }
    }
    show_main(app);
    crate::tell_page(app, PageEvent::Navigate(Navigate { section: "sessions".into(), highlight: session_id }));
}

pub fn on_window_event<R: Runtime>(window: &Window<R>, event: &WindowEvent) {
    if window.label() != MAIN {
        return;
    }
    let service = window.state::<Arc<AppService>>();
    match event {
        WindowEvent::CloseRequested { api, .. } if service.general_settings().close_to_tray => {
            // Keep running in the tray so low-credit alerts still arrive; Quit is in the tray menu.
            api.prevent_close();
            let _ = window.hide();
        }
        // Not for the first appearance, which follows the start-up poll: see refresh_if_stale.
        WindowEvent::Focused(true) => service.refresh_if_stale(),
        _ => {}
    }
}
