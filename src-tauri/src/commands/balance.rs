//! The credit balance and the background monitor behind the tray.

use std::sync::Arc;

use tauri::State;
use zexa_app::view::Balance;
use zexa_app::AppService;

use super::Reply;

#[tauri::command]
#[specta::specta]
pub async fn get_balance(service: State<'_, Arc<AppService>>) -> Reply<Balance> {
    service.balance().await
}

/// Asks the credit monitor to poll now (tray "Refresh now" does the same).
#[tauri::command]
#[specta::specta]
pub fn refresh_now(service: State<'_, Arc<AppService>>) -> Reply<()> {
    service.refresh_now();
    Ok(())
}
