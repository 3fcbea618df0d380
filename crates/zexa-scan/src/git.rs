//! Git history and the staged change, read through `git` itself: `rev-list --objects --all`
//! names every reachable object once, `cat-file --batch` streams them. Git's own pack reading
//! (deltas, zlib) runs in its process beside the scan, on the second core, and the binary stays
//! small (gix would add a large dependency graph for the same reads). Only a blob with a finding
//! costs more: one `git log --find-object` for the commits that added and removed it.

use std::collections::{HashMap, HashSet};
use std::io::{self, BufRead, BufReader, Cursor, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::Mutex;

use crate::control::Control;
use crate::report::{Accumulator, Commit, Place, Report, SkipReason};
use crate::stream::{self, Located, Outcome};
use crate::walk::lock;
use crate::{zip, ScanError, Scanner};

fn git(repo: &Path) -> Command {
    let mut command = Command::new("git");
    // Paths as they are (not octal-quoted), and no pager or prompt in a hook or a job.
    command.arg("-C").arg(repo).args(["-c", "core.quotePath=false"]).env("GIT_TERMINAL_PROMPT", "0");
    command
}

fn spawn(command: &mut Command) -> Result<Child, ScanError> {
    command.stderr(Stdio::piped()).spawn().map_err(|error| ScanError::Git(format!("cannot run git: {error}")))
}

fn check_repository(repo: &Path) -> Result<(), ScanError> {
    let output = git(repo)
        .args(["rev-parse", "--git-dir"])
        .output()
        .map_err(|error| ScanError::Git(format!("cannot run git: {error}")))?;
    if output.status.success() {
        Ok(())
    } else {
        Err(ScanError::Git(String::from_utf8_lossy(&output.stderr).trim().to_owned()))
    }
}

/// How a blob entered history: the commits that added it at a path, and what removed it there.
struct Origin {
    path: String,
    added: Commit,
    removed_by: Option<Commit>,
}

pub fn scan_history(scanner: &Scanner, repo: &Path, control: &Control) -> Result<Report, ScanError> {
    check_repository(repo)?;
    let mut objects = spawn(git(repo).args(["rev-list", "--objects", "--all"]).stdout(Stdio::piped()))?;
    let listed = objects.stdout.take().map(Stdio::from).unwrap_or_else(Stdio::null);
    let format = "--batch=%(objectname) %(objecttype) %(objectsize) %(rest)";
    let mut contents = spawn(git(repo).args(["cat-file", format]).stdin(listed).stdout(Stdio::piped()))?;
    let accumulator = Mutex::new(scanner.accumulator());
    // Hits wait for their commits: one `git log` pass at the end finds them for every blob at
    // once (a `--find-object` per blob costs a full history walk each).
    let mut waiting: Vec<Waiting> = Vec::new();
    let limit = scanner.options.max_places.saturating_mul(100);
    let stdout = contents.stdout.take().expect("piped");
    let read = read_batch(stdout, scanner, control, &accumulator, &mut |blob, path, member, hit| {
        if waiting.len() < limit {
            waiting.push(Waiting {
                blob: blob.to_owned(),
                path: path.to_owned(),
                member: member.map(str::to_owned),
                hit,
            });
        }
    });
    finish_children(&mut [objects, contents], control, read)?;
    let blobs: HashSet<&str> = waiting.iter().map(|w| w.blob.as_str()).collect();
    let origins = if blobs.is_empty() || control.is_cancelled() { HashMap::new() } else { origins_of(repo, &blobs) };
    let mut accumulator = accumulator.into_inner().unwrap_or_else(|p| p.into_inner());
    for Waiting { blob, path, member, hit } in waiting {
        let place = |file: &str, commit: Option<&Commit>, removed_by: Option<&Commit>| Place {
            file: file.to_owned(),
            member: member.clone(),
            line: hit.line,
            column: hit.column,
            commit: commit.cloned(),
            removed_by: removed_by.cloned(),
        };
        match origins.get(&blob) {
            Some(origins) => {
                for origin in origins {
                    accumulator
                        .add(hit.secret.clone(), place(&origin.path, Some(&origin.added), origin.removed_by.as_ref()));
                }
            }
            // Reachable but added by no single-parent commit (a merge's resolution): the path only.
            None => accumulator.add(hit.secret.clone(), place(&path, None, None)),
        }
    }
    let (files, bytes) = control.totals();
    control.finish();
    Ok(accumulator.finish(files, bytes, control.is_cancelled()))
}

struct Waiting {
    blob: String,
    path: String,
    member: Option<String>,
    hit: Located,
}

pub fn scan_staged(scanner: &Scanner, repo: &Path, control: &Control) -> Result<Report, ScanError> {
    check_repository(repo)?;
    let args = ["diff", "--cached", "--raw", "-z", "--no-abbrev", "--no-renames", "--diff-filter=ACMT"];
    let output = git(repo).args(args).output().map_err(|error| ScanError::Git(format!("cannot run git: {error}")))?;
    if !output.status.success() {
        return Err(ScanError::Git(String::from_utf8_lossy(&output.stderr).trim().to_owned()));
    }
    // `:100644 100644 <old> <new> M\0path\0`, once per file.
    let fields: Vec<&[u8]> = output.stdout.split(|b| *b == 0).collect();
    let mut wanted = String::new();
    for pair in fields.chunks(2) {
        let [meta, path] = pair else { continue };
        let meta = String::from_utf8_lossy(meta);
        let parts: Vec<&str> = meta.trim_start_matches(':').split(' ').collect();
        // Submodules (160000) and symlinks (120000) hold no file content of their own.
        if let [_, mode, _, new, _] = parts[..] {
            if mode.starts_with("100") {
                wanted.push_str(&format!("{new} {}\n", String::from_utf8_lossy(path)));
            }
        }
    }
    let format = "--batch=%(objectname) %(objecttype) %(objectsize) %(rest)";
    let mut contents = spawn(git(repo).args(["cat-file", format]).stdin(Stdio::piped()).stdout(Stdio::piped()))?;
    let mut stdin = contents.stdin.take().expect("piped");
    // A writer thread: cat-file answers while it reads, and both pipes are bounded.
    let writer = std::thread::spawn(move || stdin.write_all(wanted.as_bytes()));
    let accumulator = Mutex::new(scanner.accumulator());
    let stdout = contents.stdout.take().expect("piped");
    let read = read_batch(stdout, scanner, control, &accumulator, &mut |_, path, member, hit| {
        let place = Place {
            file: path.to_owned(),
            member: member.map(str::to_owned),
            line: hit.line,
            column: hit.column,
            commit: None,
            removed_by: None,
        };
        lock(&accumulator).add(hit.secret, place);
    });
    let _ = writer.join();
    finish_children(&mut [contents], control, read)?;
    let (files, bytes) = control.totals();
    control.finish();
    Ok(accumulator.into_inner().unwrap_or_else(|p| p.into_inner()).finish(files, bytes, control.is_cancelled()))
}

/// (blob id, path in the repository, zip member, the hit)
type BlobHit<'f> = dyn FnMut(&str, &str, Option<&str>, Located) + 'f;

/// Reads `cat-file --batch` output to the end (or until cancelled), scanning every blob.
fn read_batch(
    stdout: ChildStdout,
    scanner: &Scanner,
    control: &Control,
    accumulator: &Mutex<Accumulator<'_>>,
    found: &mut BlobHit<'_>,
) -> io::Result<()> {
    let mut batch = BufReader::with_capacity(1 << 16, stdout);
    let mut header = String::new();
    let mut scratch = Vec::new();
    let cap = scanner.options.size_cap;
    loop {
        header.clear();
        if batch.read_line(&mut header)? == 0 || control.is_cancelled() {
            return Ok(());
        }
        let mut fields = header.trim_end_matches('\n').splitn(4, ' ');
        let (Some(id), Some(kind), Some(size)) = (fields.next(), fields.next(), fields.next()) else { continue };
        let Ok(size) = size.parse::<u64>() else { continue }; // "<id> missing"
        let path = fields.next().unwrap_or("").to_owned();
        let mut body = (&mut batch).take(size);
        if kind == "blob" && size > cap {
            lock(accumulator).skip(format!("{path} ({id})"), SkipReason::TooLarge { size, cap });
        } else if kind == "blob" {
            let outcome = stream::scan(&scanner.patterns, &mut body, control, &mut scratch, &mut |hit| {
                found(id, &path, None, hit)
            });
            match outcome? {
                Outcome::Binary => lock(accumulator).report.binary_files += 1,
                Outcome::Zip => {
                    let mut archive = std::mem::take(&mut scratch);
                    body.read_to_end(&mut archive)?;
                    let mut member_hit = |member: &str, hit: Located| found(id, &path, Some(member), hit);
                    zip::scan_archive(
                        scanner,
                        &mut Cursor::new(&archive),
                        &path,
                        accumulator,
                        control,
                        &mut scratch,
                        &mut member_hit,
                    )?;
                }
                Outcome::Scanned(_) | Outcome::Cancelled => {}
            }
            control.file_done(path.rsplit_once('/').map_or("", |(folder, _)| folder));
        }
        // Whatever the scan left (binary, cancelled, trees, commits), then the closing newline.
        io::copy(&mut body, &mut io::sink())?;
        let mut newline = [0u8; 1];
        batch.read_exact(&mut newline)?;
    }
}

/// Waits for git; a cancelled scan kills it instead. Git's error wins over a broken pipe.
fn finish_children(children: &mut [Child], control: &Control, read: io::Result<()>) -> Result<(), ScanError> {
    let mut failure = None;
    for child in children.iter_mut() {
        if control.is_cancelled() || read.is_err() {
            let _ = child.kill();
        }
        let status = child.wait().map_err(|error| ScanError::Git(error.to_string()))?;
        if !status.success() && !control.is_cancelled() && failure.is_none() {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                let _ = pipe.read_to_string(&mut stderr);
            }
            failure = Some(ScanError::Git(stderr.trim().to_owned()));
        }
    }
    match (failure, read) {
        (Some(error), _) => Err(error),
        (None, Err(error)) if !control.is_cancelled() => Err(ScanError::Git(format!("reading git's output: {error}"))),
        _ => Ok(()),
    }
}

/// For each blob, the commits (on any ref) that added it at a path, each with the later one that
/// removed it there. One pass over every commit's changes.
fn origins_of(repo: &Path, blobs: &HashSet<&str>) -> HashMap<String, Vec<Origin>> {
    let format = "--format=%x00%H%x1f%aI%x1f%an <%ae>";
    let mut origins: HashMap<String, Vec<Origin>> = HashMap::new();
    let Ok(mut log) = git(repo)
        .args(["log", "--all", "--raw", "--no-abbrev", "--no-renames", format])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
    else {
        return origins;
    };
    let mut commit: Option<Commit> = None;
    // Newest first: a removal is seen before the addition it undoes.
    let mut removals: HashMap<(String, String), Commit> = HashMap::new();
    let lines = BufReader::new(log.stdout.take().expect("piped")).split(b'\n');
    for line in lines.map_while(Result::ok) {
        let line = String::from_utf8_lossy(&line);
        if let Some(header) = line.strip_prefix('\0') {
            let mut parts = header.split('\x1f');
            commit = match (parts.next(), parts.next(), parts.next()) {
                (Some(id), Some(date), Some(author)) => {
                    Some(Commit { id: id.into(), date: date.into(), author: author.into() })
                }
                _ => None,
            };
        } else if let (Some(raw), Some(commit)) = (line.strip_prefix(':'), &commit) {
            let Some((meta, path)) = raw.split_once('\t') else { continue };
            let parts: Vec<&str> = meta.split(' ').collect();
            let [_, _, old, new, _] = parts[..] else { continue };
            if let Some(blob) = blobs.get(new) {
                let removed_by = removals.get(&(blob.to_string(), path.to_owned())).cloned();
                origins.entry(blob.to_string()).or_default().push(Origin {
                    path: path.to_owned(),
                    added: commit.clone(),
                    removed_by,
                });
            } else if let Some(blob) = blobs.get(old) {
                removals.insert((blob.to_string(), path.to_owned()), commit.clone());
            }
        }
    }
    let _ = log.wait();
    origins
}
