//! Where balances come from: the real client in the app, a scripted source in tests.

use std::future::Future;
use std::sync::Arc;

use zexa_api::contract::Credits;
use zexa_api::{ApiError, Client};

/// One `GET /credits` (or its stand-in). Implementations bound their own time; the monitor adds
/// an outer timeout as a backstop.
pub trait CreditSource: Send + Sync + 'static {
    fn credits(&self) -> impl Future<Output = Result<Credits, ApiError>> + Send;
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
}
