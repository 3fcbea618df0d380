//! The hints on the session list, defined once (the security checkup uses the same predicate):
//! *Inactive for 30+ days* suggests revoking; *New* marks a sign-in that started in the last
//! 24 hours, or that the app first saw after the user last opened the section.

use serde::Serialize;
use specta::Type;
use time::{Duration, OffsetDateTime};
use zexa_api::contract::Session;

use crate::clock::parse_timestamp;

pub const INACTIVE_AFTER_DAYS: i64 = 30;
pub const NEW_WITHIN_HOURS: i64 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum SessionHint {
    /// Signed in recently, or not there when the user last looked: is it theirs?
    New,
    /// Not active for [`INACTIVE_AFTER_DAYS`] or more: revoke it unless it is still needed.
    #[serde(rename = "inactive_for_30_days")]
    InactiveFor30Days,
}

pub fn is_inactive(session: &Session, now: OffsetDateTime) -> bool {
    parse_timestamp(&session.last_active_at).is_some_and(|last| now - last >= Duration::days(INACTIVE_AFTER_DAYS))
}

/// `unseen_at_last_visit`: the user has opened the section before, and this session was not
/// on the list then.
pub fn is_new(session: &Session, now: OffsetDateTime, unseen_at_last_visit: bool) -> bool {
    let recent =
        parse_timestamp(&session.created_at).is_some_and(|created| now - created < Duration::hours(NEW_WITHIN_HOURS));
    recent || unseen_at_last_visit
}

pub fn session_hints(session: &Session, now: OffsetDateTime, unseen_at_last_visit: bool) -> Vec<SessionHint> {
    let mut hints = Vec::new();
    if is_new(session, now, unseen_at_last_visit) {
        hints.push(SessionHint::New);
    }
    if is_inactive(session, now) {
        hints.push(SessionHint::InactiveFor30Days);
    }
    hints
}

/// Most recently active first (the contract's order, enforced whatever a server sends).
pub fn sort_most_recent_first(sessions: &mut [Session]) {
    sessions.sort_by(|a, b| {
        parse_timestamp(&b.last_active_at).cmp(&parse_timestamp(&a.last_active_at)).then_with(|| a.id.cmp(&b.id))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-25 12:00 UTC);

    fn session(created: &str, active: &str) -> Session {
        Session {
            id: "ses_1".into(),
            device: "Windows 11 · Chrome 126".into(),
            location: "Benguela, Angola".into(),
            ip: "192.0.2.77".into(),
            created_at: created.into(),
            last_active_at: active.into(),
        }
    }

    #[test]
    fn hints_follow_the_rules() {
        use SessionHint::*;
        // (created, last active, not on the list at the user's last visit, hints)
        let cases: &[(&str, &str, bool, &[SessionHint])] = &[
            ("2026-11-01T00:00:00Z", "2026-11-25T11:00:00Z", false, &[]),
            // Signed in 23 h ago: new; 25 h ago: not by that rule.
            ("2026-11-24T13:00:00Z", "2026-11-25T11:00:00Z", false, &[New]),
            ("2026-11-24T11:00:00Z", "2026-11-25T11:00:00Z", false, &[]),
            // Not there when the user last looked: new, however old the sign-in.
            ("2026-11-01T00:00:00Z", "2026-11-25T11:00:00Z", true, &[New]),
            // 30 days without activity is the limit.
            ("2026-09-01T00:00:00Z", "2026-10-26T12:00:00Z", false, &[InactiveFor30Days]),
            ("2026-09-01T00:00:00Z", "2026-10-26T12:00:01Z", false, &[]),
            ("2026-09-01T00:00:00Z", "2026-10-01T00:00:00Z", true, &[New, InactiveFor30Days]),
            // Unreadable times prove nothing.
            ("soon", "later", false, &[]),
        ];
        for (created, active, unseen, expected) in cases {
            assert_eq!(session_hints(&session(created, active), NOW, *unseen), expected.to_vec(), "{created} {active}");
        }
    }

    #[test]
    fn most_recently_active_first() {
        let mut list = vec![
            Session { id: "ses_a".into(), ..session("2026-11-01T00:00:00Z", "2026-11-20T00:00:00Z") },
            Session { id: "ses_b".into(), ..session("2026-11-01T00:00:00Z", "2026-11-25T00:00:00Z") },
        ];
        sort_most_recent_first(&mut list);
        assert_eq!(list[0].id, "ses_b");
    }
}
