//! `ApiError`: every way a call can fail, mapped from the contract's statuses and error codes.

use std::time::Duration;

use zexa_core::error::{ErrorCode, IpcError};

use crate::contract::{Endpoint, PasswordRule, DASHBOARD_URL};

/// Why a response could not be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadResponseKind {
    /// Not JSON, or JSON of the wrong shape (a missing required field, a wrong type).
    Undecodable,
    /// The connection ended before the whole body arrived.
    Truncated,
    /// Over the body-size cap.
    TooLarge,
    /// A status or answer the contract does not allow here.
    Unexpected,
}

/// A closed set: the UI switches on [`ApiError::code`]. Every variant that comes from a server
/// answer carries the `request_id` the server sent, if any.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("unauthorized (401)")]
    Unauthorized { request_id: Option<String> },
    #[error("forbidden (403)")]
    Forbidden { request_id: Option<String> },
    #[error("not found (404)")]
    NotFound { request_id: Option<String> },
    /// `422 validation_error`: `field` from `details.field`, `failed` from `details.failed`.
    #[error("validation error: {message}")]
    Validation { field: Option<String>, failed: Vec<String>, message: String, request_id: Option<String> },
    /// `400 invalid_request`: the server could not read what was sent.
    #[error("invalid request: {message}")]
    InvalidRequest { message: String, request_id: Option<String> },
    #[error("invalid code")]
    InvalidCode { request_id: Option<String> },
    #[error("invalid current password")]
    InvalidCurrentPassword { request_id: Option<String> },
    #[error("conflict: {message}")]
    Conflict { message: String, request_id: Option<String> },
    #[error("insufficient credits")]
    InsufficientCredits { request_id: Option<String> },
    #[error("rate limited (retry after {retry_after:?})")]
    RateLimited { retry_after: Option<Duration>, request_id: Option<String> },
    #[error("server error ({status})")]
    Server { status: u16, request_id: Option<String> },
    #[error("timed out")]
    Timeout,
    #[error("network error: {detail}")]
    Network { detail: String },
    #[error("bad response ({kind:?}): {detail}")]
    BadResponse { kind: BadResponseKind, detail: String, request_id: Option<String> },
    /// A part-B endpoint this server does not have (see docs/api-client.md for the rule).
    #[error("not offered by this server: {endpoint:?}")]
    NotOffered { endpoint: Endpoint, request_id: Option<String> },
    /// A base URL that is neither HTTPS nor loopback, or not a usable URL at all.
    #[error("insecure or unusable base URL: {reason}")]
    InsecureUrl { reason: String },
}

impl ApiError {
    pub fn code(&self) -> ErrorCode {
        match self {
            ApiError::Unauthorized { .. } => ErrorCode::Unauthorized,
            ApiError::Forbidden { .. } => ErrorCode::Forbidden,
            ApiError::NotFound { .. } => ErrorCode::NotFound,
            ApiError::Validation { .. } => ErrorCode::Validation,
            ApiError::InvalidRequest { .. } => ErrorCode::InvalidInput,
            ApiError::InvalidCode { .. } => ErrorCode::InvalidCode,
            ApiError::InvalidCurrentPassword { .. } => ErrorCode::InvalidCurrentPassword,
            ApiError::Conflict { .. } => ErrorCode::Conflict,
            ApiError::InsufficientCredits { .. } => ErrorCode::InsufficientCredits,
            ApiError::RateLimited { .. } => ErrorCode::RateLimited,
            ApiError::Server { .. } => ErrorCode::Server,
            ApiError::Timeout => ErrorCode::Timeout,
            ApiError::Network { .. } => ErrorCode::Network,
            ApiError::BadResponse { .. } => ErrorCode::BadResponse,
            ApiError::NotOffered { .. } => ErrorCode::NotOffered,
            ApiError::InsecureUrl { .. } => ErrorCode::InsecureUrl,
        }
    }

    pub fn request_id(&self) -> Option<&str> {
        match self {
            ApiError::Unauthorized { request_id }
            | ApiError::Forbidden { request_id }
            | ApiError::NotFound { request_id }
            | ApiError::Validation { request_id, .. }
            | ApiError::InvalidRequest { request_id, .. }
            | ApiError::InvalidCode { request_id }
            | ApiError::InvalidCurrentPassword { request_id }
            | ApiError::Conflict { request_id, .. }
            | ApiError::InsufficientCredits { request_id }
            | ApiError::RateLimited { request_id, .. }
            | ApiError::Server { request_id, .. }
            | ApiError::BadResponse { request_id, .. }
            | ApiError::NotOffered { request_id, .. } => request_id.as_deref(),
            ApiError::Timeout | ApiError::Network { .. } | ApiError::InsecureUrl { .. } => None,
        }
    }

    pub(crate) fn bad(kind: BadResponseKind, detail: impl Into<String>, request_id: Option<String>) -> Self {
        ApiError::BadResponse { kind, detail: detail.into(), request_id }
    }

    /// The sentence shown to the user.
    pub fn user_message(&self) -> String {
        match self {
            ApiError::Unauthorized { .. } => "The API key was refused: it is invalid or has been revoked.".into(),
            ApiError::Forbidden { .. } => {
                "Your role does not allow this: only account Admins can manage API keys and billing.".into()
            }
            ApiError::NotFound { .. } => {
                "It no longer exists: it may have been revoked already or the setup may have expired.".into()
            }
            ApiError::Validation { field, failed, message, .. } => {
                validation_sentence(field.as_deref(), failed, message)
            }
            ApiError::InvalidRequest { .. } => "The server could not read the request.".into(),
            ApiError::InvalidCode { .. } => {
                "That code is not valid. Enter the current 6-digit code from your authenticator app.".into()
            }
            ApiError::InvalidCurrentPassword { .. } => "The current password is not correct.".into(),
            ApiError::Conflict { message, .. } if !message.is_empty() => {
                format!("This cannot be done in the current state: {message}")
            }
            ApiError::Conflict { .. } => "This cannot be done in the current state.".into(),
            ApiError::InsufficientCredits { .. } => {
                "There are not enough credits. Top up in Billing → Buy Credits on https://app.zexa.ao.".into()
            }
            ApiError::RateLimited { retry_after: Some(wait), .. } => {
                format!("Too many requests. Try again in {} seconds.", wait.as_secs().max(1))
            }
            ApiError::RateLimited { retry_after: None, .. } => "Too many requests. Try again shortly.".into(),
            ApiError::Server { .. } => "The Zexa server had a problem. Try again later.".into(),
            ApiError::Timeout => "The Zexa server did not answer in time.".into(),
            ApiError::Network { .. } => "Could not reach the Zexa server. Check the internet connection.".into(),
            ApiError::BadResponse { kind: BadResponseKind::TooLarge, .. } => {
                "The server's answer was too large and was refused.".into()
            }
            ApiError::BadResponse { .. } => "The server's answer could not be understood.".into(),
            ApiError::NotOffered { endpoint, .. } => format!(
                "This server does not offer {}; use {} on {DASHBOARD_URL}.",
                endpoint.feature_name(),
                endpoint.dashboard_page()
            ),
            ApiError::InsecureUrl { reason } => {
                format!("The server address was refused: {reason}. Use an https:// address.")
            }
        }
    }
}

fn validation_sentence(field: Option<&str>, failed: &[String], message: &str) -> String {
    let rules: Vec<&str> =
        failed.iter().filter_map(|name| PasswordRule::from_wire(name)).map(PasswordRule::describe).collect();
    if !rules.is_empty() {
        return format!("The new password needs {}.", join_with_and(&rules));
    }
    match (field, message.is_empty()) {
        (_, false) => format!("Not accepted: {message}."),
        (Some(field), true) => format!("The {field} was not accepted."),
        (None, true) => "The input was not accepted.".into(),
    }
}

fn join_with_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl From<ApiError> for IpcError {
    fn from(error: ApiError) -> Self {
        let retry_after = match &error {
            ApiError::RateLimited { retry_after: Some(wait), .. } => {
                Some(u32::try_from(wait.as_secs().max(1)).unwrap_or(u32::MAX))
            }
            _ => None,
        };
        IpcError::new(error.code(), error.user_message())
            .with_request_id(error.request_id().map(str::to_owned))
            .with_retry_after(retry_after)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_failures_read_as_one_sentence() {
        let error = ApiError::Validation {
            field: Some("new_password".into()),
            failed: vec!["min_length".into(), "number".into(), "special".into()],
            message: "password too weak".into(),
            request_id: Some("req_1".into()),
        };
        let ipc = IpcError::from(error);
        assert_eq!(ipc.code, ErrorCode::Validation);
        assert_eq!(
            ipc.message,
            "The new password needs at least 8 characters, a number and a special character such as ! @ # $."
        );
        assert_eq!(ipc.request_id.as_deref(), Some("req_1"));
    }

    #[test]
    fn not_offered_points_to_the_dashboard() {
        let ipc = IpcError::from(ApiError::NotOffered { endpoint: Endpoint::ListApiKeys, request_id: None });
        assert_eq!(ipc.code, ErrorCode::NotOffered);
        assert_eq!(
            ipc.message,
            "This server does not offer API key management; use Settings → API Keys on https://app.zexa.ao."
        );
        assert_eq!(ipc.request_id, None);
    }

    #[test]
    fn unauthorized_sentence() {
        let ipc = IpcError::from(ApiError::Unauthorized { request_id: Some("req_x".into()) });
        assert_eq!(ipc.message, "The API key was refused: it is invalid or has been revoked.");
        assert_eq!(ipc.request_id.as_deref(), Some("req_x"));
    }
}
