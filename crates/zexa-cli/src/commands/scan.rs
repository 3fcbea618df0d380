//! `zexa scan [PATH...] [--history] [--staged] [--json] [--all-files]`: finds copies of the
//! profiles' keys in files, zip archives, git history and the staged change (crates/zexa-scan,
//! docs/scanner.md). Exits 0 with no findings, 1 with findings, and the documented codes for
//! errors. The pre-commit hook (`zexa hook install`) runs `zexa scan --staged`.

use std::path::PathBuf;

use zexa_core::error::ErrorCode;
use zexa_core::i18n::t;
use zexa_core::ipc_error;
use zexa_scan::{Control, Finding, KnownKey, Options, Place, Report, Scanner, What};

use crate::cli::ScanArgs;
use crate::context::{open_store, runtime};
use crate::exit::{Failure, Outcome, ERROR, OK};
use crate::output::{colour_on, paint, Tone};

/// GitHub's guide to rewriting history, linked from every finding in a commit.
pub const REWRITE_HISTORY: &str =
    "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository";

pub fn run(args: ScanArgs) -> Outcome<i32> {
    let scanner = Scanner::new(known_keys(), Vec::new(), Options { all_files: args.all_files, ..Options::default() });
    let paths = if args.paths.is_empty() { vec![PathBuf::from(".")] } else { args.paths.clone() };
    let report = if args.staged {
        scanner.scan_staged(&paths[0], &Control::default()).map_err(git_failure)?
    } else {
        let mut report = scanner.scan_paths(&paths, &Control::default());
        if args.history {
            for path in &paths {
                report.merge(scanner.scan_history(path, &Control::default()).map_err(git_failure)?);
            }
        }
        report
    };
    if args.json {
        crate::output::json(&report);
    } else {
        print_report(&report, args.staged);
    }
    Ok(if report.findings.is_empty() { OK } else { ERROR } as i32)
}

/// Every profile's key from the keychain, labelled for the report. A key that cannot be read is
/// a warning, not an error: the other rules (the account's prefixes, `ZEXA_API_KEY=…`) still run,
/// and a locked keychain must not let a commit through unchecked.
fn known_keys() -> Vec<KnownKey> {
    let store = open_store();
    let rt = runtime();
    let mut keys = Vec::new();
    for profile in store.profiles().into_iter().filter(|p| !p.sandbox) {
        match rt.block_on(store.keychain().read(&profile.id)) {
            Ok(Some(secret)) => {
                keys.push(KnownKey { secret, label: t!("cli-scan-your-key", name = profile.name.as_str()) })
            }
            Ok(None) => {}
            Err(error) => {
                let error = zexa_core::error::IpcError::from(error);
                crate::output::warn(&t!("cli-scan-key-unread", name = profile.name.as_str(), detail = error.message));
                break; // a locked keychain prompts once, not per profile
            }
        }
    }
    keys
}

fn git_failure(error: zexa_scan::ScanError) -> Failure {
    Failure::usage(ipc_error!(ErrorCode::InvalidInput, "cli-scan-git", detail = error.to_string()))
}

fn print_report(report: &Report, staged: bool) {
    let colour = colour_on(&std::io::stdout());
    for finding in &report.findings {
        print_finding(finding, colour);
    }
    for skipped in &report.skipped {
        let reason = match &skipped.reason {
            zexa_scan::SkipReason::DefaultFolder => t!("cli-scan-skip-folder"),
            zexa_scan::SkipReason::TooLarge { size, .. } => t!("cli-scan-skip-large", size = size.to_string()),
            zexa_scan::SkipReason::Unsupported { detail } => detail.clone(),
        };
        eprintln!(
            "{}",
            paint(&t!("cli-scan-skipped", path = skipped.path.as_str(), reason = reason), Tone::Dim, colour)
        );
    }
    for unreadable in &report.unreadable {
        crate::output::warn(&t!(
            "cli-scan-unreadable",
            path = unreadable.path.as_str(),
            detail = unreadable.error.as_str()
        ));
    }
    let count = report.findings.len() as i64;
    let summary = t!("cli-scan-summary", count = count, files = report.files as i64);
    if count == 0 {
        println!("{} {summary}", paint("✓", Tone::Good, colour));
    } else {
        println!("{} {summary}", paint("✗", Tone::Bad, colour));
        if report.findings.iter().any(Finding::in_history) {
            println!("{}", t!("cli-scan-history-note", link = REWRITE_HISTORY));
        }
        println!("{}", if staged { t!("cli-scan-commit-blocked") } else { t!("cli-scan-next-steps") });
    }
}

fn print_finding(finding: &Finding, colour: bool) {
    let what = match &finding.what {
        What::Known { label } | What::Account { label } => label.clone(),
        What::Unknown => t!("cli-scan-unknown-key"),
    };
    println!(
        "{} {}  {}",
        paint(&finding.masked, Tone::Bold, colour),
        what,
        paint(&finding.fingerprint, Tone::Dim, colour)
    );
    for place in &finding.places {
        println!("  {}", describe(place));
    }
    if finding.more_places > 0 {
        println!("  {}", t!("cli-scan-more-places", count = finding.more_places as i64));
    }
}

/// `file:line:column`, `archive.zip!member:line:column`, then the commit when in history.
fn describe(place: &Place) -> String {
    let file = match &place.member {
        Some(member) => format!("{}!{member}", place.file),
        None => place.file.clone(),
    };
    let mut text = format!("{file}:{}:{}", place.line, place.column);
    if let Some(commit) = &place.commit {
        let short = &commit.id[..commit.id.len().min(10)];
        text.push_str(&format!(
            " — {}",
            t!("cli-scan-in-commit", commit = short, date = commit.date.as_str(), author = commit.author.as_str())
        ));
    }
    if let Some(removed) = &place.removed_by {
        text.push_str(&format!("; {}", t!("cli-scan-removed-later", commit = &removed.id[..removed.id.len().min(10)])));
    }
    text
}
