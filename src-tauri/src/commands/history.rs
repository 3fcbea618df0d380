//! Balance history: the runway and sparkline, the per-profile runway alert, the CSV export.
//! See `zexa_app::history`.

use std::sync::Arc;

use tauri::State;
use zexa_app::history::RunwayView;
use zexa_app::view::AppState;
use zexa_app::AppService;
use zexa_core::i18n::t;

use super::Reply;
use crate::native_dialogs::{NativeDialogs, SaveRequest};

command! {
    pub fn get_runway(service: State<'_, Arc<AppService>>) -> Reply<RunwayView> {
        service.runway_view()
    }
}

command! {
    /// Warn when credits last fewer than `days` days at the recent pace (0 turns it off).
    pub fn set_profile_runway_days(service: State<'_, Arc<AppService>>, id: String, days: u32) -> Reply<AppState> {
        service.set_profile_runway_days(&id, days)
    }
}

command! {
    /// A native save dialog, then the profile's history as CSV. `None` when cancelled, else the
    /// number of samples written.
    pub async fn export_history_csv(
        dialogs: State<'_, NativeDialogs>,
        service: State<'_, Arc<AppService>>,
        profile_id: String,
    ) -> Reply<Option<u32>> {
        let request = SaveRequest {
            title: t!("dialog-export-history-title"),
            file_name: "zexa-balance-history.csv",
            filter_name: t!("dialog-export-history-filter"),
            extensions: &["csv"],
        };
        let Some(path) = dialogs.ask_where_to_save(&request) else { return Ok(None) };
        service.export_history_csv(&profile_id, &path).map(Some)
    }
}

command! {
    /// Sandbox only: the demo account spends this many credits a minute (0 stops), with a week of
    /// history at that pace, so the runway and its alert can be seen at once.
    pub async fn simulate_sandbox_spending(service: State<'_, Arc<AppService>>, credits_per_minute: f64) -> Reply<()> {
        service.simulate_sandbox_spending(credits_per_minute).await
    }
}
