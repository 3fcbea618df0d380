//! Copying a secret (an API key, the 2FA setup key, backup codes) goes through Rust, never the
//! webview's clipboard API, and the clipboard is cleared [`CLEAR_AFTER`] later, but only if it
//! still holds that secret: whatever the user copied since is left alone.
//!
//! Only a SHA-256 digest of the copied secret is kept to recognise it; the secret itself is not
//! held after the copy.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde::Serialize;
use sha2::{Digest, Sha256};
use specta::Type;
use zeroize::Zeroizing;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;

use crate::sync::lock;

pub const CLEAR_AFTER: Duration = Duration::from_secs(60);

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ClipboardError(pub String);

impl From<ClipboardError> for IpcError {
    fn from(error: ClipboardError) -> Self {
        tracing::warn!(%error, "clipboard");
        ipc_error!(ErrorCode::ClipboardUnavailable, "error-clipboard-unavailable")
    }
}

/// The system clipboard, or a stand-in for tests.
pub trait ClipboardBackend: Send + Sync + 'static {
    /// Puts `text` on the clipboard, marked as a secret for clipboard managers where the
    /// platform has a way to say so.
    fn set_secret_text(&self, text: &str) -> Result<(), ClipboardError>;
    /// The clipboard's text, if it holds text.
    fn text(&self) -> Result<Option<Zeroizing<String>>, ClipboardError>;
    fn clear(&self) -> Result<(), ClipboardError>;
}

/// What the UI shows after a copy: "Copied. The clipboard is cleared in 60 s."
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct CopyReceipt {
    pub clears_in_secs: u32,
}

#[derive(Clone, Copy, PartialEq, Eq)]
struct Placed {
    digest: [u8; 32],
    generation: u64,
}

struct Shared {
    backend: Arc<dyn ClipboardBackend>,
    placed: Mutex<Option<Placed>>,
    generation: Mutex<u64>,
}

/// One per app: every secret the app lets the user copy goes through it.
#[derive(Clone)]
pub struct SecretClipboard {
    shared: Arc<Shared>,
    runtime: tokio::runtime::Handle,
    clear_after: Duration,
}

fn digest(text: &str) -> [u8; 32] {
    Sha256::digest(text.as_bytes()).into()
}

impl SecretClipboard {
    pub fn new(backend: Arc<dyn ClipboardBackend>, runtime: tokio::runtime::Handle) -> Self {
        Self::with_delay(backend, runtime, CLEAR_AFTER)
    }

    pub fn with_delay(backend: Arc<dyn ClipboardBackend>, runtime: tokio::runtime::Handle, delay: Duration) -> Self {
        let shared = Shared { backend, placed: Mutex::default(), generation: Mutex::new(0) };
        Self { shared: Arc::new(shared), runtime, clear_after: delay }
    }

    /// Copies `secret` and schedules the clearing.
    pub fn copy(&self, secret: &SecretString) -> Result<CopyReceipt, IpcError> {
        self.shared.backend.set_secret_text(secret.expose())?;
        let generation = {
            let mut counter = lock(&self.shared.generation);
            *counter += 1;
            *counter
        };
        *lock(&self.shared.placed) = Some(Placed { digest: digest(secret.expose()), generation });
        let shared = self.shared.clone();
        let delay = self.clear_after;
        self.runtime.spawn(async move {
            tokio::time::sleep(delay).await;
            clear_if_unchanged(&shared, Some(generation));
        });
        Ok(CopyReceipt { clears_in_secs: u32::try_from(self.clear_after.as_secs()).unwrap_or(u32::MAX) })
    }

    /// At quit: a secret the app copied does not outlive it on the clipboard.
    pub fn clear_now_if_ours(&self) {
        clear_if_unchanged(&self.shared, None);
    }
}

/// Clears the clipboard if it still holds what the copy of `generation` (or the latest copy,
/// for `None`) put there. A later copy by the app has its own timer, so an earlier timer stands
/// down.
fn clear_if_unchanged(shared: &Shared, generation: Option<u64>) {
    let mut placed = lock(&shared.placed);
    let Some(current) = *placed else { return };
    if generation.is_some_and(|g| g != current.generation) {
        return;
    }
    *placed = None;
    match shared.backend.text() {
        Ok(Some(text)) if digest(&text) == current.digest => {
            if let Err(error) = shared.backend.clear() {
                tracing::warn!(%error, "the clipboard could not be cleared");
            } else {
                tracing::info!("copied secret cleared from the clipboard");
            }
        }
        Ok(_) => tracing::debug!("the clipboard changed since the copy; left alone"),
        Err(error) => tracing::warn!(%error, "the clipboard could not be read to clear it"),
    }
}

/// A clipboard in memory, for tests of the rule.
#[derive(Default)]
pub struct MemoryClipboard(Mutex<Option<String>>);

impl MemoryClipboard {
    /// What another program puts on the clipboard.
    pub fn set_by_user(&self, text: &str) {
        *lock(&self.0) = Some(text.to_owned());
    }

    pub fn current(&self) -> Option<String> {
        lock(&self.0).clone()
    }
}

impl ClipboardBackend for MemoryClipboard {
    fn set_secret_text(&self, text: &str) -> Result<(), ClipboardError> {
        *lock(&self.0) = Some(text.to_owned());
        Ok(())
    }

    fn text(&self) -> Result<Option<Zeroizing<String>>, ClipboardError> {
        Ok(lock(&self.0).clone().map(Zeroizing::new))
    }

    fn clear(&self) -> Result<(), ClipboardError> {
        *lock(&self.0) = None;
        Ok(())
    }
}

/// The operating system's clipboard through `arboard`. Opened on first use and kept open: on
/// X11 the app itself serves what it copied, for as long as the connection lives.
#[derive(Default)]
pub struct SystemClipboard(Mutex<Option<arboard::Clipboard>>);

impl SystemClipboard {
    fn with<T>(
        &self,
        op: impl FnOnce(&mut arboard::Clipboard) -> Result<T, arboard::Error>,
    ) -> Result<T, ClipboardError> {
        let mut slot = lock(&self.0);
        if slot.is_none() {
            *slot = Some(arboard::Clipboard::new().map_err(|e| ClipboardError(e.to_string()))?);
        }
        let clipboard = slot.as_mut().expect("opened above");
        op(clipboard).map_err(|e| ClipboardError(e.to_string()))
    }
}

impl ClipboardBackend for SystemClipboard {
    fn set_secret_text(&self, text: &str) -> Result<(), ClipboardError> {
        self.with(|clipboard| {
            let set = clipboard.set();
            // Ask clipboard managers not to keep it in their history.
            #[cfg(any(target_os = "linux", target_os = "freebsd"))]
            let set = arboard::SetExtLinux::exclude_from_history(set);
            #[cfg(target_os = "windows")]
            let set = arboard::SetExtWindows::exclude_from_cloud(arboard::SetExtWindows::exclude_from_history(set));
            set.text(text)
        })
    }

    fn text(&self) -> Result<Option<Zeroizing<String>>, ClipboardError> {
        let mut slot = lock(&self.0);
        if slot.is_none() {
            *slot = Some(arboard::Clipboard::new().map_err(|e| ClipboardError(e.to_string()))?);
        }
        match slot.as_mut().expect("opened above").get_text() {
            Ok(text) => Ok(Some(Zeroizing::new(text))),
            Err(arboard::Error::ContentNotAvailable) => Ok(None),
            Err(error) => Err(ClipboardError(error.to_string())),
        }
    }

    fn clear(&self) -> Result<(), ClipboardError> {
        self.with(|clipboard| clipboard.clear())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "zx_test_CLIPBOARD_CANARY_123";

    fn clipboard() -> (Arc<MemoryClipboard>, SecretClipboard) {
        let memory = Arc::new(MemoryClipboard::default());
        let clipboard = SecretClipboard::new(memory.clone(), tokio::runtime::Handle::current());
        (memory, clipboard)
    }

    async fn wait(secs: u64) {
        tokio::time::sleep(Duration::from_secs(secs)).await;
        // Let the clearing task run.
        tokio::task::yield_now().await;
    }

    #[tokio::test(start_paused = true)]
    async fn its_own_secret_is_cleared_after_sixty_seconds() {
        let (memory, clipboard) = clipboard();
        let receipt = clipboard.copy(&SecretString::new(SECRET.into())).unwrap();
        assert_eq!(receipt.clears_in_secs, 60);
        assert_eq!(memory.current().as_deref(), Some(SECRET));
        wait(59).await;
        assert_eq!(memory.current().as_deref(), Some(SECRET), "not before 60 s");
        wait(2).await;
        assert_eq!(memory.current(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn something_the_user_copied_since_is_left_alone() {
        let (memory, clipboard) = clipboard();
        clipboard.copy(&SecretString::new(SECRET.into())).unwrap();
        wait(10).await;
        memory.set_by_user("a shopping list");
        wait(60).await;
        assert_eq!(memory.current().as_deref(), Some("a shopping list"));
    }

    #[tokio::test(start_paused = true)]
    async fn a_second_copy_gets_its_own_full_minute() {
        let (memory, clipboard) = clipboard();
        clipboard.copy(&SecretString::new(SECRET.into())).unwrap();
        wait(40).await;
        clipboard.copy(&SecretString::new("second secret".into())).unwrap();
        wait(30).await;
        assert_eq!(memory.current().as_deref(), Some("second secret"), "the first timer stands down");
        wait(31).await;
        assert_eq!(memory.current(), None);
    }

    #[tokio::test(start_paused = true)]
    async fn quitting_clears_only_its_own_secret() {
        let (memory, clipboard) = clipboard();
        clipboard.copy(&SecretString::new(SECRET.into())).unwrap();
        clipboard.clear_now_if_ours();
        assert_eq!(memory.current(), None);

        clipboard.copy(&SecretString::new(SECRET.into())).unwrap();
        memory.set_by_user("mine");
        clipboard.clear_now_if_ours();
        assert_eq!(memory.current().as_deref(), Some("mine"));
    }
}
