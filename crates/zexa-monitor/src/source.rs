//! Where balances come from: the real client in the app, a scripted source in tests.

use std::future::Future;
use std::sync::Arc;

use zexa_api::contract::Credits;
use zexa_api::{ApiError, Client};

/// One `GET /credits` (or its stand-in). Implementations bound their own time; the monitor adds
/// an outer timeout as a backstop.
pub trait CreditSource: Send + Sync + 'static {
    fn credits(&self) -> impl Future<Output = Result<Credits, ApiError>> + Send;

    /// A poll somebody asked for ("Refresh now", a new threshold): an answer from after the
    /// request, where [`CreditSource::credits`] may reuse a very recent one (the app's window
    /// and monitor share answers for a few seconds). By default the same as `credits`.
    fn fresh_credits(&self) -> impl Future<Output = Result<Credits, ApiError>> + Send {
        self.credits()
    }

    /// Follow-up work on a poll's outcome (the app's balance history and runway), run only after
    /// the outcome was evaluated: its notices sent and its status published. So whatever this
    /// does, and however it fails, the tray and the alerts already have the answer.
    fn after_poll(&self, outcome: &Result<Credits, ApiError>) -> impl Future<Output = ()> + Send {
        let _ = outcome;
        async {}
    }
}

impl CreditSource for Client {
    async fn credits(&self) -> Result<Credits, ApiError> {
        Client::credits(self).await
    }
}

impl<S: CreditSource> CreditSource for Arc<S> {
    fn credits(&self) -> impl Future<Output = Result<Credits, ApiError>> + Send {
        S::credits(self)
    }

    fn fresh_credits(&self) -> impl Future<Output = Result<Credits, ApiError>> + Send {
        S::fresh_credits(self)
    }

    fn after_poll(&self, outcome: &Result<Credits, ApiError>) -> impl Future<Output = ()> + Send {
        S::after_poll(self, outcome)
    }
}
