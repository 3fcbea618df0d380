//! What the active profile's server offers, learned once and kept (see `offers`).

use zexa_core::error::{ErrorCode, IpcError};

use super::AppService;
use crate::clock::now_utc;
use crate::events::AccountPart;
use crate::offers::{self, Offer, OfferedPart, ServerOffers};

impl AppService {
    /// The active profile's server's offers: the cached answer while it is fresh, else learned
    /// now (four read-only requests).
    pub async fn server_offers(&self) -> Result<ServerOffers, IpcError> {
        let now = now_utc().unix_timestamp();
        let profile = self.active_profile()?;
        if let Some(known) = self.offers.fresh(&profile.id, now) {
            return Ok(known);
        }
        // One learning at a time; whoever waited finds the answer the first one learned.
        let _learning = self.offers.learning.lock().await;
        if let Some(known) = self.offers.learned_since(&profile.id, now) {
            return Ok(known);
        }
        let client = self.client_for(&profile).await?;
        let learned = offers::learn(&client).await;
        tracing::info!(profile = %profile.id, ?learned, "learned what the server offers");
        self.offers.remember(&profile.id, learned.clone(), now);
        Ok(learned)
    }

    /// A section's read of `part`: where the active profile's server is known not to offer it,
    /// answered "not offered" at once, without a request (so no failed request and no request
    /// id repeated in the window); otherwise asked, and a "not offered" answer noted.
    pub(crate) async fn asking<T>(
        &self,
        part: OfferedPart,
        ask: impl std::future::Future<Output = Result<T, IpcError>>,
    ) -> Result<T, IpcError> {
        let known = self.active_profile().ok().and_then(|profile| self.offers.known(&profile.id));
        if known.is_some_and(|offers| offers.get(part) == Offer::NotOffered) {
            return Err(offers::not_offered_error(part));
        }
        self.noting_offer(part, ask.await)
    }

    /// A feature's answer: a "not offered" is believed at once, so the window and the checkup
    /// stop asking for that part.
    pub(crate) fn noting_offer<T>(&self, part: OfferedPart, result: Result<T, IpcError>) -> Result<T, IpcError> {
        if let Err(error) = &result {
            if error.code == ErrorCode::NotOffered {
                if let Ok(profile) = self.active_profile() {
                    if self.offers.not_offered(&profile.id, part) {
                        self.announce(&profile.id, &[AccountPart::Profile]);
                    }
                }
            }
        }
        result
    }
}
