//! The Tauri shell: builds the window and tray, registers commands and events, and hands every
//! request to `zexa_app::AppService`. Generic over `Runtime` so tests can drive it with
//! `tauri::test::mock_builder()`.

pub mod autostart;
pub mod boundary;
mod commands;
pub mod dashboard;
pub mod native_dialogs;
mod notifications;
mod single_instance;
mod startup;
pub mod tray;
mod webview_tuning;
mod window;

use std::sync::Arc;

use tauri::{Manager, Runtime};
use zexa_api::ClientConfig;
use zexa_app::clipboard::SystemClipboard;
use zexa_app::page_events::{PageEvent, PageEventOutbox};
use zexa_app::{AppService, ServiceOptions};
use zexa_core::secret::SecretString;
use zexa_core::settings::SettingsStore;
use zexa_keychain::KeychainStore;

/// Offered for import on first launch, as Zexa's docs recommend keeping keys there.
const ENV_API_KEY: &str = "ZEXA_API_KEY";

/// Tells the window something: the page collects it with `next_page_events`
/// (`zexa_app::page_events` says why not Tauri's events).
pub(crate) fn tell_page<R: Runtime>(app: &tauri::AppHandle<R>, event: PageEvent) {
    app.state::<Arc<PageEventOutbox>>().announce(event);
}

/// The name of every command (each `command!` in src/commands/, found by build.rs): what
/// tauri-build registers and the `app-commands` permission set grants.
pub const COMMAND_NAMES: &[&str] = include!(concat!(env!("OUT_DIR"), "/command_names.rs"));

/// Commands and events as the TypeScript bindings describe them (`tests/bindings.rs` exports
/// them). The app itself registers the same commands without it (`setup_app`): building it
/// computes every command's types, code and start-up work the running app has no use for.
pub fn specta_builder<R: Runtime>() -> tauri_specta::Builder<R> {
    tauri_specta::Builder::<R>::new()
        .disable_serde_phases()
        // Every `command!` of src/commands/, listed by build.rs.
        .commands(include!(concat!(env!("OUT_DIR"), "/commands.rs")))
        // Rust's rules as figures (`LIMITS`), so TypeScript reads them instead of copying them.
        .typ::<zexa_app::rules::Limits>()
        .constant("LIMITS", zexa_app::rules::limits())
}

/// The TypeScript exporter used for `ui/src/lib/bindings.ts`.
pub fn typescript_exporter() -> specta_typescript::Typescript {
    specta_typescript::Typescript::default().header("// @ts-nocheck")
}

/// Registers state and commands on any builder (the real one or a mock); `on_ready`
/// adds what only the real app has (tray, notification clicks). Tauri keeps one setup hook,
/// so everything that needs the app at start goes through this one.
pub fn setup_app<R: Runtime>(
    builder: tauri::Builder<R>,
    service: Arc<AppService>,
    on_ready: impl FnOnce(&tauri::AppHandle<R>) -> tauri::Result<()> + Send + 'static,
) -> tauri::Builder<R> {
    builder
        .manage(service.clone())
        .manage(Arc::new(PageEventOutbox::default()))
        // Every `command!` of src/commands/, listed by build.rs (the list the bindings use too).
        .invoke_handler(include!(concat!(env!("OUT_DIR"), "/handlers.rs")))
        .setup(move |app| {
            // Before the window: the embedded sandbox, served from this process, opens and gives
            // its figure to the first frame (a few milliseconds; a real server is not waited for).
            let prepared = tauri::async_runtime::block_on(service.prepare_first_frame(startup::sandbox_when_empty()));
            // Then the window: the start-up tasks and `on_ready` expect it to exist.
            window::create_main(app.handle(), prepared.fresh_balance)?;
            startup::spawn_startup_tasks(app.handle().clone(), prepared.sandbox_opened);
            on_ready(app.handle())?;
            Ok(())
        })
}

/// The app's configuration, assets and capabilities, compiled in. Generic so IPC tests run the
/// real capabilities on the mock runtime.
pub fn context<R: Runtime>() -> tauri::Context<R> {
    tauri::generate_context!("../tauri.conf.json")
}

/// Set by the end-to-end tests only: the embedded sandbox of a debug build then serves its admin
/// routes to callers that send this token. A release build ignores it (`AdminAccess::for_embedded`);
/// without it those routes do not exist in the app.
const SANDBOX_ADMIN_TOKEN_ENV: &str = "ZEXA_SANDBOX_ADMIN_TOKEN";

/// Reads a secret from the environment and removes it, so the browser or mail program the app
/// starts does not inherit it. Done first in `run`, before any other thread exists.
fn take_env_secret(name: &str) -> Option<SecretString> {
    let value = std::env::var(name).ok().filter(|v| !v.is_empty()).map(SecretString::new);
    std::env::remove_var(name);
    value
}

pub fn run() {
    // It changes the environment too, so it also comes before any other thread exists.
    let painting = zexa_core::software_rendering::apply_before_threads();
    let env_api_key = take_env_secret(ENV_API_KEY);
    // Taken (removed from the environment) in every build; honoured in debug builds only.
    let sandbox_admin = zexa_sandbox::AdminAccess::for_embedded(take_env_secret(SANDBOX_ADMIN_TOKEN_ENV));
    // Before any file is created: settings, logs, state and WebKit's storage are owner-only.
    zexa_core::paths::restrict_new_files_to_owner();
    let _logging = zexa_core::logging::init();
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "Zexa Desktop starting");
    webview_tuning::log_painting(painting);
    zexa_core::paths::secure_app_dirs();
    let store = SettingsStore::in_config_dir().unwrap_or_else(SettingsStore::without_folder);
    let (notifier, clicks) = notifications::desktop_notifier();
    let options = ServiceOptions {
        keychain: KeychainStore::native(),
        client_config: ClientConfig::default(),
        env_api_key,
        runtime: tauri::async_runtime::handle().inner().clone(),
        notifier,
        alert_store: notifications::alert_store(),
        clipboard: Arc::new(SystemClipboard::default()),
        data_dir: zexa_core::paths::data_dir(),
        sandbox_admin,
        system_locale: zexa_core::i18n::system_locale,
    };
    let service = AppService::load(store, options);
    let builder = tauri::Builder::default()
        // A second launch brings the running app forward instead of starting another; one from
        // the start-at-login entry (`--minimized`) leaves it in the tray.
        .plugin(single_instance::plugin(|app, args| {
            if !autostart::started_minimized(&args) {
                window::show_main(app)
            }
        }))
        // Start at login, driven by the get_autostart / set_autostart commands only.
        .plugin(autostart::plugin())
        // Used from Rust only (the backup codes' save dialog); the webview is granted nothing of it.
        .plugin(tauri_plugin_dialog::init())
        .on_window_event(window::on_window_event);
    let app = setup_app(builder, service.clone(), move |app| {
        clicks.connect(app.clone());
        app.manage(native_dialogs::NativeDialogs::native(app.clone()));
        tray::install(app)?;
        autostart::hide_if_started_minimized(app);
        Ok(())
    })
    .build(context())
    .expect("error while building Zexa Desktop");
    app.run(move |_app, event| {
        if let tauri::RunEvent::Exit = event {
            // A key or backup code the user copied does not outlive the app on the clipboard.
            service.clear_copied_secret();
        }
    });
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_environment_secret_is_read_once_and_removed() {
        let name = "ZEXA_TEST_ENV_SECRET_TAKEN";
        std::env::set_var(name, "zx_test_FROM_THE_ENVIRONMENT_0001");
        let secret = super::take_env_secret(name).expect("read");
        assert_eq!(secret.expose(), "zx_test_FROM_THE_ENVIRONMENT_0001");
        assert!(std::env::var_os(name).is_none(), "gone: a browser or mail program started later cannot inherit it");
        // What a child process gets: not the key.
        let child = std::process::Command::new("env").output().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
        if let Ok(listing) = child {
            assert!(!listing.contains("FROM_THE_ENVIRONMENT"), "{listing}");
        }
        assert!(super::take_env_secret(name).is_none());
    }
}
