//! The real keychain: gnome-keyring's Secret Service on a D-Bus session bus (CI and
//! `./dev test` start one). Entries use a test-only service name so a developer's own
//! Zexa Desktop entries are never touched.

use std::process::Command;
use std::sync::Arc;

use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::secret::SecretString;
use zexa_keychain::{KeychainError, KeychainStore, NativeBackend, DEFAULT_TIMEOUT};

fn test_service() -> String {
    format!("ao.zexa.desktop.test-{}", std::process::id())
}

fn store(service: &str) -> KeychainStore {
    KeychainStore::new(Arc::new(NativeBackend::new(service)), DEFAULT_TIMEOUT)
}

fn secret_tool(args: &[&str], stdin: Option<&str>) -> (bool, String) {
    use std::io::Write;
    let mut child = Command::new("secret-tool")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("secret-tool (libsecret-tools) must be installed: run the tests with ./dev test");
    if let Some(input) = stdin {
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().unwrap();
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned())
}

/// What secret-tool shows for the entry, read as the envelope the app stores.
fn envelope_seen_by_secret_tool(service: &str, account: &str) -> serde_json::Value {
    let (found, value) = secret_tool(&["lookup", "service", service, "username", account], None);
    assert!(found, "secret-tool did not find the entry");
    serde_json::from_str(value.trim_end()).unwrap_or_else(|_| panic!("not an envelope: {} chars", value.len()))
}

#[tokio::test]
async fn round_trip_in_the_secret_service_is_seen_by_secret_tool() {
    let service = test_service();
    let keychain = store(&service);
    let account = "profile-roundtrip";
    let key = SecretString::new("zx_live_SECRETSERVICE_first_3f2a".into());

    keychain.write_bound(account, &key, ZEXA).await.expect("the Secret Service must be running and unlocked");
    assert_eq!(keychain.read(account).await.unwrap().unwrap().expose(), key.expose());

    // The OS's own tool sees the same entry: it is really in the Secret Service, and what it
    // holds is the envelope binding the key to its server, not a bare key.
    let seen = envelope_seen_by_secret_tool(&service, account);
    assert_eq!(seen, serde_json::json!({"v": 1, "origin": ZEXA, "key": key.expose()}));

    // A fresh store (as after a restart) reads it back.
    assert_eq!(store(&service).read(account).await.unwrap().unwrap().expose(), key.expose());

    let replacement = SecretString::new("zx_live_SECRETSERVICE_second_9b1c".into());
    keychain.write_bound(account, &replacement, ZEXA).await.unwrap();
    assert_eq!(keychain.read(account).await.unwrap().unwrap().expose(), replacement.expose());
    let seen = envelope_seen_by_secret_tool(&service, account);
    assert_eq!(seen["key"], replacement.expose().as_str(), "replace must not leave the old key");

    keychain.delete(account).await.unwrap();
    assert!(keychain.read(account).await.unwrap().is_none());
    let (found, _) = secret_tool(&["lookup", "service", &service, "username", account], None);
    assert!(!found, "the entry must be gone from the Secret Service");
}

const ZEXA: &str = "https://api.zexa.ao";

#[tokio::test]
async fn the_server_a_key_is_for_is_inside_the_secret_and_kept_beside_it() {
    let service = test_service();
    let keychain = store(&service);
    let account = "profile-bound";
    let key = SecretString::new("zx_live_BOUND_TO_ITS_SERVER_0a1b".into());
    keychain.write_bound(account, &key, ZEXA).await.unwrap();
    let bound = store(&service).read_bound(account, Some("https://elsewhere.example")).await.unwrap().unwrap();
    assert_eq!((bound.key.expose().as_str(), bound.origin.as_deref()), (key.expose().as_str(), Some(ZEXA)));
    // The secret itself names the server.
    assert_eq!(envelope_seen_by_secret_tool(&service, account)["origin"], ZEXA);
    // Beside it, the origin attribute, as a search key: found with it, not with another.
    let with = ["lookup", "service", &service, "username", account, "zexa-origin", ZEXA];
    assert!(secret_tool(&with, None).0, "the item carries zexa-origin = {ZEXA}");
    let other = ["lookup", "service", &service, "username", account, "zexa-origin", "https://evil.example"];
    assert!(!secret_tool(&other, None).0);
    // A later write binds to the new server, in the secret and beside it.
    keychain.write_bound(account, &key, "http://127.0.0.1:8080").await.unwrap();
    assert_eq!(keychain.origin(account).await.unwrap().as_deref(), Some("http://127.0.0.1:8080"));
    assert_eq!(envelope_seen_by_secret_tool(&service, account)["origin"], "http://127.0.0.1:8080");
    keychain.delete(account).await.unwrap();
    assert_eq!(keychain.origin(account).await.unwrap(), None);
}

#[tokio::test]
async fn a_bare_key_from_before_the_envelope_is_bound_to_its_attribute_and_rewritten() {
    let service = test_service();
    let account = "profile-from-before";
    // As versions before the envelope stored it: the bare key, its origin as an attribute.
    let (stored, _) = secret_tool(
        &[
            "store",
            "--label=Zexa test",
            "service",
            &service,
            "username",
            account,
            "zexa-origin",
            "http://127.0.0.1:8080",
        ],
        Some("zx_live_FROM_BEFORE_THE_ENVELOPE_5d6e"),
    );
    assert!(stored, "secret-tool store failed");
    let keychain = store(&service);
    // Read once with the profile now naming another server: the attribute decides.
    let bound = keychain.read_bound(account, Some(ZEXA)).await.unwrap().unwrap();
    assert_eq!(bound.key.expose(), "zx_live_FROM_BEFORE_THE_ENVELOPE_5d6e");
    assert_eq!(bound.origin.as_deref(), Some("http://127.0.0.1:8080"));
    let seen = envelope_seen_by_secret_tool(&service, account);
    assert_eq!(
        seen,
        serde_json::json!({"v": 1, "origin": "http://127.0.0.1:8080", "key": "zx_live_FROM_BEFORE_THE_ENVELOPE_5d6e"})
    );
    keychain.delete(account).await.unwrap();
}

#[tokio::test]
async fn an_entry_stored_by_secret_tool_is_read_by_the_app() {
    let service = test_service();
    let account = "profile-from-outside";
    let (stored, _) = secret_tool(
        &["store", "--label=Zexa test", "service", &service, "username", account],
        Some("zx_live_FROM_SECRET_TOOL_77aa"),
    );
    assert!(stored, "secret-tool store failed");
    let keychain = store(&service);
    assert_eq!(keychain.read(account).await.unwrap().unwrap().expose(), "zx_live_FROM_SECRET_TOOL_77aa");
    // Without an attribute it is bound to the server the profile names at first use.
    let bound = keychain.read_bound(account, Some(ZEXA)).await.unwrap().unwrap();
    assert_eq!(bound.origin.as_deref(), Some(ZEXA));
    assert_eq!(envelope_seen_by_secret_tool(&service, account)["origin"], ZEXA);
    keychain.delete(account).await.unwrap();
}

#[tokio::test]
async fn a_garbled_entry_is_a_clear_error_in_the_secret_service_too() {
    let service = test_service();
    let account = "profile-garbled";
    let (stored, _) = secret_tool(
        &["store", "--label=Zexa test", "service", &service, "username", account],
        Some(r#"{"v":1,"origin":"https://api.zexa.ao","key":"zx_live_CUT"#),
    );
    assert!(stored, "secret-tool store failed");
    let keychain = store(&service);
    let error = keychain.read_bound(account, Some(ZEXA)).await.unwrap_err();
    assert!(matches!(error, KeychainError::Unreadable(_)), "{error:?}");
    let ipc = IpcError::from(error);
    assert_eq!(ipc.code, ErrorCode::KeyUnreadable);
    assert!(!ipc.message.contains("zx_live_CUT"), "{}", ipc.message);
    keychain.delete(account).await.unwrap();
}

/// The child's half of the test below, on a bus with no Secret Service.
fn read_without_secret_service() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let error = runtime.block_on(store(&test_service()).read("any")).unwrap_err();
    assert!(matches!(error, KeychainError::Unavailable(_)), "{error:?}");
    let ipc = IpcError::from(error);
    assert_eq!(ipc.code, ErrorCode::KeychainUnavailable);
    assert!(ipc.message.contains("gnome-keyring"), "{}", ipc.message);
    println!("CHILD-SAW: {}", ipc.message);
}

const BARE_SESSION_BUS: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

#[test]
fn keychain_unavailable_gives_a_clear_error() {
    if std::env::var_os("ZEXA_KEYCHAIN_CHILD").is_some() {
        return read_without_secret_service();
    }
    // keyring's store is process-global, so the bus without a Secret Service gets its own
    // process. The bus has no service folders: a stock session bus would try to start
    // gnome-keyring on demand, which is a different case (a timeout, tested in the unit tests).
    let dir = std::env::temp_dir().join(format!("zexa-bare-bus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let config = dir.join("session.conf");
    std::fs::write(&config, BARE_SESSION_BUS).unwrap();
    let exe = std::env::current_exe().unwrap();
    let out = Command::new("dbus-run-session")
        .arg(format!("--config-file={}", config.display()))
        .arg("--")
        .arg(exe)
        .args(["--exact", "keychain_unavailable_gives_a_clear_error", "--nocapture"])
        .env("ZEXA_KEYCHAIN_CHILD", "1")
        .output()
        .expect("dbus-run-session (package dbus) must be installed: run the tests with ./dev test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "child failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("CHILD-SAW: Zexa Desktop keeps API keys only in the system keychain"), "{stdout}");
}

/// The child's half of the test below: inside its own session bus, with a gnome-keyring it
/// starts, stops and starts again.
async fn survive_a_keyring_restart(data_home: &std::path::Path) {
    let start_keyring = || {
        let mut child = Command::new("gnome-keyring-daemon")
            .args(["--unlock", "--components=secrets"])
            .env("XDG_DATA_HOME", data_home)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .expect("gnome-keyring-daemon (package gnome-keyring) must be installed");
        // The empty password of the test's login keyring; the newline matters.
        child.stdin.take().unwrap().write_all(b"\n").unwrap();
        child.wait_with_output().unwrap();
    };
    let stop_keyring = || {
        let _ = Command::new("sh")
            .arg("-c")
            .arg("dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets | awk '/uint32/ {print $2}' | xargs -r kill")
            .status();
    };
    use std::io::Write;
    start_keyring();
    let keychain = store(&test_service());
    let key = SecretString::new("zx_live_SURVIVES_A_RESTART_5e6f".into());
    keychain.write_bound("restart", &key, ZEXA).await.expect("written while the keyring runs");

    stop_keyring();
    let mut failed = None;
    for _ in 0..50 {
        match keychain.read("restart").await {
            Err(error) => {
                failed = Some(error);
                break;
            }
            Ok(_) => tokio::time::sleep(std::time::Duration::from_millis(100)).await,
        }
    }
    let error = failed.expect("reading fails while the keyring is gone");
    println!("CHILD-SAW-DOWN: {:?}", IpcError::from(error).code);

    start_keyring();
    let mut back = None;
    let mut last = String::new();
    for _ in 0..50 {
        match keychain.read("restart").await {
            Ok(Some(found)) => {
                back = Some(found);
                break;
            }
            other => last = format!("{other:?}"),
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let back = back.unwrap_or_else(|| panic!("the same store works again once the keyring is back; last: {last}"));
    assert_eq!(back.expose(), key.expose());
    keychain.delete("restart").await.unwrap();
    println!("CHILD-SAW-BACK");
    stop_keyring();
}

#[test]
fn the_keychain_comes_back_when_the_secret_service_restarts() {
    if let Some(data) = std::env::var_os("ZEXA_KEYRING_RESTART_CHILD") {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        return runtime.block_on(survive_a_keyring_restart(std::path::Path::new(&data)));
    }
    let data = tempfile::tempdir().unwrap();
    // A bus that starts nothing on demand, so only the test's own keyring answers.
    let config = data.path().join("session.conf");
    std::fs::write(&config, BARE_SESSION_BUS).unwrap();
    let out = Command::new("dbus-run-session")
        .arg(format!("--config-file={}", config.display()))
        .arg("--")
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", "the_keychain_comes_back_when_the_secret_service_restarts", "--nocapture"])
        .env("ZEXA_KEYRING_RESTART_CHILD", data.path())
        .output()
        .expect("dbus-run-session (package dbus) must be installed: run the tests with ./dev test");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "child failed:\n{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("CHILD-SAW-DOWN: Keychain"), "{stdout}");
    assert!(stdout.contains("CHILD-SAW-BACK"), "{stdout}");
}
