//! The one error type that crosses IPC: `{code, message, request_id?, retry_after_secs?, lang?, field?}`.
//!
//! `code` is a closed, stable enum the UI switches on; `message` is a sentence for the user;
//! `request_id` is the server's id, shown so the user can quote it to support; `field` names the
//! form field an input error is about, so the UI can place it in any language.

use serde::Serialize;
use specta::Type;
use zexa_i18n::Locale;

/// Stable machine codes. Renaming a variant is a breaking change for the UI:
/// the exact JSON of each is pinned by a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    // Answers from the Zexa API.
    Unauthorized,
    Forbidden,
    NotFound,
    Validation,
    InvalidCode,
    InvalidCurrentPassword,
    Conflict,
    InsufficientCredits,
    RateLimited,
    Server,
    /// A part-B endpoint this server does not offer (answered 404 for the route).
    NotOffered,
    // Transport.
    Timeout,
    Network,
    BadResponse,
    InsecureUrl,
    // The system keychain.
    KeychainUnavailable,
    KeychainLocked,
    KeychainTimeout,
    KeychainDenied,
    /// The stored key is bound to another server than the profile now names: it is not sent.
    KeyBoundElsewhere,
    /// The keychain entry of the key cannot be read (a damaged envelope): it is not sent.
    KeyUnreadable,
    /// The system clipboard could not be used to copy a secret.
    ClipboardUnavailable,
    // Local state and input.
    InvalidInput,
    NoProfile,
    SettingsCorrupt,
    Io,
    Internal,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 27] = [
        ErrorCode::Unauthorized,
        ErrorCode::Forbidden,
        ErrorCode::NotFound,
        ErrorCode::Validation,
        ErrorCode::InvalidCode,
        ErrorCode::InvalidCurrentPassword,
        ErrorCode::Conflict,
        ErrorCode::InsufficientCredits,
        ErrorCode::RateLimited,
        ErrorCode::Server,
        ErrorCode::NotOffered,
        ErrorCode::Timeout,
        ErrorCode::Network,
        ErrorCode::BadResponse,
        ErrorCode::InsecureUrl,
        ErrorCode::KeychainUnavailable,
        ErrorCode::KeychainLocked,
        ErrorCode::KeychainTimeout,
        ErrorCode::KeychainDenied,
        ErrorCode::KeyBoundElsewhere,
        ErrorCode::KeyUnreadable,
        ErrorCode::ClipboardUnavailable,
        ErrorCode::InvalidInput,
        ErrorCode::NoProfile,
        ErrorCode::SettingsCorrupt,
        ErrorCode::Io,
        ErrorCode::Internal,
    ];
}

/// The form field an input error is about. Closed like [`ErrorCode`], so the UI switches on it
/// instead of reading the sentence; the wire names are pinned by a test.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// The profile name.
    Name,
    /// The profile's API base URL.
    BaseUrl,
    /// The API key pasted into a profile form.
    ApiKey,
}

impl Field {
    pub const ALL: [Field; 3] = [Field::Name, Field::BaseUrl, Field::ApiKey];

    /// The wire name (`base_url`), the same string serde writes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::BaseUrl => "base_url",
            Field::ApiKey => "api_key",
        }
    }
}

/// Reads as its wire name, so `error.field.as_deref() == Some("name")` compares with what the UI
/// receives (the tests that pin where an error lands were written against that string).
impl std::ops::Deref for Field {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// What a failed command returns to the webview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type, thiserror::Error)]
#[error("{message}")]
pub struct IpcError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// After `rate_limited`: seconds until trying again can work (the server's `Retry-After`),
    /// for a countdown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after_secs: Option<u32>,
    /// The language `message` is written in, when it came from the catalogue ([`ipc_error!`]).
    /// Absent: English, written inline (no sentence the app itself builds; stand-ins in tests).
    /// The UI shows `message` when it is in the window's language and its own sentence for
    /// `code` otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<Locale>,
    /// The form field the error is about (`name`, `base_url`, `api_key` in the profile form), so
    /// the UI can show it at that field without reading the sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<Field>,
}

impl IpcError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), request_id: None, retry_after_secs: None, lang: None, field: None }
    }

    /// A sentence from the catalogue, already rendered in `lang`: what [`ipc_error!`] builds.
    pub fn localized(code: ErrorCode, lang: Locale, message: String) -> Self {
        Self { lang: Some(lang), ..Self::new(code, message) }
    }

    pub fn with_request_id(mut self, request_id: Option<String>) -> Self {
        self.request_id = request_id;
        self
    }

    pub fn with_retry_after(mut self, seconds: Option<u32>) -> Self {
        self.retry_after_secs = seconds;
        self
    }

    /// Marks the error as being about one form field: `.with_field(Field::Name)`.
    pub fn with_field(mut self, field: Field) -> Self {
        self.field = Some(field);
        self
    }

    pub fn invalid_input(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidInput, message)
    }

    pub fn internal(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Internal, message)
    }
}

/// An [`IpcError`] whose sentence comes from the Fluent catalogue (`crates/zexa-i18n/locales`),
/// rendered in the app's current locale and marked with it:
/// `ipc_error!(ErrorCode::InvalidInput, "error-poll-interval", min = 1, max = 60)`.
#[macro_export]
macro_rules! ipc_error {
    ($code:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        let lang = $crate::i18n::locale();
        $crate::error::IpcError::localized(
            $code,
            lang,
            $crate::i18n::t_in!(lang, $id $(, $name = $value)*),
        )
    }};
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn code_json(code: ErrorCode) -> String {
        serde_json::to_value(code).unwrap().as_str().unwrap().to_owned()
    }

    #[test]
    fn every_code_has_its_pinned_wire_name() {
        let expected = [
            "unauthorized",
            "forbidden",
            "not_found",
            "validation",
            "invalid_code",
            "invalid_current_password",
            "conflict",
            "insufficient_credits",
            "rate_limited",
            "server",
            "not_offered",
            "timeout",
            "network",
            "bad_response",
            "insecure_url",
            "keychain_unavailable",
            "keychain_locked",
            "keychain_timeout",
            "keychain_denied",
            "key_bound_elsewhere",
            "key_unreadable",
            "clipboard_unavailable",
            "invalid_input",
            "no_profile",
            "settings_corrupt",
            "io",
            "internal",
        ];
        let actual: Vec<String> = ErrorCode::ALL.iter().map(|c| code_json(*c)).collect();
        assert_eq!(actual, expected);
    }

    #[test]
    fn every_field_has_its_pinned_wire_name() {
        for field in Field::ALL {
            assert_eq!(serde_json::to_value(field).unwrap(), json!(field.as_str()));
        }
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(names, ["name", "base_url", "api_key"]);
    }

    #[test]
    fn each_variant_serializes_to_exact_json() {
        for code in ErrorCode::ALL {
            let err = IpcError::new(code, "Something went wrong.");
            assert_eq!(
                serde_json::to_value(&err).unwrap(),
                json!({"code": code_json(code), "message": "Something went wrong."}),
            );
            let err = err.with_request_id(Some("req_8f2c1a".into()));
            assert_eq!(
                serde_json::to_string(&err).unwrap(),
                format!(
                    r#"{{"code":"{}","message":"Something went wrong.","request_id":"req_8f2c1a"}}"#,
                    code_json(code)
                ),
            );
        }
        let localized = IpcError::localized(ErrorCode::Io, Locale::Pt, "Não foi possível.".into());
        assert_eq!(
            serde_json::to_value(&localized).unwrap(),
            json!({"code": "io", "message": "Não foi possível.", "lang": "pt"})
        );
        let at_field = IpcError::localized(ErrorCode::InvalidInput, Locale::En, "Give the profile a name.".into())
            .with_field(Field::Name);
        assert_eq!(
            serde_json::to_string(&at_field).unwrap(),
            r#"{"code":"invalid_input","message":"Give the profile a name.","lang":"en","field":"name"}"#
        );
        let limited = IpcError::new(ErrorCode::RateLimited, "Wait.").with_retry_after(Some(42));
        assert_eq!(
            serde_json::to_value(&limited).unwrap(),
            json!({"code": "rate_limited", "message": "Wait.", "retry_after_secs": 42})
        );
    }
}
