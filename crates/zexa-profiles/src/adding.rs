//! Adding a profile from outside the window (`zexa profiles add`): the same steps as the
//! window's, in the same order. The key is cleaned as the window cleans it, checked with
//! `GET /credits` before it is stored, stored only in the keychain bound to its server, and a
//! failure after the keychain write leaves no orphan entry behind.
//!
//! The window's service (`zexa_app::profiles`) calls the same functions, and `zexa_app::rules`
//! re-exports the input rules defined here (exported to the UI through `LIMITS` and
//! `check_profile_input`), so the window and the command line cannot disagree.

use std::time::Duration;

use rand::Rng;
use zeroize::Zeroizing;
use zexa_api::{normalize_api_key, ApiError, Client};
use zexa_core::error::{ErrorCode, Field, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;
use zexa_core::settings::{Profile, DEFAULT_BASE_URL, DEFAULT_RUNWAY_ALERT_DAYS};

use crate::ProfileStore;

/// A profile name has at most this many characters (Unicode scalar values, what a user counts
/// as letters, not UTF-16 units).
pub const PROFILE_NAME_MAX_CHARS: usize = 64;

pub fn new_profile_id() -> String {
    format!("prof_{:016x}", rand::thread_rng().gen::<u64>())
}

/// The key as pasted, cleaned: without a leading `Bearer ` (`zexa_api::normalize_api_key`) and
/// without any whitespace, since a key has none: line breaks and spaces in the middle are what
/// a wrapped e-mail or a PDF put there. Or why it is not a key (empty, characters a key cannot
/// have). The forms send the key as typed; this is the one place it is cleaned.
pub fn cleaned_api_key(raw: &SecretString) -> Result<SecretString, IpcError> {
    let trimmed = normalize_api_key(raw.expose());
    // Sized up front: growing the buffer would leave copies of the key in freed memory.
    let mut key = Zeroizing::new(String::with_capacity(trimmed.len()));
    key.extend(trimmed.chars().filter(|c| !c.is_whitespace()));
    if key.is_empty() {
        return Err(ipc_error!(ErrorCode::InvalidInput, "error-key-missing").with_field(Field::ApiKey));
    }
    if !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(ipc_error!(ErrorCode::InvalidInput, "error-key-malformed").with_field(Field::ApiKey));
    }
    Ok(SecretString::new(key.as_str().to_owned()))
}

/// The profile name, trimmed, or why it cannot be used (missing, too long). Whether another
/// profile has it already is the store's to say: it knows the profiles.
pub fn checked_profile_name(name: &str) -> Result<String, IpcError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ipc_error!(ErrorCode::InvalidInput, "error-profile-name-missing").with_field(Field::Name));
    }
    if name.chars().count() > PROFILE_NAME_MAX_CHARS {
        return Err(ipc_error!(ErrorCode::InvalidInput, "error-profile-name-too-long", max = PROFILE_NAME_MAX_CHARS)
            .with_field(Field::Name));
    }
    Ok(name.to_owned())
}

/// What a failed key check means when nothing has been stored yet: a refused key was not saved,
/// and a network error means the key was *not checked*, not that it is bad.
pub fn key_check_failure(error: ApiError) -> IpcError {
    let ipc = IpcError::from(error.clone());
    let reworded = match error {
        ApiError::Unauthorized { .. } => ipc_error!(ipc.code, "error-profile-key-refused"),
        ApiError::Network { .. } | ApiError::Timeout => {
            ipc_error!(ipc.code, "error-profile-key-not-checked", detail = ipc.message.as_str())
        }
        _ => ipc_error!(ipc.code, "error-profile-key-check-failed", detail = ipc.message.as_str()),
    };
    IpcError { message: reworded.message, lang: reworded.lang, ..ipc }
}

/// What the user gives to add a profile.
pub struct NewStoredProfile {
    pub name: String,
    /// Empty: the Zexa API.
    pub base_url: String,
    pub api_key: SecretString,
}

impl ProfileStore {
    /// Checks the key against the server and returns a client ready to use with it.
    pub async fn checked_client(&self, base_url: &str, key: SecretString) -> Result<Client, IpcError> {
        let client = self.new_client(base_url, key).map_err(|e| match e {
            ApiError::InsecureUrl { .. } => IpcError::from(e).with_field(Field::BaseUrl),
            other => key_check_failure(other),
        })?;
        client.credits_within(Duration::ZERO).await.result.map_err(key_check_failure)?;
        Ok(client)
    }

    /// Checks the key, stores it bound to the profile's server, then saves the profile (active
    /// if `activate` or if no profile is active). Returns the profile and the checked client.
    pub async fn add_checked_profile(
        &self,
        new: NewStoredProfile,
        activate: bool,
    ) -> Result<(Profile, Client), IpcError> {
        let name = checked_profile_name(&new.name)?;
        if self.profile_named(&name).is_some() {
            return Err(ipc_error!(ErrorCode::InvalidInput, "error-profile-name-taken", name = name.as_str())
                .with_field(Field::Name));
        }
        let base_url = match new.base_url.trim() {
            "" => DEFAULT_BASE_URL.to_owned(),
            url => url.trim_end_matches('/').to_owned(),
        };
        let key = cleaned_api_key(&new.api_key)?;
        let client = self.checked_client(&base_url, key.clone()).await?;
        let profile = Profile {
            id: new_profile_id(),
            name,
            base_url,
            sandbox: false,
            low_credit_threshold: self.read(|s| s.general.low_credit_threshold),
            runway_alert_days: DEFAULT_RUNWAY_ALERT_DAYS,
        };
        if let Err(error) = self.write_key(&profile, &key).await {
            // A write reported as failed may have landed: no profile points at it, so remove it.
            if self.keychain().settled(Duration::from_secs(30)).await {
                let _ = self.keychain().delete(&profile.id).await;
            }
            return Err(error.into());
        }
        let id = profile.id.clone();
        let saved = self.update(|settings| {
            settings.profiles.push(profile.clone());
            if activate || settings.active_profile().is_none() {
                settings.active_profile_id = Some(id.clone());
            }
        });
        if let Err(error) = saved {
            let _ = self.keychain().delete(&id).await;
            return Err(error);
        }
        self.set_key_hint(&id, &key);
        self.cache_client(&id, client.clone());
        Ok((profile, client))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pasted_key_is_cleaned_as_the_window_cleans_it() {
        let cleaned = cleaned_api_key(&SecretString::new("  Bearer zx_live_ABC\nDEF123456  \n".into())).unwrap();
        assert_eq!(cleaned.expose(), "zx_live_ABCDEF123456");
        assert_eq!(cleaned_api_key(&SecretString::new("  ".into())).unwrap_err().field, Some(Field::ApiKey));
        assert_eq!(cleaned_api_key(&SecretString::new("zx_é".into())).unwrap_err().code, ErrorCode::InvalidInput);
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(checked_profile_name("  Loja  ").unwrap(), "Loja");
        assert!(checked_profile_name(" ").is_err());
        assert!(checked_profile_name(&"é".repeat(PROFILE_NAME_MAX_CHARS)).is_ok());
        assert!(checked_profile_name(&"x".repeat(PROFILE_NAME_MAX_CHARS + 1)).is_err());
    }
}
