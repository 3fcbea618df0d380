//! The two-factor feature on one account (`AccountCtx`).

use std::path::Path;

use zexa_api::totp::OtpAuthUri;
use zexa_api::{ApiError, Client};
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::private_file::write_private_file;
use zexa_core::secret::{RevealedSecret, SecretString};
use zexa_core::{i18n, ipc_error};

use super::backup_file::backup_codes_text;
use super::codes::{group_setup_key, normalize_any_code, normalize_totp_code, seconds_until};
use super::qr::render_qr;
use super::{
    backup_codes_low, BackupCodesView, TwoFactorOverview, TwoFactorSetupView, AUTHENTICATOR_APPS, BACKUP_CODES_WARN_AT,
};
use crate::account::AccountCtx;
use crate::clock::now_utc;
use crate::events::AccountPart;
use crate::shown_once::{ShownOnceSlots, SlotContent};

/// How long a 2FA setup lasts on the server.
const SETUP_LIFETIME_MINUTES: u32 = 10;

/// What the code-taking calls answer, in words that say what to do.
fn code_error(error: ApiError) -> IpcError {
    let ipc = IpcError::from(error.clone());
    let reworded = match error {
        ApiError::InvalidCode { .. } => ipc_error!(ipc.code, "error-two-factor-wrong-code"),
        ApiError::RateLimited { .. } => match ipc.retry_after_secs {
            Some(seconds) => ipc_error!(ipc.code, "error-two-factor-locked-wait", seconds = seconds),
            None => ipc_error!(ipc.code, "error-two-factor-locked"),
        },
        ApiError::NotFound { .. } => {
            ipc_error!(ipc.code, "error-two-factor-setup-expired", minutes = SETUP_LIFETIME_MINUTES)
        }
        _ => return ipc,
    };
    IpcError { message: reworded.message, lang: reworded.lang, ..ipc }
}

pub async fn overview(client: &Client) -> Result<TwoFactorOverview, IpcError> {
    let status = client.two_factor_status().await.map_err(IpcError::from)?;
    Ok(TwoFactorOverview {
        backup_codes_low: status.enabled && backup_codes_low(status.backup_codes_remaining),
        enabled: status.enabled,
        enabled_at: status.enabled_at,
        backup_codes_remaining: status.backup_codes_remaining,
        backup_codes_warn_at: BACKUP_CODES_WARN_AT,
    })
}

/// The account's email for the backup codes file; not worth failing the step over.
async fn account_email(client: &Client) -> String {
    client.account().await.map(|a| a.email).unwrap_or_default()
}

/// Step 1: a new setup (replacing an unconfirmed one), its QR code and setup key.
pub async fn begin_setup(ctx: &AccountCtx<'_>) -> Result<TwoFactorSetupView, IpcError> {
    let (setup, server_date) = ctx.client.two_factor_setup_with_server_date().await.map_err(IpcError::from)?;
    let qr = render_qr(setup.otpauth_url.expose())
        .map_err(|e| ipc_error!(ErrorCode::Internal, "error-qr-not-drawn", detail = e.to_string()))?;
    let account = OtpAuthUri::parse(setup.otpauth_url.expose()).map(|uri| uri.account).unwrap_or_default();
    let grouped = group_setup_key(&setup.secret);
    let view = TwoFactorSetupView {
        qr_png: RevealedSecret::of(&qr.data_url()),
        setup_key: RevealedSecret::of(&grouped),
        slot: ctx.show_once(setup.secret.clone(), SlotContent::Text),
        account,
        expires_in_secs: seconds_until(&setup.expires_at, server_date.as_deref(), now_utc()),
        expires_at: setup.expires_at.clone(),
        qr_modules: qr.modules,
        qr_pixels: qr.pixels,
        authenticator_apps: AUTHENTICATOR_APPS.iter().map(|a| a.to_string()).collect(),
    };
    tracing::info!(profile = %ctx.profile.id, "two-factor setup started");
    Ok(view)
}

/// Step 2: the code from the authenticator turns 2FA on; the answer is step 3's codes.
pub async fn confirm(ctx: &AccountCtx<'_>, code: SecretString) -> Result<BackupCodesView, IpcError> {
    let code = normalize_totp_code(&code)?;
    let enabled = ctx.client.two_factor_confirm(&code).await.map_err(code_error)?;
    tracing::info!(profile = %ctx.profile.id, "two-factor authentication enabled");
    ctx.announce(&[AccountPart::TwoFactor]);
    Ok(show_backup_codes(ctx, enabled.backup_codes).await)
}

/// New backup codes for a current authenticator code; the old ones stop working.
pub async fn regenerate_backup_codes(ctx: &AccountCtx<'_>, code: SecretString) -> Result<BackupCodesView, IpcError> {
    let code = normalize_totp_code(&code)?;
    let codes = ctx.client.regenerate_backup_codes(&code).await.map_err(code_error)?;
    tracing::info!(profile = %ctx.profile.id, "backup codes regenerated");
    ctx.announce(&[AccountPart::TwoFactor]);
    Ok(show_backup_codes(ctx, codes.backup_codes).await)
}

/// Turns 2FA off with an authenticator code or an unused backup code.
pub async fn disable(ctx: &AccountCtx<'_>, code: SecretString) -> Result<TwoFactorOverview, IpcError> {
    let code = normalize_any_code(&code)?;
    ctx.client.disable_two_factor(&code).await.map_err(code_error)?;
    tracing::warn!(profile = %ctx.profile.id, "two-factor authentication turned off");
    ctx.announce(&[AccountPart::TwoFactor]);
    overview(&ctx.client).await
}

async fn show_backup_codes(ctx: &AccountCtx<'_>, codes: Vec<SecretString>) -> BackupCodesView {
    let account = account_email(&ctx.client).await;
    let revealed = codes.iter().map(RevealedSecret::of).collect();
    let joined = SecretString::new(codes.iter().map(|c| c.expose().as_str()).collect::<Vec<_>>().join("\n"));
    let slot = ctx.show_once(joined, SlotContent::BackupCodes { account_email: account.clone() });
    BackupCodesView { slot, codes: revealed, account }
}

/// *Save to file…*: the backup codes of `slot`, with the account and the date, owner-only.
pub fn save_backup_codes(shown_once: &ShownOnceSlots, slot: &str, path: &Path) -> Result<(), IpcError> {
    let (codes, content) = shown_once.get(slot)?;
    let SlotContent::BackupCodes { account_email } = content else {
        return Err(ipc_error!(ErrorCode::InvalidInput, "error-slot-not-backup-codes"));
    };
    let locale = i18n::locale();
    let date = i18n::format::format_date(now_utc().unix_timestamp(), locale);
    let list: Vec<&str> = codes.expose().lines().collect();
    let text = backup_codes_text(locale, &account_email, &date, &list);
    write_private_file(path, text.expose())?;
    tracing::info!("backup codes saved to a file chosen by the user");
    Ok(())
}
