//! Tauri commands, one file per feature. Each command is a thin forward to the Tauri-free
//! `zexa_app` crate; state changes reach the windows as `app-state-changed` events from the
//! service's change feed (see `startup`).

pub mod api_keys;
pub mod app;
pub mod autostart;
pub mod balance;
pub mod checkup;
pub mod history;
pub mod password;
pub mod profiles;
pub mod secrets;
pub mod sessions;
pub mod startup;
pub mod two_factor;

use zexa_core::error::IpcError;

pub(crate) type Reply<T> = Result<T, IpcError>;
