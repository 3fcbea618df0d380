//! Contract-shaped answers: error bodies with unique request ids, strict JSON bodies, pages.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::{CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use rand::RngCore;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use zexa_api::contract::{error_codes, ErrorBody, Page, PageMeta, DEFAULT_PER_PAGE, MAX_PER_PAGE};

/// Unique within a run (the counter) and across runs (the random part).
pub fn new_request_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    format!("req_{n:06x}{:08x}", rand::rngs::OsRng.next_u32())
}

/// An error answer of the contract: `{"error","message","details"?,"request_id"}`.
#[derive(Debug)]
pub struct ApiFailure {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub details: Option<Value>,
    pub retry_after: Option<u64>,
}

impl ApiFailure {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self { status, code, message: message.into(), details: None, retry_after: None }
    }

    pub fn with_details(mut self, details: Value) -> Self {
        self.details = Some(details);
        self
    }

    pub fn invalid_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, error_codes::INVALID_REQUEST, message)
    }

    pub fn unauthorized() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, error_codes::UNAUTHORIZED, "Missing, unknown or revoked API key.")
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, error_codes::FORBIDDEN, message)
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, error_codes::NOT_FOUND, message)
    }

    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, error_codes::CONFLICT, message)
    }

    pub fn validation(field: &str, message: impl Into<String>) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, error_codes::VALIDATION_ERROR, message)
            .with_details(json!({ "field": field }))
    }

    pub fn invalid_code() -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, error_codes::INVALID_CODE, "The code is not valid.")
    }

    pub fn rate_limited(retry_after: Option<u64>) -> Self {
        let mut failure =
            Self::new(StatusCode::TOO_MANY_REQUESTS, error_codes::RATE_LIMIT_EXCEEDED, "Too many requests.");
        failure.retry_after = retry_after;
        failure
    }

    pub fn status(status: StatusCode) -> Self {
        let code = match status.as_u16() {
            400 => error_codes::INVALID_REQUEST,
            401 => error_codes::UNAUTHORIZED,
            403 => error_codes::FORBIDDEN,
            404 => error_codes::NOT_FOUND,
            409 => error_codes::CONFLICT,
            422 => error_codes::VALIDATION_ERROR,
            429 => error_codes::RATE_LIMIT_EXCEEDED,
            _ => error_codes::INTERNAL_ERROR,
        };
        Self::new(status, code, status.canonical_reason().unwrap_or("Error"))
    }
}

impl IntoResponse for ApiFailure {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: self.code.to_owned(),
            message: self.message,
            details: self.details,
            request_id: Some(new_request_id()),
        };
        let mut response = (self.status, Json(body)).into_response();
        if let Some(seconds) = self.retry_after {
            response.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

pub type ApiResult<T> = Result<T, ApiFailure>;

/// A JSON request body that answers `400 invalid_request` (never 415/422) when it is not usable.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiFailure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(';').next().unwrap_or("").trim().eq_ignore_ascii_case("application/json"));
        if !is_json {
            return Err(ApiFailure::invalid_request("Content-Type must be application/json."));
        }
        let bytes = Bytes::from_request(request, state)
            .await
            .map_err(|_| ApiFailure::invalid_request("The request body could not be read."))?;
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|error| {
            let text = error.to_string();
            let failure = ApiFailure::invalid_request(format!("Malformed JSON body: {text}"));
            match missing_field(&text) {
                Some(field) => failure.with_details(json!({ "field": field })),
                None => failure,
            }
        })
    }
}

fn missing_field(serde_message: &str) -> Option<&str> {
    serde_message.strip_prefix("missing field `")?.split('`').next()
}

/// `page` and `per_page` from the query: bad numbers are `400`; `per_page` over 100 is clamped.
pub fn page_params(query: &HashMap<String, String>) -> ApiResult<(u64, u64)> {
    let parse = |name: &str, default: u64| -> ApiResult<u64> {
        match query.get(name) {
            None => Ok(default),
            Some(text) => match text.trim().parse::<u64>() {
                Ok(value) if value >= 1 => Ok(value),
                _ => Err(ApiFailure::invalid_request(format!("{name} must be a whole number from 1."))
                    .with_details(json!({ "field": name }))),
            },
        }
    };
    let page = parse("page", 1)?;
    let per_page = parse("per_page", u64::from(DEFAULT_PER_PAGE))?.min(u64::from(MAX_PER_PAGE));
    Ok((page, per_page))
}

/// Slices `items` into the requested page with the contract's `meta`.
pub fn paginate<T: Serialize>(items: Vec<T>, page: u64, per_page: u64) -> Json<Page<T>> {
    let total = items.len() as u64;
    let start = page.saturating_sub(1).saturating_mul(per_page);
    let data = items.into_iter().skip(start.min(total) as usize).take(per_page as usize).collect();
    Json(Page { data, meta: PageMeta { total, page, per_page } })
}

/// `204 No Content`.
pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}
