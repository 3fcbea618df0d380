//! What a keychain entry holds: a small versioned JSON envelope with the key and the origin of
//! the server it was stored for, `{"v":1,"origin":"https://api.zexa.ao","key":"zx_live_…"}`.
//!
//! The binding lives inside the secret itself, so it holds on every keychain alike (the macOS
//! Keychain offers no free attribute to keep it beside the secret) and cannot be changed
//! without changing the secret. An entry from before the envelope holds the bare key: it is
//! read as such once and rewritten as an envelope (see `KeychainStore::read_bound`).

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;
use zexa_core::secret::SecretString;

use crate::KeychainError;

/// The envelope version this app writes and reads.
pub const ENVELOPE_VERSION: u32 = 1;

/// A stored key and the server origin it may be sent to.
#[derive(Debug)]
pub struct StoredKey {
    pub key: SecretString,
    /// `None` only for an entry from before the envelope whose server is not known and could
    /// not be chosen (the profile's own address is not a valid one).
    pub origin: Option<String>,
}

/// What an entry's secret turned out to be.
#[derive(Debug)]
pub(crate) enum Opened {
    /// An envelope: the key and the origin it is bound to.
    Sealed { key: SecretString, origin: String },
    /// A bare key, stored before the envelope existed.
    Plain(SecretString),
}

#[derive(Serialize)]
struct SealedOut<'a> {
    v: u32,
    origin: &'a str,
    key: &'a str,
}

/// Every field optional, so a missing one gets its own clear sentence, not serde's.
#[derive(Deserialize)]
struct SealedIn {
    v: Option<u32>,
    origin: Option<String>,
    // Straight into the wrapper: zeroized when dropped.
    key: Option<SecretString>,
}

/// The envelope for `key` bound to `origin`, as the secret to store.
pub(crate) fn seal(origin: &str, key: &SecretString) -> SecretString {
    // Sized for the worst case (every byte escaped as `\u00XX`), so the buffer never grows and
    // leaves no copy of the key behind in a freed allocation.
    let capacity = 64 + 6 * (origin.len() + key.expose().len());
    let mut buffer = Zeroizing::new(Vec::with_capacity(capacity));
    let envelope = SealedOut { v: ENVELOPE_VERSION, origin, key: key.expose() };
    serde_json::to_writer(&mut *buffer, &envelope).expect("JSON of two strings written to memory");
    // Moved, not copied: the same allocation becomes the secret.
    let text = String::from_utf8(std::mem::take(&mut *buffer)).expect("serde_json writes UTF-8");
    SecretString::new(text)
}

/// Reads an entry's secret. Anything that starts like JSON must be a valid envelope of a
/// version this app knows; a bare key (no API key starts with `{`) is an entry from before.
pub(crate) fn open(secret: &SecretString) -> Result<Opened, KeychainError> {
    if !secret.expose().trim_start().starts_with('{') {
        return Ok(Opened::Plain(secret.clone()));
    }
    // serde_json's own message may quote the input, which holds the key: only its category
    // and position are kept.
    let parsed: SealedIn = serde_json::from_str(secret.expose()).map_err(|error| {
        KeychainError::Unreadable(format!(
            "not a valid envelope ({:?} error at column {})",
            error.classify(),
            error.column()
        ))
    })?;
    let unreadable = |what: &str| Err(KeychainError::Unreadable(what.to_owned()));
    match parsed.v {
        Some(ENVELOPE_VERSION) => {}
        Some(newer) => return unreadable(&format!("envelope version {newer}, written by a newer version of the app")),
        None => return unreadable("the envelope has no version"),
    }
    let Some(origin) = parsed.origin.filter(|o| !o.trim().is_empty()) else {
        return unreadable("the envelope names no server");
    };
    let Some(key) = parsed.key.filter(|k| !k.expose().is_empty()) else {
        return unreadable("the envelope holds no key");
    };
    Ok(Opened::Sealed { key, origin })
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "zx_live_ENVELOPE_CANARY_7c1d";

    fn key() -> SecretString {
        SecretString::new(KEY.into())
    }

    #[test]
    fn a_sealed_key_opens_to_the_same_key_and_origin() {
        let sealed = seal("https://api.zexa.ao", &key());
        let json: serde_json::Value = serde_json::from_str(sealed.expose()).unwrap();
        assert_eq!(json, serde_json::json!({"v": 1, "origin": "https://api.zexa.ao", "key": KEY}));
        match open(&sealed).unwrap() {
            Opened::Sealed { key, origin } => {
                assert_eq!(key.expose(), KEY);
                assert_eq!(origin, "https://api.zexa.ao");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn keys_and_origins_that_need_escaping_round_trip() {
        let odd = SecretString::new(r#"zx_"quoted"\back\slash_ünï"#.into());
        let sealed = seal("http://127.0.0.1:8080", &odd);
        let Opened::Sealed { key, origin } = open(&sealed).unwrap() else { panic!("not sealed") };
        assert_eq!(key.expose(), odd.expose());
        assert_eq!(origin, "http://127.0.0.1:8080");
    }

    #[test]
    fn a_bare_key_is_an_entry_from_before_the_envelope() {
        let Opened::Plain(plain) = open(&key()).unwrap() else { panic!("taken for an envelope") };
        assert_eq!(plain.expose(), KEY);
    }

    #[test]
    fn a_garbled_envelope_is_a_clear_error_that_does_not_quote_the_key() {
        let cases = [
            format!(r#"{{"v":1,"origin":"https://api.zexa.ao","key":"{KEY}""#), // cut short
            format!(r#"{{"v":"{KEY}","origin":"https://api.zexa.ao","key":"{KEY}"}}"#), // wrong type
            format!(r#"{{"v":2,"origin":"https://api.zexa.ao","key":"{KEY}"}}"#),
            format!(r#"{{"origin":"https://api.zexa.ao","key":"{KEY}"}}"#),
            format!(r#"{{"v":1,"key":"{KEY}"}}"#),
            r#"{"v":1,"origin":"https://api.zexa.ao"}"#.to_owned(),
            r#"{"v":1,"origin":"https://api.zexa.ao","key":""}"#.to_owned(),
            "{".to_owned(),
            "{}".to_owned(),
        ];
        for case in cases {
            let error = open(&SecretString::new(case.clone())).unwrap_err();
            assert!(matches!(error, KeychainError::Unreadable(_)), "{case}: {error:?}");
            let logged = format!("{error} {error:?}");
            let shown = format!("{logged} {}", zexa_core::error::IpcError::from(error).message);
            assert!(!shown.contains(KEY), "the key leaked into the error: {shown}");
        }
        let newer = open(&SecretString::new(format!(r#"{{"v":2,"origin":"o","key":"{KEY}"}}"#))).unwrap_err();
        assert!(newer.to_string().contains("newer version"), "{newer}");
    }

    #[test]
    fn the_key_never_shows_in_debug() {
        let sealed = seal("https://api.zexa.ao", &key());
        let stored = StoredKey { key: key(), origin: Some("https://api.zexa.ao".into()) };
        let shown = format!("{sealed:?} {stored:?} {:?}", open(&sealed).unwrap());
        assert!(!shown.contains(KEY), "{shown}");
        assert!(shown.contains("https://api.zexa.ao"), "the origin is no secret: {shown}");
    }
}
