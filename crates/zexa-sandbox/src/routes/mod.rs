//! The `/v1` API: every endpoint of parts A and B of the contract.

mod account;
mod keys;
mod sessions;
mod two_factor;

use axum::extract::Request;
use axum::middleware::from_fn_with_state;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use zexa_api::contract::Endpoint;

use crate::auth::authenticate;
use crate::faults::inject_faults;
use crate::http::ApiFailure;
use crate::state::ServerState;

pub use keys::{created_key_json, key_json};
pub use sessions::{session_json, sessions_of};

/// `documented_only`: just `GET /credits`, the one endpoint Zexa documents; the rest of the
/// contract (ours) answers `404` like any unknown route.
pub fn api_router(state: ServerState, documented_only: bool) -> Router<ServerState> {
    let path = |endpoint: Endpoint| endpoint.path_template();
    let credits = Router::new().route(path(Endpoint::Credits), get(account::credits));
    let routes = if documented_only { credits } else { credits.merge(contract_routes()) };
    routes
        .route_layer(from_fn_with_state(state.clone(), authenticate))
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(from_fn_with_state(state, inject_faults))
}

/// Our contract's part B: keys, sessions, two-factor, password, the account.
fn contract_routes() -> Router<ServerState> {
    let path = |endpoint: Endpoint| endpoint.path_template();
    Router::new()
        .route(path(Endpoint::Account), get(account::account))
        .route(path(Endpoint::ListApiKeys), get(keys::list).post(keys::create))
        .route(path(Endpoint::RevokeApiKey), delete(keys::revoke))
        .route(path(Endpoint::ListSessions), get(sessions::list))
        .route(path(Endpoint::RevokeSession), delete(sessions::revoke))
        .route(path(Endpoint::TwoFactorStatus), get(two_factor::status).delete(two_factor::disable))
        .route(path(Endpoint::TwoFactorSetup), post(two_factor::setup))
        .route(path(Endpoint::TwoFactorConfirm), post(two_factor::confirm))
        .route(path(Endpoint::RegenerateBackupCodes), post(two_factor::regenerate_backup_codes))
        .route(path(Endpoint::ChangePassword), post(account::change_password))
}

/// Unknown routes still answer in the contract's error shape.
pub async fn no_route(request: Request) -> Response {
    ApiFailure::not_found(format!("No route for {} {}.", request.method(), request.uri().path())).into_response()
}

async fn method_not_allowed(request: Request) -> Response {
    let message = format!("{} is not allowed on {}.", request.method(), request.uri().path());
    ApiFailure::new(axum::http::StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed", message).into_response()
}
