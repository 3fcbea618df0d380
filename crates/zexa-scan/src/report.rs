//! The report: one finding per secret, every place it was seen, and what was not looked at.
//! Nothing here holds a whole key in a serialized field: a finding shows a fingerprint and a
//! masked form, and keeps the secret of an unknown key only behind `serde(skip)` (the window's
//! "Check if it still works" needs it).

use std::collections::HashMap;

use serde::Serialize;
use sha2::{Digest, Sha256};
use zexa_core::secret::SecretString;

use crate::matcher::Secret;
use crate::{AccountKey, KnownKey};

#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
    /// Looked past on purpose (default folders, size cap, binary files), so the user knows.
    pub skipped: Vec<Skipped>,
    /// Could not be read (permission, broken symlink, symlink loop); the scan went on.
    pub unreadable: Vec<Unreadable>,
    /// Binary files (by content) passed over; counted, not listed, as a home folder has many.
    pub binary_files: u64,
    /// Files, blobs and zip members read, and their bytes.
    pub files: u64,
    pub bytes: u64,
    pub cancelled: bool,
}

#[derive(Debug, Serialize)]
pub struct Finding {
    /// The first 12 hex digits of the key's SHA-256: tells findings apart, reveals nothing.
    pub fingerprint: String,
    /// The known prefix and the last 4 characters: `zx_live_…7c1d`.
    pub masked: String,
    pub what: What,
    pub places: Vec<Place>,
    /// Places seen beyond `Options::max_places`.
    pub more_places: u64,
    #[serde(skip)]
    secret: Option<SecretString>,
}

impl Report {
    /// Adds another scan's report (folders, then history, then shell history): one finding per
    /// secret across both, places merged.
    pub fn merge(&mut self, other: Report) {
        for finding in other.findings {
            match self.findings.iter_mut().find(|f| f.fingerprint == finding.fingerprint) {
                Some(existing) => {
                    existing.more_places += finding.more_places;
                    for place in finding.places {
                        if !existing.places.contains(&place) {
                            existing.places.push(place);
                        }
                    }
                    existing.places.sort();
                    if existing.secret.is_none() {
                        existing.secret = finding.secret;
                    }
                }
                None => self.findings.push(finding),
            }
        }
        self.skipped.extend(other.skipped);
        self.unreadable.extend(other.unreadable);
        self.binary_files += other.binary_files;
        self.files += other.files;
        self.bytes += other.bytes;
        self.cancelled |= other.cancelled;
    }
}

impl Finding {
    /// The key found, for an account or unknown key (the caller may check whether it still works);
    /// `None` for a key this computer holds.
    pub fn secret(&self) -> Option<&SecretString> {
        self.secret.as_ref()
    }

    /// Seen in a commit: only rewriting history removes it.
    pub fn in_history(&self) -> bool {
        self.places.iter().any(|place| place.commit.is_some())
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum What {
    /// A copy of a key this computer holds; the label is the caller's ("your key for profile …").
    Known { label: String },
    /// Starts with a prefix the account lists ("the account's key 'Staging'").
    Account { label: String },
    /// A key written where a key should not be, whose it is not known.
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    /// The file; for history and the staged change, its path in the repository.
    pub file: String,
    /// The member's path when the file is a zip archive.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    pub line: u64,
    pub column: u64,
    /// For history: the commit that added this content at this path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commit: Option<Commit>,
    /// For history: a later commit that deleted or changed it (it is still in history).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub removed_by: Option<Commit>,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Commit {
    pub id: String,
    /// ISO 8601, the author date.
    pub date: String,
    /// `Name <email>`.
    pub author: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: SkipReason,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SkipReason {
    /// `node_modules`, `target`, `.git/objects` (`--all-files` looks inside).
    DefaultFolder,
    TooLarge {
        size: u64,
        cap: u64,
    },
    /// A zip member this reader cannot open (encrypted, zip64, another compression method).
    Unsupported {
        detail: String,
    },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unreadable {
    pub path: String,
    pub error: String,
}

/// Collects places as the scan finds them, grouping by secret.
pub struct Accumulator<'a> {
    known: &'a [KnownKey],
    account: &'a [AccountKey],
    known_hashes: Vec<[u8; 32]>,
    max_places: usize,
    findings: HashMap<[u8; 32], Finding>,
    pub report: Report,
}

impl<'a> Accumulator<'a> {
    pub fn new(known: &'a [KnownKey], account: &'a [AccountKey], max_places: usize) -> Self {
        let known_hashes = known.iter().map(|key| hash(key.secret.expose().as_bytes())).collect();
        Self {
            known,
            account,
            known_hashes,
            max_places: max_places.max(1),
            findings: HashMap::new(),
            report: Report::default(),
        }
    }

    pub fn add(&mut self, secret: Secret, place: Place) {
        let (digest, what, token) = match secret {
            Secret::Known(index) => (self.known_hashes[index], self.known_label(index), None),
            Secret::Account(index, token) => {
                let digest = hash(&token);
                match self.known_index(&digest) {
                    Some(known) => (digest, self.known_label(known), None),
                    None => (digest, What::Account { label: self.account[index].label.clone() }, Some(token)),
                }
            }
            Secret::Unknown(token) => {
                let digest = hash(&token);
                match self.known_index(&digest) {
                    Some(known) => (digest, self.known_label(known), None),
                    None => (digest, What::Unknown, Some(token)),
                }
            }
        };
        let (max_places, known, known_hashes) = (self.max_places, self.known, &self.known_hashes);
        let finding = self.findings.entry(digest).or_insert_with(|| {
            let secret = token.map(|token| SecretString::new(String::from_utf8_lossy(&token).into_owned()));
            let masked = match (&secret, known_hashes.iter().position(|h| *h == digest)) {
                (Some(secret), _) => secret.masked(),
                (None, Some(index)) => known[index].secret.masked(),
                (None, None) => String::new(), // not reached: a finding without a token is a known key
            };
            Finding { fingerprint: fingerprint(&digest), masked, what, places: Vec::new(), more_places: 0, secret }
        });
        if finding.places.contains(&place) {
            return;
        }
        if finding.places.len() < max_places {
            finding.places.push(place);
        } else {
            finding.more_places += 1;
        }
    }

    pub fn skip(&mut self, path: String, reason: SkipReason) {
        self.report.skipped.push(Skipped { path, reason });
    }

    pub fn unreadable(&mut self, path: String, error: String) {
        self.report.unreadable.push(Unreadable { path, error });
    }

    /// The report, in a stable order: most certain findings first, then by first place.
    pub fn finish(self, files: u64, bytes: u64, cancelled: bool) -> Report {
        let mut report = self.report;
        report.findings = self.findings.into_values().collect();
        for finding in &mut report.findings {
            finding.places.sort();
        }
        report.findings.sort_by(|a, b| (rank(&a.what), a.places.first()).cmp(&(rank(&b.what), b.places.first())));
        report.skipped.sort_by(|a, b| a.path.cmp(&b.path));
        report.unreadable.sort_by(|a, b| a.path.cmp(&b.path));
        report.files = files;
        report.bytes = bytes;
        report.cancelled = cancelled;
        report
    }

    fn known_index(&self, digest: &[u8; 32]) -> Option<usize> {
        self.known_hashes.iter().position(|h| h == digest)
    }

    fn known_label(&self, index: usize) -> What {
        What::Known { label: self.known[index].label.clone() }
    }
}

fn rank(what: &What) -> u8 {
    match what {
        What::Known { .. } => 0,
        What::Account { .. } => 1,
        What::Unknown => 2,
    }
}

fn hash(bytes: &[u8]) -> [u8; 32] {
    Sha256::digest(bytes).into()
}

/// The short form of a key's SHA-256 that the report, the JSON and the ignore list use.
pub fn fingerprint_of(key: &str) -> String {
    fingerprint(&hash(key.as_bytes()))
}

fn fingerprint(digest: &[u8; 32]) -> String {
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}
