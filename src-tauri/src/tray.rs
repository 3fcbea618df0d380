//! The tray icon: tooltip/title, icon and menu rendered from `zexa_monitor::tray_menu`, a pure
//! function of the app state and the active profile's monitor status. On Linux a click opens
//! the menu, so every action is a menu item.

use std::sync::Arc;

use tauri::image::Image;
use tauri::menu::{CheckMenuItem, IsMenuItem, Menu, MenuItem as TauriItem, PredefinedMenuItem, Submenu};
use tauri::tray::{TrayIcon as Tray, TrayIconBuilder};
use tauri::{AppHandle, Manager, Runtime};
use zexa_app::view::AppState;
use zexa_app::AppService;
use zexa_monitor::{
    tray_menu, MenuAction, MenuItem, MonitorStatus, TrayBalance, TrayIcon, TrayProfile, TrayState, TrayUpdates,
};

use crate::window;

const TRAY_ID: &str = "zexa";

fn icon(kind: TrayIcon) -> Image<'static> {
    let bytes: &'static [u8] = match kind {
        TrayIcon::Normal => include_bytes!("../../icons/tray/normal.png"),
        TrayIcon::Low => include_bytes!("../../icons/tray/low.png"),
        TrayIcon::Revoked => include_bytes!("../../icons/tray/revoked.png"),
        TrayIcon::Unknown => include_bytes!("../../icons/tray/unknown.png"),
    };
    Image::from_bytes(bytes).expect("tray icons are valid PNGs")
}

/// The model's input: profiles from the app state, the balance from the monitor.
pub fn tray_state(app: &AppState, status: Option<&MonitorStatus>) -> TrayState {
    let profiles = app.profiles.iter().map(|p| TrayProfile { id: p.id.clone(), name: p.name.clone() }).collect();
    match status {
        Some(status) if Some(&status.profile_id) == app.active_profile_id.as_ref() => {
            TrayState::from_status(profiles, status, app.locale)
        }
        _ => TrayState {
            profiles,
            active_profile_id: app.active_profile_id.clone(),
            balance: if app.active_profile_id.is_some() { TrayBalance::Checking } else { TrayBalance::NoProfile },
            locale: app.locale,
        },
    }
}

fn build_items<R: Runtime>(app: &AppHandle<R>, items: &[MenuItem]) -> tauri::Result<Vec<Box<dyn IsMenuItem<R>>>> {
    let mut built: Vec<Box<dyn IsMenuItem<R>>> = Vec::new();
    for item in items {
        built.push(match item {
            MenuItem::Info { label } => Box::new(TauriItem::new(app, label, false, None::<&str>)?),
            MenuItem::Action { action, label, enabled } => {
                Box::new(TauriItem::with_id(app, action.id(), label, *enabled, None::<&str>)?)
            }
            MenuItem::Check { action, label, checked } => {
                Box::new(CheckMenuItem::with_id(app, action.id(), label, true, *checked, None::<&str>)?)
            }
            MenuItem::Submenu { label, items } => {
                let children = build_items(app, items)?;
                let refs: Vec<&dyn IsMenuItem<R>> = children.iter().map(|c| c.as_ref()).collect();
                Box::new(Submenu::with_items(app, label, true, &refs)?)
            }
            MenuItem::Separator => Box::new(PredefinedMenuItem::separator(app)?),
        });
    }
    Ok(built)
}

fn render<R: Runtime>(app: &AppHandle<R>, tray: &Tray<R>, state: &TrayState) -> tauri::Result<()> {
    let model = tray_menu(state);
    let items = build_items(app, &model.items)?;
    let refs: Vec<&dyn IsMenuItem<R>> = items.iter().map(|c| c.as_ref()).collect();
    tray.set_menu(Some(Menu::with_items(app, &refs)?))?;
    tray.set_icon(Some(icon(model.icon)))?;
    tray.set_tooltip(Some(&model.tooltip))?;
    // Shown next to the icon where the platform supports it (macOS, some Linux panels).
    tray.set_title(Some(&model.tooltip))?;
    Ok(())
}

fn on_menu_action<R: Runtime>(app: &AppHandle<R>, id: &str) {
    let service = app.state::<Arc<AppService>>();
    match MenuAction::parse(id) {
        Some(MenuAction::Open) => window::show_main(app),
        Some(MenuAction::RefreshNow) => service.refresh_now(),
        Some(MenuAction::SwitchProfile(profile)) => {
            if let Err(error) = service.switch_profile(&profile) {
                tracing::warn!(%error, "tray profile switch failed");
            }
        }
        Some(MenuAction::Quit) => app.exit(0),
        None => {}
    }
}

/// Creates the tray and keeps it in step with the app state and the monitor.
pub fn install<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    let service = app.state::<Arc<AppService>>().inner().clone();
    let tray = TrayIconBuilder::with_id(TRAY_ID)
        .icon(icon(TrayIcon::Unknown))
        .show_menu_on_left_click(true)
        .on_menu_event(|app, event| on_menu_action(app, event.id().as_ref()))
        .build(app)?;
    let mut states = service.subscribe();
    let mut statuses = service.subscribe_monitor();
    let app = app.clone();
    tauri::async_runtime::spawn(async move {
        let mut updates = TrayUpdates::default();
        loop {
            let state = tray_state(&states.borrow_and_update(), statuses.borrow_and_update().as_ref());
            if let Some(state) = updates.to_show(state) {
                let (app2, tray2) = (app.clone(), tray.clone());
                // Menus are built on the main thread, as GTK and AppKit require.
                let _ = app.run_on_main_thread(move || {
                    if let Err(error) = render(&app2, &tray2, &state) {
                        tracing::warn!(%error, "tray update failed");
                    }
                });
            }
            tokio::select! {
                changed = states.changed() => if changed.is_err() { break },
                changed = statuses.changed() => if changed.is_err() { break },
            }
        }
    });
    Ok(())
}
