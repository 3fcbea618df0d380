//! What changed, announced by Rust after every mutation so the window refetches only what is
//! named (never guesses). The shell forwards each `AccountChanged` to the windows (`crate::page_events`).

use serde::Serialize;
use specta::Type;

/// A part of one profile's account that a window may be showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum AccountPart {
    /// The profile itself: its name, key, thresholds.
    Profile,
    Balance,
    /// The balance history, runway and forecast.
    History,
    /// API keys and pending rotations.
    Keys,
    Sessions,
    TwoFactor,
    Password,
}

impl AccountPart {
    /// Every part: what a window that missed announcements fetches again.
    pub const ALL: [AccountPart; 7] = [
        AccountPart::Profile,
        AccountPart::Balance,
        AccountPart::History,
        AccountPart::Keys,
        AccountPart::Sessions,
        AccountPart::TwoFactor,
        AccountPart::Password,
    ];
}

/// A new part does not compile until it is listed here, and so in `AccountPart::ALL` beside it.
const _: fn(AccountPart) = |part| match part {
    AccountPart::Profile
    | AccountPart::Balance
    | AccountPart::History
    | AccountPart::Keys
    | AccountPart::Sessions
    | AccountPart::TwoFactor
    | AccountPart::Password => {}
};

/// After a change to `profile_id`'s account: the parts to fetch again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AccountChanged {
    pub profile_id: String,
    pub what: Vec<AccountPart>,
}

/// The feed of `AccountChanged`: many listeners (windows, the tray), none required.
pub(crate) struct AccountChanges {
    sender: tokio::sync::broadcast::Sender<AccountChanged>,
}

impl Default for AccountChanges {
    fn default() -> Self {
        Self { sender: tokio::sync::broadcast::channel(64).0 }
    }
}

impl AccountChanges {
    pub(crate) fn subscribe(&self) -> tokio::sync::broadcast::Receiver<AccountChanged> {
        self.sender.subscribe()
    }

    /// Announces a change; a listener that fell behind misses old news, not the app.
    pub(crate) fn announce(&self, profile_id: &str, what: &[AccountPart]) {
        let mut what = what.to_vec();
        what.sort();
        what.dedup();
        tracing::debug!(profile = %profile_id, ?what, "account changed");
        let _ = self.sender.send(AccountChanged { profile_id: profile_id.to_owned(), what });
    }
}
