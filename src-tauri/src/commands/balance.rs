//! The credit balance and the background monitor behind the tray.

use std::sync::Arc;

use tauri::State;
use zexa_app::view::Balance;
use zexa_app::AppService;

use super::Reply;
use zexa_app::containment::{contained, contained_sync};

#[tauri::command]
#[specta::specta]
pub async fn get_balance(service: State<'_, Arc<AppService>>) -> Reply<Balance> {
    contained("get_balance", async { service.balance().await }).await
}

/// Asks the credit monitor to poll now (tray "Refresh now" does the same).
#[tauri::command]
#[specta::specta]
pub fn refresh_now(service: State<'_, Arc<AppService>>) -> Reply<()> {
    contained_sync("refresh_now", || {
        service.refresh_now();
        Ok(())
    })
}
