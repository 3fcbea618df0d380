//! `zexa inject` writes owner-only and never over a file tracked by git; `zexa sandbox --` gives
//! a command a sandbox of its own, offline, and stops it afterwards.
// Linux: the Secret Service of the test session, gnome-keyring, curl, /proc (see common/mod.rs).
#![cfg(target_os = "linux")]

mod common;

use std::os::unix::fs::PermissionsExt;
use std::process::{Command, Stdio};

use common::{text, Home, Sandbox};

fn git(folder: &std::path::Path, args: &[&str]) {
    let status =
        Command::new("git").args(args).current_dir(folder).stdout(Stdio::null()).status().expect("git is installed");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn inject_writes_the_file_0600_with_the_key_and_refuses_a_tracked_file() {
    let home = Home::new();
    let sandbox = Sandbox::start();
    home.add_profile("Loja", &sandbox.url(), &sandbox.key());
    let work = home.work();
    std::fs::write(work.join("config.tpl"), "api:\n  key: {{ zexa://Loja }}\n  url: fixed\n").unwrap();
    git(&work, &["init", "-q"]);
    std::fs::write(work.join(".gitignore"), "config.yml\n").unwrap();

    let out = home.output(&["inject", "-i", "config.tpl", "-o", "config.yml"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let written = work.join("config.yml");
    assert_eq!(std::fs::read_to_string(&written).unwrap(), format!("api:\n  key: {}\n  url: fixed\n", sandbox.key()));
    assert_eq!(std::fs::metadata(&written).unwrap().permissions().mode() & 0o777, 0o600);
    assert!(text(&out.stderr).contains("now holds an API key"), "it warns: {}", text(&out.stderr));

    // A file git tracks is refused, and left as it was.
    std::fs::write(work.join("tracked.yml"), "old\n").unwrap();
    git(&work, &["add", "tracked.yml"]);
    let refused = home.output(&["inject", "-i", "config.tpl", "-o", "tracked.yml"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused.stderr));
    assert!(text(&refused.stderr).contains("tracked by git"), "{}", text(&refused.stderr));
    assert_eq!(std::fs::read_to_string(work.join("tracked.yml")).unwrap(), "old\n");

    // To stdout, with the warning on stderr; an unknown profile is a usage error.
    let to_stdout =
        home.zexa(&["inject"]).stdin(std::fs::File::open(work.join("config.tpl")).unwrap()).output().unwrap();
    assert!(text(&to_stdout.stdout).contains(&sandbox.key()));
    assert!(text(&to_stdout.stderr).contains("holds an API key"));
    std::fs::write(work.join("bad.tpl"), "{{ zexa://Nope }}").unwrap();
    assert_eq!(home.output(&["inject", "-i", "bad.tpl"]).status.code(), Some(2));

    let log = std::fs::read_to_string(home.usage_log()).unwrap();
    assert!(log.contains("\"command\":\"inject\"") && !log.contains(&sandbox.key()));
}

/// The command calls the API; the sandbox's address is then closed.
const CALLS_THE_API: &str = r#"code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ZEXA_API_KEY" "$ZEXA_API_URL/credits"); echo "$code $ZEXA_API_URL""#;

/// `(http code, url)` the command printed.
fn code_and_url(out: &std::process::Output) -> (String, String) {
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let (code, url) = stdout.trim().split_once(' ').unwrap_or_else(|| panic!("{stdout}"));
    (code.to_owned(), url.to_owned())
}

#[test]
fn sandbox_runs_the_command_against_a_fresh_sandbox_offline_and_stops_it_afterwards() {
    let home = Home::new();
    // On this machine's loopback: the sandbox's address is closed once the command has ended.
    let (code, url) = code_and_url(&home.output(&["sandbox", "--", "sh", "-c", CALLS_THE_API]));
    assert_eq!(code, "200", "the command reached the sandbox");
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let addr = url.trim_start_matches("http://").trim_end_matches("/v1");
    assert!(std::net::TcpStream::connect(addr).is_err(), "the sandbox stopped with the command");

    // Offline: in a network namespace of its own with nothing but loopback, where this machine
    // allows one (root, as in CI; iproute2 to bring loopback up).
    let netns = Command::new("unshare")
        .args(["-n", "ip", "link", "set", "lo", "up"])
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if netns {
        let script =
            format!("ip link set lo up && exec \"$0\" sandbox -- sh -c '{}'", CALLS_THE_API.replace('\'', "'\\''"));
        let out = Command::new("unshare")
            .args(["-n", "sh", "-c", &script, common::ZEXA])
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_DATA_HOME", home.path().join("data"))
            .output()
            .unwrap();
        assert_eq!(code_and_url(&out).0, "200", "offline too");
    } else {
        eprintln!("no network namespace here (not root or no iproute2): the offline run was not made");
    }
    // The command's own exit code.
    let failed = home.output(&["sandbox", "--", "sh", "-c", "exit 9"]);
    assert_eq!(failed.status.code(), Some(9));
}
