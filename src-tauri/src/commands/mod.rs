//! Tauri commands, one file per feature. Each command is a thin forward to the Tauri-free
//! `zexa_app` crate, declared once with `command!`: build.rs finds the declarations here and
//! registers, permits and collects them (see build.rs). State changes reach the windows from the
//! service's change feeds through `next_page_events` (see `startup` and `page_events`).

use zexa_core::error::IpcError;

pub(crate) type Reply<T> = Result<T, IpcError>;

/// Declares one IPC command: a `#[tauri::command]` with typed bindings whose body runs
/// contained under the command's name (a panic becomes an `internal` error, logged, instead of
/// a hung promise). build.rs looks for `command! {` followed by the fn, so keep one fn per
/// declaration; the body is the fn's, returning a `Reply`.
macro_rules! command {
    ($(#[$meta:meta])* pub async fn $name:ident($($args:tt)*) -> $reply:ty $body:block) => {
        $(#[$meta])*
        #[tauri::command]
        #[specta::specta]
        pub async fn $name($($args)*) -> $reply {
            zexa_app::containment::contained(stringify!($name), async $body).await
        }
    };
    ($(#[$meta:meta])* pub fn $name:ident($($args:tt)*) -> $reply:ty $body:block) => {
        $(#[$meta])*
        #[tauri::command]
        #[specta::specta]
        pub fn $name($($args)*) -> $reply {
            zexa_app::containment::contained_sync(stringify!($name), || $body)
        }
    };
}

// After the macro: `command!` is in textual scope in every file below.
pub mod api_keys;
pub mod app;
pub mod autostart;
pub mod balance;
pub mod checkup;
pub mod history;
pub mod jobs;
pub mod manual_rotation;
pub mod offers;
pub mod page_events;
pub mod password;
pub mod profiles;
pub mod rules;
pub mod scan;
pub mod secrets;
pub mod sessions;
pub mod spend;
pub mod startup;
pub mod two_factor;
