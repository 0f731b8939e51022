//! The emulator's own endpoints under `/_emulator`, outside the ARM paths and open to
//! loopback clients only: the request log, fault injection, request limits, the clock,
//! health.
//!
//! `GET /_emulator/limits` answers `{"limits": "reads=250/25,…"}` (`null` when off);
//! `POST` with `{"limits": "SPEC"}` (see [`super::limits`]) or `{"limits": null}` replaces
//! them with full buckets; `DELETE` turns them off.

use std::net::SocketAddr;

use axum::body::Body;
use axum::http::{Method, StatusCode, header, request::Parts};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use crate::arm::wire::ErrorResponse;

use super::Shared;
use super::clock::{SECOND, check_speed, rfc3339};
use super::faults::FaultRule;
use super::limits::ArmLimits;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct FaultsBody {
    faults: Vec<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct LimitsBody {
    limits: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ClockBody {
    advance_seconds: Option<f64>,
    speed: Option<f64>,
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, axum::Json(ErrorResponse::new(code, message))).into_response()
}

fn ok(value: &serde_json::Value) -> Response {
    (StatusCode::OK, axum::Json(value.clone())).into_response()
}

/// Handles a request under `/_emulator`.
pub async fn handle(shared: &Shared, peer: SocketAddr, parts: &Parts, body: Body) -> Response {
    if !peer.ip().is_loopback() {
        return error(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "The emulator's admin endpoints answer loopback clients only.",
        );
    }
    let Ok(body) = axum::body::to_bytes(body, super::routes::MAX_BODY_BYTES).await else {
        return error(
            StatusCode::BAD_REQUEST,
            "RequestBodyTooLarge",
            "The request body is too large.",
        );
    };
    let path = parts.uri.path().trim_end_matches('/');
    match (&parts.method, path) {
        (&Method::GET, "/_emulator/health") => {
            let state = shared.lock();
            ok(&json!({
                "status": "ok",
                "jobs": state.store.len(),
                "subscriptions": state.store.subscriptions(),
                "now": rfc3339(shared.clock.now()),
                "speed": shared.clock.speed(),
            }))
        }
        (&Method::GET, "/_emulator/requests") => {
            let since = parts
                .uri
                .query()
                .and_then(|q| url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "since"))
                .and_then(|(_, v)| v.parse::<u64>().ok())
                .unwrap_or(0);
            let state = shared.lock();
            let requests: Vec<_> = state.log.iter().filter(|r| r.seq > since).collect();
            ok(&json!({ "requests": requests }))
        }
        (&Method::DELETE, "/_emulator/requests") => {
            shared.lock().log.clear();
            ok(&json!({ "requests": [] }))
        }
        (&Method::GET, "/_emulator/faults") => {
            ok(&json!({ "faults": shared.lock().faults.specs() }))
        }
        (&Method::DELETE, "/_emulator/faults") => {
            shared.lock().faults.set(Vec::new());
            ok(&json!({ "faults": [] }))
        }
        (&Method::POST, "/_emulator/faults") => set_faults(shared, &body),
        (&Method::GET, "/_emulator/limits") => limits(shared),
        (&Method::DELETE, "/_emulator/limits") => {
            shared.set_arm_limits(None);
            limits(shared)
        }
        (&Method::POST, "/_emulator/limits") => set_limits(shared, &body),
        (&Method::GET, "/_emulator/clock") => clock(shared),
        (&Method::POST, "/_emulator/clock") => set_clock(shared, &body),
        _ => {
            let mut response = error(
                StatusCode::NOT_FOUND,
                "NotFound",
                "Admin endpoints: GET /_emulator/health, GET|DELETE /_emulator/requests, GET|POST|DELETE /_emulator/faults, GET|POST|DELETE /_emulator/limits, GET|POST /_emulator/clock.",
            );
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                header::HeaderValue::from_static("no-cache"),
            );
            response
        }
    }
}

fn set_faults(shared: &Shared, body: &[u8]) -> Response {
    let parsed: FaultsBody = match serde_json::from_slice(body) {
        Ok(b) => b,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "InvalidRequestContent",
                &format!("expected {{\"faults\": [\"SPEC\", …]}}: {e}"),
            );
        }
    };
    let rules: Result<Vec<FaultRule>, String> =
        parsed.faults.iter().map(|s| FaultRule::parse(s)).collect();
    match rules {
        Ok(rules) => {
            let mut state = shared.lock();
            state.faults.set(rules);
            ok(&json!({ "faults": state.faults.specs() }))
        }
        Err(why) => error(StatusCode::BAD_REQUEST, "InvalidFault", &why),
    }
}

fn limits(shared: &Shared) -> Response {
    ok(&json!({ "limits": shared.arm_limits().map(|l| l.to_string()) }))
}

fn set_limits(shared: &Shared, body: &[u8]) -> Response {
    let parsed: LimitsBody = match serde_json::from_slice(body) {
        Ok(b) => b,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "InvalidRequestContent",
                &format!("expected {{\"limits\": \"SPEC\" or null}}: {e}"),
            );
        }
    };
    match parsed
        .limits
        .as_deref()
        .map(str::parse::<ArmLimits>)
        .transpose()
    {
        Ok(new) => {
            shared.set_arm_limits(new);
            limits(shared)
        }
        Err(why) => error(StatusCode::BAD_REQUEST, "InvalidLimits", &why.to_string()),
    }
}

fn set_clock(shared: &Shared, body: &[u8]) -> Response {
    let parsed: ClockBody = match serde_json::from_slice(body) {
        Ok(b) => b,
        Err(e) => {
            return error(
                StatusCode::BAD_REQUEST,
                "InvalidRequestContent",
                &format!("expected {{\"advanceSeconds\": N, \"speed\": X}}: {e}"),
            );
        }
    };
    // Both checked before either is applied: a refused request changes nothing.
    let by = match parsed.advance_seconds {
        Some(seconds) if !seconds.is_finite() || seconds < 0.0 => {
            return error(
                StatusCode::BAD_REQUEST,
                "InvalidRequestContent",
                "advanceSeconds must be a non-negative number.",
            );
        }
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_precision_loss,
            reason = "clamped to a range i64 holds"
        )]
        Some(seconds) => Some((seconds * SECOND as f64).min(1e15) as i64),
        None => None,
    };
    let speed = match parsed.speed.map(check_speed).transpose() {
        Ok(speed) => speed,
        Err(why) => {
            return error(
                StatusCode::BAD_REQUEST,
                "InvalidRequestContent",
                &format!("{why}."),
            );
        }
    };
    if let Some(by) = by {
        shared.clock.advance(by);
    }
    if let Some(speed) = speed
        && let Err(why) = shared.clock.set_speed(speed)
    {
        // Checked above; kept so that a change of the rule cannot pass silently.
        return error(
            StatusCode::BAD_REQUEST,
            "InvalidRequestContent",
            &format!("{why}."),
        );
    }
    clock(shared)
}

fn clock(shared: &Shared) -> Response {
    let now = shared.clock.now();
    ok(&json!({ "now": rfc3339(now), "nowMs": now, "speed": shared.clock.speed() }))
}
