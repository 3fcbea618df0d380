//! Which programs on this computer were given a profile's key: every `zexa run` and
//! `zexa inject` adds one line, and the window reads them ("Used on this computer by `node` in
//! ~/loja, 2 hours ago"), so rotating a key can say which programs get the new one on their next
//! start.
//!
//! A line holds no secret and no argument: the profile, the working folder, the program's name
//! (argv[0]'s file name only: arguments can hold anything, a key included), the time and the exit
//! code. The file is JSON lines in the app's data folder, owner-only, and capped: past
//! [`MAX_BYTES`] the older half is dropped, so it never grows without bound.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use specta::Type;

pub const USAGE_FILE: &str = "key-usage.jsonl";
/// Large enough for thousands of runs; small enough to read whole on every window refresh.
pub const MAX_BYTES: u64 = 256 * 1024;

/// One use of a profile's key by a program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyUse {
    pub profile_id: String,
    /// The profile's name at the time (it may be renamed later).
    pub profile_name: String,
    /// `run` or `inject`.
    pub command: String,
    /// argv[0]'s file name (`node`), never its arguments; for `inject`, `zexa inject`.
    pub program: String,
    /// The working folder the program was started in.
    pub folder: String,
    /// Unix seconds.
    pub at: i64,
    /// The program's exit code (`zexa run`: the child's, or 128+signal), `None` if unknown.
    pub exit_code: Option<i32>,
}

pub struct UsageLog {
    path: Option<PathBuf>,
}

impl UsageLog {
    pub fn at(path: impl Into<PathBuf>) -> Self {
        Self { path: Some(path.into()) }
    }

    /// `key-usage.jsonl` in the app's data folder; nowhere if the system has none.
    pub fn in_data_dir() -> Self {
        Self::in_folder(zexa_core::paths::data_dir().as_deref())
    }

    /// `key-usage.jsonl` in `folder` (the window's data folder); nowhere without one.
    pub fn in_folder(folder: Option<&Path>) -> Self {
        Self { path: folder.map(|dir| dir.join(USAGE_FILE)) }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Adds one line. A line is written with one `write` on a file opened for appending, so two
    /// programs finishing at once do not interleave their lines.
    pub fn record(&self, entry: &KeyUse) -> std::io::Result<()> {
        let Some(path) = &self.path else { return Ok(()) };
        if let Some(folder) = path.parent() {
            zexa_core::paths::create_private_dir(folder)?;
        }
        let mut line = serde_json::to_vec(entry).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path)?;
        file.write_all(&line)?;
        if file.metadata()?.len() > MAX_BYTES {
            drop(file);
            self.drop_older_half(path)?;
        }
        Ok(())
    }

    /// Keeps the newer half of the lines, replacing the file atomically.
    fn drop_older_half(&self, path: &Path) -> std::io::Result<()> {
        let text = std::fs::read_to_string(path)?;
        let lines: Vec<&str> = text.lines().collect();
        let kept = lines[lines.len() / 2..].join("\n") + "\n";
        zexa_core::state_file::write_atomically(path, kept.as_bytes())
    }

    /// Every readable line, oldest first; a damaged line (a crash mid-write) is skipped.
    pub fn read(&self) -> Vec<KeyUse> {
        let Some(path) = &self.path else { return Vec::new() };
        let Ok(text) = std::fs::read_to_string(path) else { return Vec::new() };
        text.lines().filter_map(|line| serde_json::from_str(line).ok()).collect()
    }

    /// For one profile: the latest use by each (program, folder), newest first.
    pub fn latest_for(&self, profile_id: &str) -> Vec<KeyUse> {
        latest_by_program(self.read().into_iter().filter(|u| u.profile_id == profile_id))
    }
}

/// What the window shows of a program that was given a profile's key: "Used on this computer by
/// `node` in ~/loja, 2 hours ago". The window formats the time itself (its relative-time rules).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ProgramUse {
    /// argv[0]'s file name (`node`), or `zexa inject`.
    pub program: String,
    /// The working folder, from the home folder (`~/loja`).
    pub folder: String,
    /// When, as RFC 3339 (`2026-12-02T03:14:31Z`), like every time the window is given.
    pub used_at: String,
    pub exit_code: Option<i32>,
    /// `run` or `inject`.
    pub command: String,
}

impl UsageLog {
    /// The programs that were given `profile_id`'s key, the latest use of each, newest first,
    /// at most `limit`: what a profile, its key row and a rotation report show.
    pub fn programs_for(&self, profile_id: &str, limit: usize) -> Vec<ProgramUse> {
        self.latest_for(profile_id)
            .into_iter()
            .take(limit)
            .map(|u| ProgramUse {
                program: u.program,
                folder: home_relative(&u.folder),
                used_at: rfc3339(u.at),
                exit_code: u.exit_code,
                command: u.command,
            })
            .collect()
    }
}

/// The newest use of each (program, folder), newest first.
pub fn latest_by_program(uses: impl IntoIterator<Item = KeyUse>) -> Vec<KeyUse> {
    let mut latest: Vec<KeyUse> = Vec::new();
    for entry in uses {
        match latest.iter_mut().find(|u| u.program == entry.program && u.folder == entry.folder) {
            Some(seen) if seen.at <= entry.at => *seen = entry,
            Some(_) => {}
            None => latest.push(entry),
        }
    }
    latest.sort_by_key(|u| std::cmp::Reverse(u.at));
    latest
}

fn rfc3339(unix_secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(unix_secs)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
        .unwrap_or_default()
}

/// `/home/ana/loja` → `~/loja`, for showing a folder.
pub fn home_relative(folder: &str) -> String {
    let Some(home) = std::env::var_os("HOME").map(PathBuf::from) else { return folder.to_owned() };
    match Path::new(folder).strip_prefix(&home) {
        Ok(rest) if rest.as_os_str().is_empty() => "~".to_owned(),
        Ok(rest) => format!("~/{}", rest.display()),
        Err(_) => folder.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(program: &str, folder: &str, at: i64) -> KeyUse {
        KeyUse {
            profile_id: "prof_1".into(),
            profile_name: "Production".into(),
            command: "run".into(),
            program: program.into(),
            folder: folder.into(),
            at,
            exit_code: Some(0),
        }
    }

    #[test]
    fn lines_are_appended_read_back_and_the_latest_per_program_is_kept() {
        let dir = tempfile::tempdir().unwrap();
        let log = UsageLog::at(dir.path().join("sub").join(USAGE_FILE));
        log.record(&sample("node", "/home/ana/loja", 10)).unwrap();
        log.record(&sample("node", "/home/ana/loja", 30)).unwrap();
        log.record(&sample("python3", "/srv/app", 20)).unwrap();
        assert_eq!(log.read().len(), 3);
        let latest = log.latest_for("prof_1");
        assert_eq!(
            latest.iter().map(|u| (u.program.as_str(), u.at)).collect::<Vec<_>>(),
            [("node", 30), ("python3", 20)]
        );
        assert!(log.latest_for("prof_other").is_empty());
        let shown = log.programs_for("prof_1", 1);
        assert_eq!(shown.len(), 1);
        assert_eq!((shown[0].program.as_str(), shown[0].used_at.as_str()), ("node", "1970-01-01T00:00:30Z"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(log.path().unwrap()).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn the_file_stays_under_its_cap_and_keeps_the_newest_lines() {
        let dir = tempfile::tempdir().unwrap();
        let log = UsageLog::at(dir.path().join(USAGE_FILE));
        let folder = "/f".repeat(100);
        for at in 0..2000 {
            log.record(&sample("node", &folder, at)).unwrap();
        }
        let size = std::fs::metadata(log.path().unwrap()).unwrap().len();
        assert!(size <= MAX_BYTES, "{size}");
        let uses = log.read();
        assert_eq!(uses.last().unwrap().at, 1999, "the newest line is kept");
        assert!(uses.first().unwrap().at > 0, "the oldest lines went");
    }

    #[test]
    fn a_damaged_line_is_skipped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(USAGE_FILE);
        let log = UsageLog::at(&path);
        log.record(&sample("node", "/a", 1)).unwrap();
        std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"{\"profile_id\":\"pr").unwrap();
        std::fs::OpenOptions::new().append(true).open(&path).unwrap().write_all(b"\n").unwrap();
        log.record(&sample("deno", "/a", 2)).unwrap();
        assert_eq!(log.read().iter().map(|u| u.program.as_str()).collect::<Vec<_>>(), ["node", "deno"]);
    }

    #[test]
    fn folders_under_home_are_shown_from_home() {
        let home = std::env::var("HOME").unwrap_or_default();
        if home.is_empty() {
            return;
        }
        assert_eq!(home_relative(&format!("{home}/loja")), "~/loja");
        assert_eq!(home_relative("/srv/app"), "/srv/app");
    }
}
