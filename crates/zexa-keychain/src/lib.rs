//! The customer's API keys in the operating system's keychain, one entry per profile
//! (service = the app identifier, account = the profile id). Each entry's secret is an
//! envelope that binds the key to the server it was stored for ([`envelope`]).
//!
//! Every access goes through one [`KeychainStore`]: calls are serialized (a locked keychain
//! prompts once, not once per call), run on a blocking thread (never on the UI thread) and are
//! bounded by a timeout. A timeout is an error, never "no key stored". There is no plaintext
//! fallback of any kind: if the keychain cannot be used, the user is told why.

mod backend;
pub mod envelope;
mod error;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

pub use backend::{MemoryBackend, NativeBackend, SecretBackend};
use envelope::Opened;
pub use envelope::StoredKey;
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

    /// The stored key, out of its envelope (or bare, for an entry from before the envelope).
    /// `Ok(None)` only when the keychain answered that no entry exists.
    pub async fn read(&self, account: &str) -> Result<Option<SecretString>, KeychainError> {
        let account = account.to_owned();
        self.run(move |b| {
            Ok(match b.get(&account)? {
                None => None,
                Some(secret) => Some(match envelope::open(&secret)? {
                    Opened::Sealed { key, .. } => key,
                    Opened::Plain(key) => key,
                }),
            })
        })
        .await
    }

    /// The stored key and the server it is bound to: what decides where it may be sent.
    ///
    /// An entry from before the envelope (a bare key) is migrated here, once: it is bound to
    /// the origin kept beside it (the Secret Service attribute, the Windows comment) where
    /// there is one, else to `origin_if_unbound` (the server the profile names now, the
    /// migration's one assumption), and rewritten as an envelope. If the rewrite fails the
    /// key is still answered with that origin; the next read tries again.
    pub async fn read_bound(
        &self,
        account: &str,
        origin_if_unbound: Option<&str>,
    ) -> Result<Option<StoredKey>, KeychainError> {
        let account = account.to_owned();
        let fallback = origin_if_unbound.map(str::to_owned);
        self.run(move |b| {
            let Some(secret) = b.get(&account)? else { return Ok(None) };
            let key = match envelope::open(&secret)? {
                Opened::Sealed { key, origin } => return Ok(Some(StoredKey { key, origin: Some(origin) })),
                Opened::Plain(key) => key,
            };
            let beside = b.origin(&account).unwrap_or_else(|error| {
                tracing::warn!(%account, %error, "origin beside a key from before the envelope not read");
                None
            });
            let Some(origin) = beside.or(fallback) else { return Ok(Some(StoredKey { key, origin: None })) };
            match b.set(&account, &envelope::seal(&origin, &key)) {
                Ok(()) => {
                    keep_origin_beside(b, &account, &origin);
                    tracing::info!(%account, %origin, "key from before the envelope bound to its server");
                }
                Err(error) => tracing::warn!(%account, %error, "key from before the envelope not rewritten"),
            }
            Ok(Some(StoredKey { key, origin: Some(origin) }))
        })
        .await
    }

    /// The origin the entry is bound to: its envelope's, or for an entry from before the
    /// envelope the one kept beside it, if any (`None` also when there is no entry).
    pub async fn origin(&self, account: &str) -> Result<Option<String>, KeychainError> {
        let account = account.to_owned();
        self.run(move |b| match b.get(&account)? {
            None => Ok(None),
            Some(secret) => match envelope::open(&secret)? {
                Opened::Sealed { origin, .. } => Ok(Some(origin)),
                Opened::Plain(_) => b.origin(&account),
            },
        })
        .await
    }

    /// Stores the key in an envelope bound to `origin`: the app then refuses to send it
    /// anywhere else. The origin is also kept beside the secret where the store can (so
    /// `secret-tool search` finds it), but the envelope is what is checked.
    pub async fn write_bound(&self, account: &str, key: &SecretString, origin: &str) -> Result<(), KeychainError> {
        let account = account.to_owned();
        let sealed = envelope::seal(origin, key);
        let origin = origin.to_owned();
        self.run(move |b| {
            b.set(&account, &sealed)?;
            keep_origin_beside(b, &account, &origin);
            Ok(())
        })
        .await
    }

    /// Stores a bare key, as versions before the envelope did. Only for tests of the migration;
    /// the app always stores with [`KeychainStore::write_bound`].
    pub async fn write_plain(&self, account: &str, secret: &SecretString) -> Result<(), KeychainError> {
        let account = account.to_owned();
        let secret = secret.clone();
        self.run(move |b| b.set(&account, &secret)).await
    }

    /// Deleting an entry that does not exist is not an error.
    pub async fn delete(&self, account: &str) -> Result<(), KeychainError> {
        let account = account.to_owned();
        self.run(move |b| b.delete(&account)).await
    }
}

/// The attribute beside the secret is a convenience (a search key); failing to set it leaves
/// the binding intact, since the envelope is what is checked.
fn keep_origin_beside(backend: &dyn SecretBackend, account: &str, origin: &str) {
    if let Err(error) = backend.bind_origin(account, origin) {
        tracing::warn!(%account, %error, "origin attribute beside the key not set");
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
        store.write_bound("p1", &SecretString::new("zx_key_one".into()), "https://api.zexa.ao").await.unwrap();
        assert_eq!(store.read("p1").await.unwrap().unwrap().expose(), "zx_key_one");
        store.write_bound("p1", &SecretString::new("zx_key_two".into()), "https://api.zexa.ao").await.unwrap();
        assert_eq!(store.read("p1").await.unwrap().unwrap().expose(), "zx_key_two");
        store.delete("p1").await.unwrap();
        store.delete("p1").await.unwrap();
        assert!(store.read("p1").await.unwrap().is_none());
    }

    fn memory() -> (Arc<MemoryBackend>, KeychainStore) {
        let backend = Arc::new(MemoryBackend::default());
        (backend.clone(), KeychainStore::new(backend, DEFAULT_TIMEOUT))
    }

    fn raw(backend: &MemoryBackend, account: &str) -> String {
        backend.get(account).unwrap().unwrap().expose().clone()
    }

    #[tokio::test]
    async fn the_entry_holds_an_envelope_binding_the_key_to_its_server() {
        let (backend, store) = memory();
        let key = SecretString::new("zx_live_BOUND_ENVELOPE_1a2b".into());
        store.write_bound("p1", &key, "https://api.zexa.ao").await.unwrap();
        let stored: serde_json::Value = serde_json::from_str(&raw(&backend, "p1")).unwrap();
        assert_eq!(stored, serde_json::json!({"v": 1, "origin": "https://api.zexa.ao", "key": key.expose()}));
        assert_eq!(store.read("p1").await.unwrap().unwrap().expose(), key.expose());
        let bound = store.read_bound("p1", Some("https://elsewhere.example")).await.unwrap().unwrap();
        assert_eq!(bound.key.expose(), key.expose());
        assert_eq!(bound.origin.as_deref(), Some("https://api.zexa.ao"), "the envelope wins over the fallback");
        assert_eq!(store.origin("p1").await.unwrap().as_deref(), Some("https://api.zexa.ao"));
        assert!(store.read_bound("none", Some("https://api.zexa.ao")).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_bare_key_is_bound_once_to_the_origin_it_had_and_rewritten_as_an_envelope() {
        let (backend, store) = memory();
        let key = SecretString::new("zx_live_FROM_BEFORE_THE_ENVELOPE".into());
        // With an origin kept beside it (Secret Service attribute, Windows comment): that one.
        store.write_plain("with", &key).await.unwrap();
        backend.bind_origin("with", "http://127.0.0.1:8080").unwrap();
        let bound = store.read_bound("with", Some("https://api.zexa.ao")).await.unwrap().unwrap();
        assert_eq!(bound.origin.as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(bound.key.expose(), key.expose());
        let rewritten: serde_json::Value = serde_json::from_str(&raw(&backend, "with")).unwrap();
        assert_eq!(rewritten["origin"], "http://127.0.0.1:8080");
        assert_eq!(rewritten["key"], key.expose().as_str());
        // Without (macOS, or an entry older than the attribute): the profile's server now.
        store.write_plain("bare", &key).await.unwrap();
        let bound = store.read_bound("bare", Some("https://api.zexa.ao")).await.unwrap().unwrap();
        assert_eq!(bound.origin.as_deref(), Some("https://api.zexa.ao"));
        // Once bound, a changed fallback changes nothing.
        let again = store.read_bound("bare", Some("https://elsewhere.example")).await.unwrap().unwrap();
        assert_eq!(again.origin.as_deref(), Some("https://api.zexa.ao"));
        // No server known and none to choose: answered unbound, left as it was.
        store.write_plain("unknown", &key).await.unwrap();
        assert_eq!(store.read_bound("unknown", None).await.unwrap().unwrap().origin, None);
        assert_eq!(raw(&backend, "unknown"), key.expose().as_str());
    }

    #[tokio::test]
    async fn a_garbled_entry_is_an_error_on_every_read_not_a_panic_nor_no_key() {
        let (_, store) = memory();
        store
            .write_plain("p1", &SecretString::new(r#"{"v":1,"origin":"https://api.zexa.ao","key":"zx_"#.into()))
            .await
            .unwrap();
        assert!(matches!(store.read("p1").await, Err(KeychainError::Unreadable(_))));
        assert!(matches!(store.read_bound("p1", Some("https://api.zexa.ao")).await, Err(KeychainError::Unreadable(_))));
        assert!(matches!(store.origin("p1").await, Err(KeychainError::Unreadable(_))));
        let ipc = zexa_core::error::IpcError::from(store.read("p1").await.unwrap_err());
        assert_eq!(ipc.code, zexa_core::error::ErrorCode::KeyUnreadable);
        assert!(ipc.message.contains("Replace key"), "{}", ipc.message);
        // Replace key writes a good envelope over it.
        store.write_bound("p1", &SecretString::new("zx_live_REPLACED".into()), "https://api.zexa.ao").await.unwrap();
        assert_eq!(store.read("p1").await.unwrap().unwrap().expose(), "zx_live_REPLACED");
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

    /// A keychain whose reads wait at a gate the test opens (an unlock prompt not answered
    /// yet), counting how many are inside at once.
    #[derive(Default)]
    struct GatedBackend {
        open: Mutex<bool>,
        opened: std::sync::Condvar,
        inside: std::sync::atomic::AtomicUsize,
        most_inside: std::sync::atomic::AtomicUsize,
        entered: std::sync::atomic::AtomicUsize,
    }

    impl SecretBackend for GatedBackend {
        fn name(&self) -> &'static str {
            "gated"
        }
        fn get(&self, _: &str) -> Result<Option<SecretString>, KeychainError> {
            let now = self.inside.fetch_add(1, Ordering::SeqCst) + 1;
            self.most_inside.fetch_max(now, Ordering::SeqCst);
            self.entered.fetch_add(1, Ordering::SeqCst);
            let open = self.open.lock().unwrap();
            drop(self.opened.wait_while(open, |open| !*open).unwrap());
            self.inside.fetch_sub(1, Ordering::SeqCst);
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
    async fn calls_are_serialized_behind_a_stuck_one() {
        let backend = Arc::new(GatedBackend::default());
        let store = KeychainStore::new(backend.clone(), Duration::from_secs(20));
        let first = tokio::spawn({
            let store = store.clone();
            async move { store.read("a").await }
        });
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while backend.entered.load(Ordering::SeqCst) == 0 {
            assert!(std::time::Instant::now() < deadline, "the first call never reached the keychain");
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        let second = tokio::spawn({
            let store = store.clone();
            async move { store.read("b").await }
        });
        // A negative can only be watched for a while: the second call is given time to reach
        // the keychain beside the first one, which it must not.
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(backend.entered.load(Ordering::SeqCst), 1, "the second call waits its turn");
        *backend.open.lock().unwrap() = true;
        backend.opened.notify_all();
        first.await.unwrap().unwrap();
        second.await.unwrap().unwrap();
        assert_eq!(backend.entered.load(Ordering::SeqCst), 2);
        assert_eq!(backend.most_inside.load(Ordering::SeqCst), 1, "never two calls in the keychain at once");
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
