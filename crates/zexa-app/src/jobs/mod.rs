//! The home of background work. Each job has a name, runs for the app's lifetime (started by
//! `AppService::start_jobs`, stopped when the service goes), is contained (a panic is logged,
//! never the end of the app) and restarted with back-off, and has a status the window shows in
//! Settings → Background work.
//!
//! A job is one file here that implements [`Job`] and one line in `AppService::start_jobs`.
//! A job holds no strong reference to the service while it waits, so the service can go away.
//! This runner knows nothing of the service (it is generic over its host).

mod credit_monitor;
mod scheduled_scan;
mod sign_in_watch;
mod spend_watch;

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, Weak};

use serde::Serialize;
use specta::Type;

use crate::clock::now_rfc3339;
use crate::containment::{restart_delay, survive};
use crate::sync::lock;

pub use credit_monitor::CreditMonitorJob;
pub use scheduled_scan::ScheduledScanJob;
pub use sign_in_watch::SignInWatchJob;
pub use spend_watch::SpendWatchJob;

pub type JobFuture = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A piece of background work on a host `H` (the app's service). `run` returns when the job
/// has nothing more to do (the host is gone); a panic inside it is contained and the job is
/// started again after a back-off.
pub trait Job<H>: Send + Sync + 'static {
    /// Stable and unique: it names the job in the log and in the window.
    fn name(&self) -> &'static str;
    fn run(&self, ctx: JobCtx<H>) -> JobFuture;
}

/// What a running job gets: its host (weakly: a job must not keep it alive while it waits)
/// and a way to report a failed round without ending the job.
pub struct JobCtx<H> {
    name: &'static str,
    host: Weak<H>,
    jobs: Weak<Jobs>,
}

impl<H> Clone for JobCtx<H> {
    fn clone(&self) -> Self {
        Self { name: self.name, host: self.host.clone(), jobs: self.jobs.clone() }
    }
}

impl<H> JobCtx<H> {
    /// The host, while it exists; a job ends when this is `None`.
    pub(crate) fn service(&self) -> Option<Arc<H>> {
        self.host.upgrade()
    }

    /// Runs one round of the job: a panic is logged and counted in the job's status, and the
    /// job goes on with its next round. Returns whether the round completed.
    pub(crate) async fn round(&self, work: impl Future<Output = ()>) -> bool {
        let completed = survive(self.name, work).await;
        if !completed {
            self.failed();
        }
        completed
    }

    /// Records a failure the job recovered from itself (a round, a restarted part).
    pub(crate) fn failed(&self) {
        if let Some(jobs) = self.jobs.upgrade() {
            jobs.set(self.name, |status| {
                status.restarts = status.restarts.saturating_add(1);
                status.last_failure_at = Some(now_rfc3339());
            });
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum JobState {
    Running,
    /// It failed and starts again after a back-off.
    Restarting,
    /// It ended (the app is closing).
    Stopped,
}

/// What the window shows of one job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct JobStatus {
    pub name: String,
    pub state: JobState,
    /// Restarts after a failure since the app started.
    pub restarts: u32,
    /// When it last failed (RFC 3339), if it has.
    pub last_failure_at: Option<String>,
}

#[derive(Default)]
pub(crate) struct Jobs {
    statuses: Mutex<BTreeMap<&'static str, JobStatus>>,
    tasks: Mutex<Vec<tokio::task::JoinHandle<()>>>,
}

impl Jobs {
    /// Starts `job` under supervision on `runtime`; a name already started is not started twice.
    pub(crate) fn start<H: Send + Sync + 'static>(
        self: &Arc<Self>,
        runtime: &tokio::runtime::Handle,
        job: Arc<dyn Job<H>>,
        host: Weak<H>,
    ) {
        let name = job.name();
        {
            let mut statuses = lock(&self.statuses);
            if statuses.get(name).is_some_and(|s| s.state != JobState::Stopped) {
                return;
            }
            statuses.insert(
                name,
                JobStatus { name: name.to_owned(), state: JobState::Running, restarts: 0, last_failure_at: None },
            );
        }
        let ctx = JobCtx { name, host, jobs: Arc::downgrade(self) };
        let task = runtime.spawn(supervise(ctx, job));
        lock(&self.tasks).push(task);
    }

    pub(crate) fn statuses(&self) -> Vec<JobStatus> {
        lock(&self.statuses).values().cloned().collect()
    }

    fn set(&self, name: &'static str, change: impl FnOnce(&mut JobStatus)) {
        if let Some(status) = lock(&self.statuses).get_mut(name) {
            change(status);
        }
    }

    /// Ends every job: the app is closing (or a test's service is dropped).
    pub(crate) fn stop_all(&self) {
        for task in lock(&self.tasks).drain(..) {
            task.abort();
        }
        for status in lock(&self.statuses).values_mut() {
            status.state = JobState::Stopped;
        }
    }
}

impl Drop for Jobs {
    fn drop(&mut self) {
        self.stop_all();
    }
}

async fn supervise<H: Send + Sync + 'static>(ctx: JobCtx<H>, job: Arc<dyn Job<H>>) {
    let name = job.name();
    let mut restarts = 0u32;
    loop {
        if ctx.host.strong_count() == 0 {
            break;
        }
        tracing::debug!(job = name, "job started");
        if survive(name, job.run(ctx.clone())).await {
            break; // it finished: the service is gone
        }
        let delay = restart_delay(restarts);
        restarts = restarts.saturating_add(1);
        tracing::error!(job = name, ?delay, restarts, "a background job failed; restarting it");
        ctx.failed();
        let Some(jobs) = ctx.jobs.upgrade() else { break };
        jobs.set(name, |status| status.state = JobState::Restarting);
        drop(jobs);
        tokio::time::sleep(delay).await;
        let Some(jobs) = ctx.jobs.upgrade() else { break };
        jobs.set(name, |status| status.state = JobState::Running);
    }
    if let Some(jobs) = ctx.jobs.upgrade() {
        jobs.set(name, |status| status.state = JobState::Stopped);
    }
}
