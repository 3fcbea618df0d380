//! `zexa`, the command-line side of Zexa Desktop: gives programs the Zexa API key from the system
//! keychain when they start (`zexa run`, `zexa inject`), so no `.env` holds it in plain text.
//!
//! It shares everything that matters with the window, through the same code: the profiles and
//! the settings file, the keychain entries with their origin binding (`zexa-profiles`), the API
//! client (`zexa-api`), the sandbox server (`zexa-sandbox`) and the languages (`zexa-i18n`). It
//! links no Tauri, GTK or WebKit (`tests/linkage.rs`). docs/cli.md is the user's guide.

pub mod child;
pub mod cli;
pub mod commands;
pub mod context;
pub mod envfile;
pub mod exit;
pub mod mask;
pub mod output;
pub mod template;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::exit::Failure;

pub fn main() -> ExitCode {
    context::set_locale_from_settings();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { exit::USAGE } else { exit::OK });
        }
    };
    let json = wants_json(&cli.command);
    match dispatch(cli.command) {
        Ok(code) => ExitCode::from(u8::try_from(code).unwrap_or(exit::ERROR)),
        Err(Failure { error, exit }) => {
            if json {
                output::json(&output::JsonFailure { error: (&error).into() });
            }
            output::error(&error);
            ExitCode::from(exit)
        }
    }
}

fn wants_json(command: &Command) -> bool {
    match command {
        Command::Credits(args) => args.json.json,
        Command::Profiles(args) => args.json.json,
        Command::Status(args) => args.json,
        Command::Scan(args) => args.json,
        _ => false,
    }
}

fn dispatch(command: Command) -> exit::Outcome<i32> {
    match command {
        Command::Run(args) => commands::run::run(args),
        Command::Inject(args) => commands::inject::run(args),
        Command::Sandbox(args) => commands::sandbox::run(args),
        Command::Credits(args) => commands::credits::run(args),
        Command::Profiles(args) => commands::profiles::run(args),
        Command::Status(args) => commands::status::run(args),
        Command::Scan(args) => commands::scan::run(args),
        Command::Hook(args) => commands::hook::run(args),
        Command::Completions(args) => commands::completions::completions(args),
        Command::Man => commands::completions::man(),
    }
}
