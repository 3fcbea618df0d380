//! What a compromised front-end dependency could do is bounded by three settings; they are
//! why the isolation pattern was measured and not adopted (docs/security.md). Loosening any
//! of them must fail here, so that the decision is revisited rather than silently undermined.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn json(relative: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(repo_file(relative)).unwrap()).unwrap()
}

/// No Tauri API of its own is granted to the window: it hears Rust through the app's
/// `next_page_events` command (zexa_app::page_events), not through Tauri's event plugin.
const CORE_PERMISSIONS: &[&str] = &[];

#[test]
fn the_window_is_granted_only_the_apps_commands() {
    let files: Vec<String> = std::fs::read_dir(repo_file("capabilities"))
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files, ["main.json"], "one capability file, reviewed as a whole");

    let capability = json("capabilities/main.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    assert!(capability.get("remote").is_none(), "no remote origin may reach the IPC");
    // The app's permission sets as tauri-build resolved them (it writes them on every build).
    let app_acl = &json("gen/schemas/acl-manifests.json")["__app-acl__"];
    for permission in capability["permissions"].as_array().unwrap() {
        let permission = permission.as_str().expect("plain permission identifiers, no scopes");
        if CORE_PERMISSIONS.contains(&permission) {
            continue;
        }
        let set = app_acl["permission_sets"][permission]["permissions"]
            .as_array()
            .unwrap_or_else(|| panic!("{permission}: only the app's own command set may be granted"));
        for allowed in set {
            let allowed = allowed.as_str().unwrap();
            let command = allowed
                .strip_prefix("allow-")
                .unwrap_or_else(|| panic!("{allowed}: only the app's own commands may be granted"))
                .replace('-', "_");
            assert!(zexa_desktop::COMMAND_NAMES.contains(&command.as_str()), "{allowed} is not an app command");
            assert_eq!(
                app_acl["permissions"][allowed]["commands"]["allow"],
                serde_json::json!([command]),
                "{allowed} allows its command and nothing else"
            );
        }
    }
}

#[test]
fn the_csp_lets_nothing_leave_the_window_and_nothing_inline_run() {
    let config = json("../tauri.conf.json");
    let security = &config["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    assert_eq!(config["app"]["withGlobalTauri"], false);
    assert!(security.get("dangerousDisableAssetCspModification").is_none());
    let csp = security["csp"].as_object().expect("the CSP as directives");
    for (directive, sources) in csp {
        let sources = sources.as_str().unwrap();
        assert!(!sources.contains("unsafe"), "{directive}: {sources}");
        assert!(!sources.contains('*'), "{directive}: {sources}");
    }
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["style-src"], "'self'");
    // The only network destination is Tauri's IPC: nothing can be sent to a remote host.
    assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
    assert_eq!(csp["img-src"], "'self' data:");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["form-action"], "'none'");
}

/// The main window is built in code (`window::create_main`) with the navigation and new-window
/// handlers; if Tauri built it from the config as well, it would be built without them.
#[test]
fn the_main_window_is_not_built_from_the_config_without_its_handlers() {
    let config = json("../tauri.conf.json");
    let windows = config["app"]["windows"].as_array().unwrap();
    assert_eq!(windows.len(), 1);
    assert_eq!(windows[0]["label"], "main");
    assert_eq!(windows[0]["create"], false);
}
