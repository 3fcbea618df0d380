//! The spend watch on the Overview, and its simulated spike in sandbox mode. See
//! `zexa_app::spend`.

use std::sync::Arc;

use tauri::State;
use zexa_app::spend::SpendView;
use zexa_app::AppService;

use super::Reply;

command! {
    /// The active profile's last hour against its usual spend, and the week's spikes.
    pub fn get_spend_watch(service: State<'_, Arc<AppService>>) -> Reply<SpendView> {
        service.spend_view()
    }
}

command! {
    /// Sandbox mode: a week of ordinary spending, then 20 times that in the last hour.
    pub async fn simulate_sandbox_spike(service: State<'_, Arc<AppService>>) -> Reply<()> {
        service.simulate_sandbox_spike().await
    }
}
