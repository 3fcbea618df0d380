//! The scheduled scan for exposed keys as a job: when the user set a schedule (daily, weekly)
//! for their chosen folders and the last scan is that old, a scan runs in the background; a
//! finding the previous scan had not reported (and not ignored) raises one notification.

use std::time::Duration;

use super::{Job, JobCtx, JobFuture};
use crate::service::AppService;

/// How often the job looks whether a scan is due (a laptop asleep at the hour catches up).
const EVERY: Duration = Duration::from_secs(15 * 60);

pub struct ScheduledScanJob;

impl Job<AppService> for ScheduledScanJob {
    fn name(&self) -> &'static str {
        "scheduled-scan"
    }

    fn run(&self, ctx: JobCtx<AppService>) -> JobFuture {
        Box::pin(async move {
            loop {
                {
                    let Some(service) = ctx.service() else { return };
                    ctx.round(async {
                        service.run_scheduled_scan_if_due().await;
                    })
                    .await;
                }
                tokio::time::sleep(EVERY).await;
            }
        })
    }
}
