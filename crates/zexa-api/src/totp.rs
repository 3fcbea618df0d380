//! RFC 6238 TOTP as Google Authenticator and Authy do it: HMAC-SHA-1, 6 digits, 30-second steps,
//! a 160-bit secret in unpadded Base32, and Key URI (`otpauth://`) parsing and building. The
//! HMAC, truncation and Base32 are `totp-rs`'s; this module fixes the contract's parameters.
//!
//! Every working copy of a secret this module makes is wiped when it goes: the generator and
//! its `Secret`s (`totp-rs` with its `zeroize` feature), the decoded bytes (`Zeroizing`), the
//! codes compared in [`verify`], and the parsed `otpauth` URL's text. What it hands out is the
//! caller's to guard (a `SecretString`, or the plain values the sandbox and tests use). Out of
//! reach: `url`'s and `base32`'s working buffers while they parse or encode (freed within the
//! call).

use std::borrow::Cow;

use rand::RngCore;
use totp_rs::{Algorithm, Secret, TOTP};
use url::Url;
use zeroize::{Zeroize, Zeroizing};

use zexa_core::secret::SecretString;

pub const DIGITS: u32 = 6;
pub const PERIOD_SECS: u64 = 30;
pub const SECRET_BYTES: usize = 20;
pub const ISSUER: &str = "Zexa";

/// Unpadded RFC 4648 Base32, uppercase. (`totp-rs`'s `Secret`s made on the way are wiped
/// when dropped, with its `zeroize` feature.)
pub fn base32_encode(bytes: &[u8]) -> String {
    match &Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(text) => text.clone(),
        Secret::Raw(_) => unreachable!("to_encoded gives the encoded form"),
    }
}

/// Base32 as people paste it: any case, spaces and dashes ignored, padding optional.
pub fn base32_decode(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let trimmed = text.trim_end_matches('=');
    // Sized up front (ASCII case mapping keeps lengths), so it never leaves a moved copy.
    let mut cleaned = String::with_capacity(trimmed.len());
    for c in trimmed.chars().filter(|c| *c != ' ' && *c != '-') {
        cleaned.push(c.to_ascii_uppercase());
    }
    Secret::Encoded(cleaned).to_bytes().ok().map(Zeroizing::new)
}

/// A fresh 160-bit secret from the OS CSPRNG. A plain `Vec`: its one caller, the sandbox,
/// keeps it as a server keeps its users' secrets.
pub fn generate_secret() -> Vec<u8> {
    let mut secret = vec![0u8; SECRET_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut secret);
    secret
}

/// A SHA-1 generator of `digits`-digit codes with steps of `step_secs`; `totp-rs` does the
/// HMAC and the dynamic truncation.
fn generator(secret: &[u8], digits: u32, step_secs: u64) -> TOTP {
    // Unchecked: the RFC test seed is 160 bits, but a code must be computable for any secret a
    // server hands out, and the checks `new` adds (length, issuer) do not apply here.
    TOTP::new_unchecked(Algorithm::SHA1, digits as usize, 0, step_secs, secret.to_vec())
}

/// RFC 4226 HOTP with dynamic truncation, `digits` long (6 or 8). The code is the caller's to
/// keep or wipe (the sandbox sends it to tests, tests type it).
pub fn hotp(secret: &[u8], counter: u64, digits: u32) -> String {
    generator(secret, digits, 1).generate(counter)
}

/// The time step a Unix time falls in.
pub fn step_at(unix_secs: u64) -> u64 {
    unix_secs / PERIOD_SECS
}

/// The 6-digit code for a Unix time; like [`hotp`], the caller's to keep or wipe.
pub fn code_at(secret: &[u8], unix_secs: u64) -> String {
    generator(secret, DIGITS, PERIOD_SECS).generate(unix_secs)
}

/// Seconds until the code for `unix_secs` changes.
pub fn seconds_remaining(unix_secs: u64) -> u64 {
    PERIOD_SECS - unix_secs % PERIOD_SECS
}

/// Checks `code` against the current step and one step either side, refusing any step at or
/// before `last_used_step` (a replay). Returns the matched step, which the caller must remember.
pub fn verify(secret: &[u8], code: &str, unix_secs: u64, last_used_step: Option<u64>) -> Option<u64> {
    let code = code.trim();
    if code.len() != DIGITS as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let totp = generator(secret, DIGITS, PERIOD_SECS);
    let now = step_at(unix_secs);
    let mut matched = None;
    // Every candidate is computed and compared in constant time so timing says nothing.
    for step in now.saturating_sub(1)..=now + 1 {
        let candidate = Zeroizing::new(totp.generate(step * PERIOD_SECS));
        if constant_time_eq(candidate.as_bytes(), code.as_bytes()) && last_used_step.is_none_or(|last| step > last) {
            matched = Some(step);
        }
    }
    matched
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A parsed `otpauth://totp/` Key URI.
#[derive(Debug, Clone)]
pub struct OtpAuthUri {
    pub issuer: Option<String>,
    pub account: String,
    pub secret: SecretString,
    pub digits: u32,
    pub period_secs: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OtpAuthError {
    #[error("not an otpauth URL")]
    NotOtpAuth,
    #[error("only TOTP is supported")]
    NotTotp,
    #[error("the secret is missing or is not Base32")]
    BadSecret,
    #[error("unsupported parameters: only SHA1, 6 digits and 30 seconds are supported")]
    Unsupported,
}

impl OtpAuthUri {
    /// The contract's Key URI for a Zexa account: `otpauth://totp/Zexa:<email>?secret=…`.
    pub fn for_account(email: &str, secret: &[u8]) -> Self {
        Self {
            issuer: Some(ISSUER.to_owned()),
            account: email.to_owned(),
            secret: SecretString::new(base32_encode(secret)),
            digits: DIGITS,
            period_secs: PERIOD_SECS,
        }
    }

    /// The Key URI, written into one buffer of its final size so that no partial copy of the
    /// secret is left behind by a reallocation.
    pub fn to_url(&self) -> SecretString {
        let issuer = self.issuer.as_deref().map(encode);
        let account = encode(&self.account);
        let (digits, period) = (self.digits.to_string(), self.period_secs.to_string());
        let parts: [&str; 13] = [
            "otpauth://totp/",
            issuer.as_deref().unwrap_or(""),
            if issuer.is_some() { ":" } else { "" },
            &account,
            "?secret=",
            self.secret.expose(),
            if issuer.is_some() { "&issuer=" } else { "" },
            issuer.as_deref().unwrap_or(""),
            "&algorithm=SHA1",
            "&digits=",
            &digits,
            "&period=",
            &period,
        ];
        let mut url = String::with_capacity(parts.iter().map(|p| p.len()).sum());
        parts.iter().for_each(|part| url.push_str(part));
        SecretString::new(url)
    }

    pub fn parse(text: &str) -> Result<Self, OtpAuthError> {
        let parsed = WipedUrl(Some(Url::parse(text.trim()).map_err(|_| OtpAuthError::NotOtpAuth)?));
        let url = parsed.0.as_ref().expect("set just above");
        if url.scheme() != "otpauth" {
            return Err(OtpAuthError::NotOtpAuth);
        }
        if url.host_str().map(str::to_ascii_lowercase).as_deref() != Some("totp") {
            return Err(OtpAuthError::NotTotp);
        }
        let label =
            percent_encoding::percent_decode_str(url.path().trim_start_matches('/')).decode_utf8_lossy().into_owned();
        let (label_issuer, account) = match label.split_once(':') {
            Some((issuer, account)) => (Some(issuer.trim().to_owned()), account.trim().to_owned()),
            None => (None, label.trim().to_owned()),
        };
        let (mut secret, mut issuer, mut digits, mut period) = (None, None, DIGITS, PERIOD_SECS);
        for (key, value) in url.query_pairs() {
            match key.as_ref() {
                "secret" => {
                    secret = Some(clean_secret(&value));
                    wipe_decoded(value);
                }
                "issuer" => issuer = Some(value.into_owned()),
                "algorithm" if !value.eq_ignore_ascii_case("SHA1") => return Err(OtpAuthError::Unsupported),
                "digits" => digits = value.parse().map_err(|_| OtpAuthError::Unsupported)?,
                "period" => period = value.parse().map_err(|_| OtpAuthError::Unsupported)?,
                _ => {}
            }
        }
        if digits != DIGITS || period != PERIOD_SECS {
            return Err(OtpAuthError::Unsupported);
        }
        let secret = secret.ok_or(OtpAuthError::BadSecret)?;
        match base32_decode(&secret) {
            Some(bytes) if !bytes.is_empty() => {}
            _ => return Err(OtpAuthError::BadSecret),
        }
        Ok(Self {
            issuer: issuer.or(label_issuer),
            account,
            secret: SecretString::new(secret.trim_end_matches('=').to_owned()),
            digits,
            period_secs: period,
        })
    }

    /// The decoded secret bytes.
    pub fn secret_bytes(&self) -> Zeroizing<Vec<u8>> {
        base32_decode(self.secret.expose()).unwrap_or_default()
    }
}

/// A parsed URL whose text, which holds the secret, is wiped when it goes.
struct WipedUrl(Option<Url>);

impl Drop for WipedUrl {
    fn drop(&mut self) {
        // `Url` keeps its whole text in one `String`, which it gives up by value.
        if let Some(url) = self.0.take() {
            let mut text: String = url.into();
            text.zeroize();
        }
    }
}

/// The `secret` parameter without spaces, uppercase, in a buffer that is wiped on drop.
fn clean_secret(value: &str) -> Zeroizing<String> {
    let mut cleaned = Zeroizing::new(String::with_capacity(value.len()));
    for c in value.chars().filter(|c| *c != ' ') {
        cleaned.push(c.to_ascii_uppercase());
    }
    cleaned
}

/// A percent-decoded parameter is a fresh `String`: wiped, as the URL's own text is.
fn wipe_decoded(value: Cow<'_, str>) {
    if let Cow::Owned(mut owned) = value {
        owned.zeroize();
    }
}

fn encode(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC)
        .to_string()
        .replace("%40", "@")
        .replace("%2E", ".")
        .replace("%2D", "-")
        .replace("%5F", "_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use zeroize::ZeroizeOnDrop;

    /// RFC 6238 appendix B, SHA-1 rows: the ASCII seed "12345678901234567890".
    const RFC_SEED: &[u8] = b"12345678901234567890";
    const RFC_VECTORS: [(u64, &str); 6] = [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ];

    #[test]
    fn rfc6238_sha1_vectors_with_eight_digits() {
        for (time, expected) in RFC_VECTORS {
            assert_eq!(hotp(RFC_SEED, step_at(time), 8), expected, "T={time}");
        }
    }

    #[test]
    fn six_digit_codes_are_the_low_digits_of_the_vectors() {
        for (time, expected) in RFC_VECTORS {
            assert_eq!(code_at(RFC_SEED, time), expected[2..], "T={time}");
        }
    }

    #[test]
    fn rfc4226_hotp_vectors() {
        let expected =
            ["755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489"];
        for (counter, code) in expected.iter().enumerate() {
            assert_eq!(hotp(RFC_SEED, counter as u64, 6), *code);
        }
    }

    #[test]
    fn base32_round_trips_and_matches_rfc4648() {
        assert_eq!(base32_encode(b"foobar"), "MZXW6YTBOI");
        assert_eq!(base32_encode(RFC_SEED), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(*base32_decode("mzxw 6ytb oi======").unwrap(), b"foobar");
        assert!(base32_decode("MZ1W").is_none());
        let secret = generate_secret();
        assert_eq!(secret.len(), 20);
        assert_eq!(base32_encode(&secret).len(), 32);
        assert_eq!(*base32_decode(&base32_encode(&secret)).unwrap(), secret);
    }

    #[test]
    fn verify_accepts_one_step_either_side_and_refuses_replay() {
        let now = 1_234_567_890;
        let current = code_at(RFC_SEED, now);
        let step = step_at(now);
        assert_eq!(verify(RFC_SEED, &current, now, None), Some(step));
        assert_eq!(verify(RFC_SEED, &code_at(RFC_SEED, now - 30), now, None), Some(step - 1));
        assert_eq!(verify(RFC_SEED, &code_at(RFC_SEED, now + 30), now, None), Some(step + 1));
        assert_eq!(verify(RFC_SEED, &code_at(RFC_SEED, now - 60), now, None), None);
        assert_eq!(verify(RFC_SEED, &code_at(RFC_SEED, now + 60), now, None), None);
        assert_eq!(verify(RFC_SEED, &current, now, Some(step)), None, "replay");
        assert_eq!(verify(RFC_SEED, "12345", now, None), None);
        assert_eq!(verify(RFC_SEED, "abcdef", now, None), None);
    }

    #[test]
    fn otpauth_urls_round_trip() {
        let uri = OtpAuthUri::for_account("admin@demo.zexa.ao", RFC_SEED);
        let url = uri.to_url();
        assert_eq!(
            url.expose(),
            "otpauth://totp/Zexa:admin@demo.zexa.ao?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Zexa&algorithm=SHA1&digits=6&period=30"
        );
        let parsed = OtpAuthUri::parse(url.expose()).unwrap();
        assert_eq!(parsed.issuer.as_deref(), Some("Zexa"));
        assert_eq!(parsed.account, "admin@demo.zexa.ao");
        assert_eq!(*parsed.secret_bytes(), RFC_SEED);
        let encoded = OtpAuthUri::parse("otpauth://totp/Zexa%3Aa%40b.ao?secret=mzxw6ytboi").unwrap();
        assert_eq!(encoded.account, "a@b.ao");
        assert_eq!(OtpAuthUri::parse("otpauth://hotp/x?secret=MZXW6YTBOI").unwrap_err(), OtpAuthError::NotTotp);
        assert_eq!(
            OtpAuthUri::parse("otpauth://totp/x?secret=MZXW6YTBOI&digits=8").unwrap_err(),
            OtpAuthError::Unsupported
        );
        assert_eq!(OtpAuthUri::parse("otpauth://totp/x?secret=1").unwrap_err(), OtpAuthError::BadSecret);
        assert_eq!(OtpAuthUri::parse("https://zexa.ao").unwrap_err(), OtpAuthError::NotOtpAuth);
    }

    /// Every form of the secret this module hands out or works with is wiped when dropped.
    #[test]
    fn copies_of_the_secret_are_wiped_on_drop() {
        fn wiped_on_drop<T: ZeroizeOnDrop>(_: &T) {}
        wiped_on_drop(&generator(RFC_SEED, DIGITS, PERIOD_SECS));
        wiped_on_drop(&Secret::Raw(RFC_SEED.to_vec()));
        wiped_on_drop(&base32_decode("MZXW6YTBOI").unwrap());
        let uri = OtpAuthUri::parse("otpauth://totp/Zexa:a@b.ao?secret=mzxw%206ytboi").unwrap();
        wiped_on_drop(&uri.secret);
        wiped_on_drop(&uri.secret_bytes());
        assert_eq!(*uri.secret_bytes(), b"foobar", "a percent-encoded space is dropped too");
        let url = uri.to_url();
        wiped_on_drop(&url);
        assert_eq!(url.expose().len(), url.expose().capacity(), "the URL was written at its final size");
        assert_eq!(*clean_secret("mz xw"), "MZXW");
    }
}
