//! The `iejobs-emulator` binary as scripts use it, and the official Python SDK against it.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use std::io::{BufRead as _, BufReader};
use std::process::{Child, Command, Stdio};

/// Starts the binary on a free port and reads its ready line.
fn start(args: &[&str]) -> (Child, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_iejobs-emulator"))
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let ready = lines.next().unwrap().unwrap();
    let url = ready
        .strip_prefix("iejobs-emulator listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {ready:?}"))
        .to_owned();
    let subscriptions = lines.next().unwrap().unwrap();
    (child, url, subscriptions)
}

fn stop(mut child: Child) -> std::process::ExitStatus {
    let pid = child.id().to_string();
    let sent = Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    assert!(sent.success());
    child.wait().unwrap()
}

#[test]
fn the_binary_prints_its_url_serves_the_demo_and_stops_on_sigterm() {
    let (child, url, subscriptions) = start(&["--scenario", "demo", "--seed", "3"]);
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    assert_eq!(
        subscriptions,
        "subscriptions: 00000000-0000-0000-0000-000000000001, 00000000-0000-0000-0000-000000000002"
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let jobs = runtime
        .block_on(
            common::client(&url).list_jobs(&iejobs::arm::ListScope::Subscription(
                "00000000-0000-0000-0000-000000000001".into(),
            )),
        )
        .unwrap();
    assert!(jobs.len() >= 20, "{}", jobs.len());
    let status = stop(child);
    assert!(status.success(), "SIGTERM ends it cleanly: {status}");
}

#[test]
fn bad_flags_are_refused_with_a_message() {
    for args in [
        &["--scenario", "nonsense"][..],
        &["--fault", "list:teapot"],
        &["--speed", "-3"],
        &["--arm-limits", "reads=0/1"],
        &["--arm-limits", "lists=5/1"],
        &["--fault", "list:403~"],
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_iejobs-emulator"))
            .args(["--listen", "127.0.0.1:0"])
            .args(args)
            .output()
            .unwrap();
        assert!(!output.status.success(), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            !stderr.is_empty() && !stderr.contains("panicked"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn arm_limits_from_the_command_line_throttle() {
    let (child, url, _) = start(&["--scenario", "demo", "--arm-limits", "reads=1/0.01"]);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let statuses = runtime.block_on(async {
        let list = format!(
            "{url}/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.ImportExport/jobs?api-version=2020-08-01"
        );
        let client = reqwest::Client::new();
        let mut statuses = Vec::new();
        for _ in 0..2 {
            let response = client
                .get(&list)
                .bearer_auth(common::TEST_TOKEN)
                .send()
                .await
                .unwrap();
            statuses.push((
                response.status().as_u16(),
                response
                    .headers()
                    .get("x-ms-ratelimit-remaining-subscription-reads")
                    .map(|v| v.to_str().unwrap().to_owned()),
            ));
        }
        statuses
    });
    stop(child);
    assert_eq!(
        statuses,
        [(200, Some("0".to_owned())), (429, Some("0".to_owned()))]
    );
}

/// The official Python SDK (`azure-mgmt-storageimportexport==0.1.0`, api-version 2016-11-01)
/// drives a fresh emulator: paging, get, cancel, a refused and a successful delete,
/// BitLocker keys, locations. `tests/sdk/run.sh` makes its own virtualenv.
#[test]
fn the_official_python_sdk_works_against_the_emulator() {
    let (child, url, _) = start(&["--scenario", "demo"]);
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sdk/run.sh");
    let output = Command::new("bash").arg(script).arg(&url).output().unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    stop(child);
    assert!(
        output.status.success(),
        "SDK conformance failed:\n{stdout}\n{stderr}"
    );
    assert!(
        stdout.contains("sdk conformance: 10 passed, 0 failed"),
        "{stdout}"
    );
}
