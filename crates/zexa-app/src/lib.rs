//! The application service behind every Tauri command: settings and profiles, the API key in
//! the keychain, the API client and the embedded sandbox. Tauri-free so every flow is testable
//! headless; `src-tauri` only forwards commands here and emits the resulting state.

mod balance;
mod keys;
mod monitoring;
mod profiles;
mod sandbox;
mod service;
pub mod view;

pub use service::{AppService, ServiceOptions};
