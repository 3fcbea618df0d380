//! Client settings and base-URL checks.

use std::net::IpAddr;
use std::time::Duration;

use url::{Host, Url};

use crate::error::ApiError;

pub const MAX_BODY_BYTES: usize = 1024 * 1024;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientConfig {
    /// Time allowed to open the TCP + TLS connection.
    pub connect_timeout: Duration,
    /// Deadline for a whole call, every retry and wait included.
    pub total_timeout: Duration,
    /// Attempts per call, the first included (at least 1).
    pub max_attempts: u32,
    /// A `Retry-After` longer than this is not waited for: the call fails with `RateLimited`.
    pub retry_after_cap: Duration,
    /// The first backoff when no `Retry-After` is given; doubles each retry, with jitter.
    pub initial_backoff: Duration,
    /// Largest response body read; anything longer is a `BadResponse`.
    pub max_body_bytes: usize,
    /// `per_page` the list helpers ask for.
    pub page_size: u32,
}

impl Default for ClientConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(30),
            max_attempts: 3,
            retry_after_cap: Duration::from_secs(60),
            initial_backoff: Duration::from_millis(500),
            max_body_bytes: MAX_BODY_BYTES,
            page_size: crate::contract::MAX_PER_PAGE,
        }
    }
}

/// Parses the base URL and refuses plain HTTP unless the host is this machine.
/// The origin (`https://api.zexa.ao`, `http://127.0.0.1:8080`) a key sent to `base_url` goes to:
/// what a stored key is bound to.
pub fn origin_of(base_url: &str) -> Option<String> {
    checked_base_url(base_url).ok().map(|(url, _)| url.origin().ascii_serialization())
}

/// Whether a client would accept `base_url`, and if not why (`InsecureUrl`): the check the
/// profile forms ask for before anything is sent.
pub fn check_base_url(base_url: &str) -> Result<(), ApiError> {
    checked_base_url(base_url).map(|_| ())
}

/// Whether `base_url` is a loopback address (this computer), after the same checks as a client's.
pub fn is_loopback_base_url(base_url: &str) -> bool {
    checked_base_url(base_url).is_ok_and(|(_, loopback)| loopback)
}

pub(crate) fn checked_base_url(base_url: &str) -> Result<(Url, bool), ApiError> {
    let insecure = |reason: &str| ApiError::InsecureUrl { reason: reason.to_owned() };
    let url = Url::parse(base_url.trim()).map_err(|_| insecure("it is not a valid URL"))?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(insecure("it must not have a query or fragment"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(insecure("it must not contain credentials"));
    }
    let loopback = match url.host() {
        Some(Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => return Err(insecure("it has no host")),
    };
    match url.scheme() {
        "https" => Ok((url, loopback)),
        "http" if loopback => Ok((url, loopback)),
        "http" => Err(insecure("plain http is only allowed for this computer (loopback)")),
        _ => Err(insecure("only https:// addresses are allowed")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_are_scheme_host_and_port() {
        assert_eq!(origin_of("https://api.zexa.ao/v1").as_deref(), Some("https://api.zexa.ao"));
        assert_eq!(origin_of("https://API.zexa.ao:443/v1/").as_deref(), Some("https://api.zexa.ao"));
        assert_eq!(origin_of("http://127.0.0.1:8080/v1").as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(origin_of("http://evil.example/v1"), None, "not a usable address");
    }

    #[test]
    fn https_anywhere_http_only_on_loopback() {
        for ok in [
            "https://api.zexa.ao/v1",
            "http://127.0.0.1:8080/v1",
            "http://127.5.6.7/v1",
            "http://[::1]:9/v1",
            "http://localhost:3000/v1",
            "http://LOCALHOST/v1",
        ] {
            assert!(checked_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.zexa.ao/v1",
            "http://10.0.0.1/v1",
            "http://localhost.evil.com/v1",
            "http://[::2]/v1",
            "ftp://127.0.0.1/v1",
            "not a url",
            "https://user:pw@api.zexa.ao/v1",
            "https://api.zexa.ao/v1?x=1",
        ] {
            assert!(matches!(checked_base_url(bad), Err(ApiError::InsecureUrl { .. })), "{bad}");
        }
    }
}
