//! The committed TypeScript bindings (ui/src/lib/bindings.ts) must be exactly what the Rust
//! commands and types generate; and every command must be registered with tauri-build and
//! granted to the main window, no more (build.rs derives both from the `command!` declarations).
//!
//! To regenerate after changing a command or an IPC type:
//! `UPDATE_BINDINGS=1 cargo test -p zexa-desktop --test bindings`

use std::path::{Path, PathBuf};

use tauri::test::MockRuntime;

fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn generated_bindings() -> String {
    let out = tempfile::tempdir().unwrap();
    let path = out.path().join("bindings.ts");
    zexa_desktop::specta_builder::<MockRuntime>()
        .export(zexa_desktop::typescript_exporter(), &path)
        .expect("bindings export");
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn typescript_bindings_match_the_rust_code() {
    let committed_path = repo_file("../ui/src/lib/bindings.ts");
    let generated = generated_bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(&committed_path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&committed_path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/lib/bindings.ts is out of date with the Rust commands and types.\n\
         Regenerate it: UPDATE_BINDINGS=1 cargo test -p zexa-desktop --test bindings"
    );
}

/// Rust tells the window things through `next_page_events` only (zexa_app::page_events): the
/// bindings have no Tauri event for the page to listen to, and the page's listener reads the
/// union of events the command answers.
#[test]
fn the_window_hears_rust_through_next_page_events_and_not_tauri_events() {
    let bindings = generated_bindings();
    assert!(!bindings.contains("makeEvent<"), "a Tauri event in the bindings: the app no longer emits any");
    assert!(bindings.contains("TAURI_INVOKE(\"next_page_events\""), "no next_page_events command in the bindings");
    for name in ["app-state-changed", "account-changed", "scan-changed", "navigate"] {
        assert!(bindings.contains(&format!("event: \"{name}\"")), "no {name} in the PageEvent union of the bindings");
    }
}

fn invoked_commands(bindings: &str) -> Vec<String> {
    let mut names: Vec<String> =
        bindings.split("TAURI_INVOKE(\"").skip(1).map(|rest| rest.split('"').next().unwrap().to_owned()).collect();
    names.sort();
    names
}

/// `allow-get-app-state` -> `get_app_state`.
fn command_of(permission: &str) -> Option<String> {
    permission.strip_prefix("allow-").map(|p| p.replace('-', "_"))
}

#[test]
fn every_command_is_in_the_app_manifest_and_granted_to_the_main_window() {
    let commands = invoked_commands(&generated_bindings());
    assert!(commands.contains(&"get_app_state".to_owned()), "{commands:?}");

    // What tauri-build registered from build.rs (the app's ACL manifest it wrote during this build).
    let manifests: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_file("gen/schemas/acl-manifests.json")).unwrap()).unwrap();
    let app = &manifests["__app-acl__"];
    let registered: Vec<String> =
        app["permissions"].as_object().unwrap().keys().filter_map(|p| command_of(p)).collect();
    for command in &commands {
        assert!(registered.contains(command), "{command} is not registered with tauri-build (build.rs)");
    }

    // The main window is granted the core event permissions and the app's command set, nothing else...
    let capability: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(repo_file("capabilities/main.json")).unwrap()).unwrap();
    let permissions: Vec<&str> =
        capability["permissions"].as_array().unwrap().iter().filter_map(|p| p.as_str()).collect();
    assert_eq!(permissions, ["app-commands"]);

    // ...and that set allows exactly the app's commands.
    let mut granted: Vec<String> = app["permission_sets"]["app-commands"]["permissions"]
        .as_array()
        .expect("the app-commands permission set")
        .iter()
        .filter_map(|p| command_of(p.as_str().unwrap()))
        .collect();
    granted.sort();
    assert_eq!(granted, commands, "the app-commands set must grant exactly the app's commands");
}
