//! Failures stay contained: a panic in the credit monitor or the new sign-in check is logged
//! and the task goes on (the monitor restarts with back-off), and the app keeps working. The
//! panics are armed with the `fault-hooks` feature, which exists in test builds only.

mod common;

use std::time::Duration;

use zexa_app::containment::{contained, FaultPoint};
use zexa_core::error::ErrorCode;

use common::{fixture, monitor_settled};

#[tokio::test]
async fn a_panicking_command_is_an_internal_error_and_the_next_one_works() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    f.service.arm_fault(FaultPoint::Command);
    let error = contained("get_balance", f.service.balance(true)).await.unwrap_err();
    assert_eq!(error.code, ErrorCode::Internal);
    assert_eq!(f.service.balance(true).await.unwrap().credits, "4250");
}

#[tokio::test]
async fn the_credit_monitor_comes_back_after_a_panic() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    monitor_settled(&f).await;
    let mut statuses = f.service.subscribe_monitor();
    statuses.borrow_and_update();
    f.service.arm_fault(FaultPoint::Monitor);
    tokio::time::sleep(Duration::from_secs(5)).await; // past the monitor's refresh coalescing gap
    f.service.refresh_now(); // the poll panics
                             // A new monitor starts (after a second's back-off) and polls at once.
    let status = tokio::time::timeout(
        Duration::from_secs(15),
        statuses.wait_for(|s| s.as_ref().is_some_and(|s| s.polls == 1 && s.balance.is_some())),
    )
    .await
    .expect("the monitor restarted and polled")
    .unwrap()
    .clone()
    .unwrap();
    assert_eq!(status.balance.unwrap().credits.to_string(), "4250");
}

#[tokio::test]
async fn the_new_sign_in_check_goes_on_after_a_panic() {
    let f = fixture().await;
    f.add_admin_profile("Production").await;
    f.service.arm_fault(FaultPoint::SessionWatch);
    f.service.start_session_watch(); // its first round panics
    tokio::time::sleep(Duration::from_millis(500)).await;
    // The loop survived: a settings change wakes it for a normal round (the baseline).
    let id = f.service.app_state().active_profile_id.unwrap();
    f.service.set_profile_threshold(&id, 100).unwrap();
    tokio::time::sleep(Duration::from_millis(500)).await;
    // Had the loop died, this would be the baseline and announce nothing.
    let body = serde_json::json!({"device": "Pixel 9", "location": "Huambo, Angola", "ip": "203.0.113.9"});
    common::admin(&f.sandbox, reqwest::Method::POST, "/sessions", body).await;
    assert_eq!(f.service.check_sessions_now().await, 1, "the surviving loop took the baseline");
}
