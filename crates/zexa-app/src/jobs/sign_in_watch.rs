//! New sign-in alerts as a job: every profile's sessions checked at the poll interval, and at
//! once when profiles or settings change (see `sessions::watch` for the check itself).

use std::time::Duration;

use super::{Job, JobCtx, JobFuture};
use crate::service::AppService;

pub struct SignInWatchJob;

impl Job<AppService> for SignInWatchJob {
    fn name(&self) -> &'static str {
        "sign-in-watch"
    }

    fn run(&self, ctx: JobCtx<AppService>) -> JobFuture {
        Box::pin(async move {
            loop {
                // Only a weak reference is held while waiting, so the service can go away.
                let (wait, wake) = {
                    let Some(service) = ctx.service() else { return };
                    let general = service.general_settings();
                    if general.sign_in_alerts_enabled {
                        // A failed round is counted and the next one comes at the next tick.
                        ctx.round(async {
                            service.check_sessions_now().await;
                        })
                        .await;
                    }
                    let minutes = u64::from(general.poll_interval_minutes.max(1));
                    (Duration::from_secs(minutes * 60), service.sessions.watch.waker())
                };
                tokio::select! {
                    _ = tokio::time::sleep(wait) => {}
                    _ = wake.notified() => {}
                }
            }
        })
    }
}
