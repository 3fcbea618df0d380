//! The Zexa API: the contract's paths and wire types ([`contract`]), a typed client that is
//! strict about transport security and tolerant of faults ([`Client`]), and TOTP ([`totp`]).
//!
//! See docs/api-client.md for the error and retry rules.

mod client;
mod config;
pub mod contract;
pub mod decimal;
mod error;
mod pagination;
mod shared_credits;
pub mod totp;
mod transport;

pub use client::{decode_body, normalize_api_key, Client};
pub use config::{check_base_url, is_loopback_base_url, origin_of, ClientConfig, MAX_BODY_BYTES};
pub use error::{ApiError, BadResponseKind};
pub use pagination::fetch_all_pages;
pub use rust_decimal::Decimal;
pub use shared_credits::SharedCredits;
pub use transport::{capped, MAX_RETRY_AFTER, MAX_SERVER_MESSAGE_CHARS};
