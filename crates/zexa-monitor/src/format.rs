//! Credit amounts as people read them in the app's language: `4,249.5` / `4 249,5`, and balances
//! as the window shows them: `USD 4,250.00` / `4 250,00 USD` (see `zexa_i18n::format`, which the
//! UI's `Intl` output is tested against).
//!
//! The fraction is kept exactly as the server sent it, because Email and Slack cost 0.5 credit and
//! a rounded balance would disagree with the dashboard.

use zexa_api::Decimal;
use zexa_core::i18n::{format, Locale};

/// The exact amount with the locale's separators: `4,249.5` / `4 249,5`.
pub fn format_credits(amount: Decimal, locale: Locale) -> String {
    format::format_decimal(&amount.normalize().to_string(), locale)
}

/// `USD 4,250.00` / `4 250,00 USD`: the window's balance, character for character.
pub fn format_balance(amount: Decimal, currency: &str, locale: Locale) -> String {
    format::format_balance(&amount.normalize().to_string(), currency, locale)
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn f(text: &str, locale: Locale) -> String {
        format_credits(Decimal::from_str(text).unwrap(), locale)
    }

    #[test]
    fn groups_thousands_and_keeps_fractions() {
        assert_eq!(f("0", Locale::En), "0");
        assert_eq!(f("999", Locale::En), "999");
        assert_eq!(f("1000", Locale::En), "1,000");
        assert_eq!(f("4249.5", Locale::En), "4,249.5");
        assert_eq!(f("1234567.25", Locale::En), "1,234,567.25");
        assert_eq!(f("-1500.5", Locale::En), "-1,500.5");
        assert_eq!(f("4249.5", Locale::Pt), "4\u{a0}249,5");
        assert_eq!(f("1234567.25", Locale::Pt), "1\u{a0}234\u{a0}567,25");
    }

    #[test]
    fn trailing_zeros_of_the_wire_form_are_dropped() {
        assert_eq!(f("4250.00", Locale::En), "4,250");
        assert_eq!(f("12.50", Locale::Pt), "12,5");
    }

    #[test]
    fn balance_names_the_currency_as_the_window_does() {
        assert_eq!(format_balance(Decimal::from(4250), "USD", Locale::En), "USD\u{a0}4,250.00");
        assert_eq!(format_balance(Decimal::from(4250), "USD", Locale::Pt), "4\u{a0}250,00\u{a0}USD");
        assert_eq!(format_balance(Decimal::from_str("12.5").unwrap(), "AOA", Locale::En), "AOA\u{a0}12.50");
    }
}
