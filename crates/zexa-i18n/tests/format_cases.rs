//! The tray and the window write the same value the same way: the cases in `format-cases.json`
//! are checked here against Rust's formatting and by `ui/tests/format.test.ts` against the
//! window's `Intl`.

use serde_json::Value;
use zexa_i18n::format::{format_balance, format_date, format_decimal};
use zexa_i18n::Locale;

fn cases() -> Value {
    serde_json::from_str(include_str!("format-cases.json")).unwrap()
}

fn rows<'a>(cases: &'a Value, name: &str) -> &'a Vec<Value> {
    cases[name].as_array().unwrap()
}

#[test]
fn numbers_match_the_window() {
    for row in rows(&cases(), "numbers") {
        let text = row[0].as_str().unwrap();
        assert_eq!(format_decimal(text, Locale::En), row[1], "{text} en");
        assert_eq!(format_decimal(text, Locale::Pt), row[2], "{text} pt");
    }
}

#[test]
fn balances_match_the_window() {
    for row in rows(&cases(), "balances") {
        let (credits, currency) = (row[0].as_str().unwrap(), row[1].as_str().unwrap());
        assert_eq!(format_balance(credits, currency, Locale::En), row[2], "{credits} {currency} en");
        assert_eq!(format_balance(credits, currency, Locale::Pt), row[3], "{credits} {currency} pt");
    }
}

#[test]
fn dates_match_the_window() {
    for row in rows(&cases(), "dates") {
        let at = row[1].as_i64().unwrap();
        assert_eq!(format_date(at, Locale::En), row[2], "{} en", row[0]);
        assert_eq!(format_date(at, Locale::Pt), row[3], "{} pt", row[0]);
    }
}
