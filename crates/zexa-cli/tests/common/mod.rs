//! What the CLI tests share: the real `zexa` binary, run with its own config and data folders
//! (so each test has its own profiles and usage log) against the real Secret Service of the
//! test session (`scripts/with-test-session.sh`), and a sandbox server over loopback.
#![allow(dead_code)] // each test binary uses its own part of this

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

pub const ZEXA: &str = env!("CARGO_BIN_EXE_zexa");

pub struct Home {
    pub dir: tempfile::TempDir,
}

impl Home {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("config")).unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        std::fs::create_dir_all(dir.path().join("work")).unwrap();
        Self { dir }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Where the window keeps its settings for this home (the same path the CLI reads).
    pub fn settings_path(&self) -> PathBuf {
        self.path().join("config").join(zexa_core::APP_IDENTIFIER).join("settings.json")
    }

    pub fn usage_log(&self) -> PathBuf {
        self.path().join("data").join(zexa_core::APP_IDENTIFIER).join(zexa_profiles::usage::USAGE_FILE)
    }

    pub fn work(&self) -> PathBuf {
        self.path().join("work")
    }

    /// `zexa ARGS` with this home's folders, in its work folder, English, no colour.
    pub fn zexa(&self, args: &[&str]) -> Command {
        let mut command = Command::new(ZEXA);
        command
            .args(args)
            .current_dir(self.work())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("data"))
            .env("LANG", "en_US.UTF-8")
            .env_remove("LC_ALL")
            .env_remove("LANGUAGE")
            .env_remove("ZEXA_API_KEY")
            .stdin(Stdio::null());
        command
    }

    /// Runs to the end; stdout and stderr captured (so they are pipes: masking is on).
    pub fn output(&self, args: &[&str]) -> Output {
        self.zexa(args).output().expect("zexa runs")
    }

    /// `zexa profiles add NAME --base-url URL` with the key on stdin, as a script would.
    pub fn add_profile(&self, name: &str, base_url: &str, key: &str) {
        use std::io::Write;
        let mut child = self
            .zexa(&["profiles", "add", name, "--base-url", base_url])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(format!("{key}\n").as_bytes()).unwrap();
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "profiles add failed: {}", text(&out.stderr));
    }

    pub fn profile_id(&self, name: &str) -> String {
        let settings: serde_json::Value =
            serde_json::from_slice(&std::fs::read(self.settings_path()).unwrap()).unwrap();
        settings["profiles"].as_array().unwrap().iter().find(|p| p["name"] == name).unwrap()["id"]
            .as_str()
            .unwrap()
            .to_owned()
    }

    /// Deletes the keychain entries of this home's profiles (the test session's keyring is shared).
    pub fn forget_keys(&self) {
        let Ok(bytes) = std::fs::read(self.settings_path()) else { return };
        let settings: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        for profile in settings["profiles"].as_array().into_iter().flatten() {
            let _ = Command::new("secret-tool")
                .args(["clear", "service", zexa_core::APP_IDENTIFIER, "username", profile["id"].as_str().unwrap()])
                .status();
        }
    }
}

impl Drop for Home {
    fn drop(&mut self) {
        self.forget_keys();
    }
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A sandbox server on its own runtime thread, for tests that are not async themselves.
pub struct Sandbox {
    pub runtime: tokio::runtime::Runtime,
    pub handle: Option<zexa_sandbox::SandboxHandle>,
}

impl Sandbox {
    pub fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        let handle = runtime.block_on(zexa_sandbox::SandboxServer::start(Default::default())).unwrap();
        Self { runtime, handle: Some(handle) }
    }

    pub fn url(&self) -> String {
        self.handle.as_ref().unwrap().base_url()
    }

    pub fn key(&self) -> String {
        self.handle.as_ref().unwrap().admin_api_key().expose().clone()
    }

    pub fn requests(&self) -> Vec<String> {
        self.handle.as_ref().unwrap().requests()
    }
}

/// Waits until `ready` holds, failing after `limit` with `what`.
pub fn wait_until(what: &str, limit: Duration, mut ready: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ready() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}
