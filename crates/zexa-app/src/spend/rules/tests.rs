use super::*;

const NOW: i64 = 1_800_000_000;
const RULE: SpendRule = SpendRule { multiple: 5, floor: 50 };

fn sample(at: i64, credits: i64) -> BalanceSample {
    BalanceSample { at, credits: Decimal::from(credits), currency: "AOA".into() }
}

/// Samples every 5 minutes from `from` to `to` (inclusive), spending `per_hour` credits an hour
/// (a whole number of credits every 5 minutes), starting at `balance`.
fn steady(from: i64, to: i64, balance: i64, per_hour: i64) -> Vec<BalanceSample> {
    let step = 300;
    (0..=(to - from) / step).map(|n| sample(from + n * step, balance - n * per_hour / 12)).collect()
}

#[test]
fn a_spike_twenty_times_the_usual_is_over_the_line() {
    // 8 days at 60 an hour, then the last hour at 1,200.
    let mut samples = steady(NOW - 8 * DAY, NOW - HOUR, 1_000_000, 60);
    let start = samples.last().unwrap().credits;
    for n in 1..=12 {
        samples.push(BalanceSample {
            at: NOW - HOUR + n * 300,
            credits: start - Decimal::from(100 * n),
            currency: "AOA".into(),
        });
    }
    let check = check(&samples, NOW, RULE).unwrap();
    assert_eq!(check.last_hour, Decimal::from(1200));
    assert_eq!(check.usual.as_ref().unwrap().basis, UsualBasis::SameHourLastWeek);
    assert_eq!(check.usual.as_ref().unwrap().per_hour, Decimal::from(60));
    assert_eq!(check.times_usual(), Some(20));
    assert!(check.over);
}

#[test]
fn steady_spending_is_not_an_alert_and_small_spikes_stay_under_the_floor() {
    let samples = steady(NOW - 8 * DAY, NOW, 1_000_000, 60);
    assert!(!check(&samples, NOW, RULE).unwrap().over);
    // 2 an hour usually, 36 in the last hour: 18× the usual, but under the floor of 50.
    let mut quiet = steady(NOW - 8 * DAY, NOW - HOUR, 10_000, 12);
    let last = quiet.last().unwrap().credits;
    quiet.push(BalanceSample { at: NOW, credits: last - Decimal::from(36), currency: "AOA".into() });
    let check = check(&quiet, NOW, SpendRule { multiple: 5, floor: 50 }).unwrap();
    assert!(!check.over, "{check:?}");
}

#[test]
fn with_less_than_a_week_the_last_day_is_the_usual() {
    let mut samples = steady(NOW - 30 * HOUR, NOW - HOUR, 100_000, 24);
    let last = samples.last().unwrap().credits;
    samples.push(BalanceSample { at: NOW, credits: last - Decimal::from(600), currency: "AOA".into() });
    let check = check(&samples, NOW, RULE).unwrap();
    let usual = check.usual.clone().unwrap();
    assert_eq!(usual.basis, UsualBasis::LastDay);
    assert_eq!(usual.per_hour, Decimal::from(24));
    assert!(check.over);
}

#[test]
fn hours_without_samples_are_left_out_not_counted_as_nothing() {
    // A week of history, but the app was off at this hour on 4 of the 7 days: not enough for a
    // same-hour median, so the last day decides.
    let mut samples = Vec::new();
    for day in (1..=8).rev() {
        let end = NOW - day * DAY;
        let off = (2..=5).contains(&day);
        let from = end - DAY + HOUR;
        let to = if off { end - 2 * HOUR - 600 } else { end };
        samples.extend(steady(from, to, 1_000_000 - day * 10_000, 60));
    }
    samples.extend(steady(NOW - DAY + HOUR, NOW, 900_000, 60));
    samples.sort_by_key(|s| s.at);
    samples.dedup_by_key(|s| s.at);
    let usual = usual_spend(&samples, NOW).unwrap();
    assert_eq!(usual.basis, UsualBasis::LastDay, "3 of 7 same hours are not enough");
    // A gap of more than two hours says nothing about what was spent in it.
    let gap = [sample(NOW - 3 * HOUR, 1000), sample(NOW, 400)];
    assert_eq!(spent_between(&gap, NOW - HOUR, NOW), None);
    assert_eq!(check(&gap, NOW, RULE), None, "no judgement without samples in the hour");
}

#[test]
fn a_top_up_in_the_middle_of_a_spike_is_not_spend() {
    let mut samples = steady(NOW - 8 * DAY, NOW - HOUR, 1_000_000, 60);
    let start = samples.last().unwrap().credits;
    let at = |m: i64| NOW - HOUR + m * 60;
    let c = |d: i64| start - Decimal::from(d);
    // -600, then a top-up of +5,000, then -600 more.
    samples.push(BalanceSample { at: at(20), credits: c(600), currency: "AOA".into() });
    samples.push(BalanceSample { at: at(30), credits: c(600) + Decimal::from(5000), currency: "AOA".into() });
    samples.push(BalanceSample { at: at(60), credits: c(1200) + Decimal::from(5000), currency: "AOA".into() });
    let check = check(&samples, NOW, RULE).unwrap();
    assert_eq!(check.last_hour, Decimal::from(1200));
    assert!(check.over);
}

#[test]
fn a_clock_set_back_or_equal_timestamps_are_skipped() {
    let samples = [sample(NOW - 1800, 1000), sample(NOW - 1800, 500), sample(NOW - 2400, 100), sample(NOW, 900)];
    // Only (NOW-2400 → NOW) moves forward in time, and it is a rise: nothing spent.
    assert_eq!(spent_between(&samples, NOW - HOUR, NOW), Some(Decimal::ZERO));
    // A `now` before the samples judges nothing.
    assert_eq!(check(&samples, NOW - 10 * DAY, RULE), None);
}

#[test]
fn hostile_figures_end_the_computation_not_the_watch() {
    let huge = Decimal::MAX;
    let samples = [
        BalanceSample { at: NOW - 1200, credits: huge, currency: "AOA".into() },
        BalanceSample { at: NOW - 600, credits: -huge, currency: "AOA".into() },
        BalanceSample { at: NOW, credits: -huge, currency: "AOA".into() },
    ];
    assert_eq!(spent_between(&samples, NOW - HOUR, NOW), None, "the drop overflows: no figure");
    assert_eq!(check(&samples, i64::MIN, RULE), None);
    assert_eq!(usual_spend(&samples, i64::MIN), None);
}

#[test]
fn the_alert_fires_once_per_crossing_and_rearms_after_an_hour_under_the_line() {
    let state = SpendAlert::default();
    let (state, notify) = state.step(true, NOW);
    assert!(notify);
    let (state, notify) = state.step(true, NOW + 300);
    assert!(!notify, "still over: no second alert");
    let (state, notify) = state.step(false, NOW + 600);
    assert!(!notify && state.alerted());
    let (state, notify) = state.step(true, NOW + 900);
    assert!(!notify, "back over before an hour under: the same crossing");
    let (state, _) = state.step(false, NOW + 1200);
    let (state, _) = state.step(false, NOW + 1200 + HOUR - 1);
    assert!(state.alerted());
    let (state, _) = state.step(false, NOW + 1200 + HOUR);
    assert!(!state.alerted(), "an hour under the line re-arms it");
    let (_, notify) = state.step(true, NOW + 1200 + 2 * HOUR);
    assert!(notify, "a new crossing alerts again");
}

#[test]
fn without_an_hour_of_history_before_it_nothing_is_unusual() {
    // A new profile: its first minutes see a big drop (a campaign, or a test setting the
    // balance), with nothing to compare it with.
    let samples = [sample(NOW - 1800, 4250), sample(NOW - 60, 420)];
    let check = check(&samples, NOW, RULE).unwrap();
    assert_eq!(check.last_hour, Decimal::from(3830));
    assert_eq!(check.usual, None);
    assert!(!check.over);
}
