//! What the window's first frame shows, handed to the page before it runs (the shell puts it in
//! an initialization script): the app state, and for a returning user the last known balance
//! from the history with its time, so a number is on screen without waiting for an IPC round
//! trip nor the network. The fresh figure replaces it when it comes. No secret is in it: the
//! app state carries masked key hints at most, the balance is a figure and a time.
//!
//! The embedded sandbox is served from this process, so its figure costs no network: before the
//! window is built, [`AppService::prepare_first_frame`] opens it (`./dev run` with no profile)
//! and asks it for the balance, and the first frame carries that fresh figure instead of a
//! last known one.

use std::time::Duration;

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
    /// A figure the server gave a moment ago, before the window was built: the embedded
    /// sandbox's ([`AppService::prepare_first_frame`]); none for any other server, which the
    /// window never waits for.
    pub fresh_balance: Option<Balance>,
}

/// What start-up did before the window was built.
#[derive(Debug, Default)]
pub struct FirstFramePrep {
    /// The embedded sandbox was opened because no profile exists (`./dev run`).
    pub sandbox_opened: bool,
    pub fresh_balance: Option<Balance>,
}

/// How long the window may wait for the embedded sandbox's figure (it answers in milliseconds;
/// past this, the window opens without it and the figure comes as usual).
pub const SANDBOX_FIGURE_WAIT: Duration = Duration::from_secs(1);

/// The global the page reads it from (`ui/src/lib/firstFrame.ts`).
pub const FIRST_FRAME_GLOBAL: &str = "__ZEXA_FIRST_FRAME__";

impl AppService {
    pub fn first_frame(&self, fresh_balance: Option<Balance>) -> FirstFrame {
        let made_at_ms = (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64;
        let state = self.app_state();
        // Only the active profile's figure: a switch may have happened since it was fetched.
        let fresh_balance = fresh_balance.filter(|b| state.active_profile_id.as_deref() == Some(b.profile_id.as_str()));
        FirstFrame { made_at_ms, state, last_balance: self.last_known_balance(), fresh_balance }
    }

    /// Before the window is built: with `open_sandbox_when_empty` and no profile, opens the
    /// embedded sandbox; when the active profile is the sandbox's, asks it for the balance (at
    /// most [`SANDBOX_FIGURE_WAIT`]). A real server is never waited for here: its figure comes
    /// after the window, and a returning user sees the last known one meanwhile.
    pub async fn prepare_first_frame(&self, open_sandbox_when_empty: bool) -> FirstFramePrep {
        let sandbox_opened = open_sandbox_when_empty
            && match self.start_sandbox_if_no_profile().await {
                Ok(opened) => opened,
                Err(error) => {
                    tracing::error!(%error, "the embedded sandbox could not start");
                    false
                }
            };
        if !self.active_profile().is_ok_and(|p| p.sandbox) {
            return FirstFramePrep { sandbox_opened, fresh_balance: None };
        }
        let fresh_balance = match tokio::time::timeout(SANDBOX_FIGURE_WAIT, self.balance(false)).await {
            Ok(Ok(balance)) => Some(balance),
            Ok(Err(error)) => {
                tracing::warn!(%error, "no sandbox figure for the first frame");
                None
            }
            Err(_) => {
                tracing::warn!("the sandbox's figure took too long for the first frame");
                None
            }
        };
        FirstFramePrep { sandbox_opened, fresh_balance }
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
    pub fn first_frame_script(&self, fresh_balance: Option<Balance>) -> String {
        let json = serde_json::to_string(&self.first_frame(fresh_balance)).unwrap_or_else(|_| "null".into());
        format!("window.{FIRST_FRAME_GLOBAL} = {json};")
    }
}
