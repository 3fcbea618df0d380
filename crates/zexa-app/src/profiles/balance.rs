//! The active profile's balance, shared between the window and the tray's monitor: each real
//! `GET /credits` is made by one of them and reused by the other for a while (see
//! `zexa_api::Client::credits_within`), so start-up makes exactly one request.
//!
//! One balance, one truth: every real answer, whoever asked for it, goes through the monitor's
//! evaluation (tray figure; low, zero and revoked notices) and then the follow-up (history,
//! runway alert). The monitor's own polls are evaluated in its task; an answer the window asked
//! for is handed to the monitor ([`zexa_monitor::MonitorHandle::observe`]) before anything else
//! is done with it, and the follow-up is contained, so a failure there cannot keep the tray or
//! the alerts from the answer.

use std::time::Duration;

use zexa_api::contract::Credits;
use zexa_api::{ApiError, Client, Decimal};
use zexa_core::error::IpcError;
use zexa_core::settings::Profile;

use crate::clock::{format_timestamp, now_utc};
use crate::containment::survive;
use crate::events::AccountPart;
use crate::service::AppService;
use crate::view::Balance;

/// A figure younger than this is current: opening the Overview or focusing the window shows it
/// without asking the server again, while the monitor keeps polling in the background.
pub(crate) const BALANCE_CURRENT_FOR: Duration = Duration::from_secs(60);

/// Who asked for a balance: it decides who evaluates and records the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Asker {
    /// The window (`get_balance`): hands the answer to the monitor, then records it.
    Window,
    /// The monitor's poll: evaluates it in its task, then records it (`after_poll`).
    Monitor,
}

/// A monitor poll reuses an answer this recent (the window's, a moment ago) instead of asking
/// again; it matches the monitor's own minimum gap between polls.
pub(crate) const POLL_REUSES_FOR: Duration = Duration::from_secs(5);

impl AppService {
    /// The active profile's balance with its low/zero flags: the current figure, or with
    /// `refresh` one the server gives after this call (the Refresh button).
    pub async fn balance(&self, refresh: bool) -> Result<Balance, IpcError> {
        self.fault_point(crate::containment::FaultPoint::Command);
        let (profile, client) = self.active_client().await.inspect_err(|error| self.note_key_not_sent(error))?;
        let max_age = if refresh { Duration::ZERO } else { BALANCE_CURRENT_FOR };
        let (result, age, _) = self.credits_of(&profile, &client, max_age, Asker::Window).await;
        Ok(balance_view(profile, result.map_err(IpcError::from)?, age))
    }

    /// The active profile's current figure when Rust has it at hand (an answer at most a minute
    /// old, the same one `balance(false)` would give), without asking the server: what an
    /// announcement of the balance carries to the window. `None`: the window asks as before.
    pub fn balance_at_hand(&self) -> Option<Balance> {
        let profile = self.active_profile().ok()?;
        let client = self.profiles.cached_client(&profile.id)?;
        let latest = client.latest_credits_within(BALANCE_CURRENT_FOR)?;
        Some(balance_view(profile, latest.result.ok()?, latest.age))
    }

    /// `GET /credits` for `profile`, or the answer another caller got at most `max_age` ago.
    /// The caller that made the request reacts to the outcome, so every real answer is
    /// evaluated and recorded once and a reused one not again: the connection state at once;
    /// for the window, the monitor's evaluation (handed over first) and then the history and
    /// runway; for the monitor, its own evaluation and then [`AppService::follow_up_answer`]
    /// (see `MonitoredSource::after_poll`). Gives the answer's age and whether this call asked.
    pub(crate) async fn credits_of(
        &self,
        profile: &Profile,
        client: &Client,
        max_age: Duration,
        asker: Asker,
    ) -> (Result<Credits, ApiError>, Duration, bool) {
        let shared = client.credits_within(max_age).await;
        if shared.requested {
            self.note_outcome(&shared.result);
            if asker == Asker::Window {
                self.hand_to_monitor(&profile.id, &shared.result);
                // Not `Balance`: the window asked for that balance itself.
                if self.follow_up_answer(profile, &shared.result).await {
                    self.announce(&profile.id, &[AccountPart::History]);
                }
            }
        }
        (shared.result, shared.age, shared.requested)
    }

    /// After an answer was evaluated: its balance becomes a history sample and the runway alert
    /// is checked. Contained: a panic here is logged, never passed on to the window's figure
    /// or the monitor's loop. Returns whether a sample was recorded, for the caller to announce.
    pub(crate) async fn follow_up_answer(&self, profile: &Profile, outcome: &Result<Credits, ApiError>) -> bool {
        let Ok(credits) = outcome else { return false };
        let mut recorded = false;
        let record = async { recorded = self.record_balance(profile, credits.credits, &credits.currency).await };
        survive("balance history", record).await && recorded
    }

    /// Window focus: poll now unless the active profile's figure is still current. The window's
    /// first appearance comes right after the start-up poll, so it asks nothing.
    pub fn refresh_if_stale(&self) {
        let Ok(profile) = self.active_profile() else { return };
        let age = self.profiles.cached_client(&profile.id).as_ref().and_then(Client::credits_age);
        if age.is_some_and(|age| age < BALANCE_CURRENT_FOR) {
            return;
        }
        // At start the monitor's first poll may have begun without holding the client's answer
        // yet (no age to read): a refresh now would be a second request a few seconds later.
        if self.first_poll_pending(&profile.id) {
            return;
        }
        self.refresh_now();
    }
}

/// What the window shows of an answer `age` old.
fn balance_view(profile: Profile, credits: Credits, age: Duration) -> Balance {
    let threshold = Decimal::from(profile.low_credit_threshold);
    Balance {
        profile_id: profile.id,
        credits: credits.credits.normalize().to_string(),
        currency: credits.currency,
        fetched_at: format_timestamp(now_utc() - age),
        low: credits.credits < threshold,
        zero: credits.credits <= Decimal::ZERO,
        threshold: profile.low_credit_threshold,
    }
}
