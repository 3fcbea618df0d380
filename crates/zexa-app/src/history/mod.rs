//! Balance history and the credit runway: every balance the app fetches becomes a sample in an
//! embedded SQLite database ([`store`]); [`forecast`] turns the last days into a spending rate
//! and a date when credits run out, and the runway alert warns before they do.

pub mod forecast;
pub mod service;
pub mod store;

pub use forecast::Runway;
pub use service::{RunwayView, SparkPoint};
pub use store::{BalanceSample, HistoryStore, HISTORY_FILE};
