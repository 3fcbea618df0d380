use super::*;

const DAY: i64 = 24 * 3600;
const NOW: i64 = 1_795_000_000;

fn sample(at: i64, credits: i64) -> BalanceSample {
    BalanceSample { at, credits: Decimal::from(credits), currency: "USD".into() }
}

#[test]
fn retention_keeps_a_month_in_full_then_an_hour_each_for_a_year() {
    let store = HistoryStore::in_memory();
    // A year and a month of 10-minute polls, oldest first, as the monitor would write them.
    const EVERY: i64 = 600;
    let start = NOW - 400 * DAY;
    for n in 0..(400 * DAY / EVERY) {
        store.record("p", false, &sample(start + n * EVERY, 1_000_000 - n)).unwrap();
    }
    let all = store.samples_since("p", false, 0).unwrap();
    let last = all.last().unwrap().at;
    // Compaction runs once an hour, so up to an hour more than the limits may remain.
    assert!(all.first().unwrap().at >= last - KEPT_FOR.as_secs() as i64 - HOUR, "nothing older than a year");
    let recent = all.iter().filter(|s| s.at >= last - 30 * DAY).count() as i64;
    assert!((30 * DAY / EVERY..=30 * DAY / EVERY + 1).contains(&recent), "every sample of the last 30 days: {recent}");
    let full_month_and_an_hour = all.iter().filter(|s| s.at >= last - 30 * DAY - HOUR).count() as i64;
    assert!(full_month_and_an_hour <= 30 * DAY / EVERY + HOUR / EVERY + 1, "{full_month_and_an_hour}");
    let older: Vec<&BalanceSample> = all.iter().filter(|s| s.at < last - 30 * DAY).collect();
    assert!((334 * 24..=336 * 24 + 12).contains(&(older.len() as i64)), "one an hour before that: {}", older.len());
    let before_last_hour: Vec<&&BalanceSample> = older.iter().filter(|s| s.at < last - 30 * DAY - HOUR).collect();
    assert!(before_last_hour.windows(2).all(|w| w[1].at / HOUR > w[0].at / HOUR), "one per hour");
}

#[test]
fn sandbox_history_stays_in_memory_and_profiles_take_theirs_with_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(HISTORY_FILE);
    let store = HistoryStore::open(Some(path.clone()));
    store.record("real", true, &sample(NOW, 10)).unwrap();
    store.record("sandbox", false, &sample(NOW, 20)).unwrap();
    drop(store);
    let reopened = HistoryStore::open(Some(path));
    assert_eq!(reopened.samples_since("real", true, 0).unwrap(), [sample(NOW, 10)]);
    assert!(reopened.samples_since("sandbox", false, 0).unwrap().is_empty());
    reopened.forget("real").unwrap();
    assert!(reopened.samples_since("real", true, 0).unwrap().is_empty());
}

#[test]
fn an_absurd_figure_is_refused_and_one_saved_before_is_skipped() {
    let store = HistoryStore::in_memory();
    let huge =
        BalanceSample { at: NOW, credits: Decimal::from_i128_with_scale(10_i128.pow(24), 0), currency: "USD".into() };
    assert!(matches!(store.record("p", false, &huge), Err(HistoryError::Refused(_))));
    store.record("p", false, &sample(NOW - 10, 7)).unwrap();
    // As an older version would have saved it, and a row that is not a number at all.
    for (at, text) in [(NOW, "1000000000000000000000000"), (NOW + 1, "garbage")] {
        lock(&store.memory).execute("INSERT INTO samples VALUES ('p', ?1, ?2, 'USD')", params![at, text]).unwrap();
    }
    assert_eq!(store.samples_since("p", false, 0).unwrap(), [sample(NOW - 10, 7)]);
}

#[test]
fn extreme_timestamps_do_not_overflow_the_retention_rules() {
    let store = HistoryStore::in_memory();
    for at in [i64::MIN, i64::MAX, 0, i64::MIN + 1, i64::MAX - 1] {
        store.record("p", false, &sample(at, 1)).unwrap();
    }
}

#[test]
fn exact_decimals_round_trip() {
    let store = HistoryStore::in_memory();
    let half = BalanceSample { at: NOW, credits: Decimal::from_str("4249.50").unwrap(), currency: "AOA".into() };
    store.record("p", false, &half).unwrap();
    let back = store.samples_since("p", false, 0).unwrap();
    assert_eq!(back[0].credits.to_string(), "4249.5");
    assert_eq!(back[0].currency, "AOA");
}

/// Nothing can be loaded into the history's database: `load_extension` is compiled out of the
/// bundled SQLite and refused by the system's one, and schema code is not trusted.
#[test]
fn no_extension_can_be_loaded_and_the_schema_is_not_trusted() {
    let store = HistoryStore::in_memory();
    let connection = lock(&store.memory);
    let loaded = connection
        .query_row("SELECT load_extension('/nonexistent/zexa-test.so')", [], |row| row.get::<_, Option<String>>(0));
    let error = loaded.expect_err("load_extension is refused").to_string();
    // Enabled, it would have tried the file: "cannot open shared object file".
    assert!(error.contains("not authorized") || error.contains("no such function"), "{error}");
    let trusted: i64 = connection.pragma_query_value(None, "trusted_schema", |row| row.get(0)).unwrap();
    assert_eq!(trusted, 0, "schema code is not trusted");
}

/// Whether the SQLite the history runs on was built with extension loading compiled out, as
/// .cargo/config.toml builds the bundled one.
fn load_extension_compiled_out() -> bool {
    let store = HistoryStore::in_memory();
    let connection = lock(&store.memory);
    let omitted: i64 =
        connection.query_row("SELECT sqlite_compileoption_used('OMIT_LOAD_EXTENSION')", [], |row| row.get(0)).unwrap();
    omitted == 1
}

/// The bundled SQLite (macOS, Windows) is built with what the history needs
/// (.cargo/config.toml): no extension loading, no full-text search. Fails if that
/// configuration stops applying.
#[cfg(not(target_os = "linux"))]
#[test]
fn the_bundled_sqlite_has_no_extension_loading_or_full_text_search() {
    assert!(load_extension_compiled_out(), "extension loading is compiled out");
    let store = HistoryStore::in_memory();
    assert!(lock(&store.memory).execute_batch("CREATE VIRTUAL TABLE t USING fts5(x)").is_err());
}

/// On Linux the history uses the system's SQLite, which WebKitGTK has loaded already.
#[cfg(target_os = "linux")]
#[test]
fn linux_uses_the_system_sqlite() {
    assert!(!load_extension_compiled_out(), "the system's SQLite, not the bundled build of .cargo/config.toml");
    let linked = std::fs::read_to_string("/proc/self/maps").unwrap();
    assert!(linked.contains("libsqlite3.so"), "libsqlite3 is linked dynamically");
}
