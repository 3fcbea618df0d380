//! Commands through Tauri's real IPC path on the mock runtime: argument decoding, the
//! `{code, message}` error shape the webview receives, and state persisted by the service.

mod support;
use support::invoke;

use serde_json::{json, Value};
use std::sync::{Arc, Mutex};
use tauri::test::{mock_builder, MockRuntime};
use tauri::WebviewWindow;
use zexa_core::secret::SecretString;
use zexa_desktop::native_dialogs::NativeDialogs;

use zexa_app::{AppService, ServiceOptions};
use zexa_core::settings::SettingsStore;
use zexa_keychain::{KeychainStore, MemoryBackend, DEFAULT_TIMEOUT};

fn app_with_settings_in(dir: &std::path::Path) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    app_with(dir, None, Arc::default())
}

/// The app on the mock runtime; native dialogs answer "no" and record what they were asked.
fn app_with(
    dir: &std::path::Path,
    env_api_key: Option<&str>,
    asked: Arc<Mutex<Vec<String>>>,
) -> (tauri::App<MockRuntime>, WebviewWindow<MockRuntime>) {
    let keychain = KeychainStore::new(Arc::new(MemoryBackend::default()), DEFAULT_TIMEOUT);
    let mut options = ServiceOptions::new(keychain, tauri::async_runtime::handle().inner().clone());
    options.env_api_key = env_api_key.map(|k| SecretString::new(k.into()));
    let service = AppService::load(SettingsStore::new(dir.join("settings.json")), options);
    let dialogs = NativeDialogs::new(
        |_| None,
        move |title, _| {
            asked.lock().unwrap().push(title.to_owned());
            false
        },
    );
    let app = zexa_desktop::setup_app(mock_builder().manage(dialogs), service, |_| Ok(()))
        .build(zexa_desktop::context())
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    (app, window)
}

#[test]
fn app_state_on_first_launch_has_no_profile() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with_settings_in(dir.path());
    let state = invoke(&window, "get_app_state", json!({})).unwrap();
    assert_eq!(state["profiles"], json!([]));
    assert_eq!(state["active_profile_id"], Value::Null);
    assert_eq!(state["connection"], "no_profile");
    assert_eq!(state["settings_problem"], Value::Null);
}

#[test]
fn settings_round_trip_and_invalid_input_error_shape() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with_settings_in(dir.path());
    let mut settings = invoke(&window, "get_settings", json!({})).unwrap();
    assert_eq!(settings["poll_interval_minutes"], 5);

    settings["poll_interval_minutes"] = json!(90);
    let error = invoke(&window, "save_settings", json!({ "settings": settings })).unwrap_err();
    assert_eq!(
        error,
        json!({"code": "invalid_input", "message": "The poll interval must be between 1 and 60 minutes.", "lang": "en"})
    );

    settings["poll_interval_minutes"] = json!(10);
    invoke(&window, "save_settings", json!({ "settings": settings })).unwrap();
    let on_disk: Value = serde_json::from_slice(&std::fs::read(dir.path().join("settings.json")).unwrap()).unwrap();
    assert_eq!(on_disk["general"]["poll_interval_minutes"], 10);
}

#[test]
fn a_corrupt_settings_file_reaches_the_ui_as_a_settings_problem() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("settings.json"), "{ definitely not json").unwrap();
    let (_app, window) = app_with_settings_in(dir.path());
    let state = invoke(&window, "get_app_state", json!({})).unwrap();
    assert_eq!(state["settings_problem"]["code"], "settings_corrupt");
}

#[test]
fn dashboard_pages_are_named_not_free_urls() {
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with_settings_in(dir.path());
    let error = invoke(&window, "open_dashboard", json!({ "page": "https://evil.example" })).unwrap_err();
    assert!(error.as_str().unwrap_or_default().contains("unknown variant"), "{error}");
}

#[test]
fn commands_are_refused_to_windows_the_capability_does_not_name() {
    let dir = tempfile::tempdir().unwrap();
    let (app, _main) = app_with_settings_in(dir.path());
    let other = tauri::WebviewWindowBuilder::new(&app, "other", Default::default()).build().unwrap();
    let error = invoke(&other, "get_app_state", json!({})).unwrap_err();
    assert!(error.as_str().unwrap_or_default().contains("not allowed"), "{error}");
}

#[test]
fn the_environment_key_goes_to_another_server_only_after_a_native_yes() {
    let dir = tempfile::tempdir().unwrap();
    let asked = Arc::new(Mutex::new(Vec::new()));
    let (_app, window) = app_with(dir.path(), Some("zx_test_ENV_KEY_0123456789"), asked.clone());
    let args = json!({ "name": "Imported", "baseUrl": "https://evil.example/v1" });
    let error = invoke(&window, "import_env_key", args).unwrap_err();
    assert_eq!(error["code"], "invalid_input", "{error}");
    assert_eq!(*asked.lock().unwrap(), ["Send ZEXA_API_KEY to another server?"], "the user was asked, natively");
    assert!(!dir.path().join("settings.json").exists(), "nothing was added");

    // A loopback port is no exception unless it is the app's own embedded sandbox: any local
    // program can listen on one. The listener must see nothing after the native "no".
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let local = format!("http://127.0.0.1:{}/v1", listener.local_addr().unwrap().port());
    let error = invoke(&window, "import_env_key", json!({ "name": "Local", "baseUrl": local })).unwrap_err();
    assert_eq!(error["code"], "invalid_input", "{error}");
    assert_eq!(asked.lock().unwrap().len(), 2, "asked natively for the loopback port too");
    assert!(listener.accept().is_err(), "nothing connected to the loopback listener");
    assert!(!dir.path().join("settings.json").exists(), "nothing was added");
}

#[test]
fn a_command_that_panics_answers_internal_and_the_next_call_works() {
    let dir = tempfile::tempdir().unwrap();
    let keychain = KeychainStore::new(Arc::new(MemoryBackend::default()), DEFAULT_TIMEOUT);
    let options = ServiceOptions::new(keychain, tauri::async_runtime::handle().inner().clone());
    let service = AppService::load(SettingsStore::new(dir.path().join("settings.json")), options);
    service.arm_fault(zexa_app::containment::FaultPoint::Command);
    let app = zexa_desktop::setup_app(mock_builder(), service, |_| Ok(())).build(zexa_desktop::context()).unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().unwrap();
    let error = invoke(&window, "get_balance", json!({"refresh": false})).unwrap_err();
    assert_eq!(error["code"], "internal", "{error}");
    assert!(error["message"].as_str().unwrap().contains("Try again"), "{error}");
    // The window goes on working: the next call answers normally (no profile yet).
    let next = invoke(&window, "get_balance", json!({"refresh": false})).unwrap_err();
    assert_eq!(next["code"], "no_profile");
    assert_eq!(invoke(&window, "get_app_state", json!({})).unwrap()["connection"], "no_profile");
}
