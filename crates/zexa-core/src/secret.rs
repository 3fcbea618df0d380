//! `Sensitive<T>`: a secret (API key, TOTP secret, password, backup code) that cannot leak by accident.
//!
//! * `Debug` and `Display` print a redaction, so `tracing` fields and `{:?}` are safe.
//! * `Serialize` refuses with an error, so a secret put in an IPC reply or a settings file fails
//!   loudly instead of being written. `Deserialize` is allowed: secrets typed by the user arrive
//!   over IPC and go straight into the wrapper.
//! * The value is zeroized when dropped.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use zeroize::{Zeroize, ZeroizeOnDrop};

pub const REDACTED: &str = "<redacted>";

#[derive(Clone, Default, PartialEq, Eq)]
pub struct Sensitive<T: Zeroize>(T);

/// The common case: a secret string.
pub type SecretString = Sensitive<String>;

impl<T: Zeroize> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// Borrow the secret. Callers keep the borrow short and never log or format it.
    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T: Zeroize> Drop for Sensitive<T> {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

// Drop zeroizes the value; this marker lets generic code require it.
impl<T: Zeroize> ZeroizeOnDrop for Sensitive<T> {}

impl<T: Zeroize> From<T> for Sensitive<T> {
    fn from(value: T) -> Self {
        Self(value)
    }
}

impl<T: Zeroize> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Zeroize> fmt::Display for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl<T: Zeroize> Serialize for Sensitive<T> {
    fn serialize<S: Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
        Err(serde::ser::Error::custom("refusing to serialize a secret"))
    }
}

impl<'de, T: Zeroize + Deserialize<'de>> Deserialize<'de> for Sensitive<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::deserialize(deserializer).map(Self)
    }
}

/// Key prefixes Zexa and its sandbox use; shown in a masked key because they say nothing secret.
pub const KNOWN_KEY_PREFIXES: [&str; 2] = ["zx_live_", "zx_test_"];

impl SecretString {
    /// A display form that is safe to show and to send to the webview: a known fixed prefix (if
    /// any) and the last 4 characters, e.g. `zx_test_…7c1d`; only a mask when the secret is too
    /// short for the last 4 to be a small part of it. Nothing of the secret is copied on the way.
    pub fn masked(&self) -> String {
        const MASK: &str = "••••••••";
        let secret = self.0.as_str();
        let Some((tail_start, _)) = secret.char_indices().rev().nth(3) else { return MASK.to_owned() };
        if secret[..tail_start].chars().count() < 12 {
            return MASK.to_owned();
        }
        let prefix = KNOWN_KEY_PREFIXES.iter().find(|p| secret.starts_with(**p)).copied().unwrap_or("");
        format!("{prefix}…{}", &secret[tail_start..])
    }
}

/// A secret on the one road it may take to the webview: the reply of the action that shows it
/// once (a new API key, new backup codes). It serializes as a plain string, on purpose, and is
/// zeroized when the reply has been sent. Nothing else may hold one.
pub struct RevealedSecret(zeroize::Zeroizing<String>);

impl RevealedSecret {
    pub fn of(secret: &SecretString) -> Self {
        Self(zeroize::Zeroizing::new(secret.expose().clone()))
    }
}

impl fmt::Debug for RevealedSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl Serialize for RevealedSecret {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl specta::Type for RevealedSecret {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        String::definition(types)
    }
}

/// Over IPC a secret is typed by the user as a plain string; the wrapper is Rust-side only.
impl<T: Zeroize + specta::Type> specta::Type for Sensitive<T> {
    fn definition(types: &mut specta::Types) -> specta::datatype::DataType {
        T::definition(types)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANARY: &str = "zx_live_CANARY_4f9a2b7c1d";

    #[test]
    fn debug_and_display_redact() {
        let secret = SecretString::new(CANARY.to_owned());
        assert_eq!(format!("{secret:?}"), REDACTED);
        assert_eq!(format!("{secret}"), REDACTED);
        assert_eq!(format!("{:#?}", Some(&secret)), format!("Some(\n    {REDACTED},\n)"));
    }

    #[test]
    fn serialization_is_refused_even_inside_a_struct() {
        #[derive(Serialize)]
        struct Reply {
            name: String,
            key: SecretString,
        }
        let reply = Reply { name: "Production".into(), key: SecretString::new(CANARY.into()) };
        let err = serde_json::to_string(&reply).unwrap_err();
        assert!(err.to_string().contains("refusing to serialize a secret"));
    }

    #[test]
    fn deserializes_from_plain_json_string() {
        let secret: SecretString = serde_json::from_str(&format!("\"{CANARY}\"")).unwrap();
        assert_eq!(secret.expose(), CANARY);
    }

    #[test]
    fn masked_keeps_a_known_prefix_and_the_last_four_only() {
        let secret = SecretString::new(CANARY.to_owned());
        assert_eq!(secret.masked(), "zx_live_…7c1d");
        assert!(!secret.masked().contains("CANARY"));
        // Not the first 8 of an unknown key: only its last 4.
        assert_eq!(SecretString::new("sk_abcdefghijklmnop1234".into()).masked(), "…1234");
        // 16 characters: 12 of them must never show.
        assert_eq!(SecretString::new("zx_test_abcd1234".into()).masked(), "zx_test_…1234");
        assert_eq!(SecretString::new("short".into()).masked(), "••••••••");
        assert_eq!(SecretString::new("zx_test_abc".into()).masked(), "••••••••");
        assert_eq!(SecretString::new("ééééééééééééééééé".into()).masked(), "…éééé", "characters, not bytes");
    }

    #[test]
    fn a_revealed_secret_serializes_but_never_prints() {
        let revealed = RevealedSecret::of(&SecretString::new(CANARY.to_owned()));
        assert_eq!(serde_json::to_string(&revealed).unwrap(), format!("\"{CANARY}\""));
        assert_eq!(format!("{revealed:?}"), REDACTED);
    }

    #[test]
    fn drop_zeroizes_the_value() {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;

        struct Probe(Arc<AtomicBool>);
        impl Zeroize for Probe {
            fn zeroize(&mut self) {
                self.0.store(true, Ordering::SeqCst);
            }
        }

        let zeroized = Arc::new(AtomicBool::new(false));
        let secret = Sensitive::new(Probe(zeroized.clone()));
        assert!(!zeroized.load(Ordering::SeqCst));
        drop(secret);
        assert!(zeroized.load(Ordering::SeqCst), "dropping a Sensitive must zeroize it");
    }

    #[test]
    fn string_zeroize_clears_bytes() {
        let mut value = CANARY.to_owned();
        value.zeroize();
        assert!(value.is_empty());
    }
}
