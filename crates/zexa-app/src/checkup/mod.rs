//! The security checkup on the Overview, in two groups.
//!
//! * **On this computer** (`computer`): what needs no server feature, so it runs against any
//!   Zexa server, including one that answers only the documented `GET /credits`.
//! * **On your Zexa account** (`account`): two-factor, backup codes, keys and sessions, where
//!   the server offers them (learned once per profile, see `offers`). What the server does not
//!   offer becomes one grouped item, "Check these on the Zexa dashboard", whose entries the
//!   user confirms one by one (`confirmations`); a confirmation counts for 90 days.
//!
//! The score counts only what was checked: a check that ran, or an entry the user confirmed.
//! "3 of 3 checks pass · 4 to confirm on the dashboard", never "1 of 6" when five could not run.
//! The account checks are the same rules as the badges in the API keys, Sessions and Security
//! sections (`api_keys::rules`, `sessions::rules`, `two_factor::backup_codes_low`). The
//! sentences are rendered in the app's language (`crates/zexa-i18n/locales/*/checkup.ftl`).

pub mod account;
pub mod computer;
pub mod confirmations;
#[cfg(test)]
mod tests;

use serde::Serialize;
use specta::Type;
use time::OffsetDateTime;
use zexa_core::error::IpcError;
use zexa_core::i18n::t;

pub use account::AccountInputs;
pub use computer::ComputerInputs;
pub use confirmations::{ConfirmItem, Confirmations, CONFIRMATIONS_FILE};

/// A stored key older than this is due for rotation (the API keys' own rule).
pub const KEY_MAX_AGE_DAYS: i64 = crate::api_keys::rules::ROTATE_AFTER_DAYS;
/// A scan older than this no longer says much about the files on this computer.
pub const SCAN_RECENT_DAYS: i64 = 30;
/// A program given the key by `zexa run` within this many days counts as using it that way.
pub const ZEXA_RUN_RECENT_DAYS: i64 = 30;
/// A dashboard entry the user confirmed is asked again after this many days.
pub const CONFIRMATION_VALID_DAYS: i64 = 90;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CheckGroup {
    /// Needs no server feature.
    Computer,
    /// Needs the server's key, session or two-factor endpoints.
    Account,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
    KeyInKeychainOnly,
    KeyStoredRecently,
    ScanClean,
    ProgramsUseZexaRun,
    TwoFactorOn,
    BackupCodes,
    #[serde(rename = "keys_under_90_days")]
    KeysUnder90Days,
    KeysInUse,
    SessionsActive,
    RotationsFinished,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Pass,
    Warn,
    /// Advice the app cannot verify (it cannot see how a program reads its key): shown, never
    /// counted for or against the score.
    Hint,
    /// Could not run (offline, a Member's key, no date for the key): not counted.
    NotAvailable,
}

/// Where the one-click fix goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CheckFix {
    SetUpTwoFactor,
    RegenerateBackupCodes,
    RotateKeys,
    ReviewKeys,
    ReviewSessions,
    FinishRotations,
    /// Replace this profile's own key (API keys: Rotate, or the guided manual rotation).
    RotateThisKey,
    /// Open the exposed-key scanner.
    ScanNow,
    /// Open the scanner's open findings.
    ReviewFindings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Check {
    pub id: CheckId,
    pub group: CheckGroup,
    pub status: CheckStatus,
    /// What was found, in a sentence.
    pub detail: String,
    /// Set when the check warns and something in the app fixes it.
    pub fix: Option<CheckFix>,
    /// Why it could not be checked.
    pub reason: Option<IpcError>,
}

/// One entry of "Check these on the Zexa dashboard": something the server does not let the app
/// check, which the user checks on the dashboard and confirms here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct DashboardCheck {
    pub item: ConfirmItem,
    /// When the user last said they checked it (RFC 3339), if ever; kept after it expires, so
    /// the window can say "last checked …".
    pub confirmed_at: Option<String>,
    /// Confirmed less than [`CONFIRMATION_VALID_DAYS`] ago: it counts as checked.
    pub confirmed: bool,
    /// When it will be asked again (RFC 3339), while `confirmed`.
    pub ask_again_at: Option<String>,
}

/// The checkup's rules, for the window to word its buttons and hints (never copied there).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct CheckupRules {
    pub key_max_age_days: u32,
    pub scan_recent_days: u32,
    pub zexa_run_recent_days: u32,
    pub confirmation_valid_days: u32,
}

pub fn rules() -> CheckupRules {
    CheckupRules {
        key_max_age_days: KEY_MAX_AGE_DAYS as u32,
        scan_recent_days: SCAN_RECENT_DAYS as u32,
        zexa_run_recent_days: ZEXA_RUN_RECENT_DAYS as u32,
        confirmation_valid_days: CONFIRMATION_VALID_DAYS as u32,
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Checkup {
    /// "On this computer" first, then "On your Zexa account".
    pub checks: Vec<Check>,
    /// What the server does not offer, to check on the dashboard (empty when it offers it all).
    pub dashboard: Vec<DashboardCheck>,
    /// Checks that passed plus dashboard entries confirmed.
    pub passed: u32,
    /// What was checked: checks that ran (pass or warn) plus dashboard entries confirmed.
    pub total: u32,
    /// Dashboard entries not (or no longer) confirmed.
    pub to_confirm: u32,
    /// Checks that could not run.
    pub not_checked: u32,
    /// "3 of 3 checks pass · 4 to confirm on the dashboard".
    pub summary: String,
    pub rules: CheckupRules,
}

/// What the checkup looks at.
pub struct CheckupInputs {
    pub computer: ComputerInputs,
    pub account: AccountInputs,
    /// This profile's confirmations (unix seconds per entry), as stored.
    pub confirmed: std::collections::BTreeMap<ConfirmItem, i64>,
}

pub(crate) fn check(id: CheckId, group: CheckGroup, warn: bool, detail: String, fix: CheckFix) -> Check {
    let status = if warn { CheckStatus::Warn } else { CheckStatus::Pass };
    Check { id, group, status, detail, fix: warn.then_some(fix), reason: None }
}

pub(crate) fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Whole days from `then` (unix seconds) to `now`, never negative (a clock set back).
pub(crate) fn days_since(then: i64, now: OffsetDateTime) -> i64 {
    (now.unix_timestamp().saturating_sub(then) / 86_400).max(0)
}

pub fn evaluate_checkup(inputs: &CheckupInputs, now: OffsetDateTime) -> Checkup {
    let mut checks = computer::evaluate(&inputs.computer, now);
    let (account_checks, unoffered) = account::evaluate(&inputs.account, now);
    checks.extend(account_checks);
    let dashboard: Vec<DashboardCheck> = unoffered
        .into_iter()
        .map(|item| confirmations::dashboard_check(item, inputs.confirmed.get(&item), now))
        .collect();

    let ran = |c: &&Check| matches!(c.status, CheckStatus::Pass | CheckStatus::Warn);
    let confirmed = dashboard.iter().filter(|d| d.confirmed).count() as u32;
    let passed = checks.iter().filter(|c| c.status == CheckStatus::Pass).count() as u32 + confirmed;
    let total = checks.iter().filter(ran).count() as u32 + confirmed;
    let to_confirm = dashboard.len() as u32 - confirmed;
    let not_checked = checks.iter().filter(|c| c.status == CheckStatus::NotAvailable).count() as u32;
    Checkup {
        summary: summary(passed, total, to_confirm, not_checked),
        checks,
        dashboard,
        passed,
        total,
        to_confirm,
        not_checked,
        rules: rules(),
    }
}

/// "3 of 3 checks pass · 4 to confirm on the dashboard · 1 could not be checked".
pub fn summary(passed: u32, total: u32, to_confirm: u32, not_checked: u32) -> String {
    let mut parts = vec![if total == 0 {
        t!("checkup-summary-nothing-checked")
    } else {
        t!("checkup-summary", passed = passed, total = total)
    }];
    if to_confirm > 0 {
        parts.push(t!("checkup-summary-to-confirm", count = to_confirm));
    }
    if not_checked > 0 {
        parts.push(t!("checkup-summary-not-checked", count = not_checked));
    }
    parts.join(" · ")
}
