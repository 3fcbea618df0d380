//! What crosses IPC. Nothing sent to the webview may hold a secret: keys appear only masked.
//! Secrets typed by the user arrive in `Sensitive` fields and never go back.

use serde::{Deserialize, Serialize};
use specta::Type;
use zexa_core::error::IpcError;
use zexa_core::i18n::Locale;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ConnectionState {
    NoProfile,
    Checking,
    Online,
    Offline,
    /// The server refused the stored key (401): invalid or revoked.
    Unauthorized,
    /// The stored key was not sent: its keychain entry is bound to another server than the
    /// profile names now, or cannot be read. Replace key is the way out.
    KeyNotSent,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ProfileView {
    pub id: String,
    pub name: String,
    pub base_url: String,
    pub is_sandbox: bool,
    /// The stored key, masked (first 8 and last 4 characters), or null when not read yet.
    pub key_hint: Option<String>,
    pub low_credit_threshold: u32,
    /// The runway alert's threshold in days (0: off).
    pub runway_alert_days: u32,
}

impl ProfileView {
    pub fn new(profile: &Profile, key_hint: Option<String>) -> Self {
        Self {
            id: profile.id.clone(),
            name: profile.name.clone(),
            base_url: profile.base_url.clone(),
            is_sandbox: profile.sandbox,
            key_hint,
            low_credit_threshold: profile.low_credit_threshold,
            runway_alert_days: profile.runway_alert_days,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AppState {
    pub version: String,
    pub profiles: Vec<ProfileView>,
    pub active_profile_id: Option<String>,
    pub connection: ConnectionState,
    /// A problem found while loading settings (e.g. a corrupt file kept aside).
    pub settings_problem: Option<IpcError>,
    /// Where keys are kept, e.g. "Secret Service", for the UI to say so.
    pub keychain_name: String,
    /// The language everything is shown in: the Language setting, or the OS language for
    /// *System*. The window, the tray and notifications all follow it.
    pub locale: Locale,
}

/// A profile to create, as typed in onboarding.
#[derive(Debug, Deserialize, Type)]
pub struct NewProfile {
    pub name: String,
    pub base_url: String,
    pub api_key: SecretString,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct Balance {
    pub profile_id: String,
    /// Exact decimal as text (e.g. "4249.5"), so no fraction of a credit is lost in transit.
    pub credits: String,
    pub currency: String,
    /// RFC 3339 UTC time of the answer.
    pub fetched_at: String,
    /// Below the profile's low-credit threshold.
    pub low: bool,
    /// At or below zero: sending is paused.
    pub zero: bool,
    pub threshold: u32,
}
