use std::str::FromStr;
use std::time::SystemTime;

use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::i18n::Locale;

use super::*;
use crate::monitor::BalanceReading;

fn profiles() -> Vec<TrayProfile> {
    vec![
        TrayProfile { id: "p1".into(), name: "Production".into() },
        TrayProfile { id: "p2".into(), name: "Staging".into() },
    ]
}

fn state(balance: TrayBalance) -> TrayState {
    TrayState { profiles: profiles(), active_profile_id: Some("p1".into()), balance, locale: Locale::En }
}

fn known(credits: &str, low: bool, stale: bool) -> TrayBalance {
    TrayBalance::Known { credits: Decimal::from_str(credits).unwrap(), currency: "USD".into(), low, stale }
}

fn balance_label(menu: &TrayMenu) -> &str {
    match &menu.items[0] {
        MenuItem::Info { label } => label,
        other => panic!("first item must be the balance, got {other:?}"),
    }
}

fn submenu(menu: &TrayMenu) -> Option<&Vec<MenuItem>> {
    menu.items.iter().find_map(|item| match item {
        MenuItem::Submenu { label, items } if label == "Profiles" || label == "Perfis" => Some(items),
        _ => None,
    })
}

#[test]
fn normal_balance_full_menu() {
    let menu = tray_menu(&state(known("4250", false, false)));
    assert_eq!(menu.tooltip, "Zexa — USD\u{a0}4,250.00");
    assert_eq!(menu.icon, TrayIcon::Normal);
    assert_eq!(
        menu.items,
        vec![
            MenuItem::Info { label: "Production: USD\u{a0}4,250.00".into() },
            MenuItem::Separator,
            MenuItem::Action { action: MenuAction::Open, label: "Open Zexa Desktop".into(), enabled: true },
            MenuItem::Action { action: MenuAction::RefreshNow, label: "Refresh now".into(), enabled: true },
            MenuItem::Submenu {
                label: "Profiles".into(),
                items: vec![
                    MenuItem::Check {
                        action: MenuAction::SwitchProfile("p1".into()),
                        label: "Production".into(),
                        checked: true
                    },
                    MenuItem::Check {
                        action: MenuAction::SwitchProfile("p2".into()),
                        label: "Staging".into(),
                        checked: false
                    },
                ]
            },
            MenuItem::Separator,
            MenuItem::Action { action: MenuAction::Quit, label: "Quit".into(), enabled: true },
        ]
    );
}

#[test]
fn fractions_and_large_numbers_keep_their_digits() {
    assert_eq!(tray_menu(&state(known("4249.5", false, false))).tooltip, "Zexa — USD\u{a0}4,249.50");
    assert_eq!(tray_menu(&state(known("1234567.25", false, false))).tooltip, "Zexa — USD\u{a0}1,234,567.25");
    let aoa = TrayBalance::Known { credits: Decimal::from(12), currency: "AOA".into(), low: true, stale: false };
    assert_eq!(tray_menu(&state(aoa)).tooltip, "Zexa — AOA\u{a0}12.00 · low");
}

#[test]
fn low_balance_has_low_icon_and_says_so() {
    let menu = tray_menu(&state(known("420", true, false)));
    assert_eq!(menu.icon, TrayIcon::Low);
    assert_eq!(menu.tooltip, "Zexa — USD\u{a0}420.00 · low");
    assert_eq!(balance_label(&menu), "Production: USD\u{a0}420.00 · low");
}

#[test]
fn zero_says_sending_is_paused_with_the_low_icon() {
    // Even with a zero threshold (low = false) zero is a warning state.
    for low in [true, false] {
        let menu = tray_menu(&state(known("0", low, false)));
        assert_eq!(menu.icon, TrayIcon::Low);
        assert_eq!(menu.tooltip, "Zexa — USD\u{a0}0.00 · sending paused");
    }
}

#[test]
fn stale_balance_is_marked_but_keeps_its_icon() {
    let menu = tray_menu(&state(known("4250", false, true)));
    assert_eq!(menu.icon, TrayIcon::Normal);
    assert_eq!(menu.tooltip, "Zexa — USD\u{a0}4,250.00 · not updated");
    assert_eq!(tray_menu(&state(known("420", true, true))).icon, TrayIcon::Low);
}

#[test]
fn revoked_key_has_its_own_icon() {
    let menu = tray_menu(&state(TrayBalance::KeyRefused));
    assert_eq!(menu.icon, TrayIcon::Revoked);
    assert_eq!(menu.tooltip, "Zexa — API key refused");
    assert_eq!(balance_label(&menu), "Production: API key refused");
}

#[test]
fn unknown_states_use_the_unknown_icon() {
    for (balance, tooltip) in
        [(TrayBalance::Checking, "Zexa — checking balance…"), (TrayBalance::Unavailable, "Zexa — balance unavailable")]
    {
        let menu = tray_menu(&state(balance));
        assert_eq!((menu.icon, menu.tooltip.as_str()), (TrayIcon::Unknown, tooltip));
    }
}

#[test]
fn no_profile_leaves_open_and_quit_only_actionable() {
    let menu = tray_menu(&TrayState {
        profiles: vec![],
        active_profile_id: None,
        balance: TrayBalance::NoProfile,
        locale: Locale::En,
    });
    assert_eq!(menu.icon, TrayIcon::Unknown);
    assert_eq!(menu.tooltip, "Zexa — no profile set up");
    assert_eq!(balance_label(&menu), "No profile set up");
    assert!(submenu(&menu).is_none());
    assert!(menu.items.contains(&MenuItem::Action {
        action: MenuAction::RefreshNow,
        label: "Refresh now".into(),
        enabled: false
    }));
    let enabled: Vec<_> = menu
        .items
        .iter()
        .filter_map(|i| match i {
            MenuItem::Action { action, enabled: true, .. } => Some(action.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(enabled, vec![MenuAction::Open, MenuAction::Quit]);
}

#[test]
fn switching_profile_moves_the_check() {
    let mut s = state(known("10", true, false));
    s.active_profile_id = Some("p2".into());
    let menu = tray_menu(&s);
    assert_eq!(balance_label(&menu), "Staging: USD\u{a0}10.00 · low");
    let checked: Vec<_> = submenu(&menu)
        .unwrap()
        .iter()
        .filter_map(|i| match i {
            MenuItem::Check { label, checked: true, .. } => Some(label.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(checked, vec!["Staging"]);
}

#[test]
fn ampersands_in_names_are_not_mnemonics() {
    let s = TrayState {
        profiles: vec![TrayProfile { id: "rd".into(), name: "R&D".into() }],
        active_profile_id: Some("rd".into()),
        balance: known("1000", false, false),
        locale: Locale::En,
    };
    let menu = tray_menu(&s);
    assert_eq!(balance_label(&menu), "R&&D: USD\u{a0}1,000.00");
    assert!(matches!(&submenu(&menu).unwrap()[0], MenuItem::Check { label, .. } if label == "R&&D"));
    assert_eq!(menu.tooltip, "Zexa — USD\u{a0}1,000.00");
}

#[test]
fn menu_ids_round_trip() {
    for action in [
        MenuAction::Open,
        MenuAction::RefreshNow,
        MenuAction::Quit,
        MenuAction::SwitchProfile("p1".into()),
        MenuAction::SwitchProfile("profile:odd:id".into()),
    ] {
        assert_eq!(MenuAction::parse(&action.id()), Some(action));
    }
    assert_eq!(MenuAction::parse("balance"), None);
}

fn status(balance: Option<&str>, error: Option<ErrorCode>, key_refused: bool) -> MonitorStatus {
    MonitorStatus {
        profile_id: "p1".into(),
        profile_name: "Production".into(),
        threshold: 500,
        polls: 1,
        balance: balance.map(|b| BalanceReading {
            credits: Decimal::from_str(b).unwrap(),
            currency: "USD".into(),
            fetched_at: SystemTime::now(),
        }),
        last_error: error.map(|code| IpcError::new(code, "failed")),
        key_refused,
        consecutive_failures: 0,
    }
}

#[test]
fn from_status_maps_every_monitor_state() {
    let map = |s: MonitorStatus| TrayState::from_status(profiles(), &s, Locale::En).balance;
    assert_eq!(map(status(None, None, false)), TrayBalance::Checking);
    assert_eq!(map(status(None, Some(ErrorCode::Network), false)), TrayBalance::Unavailable);
    assert_eq!(map(status(Some("4250"), None, false)), known("4250", false, false));
    assert_eq!(map(status(Some("499.5"), None, false)), known("499.5", true, false));
    assert_eq!(map(status(Some("500"), Some(ErrorCode::Timeout), false)), known("500", false, true));
    assert_eq!(map(status(Some("500"), Some(ErrorCode::Unauthorized), true)), TrayBalance::KeyRefused);
    let tray = TrayState::from_status(profiles(), &status(Some("420"), None, false), Locale::En);
    assert_eq!(tray.active_profile_id.as_deref(), Some("p1"));
    assert_eq!(tray_menu(&tray).tooltip, "Zexa — USD\u{a0}420.00 · low");
}

#[test]
fn the_menu_speaks_the_state_s_language() {
    let mut s = state(known("4250", true, true));
    s.locale = Locale::Pt;
    let menu = tray_menu(&s);
    assert_eq!(menu.tooltip, "Zexa — 4\u{a0}250,00\u{a0}USD · baixo · não atualizado");
    assert_eq!(balance_label(&menu), "Production: 4\u{a0}250,00\u{a0}USD · baixo · não atualizado");
    let labels: Vec<&str> = menu
        .items
        .iter()
        .filter_map(|item| match item {
            MenuItem::Action { label, .. } | MenuItem::Submenu { label, .. } => Some(label.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(labels, ["Abrir o Zexa Desktop", "Atualizar agora", "Perfis", "Sair"]);
    s.balance = known("0", false, false);
    assert_eq!(tray_menu(&s).tooltip, "Zexa — 0,00\u{a0}USD · envio em pausa");
    s.balance = TrayBalance::KeyRefused;
    assert_eq!(tray_menu(&s).tooltip, "Zexa — chave de API recusada");
    let empty =
        TrayState { profiles: vec![], active_profile_id: None, balance: TrayBalance::NoProfile, locale: Locale::Pt };
    assert_eq!(balance_label(&tray_menu(&empty)), "Nenhum perfil configurado");
}

#[test]
fn the_tray_is_drawn_again_only_when_what_it_shows_changed() {
    let known = |credits: &str| TrayBalance::Known {
        credits: Decimal::from_str(credits).unwrap(),
        currency: "AOA".into(),
        low: false,
        stale: false,
    };
    let mut updates = TrayUpdates::default();
    assert_eq!(updates.to_show(state(TrayBalance::Checking)), Some(state(TrayBalance::Checking)), "the first state");
    assert_eq!(updates.to_show(state(known("4250"))), Some(state(known("4250"))));
    assert_eq!(updates.to_show(state(known("4250"))), None, "a poll with the same balance draws nothing");
    assert_eq!(updates.to_show(state(known("4100"))), Some(state(known("4100"))), "a new figure is drawn");
    let mut portuguese = state(known("4100"));
    portuguese.locale = Locale::Pt;
    assert!(updates.to_show(portuguese).is_some(), "another language is drawn");
}
