//! Shared set-up: a real sandbox on loopback and a client with test-sized timeouts.
#![allow(dead_code)]

use std::time::Duration;

use serde_json::{json, Value};
use zexa_api::{Client, ClientConfig};
use zexa_core::secret::SecretString;
use zexa_sandbox::{SandboxHandle, SandboxOptions, SandboxServer};

pub fn test_config() -> ClientConfig {
    ClientConfig {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(5),
        max_attempts: 3,
        retry_after_cap: Duration::from_secs(2),
        initial_backoff: Duration::from_millis(20),
        ..ClientConfig::default()
    }
}

pub async fn sandbox() -> SandboxHandle {
    SandboxServer::start(SandboxOptions::default()).await.expect("sandbox starts")
}

pub fn client(sandbox: &SandboxHandle) -> Client {
    client_with(sandbox, test_config())
}

pub fn client_with(sandbox: &SandboxHandle, config: ClientConfig) -> Client {
    Client::new(&sandbox.base_url(), sandbox.admin_api_key(), config).expect("loopback URL is allowed")
}

pub fn client_for_key(sandbox: &SandboxHandle, key: &str) -> Client {
    Client::new(&sandbox.base_url(), SecretString::new(key.to_owned()), test_config()).unwrap()
}

pub fn secret(text: &str) -> SecretString {
    SecretString::new(text.to_owned())
}

/// Plain HTTP to `/_sandbox/*`, as the Node end-to-end tests do.
pub struct Admin {
    http: reqwest::Client,
    base: String,
}

impl Admin {
    pub fn new(sandbox: &SandboxHandle) -> Self {
        Self { http: reqwest::Client::builder().no_proxy().build().unwrap(), base: sandbox.admin_url() }
    }

    pub async fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> (u16, Value) {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("admin route answers");
        let status = response.status().as_u16();
        let text = response.text().await.unwrap();
        (status, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() })
    }

    pub async fn get(&self, path: &str) -> Value {
        let (status, body) = self.send(reqwest::Method::GET, path, None).await;
        assert_eq!(status, 200, "{path}: {body}");
        body
    }

    pub async fn post(&self, path: &str, body: Value) -> Value {
        let (status, body) = self.send(reqwest::Method::POST, path, Some(body)).await;
        assert!(status == 200 || status == 201, "{path}: {status} {body}");
        body
    }

    pub async fn fault(&self, method: &str, path: &str, fault: Value, times: Option<u32>) {
        let mut rule = json!({ "method": method, "path": path, "fault": fault });
        if let Some(times) = times {
            rule["times"] = json!(times);
        }
        self.post("/faults", rule).await;
    }

    /// A Member account and its key.
    pub async fn member_key(&self) -> String {
        let created = self.post("/accounts", json!({"name": "Demo Member", "email": "member@demo.zexa.ao"})).await;
        created["api_key"].as_str().unwrap().to_owned()
    }

    pub async fn totp(&self, offset_steps: i64) -> String {
        self.get(&format!("/totp?offset_steps={offset_steps}")).await["code"].as_str().unwrap().to_owned()
    }
}
