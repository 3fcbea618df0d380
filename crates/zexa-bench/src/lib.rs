//! The footprint benchmark (`./dev bench`): the release app against a bare Tauri 2 window,
//! each launched alternately in a fresh home under the test session (Xvfb, D-Bus, keyring).
//!
//! Everything that can be checked without a display lives here and is unit-tested: reading
//! `/proc` ([`procfs`], per-thread CPU in [`thread_cpu`]), the statistics ([`stats`]), the
//! report and its targets ([`report`]), when a launch has settled ([`settle`]) and the UI size
//! line ([`dist`]). Launching and
//! watching the processes is in [`run`], the returning user's home in [`returning`] (Linux
//! only).

pub mod dist;
pub mod procfs;
pub mod report;
#[cfg(target_os = "linux")]
pub mod returning;
#[cfg(target_os = "linux")]
pub mod run;
pub mod settle;
pub mod stats;
pub mod thread_cpu;
