//! The security checkup on the Overview, and the user's confirmations of what it cannot check
//! itself ("I checked: two-factor is on" on the dashboard). See `zexa_app::checkup`.

use std::sync::Arc;

use tauri::State;
use zexa_app::checkup::{Checkup, ConfirmItem};
use zexa_app::AppService;

use super::Reply;

command! {
    pub async fn get_checkup(service: State<'_, Arc<AppService>>) -> Reply<Checkup> {
        service.checkup().await
    }
}

command! {
    /// Notes, for the active profile, that the user checked `item` on the dashboard (asked
    /// again after 90 days); answers the checkup with it counted.
    pub async fn confirm_dashboard_check(service: State<'_, Arc<AppService>>, item: ConfirmItem) -> Reply<Checkup> {
        service.confirm_dashboard_check(item).await
    }
}

command! {
    /// Takes a confirmation back; answers the checkup with the entry to confirm again.
    pub async fn unconfirm_dashboard_check(service: State<'_, Arc<AppService>>, item: ConfirmItem) -> Reply<Checkup> {
        service.unconfirm_dashboard_check(item).await
    }
}
