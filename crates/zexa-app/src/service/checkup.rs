//! The checkup of the active profile (see `checkup`): what it reads from this computer (the
//! keychain, the key's date, the last scan, the command line's usage log), what the server
//! offers, and the user's dashboard confirmations. Nothing here decides anything.

use zexa_core::error::IpcError;

use super::AppService;
use crate::checkup::{self, Checkup, CheckupInputs, ComputerInputs, ConfirmItem};
use crate::clock::now_utc;
use crate::events::AccountPart;

impl AppService {
    /// The checkup of the active profile's account and of this computer.
    pub async fn checkup(&self) -> Result<Checkup, IpcError> {
        let offers = self.server_offers().await?;
        let ctx = self.account().await?;
        let pending = self.api_keys.rotations.for_profile(&ctx.profile.id).len();
        let account = checkup::account::gather(&ctx.client, &offers, pending, |part| {
            if self.offers.not_offered(&ctx.profile.id, part) {
                self.announce(&ctx.profile.id, &[AccountPart::Profile]);
            }
        })
        .await;
        let profile = &ctx.profile;
        let computer = ComputerInputs {
            sandbox: profile.sandbox,
            keychain_name: self.profiles.keychain().backend_name().to_owned(),
            key_in_env: self.env_api_key.as_ref().is_some_and(|env| ctx.client.has_key(env)),
            key_stored_at: self.profiles.key_stored_at(&profile.id),
            last_scan: self.last_scan(),
            last_zexa_run: self.key_usage.latest_for(&profile.id).into_iter().next().map(|u| (u.at, u.program)),
        };
        let inputs =
            CheckupInputs { computer, account, confirmed: self.checkup_confirmations.for_profile(&profile.id) };
        Ok(checkup::evaluate_checkup(&inputs, now_utc()))
    }

    /// "I checked it on the dashboard": noted for the active profile, then the checkup again.
    pub async fn confirm_dashboard_check(&self, item: ConfirmItem) -> Result<Checkup, IpcError> {
        let profile = self.active_profile()?;
        self.checkup_confirmations.confirm(&profile.id, item, now_utc());
        self.checkup().await
    }

    /// Takes a confirmation back: the entry is asked again.
    pub async fn unconfirm_dashboard_check(&self, item: ConfirmItem) -> Result<Checkup, IpcError> {
        let profile = self.active_profile()?;
        self.checkup_confirmations.unconfirm(&profile.id, item);
        self.checkup().await
    }
}
