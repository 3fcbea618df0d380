use std::time::Duration;

use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::i18n::{self, t_in, Locale};
use zexa_core::ipc_error;

/// Keychain failures, each with what the user can do about it.
#[derive(Debug, thiserror::Error)]
pub enum KeychainError {
    /// No keychain service to talk to (e.g. no Secret Service on the D-Bus session bus).
    #[error("keychain unavailable: {0}")]
    Unavailable(String),
    #[error("keychain locked: {0}")]
    Locked(String),
    #[error("keychain access denied: {0}")]
    Denied(String),
    #[error("keychain did not answer within {0:?}")]
    Timeout(Duration),
    #[error("keychain failure: {0}")]
    Platform(String),
    /// The entry is there but its envelope cannot be read (damaged, or from a newer version).
    /// The detail never quotes the entry's text, which may hold the key.
    #[error("keychain entry unreadable: {0}")]
    Unreadable(String),
}

fn unavailable_help(locale: Locale) -> String {
    if cfg!(target_os = "linux") {
        t_in!(locale, "error-keychain-unavailable-linux")
    } else {
        t_in!(locale, "error-keychain-unavailable")
    }
}

/// The sentence for the user, in the app's language (the `Display` text above is for logs).
impl From<KeychainError> for IpcError {
    fn from(error: KeychainError) -> Self {
        match error {
            KeychainError::Unavailable(_) => {
                let lang = i18n::locale();
                IpcError::localized(ErrorCode::KeychainUnavailable, lang, unavailable_help(lang))
            }
            KeychainError::Platform(detail) => {
                let lang = i18n::locale();
                let message = t_in!(lang, "error-keychain-platform", help = unavailable_help(lang), detail = detail);
                IpcError::localized(ErrorCode::KeychainUnavailable, lang, message)
            }
            KeychainError::Unreadable(detail) => {
                ipc_error!(ErrorCode::KeyUnreadable, "error-keychain-entry-unreadable", detail = detail)
            }
            KeychainError::Locked(_) => ipc_error!(ErrorCode::KeychainLocked, "error-keychain-locked"),
            KeychainError::Denied(_) => ipc_error!(ErrorCode::KeychainDenied, "error-keychain-denied"),
            KeychainError::Timeout(after) => ipc_error!(
                ErrorCode::KeychainTimeout,
                "error-keychain-timeout",
                seconds = after.as_secs_f32().round() as u64,
            ),
        }
    }
}
