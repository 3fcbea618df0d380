//! `zexa run` as a program sees it: env-file references, masking on pipes and not on a terminal,
//! signals and exit codes, and the usage log. Real child processes, a real pseudo-terminal, the
//! real Secret Service of the test session.
// Linux: the Secret Service of the test session, gnome-keyring, curl, /proc (see common/mod.rs).
#![cfg(target_os = "linux")]

mod common;

use std::io::Read;
use std::os::fd::{FromRawFd, OwnedFd};
use std::process::Stdio;
use std::time::Duration;

use common::{text, wait_until, Home, Sandbox};

const MASK: &str = "<concealed by zexa>";

fn home_with_profile() -> (Home, Sandbox) {
    let home = Home::new();
    let sandbox = Sandbox::start();
    home.add_profile("Loja", &sandbox.url(), &sandbox.key());
    (home, sandbox)
}

#[test]
fn env_file_references_become_keys_plain_lines_pass_and_keys_are_masked_on_a_pipe() {
    let (home, sandbox) = home_with_profile();
    let env = home.work().join(".env");
    std::fs::write(&env, "# safe to commit\nLOJA_KEY=zexa://loja\nGREETING=\"olá\"\n").unwrap();
    let seen = home.work().join("seen");
    let script = format!(
        r#"printf '%s|%s' "$LOJA_KEY" "$GREETING" > {seen}; echo "key=$LOJA_KEY main=$ZEXA_API_KEY greeting=$GREETING" >&2; echo "out $ZEXA_API_KEY""#,
        seen = seen.display()
    );
    let out = home.output(&["run", "--env-file", ".env", "--", "sh", "-c", &script]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&seen).unwrap(), format!("{}|olá", sandbox.key()));
    assert_eq!(text(&out.stdout), format!("out {MASK}\n"));
    assert_eq!(text(&out.stderr), format!("key={MASK} main={MASK} greeting=olá\n"));
}

#[test]
fn a_key_split_across_two_writes_is_still_masked() {
    let (home, sandbox) = home_with_profile();
    let (half, go) = (home.work().join("half-written"), home.work().join("go"));
    // The first half is written, then the child waits for the test before the second half.
    let script = format!(
        r#"k="$ZEXA_API_KEY"; n=$((${{#k}} / 2)); first=$(printf %s "$k" | cut -c1-$n); rest=$(printf %s "$k" | cut -c$((n + 1))-);
printf 'before %s' "$first"; touch {half}; while [ ! -e {go} ]; do sleep 0.01; done; printf '%s after\n' "$rest""#,
        half = half.display(),
        go = go.display()
    );
    let child =
        home.zexa(&["run", "--", "sh", "-c", &script]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    wait_until("the first half", Duration::from_secs(10), || half.exists());
    std::fs::write(&go, "").unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), format!("before {MASK} after\n"));
    assert!(!text(&out.stdout).contains(&sandbox.key()[..8]));
}

/// A pseudo-terminal pair: (controller, terminal) file descriptors.
fn pty() -> (OwnedFd, OwnedFd) {
    let (mut controller, mut terminal) = (0, 0);
    // SAFETY: openpty writes two new descriptors; the null name/termios/winsize are allowed.
    let rc = unsafe {
        libc::openpty(&mut controller, &mut terminal, std::ptr::null_mut(), std::ptr::null(), std::ptr::null())
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    // SAFETY: both were just opened and are owned here only.
    unsafe { (OwnedFd::from_raw_fd(controller), OwnedFd::from_raw_fd(terminal)) }
}

#[test]
fn on_a_terminal_the_output_passes_untouched_and_stdin_works() {
    let (home, sandbox) = home_with_profile();
    let (controller, terminal) = pty();
    let script = r#"test -t 0 && test -t 1 && echo "tty yes"; printf '\033[32m%s\033[0m\n' "$ZEXA_API_KEY"; read line; echo "got:$line""#;
    let mut child = home
        .zexa(&["run", "--", "sh", "-c", script])
        .stdin(Stdio::from(terminal.try_clone().unwrap()))
        .stdout(Stdio::from(terminal.try_clone().unwrap()))
        .stderr(Stdio::from(terminal))
        .spawn()
        .unwrap();
    let mut reader = std::fs::File::from(controller);
    let mut writer = reader.try_clone().unwrap();
    std::io::Write::write_all(&mut writer, b"hello\n").unwrap();
    let mut seen = Vec::new();
    let mut buffer = [0u8; 4096];
    // Read until the child's answer shows (the terminal echoes the typed line too).
    wait_until("the child's answer on the terminal", Duration::from_secs(20), || {
        if let Ok(n) = reader.read(&mut buffer) {
            seen.extend_from_slice(&buffer[..n]);
        }
        text(&seen).contains("got:hello")
    });
    assert!(child.wait().unwrap().success());
    let seen = text(&seen);
    assert!(seen.contains("tty yes"), "{seen}");
    assert!(seen.contains(&format!("\x1b[32m{}\x1b[0m", sandbox.key())), "unchanged, colours included: {seen:?}");
    assert!(!seen.contains(MASK));
}

#[test]
fn sigterm_reaches_the_child_and_the_exit_code_is_143_a_childs_7_is_7() {
    let (home, _sandbox) = home_with_profile();
    let pid_file = home.work().join("child.pid");
    let script = format!("echo $$ > {}.tmp && mv {0}.tmp {0}; exec sleep 600", pid_file.display());
    let child =
        home.zexa(&["run", "--", "sh", "-c", &script]).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    wait_until("the child to start", Duration::from_secs(10), || pid_file.exists());
    let grandchild: i32 = std::fs::read_to_string(&pid_file).unwrap().trim().parse().unwrap();
    // SAFETY: sends SIGTERM to the zexa process this test started.
    assert_eq!(unsafe { libc::kill(child.id() as i32, libc::SIGTERM) }, 0);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(143), "zexa exits (it is not killed) with 128+15: {}", text(&out.stderr));
    // SAFETY: signal 0 only asks whether the process exists.
    assert_ne!(unsafe { libc::kill(grandchild, 0) }, 0, "the child got the signal and is gone");

    let seven = home.output(&["run", "--", "sh", "-c", "exit 7"]);
    assert_eq!(seven.status.code(), Some(7));
    let missing = home.output(&["run", "--", "no-such-command-zexa-test"]);
    assert_eq!(missing.status.code(), Some(127));
}

#[test]
fn the_usage_log_names_the_program_and_folder_and_holds_no_secret_and_no_argument() {
    let (home, sandbox) = home_with_profile();
    let out = home.output(&["run", "--", "sh", "-c", "echo $ZEXA_API_KEY; exit 3", "ARGUMENT_MARKER"]);
    assert_eq!(out.status.code(), Some(3));
    let log = std::fs::read_to_string(home.usage_log()).unwrap();
    assert!(!log.contains(&sandbox.key()), "no key in the usage log");
    assert!(!log.contains("ARGUMENT_MARKER") && !log.contains("echo"), "no argument: {log}");
    let entry: serde_json::Value = serde_json::from_str(log.lines().last().unwrap()).unwrap();
    assert_eq!(entry["program"], "sh");
    assert_eq!(entry["command"], "run");
    assert_eq!(entry["profile_id"], home.profile_id("Loja").as_str());
    assert_eq!(entry["folder"], home.work().canonicalize().unwrap().to_str().unwrap());
    assert_eq!(entry["exit_code"], 3);
    // What the window reads.
    let uses = zexa_profiles::usage::UsageLog::at(home.usage_log()).latest_for(&home.profile_id("Loja"));
    assert_eq!(uses.len(), 1);
    assert_eq!(uses[0].program, "sh");
}
