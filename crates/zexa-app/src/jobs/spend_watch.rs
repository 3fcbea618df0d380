//! The spend watch as a job: after every new balance sample (the `history` announcement) and
//! every few minutes, the last hour's spend of each profile is checked against its usual spend
//! (`spend::rules`), and a new crossing of the line raises one notification.

use std::time::Duration;

use tokio::sync::broadcast::error::RecvError;

use super::{Job, JobCtx, JobFuture};
use crate::events::AccountPart;
use crate::service::AppService;

/// Also checked on a timer, so an hour that goes quiet re-arms the alert without a new sample.
const EVERY: Duration = Duration::from_secs(5 * 60);

pub struct SpendWatchJob;

impl Job<AppService> for SpendWatchJob {
    fn name(&self) -> &'static str {
        "spend-watch"
    }

    fn run(&self, ctx: JobCtx<AppService>) -> JobFuture {
        Box::pin(async move {
            let Some(mut changes) = ctx.service().map(|service| service.account_changes()) else { return };
            loop {
                {
                    let Some(service) = ctx.service() else { return };
                    ctx.round(async {
                        service.check_spend_now().await;
                    })
                    .await;
                }
                // The next new sample, or the timer.
                loop {
                    tokio::select! {
                        change = changes.recv() => match change {
                            Ok(change) if change.what.contains(&AccountPart::History) => break,
                            Ok(_) => continue,
                            // Fell behind: some of what was missed may be samples.
                            Err(RecvError::Lagged(_)) => break,
                            Err(RecvError::Closed) => return,
                        },
                        _ = tokio::time::sleep(EVERY) => break,
                    }
                }
            }
        })
    }
}
