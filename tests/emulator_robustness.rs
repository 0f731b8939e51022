//! The emulator under bad requests: invalid JSON, huge bodies, bad job names, wrong methods,
//! missing headers, random paths, methods and bodies. Never a 500, never a panic: each is
//! answered with a 4xx and the ARM error shape `{"error":{"code","message"}}`.

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; a table of cases reads best in one piece"
)]

mod common;

use iejobs::emulator::scenario::Scenario;
use iejobs::emulator::{DEMO_SUBSCRIPTION, Emulator};
use proptest::prelude::*;
use reqwest::Method;

const V: &str = "api-version=2020-08-01";

/// A bad request: what it is, method, path and query, body, whether a token is sent, and
/// the ARM error code expected (empty: any 4xx, or a success).
type Case = (
    &'static str,
    Method,
    String,
    Option<Vec<u8>>,
    bool,
    &'static str,
);

/// Sends one request; returns the status and the body.
async fn send(
    emulator: &Emulator,
    method: &Method,
    path_and_query: &str,
    body: Option<Vec<u8>>,
    token: bool,
) -> (u16, Vec<u8>) {
    let mut request = reqwest::Client::new().request(
        method.clone(),
        format!("{}{path_and_query}", emulator.url()),
    );
    if token {
        request = request.bearer_auth(common::TEST_TOKEN);
    }
    if let Some(body) = body {
        request = request
            .header("content-type", "application/json")
            .body(body);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.bytes().await.unwrap().to_vec())
}

/// A 4xx with an ARM error body whose code and message are strings.
fn assert_arm_error(case: &str, status: u16, body: &[u8]) -> String {
    assert!((400..500).contains(&status), "{case}: status {status}");
    let value: serde_json::Value = serde_json::from_slice(body).unwrap_or_else(|e| {
        panic!(
            "{case}: not JSON ({e}): {:?}",
            String::from_utf8_lossy(body)
        )
    });
    let code = value["error"]["code"].as_str();
    let message = value["error"]["message"].as_str();
    assert!(
        code.is_some_and(|c| !c.is_empty()) && message.is_some_and(|m| !m.is_empty()),
        "{case}: not the ARM error shape: {value}"
    );
    code.unwrap().to_owned()
}

fn job_path(name: &str) -> String {
    format!(
        "/subscriptions/{DEMO_SUBSCRIPTION}/resourceGroups/rg-media-archive/providers/Microsoft.ImportExport/jobs/{name}?{V}"
    )
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_requests_get_a_4xx_in_the_arm_shape() {
    let emulator = common::emulator(Scenario::Demo).await;
    let job = job_path("archive-2026-new");
    let list =
        format!("/subscriptions/{DEMO_SUBSCRIPTION}/providers/Microsoft.ImportExport/jobs?{V}");
    let huge = vec![b' '; 2 * 1024 * 1024];
    let cases: Vec<Case> = vec![
        (
            "invalid JSON on PATCH",
            Method::PATCH,
            job.clone(),
            Some(b"{\"properties\": {".to_vec()),
            true,
            "InvalidRequestContent",
        ),
        (
            "invalid JSON on PUT",
            Method::PUT,
            job_path("new-job-x"),
            Some(b"not json".to_vec()),
            true,
            "InvalidRequestContent",
        ),
        (
            "JSON of the wrong shape",
            Method::PATCH,
            job.clone(),
            Some(b"[1,2,3]".to_vec()),
            true,
            "InvalidRequestContent",
        ),
        (
            "invalid UTF-8 body",
            Method::PATCH,
            job.clone(),
            Some(vec![0xff, 0xfe, b'{']),
            true,
            "InvalidRequestContent",
        ),
        (
            "cancelRequested false",
            Method::PATCH,
            job.clone(),
            Some(br#"{"properties":{"cancelRequested":false}}"#.to_vec()),
            true,
            "InvalidRequestContent",
        ),
        (
            "a body over 1 MiB",
            Method::PATCH,
            job.clone(),
            Some(huge.clone()),
            true,
            "RequestBodyTooLarge",
        ),
        (
            "a huge body on PUT",
            Method::PUT,
            job_path("new-job-y"),
            Some(huge),
            true,
            "RequestBodyTooLarge",
        ),
        (
            "a job name with an underscore",
            Method::PUT,
            job_path("bad_name"),
            Some(b"{}".to_vec()),
            true,
            "InvalidJobName",
        ),
        (
            "a too short job name",
            Method::PUT,
            job_path("ab"),
            Some(b"{}".to_vec()),
            true,
            "InvalidJobName",
        ),
        (
            "a job name starting with a digit",
            Method::PUT,
            job_path("1abc"),
            Some(b"{}".to_vec()),
            true,
            "InvalidJobName",
        ),
        (
            "a job name of 65 characters",
            Method::PUT,
            job_path(&"a".repeat(65)),
            Some(b"{}".to_vec()),
            true,
            "InvalidJobName",
        ),
        (
            "a job name with an encoded NUL",
            Method::GET,
            job_path("ab%00cd"),
            None,
            true,
            "ResourceNotFound",
        ),
        (
            "a job name that is not UTF-8",
            Method::GET,
            job_path("ab%FFcd"),
            None,
            true,
            "InvalidUri",
        ),
        (
            "an unknown job",
            Method::DELETE,
            job_path("no-such-job"),
            None,
            true,
            "ResourceNotFound",
        ),
        (
            "POST on a job",
            Method::POST,
            job.clone(),
            None,
            true,
            "MethodNotAllowed",
        ),
        (
            "PUT on a list",
            Method::PUT,
            list.clone(),
            Some(b"{}".to_vec()),
            true,
            "MethodNotAllowed",
        ),
        (
            "DELETE on locations",
            Method::DELETE,
            format!("/providers/Microsoft.ImportExport/locations?{V}"),
            None,
            true,
            "MethodNotAllowed",
        ),
        (
            "an unknown path",
            Method::GET,
            format!("/subscriptions/x/providers/Other/things?{V}"),
            None,
            true,
            "InvalidResourceType",
        ),
        (
            "no Authorization header",
            Method::GET,
            list.clone(),
            None,
            false,
            "AuthenticationFailed",
        ),
        (
            "no api-version",
            Method::GET,
            list.split('?').next().unwrap().to_owned(),
            None,
            true,
            "MissingApiVersionParameter",
        ),
        (
            "a bad $top",
            Method::GET,
            format!("{list}&$top=100000"),
            None,
            true,
            "InvalidQueryParameterValue",
        ),
        (
            "a bad $filter",
            Method::GET,
            format!("{list}&$filter=state%20eq"),
            None,
            true,
            "InvalidFilter",
        ),
        // A token it cannot read restarts the listing (200): only the shape is checked.
        (
            "a bad $skiptoken",
            Method::GET,
            format!("{list}&$skiptoken=%FF%00"),
            None,
            true,
            "",
        ),
    ];
    for (case, method, path, body, token, expected) in cases {
        let (status, answer) = send(&emulator, &method, &path, body, token).await;
        if expected.is_empty() && (200..300).contains(&status) {
            // A request that turns out acceptable is fine; only its shape is checked.
            serde_json::from_slice::<serde_json::Value>(&answer).unwrap();
            continue;
        }
        let code = assert_arm_error(case, status, &answer);
        if !expected.is_empty() {
            assert_eq!(code, expected, "{case}");
        }
    }
    let health = reqwest::get(format!("{}/_emulator/health", emulator.url()))
        .await
        .unwrap();
    assert_eq!(health.status(), 200, "still serving");
}

fn method() -> impl Strategy<Value = Method> {
    prop::sample::select(vec![
        Method::GET,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
        Method::POST,
        Method::OPTIONS,
        Method::from_bytes(b"FROB").unwrap(),
    ])
}

fn path() -> impl Strategy<Value = String> {
    let segment = prop::sample::select(vec![
        "subscriptions",
        DEMO_SUBSCRIPTION,
        "resourceGroups",
        "rg-media-archive",
        "providers",
        "Microsoft.ImportExport",
        "jobs",
        "locations",
        "operations",
        "archive-2026-new",
        "listBitLockerKeys",
        "%FF",
        "%00",
        "..",
        "",
        "West%20US",
        "A-B",
    ]);
    let query = prop::sample::select(vec![
        "",
        "?api-version=2020-08-01",
        "?api-version=1999-01-01",
        "?api-version=2020-08-01&$top=0",
        "?api-version=2020-08-01&$filter=state%20eq%20'Creating'%20or",
        "?api-version=2020-08-01&$skiptoken=zz",
    ]);
    (prop::collection::vec(segment, 0..10), query)
        .prop_map(|(segments, query)| format!("/{}{query}", segments.join("/")))
}

fn body() -> impl Strategy<Value = Option<Vec<u8>>> {
    prop::option::of(prop_oneof![
        prop::collection::vec(any::<u8>(), 0..256),
        Just(br#"{"properties":{"cancelRequested":true}}"#.to_vec()),
        Just(
            br#"{"location":"West US","properties":{"jobType":"Import","storageAccountId":"x"}}"#
                .to_vec()
        ),
        Just(br#"{"properties":{"state":"Shipping"}}"#.to_vec()),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Whatever comes, the answer is a success or a 4xx in the ARM shape; never a 5xx.
    #[test]
    fn random_requests_never_get_a_5xx(requests in prop::collection::vec((method(), path(), body(), any::<bool>()), 1..4)) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(1).enable_all().build().unwrap();
        runtime.block_on(async {
            let emulator = common::emulator(Scenario::Demo).await;
            for (method, path, body, token) in &requests {
                let (status, answer) = send(&emulator, method, path, body.clone(), *token).await;
                let case = format!("{method} {path}");
                if status >= 400 {
                    assert_arm_error(&case, status, &answer);
                } else {
                    assert!((200..300).contains(&status), "{case}: {status}");
                }
            }
        });
    }
}
