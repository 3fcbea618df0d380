//! Folder scans over real files: every planted form found once at its place, and the files a
//! scan must pass over (default folders, size cap, binary, unreadable, symlink loops).

mod common;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use common::*;
use zexa_scan::{Cancel, Control, Options, SkipReason, What};

#[test]
fn every_planted_form_is_found_once_at_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("project/.gitignore"), ".env\n");
    write(&root.join("project/.env"), format!("# local\nZEXA_API_KEY={PRODUCTION}\n"));
    write(&root.join("project/notes.txt"), format!("first\nsecond\nkey: {PRODUCTION} (old)\n"));
    write(&root.join("project/config.json"), format!("{{\n  \"token\": \"{ODD_JSON}\"\n}}\n"));
    write(&root.join("project/call.sh"), format!("curl 'https://x.example/?key={ODD_URL}'\n"));
    write(&root.join("project/deploy.yaml"), format!("env:\n  key: {STAGING}\n"));
    write(&root.join("project/settings.toml"), format!("[zexa]\nzexa_api_key = \"{STRAY}\"\n"));
    write(
        &root.join("project/readme.md"),
        format!("curl https://api.zexa.ao/v1/credits \\\n  -H \"Authorization: Bearer {STRAY_BEARER}\"\n"),
    );
    write(
        &root.join("project/.env.example"),
        "ZEXA_API_KEY=your_key_here_0000\nZEXA_API_KEY=zexa://profile/Production\nZEXA_API_KEY=\n",
    );
    let archive = zip(&[
        ("deploy/.env", format!("ZEXA_API_KEY={PRODUCTION}\n").as_bytes(), true),
        ("docs/readme.txt", format!("old key {ODD}").as_bytes(), false),
    ]);
    write(&root.join("backup.zip"), archive);

    let report = scanner(Options::default()).scan_paths(&[root], &Control::default());

    let production = finding(&report, &known("your key for profile Production"));
    assert_eq!(
        places(production, root),
        vec![
            ("backup.zip".into(), Some("deploy/.env".into()), 1, 14),
            ("project/.env".into(), None, 2, 14),
            ("project/notes.txt".into(), None, 3, 6),
        ]
    );
    assert_eq!(production.masked, "zx_live_…7c1d");
    assert_eq!(production.fingerprint, zexa_scan::fingerprint_of(PRODUCTION));
    assert!(production.secret().is_none(), "the app holds its own keys");

    let odd = finding(&report, &known("your key for profile Odd"));
    assert_eq!(
        places(odd, root),
        vec![
            ("backup.zip".into(), Some("docs/readme.txt".into()), 1, 9),
            ("project/call.sh".into(), None, 1, 30),
            ("project/config.json".into(), None, 2, 13),
        ]
    );

    let staging = finding(&report, &What::Account { label: "the account's key 'Staging'".into() });
    assert_eq!(places(staging, root), vec![("project/deploy.yaml".into(), None, 2, 8)]);
    assert_eq!(staging.secret().unwrap().expose(), STAGING, "kept to check whether it still works");

    let unknown: Vec<_> = report.findings.iter().filter(|f| f.what == What::Unknown).collect();
    assert_eq!(unknown.len(), 2, "{unknown:#?}");
    let stray = unknown.iter().find(|f| f.fingerprint == zexa_scan::fingerprint_of(STRAY)).unwrap();
    assert_eq!(places(stray, root), vec![("project/settings.toml".into(), None, 2, 17)]);
    assert_eq!(stray.masked, "…aa11");
    let bearer = unknown.iter().find(|f| f.fingerprint == zexa_scan::fingerprint_of(STRAY_BEARER)).unwrap();
    assert_eq!(places(bearer, root), vec![("project/readme.md".into(), None, 2, 29)]);

    assert_eq!(report.findings.len(), 5, "nothing else, and nothing from the placeholders: {report:#?}");
    assert!(report.unreadable.is_empty() && report.skipped.is_empty() && !report.cancelled);
    assert_eq!(report.files, 12, "10 files (the zip among them) and its 2 members");
    assert_no_whole_key(&report);
}

#[test]
fn default_folders_large_and_binary_files_are_passed_over_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let line = format!("k={PRODUCTION}\n");
    write(&root.join("app/node_modules/pkg/index.js"), &line);
    write(&root.join("app/target/debug/build.log"), &line);
    write(&root.join("app/.git/objects/ab/cdef"), &line);
    write(&root.join("app/.git/config"), &line);
    // Source code in a folder named `target` (the `cc` crate has one) is read.
    write(&root.join("app/src/target/mod.rs"), &line);
    let mut big = vec![b'a'; 2 << 20];
    big.extend_from_slice(line.as_bytes());
    write(&root.join("app/big.log"), &big);
    write(&root.join("app/image.bin"), [b"\x89PNG\0\0".as_slice(), line.as_bytes()].concat());
    // Under the cap but over a read piece: still found, at its line.
    let mut long = "x\n".repeat(3 << 18).into_bytes();
    long.extend_from_slice(line.as_bytes());
    write(&root.join("app/long.txt"), &long);

    let options = Options { size_cap: 2 << 20, ..Options::default() };
    let report = scanner(options.clone()).scan_paths(&[root], &Control::default());
    let production = finding(&report, &known("your key for profile Production"));
    assert_eq!(
        places(production, root),
        vec![
            ("app/.git/config".into(), None, 1, 3),
            ("app/long.txt".into(), None, (3 << 18) + 1, 3),
            ("app/src/target/mod.rs".into(), None, 1, 3),
        ]
    );
    let skipped: Vec<(String, SkipReason)> = report
        .skipped
        .iter()
        .map(|s| (s.path.trim_start_matches(&format!("{}/", root.display())).to_owned(), s.reason.clone()))
        .collect();
    assert_eq!(
        skipped,
        vec![
            ("app/.git/objects".into(), SkipReason::DefaultFolder),
            ("app/big.log".into(), SkipReason::TooLarge { size: big.len() as u64, cap: 2 << 20 }),
            ("app/node_modules".into(), SkipReason::DefaultFolder),
            ("app/target".into(), SkipReason::DefaultFolder),
        ]
    );
    assert_eq!(report.binary_files, 1);

    let everything = scanner(Options { all_files: true, ..options }).scan_paths(&[root], &Control::default());
    assert_eq!(finding(&everything, &known("your key for profile Production")).places.len(), 6);
}

#[cfg(unix)]
#[test]
fn unreadable_files_broken_symlinks_and_symlink_loops_are_reported_and_the_scan_goes_on() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(&root.join("a/keys.txt"), PRODUCTION);
    symlink(root.join("a"), root.join("a/loop")).unwrap();
    symlink(root.join("missing"), root.join("a/broken")).unwrap();
    // Opens, then fails on read, even for root (who can read any file with mode 000).
    #[cfg(target_os = "linux")]
    symlink("/proc/self/mem", root.join("a/mem")).unwrap();
    write(&root.join("a/locked.txt"), PRODUCTION);
    std::fs::set_permissions(root.join("a/locked.txt"), std::os::unix::fs::PermissionsExt::from_mode(0o000)).unwrap();
    let is_root = unsafe { libc::geteuid() } == 0;

    let report = scanner(Options::default()).scan_paths(&[root], &Control::default());
    let production = finding(&report, &known("your key for profile Production"));
    let errors: Vec<(String, String)> = report
        .unreadable
        .iter()
        .map(|u| (u.path.trim_start_matches(&format!("{}/", root.display())).to_owned(), u.error.clone()))
        .collect();
    assert!(errors.contains(&("a/broken".into(), "broken symlink".into())), "{errors:?}");
    assert!(errors.iter().any(|(path, error)| path == "a/loop" && error.starts_with("symlink loop")), "{errors:?}");
    #[cfg(target_os = "linux")]
    assert!(errors.iter().any(|(path, _)| path == "a/mem"), "{errors:?}");
    if is_root {
        assert_eq!(production.places.len(), 2);
    } else {
        assert!(errors.iter().any(|(path, error)| path == "a/locked.txt" && error.contains("ermission")), "{errors:?}");
        assert_eq!(production.places.len(), 1);
    }
}

#[test]
fn a_cancelled_scan_stops_midway_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..3000 {
        write(&dir.path().join(format!("d{}/f{i}.txt", i % 30)), format!("line\nk={PRODUCTION}\n").repeat(50));
    }
    let cancel = Cancel::default();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let (cancel_in_callback, seen_in_callback) = (cancel.clone(), seen.clone());
    let control = Control::new(cancel.clone()).with_progress(move |progress| {
        seen_in_callback.lock().unwrap().push(progress.clone());
        cancel_in_callback.cancel();
    });
    let report = scanner(Options::default()).scan_paths(&[dir.path()], &control);
    assert!(report.cancelled);
    assert!(report.files > 0 && report.files < 3000, "stopped midway: {} files", report.files);
    let seen = seen.lock().unwrap();
    assert!(
        seen[0].files >= 1
            && seen[0].bytes > 0
            && seen[0].folder.starts_with(&dir.path().to_string_lossy().into_owned()),
        "{:?}",
        seen[0]
    );
    assert_eq!(seen.last().unwrap().files, report.files, "the last report has the totals");
}

#[test]
fn progress_reports_files_bytes_and_the_folder_being_read() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("one/a.txt"), "hello");
    write(&dir.path().join("two/b.txt"), "world!");
    let calls = Arc::new(AtomicU64::new(0));
    let last = Arc::new(Mutex::new(None));
    let (calls_in, last_in) = (calls.clone(), last.clone());
    let control = Control::default().with_progress(move |progress| {
        calls_in.fetch_add(1, Ordering::Relaxed);
        *last_in.lock().unwrap() = Some(progress.clone());
    });
    let report = scanner(Options::default()).scan_paths(&[dir.path()], &control);
    let last = last.lock().unwrap().clone().unwrap();
    assert_eq!((last.files, last.bytes), (2, 11));
    assert_eq!((report.files, report.bytes), (2, 11));
    assert!(calls.load(Ordering::Relaxed) >= 2, "the first file and the end");
}
