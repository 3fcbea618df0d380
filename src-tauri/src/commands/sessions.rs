//! Sign-in sessions: review, one-click revoke, sign out everywhere. See `zexa_app::sessions`.

use std::sync::Arc;

use tauri::State;
use zexa_app::sessions::{RevokedSession, SessionList, SignOutReport};
use zexa_app::AppService;

use super::Reply;

command! {
    pub async fn list_sessions(service: State<'_, Arc<AppService>>) -> Reply<SessionList> {
        service.session_list().await
    }
}

command! {
    /// The user opened the section: sessions first seen after this are marked *New* next time.
    pub fn sessions_opened(service: State<'_, Arc<AppService>>) -> Reply<()> {
        service.sessions_opened()
    }
}

command! {
    /// One click, no confirmation: a session that had already ended counts as revoked.
    pub async fn revoke_session(service: State<'_, Arc<AppService>>, id: String) -> Reply<RevokedSession> {
        service.revoke_session(&id).await
    }
}

command! {
    pub async fn sign_out_everywhere(service: State<'_, Arc<AppService>>) -> Reply<SignOutReport> {
        service.sign_out_everywhere().await
    }
}
