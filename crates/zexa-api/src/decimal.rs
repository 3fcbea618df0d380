//! `credits` as an exact decimal on the wire.
//!
//! serde_json turns a JSON number with a fraction into an `f64`, which would show 0.1 as
//! 0.1000000000000000055…; reading the number's raw text keeps every digit the server sent.

use std::str::FromStr;

use rust_decimal::Decimal;

/// Parse a JSON number's text (integer, fraction or exponent form) exactly.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let text = text.trim();
    let valid_json_number = {
        let body = text.strip_prefix('-').unwrap_or(text);
        body.chars().next().is_some_and(|c| c.is_ascii_digit())
            && body.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
    };
    if !valid_json_number {
        return None;
    }
    let parsed = if text.contains(['e', 'E']) {
        Decimal::from_scientific(text).ok()
    } else {
        Decimal::from_str_exact(text).ok().or_else(|| Decimal::from_str(text).ok())
    };
    parsed.map(|d| d.normalize())
}

/// The largest balance that means anything: 10^15 credits (a quadrillion; the biggest real
/// accounts hold a few million). A balance beyond ±this is a bad response, not a figure: it
/// would only overflow the runway arithmetic and fill the tray with digits.
pub const MAX_ABS_CREDITS: Decimal = Decimal::from_parts(2_764_472_320, 232_830, 0, false, 0);

/// A balance with more fraction digits than this (after trailing zeros are dropped) is a bad
/// response: prices are whole or half credits, so six digits is already generous.
pub const MAX_CREDITS_FRACTION_DIGITS: u32 = 6;

/// A balance the app can work with: within ±[`MAX_ABS_CREDITS`] and at most
/// [`MAX_CREDITS_FRACTION_DIGITS`] fraction digits. `Err` says why not, for the log.
pub fn check_credits(credits: Decimal) -> Result<Decimal, String> {
    let credits = credits.normalize();
    if credits.abs() > MAX_ABS_CREDITS {
        return Err(format!("credits out of range (more than 10^15 either way): {credits:.0}"));
    }
    if credits.scale() > MAX_CREDITS_FRACTION_DIGITS {
        return Err(format!(
            "credits with {} fraction digits (at most {MAX_CREDITS_FRACTION_DIGITS})",
            credits.scale()
        ));
    }
    Ok(credits)
}

/// `#[serde(with = "crate::decimal::credits_amount")]`: a balance, as [`json_number`] reads it,
/// refused when [`check_credits`] refuses it, so a hostile figure is a `BadResponse` at the edge
/// and never reaches the monitor, the history or the formatter.
pub mod credits_amount {
    use rust_decimal::Decimal;
    use serde::de::Error as _;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        super::json_number::serialize(value, serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let value = super::json_number::deserialize(deserializer)?;
        super::check_credits(value).map_err(D::Error::custom)
    }
}

/// `#[serde(with = "crate::decimal::json_number")]`: a `Decimal` as a bare JSON number.
pub mod json_number {
    use rust_decimal::Decimal;
    use serde::de::Error as _;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::value::RawValue;

    pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
        let raw = RawValue::from_string(value.normalize().to_string()).map_err(serde::ser::Error::custom)?;
        raw.serialize(serializer)
    }

    /// Accepts a JSON number, or (leniently) a string holding one.
    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Decimal, D::Error> {
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        let text = raw.get().trim();
        let text = match text.strip_prefix('"').and_then(|t| t.strip_suffix('"')) {
            Some(inner) => inner,
            None => text,
        };
        super::parse_decimal(text).ok_or_else(|| D::Error::custom(format!("not an exact decimal number: {text:.40}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::Credits;

    fn credits(json: &str) -> Result<Credits, serde_json::Error> {
        serde_json::from_str(json)
    }

    #[test]
    fn integers_and_fractions_survive_exactly() {
        assert_eq!(credits(r#"{"credits": 4250, "currency": "USD"}"#).unwrap().credits.to_string(), "4250");
        assert_eq!(credits(r#"{"credits": 4249.5, "currency": "USD"}"#).unwrap().credits.to_string(), "4249.5");
        assert_eq!(credits(r#"{"credits": 0.1, "currency": "AOA"}"#).unwrap().credits.to_string(), "0.1");
        assert_eq!(credits(r#"{"credits": 4.25e3, "currency": "USD"}"#).unwrap().credits.to_string(), "4250");
        assert_eq!(credits(r#"{"credits": -0.5, "currency": "USD"}"#).unwrap().credits.to_string(), "-0.5");
        assert_eq!(credits(r#"{"credits": "12.50", "currency": "USD"}"#).unwrap().credits.to_string(), "12.5");
    }

    #[test]
    fn non_numbers_are_refused() {
        for bad in ["null", "true", "\"abc\"", "[1]", "{}", "\"\""] {
            assert!(credits(&format!(r#"{{"credits": {bad}, "currency": "USD"}}"#)).is_err(), "{bad}");
        }
        assert!(credits(r#"{"currency": "USD"}"#).is_err());
    }

    #[test]
    fn the_bound_is_ten_to_the_fifteen() {
        assert_eq!(MAX_ABS_CREDITS.to_string(), "1000000000000000");
    }

    #[test]
    fn absurd_balances_are_refused() {
        for bad in
            ["1000000000000000000000000", "1000000000000000.5", "-1000000000000001", "1e16", "0.0000001", "\"1e300\""]
        {
            assert!(credits(&format!(r#"{{"credits": {bad}, "currency": "USD"}}"#)).is_err(), "{bad}");
        }
        for good in ["1000000000000000", "-1000000000000000", "0.000001", "4249.50000000", "-12.5"] {
            assert!(credits(&format!(r#"{{"credits": {good}, "currency": "USD"}}"#)).is_ok(), "{good}");
        }
    }

    #[test]
    fn serializes_as_a_bare_number() {
        let value = Credits { credits: parse_decimal("4249.5").unwrap(), currency: "USD".into() };
        assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"credits":4249.5,"currency":"USD"}"#);
    }
}
