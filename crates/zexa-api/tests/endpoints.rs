//! The client against the real sandbox over loopback: every endpoint and every error row of the
//! contract (part A and part B).

mod common;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use common::*;
use serde_json::json;
use zexa_api::contract::{Endpoint, Role};
use zexa_api::totp::{self, OtpAuthUri};
use zexa_api::{ApiError, BadResponseKind, ClientConfig};
use zexa_core::error::{ErrorCode, IpcError};

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs()
}

fn assert_request_id(error: &ApiError) {
    let id = error.request_id().unwrap_or_else(|| panic!("no request_id in {error:?}"));
    assert!(id.starts_with("req_"), "{id}");
}

#[tokio::test]
async fn credits_are_exact_and_follow_the_balance() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let credits = client.credits().await.unwrap();
    assert_eq!((credits.credits.to_string().as_str(), credits.currency.as_str()), ("4250", "USD"));

    let admin = Admin::new(&sandbox);
    admin.send(reqwest::Method::PUT, "/balance", Some(json!({"credits": 4249.5, "currency": "AOA"}))).await;
    let credits = client.credits().await.unwrap();
    assert_eq!((credits.credits.to_string().as_str(), credits.currency.as_str()), ("4249.5", "AOA"));

    admin.send(reqwest::Method::PUT, "/balance", Some(json!({"credits": 0.1}))).await;
    assert_eq!(client.credits().await.unwrap().credits.to_string(), "0.1");
}

#[tokio::test]
async fn unknown_key_is_unauthorized_with_a_request_id() {
    let sandbox = sandbox().await;
    let error = client_for_key(&sandbox, "zx_test_not_a_real_key").credits().await.unwrap_err();
    assert!(matches!(error, ApiError::Unauthorized { .. }), "{error:?}");
    assert_request_id(&error);
    let ipc = IpcError::from(error);
    assert_eq!(ipc.code, ErrorCode::Unauthorized);
    assert_eq!(ipc.message, "The API key was refused: it is invalid or has been revoked.");
    // A pasted "Bearer " and whitespace are not part of the key.
    let pasted = format!("  Bearer {}\n", sandbox.admin_api_key().expose());
    assert!(client_for_key(&sandbox, &pasted).credits().await.is_ok());
}

#[tokio::test]
async fn account_describes_the_demo_admin() {
    let sandbox = sandbox().await;
    let account = client(&sandbox).account().await.unwrap();
    assert!(account.id.starts_with("acc_"));
    assert_eq!(account.name, "Demo Admin");
    assert_eq!(account.email, zexa_sandbox::DEMO_EMAIL);
    assert_eq!(account.role, Role::Admin);
    assert!(!account.two_factor_enabled);
}

#[tokio::test]
async fn api_keys_are_listed_created_once_and_revoked_at_once() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let names: Vec<String> = client.list_api_keys().await.unwrap().into_iter().map(|k| k.name).collect();
    for expected in ["Production server", "Staging", "CI pipeline", zexa_sandbox::ADMIN_KEY_NAME] {
        assert!(names.contains(&expected.to_owned()), "{names:?}");
    }

    let created = client.create_api_key("  Deploy bot ").await.unwrap();
    assert!(created.id.starts_with("key_"));
    assert_eq!(created.name, "Deploy bot");
    assert!(created.key.expose().starts_with(&created.prefix));
    assert_eq!(created.last_used_at, None);
    let listed = client.list_api_keys().await.unwrap();
    assert!(listed.contains(&created.summary()));

    let new_key_client = client_for_key(&sandbox, created.key.expose());
    assert!(new_key_client.credits().await.is_ok());
    client.revoke_api_key(&created.id).await.unwrap();
    for error in [
        new_key_client.credits().await.unwrap_err(),
        new_key_client.account().await.unwrap_err(),
        new_key_client.list_sessions().await.unwrap_err(),
    ] {
        assert!(matches!(error, ApiError::Unauthorized { .. }), "{error:?}");
    }
    assert!(!client.list_api_keys().await.unwrap().iter().any(|k| k.id == created.id));

    let again = client.revoke_api_key(&created.id).await.unwrap_err();
    assert!(matches!(again, ApiError::NotFound { .. }), "{again:?}");
    assert_request_id(&again);
    let unknown = client.revoke_api_key("key_doesnotexist").await.unwrap_err();
    assert!(matches!(unknown, ApiError::NotFound { .. }), "{unknown:?}");
}

#[tokio::test]
async fn api_key_names_are_validated() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    for bad in ["   ".to_owned(), "x".repeat(65), "Staging".to_owned()] {
        match client.create_api_key(&bad).await.unwrap_err() {
            ApiError::Validation { field, request_id, .. } => {
                assert_eq!(field.as_deref(), Some("name"));
                assert!(request_id.is_some());
            }
            other => panic!("{bad:?}: {other:?}"),
        }
    }
    assert!(client.create_api_key(&"x".repeat(64)).await.is_ok());
}

#[tokio::test]
async fn lists_fetch_every_page() {
    let sandbox = sandbox().await;
    let config = ClientConfig { page_size: 2, ..test_config() };
    let client = client_with(&sandbox, config);
    for n in 0..3 {
        client.create_api_key(&format!("Key {n}")).await.unwrap();
    }
    let first = client.list_api_keys_page(1, 2).await.unwrap();
    assert_eq!((first.meta.total, first.meta.page, first.meta.per_page, first.data.len()), (7, 1, 2, 2));
    let all = client.list_api_keys().await.unwrap();
    assert_eq!(all.len(), 7);
    let mut ids: Vec<_> = all.iter().map(|k| k.id.clone()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 7, "no key twice across pages");
    assert_eq!(client.list_sessions().await.unwrap().len(), 4);
}

#[tokio::test]
async fn members_cannot_manage_keys() {
    let sandbox = sandbox().await;
    let admin = Admin::new(&sandbox);
    let member = client_for_key(&sandbox, &admin.member_key().await);
    assert_eq!(member.account().await.unwrap().role, Role::Member);
    for error in [
        member.list_api_keys().await.unwrap_err(),
        member.create_api_key("Mine").await.unwrap_err(),
        member.revoke_api_key("key_any").await.unwrap_err(),
    ] {
        assert!(matches!(error, ApiError::Forbidden { .. }), "{error:?}");
        assert_request_id(&error);
    }
    assert!(member.credits().await.is_ok());
    assert!(member.list_sessions().await.unwrap().is_empty());
}

#[tokio::test]
async fn sessions_are_most_recent_first_and_really_removed() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let sessions = client.list_sessions().await.unwrap();
    assert_eq!(sessions.len(), 4);
    assert_eq!(sessions[0].device, "MacBook Pro · Safari 17");
    assert!(sessions.windows(2).all(|w| w[0].last_active_at >= w[1].last_active_at));
    assert!(sessions.iter().all(|s| s.id.starts_with("ses_")));

    client.revoke_session(&sessions[1].id).await.unwrap();
    let after = client.list_sessions().await.unwrap();
    assert_eq!(after.len(), 3);
    assert!(!after.iter().any(|s| s.id == sessions[1].id));
    let again = client.revoke_session(&sessions[1].id).await.unwrap_err();
    assert!(matches!(again, ApiError::NotFound { .. }), "{again:?}");
}

#[tokio::test]
async fn two_factor_setup_confirm_backup_codes_and_disable() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let admin = Admin::new(&sandbox);
    let status = client.two_factor_status().await.unwrap();
    assert!(!status.enabled && status.enabled_at.is_none() && status.backup_codes_remaining == 0);
    let no_setup = client.two_factor_confirm(&secret("123456")).await.unwrap_err();
    assert!(matches!(no_setup, ApiError::NotFound { .. }), "{no_setup:?}");
    assert!(matches!(client.regenerate_backup_codes(&secret("123456")).await, Err(ApiError::Conflict { .. })));
    assert!(matches!(client.disable_two_factor(&secret("123456")).await, Err(ApiError::Conflict { .. })));

    let setup = client.two_factor_setup().await.unwrap();
    let uri = OtpAuthUri::parse(setup.otpauth_url.expose()).unwrap();
    assert_eq!(uri.account, zexa_sandbox::DEMO_EMAIL);
    assert_eq!(uri.issuer.as_deref(), Some("Zexa"));
    assert_eq!(uri.secret.expose(), setup.secret.expose());
    assert_eq!(uri.secret_bytes().len(), 20);

    // Our own TOTP must agree with the server's, as an authenticator app would.
    let now = unix_now();
    let code = totp::code_at(&uri.secret_bytes(), now);
    let wrong = if code == "000000" { "111111" } else { "000000" };
    assert!(matches!(client.two_factor_confirm(&secret(wrong)).await, Err(ApiError::InvalidCode { .. })));
    let enabled = client.two_factor_confirm(&secret(&code)).await.unwrap();
    assert!(enabled.enabled);
    assert_eq!(enabled.backup_codes.len(), 10);
    for backup in &enabled.backup_codes {
        let text = backup.expose();
        assert_eq!(text.len(), 9);
        assert_eq!(&text[4..5], "-");
        assert!(text.chars().all(|c| c == '-' || c.is_ascii_lowercase() || c.is_ascii_digit()), "{text}");
    }
    let status = client.two_factor_status().await.unwrap();
    assert!(status.enabled && status.enabled_at.is_some());
    assert_eq!(status.backup_codes_remaining, 10);
    assert!(client.account().await.unwrap().two_factor_enabled);
    assert!(matches!(client.two_factor_setup().await, Err(ApiError::Conflict { .. })));

    // The code just used is a replay; the next step's code is fresh.
    assert!(matches!(client.regenerate_backup_codes(&secret(&code)).await, Err(ApiError::InvalidCode { .. })));
    let next = admin.totp(1).await;
    let renewed = client.regenerate_backup_codes(&secret(&next)).await.unwrap();
    assert_eq!(renewed.backup_codes.len(), 10);

    let old_backup = enabled.backup_codes[0].clone();
    assert!(matches!(client.disable_two_factor(&old_backup).await, Err(ApiError::InvalidCode { .. })));
    client.disable_two_factor(&renewed.backup_codes[3]).await.unwrap();
    let status = client.two_factor_status().await.unwrap();
    assert!(!status.enabled && status.backup_codes_remaining == 0);
}

#[tokio::test]
async fn backup_codes_are_single_use() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let admin = Admin::new(&sandbox);
    client.two_factor_setup().await.unwrap();
    let enabled = client.two_factor_confirm(&secret(&admin.totp(0).await)).await.unwrap();
    client.disable_two_factor(&enabled.backup_codes[0]).await.unwrap();
    client.two_factor_setup().await.unwrap();
    let enabled_again = client.two_factor_confirm(&secret(&admin.totp(1).await)).await.unwrap();
    // Codes of the first enrolment died with it.
    let error = client.disable_two_factor(&enabled.backup_codes[1]).await.unwrap_err();
    assert!(matches!(error, ApiError::InvalidCode { .. }), "{error:?}");
    client.disable_two_factor(&enabled_again.backup_codes[1]).await.unwrap();
}

#[tokio::test]
async fn pending_setup_is_replaced_and_expires_after_ten_minutes() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let first = client.two_factor_setup().await.unwrap();
    let second = client.two_factor_setup().await.unwrap();
    assert_ne!(first.secret.expose(), second.secret.expose());
    let stale = totp::code_at(&totp::base32_decode(first.secret.expose()).unwrap(), unix_now());
    let current = totp::code_at(&totp::base32_decode(second.secret.expose()).unwrap(), unix_now());
    if stale != current {
        assert!(matches!(client.two_factor_confirm(&secret(&stale)).await, Err(ApiError::InvalidCode { .. })));
    }
    sandbox.advance_clock(Duration::from_secs(601));
    let expired = client.two_factor_confirm(&secret(&Admin::new(&sandbox).totp(0).await)).await.unwrap_err();
    assert!(matches!(expired, ApiError::NotFound { .. }), "{expired:?}");
}

#[tokio::test]
async fn five_wrong_codes_lock_two_factor_out() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let admin = Admin::new(&sandbox);
    client.two_factor_setup().await.unwrap();
    let good = admin.totp(0).await;
    let wrong = if good == "999999" { "888888" } else { "999999" };
    for _ in 0..5 {
        assert!(matches!(client.two_factor_confirm(&secret(wrong)).await, Err(ApiError::InvalidCode { .. })));
    }
    let started = std::time::Instant::now();
    match client.two_factor_confirm(&secret(&good)).await.unwrap_err() {
        // Longer than the client's Retry-After cap, so it is reported at once, not waited for.
        ApiError::RateLimited { retry_after: Some(wait), request_id } => {
            assert!(wait > Duration::from_secs(60), "{wait:?}");
            assert!(request_id.is_some());
        }
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(1));
    sandbox.advance_clock(Duration::from_secs(301));
    client.two_factor_confirm(&secret(&admin.totp(0).await)).await.unwrap();
}

#[tokio::test]
async fn password_change_enforces_current_password_and_policy() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let demo = secret(zexa_sandbox::DEMO_PASSWORD);
    let error = client.change_password(&secret("wrong"), &secret("Better#Pass1")).await.unwrap_err();
    assert!(matches!(error, ApiError::InvalidCurrentPassword { .. }), "{error:?}");
    assert_request_id(&error);

    match client.change_password(&demo, &secret("short")).await.unwrap_err() {
        ApiError::Validation { field, failed, .. } => {
            assert_eq!(field.as_deref(), Some("new_password"));
            assert_eq!(failed, ["min_length", "uppercase", "number", "special"]);
        }
        other => panic!("{other:?}"),
    }
    match client.change_password(&demo, &secret("Longenough1")).await.unwrap_err() {
        ApiError::Validation { failed, .. } => assert_eq!(failed, ["special"]),
        other => panic!("{other:?}"),
    }
    client.change_password(&demo, &secret("Better#Pass1")).await.unwrap();
    let stale = client.change_password(&demo, &secret("Other#Pass2")).await.unwrap_err();
    assert!(matches!(stale, ApiError::InvalidCurrentPassword { .. }));
    client.change_password(&secret("Better#Pass1"), &secret("Other#Pass2")).await.unwrap();
}

#[tokio::test]
async fn a_missing_part_b_route_is_not_offered_but_an_unknown_id_is_not_found() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let admin = Admin::new(&sandbox);
    admin.fault("GET", "/v1/api-keys", json!({"kind": "status", "status": 404, "body": ""}), None).await;
    let error = client.list_api_keys().await.unwrap_err();
    assert_eq!(error, ApiError::NotOffered { endpoint: Endpoint::ListApiKeys, request_id: None });
    assert_eq!(
        IpcError::from(error).message,
        "This server does not offer API key management; use Settings → API Keys on https://app.zexa.ao."
    );
    // Some servers answer a missing route with a JSON not_found: on an id-less endpoint it is
    // still "not offered".
    admin.fault("GET", "/v1/account/2fa", json!({"kind": "status", "status": 404}), None).await;
    let error = client.two_factor_status().await.unwrap_err();
    assert!(matches!(error, ApiError::NotOffered { endpoint: Endpoint::TwoFactorStatus, .. }), "{error:?}");
    admin.fault("DELETE", "/v1/sessions/*", json!({"kind": "status", "status": 404, "body": "Not Found"}), None).await;
    let error = client.revoke_session("ses_x").await.unwrap_err();
    assert!(matches!(error, ApiError::NotOffered { endpoint: Endpoint::RevokeSession, .. }), "{error:?}");
    assert_eq!(error.code(), ErrorCode::NotOffered);
    // Part A is never "not offered": a 404 there means a wrong base URL.
    admin.fault("GET", "/v1/credits", json!({"kind": "status", "status": 404, "body": ""}), Some(1)).await;
    let error = client.credits().await.unwrap_err();
    assert!(matches!(error, ApiError::BadResponse { kind: BadResponseKind::Unexpected, .. }), "{error:?}");
}

#[tokio::test]
async fn other_contract_errors_map_to_their_variants() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let admin = Admin::new(&sandbox);
    let body = r#"{"error":"insufficient_credits","message":"Not enough credits","request_id":"req_abc"}"#;
    admin.fault("GET", "/v1/credits", json!({"kind": "status", "status": 422, "body": body}), Some(1)).await;
    let error = client.credits().await.unwrap_err();
    assert_eq!(error, ApiError::InsufficientCredits { request_id: Some("req_abc".into()) });
    assert_eq!(IpcError::from(error).code, ErrorCode::InsufficientCredits);

    admin.fault("GET", "/v1/credits", json!({"kind": "status", "status": 400}), Some(1)).await;
    let error = client.credits().await.unwrap_err();
    assert!(matches!(error, ApiError::InvalidRequest { .. }), "{error:?}");
    assert_eq!(error.code(), ErrorCode::InvalidInput);
    assert_request_id(&error);
}

#[tokio::test]
async fn every_error_has_its_own_request_id() {
    let sandbox = sandbox().await;
    let client = client_for_key(&sandbox, "zx_test_wrong");
    let first = client.credits().await.unwrap_err();
    let second = client.credits().await.unwrap_err();
    assert_ne!(first.request_id(), second.request_id());
}

#[tokio::test]
async fn sequential_calls_reuse_one_connection() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let clone = client.clone();
    let before = sandbox.accepted_connections();
    for _ in 0..10 {
        client.credits().await.unwrap();
        clone.list_sessions().await.unwrap();
    }
    // Errors with bodies must not cost a connection either.
    let _ = client.revoke_session("ses_unknown").await;
    client.credits().await.unwrap();
    assert_eq!(sandbox.accepted_connections() - before, 1, "21 calls should share one TCP connection");
}

#[tokio::test]
async fn the_rate_limit_is_waited_out_or_reported() {
    let limit = zexa_sandbox::RateLimit { max_requests: 2, window: Duration::from_secs(1) };
    let options = zexa_sandbox::SandboxOptions { rate_limit: Some(limit), ..Default::default() };
    let sandbox = zexa_sandbox::SandboxServer::start(options).await.unwrap();
    let impatient = client_with(&sandbox, ClientConfig { max_attempts: 1, ..test_config() });
    impatient.credits().await.unwrap();
    impatient.credits().await.unwrap();
    match impatient.credits().await.unwrap_err() {
        ApiError::RateLimited { retry_after: Some(wait), request_id: Some(_) } => {
            assert_eq!(wait, Duration::from_secs(1))
        }
        other => panic!("{other:?}"),
    }
    // A patient client honours Retry-After and gets through once the window rolls over.
    let started = std::time::Instant::now();
    client(&sandbox).credits().await.unwrap();
    assert!(started.elapsed() < Duration::from_secs(3));
}
