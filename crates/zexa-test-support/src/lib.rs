//! Shared by the tests that check desktop notifications over the real freedesktop interface:
//! a test-owned `org.freedesktop.Notifications` server that records every `Notify` call, run on
//! a private `dbus-run-session` so it owns the name even on a desktop where a notification
//! daemon runs, and never shows anything there.

use std::collections::HashMap;
use std::future::Future;
use std::path::PathBuf;
use std::process::Command;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::mpsc;
use zbus::zvariant::OwnedValue as OwnedVariant;
use zexa_monitor::ClickEvent;

const INSIDE_SESSION: &str = "ZEXA_TEST_INSIDE_DBUS_SESSION";
const REPORT: &str = "ZEXA_TEST_DBUS_REPORT";

/// Runs `scenario` inside a private D-Bus session bus: the test binary runs itself again
/// (only the test named `test_name`) under `dbus-run-session`. The scenario's summary line is
/// returned to the outer run, which guards against the inner run matching no test and passing
/// vacuously.
pub fn in_private_session_bus<F, Fut>(test_name: &str, scenario: F) -> Option<String>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = String>,
{
    if std::env::var_os(INSIDE_SESSION).is_some() {
        let report = PathBuf::from(std::env::var_os(REPORT).expect("report path"));
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        let summary = runtime.block_on(scenario());
        std::fs::write(report, summary).unwrap();
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.txt");
    let status = Command::new("dbus-run-session")
        .arg("--")
        .arg(std::env::current_exe().unwrap())
        .args(["--exact", test_name, "--nocapture", "--test-threads=1"])
        .env(INSIDE_SESSION, "1")
        .env(REPORT, &report)
        .status()
        .expect("dbus-run-session must be installed (Debian package dbus)");
    assert!(status.success(), "the test inside dbus-run-session failed: {status}");
    Some(std::fs::read_to_string(&report).expect("the inner run did not get to the end"))
}

#[derive(Debug, Clone)]
pub struct Recorded {
    pub id: u32,
    pub app_name: String,
    pub app_icon: String,
    pub summary: String,
    pub body: String,
    pub actions: Vec<String>,
    pub urgency: Option<u8>,
    pub desktop_entry: Option<String>,
}

struct NotificationServer {
    calls: Arc<Mutex<Vec<Recorded>>>,
}

#[zbus::interface(name = "org.freedesktop.Notifications")]
impl NotificationServer {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &mut self,
        app_name: String,
        _replaces_id: u32,
        app_icon: String,
        summary: String,
        body: String,
        actions: Vec<String>,
        hints: HashMap<String, OwnedVariant>,
        _expire_timeout: i32,
    ) -> u32 {
        let mut calls = self.calls.lock().unwrap();
        let id = calls.len() as u32 + 1;
        calls.push(Recorded {
            id,
            app_name,
            app_icon,
            summary,
            body,
            actions,
            urgency: hints.get("urgency").and_then(|v| u8::try_from(v).ok()),
            desktop_entry: hints.get("desktop-entry").and_then(|v| <&str>::try_from(v).ok()).map(str::to_owned),
        });
        id
    }

    fn get_capabilities(&self) -> Vec<String> {
        vec!["actions".into(), "body".into()]
    }

    fn get_server_information(&self) -> (String, String, String, String) {
        ("zexa-test-recorder".into(), "Zexa".into(), "1".into(), "1.2".into())
    }

    fn close_notification(&self, _id: u32) {}
}

/// The recording server, owning `org.freedesktop.Notifications` on the session bus.
pub struct NotificationRecorder {
    pub bus: zbus::Connection,
    calls: Arc<Mutex<Vec<Recorded>>>,
}

impl NotificationRecorder {
    pub async fn start() -> Self {
        let calls = Arc::new(Mutex::new(Vec::new()));
        let bus = zbus::connection::Builder::session()
            .and_then(|b| b.name("org.freedesktop.Notifications"))
            .and_then(|b| b.serve_at("/org/freedesktop/Notifications", NotificationServer { calls: calls.clone() }))
            .expect("a session bus connection for the recorder")
            .build()
            .await
            .expect("own org.freedesktop.Notifications on the private session bus");
        Self { bus, calls }
    }

    /// Every `Notify` call so far.
    pub fn recorded(&self) -> Vec<Recorded> {
        self.calls.lock().unwrap().clone()
    }

    /// Emits `ActionInvoked(id, "default")` as a server does on a click, until the callback
    /// fires: notify-rust subscribes to the signal just after `Notify` returns, so the first
    /// emission may precede its match rule.
    pub async fn click(&self, id: u32, clicks: &mut mpsc::UnboundedReceiver<ClickEvent>) -> ClickEvent {
        for _ in 0..50 {
            self.bus
                .emit_signal(
                    None::<&str>,
                    "/org/freedesktop/Notifications",
                    "org.freedesktop.Notifications",
                    "ActionInvoked",
                    &(id, "default"),
                )
                .await
                .unwrap();
            if let Ok(Some(event)) = tokio::time::timeout(Duration::from_millis(100), clicks.recv()).await {
                tokio::time::sleep(Duration::from_millis(300)).await;
                return event;
            }
        }
        panic!("no click callback within 5 s");
    }
}
