//! What the webview sees. Nothing here may hold a secret: keys appear only masked.

use serde::Serialize;
use specta::Type;
use zexa_core::error::IpcError;
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
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ProfileView {
    pub id: String,
    pub name: String,
    pub base_url: String,
    pub is_sandbox: bool,
    /// The stored key, masked (first 8 and last 4 characters), or null when none is readable.
    pub key_hint: Option<String>,
}

impl ProfileView {
    pub fn new(profile: &Profile, key_hint: Option<String>) -> Self {
        Self {
            id: profile.id.clone(),
            name: profile.name.clone(),
            base_url: profile.base_url.clone(),
            is_sandbox: profile.sandbox,
            key_hint,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AppState {
    pub version: String,
    pub profiles: Vec<ProfileView>,
    pub active_profile_id: Option<String>,
    pub connection: ConnectionState,
    /// A problem found while loading settings (e.g. a corrupt file kept aside), shown once.
    pub settings_problem: Option<IpcError>,
}
