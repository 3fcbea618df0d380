//! A bare Tauri 2 window: one window, one command, a static page. The footprint benchmark
//! (`./dev bench`) measures Zexa Desktop against it, so the app's cost is read as a ratio to
//! what any Tauri window costs on the same machine.

// No console window on Windows release builds, as the app.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The one command: the page calls it once it has loaded, so the IPC path is exercised too.
#[tauri::command]
fn ping() -> &'static str {
    "pong"
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![ping])
        .run(tauri::generate_context!())
        .expect("error while running the bare window");
}
