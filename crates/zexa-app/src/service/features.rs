//! The service's face for the features: each method builds the feature's narrow context (an
//! `AccountCtx`, or just the profile) and hands over the feature's own state. The logic lives
//! in the feature's module; nothing here decides anything.

use std::path::Path;

use zexa_core::error::IpcError;
use zexa_core::secret::SecretString;

use super::AppService;
use crate::account::AccountCtx;
use zexa_api::Decimal;
use zexa_core::settings::Profile;

use crate::history::service::{self as history, RunwayAlerts};
use crate::history::RunwayView;
use crate::offers::OfferedPart;
use crate::password::{self, PasswordChange};
use crate::sessions::{self, RevokedSession, SessionList, SignOutReport};
use crate::two_factor::service as two_factor;
use crate::two_factor::{BackupCodesView, TwoFactorOverview, TwoFactorSetupView};

impl AppService {
    /// The active profile's account, for a feature to act on.
    pub(crate) async fn account(&self) -> Result<AccountCtx<'_>, IpcError> {
        let (profile, client) = self.active_client().await?;
        Ok(AccountCtx::new(profile, client, &self.account_changes, &self.secrets.shown_once))
    }

    pub async fn session_list(&self) -> Result<SessionList, IpcError> {
        let list = async { sessions::service::session_list(&self.account().await?, &self.sessions.seen).await };
        self.asking(OfferedPart::Sessions, list).await
    }

    pub fn sessions_opened(&self) -> Result<(), IpcError> {
        sessions::service::sessions_opened(&self.active_profile()?, &self.sessions.seen);
        Ok(())
    }

    pub async fn revoke_session(&self, id: &str) -> Result<RevokedSession, IpcError> {
        sessions::service::revoke(&self.account().await?, id).await
    }

    pub async fn sign_out_everywhere(&self) -> Result<SignOutReport, IpcError> {
        sessions::service::sign_out_all(&self.account().await?).await
    }

    pub async fn two_factor_overview(&self) -> Result<TwoFactorOverview, IpcError> {
        let overview = async { two_factor::overview(&self.account().await?.client).await };
        self.asking(OfferedPart::TwoFactor, overview).await
    }

    /// Step 1: a new setup (replacing an unconfirmed one), its QR code and setup key.
    pub async fn begin_two_factor_setup(&self) -> Result<TwoFactorSetupView, IpcError> {
        two_factor::begin_setup(&self.account().await?).await
    }

    /// Step 2: the code from the authenticator turns 2FA on; the answer is step 3's codes.
    pub async fn confirm_two_factor(&self, code: SecretString) -> Result<BackupCodesView, IpcError> {
        two_factor::confirm(&self.account().await?, code).await
    }

    /// New backup codes for a current authenticator code; the old ones stop working.
    pub async fn regenerate_backup_codes(&self, code: SecretString) -> Result<BackupCodesView, IpcError> {
        two_factor::regenerate_backup_codes(&self.account().await?, code).await
    }

    /// Turns 2FA off with an authenticator code or an unused backup code.
    pub async fn disable_two_factor(&self, code: SecretString) -> Result<TwoFactorOverview, IpcError> {
        two_factor::disable(&self.account().await?, code).await
    }

    /// *Save to file…*: the backup codes of `slot`, with the account and the date, owner-only.
    pub fn save_backup_codes(&self, slot: &str, path: &Path) -> Result<(), IpcError> {
        two_factor::save_backup_codes(&self.secrets.shown_once, slot, path)
    }

    pub async fn change_password(
        &self,
        current: SecretString,
        new: SecretString,
        confirmation: SecretString,
    ) -> Result<PasswordChange, IpcError> {
        // Where the server cannot change passwords, none is sent to it.
        let changed = async { password::change(&self.account().await?, current, new, confirmation).await };
        self.asking(OfferedPart::Password, changed).await
    }

    /// Every balance the app fetches becomes a sample; then the runway alert is checked. Returns
    /// whether a sample was recorded: the caller announces `History`, in the same announcement
    /// as whatever else its answer changed, so the window refetches once.
    pub(crate) async fn record_balance(&self, profile: &Profile, credits: Decimal, currency: &str) -> bool {
        self.fault_point(crate::containment::FaultPoint::FollowUp);
        let alerts = RunwayAlerts {
            history: &self.history,
            notifier: self.monitoring.notifier.as_ref(),
            notifications_enabled: self.general_settings().notifications_enabled,
        };
        alerts.record_balance(profile, credits, currency).await
    }

    /// The active profile's runway and the last 30 days for the sparkline.
    pub fn runway_view(&self) -> Result<RunwayView, IpcError> {
        history::runway_view(&self.history, &self.active_profile()?)
    }

    /// The profile's whole history as CSV (`time,credits,currency`), written owner-only.
    pub fn export_history_csv(&self, profile_id: &str, path: &Path) -> Result<u32, IpcError> {
        history::export_csv(&self.history, &self.profile(profile_id)?, path)
    }
}
