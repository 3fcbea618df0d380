//! Background work, for Settings → Background work. See `zexa_app::jobs`.

use std::sync::Arc;

use tauri::State;
use zexa_app::jobs::JobStatus;
use zexa_app::AppService;

use super::Reply;

command! {
    /// What each background job is doing: running, restarting after a failure, or stopped.
    pub fn get_jobs(service: State<'_, Arc<AppService>>) -> Reply<Vec<JobStatus>> {
        Ok(service.job_statuses())
    }
}
