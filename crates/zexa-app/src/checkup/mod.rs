//! The security checkup on the Overview: one line per check, pass / warn / not available, each
//! with the place that fixes it. The checks are the same rules as the badges and hints in the
//! API keys, Sessions and Security sections (`api_keys::rules`, `sessions::rules`,
//! `two_factor::backup_codes_low`), so the two can never disagree. The requests run
//! concurrently, and one failing or missing endpoint makes only its checks "not available".
//! The sentences are rendered in the app's language (`crates/zexa-i18n/locales/*/checkup.ftl`);
//! the window asks again when the language changes.

use serde::Serialize;
use specta::Type;
use time::OffsetDateTime;
use zexa_api::contract::{ApiKey, Session, TwoFactorStatus};
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::i18n::t;
use zexa_core::ipc_error;

use crate::account::AccountCtx;
use crate::api_keys::rules::{is_due_for_rotation, is_never_used, is_unused_for_long};
use crate::clock::now_utc;
use crate::sessions::rules::is_inactive;
use crate::two_factor::backup_codes_low;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum CheckId {
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
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Check {
    pub id: CheckId,
    pub status: CheckStatus,
    /// What was found, in a sentence.
    pub detail: String,
    /// Set when the check warns.
    pub fix: Option<CheckFix>,
    /// Why it could not be checked.
    pub reason: Option<IpcError>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Checkup {
    pub checks: Vec<Check>,
    pub passed: u32,
    pub total: u32,
    /// "4 of 6 checks pass".
    pub summary: String,
}

/// What the checkup looks at; each part may have failed on its own.
pub struct CheckupInputs {
    pub two_factor: Result<TwoFactorStatus, IpcError>,
    pub keys: Result<Vec<ApiKey>, IpcError>,
    pub sessions: Result<Vec<Session>, IpcError>,
    pub pending_rotations: usize,
}

fn names(keys: &[&ApiKey]) -> String {
    keys.iter().map(|k| format!("“{}”", k.name)).collect::<Vec<_>>().join(", ")
}

fn check(id: CheckId, warn: bool, detail: String, fix: CheckFix) -> Check {
    let status = if warn { CheckStatus::Warn } else { CheckStatus::Pass };
    Check { id, status, detail, fix: warn.then_some(fix), reason: None }
}

fn unavailable(id: CheckId, reason: &IpcError) -> Check {
    let detail = match reason.code {
        ErrorCode::Forbidden => t!("checkup-admins-only"),
        ErrorCode::NotOffered => t!("checkup-not-offered"),
        _ => t!("checkup-not-checked", detail = &reason.message),
    };
    Check { id, status: CheckStatus::NotAvailable, detail, fix: None, reason: Some(reason.clone()) }
}

pub fn evaluate_checkup(inputs: &CheckupInputs, now: OffsetDateTime) -> Checkup {
    let mut checks = Vec::new();
    match &inputs.two_factor {
        Ok(status) => {
            checks.push(check(
                CheckId::TwoFactorOn,
                !status.enabled,
                if status.enabled { t!("checkup-two-factor-on") } else { t!("checkup-two-factor-off") },
                CheckFix::SetUpTwoFactor,
            ));
            if status.enabled {
                let low = backup_codes_low(status.backup_codes_remaining);
                let left = t!("checkup-backup-codes-left", count = status.backup_codes_remaining);
                checks.push(check(CheckId::BackupCodes, low, left, CheckFix::RegenerateBackupCodes));
            } else {
                let reason = ipc_error!(ErrorCode::Conflict, "checkup-no-backup-codes");
                checks.push(Check { detail: reason.message.clone(), ..unavailable(CheckId::BackupCodes, &reason) });
            }
        }
        Err(error) => {
            checks.push(unavailable(CheckId::TwoFactorOn, error));
            checks.push(unavailable(CheckId::BackupCodes, error));
        }
    }
    match &inputs.keys {
        Ok(keys) => {
            let old: Vec<&ApiKey> = keys.iter().filter(|k| is_due_for_rotation(k, now)).collect();
            let detail = if old.is_empty() {
                t!("checkup-no-old-keys")
            } else {
                t!("checkup-old-keys", count = old.len(), names = names(&old))
            };
            checks.push(check(CheckId::KeysUnder90Days, !old.is_empty(), detail, CheckFix::RotateKeys));
            let idle: Vec<&ApiKey> = keys.iter().filter(|k| is_never_used(k) || is_unused_for_long(k, now)).collect();
            let detail = if idle.is_empty() {
                t!("checkup-keys-in-use")
            } else {
                t!("checkup-idle-keys", count = idle.len(), names = names(&idle))
            };
            checks.push(check(CheckId::KeysInUse, !idle.is_empty(), detail, CheckFix::ReviewKeys));
        }
        Err(error) => {
            checks.push(unavailable(CheckId::KeysUnder90Days, error));
            checks.push(unavailable(CheckId::KeysInUse, error));
        }
    }
    match &inputs.sessions {
        Ok(sessions) => {
            let idle = sessions.iter().filter(|s| is_inactive(s, now)).count();
            let detail =
                if idle == 0 { t!("checkup-no-idle-sessions") } else { t!("checkup-idle-sessions", count = idle) };
            checks.push(check(CheckId::SessionsActive, idle > 0, detail, CheckFix::ReviewSessions));
        }
        Err(error) => checks.push(unavailable(CheckId::SessionsActive, error)),
    }
    let pending = inputs.pending_rotations;
    let detail = if pending == 0 {
        t!("checkup-no-pending-rotations")
    } else {
        t!("checkup-pending-rotations", count = pending)
    };
    checks.push(check(CheckId::RotationsFinished, pending > 0, detail, CheckFix::FinishRotations));

    let passed = checks.iter().filter(|c| c.status == CheckStatus::Pass).count() as u32;
    let total = checks.len() as u32;
    Checkup { summary: t!("checkup-summary", passed = passed, total = total), checks, passed, total }
}

/// The checkup of one account; its three requests run at the same time. `pending_rotations`:
/// the guided rotations this app has under way for the profile.
pub async fn run(ctx: &AccountCtx<'_>, pending_rotations: usize) -> Result<Checkup, IpcError> {
    let client = &ctx.client;
    let (two_factor, keys, sessions) =
        tokio::join!(client.two_factor_status(), client.list_api_keys(), client.list_sessions());
    let inputs = CheckupInputs {
        two_factor: two_factor.map_err(IpcError::from),
        keys: keys.map_err(IpcError::from),
        sessions: sessions.map_err(IpcError::from),
        pending_rotations,
    };
    Ok(evaluate_checkup(&inputs, now_utc()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-25 12:00 UTC);

    use crate::api_keys::rules::test_key as key;

    fn session(active: &str) -> Session {
        Session {
            id: "ses_1".into(),
            device: "d".into(),
            location: "l".into(),
            ip: "192.0.2.1".into(),
            created_at: "2026-01-01T00:00:00Z".into(),
            last_active_at: active.into(),
        }
    }

    fn two_factor(enabled: bool, codes: u32) -> Result<TwoFactorStatus, IpcError> {
        Ok(TwoFactorStatus {
            enabled,
            enabled_at: enabled.then(|| "2026-01-01T00:00:00Z".into()),
            backup_codes_remaining: codes,
        })
    }

    fn good() -> CheckupInputs {
        CheckupInputs {
            two_factor: two_factor(true, 10),
            keys: Ok(vec![key("fresh", "2026-11-01T00:00:00Z", Some("2026-11-25T11:00:00Z"))]),
            sessions: Ok(vec![session("2026-11-25T11:00:00Z")]),
            pending_rotations: 0,
        }
    }

    fn statuses(checkup: &Checkup) -> Vec<(CheckId, CheckStatus)> {
        checkup.checks.iter().map(|c| (c.id, c.status)).collect()
    }

    use CheckId::*;
    use CheckStatus::*;

    #[test]
    fn each_rule_as_a_table() {
        type Case = (&'static str, fn(&mut CheckupInputs), CheckId, CheckStatus, Option<CheckFix>);
        let cases: &[Case] = &[
            ("all good", |_| {}, TwoFactorOn, Pass, None),
            ("2FA off", |i| i.two_factor = two_factor(false, 0), TwoFactorOn, Warn, Some(CheckFix::SetUpTwoFactor)),
            ("2FA off: no codes to count", |i| i.two_factor = two_factor(false, 0), BackupCodes, NotAvailable, None),
            ("4 codes left", |i| i.two_factor = two_factor(true, 4), BackupCodes, Pass, None),
            (
                "3 codes left",
                |i| i.two_factor = two_factor(true, 3),
                BackupCodes,
                Warn,
                Some(CheckFix::RegenerateBackupCodes),
            ),
            (
                "an old key",
                |i| i.keys = Ok(vec![key("old", "2026-01-01T00:00:00Z", Some("2026-11-25T11:00:00Z"))]),
                KeysUnder90Days,
                Warn,
                Some(CheckFix::RotateKeys),
            ),
            (
                "a never used key",
                |i| i.keys = Ok(vec![key("ci", "2026-11-01T00:00:00Z", None)]),
                KeysInUse,
                Warn,
                Some(CheckFix::ReviewKeys),
            ),
            (
                "an unused key",
                |i| i.keys = Ok(vec![key("stg", "2026-10-01T00:00:00Z", Some("2026-10-20T00:00:00Z"))]),
                KeysInUse,
                Warn,
                Some(CheckFix::ReviewKeys),
            ),
            (
                "an idle session",
                |i| i.sessions = Ok(vec![session("2026-10-01T00:00:00Z")]),
                SessionsActive,
                Warn,
                Some(CheckFix::ReviewSessions),
            ),
            (
                "a pending rotation",
                |i| i.pending_rotations = 1,
                RotationsFinished,
                Warn,
                Some(CheckFix::FinishRotations),
            ),
            (
                "a Member's key",
                |i| i.keys = Err(IpcError::new(ErrorCode::Forbidden, "no")),
                KeysUnder90Days,
                NotAvailable,
                None,
            ),
            (
                "no session list here",
                |i| i.sessions = Err(IpcError::new(ErrorCode::NotOffered, "no")),
                SessionsActive,
                NotAvailable,
                None,
            ),
        ];
        for (name, change, id, status, fix) in cases {
            let mut inputs = good();
            change(&mut inputs);
            let checkup = evaluate_checkup(&inputs, NOW);
            let found = checkup.checks.iter().find(|c| c.id == *id).unwrap();
            assert_eq!((found.status, found.fix), (*status, *fix), "{name}: {}", found.detail);
        }
    }

    #[test]
    fn the_summary_counts_passes_and_one_failure_spoils_only_its_checks() {
        let all = evaluate_checkup(&good(), NOW);
        assert_eq!(all.summary, "6 of 6 checks pass");
        let mut inputs = good();
        inputs.keys = Err(IpcError::new(ErrorCode::Forbidden, "Only Admins"));
        inputs.two_factor = two_factor(false, 0);
        let checkup = evaluate_checkup(&inputs, NOW);
        assert_eq!(
            statuses(&checkup),
            [
                (TwoFactorOn, Warn),
                (BackupCodes, NotAvailable),
                (KeysUnder90Days, NotAvailable),
                (KeysInUse, NotAvailable),
                (SessionsActive, Pass),
                (RotationsFinished, Pass)
            ]
        );
        assert_eq!(checkup.summary, "2 of 6 checks pass");
        assert_eq!(checkup.checks[2].detail, "Only account Admins can see API keys.");
    }
}
