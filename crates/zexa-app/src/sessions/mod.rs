//! Sign-in sessions of the account: the list with its hints, one-click revoke, *Sign out
//! everywhere*, and the new-sign-in alerts the background watch raises. Rules in [`rules`],
//! what was seen in [`seen`], the background check in [`watch`].

pub mod rules;
pub mod seen;
pub mod service;
mod watch;

use serde::Serialize;
use specta::Type;
use zexa_api::contract::Session;
use zexa_core::error::IpcError;

pub use rules::SessionHint;
pub use seen::{SeenSessions, SEEN_SESSIONS_FILE};

/// The session feature's own state: what was seen, and the sign-in watch's.
pub(crate) struct SessionsState {
    pub(crate) seen: SeenSessions,
    pub(crate) watch: SessionWatch,
}

impl SessionsState {
    pub(crate) fn open(data_dir: Option<&std::path::Path>) -> Self {
        Self { seen: SeenSessions::open(data_dir.map(|dir| dir.join(SEEN_SESSIONS_FILE))), watch: Default::default() }
    }
}
pub(crate) use watch::SessionWatch;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SessionRow {
    pub session: Session,
    pub hints: Vec<SessionHint>,
}

/// The limits the hints use, for the UI to name them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct SessionRuleLimits {
    pub inactive_after_days: u32,
    pub new_within_hours: u32,
}

pub const SESSION_RULE_LIMITS: SessionRuleLimits = SessionRuleLimits {
    inactive_after_days: rules::INACTIVE_AFTER_DAYS as u32,
    new_within_hours: rules::NEW_WITHIN_HOURS as u32,
};

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SessionList {
    pub profile_id: String,
    pub limits: SessionRuleLimits,
    /// Most recently active first.
    pub sessions: Vec<SessionRow>,
    pub fetched_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RevokedSession {
    pub session_id: String,
    /// It had ended already (`404`): counted as signed out.
    pub already_gone: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SessionFailure {
    pub session: Session,
    pub error: IpcError,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct SignOutReport {
    pub signed_out: u32,
    pub failed: Vec<SessionFailure>,
}
