//! When a launch has settled: its process tree's CPU time is sampled every [`SAMPLE_EVERY`]
//! from the spawn, and the start-up is over at the first sample after which a whole interval
//! passes almost idle. The start-up CPU is what the tree used from the spawn to that sample.
//! A fixed settle time would hide the cost this measures (seconds of software rendering under
//! Xvfb); an interval instead of an instant lets a single repaint not count as settled.

use std::time::Duration;

pub const SAMPLE_EVERY: Duration = Duration::from_secs(5);
/// At most this much CPU in one interval (1 % of a core over 5 s) counts as idle.
pub const QUIET_CPU_SECONDS: f64 = 0.05;
/// A launch that is still busy after this long is taken as settled there (and says so).
pub const MAX_SETTLE: Duration = Duration::from_secs(90);

/// `cumulative[k]` is the tree's CPU seconds at `(k + 1) × SAMPLE_EVERY` after the spawn
/// (spawn itself is 0 s of CPU); `ready` is the first index taken after the side was ready (its
/// window mapped and its page painted). The index of the sample where the start-up ended: the
/// first `k ≥ ready` whose next interval stays under `quiet`.
pub fn settled_at(cumulative: &[f64], ready: usize, quiet: f64) -> Option<usize> {
    (ready..cumulative.len().saturating_sub(1)).find(|&k| cumulative[k + 1] - cumulative[k] <= quiet)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_up_ends_before_the_first_quiet_interval() {
        // Busy for 10 s, then quiet: settled at the 10 s sample (index 1), with 2.0 s used.
        let samples = [1.2, 2.0, 2.01, 2.02];
        assert_eq!(settled_at(&samples, 0, QUIET_CPU_SECONDS), Some(1));
        // Quiet from the first interval on.
        assert_eq!(settled_at(&[0.5, 0.52, 0.53], 0, QUIET_CPU_SECONDS), Some(0));
    }

    #[test]
    fn a_side_is_not_settled_before_it_is_ready_nor_while_busy() {
        // Quiet between 5 and 10 s, but the page was painted only after the 10 s sample.
        let samples = [0.5, 0.51, 1.5, 1.51];
        assert_eq!(settled_at(&samples, 2, QUIET_CPU_SECONDS), Some(2));
        assert_eq!(settled_at(&[1.0, 2.0, 3.0], 0, QUIET_CPU_SECONDS), None);
        assert_eq!(settled_at(&[], 0, QUIET_CPU_SECONDS), None);
    }
}
