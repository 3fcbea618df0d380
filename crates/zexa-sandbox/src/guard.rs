//! What keeps the sandbox from being used by anyone but its user: every route checks `Host`
//! (so a web page cannot reach it through DNS rebinding), the admin routes can require a
//! per-launch token or be left out entirely (the app's embedded instance), and every number the
//! admin API accepts is bounded (a fault, a clock jump or a balance must never crash the process
//! that embeds the sandbox).

use axum::extract::{Request, State};
use axum::http::header::HOST;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use zexa_core::secret::SecretString;

use crate::http::ApiFailure;
use crate::server::ConnectionContext;

/// The header that carries the admin token.
pub const ADMIN_TOKEN_HEADER: &str = "x-zexa-sandbox-token";

/// Who may use `/_sandbox/*`.
#[derive(Clone, Debug, Default)]
pub enum AdminAccess {
    /// Loopback peers (the CLI and the tests).
    #[default]
    Loopback,
    /// Loopback peers that send this token in [`ADMIN_TOKEN_HEADER`].
    Token(SecretString),
    /// Not mounted (the app's embedded sandbox, unless its tests ask for a token).
    Off,
}

impl AdminAccess {
    /// The admin routes of the sandbox the app embeds, given the per-launch token the end-to-end
    /// tests pass (`ZEXA_SANDBOX_ADMIN_TOKEN`). Only a debug build (what those tests run) honours
    /// it; a release build never mounts the routes, so no environment variable can give another
    /// local program a way to fake a balance or plant a fault in a user's app.
    pub fn for_embedded(launch_token: Option<SecretString>) -> Self {
        match launch_token {
            Some(token) if cfg!(debug_assertions) => Self::Token(token),
            _ => Self::Off,
        }
    }
}

/// Only `127.0.0.0/8`, `::1` and `localhost` (any port) are accepted as `Host`.
pub fn is_loopback_host(host: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(rest) => rest.split(']').next().unwrap_or_default(),
        None => host
            .rsplit_once(':')
            .map_or(host, |(name, port)| if port.bytes().all(|b| b.is_ascii_digit()) { name } else { host }),
    };
    name.eq_ignore_ascii_case("localhost")
        || name.parse::<std::net::IpAddr>().is_ok_and(|ip| ip.to_canonical().is_loopback())
}

pub async fn require_loopback_host(request: Request, next: Next) -> Response {
    let host = request.headers().get(HOST).and_then(|h| h.to_str().ok()).unwrap_or_default();
    if !is_loopback_host(host) {
        return ApiFailure::forbidden("The sandbox answers requests addressed to a loopback host only.")
            .into_response();
    }
    next.run(request).await
}

pub async fn require_admin_access(State(access): State<AdminAccess>, request: Request, next: Next) -> Response {
    let loopback = request.extensions().get::<ConnectionContext>().is_some_and(|c| c.peer_is_loopback());
    if !loopback {
        return ApiFailure::forbidden("Sandbox admin routes answer loopback peers only.").into_response();
    }
    if let AdminAccess::Token(token) = &access {
        let sent = request.headers().get(ADMIN_TOKEN_HEADER).map(|v| v.as_bytes()).unwrap_or_default();
        if !crate::state::constant_time_eq(sent, token.expose().as_bytes()) {
            return ApiFailure::forbidden("This sandbox's admin routes need its token.").into_response();
        }
    }
    next.run(request).await
}

/// The largest values the admin API takes.
pub mod limits {
    pub const MAX_DELAY_MS: u64 = 60_000;
    pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
    pub const MAX_RETRY_AFTER_SECS: u64 = 86_400;
    pub const MAX_TIMES: u32 = 1_000_000;
    pub const MAX_PATH_CHARS: usize = 512;
    /// Ten years: enough for every expiry and lock-out, far from `SystemTime`'s limits.
    pub const MAX_CLOCK_SECS: u64 = 10 * 365 * 24 * 3600;
    pub const MAX_TEXT_CHARS: usize = 200;
    pub const MAX_OFFSET_STEPS: i64 = 100_000;
    pub const MAX_ABS_CREDITS: i64 = 1_000_000_000_000;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_debug_build_honours_the_embedded_sandboxs_launch_token() {
        let access = AdminAccess::for_embedded(Some(SecretString::new("per-launch".into())));
        if cfg!(debug_assertions) {
            assert!(matches!(access, AdminAccess::Token(ref t) if t.expose() == "per-launch"), "{access:?}");
        } else {
            assert!(matches!(access, AdminAccess::Off), "a release build ignores the token: {access:?}");
        }
        assert!(matches!(AdminAccess::for_embedded(None), AdminAccess::Off));
    }

    #[test]
    fn only_loopback_hosts_pass() {
        for good in ["127.0.0.1:8080", "127.0.0.1", "localhost:1", "LOCALHOST", "[::1]:9", "127.8.9.10:80"] {
            assert!(is_loopback_host(good), "{good}");
        }
        for bad in [
            "",
            "evil.example",
            "evil.example:8080",
            "192.168.1.2:8080",
            "[2001:db8::1]:80",
            "127.0.0.1.evil.example",
            "localhost.evil.example:80",
        ] {
            assert!(!is_loopback_host(bad), "{bad}");
        }
    }
}
