//! Start-up marks: the UI reports the moments a user would notice (the balance figure on
//! screen), so the footprint benchmark (`./dev bench`) times them instead of guessing with a
//! sleep. Always logged; printed on stdout only when `ZEXA_STARTUP_MARKS=1`, for the benchmark
//! to read.

use std::io::Write;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Deserialize;
use specta::Type;

use super::Reply;

/// Set by the benchmark: each mark is also printed on stdout as `zexa-startup-mark <name>`.
pub const STARTUP_MARKS_ENV: &str = "ZEXA_STARTUP_MARKS";
/// The prefix of the stdout line the benchmark looks for.
pub const STARTUP_MARK_PREFIX: &str = "zexa-startup-mark";

/// A moment of start-up the UI reports, once per run of the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum StartupMark {
    /// The credit balance figure is in the DOM for the first time.
    BalancePainted,
}

impl StartupMark {
    fn name(self) -> &'static str {
        match self {
            StartupMark::BalancePainted => "balance_painted",
        }
    }

    fn seen(self) -> &'static AtomicBool {
        static BALANCE_PAINTED: AtomicBool = AtomicBool::new(false);
        match self {
            StartupMark::BalancePainted => &BALANCE_PAINTED,
        }
    }
}

command! {
    /// Reports a moment of start-up (the balance figure first on screen); the first report of
    /// each is logged, and printed on stdout for the benchmark.
    pub fn mark_startup(mark: StartupMark) -> Reply<()> {
        // A reload of the page renders the figure again; only the first one is start-up.
        if mark.seen().swap(true, Ordering::Relaxed) {
            return Ok(());
        }
        tracing::info!(mark = mark.name(), "start-up mark");
        if std::env::var(STARTUP_MARKS_ENV).is_ok_and(|v| v == "1") {
            let mut out = std::io::stdout().lock();
            // Nobody reading stdout is not an error of the app's.
            let _ = writeln!(out, "{STARTUP_MARK_PREFIX} {}", mark.name()).and_then(|()| out.flush());
        }
        Ok(())
    }
}
