//! End to end over the real freedesktop notification interface: the monitor polls the real
//! sandbox through the real `zexa_api::Client`, and the real `notify-rust` notifier sends
//! `Notify` calls over D-Bus to a test-owned `org.freedesktop.Notifications` server that records
//! them. The test runs itself again inside a private `dbus-run-session`, so it owns the name
//! even on a desktop where a notification daemon is running, and never shows anything there.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{json, Value};
use tokio::sync::{mpsc, watch};
use zexa_api::{Client, ClientConfig};
use zexa_core::secret::SecretString;
use zexa_monitor::*;
use zexa_sandbox::{SandboxHandle, SandboxOptions, SandboxServer};
use zexa_test_support::{in_private_session_bus, NotificationRecorder};

const TEST_NAME: &str = "notifications_travel_over_the_session_bus";

#[test]
fn notifications_travel_over_the_session_bus() {
    if let Some(summary) = in_private_session_bus(TEST_NAME, scenario) {
        assert_eq!(summary, "3 notifications, 1 click");
    }
}

struct Admin {
    http: reqwest::Client,
    base: String,
}

impl Admin {
    async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Value {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        assert!(response.status().is_success(), "{path}: {}", response.status());
        response.json().await.unwrap_or(Value::Null)
    }

    async fn set_balance(&self, credits: f64) {
        self.send(reqwest::Method::PUT, "/balance", Some(json!({ "credits": credits }))).await;
    }

    /// A key issued as on the dashboard: (id, secret).
    async fn new_key(&self, name: &str) -> (String, SecretString) {
        let key = self.send(reqwest::Method::POST, "/api-keys", Some(json!({ "name": name }))).await;
        (key["id"].as_str().unwrap().to_owned(), SecretString::new(key["key"].as_str().unwrap().to_owned()))
    }
}

fn client(sandbox: &SandboxHandle, key: SecretString) -> Client {
    let config = ClientConfig { total_timeout: Duration::from_secs(5), ..ClientConfig::default() };
    Client::new(&sandbox.base_url(), key, config).unwrap()
}

fn settings(notifications_enabled: bool) -> MonitorSettings {
    MonitorSettings {
        profile_name: "Production".into(),
        low_credit_threshold: 500,
        poll_interval_minutes: 60,
        notifications_enabled,
    }
}

fn config() -> MonitorConfig {
    MonitorConfig { min_refresh_gap: Duration::ZERO, ..MonitorConfig::default() }
}

/// "Refresh now", then wait for that poll's outcome. The notifier's D-Bus call is answered
/// before the outcome is published, so the recorder already holds whatever it produced.
async fn refresh(monitor: &MonitorHandle, rx: &mut watch::Receiver<MonitorStatus>) -> MonitorStatus {
    let polls = rx.borrow().polls;
    monitor.refresh_now();
    poll_done(rx, polls + 1).await
}

async fn poll_done(rx: &mut watch::Receiver<MonitorStatus>, polls: u64) -> MonitorStatus {
    let status = tokio::time::timeout(Duration::from_secs(15), rx.wait_for(|s| s.polls >= polls));
    status.await.expect("poll within 15 s").expect("monitor running").clone()
}

async fn scenario() -> String {
    let recorder = NotificationRecorder::start().await;
    let recorded = || recorder.recorded();

    let sandbox = SandboxServer::start(SandboxOptions::default()).await.unwrap();
    let admin = Admin { http: reqwest::Client::builder().no_proxy().build().unwrap(), base: sandbox.admin_url() };
    let (key_id, key) = admin.new_key("Zexa Desktop (monitor test)").await;
    let dir = tempfile::tempdir().unwrap();
    let state_file = dir.path().join(ALERT_STATE_FILE);

    let (click_tx, mut clicks) = mpsc::unbounded_channel();
    let notifier: Arc<dyn Notifier> = Arc::new(
        DesktopNotifier::new(DesktopNotifierOptions {
            icon: "ao.zexa.desktop".into(),
            desktop_entry: Some("zexa-desktop".into()),
            ..Default::default()
        })
        .on_click(move |event| click_tx.send(event).unwrap()),
    );
    let spawn = |key: SecretString, enabled: bool| {
        CreditMonitor::new("p1", client(&sandbox, key), notifier.clone(), Arc::new(AlertStore::open(&state_file)))
            .with_config(config())
            .spawn(settings(enabled))
    };

    let monitor = spawn(key.clone(), true);
    let mut rx = monitor.subscribe();
    let status = poll_done(&mut rx, 1).await;
    assert_eq!(status.level(), BalanceLevel::Normal, "{status:?}");
    assert!(recorded().is_empty());

    // Below the threshold: exactly one notification, with the app's name, icon and texts.
    admin.set_balance(420.0).await;
    assert_eq!(refresh(&monitor, &mut rx).await.level(), BalanceLevel::Low);
    let low = recorded();
    assert_eq!(low.len(), 1, "{low:?}");
    assert_eq!(low[0].app_name, "Zexa Desktop");
    assert_eq!(low[0].app_icon, "ao.zexa.desktop");
    assert_eq!(low[0].summary, "Zexa credits low");
    assert_eq!(
        low[0].body,
        "Production: USD\u{a0}420.00 left, below your 500 credit threshold. Top up in Billing → Buy Credits."
    );
    assert_eq!(low[0].actions, vec!["default".to_owned(), "Open".to_owned()]);
    assert_eq!(low[0].urgency, Some(1));
    assert_eq!(low[0].desktop_entry.as_deref(), Some("zexa-desktop"));

    // Staying below and dropping further (above zero): nothing new.
    refresh(&monitor, &mut rx).await;
    admin.set_balance(99.5).await;
    let status = refresh(&monitor, &mut rx).await;
    assert_eq!(status.balance.as_ref().unwrap().credits.to_string(), "99.5");
    assert_eq!(recorded().len(), 1, "{:?}", recorded());

    // Zero: one more, critical.
    admin.set_balance(0.0).await;
    assert_eq!(refresh(&monitor, &mut rx).await.level(), BalanceLevel::Empty);
    refresh(&monitor, &mut rx).await;
    let zero = recorded();
    assert_eq!(zero.len(), 2, "{zero:?}");
    assert_eq!(zero[1].summary, "Zexa credits used up — sending is paused");
    assert_eq!(
        zero[1].body,
        "Production: USD\u{a0}0.00 left. Messages and campaigns are paused until you top up in Billing → Buy Credits."
    );
    assert_eq!(zero[1].urgency, Some(2));

    // A click on it ("default" action) reaches the shell's callback, once.
    let click = recorder.click(zero[1].id, &mut clicks).await;
    assert_eq!(click, ClickEvent { profile_id: "p1".into(), kind: NoticeKind::Zero, subject: None });

    // The key is revoked on the dashboard: one "refused" notification.
    admin.send(reqwest::Method::DELETE, &format!("/api-keys/{key_id}"), None).await;
    assert_eq!(refresh(&monitor, &mut rx).await.level(), BalanceLevel::KeyRefused);
    refresh(&monitor, &mut rx).await;
    let revoked = recorded();
    assert_eq!(revoked.len(), 3, "{revoked:?}");
    assert_eq!(revoked[2].summary, "Zexa API key refused");
    drop(monitor);

    // Relaunch with the state file: the same situation notifies nothing again.
    let monitor = spawn(key, true);
    let mut rx = monitor.subscribe();
    assert_eq!(poll_done(&mut rx, 1).await.level(), BalanceLevel::KeyRefused);
    drop(monitor);

    // Notifications off: a new key and a new low balance notify nothing.
    let (_, new_key) = admin.new_key("Replacement").await;
    admin.set_balance(5000.0).await;
    let monitor = spawn(new_key, false);
    let mut rx = monitor.subscribe();
    poll_done(&mut rx, 1).await;
    admin.set_balance(10.0).await;
    assert_eq!(refresh(&monitor, &mut rx).await.level(), BalanceLevel::Low);
    assert_eq!(recorded().len(), 3, "{:?}", recorded());

    assert!(clicks.try_recv().is_err(), "one click, one callback");
    format!("{} notifications, 1 click", recorded().len())
}
