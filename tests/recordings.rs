//! Every response recorded from the live Microsoft.ImportExport service
//! (`shared/recordings/responses/index.tsv`, 51 answers, api-version 2016-11-01) goes
//! through the client's public calls: a replay server on 127.0.0.1 answers each request with
//! the recorded status and body, byte for byte, and the values the app keeps are checked.
//! Answers to calls the client does not make (create, BitLocker keys, locations) are read
//! with the wire types instead, so that no recorded body goes unread.

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; the replay reads best in one piece"
)]

mod common;

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{StatusCode, header};
use axum::response::Response;
use iejobs::arm::wire::{
    GetBitLockerKeysResponse, JobResponse, ListJobsResponse, Location, LocationsResponse,
};
use iejobs::arm::{DeleteOutcome, ListScope, job_from_wire, job_summary_from_wire};
use iejobs::model::{DriveState, Job, JobKey, JobState};
use serde_json::Value;

/// One line of `index.tsv` with its body.
#[derive(Clone, Debug)]
struct Recorded {
    file: String,
    method: String,
    /// Path without the query.
    path: String,
    status: u16,
    source: String,
    /// The body as recorded; empty for DELETE.
    body: Vec<u8>,
}

impl Recorded {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|e| panic!("{}: {e}", self.file))
    }
}

/// Every recorded response, in the order of `index.tsv`.
fn recordings() -> Vec<Recorded> {
    let dir = common::recordings_dir().join("responses");
    let index = std::fs::read_to_string(dir.join("index.tsv"))
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.join("index.tsv").display()));
    let mut lines = index.lines();
    assert_eq!(
        lines.next(),
        Some("file\tmethod\turl_path_query\tstatus\tapi_version\tsource\trecording"),
        "the index's header"
    );
    lines
        .filter(|line| !line.trim().is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 7, "{line}");
            let body = if fields[0] == "(empty)" {
                Vec::new()
            } else {
                std::fs::read(dir.join(fields[0])).unwrap()
            };
            Recorded {
                file: fields[0].to_owned(),
                method: fields[1].to_owned(),
                path: fields[2].split('?').next().unwrap().to_owned(),
                status: fields[3].parse().unwrap(),
                source: fields[5].to_owned(),
                body,
            }
        })
        .collect()
}

/// What the replay server answers next, and what it was asked.
#[derive(Default)]
struct Replay {
    next: Mutex<Option<Recorded>>,
    asked: Mutex<Vec<String>>,
}

/// Answers the request with the recorded response when it is the one expected (method and
/// path; `api-version` is ignored, all bodies are 2016-11-01), otherwise with a 400 that says
/// what was expected.
async fn answer(State(replay): State<Arc<Replay>>, request: Request) -> Response {
    let asked = format!("{} {}", request.method(), request.uri().path());
    replay.asked.lock().unwrap().push(asked.clone());
    let expected = replay.next.lock().unwrap().take();
    let mut response = match expected {
        Some(recorded) if asked == format!("{} {}", recorded.method, recorded.path) => {
            let mut response = Response::new(Body::from(recorded.body.clone()));
            *response.status_mut() = StatusCode::from_u16(recorded.status).unwrap();
            if !recorded.body.is_empty() {
                response.headers_mut().insert(
                    header::CONTENT_TYPE,
                    header::HeaderValue::from_static("application/json"),
                );
            }
            return response;
        }
        other => Response::new(Body::from(format!(
            "replay: asked {asked}, expected {:?}",
            other.map(|r| format!("{} {}", r.method, r.path))
        ))),
    };
    *response.status_mut() = StatusCode::BAD_REQUEST;
    response
}

/// Starts the replay server on 127.0.0.1:0; returns its URL.
async fn replay_server(replay: Arc<Replay>) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().fallback(answer).with_state(replay);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// The path's segments, decoded.
fn segments(path: &str) -> Vec<String> {
    path.trim_start_matches('/')
        .split('/')
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .unwrap()
                .into_owned()
        })
        .collect()
}

/// What the client does with a recorded request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Call {
    ListBySubscription,
    ListByResourceGroup,
    Get,
    Patch,
    Delete,
}

fn call_of(recorded: &Recorded) -> Option<Call> {
    let s = segments(&recorded.path);
    let is_jobs = |i: usize| s.get(i).is_some_and(|x| x == "jobs");
    match (recorded.method.as_str(), s.len()) {
        ("GET", 5) if is_jobs(4) => Some(Call::ListBySubscription),
        ("GET", 7) if is_jobs(6) => Some(Call::ListByResourceGroup),
        ("GET", 8) if is_jobs(6) => Some(Call::Get),
        ("PATCH", 8) if is_jobs(6) => Some(Call::Patch),
        ("DELETE", 8) if is_jobs(6) => Some(Call::Delete),
        // Create, listBitLockerKeys and locations: the client has no call for them.
        _ => None,
    }
}

/// Checks a job the client made of a recorded job body against the body itself.
fn check_job(job: &Job, recorded: &Value, with_drives: bool, what: &str) {
    assert_eq!(job.name, recorded["name"].as_str().unwrap(), "{what}");
    assert_eq!(job.state, JobState::Creating, "{what}: every recorded job");
    let location = job.location.as_deref().unwrap();
    assert_eq!(Some(location), recorded["location"].as_str(), "{what}");
    assert!(
        ["West US", "East US"].contains(&location),
        "{what}: reads name the region by its display name, got {location}"
    );
    let props = &recorded["properties"];
    assert_eq!(
        Some(job.cancel_requested),
        props["cancelRequested"].as_bool(),
        "{what}"
    );
    assert_eq!(
        job.provisioning_state.as_deref(),
        Some("Succeeded"),
        "{what}"
    );
    assert_eq!(
        job.storage_account_id.as_deref(),
        props["storageAccountId"].as_str(),
        "{what}: kept as sent, casing included"
    );
    assert_eq!(job.percent_complete, None, "{what}: absent, not zero");
    if with_drives {
        let drives = job
            .drives
            .as_ref()
            .unwrap_or_else(|| panic!("{what}: drives"));
        let ids: Vec<&str> = drives.iter().map(|d| d.drive_id.as_str()).collect();
        let recorded_ids: Vec<&str> = props["driveList"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["driveId"].as_str().unwrap())
            .collect();
        assert!(!ids.is_empty(), "{what}");
        assert_eq!(ids, recorded_ids, "{what}");
        for drive in drives {
            assert_eq!(drive.state, DriveState::Specified, "{what}");
            assert_eq!(
                (
                    drive.bytes_succeeded,
                    drive.percent_complete,
                    &drive.copy_status
                ),
                (None, None, &None),
                "{what}"
            );
        }
    } else {
        assert_eq!(
            job.drives, None,
            "{what}: a listing by resource group has no driveList"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_recorded_answer_goes_through_the_client() {
    let all = recordings();
    assert_eq!(all.len(), 51, "index.tsv lists 51 recorded responses");
    let replay = Arc::new(Replay::default());
    let url = replay_server(replay.clone()).await;
    let client = common::client(&url);
    let mut fed = std::collections::HashMap::<Call, usize>::new();
    let mut skipped = 0;
    for recorded in &all {
        let what = format!(
            "{} {} ({}, {})",
            recorded.method, recorded.path, recorded.file, recorded.source
        );
        let Some(call) = call_of(recorded) else {
            skipped += 1;
            continue;
        };
        assert!(
            (200..300).contains(&recorded.status),
            "{what}: only successes were recorded"
        );
        *replay.next.lock().unwrap() = Some(recorded.clone());
        let asked_before = replay.asked.lock().unwrap().len();
        let s = segments(&recorded.path);
        match call {
            Call::ListBySubscription | Call::ListByResourceGroup => {
                let scope = if call == Call::ListBySubscription {
                    ListScope::Subscription(s[1].clone())
                } else {
                    ListScope::ResourceGroup {
                        subscription_id: s[1].clone(),
                        resource_group: s[3].clone(),
                    }
                };
                let jobs = client.list_jobs(&scope).await.unwrap();
                let body = recorded.json();
                let listed = body["value"].as_array().unwrap();
                assert!(body.get("nextLink").is_none(), "{what}: one page");
                assert_eq!(jobs.len(), listed.len(), "{what}");
                assert_eq!(jobs.len(), 1, "{what}: every recorded list has one job");
                for (wire, raw) in jobs.iter().zip(listed) {
                    let with_drives = call == Call::ListBySubscription;
                    check_job(&job_from_wire(wire).unwrap(), raw, with_drives, &what);
                    check_job(
                        &job_summary_from_wire(wire).unwrap(),
                        raw,
                        with_drives,
                        &what,
                    );
                }
                // The worker's straight decode of the same answer keeps the same jobs.
                *replay.next.lock().unwrap() = Some(recorded.clone());
                let straight: Vec<Job> = client
                    .pager(&scope)
                    .next_summaries()
                    .await
                    .unwrap()
                    .unwrap()
                    .into_iter()
                    .map(Result::unwrap)
                    .collect();
                let summaries: Vec<Job> = jobs
                    .iter()
                    .map(|w| job_summary_from_wire(w).unwrap())
                    .collect();
                assert_eq!(straight, summaries, "{what}: the straight decode");
            }
            Call::Get | Call::Patch => {
                let key = JobKey::from_resource_id(&recorded.path).unwrap();
                let wire = if call == Call::Get {
                    client.get_job(&key).await.unwrap()
                } else {
                    // The client's one PATCH is the cancel. The PowerShell delivery-package
                    // update and the Python `state: ""` update answered the same job shape,
                    // so their answers are read through it too (the request differs).
                    client.request_cancel(&key).await.unwrap()
                };
                let job = job_from_wire(&wire).unwrap();
                assert!(
                    job.key.name.eq_ignore_ascii_case(&key.name),
                    "{what}: {}",
                    job.key.name
                );
                let body = recorded.json();
                check_job(&job, &body, true, &what);
                if recorded.file.contains("update_cancel") {
                    assert!(
                        job.cancel_requested,
                        "{what}: cancelRequested after the PATCH"
                    );
                }
                if recorded.file.contains("deliverypackage") {
                    let package = job.delivery_package.as_deref().unwrap();
                    assert_eq!(
                        (
                            package.carrier_name.as_deref(),
                            package.tracking_number.as_deref(),
                            package.drive_count,
                            package.ship_date.as_deref()
                        ),
                        (Some("pwsh"), Some("pwsh20200000"), Some(0), None),
                        "{what}"
                    );
                }
            }
            Call::Delete => {
                assert!(recorded.body.is_empty(), "{what}: an empty body");
                let key = JobKey::from_resource_id(&recorded.path).unwrap();
                assert_eq!(
                    client.delete_job(&key).await,
                    Ok(DeleteOutcome::Deleted),
                    "{what}"
                );
            }
        }
        assert_eq!(
            replay.asked.lock().unwrap().len(),
            asked_before
                + if matches!(call, Call::ListBySubscription | Call::ListByResourceGroup) {
                    2
                } else {
                    1
                },
            "{what}: one request (a listing is read twice: both decodes), no retry"
        );
        assert!(
            replay.next.lock().unwrap().is_none(),
            "{what}: the recorded answer was served"
        );
        *fed.entry(call).or_default() += 1;
    }
    let count = |call| fed.get(&call).copied().unwrap_or(0);
    assert_eq!(
        (
            count(Call::ListBySubscription),
            count(Call::ListByResourceGroup),
            count(Call::Get),
            count(Call::Patch),
            count(Call::Delete)
        ),
        (2, 5, 8, 8, 7),
        "what was fed, by call"
    );
    assert_eq!(
        fed.values().sum::<usize>(),
        30,
        "answers fed through the client"
    );
    assert_eq!(
        skipped, 21,
        "10 creates, 5 BitLocker-key lists and 6 location answers have no client call"
    );
}

/// The answers the client has no call for, and all the others too, read with the wire types
/// that the client and the emulator share: nothing is lost and nothing is added, because
/// writing them back gives the recorded bytes.
#[test]
fn every_recorded_body_reads_and_writes_back_byte_for_byte() {
    let mut bodies: Vec<Recorded> = recordings()
        .into_iter()
        .filter(|r| !r.body.is_empty())
        .collect();
    bodies.sort_by(|a, b| a.file.cmp(&b.file));
    bodies.dedup_by(|a, b| a.file == b.file);
    assert_eq!(bodies.len(), 19, "19 distinct recorded bodies");
    let mut jobs_read = 0;
    for recorded in &bodies {
        let text = std::str::from_utf8(&recorded.body).unwrap();
        let file = &recorded.file;
        let written = if file.contains("jobs_list") {
            let list: ListJobsResponse = serde_json::from_str(text).unwrap();
            for job in &list.value {
                job_from_wire(job).unwrap();
                jobs_read += 1;
            }
            serde_json::to_string(&list).unwrap()
        } else if file.contains("jobs_") {
            let job: JobResponse = serde_json::from_str(text).unwrap();
            let converted = job_from_wire(&job).unwrap();
            assert_eq!(converted.state, JobState::Creating, "{file}");
            jobs_read += 1;
            serde_json::to_string(&job).unwrap()
        } else if file.contains("bitlockerkeys") {
            let keys: GetBitLockerKeysResponse = serde_json::from_str(text).unwrap();
            assert!(
                keys.value
                    .iter()
                    .all(|k| k.drive_id.is_some() && k.bit_locker_key.is_some())
            );
            serde_json::to_string(&keys).unwrap()
        } else if file.contains("locations_list") {
            let list: LocationsResponse = serde_json::from_str(text).unwrap();
            assert!(list.value.len() >= 28, "{file}");
            serde_json::to_string(&list).unwrap()
        } else if file.contains("locations_get") {
            let location: Location = serde_json::from_str(text).unwrap();
            assert!(location.name.as_deref().is_some_and(|n| n.contains(' ')));
            serde_json::to_string(&location).unwrap()
        } else {
            panic!("{file}: a body of a kind this test does not know");
        };
        assert_eq!(written, text, "{file}");
    }
    assert_eq!(jobs_read, 13, "jobs in the recorded job bodies and lists");
}
