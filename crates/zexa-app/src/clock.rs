//! Timestamps as the API sends them (RFC 3339 UTC) and the local clock.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub fn parse_timestamp(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text.trim(), &Rfc3339).ok()
}

pub fn format_timestamp(time: OffsetDateTime) -> String {
    time.replace_nanosecond(0).ok().and_then(|t| t.format(&Rfc3339).ok()).unwrap_or_default()
}

pub fn now_utc() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

pub fn now_rfc3339() -> String {
    format_timestamp(now_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_timestamps_round_trip() {
        let parsed = parse_timestamp("2026-06-24T10:00:00Z").unwrap();
        assert_eq!(format_timestamp(parsed), "2026-06-24T10:00:00Z");
        assert!(parse_timestamp("24/06/2026").is_none());
    }
}
