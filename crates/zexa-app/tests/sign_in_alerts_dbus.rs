//! New sign-in alerts over the real freedesktop notification interface: the app's session
//! check polls the real sandbox through the real client, and the real `notify-rust` notifier
//! sends `Notify` over D-Bus to a recording server on a private session bus. A session seeded
//! through the sandbox's admin routes gives exactly one notification; later polls give none.

mod common;

use std::sync::Arc;

use serde_json::json;
use tokio::sync::mpsc;
use zexa_app::ServiceOptions;
use zexa_monitor::{ClickEvent, DesktopNotifier, DesktopNotifierOptions, NoticeKind};
use zexa_test_support::{in_private_session_bus, NotificationRecorder};

const TEST_NAME: &str = "a_new_sign_in_is_one_desktop_notification";

#[test]
fn a_new_sign_in_is_one_desktop_notification() {
    if let Some(summary) = in_private_session_bus(TEST_NAME, scenario) {
        assert_eq!(summary, "1 notification after 4 checks, 1 click");
    }
}

async fn scenario() -> String {
    let recorder = NotificationRecorder::start().await;
    let f = common::fixture().await;
    f.add_admin_profile("Production").await;

    let (click_tx, mut clicks) = mpsc::unbounded_channel();
    let notifier =
        DesktopNotifier::new(DesktopNotifierOptions { icon: "ao.zexa.desktop".into(), ..Default::default() })
            .on_click(move |event| click_tx.send(event).unwrap());
    let service = zexa_app::AppService::load(
        zexa_core::settings::SettingsStore::new(&f.settings_path),
        ServiceOptions { notifier: Arc::new(notifier), ..common::options(&f.keychain, &f.clipboard, f.dir.path()) },
    );

    assert_eq!(service.check_sessions_now().await, 0, "baseline");
    let body = json!({"device": "Pixel 9 · Chrome", "location": "Huambo, Angola", "ip": "203.0.113.9"});
    let seeded = common::admin(&f.sandbox, reqwest::Method::POST, "/sessions", body).await;
    let session_id = seeded["id"].as_str().unwrap().to_owned();
    for _ in 0..3 {
        service.check_sessions_now().await;
    }
    let recorded = recorder.recorded();
    assert_eq!(recorded.len(), 1, "{recorded:?}");
    assert_eq!(recorded[0].summary, "New sign-in to Production: Pixel 9 · Chrome, Huambo, Angola");
    assert!(recorded[0].body.starts_with("From IP 203.0.113.9."), "{}", recorded[0].body);
    assert_eq!(recorded[0].app_name, "Zexa Desktop");

    let click = recorder.click(recorded[0].id, &mut clicks).await;
    let profile_id = service.app_state().active_profile_id.unwrap();
    assert_eq!(click, ClickEvent { profile_id, kind: NoticeKind::NewSignIn, subject: Some(session_id) });
    format!("{} notification after 4 checks, 1 click", recorder.recorded().len())
}
