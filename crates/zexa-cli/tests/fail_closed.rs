//! Fail closed: with a locked keychain the command is not started and zexa exits 3. The keychain
//! here is a gnome-keyring of the test's own, on a session bus of its own that starts nothing on
//! demand, so locking it touches no other test.
// Linux: the Secret Service of the test session, gnome-keyring, curl, /proc (see common/mod.rs).
#![cfg(target_os = "linux")]

mod common;

use std::process::Command;

use common::{text, Home, Sandbox, ZEXA};

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

/// Inside the private bus: a keyring unlocked with the empty password, a profile added, the
/// keyring locked through the Secret Service's own `Lock`, then `zexa run`.
const SCRIPT: &str = r#"
set -u
printf '\n' | gnome-keyring-daemon --unlock --components=secrets >/dev/null
printf '%s\n' "$SANDBOX_KEY" | "$ZEXA" profiles add Loja --base-url "$SANDBOX_URL" >/dev/null || { echo "ADD-FAILED"; exit 1; }
"$ZEXA" run -- true || { echo "UNLOCKED-RUN-FAILED"; exit 1; }
collection=$(gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
  --method org.freedesktop.Secret.Service.ReadAlias default | sed -n "s/.*objectpath '\([^']*\)'.*/\1/p")
gdbus call --session --dest org.freedesktop.secrets --object-path /org/freedesktop/secrets \
  --method org.freedesktop.Secret.Service.Lock "['$collection']" >/dev/null || { echo "LOCK-FAILED"; exit 1; }
"$ZEXA" run -- touch "$MARKER" 2>"$ERRORS"
echo "RUN-EXIT=$?"
"$ZEXA" credits --json >"$JSON" 2>/dev/null
echo "CREDITS-EXIT=$?"
dbus-send --session --print-reply --dest=org.freedesktop.DBus / org.freedesktop.DBus.GetConnectionUnixProcessID \
  string:org.freedesktop.secrets | awk '/uint32/ {print $2}' | xargs -r kill
"#;

#[test]
fn with_a_locked_keychain_the_command_does_not_start_and_the_exit_code_is_3() {
    let home = Home::new();
    let sandbox = Sandbox::start();
    let bus = home.path().join("session.conf");
    std::fs::write(&bus, BARE_SESSION_BUS).unwrap();
    let runtime_dir = home.path().join("runtime");
    std::fs::create_dir_all(&runtime_dir).unwrap();
    std::fs::set_permissions(&runtime_dir, std::os::unix::fs::PermissionsExt::from_mode(0o700)).unwrap();
    let marker = home.work().join("started");
    let (errors, json) = (home.path().join("errors"), home.path().join("credits.json"));
    let out = Command::new("dbus-run-session")
        .arg(format!("--config-file={}", bus.display()))
        .args(["--", "sh", "-c", SCRIPT])
        .current_dir(home.work())
        .env("ZEXA", ZEXA)
        .env("SANDBOX_KEY", sandbox.key())
        .env("SANDBOX_URL", sandbox.url())
        .env("MARKER", &marker)
        .env("ERRORS", &errors)
        .env("JSON", &json)
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", &runtime_dir)
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("dbus-run-session (package dbus) must be installed: run the tests with ./dev test");
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("RUN-EXIT=3"),
        "{stdout}\n{}\n{}",
        text(&out.stderr),
        std::fs::read_to_string(&errors).unwrap_or_default()
    );
    assert!(stdout.contains("CREDITS-EXIT=3"), "{stdout}");
    assert!(!marker.exists(), "the command was not started without its key");
    let errors = std::fs::read_to_string(&errors).unwrap();
    assert!(errors.to_lowercase().contains("keychain"), "a clear error: {errors}");
    let failure: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
    let code = failure["error"]["code"].as_str().unwrap();
    assert!(code.starts_with("keychain_"), "{code}");
}
