//! The credit monitor of the active profile: (re)started whenever the active profile, its key
//! or its settings change, with its status republished for the tray and fed back into the
//! connection state (a key found revoked in the background shows in the window too).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};

use tokio::sync::watch;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_monitor::{AlertStore, CreditMonitor, MonitorHandle, MonitorSettings, MonitorStatus, Notifier, Outcome};

use crate::containment::{restart_delay, FaultPoint};
use crate::profiles::balance::{Asker, POLL_REUSES_FOR};
use crate::service::AppService;
use crate::sync::lock;
use crate::view::ConnectionState;

pub(crate) struct Monitoring {
    pub(crate) notifier: Arc<dyn Notifier>,
    store: Arc<AlertStore>,
    current: Mutex<Option<MonitorHandle>>,
    /// Restarts run one at a time, so the last request decides which profile is watched.
    restarting: tokio::sync::Mutex<()>,
    status: watch::Sender<Option<MonitorStatus>>,
    /// Restarts after the monitor died in a row; a successful poll resets it.
    crashes: std::sync::atomic::AtomicU32,
    /// Each monitor started, numbered, for the `credit-monitor` job to follow (see `jobs`).
    started: watch::Sender<Option<(u64, watch::Receiver<MonitorStatus>)>>,
}

impl Monitoring {
    pub(crate) fn new(notifier: Arc<dyn Notifier>, store: Arc<AlertStore>) -> Self {
        Self {
            notifier,
            store,
            current: Mutex::default(),
            restarting: tokio::sync::Mutex::default(),
            status: watch::Sender::new(None),
            crashes: Default::default(),
            started: watch::Sender::new(None),
        }
    }
}

impl AppService {
    /// The active profile's monitor status after every poll or settings change; `None` while
    /// no profile is monitored.
    pub fn subscribe_monitor(&self) -> watch::Receiver<Option<MonitorStatus>> {
        self.monitoring.status.subscribe()
    }

    /// "Refresh now" and window focus: poll at once (the monitor coalesces bursts).
    pub fn refresh_now(&self) {
        if let Some(monitor) = lock(&self.monitoring.current).as_ref() {
            monitor.refresh_now();
        }
    }

    /// An answer the window got for `profile_id`: the monitor watching that profile evaluates
    /// it as one of its own polls (tray, low, zero and revoked notices). Without a monitor (not
    /// started yet, or restarting after a failure) there is nothing to hand it to; the new
    /// monitor's first poll comes at once.
    pub(crate) fn hand_to_monitor(&self, profile_id: &str, outcome: &Outcome) {
        if let Some(monitor) = lock(&self.monitoring.current).as_ref() {
            if monitor.profile_id() == profile_id {
                monitor.observe(outcome.clone());
            }
        }
    }

    /// The monitor watching `profile_id` has not finished its first poll, which it makes as
    /// soon as it starts: a figure is on its way, and asking for another would ask twice.
    pub(crate) fn first_poll_pending(&self, profile_id: &str) -> bool {
        lock(&self.monitoring.current).as_ref().is_some_and(|m| m.profile_id() == profile_id && m.status().polls == 0)
    }

    /// Starts watching the active profile in the background, replacing any earlier monitor.
    pub fn restart_monitor(&self) {
        let Some(me) = self.me.upgrade() else { return };
        self.runtime.spawn(async move { me.restart_monitor_now().await });
    }

    pub async fn restart_monitor_now(&self) {
        let _turn = self.monitoring.restarting.lock().await;
        let previous = lock(&self.monitoring.current).take();
        if let Some(previous) = previous {
            previous.shutdown().await;
        }
        let Ok(profile) = self.active_profile() else {
            self.monitoring.status.send_replace(None);
            return;
        };
        let client = match self.client_for(&profile).await {
            Ok(client) => client,
            Err(error) => {
                // Shown in the window by the next balance call; the tray says it is unavailable.
                tracing::warn!(profile = %profile.id, %error, "credit monitor not started");
                self.note_key_not_sent(&error);
                self.monitoring.status.send_replace(None);
                return;
            }
        };
        let settings = MonitorSettings::for_profile(&profile, &self.general_settings());
        let source = MonitoredSource {
            client,
            profile_id: profile.id.clone(),
            service: self.me.clone(),
            asked: AtomicBool::new(false),
        };
        let monitor =
            CreditMonitor::new(&profile.id, source, self.monitoring.notifier.clone(), self.monitoring.store.clone())
                .spawn_on(&self.runtime, settings);
        let updates = monitor.subscribe();
        *lock(&self.monitoring.current) = Some(monitor);
        self.monitoring.started.send_modify(|started| {
            let number = started.as_ref().map_or(0, |(n, _)| n + 1);
            *started = Some((number, updates));
        });
        self.start_job(Arc::new(crate::jobs::CreditMonitorJob));
        tracing::info!(profile = %profile.id, "credit monitor started");
    }

    /// The monitors started from now on, for the `credit-monitor` job.
    pub(crate) fn started_monitors(&self) -> watch::Receiver<Option<(u64, watch::Receiver<MonitorStatus>)>> {
        self.monitoring.started.subscribe()
    }

    /// One status of the monitor, as the job forwards it: logged when it is a new poll, fed
    /// back into the connection state, republished for the tray.
    pub(crate) fn publish_monitor_status(&self, status: MonitorStatus, new_poll: bool) {
        if new_poll {
            tracing::info!(profile = %status.profile_id, polls = status.polls, ok = status.last_error.is_none(), "credit poll");
            // (The balance history is recorded by whoever made the request: `credits_of`.)
            if status.last_error.is_none() {
                self.monitoring.crashes.store(0, Ordering::SeqCst);
            }
        }
        self.note_monitor_status(&status);
        self.monitoring.status.send_replace(Some(status));
    }

    /// The current monitor's task ended without being asked to (a panic)?
    pub(crate) fn monitor_died(&self) -> bool {
        lock(&self.monitoring.current).as_ref().is_some_and(|monitor| monitor.has_ended())
    }

    /// After the monitor died: the back-off before starting a new one, growing while it keeps
    /// dying.
    pub(crate) fn monitor_restart_delay(&self) -> std::time::Duration {
        let crashes = self.monitoring.crashes.fetch_add(1, Ordering::SeqCst);
        let delay = restart_delay(crashes);
        tracing::error!(?delay, crashes = crashes + 1, "the credit monitor stopped unexpectedly; restarting it");
        delay
    }

    /// A key that cannot be sent (bound to another server, unreadable) leaves nothing to check:
    /// the connection says so, not "Checking…", until Replace key stores one that can be.
    pub(crate) fn note_key_not_sent(&self, error: &IpcError) {
        if matches!(error.code, ErrorCode::KeyBoundElsewhere | ErrorCode::KeyUnreadable) {
            self.set_connection(ConnectionState::KeyNotSent);
        }
    }

    fn note_monitor_status(&self, status: &MonitorStatus) {
        let active = self.active_profile().map(|p| p.id).ok();
        if status.polls == 0 || active.as_deref() != Some(status.profile_id.as_str()) {
            return;
        }
        let state = match (&status.last_error, status.key_refused) {
            (_, true) => ConnectionState::Unauthorized,
            (Some(IpcError { code: ErrorCode::Network | ErrorCode::Timeout, .. }), _) => ConnectionState::Offline,
            _ => ConnectionState::Online,
        };
        self.set_connection(state);
    }

    /// Passes changed thresholds, interval or notification choice to the running monitor.
    pub(crate) fn update_monitor_settings(&self) {
        let Ok(profile) = self.active_profile() else { return };
        if let Some(monitor) = lock(&self.monitoring.current).as_ref() {
            if monitor.profile_id() == profile.id {
                monitor.update_settings(MonitorSettings::for_profile(&profile, &self.general_settings()));
            }
        }
    }
}

impl crate::profiles::ProfileScoped for Monitoring {
    fn forget_profile(&self, profile_id: &str) {
        if let Err(error) = self.store.forget(profile_id) {
            tracing::warn!(profile = %profile_id, %error, "alert state of a removed profile not cleared");
        }
    }
}

/// The monitor's balance source: the profile's client, shared with the window (a poll right
/// after the window fetched reuses that answer), with the test-only fault point.
struct MonitoredSource {
    /// The client the monitor started with: used only when the profile's cannot be had.
    client: zexa_api::Client,
    profile_id: String,
    service: Weak<AppService>,
    /// The last poll asked the server itself, so its answer is this poll's to record.
    asked: AtomicBool,
}

impl MonitoredSource {
    /// One poll: an answer at most `max_age` old, shared with the window.
    async fn poll(&self, max_age: std::time::Duration) -> Result<zexa_api::contract::Credits, zexa_api::ApiError> {
        self.asked.store(false, Ordering::SeqCst);
        let Some(service) = self.service.upgrade() else { return self.client.credits().await };
        service.fault_point(FaultPoint::Monitor);
        match service.profile(&self.profile_id) {
            Ok(profile) => {
                // The profile's client of the moment, the one the window asks through: a client
                // kept from the monitor's start would keep answers of its own once the profile's
                // is renewed (a sandbox restart, a spike), and the window would show an older
                // figure than the tray. The monitor's own is the fallback when none can be built.
                let client = service.client_for(&profile).await.unwrap_or_else(|_| self.client.clone());
                let (result, _, asked) = service.credits_of(&profile, &client, max_age, Asker::Monitor).await;
                self.asked.store(asked, Ordering::SeqCst);
                result
            }
            Err(_) => self.client.credits().await,
        }
    }
}

impl zexa_monitor::CreditSource for MonitoredSource {
    /// A scheduled poll reuses an answer the window got a moment ago.
    async fn credits(&self) -> Result<zexa_api::contract::Credits, zexa_api::ApiError> {
        self.poll(POLL_REUSES_FOR).await
    }

    /// "Refresh now" from the tray, a stale window's focus, a new threshold: asks again, as the
    /// window's Refresh does.
    async fn fresh_credits(&self) -> Result<zexa_api::contract::Credits, zexa_api::ApiError> {
        self.poll(std::time::Duration::ZERO).await
    }

    /// The history and runway of the poll's answer, once the monitor has published it and sent
    /// its notices (a failure here is contained in `follow_up_answer`).
    async fn after_poll(&self, outcome: &Outcome) {
        if !self.asked.swap(false, Ordering::SeqCst) {
            return;
        }
        let Some(service) = self.service.upgrade() else { return };
        if let Ok(profile) = service.profile(&self.profile_id) {
            let recorded = service.follow_up_answer(&profile, outcome).await;
            // The window did not ask for this figure: told, it shows it (Rust's copy, no second
            // request), so an open window never says "Updated 20 minutes ago" beside a tray
            // that polled a minute ago. One announcement for the figure and its sample: the
            // window refetches once per poll, not once for each (docs/footprint.md, idle CPU).
            use crate::events::AccountPart::{Balance, History};
            match (outcome.is_ok(), recorded) {
                (true, true) => service.announce(&profile.id, &[Balance, History]),
                (true, false) => service.announce(&profile.id, &[Balance]),
                (false, _) => {}
            }
        }
    }
}
