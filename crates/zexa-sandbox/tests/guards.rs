//! What keeps the sandbox safe to embed in the app: a `Host` check on every route (DNS
//! rebinding), admin routes behind a per-launch token or not mounted at all, and admin numbers
//! that cannot crash or exhaust the process.

use reqwest::StatusCode;
use serde_json::{json, Value};
use zexa_core::secret::SecretString;
use zexa_sandbox::{AdminAccess, SandboxHandle, SandboxOptions, SandboxServer, ADMIN_TOKEN_HEADER};

async fn sandbox(admin: AdminAccess) -> SandboxHandle {
    SandboxServer::start(SandboxOptions { admin, ..Default::default() }).await.unwrap()
}

fn http() -> reqwest::Client {
    reqwest::Client::builder().no_proxy().build().unwrap()
}

async fn status(request: reqwest::RequestBuilder) -> StatusCode {
    request.send().await.unwrap().status()
}

#[tokio::test]
async fn a_foreign_host_header_is_refused_on_every_route() {
    let sandbox = sandbox(AdminAccess::Loopback).await;
    let key = sandbox.admin_api_key();
    let credits = format!("{}/credits", sandbox.base_url());
    let ok = http().get(&credits).bearer_auth(key.expose());
    assert_eq!(status(ok).await, StatusCode::OK);
    // What a web page gets after pointing evil.example at 127.0.0.1 (DNS rebinding).
    let rebound = http().get(&credits).bearer_auth(key.expose()).header("host", "evil.example");
    assert_eq!(status(rebound).await, StatusCode::FORBIDDEN);
    let admin = http().get(format!("{}/accounts", sandbox.admin_url())).header("host", "evil.example:80");
    assert_eq!(status(admin).await, StatusCode::FORBIDDEN);
    let localhost = http()
        .get(&credits)
        .bearer_auth(key.expose())
        .header("host", format!("localhost:{}", sandbox.local_addr().port()));
    assert_eq!(status(localhost).await, StatusCode::OK);
}

#[tokio::test]
async fn a_token_sandbox_needs_its_token_and_an_embedded_one_has_no_admin_routes() {
    let token = "per-launch-0123456789abcdef";
    let guarded = sandbox(AdminAccess::Token(SecretString::new(token.into()))).await;
    let accounts = format!("{}/accounts", guarded.admin_url());
    assert_eq!(status(http().get(&accounts)).await, StatusCode::FORBIDDEN);
    assert_eq!(status(http().get(&accounts).header(ADMIN_TOKEN_HEADER, "wrong")).await, StatusCode::FORBIDDEN);
    assert_eq!(status(http().get(&accounts).header(ADMIN_TOKEN_HEADER, token)).await, StatusCode::OK);

    let off = sandbox(AdminAccess::Off).await;
    let balance = http().put(format!("{}/balance", off.admin_url())).json(&json!({"credits": 0}));
    assert_eq!(status(balance).await, StatusCode::NOT_FOUND, "no admin route to fake a used-up balance");
    let credits = http().get(format!("{}/credits", off.base_url())).bearer_auth(off.admin_api_key().expose());
    assert_eq!(status(credits).await, StatusCode::OK, "the API itself works");
}

#[tokio::test]
async fn admin_numbers_are_bounded_and_the_server_keeps_working() {
    let sandbox = sandbox(AdminAccess::Loopback).await;
    let admin = |method: reqwest::Method, path: &str, body: Value| {
        http().request(method, format!("{}{path}", sandbox.admin_url())).json(&body)
    };
    let huge_body = json!({"path": "/v1/credits", "fault": {"kind": "oversized_body", "bytes": u64::MAX}});
    assert_eq!(status(admin(reqwest::Method::POST, "/faults", huge_body)).await, StatusCode::UNPROCESSABLE_ENTITY);
    let huge_delay = json!({"path": "/v1/credits", "fault": {"kind": "delay", "ms": u64::MAX}});
    assert_eq!(status(admin(reqwest::Method::POST, "/faults", huge_delay)).await, StatusCode::UNPROCESSABLE_ENTITY);
    let clock = json!({"seconds": u64::MAX});
    assert_eq!(status(admin(reqwest::Method::POST, "/clock", clock)).await, StatusCode::UNPROCESSABLE_ENTITY);
    // Step by step past ten years is refused too.
    let decade = json!({"seconds": 9 * 365 * 24 * 3600});
    assert_eq!(status(admin(reqwest::Method::POST, "/clock", decade.clone())).await, StatusCode::OK);
    assert_eq!(status(admin(reqwest::Method::POST, "/clock", decade)).await, StatusCode::UNPROCESSABLE_ENTITY);
    let session = json!({"device": "d", "location": "l", "ip": "192.0.2.1", "last_active_secs_ago": u64::MAX});
    assert_eq!(status(admin(reqwest::Method::POST, "/sessions", session)).await, StatusCode::UNPROCESSABLE_ENTITY);
    let balance = json!({"credits": 1e20});
    assert_eq!(status(admin(reqwest::Method::PUT, "/balance", balance)).await, StatusCode::UNPROCESSABLE_ENTITY);

    // Nothing of that broke a handler.
    let key = sandbox.admin_api_key();
    for path in ["/credits", "/sessions", "/account/2fa", "/api-keys"] {
        let reply = http().get(format!("{}{path}", sandbox.base_url())).bearer_auth(key.expose());
        assert_eq!(status(reply).await, StatusCode::OK, "{path}");
    }
    let wrong_code = http()
        .delete(format!("{}/account/2fa", sandbox.base_url()))
        .bearer_auth(key.expose())
        .json(&json!({"code": "abcéxyz"}));
    assert_eq!(status(wrong_code).await, StatusCode::CONFLICT, "2FA is off; the odd code did not panic");
}

/// The request log is what tests read to prove what a client sent, so it keeps unauthenticated
/// requests; but it sits inside the `Host` guard and keeps each path short, so a flood of huge
/// paths costs the embedding app a bounded amount of memory.
#[tokio::test]
async fn what_the_host_guard_refuses_is_not_recorded_and_long_paths_are_cut() {
    let sandbox = sandbox(AdminAccess::Off).await;
    let huge = "p".repeat(20_000);
    let rebound = http().get(format!("{}/{huge}", sandbox.base_url())).header("host", "evil.example");
    assert_eq!(status(rebound).await, StatusCode::FORBIDDEN);
    assert!(sandbox.requests().is_empty(), "a refused Host is not recorded");

    let unauthenticated = http().get(format!("{}/{huge}", sandbox.base_url()));
    assert_eq!(status(unauthenticated).await, StatusCode::NOT_FOUND);
    let credits = http().get(format!("{}/credits", sandbox.base_url())).bearer_auth("zx_test_wrong");
    assert_eq!(status(credits).await, StatusCode::UNAUTHORIZED);
    let recorded = sandbox.requests();
    assert_eq!(recorded.len(), 2, "{recorded:?}");
    assert!(recorded[0].starts_with("GET /v1/ppp") && recorded[0].ends_with('…'), "{}", recorded[0]);
    assert!(recorded[0].len() <= "GET ".len() + zexa_sandbox::MAX_RECORDED_PATH_BYTES + '…'.len_utf8());
    assert_eq!(recorded[1], "GET /v1/credits");
}

/// The embedded sandbox's own defaults: a connection that never finishes its request head is
/// closed (before the fix hyper had no timer, so it stayed open for ever).
#[tokio::test]
async fn a_connection_that_never_sends_its_headers_is_closed_by_default() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sandbox = sandbox(AdminAccess::Off).await;
    let timeout = zexa_sandbox::ConnectionLimits::default().header_read_timeout;
    let mut stream = tokio::net::TcpStream::connect(sandbox.local_addr()).await.unwrap();
    stream.write_all(b"GET /v1/credits HTTP/1.1\r\nHost: 127.0.0.1\r\n").await.unwrap();
    let opened = std::time::Instant::now();
    let closed = tokio::time::timeout(timeout * 2, async {
        let mut buffer = [0u8; 512];
        while let Ok(n @ 1..) = stream.read(&mut buffer).await {
            let _ = n; // a 408 answer may come first; the close is what counts
        }
    })
    .await;
    assert!(closed.is_ok(), "still open after {:?}", opened.elapsed());
    assert!(opened.elapsed() >= timeout / 2, "closed by the timeout, not at once: {:?}", opened.elapsed());
}
