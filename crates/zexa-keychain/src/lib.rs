//! The customer's API keys in the operating system's keychain, one entry per profile
//! (service = the app identifier, account = the profile id).
//!
//! Every access goes through one [`KeychainStore`]: calls are serialized (a locked keychain
//! prompts once, not once per call), run on a blocking thread (never on the UI thread) and are
//! bounded by a timeout. A timeout is an error, never "no key stored". There is no plaintext
//! fallback of any kind: if the keychain cannot be used, the user is told why.

mod backend;
mod error;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use backend::{MemoryBackend, NativeBackend, SecretBackend};
pub use error::KeychainError;
use tokio::sync::Notify;
use zexa_core::secret::SecretString;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Clone)]
pub struct KeychainStore {
    backend: Arc<dyn SecretBackend>,
    // Held by the blocking task itself, so a call stuck on an unlock prompt keeps later calls
    // queued behind it instead of raising a second prompt.
    serial: Arc<Mutex<()>>,
    timeout: Duration,
    /// Set while a call that already timed out is still running (its blocking call cannot be
    /// cancelled): later calls fail at once instead of each waiting out its own timeout behind
    /// it, and [`KeychainStore::settled`] waits for it to end.
    stuck: Arc<AtomicBool>,
    settled: Arc<Notify>,
}

impl KeychainStore {
    pub fn new(backend: Arc<dyn SecretBackend>, timeout: Duration) -> Self {
        Self { backend, serial: Arc::new(Mutex::new(())), timeout, stuck: Arc::default(), settled: Arc::default() }
    }

    /// The platform keychain under the app's identifier.
    pub fn native() -> Self {
        Self::new(Arc::new(NativeBackend::new(zexa_core::APP_IDENTIFIER)), DEFAULT_TIMEOUT)
    }

    pub fn backend_name(&self) -> &'static str {
        self.backend.name()
    }

    async fn run<T: Send + 'static>(
        &self,
        op: impl FnOnce(&dyn SecretBackend) -> Result<T, KeychainError> + Send + 'static,
    ) -> Result<T, KeychainError> {
        if self.stuck.load(Ordering::SeqCst) {
            return Err(KeychainError::Timeout(self.timeout));
        }
        let backend = self.backend.clone();
        let serial = self.serial.clone();
        let (stuck, settled) = (self.stuck.clone(), self.settled.clone());
        let task = tokio::task::spawn_blocking(move || {
            let _turn = serial.lock().unwrap_or_else(|p| p.into_inner());
            let result = op(backend.as_ref());
            if stuck.swap(false, Ordering::SeqCst) {
                settled.notify_waiters();
            }
            result
        });
        match tokio::time::timeout(self.timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(join_error)) => Err(KeychainError::Platform(format!("keychain task failed: {join_error}"))),
            Err(_) => {
                self.stuck.store(true, Ordering::SeqCst);
                Err(KeychainError::Timeout(self.timeout))
            }
        }
    }

    /// Waits (at most `limit`) until no call that timed out is still running, so the caller can
    /// look at what the keychain really holds now. `false` if it is still stuck.
    pub async fn settled(&self, limit: Duration) -> bool {
        let waiting = self.settled.notified();
        tokio::pin!(waiting);
        // Registered before the check, so an end between the two is not missed.
        waiting.as_mut().enable();
        if !self.stuck.load(Ordering::SeqCst) {
            return true;
        }
        tokio::time::timeout(limit, waiting).await.is_ok() || !self.stuck.load(Ordering::SeqCst)
    }

    /// `Ok(None)` only when the keychain answered that no entry exists.
    pub async fn read(&self, account: &str) -> Result<Option<SecretString>, KeychainError> {
        let account = account.to_owned();
        self.run(move |b| b.get(&account)).await
    }

    pub async fn write(&self, account: &str, secret: &SecretString) -> Result<(), KeychainError> {
        let account = account.to_owned();
        let secret = secret.clone();
        self.run(move |b| b.set(&account, &secret)).await
    }

    /// The origin the entry was bound to when it was written (`None` for an entry written
    /// before binding existed, or on a store that cannot keep it).
    pub async fn origin(&self, account: &str) -> Result<Option<String>, KeychainError> {
        let account = account.to_owned();
        self.run(move |b| b.origin(&account)).await
    }

    /// Writes the secret bound to `origin`: the app then refuses to send it anywhere else.
    pub async fn write_bound(&self, account: &str, secret: &SecretString, origin: &str) -> Result<(), KeychainError> {
        let account = account.to_owned();
        let secret = secret.clone();
        let origin = origin.to_owned();
        self.run(move |b| {
            b.set(&account, &secret)?;
            b.bind_origin(&account, &origin)
        })
        .await
    }

    pub async fn bind_origin(&self, account: &str, origin: &str) -> Result<(), KeychainError> {
        let account = account.to_owned();
        let origin = origin.to_owned();
        self.run(move |b| b.bind_origin(&account, &origin)).await
    }

    /// Deleting an entry that does not exist is not an error.
    pub async fn delete(&self, account: &str) -> Result<(), KeychainError> {
        let account = account.to_owned();
        self.run(move |b| b.delete(&account)).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct SlowBackend;
    impl SecretBackend for SlowBackend {
        fn name(&self) -> &'static str {
            "slow"
        }
        fn get(&self, _: &str) -> Result<Option<SecretString>, KeychainError> {
            std::thread::sleep(Duration::from_millis(400));
            Ok(None)
        }
        fn set(&self, _: &str, _: &SecretString) -> Result<(), KeychainError> {
            Ok(())
        }
        fn delete(&self, _: &str) -> Result<(), KeychainError> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn round_trip_in_memory() {
        let store = KeychainStore::new(Arc::new(MemoryBackend::default()), DEFAULT_TIMEOUT);
        assert!(store.read("p1").await.unwrap().is_none());
        store.write("p1", &SecretString::new("zx_key_one".into())).await.unwrap();
        assert_eq!(store.read("p1").await.unwrap().unwrap().expose(), "zx_key_one");
        store.write("p1", &SecretString::new("zx_key_two".into())).await.unwrap();
        assert_eq!(store.read("p1").await.unwrap().unwrap().expose(), "zx_key_two");
        store.delete("p1").await.unwrap();
        store.delete("p1").await.unwrap();
        assert!(store.read("p1").await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_slow_keychain_times_out_and_is_not_taken_as_no_key() {
        let store = KeychainStore::new(Arc::new(SlowBackend), Duration::from_millis(100));
        let started = std::time::Instant::now();
        let err = store.read("p1").await.unwrap_err();
        assert!(matches!(err, KeychainError::Timeout(_)), "{err:?}");
        assert!(started.elapsed() < Duration::from_millis(350));
        assert_eq!(zexa_core::error::IpcError::from(err).code, zexa_core::error::ErrorCode::KeychainTimeout);
    }

    #[tokio::test]
    async fn calls_are_serialized_behind_a_stuck_one() {
        let store = KeychainStore::new(Arc::new(SlowBackend), Duration::from_millis(600));
        let started = std::time::Instant::now();
        let (a, b) = tokio::join!(store.read("a"), store.read("b"));
        a.unwrap();
        // Run in parallel, both would finish at ~400 ms. Serialized, the second one waits
        // 400 ms for its turn and then needs 400 ms more, past its 600 ms timeout.
        assert!(matches!(b, Err(KeychainError::Timeout(_))), "{b:?}");
        assert!(started.elapsed() >= Duration::from_millis(590));
    }

    #[tokio::test]
    async fn after_a_timeout_later_calls_fail_fast_until_the_stuck_call_ends() {
        let store = KeychainStore::new(Arc::new(SlowBackend), Duration::from_millis(100));
        assert!(matches!(store.read("a").await, Err(KeychainError::Timeout(_))));
        // The first call is still running: the next one does not wait 100 ms more behind it.
        let started = std::time::Instant::now();
        assert!(matches!(store.read("b").await, Err(KeychainError::Timeout(_))));
        assert!(started.elapsed() < Duration::from_millis(50), "{:?}", started.elapsed());
        // Once it ends, the keychain can be looked at again.
        assert!(store.settled(Duration::from_secs(2)).await);
        assert!(store.settled(Duration::from_millis(1)).await, "nothing stuck now");
        let slow_but_in_time = KeychainStore { timeout: Duration::from_secs(2), ..store.clone() };
        slow_but_in_time.read("c").await.unwrap();
    }
}
