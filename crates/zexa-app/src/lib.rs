//! The application service behind every Tauri command: settings and profiles, the API key in
//! the keychain, the API client and the embedded sandbox. Tauri-free so every flow is testable
//! headless; `src-tauri` only forwards commands here and emits the resulting state.

mod account;
pub mod api_keys;
pub mod checkup;
pub mod clipboard;
pub mod clock;
pub mod containment;
pub mod events;
pub mod first_frame;
pub mod history;
pub mod ids;
pub mod jobs;
pub mod manual_rotation;
pub mod offers;
pub mod page_events;
pub mod password;
pub mod profiles;
pub mod rules;
mod sandbox;
pub mod scan;
mod service;
pub mod sessions;
pub mod shown_once;
pub mod spend;
mod sync;
pub mod two_factor;
pub mod view;

pub use service::{AppService, ServiceOptions};
