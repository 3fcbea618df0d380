//! Start at login through the real IPC path, the real capabilities and the real
//! tauri-plugin-autostart on the mock runtime: the XDG autostart entry is created with this
//! binary and `--minimized`, read back, removed, and a folder that cannot be written gives the
//! app's error shape. Linux only (the entry is a file there); its own test binary, because the
//! plugin finds the entry under `$HOME`, which this test points at a temporary folder.
#![cfg(target_os = "linux")]

mod support;
use support::invoke;

use std::sync::Arc;

use serde_json::json;
use tauri::test::mock_builder;
use zexa_app::{AppService, ServiceOptions};
use zexa_core::settings::SettingsStore;
use zexa_keychain::{KeychainStore, MemoryBackend, DEFAULT_TIMEOUT};

#[test]
fn the_switch_creates_reads_and_removes_the_xdg_autostart_entry() {
    let home = tempfile::tempdir().unwrap();
    // The only test in this binary, so nothing else runs while HOME changes.
    std::env::set_var("HOME", home.path());

    let keychain = KeychainStore::new(Arc::new(MemoryBackend::default()), DEFAULT_TIMEOUT);
    let options = ServiceOptions::new(keychain, tauri::async_runtime::handle().inner().clone());
    let service = AppService::load(SettingsStore::new(home.path().join("settings.json")), options);
    let builder = mock_builder().plugin(zexa_desktop::autostart::plugin());
    let app = zexa_desktop::setup_app(builder, service, |_| Ok(())).build(zexa_desktop::context()).unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();

    let autostart = home.path().join(".config/autostart");
    let entry = autostart.join("Zexa Desktop.desktop");
    assert_eq!(invoke(&window, "get_autostart", json!({})).unwrap(), json!(false));

    assert_eq!(invoke(&window, "set_autostart", json!({ "enabled": true })).unwrap(), json!(true));
    let text = std::fs::read_to_string(&entry).expect("the entry is written");
    let exe = std::env::current_exe().unwrap();
    assert!(text.starts_with("[Desktop Entry]\n"), "{text}");
    assert!(text.contains("\nType=Application\n"), "{text}");
    assert!(text.contains("\nName=Zexa Desktop\n"), "{text}");
    assert!(text.contains(&format!("\nExec={} --minimized\n", exe.display())), "{text}");
    assert_eq!(invoke(&window, "get_autostart", json!({})).unwrap(), json!(true));

    // The OS is the state: an entry removed by hand reads as off.
    std::fs::remove_file(&entry).unwrap();
    assert_eq!(invoke(&window, "get_autostart", json!({})).unwrap(), json!(false));

    invoke(&window, "set_autostart", json!({ "enabled": true })).unwrap();
    assert_eq!(invoke(&window, "set_autostart", json!({ "enabled": false })).unwrap(), json!(false));
    assert!(!entry.exists(), "the entry is removed");
    // Turning off what is already off is not an error.
    assert_eq!(invoke(&window, "set_autostart", json!({ "enabled": false })).unwrap(), json!(false));

    // A folder that cannot be made: the app's error shape, saying where and what to do.
    std::fs::remove_dir(&autostart).unwrap();
    std::fs::write(&autostart, "not a folder").unwrap();
    let error = invoke(&window, "set_autostart", json!({ "enabled": true })).unwrap_err();
    assert_eq!(error["code"], "io", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(message.starts_with("Start at login could not be turned on ("), "{message}");
    assert!(message.ends_with("Check that ~/.config/autostart can be written to, then try again."), "{message}");
}
