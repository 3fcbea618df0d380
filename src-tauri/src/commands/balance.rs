//! The credit balance and the background monitor behind the tray.

use std::sync::Arc;

use tauri::State;
use zexa_app::view::Balance;
use zexa_app::AppService;

use super::Reply;

command! {
    /// The current balance (an answer up to a minute old is reused: the monitor polls in the
    /// background), or with `refresh` a new answer from the server (the Refresh button).
    pub async fn get_balance(service: State<'_, Arc<AppService>>, refresh: bool) -> Reply<Balance> {
        service.balance(refresh).await
    }
}

command! {
    /// Asks the credit monitor to poll now (tray "Refresh now" does the same).
    pub fn refresh_now(service: State<'_, Arc<AppService>>) -> Reply<()> {
        service.refresh_now();
        Ok(())
    }
}
