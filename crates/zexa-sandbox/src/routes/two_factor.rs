//! `/account/2fa`: status, setup, confirm, backup codes, disable — with real TOTP checks,
//! replay refusal, setup expiry and a lock-out after repeated wrong codes.

use std::time::{Duration, SystemTime};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use rand::Rng;
use serde_json::json;
use zexa_api::contract::{
    TwoFactorCodeRequest, TwoFactorStatus, BACKUP_CODE_COUNT, TWO_FACTOR_MAX_WRONG_CODES, TWO_FACTOR_SETUP_TTL_SECS,
};
use zexa_api::totp::{self, OtpAuthUri};

use crate::auth::{Caller, TWO_FACTOR_LOCKOUT};
use crate::http::{no_content, ApiFailure, ApiResult, JsonBody};
use crate::state::{
    constant_time_eq, iso8601, sha256, unix_secs, Data, Hash, PendingSetup, ServerState, TwoFactorRecord,
};

pub async fn status(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<TwoFactorStatus>> {
    let data = state.lock();
    let account = data.account(&caller.account_id).ok_or_else(ApiFailure::unauthorized)?;
    let two_factor = &account.two_factor;
    Ok(Json(TwoFactorStatus {
        enabled: two_factor.secret.is_some(),
        enabled_at: two_factor.enabled_at.map(iso8601),
        backup_codes_remaining: two_factor.backup_code_hashes.len() as u32,
    }))
}

pub async fn setup(State(state): State<ServerState>, Extension(caller): Extension<Caller>) -> ApiResult<Response> {
    let now = state.now();
    let mut data = state.lock();
    let account = data.account_mut(&caller.account_id).ok_or_else(ApiFailure::unauthorized)?;
    if account.two_factor.secret.is_some() {
        return Err(ApiFailure::conflict("Two-factor authentication is already enabled."));
    }
    let secret = totp::generate_secret();
    let uri = OtpAuthUri::for_account(&account.email, &secret);
    let expires_at = now + Duration::from_secs(TWO_FACTOR_SETUP_TTL_SECS);
    // A new setup replaces an unconfirmed one: only the latest secret can be confirmed.
    account.two_factor.pending = Some(PendingSetup { secret, expires_at });
    let body = json!({
        "secret": uri.secret.expose(),
        "otpauth_url": uri.to_url().expose(),
        "expires_at": iso8601(expires_at),
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

pub async fn confirm(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
    JsonBody(request): JsonBody<TwoFactorCodeRequest>,
) -> ApiResult<Response> {
    let now = state.now();
    let mut data = state.lock();
    let account = data.account_mut(&caller.account_id).ok_or_else(ApiFailure::unauthorized)?;
    let two_factor = &mut account.two_factor;
    check_lockout(two_factor, now)?;
    let pending_secret = match &two_factor.pending {
        Some(pending) if now < pending.expires_at => pending.secret.clone(),
        _ => {
            two_factor.pending = None;
            return Err(ApiFailure::not_found("There is no pending two-factor setup, or it has expired."));
        }
    };
    let step = verify_totp(two_factor, &pending_secret, &request.code, now)?;
    two_factor.secret = Some(pending_secret);
    two_factor.pending = None;
    two_factor.enabled_at = Some(now);
    two_factor.last_used_step = Some(step);
    let codes = new_backup_codes(two_factor);
    Ok(Json(json!({ "enabled": true, "backup_codes": codes })).into_response())
}

pub async fn regenerate_backup_codes(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
    JsonBody(request): JsonBody<TwoFactorCodeRequest>,
) -> ApiResult<Response> {
    let now = state.now();
    let mut data = state.lock();
    let (two_factor, secret) = enabled_two_factor(&mut data, &caller.account_id, now)?;
    let step = verify_totp(two_factor, &secret, &request.code, now)?;
    two_factor.last_used_step = Some(step);
    let codes = new_backup_codes(two_factor);
    Ok(Json(json!({ "backup_codes": codes })).into_response())
}

pub async fn disable(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
    JsonBody(request): JsonBody<TwoFactorCodeRequest>,
) -> ApiResult<Response> {
    let now = state.now();
    let mut data = state.lock();
    let (two_factor, secret) = enabled_two_factor(&mut data, &caller.account_id, now)?;
    let totp_ok = totp::verify(&secret, &request.code, unix_secs(now), two_factor.last_used_step).is_some();
    let backup_ok = !totp_ok && use_backup_code(two_factor, &request.code);
    if !totp_ok && !backup_ok {
        return Err(wrong_code(two_factor, now));
    }
    *two_factor = TwoFactorRecord::default();
    Ok(no_content())
}

fn not_enabled() -> ApiFailure {
    ApiFailure::conflict("Two-factor authentication is not enabled.")
}

/// The caller's 2FA record and secret, when 2FA is enabled and no lock-out is running: what
/// every call that takes a code for an enabled 2FA checks first.
fn enabled_two_factor<'a>(
    data: &'a mut Data,
    account_id: &str,
    now: SystemTime,
) -> ApiResult<(&'a mut TwoFactorRecord, Vec<u8>)> {
    let account = data.account_mut(account_id).ok_or_else(ApiFailure::unauthorized)?;
    let two_factor = &mut account.two_factor;
    let secret = two_factor.secret.clone().ok_or_else(not_enabled)?;
    check_lockout(two_factor, now)?;
    Ok((two_factor, secret))
}

fn check_lockout(two_factor: &mut TwoFactorRecord, now: SystemTime) -> ApiResult<()> {
    match two_factor.locked_until {
        Some(until) if now < until => {
            let left = until.duration_since(now).unwrap_or_default();
            Err(ApiFailure::rate_limited(Some(left.as_secs().max(1))))
        }
        Some(_) => {
            two_factor.locked_until = None;
            two_factor.wrong_codes = 0;
            Ok(())
        }
        None => Ok(()),
    }
}

fn verify_totp(two_factor: &mut TwoFactorRecord, secret: &[u8], code: &str, now: SystemTime) -> ApiResult<u64> {
    match totp::verify(secret, code, unix_secs(now), two_factor.last_used_step) {
        Some(step) => {
            two_factor.wrong_codes = 0;
            Ok(step)
        }
        None => Err(wrong_code(two_factor, now)),
    }
}

/// Counts a wrong code; the fifth in a row locks the 2FA endpoints for a while.
fn wrong_code(two_factor: &mut TwoFactorRecord, now: SystemTime) -> ApiFailure {
    two_factor.wrong_codes += 1;
    if two_factor.wrong_codes >= TWO_FACTOR_MAX_WRONG_CODES {
        two_factor.locked_until = Some(now + TWO_FACTOR_LOCKOUT);
    }
    ApiFailure::invalid_code()
}

const BACKUP_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

fn normalize_backup_code(code: &str) -> String {
    let compact: Vec<char> =
        code.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_lowercase).collect();
    // Split on characters, not bytes: "ab12-cd3é" must not panic in the middle of "é".
    match compact.len() {
        8 => format!("{}-{}", compact[..4].iter().collect::<String>(), compact[4..].iter().collect::<String>()),
        _ => compact.into_iter().collect(),
    }
}

fn hash_backup_code(code: &str) -> Hash {
    sha256(&[b"zexa-backup-code:", normalize_backup_code(code).as_bytes()])
}

/// Replaces all backup codes; only their hashes are kept.
fn new_backup_codes(two_factor: &mut TwoFactorRecord) -> Vec<String> {
    let mut rng = rand::rngs::OsRng;
    let mut part =
        || -> String { (0..4).map(|_| BACKUP_ALPHABET[rng.gen_range(0..BACKUP_ALPHABET.len())] as char).collect() };
    let codes: Vec<String> = (0..BACKUP_CODE_COUNT).map(|_| format!("{}-{}", part(), part())).collect();
    two_factor.backup_code_hashes = codes.iter().map(|c| hash_backup_code(c)).collect();
    codes
}

/// Consumes a matching unused backup code.
fn use_backup_code(two_factor: &mut TwoFactorRecord, code: &str) -> bool {
    let hash = hash_backup_code(code);
    match two_factor.backup_code_hashes.iter().position(|h| constant_time_eq(h, &hash)) {
        Some(index) => {
            two_factor.backup_code_hashes.remove(index);
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod backup_code_tests {
    use super::normalize_backup_code;

    #[test]
    fn backup_codes_are_split_on_characters() {
        assert_eq!(normalize_backup_code("AB12 CD34"), "ab12-cd34");
        assert_eq!(normalize_backup_code("ab12-cd3é"), "ab12-cd3é");
        assert_eq!(normalize_backup_code("ééééé"), "ééééé");
        // 8 bytes, 7 characters, "é" across the old byte split: this used to panic.
        assert_eq!(normalize_backup_code("abcéxyz"), "abcéxyz");
        assert_eq!(normalize_backup_code("日本語日本語日本"), "日本語日-本語日本");
    }
}
