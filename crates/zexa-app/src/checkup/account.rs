//! "On your Zexa account": two-factor, backup codes, keys and sessions, where the server offers
//! them. A part the learned offers say the server lacks is not asked for at all (no request,
//! no request id to repeat); a part answered "not offered" anyway (the offers were learned
//! before the server changed) is treated the same. Either way it becomes entries of the
//! grouped "Check these on the Zexa dashboard" item instead of a row of "Not available".
//! Any other failure (offline, a Member's key) makes only its own checks "not available", as
//! before, and those are not counted in the score.

use time::OffsetDateTime;
use zexa_api::contract::{ApiKey, Session, TwoFactorStatus};
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::i18n::t;
use zexa_core::ipc_error;

use super::{check, Check, CheckFix, CheckGroup, CheckId, CheckStatus, ConfirmItem};
use crate::api_keys::rules::{is_due_for_rotation, is_never_used, is_unused_for_long};
use crate::offers::{Offer, OfferedPart, ServerOffers};
use crate::sessions::rules::is_inactive;
use crate::two_factor::backup_codes_low;

/// What the account checks look at; each part may have failed on its own. A part the server
/// does not offer is an `Err` whose code is `NotOffered`.
pub struct AccountInputs {
    pub two_factor: Result<TwoFactorStatus, IpcError>,
    pub keys: Result<Vec<ApiKey>, IpcError>,
    pub sessions: Result<Vec<Session>, IpcError>,
    /// The rotations this app has under way for the profile.
    pub pending_rotations: usize,
}

const GROUP: CheckGroup = CheckGroup::Account;

fn names(keys: &[&ApiKey]) -> String {
    keys.iter().map(|k| format!("“{}”", k.name)).collect::<Vec<_>>().join(", ")
}

fn unavailable(id: CheckId, reason: &IpcError) -> Check {
    let detail = match reason.code {
        ErrorCode::Forbidden => t!("checkup-admins-only"),
        _ => t!("checkup-not-checked", detail = &reason.message),
    };
    Check { id, group: GROUP, status: CheckStatus::NotAvailable, detail, fix: None, reason: Some(reason.clone()) }
}

fn not_offered<T>(result: &Result<T, IpcError>) -> bool {
    matches!(result, Err(e) if e.code == ErrorCode::NotOffered)
}

/// The account checks, and the dashboard entries for what the server does not offer.
pub fn evaluate(inputs: &AccountInputs, now: OffsetDateTime) -> (Vec<Check>, Vec<ConfirmItem>) {
    let mut checks = Vec::new();
    let mut unoffered = Vec::new();
    match &inputs.two_factor {
        _ if not_offered(&inputs.two_factor) => unoffered.extend([ConfirmItem::TwoFactorOn, ConfirmItem::BackupCodes]),
        Ok(status) => {
            let detail = if status.enabled { t!("checkup-two-factor-on") } else { t!("checkup-two-factor-off") };
            checks.push(check(CheckId::TwoFactorOn, GROUP, !status.enabled, detail, CheckFix::SetUpTwoFactor));
            // With two-factor off there are no codes to count: the warning above says what to do.
            if status.enabled {
                let low = backup_codes_low(status.backup_codes_remaining);
                let left = t!("checkup-backup-codes-left", count = status.backup_codes_remaining);
                checks.push(check(CheckId::BackupCodes, GROUP, low, left, CheckFix::RegenerateBackupCodes));
            }
        }
        Err(error) => {
            checks.push(unavailable(CheckId::TwoFactorOn, error));
            checks.push(unavailable(CheckId::BackupCodes, error));
        }
    }
    let keys_offered = !not_offered(&inputs.keys);
    match &inputs.keys {
        _ if !keys_offered => unoffered.push(ConfirmItem::ApiKeys),
        Ok(keys) => {
            let old: Vec<&ApiKey> = keys.iter().filter(|k| is_due_for_rotation(k, now)).collect();
            let detail = if old.is_empty() {
                t!("checkup-no-old-keys")
            } else {
                t!("checkup-old-keys", count = old.len(), names = names(&old))
            };
            checks.push(check(CheckId::KeysUnder90Days, GROUP, !old.is_empty(), detail, CheckFix::RotateKeys));
            let idle: Vec<&ApiKey> = keys.iter().filter(|k| is_never_used(k) || is_unused_for_long(k, now)).collect();
            let detail = if idle.is_empty() {
                t!("checkup-keys-in-use")
            } else {
                t!("checkup-idle-keys", count = idle.len(), names = names(&idle))
            };
            checks.push(check(CheckId::KeysInUse, GROUP, !idle.is_empty(), detail, CheckFix::ReviewKeys));
        }
        Err(error) => {
            checks.push(unavailable(CheckId::KeysUnder90Days, error));
            checks.push(unavailable(CheckId::KeysInUse, error));
        }
    }
    match &inputs.sessions {
        _ if not_offered(&inputs.sessions) => unoffered.push(ConfirmItem::Sessions),
        Ok(sessions) => {
            let idle = sessions.iter().filter(|s| is_inactive(s, now)).count();
            let detail =
                if idle == 0 { t!("checkup-no-idle-sessions") } else { t!("checkup-idle-sessions", count = idle) };
            checks.push(check(CheckId::SessionsActive, GROUP, idle > 0, detail, CheckFix::ReviewSessions));
        }
        Err(error) => checks.push(unavailable(CheckId::SessionsActive, error)),
    }
    // Rotations need a server that creates keys: without one this would be a pass that can
    // never fail, so it is left out unless one is somehow under way.
    let pending = inputs.pending_rotations;
    if keys_offered || pending > 0 {
        let detail = if pending == 0 {
            t!("checkup-no-pending-rotations")
        } else {
            t!("checkup-pending-rotations", count = pending)
        };
        checks.push(check(CheckId::RotationsFinished, GROUP, pending > 0, detail, CheckFix::FinishRotations));
    }
    (checks, unoffered)
}

/// The error standing in for a part the learned offers say the server lacks: nothing was sent.
pub fn known_not_offered() -> IpcError {
    ipc_error!(ErrorCode::NotOffered, "checkup-not-offered")
}

/// Asks the server for what it offers, the three requests at the same time; a part the offers
/// say it lacks is not asked. `noted` hears each part answered "not offered" by the server.
pub async fn gather(
    client: &zexa_api::Client,
    offers: &ServerOffers,
    pending_rotations: usize,
    noted: impl Fn(OfferedPart),
) -> AccountInputs {
    let asks = |part| offers.get(part) != Offer::NotOffered;
    let two_factor = async {
        if !asks(OfferedPart::TwoFactor) {
            return Err(known_not_offered());
        }
        client.two_factor_status().await.map_err(IpcError::from)
    };
    let keys = async {
        if !asks(OfferedPart::ApiKeys) {
            return Err(known_not_offered());
        }
        client.list_api_keys().await.map_err(IpcError::from)
    };
    let sessions = async {
        if !asks(OfferedPart::Sessions) {
            return Err(known_not_offered());
        }
        client.list_sessions().await.map_err(IpcError::from)
    };
    let (two_factor, keys, sessions) = tokio::join!(two_factor, keys, sessions);
    for (part, answered_not_offered) in [
        (OfferedPart::TwoFactor, not_offered(&two_factor)),
        (OfferedPart::ApiKeys, not_offered(&keys)),
        (OfferedPart::Sessions, not_offered(&sessions)),
    ] {
        if answered_not_offered && asks(part) {
            noted(part);
        }
    }
    AccountInputs { two_factor, keys, sessions, pending_rotations }
}
