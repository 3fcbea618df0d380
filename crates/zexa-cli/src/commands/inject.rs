//! `zexa inject [-i TEMPLATE] [-o FILE]`: a config file with `{{ zexa://<profile> }}` references,
//! filled in with the keys. The output holds a secret, so it is said so; with `-o` the file is
//! created owner-only (0600; owner-only ACL on Windows), and a file tracked by git is never
//! written over: it would be one commit away from the repository.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use zeroize::Zeroizing;
use zexa_core::error::ErrorCode;
use zexa_core::i18n::t;
use zexa_core::ipc_error;
use zexa_core::secret::SecretString;

use crate::cli::InjectArgs;
use crate::context::{key_of, open_store, runtime, unknown_profile};
use crate::exit::{Failure, Outcome, ERROR, OK};
use crate::output::warn;
use crate::template;

pub fn run(args: InjectArgs) -> Outcome<i32> {
    let template = read_template(args.input.as_deref())?;
    if let Some(output) = &args.output {
        refuse_if_tracked(output)?;
    }
    let refs = template::references(&template);
    let store = open_store();
    let mut keys: BTreeMap<String, SecretString> = BTreeMap::new();
    let mut used = Vec::new();
    runtime().block_on(async {
        for (_, name) in &refs {
            if keys.contains_key(name) {
                continue;
            }
            let profile = store.profile_named(name).ok_or_else(|| unknown_profile(&store, name))?;
            keys.insert(name.clone(), key_of(&store, &profile).await?);
            used.push(profile);
        }
        Ok::<_, Failure>(())
    })?;
    let rendered = Zeroizing::new(template::render(&template, &refs, |name| keys[name].expose().clone()));
    match &args.output {
        Some(path) => {
            zexa_core::private_file::write_private_file(path, &rendered)?;
            if !refs.is_empty() {
                warn(&t!("cli-inject-file-holds-secret", file = path.display().to_string()));
                warn_if_not_ignored(path);
            }
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(rendered.as_bytes()).and_then(|()| out.flush()).map_err(|e| {
                Failure::new(ipc_error!(ErrorCode::Io, "error-file-not-saved", detail = e.to_string()), ERROR)
            })?;
            if !refs.is_empty() {
                warn(&t!("cli-inject-output-holds-secret"));
            }
        }
    }
    if refs.is_empty() {
        warn(&t!("cli-inject-no-reference"));
    }
    for profile in &used {
        super::record_use(profile, "inject", "zexa inject", Some(OK as i32));
    }
    Ok(OK as i32)
}

fn read_template(input: Option<&Path>) -> Outcome<String> {
    let unreadable = |file: String, e: std::io::Error| {
        Failure::usage(ipc_error!(ErrorCode::InvalidInput, "cli-file-unreadable", file = file, detail = e.to_string()))
    };
    match input {
        Some(path) => std::fs::read_to_string(path).map_err(|e| unreadable(path.display().to_string(), e)),
        None => {
            if std::io::stdin().is_terminal() {
                warn(&t!("cli-inject-reading-stdin"));
            }
            let mut text = String::new();
            std::io::stdin().read_to_string(&mut text).map_err(|e| unreadable("-".into(), e))?;
            Ok(text)
        }
    }
}

/// `git ls-files --error-unmatch` answers 0 only for a tracked file. No git, or no repository:
/// nothing is tracked.
fn refuse_if_tracked(path: &Path) -> Outcome {
    let Some((folder, name)) = split(path) else { return Ok(()) };
    let tracked = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["ls-files", "--error-unmatch", "--"])
        .arg(name)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if tracked {
        return Err(Failure::new(
            ipc_error!(ErrorCode::InvalidInput, "cli-inject-tracked", file = path.display().to_string()),
            ERROR,
        ));
    }
    Ok(())
}

/// In a repository, a file git does not ignore is one `git add .` away from a commit.
fn warn_if_not_ignored(path: &Path) {
    let Some((folder, name)) = split(path) else { return };
    let status = Command::new("git")
        .arg("-C")
        .arg(folder)
        .args(["check-ignore", "-q", "--"])
        .arg(name)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    // 0: ignored, 1: not ignored, 128: not a repository (or no git).
    if status.is_ok_and(|s| s.code() == Some(1)) {
        warn(&t!("cli-inject-not-ignored", file = path.display().to_string()));
    }
}

fn split(path: &Path) -> Option<(&Path, &std::ffi::OsStr)> {
    let name = path.file_name()?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    Some((folder, name))
}
