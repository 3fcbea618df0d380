//! The per-profile background task: polls, applies the alert rules, sends notices, publishes
//! each outcome.
//!
//! Time is tokio's (`tokio::time::Instant`, `sleep_until`), so tests drive it with
//! `tokio::time::pause()` and `advance`; nothing here reads the wall clock except the
//! `fetched_at` stamp shown to the user.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use rand::Rng;
use tokio::sync::{watch, Notify};
use tokio::task::JoinHandle;
use tokio::time::{sleep_until, timeout, Instant};
use zexa_api::contract::Credits;
use zexa_api::ApiError;
use zexa_core::error::IpcError;

use crate::alert::{evaluate, Observation};
use crate::notifier::{NoticeMessage, Notifier};
use crate::source::CreditSource;
pub use crate::status::{BalanceLevel, BalanceReading, MonitorConfig, MonitorSettings, MonitorStatus};
use crate::store::AlertStore;

/// Everything a monitor needs; [`CreditMonitor::spawn`] starts it.
pub struct CreditMonitor<S> {
    pub profile_id: String,
    pub source: S,
    pub notifier: Arc<dyn Notifier>,
    pub store: Arc<AlertStore>,
    pub config: MonitorConfig,
}

impl<S: CreditSource> CreditMonitor<S> {
    pub fn new(profile_id: impl Into<String>, source: S, notifier: Arc<dyn Notifier>, store: Arc<AlertStore>) -> Self {
        Self { profile_id: profile_id.into(), source, notifier, store, config: MonitorConfig::default() }
    }

    pub fn with_config(mut self, config: MonitorConfig) -> Self {
        self.config = config;
        self
    }

    /// Starts polling at once on the current tokio runtime. Panics outside a runtime, like
    /// `tokio::spawn`; use [`CreditMonitor::spawn_on`] from other threads.
    pub fn spawn(self, settings: MonitorSettings) -> MonitorHandle {
        self.spawn_on(&tokio::runtime::Handle::current(), settings)
    }

    pub fn spawn_on(self, runtime: &tokio::runtime::Handle, settings: MonitorSettings) -> MonitorHandle {
        let (status_tx, status_rx) = watch::channel(MonitorStatus::new(self.profile_id.clone(), &settings));
        let (settings_tx, settings_rx) = watch::channel(settings);
        let (observed_tx, observed_rx) = watch::channel(None);
        let refresh = Arc::new(Notify::new());
        let task = runtime.spawn(self.run(settings_rx, refresh.clone(), observed_rx, status_tx));
        MonitorHandle {
            settings: Some(settings_tx),
            refresh,
            observed: observed_tx,
            status: status_rx,
            task: Some(task),
        }
    }

    async fn run(
        self,
        mut settings_rx: watch::Receiver<MonitorSettings>,
        refresh: Arc<Notify>,
        mut observed_rx: watch::Receiver<Option<Outcome>>,
        status: watch::Sender<MonitorStatus>,
    ) {
        let mut settings = settings_rx.borrow_and_update().clone();
        let mut next_due = Instant::now();
        let mut not_before: Option<Instant> = None;
        let mut last_started: Option<Instant> = None;
        let mut refresh_wanted = false;
        loop {
            let mut deadline = next_due;
            if refresh_wanted {
                let earliest = last_started.map_or(Instant::now(), |t| t + self.config.min_refresh_gap);
                deadline = deadline.min(earliest.max(Instant::now()));
            }
            // A Retry-After is a promise to the server; not even "Refresh now" breaks it.
            if let Some(not_before) = not_before {
                deadline = deadline.max(not_before);
            }
            tokio::select! {
                biased;
                changed = settings_rx.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    let new = settings_rx.borrow_and_update().clone();
                    // Before the first poll, the first poll stays immediate.
                    if let (true, Some(base)) = (new.poll_interval() != settings.poll_interval(), last_started) {
                        let regular = base + new.poll_interval();
                        next_due = if status.borrow().consecutive_failures == 0 { regular } else { next_due.min(regular) };
                    }
                    if new.low_credit_threshold != settings.low_credit_threshold {
                        // The alert rules must see the new threshold against a fresh balance.
                        refresh_wanted = true;
                    }
                    status.send_modify(|s| {
                        s.profile_name = new.profile_name.clone();
                        s.threshold = new.low_credit_threshold;
                    });
                    settings = new;
                }
                _ = refresh.notified() => refresh_wanted = true,
                observed = observed_rx.changed() => {
                    if observed.is_err() {
                        return;
                    }
                    // An answer someone else asked for (the window's Refresh): evaluated exactly
                    // as a poll's, so the tray and the alerts never lag behind the window.
                    let Some(result) = observed_rx.borrow_and_update().clone() else { continue };
                    let answered = Instant::now();
                    match &result {
                        // A fresh balance is as good as a poll: the next one is an interval away.
                        Ok(_) => next_due = later(answered, settings.poll_interval()),
                        Err(ApiError::RateLimited { retry_after: Some(retry_after), .. }) => {
                            not_before = Some(later(answered, (*retry_after).min(zexa_api::MAX_RETRY_AFTER)));
                        }
                        Err(_) => {}
                    }
                    self.handle_outcome(result, &settings, &status).await;
                }
                _ = sleep_until(deadline) => {
                    let asked_for = std::mem::take(&mut refresh_wanted);
                    let started = Instant::now();
                    last_started = Some(started);
                    let poll = async {
                        if asked_for { self.source.fresh_credits().await } else { self.source.credits().await }
                    };
                    let result = match timeout(self.config.poll_timeout, poll).await {
                        Ok(result) => result,
                        Err(_) => Err(ApiError::Timeout),
                    };
                    // Waits count from the answer: Retry-After is relative to it, and a poll that
                    // took long to fail must not be retried at once.
                    let answered = Instant::now();
                    let failures = status.borrow().consecutive_failures;
                    let wait = self.next_wait(&result, failures, settings.poll_interval());
                    next_due = later(answered, wait.delay);
                    not_before = wait.retry_after.map(|d| later(answered, d));
                    self.handle_outcome(result.clone(), &settings, &status).await;
                    // Only now, with the notices sent and the status published.
                    self.source.after_poll(&result).await;
                }
            }
        }
    }

    fn next_wait(
        &self,
        result: &Result<zexa_api::contract::Credits, ApiError>,
        failures: u32,
        interval: Duration,
    ) -> Wait {
        match result {
            // 401 is a definitive answer, not a transient failure: keep the normal rhythm.
            Ok(_) | Err(ApiError::Unauthorized { .. }) => Wait { delay: interval, retry_after: None },
            Err(ApiError::RateLimited { retry_after: Some(retry_after), .. }) => {
                // The client clamps it already; a source that does not must not stop polling.
                let retry_after = (*retry_after).min(zexa_api::MAX_RETRY_AFTER);
                let delay = backoff_delay(&self.config, failures + 1, interval).max(retry_after);
                Wait { delay, retry_after: Some(retry_after) }
            }
            Err(_) => Wait { delay: backoff_delay(&self.config, failures + 1, interval), retry_after: None },
        }
    }

    async fn handle_outcome(
        &self,
        result: Result<zexa_api::contract::Credits, ApiError>,
        settings: &MonitorSettings,
        status: &watch::Sender<MonitorStatus>,
    ) {
        let observation = match &result {
            Ok(credits) => Observation::Balance { credits: credits.credits, currency: credits.currency.clone() },
            Err(ApiError::Unauthorized { .. }) => Observation::Unauthorized,
            Err(_) => Observation::OtherError,
        };
        if let Err(error) = &result {
            tracing::info!(profile = %self.profile_id, code = ?error.code(), %error, "credit poll failed");
        }
        let previous = self.store.get(&self.profile_id);
        let (next, notices) = evaluate(previous, &observation, settings.low_credit_threshold);
        for notice in notices {
            if !settings.notifications_enabled {
                tracing::info!(profile = %self.profile_id, kind = ?notice.kind(), "notice not shown: notifications are off");
                continue;
            }
            let message = NoticeMessage {
                profile_id: self.profile_id.clone(),
                profile_name: settings.profile_name.clone(),
                notice,
            };
            match timeout(self.config.notify_timeout, self.notifier.notify(&message)).await {
                Ok(Ok(())) => {
                    tracing::info!(profile = %self.profile_id, kind = ?message.notice.kind(), "notice shown")
                }
                // Not retried: without a notification service every poll would fail again, and
                // the tray icon shows the state anyway.
                Ok(Err(error)) => {
                    tracing::warn!(profile = %self.profile_id, %error, "notice not shown")
                }
                Err(_) => tracing::warn!(profile = %self.profile_id, "notice not shown: timed out"),
            }
        }
        if let Err(error) = self.store.set(&self.profile_id, next) {
            tracing::warn!(%error, "credit alert state not saved; a relaunch may repeat a notice");
        }
        status.send_modify(|s| {
            s.polls += 1;
            match result {
                Ok(credits) => {
                    s.balance = Some(BalanceReading {
                        credits: credits.credits,
                        currency: credits.currency,
                        fetched_at: SystemTime::now(),
                    });
                    s.last_error = None;
                    s.key_refused = false;
                    s.consecutive_failures = 0;
                }
                Err(error) => {
                    let unauthorized = matches!(error, ApiError::Unauthorized { .. });
                    s.key_refused |= unauthorized;
                    s.consecutive_failures = if unauthorized { 0 } else { s.consecutive_failures + 1 };
                    s.last_error = Some(IpcError::from(error));
                }
            }
        });
    }
}

/// One answer to `GET /credits`, as the monitor evaluates it.
pub type Outcome = Result<Credits, ApiError>;

struct Wait {
    delay: Duration,
    retry_after: Option<Duration>,
}

/// `initial × 2^(failures−1)`, capped at the poll interval, minus up to `jitter` of itself.
pub fn backoff_delay(config: &MonitorConfig, failures: u32, interval: Duration) -> Duration {
    let doublings = failures.saturating_sub(1).min(20);
    let base = config.initial_backoff.saturating_mul(1 << doublings).min(interval);
    let jitter = config.backoff_jitter.clamp(0.0, 1.0);
    if jitter == 0.0 {
        return base;
    }
    base.mul_f64(1.0 - jitter * rand::thread_rng().gen::<f64>())
}

/// Controls a running monitor. Dropping it stops the monitor (mid-poll if need be).
pub struct MonitorHandle {
    settings: Option<watch::Sender<MonitorSettings>>,
    refresh: Arc<Notify>,
    /// Answers others got; the task evaluates the latest (bursts coalesce: the newest is true).
    observed: watch::Sender<Option<Outcome>>,
    status: watch::Receiver<MonitorStatus>,
    task: Option<JoinHandle<()>>,
}

impl MonitorHandle {
    /// The polling task ended on its own (a panic): the owner should start a new monitor.
    pub fn has_ended(&self) -> bool {
        self.task.as_ref().is_some_and(|task| task.is_finished())
    }

    /// Poll as soon as allowed (window focus, "Refresh now"). Never waits; repeated calls before
    /// the poll coalesce into one.
    pub fn refresh_now(&self) {
        self.refresh.notify_one();
    }

    /// An answer to `GET /credits` that someone else asked for (the window's Refresh, a stale
    /// figure): the monitor evaluates it as it does its own polls (the tray figure, the low,
    /// zero and revoked notices) and, for a balance, counts it as a poll for the schedule.
    /// Never waits. Evaluating an answer twice sends nothing twice: the alert rules only notify
    /// on a change of state.
    pub fn observe(&self, outcome: Outcome) {
        self.observed.send_replace(Some(outcome));
    }

    /// Applies new settings at once: a new interval reschedules the next poll, a new threshold
    /// triggers a poll, a new name or the notifications switch apply to the next notice.
    pub fn update_settings(&self, settings: MonitorSettings) {
        if let Some(sender) = &self.settings {
            sender.send_if_modified(|current| {
                let changed = *current != settings;
                *current = settings;
                changed
            });
        }
    }

    pub fn settings(&self) -> MonitorSettings {
        self.settings.as_ref().map(|s| s.borrow().clone()).expect("settings sender lives as long as the handle")
    }

    /// The latest status; `changed().await` on the receiver wakes on every update.
    pub fn subscribe(&self) -> watch::Receiver<MonitorStatus> {
        self.status.clone()
    }

    pub fn status(&self) -> MonitorStatus {
        self.status.borrow().clone()
    }

    pub fn profile_id(&self) -> String {
        self.status.borrow().profile_id.clone()
    }

    /// Stops after the poll in progress (if any) has finished and its state is saved.
    pub async fn shutdown(mut self) {
        self.settings.take();
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for MonitorHandle {
    fn drop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }
}

/// `from + wait`, never panicking: an instant past the clock's range is a wait of an hour.
fn later(from: Instant, wait: Duration) -> Instant {
    from.checked_add(wait).unwrap_or_else(|| from + zexa_api::MAX_RETRY_AFTER)
}
