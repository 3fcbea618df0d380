//! How zexa writes: sentences in the user's language, colour only on a terminal and never with
//! `NO_COLOR` set (<https://no-color.org>), errors on stderr, and with `--json` one JSON document
//! on stdout whose fields never change meaning (docs/cli.md, "JSON output").

use std::io::{IsTerminal, Write};

use serde::Serialize;
use zexa_core::error::IpcError;

/// Colour on this stream: a terminal, and `NO_COLOR` unset or empty.
pub fn colour_on(stream: &impl IsTerminal) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    !no_color && stream.is_terminal()
}

#[derive(Clone, Copy)]
pub enum Tone {
    Good,
    Bad,
    Warn,
    Dim,
    Bold,
}

/// `text` in `tone` when `colour`, as it is otherwise.
pub fn paint(text: &str, tone: Tone, colour: bool) -> String {
    if !colour {
        return text.to_owned();
    }
    let code = match tone {
        Tone::Good => "32",
        Tone::Bad => "31",
        Tone::Warn => "33",
        Tone::Dim => "2",
        Tone::Bold => "1",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}

/// `zexa: <message>` on stderr, with the server's request id when there is one.
pub fn error(error: &IpcError) {
    let colour = colour_on(&std::io::stderr());
    let mut line = format!("{} {}", paint("zexa:", Tone::Bad, colour), error.message);
    if let Some(id) = &error.request_id {
        line.push_str(&format!(" ({})", zexa_core::i18n::t!("cli-request-id", id = id.as_str())));
    }
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

/// A warning on stderr.
pub fn warn(message: &str) {
    let colour = colour_on(&std::io::stderr());
    let _ = writeln!(std::io::stderr().lock(), "{} {message}", paint("zexa:", Tone::Warn, colour));
}

/// The `--json` form of a failure: `{"error": {"code", "message", "request_id"?}}`.
#[derive(Serialize)]
pub struct JsonFailure<'a> {
    pub error: JsonError<'a>,
}

#[derive(Serialize)]
pub struct JsonError<'a> {
    pub code: zexa_core::error::ErrorCode,
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub request_id: Option<&'a str>,
}

impl<'a> From<&'a IpcError> for JsonError<'a> {
    fn from(error: &'a IpcError) -> Self {
        Self { code: error.code, message: &error.message, request_id: error.request_id.as_deref() }
    }
}

pub fn json(value: &impl Serialize) {
    let mut out = std::io::stdout().lock();
    let _ = serde_json::to_writer_pretty(&mut out, value);
    let _ = writeln!(out);
}
