//! Simulated steady spending (a demo of the credit runway), on the sandbox's own clock.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use serde_json::{json, Value};
use zexa_api::Decimal;
use zexa_sandbox::{ManualClock, SandboxHandle, SandboxOptions, SandboxServer};

async fn credits(sandbox: &SandboxHandle) -> String {
    let reply: Value = reqwest::Client::new()
        .get(format!("{}/credits", sandbox.base_url()))
        .bearer_auth(sandbox.admin_api_key().expose())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    reply["credits"].to_string()
}

#[tokio::test]
async fn the_balance_falls_steadily_in_half_credits_and_stops_at_zero() {
    let clock = Arc::new(ManualClock::new(UNIX_EPOCH + Duration::from_secs(1_795_000_000)));
    let options =
        SandboxOptions { clock: clock.clone(), spend_per_minute: Some(Decimal::from(2)), ..Default::default() };
    let sandbox = SandboxServer::start(options).await.unwrap();
    assert_eq!(credits(&sandbox).await, "4250");
    clock.advance(Duration::from_secs(90));
    assert_eq!(credits(&sandbox).await, "4247");
    clock.advance(Duration::from_secs(15)); // 105 s in all: 3.5 credits
    assert_eq!(credits(&sandbox).await, "4246.5");
    clock.advance(Duration::from_secs(10)); // 115 s: still 3.5 (3.83 is not a whole half credit)
    assert_eq!(credits(&sandbox).await, "4246.5");

    // The admin API changes the pace; 0 stops it; a new balance is where it goes on from.
    let admin = |path: &str, body: Value| {
        reqwest::Client::new().put(format!("{}{path}", sandbox.admin_url())).json(&body).send()
    };
    assert!(admin("/balance", json!({"credits": 10})).await.unwrap().status().is_success());
    assert!(admin("/spending", json!({"credits_per_minute": 60})).await.unwrap().status().is_success());
    clock.advance(Duration::from_secs(5));
    assert_eq!(credits(&sandbox).await, "5");
    clock.advance(Duration::from_secs(60));
    assert_eq!(credits(&sandbox).await, "0", "never below zero");
    assert!(admin("/spending", json!({"credits_per_minute": 0})).await.unwrap().status().is_success());
    assert!(admin("/balance", json!({"credits": 100})).await.unwrap().status().is_success());
    clock.advance(Duration::from_secs(600));
    assert_eq!(credits(&sandbox).await, "100");
    let refused = admin("/spending", json!({"credits_per_minute": -1})).await.unwrap();
    assert_eq!(refused.status().as_u16(), 422);

    sandbox.set_spending(Decimal::from(1));
    clock.advance(Duration::from_secs(120));
    assert_eq!(credits(&sandbox).await, "98");
}
