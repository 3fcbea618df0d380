//! One multi-pattern automaton for every rule, so each byte is looked at once.
//!
//! The automaton is case-sensitive: a case-insensitive one starts a candidate at every `b` and
//! `z` of a source file and runs at a third of the speed (measured on the Cargo registry). The
//! names that come in several cases are listed in each of them.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use zeroize::Zeroizing;
use zexa_core::secret::KNOWN_KEY_PREFIXES;

use crate::{AccountKey, KnownKey};

/// Keys shorter than this are not searched for: they would match ordinary text.
pub const MIN_KNOWN_KEY_LEN: usize = 12;

/// What a pattern stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// One form (plain, URL-encoded, JSON-escaped) of the known key with this index.
    Known(usize),
    /// The listed prefix of the account key with this index.
    AccountPrefix(usize),
    /// A Zexa key prefix (`zx_live_`), for keys this computer does not hold.
    FormatPrefix,
    /// `ZEXA_API_KEY` / `zexa_api_key` / `Zexa_Api_Key`, followed by an assignment.
    AssignName,
    /// `Bearer` / `bearer` / `BEARER`, counted only near `api.zexa.ao`.
    Bearer,
}

pub const ASSIGN_NAMES: [&str; 3] = ["ZEXA_API_KEY", "zexa_api_key", "Zexa_Api_Key"];
pub const BEARERS: [&str; 3] = ["Bearer", "bearer", "BEARER"];

pub struct Patterns {
    pub automaton: AhoCorasick,
    rules: Vec<Rule>,
    pub max_len: usize,
    /// The account keys' prefixes by index (`Rule::AccountPrefix`); prefixes are not secret.
    pub account_prefixes: Vec<Vec<u8>>,
}

impl Patterns {
    pub fn build(known: &[KnownKey], account: &[AccountKey]) -> Self {
        let mut rules = Vec::new();
        // Zeroized when the build ends; the automaton's own copy is not reachable, which is why a
        // scanner is dropped as soon as its scan ends.
        let mut bytes: Vec<Zeroizing<Vec<u8>>> = Vec::new();
        let mut add = |rule: Rule, pattern: Vec<u8>| {
            let pattern = Zeroizing::new(pattern);
            if !bytes.contains(&pattern) {
                rules.push(rule);
                bytes.push(pattern);
            }
        };
        for (index, key) in known.iter().enumerate() {
            let key = key.secret.expose().as_bytes();
            if key.len() < MIN_KNOWN_KEY_LEN {
                continue;
            }
            for form in forms(key) {
                add(Rule::Known(index), form);
            }
        }
        for (index, key) in account.iter().enumerate() {
            if !key.prefix.is_empty() {
                add(Rule::AccountPrefix(index), key.prefix.as_bytes().to_vec());
            }
        }
        for prefix in KNOWN_KEY_PREFIXES {
            add(Rule::FormatPrefix, prefix.as_bytes().to_vec());
        }
        for name in ASSIGN_NAMES {
            add(Rule::AssignName, name.as_bytes().to_vec());
        }
        for bearer in BEARERS {
            add(Rule::Bearer, bearer.as_bytes().to_vec());
        }

        let max_len = bytes.iter().map(|p| p.len()).max().unwrap_or(0);
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(bytes.iter().map(|p| p.as_slice()))
            .expect("patterns are short byte strings");
        let account_prefixes = account.iter().map(|key| key.prefix.as_bytes().to_vec()).collect();
        Self { automaton, rules, max_len, account_prefixes }
    }

    pub fn rule(&self, pattern: usize) -> Rule {
        self.rules[pattern]
    }
}

/// The forms a key takes in files: as is, URL-encoded (upper- and lower-case hex) and inside a
/// JSON string (with and without `\/`). Most keys are plain ASCII, so most forms are the same and
/// collapse into one pattern.
pub fn forms(key: &[u8]) -> Vec<Vec<u8>> {
    let mut forms = vec![key.to_vec(), url_encode(key, true), url_encode(key, false)];
    forms.push(json_escape(key, false));
    forms.push(json_escape(key, true));
    forms.sort();
    forms.dedup();
    forms
}

fn url_encode(key: &[u8], upper: bool) -> Vec<u8> {
    let hex: &[u8; 16] = if upper { b"0123456789ABCDEF" } else { b"0123456789abcdef" };
    let mut out = Vec::with_capacity(key.len() * 3);
    for &b in key {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b);
        } else {
            out.extend_from_slice(&[b'%', hex[(b >> 4) as usize], hex[(b & 15) as usize]]);
        }
    }
    out
}

fn json_escape(key: &[u8], escape_slash: bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(key);
    let mut out = String::with_capacity(key.len() + 8);
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '/' if escape_slash => out.push_str("\\/"),
            c if (c as u32) < 0x20 || !c.is_ascii() => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_key_has_one_form_and_others_have_their_escapes() {
        assert_eq!(forms(b"zx_live_abcDEF123"), vec![b"zx_live_abcDEF123".to_vec()]);
        let forms = forms(b"ab/c\"d+e");
        assert!(forms.contains(&b"ab%2Fc%22d%2Be".to_vec()));
        assert!(forms.contains(&b"ab%2fc%22d%2be".to_vec()));
        assert!(forms.contains(&br#"ab\/c\"d+e"#.to_vec()));
        assert!(forms.contains(&br#"ab/c\"d+e"#.to_vec()));
    }
}
