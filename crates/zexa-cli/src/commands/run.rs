//! `zexa run [--profile NAME] [--env-file FILE]... [--var NAME] -- COMMAND [ARGS...]`
//!
//! The child gets what was asked for and nothing more: the key variable (`ZEXA_API_KEY` unless
//! `--var`), `ZEXA_API_URL`, and the env files' variables with their `zexa://` references
//! resolved. Every key comes from the keychain before the child starts; if one cannot be had, the
//! command is not started at all.

use std::collections::BTreeMap;

use zexa_core::error::ErrorCode;
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;
use zexa_core::settings::Profile;
use zexa_profiles::ProfileStore;

use crate::child::{self, Launch};
use crate::cli::RunArgs;
use crate::context::{chosen_profile, key_of, runtime, unknown_profile};
use crate::envfile::{self, Value};
use crate::exit::{Failure, Outcome};

pub const URL_VAR: &str = "ZEXA_API_URL";

pub fn run(args: RunArgs) -> Outcome<i32> {
    if !is_variable_name(&args.var) {
        return Err(Failure::usage(ipc_error!(ErrorCode::InvalidInput, "cli-bad-var-name", name = args.var.as_str())));
    }
    let mut file_vars = Vec::new();
    for path in &args.env_files {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::usage(ipc_error!(
                ErrorCode::InvalidInput,
                "cli-file-unreadable",
                file = path.display().to_string(),
                detail = e.to_string()
            ))
        })?;
        file_vars.extend(envfile::parse(&text, path)?);
    }
    let store = crate::context::open_store();
    let prepared = runtime().block_on(prepare(&store, &args, file_vars))?;
    let program = program_name(&args.command[0]);
    let code = child::run(Launch {
        command: args.command,
        env: prepared.env,
        mask: if args.no_masking {
            Vec::new()
        } else {
            prepared.keys.iter().map(|k| k.expose().as_bytes().to_vec()).collect()
        },
    })?;
    for profile in &prepared.used {
        super::record_use(profile, "run", &program, Some(code));
    }
    Ok(code)
}

struct Prepared {
    env: Vec<(String, String)>,
    keys: Vec<SecretString>,
    used: Vec<Profile>,
}

/// Reads every key the child is to get, or fails before anything starts.
async fn prepare(store: &ProfileStore, args: &RunArgs, file_vars: Vec<(String, Value)>) -> Outcome<Prepared> {
    // `--profile` decides the key variable; without it an env file's `VAR=zexa://X` does, and
    // without that the app's active profile.
    let file_sets_var = file_vars.iter().rev().find(|(name, _)| *name == args.var).map(|(_, v)| v.clone());
    let main = match (&args.profile.profile, &file_sets_var) {
        (Some(name), _) => Some(chosen_profile(store, Some(name))?),
        (None, Some(Value::Reference(name))) => Some(chosen_profile(store, Some(name))?),
        (None, Some(Value::Plain(_))) => None,
        (None, None) => Some(chosen_profile(store, None)?),
    };
    let mut keys: BTreeMap<String, SecretString> = BTreeMap::new();
    let mut used = Vec::new();
    let mut env = Vec::new();
    for (name, value) in file_vars {
        if main.is_some() && name == args.var {
            continue;
        }
        let value = match value {
            Value::Plain(text) => text,
            Value::Reference(profile_name) => {
                let profile =
                    store.profile_named(&profile_name).ok_or_else(|| unknown_profile(store, &profile_name))?;
                let key = key_once(store, &profile, &mut keys).await?;
                if !used.iter().any(|p: &Profile| p.id == profile.id) {
                    used.push(profile);
                }
                key.expose().clone()
            }
        };
        env.push((name, value));
    }
    if let Some(profile) = main {
        let key = key_once(store, &profile, &mut keys).await?;
        env.push((args.var.clone(), key.expose().clone()));
        if !env.iter().any(|(name, _)| name == URL_VAR) {
            env.push((URL_VAR.to_owned(), profile.base_url.clone()));
        }
        if !used.iter().any(|p: &Profile| p.id == profile.id) {
            used.insert(0, profile);
        }
    }
    Ok(Prepared { env, keys: keys.into_values().collect(), used })
}

/// Each profile's key is read once, however many variables name it.
async fn key_once(
    store: &ProfileStore,
    profile: &Profile,
    keys: &mut BTreeMap<String, SecretString>,
) -> Outcome<SecretString> {
    if let Some(key) = keys.get(&profile.id) {
        return Ok(key.clone());
    }
    let key = key_of(store, profile).await?;
    keys.insert(profile.id.clone(), key.clone());
    Ok(key)
}

fn is_variable_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// argv[0]'s file name: `/usr/bin/node` → `node`. Never the arguments.
pub fn program_name(argv0: &std::ffi::OsStr) -> String {
    std::path::Path::new(argv0).file_name().unwrap_or(argv0).to_string_lossy().into_owned()
}
