//! The data a sandbox starts with.

use std::time::{Duration, SystemTime};

use zexa_api::contract::Role;
use zexa_api::Decimal;

use crate::state::{new_id, AccountRecord, Data, SessionRecord, TwoFactorRecord};

/// The demo account's password, published so password change can be demonstrated.
pub const DEMO_PASSWORD: &str = "Sandbox#2026";
pub const DEMO_EMAIL: &str = "admin@demo.zexa.ao";
pub const DEMO_NAME: &str = "Demo Admin";
/// The name of the key the sandbox hands out at start.
pub const ADMIN_KEY_NAME: &str = "Zexa Desktop (sandbox)";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Seed {
    /// An Admin with 4250 USD, three named keys besides the handed-out one, and four sessions.
    #[default]
    Demo,
    /// An Admin with 0 USD, only the handed-out key, and no sessions.
    Empty,
}

impl std::str::FromStr for Seed {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "demo" => Ok(Seed::Demo),
            "empty" => Ok(Seed::Empty),
            other => Err(format!("unknown seed {other:?}: use demo or empty")),
        }
    }
}

pub fn new_account(name: &str, email: &str, role: Role, credits: Decimal, password: &str) -> AccountRecord {
    let mut account = AccountRecord {
        id: new_id("acc"),
        name: name.to_owned(),
        email: email.to_owned(),
        role,
        credits,
        currency: "USD".to_owned(),
        password_salt: [0; 16],
        password_hash: [0; 32],
        two_factor: TwoFactorRecord::default(),
        rate_window: None,
        spending: None,
    };
    account.set_password(password);
    account
}

/// Builds the seed and returns it with the full secret of the handed-out admin key.
pub fn build(seed: Seed, now: SystemTime) -> (Data, String) {
    let ago = |secs: u64| now - Duration::from_secs(secs);
    const MINUTE: u64 = 60;
    const HOUR: u64 = 60 * MINUTE;
    const DAY: u64 = 24 * HOUR;
    let credits = match seed {
        Seed::Demo => Decimal::from(4250),
        Seed::Empty => Decimal::ZERO,
    };
    let account = new_account(DEMO_NAME, DEMO_EMAIL, Role::Admin, credits, DEMO_PASSWORD);
    let account_id = account.id.clone();
    let mut data = Data { primary_account_id: account_id.clone(), ..Data::default() };
    data.accounts.push(account);
    if seed == Seed::Demo {
        let named = [
            ("Production server", 120 * DAY, Some(2 * MINUTE)),
            ("Staging", 60 * DAY, Some(3 * DAY)),
            ("CI pipeline", 30 * DAY, None),
        ];
        for (name, created, used) in named {
            data.issue_key(&account_id, name, ago(created));
            if let Some(key) = data.keys.last_mut() {
                key.last_used_at = used.map(ago);
            }
        }
        let sessions = [
            ("MacBook Pro · Safari 17", "Luanda, Angola", "198.51.100.23", 14 * DAY, 2 * MINUTE),
            ("iPhone 15 · Zexa app", "Lisbon, Portugal", "203.0.113.45", 40 * DAY, 3 * HOUR),
            ("Windows 11 · Chrome 126", "Benguela, Angola", "192.0.2.77", 9 * DAY, 2 * DAY),
            ("Ubuntu 24.04 · Firefox 127", "São Paulo, Brazil", "198.51.100.190", 21 * DAY, 9 * DAY),
        ];
        for (device, location, ip, created, active) in sessions {
            data.sessions.push(SessionRecord {
                id: new_id("ses"),
                account_id: account_id.clone(),
                device: device.to_owned(),
                location: location.to_owned(),
                ip: ip.to_owned(),
                created_at: ago(created),
                last_active_at: ago(active),
            });
        }
    }
    let (secret, _) = data.issue_key(&account_id, ADMIN_KEY_NAME, now);
    (data, secret)
}
