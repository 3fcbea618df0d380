//! The real Secret Service (run inside scripts/with-test-session.sh, as `./dev test` does): the
//! window's profiles and keys are the CLI's, and a child started by `zexa run` reaches the API
//! with the key it was given.
// Linux: the Secret Service of the test session, gnome-keyring, curl, /proc (see common/mod.rs).
#![cfg(target_os = "linux")]

mod common;

use std::sync::Arc;

use common::{text, Home, Sandbox};
use zexa_app::clipboard::MemoryClipboard;
use zexa_app::view::NewProfile;
use zexa_app::{AppService, ServiceOptions};
use zexa_core::secret::SecretString;
use zexa_core::settings::SettingsStore;
use zexa_keychain::KeychainStore;

#[test]
fn a_profile_added_in_the_window_is_listed_and_its_key_reaches_the_api_through_zexa_run() {
    let home = Home::new();
    let sandbox = Sandbox::start();
    // The window's own service, on the native keychain and this home's settings file.
    let (service, id) = sandbox.runtime.block_on(async {
        let service = AppService::load(
            SettingsStore::new(home.settings_path()),
            ServiceOptions {
                clipboard: Arc::new(MemoryClipboard::default()),
                data_dir: Some(home.path().join("data").join(zexa_core::APP_IDENTIFIER)),
                ..ServiceOptions::new(KeychainStore::native(), tokio::runtime::Handle::current())
            },
        );
        let state = service
            .add_profile(NewProfile {
                name: "Loja".into(),
                base_url: sandbox.url(),
                api_key: SecretString::new(sandbox.key()),
            })
            .await
            .expect("the Secret Service must be running and unlocked: run the tests with ./dev test");
        (service, state.active_profile_id.unwrap())
    });

    let listed = home.output(&["profiles", "--json"]);
    assert!(listed.status.success(), "{}", text(&listed.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    let profile = &listed["profiles"][0];
    assert_eq!(profile["id"], id.as_str());
    assert_eq!(profile["name"], "Loja");
    assert_eq!(profile["server"], sandbox.url().as_str());
    assert_eq!(profile["active"], true);
    assert_eq!(profile["key"], SecretString::new(sandbox.key()).masked().as_str());
    assert!(profile["key_stored_at"].as_i64().is_some(), "the window's write noted when: {profile}");

    // The child writes the key it got to a file and calls GET /credits with it.
    let seen = home.work().join("seen-key");
    let script = format!(
        r#"printf %s "$ZEXA_API_KEY" > {seen}; curl -s -o /dev/null -w '%{{http_code}}' -H "Authorization: Bearer $ZEXA_API_KEY" "$ZEXA_API_URL/credits""#,
        seen = seen.display()
    );
    let run = home.output(&["run", "--", "sh", "-c", &script]);
    assert!(run.status.success(), "{}", text(&run.stderr));
    assert_eq!(text(&run.stdout), "200", "the child reached the sandbox's GET /credits");
    assert_eq!(std::fs::read_to_string(&seen).unwrap(), sandbox.key(), "the same key as the window's");
    assert!(sandbox.requests().iter().any(|r| r.starts_with("GET /v1/credits")));

    // The window sees who got the key: the program's name and folder, nothing of its arguments.
    let used = service.key_usage(&id).unwrap();
    assert_eq!(used.len(), 1, "{used:?}");
    assert_eq!(used[0].program, "sh");
    assert_eq!(used[0].command, "run");
    assert_eq!(used[0].exit_code, Some(0));
    assert_eq!(std::path::Path::new(&used[0].folder).canonicalize().unwrap(), home.work().canonicalize().unwrap());

    let status = home.output(&["status", "--json"]);
    assert!(status.status.success(), "{}", text(&status.stderr));
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["keychain_backend"], "Secret Service");
    assert_eq!(status["profiles"][0]["key"], "ok");
    assert_eq!(status["profiles"][0]["credits"], "4250");
    let origin = sandbox.url().trim_end_matches("/v1").to_owned();
    assert_eq!(status["profiles"][0]["bound_to"], origin.as_str());

    let credits = home.output(&["credits"]);
    assert_eq!(text(&credits.stdout).trim(), "USD\u{a0}4,250.00", "as the window writes it");
}

#[test]
fn a_key_bound_to_another_server_is_not_given_and_the_command_does_not_start() {
    let home = Home::new();
    let sandbox = Sandbox::start();
    home.add_profile("Loja", &sandbox.url(), &sandbox.key());
    // A hand-edited (or tampered) settings file now names another server.
    let path = home.settings_path();
    let edited = std::fs::read_to_string(&path).unwrap().replace(&sandbox.url(), "https://attacker.example/v1");
    std::fs::write(&path, edited).unwrap();

    let marker = home.work().join("started");
    let run = home.output(&["run", "--", "touch", marker.to_str().unwrap()]);
    assert_eq!(run.status.code(), Some(4), "{}", text(&run.stderr));
    assert!(!marker.exists(), "the command was not started");
    assert!(text(&run.stderr).contains("attacker.example"), "{}", text(&run.stderr));

    let json = home.output(&["credits", "--json"]);
    assert_eq!(json.status.code(), Some(4));
    let failure: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(failure["error"]["code"], "key_bound_elsewhere");
}

#[test]
fn a_refused_key_is_not_stored_and_an_unknown_profile_is_a_usage_error() {
    let home = Home::new();
    let sandbox = Sandbox::start();
    let mut add = home
        .zexa(&["profiles", "add", "Loja", "--base-url", &sandbox.url()])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    add.stdin.take().unwrap().write_all(b"zx_test_NOT_A_REAL_KEY_0000\n").unwrap();
    let out = add.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(4), "{}", text(&out.stderr));
    assert!(!home.settings_path().exists() || !std::fs::read_to_string(home.settings_path()).unwrap().contains("Loja"));

    let run = home.output(&["run", "--profile", "Nope", "--", "true"]);
    assert_eq!(run.status.code(), Some(2));
    let none = home.output(&["run", "--", "true"]);
    assert_eq!(none.status.code(), Some(2), "no profile yet: {}", text(&none.stderr));
}
