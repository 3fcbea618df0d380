//! What a profile's server offers beyond the balance. Zexa documents only `GET /credits`; the
//! key, session, two-factor and password endpoints are our contract's, and a real server may
//! answer them `404`. The app learns which once per profile (four read-only requests, at the
//! same time), again after a day, and at once when a request is answered "not offered", so a
//! section the server lacks says so at once and the checkup does not count what cannot run.
//! Nothing is asked of the user for it.
//!
//! The password change has no read-only endpoint: it counts as offered where the account
//! endpoint is (both are the contract's account part), rather than probing a password form.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use specta::Type;
use zexa_api::{ApiError, Client};
use zexa_core::state_file::StateFile;

use crate::sync::lock;

pub const SERVER_OFFERS_FILE: &str = "server-offers.json";
const SERVER_OFFERS_VERSION: u32 = 1;
/// Learned again after this long.
const FRESH_FOR_SECS: i64 = 24 * 3600;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum Offer {
    Offered,
    /// The server answered `404` for it: Zexa's documented API does not have it.
    NotOffered,
    /// Not learned: the request failed for another reason (offline, a refused key).
    Unknown,
}

/// The parts of our contract a server may lack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum OfferedPart {
    ApiKeys,
    Sessions,
    TwoFactor,
    Password,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ServerOffers {
    pub api_keys: Offer,
    pub sessions: Offer,
    pub two_factor: Offer,
    pub password: Offer,
}

/// An answer with when it was learned (Unix seconds), as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Learned {
    offers: ServerOffers,
    at: i64,
}

impl ServerOffers {
    pub fn get(&self, part: OfferedPart) -> Offer {
        match part {
            OfferedPart::ApiKeys => self.api_keys,
            OfferedPart::Sessions => self.sessions,
            OfferedPart::TwoFactor => self.two_factor,
            OfferedPart::Password => self.password,
        }
    }

    fn set(&mut self, part: OfferedPart, offer: Offer) {
        match part {
            OfferedPart::ApiKeys => self.api_keys = offer,
            OfferedPart::Sessions => self.sessions = offer,
            OfferedPart::TwoFactor => self.two_factor = offer,
            OfferedPart::Password => self.password = offer,
        }
    }

    /// Everything our contract has: only Zexa's documented part is missing nothing.
    pub fn everything_offered(&self) -> bool {
        [self.api_keys, self.sessions, self.two_factor, self.password].iter().all(|o| *o == Offer::Offered)
    }

    fn is_complete(&self) -> bool {
        [self.api_keys, self.sessions, self.two_factor, self.password].iter().all(|o| *o != Offer::Unknown)
    }
}

fn offer_of<T>(result: &Result<T, ApiError>) -> Offer {
    match result {
        Ok(_) => Offer::Offered,
        Err(ApiError::NotOffered { .. }) => Offer::NotOffered,
        Err(_) => Offer::Unknown,
    }
}

/// What a request to `part` answers where the server is known not to offer it: the sentence a
/// `404` from the server gets (with the dashboard page to use instead), but no request id,
/// because nothing was sent.
pub fn not_offered_error(part: OfferedPart) -> zexa_core::error::IpcError {
    use zexa_api::contract::Endpoint;
    let endpoint = match part {
        OfferedPart::ApiKeys => Endpoint::ListApiKeys,
        OfferedPart::Sessions => Endpoint::ListSessions,
        OfferedPart::TwoFactor => Endpoint::TwoFactorStatus,
        OfferedPart::Password => Endpoint::ChangePassword,
    };
    ApiError::NotOffered { endpoint, request_id: None }.into()
}

/// Asks the server, with four read-only requests at the same time.
pub async fn learn(client: &Client) -> ServerOffers {
    let (keys, sessions, two_factor, account) = tokio::join!(
        client.list_api_keys_page(1, 1),
        client.list_sessions_page(1, 1),
        client.two_factor_status(),
        client.account()
    );
    ServerOffers {
        api_keys: offer_of(&keys),
        sessions: offer_of(&sessions),
        two_factor: offer_of(&two_factor),
        password: offer_of(&account),
    }
}

/// What each profile's server offers, kept across restarts.
pub(crate) struct OffersCache {
    file: StateFile<BTreeMap<String, Learned>>,
    known: Mutex<BTreeMap<String, Learned>>,
    /// Held while offers are learned, so the window's sections and the checkup asking at once
    /// send the four requests once, not once each.
    pub(crate) learning: tokio::sync::Mutex<()>,
}

impl OffersCache {
    pub(crate) fn open(path: Option<std::path::PathBuf>) -> Self {
        let file = StateFile::new(path, SERVER_OFFERS_VERSION);
        let known = Mutex::new(file.load());
        Self { file, known, learning: tokio::sync::Mutex::new(()) }
    }

    /// The cached answer when it is complete and less than a day old.
    pub(crate) fn fresh(&self, profile_id: &str, now: i64) -> Option<ServerOffers> {
        lock(&self.known)
            .get(profile_id)
            .filter(|l| l.offers.is_complete() && l.at <= now && now.saturating_sub(l.at) < FRESH_FOR_SECS)
            .map(|l| l.offers.clone())
    }

    /// What was learned for the profile at or after `since` (unix seconds), complete or not: a
    /// caller that waited for another's learning takes its answer rather than asking again.
    pub(crate) fn learned_since(&self, profile_id: &str, since: i64) -> Option<ServerOffers> {
        lock(&self.known).get(profile_id).filter(|l| l.at >= since).map(|l| l.offers.clone())
    }

    /// What was last learned for the profile, however old: a part once answered "not offered"
    /// is not asked again until the offers are learned again (daily, see `fresh`).
    pub(crate) fn known(&self, profile_id: &str) -> Option<ServerOffers> {
        lock(&self.known).get(profile_id).map(|l| l.offers.clone())
    }

    pub(crate) fn remember(&self, profile_id: &str, offers: ServerOffers, now: i64) {
        let mut known = lock(&self.known);
        known.insert(profile_id.to_owned(), Learned { offers, at: now });
        self.save(&known);
    }

    /// A request to `part` was answered "not offered": believed at once, whatever the cache said.
    /// True when that changes what was known.
    pub(crate) fn not_offered(&self, profile_id: &str, part: OfferedPart) -> bool {
        let mut known = lock(&self.known);
        let Some(learned) = known.get_mut(profile_id) else { return false };
        if learned.offers.get(part) == Offer::NotOffered {
            return false;
        }
        learned.offers.set(part, Offer::NotOffered);
        self.save(&known);
        true
    }

    fn save(&self, known: &BTreeMap<String, Learned>) {
        if let Err(error) = self.file.save(known) {
            tracing::warn!(%error, "server offers not saved");
        }
    }
}

impl crate::profiles::ProfileScoped for OffersCache {
    fn forget_profile(&self, profile_id: &str) {
        let mut known = lock(&self.known);
        if known.remove(profile_id).is_some() {
            self.save(&known);
        }
    }
}

#[cfg(test)]
mod tests;
