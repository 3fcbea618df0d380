//! What the active profile's server offers beyond the balance. See `zexa_app::offers`.

use std::sync::Arc;

use tauri::State;
use zexa_app::offers::ServerOffers;
use zexa_app::AppService;

use super::Reply;

command! {
    /// Learned once per profile (read-only requests), again daily or after a "not offered".
    pub async fn get_server_offers(service: State<'_, Arc<AppService>>) -> Reply<ServerOffers> {
        service.server_offers().await
    }
}
