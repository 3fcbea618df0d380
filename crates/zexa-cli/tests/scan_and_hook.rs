//! `zexa scan` and `zexa hook` in real git repositories: a profile's key (from the real Secret
//! Service of the test session, as `./dev test` runs it) is found and masked, the pre-commit hook
//! blocks a commit holding it and lets a clean one through, chains the hook that was there and
//! `uninstall` puts that one back.
#![cfg(target_os = "linux")]

mod common;

use std::path::Path;
use std::process::Command;

use common::{text, Home, Sandbox};

fn git(repo: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ana")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .output()
        .expect("git runs")
}

/// `git commit` with the hook's zexa seeing this home's profiles.
fn commit(home: &Home, repo: &Path, message: &str) -> std::process::Output {
    Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["commit", "-q", "-m", message])
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ana")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("LANG", "en_US.UTF-8")
        .output()
        .expect("git runs")
}

#[test]
fn scan_finds_the_profiles_key_masked_and_exits_1_then_0_when_clean() {
    let home = Home::new();
    let sandbox = Sandbox::start();
    home.add_profile("Production", &sandbox.url(), &sandbox.key());
    let key = sandbox.key();
    std::fs::write(home.work().join(".env"), format!("ZEXA_API_KEY={key}\n")).unwrap();

    let out = home.output(&["scan"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    assert!(stdout.contains("your key for profile Production"), "{stdout}");
    assert!(stdout.contains(".env:1:14"), "{stdout}");
    assert!(!stdout.contains(&key) && !text(&out.stderr).contains(&key), "the whole key is never printed");

    let json = home.output(&["scan", "--json"]);
    assert_eq!(json.status.code(), Some(1));
    assert!(!text(&json.stdout).contains(&key));
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(report["findings"][0]["what"]["kind"], "known");

    std::fs::remove_file(home.work().join(".env")).unwrap();
    let clean = home.output(&["scan"]);
    assert_eq!(clean.status.code(), Some(0), "{}", text(&clean.stdout));
}

#[test]
fn the_hook_blocks_a_commit_with_a_key_lets_a_clean_one_through_and_chains_the_old_hook() {
    let home = Home::new();
    let sandbox = Sandbox::start();
    home.add_profile("Production", &sandbox.url(), &sandbox.key());
    let repo = home.work();
    assert!(git(&repo, &["init", "-q", "-b", "main"]).status.success());
    // A hook that was there before, in the folder core.hooksPath names.
    assert!(git(&repo, &["config", "core.hooksPath", ".githooks"]).status.success());
    std::fs::create_dir_all(repo.join(".githooks")).unwrap();
    let old_hook = "#!/bin/sh\necho old hook ran >> \"$(git rev-parse --show-toplevel)/old-hook.log\"\n";
    std::fs::write(repo.join(".githooks/pre-commit"), old_hook).unwrap();
    std::fs::set_permissions(repo.join(".githooks/pre-commit"), std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .unwrap();

    let installed = home.output(&["hook", "install"]);
    assert!(installed.status.success(), "{}", text(&installed.stderr));
    assert!(std::fs::read_to_string(repo.join(".githooks/pre-commit")).unwrap().contains("zexa-hook"));
    assert_eq!(std::fs::read_to_string(repo.join(".githooks/pre-commit.before-zexa")).unwrap(), old_hook);
    assert!(home.output(&["hook", "install"]).status.success(), "a second install changes nothing");

    let key = sandbox.key();
    std::fs::write(repo.join("config.py"), format!("KEY = \"{key}\"\n")).unwrap();
    git(&repo, &["add", "config.py"]);
    let blocked = commit(&home, &repo, "with a key");
    let said = text(&blocked.stdout) + &text(&blocked.stderr);
    assert!(!blocked.status.success(), "the commit must be blocked: {said}");
    assert!(said.contains("config.py:1:8") && said.contains("zx_test_…"), "names the file and the masked key: {said}");
    assert!(!said.contains(&key));
    assert!(
        git(&repo, &["rev-parse", "HEAD"]).stdout.is_empty() || !git(&repo, &["rev-parse", "HEAD"]).status.success()
    );

    std::fs::write(repo.join("config.py"), "import os\nKEY = os.environ[\"ZEXA_API_KEY\"]\n").unwrap();
    git(&repo, &["add", "config.py"]);
    let clean = commit(&home, &repo, "clean");
    assert!(clean.status.success(), "a clean commit goes through: {}{}", text(&clean.stdout), text(&clean.stderr));
    assert!(std::fs::read_to_string(repo.join("old-hook.log")).unwrap().contains("old hook ran"), "chained");

    let removed = home.output(&["hook", "uninstall"]);
    assert!(removed.status.success());
    assert_eq!(std::fs::read_to_string(repo.join(".githooks/pre-commit")).unwrap(), old_hook, "put back as it was");
    assert!(!repo.join(".githooks/pre-commit.before-zexa").exists());
}
