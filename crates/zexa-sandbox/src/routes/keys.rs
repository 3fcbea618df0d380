//! `GET /api-keys`, `POST /api-keys`, `DELETE /api-keys/{id}`.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use serde_json::{json, Value};
use zexa_api::contract::{ApiKey, CreateApiKeyRequest, Page, MAX_KEY_NAME_CHARS};

use crate::auth::{require_admin, Caller};
use crate::http::{no_content, page_params, paginate, ApiFailure, ApiResult, JsonBody};
use crate::state::{iso8601, KeyRecord, ServerState};

pub fn key_json(key: &KeyRecord) -> ApiKey {
    ApiKey {
        id: key.id.clone(),
        name: key.name.clone(),
        prefix: key.prefix.clone(),
        created_at: iso8601(key.created_at),
        last_used_at: key.last_used_at.map(iso8601),
    }
}

pub async fn list(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Page<ApiKey>>> {
    require_admin(&caller)?;
    let (page, per_page) = page_params(&query)?;
    let data = state.lock();
    let mut keys: Vec<&KeyRecord> =
        data.keys.iter().rev().filter(|k| k.account_id == caller.account_id && k.revoked_at.is_none()).collect();
    // Newest first; among equal timestamps, the later-issued key first.
    keys.sort_by_key(|k| std::cmp::Reverse(k.created_at));
    Ok(paginate(keys.into_iter().map(key_json).collect(), page, per_page))
}

pub async fn create(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
    JsonBody(request): JsonBody<CreateApiKeyRequest>,
) -> ApiResult<Response> {
    require_admin(&caller)?;
    let name = request.name.trim();
    if name.is_empty() {
        return Err(ApiFailure::validation("name", "name must not be empty"));
    }
    if name.chars().count() > MAX_KEY_NAME_CHARS {
        return Err(ApiFailure::validation("name", format!("name must be at most {MAX_KEY_NAME_CHARS} characters")));
    }
    let now = state.now();
    let mut data = state.lock();
    let taken = data.keys.iter().any(|k| k.account_id == caller.account_id && k.revoked_at.is_none() && k.name == name);
    if taken {
        return Err(ApiFailure::validation("name", "an active key already has this name"));
    }
    let (secret, record) = data.issue_key(&caller.account_id, name, now);
    Ok((StatusCode::CREATED, Json(created_key_json(record, &secret))).into_response())
}

/// The one body that carries a full key; built by hand because the contract type refuses to
/// serialize its secret.
pub fn created_key_json(record: &KeyRecord, secret: &str) -> Value {
    let mut value = serde_json::to_value(key_json(record)).unwrap_or_else(|_| json!({}));
    value["key"] = Value::String(secret.to_owned());
    value
}

pub async fn revoke(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    require_admin(&caller)?;
    let now = state.now();
    let mut data = state.lock();
    let key = data
        .keys
        .iter_mut()
        .find(|k| k.id == id && k.account_id == caller.account_id && k.revoked_at.is_none())
        .ok_or_else(|| ApiFailure::not_found("No active API key with this id."))?;
    key.revoked_at = Some(now);
    Ok(no_content())
}
