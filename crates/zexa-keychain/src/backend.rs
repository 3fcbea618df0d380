use std::collections::HashMap;
use std::sync::Mutex;

use keyring_core::Error as KeyringError;
use zexa_core::secret::SecretString;

use crate::KeychainError;

/// A store of secrets by account name. Blocking: the store calls it from a blocking thread.
pub trait SecretBackend: Send + Sync + 'static {
    fn name(&self) -> &'static str;
    fn get(&self, account: &str) -> Result<Option<SecretString>, KeychainError>;
    fn set(&self, account: &str, secret: &SecretString) -> Result<(), KeychainError>;
    fn delete(&self, account: &str) -> Result<(), KeychainError>;
    /// The server origin kept beside the secret (an item attribute), if the store keeps one.
    /// The binding that counts is the envelope inside the secret (`crate::envelope`); this is
    /// a search key, and where an entry from before the envelope learns its server.
    fn origin(&self, _account: &str) -> Result<Option<String>, KeychainError> {
        Ok(None)
    }
    /// Keeps the server origin beside the secret, where the store can.
    fn bind_origin(&self, _account: &str, _origin: &str) -> Result<(), KeychainError> {
        Ok(())
    }
}

/// Where each platform's store keeps the origin beside the secret: a custom attribute of the
/// Secret Service item, the comment of a Windows credential. The macOS Keychain item offers no
/// free attribute through keyring; there, as everywhere, the envelope inside the secret holds
/// the binding.
fn origin_attribute() -> Option<&'static str> {
    if cfg!(target_os = "macos") {
        None
    } else if cfg!(windows) {
        Some("comment")
    } else {
        Some("zexa-origin")
    }
}

/// The platform keychain through the keyring project's crates: one native store per platform
/// (Keychain Services, Credential Manager, the Secret Service over libdbus) and no mock.
pub struct NativeBackend {
    service: String,
}

impl NativeBackend {
    pub fn new(service: &str) -> Self {
        Self { service: service.to_owned() }
    }

    fn entry(&self, account: &str) -> Result<keyring_core::Entry, KeychainError> {
        platform_store::entry(&self.service, account).map_err(map_error)
    }
}

/// Opens the platform's store once, on first use, as keyring 4's v1 mode does.
mod platform_store {
    use std::sync::LazyLock;

    use keyring_core::{Entry, Error, Result};

    static OPENED: LazyLock<Result<()>> = LazyLock::new(open);

    /// Opens the platform's store and makes it the one entries are made in; on Linux again
    /// after the Secret Service restarted, when the old session is gone.
    pub(super) fn open() -> Result<()> {
        #[cfg(target_os = "macos")]
        let store = apple_native_keyring_store::keychain::Store::new()?;
        #[cfg(windows)]
        let store = windows_native_keyring_store::Store::new()?;
        #[cfg(all(unix, not(target_os = "macos")))]
        let store = dbus_secret_service_keyring_store::Store::new()?;
        #[cfg(any(unix, windows))]
        {
            keyring_core::set_default_store(store);
            Ok(())
        }
        #[cfg(not(any(unix, windows)))]
        Err(Error::Invalid("platform".into(), "has no keychain Zexa Desktop knows".into()))
    }

    pub(super) fn entry(service: &str, account: &str) -> Result<Entry> {
        if OPENED.is_err() {
            return Err(Error::NoDefaultStore);
        }
        Entry::new(service, account)
    }

    pub(super) fn status() -> &'static Result<()> {
        &OPENED
    }
}

fn map_error(error: KeyringError) -> KeychainError {
    let text = error.to_string();
    match error {
        KeyringError::NoStorageAccess(_) => {
            if text.to_lowercase().contains("denied") || text.to_lowercase().contains("cancel") {
                KeychainError::Denied(text)
            } else {
                KeychainError::Locked(text)
            }
        }
        KeyringError::NoDefaultStore => KeychainError::Unavailable(match platform_store::status() {
            Err(init) => init.to_string(),
            Ok(()) => text,
        }),
        // libdbus reports a missing Secret Service as a D-Bus failure.
        KeyringError::PlatformFailure(_)
            if text.contains("ServiceUnknown") || text.contains("not provided by any .service") =>
        {
            KeychainError::Unavailable(text)
        }
        _ => KeychainError::Platform(text),
    }
}

impl NativeBackend {
    /// Runs `op`; if the Secret Service went away and came back (a restarted keyring daemon),
    /// the store's encrypted session is gone: the store is opened again and `op` retried once.
    fn recovering<T>(&self, op: impl Fn() -> Result<T, KeychainError>) -> Result<T, KeychainError> {
        match op() {
            Err(error) if lost_secret_service(&error) && reopen_store() => op(),
            other => other,
        }
    }
}

fn lost_secret_service(error: &KeychainError) -> bool {
    let text = match error {
        KeychainError::Unavailable(text) | KeychainError::Platform(text) => text,
        _ => return false,
    };
    ["NoSession", "ServiceUnknown", "NameHasNoOwner", "not provided by any .service", "UnknownObject"]
        .iter()
        .any(|marker| text.contains(marker))
}

/// Opens the platform store again and makes it the one keyring uses. Only the Secret Service
/// has a session to lose; elsewhere there is nothing to reopen.
fn reopen_store() -> bool {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        match platform_store::open() {
            Ok(()) => {
                tracing::info!("Secret Service store opened again");
                true
            }
            Err(error) => {
                tracing::warn!(%error, "Secret Service store could not be opened again");
                false
            }
        }
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    false
}

impl SecretBackend for NativeBackend {
    fn name(&self) -> &'static str {
        if cfg!(target_os = "macos") {
            "macOS Keychain"
        } else if cfg!(windows) {
            "Windows Credential Manager"
        } else {
            "Secret Service"
        }
    }

    fn get(&self, account: &str) -> Result<Option<SecretString>, KeychainError> {
        self.recovering(|| match self.entry(account)?.get_password() {
            Ok(password) => Ok(Some(SecretString::new(password))),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(error) => Err(map_error(error)),
        })
    }

    fn set(&self, account: &str, secret: &SecretString) -> Result<(), KeychainError> {
        self.recovering(|| self.entry(account)?.set_password(secret.expose()).map_err(map_error))
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        self.recovering(|| match self.entry(account)?.delete_credential() {
            Ok(()) | Err(KeyringError::NoEntry) => Ok(()),
            Err(error) => Err(map_error(error)),
        })
    }

    fn origin(&self, account: &str) -> Result<Option<String>, KeychainError> {
        let Some(attribute) = origin_attribute() else { return Ok(None) };
        self.recovering(|| match self.entry(account)?.get_attributes() {
            Ok(attributes) => Ok(attributes.get(attribute).filter(|o| !o.is_empty()).cloned()),
            Err(KeyringError::NoEntry) => Ok(None),
            Err(error) => Err(map_error(error)),
        })
    }

    fn bind_origin(&self, account: &str, origin: &str) -> Result<(), KeychainError> {
        let Some(attribute) = origin_attribute() else { return Ok(()) };
        let attributes = HashMap::from([(attribute, origin)]);
        self.recovering(|| self.entry(account)?.update_attributes(&attributes).map_err(map_error))
    }
}

/// For unit tests of logic only; the real keychain is tested against the Secret Service.
#[derive(Default)]
pub struct MemoryBackend {
    entries: Mutex<HashMap<String, SecretString>>,
    origins: Mutex<HashMap<String, String>>,
}

impl MemoryBackend {
    /// The accounts that have an entry, for tests to see what is left behind.
    pub fn accounts(&self) -> Vec<String> {
        self.entries.lock().unwrap().keys().cloned().collect()
    }
}

impl SecretBackend for MemoryBackend {
    fn name(&self) -> &'static str {
        "memory (tests only)"
    }

    fn get(&self, account: &str) -> Result<Option<SecretString>, KeychainError> {
        Ok(self.entries.lock().unwrap().get(account).cloned())
    }

    fn set(&self, account: &str, secret: &SecretString) -> Result<(), KeychainError> {
        self.entries.lock().unwrap().insert(account.to_owned(), secret.clone());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), KeychainError> {
        self.entries.lock().unwrap().remove(account);
        self.origins.lock().unwrap().remove(account);
        Ok(())
    }

    fn origin(&self, account: &str) -> Result<Option<String>, KeychainError> {
        Ok(self.origins.lock().unwrap().get(account).cloned())
    }

    fn bind_origin(&self, account: &str, origin: &str) -> Result<(), KeychainError> {
        self.origins.lock().unwrap().insert(account.to_owned(), origin.to_owned());
        Ok(())
    }
}
