//! The credit monitor of Zexa Desktop, free of Tauri: it polls `GET /credits` per active profile,
//! decides when to warn that credits run low, are used up or that the key was refused, shows those
//! warnings as desktop notifications, and describes the tray icon and menu.
//!
//! * [`alert`]: the pure alert state machine ([`evaluate`]), with its re-arm margin.
//! * [`store`]: what was already notified, persisted per profile ([`AlertStore`]).
//! * [`monitor`]: the background task ([`CreditMonitor`] → [`MonitorHandle`]): interval, refresh,
//!   back-off, `Retry-After`, status published on a `tokio::sync::watch` channel.
//! * [`source`]: where balances come from ([`CreditSource`], implemented for [`zexa_api::Client`]).
//! * [`notifier`]: notification texts and the `notify-rust` notifier ([`DesktopNotifier`]).
//! * [`tray`]: the tray tooltip, icon and menu as a pure function ([`tray_menu`]).
//!
//! Wiring in the shell (full walk-through in `docs/credit-monitor.md`):
//!
//! ```no_run
//! # async fn wire(client: zexa_api::Client, profile: zexa_core::settings::Profile,
//! #               general: zexa_core::settings::GeneralSettings, data_dir: std::path::PathBuf) {
//! use std::sync::Arc;
//! use zexa_monitor::*;
//!
//! let store = Arc::new(AlertStore::open(data_dir.join(ALERT_STATE_FILE)));
//! let notifier: Arc<dyn Notifier> = Arc::new(
//!     DesktopNotifier::new(DesktopNotifierOptions { icon: "ao.zexa.desktop".into(), ..Default::default() })
//!         .on_click(|click| { /* show + focus the window, navigate to the Overview */ let _ = click; }),
//! );
//! let monitor = CreditMonitor::new(&profile.id, client, notifier, store)
//!     .spawn(MonitorSettings::for_profile(&profile, &general));
//! let mut updates = monitor.subscribe();
//! tokio::spawn(async move {
//!     while updates.changed().await.is_ok() {
//!         let status = updates.borrow_and_update().clone();
//!         let menu = tray_menu(&TrayState::from_status(vec![], &status, zexa_core::i18n::locale()));
//!         // apply menu.tooltip, menu.icon, menu.items to the tray; emit status to the webview
//!         let _ = menu;
//!     }
//! });
//! monitor.refresh_now(); // window focus, "Refresh now"
//! # }
//! ```

pub mod alert;
pub mod format;
pub mod monitor;
pub mod notifier;
pub mod source;
mod status;
pub mod store;
pub mod tray;

pub use alert::{evaluate, rearm_level, rearm_margin, AlertState, Notice, NoticeKind, Observation};
pub use format::{format_balance, format_credits};
pub use monitor::{
    backoff_delay, BalanceLevel, BalanceReading, CreditMonitor, MonitorConfig, MonitorHandle, MonitorSettings,
    MonitorStatus, Outcome,
};
pub use notifier::{
    ClickEvent, ClickHandler, DesktopNotifier, DesktopNotifierOptions, NoticeMessage, Notifier, NotifyError,
    NotifyFuture, SilentNotifier, APP_NAME,
};
pub use source::CreditSource;
pub use store::{AlertStore, StoreError, ALERT_STATE_FILE, ALERT_STATE_VERSION};
pub use tray::{tray_menu, MenuAction, MenuItem, TrayBalance, TrayIcon, TrayMenu, TrayProfile, TrayState, TrayUpdates};
