//! History and staged scans in real git repositories, made with the git command line.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;
use zexa_scan::{Control, Options};

/// git, isolated from the developer's own configuration, with fixed authors and dates.
fn git(repo: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_AUTHOR_NAME", "Ana")
        .env("GIT_AUTHOR_EMAIL", "ana@example.com")
        .env("GIT_COMMITTER_NAME", "Ana")
        .env("GIT_COMMITTER_EMAIL", "ana@example.com")
        .env("GIT_AUTHOR_DATE", "2026-01-02T03:04:05+01:00")
        .env("GIT_COMMITTER_DATE", "2026-01-02T03:04:05+01:00")
        .output()
        .expect("git runs");
    assert!(output.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap().trim().to_owned()
}

fn commit_all(repo: &Path, message: &str) -> String {
    git(repo, &["add", "-A"]);
    git(repo, &["commit", "-q", "-m", message]);
    git(repo, &["rev-parse", "HEAD"])
}

#[test]
fn history_finds_a_deleted_key_and_one_on_another_branch_each_blob_once() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    write(&repo.join("src/main.rs"), "fn main() {}\n");
    write(&repo.join(".env"), format!("ZEXA_API_KEY={PRODUCTION}\n"));
    let added = commit_all(repo, "first");
    write(&repo.join("src/main.rs"), "fn main() { println!(\"hi\"); }\n");
    commit_all(repo, "second (the .env blob is unchanged: read once)");
    std::fs::remove_file(repo.join(".env")).unwrap();
    let removed = commit_all(repo, "remove the key");
    git(repo, &["checkout", "-q", "-b", "feature"]);
    write(&repo.join("config/app.json"), format!("{{\"zexa_api_key\": \"{STAGING}\"}}\n"));
    let on_branch = commit_all(repo, "on a branch");
    git(repo, &["checkout", "-q", "main"]);
    write(&repo.join("deploy.zip"), zip(&[("secrets/key.txt", format!("{ODD}\n").as_bytes(), true)]));
    let zipped = commit_all(repo, "a zip");

    let report = scanner(Options::default()).scan_history(repo, &Control::default()).unwrap();

    let production = finding(&report, &known("your key for profile Production"));
    assert_eq!(production.places.len(), 1, "{production:#?}");
    let place = &production.places[0];
    assert_eq!((place.file.as_str(), place.line, place.column), (".env", 1, 14));
    let commit = place.commit.as_ref().unwrap();
    assert_eq!(
        (commit.id.as_str(), commit.date.as_str(), commit.author.as_str()),
        (added.as_str(), "2026-01-02T03:04:05+01:00", "Ana <ana@example.com>")
    );
    assert_eq!(place.removed_by.as_ref().unwrap().id, removed, "deleted later, still in history");
    assert!(production.in_history());

    let staging = finding(&report, &zexa_scan::What::Account { label: "the account's key 'Staging'".into() });
    assert_eq!(staging.places[0].file, "config/app.json");
    assert_eq!(staging.places[0].commit.as_ref().unwrap().id, on_branch);

    let odd = finding(&report, &known("your key for profile Odd"));
    assert_eq!(odd.places[0].member.as_deref(), Some("secrets/key.txt"));
    assert_eq!(odd.places[0].commit.as_ref().unwrap().id, zipped);
    assert_eq!(report.findings.len(), 3);

    // The work tree holds the zip too: one finding for the key, with both places.
    let mut both = scanner(Options::default()).scan_paths(&[repo.join("deploy.zip")], &Control::default());
    both.merge(scanner(Options::default()).scan_history(repo, &Control::default()).unwrap());
    assert_eq!(both.findings.len(), 3);
    let odd_both = finding(&both, &known("your key for profile Odd"));
    assert_eq!(odd_both.places.len(), 2);
    assert!(odd_both.places.iter().any(|p| p.commit.is_none() && p.file.ends_with("deploy.zip")));
    // .env, two versions of main.rs, app.json, deploy.zip and its member: each blob read once.
    assert_eq!(report.files, 6);
    assert_no_whole_key(&report);
}

#[test]
fn staged_scan_sees_only_what_the_next_commit_holds() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    let scanner = scanner(Options::default());
    // An unborn branch: the first commit is checked too.
    write(&repo.join("README.md"), "hello\n");
    git(repo, &["add", "README.md"]);
    assert!(scanner.scan_staged(repo, &Control::default()).unwrap().findings.is_empty());
    commit_all(repo, "first");

    write(&repo.join("app/settings.py"), format!("import os\nAPI = \"{PRODUCTION}\"\n"));
    write(&repo.join("notes.txt"), format!("not staged: {ODD}\n"));
    git(repo, &["add", "app/settings.py"]);
    // The staged version counts, not the working copy.
    write(&repo.join("app/settings.py"), "import os\n");
    let report = scanner.scan_staged(repo, &Control::default()).unwrap();
    assert_eq!(report.findings.len(), 1, "{report:#?}");
    let place = &report.findings[0].places[0];
    assert_eq!(
        (place.file.as_str(), place.line, place.column, place.commit.is_none()),
        ("app/settings.py", 2, 8, true)
    );

    git(repo, &["add", "app/settings.py"]);
    assert!(scanner.scan_staged(repo, &Control::default()).unwrap().findings.is_empty(), "a clean change passes");
}

#[test]
fn a_folder_that_is_not_a_repository_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let error = scanner(Options::default()).scan_history(dir.path(), &Control::default()).unwrap_err();
    // git's own message, in the user's language.
    assert!(matches!(&error, zexa_scan::ScanError::Git(message) if !message.is_empty()), "{error}");
}

#[test]
fn a_cancelled_history_scan_stops_midway_and_stops_git() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    for i in 0..400 {
        write(&repo.join(format!("f{i}.txt")), format!("file {i}\n").repeat(200));
    }
    commit_all(repo, "many files");
    let cancel = zexa_scan::Cancel::default();
    let in_callback = cancel.clone();
    let control = Control::new(cancel).with_progress(move |_| in_callback.cancel());
    let report = scanner(Options::default()).scan_history(repo, &control).unwrap();
    assert!(report.cancelled);
    assert!(report.files >= 1 && report.files < 400, "stopped midway: {} blobs", report.files);
}
