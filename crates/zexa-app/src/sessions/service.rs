//! The session feature on the active profile. The API parts take only a client.

use zexa_api::contract::Session;
use zexa_api::{ApiError, Client};
use zexa_core::error::IpcError;

use super::rules::{session_hints, sort_most_recent_first};
use super::{RevokedSession, SessionFailure, SessionList, SessionRow, SignOutReport, SESSION_RULE_LIMITS};
use crate::clock::{now_rfc3339, now_utc};
use crate::ids::{checked_id, SESSION_ID_PREFIX};
use crate::service::AppService;

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

impl AppService {
    /// The active profile's sessions with their hints. What the list shows counts as seen, so
    /// the background watch does not announce a session the user has already looked at.
    pub async fn session_list(&self) -> Result<SessionList, IpcError> {
        let (profile, client) = self.active_client().await?;
        let sessions = list_sessions(&client).await?;
        let now = now_utc();
        let seen = self.seen_sessions.update(&profile.id, !profile.sandbox, |seen| {
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
            profile_id: profile.id,
            limits: SESSION_RULE_LIMITS,
            sessions: rows,
            fetched_at: now_rfc3339(),
        })
    }

    /// The user opened the Sessions section: what appears after this is *New* next time.
    pub fn sessions_opened(&self) -> Result<(), IpcError> {
        let profile = self.active_profile()?;
        self.seen_sessions.update(&profile.id, !profile.sandbox, |seen| seen.mark_opened(now_utc()));
        Ok(())
    }

    pub async fn revoke_session(&self, id: &str) -> Result<RevokedSession, IpcError> {
        let (profile, client) = self.active_client().await?;
        let revoked = revoke_session(&client, id).await?;
        tracing::info!(profile = %profile.id, session = %revoked.session_id, already_gone = revoked.already_gone, "session revoked");
        Ok(revoked)
    }

    pub async fn sign_out_everywhere(&self) -> Result<SignOutReport, IpcError> {
        let (profile, client) = self.active_client().await?;
        let report = sign_out_everywhere(&client).await?;
        tracing::info!(profile = %profile.id, signed_out = report.signed_out, failed = report.failed.len(), "signed out everywhere");
        Ok(report)
    }
}
