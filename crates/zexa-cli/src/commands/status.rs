//! `zexa status [--json]`, like `gh auth status`: for each profile, whether its key works, the
//! keychain backend in use and the server the key is bound to. Exits 0 when every key works,
//! else with the first failure's code.

use serde::Serialize;
use zexa_core::error::IpcError;
use zexa_core::i18n::{self, format::format_balance, t};

use crate::cli::JsonArg;
use crate::context::{key_of, open_store, runtime};
use crate::exit::{Outcome, OK};
use crate::output::{colour_on, paint, JsonError, Tone};

/// `--json`: `{"keychain_backend", "profiles": [StatusJson]}`.
#[derive(Serialize)]
struct StatusReport<'a> {
    keychain_backend: &'static str,
    profiles: Vec<StatusJson<'a>>,
}

#[derive(Serialize)]
struct StatusJson<'a> {
    id: String,
    name: String,
    active: bool,
    server: String,
    /// The origin the stored key is bound to (`https://api.zexa.ao`), `null` if none is stored.
    bound_to: Option<String>,
    /// `ok`, or `error` with `error` saying why (its `code` is the app's error code).
    key: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    credits: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    currency: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<JsonError<'a>>,
}

/// The balance (credits, currency), or why not with its exit code.
type Checked = Result<(String, String), (IpcError, u8)>;

pub fn run(args: JsonArg) -> Outcome<i32> {
    let store = open_store();
    if let Some(problem) = store.problem() {
        crate::output::warn(&problem.message);
    }
    let backend = store.keychain().backend_name();
    let active = store.read(|s| s.active_profile_id.clone());
    let rt = runtime();
    let mut results: Vec<(zexa_core::settings::Profile, Option<String>, Checked)> = Vec::new();
    for profile in store.profiles().into_iter().filter(|p| !p.sandbox) {
        let bound = rt.block_on(store.keychain().origin(&profile.id)).ok().flatten();
        let checked = rt.block_on(async {
            let key = key_of(&store, &profile).await.map_err(|f| (f.error, f.exit))?;
            let client = store.new_client(&profile.base_url, key).map_err(|e| {
                let f = crate::exit::Failure::from(IpcError::from(e));
                (f.error, f.exit)
            })?;
            client.credits().await.map(|c| (c.credits.to_string(), c.currency)).map_err(|e| {
                let f = crate::exit::Failure::from(IpcError::from(e));
                (f.error, f.exit)
            })
        });
        results.push((profile, bound, checked));
    }
    let exit = results.iter().find_map(|(_, _, r)| r.as_ref().err().map(|(_, code)| *code)).unwrap_or(OK);
    if args.json {
        let profiles = results
            .iter()
            .map(|(p, bound, r)| StatusJson {
                id: p.id.clone(),
                name: p.name.clone(),
                active: active.as_deref() == Some(p.id.as_str()),
                server: p.base_url.clone(),
                bound_to: bound.clone(),
                key: if r.is_ok() { "ok" } else { "error" },
                credits: r.as_ref().ok().map(|(c, _)| c.clone()),
                currency: r.as_ref().ok().map(|(_, c)| c.clone()),
                error: r.as_ref().err().map(|(e, _)| JsonError::from(e)),
            })
            .collect();
        crate::output::json(&StatusReport { keychain_backend: backend, profiles });
        return Ok(exit as i32);
    }
    let colour = colour_on(&std::io::stdout());
    if results.is_empty() {
        println!("{}", t!("cli-profiles-none"));
    }
    for (profile, bound, result) in &results {
        let mut title = paint(&profile.name, Tone::Bold, colour);
        if active.as_deref() == Some(profile.id.as_str()) {
            title.push_str(&format!(" ({})", t!("cli-status-active")));
        }
        println!("{title}");
        match result {
            Ok((credits, currency)) => {
                let balance = format_balance(credits, currency, i18n::locale());
                println!("  {} {}", paint("✓", Tone::Good, colour), t!("cli-status-key-works", balance = balance));
            }
            Err((error, _)) => println!("  {} {}", paint("✗", Tone::Bad, colour), error.message),
        }
        println!("  - {}", t!("cli-status-keychain", backend = backend));
        println!("  - {}", t!("cli-status-server", server = profile.base_url.as_str()));
        let bound = bound.clone().unwrap_or_else(|| "—".to_owned());
        println!("  - {}", t!("cli-status-bound", origin = bound));
    }
    Ok(exit as i32)
}
