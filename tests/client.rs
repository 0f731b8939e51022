//! The ARM client against a local axum server that serves the spec's example payloads.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use iejobs::arm::{
    ArmClient, ArmError, ClientConfig, DeleteOutcome, ListScope, RetryPolicy, Secret, StaticToken,
    TransportKind,
};
use iejobs::model::JobKey;
use serde_json::{Value, json};

const SUB: &str = "00000000-0000-0000-0000-0000000000aa";
const TOKEN: &str = "sentinel-token-4f1c";
const V: &str = "2020-08-01";

/// What the test server saw of one request.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    uri: String,
    authorization: Option<String>,
    body: String,
}

type Log = Arc<Mutex<Vec<Seen>>>;

/// Serves `router` on 127.0.0.1:0, logging every request; returns the base URL and the log.
async fn serve(router: Router) -> (String, Log) {
    let log: Log = Arc::default();
    let log_layer = log.clone();
    let router = router.layer(axum::middleware::from_fn(
        move |request: Request, next: axum::middleware::Next| {
            let log = log_layer.clone();
            async move {
                let (parts, body) = request.into_parts();
                let bytes = axum::body::to_bytes(body, 1 << 20)
                    .await
                    .unwrap_or_default();
                log.lock().unwrap().push(Seen {
                    method: parts.method.to_string(),
                    uri: parts.uri.to_string(),
                    authorization: parts
                        .headers
                        .get(header::AUTHORIZATION)
                        .map(|v| v.to_str().unwrap().to_owned()),
                    body: String::from_utf8_lossy(&bytes).into_owned(),
                });
                next.run(Request::from_parts(parts, Body::from(bytes)))
                    .await
            }
        },
    ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    (format!("http://{addr}"), log)
}

fn client_with(base: &str, retry: RetryPolicy, timeout: Duration) -> ArmClient {
    let mut config = ClientConfig::new(base).unwrap();
    config.retry = retry;
    config.request_timeout = timeout;
    ArmClient::new(
        config,
        Arc::new(StaticToken::new(Secret::new(TOKEN), "test")),
    )
    .unwrap()
}

fn fast_retry() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 3,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(40),
        max_retry_after: Duration::from_secs(5),
    }
}

fn client(base: &str) -> ArmClient {
    client_with(base, fast_retry(), Duration::from_secs(5))
}

fn json_response(status: StatusCode, body: &Value) -> Response {
    let mut response = (status, axum::Json(body.clone())).into_response();
    let headers = response.headers_mut();
    headers.insert("x-ms-request-id", "req-123".parse().unwrap());
    headers.insert("x-ms-correlation-request-id", "corr-456".parse().unwrap());
    response
}

fn arm_error(status: StatusCode, code: &str, message: &str) -> Response {
    json_response(
        status,
        &json!({"error": {"code": code, "message": message}}),
    )
}

fn key(name: &str) -> JobKey {
    JobKey::new(SUB, "myResourceGroup", name)
}

fn job_path(name: &str) -> String {
    format!(
        "/subscriptions/{SUB}/resourceGroups/myResourceGroup/providers/Microsoft.ImportExport/jobs/{name}"
    )
}

fn list_path() -> String {
    format!("/subscriptions/{SUB}/providers/Microsoft.ImportExport/jobs")
}

fn next_link(headers: &HeaderMap, query: &str) -> String {
    let host = headers[header::HOST].to_str().unwrap();
    format!("http://{host}{}?api-version={V}&{query}", list_path())
}

#[tokio::test]
async fn lists_three_pages_following_next_link() {
    async fn page(headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
        let mut body = match q.get("$skiptoken").map(String::as_str) {
            None => common::example_body(V, "ListJobsInSubscription.json", "200"),
            Some("p2") => common::example_body(V, "ListJobsInResourceGroup.json", "200"),
            Some(_) => json!({"value": [common::example_body(V, "GetJob.json", "200")]}),
        };
        match q.get("$skiptoken").map(String::as_str) {
            None => body["nextLink"] = next_link(&headers, "$skiptoken=p2").into(),
            Some("p2") => body["nextLink"] = next_link(&headers, "$skiptoken=p3").into(),
            Some(_) => {}
        }
        json_response(StatusCode::OK, &body)
    }
    let (base, log) = serve(Router::new().route(&list_path(), get(page))).await;
    let jobs = client(&base)
        .list_jobs(&ListScope::Subscription(SUB.into()))
        .await
        .unwrap();
    let names: Vec<_> = jobs.iter().map(|j| j.name.clone().unwrap()).collect();
    assert_eq!(
        names,
        [
            "test-bn1-import-cpu100-01",
            "test-bn1-import-cpu100-02",
            "test-by1-ssd-2",
            "myJob"
        ]
    );
    let log = log.lock().unwrap();
    assert_eq!(log.len(), 3, "one request per page");
    assert_eq!(log[0].uri, format!("{}?api-version={V}", list_path()));
    assert!(log[1].uri.ends_with("$skiptoken=p2") && log[2].uri.ends_with("$skiptoken=p3"));
    assert!(
        log.iter()
            .all(|s| s.authorization.as_deref() == Some(&*format!("Bearer {TOKEN}")))
    );
}

#[tokio::test]
async fn lists_a_resource_group() {
    let path = format!(
        "/subscriptions/{SUB}/resourceGroups/my%20rg/providers/Microsoft.ImportExport/jobs"
    );
    let router = Router::new().route(
        &path,
        get(|| async {
            json_response(
                StatusCode::OK,
                &common::example_body(V, "ListJobsInResourceGroup.json", "200"),
            )
        }),
    );
    let (base, log) = serve(router).await;
    let scope = ListScope::ResourceGroup {
        subscription_id: SUB.into(),
        resource_group: "my rg".into(),
    };
    let jobs = client(&base).list_jobs(&scope).await.unwrap();
    assert_eq!(jobs.len(), 1);
    assert_eq!(
        log.lock().unwrap()[0].uri,
        format!("{path}?api-version={V}")
    );
}

#[tokio::test]
async fn cancel_sends_the_documented_patch_once() {
    let router = Router::new().route(
        &job_path("myJob"),
        any(|| async {
            let mut body = common::example_body(V, "GetJob.json", "200");
            body["properties"]["cancelRequested"] = true.into();
            json_response(StatusCode::OK, &body)
        }),
    );
    let (base, log) = serve(router).await;
    let job = client(&base).request_cancel(&key("myJob")).await.unwrap();
    let props = job.properties.unwrap();
    assert_eq!(props.cancel_requested, Some(true));
    assert_eq!(
        props.state.unwrap().as_str(),
        "Creating",
        "cancel does not change the state"
    );
    let log = log.lock().unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].method, "PATCH");
    let sent: Value = serde_json::from_str(&log[0].body).unwrap();
    assert_eq!(sent, json!({"properties": {"cancelRequested": true}}));
}

#[tokio::test]
async fn delete_accepts_200_with_empty_body() {
    let router = Router::new().route(&job_path("myJob"), any(|| async { StatusCode::OK }));
    let (base, log) = serve(router).await;
    assert_eq!(
        client(&base).delete_job(&key("myJob")).await,
        Ok(DeleteOutcome::Deleted)
    );
    assert_eq!(log.lock().unwrap()[0].method, "DELETE");
}

#[tokio::test]
async fn a_retried_delete_that_finds_no_job_means_deleted() {
    let calls = Arc::new(Mutex::new(0));
    let router = Router::new().route(
        &job_path("myJob"),
        any(|State(calls): State<Arc<Mutex<u32>>>| async move {
            let mut calls = calls.lock().unwrap();
            *calls += 1;
            if *calls == 1 {
                arm_error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "ServiceUnavailable",
                    "try again",
                )
            } else {
                arm_error(StatusCode::NOT_FOUND, "ResourceNotFound", "gone")
            }
        })
        .with_state(calls),
    );
    let (base, log) = serve(router).await;
    assert_eq!(
        client(&base).delete_job(&key("myJob")).await,
        Ok(DeleteOutcome::AlreadyGone)
    );
    assert_eq!(log.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn not_found_keeps_code_message_and_request_ids() {
    let router = Router::new().route(
        &job_path("nope"),
        any(|| async {
            arm_error(
                StatusCode::NOT_FOUND,
                "ResourceNotFound",
                "The job 'nope' was not found.",
            )
        }),
    );
    let (base, log) = serve(router).await;
    let client = client(&base);
    let error = client.get_job(&key("nope")).await.unwrap_err();
    let ArmError::Api(api) = &error else {
        panic!("{error:?}")
    };
    assert_eq!(api.status, 404);
    assert_eq!(api.code.as_deref(), Some("ResourceNotFound"));
    assert_eq!(
        api.message.as_deref(),
        Some("The job 'nope' was not found.")
    );
    assert_eq!(api.ids.request_id.as_deref(), Some("req-123"));
    assert_eq!(api.ids.correlation_id.as_deref(), Some("corr-456"));
    assert!(error.is_not_found());
    let text = error.to_string();
    assert!(
        text.contains("ResourceNotFound") && text.contains("req-123"),
        "{text}"
    );
    assert!(!text.contains(TOKEN));
    // A first-attempt 404 on delete is an error, not "already gone".
    assert!(
        client
            .delete_job(&key("nope"))
            .await
            .unwrap_err()
            .is_not_found()
    );
    assert_eq!(log.lock().unwrap().len(), 2, "404 is not retried");
}

#[tokio::test]
async fn conflict_is_reported_and_not_retried() {
    let router = Router::new().route(
        &job_path("busy"),
        any(|| async {
            arm_error(
                StatusCode::CONFLICT,
                "JobCannotBeDeleted",
                "Only jobs in Creating or Completed can be deleted; this job is Transferring.",
            )
        }),
    );
    let (base, log) = serve(router).await;
    let error = client(&base).delete_job(&key("busy")).await.unwrap_err();
    assert_eq!(error.status(), Some(409));
    assert_eq!(error.code(), Some("JobCannotBeDeleted"));
    assert!(error.to_string().contains("this job is Transferring"));
    assert_eq!(log.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn throttling_honours_retry_after() {
    let calls = Arc::new(Mutex::new(0));
    let router = Router::new().route(
        &job_path("myJob"),
        get(|State(calls): State<Arc<Mutex<u32>>>| async move {
            let first = {
                let mut calls = calls.lock().unwrap();
                *calls += 1;
                *calls == 1
            };
            if first {
                let mut response = arm_error(
                    StatusCode::TOO_MANY_REQUESTS,
                    "TooManyRequests",
                    "slow down",
                );
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, "1".parse().unwrap());
                response
            } else {
                json_response(
                    StatusCode::OK,
                    &common::example_body(V, "GetJob.json", "200"),
                )
            }
        })
        .with_state(calls),
    );
    let (base, log) = serve(router).await;
    let started = Instant::now();
    let job = client(&base).get_job(&key("myJob")).await.unwrap();
    let waited = started.elapsed();
    assert_eq!(job.name.as_deref(), Some("myJob"));
    assert!(
        waited >= Duration::from_secs(1),
        "waited only {waited:?}; Retry-After said 1 s"
    );
    assert!(waited < Duration::from_secs(3), "waited {waited:?}");
    assert_eq!(log.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_retry_after_beyond_the_limit_is_returned_not_slept() {
    let router = Router::new().route(
        &job_path("myJob"),
        get(|| async {
            let mut response = arm_error(StatusCode::TOO_MANY_REQUESTS, "TooManyRequests", "later");
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, "3600".parse().unwrap());
            response
        }),
    );
    let (base, log) = serve(router).await;
    let started = Instant::now();
    let error = client(&base).get_job(&key("myJob")).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2));
    let ArmError::Api(api) = error else { panic!() };
    assert_eq!(api.retry_after, Some(Duration::from_hours(1)));
    assert_eq!(log.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn server_errors_are_retried_a_bounded_number_of_times() {
    let router = Router::new().route(
        &job_path("myJob"),
        get(|| async {
            arm_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerError",
                "boom",
            )
        }),
    );
    let (base, log) = serve(router).await;
    let error = client(&base).get_job(&key("myJob")).await.unwrap_err();
    let ArmError::Api(api) = error else { panic!() };
    assert_eq!((api.status, api.attempts), (500, 3));
    assert_eq!(log.lock().unwrap().len(), 3, "max_attempts = 3");
}

#[tokio::test]
async fn malformed_and_truncated_json_are_typed_errors() {
    let full = serde_json::to_string(&common::example_body(V, "GetJob.json", "200")).unwrap();
    let truncated = full[..full.len() / 2].to_owned();
    let router = Router::new()
        .route(
            &job_path("truncated"),
            get(move || async move { ([(header::CONTENT_TYPE, "application/json")], truncated) }),
        )
        .route(
            &job_path("garbage"),
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    "<html>oops</html>",
                )
            }),
        )
        .route(
            &job_path("wrongtype"),
            get(|| async { axum::Json(json!({"properties": {"percentComplete": "six"}})) }),
        )
        .route(
            &list_path(),
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "application/json")],
                    r#"{"value": [{"name": "a"}, "#,
                )
            }),
        );
    let (base, _log) = serve(router).await;
    let client = client(&base);
    for name in ["truncated", "garbage", "wrongtype"] {
        let error = client.get_job(&key(name)).await.unwrap_err();
        assert!(
            matches!(
                error,
                ArmError::Decode {
                    status: 200,
                    what: "job",
                    ..
                }
            ),
            "{name}: {error:?}"
        );
    }
    let error = client
        .list_jobs(&ListScope::Subscription(SUB.into()))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            ArmError::Decode {
                what: "job list",
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        error.to_string().contains("not a valid job list"),
        "{error}"
    );
}

#[tokio::test]
async fn a_next_link_to_another_origin_is_refused_and_never_called() {
    let (foreign, foreign_log) = serve(Router::new().fallback(|| async { StatusCode::OK })).await;
    let foreign_link = format!("{foreign}{}?api-version={V}&$skiptoken=2", list_path());
    let router = Router::new().route(
        &list_path(),
        get(move || async move {
            let mut body = common::example_body(V, "ListJobsInSubscription.json", "200");
            body["nextLink"] = foreign_link.clone().into();
            json_response(StatusCode::OK, &body)
        }),
    );
    let (base, log) = serve(router).await;
    let client = client(&base);
    let mut pager = client.pager(&ListScope::Subscription(SUB.into()));
    let refused = pager.next_page().await.unwrap_err().to_string();
    assert!(refused.contains("was not followed"), "{refused}");
    assert!(
        foreign_log.lock().unwrap().is_empty(),
        "the token must not reach another host"
    );
    assert_eq!(log.lock().unwrap().len(), 1);
    let error = client
        .list_jobs(&ListScope::Subscription(SUB.into()))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ArmError::ForeignNextLink { .. }),
        "{error:?}"
    );
}

#[tokio::test]
async fn a_looping_next_link_stops_the_listing() {
    async fn page(headers: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
        let mut body = common::example_body(V, "ListJobsInResourceGroup.json", "200");
        // Page 1 links to page 2, page 2 links to page 3, page 3 links back to page 2.
        let next = if q.get("$skiptoken").map(String::as_str) == Some("2") {
            "3"
        } else {
            "2"
        };
        body["nextLink"] = next_link(&headers, &format!("$skiptoken={next}")).into();
        json_response(StatusCode::OK, &body)
    }
    let (base, log) = serve(Router::new().route(&list_path(), get(page))).await;
    let error = client(&base)
        .list_jobs(&ListScope::Subscription(SUB.into()))
        .await
        .unwrap_err();
    assert!(
        matches!(error, ArmError::NextLinkLoop(ref link) if link.ends_with("$skiptoken=2")),
        "{error:?}"
    );
    assert_eq!(log.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn a_slow_answer_times_out_and_is_retried() {
    let router = Router::new().route(
        &job_path("slow"),
        get(|| async {
            tokio::time::sleep(Duration::from_secs(5)).await;
            StatusCode::OK
        }),
    );
    let (base, log) = serve(router).await;
    let client = client_with(
        &base,
        RetryPolicy {
            max_attempts: 2,
            ..fast_retry()
        },
        Duration::from_millis(200),
    );
    let started = Instant::now();
    let error = client.get_job(&key("slow")).await.unwrap_err();
    assert!(
        matches!(
            error,
            ArmError::Transport {
                kind: TransportKind::Timeout,
                attempts: 2,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(3));
    assert_eq!(log.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    // Bind, note the port, close: nothing listens there any more.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let error = client(&base).get_job(&key("x")).await.unwrap_err();
    assert!(
        matches!(
            error,
            ArmError::Transport {
                kind: TransportKind::Connect,
                attempts: 3,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(!format!("{error} {error:?}").contains(TOKEN));
}

#[tokio::test]
async fn an_oversized_body_is_refused() {
    let router = Router::new().route(&job_path("big"), get(|| async { "x".repeat(4096) }));
    let (base, _log) = serve(router).await;
    let mut config = ClientConfig::new(&base).unwrap();
    config.max_body_bytes = 1024;
    let client =
        ArmClient::new(config, Arc::new(StaticToken::new(Secret::new(TOKEN), "t"))).unwrap();
    let error = client.get_job(&key("big")).await.unwrap_err();
    assert_eq!(error.code(), Some("ResponseTooLarge"), "{error:?}");
}
