//! WebKitGTK's settings for a single-page tray app (docs/footprint.md, "Memory"): the
//! document-viewer cache model, since the window is one local page with nothing to keep for
//! later navigations. Other platforms' webviews have no such setting.
//!
//! Accelerated compositing is left as WebKit chooses. Turning it off
//! (`HardwareAccelerationPolicy::Never`) took 3 to 5 s of start-up CPU off under Xvfb, but with
//! it WebKit then stopped delivering snapshots of some static states (a refused key, a section's
//! guidance): WebKitWebDriver's screenshot waited for a frame that never came, in 3 of the 6
//! onboarding end-to-end tests (docs/footprint.md, issue 23's table). What is chosen instead,
//! on a machine with no GPU only, is where the tiles are painted: Skia's CPU rasterizer rather
//! than its GPU backend on Mesa's software OpenGL (`zexa_core::software_rendering`).

use tauri::{Runtime, WebviewWindow};
use zexa_core::software_rendering::Painting;

/// Says in the log how the web view paints, since it changes CPU and memory use at start-up.
pub fn log_painting(painting: Painting) {
    match painting {
        Painting::CpuNoGpu => tracing::info!("no GPU device: the web view paints with Skia's CPU rasterizer"),
        Painting::UserChoice => tracing::info!("web view painting as WEBKIT_SKIA_ENABLE_CPU_RENDERING says"),
        Painting::Gpu => tracing::debug!("web view painting as WebKit chooses"),
    }
}

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
