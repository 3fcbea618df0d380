//! Sign-in sessions: review, one-click revoke, sign out everywhere. See `zexa_app::sessions`.

use std::sync::Arc;

use tauri::State;
use zexa_app::sessions::{RevokedSession, SessionList, SignOutReport};
use zexa_app::AppService;

use super::Reply;
use zexa_app::containment::{contained, contained_sync};

#[tauri::command]
#[specta::specta]
pub async fn list_sessions(service: State<'_, Arc<AppService>>) -> Reply<SessionList> {
    contained("list_sessions", async { service.session_list().await }).await
}

/// The user opened the section: sessions first seen after this are marked *New* next time.
#[tauri::command]
#[specta::specta]
pub fn sessions_opened(service: State<'_, Arc<AppService>>) -> Reply<()> {
    contained_sync("sessions_opened", || service.sessions_opened())
}

/// One click, no confirmation: a session that had already ended counts as revoked.
#[tauri::command]
#[specta::specta]
pub async fn revoke_session(service: State<'_, Arc<AppService>>, id: String) -> Reply<RevokedSession> {
    contained("revoke_session", async { service.revoke_session(&id).await }).await
}

#[tauri::command]
#[specta::specta]
pub async fn sign_out_everywhere(service: State<'_, Arc<AppService>>) -> Reply<SignOutReport> {
    contained("sign_out_everywhere", async { service.sign_out_everywhere().await }).await
}
