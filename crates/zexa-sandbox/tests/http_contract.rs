//! The sandbox's exact wire behaviour (statuses, bodies, headers), checked with a plain HTTP
//! client so that the contract types cannot hide a shape mistake on both sides.

use std::sync::Arc;
use std::time::{Duration, UNIX_EPOCH};

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use zexa_api::contract::Endpoint;
use zexa_sandbox::{ManualClock, RateLimit, SandboxHandle, SandboxOptions, SandboxServer};

/// 2026-06-24T10:00:00Z, the contract's example timestamp.
const START: u64 = 1_782_295_200;

struct Http {
    client: reqwest::Client,
    root: String,
}

struct Reply {
    status: StatusCode,
    content_type: Option<String>,
    retry_after: Option<String>,
    raw: String,
    body: Value,
}

impl Http {
    fn new(sandbox: &SandboxHandle) -> Self {
        let root = sandbox.base_url().trim_end_matches("/v1").to_owned();
        Self { client: reqwest::Client::builder().no_proxy().build().unwrap(), root }
    }

    async fn send(&self, method: Method, path: &str, key: Option<&str>, body: Option<(&str, &str)>) -> Reply {
        let mut request = self.client.request(method, format!("{}{path}", self.root));
        if let Some(key) = key {
            request = request.bearer_auth(key);
        }
        if let Some((content_type, body)) = body {
            request = request.header("content-type", content_type).body(body.to_owned());
        }
        let response = request.send().await.unwrap();
        let header = |name: &str| response.headers().get(name).map(|v| v.to_str().unwrap().to_owned());
        let (status, content_type, retry_after) = (response.status(), header("content-type"), header("retry-after"));
        let raw = response.text().await.unwrap();
        let body = serde_json::from_str(&raw).unwrap_or(Value::Null);
        Reply { status, content_type, retry_after, raw, body }
    }
}

async fn fixed_time_sandbox() -> SandboxHandle {
    let clock = Arc::new(ManualClock::new(UNIX_EPOCH + Duration::from_secs(START)));
    SandboxServer::start(SandboxOptions { clock, ..Default::default() }).await.unwrap()
}

fn assert_error(reply: &Reply, status: u16, code: &str) {
    assert_eq!(reply.status.as_u16(), status, "{}", reply.raw);
    assert_eq!(reply.content_type.as_deref(), Some("application/json"));
    assert_eq!(reply.body["error"], code, "{}", reply.raw);
    assert!(reply.body["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert!(reply.body["request_id"].as_str().is_some_and(|id| id.starts_with("req_")));
}

#[tokio::test]
async fn bodies_headers_and_statuses_follow_the_contract() {
    let sandbox = fixed_time_sandbox().await;
    let http = Http::new(&sandbox);
    let key = sandbox.admin_api_key().expose().clone();
    let key = Some(key.as_str());

    let credits = http.send(Method::GET, "/v1/credits", key, None).await;
    assert_eq!(credits.status, 200);
    assert_eq!(credits.content_type.as_deref(), Some("application/json"));
    assert_eq!(credits.raw, r#"{"credits":4250,"currency":"USD"}"#);

    let created = http.send(Method::POST, "/v1/api-keys", key, Some(("application/json", r#"{"name":"Bot"}"#))).await;
    assert_eq!(created.status, 201);
    let fields: Vec<&str> = created.body.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(fields, ["created_at", "id", "key", "last_used_at", "name", "prefix"]);
    assert_eq!(created.body["created_at"], "2026-06-24T10:00:00Z");
    assert_eq!(created.body["last_used_at"], Value::Null);
    let listed = http.send(Method::GET, "/v1/api-keys", key, None).await;
    assert!(!listed.raw.contains(created.body["key"].as_str().unwrap()), "the full key is shown once only");

    let revoked =
        http.send(Method::DELETE, &format!("/v1/api-keys/{}", created.body["id"].as_str().unwrap()), key, None).await;
    assert_eq!((revoked.status.as_u16(), revoked.raw.as_str(), revoked.content_type), (204, "", None));

    let setup = http.send(Method::POST, "/v1/account/2fa/setup", key, None).await;
    assert_eq!(setup.status, 201);
    let secret = setup.body["secret"].as_str().unwrap();
    assert_eq!(secret.len(), 32);
    assert!(secret.chars().all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c)));
    assert_eq!(
        setup.body["otpauth_url"],
        format!("otpauth://totp/Zexa:admin@demo.zexa.ao?secret={secret}&issuer=Zexa&algorithm=SHA1&digits=6&period=30")
    );
    assert_eq!(setup.body["expires_at"], "2026-06-24T10:10:00Z");
    let status = http.send(Method::GET, "/v1/account/2fa", key, None).await;
    assert_eq!(status.body, json!({"enabled": false, "enabled_at": null, "backup_codes_remaining": 0}));
}

#[tokio::test]
async fn unreadable_requests_are_400_invalid_request() {
    let sandbox = fixed_time_sandbox().await;
    let http = Http::new(&sandbox);
    let key = sandbox.admin_api_key().expose().clone();
    let key = Some(key.as_str());
    let json = "application/json";
    let malformed = http.send(Method::POST, "/v1/api-keys", key, Some((json, r#"{"name":"#))).await;
    assert_error(&malformed, 400, "invalid_request");
    let missing = http.send(Method::POST, "/v1/account/password", key, Some((json, r#"{"new_password":"x"}"#))).await;
    assert_error(&missing, 400, "invalid_request");
    assert_eq!(missing.body["details"]["field"], "current_password");
    let wrong_type = http.send(Method::POST, "/v1/api-keys", key, Some(("text/plain", r#"{"name":"x"}"#))).await;
    assert_error(&wrong_type, 400, "invalid_request");
    let no_body = http.send(Method::DELETE, "/v1/account/2fa", key, None).await;
    assert_error(&no_body, 400, "invalid_request");
    let bad_page = http.send(Method::GET, "/v1/sessions?page=0", key, None).await;
    assert_error(&bad_page, 400, "invalid_request");

    let clamped = http.send(Method::GET, "/v1/sessions?per_page=500", key, None).await;
    assert_eq!(clamped.body["meta"], json!({"total": 4, "page": 1, "per_page": 100}));
    let beyond = http.send(Method::GET, "/v1/sessions?page=3&per_page=2", key, None).await;
    assert_eq!(beyond.body, json!({"data": [], "meta": {"total": 4, "page": 3, "per_page": 2}}));

    assert_error(&http.send(Method::GET, "/v1/nothing-here", key, None).await, 404, "not_found");
    assert_error(&http.send(Method::PUT, "/v1/credits", key, None).await, 405, "method_not_allowed");
}

#[tokio::test]
async fn a_revoked_key_gets_401_on_every_route_at_once() {
    let sandbox = fixed_time_sandbox().await;
    let http = Http::new(&sandbox);
    let key = sandbox.admin_api_key().expose().clone();
    let keys = http.send(Method::GET, "/_sandbox/api-keys", None, None).await;
    let id = keys.body["data"].as_array().unwrap().iter().find(|k| k["name"] == zexa_sandbox::ADMIN_KEY_NAME).unwrap()
        ["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // As the dashboard would: revoked elsewhere, while this client still holds the key.
    assert_eq!(http.send(Method::DELETE, &format!("/_sandbox/api-keys/{id}"), None, None).await.status, 204);
    for endpoint in Endpoint::ALL {
        let path = format!("/v1{}", endpoint.path(Some("x_1")));
        let method = Method::from_bytes(endpoint.method().as_str().as_bytes()).unwrap();
        let body =
            Some(("application/json", r#"{"name":"n","code":"123456","current_password":"a","new_password":"b"}"#));
        let reply = http.send(method, &path, Some(&key), body).await;
        assert_error(&reply, 401, "unauthorized");
    }
    let listed = http.send(Method::GET, "/_sandbox/api-keys", None, None).await;
    let record = listed.body["data"].as_array().unwrap().iter().find(|k| k["id"] == id.as_str()).unwrap().clone();
    assert_eq!(record["revoked_at"], "2026-06-24T10:00:00Z");
    assert!(record.get("key").is_none() && record.get("hash").is_none());
}

#[tokio::test]
async fn the_rate_limit_answers_429_with_retry_after() {
    let limit = RateLimit { max_requests: 1, window: Duration::from_secs(30) };
    let sandbox = SandboxServer::start(SandboxOptions { rate_limit: Some(limit), ..Default::default() }).await.unwrap();
    let http = Http::new(&sandbox);
    let key = sandbox.admin_api_key().expose().clone();
    assert_eq!(http.send(Method::GET, "/v1/credits", Some(&key), None).await.status, 200);
    let limited = http.send(Method::GET, "/v1/account", Some(&key), None).await;
    assert_error(&limited, 429, "rate_limit_exceeded");
    let seconds: u64 = limited.retry_after.unwrap().parse().unwrap();
    assert!((1..=30).contains(&seconds));
    sandbox.advance_clock(Duration::from_secs(31));
    assert_eq!(http.send(Method::GET, "/v1/credits", Some(&key), None).await.status, 200);
}

#[tokio::test]
async fn admin_routes_steer_the_sandbox() {
    let sandbox = fixed_time_sandbox().await;
    let http = Http::new(&sandbox);
    let key = sandbox.admin_api_key().expose().clone();
    let index = http.send(Method::GET, "/_sandbox", None, None).await;
    assert!(index.body["routes"].as_array().unwrap().len() > 10);

    let session = http
        .send(
            Method::POST,
            "/_sandbox/sessions",
            None,
            Some((
                "application/json",
                r#"{"device":"Pixel 9 · Chrome","location":"Huambo, Angola","ip":"203.0.113.9"}"#,
            )),
        )
        .await;
    assert_eq!(session.status, 201);
    let sessions = http.send(Method::GET, "/v1/sessions", Some(&key), None).await;
    assert_eq!(sessions.body["data"][0]["device"], "Pixel 9 · Chrome");
    assert_eq!(sessions.body["meta"]["total"], 5);

    assert_error(&http.send(Method::GET, "/_sandbox/totp", None, None).await, 404, "not_found");

    let fault = r#"{"method":"GET","path":"/v1/credits","fault":{"kind":"status","status":503},"times":5}"#;
    let added = http.send(Method::POST, "/_sandbox/faults", None, Some(("application/json", fault))).await;
    assert_eq!(added.status, 201);
    assert_error(&http.send(Method::GET, "/v1/credits", Some(&key), None).await, 503, "internal_error");
    let listed = http.send(Method::GET, "/_sandbox/faults", None, None).await;
    assert_eq!(listed.body["data"][0]["times"], 4);
    let id = added.body["id"].as_str().unwrap();
    assert_eq!(http.send(Method::DELETE, &format!("/_sandbox/faults/{id}"), None, None).await.status, 204);
    assert_eq!(http.send(Method::GET, "/v1/credits", Some(&key), None).await.status, 200);

    let clock = http.send(Method::POST, "/_sandbox/clock", None, Some(("application/json", r#"{"seconds":60}"#))).await;
    assert_eq!(clock.body["now"], "2026-06-24T10:01:00Z");
    let connections = http.send(Method::GET, "/_sandbox/connections", None, None).await;
    assert!(connections.body["accepted"].as_u64().unwrap() >= 1);
    let requests = http.send(Method::GET, "/_sandbox/requests", None, None).await;
    let served: Vec<&str> = requests.body["data"].as_array().unwrap().iter().filter_map(|r| r.as_str()).collect();
    assert_eq!(served.iter().filter(|r| **r == "GET /v1/credits").count(), 2, "{served:?}");
    assert_eq!(served.last(), Some(&"GET /_sandbox/requests"));
    let bad =
        http.send(Method::PUT, "/_sandbox/balance", None, Some(("application/json", r#"{"credits":"lots"}"#))).await;
    assert_error(&bad, 400, "invalid_request");
}

#[tokio::test]
async fn documented_only_serves_the_balance_and_answers_404_for_the_rest_of_the_contract() {
    let sandbox = SandboxServer::start(SandboxOptions { documented_only: true, ..Default::default() }).await.unwrap();
    let http = Http::new(&sandbox);
    let key = sandbox.admin_api_key().expose().clone();
    let credits = http.send(Method::GET, "/v1/credits", Some(&key), None).await;
    assert_eq!(credits.status, StatusCode::OK, "{}", credits.raw);
    assert!(credits.body["credits"].is_number() || credits.body["credits"].is_string(), "{}", credits.raw);
    for (method, path) in [
        (Method::GET, "/v1/api-keys"),
        (Method::POST, "/v1/api-keys"),
        (Method::GET, "/v1/sessions"),
        (Method::GET, "/v1/account"),
        (Method::GET, "/v1/account/2fa"),
        (Method::POST, "/v1/account/password"),
    ] {
        let reply = http.send(method.clone(), path, Some(&key), Some(("application/json", "{}"))).await;
        assert_error(&reply, 404, "not_found");
    }
    // The key is still checked where the balance is served.
    let refused = http.send(Method::GET, "/v1/credits", Some("zx_live_not_a_key_of_this_account_0000"), None).await;
    assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
}
