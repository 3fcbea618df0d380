//! The spend watch: credits drain fast when a stolen key is used for SMS pumping, and the
//! balance history is all it needs, so it works against any Zexa server. The arithmetic is in
//! [`rules`]; the `spend-watch` job (`jobs/spend_watch.rs`) checks after every new balance
//! sample and notifies once per crossing; the Overview shows the same check.

pub mod rules;

use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;
use specta::Type;

use crate::history::{BalanceSample, HistoryStore};
use crate::sync::lock;
pub use rules::{SpendAlert, SpendCheck, SpendRule, UsualBasis, HOUR};

/// The watch needs the previous 7 days and the hour being judged.
const LOOK_BACK: i64 = 8 * 24 * HOUR + HOUR;

/// What the Overview shows of the last hour's spend.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SpendView {
    pub profile_id: String,
    /// Credits spent in the last hour, as exact decimal text; `None` without samples in it.
    pub last_hour: Option<String>,
    /// The usual spend an hour, as exact decimal text; `None` without enough history.
    pub usual_per_hour: Option<String>,
    pub basis: Option<UsualBasis>,
    /// "About 20× the usual", rounded; `None` when nothing is usually spent or it is unknown.
    pub times_usual: Option<u32>,
    /// Over the line now.
    pub over: bool,
    /// The line: more than `multiple` × the usual and at least `floor` credits an hour.
    pub multiple: u32,
    pub floor: u32,
    pub currency: String,
    /// Hours of the last 30 days whose spend was over the line (RFC 3339, the hour's end), for
    /// the chart's marks.
    pub spikes: Vec<String>,
}

/// Per profile, whether the current crossing was already announced (in memory: a restart in
/// the middle of a spike announces it once more, which errs on the side of telling).
#[derive(Default)]
pub(crate) struct SpendWatchState {
    alerts: Mutex<HashMap<String, SpendAlert>>,
}

impl SpendWatchState {
    /// Records a check's outcome; true when it is a new crossing to notify.
    pub(crate) fn step(&self, profile_id: &str, over: bool, now: i64) -> bool {
        let mut alerts = lock(&self.alerts);
        let state = alerts.entry(profile_id.to_owned()).or_default();
        let (next, notify) = state.step(over, now);
        *state = next;
        notify
    }
}

impl crate::profiles::ProfileScoped for SpendWatchState {
    fn forget_profile(&self, profile_id: &str) {
        lock(&self.alerts).remove(profile_id);
    }
}

/// The samples the watch judges `now` on.
pub(crate) fn samples(history: &HistoryStore, profile_id: &str, persist: bool, now: i64) -> Vec<BalanceSample> {
    history.samples_since(profile_id, persist, now.saturating_sub(LOOK_BACK)).unwrap_or_default()
}

/// The hours of `samples` over the line, each judged as the watch would have at its end.
pub fn spikes(samples: &[BalanceSample], rule: SpendRule, since: i64, now: i64) -> Vec<i64> {
    let first = since.max(samples.first().map_or(now, |s| s.at));
    let mut hours = Vec::new();
    let mut end = now;
    while end > first && hours.len() < 24 * 30 {
        if rules::check(samples, end, rule).is_some_and(|c| c.over) {
            hours.push(end);
        }
        end -= HOUR;
    }
    hours.reverse();
    hours
}
