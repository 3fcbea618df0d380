//! `GET /credits`, `GET /account`, `POST /account/password`.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::{Extension, Json};
use serde_json::json;
use zexa_api::contract::{error_codes, Account, ChangePasswordRequest, Credits, PasswordRule};

use crate::auth::Caller;
use crate::http::{no_content, ApiFailure, ApiResult, JsonBody};
use crate::state::ServerState;

pub async fn credits(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Credits>> {
    let now = state.now();
    let mut data = state.lock();
    let account = data.account_mut(&caller.account_id).ok_or_else(ApiFailure::unauthorized)?;
    account.settle(now);
    Ok(Json(Credits { credits: account.credits.normalize(), currency: account.currency.clone() }))
}

pub async fn account(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
) -> ApiResult<Json<Account>> {
    let data = state.lock();
    let account = data.account(&caller.account_id).ok_or_else(ApiFailure::unauthorized)?;
    Ok(Json(Account {
        id: account.id.clone(),
        name: account.name.clone(),
        email: account.email.clone(),
        role: account.role,
        two_factor_enabled: account.two_factor.secret.is_some(),
    }))
}

pub async fn change_password(
    State(state): State<ServerState>,
    Extension(caller): Extension<Caller>,
    JsonBody(request): JsonBody<ChangePasswordRequest>,
) -> ApiResult<Response> {
    let mut data = state.lock();
    let account = data.account_mut(&caller.account_id).ok_or_else(ApiFailure::unauthorized)?;
    if !account.password_matches(&request.current_password) {
        return Err(ApiFailure::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            error_codes::INVALID_CURRENT_PASSWORD,
            "The current password is not correct.",
        ));
    }
    let failed = PasswordRule::unmet(&request.new_password);
    if !failed.is_empty() {
        let names: Vec<&str> = failed.iter().map(|rule| rule.wire_name()).collect();
        return Err(ApiFailure::validation("new_password", "The new password does not meet the policy.")
            .with_details(json!({ "field": "new_password", "failed": names })));
    }
    account.set_password(&request.new_password);
    Ok(no_content())
}
