//! WebKitGTK's settings for a single-page tray app (docs/footprint.md, "Memory"): the
//! document-viewer cache model, since the window is one local page with nothing to keep for
//! later navigations. Other platforms' webviews have no such setting.
//!
//! Accelerated compositing is left as WebKit chooses. Turning it off
//! (`HardwareAccelerationPolicy::Never`) took 3 to 5 s of start-up CPU off under Xvfb, but with
//! it WebKit then stopped delivering snapshots of some static states (a refused key, a section's
//! guidance): WebKitWebDriver's screenshot waited for a frame that never came, in 3 of the 6
//! onboarding end-to-end tests (docs/footprint.md, issue 23's table).

use tauri::{Runtime, WebviewWindow};

pub fn tune<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let tuned = window.with_webview(|webview| {
            use webkit2gtk::{CacheModel, WebContextExt, WebViewExt};
            if let Some(context) = webview.inner().context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
        });
        if let Err(error) = tuned {
            tracing::warn!(%error, "WebKit settings not applied");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
