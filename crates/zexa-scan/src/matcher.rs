//! From automaton matches to candidate secrets: the exact check for keys, the alphabet
//! continuation for prefixes, and the assignment and `Bearer` heuristics.

use aho_corasick::Input;
use memchr::memmem;
use zeroize::Zeroizing;

use crate::patterns::{Patterns, Rule};

/// A key-like value is at most this long; a longer run is some other blob (base64, a hash list).
pub const MAX_TOKEN: usize = 256;
/// An assigned or `Bearer` value shorter than this is a placeholder or a name, not a key.
const MIN_VALUE: usize = 16;
/// A listed prefix continued by fewer characters is the prefix shown in docs (`zx_test_ab12…`).
const MIN_ACCOUNT_CONTINUATION: usize = 16;
/// A Zexa-format key this computer does not hold: the prefix and at least this many characters.
const MIN_FORMAT_CONTINUATION: usize = 24;
/// How far from a `Bearer` token `api.zexa.ao` may be to count as "next to it".
pub const BEARER_CONTEXT: usize = 512;
/// Bytes an assignment may take between the name and its value (`" : "`, `=`, `:=`, quotes).
const ASSIGN_GAP: usize = 16;

/// How far a match may reach past its start, and before it, for the stream window's overlap.
pub fn lookahead(patterns: &Patterns) -> usize {
    patterns.max_len + ASSIGN_GAP + MAX_TOKEN + BEARER_CONTEXT
}
pub const LOOKBEHIND: usize = BEARER_CONTEXT + 1;

/// What a candidate is, before it is looked up against the known keys.
#[derive(Clone)]
pub enum Secret {
    Known(usize),
    Account(usize, Zeroizing<Vec<u8>>),
    Unknown(Zeroizing<Vec<u8>>),
}

impl Secret {
    /// Most certain first; at one offset, the most certain reading wins.
    pub fn rank(&self) -> u8 {
        match self {
            Secret::Known(_) => 0,
            Secret::Account(..) => 1,
            Secret::Unknown(_) => 2,
        }
    }
}

/// A secret at a byte offset of the buffer.
pub struct Hit {
    pub at: usize,
    pub secret: Secret,
}

/// A piece of a file: candidates are those whose match starts in `from..to` of `buf`.
pub struct Window<'a> {
    pub buf: &'a [u8],
    pub from: usize,
    pub to: usize,
    /// `buf[0]` is the first byte of the file, so nothing precedes it.
    pub at_start: bool,
    /// The file ends with `buf`.
    pub at_end: bool,
}

pub fn find(patterns: &Patterns, window: &Window<'_>, hits: &mut Vec<Hit>) {
    let Window { buf, from, to, at_start, at_end } = *window;
    let input = Input::new(buf).span(from..buf.len());
    for m in patterns.automaton.find_iter(input) {
        if m.start() >= to {
            break;
        }
        let rule = patterns.rule(m.pattern().as_usize());
        let preceded_by_word = m.start() > 0 && is_word(buf[m.start() - 1]) || (m.start() == 0 && !at_start);
        let hit = match rule {
            Rule::Known(index) => Some(Hit { at: m.start(), secret: Secret::Known(index) }),
            Rule::AccountPrefix(index) if !preceded_by_word => {
                continued(buf, m.start(), m.end(), is_key_char, MIN_ACCOUNT_CONTINUATION)
                    .map(|token| Hit { at: m.start(), secret: Secret::Account(index, token) })
            }
            Rule::FormatPrefix if !preceded_by_word => format_key(buf, m.start()),
            Rule::AssignName if !preceded_by_alnum(buf, m.start()) => assigned_value(buf, m.end(), at_end),
            Rule::Bearer if !preceded_by_alnum(buf, m.start()) => bearer_value(buf, m.start(), m.end(), at_end),
            _ => None,
        };
        if let Some(mut hit) = hit {
            // An unknown value that starts with a listed prefix is the account's key.
            if let Secret::Unknown(token) = &hit.secret {
                if let Some(index) =
                    patterns.account_prefixes.iter().position(|p| !p.is_empty() && token.starts_with(p))
                {
                    hit.secret = Secret::Account(index, token.clone());
                }
            }
            hits.push(hit);
        }
    }
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn preceded_by_alnum(buf: &[u8], at: usize) -> bool {
    at > 0 && buf[at - 1].is_ascii_alphanumeric()
}

/// The alphabet a key continues in after its prefix. Keys have no documented format; the
/// sandbox's are letters and digits, and `_`/`-` cover the common variants.
fn is_key_char(b: u8) -> bool {
    is_word(b) || b == b'-'
}

/// What an assigned value may be made of (keys, plus the base64 and URL-safe extras).
fn is_value_char(b: u8) -> bool {
    is_key_char(b) || b"+/=.~".contains(&b)
}

/// `buf[start..]` continued past `end` in `alphabet`, if at least `min` characters follow and the
/// whole token is at most `MAX_TOKEN` long.
fn continued(buf: &[u8], start: usize, end: usize, alphabet: fn(u8) -> bool, min: usize) -> Option<Zeroizing<Vec<u8>>> {
    // The stream window reaches `lookahead` past any start, so a run cut by the buffer's end is
    // already longer than a token.
    let run = buf[end..].iter().take(MAX_TOKEN + 1).take_while(|b| alphabet(**b)).count();
    let stop = end + run;
    if run < min || stop - start > MAX_TOKEN {
        return None;
    }
    Some(Zeroizing::new(buf[start..stop].to_vec()))
}

/// `zx_live_` + letters and digits: a Zexa key, whoever's it is.
fn format_key(buf: &[u8], start: usize) -> Option<Hit> {
    let prefix = zexa_core::secret::KNOWN_KEY_PREFIXES.iter().find(|p| buf[start..].starts_with(p.as_bytes()))?;
    let end = start + prefix.len();
    let token = continued(buf, start, end, |b| b.is_ascii_alphanumeric(), MIN_FORMAT_CONTINUATION)?;
    let stop = start + token.len();
    if stop < buf.len() && is_key_char(buf[stop]) || !looks_random(&token[prefix.len()..]) {
        return None;
    }
    Some(Hit { at: start, secret: Secret::Unknown(token) })
}

/// `ZEXA_API_KEY=…`, `export ZEXA_API_KEY="…"`, `"zexa_api_key": "…"`, `zexa_api_key: …`,
/// `zexa_api_key = "…"`, `$env:ZEXA_API_KEY = '…'`. `name_end` is just past the name.
fn assigned_value(buf: &[u8], name_end: usize, at_end: bool) -> Option<Hit> {
    if buf.get(name_end).is_some_and(|b| is_word(*b)) {
        return None; // ZEXA_API_KEY_ID, zexa_api_keys
    }
    let mut i = name_end;
    let gap_end = (name_end + ASSIGN_GAP).min(buf.len());
    if matches!(buf.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    i = skip_blanks(buf, i, gap_end);
    match buf.get(i..i + 2) {
        Some(b":=" | b"=>") => i += 2,
        _ if matches!(buf.get(i), Some(b'=' | b':')) => i += 1,
        _ => return None,
    }
    i = skip_blanks(buf, i, gap_end);
    if matches!(buf.get(i), Some(b'"' | b'\'')) {
        i += 1;
    }
    value_at(buf, i, at_end)
}

/// `Bearer <token>` with `api.zexa.ao` within `BEARER_CONTEXT` bytes either side.
fn bearer_value(buf: &[u8], start: usize, end: usize, at_end: bool) -> Option<Hit> {
    let blanks = buf[end..].iter().take(4).take_while(|b| **b == b' ' || **b == b'\t').count();
    if blanks == 0 {
        return None;
    }
    let hit = value_at(buf, end + blanks, at_end)?;
    let around = &buf[start.saturating_sub(BEARER_CONTEXT)..(end + BEARER_CONTEXT).min(buf.len())];
    memmem::find(around, b"api.zexa.ao").map(|_| hit)
}

fn skip_blanks(buf: &[u8], mut i: usize, limit: usize) -> usize {
    while i < limit && (buf[i] == b' ' || buf[i] == b'\t') {
        i += 1;
    }
    i
}

/// The value starting at `start`, if it ends where a value ends and is not a placeholder.
fn value_at(buf: &[u8], start: usize, at_end: bool) -> Option<Hit> {
    let len = buf.get(start..)?.iter().take(MAX_TOKEN + 1).take_while(|b| is_value_char(**b)).count();
    let stop = start + len;
    if !(MIN_VALUE..=MAX_TOKEN).contains(&len) {
        return None;
    }
    let ends_value = match buf.get(stop) {
        None => at_end,
        Some(b) => b.is_ascii_whitespace() || b"\"'`,;})]#&\\".contains(b),
    };
    let value = &buf[start..stop];
    if !ends_value || is_placeholder(value) {
        return None;
    }
    Some(Hit { at: start, secret: Secret::Unknown(Zeroizing::new(value.to_vec())) })
}

/// Obvious placeholders and examples, which the docs and templates are full of.
fn is_placeholder(value: &[u8]) -> bool {
    const WORDS: [&[u8]; 12] = [
        b"xxxx",
        b"your",
        b"example",
        b"placeholder",
        b"changeme",
        b"change_me",
        b"dummy",
        b"redacted",
        b"replace",
        b"insert",
        b"sample",
        b"****",
    ];
    let lower = value.to_ascii_lowercase();
    lower.starts_with(b"zexa")
        || WORDS.iter().any(|w| memmem::find(&lower, w).is_some())
        || lower.windows(3).any(|w| w == b"...")
        || !looks_random(value)
}

/// A key mixes letters and digits; `abcdefghijklmnopqrstu` and `1111…` are not keys.
fn looks_random(value: &[u8]) -> bool {
    let letters = value.iter().any(u8::is_ascii_alphabetic);
    let digits = value.iter().any(u8::is_ascii_digit);
    let first = value.first();
    letters && digits && !value.iter().all(|b| Some(b) == first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::patterns::Patterns;

    fn unknown_values(text: &str) -> Vec<String> {
        let patterns = Patterns::build(&[], &[]);
        let mut hits = Vec::new();
        let window = Window { buf: text.as_bytes(), from: 0, to: text.len(), at_start: true, at_end: true };
        find(&patterns, &window, &mut hits);
        hits.iter()
            .map(|hit| match &hit.secret {
                Secret::Unknown(token) => String::from_utf8(token.to_vec()).unwrap(),
                _ => panic!("only unknown keys here"),
            })
            .collect()
    }

    const V: &str = "q8Xr2mN7vB4kL9pZ3tY6";

    #[test]
    fn assignments_in_env_json_yaml_toml_and_shell_forms_are_found() {
        for text in [
            format!("ZEXA_API_KEY={V}\n"),
            format!("export ZEXA_API_KEY=\"{V}\"\n"),
            format!("{{\"zexa_api_key\": \"{V}\"}}"),
            format!("zexa_api_key: {V}\n"),
            format!("zexa_api_key = '{V}'\n"),
            format!("$env:ZEXA_API_KEY = \"{V}\""),
            format!("ZEXA_API_KEY := {V};"),
        ] {
            assert_eq!(unknown_values(&text), vec![V.to_owned()], "{text}");
        }
    }

    #[test]
    fn references_empty_values_and_placeholders_are_ignored() {
        for text in [
            "ZEXA_API_KEY=\n",
            "ZEXA_API_KEY=zexa://profile/Production\n",
            "ZEXA_API_KEY=${ZEXA_API_KEY}\n",
            "ZEXA_API_KEY=your_api_key_here_1234\n",
            "ZEXA_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxx1\n",
            "ZEXA_API_KEY=<your key>\n",
            "ZEXA_API_KEY: ${{ secrets.ZEXA_API_KEY }}\n",
            "key = os.environ[\"ZEXA_API_KEY\"]\n",
            "ZEXA_API_KEY=os.getenv1234567890abc(\n",
            "ZEXA_API_KEY_ID=q8Xr2mN7vB4kL9pZ3tY6\n",
            "ZEXA_API_KEY=abcdefghijklmnopqrstuvwxyz\n",
        ] {
            assert!(unknown_values(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn a_bearer_token_counts_only_next_to_api_zexa_ao() {
        let near = format!("curl https://api.zexa.ao/v1/credits -H 'Authorization: Bearer {V}'");
        assert_eq!(unknown_values(&near), vec![V.to_owned()]);
        let far = format!("curl https://api.example.com -H 'Authorization: Bearer {V}'");
        assert!(unknown_values(&far).is_empty());
    }

    #[test]
    fn a_key_in_zexa_format_is_found_but_not_inside_a_word_or_when_short() {
        let key = "zx_live_Ab12Cd34Ef56Gh78Ij90Kl12Mn34";
        assert_eq!(unknown_values(&format!("k = \"{key}\"")), vec![key.to_owned()]);
        assert!(unknown_values("xzx_live_Ab12Cd34Ef56Gh78Ij90Kl12Mn34").is_empty());
        assert!(unknown_values("zx_live_abc123").is_empty());
        assert!(unknown_values("zx_live_FROM_BEFORE_THE_ENVELOPE").is_empty());
    }
}
