//! Callers that want the balance at nearly the same time share one `GET /credits`, counted in
//! the sandbox's own request log.

mod common;

use std::time::Duration;

use common::{client, sandbox, Admin};
use reqwest::Method;
use serde_json::json;
use zexa_sandbox::SandboxHandle;

fn credit_requests(sandbox: &SandboxHandle) -> usize {
    sandbox.requests().iter().filter(|r| r.as_str() == "GET /v1/credits").count()
}

#[tokio::test]
async fn callers_at_the_same_moment_share_one_request() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let clone = client.clone();
    let (a, b, c) = tokio::join!(
        client.credits_within(Duration::from_secs(60)),
        client.credits_within(Duration::from_secs(60)),
        clone.credits_within(Duration::from_secs(5)),
    );
    assert_eq!(credit_requests(&sandbox), 1);
    assert_eq!([a.requested, b.requested, c.requested].iter().filter(|r| **r).count(), 1, "one caller asked");
    assert_eq!(a.result.unwrap().credits, b.result.unwrap().credits);
    assert!(c.result.is_ok());
}

#[tokio::test]
async fn a_recent_answer_is_reused_and_zero_age_always_asks_again() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let first = client.credits_within(Duration::from_secs(60)).await;
    assert!(first.requested);
    Admin::new(&sandbox).send(Method::PUT, "/balance", Some(json!({"credits": 17}))).await;

    let reused = client.credits_within(Duration::from_secs(60)).await;
    assert!(!reused.requested);
    assert_eq!(reused.result.unwrap().credits, first.result.unwrap().credits, "the answer of a moment ago");
    assert!(client.credits_age().unwrap() < Duration::from_secs(60));
    assert_eq!(credit_requests(&sandbox), 1);

    // "Refresh": an answer given after the click, so the top-up just made shows.
    let refreshed = client.credits_within(Duration::ZERO).await;
    assert!(refreshed.requested);
    assert_eq!(refreshed.result.unwrap().credits.to_string(), "17");
    assert_eq!(credit_requests(&sandbox), 2);
}

#[tokio::test]
async fn an_answer_older_than_asked_for_is_not_reused() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    client.credits_within(Duration::from_secs(60)).await;
    tokio::time::sleep(Duration::from_millis(60)).await;
    let again = client.credits_within(Duration::from_millis(50)).await;
    assert!(again.requested);
    assert_eq!(credit_requests(&sandbox), 2);
}

#[tokio::test]
async fn a_new_key_never_sees_the_old_keys_answer() {
    let sandbox = sandbox().await;
    let old = client(&sandbox);
    let refused = common::client_for_key(&sandbox, "zx_test_not_a_real_key_0000");
    assert!(old.credits_within(Duration::from_secs(60)).await.result.is_ok());
    let answer = refused.credits_within(Duration::from_secs(60)).await;
    assert!(answer.requested, "another client (another key) asks for itself");
    assert!(answer.result.is_err());
    assert_eq!(refused.credits_age().map(|age| age < Duration::from_secs(5)), Some(true));
    assert_eq!(common::client(&sandbox).credits_age(), None, "a fresh client has no answer yet");
}

#[tokio::test]
async fn the_latest_answer_is_read_without_asking() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    assert!(client.latest_credits_within(Duration::from_secs(60)).is_none(), "no answer yet");
    let first = client.credits_within(Duration::from_secs(60)).await;

    let latest = client.latest_credits_within(Duration::from_secs(60)).expect("the answer of a moment ago");
    assert!(!latest.requested);
    assert_eq!(latest.result.unwrap().credits, first.result.unwrap().credits);
    tokio::time::sleep(Duration::from_millis(60)).await;
    assert!(client.latest_credits_within(Duration::from_millis(50)).is_none(), "too old for the caller");
    assert_eq!(credit_requests(&sandbox), 1, "reading the latest answer never asks the server");
}
