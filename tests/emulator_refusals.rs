//! What the emulator refuses as Azure would (resource group, job and subscription names out
//! of ARM's rules, speeds it cannot run at, scenario files that are not plain files, that
//! repeat a job or are too large) and what it bounds (the request log's entries).

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; a table of cases reads best in one piece"
)]

mod common;

use std::path::PathBuf;
use std::time::Duration;

use iejobs::emulator::scenario::Scenario;
use iejobs::emulator::{DEMO_SUBSCRIPTION, Emulator, EmulatorConfig};
use reqwest::Method;
use serde_json::{Value, json};

const V: &str = "api-version=2020-08-01";

/// A create body the emulator accepts.
fn create_body() -> Value {
    json!({
        "location": "West US",
        "properties": {
            "storageAccountId": format!("/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.Storage/storageAccounts/sa"),
            "jobType": "Import",
            "driveList": [{"driveId": "9CA995BA", "bitLockerKey": "238810-662376-448998-450120-652806-203390-606320-483076"}]
        }
    })
}

/// Sends one request; the status and the JSON body (`Null` when empty or not JSON).
async fn send(method: Method, url: &str, body: Option<Value>) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .request(method, url)
        .bearer_auth(common::TEST_TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let bytes = response.bytes().await.unwrap();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

/// Every ARM route that names a resource group, for `rg` (as written in the path) and job
/// `name`: list by group, get, put, patch, delete, listBitLockerKeys.
fn routes(emulator: &Emulator, rg: &str, name: &str) -> Vec<(Method, String, Option<Value>)> {
    let base = format!(
        "{}/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/{rg}/providers/Microsoft.ImportExport/jobs",
        emulator.url()
    );
    let job = format!("{base}/{name}?{V}");
    vec![
        (Method::GET, format!("{base}?{V}"), None),
        (Method::GET, job.clone(), None),
        (Method::PUT, job.clone(), Some(create_body())),
        (
            Method::PATCH,
            job.clone(),
            Some(json!({"properties": {"logLevel": "Verbose"}})),
        ),
        (Method::DELETE, job, None),
        (
            Method::POST,
            format!("{base}/{name}/listBitLockerKeys?{V}"),
            None,
        ),
    ]
}

#[tokio::test(flavor = "multi_thread")]
async fn resource_groups_outside_arms_rule_are_refused_on_every_route() {
    let emulator = common::emulator(Scenario::Empty).await;
    let long_91 = "r".repeat(91);
    let long_10k = "r".repeat(10_000);
    let bad = [
        ("an encoded slash", "a%2Fb"),
        ("an encoded newline", "a%0Ab"),
        ("an encoded NUL", "a%00b"),
        ("a space", "a%20b"),
        ("a trailing dot", "rg."),
        ("a star", "a*b"),
        ("91 characters", long_91.as_str()),
        ("10,000 characters", long_10k.as_str()),
    ];
    for (case, rg) in bad {
        for (method, url, body) in routes(&emulator, rg, "new-job") {
            let (status, answer) = send(method.clone(), &url, body).await;
            assert_eq!(
                (status, answer["error"]["code"].as_str()),
                (400, Some("InvalidResourceGroup")),
                "{case}: {method}"
            );
            let message = answer["error"]["message"].as_str().unwrap();
            assert!(message.len() < 1_000, "{case}: a bounded message");
        }
    }
    assert!(emulator.subscriptions().is_empty(), "nothing was created");

    // What ARM allows: Unicode letters and digits, `_-.()`, 1 to 90 characters.
    let long_90 = "r".repeat(90);
    for rg in [
        "rg_(1).ü-Ωmega",
        "x",
        long_90.as_str(),
        "ImportExportTest",
        "test_cli_mgmt_storageimportexport_test_storageimportexportcdb9187c",
    ] {
        let url = format!(
            "{}/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/{rg}/providers/Microsoft.ImportExport/jobs/good-job?{V}",
            emulator.url()
        );
        let (status, created) = send(Method::PUT, &url, Some(create_body())).await;
        assert_eq!(status, 201, "{rg}: {created}");
        let key = iejobs::model::JobKey::from_resource_id(created["id"].as_str().unwrap()).unwrap();
        assert_eq!(&*key.resource_group, rg, "the id reads back");
        let (status, _) = send(Method::GET, &url, None).await;
        assert_eq!(status, 200, "{rg}");
    }
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn job_names_as_the_live_service_takes_them() {
    let emulator = common::emulator(Scenario::Empty).await;
    let job = |name: &str| {
        format!(
            "{}/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.ImportExport/jobs/{name}?{V}",
            emulator.url()
        )
    };
    // The live service created `myJob` (recording py-20200411, 201), as the spec's examples
    // name their jobs: the portal's lower-case rule is the portal's.
    let (status, created) = send(Method::PUT, &job("myJob"), Some(create_body())).await;
    assert_eq!((status, created["name"].as_str()), (201, Some("myJob")));
    for bad in ["Bad_Name", "ab", "1abc", "a%2Fbcd", "abc%0Adef"] {
        let (status, answer) = send(Method::PUT, &job(bad), Some(create_body())).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (400, Some("InvalidJobName")),
            "{bad}"
        );
    }
    // A name no job can have is simply not found on the other routes, and the answer does
    // not echo 10,000 characters back.
    let long = "j".repeat(10_000);
    for name in ["a%2Fbcd", "bad%0Aname", long.as_str()] {
        for method in [Method::GET, Method::PATCH, Method::DELETE] {
            let body = (method == Method::PATCH).then(|| json!({"properties": {}}));
            let (status, answer) = send(method.clone(), &job(name), body).await;
            assert_eq!(
                (status, answer["error"]["code"].as_str()),
                (404, Some("ResourceNotFound")),
                "{method} {}",
                &name[..name.len().min(20)]
            );
            assert!(answer["error"]["message"].as_str().unwrap().len() < 1_000);
        }
    }
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_subscription_ids_are_refused() {
    let emulator = common::emulator(Scenario::Demo).await;
    let long = "s".repeat(10_000);
    for sub in ["a%2Fb", "a%0Ab", "a%20b", long.as_str()] {
        let url = format!(
            "{}/subscriptions/{sub}/providers/Microsoft.ImportExport/jobs?{V}",
            emulator.url()
        );
        let (status, answer) = send(Method::GET, &url, None).await;
        assert_eq!(
            (status, answer["error"]["code"].as_str()),
            (400, Some("InvalidSubscriptionId")),
            "{}",
            &sub[..sub.len().min(20)]
        );
    }
    let url = format!(
        "{}/subscriptions/{DEMO_SUBSCRIPTION}/providers/Microsoft.ImportExport/jobs?{V}",
        emulator.url()
    );
    assert_eq!(send(Method::GET, &url, None).await.0, 200);
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_request_log_keeps_at_most_2_kb_of_a_path_and_of_a_query() {
    let emulator = common::emulator(Scenario::Empty).await;
    let name = "j".repeat(60_000);
    let path = format!(
        "/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/rg-x/providers/Microsoft.ImportExport/jobs/{name}"
    );
    let query = format!("{V}&pad={}", "q".repeat(5_000));
    for _ in 0..20 {
        let (status, _) = send(
            Method::GET,
            &format!("{}{path}?{query}", emulator.url()),
            None,
        )
        .await;
        assert_eq!(status, 404);
    }
    let short = format!("/subscriptions/{DEMO_SUBSCRIPTION}/providers/Microsoft.ImportExport/jobs");
    let (status, _) = send(Method::GET, &format!("{}{short}?{V}", emulator.url()), None).await;
    assert_eq!(status, 200);
    let log = emulator.requests();
    assert_eq!(log.len(), 21);
    for entry in &log[..20] {
        assert!(entry.path.len() <= 2_200, "path kept: {}", entry.path.len());
        assert!(entry.path.starts_with(&path[..1_000]), "the head is kept");
        assert!(
            entry.path.contains(&format!("{} bytes", path.len())),
            "says how long it was: {}",
            &entry.path[entry.path.len() - 60..]
        );
        let kept = entry.query.as_deref().unwrap();
        assert!(kept.len() <= 2_200, "query kept: {}", kept.len());
        assert!(kept.starts_with(V));
        assert!(kept.contains(&format!("{} bytes", query.len())));
    }
    assert_eq!(log[20].path, short, "a short path is kept whole");
    assert_eq!(log[20].query.as_deref(), Some(V));
    emulator.shutdown().await;
}

/// A fresh folder for scenario files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iejobs-refusals-{name}-{}", std::process::id()));
    std::fs::remove_dir_all(&dir).ok();
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Starts an emulator with `scenario` on its own thread and runtime; the error it refused
/// with, or a panic if it did not answer within 10 s (it hung) or started.
fn start_error(scenario: Scenario) -> String {
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("scenario-start".to_owned())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            let result = runtime.block_on(Emulator::start(
                "127.0.0.1:0",
                EmulatorConfig {
                    scenario,
                    speed: 0.0,
                    ..EmulatorConfig::default()
                },
            ));
            let _ = tx.send(result.err().map(|e| e.to_string()));
        })
        .unwrap();
    rx.recv_timeout(Duration::from_secs(10))
        .expect("the emulator answered within 10 s")
        .expect("the emulator refused the scenario")
}

fn job(id: &str) -> Value {
    json!({"id": id, "name": id.rsplit('/').next(), "location": "West US",
           "properties": {"state": "Creating", "jobType": "Import"}})
}

#[test]
fn a_scenario_that_repeats_a_job_is_refused_naming_both() {
    let dir = scratch("dup");
    let path = dir.join("jobs.json");
    let id = |rg: &str, name: &str| {
        format!(
            "/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/{rg}/providers/Microsoft.ImportExport/jobs/{name}"
        )
    };
    let jobs = json!([
        job(&id("RG-Case", "job-one")),
        job(&id("rg-case", "job-two")),
        job(&id("rg-case", "JOB-ONE")),
    ]);
    std::fs::write(&path, jobs.to_string()).unwrap();
    let error = start_error(Scenario::File(path.clone()));
    assert!(
        error.contains("#1") && error.contains("#3") && !error.contains("#2"),
        "{error}"
    );
    // A list response repeating a job the same way.
    let list = json!({"value": [job(&id("rg", "same-job")), job(&id("RG", "same-job"))]});
    std::fs::write(&path, list.to_string()).unwrap();
    let error = start_error(Scenario::File(path));
    assert!(error.contains("#1") && error.contains("#2"), "{error}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_scenario_path_that_is_not_a_regular_file_is_refused_at_once() {
    let dir = scratch("fifo");
    // A FIFO: opening it for reading would wait for a writer forever.
    let fifo = dir.join("fifo.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let error = start_error(Scenario::File(fifo.clone()));
    assert!(error.contains("not a regular file"), "{error}");
    // A directory.
    let folder = dir.join("folder.json");
    std::fs::create_dir(&folder).unwrap();
    let error = start_error(Scenario::File(folder));
    assert!(error.contains("not a regular file"), "{error}");
    // A device.
    let error = start_error(Scenario::File("/dev/zero".into()));
    assert!(error.contains("not a regular file"), "{error}");
    // Missing.
    let error = start_error(Scenario::File(dir.join("missing.json")));
    assert!(error.contains("missing.json"), "{error}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_scenario_file_over_the_size_cap_is_refused_without_reading_it() {
    let dir = scratch("huge");
    let path = dir.join("huge.json");
    // Sparse: 256 MiB and one byte on the books, nothing on the disk.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(256 * 1024 * 1024 + 1).unwrap();
    drop(file);
    let error = start_error(Scenario::File(path));
    assert!(error.contains("256 MiB"), "{error}");
    std::fs::remove_dir_all(dir).ok();
}

#[tokio::test(flavor = "multi_thread")]
async fn speeds_out_of_range_are_refused() {
    for speed in [1e300, 2e6, -1.0, f64::NAN, f64::INFINITY] {
        let error = Emulator::start(
            "127.0.0.1:0",
            EmulatorConfig {
                scenario: Scenario::Empty,
                speed,
                ..EmulatorConfig::default()
            },
        )
        .await
        .err()
        .unwrap_or_else(|| panic!("speed {speed} was accepted"));
        assert!(error.to_string().contains("1000000"), "{error}");
    }
    let emulator = common::emulator(Scenario::Empty).await;
    let clock = format!("{}/_emulator/clock", emulator.url());
    let before = emulator.now();
    for body in [
        json!({"speed": 1e300}),
        json!({"speed": 2_000_000.0}),
        json!({"advanceSeconds": 3600, "speed": -1}),
    ] {
        let (status, answer) = send(Method::POST, &clock, Some(body.clone())).await;
        assert_eq!(status, 400, "{body}: {answer}");
        assert!(
            answer["error"]["message"]
                .as_str()
                .unwrap()
                .contains("1000000"),
            "{answer}"
        );
    }
    assert_eq!(emulator.now(), before, "a refused change changes nothing");
    let (status, answer) = send(Method::POST, &clock, Some(json!({"speed": 1e6}))).await;
    assert_eq!((status, answer["speed"].as_f64()), (200, Some(1e6)));
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_clock_stops_at_the_last_time_it_can_write() {
    let emulator = common::emulator(Scenario::Empty).await;
    let clock = format!("{}/_emulator/clock", emulator.url());
    let (status, answer) = send(Method::POST, &clock, Some(json!({"advanceSeconds": 1e12}))).await;
    assert_eq!(status, 200);
    assert_eq!(answer["now"].as_str(), Some("9999-12-30T22:00:00Z"));
    emulator.shutdown().await;
}

#[test]
fn the_binary_refuses_a_speed_out_of_range_with_the_range() {
    for speed in ["1e300", "-3", "NaN", "fast"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_iejobs-emulator"))
            .args([
                "--listen",
                "127.0.0.1:0",
                "--scenario",
                "empty",
                "--speed",
                speed,
            ])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut waited = Duration::ZERO;
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if waited > Duration::from_secs(10) {
                child.kill().unwrap();
                child.wait().unwrap();
                panic!("--speed {speed}: still running after 10 s");
            }
            std::thread::sleep(Duration::from_millis(50));
            waited += Duration::from_millis(50);
        };
        let mut stderr = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
        assert!(!status.success(), "--speed {speed}");
        assert!(
            stderr.contains("--speed") && stderr.contains("0 to 1000000"),
            "--speed {speed}: {stderr}"
        );
    }
}
