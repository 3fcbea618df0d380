//! Numbers, balances and dates as the UI's `Intl` writes them for [`Locale::format_tag`]
//! (`en-US`, `pt-AO`), so the tray, the notifications and the window say the same thing:
//!
//! | | en | pt |
//! |---|---|---|
//! | number | `1,234,567.25` | `1 234 567,25` |
//! | balance | `USD 4,250.00` | `4 250,00 USD` |
//! | day and month | `Nov 25` | `25/11` |
//! | date | `11/25/2026` | `25/11/2026` |
//!
//! The spaces are no-break spaces (U+00A0), as `Intl` puts them. A decimal is formatted from its
//! text, never through a float, so 4249.5 stays 4249.5. The UI's `ui/src/lib/format.ts` does the
//! same with `Intl`; both are tested against `tests/format-cases.json`.

use fluent_bundle::FluentValue;

use crate::Locale;

/// The no-break space `Intl` puts between groups (pt) and between a currency code and its amount.
pub const NBSP: char = '\u{a0}';

/// Fraction digits a balance always shows (as a currency amount: `4,250.00`).
pub const BALANCE_MIN_FRACTION_DIGITS: usize = 2;

fn separators(locale: Locale) -> (char, char) {
    match locale {
        Locale::En => (',', '.'),
        Locale::Pt => (NBSP, ','),
    }
}

/// `-1234.50` → (negative, "1234", "5"): trailing zeros of the fraction dropped. `None` when the
/// text is not a plain decimal.
fn parts(text: &str) -> Option<(bool, &str, &str)> {
    let text = text.trim();
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (integer, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if integer.is_empty() || !digits(integer) || !digits(fraction) || (unsigned.contains('.') && fraction.is_empty()) {
        return None;
    }
    let integer = integer.trim_start_matches('0');
    let integer = if integer.is_empty() { "0" } else { integer };
    Some((negative, integer, fraction.trim_end_matches('0')))
}

fn grouped(integer: &str, separator: char) -> String {
    let mut out = String::with_capacity(integer.len() + integer.len() / 3 * 2);
    for (index, digit) in integer.chars().enumerate() {
        if index > 0 && (integer.len() - index).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// The unsigned amount with at least `min_fraction` fraction digits.
fn number(integer: &str, fraction: &str, min_fraction: usize, locale: Locale) -> String {
    let (group, decimal) = separators(locale);
    let mut out = grouped(integer, group);
    if !fraction.is_empty() || min_fraction > 0 {
        out.push(decimal);
        out.push_str(fraction);
        for _ in fraction.len()..min_fraction {
            out.push('0');
        }
    }
    out
}

/// An exact decimal given as text, with the locale's separators: `4249.5` → `4,249.5` /
/// `4 249,5`. Text that is not a decimal comes back as it is.
pub fn format_decimal(text: &str, locale: Locale) -> String {
    match parts(text) {
        Some((negative, integer, fraction)) => {
            let sign = if negative && (integer != "0" || !fraction.is_empty()) { "-" } else { "" };
            format!("{sign}{}", number(integer, fraction, 0, locale))
        }
        None => text.to_owned(),
    }
}

/// A whole number: `12000` → `12,000` / `12 000`.
pub fn format_integer(value: i64, locale: Locale) -> String {
    format_decimal(&value.to_string(), locale)
}

/// A balance with its currency, as `Intl.NumberFormat(tag, {style: 'currency', currency,
/// currencyDisplay: 'code', minimumFractionDigits: 2})` writes it, every fraction digit kept:
/// `USD 4,250.00`, `-USD 1,500.50` / `4 250,00 USD`. A currency that is not a three-letter code
/// follows the plain number (`4,249.5 CREDITS`), as the UI does.
pub fn format_balance(credits: &str, currency: &str, locale: Locale) -> String {
    let currency = currency.trim();
    let Some((negative, integer, fraction)) = parts(credits) else {
        return format!("{} {currency}", credits.trim()).trim().to_owned();
    };
    if currency.len() != 3 || !currency.bytes().all(|b| b.is_ascii_alphabetic()) {
        let amount = format_decimal(credits, locale);
        return if currency.is_empty() { amount } else { format!("{amount} {currency}") };
    }
    let code = currency.to_ascii_uppercase();
    let amount = number(integer, fraction, BALANCE_MIN_FRACTION_DIGITS, locale);
    let sign = if negative && (integer != "0" || !fraction.is_empty()) { "-" } else { "" };
    match locale {
        Locale::En => format!("{sign}{code}{NBSP}{amount}"),
        Locale::Pt => format!("{sign}{amount}{NBSP}{code}"),
    }
}

const MONTHS_EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// (year, month 1–12, day) of a Unix time in UTC (Howard Hinnant's `civil_from_days`).
pub fn civil_date(unix_secs: i64) -> (i64, u32, u32) {
    let days = unix_secs.div_euclid(86_400) + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days.rem_euclid(146_097);
    let year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Day and month, as `Intl.DateTimeFormat(tag, {day: 'numeric', month: 'short'})`:
/// `Nov 25` / `25/11`. Dates are taken in UTC.
pub fn format_day_month(unix_secs: i64, locale: Locale) -> String {
    let (_, month, day) = civil_date(unix_secs);
    match locale {
        Locale::En => format!("{} {day}", MONTHS_EN[month as usize - 1]),
        Locale::Pt => format!("{day}/{month:02}"),
    }
}

/// A date, as `Intl.DateTimeFormat(tag)`: `11/25/2026` / `25/11/2026`. Dates are taken in UTC.
pub fn format_date(unix_secs: i64, locale: Locale) -> String {
    let (year, month, day) = civil_date(unix_secs);
    match locale {
        Locale::En => format!("{month}/{day}/{year}"),
        Locale::Pt => format!("{day:02}/{month:02}/{year}"),
    }
}

fn fluent_number(value: &FluentValue, locale: Locale) -> Option<String> {
    match value {
        FluentValue::Number(number) => Some(format_decimal(&number.as_string(), locale)),
        _ => None,
    }
}

/// Numbers placed in English messages (`{ $count }`) are grouped like the rest.
pub(crate) fn fluent_number_en<M>(value: &FluentValue, _: &M) -> Option<String> {
    fluent_number(value, Locale::En)
}

pub(crate) fn fluent_number_pt<M>(value: &FluentValue, _: &M) -> Option<String> {
    fluent_number(value, Locale::Pt)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_every_digit_with_the_locale_separators() {
        let cases = [
            ("0", "0", "0"),
            ("7", "7", "7"),
            ("999", "999", "999"),
            ("1000", "1,000", "1\u{a0}000"),
            ("4249.5", "4,249.5", "4\u{a0}249,5"),
            ("4250.00", "4,250", "4\u{a0}250"),
            ("0.125", "0.125", "0,125"),
            ("1234567.25", "1,234,567.25", "1\u{a0}234\u{a0}567,25"),
            ("-1500.5", "-1,500.5", "-1\u{a0}500,5"),
            ("n/a", "n/a", "n/a"),
        ];
        for (text, en, pt) in cases {
            assert_eq!(format_decimal(text, Locale::En), en, "{text}");
            assert_eq!(format_decimal(text, Locale::Pt), pt, "{text}");
        }
        assert_eq!(format_integer(12_000, Locale::Pt), "12\u{a0}000");
    }

    #[test]
    fn balances_put_the_code_where_intl_does() {
        assert_eq!(format_balance("4250", "USD", Locale::En), "USD\u{a0}4,250.00");
        assert_eq!(format_balance("4250", "USD", Locale::Pt), "4\u{a0}250,00\u{a0}USD");
        assert_eq!(format_balance("-1500.5", "usd", Locale::En), "-USD\u{a0}1,500.50");
        assert_eq!(format_balance("4249.125", "AOA", Locale::Pt), "4\u{a0}249,125\u{a0}AOA");
        assert_eq!(format_balance("4249.5", "CREDITS", Locale::En), "4,249.5 CREDITS");
        assert_eq!(format_balance("4249.5", "", Locale::Pt), "4\u{a0}249,5");
    }

    #[test]
    fn dates_follow_the_locale() {
        // 2026-11-25T12:00:00Z
        let at = 1_795_608_000;
        assert_eq!(civil_date(at), (2026, 11, 25));
        assert_eq!(format_day_month(at, Locale::En), "Nov 25");
        assert_eq!(format_day_month(at, Locale::Pt), "25/11");
        assert_eq!(format_date(at, Locale::En), "11/25/2026");
        assert_eq!(format_date(at, Locale::Pt), "25/11/2026");
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(951_782_400), (2000, 2, 29));
        assert_eq!(format_day_month(1_767_139_200, Locale::Pt), "31/12");
        // 2026-11-05: the day unpadded in day/month, padded in the full date.
        let fifth = at - 20 * 86_400;
        assert_eq!(format_day_month(fifth, Locale::Pt), "5/11");
        assert_eq!(format_day_month(fifth, Locale::En), "Nov 5");
        assert_eq!(format_date(fifth, Locale::Pt), "05/11/2026");
        assert_eq!(format_date(fifth, Locale::En), "11/5/2026");
    }
}
