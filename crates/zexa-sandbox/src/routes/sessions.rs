//! `GET /sessions`, `DELETE /sessions/{id}`.

use std::collections::HashMap;

use axum::extract::{Path, Query, State};
use axum::response::Response;
use axum::{Extension, Json};
use zexa_api::contract::{Page, Session};

use crate::auth::Caller;
use crate::http::{no_content, page_params, paginate, ApiFailure, ApiResult};
use crate::state::{iso8601, ServerState, SessionRecord};

pub fn session_json(session: &SessionRecord) -> Session {
    Session {
        id: session.id.clone(),
        device: session.device.clone(),
        location: session.location.clone(),
        ip: session.ip.clone(),
        created_at: iso8601(session.created_at),
        last_active_at: iso8601(session.last_active_at),
    }
}

/// An account's sessions, most recently active first.
pub fn sessions_of(sessions: &[SessionRecord], account_id: &str) -> Vec<Session> {
    let mut mine: Vec<&SessionRecord> = sessions.iter().rev().filter(|s| s.account_id == account_id).collect();
    mine.sort_by_key(|s| std::cmp::Reverse(s.last_active_at));
    mine.into_iter().map(session_json).collect()
}

pub async fn list(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Page<Session>>> {
    let (page, per_page) = page_params(&query)?;
    let data = state.lock();
    Ok(paginate(sessions_of(&data.sessions, &caller.account_id), page, per_page))
}

pub async fn revoke(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let mut data = state.lock();
    let before = data.sessions.len();
    data.sessions.retain(|s| !(s.id == id && s.account_id == caller.account_id));
    if data.sessions.len() == before {
        return Err(ApiFailure::not_found("No session with this id."));
    }
    Ok(no_content())
}
