//! Bearer-key authentication and the optional per-account rate limit, for every `/v1` route.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::header::AUTHORIZATION;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use zexa_api::contract::Role;

use crate::http::ApiFailure;
use crate::state::{constant_time_eq, sha256, Data, ServerState};

/// Who is calling, put in the request's extensions once the key checks out.
#[derive(Debug, Clone)]
pub struct Caller {
    pub account_id: String,
    pub role: Role,
}

pub async fn authenticate(State(state): State<ServerState>, mut request: Request, next: Next) -> Response {
    let token = request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.get(..7).filter(|s| s.eq_ignore_ascii_case("bearer ")).map(|_| v[7..].trim()))
        .map(str::to_owned);
    let Some(token) = token else {
        return ApiFailure::unauthorized().into_response();
    };
    let caller = match check(&state, &token) {
        Ok(caller) => caller,
        Err(failure) => return failure.into_response(),
    };
    request.extensions_mut().insert(caller);
    next.run(request).await
}

fn check(state: &ServerState, token: &str) -> Result<Caller, ApiFailure> {
    let now = state.now();
    let hash = sha256(&[token.as_bytes()]);
    let mut data = state.lock();
    let key = data
        .keys
        .iter_mut()
        .find(|k| k.revoked_at.is_none() && constant_time_eq(&k.hash, &hash))
        .ok_or_else(ApiFailure::unauthorized)?;
    key.last_used_at = Some(now);
    let account_id = key.account_id.clone();
    let role = data.account(&account_id).map(|a| a.role).ok_or_else(ApiFailure::unauthorized)?;
    if let Some(limit) = state.rate_limit {
        count_request(&mut data, &account_id, limit, now)?;
    }
    Ok(Caller { account_id, role })
}

/// A fixed window per account: `max_requests` per `window`, then `429` until it rolls over.
fn count_request(
    data: &mut Data,
    account_id: &str,
    limit: crate::RateLimit,
    now: std::time::SystemTime,
) -> Result<(), ApiFailure> {
    let Some(account) = data.account_mut(account_id) else {
        return Ok(());
    };
    let (start, count) = match account.rate_window {
        Some((start, count)) if now.duration_since(start).unwrap_or_default() < limit.window => (start, count),
        _ => (now, 0),
    };
    if count >= limit.max_requests {
        let elapsed = now.duration_since(start).unwrap_or_default();
        let left = limit.window.saturating_sub(elapsed);
        let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
        return Err(ApiFailure::rate_limited(Some(seconds.max(1))));
    }
    account.rate_window = Some((start, count + 1));
    Ok(())
}

/// Only Admins manage API keys.
pub fn require_admin(caller: &Caller) -> Result<(), ApiFailure> {
    match caller.role {
        Role::Admin => Ok(()),
        Role::Member => Err(ApiFailure::forbidden("Only account Admins can manage API keys.")),
    }
}

pub const TWO_FACTOR_LOCKOUT: Duration = Duration::from_secs(5 * 60);
