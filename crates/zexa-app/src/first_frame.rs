//! What the window's first frame shows, handed to the page before it runs (the shell puts it in
//! an initialization script): the app state, and for a returning user the last known balance
//! from the history with its time, so a number is on screen without waiting for an IPC round
//! trip nor the network. The fresh figure replaces it when it comes. No secret is in it: the
//! app state carries masked key hints at most, the balance is a figure and a time.

use serde::Serialize;
use zexa_api::Decimal;

use crate::clock::format_timestamp;
use crate::service::AppService;
use crate::view::{AppState, Balance};

#[derive(Debug, Clone, Serialize)]
pub struct FirstFrame {
    /// When it was made (Unix milliseconds): a page loaded long after the window was created
    /// (a reload) gets the same script, and must not take it for the current state.
    pub made_at_ms: i64,
    pub state: AppState,
    /// The active profile's newest history sample as a balance (its `fetched_at` is the
    /// sample's time); none for the sandbox (its history starts afresh with each launch), a
    /// new profile, or a history that cannot be read.
    pub last_balance: Option<Balance>,
}

/// The global the page reads it from (`ui/src/lib/firstFrame.ts`).
pub const FIRST_FRAME_GLOBAL: &str = "__ZEXA_FIRST_FRAME__";

impl AppService {
    pub fn first_frame(&self) -> FirstFrame {
        let made_at_ms = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
        FirstFrame { made_at_ms, state: self.app_state(), last_balance: self.last_known_balance() }
    }

    fn last_known_balance(&self) -> Option<Balance> {
        let profile = self.active_profile().ok().filter(|p| !p.sandbox)?;
        let sample = match self.history.latest(&profile.id, true) {
            Ok(sample) => sample?,
            Err(error) => {
                tracing::warn!(%error, "no last known balance for the first frame");
                return None;
            }
        };
        let at = time::OffsetDateTime::from_unix_timestamp(sample.at).ok()?;
        let threshold = Decimal::from(profile.low_credit_threshold);
        Some(Balance {
            profile_id: profile.id,
            credits: sample.credits.normalize().to_string(),
            currency: sample.currency,
            fetched_at: format_timestamp(at),
            low: sample.credits < threshold,
            zero: sample.credits <= Decimal::ZERO,
            threshold: profile.low_credit_threshold,
        })
    }

    /// The initialization script: one assignment of the first frame as JSON (a JSON text is a
    /// JavaScript expression), run before the page's own scripts.
    pub fn first_frame_script(&self) -> String {
        let json = serde_json::to_string(&self.first_frame()).unwrap_or_else(|_| "null".into());
        format!("window.{FIRST_FRAME_GLOBAL} = {json};")
    }
}
