//! `--env-file`: `NAME=value` lines (dotenv style: `#` comments, blank lines, `export `, single or
//! double quotes). A value that is exactly `zexa://<profile>` is replaced by that profile's key;
//! every other value is passed to the child as it is. A `.env` of references only holds no secret
//! and is safe to commit.

use std::path::Path;

use zexa_core::error::ErrorCode;
use zexa_core::ipc_error;

use crate::exit::{Failure, Outcome};

pub const REFERENCE_SCHEME: &str = "zexa://";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Plain(String),
    /// `zexa://<profile>`: the profile's name.
    Reference(String),
}

/// The variables of `text`, in order. Errors name the file and line, never the value.
pub fn parse(text: &str, file: &Path) -> Outcome<Vec<(String, Value)>> {
    let mut vars = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || {
            Failure::usage(ipc_error!(
                ErrorCode::InvalidInput,
                "cli-env-file-bad-line",
                file = file.display().to_string(),
                line = index + 1
            ))
        };
        let line = line.strip_prefix("export ").map(str::trim_start).unwrap_or(line);
        let (name, value) = line.split_once('=').ok_or_else(bad)?;
        let name = name.trim();
        let valid_name = !name.is_empty()
            && !name.starts_with(|c: char| c.is_ascii_digit())
            && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid_name {
            return Err(bad());
        }
        let value = unquote(value.trim()).ok_or_else(bad)?;
        let value = match value.strip_prefix(REFERENCE_SCHEME) {
            Some(profile) if !profile.trim().is_empty() => Value::Reference(profile.trim().to_owned()),
            Some(_) => return Err(bad()),
            None => Value::Plain(value),
        };
        vars.push((name.to_owned(), value));
    }
    Ok(vars)
}

/// `"a\"b"` → `a"b`, `'x y'` → `x y`, `v # note` → `v`; `None` for an unclosed quote.
fn unquote(value: &str) -> Option<String> {
    if let Some(rest) = value.strip_prefix('"') {
        let mut out = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => return Some(out),
                '\\' => match chars.next()? {
                    'n' => out.push('\n'),
                    other => out.push(other),
                },
                other => out.push(other),
            }
        }
        return None;
    }
    if let Some(rest) = value.strip_prefix('\'') {
        return rest.find('\'').map(|end| rest[..end].to_owned());
    }
    let unquoted = match value.find(" #") {
        Some(comment) => &value[..comment],
        None => value,
    };
    Some(unquoted.trim_end().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_plain_values() {
        let text = "# a comment\n\nZEXA_API_KEY=zexa://Production\nexport STAGING_KEY = \"zexa://Staging\"\nPORT=3000 # web\nGREETING='olá mundo'\nESCAPED=\"a\\\"b\"\n";
        let vars = parse(text, Path::new(".env")).unwrap();
        assert_eq!(
            vars,
            [
                ("ZEXA_API_KEY".into(), Value::Reference("Production".into())),
                ("STAGING_KEY".into(), Value::Reference("Staging".into())),
                ("PORT".into(), Value::Plain("3000".into())),
                ("GREETING".into(), Value::Plain("olá mundo".into())),
                ("ESCAPED".into(), Value::Plain("a\"b".into())),
            ]
        );
    }

    #[test]
    fn a_bad_line_is_refused_by_its_number_without_its_value() {
        for text in ["OK=1\nnot a line zx_live_SECRET\n", "OK=1\n1BAD=x\n", "OK=1\nQ=\"open\n", "OK=1\nE=zexa://\n"] {
            let failure = parse(text, Path::new(".env")).unwrap_err();
            assert_eq!(failure.exit, crate::exit::USAGE);
            assert!(
                failure.error.message.contains(".env") && failure.error.message.contains('2'),
                "{}",
                failure.error.message
            );
            assert!(!failure.error.message.contains("SECRET"));
        }
    }
}
