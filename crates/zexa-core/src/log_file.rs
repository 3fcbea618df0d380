//! The log file writer: one file a day (`PREFIX.YYYY-MM-DD.log`, UTC), each capped in size, a
//! fixed number kept. `tracing-appender` rotates by time only, so a flood of lines (a loop, a
//! chatty dependency) could fill the disk in a day; here a file that reaches its cap gets one
//! last line saying so, and the day's further lines are dropped.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Room kept at the end of a file for the line that says it is full.
const NOTE_ROOM: u64 = 160;

pub struct CappedDailyFile {
    dir: PathBuf,
    prefix: &'static str,
    max_bytes: u64,
    max_files: usize,
    current: Option<Current>,
}

struct Current {
    date: String,
    file: File,
    written: u64,
    full: bool,
}

impl CappedDailyFile {
    /// `max_bytes` is at least a few hundred bytes, so the note always fits.
    pub fn new(dir: &Path, prefix: &'static str, max_bytes: u64, max_files: usize) -> Self {
        Self { dir: dir.to_owned(), prefix, max_bytes: max_bytes.max(2 * NOTE_ROOM), max_files, current: None }
    }

    fn open(&mut self, date: String) -> std::io::Result<&mut Current> {
        let path = self.dir.join(format!("{}.{date}.log", self.prefix));
        let mut options = std::fs::OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let file = options.open(&path)?;
        let written = file.metadata()?.len();
        // Reopened after a restart the same day: a full file stays full, without a second note.
        let full = written + NOTE_ROOM > self.max_bytes;
        self.current = Some(Current { date, file, written, full });
        self.remove_old_files();
        Ok(self.current.as_mut().expect("just set"))
    }

    /// Keeps the newest `max_files` (the names sort by date), today's included.
    fn remove_old_files(&self) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else { return };
        let start = format!("{}.", self.prefix);
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.starts_with(&start) && n.ends_with(".log"))
            .collect();
        names.sort();
        let excess = names.len().saturating_sub(self.max_files);
        for name in &names[..excess] {
            let _ = std::fs::remove_file(self.dir.join(name));
        }
    }
}

fn today_utc() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

impl Write for CappedDailyFile {
    /// Each call is one whole line (the background writer hands them over one by one), so a
    /// line is written whole or not at all.
    fn write(&mut self, line: &[u8]) -> std::io::Result<usize> {
        let today = today_utc();
        let max_bytes = self.max_bytes;
        let current = match self.current.take() {
            Some(current) if current.date == today => self.current.insert(current),
            _ => self.open(today)?,
        };
        if current.full {
            return Ok(line.len());
        }
        if current.written + line.len() as u64 + NOTE_ROOM > max_bytes {
            let note = format!("log file full ({max_bytes} bytes): the rest of today's lines are not written\n");
            current.file.write_all(note.as_bytes())?;
            current.written += note.len() as u64;
            current.full = true;
            return Ok(line.len());
        }
        current.file.write_all(line)?;
        current.written += line.len() as u64;
        Ok(line.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.current {
            Some(current) => current.file.flush(),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_stops_growing_at_its_cap_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let mut writer = CappedDailyFile::new(dir.path(), "test", 4096, 7);
        for n in 0..1_000 {
            writer.write_all(format!("line {n:04} of a flood\n").as_bytes()).unwrap();
        }
        writer.flush().unwrap();
        let path = dir.path().join(format!("test.{}.log", today_utc()));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.len() <= 4096, "{} bytes", text.len());
        assert!(text.starts_with("line 0000 of a flood\n"));
        assert!(text.ends_with("the rest of today's lines are not written\n"), "{text}");
        assert_eq!(text.matches("log file full").count(), 1);

        // A restart the same day writes no more, and no second note.
        let mut again = CappedDailyFile::new(dir.path(), "test", 4096, 7);
        again.write_all(b"after the restart\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }
}
