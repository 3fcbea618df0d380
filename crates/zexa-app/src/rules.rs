//! The input rules the window needs before anything is sent, defined once, here. The UI never
//! copies them: it reads the figures from the `LIMITS` constant of the typed bindings
//! ([`limits`]) and asks the check commands ([`check_profile_input`]) for everything else, so a
//! form and the command behind it cannot disagree (they did: names counted in UTF-16 units, three
//! loopback hosts instead of 127.0.0.0/8, a key cleaned two ways). The service applies the same
//! functions when it refuses an input, so the sentences are the same too.

use serde::{Deserialize, Serialize};
use specta::Type;
use zexa_core::error::{ErrorCode, Field, IpcError};
use zexa_core::ipc_error;
use zexa_core::settings::{DEFAULT_BASE_URL, POLL_MINUTES_RANGE, SPEND_FLOOR_RANGE, SPEND_MULTIPLE_RANGE};

// The profile name and key rules are defined in zexa-profiles, which the `zexa` command line
// shares: both apply the same ones.
pub use zexa_profiles::adding::{checked_profile_name, cleaned_api_key, PROFILE_NAME_MAX_CHARS};

/// Digits in an authenticator code.
pub const TOTP_DIGITS: usize = 6;
/// The runway warning looks at most this many days ahead.
pub const RUNWAY_ALERT_DAYS_MAX: u32 = 365;
/// What separates the groups of a typed or pasted code besides whitespace: the ASCII hyphen and
/// the Unicode dashes a phone, a PDF or a word processor puts in its place (hyphen, non-breaking
/// hyphen, figure dash, en dash, em dash).
pub const CODE_DASHES: [char; 6] = ['-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}', '\u{2014}'];

/// The figures the window shows or bounds its fields with, exported to TypeScript as `LIMITS`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Limits {
    /// The Zexa API a new profile talks to unless the user names another.
    pub default_base_url: String,
    /// The credit monitor's poll interval, in minutes (GeneralSettings::validate).
    pub poll_minutes_min: u32,
    pub poll_minutes_max: u32,
    /// The most days ahead a runway warning can be set to (0 turns it off).
    pub runway_alert_days_max: u32,
    /// The longest profile name, in characters.
    pub profile_name_max_chars: u32,
    /// Digits in an authenticator code.
    pub totp_digits: u32,
    /// [`CODE_DASHES`], as one string: the field strips them (and whitespace) as the user types.
    pub code_dashes: String,
    /// The spend watch's line (GeneralSettings::validate): more than this many times the usual…
    pub spend_multiple_min: u32,
    pub spend_multiple_max: u32,
    /// …and at least this many credits in the hour.
    pub spend_floor_min: u32,
    pub spend_floor_max: u32,
}

pub fn limits() -> Limits {
    Limits {
        default_base_url: DEFAULT_BASE_URL.to_owned(),
        poll_minutes_min: *POLL_MINUTES_RANGE.start(),
        poll_minutes_max: *POLL_MINUTES_RANGE.end(),
        runway_alert_days_max: RUNWAY_ALERT_DAYS_MAX,
        profile_name_max_chars: PROFILE_NAME_MAX_CHARS as u32,
        totp_digits: TOTP_DIGITS as u32,
        code_dashes: CODE_DASHES.iter().collect(),
        spend_multiple_min: *SPEND_MULTIPLE_RANGE.start(),
        spend_multiple_max: *SPEND_MULTIPLE_RANGE.end(),
        spend_floor_min: *SPEND_FLOOR_RANGE.start(),
        spend_floor_max: *SPEND_FLOOR_RANGE.end(),
    }
}

/// Whether `c` separates the groups of a code (whitespace or one of [`CODE_DASHES`]).
pub fn is_code_separator(c: char) -> bool {
    c.is_whitespace() || CODE_DASHES.contains(&c)
}

/// One problem with one field, in the app's language: what a check command answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FieldProblem {
    pub field: Field,
    pub message: String,
}

impl FieldProblem {
    fn at(field: Field, error: IpcError) -> Self {
        FieldProblem { field, message: error.message }
    }
}

/// The parts of a profile form checked while it is filled in; absent parts are not checked.
/// The key is not among them: it is a secret, sent only when the form is submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Type)]
pub struct ProfileInput {
    pub name: Option<String>,
    pub base_url: Option<String>,
}

/// Whether a key may be sent to `base_url`: https anywhere, plain http only to this computer
/// (all of 127.0.0.0/8, ::1, localhost), never with credentials, a query or a fragment. The
/// client applies the same check (`zexa_api::check_base_url`) before any request.
pub fn checked_base_url(base_url: &str) -> Result<(), IpcError> {
    zexa_api::check_base_url(base_url).map_err(|e| IpcError::from(e).with_field(Field::BaseUrl))
}

/// Every problem of the given parts, in field order; empty when the form can be submitted.
pub fn check_profile_input(input: &ProfileInput) -> Vec<FieldProblem> {
    let mut problems = Vec::new();
    if let Some(Err(e)) = input.name.as_deref().map(checked_profile_name) {
        problems.push(FieldProblem::at(Field::Name, e));
    }
    if let Some(Err(e)) = input.base_url.as_deref().map(checked_base_url) {
        problems.push(FieldProblem::at(Field::BaseUrl, e));
    }
    problems
}

/// A runway warning `days` ahead can be set (0 turns it off).
pub fn checked_runway_days(days: u32) -> Result<u32, IpcError> {
    if days > RUNWAY_ALERT_DAYS_MAX {
        return Err(ipc_error!(ErrorCode::InvalidInput, "error-runway-days-too-many", max = RUNWAY_ALERT_DAYS_MAX));
    }
    Ok(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: Option<&str>, base_url: Option<&str>) -> ProfileInput {
        ProfileInput { name: name.map(str::to_owned), base_url: base_url.map(str::to_owned) }
    }

    #[test]
    fn limits_are_the_rules_the_service_applies() {
        let limits = limits();
        assert_eq!(limits.default_base_url, "https://api.zexa.ao/v1");
        assert_eq!((limits.poll_minutes_min, limits.poll_minutes_max), (1, 60));
        assert_eq!(limits.runway_alert_days_max, 365);
        assert_eq!(limits.profile_name_max_chars, 64);
        assert_eq!(limits.totp_digits, 6);
        assert_eq!(limits.code_dashes.chars().count(), CODE_DASHES.len());
        let json = serde_json::to_value(&limits).unwrap();
        assert_eq!(json["default_base_url"], "https://api.zexa.ao/v1");
        assert_eq!(json["code_dashes"], "-‐‑‒–—");
    }

    #[test]
    fn names_are_counted_in_characters_not_utf16_units() {
        // 64 emoji are 128 UTF-16 units: still a valid name.
        let emoji = "🙂".repeat(PROFILE_NAME_MAX_CHARS);
        assert_eq!(checked_profile_name(&format!("  {emoji} ")).unwrap(), emoji);
        let too_long = checked_profile_name(&"x".repeat(PROFILE_NAME_MAX_CHARS + 1)).unwrap_err();
        assert_eq!(too_long.field, Some(Field::Name));
        assert_eq!(checked_profile_name(" \n ").unwrap_err().field, Some(Field::Name));
    }

    #[test]
    fn base_urls_follow_the_clients_rule() {
        for ok in ["https://api.zexa.ao/v1", "http://127.0.0.1:8080/v1", "http://127.5.6.7/v1", "http://[::1]:9/v1"] {
            assert_eq!(checked_base_url(ok), Ok(()), "{ok}");
        }
        for bad in ["api.zexa.ao", "http://api.zexa.ao/v1", "http://user:pw@127.0.0.1/v1", "https://api.zexa.ao/v1?x=1"]
        {
            let error = checked_base_url(bad).unwrap_err();
            assert_eq!((error.code, error.field), (ErrorCode::InsecureUrl, Some(Field::BaseUrl)), "{bad}");
        }
    }

    #[test]
    fn a_check_names_every_field_with_a_problem_with_the_services_sentence() {
        let long = "x".repeat(PROFILE_NAME_MAX_CHARS + 1);
        let problems = check_profile_input(&input(Some(&long), Some("http://api.zexa.ao/v1")));
        assert_eq!(problems.iter().map(|p| p.field).collect::<Vec<_>>(), [Field::Name, Field::BaseUrl]);
        // The same sentences as when the service refuses the input (the catalogue's, localized).
        assert_eq!(problems[0].message, checked_profile_name(&long).unwrap_err().message);
        assert_eq!(problems[1].message, checked_base_url("http://api.zexa.ao/v1").unwrap_err().message);
        let problems = check_profile_input(&input(Some("Produção"), Some("http://localhost:3000/v1")));
        assert!(problems.is_empty(), "{problems:?}");
        assert!(check_profile_input(&input(None, None)).is_empty());
    }

    #[test]
    fn a_key_is_cleaned_of_bearer_and_every_whitespace() {
        let cleaned = |raw: &str| cleaned_api_key(&zexa_core::secret::SecretString::new(raw.to_owned()));
        assert_eq!(cleaned("  Bearer zx_live_0123\r\n4567 89ab\tcdef  ").unwrap().expose(), "zx_live_0123456789abcdef");
        assert_eq!(cleaned(" zx_live_fresh_key_9999 ").unwrap().expose(), "zx_live_fresh_key_9999");
        // Empty, a character no key has.
        for raw in [" \n ", "zx_live_é"] {
            let error = cleaned(raw).unwrap_err();
            assert_eq!((error.code, error.field), (ErrorCode::InvalidInput, Some(Field::ApiKey)), "{raw:?}");
        }
    }

    #[test]
    fn code_separators_include_the_unicode_dashes() {
        for c in [' ', '\u{a0}', '\n', '-', '‐', '‑', '‒', '–', '—'] {
            assert!(is_code_separator(c), "{c:?}");
        }
        assert!(!is_code_separator('1') && !is_code_separator('_'));
    }
}
