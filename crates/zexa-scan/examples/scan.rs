//! The engine on the command line, for the benchmark (bench/scan.sh) until `zexa scan` wires it
//! into the CLI with the keychain's keys.
//!
//!     scan --keys keys.txt [--history | --staged] [--json] [--threads N] [--all-files] PATH...
//!
//! keys.txt holds one key a line (`label<TAB>key` or the key alone). Exits 1 with findings.

use std::path::PathBuf;
use std::process::ExitCode;

use zexa_core::secret::SecretString;
use zexa_scan::{Control, KnownKey, Options, Scanner};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let (mut keys, mut history, mut staged, mut json, mut options, mut paths) =
        (None, false, false, false, Options::default(), Vec::new());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--keys" => keys = args.next().map(PathBuf::from),
            "--history" => history = true,
            "--staged" => staged = true,
            "--json" => json = true,
            "--all-files" => options.all_files = true,
            "--threads" => options.threads = args.next().and_then(|n| n.parse().ok()).unwrap_or(0),
            _ => paths.push(PathBuf::from(arg)),
        }
    }
    let known = match keys.map(std::fs::read_to_string).transpose() {
        Ok(text) => text
            .unwrap_or_default()
            .lines()
            .filter(|line| !line.is_empty())
            .enumerate()
            .map(|(i, line)| {
                let (label, key) = line
                    .split_once('\t')
                    .map_or((format!("key {}", i + 1), line), |(label, key)| (label.to_owned(), key));
                KnownKey { secret: SecretString::new(key.to_owned()), label }
            })
            .collect(),
        Err(error) => {
            eprintln!("scan: cannot read the keys: {error}");
            return ExitCode::from(2);
        }
    };
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    let scanner = Scanner::new(known, Vec::new(), options);
    let control = Control::default();
    let report = if history || staged {
        let run = if history { Scanner::scan_history } else { Scanner::scan_staged };
        match run(&scanner, &paths[0], &control) {
            Ok(report) => report,
            Err(error) => {
                eprintln!("scan: {error}");
                return ExitCode::from(2);
            }
        }
    } else {
        scanner.scan_paths(&paths, &control)
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&report).expect("a report serializes"));
    } else {
        for finding in &report.findings {
            let place = &finding.places[0];
            println!(
                "{} {} {:?} {}:{}:{} (+{} places)",
                finding.fingerprint,
                finding.masked,
                finding.what,
                place.file,
                place.line,
                place.column,
                finding.places.len() - 1
            );
        }
        eprintln!(
            "{} findings; {} files, {} bytes; {} skipped, {} unreadable, {} binary",
            report.findings.len(),
            report.files,
            report.bytes,
            report.skipped.len(),
            report.unreadable.len(),
            report.binary_files
        );
    }
    // The benchmark reports this process's own peak apart from git's (GNU time gives the largest
    // of the process tree).
    if let Some(peak) = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).map(str::to_owned))
    {
        eprintln!("engine {peak}");
    }
    if report.findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
