//! The monitor's inputs and outputs: user settings, timings, and the status it publishes.

use std::time::{Duration, SystemTime};

use zexa_api::Decimal;
use zexa_core::error::IpcError;
use zexa_core::settings::{GeneralSettings, Profile, POLL_MINUTES_RANGE};

use crate::alert::{is_empty, is_low};

/// What the user controls, per profile; change it live with [`crate::MonitorHandle::update_settings`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonitorSettings {
    pub profile_name: String,
    /// Whole credits; below it the balance is "low".
    pub low_credit_threshold: u32,
    /// Clamped to 1–60 when used.
    pub poll_interval_minutes: u32,
    /// Off: nothing is shown, but the alert state still advances, so turning notifications back
    /// on does not replay what happened meanwhile.
    pub notifications_enabled: bool,
}

impl MonitorSettings {
    pub fn for_profile(profile: &Profile, general: &GeneralSettings) -> Self {
        Self {
            profile_name: profile.name.clone(),
            low_credit_threshold: profile.low_credit_threshold,
            poll_interval_minutes: general.poll_interval_minutes,
            notifications_enabled: general.notifications_enabled,
        }
    }

    pub fn poll_interval(&self) -> Duration {
        let minutes = self.poll_interval_minutes.clamp(*POLL_MINUTES_RANGE.start(), *POLL_MINUTES_RANGE.end());
        Duration::from_secs(u64::from(minutes) * 60)
    }
}

/// Timings that are not user settings. The defaults suit the app; tests shorten them.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitorConfig {
    /// First wait after a failed poll; doubles per consecutive failure, capped at the interval.
    pub initial_backoff: Duration,
    /// Each back-off wait is shortened by a random part of up to this fraction (0.0–1.0), so
    /// many desktops behind one outage do not retry in lockstep.
    pub backoff_jitter: f64,
    /// Focus events can arrive in bursts: a refresh this soon after the last poll started waits
    /// for the gap to pass (the requests coalesce into one).
    pub min_refresh_gap: Duration,
    /// Backstop on one poll; the client's own deadline normally ends it first.
    pub poll_timeout: Duration,
    /// How long one notification may take to be handed to the system.
    pub notify_timeout: Duration,
}

impl Default for MonitorConfig {
    fn default() -> Self {
        Self {
            initial_backoff: Duration::from_secs(30),
            backoff_jitter: 0.2,
            min_refresh_gap: Duration::from_secs(5),
            poll_timeout: Duration::from_secs(60),
            notify_timeout: Duration::from_secs(10),
        }
    }
}

/// The last good balance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceReading {
    pub credits: Decimal,
    pub currency: String,
    pub fetched_at: SystemTime,
}

/// How the tray and the UI should present the profile right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BalanceLevel {
    /// No balance yet (first poll pending or failed).
    Unknown,
    Normal,
    Low,
    /// At or below zero: sending is paused.
    Empty,
    KeyRefused,
}

/// Published after every poll (and when settings change) on a `watch` channel.
#[derive(Debug, Clone, PartialEq)]
pub struct MonitorStatus {
    pub profile_id: String,
    pub profile_name: String,
    pub threshold: u32,
    /// Completed polls; increases by one per poll, so a subscriber can tell a new outcome from
    /// a settings update.
    pub polls: u64,
    /// Kept through later failures, so the tray can still show it (with `last_error` set).
    pub balance: Option<BalanceReading>,
    /// The latest poll's error; `None` when it succeeded.
    pub last_error: Option<IpcError>,
    /// The latest definitive answer was `401` (a network error does not clear it).
    pub key_refused: bool,
    pub consecutive_failures: u32,
}

impl MonitorStatus {
    pub(crate) fn new(profile_id: String, settings: &MonitorSettings) -> Self {
        Self {
            profile_id,
            profile_name: settings.profile_name.clone(),
            threshold: settings.low_credit_threshold,
            polls: 0,
            balance: None,
            last_error: None,
            key_refused: false,
            consecutive_failures: 0,
        }
    }

    pub fn level(&self) -> BalanceLevel {
        match (&self.balance, self.key_refused) {
            (_, true) => BalanceLevel::KeyRefused,
            (None, false) => BalanceLevel::Unknown,
            (Some(b), false) if is_empty(b.credits) => BalanceLevel::Empty,
            (Some(b), false) if is_low(b.credits, self.threshold) => BalanceLevel::Low,
            (Some(_), false) => BalanceLevel::Normal,
        }
    }
}
