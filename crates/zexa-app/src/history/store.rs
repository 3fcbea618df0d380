//! The balance history in an embedded SQLite database (`history.sqlite3` in the data folder):
//! one sample per balance the app fetched. Migrations are versioned (`PRAGMA user_version`),
//! writes are transactional, retention is bounded, and a database that cannot be used is moved
//! aside and started afresh, with a warning, never an error that stops the app. The sandbox
//! profile's history lives in an in-memory database: its data is new at every launch.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension};
use zexa_api::Decimal;

use crate::sync::lock;

pub const HISTORY_FILE: &str = "history.sqlite3";

/// Every sample is kept this long…
pub const FULL_RESOLUTION: Duration = Duration::from_secs(30 * 24 * 3600);
/// …then one an hour, up to this age.
pub const KEPT_FOR: Duration = Duration::from_secs(365 * 24 * 3600);
const HOUR: i64 = 3600;

/// Each entry moves the schema one version up; `user_version` counts those applied.
const MIGRATIONS: &[&str] = &[
    // 1: the samples, keyed by profile and time (Unix seconds); credits as exact decimal text.
    "CREATE TABLE samples (
        profile_id TEXT NOT NULL,
        at INTEGER NOT NULL,
        credits TEXT NOT NULL,
        currency TEXT NOT NULL,
        PRIMARY KEY (profile_id, at)
    ) WITHOUT ROWID;",
    // 2: whether the runway alert has fired for the current crossing (survives restarts).
    "CREATE TABLE runway_alerts (
        profile_id TEXT PRIMARY KEY,
        notified INTEGER NOT NULL DEFAULT 0
    );",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BalanceSample {
    /// Unix seconds.
    pub at: i64,
    pub credits: Decimal,
    pub currency: String,
}

#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    #[error("balance history: {0}")]
    Database(#[from] rusqlite::Error),
    #[error("balance history: sample refused: {0}")]
    Refused(String),
}

pub struct HistoryStore {
    /// Real profiles; `None` when the app has no data folder.
    disk: Option<Mutex<Connection>>,
    /// The sandbox profile (and everything, without a data folder).
    memory: Mutex<Connection>,
    path: Option<PathBuf>,
    /// When each profile's samples were last compacted: once an hour of sample time is enough.
    compacted_at: Mutex<HashMap<String, i64>>,
}

fn migrate(connection: &mut Connection) -> Result<(), rusqlite::Error> {
    let version: i64 = connection.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let version = usize::try_from(version).map_err(|_| rusqlite::Error::InvalidQuery)?;
    if version > MIGRATIONS.len() {
        return Err(rusqlite::Error::InvalidQuery); // written by a newer app: not ours to change
    }
    let transaction = connection.transaction()?;
    for (index, step) in MIGRATIONS.iter().enumerate().skip(version) {
        transaction.execute_batch(step)?;
        transaction.pragma_update(None, "user_version", (index + 1) as i64)?;
    }
    transaction.commit()
}

/// The schema in a file is not the app's to trust: a trigger or view planted in it may not call
/// functions with side effects.
fn distrust_schema(connection: &Connection) -> Result<(), rusqlite::Error> {
    connection.pragma_update(None, "trusted_schema", false)
}

fn memory_database() -> Connection {
    let mut connection = Connection::open_in_memory().expect("SQLite can always open an in-memory database");
    distrust_schema(&connection).expect("an in-memory database takes pragmas");
    migrate(&mut connection).expect("the migrations apply to an empty database");
    connection
}

/// Opens and checks the file; anything wrong is an error the caller answers by starting over.
fn open_file(path: &Path) -> Result<Connection, rusqlite::Error> {
    let mut connection = Connection::open(path)?;
    distrust_schema(&connection)?;
    connection.busy_timeout(Duration::from_secs(2))?;
    let check: String = connection.pragma_query_value(None, "quick_check", |row| row.get(0))?;
    if check != "ok" {
        return Err(rusqlite::Error::InvalidQuery);
    }
    migrate(&mut connection)?;
    Ok(connection)
}

fn restrict_permissions(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = path;
}

impl HistoryStore {
    /// Never fails: a corrupt, unreadable or newer-format file is moved aside (`.corrupt-<time>`)
    /// and a new one is started; if even that fails, history is kept in memory for this run.
    pub fn open(path: Option<PathBuf>) -> Self {
        let disk = path.as_deref().and_then(|path| {
            if let Some(dir) = path.parent() {
                let _ = zexa_core::paths::create_private_dir(dir);
            }
            let connection = match open_file(path) {
                Ok(connection) => Some(connection),
                Err(error) => {
                    let stamp = time::OffsetDateTime::now_utc().unix_timestamp();
                    let aside = path.with_extension(format!("sqlite3.corrupt-{stamp}"));
                    tracing::warn!(path = %path.display(), %error, aside = %aside.display(), "balance history unusable; kept aside, starting afresh");
                    let _ = std::fs::rename(path, &aside);
                    for suffix in ["-wal", "-shm", "-journal"] {
                        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                    }
                    match open_file(path) {
                        Ok(connection) => Some(connection),
                        Err(error) => {
                            tracing::warn!(%error, "balance history kept in memory for this run");
                            None
                        }
                    }
                }
            };
            restrict_permissions(path);
            connection.map(Mutex::new)
        });
        Self { disk, memory: Mutex::new(memory_database()), path, compacted_at: Mutex::default() }
    }

    pub fn in_memory() -> Self {
        Self::open(None)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn connection(&self, persist: bool) -> &Mutex<Connection> {
        match (&self.disk, persist) {
            (Some(disk), true) => disk,
            _ => &self.memory,
        }
    }

    /// Stores a sample and applies the retention rules to that profile, in one transaction.
    /// A second sample in the same second replaces the first. A figure outside the sane range
    /// (`zexa_api::decimal::check_credits`) is refused: decoding refuses it already, and the
    /// history must never hold a number that poisons a week of forecasts.
    pub fn record(&self, profile_id: &str, persist: bool, sample: &BalanceSample) -> Result<(), HistoryError> {
        zexa_api::decimal::check_credits(sample.credits).map_err(HistoryError::Refused)?;
        let mut connection = lock(self.connection(persist));
        let transaction = connection.transaction()?;
        transaction.execute(
            "INSERT OR REPLACE INTO samples (profile_id, at, credits, currency) VALUES (?1, ?2, ?3, ?4)",
            params![profile_id, sample.at, sample.credits.normalize().to_string(), sample.currency],
        )?;
        let last = lock(&self.compacted_at).get(profile_id).copied();
        let due = last.is_none_or(|last| sample.at.saturating_sub(last) >= HOUR || sample.at < last);
        if due {
            // Only what crossed the 30-day line since the last run needs thinning out.
            let from = last
                .filter(|l| *l <= sample.at)
                .map_or(i64::MIN, |l| l.saturating_sub(FULL_RESOLUTION.as_secs() as i64 + HOUR));
            compact(&transaction, profile_id, sample.at, from)?;
        }
        transaction.commit()?;
        if due {
            lock(&self.compacted_at).insert(profile_id.to_owned(), sample.at);
        }
        Ok(())
    }

    /// Samples at or after `since` (Unix seconds), oldest first. A row whose figure cannot be
    /// read, or is outside the sane range (saved by an older version), is left out: one bad row
    /// must not become a zero in the chart nor a panic in the forecast.
    pub fn samples_since(
        &self,
        profile_id: &str,
        persist: bool,
        since: i64,
    ) -> Result<Vec<BalanceSample>, HistoryError> {
        let connection = lock(self.connection(persist));
        let mut statement = connection.prepare_cached(
            "SELECT at, credits, currency FROM samples WHERE profile_id = ?1 AND at >= ?2 ORDER BY at",
        )?;
        let rows = statement.query_map(params![profile_id, since], |row| {
            let text: String = row.get(1)?;
            let credits = Decimal::from_str(&text).ok().filter(|c| zexa_api::decimal::check_credits(*c).is_ok());
            let (at, currency) = (row.get(0)?, row.get(2)?);
            Ok(credits.map(|credits| BalanceSample { at, credits, currency }))
        })?;
        let mut samples = Vec::new();
        for row in rows {
            match row? {
                Some(sample) => samples.push(sample),
                None => tracing::warn!(profile = %profile_id, "a balance sample outside the sane range was skipped"),
            }
        }
        Ok(samples)
    }

    /// The newest sample of a profile (the last known balance), by the primary key's order: one
    /// row read however long the history is.
    pub fn latest(&self, profile_id: &str, persist: bool) -> Result<Option<BalanceSample>, HistoryError> {
        let connection = lock(self.connection(persist));
        let mut statement = connection.prepare_cached(
            "SELECT at, credits, currency FROM samples WHERE profile_id = ?1 ORDER BY at DESC LIMIT 1",
        )?;
        let mut rows = statement.query(params![profile_id])?;
        let Some(row) = rows.next()? else { return Ok(None) };
        let (at, text, currency): (i64, String, String) = (row.get(0)?, row.get(1)?, row.get(2)?);
        // As in `samples_since`: a figure outside the sane range is no last known balance.
        let credits = Decimal::from_str(&text).ok().filter(|c| zexa_api::decimal::check_credits(*c).is_ok());
        Ok(credits.map(|credits| BalanceSample { at, credits, currency }))
    }

    /// The profile was removed: its history goes with it.
    pub fn forget(&self, profile_id: &str) -> Result<(), HistoryError> {
        for persist in [true, false] {
            let connection = lock(self.connection(persist));
            connection.execute("DELETE FROM samples WHERE profile_id = ?1", params![profile_id])?;
            connection.execute("DELETE FROM runway_alerts WHERE profile_id = ?1", params![profile_id])?;
        }
        Ok(())
    }

    pub fn runway_notified(&self, profile_id: &str, persist: bool) -> Result<bool, HistoryError> {
        let connection = lock(self.connection(persist));
        let notified: Option<bool> = connection
            .query_row("SELECT notified FROM runway_alerts WHERE profile_id = ?1", params![profile_id], |row| {
                row.get(0)
            })
            .optional()?;
        Ok(notified.unwrap_or(false))
    }

    pub fn set_runway_notified(&self, profile_id: &str, persist: bool, notified: bool) -> Result<(), HistoryError> {
        let connection = lock(self.connection(persist));
        connection.execute(
            "INSERT INTO runway_alerts (profile_id, notified) VALUES (?1, ?2)
             ON CONFLICT (profile_id) DO UPDATE SET notified = excluded.notified",
            params![profile_id, notified],
        )?;
        Ok(())
    }
}

/// Past [`FULL_RESOLUTION`], keeps the last sample of each hour; past [`KEPT_FOR`], nothing.
/// Samples before `from` are already thinned out.
fn compact(
    transaction: &rusqlite::Transaction<'_>,
    profile_id: &str,
    now: i64,
    from: i64,
) -> Result<(), rusqlite::Error> {
    let oldest = now.saturating_sub(KEPT_FOR.as_secs() as i64);
    let hourly_before = now.saturating_sub(FULL_RESOLUTION.as_secs() as i64);
    // Whole hours only, so an hour is never judged on part of its samples.
    let from = from.div_euclid(HOUR).saturating_mul(HOUR);
    transaction.execute("DELETE FROM samples WHERE profile_id = ?1 AND at < ?2", params![profile_id, oldest])?;
    transaction.execute(
        "DELETE FROM samples WHERE profile_id = ?1 AND at >= ?4 AND at < ?2 AND at NOT IN (
            SELECT MAX(at) FROM samples WHERE profile_id = ?1 AND at >= ?4 AND at < ?2 GROUP BY at / ?3
        )",
        params![profile_id, hourly_before, HOUR, from],
    )?;
    Ok(())
}

impl crate::profiles::ProfileScoped for HistoryStore {
    fn forget_profile(&self, profile_id: &str) {
        if let Err(error) = self.forget(profile_id) {
            tracing::warn!(profile = %profile_id, %error, "balance history of a removed profile not deleted");
        }
    }
}

#[cfg(test)]
mod tests;
