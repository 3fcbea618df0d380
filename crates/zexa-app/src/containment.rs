//! A panic must not take the app down, nor leave a part of it silently dead: a command that
//! panics answers an `internal` error; a background task (the credit monitor, its forwarder, the
//! session watch) logs the panic and goes on, the monitor restarting with back-off.
//!
//! With the `fault-hooks` feature (tests only; never in a shipped build), a fault can be armed
//! at one of these points to prove it.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures_util::FutureExt;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;

/// Where a fault hook can fire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FaultPoint {
    /// Inside a command's work (`AppService::balance`).
    Command,
    /// Inside the credit monitor's poll.
    Monitor,
    /// Inside the new sign-in check.
    SessionWatch,
    /// Inside the follow-up of a balance answer (history sample, runway alert).
    FollowUp,
}

/// The panic's message, for the log (panics carry no secrets: secrets are `Sensitive`).
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// Runs a command's work; a panic becomes an `internal` error with a sentence for the user.
pub async fn contained<T>(what: &str, work: impl Future<Output = Result<T, IpcError>>) -> Result<T, IpcError> {
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(result) => result,
        Err(payload) => {
            tracing::error!(command = what, panic = %panic_message(payload.as_ref()), "a command failed unexpectedly");
            Err(ipc_error!(ErrorCode::Internal, "error-contained-panic"))
        }
    }
}

/// As [`contained`], for work that is not async.
pub fn contained_sync<T>(what: &str, work: impl FnOnce() -> Result<T, IpcError>) -> Result<T, IpcError> {
    futures_util::FutureExt::now_or_never(contained(what, async move { work() })).expect("a ready future is ready")
}

/// Runs one round of a background task; a panic is logged and the task goes on.
pub async fn survive(what: &str, work: impl Future<Output = ()>) -> bool {
    match AssertUnwindSafe(work).catch_unwind().await {
        Ok(()) => true,
        Err(payload) => {
            tracing::error!(task = what, panic = %panic_message(payload.as_ref()), "a background task failed; it goes on");
            false
        }
    }
}

/// Back-off before restarting a background task that died: 1 s, 2 s, 4 s … at most a minute.
pub fn restart_delay(restarts: u32) -> Duration {
    Duration::from_secs(1u64 << restarts.min(6)).min(Duration::from_secs(60))
}

#[cfg(feature = "fault-hooks")]
pub(crate) mod hooks {
    use std::collections::HashSet;
    use std::sync::Mutex;

    use super::FaultPoint;

    static ARMED: Mutex<Option<HashSet<(usize, FaultPoint)>>> = Mutex::new(None);

    /// Arms a one-shot panic at `point` for the service at `owner` (its address).
    pub fn arm(owner: usize, point: FaultPoint) {
        ARMED.lock().unwrap_or_else(|e| e.into_inner()).get_or_insert_with(HashSet::new).insert((owner, point));
    }

    pub fn fire(owner: usize, point: FaultPoint) {
        let armed =
            ARMED.lock().unwrap_or_else(|e| e.into_inner()).as_mut().is_some_and(|set| set.remove(&(owner, point)));
        if armed {
            panic!("zexa-fault-hook: injected fault at {point:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use zexa_core::error::ErrorCode;

    #[tokio::test]
    async fn a_panicking_command_is_an_internal_error() {
        let answer: Result<(), IpcError> = contained("test", async { panic!("boom") }).await;
        let error = answer.unwrap_err();
        assert_eq!(error.code, ErrorCode::Internal);
        assert!(error.message.contains("Try again"), "{}", error.message);
        assert_eq!(contained("test", async { Ok::<_, IpcError>(7) }).await.unwrap(), 7);
        assert!(contained_sync("test", || -> Result<(), IpcError> { panic!("sync boom") }).is_err());
    }

    #[tokio::test]
    async fn a_background_round_survives_a_panic() {
        assert!(!survive("test", async { panic!("boom") }).await);
        assert!(survive("test", async {}).await);
        assert_eq!(restart_delay(0), Duration::from_secs(1));
        assert_eq!(restart_delay(3), Duration::from_secs(8));
        assert_eq!(restart_delay(40), Duration::from_secs(60));
    }
}
