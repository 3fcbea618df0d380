//! One `GET /credits` for callers that want the balance at nearly the same moment.
//!
//! At start-up the tray's monitor, the window and the window's first focus all want the
//! balance within a second; each asking the server would triple the requests for one figure.
//! A client keeps its latest answer: a caller that accepts an answer up to `max_age` old gets
//! it, and callers arriving while a request is under way wait for that request instead of
//! sending their own. The answer belongs to the client, so a new key (a new client) never
//! sees the old key's answer.

use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::contract::Credits;
use crate::error::ApiError;
use crate::Client;

/// The latest `GET /credits` outcome of one client.
#[derive(Default)]
pub(crate) struct LatestCredits(Mutex<Option<Answer>>);

#[derive(Clone)]
struct Answer {
    at: Instant,
    result: Result<Credits, ApiError>,
}

/// What [`Client::credits_within`] gives: the outcome, and whether this call asked the server
/// (so that exactly one caller records or reacts to each real answer).
#[derive(Debug, Clone)]
pub struct SharedCredits {
    pub result: Result<Credits, ApiError>,
    pub requested: bool,
    /// How long ago the server gave this answer.
    pub age: Duration,
}

impl Client {
    /// The balance as the server gave it at most `max_age` ago, asking again only if needed.
    /// `Duration::ZERO` always gets an answer given after the call began ("Refresh").
    pub async fn credits_within(&self, max_age: Duration) -> SharedCredits {
        let asked_at = Instant::now();
        // Held across the request: whoever comes while it is under way waits and reuses it.
        let mut latest = self.inner.latest_credits.0.lock().await;
        if let Some(answer) = latest.as_ref() {
            let recent_enough = match asked_at.checked_sub(max_age) {
                Some(oldest) => answer.at >= oldest,
                None => true, // older than the clock's origin: any answer is younger than that
            };
            if recent_enough {
                return SharedCredits { result: answer.result.clone(), requested: false, age: answer.at.elapsed() };
            }
        }
        let result = self.credits().await;
        *latest = Some(Answer { at: Instant::now(), result: result.clone() });
        SharedCredits { result, requested: true, age: Duration::ZERO }
    }

    /// The latest answer if the server gave it at most `max_age` ago, without asking (nor
    /// waiting for a request under way): what Rust can hand the window along with an
    /// announcement, where asking would delay the announcement by a request.
    pub fn latest_credits_within(&self, max_age: Duration) -> Option<SharedCredits> {
        let latest = self.inner.latest_credits.0.try_lock().ok()?;
        let answer = latest.as_ref()?;
        let age = answer.at.elapsed();
        (age <= max_age).then(|| SharedCredits { result: answer.result.clone(), requested: false, age })
    }

    /// How long ago this client last had an answer to `GET /credits`, if it had one.
    pub fn credits_age(&self) -> Option<Duration> {
        // A request under way holds the lock; its answer will be new, so it counts as fresh.
        match self.inner.latest_credits.0.try_lock() {
            Ok(latest) => latest.as_ref().map(|answer| answer.at.elapsed()),
            Err(_) => Some(Duration::ZERO),
        }
    }
}
