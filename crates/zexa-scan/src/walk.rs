//! Folder scans: one thread walks, one worker per core reads. The walk follows symlinks, as a
//! user's project folder may link to its secrets elsewhere; walkdir's loop detection and its
//! errors for broken links go in the report as unreadable, and the walk goes on.

use std::fs::File;
use std::io::{Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use walkdir::{DirEntry, WalkDir};

use crate::control::Control;
use crate::report::{Accumulator, Place, Report, SkipReason};
use crate::stream::{self, Located, Outcome};
use crate::{zip, Scanner};

/// A `target` folder is a build's output only when it holds one of these (Cargo's and Maven's):
/// `cc/src/target/` in the Cargo registry is source code.
const BUILD_OUTPUT_MARKS: [&str; 5] = ["CACHEDIR.TAG", ".rustc_info.json", "debug", "release", "classes"];

pub fn scan_paths(scanner: &Scanner, paths: &[&Path], control: &Control) -> Report {
    let accumulator = Mutex::new(scanner.accumulator());
    let threads = match scanner.options.threads {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    // Bounded, so the walk does not run far ahead of the readers (memory, and a current
    // folder in the progress bar that is the one being read).
    let (sender, receiver) = crossbeam_channel::bounded::<PathBuf>(256);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let receiver = receiver.clone();
            let accumulator = &accumulator;
            scope.spawn(move || {
                let mut scratch = Vec::new();
                for path in receiver {
                    if !control.is_cancelled() {
                        scan_file(scanner, &path, accumulator, control, &mut scratch);
                        let folder = path.parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default();
                        control.file_done(&folder);
                    }
                }
            });
        }
        drop(receiver);
        for root in paths {
            walk(scanner, root, &sender, &accumulator, control);
        }
        drop(sender);
    });
    control.finish();
    let (files, bytes) = control.totals();
    accumulator.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner()).finish(
        files,
        bytes,
        control.is_cancelled(),
    )
}

fn walk(
    scanner: &Scanner,
    root: &Path,
    sender: &crossbeam_channel::Sender<PathBuf>,
    accumulator: &Mutex<Accumulator<'_>>,
    control: &Control,
) {
    let options = &scanner.options;
    let mut entries = WalkDir::new(root).follow_links(true).into_iter();
    while let Some(entry) = entries.next() {
        if control.is_cancelled() {
            return;
        }
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error.path().map(display).unwrap_or_else(|| display(root));
                lock(accumulator).unreadable(path, walk_error(&error));
                continue;
            }
        };
        if entry.file_type().is_dir() {
            if !options.all_files && skipped_by_default(&entry) {
                lock(accumulator).skip(display(entry.path()), SkipReason::DefaultFolder);
                entries.skip_current_dir();
            }
            continue;
        }
        // FIFOs, sockets and devices: reading one could block or never end.
        if !entry.file_type().is_file() {
            continue;
        }
        match entry.metadata() {
            Ok(meta) if meta.len() > options.size_cap => {
                lock(accumulator)
                    .skip(display(entry.path()), SkipReason::TooLarge { size: meta.len(), cap: options.size_cap });
            }
            Ok(_) => {
                if sender.send(entry.into_path()).is_err() {
                    return;
                }
            }
            Err(error) => lock(accumulator).unreadable(display(entry.path()), error.to_string()),
        }
    }
}

/// Installed or built code, not written by the user (`--all-files` looks inside): `node_modules`,
/// a build's `target`, `.git/objects`.
fn skipped_by_default(entry: &DirEntry) -> bool {
    let name = entry.file_name();
    let path = entry.path();
    name == "node_modules"
        || (name == "target" && BUILD_OUTPUT_MARKS.iter().any(|mark| path.join(mark).exists()))
        || (name == "objects" && path.parent().and_then(Path::file_name).is_some_and(|parent| parent == ".git"))
}

fn walk_error(error: &walkdir::Error) -> String {
    if let Some(ancestor) = error.loop_ancestor() {
        return format!("symlink loop (back to {})", ancestor.display());
    }
    let broken_link =
        error.path().and_then(|path| path.symlink_metadata().ok()).is_some_and(|meta| meta.file_type().is_symlink());
    match error.io_error() {
        Some(io) if broken_link && io.kind() == std::io::ErrorKind::NotFound => "broken symlink".to_owned(),
        Some(io) => io.to_string(),
        None => error.to_string(),
    }
}

fn scan_file(
    scanner: &Scanner,
    path: &Path,
    accumulator: &Mutex<Accumulator<'_>>,
    control: &Control,
    scratch: &mut Vec<u8>,
) {
    let name = display(path);
    let mut file = match File::open(path) {
        Ok(file) => file,
        Err(error) => return lock(accumulator).unreadable(name, error.to_string()),
    };
    let outcome = stream::scan(&scanner.patterns, &mut file, control, scratch, &mut |hit| {
        let place = Place {
            file: name.clone(),
            member: None,
            line: hit.line,
            column: hit.column,
            commit: None,
            removed_by: None,
        };
        lock(accumulator).add(hit.secret, place);
    });
    match outcome {
        Ok(Outcome::Binary) => lock(accumulator).report.binary_files += 1,
        Ok(Outcome::Zip) => {
            let mut found = |member: &str, hit: Located| {
                let place = Place {
                    file: name.clone(),
                    member: Some(member.to_owned()),
                    line: hit.line,
                    column: hit.column,
                    commit: None,
                    removed_by: None,
                };
                lock(accumulator).add(hit.secret, place);
            };
            let scanned = file
                .seek(SeekFrom::Start(0))
                .and_then(|_| zip::scan_archive(scanner, &mut file, &name, accumulator, control, scratch, &mut found));
            if let Err(error) = scanned {
                lock(accumulator).unreadable(name, format!("zip archive: {error}"));
            }
        }
        Ok(Outcome::Scanned(_) | Outcome::Cancelled) => {}
        Err(error) => lock(accumulator).unreadable(name, error.to_string()),
    }
}

pub fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// A worker that panicked mid-file leaves the collected findings valid; keep them.
pub fn lock<'m, 'a>(accumulator: &'m Mutex<Accumulator<'a>>) -> std::sync::MutexGuard<'m, Accumulator<'a>> {
    accumulator.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}
