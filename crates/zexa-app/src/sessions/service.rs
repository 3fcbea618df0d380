//! The session feature on one account (`AccountCtx`). The API parts take only a client.

use zexa_api::contract::Session;
use zexa_api::{ApiError, Client};
use zexa_core::error::IpcError;

use super::rules::{session_hints, sort_most_recent_first};
use super::seen::SeenSessions;
use super::{RevokedSession, SessionFailure, SessionList, SessionRow, SignOutReport, SESSION_RULE_LIMITS};
use crate::account::AccountCtx;
use crate::clock::{now_rfc3339, now_utc};
use crate::events::AccountPart;
use crate::ids::{checked_id, SESSION_ID_PREFIX};
use zexa_core::settings::Profile;

/// Every session, all pages, most recently active first.
pub async fn list_sessions(client: &Client) -> Result<Vec<Session>, IpcError> {
    let mut sessions = client.list_sessions().await.map_err(IpcError::from)?;
    sort_most_recent_first(&mut sessions);
    Ok(sessions)
}

/// `DELETE /sessions/{id}`; a session that has ended already counts as signed out.
pub async fn revoke_session(client: &Client, id: &str) -> Result<RevokedSession, IpcError> {
    let id = checked_id(id, SESSION_ID_PREFIX)?;
    let already_gone = match client.revoke_session(id).await {
        Ok(()) => false,
        Err(ApiError::NotFound { .. }) => true,
        Err(error) => return Err(error.into()),
    };
    Ok(RevokedSession { session_id: id.to_owned(), already_gone })
}

/// Revokes every session; one failure does not stop the others.
pub async fn sign_out_everywhere(client: &Client) -> Result<SignOutReport, IpcError> {
    let sessions = list_sessions(client).await?;
    let mut report = SignOutReport { signed_out: 0, failed: Vec::new() };
    for session in sessions {
        match revoke_session(client, &session.id).await {
            Ok(_) => report.signed_out += 1,
            Err(error) => report.failed.push(SessionFailure { session, error }),
        }
    }
    Ok(report)
}

/// One account's sessions with their hints. What the list shows counts as seen, so the
/// background watch does not announce a session the user has already looked at.
pub async fn session_list(ctx: &AccountCtx<'_>, seen_sessions: &SeenSessions) -> Result<SessionList, IpcError> {
    let profile = &ctx.profile;
    let sessions = list_sessions(&ctx.client).await?;
    let now = now_utc();
    let seen = seen_sessions.update(&profile.id, !profile.sandbox, |seen| {
        seen.observe(&sessions, now);
        seen.mark_shown(&sessions);
        seen.clone()
    });
    let rows = sessions
        .into_iter()
        .map(|session| SessionRow {
            hints: session_hints(&session, now, seen.unseen_at_last_visit(&session.id)),
            session,
        })
        .collect();
    Ok(SessionList {
        profile_id: profile.id.clone(),
        limits: SESSION_RULE_LIMITS,
        sessions: rows,
        fetched_at: now_rfc3339(),
    })
}

/// The user opened the Sessions section: what appears after this is *New* next time.
pub fn sessions_opened(profile: &Profile, seen_sessions: &SeenSessions) {
    seen_sessions.update(&profile.id, !profile.sandbox, |seen| seen.mark_opened(now_utc()));
}

pub async fn revoke(ctx: &AccountCtx<'_>, id: &str) -> Result<RevokedSession, IpcError> {
    let revoked = revoke_session(&ctx.client, id).await?;
    tracing::info!(profile = %ctx.profile.id, session = %revoked.session_id, already_gone = revoked.already_gone, "session revoked");
    ctx.announce(&[AccountPart::Sessions]);
    Ok(revoked)
}

pub async fn sign_out_all(ctx: &AccountCtx<'_>) -> Result<SignOutReport, IpcError> {
    let report = sign_out_everywhere(&ctx.client).await?;
    tracing::info!(profile = %ctx.profile.id, signed_out = report.signed_out, failed = report.failed.len(), "signed out everywhere");
    ctx.announce(&[AccountPart::Sessions]);
    Ok(report)
}
