//! Recording balances, the runway view and alert, and the CSV export, for one profile.

use std::path::Path;

use serde::Serialize;
use specta::Type;
use zexa_api::Decimal;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_core::private_file::write_private_file;
use zexa_core::settings::Profile;
use zexa_monitor::{Notice, NoticeMessage};

use super::forecast::{forecast, runway_alert_due, Runway};
use super::store::BalanceSample;
use super::store::HistoryStore;
use crate::clock::{format_timestamp, now_utc};
use zexa_monitor::Notifier;

const DAY: i64 = 24 * 3600;
/// The sparkline covers this many days…
const SPARKLINE_DAYS: i64 = 30;
/// …in at most this many points.
const SPARKLINE_POINTS: usize = 120;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SparkPoint {
    /// RFC 3339 UTC.
    pub at: String,
    /// The balance, as a number for drawing (the exact figure is on the balance card).
    pub credits: f64,
    /// The balance rose here: a top-up.
    pub top_up: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RunwayView {
    pub profile_id: String,
    pub currency: String,
    pub runway: Runway,
    /// The last 30 days, oldest first.
    pub points: Vec<SparkPoint>,
    pub top_ups: u32,
    /// The profile's runway alert threshold in days (0: off).
    pub alert_days: u32,
}

fn unix(time: time::OffsetDateTime) -> i64 {
    time.unix_timestamp()
}

/// At most [`SPARKLINE_POINTS`] points (the last sample of each slice of time), with top-ups
/// marked wherever the balance rose.
pub fn sparkline(samples: &[BalanceSample]) -> (Vec<SparkPoint>, u32) {
    let mut top_ups = 0;
    let mut points: Vec<(i64, SparkPoint)> = Vec::new();
    let (Some(first), Some(last)) = (samples.first(), samples.last()) else { return (Vec::new(), 0) };
    let slice = (last.at.saturating_sub(first.at) / SPARKLINE_POINTS as i64).max(1);
    let mut previous: Option<&BalanceSample> = None;
    for sample in samples {
        let rose = previous.is_some_and(|p| sample.credits > p.credits);
        if rose {
            top_ups += 1;
        }
        previous = Some(sample);
        let bucket = sample.at.saturating_sub(first.at) / slice;
        let point = SparkPoint {
            at: time::OffsetDateTime::from_unix_timestamp(sample.at).map(format_timestamp).unwrap_or_default(),
            credits: sample.credits.to_string().parse().unwrap_or(0.0),
            top_up: rose,
        };
        match points.last_mut() {
            Some((b, kept)) if *b == bucket => {
                let top_up = kept.top_up || point.top_up;
                *kept = SparkPoint { top_up, ..point };
            }
            _ => points.push((bucket, point)),
        }
    }
    (without_flat_middles(points.into_iter().map(|(_, p)| p).collect()), top_ups)
}

/// Drops each point that lies between two of the same balance: the line drawn is the same, and
/// it stays the same string while the balance does not move. Most polls find the balance where
/// it was; without this every one of them added a point the window had to lay out and paint
/// again (docs/footprint.md, idle CPU).
fn without_flat_middles(points: Vec<SparkPoint>) -> Vec<SparkPoint> {
    let last = points.len().saturating_sub(1);
    let flat_middle = |i: usize| {
        i > 0 && i < last && points[i - 1].credits == points[i].credits && points[i + 1].credits == points[i].credits
    };
    let keep: Vec<bool> = (0..points.len()).map(|i| points[i].top_up || !flat_middle(i)).collect();
    points.into_iter().zip(keep).filter_map(|(point, keep)| keep.then_some(point)).collect()
}

/// Where a balance the app fetched ends up: a sample, then the runway alert check. Returns
/// whether the sample was recorded.
pub(crate) struct RunwayAlerts<'a> {
    pub history: &'a HistoryStore,
    pub notifier: &'a dyn Notifier,
    pub notifications_enabled: bool,
}

impl RunwayAlerts<'_> {
    pub(crate) async fn record_balance(&self, profile: &Profile, credits: Decimal, currency: &str) -> bool {
        let now = unix(now_utc());
        let sample = BalanceSample { at: now, credits, currency: currency.to_owned() };
        if let Err(error) = self.history.record(&profile.id, !profile.sandbox, &sample) {
            tracing::warn!(profile = %profile.id, %error, "balance sample not recorded");
            return false;
        }
        self.check_runway(profile, now).await;
        true
    }

    async fn check_runway(&self, profile: &Profile, now: i64) {
        if profile.runway_alert_days == 0 {
            return;
        }
        let history = self.history;
        let persist = !profile.sandbox;
        let Ok(samples) = history.samples_since(&profile.id, persist, now.saturating_sub(8 * DAY)) else { return };
        let runway = forecast(&samples, now);
        let notified = history.runway_notified(&profile.id, persist).unwrap_or(false);
        let (notify, notified_after) = runway_alert_due(&runway, profile.runway_alert_days, notified);
        if notify && self.notifications_enabled {
            if let (Runway::Forecast { days_left, per_day, .. }, Some(last)) = (&runway, samples.last()) {
                let message = NoticeMessage {
                    profile_id: profile.id.clone(),
                    profile_name: profile.name.clone(),
                    notice: Notice::RunwayLow {
                        // As the window says it: "about 3 days" for 2.95; under a day is 0.
                        days_left: if *days_left < 1.0 { 0 } else { days_left.round() as u32 },
                        per_day: per_day.clone(),
                        // `as` saturates; the sum must too (a runway of a million days).
                        runs_out_at: now.saturating_add((days_left * DAY as f64) as i64),
                        balance: last.credits,
                        currency: last.currency.clone(),
                    },
                };
                match self.notifier.notify(&message).await {
                    Ok(()) => tracing::info!(profile = %profile.id, "runway alert sent"),
                    Err(error) => tracing::warn!(profile = %profile.id, %error, "runway alert not shown"),
                }
            }
        }
        if notified_after != notified {
            if let Err(error) = history.set_runway_notified(&profile.id, persist, notified_after) {
                tracing::warn!(profile = %profile.id, %error, "runway alert state not saved");
            }
        }
    }
}

/// A profile's runway and the last 30 days for the sparkline.
pub fn runway_view(history: &HistoryStore, profile: &Profile) -> Result<RunwayView, IpcError> {
    let now = unix(now_utc());
    let samples = history
        .samples_since(&profile.id, !profile.sandbox, now.saturating_sub(SPARKLINE_DAYS * DAY))
        .map_err(|e| ipc_error!(ErrorCode::Internal, "error-history-unreadable", detail = e.to_string()))?;
    let (points, top_ups) = sparkline(&samples);
    Ok(RunwayView {
        currency: samples.last().map(|s| s.currency.clone()).unwrap_or_default(),
        runway: forecast(&samples, now),
        points,
        top_ups,
        alert_days: profile.runway_alert_days,
        profile_id: profile.id.clone(),
    })
}

/// A profile's whole history as CSV (`time,credits,currency`), written owner-only.
pub fn export_csv(history: &HistoryStore, profile: &Profile, path: &Path) -> Result<u32, IpcError> {
    let samples = history
        .samples_since(&profile.id, !profile.sandbox, i64::MIN)
        .map_err(|e| ipc_error!(ErrorCode::Internal, "error-history-unreadable", detail = e.to_string()))?;
    let mut csv = String::from("time,credits,currency\n");
    for sample in &samples {
        let at = time::OffsetDateTime::from_unix_timestamp(sample.at).map(format_timestamp).unwrap_or_default();
        csv.push_str(&format!("{at},{},{}\n", sample.credits.normalize(), sample.currency));
    }
    write_private_file(path, &csv)?;
    Ok(samples.len() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sparkline_keeps_at_most_120_points_and_marks_top_ups() {
        let samples: Vec<BalanceSample> = (0..8640)
            .map(|n| BalanceSample {
                at: 1_795_000_000 + n * 300,
                credits: Decimal::from(if n == 5000 { 90_000 } else { 10_000 - n }),
                currency: "USD".into(),
            })
            .collect();
        let (points, top_ups) = sparkline(&samples);
        assert!(points.len() <= 121, "{}", points.len());
        assert_eq!(top_ups, 1, "the jump up at n = 5000 (the fall back after it is not a top-up)");
        assert_eq!(points.iter().filter(|p| p.top_up).count(), 1);
    }

    fn samples(credits: &[i64]) -> Vec<BalanceSample> {
        (0..credits.len())
            .map(|n| BalanceSample {
                at: 1_795_000_000 + n as i64 * 60,
                credits: Decimal::from(credits[n]),
                currency: "USD".into(),
            })
            .collect()
    }

    #[test]
    fn a_balance_that_does_not_move_is_two_points_however_many_polls() {
        for polls in [2, 3, 10, 500] {
            let (points, _) = sparkline(&samples(&vec![4250; polls]));
            let credits: Vec<f64> = points.iter().map(|p| p.credits).collect();
            assert_eq!(credits, [4250.0, 4250.0], "{polls} polls");
            let newest = 1_795_000_000 + (polls as i64 - 1) * 60;
            let newest = time::OffsetDateTime::from_unix_timestamp(newest).map(format_timestamp).unwrap();
            assert_eq!(points[1].at, newest, "{polls} polls: the line reaches the newest sample");
        }
        // One more poll at the same balance leaves every point but the newest where it was.
        let (before, _) = sparkline(&samples(&[5000, 4800, 4800, 4800]));
        let (after, _) = sparkline(&samples(&[5000, 4800, 4800, 4800, 4800]));
        assert_eq!(before.len(), 3);
        assert_eq!(after.len(), 3);
        assert_eq!(before[..2], after[..2]);
    }

    #[test]
    fn the_line_keeps_every_turn_and_top_up() {
        let (points, top_ups) = sparkline(&samples(&[100, 100, 100, 90, 90, 200, 200, 200, 150]));
        let credits: Vec<f64> = points.iter().map(|p| p.credits).collect();
        assert_eq!(credits, [100.0, 100.0, 90.0, 90.0, 200.0, 200.0, 150.0]);
        assert_eq!(top_ups, 1);
        assert_eq!(points.iter().filter(|p| p.top_up).map(|p| p.credits).collect::<Vec<_>>(), [200.0]);
    }
}
