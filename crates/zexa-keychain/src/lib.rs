//! The customer's API keys in the operating system's keychain, one entry per profile
//! (service = the app identifier, account = the profile id).
//!
//! Every access goes through one [`KeychainStore`]: calls are serialized (a locked keychain
//! prompts once, not once per call), run on a blocking thread (never on the UI thread) and are
//! bounded by a timeout. A timeout is an error, never "no key stored". There is no plaintext
//! fallback of any kind: if the keychain cannot be used, the user is told why.

mod backend;
mod error;

use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use backend::{MemoryBackend, NativeBackend, SecretBackend};
pub use error::KeychainError;
use zexa_core::secret::SecretString;

pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

#[derive(Clone)]
pub struct KeychainStore {
    backend: Arc<dyn SecretBackend>,
    // Held by the blocking task itself, so a call stuck on an unlock prompt keeps later calls
    // queued behind it instead of raising a second prompt.
    serial: Arc<Mutex<()>>,
    timeout: Duration,
}

impl KeychainStore {
    pub fn new(backend: Arc<dyn SecretBackend>, timeout: Duration) -> Self {
        Self { backend, serial: Arc::new(Mutex::new(())), timeout }
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
        let backend = self.backend.clone();
        let serial = self.serial.clone();
        let task = tokio::task::spawn_blocking(move || {
            let _turn = serial.lock().unwrap_or_else(|p| p.into_inner());
            op(backend.as_ref())
        });
        match tokio::time::timeout(self.timeout, task).await {
            Ok(Ok(result)) => result,
            Ok(Err(join_error)) => Err(KeychainError::Platform(format!("keychain task failed: {join_error}"))),
            Err(_) => Err(KeychainError::Timeout(self.timeout)),
        }
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
}
