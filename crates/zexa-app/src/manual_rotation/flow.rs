//! The steps of the manual rotation over its host: what the window shows, the pasted key
//! checked and switched to (step 3), and the old key's revocation checked or confirmed
//! (step 4). Steps 1 and 2 happen on the dashboard; the window guides them.

use time::OffsetDateTime;
use zexa_api::ApiError;
use zexa_core::error::{ErrorCode, Field, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;

use super::rules::{is_stored_key_due, key_age_days, suggested_key_name};
use super::{
    ManualRotationState, ManualRotationView, PendingRevocation, RevocationCheck, RevocationOutcome, RotationHost,
};
use crate::api_keys::rules::ROTATE_AFTER_DAYS;
use crate::clock::{format_timestamp, now_utc};
use crate::events::AccountPart;
use crate::offers::{Offer, ServerOffers};

pub(crate) struct ManualRotation<'a, H: RotationHost> {
    pub(crate) host: &'a H,
    pub(crate) state: &'a ManualRotationState,
}

fn stamp(at: i64) -> Option<String> {
    OffsetDateTime::from_unix_timestamp(at).ok().map(format_timestamp)
}

impl<H: RotationHost> ManualRotation<'_, H> {
    pub(crate) async fn view(&self, profile_id: &str) -> Result<ManualRotationView, IpcError> {
        let profile = self.host.profile(profile_id)?;
        let offers = self.offers_of(&profile).await;
        Ok(self.view_of(&profile, &offers, now_utc()))
    }

    /// The sandbox profile's server creates keys itself, and asking it would start the embedded
    /// sandbox: it is never asked.
    async fn offers_of(&self, profile: &Profile) -> ServerOffers {
        if profile.sandbox {
            let unknown = Offer::Unknown;
            return ServerOffers { api_keys: unknown, sessions: unknown, two_factor: unknown, password: unknown };
        }
        self.host.offers_for(profile).await
    }

    fn view_of(&self, profile: &Profile, offers: &ServerOffers, now: OffsetDateTime) -> ManualRotationView {
        let stored_at = self.host.key_stored_at(&profile.id);
        let pending = self.state.reminder(&profile.id).map(|reminder| PendingRevocation {
            old_key_prefix: reminder.old_key_prefix,
            replaced_at: stamp(reminder.replaced_at).unwrap_or_default(),
            can_verify: self.state.old_key(&profile.id).is_some(),
            still_worked_at: reminder.still_worked_at.and_then(stamp),
        });
        ManualRotationView {
            profile_id: profile.id.clone(),
            profile_name: profile.name.clone(),
            // Where the server creates keys, the one-click rotation of API keys is the way.
            available: !profile.sandbox && offers.api_keys == Offer::NotOffered,
            due: is_stored_key_due(stored_at, now),
            key_stored_at: stored_at.and_then(stamp),
            key_age_days: stored_at
                .and_then(|at| key_age_days(at, now))
                .map(|days| days.clamp(0, u32::MAX as i64) as u32),
            rotate_after_days: ROTATE_AFTER_DAYS as u32,
            suggested_key_name: suggested_key_name(&profile.name, now),
            pending,
        }
    }

    /// Step 3: the key created on the dashboard. It is checked with `GET /credits` and stored
    /// only if it works; the key it replaces stays in memory for step 4, and the reminder to
    /// revoke it is kept (without the secret) until it is.
    pub(crate) async fn replace_key(
        &self,
        profile_id: &str,
        pasted: SecretString,
    ) -> Result<ManualRotationView, IpcError> {
        let profile = self.host.profile(profile_id)?;
        let offers = self.offers_of(&profile).await;
        if profile.sandbox || offers.api_keys == Offer::Offered {
            return Err(ipc_error!(ErrorCode::Conflict, "error-manual-rotation-offered"));
        }
        let new_key = crate::rules::cleaned_api_key(&pasted)?;
        let _one_at_a_time = self.state.key_changes.lock().await;
        if let Some(reminder) = self.state.reminder(&profile.id) {
            // A second rotation would leave two old keys to track: finish the first.
            return Err(ipc_error!(
                ErrorCode::Conflict,
                "error-manual-rotation-pending",
                prefix = reminder.old_key_prefix.as_str()
            ));
        }
        let old_key = self.host.stored_key(&profile).await?;
        if old_key.expose() == new_key.expose() {
            // Revoking "the old key" would then cut the profile off.
            return Err(ipc_error!(ErrorCode::InvalidInput, "error-manual-rotation-same-key").with_field(Field::ApiKey));
        }
        self.host.replace_key(&profile, new_key).await?;
        let now = now_utc();
        self.state.begin(&profile.id, old_key, now.unix_timestamp());
        tracing::info!(profile = %profile.id, "key replaced by hand; the old one is to be revoked on the dashboard");
        self.host.announce(&profile.id, &[AccountPart::Profile]);
        Ok(self.view_of(&profile, &offers, now))
    }

    /// Step 4, checked: `GET /credits` with the old key. `401` finishes the rotation; a key
    /// that still works keeps the reminder and notes when it was found working.
    pub(crate) async fn verify(&self, profile_id: &str) -> Result<RevocationCheck, IpcError> {
        let profile = self.host.profile(profile_id)?;
        let outcome = self.check(&profile).await?;
        let offers = self.offers_of(&profile).await;
        Ok(RevocationCheck { outcome, rotation: self.view_of(&profile, &offers, now_utc()) })
    }

    /// Step 4, said by the user: believed when the app can no longer check (the old key left
    /// memory with a restart); while it can, the check decides.
    pub(crate) async fn confirm_revoked(&self, profile_id: &str) -> Result<ManualRotationView, IpcError> {
        let profile = self.host.profile(profile_id)?;
        match self.check(&profile).await? {
            RevocationOutcome::Revoked => {}
            RevocationOutcome::StillWorks => {
                let prefix = self.state.reminder(&profile.id).map(|r| r.old_key_prefix).unwrap_or_default();
                return Err(ipc_error!(ErrorCode::Conflict, "error-old-key-still-works", prefix = prefix.as_str()));
            }
            RevocationOutcome::CannotCheck => {
                self.state.finish(&profile.id);
                tracing::info!(profile = %profile.id, "old key revoked, as the user says");
                self.host.announce(&profile.id, &[AccountPart::Profile]);
            }
        }
        let offers = self.offers_of(&profile).await;
        Ok(self.view_of(&profile, &offers, now_utc()))
    }

    async fn check(&self, profile: &Profile) -> Result<RevocationOutcome, IpcError> {
        if self.state.reminder(&profile.id).is_none() {
            return Err(ipc_error!(
                ErrorCode::Conflict,
                "error-manual-rotation-nothing-pending",
                profile = profile.name.as_str()
            ));
        }
        let Some(old_key) = self.state.old_key(&profile.id) else { return Ok(RevocationOutcome::CannotCheck) };
        let client = self.host.client_on(profile, old_key)?;
        match client.credits().await {
            Err(ApiError::Unauthorized { .. }) => {
                self.state.finish(&profile.id);
                tracing::info!(profile = %profile.id, "old key revoked: verified");
                self.host.announce(&profile.id, &[AccountPart::Profile]);
                Ok(RevocationOutcome::Revoked)
            }
            Ok(_) => {
                self.state.still_worked(&profile.id, now_utc().unix_timestamp());
                tracing::warn!(profile = %profile.id, "old key still works after a manual rotation");
                self.host.announce(&profile.id, &[AccountPart::Profile]);
                Ok(RevocationOutcome::StillWorks)
            }
            Err(error) => {
                let ipc = IpcError::from(error);
                let reworded = ipc_error!(ipc.code, "error-old-key-not-checked", detail = ipc.message.as_str());
                Err(IpcError { message: reworded.message, lang: reworded.lang, ..ipc })
            }
        }
    }
}
