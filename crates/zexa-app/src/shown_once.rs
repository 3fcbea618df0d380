//! Secrets the user must see once (a new API key, new backup codes, a 2FA setup key) wait here
//! while their dialog is open, so that *Copy*, *Use it for a profile* or *Save to file* never
//! send the secret back from the webview: the dialog names a slot by its id. The slot is emptied
//! when the dialog closes, and in any case after [`SLOT_LIFETIME`].

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use rand::Rng;
use zexa_api::contract::ApiKey;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;

use crate::service::lock;

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
}

#[derive(Default)]
pub struct ShownOnceSlots {
    slots: Mutex<HashMap<String, Slot>>,
}

fn slot_id() -> String {
    format!("slot_{:032x}", rand::thread_rng().gen::<u128>())
}

fn gone() -> IpcError {
    ipc_error!(ErrorCode::InvalidInput, "error-secret-gone")
}

impl ShownOnceSlots {
    /// Keeps `secret` until its dialog closes; returns the slot id the dialog refers to.
    pub fn put(&self, secret: SecretString, content: SlotContent) -> String {
        let id = slot_id();
        let mut slots = lock(&self.slots);
        slots.retain(|_, slot| slot.created.elapsed() < SLOT_LIFETIME);
        slots.insert(id.clone(), Slot { secret, content, created: Instant::now() });
        id
    }

    /// Runs `use_slot` on the slot, if it is still there.
    pub fn with<T>(&self, id: &str, use_slot: impl FnOnce(&Slot) -> T) -> Result<T, IpcError> {
        let slots = lock(&self.slots);
        match slots.get(id) {
            Some(slot) if slot.created.elapsed() < SLOT_LIFETIME => Ok(use_slot(slot)),
            _ => Err(gone()),
        }
    }

    /// A copy of the slot's secret and content, for async work that cannot hold the lock.
    pub fn get(&self, id: &str) -> Result<(SecretString, SlotContent), IpcError> {
        self.with(id, |slot| (slot.secret.clone(), slot.content.clone()))
    }

    /// Empties the slot (the dialog closed); dropping it zeroizes the secret.
    pub fn forget(&self, id: &str) {
        lock(&self.slots).remove(id);
    }

    pub fn len(&self) -> usize {
        lock(&self.slots).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slot_is_readable_until_forgotten() {
        let slots = ShownOnceSlots::default();
        let id = slots.put(SecretString::new("zx_test_secret".into()), SlotContent::Text);
        assert!(id.starts_with("slot_") && id.len() == 37);
        assert_eq!(slots.get(&id).unwrap().0.expose(), "zx_test_secret");
        slots.forget(&id);
        assert!(slots.is_empty());
        let error = slots.get(&id).unwrap_err();
        assert!(error.message.contains("shown once"), "{}", error.message);
        assert!(slots.get("slot_made_up").is_err());
    }
}
