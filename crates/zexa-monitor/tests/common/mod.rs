//! Test doubles for the seams the monitor owns: a scripted balance source and a recording
//! notifier. The D-Bus test uses the real ones instead.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::str::FromStr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::watch;
use tokio::time::Instant;
use zexa_api::contract::Credits;
use zexa_api::{ApiError, Decimal};
use zexa_monitor::{MonitorConfig, MonitorSettings, MonitorStatus, NoticeKind, NoticeMessage, Notifier, NotifyFuture};

pub type Answer = Result<Credits, ApiError>;

pub fn credits(text: &str) -> Answer {
    Ok(Credits { credits: Decimal::from_str(text).unwrap(), currency: "USD".into() })
}

pub fn server_error() -> Answer {
    Err(ApiError::Server { status: 500, request_id: None })
}

pub fn unauthorized() -> Answer {
    Err(ApiError::Unauthorized { request_id: None })
}

pub fn rate_limited(secs: u64) -> Answer {
    Err(ApiError::RateLimited { retry_after: Some(Duration::from_secs(secs)), request_id: None })
}

/// Answers `next` once each (in order), then `steady` forever; records when it was called.
pub struct ScriptedSource {
    next: Mutex<VecDeque<Answer>>,
    steady: Mutex<Answer>,
    calls: Mutex<Vec<Instant>>,
    hang: Mutex<bool>,
}

impl ScriptedSource {
    pub fn new(steady: Answer) -> Arc<Self> {
        Arc::new(Self {
            next: Mutex::default(),
            steady: Mutex::new(steady),
            calls: Mutex::default(),
            hang: Mutex::new(false),
        })
    }

    pub fn set(&self, steady: Answer) {
        *self.steady.lock().unwrap() = steady;
    }

    pub fn then(&self, answer: Answer) {
        self.next.lock().unwrap().push_back(answer);
    }

    pub fn hang(&self, hang: bool) {
        *self.hang.lock().unwrap() = hang;
    }

    pub fn calls(&self) -> Vec<Instant> {
        self.calls.lock().unwrap().clone()
    }

    /// Call times in whole seconds after `start`.
    pub fn call_secs(&self, start: Instant) -> Vec<u64> {
        self.calls().iter().map(|t| t.duration_since(start).as_secs()).collect()
    }
}

impl zexa_monitor::CreditSource for ScriptedSource {
    async fn credits(&self) -> Answer {
        self.calls.lock().unwrap().push(Instant::now());
        if *self.hang.lock().unwrap() {
            std::future::pending::<()>().await;
        }
        let next = self.next.lock().unwrap().pop_front();
        next.unwrap_or_else(|| self.steady.lock().unwrap().clone())
    }
}

#[derive(Default)]
pub struct RecordingNotifier {
    pub sent: Mutex<Vec<NoticeMessage>>,
}

impl RecordingNotifier {
    pub fn kinds(&self) -> Vec<NoticeKind> {
        self.sent.lock().unwrap().iter().map(|m| m.notice.kind()).collect()
    }
}

impl Notifier for RecordingNotifier {
    fn notify<'a>(&'a self, message: &'a NoticeMessage) -> NotifyFuture<'a> {
        self.sent.lock().unwrap().push(message.clone());
        Box::pin(async { Ok(()) })
    }
}

pub fn settings() -> MonitorSettings {
    MonitorSettings {
        profile_name: "Production".into(),
        low_credit_threshold: 500,
        poll_interval_minutes: 5,
        notifications_enabled: true,
    }
}

/// No jitter, so back-off waits are exact.
pub fn exact_config() -> MonitorConfig {
    MonitorConfig { backoff_jitter: 0.0, ..MonitorConfig::default() }
}

/// Waits (in virtual time, auto-advanced) until `polls` polls have completed.
pub async fn wait_polls(rx: &mut watch::Receiver<MonitorStatus>, polls: u64) -> MonitorStatus {
    let waited = tokio::time::timeout(Duration::from_secs(7 * 24 * 3600), rx.wait_for(|s| s.polls >= polls)).await;
    waited.expect("poll did not happen within a virtual week").expect("monitor stopped").clone()
}
