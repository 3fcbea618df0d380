//! The credit monitor as a job: it follows each monitor `restart_monitor_now` starts for the
//! active profile (`zexa_monitor::CreditMonitor`), forwards its statuses to the tray and the
//! connection state, and starts a new monitor after a back-off when one dies.

use super::{Job, JobCtx, JobFuture};
use crate::service::AppService;

pub struct CreditMonitorJob;

impl Job<AppService> for CreditMonitorJob {
    fn name(&self) -> &'static str {
        "credit-monitor"
    }

    fn run(&self, ctx: JobCtx<AppService>) -> JobFuture {
        Box::pin(async move {
            let Some(mut monitors) = ctx.service().map(|service| service.started_monitors()) else { return };
            let mut followed: Option<u64> = None;
            loop {
                let current = monitors.borrow_and_update().clone();
                let Some((number, mut updates)) = current.filter(|(n, _)| Some(*n) != followed) else {
                    if monitors.changed().await.is_err() {
                        return; // the service is gone
                    }
                    continue;
                };
                followed = Some(number);
                let mut polls_logged = 0;
                loop {
                    let status = updates.borrow_and_update().clone();
                    // Settings changes republish the status too; log actual polls only.
                    let new_poll = status.polls != polls_logged;
                    polls_logged = status.polls;
                    let Some(service) = ctx.service() else { return };
                    service.publish_monitor_status(status, new_poll);
                    drop(service);
                    if updates.changed().await.is_err() {
                        break; // that monitor was stopped, or it died
                    }
                }
                let Some(service) = ctx.service() else { return };
                if service.monitor_died() {
                    ctx.failed();
                    let delay = service.monitor_restart_delay();
                    drop(service);
                    tokio::time::sleep(delay).await;
                    let Some(service) = ctx.service() else { return };
                    service.restart_monitor_now().await;
                }
            }
        })
    }
}
