//! `/_sandbox/*`: what tests and demos need to see and steer, refused to non-loopback peers.
//! Never part of the contract and never sent to a live server. Documented in docs/sandbox.md.

use std::collections::HashMap;
use std::sync::atomic::Ordering;
use std::time::Duration;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{json, Value};
use zexa_api::contract::Role;
use zexa_api::{totp, Decimal};

use crate::faults::{Fault, FaultRule};
use crate::guard::{limits, require_admin_access, AdminAccess};
use crate::http::{no_content, ApiFailure, ApiResult, JsonBody};
use crate::routes::no_route;
use crate::seed::new_account;
use crate::state::{iso8601, new_id, unix_secs, AccountRecord, Data, KeyRecord, ServerState, SessionRecord};

pub fn admin_router(access: AdminAccess) -> Router<ServerState> {
    Router::new()
        .route("/", get(index))
        .route("/accounts", get(list_accounts).post(create_account))
        .route("/balance", put(set_balance))
        .route("/spending", put(set_spending))
        .route("/api-keys", get(list_keys).post(issue_key))
        .route("/api-keys/{id}", delete(revoke_key))
        .route("/sessions", get(list_sessions).post(seed_session))
        .route("/totp", get(current_totp))
        .route("/faults", get(list_faults).post(add_fault).delete(clear_faults))
        .route("/faults/{id}", delete(remove_fault))
        .route("/clock", get(clock).post(advance_clock))
        .route("/connections", get(connections))
        .route("/requests", get(requests))
        .fallback(no_route)
        .route_layer(from_fn_with_state(access, require_admin_access))
}

fn too_big(what: &str) -> ApiFailure {
    ApiFailure::validation(what, format!("{what} is out of the range the sandbox accepts"))
}

/// Every number and text a fault rule carries, bounded: an oversized body of `u64::MAX` bytes
/// must not take the app that embeds the sandbox down with it.
fn check_fault(rule: &FaultRule) -> ApiResult<()> {
    let ok = match &rule.fault {
        Fault::Delay { ms } => *ms <= limits::MAX_DELAY_MS,
        Fault::Status { status, body } => {
            (100..=599).contains(status) && body.as_ref().is_none_or(|b| b.len() <= limits::MAX_BODY_BYTES)
        }
        Fault::RateLimit { retry_after } => retry_after.is_none_or(|r| r <= limits::MAX_RETRY_AFTER_SECS),
        Fault::OversizedBody { bytes } => bytes.is_none_or(|b| b <= limits::MAX_BODY_BYTES),
        Fault::MalformedBody | Fault::TruncatedBody | Fault::ResetConnection => true,
    };
    if !ok {
        return Err(too_big("fault"));
    }
    if rule.times.is_some_and(|t| t > limits::MAX_TIMES) {
        return Err(too_big("times"));
    }
    if rule.path.chars().count() > limits::MAX_PATH_CHARS {
        return Err(too_big("path"));
    }
    Ok(())
}

#[derive(Deserialize)]
struct SpendingBody {
    account_id: Option<String>,
    /// Credits spent a minute from now on; 0 stops.
    #[serde(with = "zexa_api::decimal::json_number")]
    credits_per_minute: Decimal,
}

/// Simulated steady spending (a demo of the runway): the balance falls by this much a minute.
async fn set_spending(
    State(state): State<ServerState>,
    JsonBody(body): JsonBody<SpendingBody>,
) -> ApiResult<Json<Value>> {
    if body.credits_per_minute < Decimal::ZERO || body.credits_per_minute > Decimal::from(1_000_000) {
        return Err(too_big("credits_per_minute"));
    }
    let now = state.now();
    let mut data = state.lock();
    let account = resolve_account(&mut data, body.account_id.as_deref())?;
    account.settle(now);
    account.spending = (body.credits_per_minute > Decimal::ZERO)
        .then_some(crate::state::Spending { per_minute: body.credits_per_minute, since: now });
    Ok(Json(account_json(account)))
}

fn check_credits(credits: Option<Decimal>) -> ApiResult<()> {
    if credits.is_some_and(|c| c.abs() > Decimal::from(limits::MAX_ABS_CREDITS)) {
        return Err(too_big("credits"));
    }
    Ok(())
}

fn check_text(field: &str, text: &str) -> ApiResult<()> {
    if text.chars().count() > limits::MAX_TEXT_CHARS {
        return Err(too_big(field));
    }
    Ok(())
}

const ROUTES: &[&str] = &[
    "GET /_sandbox/accounts",
    "POST /_sandbox/accounts",
    "PUT /_sandbox/balance",
    "PUT /_sandbox/spending",
    "GET /_sandbox/api-keys",
    "POST /_sandbox/api-keys",
    "DELETE /_sandbox/api-keys/{id}",
    "GET /_sandbox/sessions",
    "POST /_sandbox/sessions",
    "GET /_sandbox/totp",
    "GET /_sandbox/faults",
    "POST /_sandbox/faults",
    "DELETE /_sandbox/faults",
    "DELETE /_sandbox/faults/{id}",
    "GET /_sandbox/clock",
    "POST /_sandbox/clock",
    "GET /_sandbox/connections",
    "GET /_sandbox/requests",
];

async fn index() -> Json<Value> {
    Json(json!({ "routes": ROUTES }))
}

/// `account_id` from a query or body, defaulting to the seeded Admin.
fn resolve_account<'a>(data: &'a mut Data, account_id: Option<&str>) -> ApiResult<&'a mut AccountRecord> {
    let id = account_id.map(str::to_owned).unwrap_or_else(|| data.primary_account_id.clone());
    data.account_mut(&id).ok_or_else(|| ApiFailure::not_found(format!("No account {id}.")))
}

fn account_json(account: &AccountRecord) -> Value {
    json!({
        "id": account.id,
        "name": account.name,
        "email": account.email,
        "role": account.role,
        "credits": serde_json::from_str::<Value>(&account.credits.normalize().to_string()).unwrap_or(Value::Null),
        "currency": account.currency,
        "two_factor_enabled": account.two_factor.secret.is_some(),
        "spending_per_minute": account.spending.map(|s| s.per_minute.normalize().to_string()),
    })
}

async fn list_accounts(State(state): State<ServerState>) -> Json<Value> {
    let data = state.lock();
    Json(json!({ "data": data.accounts.iter().map(account_json).collect::<Vec<_>>() }))
}

fn optional_decimal<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Decimal>, D::Error> {
    zexa_api::decimal::json_number::deserialize(deserializer).map(Some)
}

#[derive(Deserialize)]
struct NewAccount {
    name: String,
    email: String,
    #[serde(default = "member")]
    role: Role,
    #[serde(default, deserialize_with = "optional_decimal")]
    credits: Option<Decimal>,
    currency: Option<String>,
    password: Option<String>,
}

fn member() -> Role {
    Role::Member
}

/// Creates an account (a Member by default) and issues it a key, returned in full.
async fn create_account(State(state): State<ServerState>, JsonBody(body): JsonBody<NewAccount>) -> ApiResult<Response> {
    check_text("name", &body.name)?;
    check_text("email", &body.email)?;
    check_credits(body.credits)?;
    for (field, text) in [("currency", &body.currency), ("password", &body.password)] {
        if let Some(text) = text {
            check_text(field, text)?;
        }
    }
    let now = state.now();
    let password = body.password.unwrap_or_else(|| crate::seed::DEMO_PASSWORD.to_owned());
    let mut account = new_account(&body.name, &body.email, body.role, body.credits.unwrap_or_default(), &password);
    if let Some(currency) = body.currency {
        account.currency = currency;
    }
    let mut data = state.lock();
    let account_id = account.id.clone();
    let account_value = account_json(&account);
    data.accounts.push(account);
    let (secret, record) = data.issue_key(&account_id, "Sandbox key", now);
    let key = crate::routes::created_key_json(record, &secret);
    Ok((StatusCode::CREATED, Json(json!({ "account": account_value, "api_key": secret, "key": key }))).into_response())
}

#[derive(Deserialize)]
struct Balance {
    account_id: Option<String>,
    #[serde(with = "zexa_api::decimal::json_number")]
    credits: Decimal,
    currency: Option<String>,
}

async fn set_balance(State(state): State<ServerState>, JsonBody(body): JsonBody<Balance>) -> ApiResult<Json<Value>> {
    check_credits(Some(body.credits))?;
    if let Some(currency) = &body.currency {
        check_text("currency", currency)?;
    }
    let now = state.now();
    let mut data = state.lock();
    let account = resolve_account(&mut data, body.account_id.as_deref())?;
    account.settle(now);
    if let Some(spending) = account.spending.as_mut() {
        spending.since = now; // the new balance is where spending goes on from
    }
    account.credits = body.credits;
    if let Some(currency) = body.currency {
        account.currency = currency;
    }
    Ok(Json(account_json(account)))
}

fn admin_key_json(key: &KeyRecord) -> Value {
    let mut value = serde_json::to_value(crate::routes::key_json(key)).unwrap_or_else(|_| json!({}));
    value["account_id"] = json!(key.account_id);
    value["revoked_at"] = json!(key.revoked_at.map(iso8601));
    value
}

/// Every key ever issued, revoked ones included (secrets are not kept, so none are shown).
async fn list_keys(State(state): State<ServerState>, Query(query): Query<HashMap<String, String>>) -> Json<Value> {
    let data = state.lock();
    let keys: Vec<Value> = data
        .keys
        .iter()
        .filter(|k| query.get("account_id").is_none_or(|id| &k.account_id == id))
        .map(admin_key_json)
        .collect();
    Json(json!({ "data": keys }))
}

#[derive(Deserialize)]
struct NewKey {
    account_id: Option<String>,
    name: String,
}

/// Issues a key as the dashboard's "New API Key" would; the full key is in this answer only.
async fn issue_key(State(state): State<ServerState>, JsonBody(body): JsonBody<NewKey>) -> ApiResult<Response> {
    let now = state.now();
    let mut data = state.lock();
    let account_id = resolve_account(&mut data, body.account_id.as_deref())?.id.clone();
    let (secret, record) = data.issue_key(&account_id, body.name.trim(), now);
    Ok((StatusCode::CREATED, Json(crate::routes::created_key_json(record, &secret))).into_response())
}

/// Revokes a key as the dashboard's "Revoke" would: immediately, whoever holds it.
async fn revoke_key(State(state): State<ServerState>, Path(id): Path<String>) -> ApiResult<Response> {
    let now = state.now();
    let mut data = state.lock();
    let key = data
        .keys
        .iter_mut()
        .find(|k| k.id == id && k.revoked_at.is_none())
        .ok_or_else(|| ApiFailure::not_found("No active API key with this id."))?;
    key.revoked_at = Some(now);
    Ok(no_content())
}

async fn list_sessions(
    State(state): State<ServerState>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let mut data = state.lock();
    let account_id = resolve_account(&mut data, query.get("account_id").map(String::as_str))?.id.clone();
    Ok(Json(json!({ "data": crate::routes::sessions_of(&data.sessions, &account_id) })))
}

#[derive(Deserialize)]
struct NewSession {
    account_id: Option<String>,
    device: String,
    location: String,
    ip: String,
    /// How long ago the session was last active (default 0: now).
    #[serde(default)]
    last_active_secs_ago: u64,
}

async fn seed_session(State(state): State<ServerState>, JsonBody(body): JsonBody<NewSession>) -> ApiResult<Response> {
    if body.last_active_secs_ago > limits::MAX_CLOCK_SECS {
        return Err(too_big("last_active_secs_ago"));
    }
    for (field, text) in [("device", &body.device), ("location", &body.location), ("ip", &body.ip)] {
        check_text(field, text)?;
    }
    let now = state.now();
    let mut data = state.lock();
    let account_id = resolve_account(&mut data, body.account_id.as_deref())?.id.clone();
    let last_active_at = now - Duration::from_secs(body.last_active_secs_ago);
    let session = SessionRecord {
        id: new_id("ses"),
        account_id,
        device: body.device,
        location: body.location,
        ip: body.ip,
        created_at: last_active_at,
        last_active_at,
    };
    let value = serde_json::to_value(crate::routes::session_json(&session)).unwrap_or_default();
    data.sessions.push(session);
    Ok((StatusCode::CREATED, Json(value)).into_response())
}

/// The code an authenticator app would show now for the account's active secret, or for its
/// pending setup when 2FA is not enabled yet. `offset_steps=1` gives the next step's code.
async fn current_totp(
    State(state): State<ServerState>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let offset: i64 = match query.get("offset_steps") {
        Some(text) => text.parse().map_err(|_| ApiFailure::invalid_request("offset_steps must be an integer."))?,
        None => 0,
    };
    if offset.abs() > limits::MAX_OFFSET_STEPS {
        return Err(too_big("offset_steps"));
    }
    let now = unix_secs(state.now()) as i64 + offset * totp::PERIOD_SECS as i64;
    let now = now.max(0) as u64;
    let mut data = state.lock();
    let account = resolve_account(&mut data, query.get("account_id").map(String::as_str))?;
    let two_factor = &account.two_factor;
    let (secret, source) = match (&two_factor.secret, &two_factor.pending) {
        (Some(secret), _) => (secret, "enabled"),
        (None, Some(pending)) => (&pending.secret, "pending"),
        (None, None) => return Err(ApiFailure::not_found("The account has no TOTP secret (2FA off, no setup).")),
    };
    Ok(Json(json!({
        "code": totp::code_at(secret, now),
        "source": source,
        "step": totp::step_at(now),
        "seconds_remaining": totp::seconds_remaining(now),
    })))
}

async fn list_faults(State(state): State<ServerState>) -> Json<Value> {
    Json(json!({ "data": state.faults.list() }))
}

async fn add_fault(State(state): State<ServerState>, JsonBody(rule): JsonBody<FaultRule>) -> ApiResult<Response> {
    check_fault(&rule)?;
    Ok((StatusCode::CREATED, Json(state.faults.add(rule))).into_response())
}

async fn clear_faults(State(state): State<ServerState>) -> Response {
    state.faults.clear();
    no_content()
}

async fn remove_fault(State(state): State<ServerState>, Path(id): Path<String>) -> ApiResult<Response> {
    if state.faults.remove(&id) {
        Ok(no_content())
    } else {
        Err(ApiFailure::not_found("No fault with this id."))
    }
}

fn clock_json(state: &ServerState) -> Json<Value> {
    let now = state.now();
    Json(json!({
        "now": iso8601(now),
        "offset_secs": state.clock_offset_secs.load(Ordering::SeqCst),
    }))
}

async fn clock(State(state): State<ServerState>) -> Json<Value> {
    clock_json(&state)
}

#[derive(Deserialize)]
struct Advance {
    seconds: u64,
}

/// Moves the sandbox's clock forward (setup expiry, lock-outs, TOTP steps), at most ten years
/// in all.
async fn advance_clock(State(state): State<ServerState>, JsonBody(body): JsonBody<Advance>) -> ApiResult<Json<Value>> {
    let moved = state.clock_offset_secs.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |offset| {
        offset.checked_add(body.seconds).filter(|total| *total <= limits::MAX_CLOCK_SECS)
    });
    if moved.is_err() {
        return Err(too_big("seconds"));
    }
    Ok(clock_json(&state))
}

async fn connections(State(state): State<ServerState>) -> Json<Value> {
    Json(json!({
        "accepted": state.connections.accepted.load(Ordering::SeqCst),
        "refused": state.connections.refused.load(Ordering::SeqCst),
    }))
}

/// `METHOD /path` of the requests recorded so far (bounded, see `request_log`), so a test run
/// from another process can count what a client asked, e.g. the `GET /v1/credits` of a start-up.
async fn requests(State(state): State<ServerState>) -> Json<Value> {
    Json(json!({ "data": state.requests.entries() }))
}
