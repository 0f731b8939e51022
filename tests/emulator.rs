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
    let mut request = reqwest::Client::new()
        .request(method, url)
        .bearer_auth(common::TEST_TOKEN);
    if let Some(body) = body {
        request = request.json(&body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let text = response.text().await.unwrap();
    let value = if text.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&text).unwrap()
    };
    (status, headers, value)
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
    let tracking = json!({"properties": {"deliveryPackage": {"carrierName": "FedEx", "trackingNumber": "123456789"}}});
    let (status, _, body) = raw(reqwest::Method::PATCH, &url, Some(tracking)).await;
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
            .contains("Cancel is possible only before Packaging; this job is Packaging"),
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
