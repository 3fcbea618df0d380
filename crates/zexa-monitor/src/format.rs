//! Credit amounts as people read them: `4,250`, `4,249.5`, `1,234,567.25`.
//!
//! The separator is fixed to a comma (the tray and notifications have no locale plumbing yet);
//! the fraction is kept exactly as the server sent it, because Email and Slack cost 0.5 credit and
//! a rounded balance would disagree with the dashboard.

use zexa_api::Decimal;

/// The exact amount with a comma between each group of three integer digits.
pub fn format_credits(amount: Decimal) -> String {
    let text = amount.normalize().to_string();
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (integer, fraction) = match unsigned.split_once('.') {
        Some((integer, fraction)) => (integer, Some(fraction)),
        None => (unsigned, None),
    };
    let mut grouped = String::with_capacity(integer.len() + integer.len() / 3);
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    match fraction {
        Some(fraction) => format!("{sign}{grouped}.{fraction}"),
        None => format!("{sign}{grouped}"),
    }
}

/// `4,250 USD`.
pub fn format_balance(amount: Decimal, currency: &str) -> String {
    format!("{} {currency}", format_credits(amount))
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;

    fn f(text: &str) -> String {
        format_credits(Decimal::from_str(text).unwrap())
    }

    #[test]
    fn groups_thousands_and_keeps_fractions() {
        assert_eq!(f("0"), "0");
        assert_eq!(f("7"), "7");
        assert_eq!(f("999"), "999");
        assert_eq!(f("1000"), "1,000");
        assert_eq!(f("4250"), "4,250");
        assert_eq!(f("4249.5"), "4,249.5");
        assert_eq!(f("0.1"), "0.1");
        assert_eq!(f("123456"), "123,456");
        assert_eq!(f("1234567.25"), "1,234,567.25");
        assert_eq!(f("-1500.5"), "-1,500.5");
    }

    #[test]
    fn trailing_zeros_of_the_wire_form_are_dropped() {
        assert_eq!(f("4250.00"), "4,250");
        assert_eq!(f("12.50"), "12.5");
    }

    #[test]
    fn balance_names_the_currency_as_sent() {
        assert_eq!(format_balance(Decimal::from(4250), "USD"), "4,250 USD");
        assert_eq!(format_balance(Decimal::from_str("12.5").unwrap(), "AOA"), "12.5 AOA");
    }
}
