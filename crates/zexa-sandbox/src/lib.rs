//! A Zexa API server that follows the contract (`docs/api-contract.md`) exactly, for tests, demos
//! and the app's "Try the sandbox" mode, with `/_sandbox/` admin routes and fault injection.
//!
//! ```no_run
//! # async fn demo() -> Result<(), zexa_sandbox::SandboxError> {
//! let sandbox = zexa_sandbox::SandboxServer::start(Default::default()).await?;
//! let client = zexa_api::Client::new(&sandbox.base_url(), sandbox.admin_api_key(), Default::default());
//! # Ok(()) }
//! ```

mod admin;
mod auth;
mod backoff;
mod faults;
mod guard;
mod http;
mod request_log;
mod routes;
mod seed;
mod server;
mod state;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use zexa_core::secret::SecretString;

pub use faults::{Fault, FaultRule};
pub use guard::{AdminAccess, ADMIN_TOKEN_HEADER};
pub use request_log::{MAX_RECORDED_PATH_BYTES, MAX_RECORDED_REQUESTS};
pub use seed::{Seed, ADMIN_KEY_NAME, DEMO_EMAIL, DEMO_NAME, DEMO_PASSWORD};
pub use server::ConnectionLimits;
pub use state::{Clock, ManualClock, SystemClock};

use state::ServerState;

/// A per-account limit: at most `max_requests` in each `window`, then `429` with `Retry-After`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub max_requests: u32,
    pub window: Duration,
}

#[derive(Clone)]
pub struct SandboxOptions {
    /// Where to listen; `127.0.0.1:0` picks a free loopback port.
    pub listen: SocketAddr,
    pub seed: Seed,
    /// Off by default, so tests that do not test it are not slowed by it.
    pub rate_limit: Option<RateLimit>,
    /// The time source; tests inject a [`ManualClock`].
    pub clock: Arc<dyn Clock>,
    /// Who may use `/_sandbox/*`.
    pub admin: AdminAccess,
    /// Simulated steady spending of the seeded account, in credits a minute.
    pub spend_per_minute: Option<zexa_api::Decimal>,
    /// Open connections, the time to send a request head, its size.
    pub limits: ConnectionLimits,
    /// Serve only what Zexa documents (`GET /credits`); every other route answers `404`, as a
    /// real Zexa server may. The app must still be worth having against it.
    pub documented_only: bool,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            seed: Seed::Demo,
            rate_limit: None,
            clock: Arc::new(SystemClock),
            admin: AdminAccess::default(),
            spend_per_minute: None,
            limits: ConnectionLimits::default(),
            documented_only: false,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SandboxError {
    #[error("could not listen on {addr}: {source}")]
    Bind { addr: SocketAddr, source: std::io::Error },
}

pub struct SandboxServer;

impl SandboxServer {
    /// Binds, seeds and starts serving on the current tokio runtime. The server accepts
    /// connections as soon as this returns.
    pub async fn start(options: SandboxOptions) -> Result<SandboxHandle, SandboxError> {
        let listener = TcpListener::bind(options.listen)
            .await
            .map_err(|source| SandboxError::Bind { addr: options.listen, source })?;
        let addr = listener.local_addr().map_err(|source| SandboxError::Bind { addr: options.listen, source })?;
        let (mut data, admin_key) = seed::build(options.seed, options.clock.now());
        if let Some(per_minute) = options.spend_per_minute.filter(|p| *p > zexa_api::Decimal::ZERO) {
            let since = options.clock.now();
            let primary = data.primary_account_id.clone();
            if let Some(account) = data.account_mut(&primary) {
                account.spending = Some(state::Spending { per_minute, since });
            }
        }
        let state = ServerState {
            data: Arc::new(Mutex::new(data)),
            faults: Arc::default(),
            clock: options.clock,
            clock_offset_secs: Arc::new(AtomicU64::new(0)),
            rate_limit: options.rate_limit,
            connections: Arc::default(),
            requests: Arc::default(),
        };
        let mut router = Router::new().nest("/v1", routes::api_router(state.clone(), options.documented_only));
        if !matches!(options.admin, AdminAccess::Off) {
            router = router.nest("/_sandbox", admin::admin_router(options.admin.clone()));
        }
        let router = router
            .fallback(routes::no_route)
            // Layers wrap outwards: the `Host` guard runs first, so what it refuses is not recorded.
            .layer(axum::middleware::from_fn_with_state(state.clone(), request_log::record_request))
            .layer(axum::middleware::from_fn(guard::require_loopback_host))
            .with_state(state.clone());
        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let slots = Arc::new(tokio::sync::Semaphore::new(options.limits.max_connections));
        let task = tokio::spawn(server::serve(
            listener,
            router,
            shutdown_rx,
            state.connections.clone(),
            slots.clone(),
            options.limits,
        ));
        Ok(SandboxHandle {
            addr,
            admin_key: SecretString::new(admin_key),
            state,
            slots,
            max_connections: options.limits.max_connections,
            shutdown: shutdown_tx,
            task: Some(task),
        })
    }
}

/// A running sandbox. Dropping it stops the server.
pub struct SandboxHandle {
    addr: SocketAddr,
    admin_key: SecretString,
    state: ServerState,
    slots: Arc<tokio::sync::Semaphore>,
    max_connections: usize,
    shutdown: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
}

impl SandboxHandle {
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT/v1`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// `http://127.0.0.1:PORT/_sandbox`.
    pub fn admin_url(&self) -> String {
        format!("http://{}/_sandbox", self.addr)
    }

    /// The seeded Admin's key (named [`ADMIN_KEY_NAME`]).
    pub fn admin_api_key(&self) -> SecretString {
        self.admin_key.clone()
    }

    /// `METHOD /path` of the requests that passed the `Host` guard (authenticated or not), oldest
    /// first: the last [`MAX_RECORDED_REQUESTS`], each path cut to [`MAX_RECORDED_PATH_BYTES`].
    pub fn requests(&self) -> Vec<String> {
        self.state.requests.entries()
    }

    /// The heap bytes the recorded requests hold.
    pub fn recorded_requests_bytes(&self) -> usize {
        self.state.requests.heap_bytes()
    }

    /// TCP connections accepted and served so far.
    pub fn accepted_connections(&self) -> u64 {
        self.state.connections.accepted.load(Ordering::SeqCst)
    }

    /// TCP connections closed at once because [`ConnectionLimits::max_connections`] were open.
    pub fn refused_connections(&self) -> u64 {
        self.state.connections.refused.load(Ordering::SeqCst)
    }

    /// Accepts that failed (out of file descriptors, say), each followed by a longer pause.
    pub fn failed_accepts(&self) -> u64 {
        self.state.connections.failed_accepts.load(Ordering::SeqCst)
    }

    /// Connections being served now.
    pub fn open_connections(&self) -> usize {
        self.max_connections.saturating_sub(self.slots.available_permits())
    }

    /// Moves the sandbox clock forward (on top of the injected clock).
    pub fn advance_clock(&self, by: Duration) {
        self.state.clock_offset_secs.fetch_add(by.as_secs(), Ordering::SeqCst);
    }

    /// Simulated steady spending of the seeded account from now on (0 stops it).
    pub fn set_spending(&self, per_minute: zexa_api::Decimal) {
        let now = self.state.now();
        let mut data = self.state.lock();
        let primary = data.primary_account_id.clone();
        if let Some(account) = data.account_mut(&primary) {
            account.settle(now);
            account.spending =
                (per_minute > zexa_api::Decimal::ZERO).then_some(state::Spending { per_minute, since: now });
        }
    }

    /// Takes `credits` from the seeded account at once (never below zero): a burst of sending,
    /// as SMS pumping on a stolen key would look. Returns the balance after it.
    pub fn spend_now(&self, credits: zexa_api::Decimal) -> zexa_api::Decimal {
        let now = self.state.now();
        let mut data = self.state.lock();
        let primary = data.primary_account_id.clone();
        match data.account_mut(&primary) {
            Some(account) => {
                account.settle(now);
                account.credits = account.credits.checked_sub(credits).unwrap_or_default().max(zexa_api::Decimal::ZERO);
                account.credits
            }
            None => zexa_api::Decimal::ZERO,
        }
    }

    pub fn add_fault(&self, rule: FaultRule) -> FaultRule {
        self.state.faults.add(rule)
    }

    pub fn clear_faults(&self) {
        self.state.faults.clear();
    }

    /// Stops accepting, closes open connections and waits for the server task to end.
    pub async fn shutdown(mut self) {
        let _ = self.shutdown.send(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SandboxHandle {
    fn drop(&mut self) {
        let _ = self.shutdown.send(true);
    }
}
