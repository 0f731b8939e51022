//! The emulator's ARM request limits (`--arm-limits`) and its subscription refusals, as a
//! client sees them over HTTP.

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; scenarios read best in one piece"
)]

mod common;

use std::time::Duration;

use common::http as send;

use iejobs::emulator::faults::FaultRule;
use iejobs::emulator::limits::ArmLimits;
use iejobs::emulator::scenario::Scenario;
use iejobs::emulator::{DEMO_SUBSCRIPTION, DEMO_SUBSCRIPTION_2, Emulator, EmulatorConfig};
use reqwest::Method;
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

const V: &str = "2020-08-01";
const READS: &str = "x-ms-ratelimit-remaining-subscription-reads";
const WRITES: &str = "x-ms-ratelimit-remaining-subscription-writes";
const DELETES: &str = "x-ms-ratelimit-remaining-subscription-deletes";

async fn emulator(scenario: Scenario, limits: Option<&str>, faults: &[&str]) -> Emulator {
    let config = EmulatorConfig {
        scenario,
        speed: 0.0,
        seed: 7,
        arm_limits: limits.map(|l| l.parse().unwrap()),
        faults: faults
            .iter()
            .map(|f| FaultRule::parse(f).unwrap())
            .collect(),
        ..EmulatorConfig::default()
    };
    Emulator::start("127.0.0.1:0", config).await.unwrap()
}

fn list_url(emulator: &Emulator, subscription: &str) -> String {
    format!(
        "{}/subscriptions/{subscription}/providers/Microsoft.ImportExport/jobs?api-version={V}",
        emulator.url()
    )
}

fn job_url(emulator: &Emulator, subscription: &str, rg: &str, name: &str) -> String {
    format!(
        "{}/subscriptions/{subscription}/resourceGroups/{rg}/providers/Microsoft.ImportExport/jobs/{name}?api-version={V}",
        emulator.url()
    )
}

fn header(headers: &HeaderMap, name: &str) -> Option<u32> {
    headers
        .get(name)
        .map(|v| v.to_str().unwrap().parse().unwrap())
}

fn left(headers: &HeaderMap) -> (Option<u32>, Option<u32>, Option<u32>) {
    (
        header(headers, READS),
        header(headers, WRITES),
        header(headers, DELETES),
    )
}

fn create_body() -> Value {
    common::example(V, "CreateJob.json")["parameters"]["body"].clone()
}

#[tokio::test(flavor = "multi_thread")]
async fn headers_count_down_and_an_empty_bucket_refuses_without_acting() {
    let emulator = emulator(
        Scenario::Empty,
        Some("reads=3/0.01,writes=5/0.01,deletes=1/0.01"),
        &[],
    )
    .await;
    let token = common::TEST_TOKEN;
    let sub = DEMO_SUBSCRIPTION;
    let (a, b) = (
        job_url(&emulator, sub, "rg", "job-a"),
        job_url(&emulator, sub, "rg", "job-b"),
    );
    let (status, headers, _) = send(Method::PUT, &a, token, Some(create_body())).await;
    assert_eq!(status, 201);
    assert_eq!(
        left(&headers),
        (Some(3), Some(4), Some(1)),
        "all three headers"
    );
    let (status, headers, _) = send(Method::PUT, &b, token, Some(create_body())).await;
    assert_eq!((status, left(&headers)), (201, (Some(3), Some(3), Some(1))));

    let (status, headers, _) = send(Method::DELETE, &a, token, None).await;
    assert_eq!((status, left(&headers)), (200, (Some(3), Some(3), Some(0))));
    let (status, headers, body) = send(Method::DELETE, &b, token, None).await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(left(&headers), (Some(3), Some(3), Some(0)));
    assert_eq!(
        headers.get("retry-after").unwrap(),
        "100",
        "one token per 100 s"
    );
    assert_eq!(body["error"]["code"], "SubscriptionRequestsThrottled");
    let message = body["error"]["message"].as_str().unwrap();
    assert!(
        message.starts_with(&format!(
            "Number of 'delete' requests for subscription '{sub}' actor '"
        )),
        "{message}"
    );
    assert!(
        message.ends_with("exceeded. Please try again after '100' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information."),
        "{message}"
    );
    assert!(!message.contains(token), "the token is never shown");

    // The throttled delete was not carried out.
    let (status, headers, _) = send(Method::GET, &b, token, None).await;
    assert_eq!((status, left(&headers)), (200, (Some(2), Some(3), Some(0))));
    let (status, _, body) = send(Method::GET, &list_url(&emulator, sub), token, None).await;
    assert_eq!(status, 200);
    assert_eq!(body["value"].as_array().unwrap().len(), 1, "job-b is left");
    let (status, headers, _) = send(Method::GET, &a, token, None).await;
    assert_eq!(
        (status, left(&headers)),
        (404, (Some(0), Some(3), Some(0))),
        "job-a is gone"
    );
    let (status, headers, body) = send(Method::GET, &b, token, None).await;
    assert_eq!((status, left(&headers).0), (429, Some(0)));
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("Number of 'read' requests"),
        "{body}"
    );

    // Refused checks take nothing but still say what is left.
    let (status, headers, _) = send(Method::GET, &a.replace(V, "1999-01-01"), token, None).await;
    assert_eq!((status, left(&headers)), (400, (Some(0), Some(3), Some(0))));

    // Outside a subscription nothing is counted or sent.
    let (status, headers, _) = send(
        Method::GET,
        &format!("{}/subscriptions?api-version=2022-12-01", emulator.url()),
        token,
        None,
    )
    .await;
    assert_eq!((status, left(&headers)), (200, (None, None, None)));

    let throttled: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.status == 429)
        .collect();
    assert_eq!(throttled.len(), 2, "{throttled:?}");
    assert!(throttled.iter().all(|r| r.throttled && r.fault.is_none()));
    assert_eq!(
        (throttled[0].method.as_str(), throttled[0].route),
        ("DELETE", Some("delete"))
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn buckets_refill_as_real_time_passes() {
    let emulator = emulator(Scenario::Empty, Some("reads=2/1"), &[]).await;
    let url = list_url(&emulator, DEMO_SUBSCRIPTION);
    let token = common::TEST_TOKEN;
    for expected in [1, 0] {
        let (status, headers, _) = send(Method::GET, &url, token, None).await;
        assert_eq!((status, header(&headers, READS)), (200, Some(expected)));
    }
    let (status, headers, _) = send(Method::GET, &url, token, None).await;
    assert_eq!(status, 429);
    let wait: u64 = headers
        .get("retry-after")
        .unwrap()
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert_eq!(wait, 1, "one token a second");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, headers, _) = send(Method::GET, &url, token, None).await;
    assert_eq!(
        (status, header(&headers, READS)),
        (200, Some(0)),
        "one token back, taken"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn each_token_and_subscription_has_its_own_bucket() {
    let emulator = emulator(Scenario::Demo, Some("reads=1/0.01"), &[]).await;
    let (one, two) = (
        list_url(&emulator, DEMO_SUBSCRIPTION),
        list_url(&emulator, DEMO_SUBSCRIPTION_2),
    );
    assert_eq!(send(Method::GET, &one, "token-a", None).await.0, 200);
    assert_eq!(send(Method::GET, &one, "token-a", None).await.0, 429);
    let upper = one.replace(DEMO_SUBSCRIPTION, &DEMO_SUBSCRIPTION.to_ascii_uppercase());
    assert_eq!(
        send(Method::GET, &upper, "token-a", None).await.0,
        429,
        "subscription ids ignore case"
    );
    let (status, headers, _) = send(Method::GET, &one, "token-b", None).await;
    assert_eq!(
        (status, header(&headers, READS)),
        (200, Some(0)),
        "another caller"
    );
    assert_eq!(
        send(Method::GET, &two, "token-a", None).await.0,
        200,
        "another subscription"
    );
    let (status, headers, _) = send(Method::POST, &one, "token-a", None).await;
    assert_eq!(
        (status, header(&headers, WRITES)),
        (405, None),
        "writes unlimited: no header"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn hourly_limits_count_by_the_hour() {
    let emulator = emulator(Scenario::Demo, Some("china"), &[]).await;
    let (status, headers, _) = send(
        Method::GET,
        &list_url(&emulator, DEMO_SUBSCRIPTION),
        common::TEST_TOKEN,
        None,
    )
    .await;
    assert_eq!(
        (status, left(&headers)),
        (200, (Some(11_999), Some(1_200), Some(15_000)))
    );

    emulator.set_arm_limits(Some("writes=2/h".parse().unwrap()));
    let bad = job_url(&emulator, DEMO_SUBSCRIPTION, "rg", "new-job");
    for expected in [1, 0] {
        let (_, headers, _) = send(Method::PUT, &bad, "t", Some(create_body())).await;
        assert_eq!(header(&headers, WRITES), Some(expected));
    }
    let (status, headers, _) = send(Method::PUT, &bad, "t", Some(create_body())).await;
    assert_eq!(status, 429);
    assert_eq!(
        headers.get("retry-after").unwrap(),
        "1800",
        "two an hour: one back each half hour"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn without_limits_nothing_is_throttled_and_headers_stay_as_before() {
    let emulator = emulator(Scenario::Demo, None, &[]).await;
    assert_eq!(emulator.arm_limits(), None);
    let url = list_url(&emulator, DEMO_SUBSCRIPTION);
    let client = reqwest::Client::new();
    let mut previous = 12_000;
    for _ in 0..260 {
        let response = client
            .get(&url)
            .bearer_auth(common::TEST_TOKEN)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let headers = response.headers();
        let (Some(reads), None, None) = left(headers) else {
            panic!("one hourly countdown header: {headers:?}");
        };
        // The count starts again when the hour turns.
        assert!(
            reads == previous - 1 || reads == 11_999,
            "{reads} after {previous}"
        );
        previous = reads;
        assert!(headers.get("retry-after").is_none());
    }
    assert!(emulator.requests().iter().all(|r| !r.throttled));
}

#[tokio::test(flavor = "multi_thread")]
async fn limits_can_be_set_read_and_removed_through_the_admin_api() {
    let emulator = emulator(Scenario::Demo, None, &[]).await;
    let admin = format!("{}/_emulator/limits", emulator.url());
    let client = reqwest::Client::new();
    let answer: Value = client
        .get(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer, json!({"limits": null}));
    let answer: Value = client
        .post(&admin)
        .json(&json!({"limits": "reads=1/0.01"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer, json!({"limits": "reads=1/0.01"}));
    assert_eq!(emulator.arm_limits(), Some("reads=1/0.01".parse().unwrap()));
    let url = list_url(&emulator, DEMO_SUBSCRIPTION);
    assert_eq!(send(Method::GET, &url, "t", None).await.0, 200);
    assert_eq!(send(Method::GET, &url, "t", None).await.0, 429);

    let response = client
        .post(&admin)
        .json(&json!({"limits": "reads=0/1"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"]["code"], "InvalidLimits");
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("bucket size"),
        "{body}"
    );
    assert_eq!(send(Method::GET, &url, "t", None).await.0, 429, "unchanged");

    let answer: Value = client
        .delete(&admin)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer, json!({"limits": null}));
    let (status, headers, _) = send(Method::GET, &url, "t", None).await;
    assert_eq!(status, 200);
    assert!(
        header(&headers, READS).unwrap() > 11_000,
        "hourly countdown again"
    );

    // A new spec starts with full buckets.
    emulator.set_arm_limits(Some(ArmLimits::arm_2024()));
    let (_, headers, _) = send(Method::GET, &url, "t", None).await;
    assert_eq!(left(&headers), (Some(249), Some(200), Some(200)));
}

/// Finds a job of `subscription` that may be deleted (Creating or Completed).
async fn deletable_job(emulator: &Emulator, subscription: &str) -> (String, String) {
    let (_, _, body) = send(
        Method::GET,
        &list_url(emulator, subscription),
        common::TEST_TOKEN,
        None,
    )
    .await;
    let job = body["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|j| {
            matches!(
                j["properties"]["state"].as_str(),
                Some("Creating" | "Completed")
            )
        })
        .unwrap_or_else(|| panic!("no deletable job in {subscription}"));
    let id = job["id"].as_str().unwrap();
    let rg = id.split('/').nth(4).unwrap().to_owned();
    (rg, job["name"].as_str().unwrap().to_owned())
}

#[tokio::test(flavor = "multi_thread")]
async fn subscription_refusals_hit_one_subscription_while_the_other_answers() {
    let emulator = emulator(Scenario::Demo, None, &[]).await;
    let token = common::TEST_TOKEN;
    let (rg, name) = deletable_job(&emulator, DEMO_SUBSCRIPTION_2).await;
    let (rg1, name1) = deletable_job(&emulator, DEMO_SUBSCRIPTION).await;
    let job2 = job_url(&emulator, DEMO_SUBSCRIPTION_2, &rg, &name);
    let job1 = job_url(&emulator, DEMO_SUBSCRIPTION, &rg1, &name1);
    let cancel = json!({"tags": {"team": "refused"}});
    let sub2 = DEMO_SUBSCRIPTION_2;
    for (kind, status, code, message) in [
        (
            "403",
            403,
            "AuthorizationFailed",
            format!(
                "does not have authorization to perform action 'Microsoft.ImportExport/jobs/read' over scope '/subscriptions/{sub2}' or the scope is invalid. If access was recently granted, please refresh your credentials."
            ),
        ),
        (
            "subnotfound",
            404,
            "SubscriptionNotFound",
            format!("The subscription '{sub2}' could not be found."),
        ),
        (
            "unregistered",
            409,
            "MissingSubscriptionRegistration",
            "The subscription is not registered to use namespace 'Microsoft.ImportExport'. See https://aka.ms/rps-not-found for how to register subscriptions.".to_owned(),
        ),
    ] {
        emulator.set_faults(vec![FaultRule::parse(&format!("{kind}~{sub2}")).unwrap()]);
        let (got, headers, body) =
            send(Method::GET, &list_url(&emulator, sub2), token, None).await;
        assert_eq!(
            (got, body["error"]["code"].as_str()),
            (status, Some(code)),
            "{kind}: {body}"
        );
        let text = body["error"]["message"].as_str().unwrap();
        assert!(text.ends_with(&message), "{kind}: {text}");
        if kind == "403" {
            assert!(text.starts_with("The client '"), "{text}");
            assert_eq!(headers.get("x-ms-failure-cause").unwrap(), "gateway");
        }
        let (got, _, body) = send(
            Method::GET,
            &list_url(&emulator, DEMO_SUBSCRIPTION),
            token,
            None,
        )
        .await;
        assert_eq!(got, 200, "{kind}: the other subscription still answers");
        assert!(!body["value"].as_array().unwrap().is_empty());
        assert_eq!(send(Method::GET, &job1, token, None).await.0, 200);

        for (method, body) in [
            (Method::GET, None),
            (Method::PATCH, Some(cancel.clone())),
            (Method::DELETE, None),
        ] {
            let (got, _, answer) = send(method.clone(), &job2, token, body).await;
            assert_eq!(
                (got, answer["error"]["code"].as_str()),
                (status, Some(code)),
                "{kind} {method}"
            );
        }
    }
    // The refused patch and delete were not carried out.
    emulator.set_faults(Vec::new());
    let (status, _, body) = send(Method::GET, &job2, token, None).await;
    assert_eq!(status, 200);
    assert_ne!(body["tags"]["team"], "refused", "{body}");

    // The 403 names the action and the job for a write on one job.
    emulator.set_faults(vec![
        FaultRule::parse(&format!("patch:403*1~{sub2}")).unwrap(),
    ]);
    let (status, _, body) = send(Method::PATCH, &job2, token, Some(cancel.clone())).await;
    assert_eq!(status, 403);
    let text = body["error"]["message"].as_str().unwrap();
    assert!(
        text.contains(&format!(
            "action 'Microsoft.ImportExport/jobs/write' over scope '/subscriptions/{sub2}/resourceGroups/{rg}/providers/Microsoft.ImportExport/jobs/{name}'"
        )),
        "{text}"
    );
    assert_eq!(
        send(Method::PATCH, &job2, token, Some(cancel)).await.0,
        200,
        "the count is spent"
    );
    let logged: Vec<_> = emulator
        .requests()
        .into_iter()
        .filter(|r| r.fault.is_some())
        .map(|r| (r.status, r.fault.unwrap()))
        .collect();
    assert_eq!(logged.iter().filter(|(s, _)| *s == 403).count(), 5);
    assert!(logged.contains(&(409, "unregistered".to_owned())));
    assert!(logged.contains(&(404, "subnotfound".to_owned())));
}

#[tokio::test(flavor = "multi_thread")]
async fn refusals_are_set_at_start_and_through_the_admin_api() {
    let sub2 = DEMO_SUBSCRIPTION_2;
    let scoped = format!("list:unregistered~{}", sub2.to_ascii_uppercase());
    let emulator = emulator(Scenario::Demo, None, &[&scoped]).await;
    let token = common::TEST_TOKEN;
    assert_eq!(
        send(Method::GET, &list_url(&emulator, sub2), token, None)
            .await
            .0,
        409,
        "scopes ignore case"
    );
    assert_eq!(
        send(
            Method::GET,
            &list_url(&emulator, DEMO_SUBSCRIPTION),
            token,
            None
        )
        .await
        .0,
        200
    );
    let admin = format!("{}/_emulator/faults", emulator.url());
    let spec = format!("list:subnotfound#01~{sub2}");
    let answer: Value = reqwest::Client::new()
        .post(&admin)
        .json(&json!({ "faults": [spec] }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(answer, json!({ "faults": [spec] }));
    // Requests for the other subscription do not advance the script.
    for _ in 0..3 {
        assert_eq!(
            send(
                Method::GET,
                &list_url(&emulator, DEMO_SUBSCRIPTION),
                token,
                None
            )
            .await
            .0,
            200
        );
    }
    let statuses = [
        send(Method::GET, &list_url(&emulator, sub2), token, None)
            .await
            .0,
        send(Method::GET, &list_url(&emulator, sub2), token, None)
            .await
            .0,
        send(Method::GET, &list_url(&emulator, sub2), token, None)
            .await
            .0,
    ];
    assert_eq!(statuses, [200, 404, 200]);
}

#[tokio::test(flavor = "multi_thread")]
async fn throttling_comes_before_faults() {
    let emulator = emulator(Scenario::Demo, Some("reads=1/0.01"), &[]).await;
    let url = list_url(&emulator, DEMO_SUBSCRIPTION);
    assert_eq!(send(Method::GET, &url, "t", None).await.0, 200);
    emulator.set_faults(vec![
        FaultRule::parse(&format!("list:403*1~{DEMO_SUBSCRIPTION}")).unwrap(),
    ]);
    assert_eq!(send(Method::GET, &url, "t", None).await.0, 429);
    let (status, headers, _) = send(Method::GET, &url, "other", None).await;
    assert_eq!(
        (status, header(&headers, READS)),
        (403, Some(0)),
        "the throttled request left the fault for the next; a refused request is counted"
    );
    assert_eq!(send(Method::GET, &url, "other", None).await.0, 429);
}
