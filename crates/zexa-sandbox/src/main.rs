//! `zexa-sandbox --listen ADDR --seed demo|empty [--rate-limit N/SECS] [--documented-only]`
//!
//! Prints one JSON line, `{"base_url": ..., "api_key": ...}`, once it accepts connections, then
//! serves until SIGTERM or SIGINT.

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;
use std::time::Duration;

use zexa_sandbox::{RateLimit, SandboxOptions, SandboxServer, Seed};

const USAGE: &str = "usage: zexa-sandbox [--listen ADDR (default 127.0.0.1:0)] [--seed demo|empty (default demo)] \
[--rate-limit REQUESTS/SECONDS] [--spend-per-minute CREDITS] [--documented-only]";

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<SandboxOptions, String> {
    let mut options = SandboxOptions::default();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((flag, value)) => (flag.to_owned(), Some(value.to_owned())),
            None => (arg, None),
        };
        let mut value = || inline.clone().or_else(|| args.next()).ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--listen" => {
                let text = value()?;
                options.listen = text.parse::<SocketAddr>().map_err(|_| format!("--listen: not an address: {text}"))?;
            }
            "--seed" => options.seed = value()?.parse::<Seed>()?,
            "--rate-limit" => options.rate_limit = Some(parse_rate_limit(&value()?)?),
            "--spend-per-minute" => {
                let text = value()?;
                let rate = text
                    .parse::<zexa_api::Decimal>()
                    .ok()
                    .filter(|r| *r >= zexa_api::Decimal::ZERO && *r <= zexa_api::Decimal::from(1_000_000))
                    .ok_or(format!("--spend-per-minute: expected credits a minute such as 2.5, got {text}"))?;
                options.spend_per_minute = Some(rate);
            }
            "--documented-only" => options.documented_only = true,
            "-h" | "--help" => return Err(USAGE.to_owned()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    Ok(options)
}

fn parse_rate_limit(text: &str) -> Result<RateLimit, String> {
    let bad = || format!("--rate-limit: expected REQUESTS/SECONDS such as 60/60, got {text}");
    let (requests, seconds) = text.split_once('/').ok_or_else(bad)?;
    let max_requests = requests.parse().map_err(|_| bad())?;
    let seconds: u64 = seconds.parse().map_err(|_| bad())?;
    if seconds == 0 {
        return Err(bad());
    }
    Ok(RateLimit { max_requests, window: Duration::from_secs(seconds) })
}

async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = term.recv() => {}
                    _ = tokio::signal::ctrl_c() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match SandboxServer::start(options).await {
        Ok(sandbox) => sandbox,
        Err(error) => {
            eprintln!("zexa-sandbox: {error}");
            return ExitCode::from(1);
        }
    };
    // Written by hand to keep the documented key order: base_url, then api_key.
    let line = format!(
        "{{\"base_url\": {}, \"api_key\": {}}}",
        serde_json::Value::String(sandbox.base_url()),
        serde_json::Value::String(sandbox.admin_api_key().expose().clone()),
    );
    let mut stdout = std::io::stdout().lock();
    if writeln!(stdout, "{line}").and_then(|_| stdout.flush()).is_err() {
        return ExitCode::from(1);
    }
    drop(stdout);
    eprintln!("zexa-sandbox: serving {} (admin routes at {})", sandbox.base_url(), sandbox.admin_url());
    wait_for_signal().await;
    sandbox.shutdown().await;
    ExitCode::SUCCESS
}
