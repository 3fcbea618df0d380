//! Issue 18, property tests: whatever decimals a server (or an old history file) supplies (huge,
//! negative, with every fraction digit `Decimal` allows) and whatever order their timestamps come
//! in (equal, going backwards, at the ends of `i64`), the forecast, the runway alert, the alert
//! rules, the tray and notice texts and the formatters never panic, and say sane things.

use std::time::SystemTime;

use proptest::prelude::*;
use zexa_api::Decimal;
use zexa_app::history::forecast::{forecast, runway_alert_due, spent, MAX_DAYS_LEFT};
use zexa_app::history::{BalanceSample, Runway};
use zexa_core::i18n::{format as i18n_format, Locale};
use zexa_monitor::{
    evaluate, format_balance, format_credits, tray_menu, AlertState, BalanceReading, MonitorStatus, Notice,
    NoticeMessage, Observation, TrayState,
};

/// Any `Decimal` at all: every 96-bit mantissa, either sign, every scale 0–28, and the edges.
fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, negative, scale)| Decimal::from_parts(lo, mid, hi, negative, scale)),
        any::<i64>().prop_map(Decimal::from),
        (-2_000_000i64..2_000_000, 0u32..=4).prop_map(|(n, scale)| Decimal::new(n, scale)),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::ZERO),
        Just(zexa_api::decimal::MAX_ABS_CREDITS),
    ]
}

fn any_time() -> impl Strategy<Value = i64> {
    prop_oneof![
        any::<i64>(),
        Just(i64::MIN),
        Just(i64::MAX),
        // Around now, a day or a week apart, so many sequences are long enough to forecast.
        (-30i64..30).prop_map(|n| 1_795_000_000 + n * 43_200),
    ]
}

fn samples() -> impl Strategy<Value = Vec<BalanceSample>> {
    prop::collection::vec(
        (any_time(), any_decimal()).prop_map(|(at, credits)| BalanceSample { at, credits, currency: "USD".into() }),
        0..24,
    )
}

fn locales() -> impl Strategy<Value = Locale> {
    prop_oneof![Just(Locale::En), Just(Locale::Pt)]
}

/// The digits of a decimal's text, without sign, separators or trailing fraction zeros.
fn digits(text: &str) -> String {
    text.chars().filter(char::is_ascii_digit).collect::<String>().trim_start_matches('0').to_owned()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn the_forecast_never_panics_and_stays_sane(samples in samples(), now in any_time(), days in any::<u32>(), notified in any::<bool>()) {
        let _ = spent(&samples);
        let runway = forecast(&samples, now);
        match &runway {
            Runway::Forecast { per_day, days_left, window_days, .. } => {
                prop_assert!(days_left.is_finite() && (0.0..=MAX_DAYS_LEFT).contains(days_left), "{runway:?}");
                prop_assert!(window_days.is_finite() && *window_days >= 1.0 && *window_days <= 7.0, "{runway:?}");
                let rate: Decimal = per_day.parse().unwrap();
                prop_assert!(rate >= Decimal::ZERO);
            }
            Runway::NotEnoughHistory { hours_of_history, .. } => {
                prop_assert!(hours_of_history.is_finite() && (0.0..24.0).contains(hours_of_history), "{runway:?}");
            }
            Runway::NoSpending { window_days } => prop_assert!(window_days.is_finite()),
        }
        // What the window receives must be JSON (no infinities, which serialize as null).
        let json = serde_json::to_value(&runway).unwrap();
        prop_assert!(!json.to_string().contains("null"), "{json}");
        let _ = runway_alert_due(&runway, days, notified);
    }

    #[test]
    fn the_alert_rules_never_panic(balances in prop::collection::vec(any_decimal(), 1..16), threshold in any::<u32>()) {
        let mut state = AlertState::default();
        for credits in balances {
            let (next, notices) = evaluate(state, &Observation::Balance { credits, currency: "USD".into() }, threshold);
            for notice in &notices {
                match notice {
                    Notice::Zero { balance, .. } => prop_assert!(*balance <= Decimal::ZERO),
                    Notice::Low { balance, .. } => prop_assert!(*balance < Decimal::from(threshold)),
                    other => prop_assert!(false, "{other:?}"),
                }
            }
            // The same answer evaluated again (the window's and a poll's) sends nothing more.
            let (again, repeated) = evaluate(next, &Observation::Balance { credits, currency: "USD".into() }, threshold);
            prop_assert!(repeated.is_empty());
            prop_assert_eq!(again, next);
            state = next;
        }
    }

    #[test]
    fn the_formatters_keep_every_digit_and_never_panic(amount in any_decimal(), locale in locales(), currency in "[A-Za-z]{0,4}") {
        let exact = amount.normalize().to_string();
        for text in [format_credits(amount, locale), i18n_format::format_decimal(&exact, locale)] {
            prop_assert_eq!(digits(&text), digits(&exact), "{} → {}", exact, text);
        }
        let balance = format_balance(amount, &currency, locale);
        prop_assert!(digits(&balance).starts_with(&digits(&exact)) || digits(&exact).is_empty(), "{} → {}", exact, balance);
        prop_assert_eq!(i18n_format::format_balance(&exact, &currency, locale), balance);
    }

    #[test]
    fn any_text_is_formatted_or_given_back_without_a_panic(text in ".{0,64}", locale in locales(), at in any::<i64>()) {
        let _ = i18n_format::format_decimal(&text, locale);
        let _ = i18n_format::format_balance(&text, "USD", locale);
        let _ = i18n_format::format_day_month(at, locale);
        let _ = i18n_format::format_date(at, locale);
    }

    #[test]
    fn notices_and_the_tray_say_any_figure_without_a_panic(
        balance in any_decimal(),
        threshold in any::<u32>(),
        days_left in any::<u32>(),
        runs_out_at in any::<i64>(),
        locale in locales(),
    ) {
        let notices = [
            Notice::Low { balance, currency: "USD".into(), threshold },
            Notice::Zero { balance, currency: "AOA".into() },
            Notice::RunwayLow { days_left, per_day: balance.to_string(), runs_out_at, balance, currency: "USD".into() },
        ];
        for notice in notices {
            let message = NoticeMessage { profile_id: "p".into(), profile_name: "Production".into(), notice };
            prop_assert!(!message.summary_in(locale).is_empty());
            prop_assert!(!message.body_in(locale).is_empty());
        }
        let status = MonitorStatus {
            profile_id: "p".into(),
            profile_name: "Production".into(),
            threshold,
            polls: 1,
            balance: Some(BalanceReading { credits: balance, currency: "USD".into(), fetched_at: SystemTime::now() }),
            last_error: None,
            key_refused: false,
            consecutive_failures: 0,
        };
        let menu = tray_menu(&TrayState::from_status(vec![], &status, locale));
        prop_assert!(!menu.tooltip.is_empty());
    }
}
