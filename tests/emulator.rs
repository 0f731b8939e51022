//! The emulator as a client sees it: protocol, lifecycle, cancel, retention, faults, load.

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; scenarios read best in one piece"
)]

mod common;

use std::collections::HashSet;
use std::time::Duration;

use iejobs::arm::wire::{GetBitLockerKeysResponse, JobResponse, ListJobsResponse};
use iejobs::arm::{ArmError, DeleteOutcome, ListScope, job_from_wire};
use iejobs::emulator::clock::{DAY, HOUR, MINUTE};
use iejobs::emulator::faults::FaultRule;
use iejobs::emulator::scenario::Scenario;
use iejobs::emulator::{DEMO_SUBSCRIPTION, Emulator};
use iejobs::model::{DriveState, Job, JobKey, JobState};
use serde_json::{Value, json};

const V: &str = "2020-08-01";

fn key(rg: &str, name: &str) -> JobKey {
    JobKey::new(DEMO_SUBSCRIPTION, rg, name)
}

async fn job(client: &iejobs::arm::ArmClient, key: &JobKey) -> Job {
    job_from_wire(&client.get_job(key).await.unwrap()).unwrap()
}

/// A raw request with the test token; returns status, headers and JSON body (Null if empty).
async fn raw(
    method: reqwest::Method,
    url: &str,
    body: Option<Value>,
) -> (u16, reqwest::header::HeaderMap, Value) {
    common::http(method, url, common::TEST_TOKEN, body).await
}

fn job_url(emulator: &Emulator, rg: &str, name: &str) -> String {
    format!(
        "{}/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/{rg}/providers/Microsoft.ImportExport/jobs/{name}?api-version={V}",
        emulator.url()
    )
}

fn drive_bytes(job: &Job) -> Vec<i64> {
    job.drives
        .as_ref()
        .unwrap()
        .iter()
        .map(|d| d.bytes_succeeded.unwrap_or(0))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_job_lives_its_whole_lifecycle() {
    let emulator = common::emulator(Scenario::Empty).await;
    let client = common::client(&emulator.url());
    let mut create = common::example(V, "CreateJob.json")["parameters"]["body"].clone();
    let url = job_url(&emulator, "rg-life", "life-1");
    let (status, _, body) = raw(reqwest::Method::PUT, &url, Some(create.clone())).await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(body["properties"]["state"], "Creating");
    assert!(
        body["properties"]["driveList"][0]
            .get("bitLockerKey")
            .is_none(),
        "never echoed"
    );
    assert_eq!(
        body["properties"]["shippingInformation"]["city"],
        "Santa Clara"
    );
    create["tags"] = json!({"team": "storage"});
    let (status, _, body) = raw(reqwest::Method::PUT, &url, Some(create)).await;
    assert_eq!(
        (status, &body["tags"]["team"]),
        (200, &json!("storage")),
        "replace answers 200"
    );

    // Shipping needs a delivery package: refused without one, accepted with one.
    let (status, _, body) = raw(
        reqwest::Method::PATCH,
        &url,
        Some(json!({"properties": {"state": "Shipping"}})),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("InvalidShippingInformation"))
    );
    // Tracking information alone keeps the job Creating, as the live service did (recordings);
    // with `state: "Shipping"` it ships.
    let tracking = json!({"properties": {"deliveryPackage": {"carrierName": "FedEx", "trackingNumber": "123456789"}}});
    let (status, _, body) = raw(reqwest::Method::PATCH, &url, Some(tracking)).await;
    assert_eq!(
        (status, body["properties"]["state"].as_str()),
        (200, Some("Creating")),
        "{body}"
    );
    assert_eq!(
        body["properties"]["deliveryPackage"],
        json!({"carrierName": "FedEx", "trackingNumber": "123456789"}),
        "echoed as sent, no shipDate added"
    );
    let (status, _, body) = raw(
        reqwest::Method::PATCH,
        &url,
        Some(json!({"properties": {"state": "Shipping"}})),
    )
    .await;
    assert_eq!(
        (status, body["properties"]["state"].as_str()),
        (200, Some("Shipping")),
        "{body}"
    );

    let key = JobKey::new(DEMO_SUBSCRIPTION, "rg-life", "life-1");
    let mut seen = vec![JobState::Creating];
    let mut last_percent = 0;
    for _ in 0..2000 {
        emulator.advance(30 * MINUTE);
        let now = job(&client, &key).await;
        if let Some(p) = now.percent_complete {
            assert!(p >= last_percent, "job progress never goes back");
            last_percent = p;
        }
        if seen.last() != Some(&now.state) {
            seen.push(now.state.clone());
        }
        if now.state.is_finished() {
            break;
        }
    }
    let (last, path) = seen.split_last().unwrap();
    assert_eq!(
        path,
        [
            JobState::Creating,
            JobState::Shipping,
            JobState::Received,
            JobState::Transferring,
            JobState::Packaging
        ]
    );
    assert!(
        matches!(last, JobState::Completed | JobState::Closed),
        "{seen:?}"
    );
    let finished = job(&client, &key).await;
    assert!(finished.return_package.is_some());
    assert!(
        finished
            .drives
            .unwrap()
            .iter()
            .all(|d| d.state == DriveState::ShippedBack)
    );

    // Azure removes a finished job 90 days later.
    emulator.advance(89 * DAY);
    assert!(client.get_job(&key).await.is_ok());
    emulator.advance(DAY + HOUR);
    assert!(client.get_job(&key).await.unwrap_err().is_not_found());
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn after_a_cancel_copying_drives_keep_copying_and_the_rest_are_skipped() {
    let emulator = common::emulator(Scenario::Demo).await;
    let client = common::client(&emulator.url());
    let key = key("rg-media-archive", "media-archive-2026-q3");
    let before = job(&client, &key).await;
    assert_eq!(before.state, JobState::Transferring);
    let states: Vec<_> = before
        .drives
        .as_ref()
        .unwrap()
        .iter()
        .map(|d| d.state.clone())
        .collect();
    assert_eq!(
        states,
        [
            DriveState::Transferring,
            DriveState::Transferring,
            DriveState::Received,
            DriveState::Received
        ]
    );

    let answered = job_from_wire(&client.request_cancel(&key).await.unwrap()).unwrap();
    assert!(answered.cancel_requested);
    assert_eq!(
        answered.state,
        JobState::Transferring,
        "a cancel does not change the state by itself"
    );
    // A second cancel while one is pending succeeds and changes nothing.
    let again = job_from_wire(&client.request_cancel(&key).await.unwrap()).unwrap();
    assert_eq!(again, answered);

    let mut previous = drive_bytes(&answered);
    emulator.advance(30 * MINUTE);
    let later = job(&client, &key).await;
    let bytes = drive_bytes(&later);
    assert!(
        bytes[0] > previous[0] && bytes[1] > previous[1],
        "in-flight drives keep copying: {previous:?} -> {bytes:?}"
    );
    assert_eq!(&bytes[2..], [0, 0], "drives not started are not copied");
    assert_eq!(later.state, JobState::Transferring);
    previous = bytes;

    let mut final_job = later;
    for _ in 0..200 {
        emulator.advance(30 * MINUTE);
        final_job = job(&client, &key).await;
        let bytes = drive_bytes(&final_job);
        assert!(
            bytes
                .iter()
                .zip(&previous)
                .all(|(now, before)| now >= before)
        );
        previous = bytes;
        if final_job.state == JobState::Completed {
            break;
        }
    }
    assert_eq!(
        final_job.state,
        JobState::Completed,
        "a cancelled job ends Completed"
    );
    let drives = final_job.drives.unwrap();
    assert!(drives[0].percent_complete == Some(100) && drives[1].percent_complete == Some(100));
    assert_eq!(
        (drives[2].bytes_succeeded, drives[3].bytes_succeeded),
        (Some(0), Some(0))
    );
    assert_eq!(drives[3].copy_status.as_deref(), Some("Cancelled"));
    // From Completed on, cancel is refused and delete works.
    let refused = client.request_cancel(&key).await.unwrap_err();
    assert_eq!(
        (refused.status(), refused.code()),
        (Some(409), Some("JobCannotBeCancelled"))
    );
    assert!(
        refused.to_string().contains("this job is Completed"),
        "{refused}"
    );
    assert_eq!(client.delete_job(&key).await, Ok(DeleteOutcome::Deleted));
    assert!(client.get_job(&key).await.unwrap_err().is_not_found());
    let patches = emulator
        .requests()
        .iter()
        .filter(|r| r.method == "PATCH")
        .count();
    assert_eq!(
        patches, 3,
        "two cancels and the refused one, each sent once"
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn forbidden_actions_are_refused_with_the_state_named() {
    let emulator = common::emulator(Scenario::Demo).await;
    let client = common::client(&emulator.url());
    let packaging = key("rg-finance-backup", "backup-vault-sync");
    assert_eq!(job(&client, &packaging).await.state, JobState::Packaging);
    let error = client.request_cancel(&packaging).await.unwrap_err();
    assert_eq!(
        (error.status(), error.code()),
        (Some(409), Some("JobCannotBeCancelled"))
    );
    assert!(
        error
            .to_string()
            .contains("only before it is in the Packaging state (Creating, Shipping, Received or Transferring); this job is Packaging."),
        "{error}"
    );
    let transferring = key("rg-research-data", "research-genomics-batch7");
    let error = client.delete_job(&transferring).await.unwrap_err();
    assert_eq!(
        (error.status(), error.code()),
        (Some(409), Some("JobCannotBeDeleted"))
    );
    assert!(error.to_string().contains("this job is Transferring"));
    let closed = key("rg-media-archive", "security-footage-2025");
    assert_eq!(job(&client, &closed).await.state, JobState::Closed);
    assert_eq!(
        client.delete_job(&closed).await.unwrap_err().status(),
        Some(409),
        "Closed is not deletable"
    );
    let faulted = key("rg-finance-backup", "migration-pilot");
    assert_eq!(
        job(&client, &faulted).await.state,
        JobState::Other("Faulted".into())
    );
    assert_eq!(
        client.delete_job(&faulted).await.unwrap_err().status(),
        Some(409)
    );
    assert_eq!(
        client.request_cancel(&faulted).await.unwrap_err().status(),
        Some(409)
    );
    let creating = key("rg-media-archive", "archive-2026-new");
    assert_eq!(
        client.delete_job(&creating).await,
        Ok(DeleteOutcome::Deleted)
    );
    let error = client.delete_job(&creating).await.unwrap_err();
    assert_eq!(
        (error.status(), error.code()),
        (Some(404), Some("ResourceNotFound"))
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn jobs_expire_as_azure_expires_them() {
    let emulator = common::emulator(Scenario::Demo).await;
    let client = common::client(&emulator.url());
    let near_90_days = key("rg-media-archive", "media-proxies-q1");
    let unshipped = key("rg-media-archive", "legacy-tapes-migration");
    assert_eq!(job(&client, &near_90_days).await.state, JobState::Completed);
    assert_eq!(job(&client, &unshipped).await.state, JobState::Creating);
    let count = |jobs: &[JobResponse], name: &str| {
        jobs.iter()
            .filter(|j| j.name.as_deref() == Some(name))
            .count()
    };
    let all = client
        .list_jobs(&ListScope::Subscription(DEMO_SUBSCRIPTION.into()))
        .await
        .unwrap();
    assert_eq!(count(&all, "media-proxies-q1"), 1);
    emulator.advance(3 * HOUR);
    assert!(
        client
            .get_job(&near_90_days)
            .await
            .unwrap_err()
            .is_not_found(),
        "deleted 90 days after completion"
    );
    let all = client
        .list_jobs(&ListScope::Subscription(DEMO_SUBSCRIPTION.into()))
        .await
        .unwrap();
    assert_eq!(count(&all, "media-proxies-q1"), 0);
    assert!(client.get_job(&unshipped).await.is_ok());
    emulator.advance(12 * HOUR);
    assert!(
        client.get_job(&unshipped).await.unwrap_err().is_not_found(),
        "a Creating job expires after 14 days"
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_protocol_is_checked_as_arm_checks_it() {
    let emulator = common::emulator(Scenario::Demo).await;
    let url = job_url(&emulator, "rg-research-data", "research-genomics-batch7");
    let base = url.split('?').next().unwrap().to_owned();
    let http = reqwest::Client::new();
    let send = |request: reqwest::RequestBuilder| async move {
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body: Value =
            serde_json::from_slice(&response.bytes().await.unwrap()).unwrap_or(Value::Null);
        (status, headers, body)
    };
    let (status, headers, body) = send(http.get(&url)).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (401, Some("AuthenticationFailed"))
    );
    assert_eq!(headers["www-authenticate"], "Bearer");
    let (status, _, body) = send(http.get(&base).bearer_auth("t")).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("MissingApiVersionParameter"))
    );
    let (status, _, body) = send(
        http.get(format!("{base}?api-version=2019-01-01"))
            .bearer_auth("t"),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("InvalidApiVersionParameter"))
    );
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("2016-11-01,2020-08-01,2021-01-01")
    );
    for version in ["2016-11-01", "2020-08-01", "2021-01-01"] {
        let (status, headers, body) = send(
            http.get(format!("{base}?api-version={version}"))
                .bearer_auth("t"),
        )
        .await;
        assert_eq!(status, 200, "{version}");
        assert_eq!(body["name"], "research-genomics-batch7");
        assert!(
            headers["content-type"]
                .to_str()
                .unwrap()
                .starts_with("application/json")
        );
        assert!(
            headers.contains_key("x-ms-request-id")
                && headers.contains_key("x-ms-correlation-request-id")
        );
        assert!(headers.contains_key("x-ms-ratelimit-remaining-subscription-reads"));
        assert!(
            body["properties"]["driveList"]
                .as_array()
                .unwrap()
                .iter()
                .all(|d| d.get("bitLockerKey").is_none())
        );
    }
    let (_, headers, _) = send(
        http.get(&url)
            .bearer_auth("t")
            .header("x-ms-correlation-request-id", "mine-1"),
    )
    .await;
    assert_eq!(headers["x-ms-correlation-request-id"], "mine-1");
    let (status, headers, body) = send(http.post(&url).bearer_auth("t")).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (405, Some("MethodNotAllowed"))
    );
    assert!(headers["allow"].to_str().unwrap().contains("PATCH"));
    let (status, _, body) = send(
        http.patch(&url)
            .bearer_auth("t")
            .header("content-type", "application/json")
            .body("{not json"),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("InvalidRequestContent"))
    );
    let (status, _, body) = send(
        http.patch(&url)
            .bearer_auth("t")
            .body(vec![b' '; 2 * 1024 * 1024]),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("RequestBodyTooLarge"))
    );
    let (status, headers, _) = send(
        http.patch(&url)
            .bearer_auth("t")
            .json(&json!({"properties": {"logLevel": "Verbose"}})),
    )
    .await;
    assert_eq!(status, 200);
    assert!(headers.contains_key("x-ms-ratelimit-remaining-subscription-writes"));
    let (status, _, body) = send(
        http.patch(&url)
            .bearer_auth("t")
            .json(&json!({"properties": {"cancelRequested": false}})),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("InvalidRequestContent"))
    );
    let (status, _, body) = send(
        http.put(job_url(&emulator, "rg-x", "Bad_Name"))
            .bearer_auth("t")
            .json(&json!({})),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("InvalidJobName"))
    );
    let (status, _, body) = send(
        http.get(job_url(&emulator, "rg-x", "nope"))
            .bearer_auth("t"),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("ResourceNotFound"))
    );
    let (status, _, body) = send(
        http.get(format!(
            "{}/subscriptions/s/providers/Microsoft.Storage/x?api-version={V}",
            emulator.url()
        ))
        .bearer_auth("t"),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("InvalidResourceType"))
    );

    // BitLocker keys only through listBitLockerKeys.
    let keys_url = format!("{base}/listBitLockerKeys?api-version={V}");
    let (status, _, body) = send(http.post(&keys_url).bearer_auth("t")).await;
    assert_eq!(status, 200);
    let keys: GetBitLockerKeysResponse = serde_json::from_value(body).unwrap();
    assert_eq!(keys.value.len(), 3);
    assert!(
        keys.value
            .iter()
            .all(|k| k.bit_locker_key.as_ref().is_some_and(|k| k.len() > 40))
    );

    // Locations by display or short name; operations.
    let root = emulator.url();
    let (status, _, body) = send(
        http.get(format!(
            "{root}/providers/Microsoft.ImportExport/locations/West%20US?api-version={V}"
        ))
        .bearer_auth("t"),
    )
    .await;
    assert_eq!(
        (status, body["id"].as_str()),
        (
            200,
            Some("/providers/Microsoft.ImportExport/locations/westus")
        )
    );
    let (status, _, body) = send(
        http.get(format!(
            "{root}/providers/Microsoft.ImportExport/locations/westus?api-version={V}"
        ))
        .bearer_auth("t"),
    )
    .await;
    assert_eq!((status, body["name"].as_str()), (200, Some("West US")));
    let (status, _, body) = send(
        http.get(format!(
            "{root}/providers/Microsoft.ImportExport/operations?api-version={V}"
        ))
        .bearer_auth("t"),
    )
    .await;
    assert_eq!(
        (status, body["value"].as_array().map(Vec::len)),
        (200, Some(6))
    );
    let deleted = send(
        http.delete(job_url(&emulator, "rg-media-archive", "old-photos-2024"))
            .bearer_auth("t"),
    )
    .await;
    assert_eq!(deleted.0, 200);
    assert!(
        deleted
            .1
            .contains_key("x-ms-ratelimit-remaining-subscription-deletes")
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn listings_page_filter_and_link_absolutely() {
    let emulator = common::emulator(Scenario::Demo).await;
    let list = format!(
        "{}/subscriptions/{DEMO_SUBSCRIPTION}/providers/Microsoft.ImportExport/jobs",
        emulator.url()
    );
    let (status, _, body) = raw(
        reqwest::Method::GET,
        &format!("{list}?api-version={V}&$top=101"),
        None,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("InvalidQueryParameterValue"))
    );
    let (status, _, body) = raw(
        reqwest::Method::GET,
        &format!("{list}?api-version={V}&$filter=color%20eq%20'red'"),
        None,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (400, Some("InvalidFilter"))
    );
    let mut next = Some(format!("{list}?api-version=2016-11-01&$top=4"));
    let mut names = Vec::new();
    let mut pages = 0;
    while let Some(url) = next {
        let (status, _, body) = raw(reqwest::Method::GET, &url, None).await;
        assert_eq!(status, 200);
        let page: ListJobsResponse = serde_json::from_value(body).unwrap();
        assert!(page.value.len() <= 4);
        names.extend(page.value.iter().map(|j| j.name.clone().unwrap()));
        if let Some(link) = &page.next_link {
            assert!(
                link.starts_with(&emulator.url()) && link.contains("api-version=2016-11-01"),
                "{link}"
            );
        }
        next = page.next_link;
        pages += 1;
    }
    let distinct: HashSet<_> = names.iter().collect();
    assert_eq!(distinct.len(), names.len(), "no job twice");
    assert!(
        names.len() >= 20 && pages >= 5,
        "{} jobs in {pages} pages",
        names.len()
    );
    let (_, _, body) = raw(
        reqwest::Method::GET,
        &format!("{list}?api-version={V}&$filter=state%20eq%20'Transferring'"),
        None,
    )
    .await;
    let page: ListJobsResponse = serde_json::from_value(body).unwrap();
    assert!(page.value.len() >= 4);
    assert!(
        page.value
            .iter()
            .all(|j| j.properties.as_ref().unwrap().state == Some(JobState::Transferring))
    );
    let client = common::client(&emulator.url());
    let group = ListScope::ResourceGroup {
        subscription_id: DEMO_SUBSCRIPTION.into(),
        resource_group: "RG-MEDIA-ARCHIVE".into(),
    };
    let jobs = client.list_jobs(&group).await.unwrap();
    assert!(!jobs.is_empty());
    assert!(jobs.iter().all(|j| {
        j.id.as_deref()
            .unwrap()
            .contains("/resourceGroups/rg-media-archive/")
    }));
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn faults_are_injected_and_logged() {
    let emulator = common::emulator(Scenario::Demo).await;
    let client = common::client(&emulator.url());
    let target = key("rg-research-data", "research-genomics-batch7");
    emulator.set_faults(vec![FaultRule::parse("get:429=1*1").unwrap()]);
    let started = std::time::Instant::now();
    assert!(client.get_job(&target).await.is_ok());
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "Retry-After honoured"
    );
    emulator.set_faults(vec![FaultRule::parse("get:503#101").unwrap()]);
    assert!(client.get_job(&target).await.is_ok(), "503, then ok");
    emulator.set_faults(vec![FaultRule::parse("get:truncate").unwrap()]);
    assert!(matches!(
        client.get_job(&target).await,
        Err(ArmError::Decode { .. })
    ));
    emulator.set_faults(vec![FaultRule::parse("get:drop*1").unwrap()]);
    assert!(
        client.get_job(&target).await.is_ok(),
        "a dropped GET is retried"
    );
    // A dropped DELETE was carried out: the retry finds no job, which means deleted.
    let creating = key("rg-media-archive", "archive-2026-new");
    emulator.set_faults(vec![FaultRule::parse("delete:drop*1").unwrap()]);
    assert_eq!(
        client.delete_job(&creating).await,
        Ok(DeleteOutcome::AlreadyGone)
    );
    emulator.set_faults(vec![FaultRule::parse("500").unwrap()]);
    assert_eq!(
        client.get_job(&target).await.unwrap_err().status(),
        Some(500)
    );
    emulator.set_faults(Vec::new());
    let log = emulator.requests();
    let faults: Vec<_> = log.iter().filter_map(|r| r.fault.clone()).collect();
    assert_eq!(
        faults,
        [
            "429=1", "503", "truncate", "drop", "drop", "500", "500", "500"
        ]
    );
    let deletes: Vec<u16> = log
        .iter()
        .filter(|r| r.method == "DELETE")
        .map(|r| r.status)
        .collect();
    assert_eq!(
        deletes,
        [200, 404],
        "the first DELETE was done (then cut), the retry found nothing"
    );

    // The same through the admin endpoint.
    let http = reqwest::Client::new();
    let admin = format!("{}/_emulator/faults", emulator.url());
    let response = http
        .post(&admin)
        .json(&json!({"faults": ["list:nonsense"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let response = http
        .post(&admin)
        .json(&json!({"faults": ["list:503*1"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let page = client
        .list_jobs(&ListScope::Subscription(DEMO_SUBSCRIPTION.into()))
        .await;
    assert!(page.is_ok(), "one 503 then success");
    let requests: Value = http
        .get(format!("{}/_emulator/requests", emulator.url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let entries = requests["requests"].as_array().unwrap();
    let last_lists: Vec<_> = entries
        .iter()
        .filter(|r| r["route"] == "list")
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(&last_lists[..2], [503, 200]);
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_thousand_concurrent_requests_are_all_answered() {
    let emulator = common::emulator(Scenario::Demo).await;
    let client = common::client(&emulator.url());
    let target = key("rg-research-data", "research-genomics-batch7");
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let client = client.clone();
            let target = target.clone();
            tokio::spawn(async move { client.get_job(&target).await.map(|j| j.name) })
        })
        .collect();
    let mut answered = 0;
    for task in tasks {
        assert_eq!(
            task.await.unwrap().unwrap().as_deref(),
            Some("research-genomics-batch7")
        );
        answered += 1;
    }
    assert_eq!(answered, 1000);
    assert_eq!(
        emulator
            .requests()
            .iter()
            .filter(|r| r.status == 200)
            .count(),
        1000
    );
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_hundred_thousand_jobs_page_through_completely() {
    let emulator = common::emulator(Scenario::Load(100_000)).await;
    let client = common::client(&emulator.url());
    let mut pager = client.pager(&ListScope::Subscription(DEMO_SUBSCRIPTION.into()));
    let mut names = HashSet::new();
    while let Some(page) = pager.next_page().await.unwrap() {
        assert!(page.len() <= 100);
        for job in page {
            assert!(names.insert(job.name.unwrap()), "a job came twice");
        }
    }
    assert_eq!(names.len(), 100_000);
    assert_eq!(pager.pages(), 1000);
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_scenario_file_is_served_as_given() {
    let dir = std::env::temp_dir().join(format!("iejobs-scenario-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("jobs.json");
    let list = common::example_body(V, "ListJobsInSubscription.json", "200");
    std::fs::write(&path, serde_json::to_string(&list).unwrap()).unwrap();
    let emulator = common::emulator(Scenario::File(path.clone())).await;
    let client = common::client(&emulator.url());
    let jobs = client
        .list_jobs(&ListScope::Subscription(
            "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx".into(),
        ))
        .await
        .unwrap();
    let states: Vec<_> = jobs
        .iter()
        .map(|j| j.properties.as_ref().unwrap().state.clone().unwrap())
        .collect();
    assert_eq!(states, [JobState::Received, JobState::Transferring]);
    assert_eq!(
        jobs[1].properties.as_ref().unwrap().percent_complete,
        Some(6)
    );
    std::fs::write(&path, "[{\"name\": \"no id\"}]").unwrap();
    let error = iejobs::emulator::Emulator::start(
        "127.0.0.1:0",
        iejobs::emulator::EmulatorConfig {
            scenario: Scenario::File(path),
            ..Default::default()
        },
    )
    .await
    .err()
    .unwrap();
    assert!(error.to_string().contains("no valid id"), "{error}");
    std::fs::remove_dir_all(dir).ok();
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn at_high_speed_a_job_runs_its_course_by_itself() {
    // 500,000 simulated seconds per real second: the days of shipping and copy pass in
    // about a second of real time, with no manual clock jumps.
    let config = iejobs::emulator::EmulatorConfig {
        scenario: Scenario::Empty,
        speed: 500_000.0,
        seed: 11,
        ..Default::default()
    };
    let emulator = Emulator::start("127.0.0.1:0", config).await.unwrap();
    let client = common::client(&emulator.url());
    let url = job_url(&emulator, "rg-fast", "fast-1");
    let mut create = common::example(V, "CreateJob.json")["parameters"]["body"].clone();
    create["properties"]["deliveryPackage"] =
        json!({"carrierName": "FedEx", "trackingNumber": "1"});
    let (status, _, _) = raw(reqwest::Method::PUT, &url, Some(create)).await;
    assert_eq!(status, 201);
    let (status, _, body) = raw(
        reqwest::Method::PATCH,
        &url,
        Some(json!({"properties": {"state": "Shipping"}})),
    )
    .await;
    assert_eq!(
        (status, body["properties"]["state"].as_str()),
        (200, Some("Shipping"))
    );
    let key = JobKey::new(DEMO_SUBSCRIPTION, "rg-fast", "fast-1");
    let mut seen = HashSet::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(30);
    while std::time::Instant::now() < deadline {
        let state = job(&client, &key).await.state;
        let finished = state.is_finished();
        seen.insert(state);
        if finished {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    assert!(
        seen.iter().any(JobState::is_finished),
        "not finished after 30 s: {seen:?}"
    );
    assert!(seen.contains(&JobState::Shipping));
    emulator.shutdown().await;
}

/// One answer of the emulator as a client sees it, body kept as text.
struct Reply {
    status: u16,
    headers: reqwest::header::HeaderMap,
    text: String,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("{e}: {}", self.text))
    }
}

/// Sends a request with the test token and keeps the raw answer.
async fn reply(method: reqwest::Method, url: &str, body: Option<Value>) -> Reply {
    let mut request = reqwest::Client::new()
        .request(method, url)
        .bearer_auth(common::TEST_TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        text: response.text().await.unwrap(),
    }
}

/// The paths of every `null` in `value`.
fn nulls(value: &Value, path: &str, found: &mut Vec<String>) {
    match value {
        Value::Null => found.push(path.to_owned()),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                nulls(item, &format!("{path}[{i}]"), found);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                nulls(v, &format!("{path}.{k}"), found);
            }
        }
        _ => {}
    }
}

/// The headers the live service sent on every answer (recordings), checked on `reply`.
fn assert_live_headers(reply: &Reply, what: &str) {
    let header = |name: &str| {
        reply
            .headers
            .get(name)
            .unwrap_or_else(|| panic!("{what}: no {name} header"))
            .to_str()
            .unwrap()
            .to_owned()
    };
    assert_eq!(header("cache-control"), "no-cache", "{what}");
    assert_eq!(header("pragma"), "no-cache", "{what}");
    assert_eq!(header("expires"), "-1", "{what}");
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert!(
        header("strict-transport-security").starts_with("max-age="),
        "{what}"
    );
    let request_id = header("x-ms-request-id");
    assert_eq!(request_id.len(), 36, "{what}: a GUID, got {request_id}");
    let correlation = header("x-ms-correlation-request-id");
    let routing = header("x-ms-routing-request-id");
    let parts: Vec<&str> = routing.splitn(3, ':').collect();
    assert_eq!(parts.len(), 3, "{what}: {routing}");
    assert_eq!(parts[0], iejobs::emulator::routes::ROUTING_REGION, "{what}");
    assert!(
        parts[0].chars().all(|c| c.is_ascii_uppercase()),
        "{what}: {routing}"
    );
    let at = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", &parts[1][..15])
        .and_then(|t| t.to_zoned(jiff::tz::TimeZone::UTC))
        .unwrap_or_else(|e| panic!("{what}: {routing}: {e}"))
        .timestamp();
    assert!(parts[1].ends_with('Z'), "{what}: {routing}");
    let age = jiff::Timestamp::now().duration_since(at);
    assert!(
        age.as_secs() >= 0 && age.as_secs() < 120,
        "{what}: the time of the answer, got {routing}"
    );
    assert_eq!(
        parts[2], correlation,
        "{what}: ends with the correlation id"
    );
    if !reply.text.is_empty() {
        assert_eq!(header("content-type"), "application/json", "{what}");
        let mut found = Vec::new();
        nulls(&reply.json(), "$", &mut found);
        assert!(
            found.is_empty(),
            "{what}: null at {found:?}: {}",
            reply.text
        );
    }
}

/// The create request as the PowerShell module sent it (recordings): no second street line,
/// an empty drive header hash, the short location name.
fn recorded_create(location: &str, drive_id: &str) -> Value {
    json!({
        "properties": {
            "returnAddress": {
                "city": "Redmond", "countryOrRegion": "USA", "email": "test@contoso.com",
                "phone": "4250000000", "postalCode": "98008", "recipientName": "Some name",
                "stateOrProvince": "WA", "streetAddress1": "Street1"
            },
            "backupDriveManifest": true,
            "diagnosticsPath": "waimportexport",
            "driveList": [{
                "bitLockerKey": "238810-662376-448998-450120-652806-203390-606320-483076",
                "driveHeaderHash": "",
                "driveId": drive_id,
                "manifestFile": "\\\\DriveManifest.xml",
                "manifestHash": "109B21108597EF36D5785F08303F3638"
            }],
            "jobType": "Import",
            "storageAccountId": format!("/subscriptions/{DEMO_SUBSCRIPTION}/resourcegroups/ImportExportTest/providers/Microsoft.Storage/storageAccounts/teststorageforimport")
        },
        "location": location
    })
}

/// Where each of `keys` starts in `text`, in that order; fails when one is missing or out of
/// order.
fn assert_key_order(text: &str, keys: &[&str], what: &str) {
    let mut last = 0;
    for key in keys {
        let quoted = format!("\"{key}\":");
        let at = text[last..]
            .find(&quoted)
            .unwrap_or_else(|| panic!("{what}: {key} missing or out of order in {text}"));
        last += at + quoted.len();
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn the_emulator_answers_as_the_live_service_did() {
    const V2016: &str = "2016-11-01";
    let emulator = common::emulator(Scenario::Empty).await;
    let root = emulator.url();
    let job_path = format!(
        "{root}/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/ImportExportTest/providers/Microsoft.ImportExport/jobs/test-job"
    );
    let at = |version: &str| format!("{job_path}?api-version={version}");
    let mut replies = Vec::new();

    // PUT: 201, the location echoed as sent, the final body at once.
    let created = reply(
        reqwest::Method::PUT,
        &at(V2016),
        Some(recorded_create("eastus", "9CA995BB")),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text);
    assert!(
        created.headers.get("location").is_none()
            && created.headers.get("azure-asyncoperation").is_none()
    );
    let body = created.json();
    assert_eq!(
        body["location"], "eastus",
        "the create echoes what was sent"
    );
    assert_eq!(body["identity"], json!({"type": "None"}));
    assert_eq!(
        body["properties"]["encryptionKey"],
        json!({"kekType": "MicrosoftManaged"})
    );
    assert_eq!(body["properties"]["provisioningState"], "Succeeded");
    assert_eq!(body["properties"]["state"], "Creating");
    assert_eq!(body["properties"]["cancelRequested"], false);
    assert!(
        body.get("systemData").is_none(),
        "2016-11-01 has no systemData"
    );
    assert_eq!(
        body["properties"]["driveList"],
        json!([{
            "driveId": "9CA995BB", "manifestFile": "\\\\DriveManifest.xml",
            "manifestHash": "109B21108597EF36D5785F08303F3638", "driveHeaderHash": "",
            "state": "Specified"
        }]),
        "no bitLockerKey, no copy status, no progress, no log links"
    );
    assert_eq!(body["properties"]["returnAddress"]["streetAddress2"], "");
    let shipping = &body["properties"]["shippingInformation"];
    assert_eq!(
        (shipping["city"].as_str(), shipping["phone"].as_str()),
        (Some("Ashburn"), Some(""))
    );
    assert!(shipping.get("additionalInformation").is_none());
    for absent in [
        "returnShipping",
        "deliveryPackage",
        "returnPackage",
        "percentComplete",
        "export",
        "incompleteBlobListUri",
    ] {
        assert!(
            body["properties"].get(absent).is_none(),
            "{absent} is absent until set"
        );
    }
    assert_key_order(
        &created.text,
        &["properties", "identity", "id", "name", "type", "location"],
        "job",
    );
    assert_key_order(
        &created.text,
        &[
            "storageAccountId",
            "jobType",
            "returnAddress",
            "shippingInformation",
            "diagnosticsPath",
            "logLevel",
            "backupDriveManifest",
            "cancelRequested",
            "state",
            "driveList",
            "provisioningState",
            "encryptionKey",
        ],
        "properties",
    );
    replies.push(("PUT", created));

    // Reads name the region by its display name, whatever the create sent.
    for version in [V2016, V] {
        let got = reply(reqwest::Method::GET, &at(version), None).await;
        assert_eq!(got.status, 200);
        let body = got.json();
        assert_eq!(body["location"], "East US", "{version}");
        assert_eq!(body["identity"]["type"], "None");
        assert_eq!(body["properties"]["driveList"][0]["driveId"], "9CA995BB");
        assert_eq!(
            body.get("systemData").is_some(),
            version == V,
            "systemData from 2020-08-01 on"
        );
        replies.push(("GET", got));
    }

    // A listing by resource group leaves the drives out; by subscription it has them.
    let by_group = reply(
        reqwest::Method::GET,
        &format!("{root}/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/ImportExportTest/providers/Microsoft.ImportExport/jobs?api-version={V2016}"),
        None,
    )
    .await;
    let listed = by_group.json();
    assert_eq!(
        listed.as_object().unwrap().keys().collect::<Vec<_>>(),
        ["value"],
        "no nextLink key"
    );
    let job = &listed["value"][0];
    assert!(
        job["properties"].get("driveList").is_none(),
        "{}",
        by_group.text
    );
    assert_eq!(
        (
            job["location"].as_str(),
            job["properties"]["state"].as_str()
        ),
        (Some("East US"), Some("Creating"))
    );
    assert_eq!(
        job["properties"]["encryptionKey"]["kekType"],
        "MicrosoftManaged"
    );
    replies.push(("list by resource group", by_group));
    let by_subscription = reply(
        reqwest::Method::GET,
        &format!("{root}/subscriptions/{DEMO_SUBSCRIPTION}/providers/Microsoft.ImportExport/jobs?api-version={V2016}"),
        None,
    )
    .await;
    let listed = by_subscription.json();
    assert_eq!(
        listed["value"][0]["properties"]["driveList"][0]["state"],
        "Specified"
    );
    assert_eq!(listed["value"][0]["location"], "East US");
    replies.push(("list by subscription", by_subscription));
    // The client sees the same through its own calls.
    let client = common::client(&root);
    let group = ListScope::ResourceGroup {
        subscription_id: DEMO_SUBSCRIPTION.into(),
        resource_group: "ImportExportTest".into(),
    };
    let jobs = client.list_jobs(&group).await.unwrap();
    assert_eq!(job_from_wire(&jobs[0]).unwrap().drives, None);
    let jobs = client
        .list_jobs(&ListScope::Subscription(DEMO_SUBSCRIPTION.into()))
        .await
        .unwrap();
    let listed = job_from_wire(&jobs[0]).unwrap();
    assert_eq!(listed.drives.as_ref().map(Vec::len), Some(1));
    assert_eq!(listed.location.as_deref(), Some("East US"));

    // Cancel: 200, the flag set, the state and the drives unchanged.
    let cancelled = reply(
        reqwest::Method::PATCH,
        &at(V2016),
        Some(json!({"properties": {"cancelRequested": true}})),
    )
    .await;
    let body = cancelled.json();
    assert_eq!(cancelled.status, 200);
    assert_eq!(
        (
            body["properties"]["cancelRequested"].as_bool(),
            body["properties"]["state"].as_str(),
            body["location"].as_str()
        ),
        (Some(true), Some("Creating"), Some("East US"))
    );
    assert_eq!(body["properties"]["driveList"][0]["state"], "Specified");
    replies.push(("PATCH", cancelled));
    let unchanged = reply(
        reqwest::Method::PATCH,
        &at(V2016),
        Some(json!({"properties": {"state": ""}})),
    )
    .await;
    assert_eq!(
        (
            unchanged.status,
            unchanged.json()["properties"]["state"].as_str()
        ),
        (200, Some("Creating"))
    );
    replies.push(("PATCH state \"\"", unchanged));
    let keys = reply(
        reqwest::Method::POST,
        &format!("{job_path}/listBitLockerKeys?api-version={V2016}"),
        None,
    )
    .await;
    assert_eq!(
        keys.json(),
        json!({"value": [{"driveId": "9CA995BB", "bitLockerKey": "238810-662376-448998-450120-652806-203390-606320-483076"}]}),
        "still answered after the cancel request"
    );
    replies.push(("POST listBitLockerKeys", keys));

    // Errors are ARM error bodies with no null in them.
    let refused = reply(
        reqwest::Method::PATCH,
        &at(V2016),
        Some(json!({"properties": {"cancelRequested": false}})),
    )
    .await;
    assert_eq!(refused.status, 400);
    replies.push(("PATCH refused", refused));
    let unversioned = reply(reqwest::Method::GET, &job_path, None).await;
    assert_eq!(
        (
            unversioned.status,
            unversioned.json()["error"]["code"].as_str()
        ),
        (400, Some("MissingApiVersionParameter"))
    );
    replies.push(("GET without api-version", unversioned));

    // DELETE: 200, an empty body, Content-Length 0; the name can be used again at once.
    let deleted = reply(reqwest::Method::DELETE, &at(V2016), None).await;
    assert_eq!((deleted.status, deleted.text.as_str()), (200, ""));
    assert_eq!(deleted.headers["content-length"], "0");
    assert!(deleted.headers.get("content-type").is_none());
    assert!(
        deleted
            .headers
            .contains_key("x-ms-ratelimit-remaining-subscription-deletes")
    );
    replies.push(("DELETE", deleted));
    let gone = reply(reqwest::Method::GET, &at(V2016), None).await;
    assert_eq!(
        (gone.status, gone.json()["error"]["code"].as_str()),
        (404, Some("ResourceNotFound"))
    );
    replies.push(("GET deleted", gone));
    let again = reply(
        reqwest::Method::PUT,
        &at(V),
        Some(recorded_create("West US", "9CA995BD")),
    )
    .await;
    assert_eq!(
        (again.status, again.json()["location"].as_str()),
        (201, Some("West US"))
    );
    replies.push(("PUT again", again));

    // The locations: display names, no additionalShippingInformation.
    let locations = reply(
        reqwest::Method::GET,
        &format!("{root}/providers/Microsoft.ImportExport/locations?api-version={V2016}"),
        None,
    )
    .await;
    let listed = locations.json();
    let names: Vec<&str> = listed["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"East US") && names.contains(&"West US 2"),
        "{names:?}"
    );
    assert!(listed["value"].as_array().unwrap().iter().all(|l| {
        l["properties"]
            .get("additionalShippingInformation")
            .is_none()
    }));
    replies.push(("locations", locations));

    for (what, reply) in &replies {
        assert_live_headers(reply, what);
    }
    assert_eq!(replies.len(), 14);
    emulator.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_demo_job_has_the_recorded_shape() {
    let emulator = common::emulator(Scenario::Demo).await;
    let root = emulator.url();
    let mut groups = HashSet::new();
    let mut seen = 0;
    for subscription in emulator.subscriptions() {
        let by_subscription = reply(
            reqwest::Method::GET,
            &format!("{root}/subscriptions/{subscription}/providers/Microsoft.ImportExport/jobs?api-version={V}"),
            None,
        )
        .await;
        assert_live_headers(&by_subscription, "list by subscription");
        for job in by_subscription.json()["value"].as_array().unwrap() {
            seen += 1;
            assert_eq!(job["identity"]["type"], "None", "{job}");
            assert!(
                job["properties"]["encryptionKey"]["kekType"].is_string(),
                "{job}"
            );
            assert_eq!(job["properties"]["provisioningState"], "Succeeded");
            let location = job["location"].as_str().unwrap();
            assert_eq!(
                iejobs::emulator::catalog::display_name(location),
                Some(location),
                "a display name"
            );
            let id = job["id"].as_str().unwrap();
            let key = JobKey::from_resource_id(id).unwrap();
            groups.insert((subscription.clone(), key.resource_group.to_string()));
        }
    }
    assert!(seen >= 10, "the demo has jobs: {seen}");
    for (subscription, group) in groups {
        let by_group = reply(
            reqwest::Method::GET,
            &format!("{root}/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.ImportExport/jobs?api-version={V}"),
            None,
        )
        .await;
        assert_live_headers(&by_group, "list by resource group");
        let jobs = by_group.json();
        assert!(!jobs["value"].as_array().unwrap().is_empty());
        for job in jobs["value"].as_array().unwrap() {
            assert!(
                job["properties"].get("driveList").is_none(),
                "{group}: {job}"
            );
        }
    }
    emulator.shutdown().await;
}

/// The emulator's Cancel and Delete rule is its own (`emulator::rules`); here every state ×
/// cancel flag goes through it over HTTP and is compared with the app's `model::permission`:
/// a wrong rule in either fails this test. The one deliberate difference: a cancel sent again
/// while one is pending (before Packaging) is accepted by the service and not offered by the app.
#[tokio::test(flavor = "multi_thread")]
async fn the_service_rule_agrees_with_the_app_rule_in_every_state() {
    use iejobs::model::{Action, permission};
    let emulator = common::emulator(Scenario::Empty).await;
    let mut states = JobState::KNOWN.to_vec();
    states.push(JobState::from("Faulted"));
    states.push(JobState::from("Canceled"));
    let mut checked = 0;
    for (i, state) in states.iter().enumerate() {
        for cancel_requested in [false, true] {
            let name = format!("rule-{i}-{cancel_requested}");
            let url = job_url(&emulator, "rg-rules", &name);
            let created = reply(
                reqwest::Method::PUT,
                &url,
                Some(recorded_create("westus", "9CA995BB")),
            )
            .await;
            assert_eq!(created.status, 201, "{}", created.text);
            let cancel = json!({"properties": {"cancelRequested": true}});
            if cancel_requested {
                assert_eq!(
                    reply(reqwest::Method::PATCH, &url, Some(cancel.clone()))
                        .await
                        .status,
                    200
                );
            }
            assert!(emulator.fix_state(&key("rg-rules", &name), state.clone()));
            let what = format!("{state} cancelRequested={cancel_requested}");

            let app = permission(Action::Cancel, state, cancel_requested).is_allowed();
            let answer = reply(reqwest::Method::PATCH, &url, Some(cancel)).await;
            let repeated_before_packaging = cancel_requested
                && ["Creating", "Shipping", "Received", "Transferring"].contains(&state.as_str());
            if app || repeated_before_packaging {
                assert_eq!(answer.status, 200, "cancel {what}: {}", answer.text);
                assert_eq!(answer.json()["properties"]["cancelRequested"], true);
            } else {
                assert_eq!(
                    (answer.status, answer.json()["error"]["code"].as_str()),
                    (409, Some("JobCannotBeCancelled")),
                    "cancel {what}"
                );
                let message = answer.json()["error"]["message"]
                    .as_str()
                    .unwrap()
                    .to_owned();
                assert!(
                    message.ends_with(&format!("this job is {state}.")),
                    "{message}"
                );
            }

            let app = permission(Action::Delete, state, cancel_requested).is_allowed();
            let answer = reply(reqwest::Method::DELETE, &url, None).await;
            if app {
                assert_eq!(
                    (answer.status, answer.text.as_str()),
                    (200, ""),
                    "delete {what}"
                );
            } else {
                assert_eq!(
                    (answer.status, answer.json()["error"]["code"].as_str()),
                    (409, Some("JobCannotBeDeleted")),
                    "delete {what}"
                );
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 18, "9 states × 2 flags");
    emulator.shutdown().await;
}

/// The worker's straight decode of a listing gives the jobs the full decode and the summary
/// conversion give, on every scenario's jobs (drives, packages, escapes in text, unknown
/// states), page after page.
#[tokio::test]
async fn a_listing_decoded_straight_to_summaries_equals_the_full_decode() {
    use iejobs::arm::job_summary_from_wire;
    for scenario in [Scenario::Demo, Scenario::Load(450)] {
        let emulator = common::emulator(scenario.clone()).await;
        let client = common::client(&emulator.url());
        let scope = ListScope::Subscription(DEMO_SUBSCRIPTION.to_owned());
        let full: Vec<Job> = client
            .list_jobs(&scope)
            .await
            .unwrap()
            .iter()
            .map(|j| job_summary_from_wire(j).unwrap())
            .collect();
        let mut pager = client.pager(&scope);
        let mut straight = Vec::new();
        while let Some(page) = pager.next_summaries().await.unwrap() {
            straight.extend(page.into_iter().map(Result::unwrap));
        }
        assert!(full.len() > 10, "{scenario:?}: {} jobs", full.len());
        assert_eq!(pager.pages(), full.len().div_ceil(100), "{scenario:?}");
        assert_eq!(straight, full, "{scenario:?}");
    }
}
