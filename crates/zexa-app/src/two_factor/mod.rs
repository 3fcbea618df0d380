//! Guided two-factor setup (scan the QR code, confirm a code, save the backup codes), the status
//! card, regenerating backup codes and turning 2FA off. The TOTP secret, the `otpauth` URL, the
//! codes typed and the backup codes live in Rust only as `SecretString`s; the QR picture and the
//! grouped setup key are the only forms that reach the webview, once, while the wizard is open.

pub mod backup_file;
pub mod codes;
pub mod qr;
pub mod service;

use serde::Serialize;
use specta::Type;
use zexa_core::secret::RevealedSecret;

/// Zexa's warning threshold: at this many unused backup codes or fewer, regenerate them.
pub const BACKUP_CODES_WARN_AT: u32 = 3;

/// The one rule for "backup codes are running out" (the status card and the checkup).
pub fn backup_codes_low(remaining: u32) -> bool {
    remaining <= BACKUP_CODES_WARN_AT
}

/// Authenticator apps that read the contract's QR codes; named in the wizard.
pub const AUTHENTICATOR_APPS: [&str; 4] = ["Google Authenticator", "Microsoft Authenticator", "Authy", "2FAS"];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct TwoFactorOverview {
    pub enabled: bool,
    pub enabled_at: Option<String>,
    pub backup_codes_remaining: u32,
    /// At or below [`BACKUP_CODES_WARN_AT`] while enabled.
    pub backup_codes_low: bool,
    pub backup_codes_warn_at: u32,
}

/// Step 1 of the wizard.
#[derive(Debug, Serialize, Type)]
pub struct TwoFactorSetupView {
    /// The setup key's shown-once slot, for *Copy*; forget it when the wizard closes.
    pub slot: String,
    /// The QR code of the `otpauth` URL as a `data:image/png` URL.
    pub qr_png: RevealedSecret,
    /// The setup key in groups of four, for typing by hand.
    pub setup_key: RevealedSecret,
    /// The account the authenticator entry is for (the URL's label).
    pub account: String,
    pub expires_at: String,
    /// Counted on the server's clock at the time of the answer.
    pub expires_in_secs: u32,
    pub qr_modules: u32,
    pub qr_pixels: u32,
    pub authenticator_apps: Vec<String>,
}

/// Step 3 (and *Regenerate*): the codes, shown once. `slot` serves *Copy all* and *Save to
/// file…*; forget it when the step closes.
#[derive(Debug, Serialize, Type)]
pub struct BackupCodesView {
    pub slot: String,
    pub codes: Vec<RevealedSecret>,
    pub account: String,
}
