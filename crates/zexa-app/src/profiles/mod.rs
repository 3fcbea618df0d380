//! The profile and everything that hangs off it: adding, switching, re-keying and removing
//! profiles (here), its credential (`credential`), its balance (`balance`) and its credit
//! monitor (`monitor`). The settings file, the keychain and the clients are the
//! `zexa-profiles` crate's `ProfileStore`, which the command-line tool shares. A key is checked
//! with `GET /credits` before it is stored, and stored only in the keychain.

pub(crate) mod balance;
pub(crate) mod credential;
pub(crate) mod monitor;
pub mod usage;

pub use zexa_profiles::ProfileStore;

use zexa_core::error::{ErrorCode, Field, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;
use zexa_core::settings::{Profile, DEFAULT_BASE_URL};

use crate::events::AccountPart;
use crate::profiles::credential::cleaned_key;
use crate::service::AppService;
use crate::view::{AppState, ConnectionState, NewProfile};

/// State kept per profile by a feature (seen sessions, pending rotations, history, alerts...).
/// Removing a profile calls `forget_profile` on each, so a new feature only registers its
/// store in `AppService::profile_scoped` and is never forgotten.
pub(crate) trait ProfileScoped: Send + Sync {
    fn forget_profile(&self, profile_id: &str);
}

impl ProfileScoped for ProfileStore {
    fn forget_profile(&self, profile_id: &str) {
        ProfileStore::forget_profile(self, profile_id);
    }
}

pub(crate) use zexa_profiles::adding::new_profile_id;

impl AppService {
    fn validated_name(&self, name: &str, except_id: Option<&str>) -> Result<String, IpcError> {
        let name = crate::rules::checked_profile_name(name)?;
        let name = name.as_str();
        let taken = self
            .profiles
            .read(|s| s.profiles.iter().any(|p| Some(p.id.as_str()) != except_id && p.name.eq_ignore_ascii_case(name)));
        if taken {
            return Err(
                ipc_error!(ErrorCode::InvalidInput, "error-profile-name-taken", name = name).with_field(Field::Name)
            );
        }
        Ok(name.to_owned())
    }

    /// Checks the key, stores it and makes the new profile the active one.
    pub async fn add_profile(&self, new: NewProfile) -> Result<AppState, IpcError> {
        self.add_profile_with(new, true).await
    }

    /// As [`AppService::add_profile`]; `activate: false` adds it beside the active profile
    /// (a key created in the app and stored for later use).
    pub(crate) async fn add_profile_with(&self, new: NewProfile, activate: bool) -> Result<AppState, IpcError> {
        let name = self.validated_name(&new.name, None)?;
        let base_url = match new.base_url.trim() {
            "" => DEFAULT_BASE_URL.to_owned(),
            url => url.trim_end_matches('/').to_owned(),
        };
        let key = cleaned_key(&new.api_key)?;
        let client = self.profiles.checked_client(&base_url, key.clone()).await?;

        let profile = Profile {
            id: new_profile_id(),
            name,
            base_url,
            sandbox: false,
            low_credit_threshold: self.general_settings().low_credit_threshold,
            runway_alert_days: zexa_core::settings::DEFAULT_RUNWAY_ALERT_DAYS,
        };
        // Reconciled whatever the error: a failed write may have left an entry no profile has.
        self.profiles
            .write_key(&profile, &key)
            .await
            .inspect_err(|error| self.reconcile_failed_write(&profile.id, error))?;
        let id = profile.id.clone();
        // Cached before anyone can see the profile: the window asking for its balance at once
        // and the monitor started below share this client and its answer (one truth, and no
        // second request for the figure the key was just checked with).
        self.profiles.cache_client(&id, client.clone());
        let saved = self.update_settings(|settings| {
            settings.profiles.push(profile);
            if activate || settings.active_profile_id.is_none() {
                settings.active_profile_id = Some(id.clone());
            }
        });
        if let Err(error) = saved {
            // No profile points at the entry: don't leave an orphan key in the keychain.
            self.forget_client(&id);
            let _ = self.profiles.keychain().delete(&id).await;
            return Err(error);
        }
        tracing::info!(profile = %id, "profile added");
        // The figure the key was checked with is the profile's first balance, a history sample
        // like any answer (the monitor's first poll reuses it, so that poll records nothing).
        let mut changed = vec![AccountPart::Profile, AccountPart::Balance, AccountPart::Keys];
        if let Ok(profile) = self.profile(&id) {
            let checked = client.credits_within(std::time::Duration::MAX).await;
            if self.follow_up_answer(&profile, &checked.result).await {
                changed.push(AccountPart::History);
            }
        }
        // One announcement, as a poll's: the window refetches once.
        self.announce(&id, &changed);
        self.set_key_hint(&id, &key);
        if self.active_profile().is_ok_and(|p| p.id == id) {
            self.restart_monitor();
            self.set_connection(ConnectionState::Online);
            self.stop_sandbox_unless_active();
        }
        Ok(self.app_state())
    }

    pub async fn replace_key(&self, id: &str, api_key: SecretString) -> Result<AppState, IpcError> {
        let profile = self.profile(id)?;
        let key = cleaned_key(&api_key)?;
        let client = self.profiles.checked_client(&profile.base_url, key.clone()).await?;
        self.store_profile_key(&profile, &key).await?;
        // Before the announcement, for the same reason as in `add_profile_with`.
        self.profiles.cache_client(&profile.id, client);
        tracing::info!(profile = %profile.id, "key replaced");
        self.announce(&profile.id, &[AccountPart::Profile, AccountPart::Balance, AccountPart::Keys]);
        if !profile.sandbox {
            self.set_key_hint(&profile.id, &key);
        }
        if self.active_profile().map(|p| p.id == profile.id).unwrap_or(false) {
            self.set_connection(ConnectionState::Online);
            self.restart_monitor();
        }
        Ok(self.app_state())
    }

    pub fn switch_profile(&self, id: &str) -> Result<AppState, IpcError> {
        let profile = self.profile(id)?;
        self.update_settings(|settings| settings.active_profile_id = Some(profile.id.clone()))?;
        self.set_connection(ConnectionState::Checking);
        self.restart_monitor();
        self.stop_sandbox_unless_active();
        Ok(self.app_state())
    }

    /// Deletes the profile's keychain entry first: if the keychain refuses, the profile stays,
    /// so no key is ever left behind without a profile to find it.
    pub async fn remove_profile(&self, id: &str) -> Result<AppState, IpcError> {
        let profile = self.profile(id)?;
        if profile.sandbox {
            self.sandbox.stop().await;
        } else {
            self.profiles.keychain().delete(&profile.id).await?;
        }
        self.update_settings(|settings| {
            settings.profiles.retain(|p| p.id != profile.id);
            if settings.active_profile_id.as_deref() == Some(profile.id.as_str()) {
                settings.active_profile_id = settings.profiles.first().map(|p| p.id.clone());
            }
        })?;
        for store in self.profile_scoped() {
            store.forget_profile(&profile.id);
        }
        self.publish();
        self.restart_monitor();
        self.stop_sandbox_unless_active();
        let has_active = self.profiles.read(|s| s.active_profile().is_some());
        self.set_connection(if has_active { ConnectionState::Checking } else { ConnectionState::NoProfile });
        tracing::info!(profile = %profile.id, "profile removed");
        Ok(self.app_state())
    }

    /// The profile's own low-credit threshold, in whole credits.
    pub fn set_profile_threshold(&self, id: &str, threshold: u32) -> Result<AppState, IpcError> {
        let profile = self.profile(id)?;
        self.update_settings(|settings| {
            if let Some(p) = settings.profiles.iter_mut().find(|p| p.id == profile.id) {
                p.low_credit_threshold = threshold;
            }
        })?;
        self.announce(&profile.id, &[AccountPart::Profile]);
        self.update_monitor_settings();
        Ok(self.app_state())
    }

    /// The profile's runway alert threshold in days (0 turns it off).
    pub fn set_profile_runway_days(&self, id: &str, days: u32) -> Result<crate::view::AppState, IpcError> {
        crate::rules::checked_runway_days(days)?;
        let profile = self.profile(id)?;
        self.update_settings(|settings| {
            if let Some(p) = settings.profiles.iter_mut().find(|p| p.id == profile.id) {
                p.runway_alert_days = days;
            }
        })?;
        self.announce(&profile.id, &[crate::events::AccountPart::Profile, crate::events::AccountPart::History]);
        Ok(self.app_state())
    }

    /// The masked `ZEXA_API_KEY`, offered for import while no real profile has a key.
    pub fn env_key_hint(&self) -> Option<String> {
        let key = self.env_api_key.as_ref()?;
        let has_real_profile = self.profiles.read(|s| s.profiles.iter().any(|p| !p.sandbox));
        if has_real_profile {
            return None;
        }
        cleaned_key(key).ok().map(|k| k.masked())
    }

    /// Where an import may send `ZEXA_API_KEY` without asking: Zexa's own address, or the
    /// app's own embedded sandbox. The webview never sees that key, so it must not be able to
    /// choose, on its own, another server to send it to: any other address needs the user's
    /// yes in a native dialog (`host_confirmed`). That includes every other loopback port,
    /// since any local user or program can listen on one.
    pub async fn env_import_needs_confirmation(&self, base_url: &str) -> bool {
        let url = base_url.trim().trim_end_matches('/');
        if url.is_empty() || url == DEFAULT_BASE_URL {
            return false;
        }
        let embedded = self.sandbox_base_url().await.and_then(|embedded| zexa_api::origin_of(&embedded));
        !(embedded.is_some() && embedded == zexa_api::origin_of(url))
    }

    pub async fn import_env_key(
        &self,
        name: String,
        base_url: String,
        host_confirmed: bool,
    ) -> Result<AppState, IpcError> {
        let api_key = self
            .env_api_key
            .clone()
            .ok_or_else(|| ipc_error!(ErrorCode::InvalidInput, "error-env-key-not-set").with_field(Field::ApiKey))?;
        if self.env_import_needs_confirmation(&base_url).await && !host_confirmed {
            return Err(ipc_error!(ErrorCode::InvalidInput, "error-env-key-not-confirmed").with_field(Field::BaseUrl));
        }
        self.add_profile(NewProfile { name, base_url, api_key }).await
    }
}
