//! `zexa hook install | uninstall`: a pre-commit hook in the current repository that runs
//! `zexa scan --staged` and blocks a commit holding a key (docs/scanner.md). It goes where git
//! looks (`git rev-parse --git-path hooks`, which honours `core.hooksPath`), chains a hook that was
//! there (moved aside to `pre-commit.before-zexa` and run after the scan) and `uninstall` removes
//! only what `install` added. The bypass, for one commit: `git commit --no-verify`.

use std::path::{Path, PathBuf};
use std::process::Command;

use zexa_core::error::ErrorCode;
use zexa_core::i18n::t;
use zexa_core::ipc_error;

use crate::cli::{HookAction, HookArgs};
use crate::exit::{Failure, Outcome, OK};

/// The line that marks the hook as ours: `uninstall` removes nothing without it.
pub const MARK: &str = "# zexa-hook: added by `zexa hook install`; `zexa hook uninstall` removes it.";
/// Where a hook that was there before goes; ours runs it after the scan.
pub const CHAINED: &str = "pre-commit.before-zexa";

pub fn run(args: HookArgs) -> Outcome<i32> {
    let hooks = hooks_folder()?;
    match args.action {
        HookAction::Install => install(&hooks),
        HookAction::Uninstall => uninstall(&hooks),
    }
}

fn io_failure(path: &Path, error: std::io::Error) -> Failure {
    Failure::from(ipc_error!(
        ErrorCode::Io,
        "cli-file-unreadable",
        file = path.display().to_string(),
        detail = error.to_string()
    ))
}

fn hooks_folder() -> Outcome<PathBuf> {
    let output = Command::new("git").args(["rev-parse", "--git-path", "hooks"]).output();
    match output {
        Ok(output) if output.status.success() => {
            let path = PathBuf::from(String::from_utf8_lossy(&output.stdout).trim());
            let here = std::env::current_dir().unwrap_or_default();
            Ok(if path.is_absolute() { path } else { here.join(path) })
        }
        _ => Err(Failure::usage(ipc_error!(ErrorCode::InvalidInput, "cli-hook-not-a-repository"))),
    }
}

fn install(hooks: &Path) -> Outcome<i32> {
    std::fs::create_dir_all(hooks).map_err(|e| io_failure(hooks, e))?;
    let hook = hooks.join("pre-commit");
    let mut chained = false;
    if let Ok(existing) = std::fs::read_to_string(&hook) {
        if existing.contains(MARK) {
            println!("{}", t!("cli-hook-already", path = hook.display().to_string()));
            return Ok(OK as i32);
        }
        let aside = hooks.join(CHAINED);
        if aside.exists() {
            return Err(Failure::from(ipc_error!(
                ErrorCode::Conflict,
                "cli-hook-chained-exists",
                path = aside.display().to_string()
            )));
        }
        std::fs::rename(&hook, &aside).map_err(|e| io_failure(&hook, e))?;
        chained = true;
    } else if hook.exists() {
        // Not text (a binary hook): chained the same way.
        std::fs::rename(&hook, hooks.join(CHAINED)).map_err(|e| io_failure(&hook, e))?;
        chained = true;
    }
    let zexa = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("zexa"));
    std::fs::write(&hook, script(&zexa)).map_err(|e| io_failure(&hook, e))?;
    make_executable(&hook).map_err(|e| io_failure(&hook, e))?;
    println!("{}", t!("cli-hook-installed", path = hook.display().to_string()));
    if chained {
        println!("{}", t!("cli-hook-chained", path = hooks.join(CHAINED).display().to_string()));
    }
    println!("{}", t!("cli-hook-bypass"));
    Ok(OK as i32)
}

fn uninstall(hooks: &Path) -> Outcome<i32> {
    let hook = hooks.join("pre-commit");
    let ours = std::fs::read_to_string(&hook).is_ok_and(|text| text.contains(MARK));
    if !ours {
        println!("{}", t!("cli-hook-not-installed"));
        return Ok(OK as i32);
    }
    std::fs::remove_file(&hook).map_err(|e| io_failure(&hook, e))?;
    let aside = hooks.join(CHAINED);
    if aside.exists() {
        std::fs::rename(&aside, &hook).map_err(|e| io_failure(&aside, e))?;
        println!("{}", t!("cli-hook-restored", path = hook.display().to_string()));
    }
    println!("{}", t!("cli-hook-uninstalled"));
    Ok(OK as i32)
}

/// The hook: this zexa (or one on PATH), then the chained hook. When no zexa is found the commit
/// goes through with a warning: an uninstalled app must not block every commit.
fn script(zexa: &Path) -> String {
    let zexa = zexa.display().to_string().replace('\'', r"'\''");
    let missing = t!("cli-hook-zexa-missing").replace('\'', r"'\''");
    format!(
        "#!/bin/sh\n{MARK}\n# {bypass}\nzexa='{zexa}'\n[ -x \"$zexa\" ] || zexa=zexa\n\
         if command -v \"$zexa\" >/dev/null 2>&1; then\n  \"$zexa\" scan --staged || exit $?\nelse\n  echo '{missing}' >&2\nfi\n\
         previous=\"$(dirname \"$0\")/{CHAINED}\"\nif [ -x \"$previous\" ]; then exec \"$previous\" \"$@\"; fi\n",
        bypass = t!("cli-hook-bypass"),
    )
}

#[cfg(unix)]
fn make_executable(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn make_executable(_: &Path) -> std::io::Result<()> {
    Ok(()) // Git for Windows runs hooks through its own sh, whatever the file's mode.
}
