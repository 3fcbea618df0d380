//! What Rust announces reaches the window: `rotate_key` on a key this app does not hold answers
//! the guided rotation, and the window hears `account-changed` naming the keys of that profile.
//! Against the embedded sandbox, through Tauri's real IPC and event path on the mock runtime.

mod support;
use support::invoke;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tauri::test::mock_builder;
use tauri::{Listener, Manager};
use zexa_app::{AppService, ServiceOptions};
use zexa_core::settings::SettingsStore;
use zexa_keychain::{KeychainStore, MemoryBackend, DEFAULT_TIMEOUT};

#[test]
fn rotating_a_key_used_elsewhere_is_guided_and_announced_to_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = KeychainStore::new(Arc::new(MemoryBackend::default()), DEFAULT_TIMEOUT);
    let mut options = ServiceOptions::new(keychain, tauri::async_runtime::handle().inner().clone());
    options.data_dir = Some(dir.path().join("data"));
    let service = AppService::load(SettingsStore::new(dir.path().join("settings.json")), options);
    let mut app = zexa_desktop::setup_app(mock_builder(), service, |_| Ok(())).build(zexa_desktop::context()).unwrap();
    // One turn of the event loop runs the setup hook: the main window and the start-up tasks,
    // among them the forwarding of the service's announcements.
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = app.get_webview_window("main").expect("the main window");
    let heard: Arc<Mutex<Vec<Value>>> = Arc::default();
    let sink = heard.clone();
    app.listen_any("account-changed", move |event| {
        sink.lock().unwrap().push(serde_json::from_str(event.payload()).unwrap());
    });

    let state = invoke(&window, "start_sandbox", json!({})).expect("the embedded sandbox");
    let profile_id = state["active_profile_id"].as_str().unwrap().to_owned();
    let list = invoke(&window, "list_api_keys", json!({})).unwrap();
    let elsewhere = list["keys"]
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["used_by"].as_array().unwrap().is_empty())
        .expect("a seeded key no profile of this app holds");
    let key_id = elsewhere["key"]["id"].as_str().unwrap();

    let rotation = invoke(&window, "rotate_key", json!({ "keyId": key_id })).unwrap();
    assert_eq!(rotation["kind"], "guided", "{rotation}");
    assert!(rotation["created"]["rotation_id"].is_string(), "{rotation}");

    let wanted = json!({ "profile_id": profile_id, "what": ["keys"] });
    let deadline = Instant::now() + Duration::from_secs(5);
    while !heard.lock().unwrap().contains(&wanted) {
        assert!(Instant::now() < deadline, "account-changed not heard: {:?}", heard.lock().unwrap());
        std::thread::sleep(Duration::from_millis(20));
    }
}
