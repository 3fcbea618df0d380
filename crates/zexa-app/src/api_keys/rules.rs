//! The rules users see on the API key list, defined once: the badges (this app's key, older than
//! 90 days, never used, unused for 30+ days), the name rules of `POST /api-keys`, and the list
//! order. The security checkup reuses the same predicates, so the two can never disagree.

use serde::Serialize;
use specta::Type;
use time::OffsetDateTime;
use zexa_api::contract::{ApiKey, MAX_KEY_NAME_CHARS};
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;

use crate::clock::parse_timestamp;

/// Zexa's advice is to rotate keys regularly, e.g. quarterly.
pub const ROTATE_AFTER_DAYS: i64 = 90;
/// A key nobody has used for this long is probably forgotten: revoke it.
pub const UNUSED_AFTER_DAYS: i64 = 30;

/// A badge on a key row, with the action it suggests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum KeyBadge {
    /// A profile of this app signs in with this key.
    ThisApp,
    /// Created more than [`ROTATE_AFTER_DAYS`] ago: rotate it.
    #[serde(rename = "older_than_90_days")]
    OlderThan90Days,
    /// Never used since it was created: revoke it if nothing needs it.
    NeverUsed,
    /// Last used more than [`UNUSED_AFTER_DAYS`] ago: revoke it if nothing needs it.
    #[serde(rename = "unused_for_30_days")]
    UnusedFor30Days,
}

/// What a badge suggests doing about the key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum KeyAdvice {
    Rotate,
    Revoke,
}

impl KeyBadge {
    pub fn advice(self) -> Option<KeyAdvice> {
        match self {
            KeyBadge::ThisApp => None,
            KeyBadge::OlderThan90Days => Some(KeyAdvice::Rotate),
            KeyBadge::NeverUsed | KeyBadge::UnusedFor30Days => Some(KeyAdvice::Revoke),
        }
    }
}

/// The one action a row suggests: rotating an old key comes before revoking an unused one.
pub fn suggestion(badges: &[KeyBadge]) -> Option<KeyAdvice> {
    let advice: Vec<KeyAdvice> = badges.iter().filter_map(|b| b.advice()).collect();
    advice.iter().find(|a| **a == KeyAdvice::Rotate).or(advice.first()).copied()
}

/// Whole days from `then` to `now`, never negative (a server clock ahead of ours is "today").
pub fn days_since(then: OffsetDateTime, now: OffsetDateTime) -> i64 {
    (now - then).whole_days().max(0)
}

/// Older than the rotation period. A timestamp that cannot be read never raises a badge.
pub fn is_due_for_rotation(key: &ApiKey, now: OffsetDateTime) -> bool {
    parse_timestamp(&key.created_at).is_some_and(|created| days_since(created, now) > ROTATE_AFTER_DAYS)
}

pub fn is_never_used(key: &ApiKey) -> bool {
    key.last_used_at.is_none()
}

pub fn is_unused_for_long(key: &ApiKey, now: OffsetDateTime) -> bool {
    key.last_used_at.as_deref().and_then(parse_timestamp).is_some_and(|used| days_since(used, now) >= UNUSED_AFTER_DAYS)
}

/// Every badge of a key, in display order. `used_by_this_app` comes from matching the stored
/// keys against the prefix (`zexa_api::Client::key_has_prefix`).
pub fn key_badges(key: &ApiKey, now: OffsetDateTime, used_by_this_app: bool) -> Vec<KeyBadge> {
    let mut badges = Vec::new();
    if used_by_this_app {
        badges.push(KeyBadge::ThisApp);
    }
    if is_due_for_rotation(key, now) {
        badges.push(KeyBadge::OlderThan90Days);
    }
    if is_never_used(key) {
        badges.push(KeyBadge::NeverUsed);
    } else if is_unused_for_long(key, now) {
        badges.push(KeyBadge::UnusedFor30Days);
    }
    badges
}

/// Why a name cannot be given to a new key, by the contract's rules for `POST /api-keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum KeyNameProblem {
    Empty,
    TooLong {
        max_chars: u32,
    },
    /// Another active key already has this name (compared after trimming, as the server does).
    Taken,
}

impl KeyNameProblem {
    /// The problem as an input error, in the app's language.
    pub fn to_error(&self) -> IpcError {
        match self {
            KeyNameProblem::Empty => ipc_error!(ErrorCode::InvalidInput, "error-key-name-empty"),
            KeyNameProblem::TooLong { max_chars } => {
                ipc_error!(ErrorCode::InvalidInput, "error-key-name-too-long", max = *max_chars)
            }
            KeyNameProblem::Taken => ipc_error!(ErrorCode::InvalidInput, "error-key-name-taken"),
        }
    }
}

/// Checks `name` as the server will; `active_names` are the names of the account's active keys.
pub fn check_key_name<S: AsRef<str>>(name: &str, active_names: &[S]) -> Result<String, KeyNameProblem> {
    let name = name.trim();
    if name.is_empty() {
        return Err(KeyNameProblem::Empty);
    }
    if name.chars().count() > MAX_KEY_NAME_CHARS {
        return Err(KeyNameProblem::TooLong { max_chars: MAX_KEY_NAME_CHARS as u32 });
    }
    if active_names.iter().any(|taken| taken.as_ref().trim() == name) {
        return Err(KeyNameProblem::Taken);
    }
    Ok(name.to_owned())
}

/// A name that passes [`check_key_name`]: `base`, cut to fit, with " (2)", " (3)"… added while
/// another active key has it. For keys the app names itself (rotation, lock-down).
pub fn unique_key_name<S: AsRef<str>>(base: &str, active_names: &[S]) -> String {
    let fit = |text: &str, room: usize| -> String {
        let text = text.trim();
        if text.chars().count() <= room {
            text.to_owned()
        } else {
            let cut: String = text.chars().take(room.saturating_sub(1)).collect();
            format!("{}…", cut.trim_end())
        }
    };
    let first = fit(base, MAX_KEY_NAME_CHARS);
    if check_key_name(&first, active_names).is_ok() {
        return first;
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            format!("{}{suffix}", fit(base, MAX_KEY_NAME_CHARS - suffix.chars().count()))
        })
        .find(|candidate| check_key_name(candidate, active_names).is_ok())
        .expect("some suffix is free")
}

/// The default order of the list: most recently used first, never-used keys last (newest of
/// those first), then by name so the order is stable.
pub fn sort_most_recently_used(keys: &mut [ApiKey]) {
    let used = |k: &ApiKey| k.last_used_at.as_deref().and_then(parse_timestamp);
    let created = |k: &ApiKey| parse_timestamp(&k.created_at);
    keys.sort_by(|a, b| {
        used(b).cmp(&used(a)).then_with(|| created(b).cmp(&created(a))).then_with(|| a.name.cmp(&b.name))
    });
}

/// A key as the server lists it, for the tests of these rules and of the checkup built on them.
#[cfg(test)]
pub(crate) fn test_key(name: &str, created: &str, used: Option<&str>) -> ApiKey {
    ApiKey {
        id: format!("key_{name}"),
        name: name.into(),
        prefix: "zx_test_abcd".into(),
        created_at: created.into(),
        last_used_at: used.map(Into::into),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-25 12:00 UTC);

    use test_key as key;

    #[test]
    fn badges_follow_the_age_and_use_rules() {
        use KeyBadge::*;
        let cases: &[(&str, Option<&str>, bool, &[KeyBadge])] = &[
            // created, last used, this app, badges
            ("2026-11-20T00:00:00Z", Some("2026-11-25T11:58:00Z"), false, &[]),
            ("2026-11-20T00:00:00Z", Some("2026-11-25T11:58:00Z"), true, &[ThisApp]),
            // 90 days is the limit: day 90 is fine, day 91 is not.
            ("2026-08-27T12:00:00Z", Some("2026-11-25T11:00:00Z"), false, &[]),
            ("2026-08-26T11:00:00Z", Some("2026-11-25T11:00:00Z"), false, &[OlderThan90Days]),
            ("2026-11-24T00:00:00Z", None, false, &[NeverUsed]),
            ("2025-01-01T00:00:00Z", None, true, &[ThisApp, OlderThan90Days, NeverUsed]),
            // 30 days unused is the limit: 29 days is fine.
            ("2026-10-01T00:00:00Z", Some("2026-10-27T12:00:00Z"), false, &[]),
            ("2026-10-01T00:00:00Z", Some("2026-10-26T12:00:00Z"), false, &[UnusedFor30Days]),
            // A server clock ahead of ours never gives negative ages or badges.
            ("2026-12-01T00:00:00Z", Some("2026-12-02T00:00:00Z"), false, &[]),
            // Unreadable timestamps raise nothing they cannot prove.
            ("yesterday", Some("not a date"), false, &[]),
        ];
        for (created, used, this_app, expected) in cases {
            let k = key("k", created, *used);
            assert_eq!(key_badges(&k, NOW, *this_app), expected.to_vec(), "{created} {used:?}");
        }
    }

    #[test]
    fn badge_names_on_the_wire() {
        let names: Vec<String> =
            [KeyBadge::ThisApp, KeyBadge::OlderThan90Days, KeyBadge::NeverUsed, KeyBadge::UnusedFor30Days]
                .iter()
                .map(|b| serde_json::to_value(b).unwrap().as_str().unwrap().to_owned())
                .collect();
        assert_eq!(names, ["this_app", "older_than_90_days", "never_used", "unused_for_30_days"]);
    }

    #[test]
    fn a_row_suggests_rotating_before_revoking() {
        use KeyBadge::*;
        assert_eq!(suggestion(&[ThisApp]), None);
        assert_eq!(suggestion(&[NeverUsed]), Some(KeyAdvice::Revoke));
        assert_eq!(suggestion(&[ThisApp, OlderThan90Days, NeverUsed]), Some(KeyAdvice::Rotate));
    }

    #[test]
    fn badges_suggest_rotate_or_revoke() {
        assert_eq!(KeyBadge::OlderThan90Days.advice(), Some(KeyAdvice::Rotate));
        assert_eq!(KeyBadge::NeverUsed.advice(), Some(KeyAdvice::Revoke));
        assert_eq!(KeyBadge::UnusedFor30Days.advice(), Some(KeyAdvice::Revoke));
        assert_eq!(KeyBadge::ThisApp.advice(), None);
    }

    #[test]
    fn names_are_checked_as_the_contract_does() {
        let active = ["Production server", "Staging"];
        assert_eq!(check_key_name("  CI  ", &active), Ok("CI".into()));
        assert_eq!(check_key_name("   ", &active), Err(KeyNameProblem::Empty));
        assert_eq!(check_key_name(&"x".repeat(64), &active), Ok("x".repeat(64)));
        assert_eq!(check_key_name(&"x".repeat(65), &active), Err(KeyNameProblem::TooLong { max_chars: 64 }));
        // Characters, not bytes: 64 accented letters are fine.
        assert!(check_key_name(&"é".repeat(64), &active).is_ok());
        assert_eq!(check_key_name(" Staging ", &active), Err(KeyNameProblem::Taken));
        // The server compares exactly: another case is another name.
        assert!(check_key_name("staging", &active).is_ok());
        let too_long = KeyNameProblem::TooLong { max_chars: 64 }.to_error();
        assert_eq!(too_long.code, ErrorCode::InvalidInput);
        assert_eq!(too_long.message, "Key names have at most 64 characters.");
    }

    #[test]
    fn app_chosen_names_are_made_unique_and_short_enough() {
        let active = ["Zexa Desktop — Production (rotated 2026-11-25)".to_owned()];
        assert_eq!(
            unique_key_name("Zexa Desktop — Production (rotated 2026-11-25)", &active),
            "Zexa Desktop — Production (rotated 2026-11-25) (2)"
        );
        let long = format!("Zexa Desktop — {} (rotated 2026-11-25)", "P".repeat(80));
        let name = unique_key_name(&long, &active);
        assert_eq!(name.chars().count(), 64);
        assert!(name.ends_with('…'));
        assert!(check_key_name(&name, &active).is_ok());
    }

    #[test]
    fn the_list_is_most_recently_used_first_with_never_used_last() {
        let mut keys = vec![
            key("never-old", "2026-01-01T00:00:00Z", None),
            key("used-long-ago", "2026-01-01T00:00:00Z", Some("2026-02-01T00:00:00Z")),
            key("never-new", "2026-11-01T00:00:00Z", None),
            key("used-now", "2026-01-01T00:00:00Z", Some("2026-11-25T11:59:00Z")),
        ];
        sort_most_recently_used(&mut keys);
        let names: Vec<&str> = keys.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["used-now", "used-long-ago", "never-new", "never-old"]);
    }
}
