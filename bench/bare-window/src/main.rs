//! A bare Tauri 2 window: one window, a static page, and the commands any page of it would
//! call. The footprint benchmark (`./dev bench`) measures Zexa Desktop against it, so the app's
//! cost is read as a ratio to what any Tauri window costs on the same machine.

// No console window on Windows release builds, as the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

/// The page's one call for content: it shows the answer, as the app shows its balance.
#[tauri::command]
fn ping() -> &'static str {
    "pong"
}

/// The app's start-up mark, the same command at the same point: the page calls it once the
/// answer from Rust is in its DOM, as the app's page does once its balance is. Printed on stdout
/// (`zexa-startup-mark page_painted`) when `ZEXA_STARTUP_MARKS=1`, as the app prints its own.
#[tauri::command]
fn mark_startup(mark: String) {
    static SEEN: AtomicBool = AtomicBool::new(false);
    if mark != "page_painted" || SEEN.swap(true, Ordering::Relaxed) {
        return;
    }
    if std::env::var("ZEXA_STARTUP_MARKS").is_ok_and(|v| v == "1") {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "zexa-startup-mark {mark}").and_then(|()| out.flush());
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ping, mark_startup])
        .run(tauri::generate_context!())
        .expect("error while running the bare window");
}
