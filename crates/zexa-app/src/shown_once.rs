//! Secrets the user must see once (a new API key, new backup codes, a 2FA setup key) wait here
//! while their dialog is open, so that *Copy*, *Use it for a profile* or *Save to file* never
//! send the secret back from the webview: the dialog names a slot by its id. The slot is emptied
//! when the dialog closes, and in any case after [`SLOT_LIFETIME`]: a timer task per slot drops
//! it then, whether or not anything else happens (a dialog lost with a crashed webview never
//! says it closed). The timer is aborted when its slot goes, so no task outlives the service.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};
use std::time::Duration;

use rand::Rng;
use tokio::runtime::Handle;
use tokio::task::AbortHandle;
use tokio::time::Instant;
use zexa_api::contract::ApiKey;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;

use crate::sync::lock;

/// Long enough to deploy a key while its dialog stays open; short enough that a dialog lost
/// with a crashed webview does not keep a secret for the rest of the day.
pub const SLOT_LIFETIME: Duration = Duration::from_secs(30 * 60);

/// What a secret is, and what the app may do with it besides copying.
#[derive(Debug, Clone)]
pub enum SlotContent {
    /// A key just created on the account of `profile_id` (reachable at `base_url`).
    ApiKey { key: ApiKey, profile_id: String, base_url: String },
    /// Backup codes, one a line, for the account with this email (named in a saved file).
    BackupCodes { account_email: String },
    /// Any other secret text (a 2FA setup key).
    Text,
}

pub struct Slot {
    pub secret: SecretString,
    pub content: SlotContent,
    created: Instant,
    /// The task that drops this slot at the end of its lifetime.
    expiry: AbortHandle,
}

impl Drop for Slot {
    fn drop(&mut self) {
        // Forgotten or dropped with the service: its timer has nothing left to do.
        self.expiry.abort();
    }
}

type SlotMap = Mutex<HashMap<String, Slot>>;

pub struct ShownOnceSlots {
    slots: Arc<SlotMap>,
    runtime: Handle,
    lifetime: Duration,
}

fn slot_id() -> String {
    format!("slot_{:032x}", rand::thread_rng().gen::<u128>())
}

fn gone() -> IpcError {
    ipc_error!(ErrorCode::InvalidInput, "error-secret-gone")
}

impl ShownOnceSlots {
    /// Slots that last [`SLOT_LIFETIME`]; their timers run on `runtime`.
    pub fn new(runtime: Handle) -> Self {
        Self { slots: Arc::default(), runtime, lifetime: SLOT_LIFETIME }
    }

    /// Keeps `secret` until its dialog closes; returns the slot id the dialog refers to.
    pub fn put(&self, secret: SecretString, content: SlotContent) -> String {
        let id = slot_id();
        let expiry = self.runtime.spawn(drop_at_expiry(Arc::downgrade(&self.slots), id.clone(), self.lifetime));
        let slot = Slot { secret, content, created: Instant::now(), expiry: expiry.abort_handle() };
        lock(&self.slots).insert(id.clone(), slot);
        id
    }

    /// Runs `use_slot` on the slot, if it is still there.
    pub fn with<T>(&self, id: &str, use_slot: impl FnOnce(&Slot) -> T) -> Result<T, IpcError> {
        let slots = lock(&self.slots);
        match slots.get(id) {
            // The timer may run late on a busy runtime; an expired slot is refused all the same.
            Some(slot) if slot.created.elapsed() < self.lifetime => Ok(use_slot(slot)),
            _ => Err(gone()),
        }
    }

    /// A copy of the slot's secret and content, for async work that cannot hold the lock.
    pub fn get(&self, id: &str) -> Result<(SecretString, SlotContent), IpcError> {
        self.with(id, |slot| (slot.secret.clone(), slot.content.clone()))
    }

    /// Empties the slot (the dialog closed); dropping it zeroizes the secret.
    pub fn forget(&self, id: &str) {
        let slot = lock(&self.slots).remove(id);
        // Dropped outside the lock: aborting the timer never waits on it, but stays cheap.
        drop(slot);
    }

    pub fn len(&self) -> usize {
        lock(&self.slots).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The slot's timer: after `lifetime`, the slot is removed (and its secret zeroized) if the
/// service still exists and the dialog has not closed it already.
async fn drop_at_expiry(slots: Weak<SlotMap>, id: String, lifetime: Duration) {
    tokio::time::sleep(lifetime).await;
    let Some(slots) = slots.upgrade() else { return };
    // Dropping the slot aborts this very task, which only takes effect at a later await: there
    // is none, so the task finishes normally.
    if lock(&slots).remove(&id).is_some() {
        tracing::debug!("a shown-once secret expired and was dropped");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(secret: &str) -> SecretString {
        SecretString::new(secret.into())
    }

    #[tokio::test]
    async fn a_slot_is_readable_until_forgotten() {
        let slots = ShownOnceSlots::new(Handle::current());
        let id = slots.put(text("zx_test_secret"), SlotContent::Text);
        assert!(id.starts_with("slot_") && id.len() == 37);
        assert_eq!(slots.get(&id).unwrap().0.expose(), "zx_test_secret");
        slots.forget(&id);
        assert!(slots.is_empty());
        let error = slots.get(&id).unwrap_err();
        assert!(error.message.contains("shown once"), "{}", error.message);
        assert!(slots.get("slot_made_up").is_err());
    }

    /// Waits (on the paused clock, so no real time passes) until the slots hold `count`.
    async fn until_len(slots: &ShownOnceSlots, count: usize) {
        for _ in 0..1000 {
            if slots.len() == count {
                return;
            }
            tokio::task::yield_now().await;
        }
        panic!("{} slots, expected {count}", slots.len());
    }

    #[tokio::test(start_paused = true)]
    async fn an_expired_slot_is_dropped_without_another_put() {
        let slots = ShownOnceSlots::new(Handle::current());
        let early = slots.put(text("zx_test_early"), SlotContent::Text);
        tokio::time::sleep(SLOT_LIFETIME / 2).await;
        let late = slots.put(text("zx_test_late"), SlotContent::Text);
        assert_eq!(slots.len(), 2);

        tokio::time::sleep(SLOT_LIFETIME / 2 + Duration::from_secs(1)).await;
        until_len(&slots, 1).await;
        assert!(slots.get(&early).is_err(), "the first slot's lifetime is over");
        assert_eq!(slots.get(&late).unwrap().0.expose(), "zx_test_late");

        tokio::time::sleep(SLOT_LIFETIME / 2).await;
        until_len(&slots, 0).await;
    }

    #[tokio::test(start_paused = true)]
    async fn a_forgotten_slot_takes_its_timer_with_it() {
        let slots = ShownOnceSlots::new(Handle::current());
        let id = slots.put(text("zx_test_secret"), SlotContent::Text);
        let timers = || tokio::runtime::Handle::current().metrics().num_alive_tasks();
        assert_eq!(timers(), 1);
        slots.forget(&id);
        for _ in 0..1000 {
            if timers() == 0 {
                break;
            }
            tokio::task::yield_now().await;
        }
        assert_eq!(timers(), 0, "no timer is left waiting half an hour for nothing");
        let dropped_with_the_service = ShownOnceSlots::new(Handle::current());
        dropped_with_the_service.put(text("zx_test_secret"), SlotContent::Text);
        drop(dropped_with_the_service);
        for _ in 0..1000 {
            if timers() == 0 {
                break;
            }
            tokio::task::yield_now().await;
        }
        assert_eq!(timers(), 0, "the timers go with the service");
    }
}
