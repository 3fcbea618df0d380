//! The spend watch's arithmetic, on the balance history alone (what any Zexa server gives):
//! credits spent in the last hour against the usual spend, and when that is an alert.
//!
//! - **Spend** in a window is the sum of the drops between consecutive samples whose later
//!   sample falls in it. A rise is a top-up, never spend (so a top-up in the middle of a spike
//!   neither hides nor adds to it). A pair across a gap of more than [`MAX_GAP`] says nothing:
//!   the app was not running, and spreading that drop over the gap would be a guess.
//! - **Usual** is the median spend of the same hour of day over the previous 7 days (hours
//!   without samples left out; at least 4 of the 7 needed). With less history, the average
//!   hour of the 24 before the last one.
//! - **Times are Unix seconds**, so "the same hour" is exactly 24 h back: a daylight-saving
//!   change moves it by an hour of local time, never to a hole or a repeat. Samples must move
//!   forward in time; equal or backwards timestamps (a clock set back) are skipped.
//! - Every sum is checked: a server's hostile figure ends the computation, not the watch.

use serde::Serialize;
use specta::Type;
use zexa_api::Decimal;

use crate::history::BalanceSample;

pub const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;
/// Two samples further apart than this bracket a time the app was not watching.
pub const MAX_GAP: i64 = 2 * HOUR;
/// Of the 7 same hours last week, at least this many must have samples for a median.
const MIN_SAME_HOURS: usize = 4;

/// The user's line (Settings): more than `multiple` × the usual spend, and at least `floor`
/// credits in the hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SpendRule {
    pub multiple: u32,
    pub floor: u32,
}

/// What the usual spend was measured on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum UsualBasis {
    /// The median of the same hour of day over the previous 7 days.
    SameHourLastWeek,
    /// Less than 7 days of history: the average hour of the previous 24.
    LastDay,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usual {
    pub per_hour: Decimal,
    pub basis: UsualBasis,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpendCheck {
    /// Credits spent in the last hour.
    pub last_hour: Decimal,
    /// `None`: not enough history to say what is usual; never an alert then.
    pub usual: Option<Usual>,
    /// Over the line: alert (once per crossing, see [`SpendAlert`]).
    pub over: bool,
}

impl SpendCheck {
    /// How many times the usual spend, rounded ("about 20×"); `None` when nothing is usually
    /// spent or the usual is unknown.
    pub fn times_usual(&self) -> Option<u32> {
        let usual = self.usual.as_ref()?.per_hour;
        if usual <= Decimal::ZERO {
            return None;
        }
        let times = self.last_hour.checked_div(usual)?.round();
        u32::try_from(times.mantissa()).ok().filter(|_| times.scale() == 0)
    }
}

/// Credits spent in `(start, end]`; `None` when no usable pair of samples ends in it.
pub fn spent_between(samples: &[BalanceSample], start: i64, end: i64) -> Option<Decimal> {
    let mut spent: Option<Decimal> = None;
    for pair in samples.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        let gap = after.at.checked_sub(before.at)?;
        if after.at <= start || after.at > end || gap <= 0 || gap > MAX_GAP {
            continue;
        }
        let drop = before.credits.checked_sub(after.credits)?.max(Decimal::ZERO);
        spent = Some(spent.unwrap_or(Decimal::ZERO).checked_add(drop)?);
    }
    spent
}

/// The usual spend an hour, as of `now` (the hour before `now` is the one being judged).
pub fn usual_spend(samples: &[BalanceSample], now: i64) -> Option<Usual> {
    let oldest = samples.first()?.at;
    let week_back = now.checked_sub(7 * DAY + HOUR)?;
    if oldest <= week_back {
        let mut same_hours: Vec<Decimal> = (1..=7)
            .filter_map(|days| {
                let end = now.checked_sub(days * DAY)?;
                spent_between(samples, end.checked_sub(HOUR)?, end)
            })
            .collect();
        if same_hours.len() >= MIN_SAME_HOURS {
            same_hours.sort();
            return Some(Usual { per_hour: median(&same_hours)?, basis: UsualBasis::SameHourLastWeek });
        }
    }
    let end = now.checked_sub(HOUR)?;
    let start = end.checked_sub(DAY)?.max(oldest);
    let hours = (end - start) / HOUR;
    if hours < 1 {
        return None;
    }
    let total = spent_between(samples, start, end)?;
    Some(Usual { per_hour: total.checked_div(Decimal::from(hours))?, basis: UsualBasis::LastDay })
}

fn median(sorted: &[Decimal]) -> Option<Decimal> {
    let middle = sorted.len() / 2;
    if sorted.len() % 2 == 1 {
        return sorted.get(middle).copied();
    }
    sorted.get(middle - 1)?.checked_add(*sorted.get(middle)?)?.checked_div(Decimal::TWO)
}

/// The last hour against the usual; `None` when the last hour has no samples to judge.
pub fn check(samples: &[BalanceSample], now: i64, rule: SpendRule) -> Option<SpendCheck> {
    let last_hour = spent_between(samples, now.checked_sub(HOUR)?, now)?;
    let usual = usual_spend(samples, now);
    let above_floor = last_hour >= Decimal::from(rule.floor);
    let above_usual = match &usual {
        Some(usual) => match usual.per_hour.checked_mul(Decimal::from(rule.multiple)) {
            Some(line) => last_hour > line,
            None => false,
        },
        // Nothing to compare with yet (less than an hour of history before the one judged):
        // a first hour is not "unusual", and a test or a first top-up-and-send would alarm.
        None => false,
    };
    Some(SpendCheck { last_hour, usual, over: above_floor && above_usual })
}

/// Once per crossing: an alert when the spend goes over the line, then nothing until it has
/// stayed under the line for an hour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SpendAlert {
    alerted: bool,
    under_since: Option<i64>,
}

impl SpendAlert {
    /// The next state after a check at `now`, and whether to notify.
    pub fn step(self, over: bool, now: i64) -> (Self, bool) {
        match (self.alerted, over) {
            (false, true) => (Self { alerted: true, under_since: None }, true),
            (false, false) => (self, false),
            (true, true) => (Self { alerted: true, under_since: None }, false),
            (true, false) => {
                let since = self.under_since.unwrap_or(now);
                let rearmed = now.saturating_sub(since) >= HOUR;
                (if rearmed { Self::default() } else { Self { alerted: true, under_since: Some(since) } }, false)
            }
        }
    }

    pub fn alerted(&self) -> bool {
        self.alerted
    }
}

#[cfg(test)]
mod tests;
