//! The tray's tooltip, icon and menu as a pure function of the app state ([`tray_menu`]), in
//! the state's locale (the app's, from `AppState.locale`), with texts from the catalogue
//! (`crates/zexa-i18n/locales/*/tray.ftl`).
//!
//! On Linux a click on the tray icon only opens the menu, so every action is a menu item. Menu
//! labels use the syntax of Tauri's menus (muda): `&` marks a mnemonic, so a literal `&` in a
//! profile name is written `&&`. The tooltip is plain text.

use zexa_api::Decimal;
use zexa_core::i18n::{t_in, Locale};

use crate::alert::{is_empty, is_low};
use crate::format::format_balance;
use crate::monitor::MonitorStatus;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayProfile {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrayBalance {
    NoProfile,
    /// The first poll has not answered yet.
    Checking,
    Known {
        credits: Decimal,
        currency: String,
        low: bool,
        /// The latest poll failed; this is the last good balance.
        stale: bool,
    },
    /// Polls failed and no balance is known yet.
    Unavailable,
    KeyRefused,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayState {
    pub profiles: Vec<TrayProfile>,
    pub active_profile_id: Option<String>,
    pub balance: TrayBalance,
    /// The language of the tooltip and menu.
    pub locale: Locale,
}

impl TrayState {
    /// The usual way in: the profile list from settings and the active profile's monitor status.
    pub fn from_status(profiles: Vec<TrayProfile>, status: &MonitorStatus, locale: Locale) -> Self {
        let balance = match (&status.balance, status.key_refused) {
            (_, true) => TrayBalance::KeyRefused,
            (Some(reading), false) => TrayBalance::Known {
                credits: reading.credits,
                currency: reading.currency.clone(),
                low: is_low(reading.credits, status.threshold),
                stale: status.last_error.is_some(),
            },
            (None, false) if status.last_error.is_some() => TrayBalance::Unavailable,
            (None, false) => TrayBalance::Checking,
        };
        Self { profiles, active_profile_id: Some(status.profile_id.clone()), balance, locale }
    }

    fn active_name(&self) -> Option<&str> {
        let id = self.active_profile_id.as_deref()?;
        self.profiles.iter().find(|p| p.id == id).map(|p| p.name.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrayIcon {
    Normal,
    /// Below the threshold, or at zero.
    Low,
    Revoked,
    /// No profile, or no balance known yet.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuAction {
    Open,
    RefreshNow,
    SwitchProfile(String),
    Quit,
}

const PROFILE_PREFIX: &str = "profile:";

impl MenuAction {
    /// The menu item id to give Tauri; [`MenuAction::parse`] reads it back in the event handler.
    pub fn id(&self) -> String {
        match self {
            MenuAction::Open => "open".into(),
            MenuAction::RefreshNow => "refresh".into(),
            MenuAction::SwitchProfile(id) => format!("{PROFILE_PREFIX}{id}"),
            MenuAction::Quit => "quit".into(),
        }
    }

    pub fn parse(id: &str) -> Option<Self> {
        match id {
            "open" => Some(MenuAction::Open),
            "refresh" => Some(MenuAction::RefreshNow),
            "quit" => Some(MenuAction::Quit),
            _ => id.strip_prefix(PROFILE_PREFIX).map(|p| MenuAction::SwitchProfile(p.to_owned())),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MenuItem {
    /// Shown, never clickable (the balance line).
    Info {
        label: String,
    },
    Action {
        action: MenuAction,
        label: String,
        enabled: bool,
    },
    Check {
        action: MenuAction,
        label: String,
        checked: bool,
    },
    Submenu {
        label: String,
        items: Vec<MenuItem>,
    },
    Separator,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrayMenu {
    pub tooltip: String,
    pub icon: TrayIcon,
    pub items: Vec<MenuItem>,
}

pub fn tray_menu(state: &TrayState) -> TrayMenu {
    let locale = state.locale;
    let (status_text, icon) = match &state.balance {
        TrayBalance::NoProfile => (t_in!(locale, "tray-status-no-profile"), TrayIcon::Unknown),
        TrayBalance::Checking => (t_in!(locale, "tray-status-checking"), TrayIcon::Unknown),
        TrayBalance::Unavailable => (t_in!(locale, "tray-status-unavailable"), TrayIcon::Unknown),
        TrayBalance::KeyRefused => (t_in!(locale, "tray-status-key-refused"), TrayIcon::Revoked),
        TrayBalance::Known { credits, currency, low, stale } => {
            let level = if is_empty(*credits) {
                "zero"
            } else if *low {
                "low"
            } else {
                "ok"
            };
            let text = t_in!(
                locale,
                "tray-status-balance",
                balance = format_balance(*credits, currency, locale),
                level = level,
                stale = if *stale { "yes" } else { "no" },
            );
            (text, if *low || is_empty(*credits) { TrayIcon::Low } else { TrayIcon::Normal })
        }
    };
    let tooltip = t_in!(locale, "tray-tooltip", status = status_text.as_str());
    let balance_label = match (state.active_name(), &state.balance) {
        (_, TrayBalance::NoProfile) | (None, _) => t_in!(locale, "tray-no-profile"),
        (Some(name), _) => t_in!(locale, "tray-profile-status", name = menu_text(name), status = status_text.as_str()),
    };
    let has_profile = !matches!(state.balance, TrayBalance::NoProfile) && state.active_name().is_some();

    let mut items = vec![
        MenuItem::Info { label: balance_label },
        MenuItem::Separator,
        MenuItem::Action { action: MenuAction::Open, label: t_in!(locale, "tray-open"), enabled: true },
        MenuItem::Action {
            action: MenuAction::RefreshNow,
            label: t_in!(locale, "tray-refresh-now"),
            enabled: has_profile,
        },
    ];
    if !state.profiles.is_empty() {
        let profiles = state
            .profiles
            .iter()
            .map(|p| MenuItem::Check {
                action: MenuAction::SwitchProfile(p.id.clone()),
                label: menu_text(&p.name),
                checked: state.active_profile_id.as_deref() == Some(p.id.as_str()),
            })
            .collect();
        items.push(MenuItem::Submenu { label: t_in!(locale, "tray-profiles"), items: profiles });
    }
    items.push(MenuItem::Separator);
    items.push(MenuItem::Action { action: MenuAction::Quit, label: t_in!(locale, "tray-quit"), enabled: true });
    TrayMenu { tooltip, icon, items }
}

/// What the tray last showed. Every poll republishes the monitor's status, but a balance that
/// did not move leaves the same state: rebuilding the native menu and icon then would only cost
/// the tray app CPU once a minute, all day, for nothing to see.
#[derive(Debug, Default)]
pub struct TrayUpdates {
    shown: Option<TrayState>,
}

impl TrayUpdates {
    /// `state` when it differs from what the tray shows (and is now taken as shown), else `None`.
    pub fn to_show(&mut self, state: TrayState) -> Option<TrayState> {
        if self.shown.as_ref() == Some(&state) {
            return None;
        }
        self.shown = Some(state.clone());
        Some(state)
    }
}

/// User text in a menu label: `&` would start a mnemonic.
fn menu_text(text: &str) -> String {
    text.replace('&', "&&")
}

#[cfg(test)]
#[path = "tray_tests.rs"]
mod tests;
