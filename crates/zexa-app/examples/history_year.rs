//! Measures the balance history at its largest: a year of 5-minute polls for one profile,
//! written as the monitor writes them, then the file size and the time to read the year back
//! and compute the forecast. `cargo run --release -p zexa-app --example history_year`

use std::time::Instant;

use zexa_api::Decimal;
use zexa_app::history::forecast::forecast;
use zexa_app::history::{BalanceSample, HistoryStore, HISTORY_FILE};

fn main() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let path = dir.path().join(HISTORY_FILE);
    let store = HistoryStore::open(Some(path.clone()));
    let now = 1_795_000_000_i64;
    let start = now - 365 * 24 * 3600;
    let polls = 365 * 24 * 12;
    let writing = Instant::now();
    for n in 0..=polls {
        let at = start + n * 300;
        // About 140 credits a day, with a 5,000-credit top-up every 30 days.
        let credits = 100_000 - (n * 140 / 288) + (n / (30 * 288)) * 5_000;
        let sample = BalanceSample { at, credits: Decimal::from(credits), currency: "USD".into() };
        store.record("prof_measure", true, &sample).expect("recorded");
    }
    let wrote = writing.elapsed();
    drop(store);
    let size = std::fs::metadata(&path).expect("the file").len();

    let store = HistoryStore::open(Some(path));
    let reading = Instant::now();
    let year = store.samples_since("prof_measure", true, 0).expect("read");
    let runway = forecast(&year, now);
    let computed = reading.elapsed();
    println!("polls written: {} in {:.1} s", polls + 1, wrote.as_secs_f64());
    println!("samples kept: {}", year.len());
    println!("database size: {size} bytes ({:.2} MiB)", size as f64 / 1024.0 / 1024.0);
    println!("read the year and compute the forecast: {:.1} ms", computed.as_secs_f64() * 1000.0);
    println!("forecast: {runway:?}");
}
