//! The credit runway from the balance history, as pure functions of the samples and `now`: the
//! spending rate over the last 7 days (or what there is, at least 24 hours), top-ups excluded,
//! and when credits run out at that pace. Gaps in polling (the machine asleep) are fine: a drop
//! across a gap is still spending over that time.

use serde::Serialize;
use specta::Type;
use zexa_api::Decimal;

use super::store::BalanceSample;

pub const WINDOW_SECS: i64 = 7 * 24 * 3600;
pub const MIN_HISTORY_SECS: i64 = 24 * 3600;
const DAY_SECS: f64 = 86_400.0;
/// The longest runway the forecast reports (about 2,700 years).
pub const MAX_DAYS_LEFT: f64 = 1_000_000.0;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Runway {
    /// Less than 24 hours of history.
    NotEnoughHistory { hours_of_history: f64, hours_needed: f64 },
    /// The balance did not go down in the window.
    NoSpending { window_days: f64 },
    Forecast {
        /// Credits spent a day at the window's pace (exact decimal text).
        per_day: String,
        /// How long the current balance lasts at that pace.
        days_left: f64,
        /// When, as RFC 3339 UTC.
        runs_out_at: String,
        /// The span of history the pace is measured over.
        window_days: f64,
    },
}

/// Whether a stored figure is one the forecast may use: decoding already refuses balances beyond
/// ±10^15 (`zexa_api::decimal::check_credits`), but a sample saved by an older version may be
/// anything, and must not poison a week of forecasts.
fn usable(sample: &BalanceSample) -> bool {
    zexa_api::decimal::check_credits(sample.credits).is_ok()
}

/// Credits spent between consecutive samples, rises (top-ups) left out; `None` if the sum does
/// not fit in a `Decimal` (it cannot with usable samples: see [`forecast`]).
pub fn spent(samples: &[BalanceSample]) -> Option<Decimal> {
    samples.windows(2).try_fold(Decimal::ZERO, |total, pair| {
        let drop = pair[0].credits.checked_sub(pair[1].credits)?;
        if drop > Decimal::ZERO {
            total.checked_add(drop)
        } else {
            Some(total)
        }
    })
}

/// A decimal as an `f64` for the days-left estimate (never panics; an unreadable figure is 0).
fn approximate(value: Decimal) -> f64 {
    value.to_string().parse().unwrap_or(0.0)
}

/// `samples` are oldest first; only those in the last [`WINDOW_SECS`] before `now` count, and
/// only figures within the sane range. Every step is checked arithmetic: with usable samples
/// (|credits| ≤ 10^15, one per second at most over 7 days) the spend is under 1.3 × 10^21 and
/// the daily rate under 10^27, inside `Decimal`'s 7.9 × 10^28, so the fallbacks are never taken;
/// they exist so that no input can panic.
pub fn forecast(samples: &[BalanceSample], now: i64) -> Runway {
    let since = now.saturating_sub(WINDOW_SECS);
    let recent: Vec<BalanceSample> =
        samples.iter().filter(|s| s.at >= since && s.at <= now && usable(s)).cloned().collect();
    let (Some(first), Some(last)) = (recent.first(), recent.last()) else {
        return Runway::NotEnoughHistory { hours_of_history: 0.0, hours_needed: 24.0 };
    };
    // Samples come oldest first; a span that runs backwards is no history.
    let span = last.at.saturating_sub(first.at);
    if span < MIN_HISTORY_SECS {
        return Runway::NotEnoughHistory { hours_of_history: span.max(0) as f64 / 3600.0, hours_needed: 24.0 };
    }
    let window_days = span as f64 / DAY_SECS;
    let per_day = spent(&recent)
        .filter(|total| *total > Decimal::ZERO)
        .and_then(|total| total.checked_mul(Decimal::from(86_400))?.checked_div(Decimal::from(span)));
    let Some(per_day) = per_day.filter(|rate| *rate > Decimal::ZERO) else {
        return Runway::NoSpending { window_days };
    };
    let days_left = approximate(last.credits) / approximate(per_day);
    // Negative (a balance below zero) is nothing left; a rate too small to matter is "longer
    // than anyone plans for" rather than infinity, which JSON cannot carry.
    let days_left = if days_left.is_nan() { 0.0 } else { days_left.clamp(0.0, MAX_DAYS_LEFT) };
    let runs_out = last.at as f64 + days_left * DAY_SECS;
    // `as` saturates, and the clamp keeps the date inside what RFC 3339 can write (year 9999).
    let runs_out = runs_out.clamp(0.0, 253_402_300_799.0) as i64;
    let runs_out_at =
        time::OffsetDateTime::from_unix_timestamp(runs_out).map(crate::clock::format_timestamp).unwrap_or_default();
    Runway::Forecast { per_day: per_day.round_dp(1).normalize().to_string(), days_left, runs_out_at, window_days }
}

/// The runway alert: armed until the runway falls below `threshold_days`, then fired once;
/// re-armed when it rises past the threshold plus a margin (10 %, at least a day), as the
/// low-credit alert re-arms.
pub fn runway_alert_due(runway: &Runway, threshold_days: u32, already_notified: bool) -> (bool, bool) {
    let threshold = f64::from(threshold_days);
    let margin = (threshold * 0.1).max(1.0);
    match runway {
        Runway::Forecast { days_left, .. } if *days_left < threshold => (!already_notified, true),
        Runway::Forecast { days_left, .. } if *days_left < threshold + margin => (false, already_notified),
        // Enough left, or nothing spent: armed again.
        Runway::Forecast { .. } | Runway::NoSpending { .. } => (false, false),
        // Not enough history says nothing either way.
        Runway::NotEnoughHistory { .. } => (false, already_notified),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    const HOUR: i64 = 3600;
    const DAY: i64 = 24 * HOUR;
    const NOW: i64 = 1_795_000_000;

    fn series(points: &[(i64, &str)]) -> Vec<BalanceSample> {
        points
            .iter()
            .map(|(ago, credits)| BalanceSample {
                at: NOW - ago,
                credits: Decimal::from_str(credits).unwrap(),
                currency: "USD".into(),
            })
            .collect()
    }

    /// A sample every `step` seconds over `days`, spending `per_day`.
    fn steady(days: i64, step: i64, start: f64, per_day: f64) -> Vec<BalanceSample> {
        (0..=days * DAY / step)
            .map(|n| {
                let at = NOW - days * DAY + n * step;
                let credits = start - per_day * (n * step) as f64 / DAY as f64;
                BalanceSample {
                    at,
                    credits: Decimal::from_str(&format!("{credits:.1}")).unwrap(),
                    currency: "USD".into(),
                }
            })
            .collect()
    }

    fn days_left(runway: &Runway) -> f64 {
        match runway {
            Runway::Forecast { days_left, .. } => *days_left,
            other => panic!("no forecast: {other:?}"),
        }
    }

    #[test]
    fn steady_spend() {
        let runway = forecast(&steady(7, 300, 5200.0, 140.0), NOW);
        let Runway::Forecast { per_day, window_days, .. } = &runway else { panic!("{runway:?}") };
        assert_eq!(per_day, "140");
        assert!((window_days - 7.0).abs() < 0.01);
        // 5200 - 7×140 = 4220 left: about 30 days.
        assert!((days_left(&runway) - 4220.0 / 140.0).abs() < 0.1, "{runway:?}");
    }

    #[test]
    fn only_the_last_seven_days_count() {
        // A fast month, then a slow week: the pace is the week's.
        let mut samples = steady(30, 3600, 100_000.0, 1000.0);
        samples.retain(|s| s.at < NOW - 7 * DAY);
        let last_before = samples.last().unwrap().credits.to_string().parse::<f64>().unwrap();
        for n in 0..=7 * 24 {
            let at = NOW - 7 * DAY + n * HOUR;
            let credits = last_before - 10.0 * (n as f64) / 24.0;
            samples.push(BalanceSample {
                at,
                credits: Decimal::from_str(&format!("{credits:.2}")).unwrap(),
                currency: "USD".into(),
            });
        }
        let Runway::Forecast { per_day, .. } = forecast(&samples, NOW) else { panic!() };
        assert_eq!(per_day, "10");
    }

    #[test]
    fn top_ups_are_not_spending() {
        // 100 a day for 3 days with a top-up of 5000 in the middle.
        let samples =
            series(&[(3 * DAY, "1000"), (2 * DAY, "900"), (2 * DAY - HOUR, "5900"), (DAY, "5800"), (0, "5700")]);
        let runway = forecast(&samples, NOW);
        let Runway::Forecast { per_day, .. } = &runway else { panic!("{runway:?}") };
        assert_eq!(per_day, "100");
        assert!((days_left(&runway) - 57.0).abs() < 0.01);
    }

    #[test]
    fn bursts_average_out() {
        let samples = series(&[(2 * DAY, "1000"), (2 * DAY - HOUR, "400"), (0, "400")]);
        let Runway::Forecast { per_day, .. } = forecast(&samples, NOW) else { panic!() };
        assert_eq!(per_day, "300");
    }

    #[test]
    fn gaps_in_polling_still_count_the_drop_over_the_gap() {
        // Asleep for two days: one sample before, one after.
        let samples = series(&[(4 * DAY, "1000"), (4 * DAY - HOUR, "990"), (DAY, "700"), (0, "600")]);
        let Runway::Forecast { per_day, .. } = forecast(&samples, NOW) else { panic!() };
        assert_eq!(per_day, "100");
    }

    #[test]
    fn a_flat_balance_is_no_spending_and_a_short_history_is_not_enough() {
        assert!(matches!(forecast(&series(&[(3 * DAY, "500"), (0, "500")]), NOW), Runway::NoSpending { .. }));
        let short = forecast(&series(&[(23 * HOUR, "500"), (0, "400")]), NOW);
        assert!(
            matches!(short, Runway::NotEnoughHistory { hours_of_history, .. } if (hours_of_history - 23.0).abs() < 0.01),
            "{short:?}"
        );
        assert!(matches!(forecast(&[], NOW), Runway::NotEnoughHistory { .. }));
    }

    #[test]
    fn a_hostile_figure_in_the_history_neither_panics_nor_counts() {
        // Issue 18: 10^24 once, then 0, over a day: 10^24 × 86 400 overflowed `Decimal`.
        let samples = series(&[(2 * DAY, "1000"), (DAY + HOUR, "1000000000000000000000000"), (0, "0")]);
        let runway = forecast(&samples, NOW);
        let Runway::Forecast { per_day, days_left, .. } = &runway else { panic!("{runway:?}") };
        assert_eq!(per_day, "500", "1000 spent over two days, the absurd figure left out");
        assert_eq!(*days_left, 0.0);
        // At the edge of the sane range everything still computes.
        let edge = series(&[(7 * DAY, "1000000000000000"), (0, "-1000000000000000")]);
        assert!(matches!(forecast(&edge, NOW), Runway::Forecast { .. }));
        // Timestamps running backwards or all equal are not history.
        let backwards = series(&[(0, "10"), (3 * DAY, "5")]);
        assert!(
            matches!(forecast(&backwards, NOW), Runway::NotEnoughHistory { hours_of_history, .. } if hours_of_history == 0.0)
        );
        assert!(matches!(forecast(&series(&[(0, "10"), (0, "5")]), i64::MIN), Runway::NotEnoughHistory { .. }));
    }

    #[test]
    fn a_tiny_pace_is_a_long_but_finite_runway() {
        let samples = series(&[(2 * DAY, "1000000000000000"), (0, "999999999999999.999999")]);
        let runway = forecast(&samples, NOW);
        assert_eq!(days_left(&runway), MAX_DAYS_LEFT, "{runway:?}");
        assert!(serde_json::to_string(&runway).unwrap().contains("\"days_left\":1000000.0"));
    }

    #[test]
    fn the_alert_fires_once_per_crossing_and_rearms_with_a_margin() {
        let at = |days: f64| Runway::Forecast {
            per_day: "1".into(),
            days_left: days,
            runs_out_at: String::new(),
            window_days: 7.0,
        };
        // (runway, notified before) → (notify now, notified after)
        assert_eq!(runway_alert_due(&at(10.0), 3, false), (false, false));
        assert_eq!(runway_alert_due(&at(2.9), 3, false), (true, true));
        assert_eq!(runway_alert_due(&at(2.0), 3, true), (false, true), "once per crossing");
        assert_eq!(runway_alert_due(&at(3.5), 3, true), (false, true), "within the margin: still fired");
        assert_eq!(runway_alert_due(&at(4.0), 3, true), (false, false), "re-armed past threshold + 1 day");
        assert_eq!(runway_alert_due(&at(2.5), 3, false), (true, true), "a new crossing");
        let none = Runway::NoSpending { window_days: 7.0 };
        assert_eq!(runway_alert_due(&none, 3, true), (false, false));
        let short = Runway::NotEnoughHistory { hours_of_history: 2.0, hours_needed: 24.0 };
        assert_eq!(runway_alert_due(&short, 3, true), (false, true));
    }
}
