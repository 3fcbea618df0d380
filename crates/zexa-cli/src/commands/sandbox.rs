//! `zexa sandbox [-- COMMAND [ARGS...]]`: a fresh local sandbox, the same server the app embeds
//! (`zexa-sandbox`), with its demo account. With a command, the command gets `ZEXA_API_KEY` and
//! `ZEXA_API_URL` pointing at it and the sandbox stops when the command ends; without one, it
//! prints where it is and serves until interrupted. Nothing leaves this computer.

use std::io::Write;

use zexa_core::error::ErrorCode;
use zexa_core::i18n::t;
use zexa_core::ipc_error;
use zexa_sandbox::{SandboxOptions, SandboxServer};

use crate::child::{self, Launch};
use crate::cli::SandboxArgs;
use crate::commands::run::URL_VAR;
use crate::exit::{Failure, Outcome, OK};

pub fn run(args: SandboxArgs) -> Outcome<i32> {
    // The server needs a runtime of its own while the command runs on this thread.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("a tokio runtime starts");
    let options = SandboxOptions { listen: args.listen, ..SandboxOptions::default() };
    let sandbox = runtime
        .block_on(SandboxServer::start(options))
        .map_err(|e| Failure::from(ipc_error!(ErrorCode::Io, "cli-sandbox-not-started", detail = e.to_string())))?;
    let (url, key) = (sandbox.base_url(), sandbox.admin_api_key());
    let code = if args.command.is_empty() {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{URL_VAR}={url}\nZEXA_API_KEY={}", key.expose());
        let _ = out.flush();
        drop(out);
        crate::output::warn(&t!("cli-sandbox-serving", url = url.as_str()));
        runtime.block_on(until_interrupted());
        OK as i32
    } else {
        // The demo key is no secret: nothing to mask.
        child::run(Launch {
            command: args.command,
            env: vec![("ZEXA_API_KEY".into(), key.expose().clone()), (URL_VAR.into(), url)],
            mask: Vec::new(),
        })?
    };
    runtime.block_on(sandbox.shutdown());
    Ok(code)
}

async fn until_interrupted() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        let (Ok(mut term), Ok(mut hup)) = (signal(SignalKind::terminate()), signal(SignalKind::hangup())) else {
            let _ = tokio::signal::ctrl_c().await;
            return;
        };
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = term.recv() => {}
            _ = hup.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}
