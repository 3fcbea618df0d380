//! What the scan keeps across restarts, in one small state file: the folders and schedule the
//! user chose, the places they ignored, the last scan's record for the checkup and the
//! fingerprints it found (to tell a new finding from one already reported), and the account's
//! key prefixes seen listed (so a key revoked since is still recognised as the account's).
//!
//! Never a secret: a fingerprint is 12 hex digits of a SHA-256, a place is a file and a line,
//! a prefix is what `GET /api-keys` lists for anyone to see.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use zexa_core::state_file::StateFile;

use super::summary::LastScan;
use super::ScanSettings;
use crate::clock::{format_timestamp, parse_timestamp};
use crate::sync::lock;

pub const SCAN_STATE_FILE: &str = "scan.json";
const SCAN_STATE_VERSION: u32 = 1;

/// An ignored copy: this secret (by fingerprint) at this place. Another secret on the same line
/// has another fingerprint, so it is not ignored (gitleaks#2239).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct IgnoredPlace {
    pub fingerprint: String,
    /// `file[!member]:line`, see [`place_key`].
    pub place: String,
}

/// The last scan that ended (finished or cancelled).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScanRecord {
    /// RFC 3339.
    pub finished_at: String,
    pub folders: u32,
    pub open_findings: u32,
    pub cancelled: bool,
    /// Fingerprints of every finding it reported, ignored or not.
    pub fingerprints: BTreeSet<String>,
}

/// An account key seen in a listing, kept after it leaves the list (revoked).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedKey {
    pub base_url: String,
    /// The profile it was listed through (for Revoke).
    pub profile_id: String,
    pub key_id: String,
    pub name: String,
    pub prefix: String,
    /// RFC 3339, when a listing first no longer had it.
    pub revoked_at: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct ScanFile {
    settings: ScanSettings,
    ignored: BTreeSet<IgnoredPlace>,
    last: Option<ScanRecord>,
    account_keys: Vec<RememberedKey>,
}

pub struct ScanStore {
    file: StateFile<ScanFile>,
    current: Mutex<ScanFile>,
}

/// The place an ignore is keyed on: the file (and zip member) and the line; the column is left
/// out so that an edit earlier on the line does not bring an ignored copy back.
pub fn place_key(place: &zexa_scan::Place) -> String {
    match &place.member {
        Some(member) => format!("{}!{member}:{}", place.file, place.line),
        None => format!("{}:{}", place.file, place.line),
    }
}

impl ScanStore {
    pub fn open(path: Option<PathBuf>) -> Self {
        let file = StateFile::new(path, SCAN_STATE_VERSION);
        let current = Mutex::new(file.load());
        Self { file, current }
    }

    pub fn settings(&self) -> ScanSettings {
        lock(&self.current).settings.clone()
    }

    pub fn set_settings(&self, settings: ScanSettings) {
        self.change(|f| f.settings = settings);
    }

    pub fn is_ignored(&self, fingerprint: &str, place: &zexa_scan::Place) -> bool {
        let key = IgnoredPlace { fingerprint: fingerprint.to_owned(), place: place_key(place) };
        lock(&self.current).ignored.contains(&key)
    }

    /// A finding is ignored when every place it was seen at is.
    pub fn finding_ignored(&self, finding: &zexa_scan::Finding) -> bool {
        !finding.places.is_empty() && finding.places.iter().all(|p| self.is_ignored(&finding.fingerprint, p))
    }

    pub fn ignore(&self, finding: &zexa_scan::Finding) {
        self.change(|f| {
            for place in &finding.places {
                f.ignored.insert(IgnoredPlace { fingerprint: finding.fingerprint.clone(), place: place_key(place) });
            }
        });
    }

    pub fn unignore(&self, finding: &zexa_scan::Finding) {
        self.change(|f| f.ignored.retain(|ignored| ignored.fingerprint != finding.fingerprint));
    }

    pub fn last(&self) -> Option<ScanRecord> {
        lock(&self.current).last.clone()
    }

    pub fn set_last(&self, record: ScanRecord) {
        self.change(|f| f.last = Some(record));
    }

    pub fn last_scan(&self) -> Option<LastScan> {
        let last = self.last()?;
        Some(LastScan {
            finished_at: parse_timestamp(&last.finished_at)?,
            open_findings: last.open_findings,
            folders: last.folders,
        })
    }

    pub fn remembered_keys(&self) -> Vec<RememberedKey> {
        lock(&self.current).account_keys.clone()
    }

    /// A listing of `base_url`'s keys through `profile_id`: listed keys are active, remembered
    /// keys of that server missing from it were revoked.
    pub fn note_listing(&self, base_url: &str, profile_id: &str, listed: &[zexa_api::contract::ApiKey], now: &str) {
        self.change(|f| {
            for key in f.account_keys.iter_mut().filter(|k| k.base_url == base_url) {
                let still = listed.iter().any(|l| l.id == key.key_id);
                if still {
                    key.revoked_at = None;
                } else if key.revoked_at.is_none() {
                    key.revoked_at = Some(now.to_owned());
                }
            }
            for listed in listed {
                if !f.account_keys.iter().any(|k| k.base_url == base_url && k.key_id == listed.id) {
                    f.account_keys.push(RememberedKey {
                        base_url: base_url.to_owned(),
                        profile_id: profile_id.to_owned(),
                        key_id: listed.id.clone(),
                        name: listed.name.clone(),
                        prefix: listed.prefix.clone(),
                        revoked_at: None,
                    });
                }
            }
        });
    }

    /// This app revoked the key (Revoke, or a rotation's last step): it is the account's, revoked.
    pub fn note_revoked(&self, base_url: &str, key_id: &str, now: time::OffsetDateTime) {
        self.change(|f| {
            for key in f.account_keys.iter_mut().filter(|k| k.base_url == base_url && k.key_id == key_id) {
                key.revoked_at.get_or_insert_with(|| format_timestamp(now));
            }
        });
    }

    pub fn forget_profile(&self, profile_id: &str) {
        self.change(|f| f.account_keys.retain(|k| k.profile_id != profile_id));
    }

    fn change(&self, edit: impl FnOnce(&mut ScanFile)) {
        let mut current = lock(&self.current);
        edit(&mut current);
        // Losing this file costs an ignore or a "new" label, never a key: logged, not fatal.
        if let Err(error) = self.file.save(&current) {
            tracing::warn!(%error, "the scan's state was not saved");
        }
    }
}

impl crate::profiles::ProfileScoped for ScanStore {
    fn forget_profile(&self, profile_id: &str) {
        ScanStore::forget_profile(self, profile_id);
    }
}
