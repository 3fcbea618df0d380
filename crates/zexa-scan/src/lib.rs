//! Finds exposed copies of Zexa keys on this computer (issue 21): in folders (zip archives
//! included), in a git repository's whole history, in the staged change (the pre-commit hook) and
//! in shell history files.
//!
//! It knows what general secret scanners cannot: the customer's own keys. Three kinds of finding,
//! from most to least certain:
//! 1. a copy of a key this computer holds ([`KnownKey`]), also URL-encoded or JSON-escaped;
//! 2. a key of the account: a listed key prefix ([`AccountKey`]) continued in the key alphabet;
//! 3. an unknown key: a Zexa-format key (`zx_live_…`), a value assigned to `ZEXA_API_KEY` and its
//!    JSON/YAML/TOML forms, or an `Authorization: Bearer …` next to `api.zexa.ao`.
//!
//! The [`Report`] holds one [`Finding`] per secret with every place it was seen, a fingerprint
//! and a masked form; it serializes to JSON and never contains a whole key. Scans take a
//! [`Control`] for progress and cancellation, so a window can run them as background jobs.
//! The rules are in docs/scanner.md.

mod control;
mod git;
mod matcher;
mod patterns;
mod report;
mod shell;
mod stream;
mod walk;
mod zip;

use std::path::Path;

pub use control::{Cancel, Control, Progress};
pub use report::{fingerprint_of, Commit, Finding, Place, Report, SkipReason, Skipped, Unreadable, What};
pub use shell::{shell_history_files, usual_places};
use zexa_core::secret::SecretString;

/// A key this computer holds, e.g. a profile's key from the keychain.
pub struct KnownKey {
    pub secret: SecretString,
    /// What the report calls it: "your key for profile Production".
    pub label: String,
}

/// A key the account lists (`GET /api-keys`): only its prefix is known.
pub struct AccountKey {
    pub prefix: String,
    /// What the report calls it: "the account's key 'Staging'".
    pub label: String,
}

/// Limits of a scan; the defaults are what `zexa scan` and the window use.
#[derive(Clone, Debug)]
pub struct Options {
    /// Files (and history blobs, and zip members) larger than this are skipped and listed.
    pub size_cap: u64,
    /// Also look inside `node_modules`, `target` and `.git/objects`.
    pub all_files: bool,
    /// Places kept per finding; the rest are counted in `more_places`, so memory stays bounded
    /// however many copies a file holds.
    pub max_places: usize,
    /// Worker threads for folder scans; 0 means one per core.
    pub threads: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self { size_cap: 64 << 20, all_files: false, max_places: 1000, threads: 0 }
    }
}

/// A failure that stops a whole scan (one unreadable file does not: it goes in the report).
#[derive(Debug)]
pub enum ScanError {
    /// `git` could not be run, or the folder is not a repository.
    Git(String),
}

impl std::fmt::Display for ScanError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Git(message) => write!(f, "git: {message}"),
        }
    }
}

impl std::error::Error for ScanError {}

/// The compiled rules for one set of keys; reusable for any number of scans, from any thread.
pub struct Scanner {
    patterns: patterns::Patterns,
    known: Vec<KnownKey>,
    account: Vec<AccountKey>,
    options: Options,
}

impl Scanner {
    pub fn new(known: Vec<KnownKey>, account: Vec<AccountKey>, options: Options) -> Self {
        let patterns = patterns::Patterns::build(&known, &account);
        Self { patterns, known, account, options }
    }

    /// Files and folders, recursively; symlinks are followed (loops are reported).
    pub fn scan_paths(&self, paths: &[impl AsRef<Path>], control: &Control) -> Report {
        let paths: Vec<&Path> = paths.iter().map(AsRef::as_ref).collect();
        walk::scan_paths(self, &paths, control)
    }

    /// Every blob reachable from any ref of the repository at `repo`, each read once.
    pub fn scan_history(&self, repo: &Path, control: &Control) -> Result<Report, ScanError> {
        git::scan_history(self, repo, control)
    }

    /// The staged version of every file the next commit adds or changes.
    pub fn scan_staged(&self, repo: &Path, control: &Control) -> Result<Report, ScanError> {
        git::scan_staged(self, repo, control)
    }

    /// The user's shell history files (bash, zsh, fish, PowerShell, …) under `home`.
    pub fn scan_shell_history(&self, home: &Path, control: &Control) -> Report {
        self.scan_paths(&shell_history_files(home), control)
    }

    fn accumulator(&self) -> report::Accumulator<'_> {
        report::Accumulator::new(&self.known, &self.account, self.options.max_places)
    }
}
