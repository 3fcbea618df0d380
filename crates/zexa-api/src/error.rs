//! `ApiError`: every way a call can fail, mapped from the contract's statuses and error codes.

use std::time::Duration;

use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::i18n::{self, t_in, Locale};

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

    /// The sentence shown to the user, in the app's current language.
    pub fn user_message(&self) -> String {
        self.user_message_in(i18n::locale())
    }

    /// The sentence shown to the user, from the catalogue (`crates/zexa-i18n/locales/*/errors.ftl`).
    pub fn user_message_in(&self, locale: Locale) -> String {
        match self {
            ApiError::Unauthorized { .. } => t_in!(locale, "error-api-unauthorized"),
            ApiError::Forbidden { .. } => t_in!(locale, "error-api-forbidden"),
            ApiError::NotFound { .. } => t_in!(locale, "error-api-not-found"),
            ApiError::Validation { field, failed, message, .. } => {
                validation_sentence(field.as_deref(), failed, message, locale)
            }
            ApiError::InvalidRequest { .. } => t_in!(locale, "error-api-invalid-request"),
            ApiError::InvalidCode { .. } => t_in!(locale, "error-api-invalid-code"),
            ApiError::InvalidCurrentPassword { .. } => t_in!(locale, "error-api-invalid-current-password"),
            ApiError::Conflict { message, .. } if !message.is_empty() => {
                t_in!(locale, "error-api-conflict-detail", detail = message)
            }
            ApiError::Conflict { .. } => t_in!(locale, "error-api-conflict"),
            ApiError::InsufficientCredits { .. } => t_in!(locale, "error-api-insufficient-credits"),
            ApiError::RateLimited { retry_after: Some(wait), .. } => {
                t_in!(locale, "error-api-rate-limited-wait", seconds = wait.as_secs().max(1))
            }
            ApiError::RateLimited { retry_after: None, .. } => t_in!(locale, "error-api-rate-limited"),
            ApiError::Server { .. } => t_in!(locale, "error-api-server"),
            ApiError::Timeout => t_in!(locale, "error-api-timeout"),
            ApiError::Network { .. } => t_in!(locale, "error-api-network"),
            ApiError::BadResponse { kind: BadResponseKind::TooLarge, .. } => t_in!(locale, "error-api-too-large"),
            ApiError::BadResponse { .. } => t_in!(locale, "error-api-bad-response"),
            ApiError::NotOffered { endpoint, .. } => {
                t_in!(locale, "error-api-not-offered", feature = endpoint.feature_key(), dashboard = DASHBOARD_URL,)
            }
            ApiError::InsecureUrl { reason } => t_in!(locale, "error-api-insecure-url", reason = reason),
        }
    }
}

fn validation_sentence(field: Option<&str>, failed: &[String], message: &str, locale: Locale) -> String {
    let rules: Vec<String> =
        failed.iter().filter_map(|name| PasswordRule::from_wire(name)).map(|rule| rule.describe_in(locale)).collect();
    if !rules.is_empty() {
        return t_in!(locale, "error-api-password-needs", rules = join_with_and(&rules, locale));
    }
    match (field, message.is_empty()) {
        (_, false) => t_in!(locale, "error-api-not-accepted", detail = message),
        (Some(field), true) => t_in!(locale, "error-api-field-not-accepted", field = field),
        (None, true) => t_in!(locale, "error-api-input-not-accepted"),
    }
}

/// "a, b and c" / "a, b e c".
fn join_with_and(items: &[String], locale: Locale) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => t_in!(locale, "list-and", init = init.join(", "), last = last.as_str()),
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
        let lang = i18n::locale();
        IpcError::localized(error.code(), lang, error.user_message_in(lang))
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
    fn sentences_are_in_the_asked_language() {
        let error = ApiError::RateLimited { retry_after: Some(Duration::from_secs(1)), request_id: None };
        assert_eq!(error.user_message_in(Locale::En), "Too many requests. Try again in 1 second.");
        assert_eq!(error.user_message_in(Locale::Pt), "Demasiados pedidos. Tente novamente dentro de 1 segundo.");
        let error = ApiError::Validation {
            field: None,
            failed: vec!["uppercase".into(), "number".into()],
            message: String::new(),
            request_id: None,
        };
        assert_eq!(
            error.user_message_in(Locale::Pt),
            "A nova palavra-passe precisa de uma letra maiúscula e um algarismo."
        );
        let error = ApiError::NotOffered { endpoint: Endpoint::ListSessions, request_id: None };
        assert_eq!(
            error.user_message_in(Locale::Pt),
            "Este servidor não disponibiliza a gestão de sessões; use Definições → Segurança → Sessões ativas em https://app.zexa.ao."
        );
        let ipc = IpcError::from(ApiError::Timeout);
        assert_eq!(ipc.lang, Some(i18n::locale()), "marked with the language it was rendered in");
    }

    #[test]
    fn unauthorized_sentence() {
        let ipc = IpcError::from(ApiError::Unauthorized { request_id: Some("req_x".into()) });
        assert_eq!(ipc.message, "The API key was refused: it is invalid or has been revoked.");
        assert_eq!(ipc.request_id.as_deref(), Some("req_x"));
    }
}
