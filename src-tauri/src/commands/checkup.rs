//! The security checkup on the Overview. See `zexa_app::checkup`.

use std::sync::Arc;

use tauri::State;
use zexa_app::checkup::Checkup;
use zexa_app::AppService;

use super::Reply;

command! {
    pub async fn get_checkup(service: State<'_, Arc<AppService>>) -> Reply<Checkup> {
        service.checkup().await
    }
}
