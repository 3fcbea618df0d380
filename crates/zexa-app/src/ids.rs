//! Ids from the webview go into URL paths (`DELETE /api-keys/{id}`), so they are checked
//! against the contract's form (`key_…`, `ses_…`) before use, on top of the client's
//! percent-encoding: `../credits` must never become a request to another path.

use zexa_core::error::{ErrorCode, IpcError};
use zexa_core::ipc_error;

const MAX_ID_CHARS: usize = 64;

pub const KEY_ID_PREFIX: &str = "key_";
pub const SESSION_ID_PREFIX: &str = "ses_";

/// `id` if it is `prefix` followed by letters, digits, `_` or `-`.
pub fn checked_id<'a>(id: &'a str, prefix: &str) -> Result<&'a str, IpcError> {
    let rest = id.strip_prefix(prefix).unwrap_or_default();
    let well_formed = !rest.is_empty()
        && id.len() <= MAX_ID_CHARS
        && rest.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if well_formed {
        Ok(id)
    } else {
        Err(ipc_error!(ErrorCode::InvalidInput, "error-id-malformed"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_contracts_id_form_passes() {
        assert_eq!(checked_id("key_ab12cd34", KEY_ID_PREFIX), Ok("key_ab12cd34"));
        assert!(checked_id("ses_ab12", SESSION_ID_PREFIX).is_ok());
        for bad in
            ["", "key_", "ses_ab12", "../credits", "key_../../account/2fa", "key_a/b", "key_a%2Fb", "key_a b", "key_é"]
        {
            assert!(checked_id(bad, KEY_ID_PREFIX).is_err(), "{bad:?}");
        }
        assert!(checked_id(&format!("key_{}", "a".repeat(61)), KEY_ID_PREFIX).is_err());
    }
}
