//! `zexa profiles [--json]` lists the app's profiles; `zexa profiles add NAME [--base-url URL]`
//! adds one as the window does: the key read from a no-echo prompt or from stdin (never an
//! argument: it would stay in the shell's history and in `ps`), checked with `GET /credits`, and
//! only then stored in the keychain.

use std::io::{IsTerminal, Read};

use serde::Serialize;
use zexa_core::error::ErrorCode;
use zexa_core::i18n::{self, format::format_balance, t};
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;
use zexa_profiles::adding::NewStoredProfile;

use crate::cli::{AddArgs, ProfilesAction, ProfilesArgs};
use crate::context::{open_store, runtime};
use crate::exit::{Failure, Outcome, KEYCHAIN, OK};
use crate::output::{colour_on, paint, Tone};

/// `--json`: `{"profiles": [ProfileJson]}`.
#[derive(Serialize)]
struct ProfilesJson {
    profiles: Vec<ProfileJson>,
}

#[derive(Serialize)]
struct ProfileJson {
    id: String,
    name: String,
    server: String,
    /// `zx_live_…abcd`; `null` when it could not be read (see stderr) or the profile keeps none.
    key: Option<String>,
    /// Unix seconds; `null` when unknown (stored before zexa noted dates) or not stored.
    key_stored_at: Option<i64>,
    active: bool,
    sandbox: bool,
}

pub fn run(args: ProfilesArgs) -> Outcome<i32> {
    match args.action {
        Some(ProfilesAction::Add(add)) => self::add(add),
        None => list(args.json.json),
    }
}

fn list(json: bool) -> Outcome<i32> {
    let store = open_store();
    if let Some(problem) = store.problem() {
        crate::output::warn(&problem.message);
    }
    let active = store.read(|s| s.active_profile_id.clone());
    let mut failure = None;
    let mut rows = Vec::new();
    let rt = runtime();
    for profile in store.profiles() {
        let key = if profile.sandbox || failure.is_some() {
            None
        } else {
            match rt.block_on(store.keychain().read(&profile.id)) {
                Ok(key) => key.map(|k| k.masked()),
                // Stops at the first failure: a locked keychain prompts once, not per profile.
                Err(error) => {
                    failure = Some(Failure::from(zexa_core::error::IpcError::from(error)));
                    None
                }
            }
        };
        rows.push(ProfileJson {
            key_stored_at: store.key_stored_at(&profile.id),
            active: active.as_deref() == Some(profile.id.as_str()),
            id: profile.id,
            name: profile.name,
            server: profile.base_url,
            key,
            sandbox: profile.sandbox,
        });
    }
    if json {
        crate::output::json(&ProfilesJson { profiles: rows });
    } else if rows.is_empty() {
        eprintln!("{}", t!("cli-profiles-none"));
    } else {
        print_table(&rows);
    }
    match failure {
        Some(failure) => {
            crate::output::error(&failure.error);
            Ok(KEYCHAIN as i32)
        }
        None => Ok(OK as i32),
    }
}

fn print_table(rows: &[ProfileJson]) {
    let colour = colour_on(&std::io::stdout());
    let locale = i18n::locale();
    let header = [t!("cli-col-name"), t!("cli-col-server"), t!("cli-col-key"), t!("cli-col-stored")];
    let cells: Vec<[String; 4]> = rows
        .iter()
        .map(|row| {
            let mut name = row.name.clone();
            if row.active {
                name = format!("{name} *");
            }
            let key = match (&row.key, row.sandbox) {
                (_, true) => t!("cli-key-sandbox"),
                (Some(key), _) => key.clone(),
                (None, _) => "—".to_owned(),
            };
            let stored =
                row.key_stored_at.map(|at| i18n::format::format_date(at, locale)).unwrap_or_else(|| "—".into());
            [name, row.server.clone(), key, stored]
        })
        .collect();
    let widths: Vec<usize> = (0..4)
        .map(|i| cells.iter().map(|c| c[i].chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0))
        .collect();
    let line = |cols: &[String; 4]| {
        cols.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect::<Vec<_>>().join("  ").trim_end().to_owned()
    };
    println!("{}", paint(&line(&header), Tone::Bold, colour));
    for row in &cells {
        println!("{}", line(row));
    }
    println!("{}", paint(&t!("cli-profiles-active-mark"), Tone::Dim, colour));
}

fn add(args: AddArgs) -> Outcome<i32> {
    let key = read_key(&args.name)?;
    let store = open_store();
    let (profile, client) = runtime().block_on(store.add_checked_profile(
        NewStoredProfile { name: args.name, base_url: args.base_url.unwrap_or_default(), api_key: key },
        args.activate,
    ))?;
    let balance = runtime()
        .block_on(client.credits())
        .map(|c| format_balance(&c.credits.to_string(), &c.currency, i18n::locale()))
        .unwrap_or_default();
    let active = store.active_profile().is_ok_and(|p| p.id == profile.id);
    println!(
        "{}",
        t!("cli-profile-added", name = profile.name.as_str(), server = profile.base_url.as_str(), balance = balance)
    );
    if active {
        println!("{}", t!("cli-profile-added-active"));
    }
    Ok(OK as i32)
}

/// From a no-echo prompt on the terminal, or all of stdin (`pass show x | zexa profiles add …`).
fn read_key(name: &str) -> Outcome<SecretString> {
    let failed = |e: std::io::Error| {
        Failure::usage(ipc_error!(ErrorCode::InvalidInput, "cli-key-not-read", detail = e.to_string()))
    };
    let raw = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(t!("cli-key-prompt", name = name)).map_err(failed)?
    } else {
        let mut text = String::new();
        std::io::stdin().read_to_string(&mut text).map_err(failed)?;
        text
    };
    Ok(SecretString::new(raw))
}
