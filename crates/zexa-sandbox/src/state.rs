//! The sandbox's accounts, keys, sessions and 2FA state, and its injectable clock.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rand::distributions::{Alphanumeric, DistString};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::{Digest, Sha256};
use zexa_api::contract::Role;
use zexa_api::Decimal;

use crate::faults::FaultStore;
use crate::RateLimit;

/// Where the sandbox gets the time, so tests can move it (setup expiry, lock-outs, TOTP steps).
pub trait Clock: Send + Sync {
    fn now(&self) -> SystemTime;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that only moves when told to.
pub struct ManualClock(Mutex<SystemTime>);

impl ManualClock {
    pub fn new(start: SystemTime) -> Self {
        Self(Mutex::new(start))
    }

    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) += by;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> SystemTime {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

pub type Hash = [u8; 32];

pub fn sha256(parts: &[&[u8]]) -> Hash {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    hasher.finalize().into()
}

pub fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// `prefix_` + 16 random lowercase letters and digits.
pub fn new_id(prefix: &str) -> String {
    let random = Alphanumeric.sample_string(&mut OsRng, 16).to_ascii_lowercase();
    format!("{prefix}_{random}")
}

pub fn unix_secs(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

pub fn iso8601(time: SystemTime) -> String {
    let secs = unix_secs(time) as i64;
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_owned())
}

pub struct AccountRecord {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub credits: Decimal,
    pub currency: String,
    pub password_salt: [u8; 16],
    pub password_hash: Hash,
    pub two_factor: TwoFactorRecord,
    pub rate_window: Option<(SystemTime, u32)>,
    /// Simulated steady spending, so a demo shows the runway: credits a minute since a time.
    pub spending: Option<Spending>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Spending {
    pub per_minute: Decimal,
    pub since: SystemTime,
}

impl AccountRecord {
    /// Applies the simulated spending up to `now` (never below zero, in half credits as the
    /// cheapest messages cost). Called before the balance is read or changed.
    pub fn settle(&mut self, now: SystemTime) {
        let Some(spending) = self.spending else { return };
        let Ok(elapsed) = now.duration_since(spending.since) else { return };
        // Multiplied before dividing, so whole minutes give exact amounts.
        let halves = spending.per_minute * Decimal::from(elapsed.as_secs()) * Decimal::from(2) / Decimal::from(60);
        let spent = halves.floor() / Decimal::from(2);
        if spent <= Decimal::ZERO {
            return;
        }
        self.credits = (self.credits - spent).max(Decimal::ZERO);
        // Only whole half credits are taken; the rest of the time carries over.
        let taken_secs: f64 = (spent / spending.per_minute * Decimal::from(60)).to_string().parse().unwrap_or(0.0);
        let taken = Duration::from_secs_f64(taken_secs.clamp(0.0, elapsed.as_secs_f64()));
        self.spending = Some(Spending { since: spending.since + taken, ..spending });
    }

    pub fn set_password(&mut self, password: &str) {
        OsRng.fill_bytes(&mut self.password_salt);
        self.password_hash = sha256(&[&self.password_salt, password.as_bytes()]);
    }

    pub fn password_matches(&self, password: &str) -> bool {
        constant_time_eq(&sha256(&[&self.password_salt, password.as_bytes()]), &self.password_hash)
    }
}

#[derive(Default)]
pub struct TwoFactorRecord {
    pub secret: Option<Vec<u8>>,
    pub enabled_at: Option<SystemTime>,
    pub pending: Option<PendingSetup>,
    /// The last accepted TOTP step: that step and earlier ones are replays.
    pub last_used_step: Option<u64>,
    /// Hashes of unused backup codes; a used one is removed.
    pub backup_code_hashes: Vec<Hash>,
    pub wrong_codes: u32,
    pub locked_until: Option<SystemTime>,
}

pub struct PendingSetup {
    pub secret: Vec<u8>,
    pub expires_at: SystemTime,
}

pub struct KeyRecord {
    pub id: String,
    pub account_id: String,
    pub name: String,
    pub prefix: String,
    pub hash: Hash,
    pub created_at: SystemTime,
    pub last_used_at: Option<SystemTime>,
    pub revoked_at: Option<SystemTime>,
}

#[derive(Clone)]
pub struct SessionRecord {
    pub id: String,
    pub account_id: String,
    pub device: String,
    pub location: String,
    pub ip: String,
    pub created_at: SystemTime,
    pub last_active_at: SystemTime,
}

#[derive(Default)]
pub struct Data {
    pub accounts: Vec<AccountRecord>,
    pub keys: Vec<KeyRecord>,
    pub sessions: Vec<SessionRecord>,
    pub primary_account_id: String,
}

impl Data {
    pub fn account(&self, id: &str) -> Option<&AccountRecord> {
        self.accounts.iter().find(|a| a.id == id)
    }

    pub fn account_mut(&mut self, id: &str) -> Option<&mut AccountRecord> {
        self.accounts.iter_mut().find(|a| a.id == id)
    }

    /// Issues a key: only its SHA-256 is kept; the full key is returned this once.
    pub fn issue_key(&mut self, account_id: &str, name: &str, created_at: SystemTime) -> (String, &KeyRecord) {
        let secret = format!("zx_test_{}", Alphanumeric.sample_string(&mut OsRng, 40));
        self.keys.push(KeyRecord {
            id: new_id("key"),
            account_id: account_id.to_owned(),
            name: name.to_owned(),
            prefix: secret[..12].to_owned(),
            hash: sha256(&[secret.as_bytes()]),
            created_at,
            last_used_at: None,
            revoked_at: None,
        });
        let record = self.keys.last().expect("just pushed");
        (secret, record)
    }
}

/// Everything the handlers share.
#[derive(Clone)]
pub struct ServerState {
    pub data: Arc<Mutex<Data>>,
    pub faults: Arc<FaultStore>,
    pub clock: Arc<dyn Clock>,
    /// Added to `clock` by `POST /_sandbox/clock`, so e2e tests can move time over HTTP.
    pub clock_offset_secs: Arc<AtomicU64>,
    pub rate_limit: Option<RateLimit>,
    pub connections: Arc<crate::server::ConnectionCounters>,
    /// `METHOD /path` of the requests that passed the `Host` guard, as the server saw them (the
    /// raw path, before routing), bounded: lets tests prove what a client really asked for.
    pub requests: Arc<crate::request_log::RequestLog>,
}

impl ServerState {
    pub fn now(&self) -> SystemTime {
        let base = self.clock.now();
        // The offset is bounded by the admin route; checked all the same, so no handler panics.
        base.checked_add(Duration::from_secs(self.clock_offset_secs.load(Ordering::SeqCst))).unwrap_or(base)
    }

    pub fn lock(&self) -> MutexGuard<'_, Data> {
        // A handler that panicked mid-update must not take the whole sandbox down with it.
        self.data.lock().unwrap_or_else(|e| e.into_inner())
    }
}
