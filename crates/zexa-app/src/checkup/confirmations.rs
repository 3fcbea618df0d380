//! What the user confirmed they checked on the Zexa dashboard ("I checked: two-factor is on"),
//! per profile, with the date: a small state file beside the others
//! (`checkup-confirmations.json`). A confirmation counts as checked for
//! [`CONFIRMATION_VALID_DAYS`](super::CONFIRMATION_VALID_DAYS), then the entry is asked again
//! (its date is kept, so the window can say when it was last checked). Losing the file costs
//! only the question again.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use specta::Type;
use time::OffsetDateTime;
use zexa_core::state_file::StateFile;

use super::{rfc3339, DashboardCheck, CONFIRMATION_VALID_DAYS};
use crate::sync::lock;

pub const CONFIRMATIONS_FILE: &str = "checkup-confirmations.json";
const CONFIRMATIONS_VERSION: u32 = 1;

/// An entry of "Check these on the Zexa dashboard".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConfirmItem {
    /// Two-factor authentication is on.
    TwoFactorOn,
    /// Backup codes are saved somewhere safe.
    BackupCodes,
    /// No API key is old or unused.
    ApiKeys,
    /// Every active session is recognised.
    Sessions,
}

/// The dashboard entry for `item`, confirmed at `confirmed_at` (unix seconds) if ever.
pub fn dashboard_check(item: ConfirmItem, confirmed_at: Option<&i64>, now: OffsetDateTime) -> DashboardCheck {
    let at = confirmed_at.and_then(|at| OffsetDateTime::from_unix_timestamp(*at).ok());
    let until = at.map(|at| at + time::Duration::days(CONFIRMATION_VALID_DAYS));
    // A date in the future (a clock set back since) still counts: the user did check it.
    let confirmed = until.is_some_and(|until| now < until);
    DashboardCheck {
        item,
        confirmed_at: at.map(rfc3339),
        confirmed,
        ask_again_at: until.filter(|_| confirmed).map(rfc3339),
    }
}

type Stored = BTreeMap<String, BTreeMap<ConfirmItem, i64>>;

/// Every profile's confirmations, kept across restarts.
pub struct Confirmations {
    file: StateFile<Stored>,
    known: Mutex<Stored>,
}

impl Confirmations {
    pub fn open(path: Option<std::path::PathBuf>) -> Self {
        let file = StateFile::new(path, CONFIRMATIONS_VERSION);
        let known = Mutex::new(file.load());
        Self { file, known }
    }

    pub fn for_profile(&self, profile_id: &str) -> BTreeMap<ConfirmItem, i64> {
        lock(&self.known).get(profile_id).cloned().unwrap_or_default()
    }

    /// "I checked": noted now (a repeated confirmation renews the date).
    pub fn confirm(&self, profile_id: &str, item: ConfirmItem, now: OffsetDateTime) {
        let mut known = lock(&self.known);
        known.entry(profile_id.to_owned()).or_default().insert(item, now.unix_timestamp());
        self.save(&known);
    }

    /// The user takes a confirmation back: the entry is asked again.
    pub fn unconfirm(&self, profile_id: &str, item: ConfirmItem) {
        let mut known = lock(&self.known);
        let Some(items) = known.get_mut(profile_id) else { return };
        if items.remove(&item).is_some() {
            if items.is_empty() {
                known.remove(profile_id);
            }
            self.save(&known);
        }
    }

    fn save(&self, known: &Stored) {
        if let Err(error) = self.file.save(known) {
            tracing::warn!(%error, "checkup confirmations not saved");
        }
    }
}

impl crate::profiles::ProfileScoped for Confirmations {
    fn forget_profile(&self, profile_id: &str) {
        let mut known = lock(&self.known);
        if known.remove(profile_id).is_some() {
            self.save(&known);
        }
    }
}
