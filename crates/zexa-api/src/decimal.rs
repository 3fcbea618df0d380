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
    fn serializes_as_a_bare_number() {
        let value = Credits { credits: parse_decimal("4249.5").unwrap(), currency: "USD".into() };
        assert_eq!(serde_json::to_string(&value).unwrap(), r#"{"credits":4249.5,"currency":"USD"}"#);
    }
}
