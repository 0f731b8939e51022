//! The ARM surface of the emulator: routing, checks, the job operations, faults on the way.

use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header, request::Parts};
use axum::response::Response;
use serde::Serialize;
use serde_json::Value;

use crate::arm::wire::{
    DriveBitLockerKey, ErrorResponse, GetBitLockerKeysResponse, JobDetails, JobResponse,
    ListJobsResponse, ListOperationsResponse, LocationsResponse, PutJobParameters,
    SubscriptionListResult, Tags, UpdateJobParameters, UpdateJobProperties,
};
use crate::model::{JobKey, JobState, JobType};

use super::clock::Millis;

use super::catalog;
use super::faults::{FaultKind, Route};
use super::filter::Filter;
use super::limits::{Throttled, ThrottledMark};
use super::rules;
use super::sim::{ShipmentProfile, SimJob, random_drive};
use super::store::ListQuery;
use super::{Rate, Shared};

/// The API versions the emulator speaks.
pub const API_VERSIONS: [&str; 3] = crate::arm::API_VERSIONS;

/// The `Microsoft.Resources` api-versions accepted by `GET /subscriptions`.
pub const SUBSCRIPTIONS_API_VERSIONS: [&str; 4] =
    ["2016-06-01", "2020-01-01", "2021-01-01", "2022-12-01"];

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// How much of an oversized body is read and dropped before answering.
pub const DRAIN_BYTES: usize = 16 * 1024 * 1024;

/// Default and largest page of a listing.
pub const MAX_TOP: usize = 100;

/// What a request asks for, once its path is read.
#[derive(Debug)]
enum Call {
    Subscriptions,
    Operations,
    Locations,
    Location(String),
    List {
        subscription: String,
        resource_group: Option<String>,
    },
    Job(JobKey),
    BitLockerKeys(JobKey),
}

impl Call {
    fn route(&self, method: &Method) -> Route {
        match self {
            Call::Subscriptions => Route::Subscriptions,
            Call::Operations => Route::Operations,
            Call::Locations | Call::Location(_) => Route::Locations,
            Call::List { .. } => Route::List,
            Call::BitLockerKeys(_) => Route::BitLocker,
            Call::Job(_) => match *method {
                Method::PUT => Route::Put,
                Method::PATCH => Route::Patch,
                Method::DELETE => Route::Delete,
                _ => Route::Get,
            },
        }
    }

    fn allowed_methods(&self) -> &'static [Method] {
        match self {
            Call::Job(_) => &[Method::GET, Method::PUT, Method::PATCH, Method::DELETE],
            Call::BitLockerKeys(_) => &[Method::POST],
            _ => &[Method::GET],
        }
    }

    /// The allowed methods as the `Allow` header writes them.
    fn allowed_list(&self) -> String {
        let names: Vec<&str> = self.allowed_methods().iter().map(Method::as_str).collect();
        names.join(", ")
    }

    /// The RBAC action a request on this call needs, as ARM's 403 names it.
    fn action(&self, method: &Method) -> &'static str {
        match (self, method) {
            (Call::BitLockerKeys(_), _) => "Microsoft.ImportExport/jobs/listBitLockerKeys/action",
            (_, &Method::PUT | &Method::PATCH) => "Microsoft.ImportExport/jobs/write",
            (_, &Method::DELETE) => "Microsoft.ImportExport/jobs/delete",
            _ => "Microsoft.ImportExport/jobs/read",
        }
    }

    /// The scope ARM checks access on: the subscription or resource group of a listing, the
    /// job itself otherwise.
    fn scope(&self) -> String {
        match self {
            Call::List {
                subscription,
                resource_group: None,
            } => format!("/subscriptions/{subscription}"),
            Call::List {
                subscription,
                resource_group: Some(rg),
            } => format!("/subscriptions/{subscription}/resourceGroups/{rg}"),
            Call::Job(key) | Call::BitLockerKeys(key) => format!(
                "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.ImportExport/jobs/{}",
                key.subscription_id, key.resource_group, key.name
            ),
            _ => "/".to_owned(),
        }
    }

    fn subscription(&self) -> Option<&str> {
        match self {
            Call::List { subscription, .. } => Some(subscription),
            Call::Job(key) | Call::BitLockerKeys(key) => Some(&key.subscription_id),
            _ => None,
        }
    }
}

/// A finished answer before faults and headers: status and JSON body (none for DELETE),
/// serialized once, straight from the typed value (a fault that spoils the content parses it
/// back; that path is rare and may be slow).
struct Answer {
    status: StatusCode,
    body: Option<Vec<u8>>,
}

impl Answer {
    fn ok(body: &impl Serialize) -> Self {
        Self::with(StatusCode::OK, body)
    }

    fn with(status: StatusCode, body: &impl Serialize) -> Self {
        match serde_json::to_vec(body) {
            Ok(bytes) => Self {
                status,
                body: Some(bytes),
            },
            Err(e) => error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "InternalServerError",
                &format!("could not write the response: {e}"),
            ),
        }
    }

    fn empty() -> Self {
        Self {
            status: StatusCode::OK,
            body: None,
        }
    }
}

fn error(status: StatusCode, code: &str, message: &str) -> Answer {
    Answer {
        status,
        body: serde_json::to_vec(&ErrorResponse::new(code, message)).ok(),
    }
}

/// Handles one ARM request from start to end; returns the response and what to log.
pub async fn handle(
    shared: &Arc<Shared>,
    parts: &Parts,
    body: Body,
) -> (Response, Option<Route>, Option<FaultKind>) {
    let mut ids = ResponseIds::new(shared, &parts.headers);
    let token = bearer_token(&parts.headers);
    let (call, query) = match check_request(shared, parts) {
        Ok(checked) => checked,
        Err((answer, call)) => {
            let subscription = call.as_ref().and_then(Call::subscription);
            let rate = shared.uncounted_rate(subscription, token);
            let mut response = ids.finish(shared, answer, subscription, &parts.method, &rate);
            if response.status() == StatusCode::UNAUTHORIZED {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            if let Some(call) = &call
                && response.status() == StatusCode::METHOD_NOT_ALLOWED
                && let Ok(value) = HeaderValue::from_str(&call.allowed_list())
            {
                response.headers_mut().insert(header::ALLOW, value);
            }
            return (response, call.map(|c| c.route(&parts.method)), None);
        }
    };
    let route = call.route(&parts.method);
    let subscription = call.subscription();
    // ARM throttles at its front door, before the resource provider sees the request: a
    // throttled request meets no fault (and advances no fault script).
    let rate = match shared.admit(subscription, token, &parts.method) {
        Ok(rate) => rate,
        Err(throttled) => {
            let response = throttled_response(shared, &mut ids, &throttled, subscription, parts);
            return (response, Some(route), None);
        }
    };
    let fault = shared.decide_fault(route, subscription);
    if let Some(answer) = injected_failure(fault, &call, &parts.method) {
        let mut response = ids.finish(shared, answer, subscription, &parts.method, &rate);
        match fault {
            Some(FaultKind::Throttle { retry_after_secs }) => {
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            }
            Some(FaultKind::Unauthorized) => {
                response
                    .headers_mut()
                    .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            Some(FaultKind::Forbidden) => {
                // ARM's own refusals say which layer refused.
                response
                    .headers_mut()
                    .insert("x-ms-failure-cause", HeaderValue::from_static("gateway"));
            }
            _ => {}
        }
        return (response, Some(route), fault);
    }
    if let Some(kind @ FaultKind::Delay { ms }) = fault {
        // A client that gives up during the delay closes the connection and this handler is
        // dropped: the request was not carried out, and the log says so with 499.
        let abandoned = Abandoned {
            shared,
            parts,
            route,
            fault: kind,
        };
        tokio::time::sleep(Duration::from_millis(ms)).await;
        std::mem::forget(abandoned);
    }
    let answer = match read_body(body).await {
        Some(body) => execute(shared, &call, &parts.method, &query, &parts.headers, &body),
        None => error(
            StatusCode::BAD_REQUEST,
            "RequestBodyTooLarge",
            &format!(
                "The request body is larger than {MAX_BODY_BYTES} bytes or could not be read."
            ),
        ),
    };
    let answer = match fault {
        Some(kind) if answer.status.is_success() => spoil(shared, answer, kind, &parts.uri),
        _ => answer,
    };
    let mut response = ids.finish(shared, answer, subscription, &parts.method, &rate);
    match fault {
        Some(FaultKind::Drop) => response = cut_connection(response),
        Some(FaultKind::Truncate) => response = truncate(response).await,
        Some(FaultKind::BadJson) => response = replace_body(response, INVALID_JSON),
        _ => {}
    }
    (response, Some(route), fault)
}

/// ARM's answer to a request whose bucket is empty: 429, `Retry-After`, what is left, and
/// the `SubscriptionRequestsThrottled` error. Marked for the request log.
fn throttled_response(
    shared: &Shared,
    ids: &mut ResponseIds,
    throttled: &Throttled,
    subscription: Option<&str>,
    parts: &Parts,
) -> Response {
    let answer = error(
        StatusCode::TOO_MANY_REQUESTS,
        "SubscriptionRequestsThrottled",
        &format!(
            "Number of '{}' requests for subscription '{}' actor '{}' exceeded. Please try again after '{}' seconds after additional tokens are available. Refer to https://aka.ms/arm-throttling for additional information.",
            throttled.class.noun(),
            subscription.unwrap_or_default(),
            throttled.actor,
            throttled.retry_after_secs
        ),
    );
    let rate = Rate::Limited(throttled.remaining);
    let mut response = ids.finish(shared, answer, subscription, &parts.method, &rate);
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(throttled.retry_after_secs),
    );
    response.extensions_mut().insert(ThrottledMark);
    response
}

/// Status logged for a request whose client went away before it was carried out (nginx's
/// "client closed request").
pub const CLIENT_CLOSED_REQUEST: u16 = 499;

/// Logs a request abandoned while an injected delay held it, when dropped.
struct Abandoned<'a> {
    shared: &'a Arc<Shared>,
    parts: &'a Parts,
    route: Route,
    fault: FaultKind,
}

impl Drop for Abandoned<'_> {
    fn drop(&mut self) {
        self.shared.log(
            &self.parts.method,
            &self.parts.uri,
            Some(self.route),
            CLIENT_CLOSED_REQUEST,
            Some(self.fault),
            false,
        );
    }
}

/// Reads a request body of at most [`MAX_BODY_BYTES`]. A larger one is read on and
/// thrown away (up to [`DRAIN_BYTES`]) so that the client, still sending, gets the 400
/// instead of a broken pipe. `None` when too large or unreadable.
async fn read_body(body: Body) -> Option<Bytes> {
    use futures_util::StreamExt as _;
    let mut stream = body.into_data_stream();
    let mut kept = Vec::new();
    let mut seen = 0_usize;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.ok()?;
        seen = seen.saturating_add(chunk.len());
        if seen > DRAIN_BYTES {
            return None;
        }
        if seen <= MAX_BODY_BYTES {
            kept.extend_from_slice(&chunk);
        }
    }
    (seen <= MAX_BODY_BYTES).then(|| Bytes::from(kept))
}

/// Path, method, bearer token and `api-version`: what every request must pass before it
/// is carried out. A refusal comes with the call when the path was understood.
fn check_request(shared: &Shared, parts: &Parts) -> Result<(Call, Query), (Answer, Option<Call>)> {
    let call = parse_path(parts.uri.path()).map_err(|answer| (answer, None))?;
    if !call.allowed_methods().contains(&parts.method) {
        let answer = error(
            StatusCode::METHOD_NOT_ALLOWED,
            "MethodNotAllowed",
            &format!(
                "The HTTP method '{}' is not supported here; use {}.",
                parts.method,
                call.allowed_list()
            ),
        );
        return Err((answer, Some(call)));
    }
    if let Err(answer) = check_auth(shared, &parts.headers) {
        return Err((answer, Some(call)));
    }
    let query = Query::parse(parts.uri.query());
    let versions: &[&str] = match call {
        Call::Subscriptions => &SUBSCRIPTIONS_API_VERSIONS,
        _ => &API_VERSIONS,
    };
    if let Err(answer) = check_api_version(query.get("api-version"), versions) {
        return Err((answer, Some(call)));
    }
    if let Err(answer) = check_names(&call) {
        return Err((answer, Some(call)));
    }
    Ok((call, query))
}

/// The answer of a fault that replaces the real one (429, 500, 503, 401 and the
/// subscription refusals).
fn injected_failure(fault: Option<FaultKind>, call: &Call, method: &Method) -> Option<Answer> {
    let subscription = call.subscription().unwrap_or_default();
    match fault? {
        FaultKind::Forbidden => Some(error(
            StatusCode::FORBIDDEN,
            "AuthorizationFailed",
            &format!(
                "The client '{EMULATOR_CLIENT}' with object id '{EMULATOR_OBJECT_ID}' does not have authorization to perform action '{}' over scope '{}' or the scope is invalid. If access was recently granted, please refresh your credentials.",
                call.action(method),
                call.scope()
            ),
        )),
        FaultKind::SubscriptionNotFound => Some(error(
            StatusCode::NOT_FOUND,
            "SubscriptionNotFound",
            &format!("The subscription '{subscription}' could not be found."),
        )),
        FaultKind::Unregistered => Some(error(
            StatusCode::CONFLICT,
            "MissingSubscriptionRegistration",
            "The subscription is not registered to use namespace 'Microsoft.ImportExport'. See https://aka.ms/rps-not-found for how to register subscriptions.",
        )),
        FaultKind::Throttle { .. } => Some(error(
            StatusCode::TOO_MANY_REQUESTS,
            "TooManyRequests",
            "The request was throttled (emulator fault injection); retry after the time in Retry-After.",
        )),
        FaultKind::ServerError => Some(error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalServerError",
            "Injected fault: internal server error.",
        )),
        FaultKind::Unavailable => Some(error(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "Injected fault: the service is unavailable.",
        )),
        FaultKind::Unauthorized => Some(error(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            "Injected fault: the access token is invalid or expired.",
        )),
        FaultKind::Delay { .. }
        | FaultKind::Drop
        | FaultKind::Truncate
        | FaultKind::BadJson
        | FaultKind::UnknownState
        | FaultKind::Sparse
        | FaultKind::LoopLink
        | FaultKind::ForeignLink { .. } => None,
    }
}

/// The caller the `403` fault names (the emulator does not read tokens).
const EMULATOR_CLIENT: &str = "emulator-user@example.com";

/// The object id the `403` fault names.
const EMULATOR_OBJECT_ID: &str = "00000000-0000-0000-0000-0000000000aa";

/// What the `badjson` fault sends instead of the body.
const INVALID_JSON: &[u8] = b"{\"value\": [{\"id\": oops, ]";

/// The state the `unknownstate` fault gives every job.
pub const UNKNOWN_STATE: &str = "Mothballed";

/// Changes a successful answer as the faults that spoil content say.
fn spoil(shared: &Shared, mut answer: Answer, kind: FaultKind, uri: &axum::http::Uri) -> Answer {
    let Some(mut value) = answer
        .body
        .as_deref()
        .and_then(|b| serde_json::from_slice::<Value>(b).ok())
    else {
        return answer;
    };
    spoil_value(shared, &mut value, kind, uri);
    answer.body = serde_json::to_vec(&value).ok();
    answer
}

/// [`spoil`] on the parsed body.
fn spoil_value(shared: &Shared, body: &mut Value, kind: FaultKind, uri: &axum::http::Uri) {
    let link = |origin: &str| {
        let version = Query::parse(uri.query())
            .get("api-version")
            .unwrap_or(API_VERSIONS[1])
            .to_owned();
        Value::String(format!(
            "{origin}{}?api-version={version}&$skiptoken=loop",
            uri.path()
        ))
    };
    match kind {
        FaultKind::UnknownState | FaultKind::Sparse => {
            for job in jobs_in(body) {
                if kind == FaultKind::Sparse {
                    let keep = |name: &str| job.get(name).cloned();
                    let state = job.pointer("/properties/state").cloned();
                    let mut sparse = serde_json::Map::new();
                    for name in ["id", "name"] {
                        if let Some(value) = keep(name) {
                            sparse.insert(name.to_owned(), value);
                        }
                    }
                    if let Some(state) = state {
                        sparse.insert(
                            "properties".to_owned(),
                            serde_json::json!({ "state": state }),
                        );
                    }
                    *job = Value::Object(sparse);
                } else if let Some(props) = job.get_mut("properties").and_then(Value::as_object_mut)
                {
                    props.insert("state".to_owned(), Value::String(UNKNOWN_STATE.to_owned()));
                }
            }
        }
        FaultKind::LoopLink if body.get("value").is_some() => {
            let origin = shared.base_url.origin().ascii_serialization();
            body["nextLink"] = link(&origin);
        }
        FaultKind::ForeignLink { port } if body.get("value").is_some() => {
            body["nextLink"] = link(&format!("http://127.0.0.1:{port}"));
        }
        _ => {}
    }
}

/// The jobs of an answer: the list's `value`, or the answer itself when it is one job.
fn jobs_in(body: &mut Value) -> Vec<&mut Value> {
    if body.get("id").is_some() {
        return vec![body];
    }
    match body.get_mut("value").and_then(Value::as_array_mut) {
        Some(jobs) => jobs.iter_mut().collect(),
        None => Vec::new(),
    }
}

fn execute(
    shared: &Shared,
    call: &Call,
    method: &Method,
    query: &Query,
    headers: &HeaderMap,
    body: &Bytes,
) -> Answer {
    match call {
        Call::Subscriptions => Answer::ok(&SubscriptionListResult {
            next_link: None,
            value: catalog::subscriptions(&shared.lock().store.subscriptions()),
        }),
        Call::Operations => Answer::ok(&ListOperationsResponse {
            value: catalog::operations(),
        }),
        Call::Locations => Answer::ok(&LocationsResponse {
            value: catalog::locations(),
        }),
        Call::Location(name) => match catalog::location(name) {
            Some(location) => Answer::ok(&location),
            None => error(
                StatusCode::NOT_FOUND,
                "ResourceNotFound",
                &format!(
                    "The location '{}' is not an Import/Export location.",
                    shown(name)
                ),
            ),
        },
        Call::List {
            subscription,
            resource_group,
        } => list(
            shared,
            subscription,
            resource_group.as_deref(),
            query,
            headers,
        ),
        Call::BitLockerKeys(key) => {
            let now = shared.clock.now();
            let state = shared.lock();
            match state.store.get(key, now) {
                Some(job) => Answer::ok(&GetBitLockerKeysResponse {
                    value: job
                        .drives
                        .iter()
                        .map(|d| DriveBitLockerKey {
                            bit_locker_key: d.bit_locker_key.clone(),
                            drive_id: Some(d.drive_id.clone()),
                        })
                        .collect(),
                }),
                None => not_found(key),
            }
        }
        Call::Job(key) => match *method {
            Method::GET => {
                let now = shared.clock.now();
                let state = shared.lock();
                state.store.get(key, now).map_or_else(
                    || not_found(key),
                    |job| Answer::ok(&Shape::of(query).job(job.view(now))),
                )
            }
            Method::PUT => create(shared, key, body, Shape::of(query)),
            Method::PATCH => update(shared, key, body, Shape::of(query)),
            _ => delete(shared, key),
        },
    }
}

/// What a job body holds for the `api-version` asked: the 2016-11-01 service sends no
/// `systemData` (recordings), the later specs define it.
#[derive(Clone, Copy, Debug)]
struct Shape {
    system_data: bool,
}

impl Shape {
    fn of(query: &Query) -> Self {
        Self {
            system_data: query.get("api-version") != Some(API_VERSIONS[0]),
        }
    }

    /// `job` as this version shows it.
    fn job(self, mut job: JobResponse) -> JobResponse {
        if !self.system_data {
            job.system_data = None;
        }
        job
    }
}

fn not_found(key: &JobKey) -> Answer {
    error(
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
        &format!(
            "The Resource 'Microsoft.ImportExport/jobs/{}' under resource group '{}' was not found.",
            shown(&key.name),
            shown(&key.resource_group)
        ),
    )
}

fn list(
    shared: &Shared,
    subscription: &str,
    resource_group: Option<&str>,
    query: &Query,
    headers: &HeaderMap,
) -> Answer {
    let top = match query.get("$top") {
        None => MAX_TOP,
        Some(text) => match text.parse::<usize>() {
            Ok(n) if (1..=MAX_TOP).contains(&n) => n,
            _ => {
                return error(
                    StatusCode::BAD_REQUEST,
                    "InvalidQueryParameterValue",
                    &format!(
                        "The value '{text}' of $top is invalid: it must be a whole number from 1 to {MAX_TOP}."
                    ),
                );
            }
        },
    };
    let filter_text = query.get("$filter").unwrap_or("");
    let filter = match Filter::parse(filter_text) {
        Ok(filter) => filter,
        Err(why) => {
            return error(
                StatusCode::BAD_REQUEST,
                "InvalidFilter",
                &format!("The $filter '{filter_text}' is invalid: {why}."),
            );
        }
    };
    let now = shared.clock.now();
    let (mut value, continuation) = {
        let state = shared.lock();
        state.store.page(
            &ListQuery {
                subscription,
                resource_group,
                after: query.get("$skiptoken"),
                top,
                filter: &filter,
            },
            now,
        )
    };
    let next_link = continuation.map(|token| {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).map_or_else(|| shared.addr.to_string(), str::to_owned);
        let base = match resource_group {
            Some(rg) => format!("/subscriptions/{subscription}/resourceGroups/{rg}/providers/Microsoft.ImportExport/jobs"),
            None => format!("/subscriptions/{subscription}/providers/Microsoft.ImportExport/jobs"),
        };
        let mut url = url::Url::parse(&format!("http://{host}"))
            .or_else(|_| url::Url::parse(&format!("http://{}", shared.addr)))
            .unwrap_or_else(|_| shared.base_url.clone());
        if let Ok(mut segments) = url.path_segments_mut() {
            segments.clear().extend(base.trim_start_matches('/').split('/'));
        }
        {
            let mut pairs = url.query_pairs_mut();
            pairs.append_pair("api-version", query.get("api-version").unwrap_or(API_VERSIONS[1]));
            if let Some(top) = query.get("$top") {
                pairs.append_pair("$top", top);
            }
            if !filter_text.is_empty() {
                pairs.append_pair("$filter", filter_text);
            }
            pairs.append_pair("$skiptoken", &token);
        }
        url.to_string()
    });
    let shape = Shape::of(query);
    value = value
        .into_iter()
        .map(|job| {
            let mut job = shape.job(job);
            // The live service leaves the drives out of a listing by resource group (and
            // only there): a client must read each job for its drives.
            if resource_group.is_some()
                && let Some(props) = job.properties.as_mut()
            {
                props.drive_list = None;
            }
            job
        })
        .collect();
    Answer::ok(&ListJobsResponse { next_link, value })
}

/// Job names: letters, digits and hyphens, starting with a letter, 3 to 64 characters.
/// The portal asks for lower-case letters, but the live service created `myJob` (recording
/// py-20200411, 201) and the spec's examples name their jobs `myJob` and `myExportJob`: the
/// API takes upper case. The length is not documented; 3 to 64 is the emulator's choice.
fn valid_job_name(name: &str) -> bool {
    (3..=64).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_alphabetic())
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
}

fn parse_body<T: serde::de::DeserializeOwned>(body: &Bytes) -> Result<T, Answer> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            "The request body is empty; a JSON object is required.",
        ));
    }
    serde_json::from_slice(body).map_err(|e| {
        error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            &format!("The request content was invalid and could not be deserialized: {e}."),
        )
    })
}

/// A create request that passed validation.
struct NewJob {
    location_name: String,
    location: crate::arm::wire::Location,
    props: JobDetails,
    drives: Vec<crate::arm::wire::DriveStatus>,
    tags: Option<crate::arm::wire::Tags>,
}

fn validate_create(key: &JobKey, body: &Bytes) -> Result<NewJob, Answer> {
    if !valid_job_name(&key.name) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidJobName",
            &format!(
                "The job name '{}' is invalid: use 3 to 64 letters, digits and hyphens, starting with a letter.",
                shown(&key.name)
            ),
        ));
    }
    let params: PutJobParameters = parse_body(body)?;
    let Some(location_name) = params.location.clone() else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            "The location is required.",
        ));
    };
    let Some(location) = catalog::location(&location_name) else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "LocationNotSupported",
            &format!(
                "The location '{location_name}' is not an Import/Export location; see GET /providers/Microsoft.ImportExport/locations."
            ),
        ));
    };
    let Some(mut props) = params.properties.clone() else {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            "The properties are required.",
        ));
    };
    if props
        .storage_account_id
        .as_deref()
        .is_none_or(str::is_empty)
    {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            "properties.storageAccountId is required.",
        ));
    }
    let job_type = props.job_type.clone().unwrap_or(JobType::Import);
    if !job_type.is_known() {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidJobType",
            &format!("The job type '{job_type}' is invalid; use Import or Export."),
        ));
    }
    let drives = props.drive_list.take().unwrap_or_default();
    if drives.len() > 10 {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "TooManyDrives",
            "A job has at most 10 drives.",
        ));
    }
    if job_type == JobType::Import && drives.is_empty() {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            "An import job needs properties.driveList with 1 to 10 drives.",
        ));
    }
    if let Some(bad) = drives.iter().find(|d| {
        d.drive_id.as_deref().is_none_or(str::is_empty)
            || d.bit_locker_key.as_deref().is_none_or(str::is_empty)
    }) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidDrive",
            &format!(
                "Every drive needs a driveId and a bitLockerKey (drive {:?}).",
                bad.drive_id.as_deref().unwrap_or("")
            ),
        ));
    }
    Ok(NewJob {
        location_name,
        location,
        props,
        drives,
        tags: params.tags,
    })
}

fn create(shared: &Shared, key: &JobKey, body: &Bytes, shape: Shape) -> Answer {
    let NewJob {
        location_name,
        location,
        mut props,
        drives,
        tags,
    } = match validate_create(key, body) {
        Ok(valid) => valid,
        Err(answer) => return answer,
    };
    let now = shared.clock.now();
    let mut state = shared.lock();
    let super::State { store, rng, .. } = &mut *state;
    let existing = store
        .get(key, now)
        .map(|job| (job.state_at(now), job.created_at));
    if let Some((current, _)) = &existing
        && *current != JobState::Creating
    {
        return error(
            StatusCode::CONFLICT,
            "JobCannotBeReplaced",
            &format!("A job can be replaced only in Creating; this job is {current}."),
        );
    }
    props.state = None;
    props.cancel_requested = None;
    props.percent_complete = None;
    props.return_package = None;
    props.provisioning_state = None;
    props.shipping_information = Some(catalog::shipping_information(&location));
    // The live service fills in the documented default log level ("Error") and an empty
    // second street line when the create sent none (recordings).
    props.log_level.get_or_insert_with(|| "Error".to_owned());
    if let Some(address) = props.return_address.as_mut() {
        address.street_address2.get_or_insert_with(String::new);
    }
    let sim_drives = drives
        .iter()
        .map(|d| {
            let mut drive = random_drive(rng, None);
            drive.drive_id = d.drive_id.clone().unwrap_or_default();
            drive.bit_locker_key.clone_from(&d.bit_locker_key);
            drive.manifest_file.clone_from(&d.manifest_file);
            drive.manifest_hash.clone_from(&d.manifest_hash);
            drive.drive_header_hash.clone_from(&d.drive_header_hash);
            drive
        })
        .collect();
    let mut job = SimJob::new(
        key.clone(),
        JobResponse {
            // Kept as the catalog names it: every later read shows the display name.
            location: location.name.clone(),
            tags,
            properties: Some(props),
            identity: Some(crate::arm::wire::IdentityDetails {
                identity_type: Some(crate::arm::wire::IdentityType::None),
                ..Default::default()
            }),
            ..JobResponse::default()
        },
        existing.as_ref().map_or(now, |(_, created)| *created),
        sim_drives,
    );
    job.modified_at = now;
    let mut view = shape.job(job.view(now));
    // The create's answer, and only it, echoes the location as it was sent ("westus").
    view.location = Some(location_name);
    store.insert(job);
    Answer::with(
        if existing.is_some() {
            StatusCode::OK
        } else {
            StatusCode::CREATED
        },
        &view,
    )
}

fn update(shared: &Shared, key: &JobKey, body: &Bytes, shape: Shape) -> Answer {
    let (changes, tags, wants_shipping) = match read_update(body) {
        Ok(read) => read,
        Err(answer) => return answer,
    };
    let now = shared.clock.now();
    let mut guard = shared.lock();
    let super::State { store, rng, .. } = &mut *guard;
    let Some(job) = store.get_mut(key, now) else {
        return not_found(key);
    };
    match apply_update(job, changes, tags, wants_shipping, now, rng) {
        Ok(updated) => {
            let view = shape.job(updated.view(now));
            *job = updated;
            Answer::ok(&view)
        }
        Err(answer) => answer,
    }
}

/// Reads a `PATCH` body: the changes, new tags, and whether it asks for Shipping.
fn read_update(body: &Bytes) -> Result<(UpdateJobProperties, Option<Tags>, bool), Answer> {
    let params: UpdateJobParameters = parse_body(body)?;
    let changes = params.properties.unwrap_or_default();
    if changes.cancel_requested == Some(false) {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            "cancelRequested can only be set to true.",
        ));
    }
    // An empty state is accepted and ignored, as the service does (the SDK's own test sends it).
    let wants_shipping = match changes.state.as_deref().map(str::trim) {
        None | Some("") => false,
        Some(s) if s.eq_ignore_ascii_case("Shipping") => true,
        Some(other) => {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "InvalidStateTransition",
                &format!("The state can only be set to Shipping, not '{other}'."),
            ));
        }
    };
    Ok((changes, params.tags, wants_shipping))
}

/// Applies a `PATCH` to a copy of `job`, all or nothing.
fn apply_update(
    job: &SimJob,
    changes: UpdateJobProperties,
    tags: Option<Tags>,
    wants_shipping: bool,
    now: Millis,
    rng: &mut rand::rngs::StdRng,
) -> Result<SimJob, Answer> {
    let current = job.state_at(now);
    let mut updated = job.clone();
    if changes.cancel_requested == Some(true) {
        // The emulator's own rule (see `rules`), never the app's.
        match rules::cancel(&current, job.cancel_requested()) {
            rules::CancelVerdict::Accept => updated.cancel(now),
            rules::CancelVerdict::AlreadyRequested => {}
            rules::CancelVerdict::Refuse(refusal) => return Err(refused(&refusal)),
        }
    }
    let shipping_change = changes.return_address.is_some()
        || changes.return_shipping.is_some()
        || changes.delivery_package.is_some()
        || changes.drive_list.is_some();
    if shipping_change && !matches!(current, JobState::Creating | JobState::Shipping) {
        return Err(error(
            StatusCode::CONFLICT,
            "JobCannotBeUpdated",
            &format!(
                "Shipping details can be changed only in Creating or Shipping; this job is {current}."
            ),
        ));
    }
    if (changes.log_level.is_some() || changes.backup_drive_manifest.is_some())
        && !rules::is_before_packaging(&current)
    {
        return Err(error(
            StatusCode::CONFLICT,
            "JobCannotBeUpdated",
            &format!(
                "The log level and manifest backup can be changed only before Packaging; this job is {current}."
            ),
        ));
    }
    let props = updated
        .base
        .properties
        .get_or_insert_with(JobDetails::default);
    if changes.return_address.is_some() {
        props.return_address = changes.return_address;
    }
    if changes.return_shipping.is_some() {
        props.return_shipping = changes.return_shipping;
    }
    if changes.delivery_package.is_some() {
        props.delivery_package = changes.delivery_package;
    }
    if changes.log_level.is_some() {
        props.log_level = changes.log_level;
    }
    if changes.backup_drive_manifest.is_some() {
        props.backup_drive_manifest = changes.backup_drive_manifest;
    }
    if tags.is_some() {
        updated.base.tags = tags;
    }
    // Only an explicit `state: "Shipping"` moves a Creating job on, as the REST contract
    // documents: the live service answered a PATCH of the delivery package alone with the
    // job still Creating (recordings).
    if current == JobState::Creating && wants_shipping {
        let ready = props.return_address.is_some()
            && props
                .delivery_package
                .as_ref()
                .is_some_and(|p| p.carrier_name.is_some() && p.tracking_number.is_some());
        if !ready {
            return Err(error(
                StatusCode::BAD_REQUEST,
                "InvalidShippingInformation",
                "To move the job to Shipping, ReturnAddress and DeliveryPackage (carrierName and trackingNumber) must be set in this request or an earlier one.",
            ));
        }
        if updated.cancel_at.is_none() {
            updated.ship(now, ShipmentProfile::random(rng), rng);
        }
    } else if wants_shipping && current != JobState::Shipping {
        return Err(error(
            StatusCode::CONFLICT,
            "InvalidStateTransition",
            &format!("Only a Creating job can move to Shipping; this job is {current}."),
        ));
    }
    // Any update of a Creating job restarts its 14-day expiry.
    updated.modified_at = now;
    Ok(updated)
}

fn delete(shared: &Shared, key: &JobKey) -> Answer {
    let now = shared.clock.now();
    let mut state = shared.lock();
    let Some(job) = state.store.get(key, now) else {
        return not_found(key);
    };
    // The emulator's own rule (see `rules`), never the app's.
    match rules::delete(&job.state_at(now)) {
        Ok(()) => {
            state.store.remove(key);
            Answer::empty()
        }
        Err(refusal) => refused(&refusal),
    }
}

/// The bearer token of a request, if it sent one in the right form.
fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("Bearer") && !token.trim().is_empty() =>
        {
            Some(token.trim())
        }
        _ => None,
    }
}

/// The ARM error answer of a refused cancel or delete.
fn refused(refusal: &rules::Refusal) -> Answer {
    error(
        StatusCode::from_u16(refusal.status).unwrap_or(StatusCode::CONFLICT),
        refusal.code,
        &refusal.message,
    )
}

fn check_auth(shared: &Shared, headers: &HeaderMap) -> Result<(), Answer> {
    let value = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok());
    let Some(value) = value else {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "AuthenticationFailed",
            "Authentication failed. The 'Authorization' header is missing.",
        ));
    };
    let token = match value.split_once(' ') {
        Some((scheme, token))
            if scheme.eq_ignore_ascii_case("Bearer") && !token.trim().is_empty() =>
        {
            token.trim()
        }
        _ => {
            return Err(error(
                StatusCode::UNAUTHORIZED,
                "AuthenticationFailed",
                "Authentication failed. The 'Authorization' header is not in the Bearer scheme.",
            ));
        }
    };
    if let Some(check) = &shared.token_check
        && !check(token)
    {
        return Err(error(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            "The access token is invalid or expired.",
        ));
    }
    Ok(())
}

/// The subscription id and resource group of a call, by ARM's rules, before the resource
/// provider sees it (job names are the provider's: checked on create).
fn check_names(call: &Call) -> Result<(), Answer> {
    if let Some(subscription) = call.subscription()
        && let Some(why) = subscription_problem(subscription)
    {
        return Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidSubscriptionId",
            &why,
        ));
    }
    let resource_group = match call {
        Call::List {
            resource_group: Some(rg),
            ..
        } => Some(rg.as_str()),
        Call::Job(key) | Call::BitLockerKeys(key) => Some(&*key.resource_group),
        _ => None,
    };
    if let Some(rg) = resource_group
        && let Some(why) = resource_group_problem(rg)
    {
        return Err(error(StatusCode::BAD_REQUEST, "InvalidResourceGroup", &why));
    }
    Ok(())
}

/// The longest resource group name ARM takes.
pub const MAX_RESOURCE_GROUP_CHARS: usize = 90;

/// The longest subscription id the emulator takes (Azure's are GUIDs, 36 characters; the
/// emulator also serves short made-up ids such as `s`).
pub const MAX_SUBSCRIPTION_CHARS: usize = 64;

/// Why ARM would refuse `name` as a resource group name, in its words; `None` when valid.
/// ARM's rule: 1 to 90 characters, each a Unicode letter or digit or one of `_ - . ( )`,
/// the last not a period.
#[must_use]
pub fn resource_group_problem(name: &str) -> Option<String> {
    let allowed = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '(' | ')');
    let mut invalid: Vec<char> = name.chars().filter(|c| !allowed(*c)).collect();
    invalid.dedup();
    let count = name.chars().count();
    if !invalid.is_empty() {
        let listed: String = invalid
            .iter()
            .take(20)
            .flat_map(|c| c.escape_debug())
            .collect();
        Some(format!(
            "The provided resource group name '{}' has these invalid characters: '{listed}'. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.",
            shown(name)
        ))
    } else if count == 0 || count > MAX_RESOURCE_GROUP_CHARS {
        Some(format!(
            "The provided resource group name '{}' is {count} characters long. The name must be 1 to {MAX_RESOURCE_GROUP_CHARS} characters.",
            shown(name)
        ))
    } else if name.ends_with('.') {
        Some(format!(
            "The provided resource group name '{}' ends with a period. The name cannot end with a period.",
            shown(name)
        ))
    } else {
        None
    }
}

/// Why ARM would refuse `id` as a subscription id, in its words; `None` when the emulator
/// takes it: 1 to 64 ASCII letters, digits and hyphens.
#[must_use]
pub fn subscription_problem(id: &str) -> Option<String> {
    let valid = (1..=MAX_SUBSCRIPTION_CHARS).contains(&id.len())
        && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    (!valid).then(|| {
        format!(
            "The provided subscription identifier '{}' is malformed or invalid.",
            shown(id)
        )
    })
}

/// A name as an error message shows it: control characters escaped, at most 100
/// characters (a 10,000-character name is not echoed back whole).
fn shown(name: &str) -> String {
    const MAX: usize = 100;
    let mut text = String::new();
    for c in name.chars().take(MAX) {
        if c.is_control() {
            text.extend(c.escape_debug());
        } else {
            text.push(c);
        }
    }
    if name.chars().nth(MAX).is_some() {
        text.push('…');
    }
    text
}

fn check_api_version(version: Option<&str>, versions: &[&str]) -> Result<(), Answer> {
    match version {
        Some(v) if versions.contains(&v) => Ok(()),
        Some(v) => Err(error(
            StatusCode::BAD_REQUEST,
            "InvalidApiVersionParameter",
            &format!(
                "The api-version '{v}' is invalid. The supported versions are '{}'.",
                versions.join(",")
            ),
        )),
        None => Err(error(
            StatusCode::BAD_REQUEST,
            "MissingApiVersionParameter",
            &format!(
                "The api-version query parameter (?api-version=) is required for all requests. The supported versions are '{}'.",
                versions.join(",")
            ),
        )),
    }
}

fn parse_path(path: &str) -> Result<Call, Answer> {
    let segments: Vec<String> = path
        .trim_matches('/')
        .split('/')
        .map(|s| {
            percent_encoding::percent_decode_str(s)
                .decode_utf8()
                .map(std::borrow::Cow::into_owned)
        })
        .collect::<Result<_, _>>()
        .map_err(|_| {
            error(
                StatusCode::BAD_REQUEST,
                "InvalidUri",
                "The request path is not valid UTF-8.",
            )
        })?;
    let s: Vec<&str> = segments.iter().map(String::as_str).collect();
    let is = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
    let provider = |p: &str, ns: &str| is(p, "providers") && is(ns, "Microsoft.ImportExport");
    let nonempty = |parts: &[&str]| parts.iter().all(|p| !p.is_empty());
    let call = match s.as_slice() {
        [subs] if is(subs, "subscriptions") => Some(Call::Subscriptions),
        [p, ns, "operations" | "Operations"] if provider(p, ns) => Some(Call::Operations),
        [p, ns, l] if provider(p, ns) && is(l, "locations") => Some(Call::Locations),
        [p, ns, l, name] if provider(p, ns) && is(l, "locations") && nonempty(&[name]) => {
            Some(Call::Location((*name).to_owned()))
        }
        [subs, sub, p, ns, jobs]
            if is(subs, "subscriptions")
                && provider(p, ns)
                && is(jobs, "jobs")
                && nonempty(&[sub]) =>
        {
            Some(Call::List {
                subscription: (*sub).to_owned(),
                resource_group: None,
            })
        }
        [subs, sub, rgs, rg, p, ns, jobs]
            if is(subs, "subscriptions")
                && is(rgs, "resourceGroups")
                && provider(p, ns)
                && is(jobs, "jobs")
                && nonempty(&[sub, rg]) =>
        {
            Some(Call::List {
                subscription: (*sub).to_owned(),
                resource_group: Some((*rg).to_owned()),
            })
        }
        [subs, sub, rgs, rg, p, ns, jobs, name]
            if is(subs, "subscriptions")
                && is(rgs, "resourceGroups")
                && provider(p, ns)
                && is(jobs, "jobs")
                && nonempty(&[sub, rg, name]) =>
        {
            Some(Call::Job(JobKey::new(*sub, *rg, *name)))
        }
        [subs, sub, rgs, rg, p, ns, jobs, name, action]
            if is(subs, "subscriptions")
                && is(rgs, "resourceGroups")
                && provider(p, ns)
                && is(jobs, "jobs")
                && is(action, "listBitLockerKeys")
                && nonempty(&[sub, rg, name]) =>
        {
            Some(Call::BitLockerKeys(JobKey::new(*sub, *rg, *name)))
        }
        _ => None,
    };
    call.ok_or_else(|| {
        error(
            StatusCode::NOT_FOUND,
            "InvalidResourceType",
            &format!(
                "No Microsoft.ImportExport resource or operation answers at '{}'.",
                shown(path)
            ),
        )
    })
}

/// Decoded query parameters.
struct Query(Vec<(String, String)>);

impl Query {
    fn parse(query: Option<&str>) -> Self {
        Self(
            url::form_urlencoded::parse(query.unwrap_or("").as_bytes())
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
        )
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Headers with fixed values that the live service sends on every answer (recordings).
const FIXED_HEADERS: [(&str, &str); 5] = [
    ("cache-control", "no-cache"),
    ("pragma", "no-cache"),
    ("expires", "-1"),
    ("x-content-type-options", "nosniff"),
    (
        "strict-transport-security",
        "max-age=31536000; includeSubDomains",
    ),
];

/// The region the emulator names in `x-ms-routing-request-id`, where ARM names the region of
/// the front door that answered (e.g. `SOUTHEASTASIA`).
pub const ROUTING_REGION: &str = "EMULATOR";

/// `x-ms-routing-request-id` as ARM writes it: `REGION:YYYYMMDDTHHMMSSZ:<correlation id>`
/// (`SOUTHEASTASIA:20200428T101507Z:181064b3-…`), with the real time of the answer.
fn routing_request_id(at: jiff::Timestamp, correlation: &str) -> String {
    format!(
        "{ROUTING_REGION}:{}:{correlation}",
        at.strftime("%Y%m%dT%H%M%SZ")
    )
}

/// The ids and rate-limit headers every answer carries.
struct ResponseIds {
    request: String,
    correlation: String,
    client_request: Option<String>,
}

impl ResponseIds {
    fn new(shared: &Shared, headers: &HeaderMap) -> Self {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let request = shared.new_request_id();
        Self {
            correlation: text("x-ms-correlation-request-id").unwrap_or_else(|| request.clone()),
            client_request: text("x-ms-client-request-id"),
            request,
        }
    }

    fn finish(
        &mut self,
        shared: &Shared,
        answer: Answer,
        subscription: Option<&str>,
        method: &Method,
        rate: &Rate,
    ) -> Response {
        let body = answer.body.unwrap_or_default();
        let has_body = !body.is_empty();
        let mut response = Response::new(Body::from(body));
        *response.status_mut() = answer.status;
        let headers = response.headers_mut();
        // The live service's set, on every answer (recordings); an empty answer (DELETE)
        // has no Content-Type, only `Content-Length: 0`.
        if has_body {
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            );
        }
        for (name, value) in FIXED_HEADERS {
            headers.insert(name, HeaderValue::from_static(value));
        }
        let mut put = |name: &'static str, value: &str| {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(name, value);
            }
        };
        put("x-ms-request-id", &self.request);
        put("x-ms-correlation-request-id", &self.correlation);
        put(
            "x-ms-routing-request-id",
            &routing_request_id(jiff::Timestamp::now(), &self.correlation),
        );
        if let Some(client) = &self.client_request {
            put("x-ms-client-request-id", client);
        }
        match rate {
            Rate::Hourly => {
                if let Some(sub) = subscription {
                    let (kind, remaining) = shared.rate_limit(sub, method);
                    put(kind, &remaining.to_string());
                }
            }
            Rate::Limited(remaining) => {
                for (name, left) in remaining.headers() {
                    put(name, &left.to_string());
                }
            }
        }
        response
    }
}

/// Replaces the body with one that fails at once: the client gets the status line and then a
/// broken connection.
fn cut_connection(response: Response) -> Response {
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(header::CONTENT_LENGTH);
    let failing = futures_util::stream::iter([Err::<Bytes, std::io::Error>(std::io::Error::new(
        std::io::ErrorKind::ConnectionReset,
        "fault injection: connection dropped",
    ))]);
    Response::from_parts(parts, Body::from_stream(failing))
}

/// Sends `body` instead of the real one.
fn replace_body(response: Response, body: &'static [u8]) -> Response {
    let (mut parts, _) = response.into_parts();
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(body.len()));
    Response::from_parts(parts, Body::from(body))
}

/// Sends only the first half of the body.
async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let cut = bytes.slice(..bytes.len() / 2);
    parts
        .headers
        .insert(header::CONTENT_LENGTH, HeaderValue::from(cut.len()));
    Response::from_parts(parts, Body::from(cut))
}
