//! "On this computer": the checks that need no server feature, so they run against any Zexa
//! server. What each one really looks at (and what it cannot see):
//!
//! * **The key is only in the keychain.** The app keeps a profile's key only in the system
//!   keychain (a sandbox profile's only in its memory); there is no plaintext fallback. The one
//!   plaintext copy it can know of is `ZEXA_API_KEY` in the environment the app was started
//!   from (a shell profile, a sourced `.env`): when that holds this profile's key, it warns.
//!   Copies in files are what the exposed-key scan looks for (the next check).
//! * **The key was stored or rotated less than 90 days ago**, counted from when this app stored
//!   it (`key-dates.json`; the keychains keep no date every platform lets a program read). A
//!   key stored by a version that kept no date cannot be checked.
//! * **The last exposed-key scan is recent and clean**: finished less than 30 days ago with no
//!   open finding. Never scanned is a warning whose fix is "Scan now".
//! * **Programs get the key through `zexa run`**: from the command line's usage log. A program
//!   given the key by `zexa run`/`zexa inject` in the last 30 days passes. Otherwise it is a
//!   hint, not a warning: the app cannot see how other programs read the key (perhaps nothing
//!   but this app uses it), so it only says how to stop keeping it in a file.
//!
//! A sandbox profile's key never leaves the app: it has no age to check and no program to
//! give it to, so only the keychain and scan checks apply to it.

use time::OffsetDateTime;
use zexa_core::i18n::t;

use super::{check, days_since, Check, CheckFix, CheckGroup, CheckId, CheckStatus};
use super::{KEY_MAX_AGE_DAYS, SCAN_RECENT_DAYS, ZEXA_RUN_RECENT_DAYS};
use crate::scan::summary::LastScan;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComputerInputs {
    /// The profile is the app's sandbox (its key lives in the app's memory).
    pub sandbox: bool,
    /// The keychain's name ("GNOME Keyring", "macOS Keychain").
    pub keychain_name: String,
    /// `ZEXA_API_KEY`, in the environment the app was started from, holds this profile's key.
    pub key_in_env: bool,
    /// When this app stored or rotated the key (unix seconds), if it noted it.
    pub key_stored_at: Option<i64>,
    pub last_scan: Option<LastScan>,
    /// The latest `zexa run`/`zexa inject` that gave a program this key (unix seconds), and the
    /// program's name.
    pub last_zexa_run: Option<(i64, String)>,
}

const GROUP: CheckGroup = CheckGroup::Computer;

fn hint(id: CheckId, detail: String) -> Check {
    Check { id, group: GROUP, status: CheckStatus::Hint, detail, fix: None, reason: None }
}

fn not_available(id: CheckId, detail: String) -> Check {
    Check { id, group: GROUP, status: CheckStatus::NotAvailable, detail, fix: None, reason: None }
}

pub fn evaluate(inputs: &ComputerInputs, now: OffsetDateTime) -> Vec<Check> {
    let mut checks = Vec::new();

    let detail = if inputs.key_in_env {
        t!("checkup-key-in-env")
    } else if inputs.sandbox {
        t!("checkup-key-in-memory")
    } else {
        t!("checkup-key-in-keychain", keychain = inputs.keychain_name.as_str())
    };
    let mut keychain = check(CheckId::KeyInKeychainOnly, GROUP, inputs.key_in_env, detail, CheckFix::RotateThisKey);
    // Rotating does not remove the copy from the environment; the sentence says what does.
    keychain.fix = None;
    checks.push(keychain);

    if !inputs.sandbox {
        checks.push(match inputs.key_stored_at {
            Some(at) => {
                let days = days_since(at, now);
                let old = days >= KEY_MAX_AGE_DAYS;
                let detail = if old {
                    t!("checkup-key-old", days = days, max = KEY_MAX_AGE_DAYS)
                } else {
                    t!("checkup-key-recent", days = days)
                };
                check(CheckId::KeyStoredRecently, GROUP, old, detail, CheckFix::RotateThisKey)
            }
            None => not_available(CheckId::KeyStoredRecently, t!("checkup-key-no-date")),
        });
    }

    checks.push(match &inputs.last_scan {
        None => check(CheckId::ScanClean, GROUP, true, t!("checkup-scan-never"), CheckFix::ScanNow),
        Some(scan) if scan.open_findings > 0 => check(
            CheckId::ScanClean,
            GROUP,
            true,
            t!("checkup-scan-findings", count = scan.open_findings),
            CheckFix::ReviewFindings,
        ),
        Some(scan) => {
            let days = days_since(scan.finished_at.unix_timestamp(), now);
            if days >= SCAN_RECENT_DAYS {
                check(CheckId::ScanClean, GROUP, true, t!("checkup-scan-old", days = days), CheckFix::ScanNow)
            } else {
                let detail = t!("checkup-scan-clean", days = days, folders = scan.folders);
                check(CheckId::ScanClean, GROUP, false, detail, CheckFix::ScanNow)
            }
        }
    });

    if !inputs.sandbox {
        checks.push(match &inputs.last_zexa_run {
            Some((at, program)) if days_since(*at, now) < ZEXA_RUN_RECENT_DAYS => {
                let detail = t!("checkup-zexa-run-used", days = days_since(*at, now), program = program.as_str());
                check(CheckId::ProgramsUseZexaRun, GROUP, false, detail, CheckFix::RotateThisKey)
            }
            _ => hint(CheckId::ProgramsUseZexaRun, t!("checkup-zexa-run-hint", days = ZEXA_RUN_RECENT_DAYS)),
        });
    }
    checks
}
