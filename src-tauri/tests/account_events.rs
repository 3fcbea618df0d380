//! What Rust announces reaches the window: `rotate_key` on a key this app does not hold answers
//! the guided rotation, and the window hears `account-changed` naming the keys of that profile.
//! Against the embedded sandbox, through Tauri's real IPC on the mock runtime: the window's
//! pending `next_page_events` call is how it hears (zexa_app::page_events).

mod support;
use support::invoke;

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tauri::test::mock_builder;
use tauri::Manager;
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
    // As the page does at start: the cursor first, then whatever is announced after it.
    let start = invoke(&window, "next_page_events", json!({ "after": null })).unwrap();
    assert_eq!(start["events"], json!([]), "{start}");
    let mut cursor = start["cursor"].as_u64().expect("a cursor");

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

    // A key change carries no view: the window asks for the key list.
    let no_views = json!({ "balance": null, "runway": null, "spend": null });
    let wanted = json!({ "event": "account-changed", "payload": { "profile_id": profile_id, "what": ["keys"], "views": no_views } });
    let mut heard: Vec<Value> = Vec::new();
    while !heard.contains(&wanted) {
        // Each call waits for news; on its own thread, so that a missing announcement fails
        // the test after a deadline instead of hanging it.
        let (answered, answer) = std::sync::mpsc::channel();
        let waiting = window.clone();
        std::thread::spawn(move || {
            let _ = answered.send(invoke(&waiting, "next_page_events", json!({ "after": cursor })));
        });
        let batch = answer
            .recv_timeout(Duration::from_secs(10))
            .unwrap_or_else(|_| panic!("account-changed not heard: {heard:?}"))
            .unwrap();
        cursor = batch["cursor"].as_u64().unwrap();
        heard.extend(batch["events"].as_array().unwrap().iter().cloned());
    }
    // In the order announced: the sandbox's state came before the rotation's news.
    let first_state =
        heard.iter().position(|e| e["event"] == "app-state-changed").expect("the sandbox's state announced");
    let keys = heard.iter().position(|e| *e == wanted).unwrap();
    assert!(first_state < keys, "{heard:?}");
    // Opening the sandbox announced its balance and first sample with the views the window
    // shows for them, carried along so that it need not ask (zexa_app::page_events::news).
    let opened = heard
        .iter()
        .find(|e| {
            e["event"] == "account-changed" && e["payload"]["what"].as_array().unwrap().contains(&json!("balance"))
        })
        .expect("the sandbox's balance announced");
    let views = &opened["payload"]["views"];
    assert_eq!(views["balance"]["profile_id"], profile_id, "{opened}");
    assert!(views["balance"]["credits"].is_string(), "{opened}");
    assert_eq!(views["runway"]["profile_id"], profile_id, "{opened}");
    assert_eq!(views["spend"]["profile_id"], profile_id, "{opened}");
}
