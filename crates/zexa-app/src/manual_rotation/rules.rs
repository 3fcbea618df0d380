//! The rules of the guided manual rotation, defined once: when a profile's key is due (older
//! than the API keys' rotation period, counted from when this app stored it), how much of the
//! old key is shown to find it on the dashboard, and the name suggested for the new key.

use time::OffsetDateTime;
use zexa_api::contract::MAX_KEY_NAME_CHARS;
use zexa_core::secret::SecretString;

use crate::api_keys::rules::{days_since, ROTATE_AFTER_DAYS};

/// Characters of the old key shown to find it on the dashboard: the length of the prefix the
/// key lists show (`GET /api-keys`' `prefix`, which the dashboard shows too).
pub const SHOWN_PREFIX_CHARS: usize = 12;

/// Whole days since this app stored the key (`key-dates.json`), never negative.
pub fn key_age_days(stored_at: i64, now: OffsetDateTime) -> Option<i64> {
    let stored = OffsetDateTime::from_unix_timestamp(stored_at).ok()?;
    Some(days_since(stored, now))
}

/// The key is older than the rotation period: 90 whole days or more since this app stored it
/// (the checkup's "stored less than 90 days ago" fails from the same day on). A key whose date
/// this app never noted is not called due: its age is unknown.
pub fn is_stored_key_due(stored_at: Option<i64>, now: OffsetDateTime) -> bool {
    stored_at.and_then(|at| key_age_days(at, now)).is_some_and(|days| days >= ROTATE_AFTER_DAYS)
}

/// The start of the key the dashboard lists it by, then "…": never the whole key. A short key
/// (which Zexa does not issue) shows at most half of itself, so most of it stays secret.
pub fn shown_prefix(key: &SecretString) -> String {
    let key = key.expose();
    let length = key.chars().count();
    let shown = SHOWN_PREFIX_CHARS.min(length / 2);
    let prefix: String = key.chars().take(shown).collect();
    format!("{prefix}…")
}

/// The name to give the new key on the dashboard: the profile's, and the day, so the new key
/// and the old one (often named after the profile too) can be told apart in the list.
pub fn suggested_key_name(profile_name: &str, now: OffsetDateTime) -> String {
    let date = format!("{:04}-{:02}-{:02}", now.year(), u8::from(now.month()), now.day());
    let room = MAX_KEY_NAME_CHARS.saturating_sub(date.chars().count() + 1);
    let name: String = profile_name.trim().chars().take(room).collect();
    format!("{} {date}", name.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const DAY: i64 = 86_400;

    #[test]
    fn a_key_is_due_after_the_rotation_period_counted_from_when_this_app_stored_it() {
        let now = datetime!(2026-12-02 10:00 UTC);
        let at = |days: i64| Some(now.unix_timestamp() - days * DAY);
        assert!(!is_stored_key_due(at(ROTATE_AFTER_DAYS - 1), now), "89 whole days is less than 90");
        assert!(is_stored_key_due(at(ROTATE_AFTER_DAYS), now), "90 whole days and some hours is older than 90");
        assert!(is_stored_key_due(Some(now.unix_timestamp() - ROTATE_AFTER_DAYS * DAY - 3600), now));
        assert!(!is_stored_key_due(at(0), now));
        assert!(!is_stored_key_due(None, now), "an unknown date is not due");
        // A stored date in the future (a clock moved back) is "today", never negative.
        assert_eq!(key_age_days(now.unix_timestamp() + 5 * DAY, now), Some(0));
        assert_eq!(key_age_days(now.unix_timestamp() - 120 * DAY, now), Some(120));
    }

    #[test]
    fn only_the_listed_prefix_of_the_old_key_is_shown() {
        let key = SecretString::new("zx_test_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789ab".into());
        assert_eq!(shown_prefix(&key), "zx_test_AbCd…");
        assert!(!shown_prefix(&key).contains("EfGh"));
        // A short key shows at most half of itself.
        assert_eq!(shown_prefix(&SecretString::new("zx_test_abcd".into())), "zx_tes…");
        assert_eq!(shown_prefix(&SecretString::new("ab".into())), "a…");
    }

    #[test]
    fn the_new_key_is_named_after_the_profile_and_the_day_within_the_name_limit() {
        let now = datetime!(2026-03-04 23:59 UTC);
        assert_eq!(suggested_key_name(" Production ", now), "Production 2026-03-04");
        let long = suggested_key_name(&"é".repeat(80), now);
        assert_eq!(long.chars().count(), MAX_KEY_NAME_CHARS);
        assert!(long.ends_with(" 2026-03-04"));
    }
}
