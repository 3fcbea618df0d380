//! One call = attempts under a single deadline, retried only as the contract allows.

use std::sync::Arc;
use std::time::Duration;

use rand::Rng;
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use reqwest::StatusCode;
use tokio::time::Instant;
use zeroize::Zeroizing;

use crate::contract::{error_codes, Endpoint, ErrorBody, Method, Part};
use crate::error::{ApiError, BadResponseKind};
use crate::Client;

/// A 2xx answer, body read in full (within the cap). Zeroized when dropped: it may hold a new
/// key or backup codes until they are decoded into `SecretString`s.
pub(crate) struct Reply {
    pub body: Zeroizing<Vec<u8>>,
    /// The server's `Date` header: its clock, for deadlines it sets (a 2FA setup's expiry).
    pub date: Option<String>,
}

/// A failed attempt and whether the contract lets it be retried.
struct Failure {
    error: ApiError,
    /// True when the request certainly never reached the server (connection refused, DNS…).
    never_sent: bool,
}

impl Client {
    pub(crate) async fn call(
        &self,
        endpoint: Endpoint,
        id: Option<&str>,
        query: &[(&str, String)],
        body: Option<Zeroizing<Vec<u8>>>,
    ) -> Result<Reply, ApiError> {
        // One buffer for every attempt, handed to the HTTP stack without a copy and zeroized
        // when the last attempt's reference to it is gone.
        let body = body.map(Arc::new);
        let config = &self.inner.config;
        let deadline = Instant::now() + config.total_timeout;
        let mut backoff = config.initial_backoff;
        let mut attempt = 1;
        loop {
            let outcome =
                tokio::time::timeout_at(deadline, self.attempt(endpoint, id, query, body.clone(), deadline)).await;
            let failure = match outcome {
                Err(_elapsed) => return Err(ApiError::Timeout),
                Ok(Ok(reply)) => return Ok(reply),
                Ok(Err(failure)) => failure,
            };
            if attempt >= config.max_attempts.max(1) {
                return Err(failure.error);
            }
            let Some(wait) = self.retry_wait(endpoint.method(), &failure, backoff) else {
                return Err(failure.error);
            };
            if Instant::now() + wait >= deadline {
                return Err(failure.error);
            }
            tracing::debug!(?endpoint, attempt, ?wait, error = %failure.error, "retrying");
            tokio::time::sleep(wait).await;
            backoff = backoff.saturating_mul(2);
            attempt += 1;
        }
    }

    /// `None` when the failure must not be retried.
    fn retry_wait(&self, method: Method, failure: &Failure, backoff: Duration) -> Option<Duration> {
        let idempotent = matches!(method, Method::Get | Method::Delete);
        match &failure.error {
            // The contract allows retrying any method after a 429.
            ApiError::RateLimited { retry_after: Some(wait), .. } => {
                (*wait <= self.inner.config.retry_after_cap).then_some(*wait)
            }
            ApiError::RateLimited { retry_after: None, .. } => Some(jittered(backoff)),
            ApiError::Server { .. } if idempotent => Some(jittered(backoff)),
            ApiError::Network { .. } if idempotent || failure.never_sent => Some(jittered(backoff)),
            _ => None,
        }
    }

    async fn attempt(
        &self,
        endpoint: Endpoint,
        id: Option<&str>,
        query: &[(&str, String)],
        body: Option<Arc<Zeroizing<Vec<u8>>>>,
        deadline: Instant,
    ) -> Result<Reply, Failure> {
        let inner = &self.inner;
        let url = format!("{}{}", inner.base_url, endpoint.path(id));
        let method = match endpoint.method() {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = inner
            .http
            .request(method, url)
            .headers(self.auth_headers())
            .timeout(deadline.saturating_duration_since(Instant::now()));
        if !query.is_empty() {
            request = request.query(query);
        }
        if let Some(body) = body {
            let bytes = bytes::Bytes::from_owner(SharedBody(body));
            request = request.header(CONTENT_TYPE, "application/json").body(bytes);
        }
        let mut response = request.send().await.map_err(transport_failure)?;
        let status = response.status();
        let request_id_header = header_string(response.headers(), "x-request-id");
        let retry_after = parse_retry_after(response.headers());
        let date = header_string(response.headers(), "date");
        let cap = inner.config.max_body_bytes;
        let body = read_capped(&mut response, cap)
            .await
            .map(Zeroizing::new)
            .map_err(|error| Failure { error: with_request_id(error, request_id_header.clone()), never_sent: false })?;
        if status.is_success() {
            return Ok(Reply { body, date });
        }
        Err(Failure { error: map_error(endpoint, status, &body, retry_after, request_id_header), never_sent: false })
    }

    fn auth_headers(&self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let bearer = Zeroizing::new(format!("Bearer {}", self.inner.api_key.expose()));
        // Checked printable in Client::new, so this cannot fail.
        if let Ok(mut value) = HeaderValue::from_str(&bearer) {
            value.set_sensitive(true);
            headers.insert(AUTHORIZATION, value);
        }
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers
    }
}

/// Lets `bytes::Bytes` borrow the zeroizing request buffer instead of copying it.
struct SharedBody(Arc<Zeroizing<Vec<u8>>>);

impl AsRef<[u8]> for SharedBody {
    fn as_ref(&self) -> &[u8] {
        self.0.as_slice()
    }
}

fn jittered(backoff: Duration) -> Duration {
    // "Equal jitter": half fixed, half random, so clients that failed together spread out.
    let half = backoff / 2;
    half + half.mul_f64(rand::thread_rng().gen::<f64>())
}

fn transport_failure(error: reqwest::Error) -> Failure {
    if error.is_timeout() {
        return Failure { error: ApiError::Timeout, never_sent: false };
    }
    let never_sent = error.is_connect();
    let detail = error_chain(&error);
    Failure { error: ApiError::Network { detail }, never_sent }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

/// Streams the body and stops at the cap, so a huge answer costs at most `cap` bytes of memory.
async fn read_capped(response: &mut reqwest::Response, cap: usize) -> Result<Vec<u8>, ApiError> {
    let too_large = || ApiError::bad(BadResponseKind::TooLarge, format!("body over {cap} bytes"), None);
    if response.content_length().is_some_and(|len| len > cap as u64) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > cap {
                    return Err(too_large());
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(error) if error.is_timeout() => return Err(ApiError::Timeout),
            Err(error) => {
                return Err(ApiError::bad(BadResponseKind::Truncated, error_chain(&error), None));
            }
        }
    }
}

fn with_request_id(error: ApiError, request_id: Option<String>) -> ApiError {
    match error {
        ApiError::BadResponse { kind, detail, request_id: None } => ApiError::BadResponse { kind, detail, request_id },
        other => other,
    }
}

fn header_string(headers: &HeaderMap, name: &str) -> Option<String> {
    headers.get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

/// How much of a server's error `message` is kept.
pub const MAX_SERVER_MESSAGE_CHARS: usize = 300;

/// `text` cut to `max` characters (on a character boundary), with "…" when cut.
pub fn capped(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_owned(),
    }
}

/// The longest `Retry-After` believed: a server (or anything posing as one) must not be able to
/// silence the app for days, nor overflow a deadline computed from it.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(3600);

/// `Retry-After` in delta-seconds (the form Zexa uses), at most [`MAX_RETRY_AFTER`]; an HTTP
/// date is treated as absent.
fn parse_retry_after(headers: &HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    text.parse::<u64>().ok().map(|secs| Duration::from_secs(secs).min(MAX_RETRY_AFTER))
}

/// Turns a non-2xx answer into the contract's error. See docs/api-client.md for the 404 rule.
pub(crate) fn map_error(
    endpoint: Endpoint,
    status: StatusCode,
    body: &[u8],
    retry_after: Option<Duration>,
    request_id_header: Option<String>,
) -> ApiError {
    let parsed: Option<ErrorBody> = serde_json::from_slice(body).ok();
    let code = parsed.as_ref().map(|b| b.error.as_str()).unwrap_or("");
    // Server text reaches the window and the log: never more than a sentence or two of it.
    let message = parsed.as_ref().map(|b| capped(&b.message, MAX_SERVER_MESSAGE_CHARS)).unwrap_or_default();
    let request_id = parsed.as_ref().and_then(|b| b.request_id.clone()).or(request_id_header);
    let details = parsed.as_ref().and_then(|b| b.details.as_ref());
    match status.as_u16() {
        400 => ApiError::InvalidRequest { message, request_id },
        401 => ApiError::Unauthorized { request_id },
        403 => ApiError::Forbidden { request_id },
        404 if endpoint.has_not_found_answer() && code == error_codes::NOT_FOUND => ApiError::NotFound { request_id },
        404 if endpoint.part() == Part::B => ApiError::NotOffered { endpoint, request_id },
        404 => ApiError::bad(
            BadResponseKind::Unexpected,
            format!("404 for {}: is the base URL right (it should end in /v1)?", endpoint.path_template()),
            request_id,
        ),
        409 => ApiError::Conflict { message, request_id },
        422 => match code {
            error_codes::INVALID_CODE => ApiError::InvalidCode { request_id },
            error_codes::INVALID_CURRENT_PASSWORD => ApiError::InvalidCurrentPassword { request_id },
            error_codes::INSUFFICIENT_CREDITS => ApiError::InsufficientCredits { request_id },
            _ => {
                let field = details.and_then(|d| d.get("field")).and_then(|f| f.as_str()).map(str::to_owned);
                let failed = details
                    .and_then(|d| d.get("failed"))
                    .and_then(|f| f.as_array())
                    .map(|rules| rules.iter().filter_map(|r| r.as_str().map(str::to_owned)).collect())
                    .unwrap_or_default();
                ApiError::Validation { field, failed, message, request_id }
            }
        },
        429 => ApiError::RateLimited { retry_after, request_id },
        500..=599 => ApiError::Server { status: status.as_u16(), request_id },
        other => ApiError::bad(BadResponseKind::Unexpected, format!("unexpected status {other}"), request_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn retry_after(value: &str) -> Option<Duration> {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(value).unwrap());
        parse_retry_after(&headers)
    }

    #[test]
    fn server_messages_are_capped_on_a_character_boundary() {
        let long = "é".repeat(1000);
        let error = map_error(
            Endpoint::CreateApiKey,
            StatusCode::CONFLICT,
            format!(r#"{{"error":"conflict","message":"{long}"}}"#).as_bytes(),
            None,
            None,
        );
        let ApiError::Conflict { message, .. } = error else { panic!("{error:?}") };
        assert_eq!(message.chars().count(), MAX_SERVER_MESSAGE_CHARS + 1);
        assert!(message.ends_with('…'));
        assert_eq!(capped("short", 10), "short");
    }

    #[test]
    fn a_request_body_reaches_the_http_stack_without_a_copy() {
        let buffer = Arc::new(Zeroizing::new(br#"{"code":"123456"}"#.to_vec()));
        let bytes = bytes::Bytes::from_owner(SharedBody(buffer.clone()));
        assert_eq!(bytes.as_ptr(), buffer.as_ptr(), "the same memory, so the one zeroized");
        assert_eq!(Arc::strong_count(&buffer), 2);
        drop(bytes);
        assert_eq!(Arc::strong_count(&buffer), 1, "released with the last attempt");
    }

    #[test]
    fn retry_after_is_clamped_to_an_hour() {
        assert_eq!(retry_after("5"), Some(Duration::from_secs(5)));
        assert_eq!(retry_after("3600"), Some(MAX_RETRY_AFTER));
        assert_eq!(retry_after("1000000000"), Some(MAX_RETRY_AFTER));
        assert_eq!(retry_after("18446744073709551615"), Some(MAX_RETRY_AFTER));
        assert_eq!(retry_after("99999999999999999999999"), None, "not a u64: as if absent");
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }
}
