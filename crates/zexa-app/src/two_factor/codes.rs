//! What the user types as a code: an authenticator's 6 digits, or a backup code (`xxxx-xxxx`),
//! pasted with spaces or dashes (any of `rules::CODE_DASHES`: the UI's code field strips the
//! same set, read from `LIMITS`). And the setup's expiry, counted on the server's clock.

use time::OffsetDateTime;
use zeroize::Zeroizing;
use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;

use crate::clock::parse_timestamp;
use crate::rules::is_code_separator;
pub use crate::rules::TOTP_DIGITS;
const BACKUP_CODE_CHARS: usize = 8;

/// `typed` without whitespace and dashes (ASCII or Unicode), in a buffer sized up front (growing it would leave
/// copies of the code behind in freed memory) that is zeroized on drop.
fn compact(typed: &SecretString, lowercase: bool) -> Zeroizing<String> {
    let mut compact = Zeroizing::new(String::with_capacity(typed.expose().len()));
    for c in typed.expose().chars().filter(|c| !is_code_separator(*c)) {
        // ASCII case mapping keeps each character's length, so the capacity holds.
        compact.push(if lowercase { c.to_ascii_lowercase() } else { c });
    }
    compact
}

/// The 6-digit code with spaces and dashes removed, or an input error.
pub fn normalize_totp_code(typed: &SecretString) -> Result<SecretString, IpcError> {
    let digits = compact(typed, false);
    if digits.len() == TOTP_DIGITS && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(SecretString::new(digits.as_str().to_owned()))
    } else {
        Err(ipc_error!(ErrorCode::InvalidInput, "error-totp-code-format", digits = TOTP_DIGITS))
    }
}

/// An authenticator code or an unused backup code, as the server expects it.
pub fn normalize_any_code(typed: &SecretString) -> Result<SecretString, IpcError> {
    if let Ok(totp) = normalize_totp_code(typed) {
        return Ok(totp);
    }
    let compact = compact(typed, true);
    if compact.len() == BACKUP_CODE_CHARS && compact.bytes().all(|b| b.is_ascii_alphanumeric()) {
        let mut code = String::with_capacity(BACKUP_CODE_CHARS + 1);
        code.push_str(&compact[..4]);
        code.push('-');
        code.push_str(&compact[4..]);
        return Ok(SecretString::new(code));
    }
    Err(ipc_error!(ErrorCode::InvalidInput, "error-any-code-format", digits = TOTP_DIGITS))
}

/// Seconds left until `expires_at`, measured from the server's own `Date` (so a wrong clock
/// on this computer does not shorten or stretch it). Without a usable `Date`, the local clock
/// stands in.
pub fn seconds_until(expires_at: &str, server_date: Option<&str>, local_now: OffsetDateTime) -> u32 {
    let Some(expires) = parse_timestamp(expires_at) else { return 0 };
    let now = server_date.and_then(parse_http_date).unwrap_or(local_now);
    u32::try_from((expires - now).whole_seconds().max(0)).unwrap_or(u32::MAX)
}

/// An HTTP `Date` (IMF-fixdate, e.g. `Wed, 25 Nov 2026 12:00:00 GMT`).
pub fn parse_http_date(text: &str) -> Option<OffsetDateTime> {
    let format = time::macros::format_description!(
        "[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT"
    );
    time::PrimitiveDateTime::parse(text.trim(), &format).ok().map(|t| t.assume_utc())
}

/// The setup key in groups of four, for typing it into an authenticator by hand. Built in one
/// buffer of the final size, so no partial copy of the secret is left behind.
pub fn group_setup_key(secret: &SecretString) -> SecretString {
    let chars = secret.expose().chars().filter(|c| !c.is_whitespace());
    let mut grouped = String::with_capacity(secret.expose().len() + secret.expose().len() / 4);
    for (n, c) in chars.enumerate() {
        if n > 0 && n % 4 == 0 {
            grouped.push(' ');
        }
        grouped.push(c);
    }
    SecretString::new(grouped)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn s(text: &str) -> SecretString {
        SecretString::new(text.into())
    }

    #[test]
    fn pasted_codes_are_cleaned() {
        assert_eq!(normalize_totp_code(&s("123456")).unwrap().expose(), "123456");
        assert_eq!(normalize_totp_code(&s(" 123 456 ")).unwrap().expose(), "123456");
        assert_eq!(normalize_totp_code(&s("123-456")).unwrap().expose(), "123456");
        // The dashes a phone or a PDF puts in place of a hyphen, as the UI's field strips them.
        for dash in crate::rules::CODE_DASHES {
            assert_eq!(normalize_totp_code(&s(&format!("123{dash}456"))).unwrap().expose(), "123456", "{dash:?}");
            assert_eq!(normalize_any_code(&s(&format!("AB12{dash}CD34"))).unwrap().expose(), "ab12-cd34");
        }
        for bad in ["12345", "1234567", "12a456", "", "１２３４５６"] {
            assert!(normalize_totp_code(&s(bad)).is_err(), "{bad}");
        }
        assert_eq!(normalize_any_code(&s("123 456")).unwrap().expose(), "123456");
        assert_eq!(normalize_any_code(&s("AB12-CD34")).unwrap().expose(), "ab12-cd34");
        assert_eq!(normalize_any_code(&s("ab12cd34")).unwrap().expose(), "ab12-cd34");
        assert!(normalize_any_code(&s("ab12-cd3")).is_err());
        assert!(normalize_any_code(&s("ab12-cd3é")).is_err(), "non-ASCII never reaches a byte slice");
        assert!(normalize_any_code(&s("ab12-cdéé")).is_err(), "non-ASCII never reaches a byte slice");
    }

    /// Every copy of a code or of the setup key these functions make is wiped when dropped:
    /// what they return is a `SecretString` and what they work in is `Zeroizing`.
    #[test]
    fn codes_and_the_setup_key_only_exist_in_wiped_buffers() {
        fn wiped_on_drop<T: zeroize::ZeroizeOnDrop>(_: &T) {}
        let typed = s(" 12 34 56 ");
        wiped_on_drop(&compact(&typed, false));
        wiped_on_drop(&normalize_totp_code(&typed).unwrap());
        wiped_on_drop(&normalize_any_code(&s("AB12 CD34")).unwrap());
        wiped_on_drop(&group_setup_key(&s("GEZDGNBVGY3TQOJQ")));
        // Sized up front: the buffer never moved, so no freed copy of the code was left.
        let buffer = compact(&typed, false);
        assert!(buffer.capacity() == typed.expose().len() && buffer.as_str() == "123456");
    }

    #[test]
    fn the_countdown_uses_the_servers_clock_not_ours() {
        let expires = "2026-11-25T12:10:00Z";
        let server = Some("Wed, 25 Nov 2026 12:00:00 GMT");
        // This computer's clock is 7 minutes fast, or 3 hours slow: still 10 minutes left.
        assert_eq!(seconds_until(expires, server, datetime!(2026-11-25 12:07 UTC)), 600);
        assert_eq!(seconds_until(expires, server, datetime!(2026-11-25 09:00 UTC)), 600);
        // No usable Date header: the local clock stands in.
        assert_eq!(seconds_until(expires, None, datetime!(2026-11-25 12:09 UTC)), 60);
        assert_eq!(seconds_until(expires, Some("yesterday"), datetime!(2026-11-25 12:09 UTC)), 60);
        // Expired, or nonsense: nothing left.
        assert_eq!(seconds_until(expires, Some("Wed, 25 Nov 2026 12:11:00 GMT"), datetime!(2026-11-25 12:00 UTC)), 0);
        assert_eq!(seconds_until("soon", server, datetime!(2026-11-25 12:00 UTC)), 0);
    }

    #[test]
    fn the_setup_key_reads_in_groups_of_four() {
        let grouped = |key: &str| group_setup_key(&s(key)).expose().clone();
        assert_eq!(grouped("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"), "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
        assert_eq!(grouped("ABCDEF"), "ABCD EF");
        assert_eq!(grouped(" AB CD EF "), "ABCD EF");
        assert_eq!(grouped(""), "");
    }
}
