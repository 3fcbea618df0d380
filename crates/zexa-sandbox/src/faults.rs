//! Per-route fault injection for `/v1`: what a flaky network or a broken server does.

use std::sync::Mutex;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{OriginalUri, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use futures_util::StreamExt;
use serde::{Deserialize, Serialize};

use crate::http::ApiFailure;
use crate::server::ConnectionContext;
use crate::state::{new_id, ServerState};

/// Oversized bodies default to twice the client's 1 MiB cap.
const DEFAULT_OVERSIZED_BYTES: usize = 2 * 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Wait, then answer normally.
    Delay { ms: u64 },
    /// Answer this status; `body` is sent verbatim, or a contract error body when absent.
    Status {
        status: u16,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        body: Option<String>,
    },
    /// `429`, with `Retry-After: <retry_after>` when given.
    RateLimit {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        retry_after: Option<u64>,
    },
    /// `200` with a body that is not JSON.
    MalformedBody,
    /// The real answer, cut in half: `Content-Length` promises more than is sent.
    TruncatedBody,
    /// TCP reset before any answer.
    ResetConnection,
    /// `200` with a valid JSON body of `bytes` bytes, chunked (no `Content-Length`).
    OversizedBody {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        bytes: Option<usize>,
    },
}

/// `POST /_sandbox/faults` body, and each item of `GET /_sandbox/faults`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FaultRule {
    #[serde(default)]
    pub id: String,
    /// `GET`, `POST`, `DELETE`; absent matches any method.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub method: Option<String>,
    /// The full request path (`/v1/credits`); a trailing `*` matches a prefix.
    pub path: String,
    pub fault: Fault,
    /// How many matching requests get the fault; absent means until removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

impl FaultRule {
    fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self.method.as_deref().is_none_or(|m| m.eq_ignore_ascii_case(method));
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => self.path == path,
        };
        method_ok && path_ok
    }
}

#[derive(Default)]
pub struct FaultStore {
    rules: Mutex<Vec<FaultRule>>,
}

impl FaultStore {
    pub fn add(&self, mut rule: FaultRule) -> FaultRule {
        rule.id = new_id("flt");
        self.lock().push(rule.clone());
        rule
    }

    pub fn list(&self) -> Vec<FaultRule> {
        self.lock().clone()
    }

    pub fn clear(&self) {
        self.lock().clear();
    }

    pub fn remove(&self, id: &str) -> bool {
        let mut rules = self.lock();
        let before = rules.len();
        rules.retain(|r| r.id != id);
        rules.len() != before
    }

    /// The first matching fault, counting one use of it.
    fn take(&self, method: &str, path: &str) -> Option<Fault> {
        let mut rules = self.lock();
        let index = rules.iter().position(|r| r.matches(method, path))?;
        let fault = rules[index].fault.clone();
        if let Some(times) = rules[index].times.as_mut() {
            *times = times.saturating_sub(1);
            if *times == 0 {
                rules.remove(index);
            }
        }
        Some(fault)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<FaultRule>> {
        self.rules.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Middleware on every `/v1` route, ahead of authentication.
pub async fn inject_faults(State(state): State<ServerState>, request: Request, next: Next) -> Response {
    // Inside `nest("/v1", …)` the URI has lost its prefix; rules are written with the full path.
    let path = match request.extensions().get::<OriginalUri>() {
        Some(original) => original.path().to_owned(),
        None => request.uri().path().to_owned(),
    };
    let fault = state.faults.take(request.method().as_str(), &path);
    let Some(fault) = fault else {
        return next.run(request).await;
    };
    match fault {
        Fault::Delay { ms } => {
            tokio::time::sleep(Duration::from_millis(ms)).await;
            next.run(request).await
        }
        Fault::Status { status, body } => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            match body {
                Some(body) => json_response(status, Body::from(body)),
                None => ApiFailure::status(status).into_response(),
            }
        }
        Fault::RateLimit { retry_after } => ApiFailure::rate_limited(retry_after).into_response(),
        Fault::MalformedBody => json_response(StatusCode::OK, Body::from("{\"credits\": 42, <html>oops")),
        Fault::TruncatedBody => truncate(next.run(request).await).await,
        Fault::ResetConnection => {
            if let Some(connection) = request.extensions().get::<ConnectionContext>() {
                connection.reset();
            }
            // The connection task drops this future together with the socket.
            std::future::pending::<Response>().await
        }
        Fault::OversizedBody { bytes } => oversized(bytes.unwrap_or(DEFAULT_OVERSIZED_BYTES)),
    }
}

fn json_response(status: StatusCode, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.status_mut() = status;
    response.headers_mut().insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let full = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    // Even an empty answer is "truncated" by promising bytes that never come.
    let promised = full.len().max(2);
    let sent = full.slice(..full.len() / 2);
    // The pause lets the head and first half reach the client before the connection drops;
    // otherwise hyper may abort before writing anything and it would look like a reset.
    let first = futures_util::stream::once(async move { Ok::<Bytes, std::io::Error>(sent) });
    let cut = futures_util::stream::once(async {
        tokio::time::sleep(Duration::from_millis(50)).await;
        Err(std::io::Error::new(std::io::ErrorKind::ConnectionAborted, "truncated by fault"))
    });
    parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(promised));
    if parts.status == StatusCode::NO_CONTENT {
        parts.status = StatusCode::OK;
    }
    Response::from_parts(parts, Body::from_stream(first.chain(cut)))
}

fn oversized(bytes: usize) -> Response {
    const CHUNK: usize = 64 * 1024;
    let head = Bytes::from_static(b"{\"credits\": 1, \"currency\": \"USD\", \"padding\": \"");
    let tail = Bytes::from_static(b"\"}");
    let padding = bytes.saturating_sub(head.len() + tail.len());
    let filler = Bytes::from(vec![b'a'; CHUNK]);
    let mut chunks = vec![head];
    let mut left = padding;
    while left > 0 {
        let n = left.min(CHUNK);
        chunks.push(filler.slice(..n));
        left -= n;
    }
    chunks.push(tail);
    let stream = futures_util::stream::iter(chunks.into_iter().map(Ok::<_, std::io::Error>));
    json_response(StatusCode::OK, Body::from_stream(stream))
}
