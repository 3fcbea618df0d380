//! The active profile's balance, shared between the window and the tray's monitor: each real
//! `GET /credits` is made by one of them and reused by the other for a while (see
//! `zexa_api::Client::credits_within`), so start-up makes exactly one request.

use std::time::Duration;

use zexa_api::contract::Credits;
use zexa_api::{ApiError, Client, Decimal};
use zexa_core::error::IpcError;
use zexa_core::settings::Profile;

use crate::clock::{format_timestamp, now_utc};
use crate::service::{lock, AppService};
use crate::view::Balance;

/// A figure younger than this is current: opening the Overview or focusing the window shows it
/// without asking the server again, while the monitor keeps polling in the background.
pub(crate) const BALANCE_CURRENT_FOR: Duration = Duration::from_secs(60);

/// A monitor poll reuses an answer this recent (the window's, a moment ago) instead of asking
/// again; it matches the monitor's own minimum gap between polls.
pub(crate) const POLL_REUSES_FOR: Duration = Duration::from_secs(5);

impl AppService {
    /// The active profile's balance with its low/zero flags: the current figure, or with
    /// `refresh` one the server gives after this call (the Refresh button).
    pub async fn balance(&self, refresh: bool) -> Result<Balance, IpcError> {
        self.fault_point(crate::containment::FaultPoint::Command);
        let (profile, client) = self.active_client().await?;
        let max_age = if refresh { Duration::ZERO } else { BALANCE_CURRENT_FOR };
        let (result, age) = self.credits_of(&profile, &client, max_age).await;
        let credits = result.map_err(IpcError::from)?;
        let threshold = Decimal::from(profile.low_credit_threshold);
        let fetched_at = now_utc() - age;
        Ok(Balance {
            profile_id: profile.id,
            credits: credits.credits.normalize().to_string(),
            currency: credits.currency,
            fetched_at: format_timestamp(fetched_at),
            low: credits.credits < threshold,
            zero: credits.credits <= Decimal::ZERO,
            threshold: profile.low_credit_threshold,
        })
    }

    /// `GET /credits` for `profile`, or the answer another caller got at most `max_age` ago.
    /// The caller that made the request records the outcome (connection state, history), so
    /// every real answer is recorded once and a reused one not again. Gives the answer's age.
    pub(crate) async fn credits_of(
        &self,
        profile: &Profile,
        client: &Client,
        max_age: Duration,
    ) -> (Result<Credits, ApiError>, Duration) {
        let shared = client.credits_within(max_age).await;
        if shared.requested {
            self.note_outcome(&shared.result);
            if let Ok(credits) = &shared.result {
                self.record_balance(profile, credits.credits, &credits.currency).await;
            }
        }
        (shared.result, shared.age)
    }

    /// Window focus: poll now unless the active profile's figure is still current. The window's
    /// first appearance comes right after the start-up poll, so it asks nothing.
    pub fn refresh_if_stale(&self) {
        let Ok(profile) = self.active_profile() else { return };
        let age = lock(&self.clients).get(&profile.id).and_then(Client::credits_age);
        if age.is_some_and(|age| age < BALANCE_CURRENT_FOR) {
            return;
        }
        self.refresh_now();
    }
}
