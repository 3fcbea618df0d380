//! Two-factor authentication: status, the setup wizard, backup codes (regenerate, save to a
//! file through a native dialog) and turning it off. See `zexa_app::two_factor`.

use std::sync::Arc;

use tauri::State;
use zexa_app::two_factor::{BackupCodesView, TwoFactorOverview, TwoFactorSetupView};
use zexa_app::AppService;
use zexa_core::i18n::t;
use zexa_core::secret::SecretString;

use super::Reply;
use crate::native_dialogs::{NativeDialogs, SaveRequest};

command! {
    pub async fn get_two_factor(service: State<'_, Arc<AppService>>) -> Reply<TwoFactorOverview> {
        service.two_factor_overview().await
    }
}

command! {
    /// Step 1: the QR code (a PNG drawn in Rust) and the setup key. Forget its slot on close.
    pub async fn begin_two_factor_setup(service: State<'_, Arc<AppService>>) -> Reply<TwoFactorSetupView> {
        service.begin_two_factor_setup().await
    }
}

command! {
    /// Step 2: the authenticator's code; the reply is step 3's backup codes, shown once.
    pub async fn confirm_two_factor(service: State<'_, Arc<AppService>>, code: SecretString) -> Reply<BackupCodesView> {
        service.confirm_two_factor(code).await
    }
}

command! {
    pub async fn regenerate_backup_codes(
        service: State<'_, Arc<AppService>>,
        code: SecretString,
    ) -> Reply<BackupCodesView> {
        service.regenerate_backup_codes(code).await
    }
}

command! {
    pub async fn disable_two_factor(service: State<'_, Arc<AppService>>, code: SecretString) -> Reply<TwoFactorOverview> {
        service.disable_two_factor(code).await
    }
}

command! {
    /// *Save to file…*: a native save dialog, then Rust writes the file (owner-only). `false` when
    /// the user cancelled the dialog.
    pub async fn save_backup_codes(
        dialogs: State<'_, NativeDialogs>,
        service: State<'_, Arc<AppService>>,
        slot: String,
    ) -> Reply<bool> {
        let request = SaveRequest {
            title: t!("dialog-backup-codes-title"),
            file_name: "zexa-backup-codes.txt",
            filter_name: t!("dialog-backup-codes-filter"),
            extensions: &["txt"],
        };
        let Some(path) = dialogs.ask_where_to_save(&request) else { return Ok(false) };
        service.save_backup_codes(&slot, &path)?;
        Ok(true)
    }
}
