use std::time::Duration;

use zexa_core::error::{ErrorCode, IpcError};

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
}

fn unavailable_help() -> &'static str {
    if cfg!(target_os = "linux") {
        "Zexa Desktop keeps API keys only in the system keychain, and no Secret Service answered. \
         Install and start a keyring such as GNOME Keyring (gnome-keyring) or KWallet, then try again."
    } else {
        "Zexa Desktop keeps API keys only in the system keychain, and it could not be reached. \
         Check that the keychain service is running, then try again."
    }
}

impl From<KeychainError> for IpcError {
    fn from(error: KeychainError) -> Self {
        match error {
            KeychainError::Unavailable(_) => IpcError::new(ErrorCode::KeychainUnavailable, unavailable_help()),
            KeychainError::Platform(detail) => IpcError::new(
                ErrorCode::KeychainUnavailable,
                format!("{} (Details: {detail})", unavailable_help()),
            ),
            KeychainError::Locked(_) => IpcError::new(
                ErrorCode::KeychainLocked,
                "The system keychain is locked. Unlock it (for example by logging in to GNOME Keyring or KWallet) and try again.",
            ),
            KeychainError::Denied(_) => IpcError::new(
                ErrorCode::KeychainDenied,
                "Access to the system keychain was refused. Allow Zexa Desktop to use it and try again.",
            ),
            KeychainError::Timeout(after) => IpcError::new(
                ErrorCode::KeychainTimeout,
                format!(
                    "The system keychain did not answer within {} seconds. If it is asking to be unlocked, answer its prompt, then try again.",
                    after.as_secs_f32().round()
                ),
            ),
        }
    }
}
