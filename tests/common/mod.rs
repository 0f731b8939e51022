//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different part")]

pub mod app;
pub mod scripted;

use std::path::PathBuf;

/// The folder of the official OpenAPI specs and examples (`../shared/spec` beside the repo),
/// or `IEJOBS_SPEC_DIR`.
pub fn spec_dir() -> PathBuf {
    std::env::var_os("IEJOBS_SPEC_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/spec"),
        PathBuf::from,
    )
}

/// The folder of the responses recorded from the live service (`../shared/recordings` beside
/// the repo), or `IEJOBS_RECORDINGS_DIR`.
pub fn recordings_dir() -> PathBuf {
    std::env::var_os("IEJOBS_RECORDINGS_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/recordings"),
        PathBuf::from,
    )
}

/// Reads one example file as JSON.
pub fn example(version: &str, file: &str) -> serde_json::Value {
    let path = spec_dir().join(version).join("examples").join(file);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The body of the example's response with `status`.
pub fn example_body(version: &str, file: &str, status: &str) -> serde_json::Value {
    example(version, file)["responses"][status]["body"].clone()
}

use std::sync::Arc;
use std::time::Duration;

use iejobs::arm::{ArmClient, ClientConfig, RetryPolicy, Secret, StaticToken};
use iejobs::emulator::scenario::Scenario;
use iejobs::emulator::{Emulator, EmulatorConfig};

/// The token tests send; it must never show up where it should not.
pub const TEST_TOKEN: &str = "test-token-7c1e";

/// Starts an emulator on 127.0.0.1:0 with a frozen clock (speed 0): tests move time with
/// `advance`, so nothing depends on how fast the machine is.
pub async fn emulator(scenario: Scenario) -> Emulator {
    let config = EmulatorConfig {
        scenario,
        speed: 0.0,
        seed: 7,
        ..EmulatorConfig::default()
    };
    Emulator::start("127.0.0.1:0", config).await.unwrap()
}

/// A client for `url` with short retry waits.
pub fn client(url: &str) -> ArmClient {
    client_with_timeout(url, Duration::from_secs(20))
}

/// A client for `url` with short retry waits (3 attempts) and `timeout` per attempt.
pub fn client_with_timeout(url: &str, timeout: Duration) -> ArmClient {
    let mut config = ClientConfig::new(url).unwrap();
    config.retry = RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        max_retry_after: Duration::from_secs(5),
    };
    config.request_timeout = timeout;
    ArmClient::new(
        config,
        Arc::new(StaticToken::new(Secret::new(TEST_TOKEN), "tests")),
    )
    .unwrap()
}

/// Takes the worker's events until `done` says stop (that event included); fails after 20 s.
pub fn events_until(
    worker: &mut iejobs::worker::WorkerHandle,
    what: &str,
    mut done: impl FnMut(&iejobs::model::Event) -> bool,
) -> Vec<iejobs::model::Event> {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    loop {
        while let Some(event) = worker.try_recv() {
            let stop = done(&event);
            seen.push(event);
            if stop {
                return seen;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}; saw {} events",
            seen.len()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits (20 s at most) until the worker's status satisfies `done`, draining its events
/// meanwhile; returns the status and the events seen.
pub fn status_until(
    worker: &mut iejobs::worker::WorkerHandle,
    what: &str,
    mut done: impl FnMut(&iejobs::model::WorkerStatus) -> bool,
) -> (iejobs::model::WorkerStatus, Vec<iejobs::model::Event>) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let mut seen = Vec::new();
    loop {
        while let Some(event) = worker.try_recv() {
            seen.push(event);
        }
        let status = worker.status();
        if done(&status) {
            return (status, seen);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {what}; status {status:?}"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Waits for the end of the first listing of each of `subscriptions`.
pub fn first_listings(
    worker: &mut iejobs::worker::WorkerHandle,
    subscriptions: &[String],
) -> Vec<iejobs::model::Event> {
    let mut left: Vec<String> = subscriptions.to_vec();
    events_until(worker, "the first listings", |e| {
        if let iejobs::model::Event::ListingDone { subscription, .. } = e {
            left.retain(|s| !s.eq_ignore_ascii_case(subscription));
        }
        left.is_empty()
    })
}

/// A request with `token` and an optional JSON body; returns the status, the headers and the
/// JSON body (`Null` when empty).
pub async fn http(
    method: reqwest::Method,
    url: &str,
    token: &str,
    body: Option<serde_json::Value>,
) -> (u16, reqwest::header::HeaderMap, serde_json::Value) {
    let mut request = reqwest::Client::new()
        .request(method, url)
        .bearer_auth(token);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let value = if text.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    };
    (status, headers, value)
}
