//! The low-credit alert state machine: pure, no I/O, no clock.
//!
//! One call of [`evaluate`] per poll outcome. It returns the notices to send and the next
//! [`AlertState`], which the caller persists so a restart does not repeat a notice.
//!
//! Rules (see docs/credit-monitor.md):
//! * **Low**: once when the balance is first seen below the threshold (`balance < threshold`).
//! * **Zero**: once when the balance is at or below zero, because sending is paused. Going straight
//!   from above the threshold to zero sends only this one: it says more than "low".
//! * **Key revoked**: once when the key is refused (`401`).
//! * No notice repeats while its condition holds. *Low* (and *Zero*) re-arm only after the
//!   balance rises to `threshold + margin` or above, so a balance wobbling around the threshold
//!   does not notify on every spend and top-up. The margin is 10% of the threshold, at least one
//!   credit ([`rearm_margin`]).
//! * *Zero* also re-arms once the balance is back above the margin alone: a partial top-up that
//!   resumed sending and was then spent again pauses sending a second time, and that deserves a
//!   second notice even though the balance never left the low zone.
//! * Any valid balance re-arms *Key revoked*: the key works (again, or a new one was entered).
//! * Other errors (network, 5xx, 429, timeouts) change nothing: they say nothing about credits.

use serde::{Deserialize, Serialize};
use zexa_api::Decimal;

/// What the monitor has already told the user, per profile. Persisted as JSON.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AlertState {
    #[serde(default)]
    pub low_notified: bool,
    #[serde(default)]
    pub zero_notified: bool,
    #[serde(default)]
    pub revoked_notified: bool,
}

/// One poll's result, as far as alerts care.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Observation {
    Balance {
        credits: Decimal,
        currency: String,
    },
    /// `401`: the key is invalid or revoked.
    Unauthorized,
    /// Anything else that failed; carries no information about the balance.
    OtherError,
}

/// A notification to show. The profile name is added by the caller (see `notifier`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Low {
        balance: Decimal,
        currency: String,
        threshold: u32,
    },
    /// At or below zero: sending is paused.
    Zero {
        balance: Decimal,
        currency: String,
    },
    KeyRevoked,
    /// At the recent pace, credits run out within the profile's runway threshold (see
    /// `zexa_app::history`); never raised by the credit rules.
    RunwayLow {
        /// Whole days left (0: less than a day).
        days_left: u32,
        /// Credits spent a day, as exact decimal text ("140", "12.5").
        per_day: String,
        /// When they run out at that pace (Unix seconds); shown as a day and month.
        runs_out_at: i64,
        balance: Decimal,
        currency: String,
    },
    /// A sign-in session this app had not seen before (see `zexa_app::sessions`); never raised
    /// by the credit rules.
    NewSignIn {
        session_id: String,
        device: String,
        location: String,
        ip: String,
    },
    /// The last hour's spend is far above the usual (see `zexa_app::spend`): a stolen key, or
    /// a campaign the user did not expect. Never raised by the credit rules.
    SpendSpike {
        /// Credits spent in the last hour.
        spent: Decimal,
        /// About how many times the usual; `None` when little is usually spent.
        times_usual: Option<u32>,
        /// The server offers API keys, so the app can list them by last use and lock the
        /// account down; else the notice sends the user to the dashboard.
        keys_in_app: bool,
    },
    /// The scheduled scan for exposed keys (see `zexa_app::scan`) found copies it had not
    /// reported before. Never raised by the credit rules.
    ExposedKeys {
        /// New findings (secrets), at least 1.
        count: u32,
    },
}

impl Notice {
    pub fn kind(&self) -> NoticeKind {
        match self {
            Notice::Low { .. } => NoticeKind::Low,
            Notice::Zero { .. } => NoticeKind::Zero,
            Notice::KeyRevoked => NoticeKind::KeyRevoked,
            Notice::NewSignIn { .. } => NoticeKind::NewSignIn,
            Notice::RunwayLow { .. } => NoticeKind::RunwayLow,
            Notice::SpendSpike { .. } => NoticeKind::SpendSpike,
            Notice::ExposedKeys { .. } => NoticeKind::ExposedKeys,
        }
    }

    /// What the notice is about, beyond its profile: the session of a new sign-in.
    pub fn subject(&self) -> Option<&str> {
        match self {
            Notice::NewSignIn { session_id, .. } => Some(session_id),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    Low,
    Zero,
    KeyRevoked,
    NewSignIn,
    RunwayLow,
    SpendSpike,
    ExposedKeys,
}

/// How far above the threshold the balance must rise before *Low* can fire again:
/// 10% of the threshold, at least 1 credit.
pub fn rearm_margin(threshold: u32) -> Decimal {
    (Decimal::from(threshold) / Decimal::from(10)).max(Decimal::ONE)
}

/// The balance at or above which *Low* and *Zero* re-arm. (A `u32` threshold plus a tenth of it
/// cannot overflow a `Decimal`; checked anyway, so no threshold can ever panic a poll.)
pub fn rearm_level(threshold: u32) -> Decimal {
    Decimal::from(threshold).checked_add(rearm_margin(threshold)).unwrap_or(Decimal::MAX)
}

/// Below the threshold (the tray's "low" flag uses the same test).
pub fn is_low(credits: Decimal, threshold: u32) -> bool {
    credits < Decimal::from(threshold)
}

pub fn is_empty(credits: Decimal) -> bool {
    credits <= Decimal::ZERO
}

/// Applies one observation. Returns the next state and the notices to send, in order.
pub fn evaluate(state: AlertState, observation: &Observation, threshold: u32) -> (AlertState, Vec<Notice>) {
    let mut next = state;
    let mut notices = Vec::new();
    match observation {
        Observation::Balance { credits, currency } => {
            let credits = *credits;
            next.revoked_notified = false;
            if credits >= rearm_level(threshold) {
                next.low_notified = false;
                next.zero_notified = false;
            } else if credits > rearm_margin(threshold) {
                next.zero_notified = false;
            }
            if is_empty(credits) {
                if !next.zero_notified {
                    notices.push(Notice::Zero { balance: credits, currency: currency.clone() });
                }
                next.zero_notified = true;
                // Zero already said the balance is low; a later partial top-up stays quiet.
                next.low_notified = true;
            } else if is_low(credits, threshold) && !next.low_notified {
                notices.push(Notice::Low { balance: credits, currency: currency.clone(), threshold });
                next.low_notified = true;
            }
        }
        Observation::Unauthorized => {
            if !next.revoked_notified {
                notices.push(Notice::KeyRevoked);
                next.revoked_notified = true;
            }
        }
        Observation::OtherError => {}
    }
    (next, notices)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    const THRESHOLD: u32 = 500;

    fn balance(text: &str) -> Observation {
        Observation::Balance { credits: Decimal::from_str(text).unwrap(), currency: "USD".into() }
    }

    /// Runs a sequence of observations and returns, per step, the notice kinds sent.
    fn run(start: AlertState, steps: &[Observation]) -> (AlertState, Vec<Vec<NoticeKind>>) {
        let mut state = start;
        let mut sent = Vec::new();
        for step in steps {
            let (next, notices) = evaluate(state, step, THRESHOLD);
            state = next;
            sent.push(notices.iter().map(Notice::kind).collect());
        }
        (state, sent)
    }

    use NoticeKind::*;

    #[test]
    fn crossing_below_notifies_once_with_the_numbers() {
        let (state, notices) = evaluate(AlertState::default(), &balance("4250"), THRESHOLD);
        assert!(notices.is_empty());
        let (state, notices) = evaluate(state, &balance("420"), THRESHOLD);
        assert_eq!(notices, vec![Notice::Low { balance: Decimal::from(420), currency: "USD".into(), threshold: 500 }]);
        assert!(state.low_notified && !state.zero_notified);
    }

    #[test]
    fn staying_below_and_dropping_further_above_zero_do_not_repeat() {
        let (_, sent) = run(
            AlertState::default(),
            &[balance("420"), balance("420"), balance("300"), balance("0.5"), balance("450")],
        );
        assert_eq!(sent, vec![vec![Low], vec![], vec![], vec![], vec![]]);
    }

    #[test]
    fn the_threshold_itself_is_not_low() {
        let (_, sent) = run(AlertState::default(), &[balance("500"), balance("499.5")]);
        assert_eq!(sent, vec![vec![], vec![Low]]);
    }

    #[test]
    fn reaching_zero_notifies_once_and_negative_stays_quiet() {
        let (state, sent) = run(AlertState::default(), &[balance("420"), balance("0"), balance("0"), balance("-1")]);
        assert_eq!(sent, vec![vec![Low], vec![Zero], vec![], vec![]]);
        assert!(state.zero_notified);
    }

    #[test]
    fn straight_to_zero_sends_only_zero_and_a_partial_top_up_stays_quiet() {
        let (_, sent) = run(AlertState::default(), &[balance("4250"), balance("0"), balance("200")]);
        assert_eq!(sent, vec![vec![], vec![Zero], vec![]]);
    }

    #[test]
    fn top_up_rearms_only_past_the_margin() {
        assert_eq!(rearm_margin(500), Decimal::from(50));
        assert_eq!(rearm_level(500), Decimal::from(550));
        // 549.5 is inside the margin: no re-arm, so the next drop is silent.
        let (_, sent) = run(AlertState::default(), &[balance("420"), balance("549.5"), balance("400")]);
        assert_eq!(sent, vec![vec![Low], vec![], vec![]]);
        // 550 re-arms: the next drop notifies again.
        let (_, sent) = run(AlertState::default(), &[balance("420"), balance("550"), balance("400")]);
        assert_eq!(sent, vec![vec![Low], vec![], vec![Low]]);
    }

    #[test]
    fn margin_is_at_least_one_credit() {
        assert_eq!(rearm_margin(0), Decimal::ONE);
        assert_eq!(rearm_margin(5), Decimal::ONE);
        assert_eq!(rearm_margin(15), Decimal::from_str("1.5").unwrap());
        assert_eq!(rearm_level(0), Decimal::ONE);
    }

    #[test]
    fn zero_rearms_after_a_top_up_above_the_margin_and_pauses_again() {
        let (_, sent) =
            run(AlertState::default(), &[balance("0"), balance("30"), balance("0"), balance("60"), balance("0")]);
        // 30 is within the 50-credit margin of zero: no re-arm; 60 is past it.
        assert_eq!(sent, vec![vec![Zero], vec![], vec![], vec![], vec![Zero]]);
    }

    #[test]
    fn full_top_up_after_zero_rearms_both() {
        let (state, sent) = run(AlertState::default(), &[balance("0"), balance("5000"), balance("100"), balance("0")]);
        assert_eq!(sent, vec![vec![Zero], vec![], vec![Low], vec![Zero]]);
        assert!(state.low_notified && state.zero_notified);
    }

    #[test]
    fn revoked_notifies_once_and_a_valid_answer_rearms_it() {
        let (state, sent) = run(
            AlertState::default(),
            &[Observation::Unauthorized, Observation::Unauthorized, balance("4250"), Observation::Unauthorized],
        );
        assert_eq!(sent, vec![vec![KeyRevoked], vec![], vec![], vec![KeyRevoked]]);
        assert!(state.revoked_notified);
    }

    #[test]
    fn revoked_does_not_touch_the_balance_alerts() {
        let (state, sent) = run(AlertState::default(), &[balance("420"), Observation::Unauthorized, balance("420")]);
        assert_eq!(sent, vec![vec![Low], vec![KeyRevoked], vec![]]);
        assert!(state.low_notified && !state.revoked_notified);
    }

    #[test]
    fn other_errors_change_nothing() {
        let notified = AlertState { low_notified: true, zero_notified: false, revoked_notified: true };
        let (state, notices) = evaluate(notified, &Observation::OtherError, THRESHOLD);
        assert_eq!((state, notices), (notified, vec![]));
        let (state, notices) = evaluate(AlertState::default(), &Observation::OtherError, THRESHOLD);
        assert_eq!((state, notices), (AlertState::default(), vec![]));
    }

    #[test]
    fn startup_below_threshold_notifies_once_unless_persisted_state_says_so() {
        let (_, fresh) = run(AlertState::default(), &[balance("100")]);
        assert_eq!(fresh, vec![vec![Low]]);
        let persisted = AlertState { low_notified: true, ..Default::default() };
        let (_, restarted) = run(persisted, &[balance("100"), balance("90")]);
        assert_eq!(restarted, vec![vec![], vec![]]);
    }

    #[test]
    fn raising_the_threshold_makes_the_current_balance_low() {
        let (state, notices) = evaluate(AlertState::default(), &balance("800"), 500);
        assert!(notices.is_empty());
        let (_, notices) = evaluate(state, &balance("800"), 1000);
        assert_eq!(notices.iter().map(Notice::kind).collect::<Vec<_>>(), vec![Low]);
    }

    #[test]
    fn zero_threshold_only_warns_at_zero() {
        let mut state = AlertState::default();
        let mut kinds = Vec::new();
        for credits in ["10", "0.5", "0"] {
            let (next, notices) = evaluate(state, &balance(credits), 0);
            state = next;
            kinds.extend(notices.iter().map(Notice::kind));
        }
        assert_eq!(kinds, vec![Zero]);
    }

    #[test]
    fn state_json_is_stable_and_tolerates_missing_fields() {
        let state = AlertState { low_notified: true, zero_notified: false, revoked_notified: true };
        let json = serde_json::to_string(&state).unwrap();
        assert_eq!(json, r#"{"low_notified":true,"zero_notified":false,"revoked_notified":true}"#);
        let partial: AlertState = serde_json::from_str(r#"{"low_notified":true}"#).unwrap();
        assert_eq!(partial, AlertState { low_notified: true, ..Default::default() });
    }
}
