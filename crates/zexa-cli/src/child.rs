//! Starting the command of `zexa run` and `zexa sandbox --`, and staying out of its way.
//!
//! * **Terminal or not.** A stream that is a terminal is given to the child as it is: it sees a
//!   TTY (colours, line editing, a REPL), and its output passes untouched. A stream that is a pipe
//!   or a file goes through a pipe of ours and [`crate::mask::Masker`] on its way out.
//! * **Same process group.** The child stays in zexa's process group and session, so the
//!   terminal's job control (Ctrl-Z, `fg`, reading the TTY) treats the two as one job. A new
//!   group would make it a background job that stops on its first read from the terminal.
//! * **Signals.** INT, TERM and HUP are caught (zexa must outlive the child to give its exit
//!   code) and forwarded, except those the kernel sent: a Ctrl-C, or the terminal hanging up,
//!   goes to the whole foreground group, so the child has already had it, and a second SIGINT
//!   would make a `node` REPL quit instead of asking.
//! * **Exit code.** The child's, or 128 + the signal that ended it.

use std::ffi::OsString;
use std::io::{IsTerminal, Read, Write};
use std::process::{Command, Stdio};

use zexa_core::error::ErrorCode;
use zexa_core::ipc_error;

use crate::exit::{Failure, Outcome, NOT_EXECUTABLE, NOT_FOUND, SIGNAL_BASE};
use crate::mask::Masker;

pub struct Launch {
    pub command: Vec<OsString>,
    /// Set in the child's environment on top of zexa's own.
    pub env: Vec<(String, String)>,
    /// Masked in what the child writes to a pipe or a file; empty: nothing is masked.
    pub mask: Vec<Vec<u8>>,
}

/// Runs the command to its end; returns its exit code (or 128 + signal).
pub fn run(launch: Launch) -> Outcome<i32> {
    let (program, args) = launch.command.split_first().expect("clap requires a command");
    let mut command = Command::new(program);
    command.args(args).envs(launch.env.iter().map(|(k, v)| (k, v))).stdin(Stdio::inherit());
    let pipe_out = !launch.mask.is_empty() && !std::io::stdout().is_terminal();
    let pipe_err = !launch.mask.is_empty() && !std::io::stderr().is_terminal();
    command.stdout(if pipe_out { Stdio::piped() } else { Stdio::inherit() });
    command.stderr(if pipe_err { Stdio::piped() } else { Stdio::inherit() });

    // Caught before the child exists, so there is no moment when a TERM kills zexa but not it.
    let signals = forwarding::Forwarder::install()?;
    let mut child = command.spawn().map_err(|error| not_started(program, &error))?;
    signals.forward_to(child.id());

    let mut pumps = Vec::new();
    if let Some(out) = child.stdout.take() {
        let mask = launch.mask.clone();
        pumps.push(std::thread::spawn(move || pump(out, std::io::stdout(), &mask)));
    }
    if let Some(err) = child.stderr.take() {
        let mask = launch.mask.clone();
        pumps.push(std::thread::spawn(move || pump(err, std::io::stderr(), &mask)));
    }
    let status = signals.wait(&mut child)?;
    for pump in pumps {
        let _ = pump.join();
    }
    Ok(exit_code(status))
}

fn not_started(program: &OsString, error: &std::io::Error) -> Failure {
    let name = program.to_string_lossy().into_owned();
    let (id, exit) = match error.kind() {
        std::io::ErrorKind::NotFound => {
            (ipc_error!(ErrorCode::InvalidInput, "cli-command-not-found", command = name.as_str()), NOT_FOUND)
        }
        _ => (
            ipc_error!(ErrorCode::Io, "cli-command-not-started", command = name.as_str(), detail = error.to_string()),
            NOT_EXECUTABLE,
        ),
    };
    Failure::new(id, exit)
}

/// Copies a child's stream out, masked. When our side is gone (`zexa run … | head -1`), the pipe
/// is dropped so the child gets EPIPE as it would have without zexa.
fn pump(mut from: impl Read, mut to: impl Write, keys: &[Vec<u8>]) {
    let mut masker = Masker::new(keys.iter().map(Vec::as_slice));
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let read = match from.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let out = masker.feed(&buffer[..read]);
        if to.write_all(&out).and_then(|()| to.flush()).is_err() {
            return;
        }
    }
    let _ = to.write_all(&masker.finish()).and_then(|()| to.flush());
}

fn exit_code(status: std::process::ExitStatus) -> i32 {
    #[cfg(unix)]
    if let Some(signal) = std::os::unix::process::ExitStatusExt::signal(&status) {
        return SIGNAL_BASE + signal;
    }
    status.code().unwrap_or(1)
}

#[cfg(unix)]
mod forwarding {
    use std::sync::{Arc, Mutex};

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::exfiltrator::WithOrigin;
    use signal_hook::iterator::{Handle, SignalsInfo};
    use signal_hook::low_level::siginfo::Cause;
    use zexa_core::error::ErrorCode;
    use zexa_core::ipc_error;

    use crate::exit::{Failure, Outcome};

    pub struct Forwarder {
        /// The child while it can be signalled: cleared before it is reaped, so a signal is
        /// never sent to a process id the system has given to someone else.
        child: Arc<Mutex<Option<libc::pid_t>>>,
        handle: Handle,
        thread: Option<std::thread::JoinHandle<()>>,
    }

    impl Forwarder {
        pub fn install() -> Outcome<Self> {
            let mut signals = SignalsInfo::<WithOrigin>::new([SIGINT, SIGTERM, SIGHUP]).map_err(|e| {
                Failure::from(ipc_error!(ErrorCode::Internal, "cli-signals-not-caught", detail = e.to_string()))
            })?;
            let handle = signals.handle();
            let child: Arc<Mutex<Option<libc::pid_t>>> = Arc::default();
            let target = child.clone();
            let thread = std::thread::spawn(move || {
                for origin in signals.forever() {
                    // From the terminal (Ctrl-C, hang-up): the child, in our group, had it too.
                    if matches!(origin.cause, Cause::Kernel) {
                        continue;
                    }
                    let pid = *target.lock().unwrap_or_else(|p| p.into_inner());
                    if let Some(pid) = pid {
                        // SAFETY: kill only sends a signal; the pid is our unreaped child.
                        unsafe { libc::kill(pid, origin.signal) };
                    }
                }
            });
            Ok(Self { child, handle, thread: Some(thread) })
        }

        pub fn forward_to(&self, pid: u32) {
            *self.child.lock().unwrap_or_else(|p| p.into_inner()) = Some(pid as libc::pid_t);
        }

        /// Waits for the child to end, stops forwarding, then reaps it.
        pub fn wait(mut self, child: &mut std::process::Child) -> Outcome<std::process::ExitStatus> {
            let pid = child.id() as libc::pid_t;
            loop {
                // SAFETY: a zeroed siginfo_t is a valid out-parameter; WNOWAIT leaves the child
                // unreaped, so its pid stays ours until `child.wait()` below.
                let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
                let done =
                    unsafe { libc::waitid(libc::P_PID, pid as libc::id_t, &mut info, libc::WEXITED | libc::WNOWAIT) };
                if done == 0 || std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                    break;
                }
            }
            self.child.lock().unwrap_or_else(|p| p.into_inner()).take();
            self.handle.close();
            if let Some(thread) = self.thread.take() {
                let _ = thread.join();
            }
            child
                .wait()
                .map_err(|e| Failure::from(ipc_error!(ErrorCode::Internal, "cli-child-lost", detail = e.to_string())))
        }
    }
}

#[cfg(not(unix))]
mod forwarding {
    //! Windows: Ctrl-C reaches every process on the console, the child included, so there is
    //! nothing to forward; zexa only has to outlive the child to give its exit code.
    use crate::exit::Outcome;

    pub struct Forwarder;

    impl Forwarder {
        pub fn install() -> Outcome<Self> {
            Ok(Self)
        }
        pub fn forward_to(&self, _pid: u32) {}
        pub fn wait(self, child: &mut std::process::Child) -> Outcome<std::process::ExitStatus> {
            child.wait().map_err(|e| {
                crate::exit::Failure::from(zexa_core::ipc_error!(
                    zexa_core::error::ErrorCode::Internal,
                    "cli-child-lost",
                    detail = e.to_string()
                ))
            })
        }
    }
}
