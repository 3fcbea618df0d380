//! One client per profile, shared by everyone who asks for that profile's balance: the window,
//! the tray's monitor, the checkup. A client keeps its latest `GET /credits` answer
//! (`Client::credits_within`), so two clients for one profile would be two truths: the monitor
//! polling on one, the window showing the other's older answer.
//!
//! A build (reading the keychain, then making the client) takes a moment, and the cache may
//! change meanwhile: a profile just added caches the client it validated the key with, a new
//! key drops the old client. Each change moves the profile's generation on, and a build that
//! started before the change does not overwrite what the change left: it takes the client
//! cached since, or builds again on what the keychain holds now.

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use zexa_api::Client;
use zexa_core::error::IpcError;

/// How many times a build is repeated when the cache keeps changing under it; past that the
/// last client built is used without being cached (the next call builds again).
const BUILD_ATTEMPTS: usize = 3;

#[derive(Default)]
pub(crate) struct ClientCache {
    slots: Mutex<HashMap<String, Slot>>,
    /// One build at a time per profile: two callers at once (the monitor's first poll and the
    /// window's first figure) would otherwise each build a client and ask the server twice.
    builds: Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
}

#[derive(Default)]
struct Slot {
    /// Moved on by every `insert` and `forget`.
    generation: u64,
    client: Option<Client>,
}

impl ClientCache {
    pub(crate) fn get(&self, profile_id: &str) -> Option<Client> {
        self.lock().get(profile_id).and_then(|slot| slot.client.clone())
    }

    pub(crate) fn insert(&self, profile_id: &str, client: Client) {
        self.change(profile_id, Some(client));
    }

    pub(crate) fn forget(&self, profile_id: &str) {
        self.change(profile_id, None);
    }

    /// The cached client, or the one `build` makes, then cached unless the cache changed while
    /// it was being built. A caller that waited for another's build gets that client.
    pub(crate) async fn get_or_build<F, Fut>(&self, profile_id: &str, mut build: F) -> Result<Client, IpcError>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<Client, IpcError>>,
    {
        if let Some(client) = self.get(profile_id) {
            return Ok(client);
        }
        let turn = lock(&self.builds).entry(profile_id.to_owned()).or_default().clone();
        let _building = turn.lock().await;
        let mut attempt = 1;
        loop {
            let generation = match self.lock().get(profile_id) {
                Some(Slot { client: Some(client), .. }) => return Ok(client.clone()),
                Some(slot) => slot.generation,
                None => 0,
            };
            let built = build().await?;
            let mut slots = self.lock();
            let slot = slots.entry(profile_id.to_owned()).or_default();
            if slot.generation == generation {
                slot.client = Some(built.clone());
                return Ok(built);
            }
            if let Some(cached) = &slot.client {
                return Ok(cached.clone());
            }
            // Forgotten while it was built: it may hold the key that was just replaced.
            if attempt == BUILD_ATTEMPTS {
                return Ok(built);
            }
            attempt += 1;
        }
    }

    fn change(&self, profile_id: &str, client: Option<Client>) {
        let mut slots = self.lock();
        let slot = slots.entry(profile_id.to_owned()).or_default();
        slot.generation = slot.generation.wrapping_add(1);
        slot.client = client;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Slot>> {
        lock(&self.slots)
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;
    use zexa_api::ClientConfig;
    use zexa_core::secret::SecretString;

    fn client(key: &str) -> Client {
        Client::new("http://127.0.0.1:9/v1", SecretString::new(key.into()), ClientConfig::default()).unwrap()
    }

    fn sends(client: &Client, key: &str) -> bool {
        client.has_key(&SecretString::new(key.into()))
    }

    #[tokio::test]
    async fn a_client_cached_while_another_is_built_is_the_one_everybody_gets() {
        let cache = Arc::new(ClientCache::default());
        let (started_tx, started) = tokio::sync::oneshot::channel();
        let (finish, finish_rx) = tokio::sync::oneshot::channel::<()>();
        let slot = Arc::new(Mutex::new(Some((started_tx, finish_rx))));
        let building = tokio::spawn({
            let cache = cache.clone();
            async move {
                cache
                    .get_or_build("p", || {
                        let slot = slot.clone();
                        async move {
                            let (started, finish) = lock(&slot).take().expect("built once");
                            let _ = started.send(());
                            let _ = finish.await;
                            Ok(client("zx_live_BUILT_FROM_THE_KEYCHAIN_1"))
                        }
                    })
                    .await
                    .unwrap()
            }
        });
        started.await.unwrap();
        // The profile just added caches the client its key was checked with.
        cache.insert("p", client("zx_live_CHECKED_WHEN_ADDED_0002"));
        finish.send(()).unwrap();
        let got = building.await.unwrap();
        assert!(sends(&got, "zx_live_CHECKED_WHEN_ADDED_0002"), "the builder gets it");
        assert!(sends(&cache.get("p").unwrap(), "zx_live_CHECKED_WHEN_ADDED_0002"), "and it stays cached");
    }

    #[tokio::test]
    async fn a_client_forgotten_while_it_was_built_is_built_again() {
        let cache = Arc::new(ClientCache::default());
        let builds = Arc::new(Mutex::new(0));
        let got = cache
            .get_or_build("p", || {
                let (builds, cache) = (builds.clone(), cache.clone());
                async move {
                    let n = {
                        let mut builds = lock(&builds);
                        *builds += 1;
                        *builds
                    };
                    if n == 1 {
                        // The key is replaced while the first build reads the old one.
                        cache.forget("p");
                        return Ok(client("zx_live_THE_OLD_KEY_READ_EARLY_01"));
                    }
                    Ok(client("zx_live_THE_NEW_KEY_READ_AGAIN_02"))
                }
            })
            .await
            .unwrap();
        assert_eq!(*lock(&builds), 2);
        assert!(sends(&got, "zx_live_THE_NEW_KEY_READ_AGAIN_02"));
        assert!(sends(&cache.get("p").unwrap(), "zx_live_THE_NEW_KEY_READ_AGAIN_02"));
    }

    #[tokio::test]
    async fn an_undisturbed_build_is_cached_and_not_repeated() {
        let cache = ClientCache::default();
        let first = cache.get_or_build("p", || async { Ok(client("zx_live_ONLY_BUILD_0000000001")) }).await.unwrap();
        let second = cache.get_or_build("p", || async { panic!("cached: not built again") }).await.unwrap();
        assert!(sends(&first, "zx_live_ONLY_BUILD_0000000001") && sends(&second, "zx_live_ONLY_BUILD_0000000001"));
    }
}
