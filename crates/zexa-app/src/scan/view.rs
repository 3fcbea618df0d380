//! What the window shows of a result: per finding its masked key, fingerprint, whose it is,
//! every place, and the actions that fit (Rust decides them). Never a key.

use std::collections::HashMap;

use serde::Serialize;
use specta::Type;
use zexa_core::error::IpcError;
use zexa_scan::{Finding, What};

use super::keys::{account_label, owner_of, Owner};
use super::run::Completed;
use super::store::ScanStore;
use super::{Resolution, REWRITE_HISTORY_URL};
use crate::clock::format_timestamp;

/// Places and unreadable files sent to the window per result; the rest are counted.
const MAX_LISTED: usize = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct ScanResult {
    pub scan_id: u32,
    pub finished_at: String,
    pub folders: Vec<String>,
    pub cancelled: bool,
    pub files: u32,
    pub bytes: f64,
    /// Not ignored, most certain first.
    pub findings: Vec<FindingView>,
    pub ignored: Vec<FindingView>,
    /// Skipped by default (node_modules, target, .git/objects), too large or unsupported.
    pub skipped: Vec<String>,
    pub skipped_count: u32,
    pub unreadable: Vec<String>,
    pub unreadable_count: u32,
    pub binary_files: u32,
    /// A profile's key could not be read: that key was not looked for.
    pub key_problem: Option<IpcError>,
    /// How to remove a key from git history (shown with findings in a commit).
    pub rewrite_history_url: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FindingKind {
    /// A key a profile of this app holds.
    ThisApp {
        profile_id: String,
        profile_name: String,
    },
    /// A key the account lists, or listed before it was revoked.
    Account {
        key_name: String,
        revoked: bool,
        profile_id: String,
    },
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum FindingAction {
    Rotate,
    Revoke,
    CheckWorks,
    ShowInFolder,
    Ignore,
    StopIgnoring,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct FindingView {
    /// `<scan id>-<index>`: what the actions name; a finding of an older scan is refused.
    pub id: String,
    pub fingerprint: String,
    pub masked: String,
    pub kind: FindingKind,
    /// "your key for profile Production", "the account's key 'Staging' (revoked)".
    pub label: String,
    pub places: Vec<PlaceView>,
    pub more_places: u32,
    pub in_history: bool,
    /// Not seen by the previous scan.
    pub new: bool,
    pub actions: Vec<FindingAction>,
    pub resolution: Option<Resolution>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct PlaceView {
    pub index: u32,
    pub file: String,
    pub member: Option<String>,
    pub line: u32,
    pub column: u32,
    pub commit: Option<CommitView>,
    pub removed_by: Option<CommitView>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct CommitView {
    pub id: String,
    pub date: String,
    pub author: String,
}

pub(crate) fn finding_index(completed: &Completed, id: &str) -> Option<usize> {
    let (scan, index) = id.split_once('-')?;
    if scan.parse::<u32>().ok()? != completed.scan_id {
        return None;
    }
    let index: usize = index.parse().ok()?;
    (index < completed.report.findings.len()).then_some(index)
}

pub(crate) fn result(
    completed: &Completed,
    store: &ScanStore,
    resolved: &HashMap<String, Resolution>,
    active_profile: Option<&str>,
) -> ScanResult {
    let report = &completed.report;
    let (mut findings, mut ignored) = (Vec::new(), Vec::new());
    for (index, finding) in report.findings.iter().enumerate() {
        let is_ignored = store.finding_ignored(finding);
        let view = finding_view(completed, index, finding, is_ignored, resolved, active_profile);
        if is_ignored {
            ignored.push(view);
        } else {
            findings.push(view);
        }
    }
    let skipped: Vec<String> = report.skipped.iter().map(|s| s.path.clone()).collect();
    let unreadable: Vec<String> = report.unreadable.iter().map(|u| format!("{}: {}", u.path, u.error)).collect();
    ScanResult {
        scan_id: completed.scan_id,
        finished_at: format_timestamp(completed.finished_at),
        folders: completed.folders.clone(),
        cancelled: report.cancelled,
        files: report.files.min(u32::MAX as u64) as u32,
        bytes: report.bytes as f64,
        findings,
        ignored,
        skipped_count: skipped.len() as u32,
        skipped: skipped.into_iter().take(MAX_LISTED).collect(),
        unreadable_count: unreadable.len() as u32,
        unreadable: unreadable.into_iter().take(MAX_LISTED).collect(),
        binary_files: report.binary_files.min(u32::MAX as u64) as u32,
        key_problem: completed.key_problem.clone(),
        rewrite_history_url: REWRITE_HISTORY_URL.to_owned(),
    }
}

/// Whose it is; a key that starts with a remembered prefix is the account's even if the engine
/// called it unknown (the prefix was learnt after the pattern was built).
pub(crate) fn kind_of(completed: &Completed, finding: &Finding) -> (FindingKind, String) {
    match (owner_of(&completed.owners, finding), &finding.what) {
        (Some(Owner::Profile { profile_id, profile_name, .. }), What::Known { label }) => {
            (FindingKind::ThisApp { profile_id: profile_id.clone(), profile_name: profile_name.clone() }, label.clone())
        }
        (Some(Owner::Account(key)), _) => (
            FindingKind::Account {
                key_name: key.name.clone(),
                revoked: key.revoked_at.is_some(),
                profile_id: key.profile_id.clone(),
            },
            account_label(key),
        ),
        (_, What::Known { label } | What::Account { label }) => (FindingKind::Unknown, label.clone()),
        (_, What::Unknown) => (FindingKind::Unknown, zexa_core::i18n::t!("cli-scan-unknown-key")),
    }
}

fn finding_view(
    completed: &Completed,
    index: usize,
    finding: &Finding,
    is_ignored: bool,
    resolved: &HashMap<String, Resolution>,
    active_profile: Option<&str>,
) -> FindingView {
    let id = format!("{}-{index}", completed.scan_id);
    let (kind, label) = kind_of(completed, finding);
    let resolution = resolved.get(&id).copied();
    let mut actions = Vec::new();
    if resolution.is_none() {
        match &kind {
            FindingKind::ThisApp { .. } => actions.push(FindingAction::Rotate),
            FindingKind::Account { revoked: false, profile_id, .. } => {
                // The existing revoke acts on the active profile's account.
                if active_profile == Some(profile_id.as_str()) {
                    actions.push(FindingAction::Revoke);
                }
                actions.push(FindingAction::CheckWorks);
            }
            FindingKind::Account { revoked: true, .. } | FindingKind::Unknown => {
                actions.push(FindingAction::CheckWorks)
            }
        }
    }
    actions.push(FindingAction::ShowInFolder);
    actions.push(if is_ignored { FindingAction::StopIgnoring } else { FindingAction::Ignore });
    let places = finding
        .places
        .iter()
        .enumerate()
        .take(MAX_LISTED)
        .map(|(index, place)| PlaceView {
            index: index as u32,
            file: place.file.clone(),
            member: place.member.clone(),
            line: place.line.min(u32::MAX as u64) as u32,
            column: place.column.min(u32::MAX as u64) as u32,
            commit: place.commit.as_ref().map(commit_view),
            removed_by: place.removed_by.as_ref().map(commit_view),
        })
        .collect();
    let extra = finding.places.len().saturating_sub(MAX_LISTED) as u64 + finding.more_places;
    FindingView {
        id,
        fingerprint: finding.fingerprint.clone(),
        masked: finding.masked.clone(),
        kind,
        label,
        places,
        more_places: extra.min(u32::MAX as u64) as u32,
        in_history: finding.in_history(),
        new: completed.new.contains(&finding.fingerprint),
        actions,
        resolution,
    }
}

fn commit_view(commit: &zexa_scan::Commit) -> CommitView {
    CommitView { id: commit.id.clone(), date: commit.date.clone(), author: commit.author.clone() }
}
