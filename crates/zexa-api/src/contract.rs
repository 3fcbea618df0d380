//! Every path and wire shape of the Zexa API contract (`docs/api-contract.md`), parts A and B.
//!
//! The client and the sandbox both build on this module so that the rest of the app never spells
//! a URL or a field name. Types that carry a secret (a new key, a TOTP secret, backup codes) hold
//! it as [`SecretString`] and are `Deserialize` only: they can be read off the wire but never
//! written into a log, an IPC reply or a file by accident.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, ZeroizeOnDrop};

use zexa_core::secret::SecretString;

/// Zexa's live API. The `/v1` segment is the only versioning.
pub const LIVE_BASE_URL: &str = "https://api.zexa.ao/v1";
/// The web dashboard, where everything the API does not offer can be done by hand.
pub const DASHBOARD_URL: &str = "https://app.zexa.ao";
pub const DEFAULT_PER_PAGE: u32 = 50;
pub const MAX_PER_PAGE: u32 = 100;
pub const MAX_KEY_NAME_CHARS: usize = 64;
pub const BACKUP_CODE_COUNT: usize = 10;
/// Seconds an unconfirmed 2FA setup stays valid.
pub const TWO_FACTOR_SETUP_TTL_SECS: u64 = 10 * 60;
/// Wrong codes in a row before the 2FA endpoints answer `429`.
pub const TWO_FACTOR_MAX_WRONG_CODES: u32 = 5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }
}

/// Part A is documented by Zexa; part B is defined by this project and may be missing on a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    A,
    B,
}

/// Every endpoint of the contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Endpoint {
    Credits,
    Account,
    ListApiKeys,
    CreateApiKey,
    RevokeApiKey,
    ListSessions,
    RevokeSession,
    TwoFactorStatus,
    TwoFactorSetup,
    TwoFactorConfirm,
    RegenerateBackupCodes,
    DisableTwoFactor,
    ChangePassword,
}

impl Endpoint {
    pub const ALL: [Endpoint; 13] = [
        Endpoint::Credits,
        Endpoint::Account,
        Endpoint::ListApiKeys,
        Endpoint::CreateApiKey,
        Endpoint::RevokeApiKey,
        Endpoint::ListSessions,
        Endpoint::RevokeSession,
        Endpoint::TwoFactorStatus,
        Endpoint::TwoFactorSetup,
        Endpoint::TwoFactorConfirm,
        Endpoint::RegenerateBackupCodes,
        Endpoint::DisableTwoFactor,
        Endpoint::ChangePassword,
    ];

    pub fn method(self) -> Method {
        use Endpoint::*;
        match self {
            Credits | Account | ListApiKeys | ListSessions | TwoFactorStatus => Method::Get,
            CreateApiKey | TwoFactorSetup | TwoFactorConfirm | RegenerateBackupCodes | ChangePassword => Method::Post,
            RevokeApiKey | RevokeSession | DisableTwoFactor => Method::Delete,
        }
    }

    /// The path below the base URL, with `{id}` where an id goes (axum's syntax too).
    pub fn path_template(self) -> &'static str {
        use Endpoint::*;
        match self {
            Credits => "/credits",
            Account => "/account",
            ListApiKeys | CreateApiKey => "/api-keys",
            RevokeApiKey => "/api-keys/{id}",
            ListSessions => "/sessions",
            RevokeSession => "/sessions/{id}",
            TwoFactorStatus | DisableTwoFactor => "/account/2fa",
            TwoFactorSetup => "/account/2fa/setup",
            TwoFactorConfirm => "/account/2fa/confirm",
            RegenerateBackupCodes => "/account/2fa/backup-codes",
            ChangePassword => "/account/password",
        }
    }

    /// The concrete path; `id` is percent-encoded so no id can escape its path segment.
    pub fn path(self, id: Option<&str>) -> Cow<'static, str> {
        let template = self.path_template();
        match id {
            Some(id) if template.contains("{id}") => Cow::Owned(template.replace("{id}", &encode_path_segment(id))),
            _ => Cow::Borrowed(template),
        }
    }

    pub fn part(self) -> Part {
        if self == Endpoint::Credits {
            Part::A
        } else {
            Part::B
        }
    }

    /// Whether the contract lists `404 not_found` as a real answer of this endpoint (an unknown
    /// id, or no pending 2FA setup). Everywhere else on part B a 404 means the route is missing.
    pub fn has_not_found_answer(self) -> bool {
        matches!(self, Endpoint::RevokeApiKey | Endpoint::RevokeSession | Endpoint::TwoFactorConfirm)
    }

    /// The feature's key in the catalogue's `error-api-not-offered` (`crates/zexa-i18n`).
    pub fn feature_key(self) -> &'static str {
        use Endpoint::*;
        match self {
            Credits => "credits",
            Account => "account",
            ListApiKeys | CreateApiKey | RevokeApiKey => "api-keys",
            ListSessions | RevokeSession => "sessions",
            TwoFactorStatus | TwoFactorSetup | TwoFactorConfirm | RegenerateBackupCodes | DisableTwoFactor => {
                "two-factor"
            }
            ChangePassword => "password",
        }
    }
}

const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

fn encode_path_segment(id: &str) -> String {
    utf8_percent_encode(id, PATH_SEGMENT).to_string()
}

/// Machine codes of the `error` field.
pub mod error_codes {
    pub const INVALID_REQUEST: &str = "invalid_request";
    pub const UNAUTHORIZED: &str = "unauthorized";
    pub const FORBIDDEN: &str = "forbidden";
    pub const NOT_FOUND: &str = "not_found";
    pub const CONFLICT: &str = "conflict";
    pub const VALIDATION_ERROR: &str = "validation_error";
    pub const INVALID_CODE: &str = "invalid_code";
    pub const INVALID_CURRENT_PASSWORD: &str = "invalid_current_password";
    pub const INSUFFICIENT_CREDITS: &str = "insufficient_credits";
    pub const RATE_LIMIT_EXCEEDED: &str = "rate_limit_exceeded";
    pub const INTERNAL_ERROR: &str = "internal_error";
}

/// The error body every non-2xx answer carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: String,
    #[serde(default)]
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub details: Option<serde_json::Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// `GET /credits`. `credits` is exact: documented as an integer, but half-credit prices exist.
/// A figure beyond ±10^15 or with more than six fraction digits is a bad response
/// (`crate::decimal::check_credits`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Credits {
    #[serde(with = "crate::decimal::credits_amount")]
    pub credits: Decimal,
    pub currency: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Member,
}

/// `GET /account`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub two_factor_enabled: bool,
}

/// One item of `GET /api-keys`. Timestamps are ISO 8601 UTC strings as sent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct ApiKey {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}

/// `POST /api-keys` → 201: the key object plus the full secret, shown this once.
#[derive(Debug, Clone, Deserialize)]
pub struct CreatedApiKey {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub key: SecretString,
}

impl CreatedApiKey {
    /// The listing form, without the secret.
    pub fn summary(&self) -> ApiKey {
        ApiKey {
            id: self.id.clone(),
            name: self.name.clone(),
            prefix: self.prefix.clone(),
            created_at: self.created_at.clone(),
            last_used_at: self.last_used_at.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreateApiKeyRequest {
    pub name: String,
}

/// One item of `GET /sessions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct Session {
    pub id: String,
    pub device: String,
    pub location: String,
    pub ip: String,
    pub created_at: String,
    pub last_active_at: String,
}

/// `GET /account/2fa`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, specta::Type)]
pub struct TwoFactorStatus {
    pub enabled: bool,
    pub enabled_at: Option<String>,
    pub backup_codes_remaining: u32,
}

/// `POST /account/2fa/setup` → 201. The otpauth URL contains the secret, so it is secret too.
#[derive(Debug, Clone, Deserialize)]
pub struct TwoFactorSetup {
    pub secret: SecretString,
    pub otpauth_url: SecretString,
    pub expires_at: String,
}

/// `POST /account/2fa/confirm` → 200.
#[derive(Debug, Clone, Deserialize)]
pub struct TwoFactorEnabled {
    pub enabled: bool,
    pub backup_codes: Vec<SecretString>,
}

/// `POST /account/2fa/backup-codes` → 200.
#[derive(Debug, Clone, Deserialize)]
pub struct BackupCodes {
    pub backup_codes: Vec<SecretString>,
}

/// Body of confirm, backup-codes and disable. Zeroized on drop: it holds a live code.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct TwoFactorCodeRequest {
    pub code: String,
}

/// Body of `POST /account/password`. Zeroized on drop.
#[derive(Clone, Serialize, Deserialize, Zeroize, ZeroizeOnDrop)]
pub struct ChangePasswordRequest {
    pub current_password: String,
    pub new_password: String,
}

/// A rule of the password policy, by its wire name in `details.failed`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum PasswordRule {
    MinLength,
    Uppercase,
    Number,
    Special,
}

impl PasswordRule {
    pub const ALL: [PasswordRule; 4] =
        [PasswordRule::MinLength, PasswordRule::Uppercase, PasswordRule::Number, PasswordRule::Special];
    pub const MIN_LENGTH: usize = 8;

    pub fn wire_name(self) -> &'static str {
        match self {
            PasswordRule::MinLength => "min_length",
            PasswordRule::Uppercase => "uppercase",
            PasswordRule::Number => "number",
            PasswordRule::Special => "special",
        }
    }

    pub fn from_wire(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|rule| rule.wire_name() == name)
    }

    /// How the rule reads in a sentence ("at least 8 characters").
    /// The rule in words, in the app's current language ("at least 8 characters").
    pub fn describe(self) -> String {
        self.describe_in(zexa_core::i18n::locale())
    }

    pub fn describe_in(self, locale: zexa_core::i18n::Locale) -> String {
        use zexa_core::i18n::t_in;
        match self {
            PasswordRule::MinLength => t_in!(locale, "password-rule-min-length"),
            PasswordRule::Uppercase => t_in!(locale, "password-rule-uppercase"),
            PasswordRule::Number => t_in!(locale, "password-rule-number"),
            PasswordRule::Special => t_in!(locale, "password-rule-special"),
        }
    }

    /// The rules `password` does not meet, in policy order.
    pub fn unmet(password: &str) -> Vec<PasswordRule> {
        Self::ALL.into_iter().filter(|rule| !rule.is_met(password)).collect()
    }

    fn is_met(self, password: &str) -> bool {
        match self {
            PasswordRule::MinLength => password.chars().count() >= Self::MIN_LENGTH,
            PasswordRule::Uppercase => password.chars().any(char::is_uppercase),
            PasswordRule::Number => password.chars().any(|c| c.is_ascii_digit()),
            PasswordRule::Special => password.chars().any(|c| !c.is_alphanumeric() && !c.is_whitespace()),
        }
    }
}

/// A page of a list endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page<T> {
    pub data: Vec<T>,
    pub meta: PageMeta,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageMeta {
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

impl PageMeta {
    /// The contract's stop rule: every page has been fetched once `page * per_page >= total`.
    pub fn is_last(&self) -> bool {
        self.page.saturating_mul(self.per_page) >= self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_cannot_escape_their_segment() {
        assert_eq!(Endpoint::RevokeApiKey.path(Some("key_ab12")), "/api-keys/key_ab12");
        assert_eq!(Endpoint::RevokeSession.path(Some("../x?y")), "/sessions/..%2Fx%3Fy");
        assert_eq!(Endpoint::Credits.path(None), "/credits");
    }

    #[test]
    fn password_rules_follow_the_policy() {
        assert_eq!(PasswordRule::unmet("Sandbox#2026"), vec![]);
        assert_eq!(
            PasswordRule::unmet("short"),
            vec![PasswordRule::MinLength, PasswordRule::Uppercase, PasswordRule::Number, PasswordRule::Special]
        );
        assert_eq!(PasswordRule::unmet("Longenough1"), vec![PasswordRule::Special]);
        assert_eq!(PasswordRule::from_wire("min_length"), Some(PasswordRule::MinLength));
    }

    #[test]
    fn only_credits_is_part_a() {
        for endpoint in Endpoint::ALL {
            assert_eq!(endpoint.part() == Part::A, endpoint == Endpoint::Credits);
        }
    }
}
