//! The fault matrix: the real `App`, driven headlessly against the in-process emulator,
//! through every kind of outage and bad answer the service can give. For each: no panic,
//! frames keep coming, the status bar says degraded, the rows stay on screen marked stale,
//! and everything recovers by itself once the fault clears. Answers that are valid but odd
//! (a state nobody documented, optional fields missing) are shown as they come instead.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use iejobs::arm::ArmClient;
use iejobs::emulator::EmulatorConfig;
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::faults::FaultRule;
use iejobs::emulator::scenario::Scenario;
use iejobs::model::{Action, JobState};
use iejobs::ui::App;

use common::app::{harness_with, step_until};

/// Longest time one frame may take while a fault is active: the window must stay usable.
const MAX_FRAME: Duration = Duration::from_millis(750);

/// Per-attempt timeout of the client under test: a delayed answer beyond it is a timeout.
const REQUEST_TIMEOUT: Duration = Duration::from_millis(800);

fn config() -> EmulatorConfig {
    EmulatorConfig {
        scenario: Scenario::Demo,
        speed: 0.0,
        seed: 11,
        ..EmulatorConfig::default()
    }
}

/// A client with the short timeout of this matrix.
fn client(url: &str) -> ArmClient {
    common::client_with_timeout(url, REQUEST_TIMEOUT)
}

fn start() -> (EmbeddedEmulator, Harness<'static, App>) {
    let emulator = EmbeddedEmulator::start(config()).unwrap();
    let mut harness = harness_with(&emulator, client(emulator.url()), |worker| {
        worker.slow_poll = Duration::from_secs(1);
        worker.fast_poll = Duration::from_millis(250);
    });
    step_until(&mut harness, "the demo jobs are listed", |h| {
        h.state().store().len() >= 30 && h.state().session().status().last_success.is_some()
    });
    harness.run_steps(2);
    (emulator, harness)
}

/// The job names the table shows on screen now.
fn visible_names(harness: &Harness<'static, App>) -> Vec<String> {
    harness
        .state()
        .store()
        .iter()
        .filter(|e| {
            let label = iejobs::ui::format::row_label(e);
            harness.query_all_by_label(&label).next().is_some()
        })
        .map(|e| e.job.name.to_string())
        .collect()
}

fn text_shown(harness: &Harness<'static, App>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// Steps frames until `condition` holds, timing each frame; fails when one is too slow.
fn frames_until(
    harness: &mut Harness<'static, App>,
    case: &str,
    what: &str,
    condition: impl Fn(&Harness<'static, App>) -> bool,
) -> usize {
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut frames = 0;
    loop {
        let started = Instant::now();
        harness.step();
        frames += 1;
        let took = started.elapsed();
        assert!(
            took < MAX_FRAME,
            "{case}: a frame took {took:?} while waiting until {what}"
        );
        if condition(harness) {
            return frames;
        }
        assert!(
            Instant::now() < deadline,
            "{case}: timed out waiting until {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn degraded(harness: &Harness<'static, App>) -> bool {
    harness.state().session().status().degraded.is_some()
}

/// While the fault holds: degraded on the status bar, the rows still there and marked
/// stale, frames still coming.
fn assert_degraded_and_stale(
    harness: &mut Harness<'static, App>,
    case: &str,
    rows: &[String],
) -> String {
    let jobs = harness.state().store().len();
    frames_until(harness, case, "the status bar says degraded", |h| {
        degraded(h) && text_shown(h, "Degraded:")
    });
    // Keep the fault on for a while longer: frames keep coming, nothing is lost.
    let started = Instant::now();
    let mut frames = 0;
    while started.elapsed() < Duration::from_millis(1500) {
        frames += frames_until(harness, case, "a frame", |_| true);
    }
    assert!(frames >= 10, "{case}: only {frames} frames in 1.5 s");
    assert!(
        degraded(harness),
        "{case}: still degraded while the fault holds"
    );
    assert!(
        text_shown(harness, "stale since"),
        "{case}: status bar says stale"
    );
    assert!(
        text_shown(harness, "Stale since"),
        "{case}: the table is marked stale"
    );
    assert_eq!(
        harness.state().store().len(),
        jobs,
        "{case}: the last good data stays"
    );
    let now = visible_names(harness);
    let missing: Vec<&String> = rows.iter().filter(|name| !now.contains(name)).collect();
    // The stale note takes one line above the table: the bottom row may scroll out of view.
    assert!(
        missing.len() <= 1,
        "{case}: the rows shown before are still on screen; missing {missing:?}"
    );
    let poll = harness.state().session().status();
    poll.degraded
        .clone()
        .map(|(message, _)| message)
        .unwrap_or_default()
}

/// Once the fault clears: no longer degraded nor stale, by itself.
fn assert_recovers(harness: &mut Harness<'static, App>, case: &str, rows: &[String]) {
    frames_until(harness, case, "it recovers by itself", |h| {
        !degraded(h) && text_shown(h, "Last poll") && !text_shown(h, "Stale since")
    });
    assert!(harness.state().store().len() >= 30, "{case}: jobs listed");
    let now = visible_names(harness);
    assert!(
        rows.iter().all(|name| now.contains(name)),
        "{case}: the rows are back to normal"
    );
}

/// A fault that makes every listing fail, until it is cleared. `says` is what the
/// degraded message must contain: the cause, in the words the user reads on hover.
fn outage(case: &str, spec: &str, says: &str) {
    let (emulator, mut harness) = start();
    let rows = visible_names(&harness);
    assert!(rows.len() >= 10, "{case}: rows on screen: {rows:?}");
    emulator.with(|e| e.set_faults(vec![FaultRule::parse(spec).unwrap()]));
    let message = assert_degraded_and_stale(&mut harness, case, &rows);
    assert!(
        message.contains(says),
        "{case}: the status bar's message {message:?} names the cause {says:?}"
    );
    emulator.with(|e| e.set_faults(Vec::new()));
    assert_recovers(&mut harness, case, &rows);
}

#[test]
fn throttled_with_retry_after() {
    outage("429 with Retry-After", "429=1", "HTTP 429");
}

#[test]
fn internal_server_error() {
    outage("500", "500", "Injected fault: internal server error");
}

#[test]
fn service_unavailable() {
    outage("503", "503", "Injected fault: the service is unavailable");
}

#[test]
fn slower_than_the_timeout() {
    outage("delay beyond the timeout", "list:delay=2000", "timed out");
}

#[test]
fn dropped_connection() {
    outage("dropped connection", "drop", "failed after 3 attempt(s)");
}

#[test]
fn truncated_json() {
    outage("truncated JSON", "truncate", "not a valid job list");
}

#[test]
fn invalid_json() {
    outage("invalid JSON", "badjson", "not a valid job list");
}

#[test]
fn looping_next_link() {
    outage(
        "looping nextLink",
        "list:looplink",
        "same next-page link twice",
    );
}

#[test]
fn unauthorized() {
    outage("401", "401", "InvalidAuthenticationToken");
}

#[test]
fn next_link_to_another_origin_is_not_followed() {
    let case = "nextLink to another origin";
    // The other origin is a second emulator: it must never see a request (nor the token).
    let other = EmbeddedEmulator::start(config()).unwrap();
    let port = other.url().rsplit(':').next().unwrap().to_owned();
    let spec = format!("list:foreignlink={port}");
    outage(case, &spec, "it was not followed");
    let reached = other.with(|e| e.requests().len()).unwrap();
    assert_eq!(reached, 0, "{case}: nothing was sent to the other origin");
}

#[test]
fn emulator_killed_and_restarted() {
    let case = "emulator killed and restarted";
    let (emulator, mut harness) = start();
    let rows = visible_names(&harness);
    let addr = emulator.url().trim_start_matches("http://").to_owned();
    // Killed: its state goes with it. The new one starts from the same scenario and seed.
    drop(emulator);
    let message = assert_degraded_and_stale(&mut harness, case, &rows);
    assert!(message.contains("failed after"), "{case}: {message}");
    let restarted = EmbeddedEmulator::start_on(&addr, config()).unwrap();
    assert_recovers(&mut harness, case, &rows);
    let served = restarted.with(|e| e.requests().len()).unwrap();
    assert!(served >= 1, "{case}: the new emulator served the app");
}

#[test]
fn unknown_job_state_is_shown_as_it_comes_and_allows_nothing() {
    let case = "unknown job state";
    let (emulator, mut harness) = start();
    let rows = visible_names(&harness);
    emulator.with(|e| e.set_faults(vec![FaultRule::parse("unknownstate").unwrap()]));
    let unknown = JobState::from(iejobs::emulator::routes::UNKNOWN_STATE);
    frames_until(&mut harness, case, "every job shows the new state", |h| {
        h.state().store().iter().all(|e| e.job.state == unknown)
    });
    harness.run_steps(2);
    assert!(!degraded(&harness), "{case}: a valid answer, not an outage");
    assert!(
        text_shown(&harness, "Mothballed"),
        "{case}: shown as it came"
    );
    for entry in harness.state().store().iter() {
        for action in Action::ALL {
            assert!(
                !entry.permission(action).is_allowed(),
                "{case}: {action} allowed for {}",
                entry.job.name
            );
        }
    }
    assert_eq!(visible_names(&harness), rows, "{case}: the same rows");
    emulator.with(|e| e.set_faults(Vec::new()));
    frames_until(&mut harness, case, "the real states are back", |h| {
        h.state().store().iter().all(|e| e.job.state != unknown)
    });
}

#[test]
fn missing_optional_fields_are_shown_blank() {
    let case = "missing optional fields";
    let (emulator, mut harness) = start();
    let rows = visible_names(&harness);
    let jobs = harness.state().store().len();
    emulator.with(|e| e.set_faults(vec![FaultRule::parse("sparse").unwrap()]));
    frames_until(&mut harness, case, "the sparse jobs are shown", |h| {
        h.state().store().iter().all(|e| e.job.location.is_none())
    });
    harness.run_steps(3);
    assert!(!degraded(&harness), "{case}: a valid answer, not an outage");
    assert_eq!(
        harness.state().store().len(),
        jobs,
        "{case}: every job stays"
    );
    // The table shows the same rows; only the cancellation monitor, which listed the jobs
    // whose cancelRequested is now missing (so false), has fewer names.
    let now = visible_names(&harness);
    let monitored: Vec<String> = rows.iter().filter(|n| !now.contains(n)).cloned().collect();
    assert!(monitored.len() <= 3, "{case}: rows lost: {monitored:?}");
    emulator.with(|e| e.set_faults(Vec::new()));
    frames_until(&mut harness, case, "the fields are back", |h| {
        h.state().store().iter().all(|e| e.job.location.is_some())
    });
}
