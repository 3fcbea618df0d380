//! Everything in Zexa Desktop that does not need Tauri: the error type the webview sees,
//! the wrapper that keeps secrets out of logs and JSON, settings on disk and logging.
//! Kept free of Tauri so that all of it is testable headless.

pub mod error;
mod log_file;
pub mod logging;
pub mod paths;
pub mod private_file;
pub mod secret;
pub mod settings;
pub mod software_rendering;
pub mod state_file;

/// The application identifier; also the keychain service name and the config/log folder name.
pub const APP_IDENTIFIER: &str = "ao.zexa.desktop";

/// The app's languages: `zexa_core::i18n::t!` and the locale, for crates that have zexa-core.
pub use zexa_i18n as i18n;
