//! The fault matrix: each injected fault gives its named error (or a retried success where the
//! contract allows a retry), never a panic or a hang.

mod common;

use std::time::{Duration, Instant};

use common::*;
use serde_json::json;
use zexa_api::{ApiError, BadResponseKind, Client, ClientConfig};
use zexa_core::error::{ErrorCode, IpcError};

fn assert_code(error: &ApiError, code: ErrorCode) {
    assert_eq!(error.code(), code, "{error:?}");
    assert_eq!(IpcError::from(error.clone()).code, code);
}

#[tokio::test]
async fn latency_beyond_the_total_timeout_is_a_timeout_on_time() {
    let sandbox = sandbox().await;
    let admin = Admin::new(&sandbox);
    admin.fault("GET", "/v1/credits", json!({"kind": "delay", "ms": 800}), None).await;
    let timeout = Duration::from_millis(250);
    let client = client_with(&sandbox, ClientConfig { total_timeout: timeout, ..test_config() });
    let started = Instant::now();
    let error = client.credits().await.unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(error, ApiError::Timeout);
    assert_code(&error, ErrorCode::Timeout);
    assert!(elapsed >= timeout && elapsed < timeout + Duration::from_millis(300), "{elapsed:?}");
}

#[tokio::test]
async fn latency_within_the_timeout_is_fine() {
    let sandbox = sandbox().await;
    Admin::new(&sandbox).fault("GET", "/v1/credits", json!({"kind": "delay", "ms": 100}), Some(1)).await;
    assert!(client(&sandbox).credits().await.is_ok());
}

#[tokio::test]
async fn a_server_error_is_retried_for_get_and_delete_only() {
    let sandbox = sandbox().await;
    let admin = Admin::new(&sandbox);
    let client = client(&sandbox);
    admin.fault("GET", "/v1/credits", json!({"kind": "status", "status": 500}), Some(2)).await;
    assert!(client.credits().await.is_ok(), "two 500s then success within 3 attempts");

    admin.fault("DELETE", "/v1/sessions/*", json!({"kind": "status", "status": 503}), Some(1)).await;
    let session = client.list_sessions().await.unwrap().remove(0);
    client.revoke_session(&session.id).await.unwrap();

    admin.fault("POST", "/v1/api-keys", json!({"kind": "status", "status": 500}), Some(1)).await;
    let error = client.create_api_key("Not retried").await.unwrap_err();
    assert!(matches!(error, ApiError::Server { status: 500, request_id: Some(_) }), "{error:?}");
    assert_code(&error, ErrorCode::Server);
    assert!(!client.list_api_keys().await.unwrap().iter().any(|k| k.name == "Not retried"));

    admin.fault("GET", "/v1/account", json!({"kind": "status", "status": 500}), None).await;
    let error = client.account().await.unwrap_err();
    assert!(matches!(error, ApiError::Server { status: 500, .. }), "{error:?}");
}

#[tokio::test]
async fn rate_limits_are_retried_for_every_method_honouring_retry_after() {
    let sandbox = sandbox().await;
    let admin = Admin::new(&sandbox);
    let client = client(&sandbox);
    admin.fault("GET", "/v1/credits", json!({"kind": "rate_limit", "retry_after": 1}), Some(1)).await;
    let started = Instant::now();
    client.credits().await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After was honoured");

    // Without Retry-After: exponential backoff, and a POST may be retried after a 429.
    admin.fault("POST", "/v1/api-keys", json!({"kind": "rate_limit"}), Some(2)).await;
    let started = Instant::now();
    client.create_api_key("After 429").await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn a_retry_after_beyond_the_cap_is_reported_not_waited() {
    let sandbox = sandbox().await;
    let admin = Admin::new(&sandbox);
    admin.fault("GET", "/v1/credits", json!({"kind": "rate_limit", "retry_after": 120}), None).await;
    let started = Instant::now();
    let error = client(&sandbox).credits().await.unwrap_err();
    assert!(started.elapsed() < Duration::from_millis(500));
    assert!(
        matches!(error, ApiError::RateLimited { retry_after: Some(d), request_id: Some(_) } if d == Duration::from_secs(120)),
        "{error:?}"
    );
    assert_code(&error, ErrorCode::RateLimited);
    assert_eq!(IpcError::from(error).message, "Too many requests. Try again in 120 seconds.");

    admin.send(reqwest::Method::DELETE, "/faults", None).await;
    admin.fault("GET", "/v1/credits", json!({"kind": "rate_limit"}), None).await;
    let error = client(&sandbox).credits().await.unwrap_err();
    assert!(matches!(error, ApiError::RateLimited { retry_after: None, .. }), "{error:?}");
}

#[tokio::test]
async fn a_malformed_body_is_a_bad_response() {
    let sandbox = sandbox().await;
    Admin::new(&sandbox).fault("GET", "/v1/credits", json!({"kind": "malformed_body"}), None).await;
    let error = client(&sandbox).credits().await.unwrap_err();
    assert!(matches!(error, ApiError::BadResponse { kind: BadResponseKind::Undecodable, .. }), "{error:?}");
    assert_code(&error, ErrorCode::BadResponse);
}

#[tokio::test]
async fn a_truncated_body_is_a_bad_response() {
    let sandbox = sandbox().await;
    Admin::new(&sandbox).fault("GET", "/v1/sessions", json!({"kind": "truncated_body"}), None).await;
    let error = client(&sandbox).list_sessions().await.unwrap_err();
    assert!(matches!(error, ApiError::BadResponse { kind: BadResponseKind::Truncated, .. }), "{error:?}");
}

#[tokio::test]
async fn an_oversized_body_is_refused_without_reading_it_all() {
    let sandbox = sandbox().await;
    let admin = Admin::new(&sandbox);
    admin.fault("GET", "/v1/credits", json!({"kind": "oversized_body", "bytes": 64 * 1024 * 1024}), None).await;
    let started = Instant::now();
    let error = client(&sandbox).credits().await.unwrap_err();
    assert!(matches!(error, ApiError::BadResponse { kind: BadResponseKind::TooLarge, .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(2), "stopped at the cap, not after 64 MiB");
    // Just under the cap is still read.
    admin.send(reqwest::Method::DELETE, "/faults", None).await;
    admin.fault("GET", "/v1/credits", json!({"kind": "oversized_body", "bytes": 1024 * 1024}), Some(1)).await;
    assert_eq!(client(&sandbox).credits().await.unwrap().currency, "USD");
}

#[tokio::test]
async fn a_reset_connection_is_a_network_error_retried_only_when_allowed() {
    let sandbox = sandbox().await;
    let admin = Admin::new(&sandbox);
    let client = client(&sandbox);
    admin.fault("GET", "/v1/credits", json!({"kind": "reset_connection"}), Some(1)).await;
    assert!(client.credits().await.is_ok(), "a GET is retried after a reset");

    admin.fault("GET", "/v1/account", json!({"kind": "reset_connection"}), None).await;
    let error = client.account().await.unwrap_err();
    assert!(matches!(error, ApiError::Network { .. }), "{error:?}");
    assert_code(&error, ErrorCode::Network);

    // The POST reached the server before the reset, so it must not be sent again.
    admin.fault("POST", "/v1/api-keys", json!({"kind": "reset_connection"}), Some(1)).await;
    let error = client.create_api_key("Maybe created").await.unwrap_err();
    assert!(matches!(error, ApiError::Network { .. }), "{error:?}");
    let faults = admin.get("/faults").await;
    assert!(!faults["data"].as_array().unwrap().iter().any(|f| f["method"] == "POST"), "used exactly once");
}

#[tokio::test]
async fn missing_fields_are_bad_responses_and_extra_fields_are_ignored() {
    let sandbox = sandbox().await;
    let admin = Admin::new(&sandbox);
    let client = client(&sandbox);
    let missing = json!({"kind": "status", "status": 200, "body": r#"{"currency":"USD"}"#});
    admin.fault("GET", "/v1/credits", missing, Some(1)).await;
    let error = client.credits().await.unwrap_err();
    assert!(matches!(error, ApiError::BadResponse { kind: BadResponseKind::Undecodable, .. }), "{error:?}");

    let extra =
        json!({"kind": "status", "status": 200, "body": r#"{"credits":12.5,"currency":"AOA","tier":"gold","x":{}}"#});
    admin.fault("GET", "/v1/credits", extra, Some(1)).await;
    let credits = client.credits().await.unwrap();
    assert_eq!((credits.credits.to_string().as_str(), credits.currency.as_str()), ("12.5", "AOA"));

    admin.fault("GET", "/v1/credits", json!({"kind": "status", "status": 418}), Some(1)).await;
    let error = client.credits().await.unwrap_err();
    assert!(matches!(error, ApiError::BadResponse { kind: BadResponseKind::Unexpected, .. }), "{error:?}");
}

#[tokio::test]
async fn an_unreachable_server_is_a_bounded_network_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::new(&format!("http://127.0.0.1:{port}/v1"), secret("zx_test_key"), test_config()).unwrap();
    let started = Instant::now();
    let error = client.create_api_key("Never sent").await.unwrap_err();
    assert!(matches!(error, ApiError::Network { .. }), "{error:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn plain_http_to_a_remote_host_is_refused() {
    let error = Client::new("http://api.zexa.ao/v1", secret("zx_live_key"), ClientConfig::default()).unwrap_err();
    assert!(matches!(error, ApiError::InsecureUrl { .. }));
    assert_code(&error, ErrorCode::InsecureUrl);
}
