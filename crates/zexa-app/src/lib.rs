//! The application service behind every Tauri command: it owns settings and profiles and
//! (in later modules) the keychain, the API client and the embedded sandbox. Tauri-free so the
//! whole flow is testable headless; `src-tauri` only forwards commands here.

mod service;
pub mod view;

pub use service::AppService;
