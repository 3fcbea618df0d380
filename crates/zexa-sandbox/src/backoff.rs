//! Pacing for the accept loop: a failed accept (out of file descriptors, say) is retried after a
//! pause that doubles up to a cap, and the warnings about it are rate-limited, so a persistent
//! failure neither spins a core nor floods the log of the app that embeds the sandbox.

use std::time::{Duration, Instant};

pub const FIRST_PAUSE: Duration = Duration::from_millis(10);
pub const MAX_PAUSE: Duration = Duration::from_secs(1);
/// At most one warning of a kind in this interval; the ones held back are counted in the next.
pub const WARNING_INTERVAL: Duration = Duration::from_secs(30);

/// The pause before the next accept after consecutive failures.
#[derive(Debug, Default)]
pub struct AcceptBackoff {
    failures: u32,
}

impl AcceptBackoff {
    pub fn on_failure(&mut self) -> Duration {
        let pause = FIRST_PAUSE.saturating_mul(1u32 << self.failures.min(16)).min(MAX_PAUSE);
        self.failures = self.failures.saturating_add(1);
        pause
    }

    pub fn on_success(&mut self) {
        self.failures = 0;
    }
}

/// Says when a repeated warning may be written: the first time, then once per interval.
#[derive(Debug, Default)]
pub struct WarningLimiter {
    last: Option<Instant>,
    held_back: u64,
}

impl WarningLimiter {
    /// `Some(n)`: write the warning now, `n` similar ones were held back since the last one.
    pub fn allow(&mut self, now: Instant) -> Option<u64> {
        match self.last {
            Some(last) if now.saturating_duration_since(last) < WARNING_INTERVAL => {
                self.held_back = self.held_back.saturating_add(1);
                None
            }
            _ => {
                self.last = Some(now);
                Some(std::mem::take(&mut self.held_back))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double_up_to_the_cap_and_reset_on_success() {
        let mut backoff = AcceptBackoff::default();
        let pauses: Vec<u64> = (0..10).map(|_| backoff.on_failure().as_millis() as u64).collect();
        assert_eq!(pauses, [10, 20, 40, 80, 160, 320, 640, 1000, 1000, 1000]);
        for _ in 0..100 {
            assert_eq!(backoff.on_failure(), MAX_PAUSE, "no overflow after many failures");
        }
        backoff.on_success();
        assert_eq!(backoff.on_failure(), FIRST_PAUSE);
    }

    #[test]
    fn a_persistent_failure_is_logged_once_per_interval() {
        let mut limiter = WarningLimiter::default();
        let start = Instant::now();
        // A failure every 10 ms (the first pause) for a minute: 6,000 failures.
        let logged: Vec<u64> =
            (0..6_000u64).filter_map(|n| limiter.allow(start + Duration::from_millis(n * 10))).collect();
        assert_eq!(logged.len(), 2, "{logged:?}");
        assert_eq!(logged[0], 0);
        assert_eq!(logged[1], 2_999, "the held-back ones are counted");
    }
}
