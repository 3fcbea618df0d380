use std::collections::BTreeMap;

use time::macros::datetime;
use time::OffsetDateTime;
use zexa_api::contract::{Session, TwoFactorStatus};
use zexa_core::error::{ErrorCode, IpcError};

use super::account::known_not_offered;
use super::*;
use crate::api_keys::rules::test_key as key;
use crate::scan::summary::LastScan;

const NOW: OffsetDateTime = datetime!(2026-11-25 12:00 UTC);
const DAY: i64 = 86_400;

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

fn ago(days: i64) -> i64 {
    NOW.unix_timestamp() - days * DAY
}

fn clean_scan(days_ago: i64) -> Option<LastScan> {
    Some(LastScan { finished_at: NOW - time::Duration::days(days_ago), open_findings: 0, folders: 3 })
}

fn good() -> CheckupInputs {
    CheckupInputs {
        computer: ComputerInputs {
            sandbox: false,
            keychain_name: "GNOME Keyring".into(),
            key_in_env: false,
            key_stored_at: Some(ago(10)),
            last_scan: clean_scan(2),
            last_zexa_run: Some((ago(1), "node".into())),
        },
        account: AccountInputs {
            two_factor: two_factor(true, 10),
            keys: Ok(vec![key("fresh", "2026-11-01T00:00:00Z", Some("2026-11-25T11:00:00Z"))]),
            sessions: Ok(vec![session("2026-11-25T11:00:00Z")]),
            pending_rotations: 0,
        },
        confirmed: BTreeMap::new(),
    }
}

/// A server that answers only what Zexa documents (`GET /credits`).
fn documented_only() -> CheckupInputs {
    let mut inputs = good();
    inputs.account.two_factor = Err(known_not_offered());
    inputs.account.keys = Err(known_not_offered());
    inputs.account.sessions = Err(known_not_offered());
    inputs
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
        ("key only in the keychain", |_| {}, KeyInKeychainOnly, Pass, None),
        ("the key also in ZEXA_API_KEY", |i| i.computer.key_in_env = true, KeyInKeychainOnly, Warn, None),
        ("stored 89 days ago", |i| i.computer.key_stored_at = Some(ago(89)), KeyStoredRecently, Pass, None),
        (
            "stored 90 days ago",
            |i| i.computer.key_stored_at = Some(ago(90)),
            KeyStoredRecently,
            Warn,
            Some(CheckFix::RotateThisKey),
        ),
        ("no date for the key", |i| i.computer.key_stored_at = None, KeyStoredRecently, NotAvailable, None),
        ("a date in the future", |i| i.computer.key_stored_at = Some(ago(-5)), KeyStoredRecently, Pass, None),
        ("never scanned", |i| i.computer.last_scan = None, ScanClean, Warn, Some(CheckFix::ScanNow)),
        ("scanned 29 days ago", |i| i.computer.last_scan = clean_scan(29), ScanClean, Pass, None),
        ("scanned 30 days ago", |i| i.computer.last_scan = clean_scan(30), ScanClean, Warn, Some(CheckFix::ScanNow)),
        (
            "a scan with findings",
            |i| i.computer.last_scan = Some(LastScan { finished_at: NOW, open_findings: 2, folders: 1 }),
            ScanClean,
            Warn,
            Some(CheckFix::ReviewFindings),
        ),
        ("zexa run yesterday", |_| {}, ProgramsUseZexaRun, Pass, None),
        (
            "zexa run 30 days ago",
            |i| i.computer.last_zexa_run = Some((ago(30), "node".into())),
            ProgramsUseZexaRun,
            Hint,
            None,
        ),
        ("never zexa run", |i| i.computer.last_zexa_run = None, ProgramsUseZexaRun, Hint, None),
        ("2FA off", |i| i.account.two_factor = two_factor(false, 0), TwoFactorOn, Warn, Some(CheckFix::SetUpTwoFactor)),
        ("4 codes left", |i| i.account.two_factor = two_factor(true, 4), BackupCodes, Pass, None),
        (
            "3 codes left",
            |i| i.account.two_factor = two_factor(true, 3),
            BackupCodes,
            Warn,
            Some(CheckFix::RegenerateBackupCodes),
        ),
        (
            "an old key",
            |i| i.account.keys = Ok(vec![key("old", "2026-01-01T00:00:00Z", Some("2026-11-25T11:00:00Z"))]),
            KeysUnder90Days,
            Warn,
            Some(CheckFix::RotateKeys),
        ),
        (
            "a never used key",
            |i| i.account.keys = Ok(vec![key("ci", "2026-11-01T00:00:00Z", None)]),
            KeysInUse,
            Warn,
            Some(CheckFix::ReviewKeys),
        ),
        (
            "an idle session",
            |i| i.account.sessions = Ok(vec![session("2026-10-01T00:00:00Z")]),
            SessionsActive,
            Warn,
            Some(CheckFix::ReviewSessions),
        ),
        (
            "a pending rotation",
            |i| i.account.pending_rotations = 1,
            RotationsFinished,
            Warn,
            Some(CheckFix::FinishRotations),
        ),
        (
            "a Member's key",
            |i| i.account.keys = Err(IpcError::new(ErrorCode::Forbidden, "no")),
            KeysUnder90Days,
            NotAvailable,
            None,
        ),
        (
            "offline",
            |i| i.account.sessions = Err(IpcError::new(ErrorCode::Network, "offline")),
            SessionsActive,
            NotAvailable,
            None,
        ),
    ];
    for (name, change, id, status, fix) in cases {
        let mut inputs = good();
        change(&mut inputs);
        let checkup = evaluate_checkup(&inputs, NOW);
        let found = checkup.checks.iter().find(|c| c.id == *id).unwrap_or_else(|| panic!("{name}: no {id:?}"));
        assert_eq!((found.status, found.fix), (*status, *fix), "{name}: {}", found.detail);
    }
}

#[test]
fn the_groups_are_in_order_and_a_sandbox_key_has_no_age_or_programs() {
    let checkup = evaluate_checkup(&good(), NOW);
    let groups: Vec<CheckGroup> = checkup.checks.iter().map(|c| c.group).collect();
    assert_eq!(groups[..4], [CheckGroup::Computer; 4]);
    assert!(groups[4..].iter().all(|g| *g == CheckGroup::Account));
    let mut inputs = good();
    inputs.computer.sandbox = true;
    let ids: Vec<CheckId> = evaluate_checkup(&inputs, NOW).checks.iter().map(|c| c.id).collect();
    assert!(!ids.contains(&KeyStoredRecently) && !ids.contains(&ProgramsUseZexaRun), "{ids:?}");
    assert!(ids.contains(&KeyInKeychainOnly) && ids.contains(&ScanClean));
}

#[test]
fn the_score_counts_only_what_ran() {
    let all = evaluate_checkup(&good(), NOW);
    assert_eq!((all.passed, all.total), (10, 10));
    assert_eq!(all.summary, "10 of 10 checks pass");

    // A hint and a check that could not run are neither passes nor failures.
    let mut inputs = good();
    inputs.computer.last_zexa_run = None;
    inputs.computer.key_stored_at = None;
    inputs.account.keys = Err(IpcError::new(ErrorCode::Forbidden, "Only Admins"));
    inputs.account.two_factor = two_factor(false, 0);
    let checkup = evaluate_checkup(&inputs, NOW);
    assert_eq!(
        statuses(&checkup),
        [
            (KeyInKeychainOnly, Pass),
            (KeyStoredRecently, NotAvailable),
            (ScanClean, Pass),
            (ProgramsUseZexaRun, Hint),
            (TwoFactorOn, Warn),
            (KeysUnder90Days, NotAvailable),
            (KeysInUse, NotAvailable),
            (SessionsActive, Pass),
            (RotationsFinished, Pass),
        ]
    );
    assert_eq!((checkup.passed, checkup.total, checkup.not_checked), (4, 5, 3));
    assert_eq!(checkup.summary, "4 of 5 checks pass · 3 could not be checked");
    assert_eq!(checkup.checks[5].detail, "Only account Admins can see API keys.");
}

#[test]
fn a_documented_only_server_groups_the_account_into_dashboard_entries() {
    let checkup = evaluate_checkup(&documented_only(), NOW);
    assert!(checkup.checks.iter().all(|c| c.group == CheckGroup::Computer), "{:?}", statuses(&checkup));
    assert_eq!(
        checkup.dashboard.iter().map(|d| d.item).collect::<Vec<_>>(),
        [ConfirmItem::TwoFactorOn, ConfirmItem::BackupCodes, ConfirmItem::ApiKeys, ConfirmItem::Sessions]
    );
    assert!(checkup.dashboard.iter().all(|d| !d.confirmed && d.confirmed_at.is_none()));
    assert_eq!((checkup.passed, checkup.total, checkup.to_confirm, checkup.not_checked), (4, 4, 4, 0));
    assert_eq!(checkup.summary, "4 of 4 checks pass · 4 to confirm on the dashboard");

    // A confirmed entry is counted as a passing check.
    let mut inputs = documented_only();
    inputs.confirmed.insert(ConfirmItem::TwoFactorOn, ago(1));
    let checkup = evaluate_checkup(&inputs, NOW);
    assert_eq!(checkup.summary, "5 of 5 checks pass · 3 to confirm on the dashboard");
    let two_factor = &checkup.dashboard[0];
    assert!(two_factor.confirmed);
    assert_eq!(two_factor.confirmed_at.as_deref(), Some("2026-11-24T12:00:00Z"));
    assert_eq!(two_factor.ask_again_at.as_deref(), Some("2027-02-22T12:00:00Z"));
}

#[test]
fn a_server_with_only_some_parts_runs_those_and_groups_the_rest() {
    let mut inputs = good();
    // Answered "not offered" by the server itself (the learned offers were older).
    inputs.account.sessions = Err(IpcError::new(ErrorCode::NotOffered, "no"));
    let checkup = evaluate_checkup(&inputs, NOW);
    assert_eq!(checkup.dashboard.iter().map(|d| d.item).collect::<Vec<_>>(), [ConfirmItem::Sessions]);
    assert!(!checkup.checks.iter().any(|c| c.id == SessionsActive));
    assert!(checkup.checks.iter().any(|c| c.id == RotationsFinished), "keys are offered");
    assert_eq!(checkup.summary, "9 of 9 checks pass · 1 to confirm on the dashboard");
}

#[test]
fn a_confirmation_is_asked_again_after_90_days() {
    for (days, counts) in [(0, true), (89, true), (90, false), (200, false), (-3, true)] {
        let entry = confirmations::dashboard_check(ConfirmItem::Sessions, Some(&ago(days)), NOW);
        assert_eq!(entry.confirmed, counts, "confirmed {days} days ago");
        assert!(entry.confirmed_at.is_some(), "the date is kept, also when expired");
        assert_eq!(entry.ask_again_at.is_some(), counts);
    }
    let never = confirmations::dashboard_check(ConfirmItem::Sessions, None, NOW);
    assert!(!never.confirmed && never.confirmed_at.is_none());

    let mut inputs = documented_only();
    inputs.confirmed.insert(ConfirmItem::Sessions, ago(90));
    let checkup = evaluate_checkup(&inputs, NOW);
    assert_eq!(checkup.to_confirm, 4, "an expired confirmation is to confirm again");
}

#[test]
fn confirmations_are_kept_per_profile_across_restarts_and_go_with_their_profile() {
    use crate::profiles::ProfileScoped;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(CONFIRMATIONS_FILE);
    let store = Confirmations::open(Some(path.clone()));
    store.confirm("prof_a", ConfirmItem::TwoFactorOn, NOW);
    store.confirm("prof_a", ConfirmItem::Sessions, NOW);
    store.confirm("prof_b", ConfirmItem::ApiKeys, NOW);
    store.unconfirm("prof_a", ConfirmItem::Sessions);
    let reopened = Confirmations::open(Some(path.clone()));
    assert_eq!(reopened.for_profile("prof_a"), BTreeMap::from([(ConfirmItem::TwoFactorOn, NOW.unix_timestamp())]));
    reopened.forget_profile("prof_b");
    assert!(Confirmations::open(Some(path)).for_profile("prof_b").is_empty());
}

#[test]
fn the_rules_are_the_exported_figures() {
    let rules = rules();
    assert_eq!((rules.key_max_age_days, rules.confirmation_valid_days), (90, 90));
    assert_eq!((rules.scan_recent_days, rules.zexa_run_recent_days), (30, 30));
}
