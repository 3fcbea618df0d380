//! Zexa Desktop speaks English and Portuguese. This crate is where the Rust side decides which,
//! and says everything Rust shows without the webview in that language.
//!
//! * **One locale, decided here.** The user's choice ([`Language`]: system, `pt`, `en`, kept in
//!   `GeneralSettings::language`) resolves to the effective [`Locale`] (`en` | `pt`): `pt-*` is
//!   Portuguese, anything else English; *system* asks the OS through `sys-locale` (on Linux
//!   `LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`). `zexa_app::AppService` resolves it at start and on
//!   every settings change, calls [`set_locale`], and sends it to the window in `AppState.locale`,
//!   so the window, the tray and the notifications always agree.
//! * **The catalogue** is Fluent: `locales/<tag>/*.ftl`, one folder per language, embedded in the
//!   binary ([`FILES`]). [`t!`] renders a message in the current locale, [`t_in!`] in a given one.
//!   Ids are literals at the call site so `tests/catalogue.rs` can check that each one exists in
//!   every language with the same variables, and that none is unused.
//! * **Formatting** ([`format`]) of numbers, balances and dates is the UI's `Intl` output,
//!   character for character, so the tray and the window show a balance the same way.
//!
//! Error sentences: Rust renders them in the current locale (`zexa_core::ipc_error!`) and marks
//! the `IpcError` with that locale; the UI shows Rust's sentence when it is in the window's
//! language and its own sentence for the code otherwise (see `ui/src/lib/errors.ts`).

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use serde::{Deserialize, Serialize};
use specta::Type;

pub use fluent_bundle::FluentValue;

pub mod format;

/// The languages the app is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Pt,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Pt];

    /// The wire name, as in `AppState.locale`: `en`, `pt`.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Pt => "pt",
        }
    }

    /// The catalogue's language tag: its folder under `locales/`, the Fluent bundle's language
    /// (plural rules) and the UI's Paraglide locale. Portuguese is European/Angolan Portuguese,
    /// `pt-PT`, whose plural rules put 0 in the plural ("0 códigos"); plain `pt` is Brazil's
    /// rules, where 0 is singular.
    pub fn catalogue_tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Pt => "pt-PT",
        }
    }

    /// The tag numbers and dates are formatted for, here and by the UI's `Intl`: `pt-AO`
    /// (Angola, the main market: "4 250,5", "25/11/2026"), `en-US`.
    pub fn format_tag(self) -> &'static str {
        match self {
            Locale::En => "en-US",
            Locale::Pt => "pt-AO",
        }
    }

    /// `pt`, `pt-AO`, `pt_PT.UTF-8` → Portuguese; anything else (`en-GB`, `fr`, `C`) → English.
    pub fn from_tag(tag: &str) -> Locale {
        let tag = tag.trim().to_ascii_lowercase();
        match tag.strip_prefix("pt") {
            Some(rest) if rest.is_empty() || rest.starts_with(['-', '_', '.', '@']) => Locale::Pt,
            _ => Locale::En,
        }
    }
}

/// The Language choice in Settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, Type)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Follow the operating system's language.
    #[default]
    System,
    Pt,
    En,
}

impl Language {
    /// The effective locale: the choice, or the OS language for [`Language::System`].
    pub fn resolve(self) -> Locale {
        match self {
            Language::System => system_locale(),
            Language::Pt => Locale::Pt,
            Language::En => Locale::En,
        }
    }
}

/// The OS language, as `sys-locale` reports it; English when it reports none.
pub fn system_locale() -> Locale {
    sys_locale::get_locale().map(|tag| Locale::from_tag(&tag)).unwrap_or_default()
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Makes `locale` the one [`t!`] renders in (the app's, set by `AppService`).
pub fn set_locale(locale: Locale) {
    CURRENT.store(locale as u8, Ordering::Relaxed);
}

/// The locale [`t!`] renders in. English until [`set_locale`] is called.
pub fn locale() -> Locale {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Locale::Pt,
        _ => Locale::En,
    }
}

/// Every catalogue file, in the same order for each language (`tests/catalogue.rs` checks that
/// this list and the folders agree).
pub const FILES: [&str; 8] = [
    "tray.ftl",
    "notifications.ftl",
    "dialogs.ftl",
    "errors.ftl",
    "checkup.ftl",
    "security.ftl",
    "cli.ftl",
    "scan.ftl",
];

macro_rules! sources {
    ($tag:literal) => {
        [
            include_str!(concat!("../locales/", $tag, "/tray.ftl")),
            include_str!(concat!("../locales/", $tag, "/notifications.ftl")),
            include_str!(concat!("../locales/", $tag, "/dialogs.ftl")),
            include_str!(concat!("../locales/", $tag, "/errors.ftl")),
            include_str!(concat!("../locales/", $tag, "/checkup.ftl")),
            include_str!(concat!("../locales/", $tag, "/security.ftl")),
            include_str!(concat!("../locales/", $tag, "/cli.ftl")),
            include_str!(concat!("../locales/", $tag, "/scan.ftl")),
        ]
    };
}

/// The Fluent source of each file of a language, in [`FILES`] order.
pub fn sources(locale: Locale) -> [&'static str; FILES.len()] {
    match locale {
        Locale::En => sources!("en"),
        Locale::Pt => sources!("pt-PT"),
    }
}

type Bundle = FluentBundle<FluentResource>;

fn build(locale: Locale) -> Bundle {
    let tag = locale.catalogue_tag().parse().expect("catalogue tags are valid language ids");
    let mut bundle = Bundle::new_concurrent(vec![tag]);
    // Only left-to-right languages: no bidi isolation marks around placeables in the tray.
    bundle.set_use_isolating(false);
    bundle.set_formatter(Some(match locale {
        Locale::En => format::fluent_number_en,
        Locale::Pt => format::fluent_number_pt,
    }));
    for (file, source) in FILES.iter().zip(sources(locale)) {
        let resource = FluentResource::try_new(source.to_owned())
            .unwrap_or_else(|_| panic!("{}/{file} is not valid Fluent", locale.catalogue_tag()));
        bundle.add_resource(resource).unwrap_or_else(|_| panic!("{}/{file} repeats an id", locale.catalogue_tag()));
    }
    bundle
}

fn bundle(locale: Locale) -> &'static Bundle {
    static BUNDLES: OnceLock<[Bundle; 2]> = OnceLock::new();
    &BUNDLES.get_or_init(|| Locale::ALL.map(build))[locale as usize]
}

/// Renders message `id` in `locale`. A message missing there falls back to English, and one
/// missing everywhere to its id (the catalogue tests keep both from happening).
pub fn tr_in(locale: Locale, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    let bundle = bundle(locale);
    let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) else {
        return if locale == Locale::En { id.to_owned() } else { tr_in(Locale::En, id, args) };
    };
    let args: FluentArgs = args.iter().map(|(name, value)| (*name, value.clone())).collect();
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, Some(&args), &mut errors).into_owned();
    debug_assert!(errors.is_empty(), "{id} in {}: {errors:?}", locale.code());
    text
}

/// Renders message `id` in the current locale ([`locale`]).
pub fn tr(id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
    tr_in(locale(), id, args)
}

/// A message of the catalogue in the current locale: `t!("tray-open")`,
/// `t!("notice-low-body", name = &profile, balance = text, threshold = 500)`.
/// Each `name = value` is the Fluent variable `$name`; numbers choose plural variants.
#[macro_export]
macro_rules! t {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::tr($id, &[$((stringify!($name), $crate::FluentValue::from($value))),*])
    };
}

/// [`t!`] in a given locale: `t_in!(Locale::Pt, "tray-open")`.
#[macro_export]
macro_rules! t_in {
    ($locale:expr, $id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::tr_in($locale, $id, &[$((stringify!($name), $crate::FluentValue::from($value))),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn portuguese_is_any_pt_tag_and_everything_else_english() {
        for tag in ["pt", "pt-PT", "pt-AO", "pt_PT.UTF-8", "pt_AO.UTF-8", "pt-BR", "PT_pt", "pt@euro"] {
            assert_eq!(Locale::from_tag(tag), Locale::Pt, "{tag}");
        }
        for tag in ["en", "en-US", "en_GB.UTF-8", "fr-FR", "C", "POSIX", "", "ptx", "es"] {
            assert_eq!(Locale::from_tag(tag), Locale::En, "{tag}");
        }
    }

    #[test]
    fn a_choice_wins_over_the_system() {
        assert_eq!(Language::Pt.resolve(), Locale::Pt);
        assert_eq!(Language::En.resolve(), Locale::En);
        assert_eq!(Language::System.resolve(), system_locale());
    }

    #[test]
    fn messages_render_in_the_asked_locale_with_plurals() {
        assert_eq!(t_in!(Locale::En, "tray-open"), "Open Zexa Desktop");
        assert_eq!(t_in!(Locale::Pt, "tray-open"), "Abrir o Zexa Desktop");
        let days = |locale, n: u32| t_in!(locale, "notice-runway-summary", days = n);
        assert_eq!(days(Locale::En, 0), "Zexa credits run out within a day");
        assert_eq!(days(Locale::En, 1), "Zexa credits run out in about 1 day");
        assert_eq!(days(Locale::En, 3), "Zexa credits run out in about 3 days");
        assert_eq!(days(Locale::Pt, 0), "Os créditos da Zexa acabam em menos de um dia");
        assert_eq!(days(Locale::Pt, 1), "Os créditos da Zexa acabam dentro de cerca de 1 dia");
        assert_eq!(days(Locale::Pt, 3), "Os créditos da Zexa acabam dentro de cerca de 3 dias");
    }

    #[test]
    fn plural_rules_are_european_portuguese() {
        // pt-PT: 0 is plural ("0 códigos"); 1 singular; 1.5 plural.
        let codes = |n: u32| t_in!(Locale::Pt, "checkup-backup-codes-left", count = n);
        assert_eq!(codes(0), "Restam 0 códigos de recuperação.");
        assert_eq!(codes(1), "Resta 1 código de recuperação.");
        assert_eq!(codes(2), "Restam 2 códigos de recuperação.");
        let en = |n: u32| t_in!(Locale::En, "checkup-backup-codes-left", count = n);
        assert_eq!(en(0), "0 backup codes remain.");
        assert_eq!(en(1), "1 backup code remains.");
    }

    #[test]
    fn numbers_in_messages_are_grouped_for_the_locale() {
        let codes = |locale, n: u32| t_in!(locale, "checkup-backup-codes-left", count = n);
        assert_eq!(codes(Locale::En, 12000), "12,000 backup codes remain.");
        assert_eq!(codes(Locale::Pt, 12000), "Restam 12\u{a0}000 códigos de recuperação.");
    }

    #[test]
    fn the_current_locale_is_what_t_renders_in() {
        // The only test in this binary that changes the process-wide locale.
        set_locale(Locale::Pt);
        assert_eq!(locale(), Locale::Pt);
        assert_eq!(t!("tray-quit"), "Sair");
        set_locale(Locale::En);
        assert_eq!(t!("tray-quit"), "Quit");
    }

    #[test]
    fn an_unknown_id_falls_back_to_the_id() {
        assert_eq!(tr_in(Locale::Pt, "no-such-message", &[]), "no-such-message");
    }
}
