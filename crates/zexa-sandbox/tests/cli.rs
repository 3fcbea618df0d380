//! The `zexa-sandbox` program as end-to-end tests run it.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

fn spawn(args: &[&str]) -> (Child, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zexa-sandbox"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.as_mut().unwrap()).read_line(&mut line).unwrap();
    assert!(line.starts_with("{\"base_url\": "), "{line}");
    (child, serde_json::from_str(&line).unwrap())
}

fn terminate(mut child: Child) -> std::process::ExitStatus {
    let status = Command::new("kill").arg("-TERM").arg(child.id().to_string()).status().unwrap();
    assert!(status.success());
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut rest = String::new();
            child.stdout.take().unwrap().read_to_string(&mut rest).unwrap();
            assert_eq!(rest, "", "exactly one line on stdout");
            return status;
        }
        assert!(started.elapsed() < Duration::from_secs(5), "exits promptly on SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    }
}

async fn get(url: &str, key: Option<&str>) -> (u16, Value) {
    let client = reqwest::Client::builder().no_proxy().build().unwrap();
    let mut request = client.get(url);
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.json().await.unwrap())
}

#[tokio::test]
async fn demo_seed_prints_one_line_serves_and_exits_on_sigterm() {
    let (child, line) = spawn(&["--listen", "127.0.0.1:0", "--seed", "demo"]);
    let base_url = line["base_url"].as_str().unwrap();
    let key = line["api_key"].as_str().unwrap();
    assert!(base_url.starts_with("http://127.0.0.1:") && base_url.ends_with("/v1"), "{base_url}");
    let (status, credits) = get(&format!("{base_url}/credits"), Some(key)).await;
    assert_eq!((status, credits), (200, serde_json::json!({"credits": 4250, "currency": "USD"})));
    let (status, keys) = get(&format!("{}/_sandbox/api-keys", base_url.trim_end_matches("/v1")), None).await;
    assert_eq!(status, 200);
    assert_eq!(keys["data"].as_array().unwrap().len(), 4);
    assert!(terminate(child).success());
}

#[tokio::test]
async fn empty_seed_has_no_credits_and_only_its_own_key() {
    let (child, line) = spawn(&["--seed=empty"]);
    let base_url = line["base_url"].as_str().unwrap();
    let key = line["api_key"].as_str().unwrap();
    let (_, credits) = get(&format!("{base_url}/credits"), Some(key)).await;
    assert_eq!(credits["credits"], 0);
    let (_, keys) = get(&format!("{base_url}/api-keys"), Some(key)).await;
    assert_eq!(keys["meta"]["total"], 1);
    let (_, sessions) = get(&format!("{base_url}/sessions"), Some(key)).await;
    assert_eq!(sessions["meta"]["total"], 0);
    assert!(terminate(child).success());
}

#[test]
fn bad_arguments_exit_with_usage() {
    for args in [&["--seed", "lots"][..], &["--listen", "nowhere"], &["--frobnicate"], &["--rate-limit", "5"]] {
        let output = Command::new(env!("CARGO_BIN_EXE_zexa-sandbox")).args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
    }
}
