//! WebKitGTK's settings for a single-page tray app (docs/footprint.md, "Start-up CPU" and
//! "Memory"):
//! - no accelerated compositing: the page is a few cards of text, and on a machine without GPU
//!   compositing (under Xvfb, in a VM, or Mesa's software renderer) WebKit's GL compositor is
//!   emulated by llvmpipe on the CPU, 3 to 5 s of CPU at every start in the web process against
//!   1 s without it (measured). `ZEXA_GPU_COMPOSITING=1` keeps WebKit's default;
//! - the document-viewer cache model: one local page, nothing to keep for later navigations.
//!   Other platforms' webviews have no such settings.

use tauri::{Runtime, WebviewWindow};

/// Set to `1` to keep WebKit's own compositing policy (its GPU compositor).
pub const GPU_COMPOSITING_ENV: &str = "ZEXA_GPU_COMPOSITING";

pub fn tune<R: Runtime>(window: &WebviewWindow<R>) {
    #[cfg(target_os = "linux")]
    {
        let keep_compositing = std::env::var(GPU_COMPOSITING_ENV).is_ok_and(|v| v == "1");
        let tuned = window.with_webview(move |webview| {
            use webkit2gtk::{CacheModel, HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
            let view = webview.inner();
            if let Some(context) = view.context() {
                context.set_cache_model(CacheModel::DocumentViewer);
            }
            if !keep_compositing {
                if let Some(settings) = WebViewExt::settings(&view) {
                    settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
                }
            }
        });
        if let Err(error) = tuned {
            tracing::warn!(%error, "WebKit settings not applied");
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = window;
}
