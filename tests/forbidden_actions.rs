//! No forbidden action is ever sent. A property test over random sequences of job states
//! and clicks, in which the service may move the job between the frame that drew the
//! button and the click (e.g. into Packaging): the worker reads the freshest state before
//! sending, so the emulator's log never holds a request the rules forbid, and the window
//! says "Not sent: …" instead. Then the same race through the real window.

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; a scenario reads best in one piece"
)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::kittest::Queryable as _;
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::scenario::Scenario;
use iejobs::emulator::{DEMO_SUBSCRIPTION, EmulatorConfig};
use iejobs::model::{Action, Event, JobKey, JobState, Session, permission};
use iejobs::worker::{Command, WorkerConfig, WorkerHandle};
use proptest::prelude::*;

use common::app::{entry, harness, open_job, step_until};

/// Jobs of the demo the steps act on.
const JOBS: [(&str, &str); 4] = [
    ("rg-media-archive", "media-archive-2026-q3"),
    ("rg-media-archive", "old-photos-2024"),
    ("rg-media-archive", "archive-2026-new"),
    ("rg-finance-backup", "finance-ledger-2019"),
];

fn states() -> Vec<JobState> {
    vec![
        JobState::Creating,
        JobState::Shipping,
        JobState::Received,
        JobState::Transferring,
        JobState::Packaging,
        JobState::Completed,
        JobState::Closed,
        JobState::from("Faulted"),
    ]
}

/// One user step: the state the window shows, the state the service has by the time the
/// click is handled, and the click.
#[derive(Clone, Debug)]
struct Step {
    job: usize,
    shown: JobState,
    at_click: JobState,
    action: Action,
}

fn step() -> impl Strategy<Value = Step> {
    let state = || prop::sample::select(states());
    (
        0..JOBS.len(),
        state(),
        // Half the time the state does not change; otherwise any state (the race).
        prop::option::weighted(0.5, state()),
        prop::sample::select(Action::ALL.to_vec()),
    )
        .prop_map(|(job, shown, moved, action)| Step {
            job,
            at_click: moved.unwrap_or_else(|| shown.clone()),
            shown,
            action,
        })
}

fn emulator() -> EmbeddedEmulator {
    EmbeddedEmulator::start(EmulatorConfig {
        scenario: Scenario::Demo,
        speed: 0.0,
        seed: 21,
        ..EmulatorConfig::default()
    })
    .unwrap()
}

/// Applies the worker's events to `store` until `done` holds for the store; fails after 10 s.
fn apply_until(
    worker: &mut WorkerHandle,
    store: &mut Session,
    what: &str,
    done: impl Fn(&Session) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done(store) {
        while let Some(event) = worker.try_recv() {
            store.apply(event);
        }
        if let Some(status) = worker.status_change() {
            store.apply_status(&status, jiff::Timestamp::now());
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn writes(emulator: &EmbeddedEmulator) -> Vec<(String, String, u16)> {
    emulator
        .with(|e| {
            e.requests()
                .iter()
                .filter(|r| r.method == "PATCH" || r.method == "DELETE")
                .map(|r| (r.method.clone(), r.path.clone(), r.status))
                .collect()
        })
        .unwrap()
}

fn run(steps: &[Step]) {
    let emulator = emulator();
    let mut config = WorkerConfig::new(emulator.subscriptions().to_vec());
    config.slow_poll = Duration::from_mins(10);
    config.fast_poll = Duration::from_mins(10);
    let mut worker =
        WorkerHandle::spawn(common::client(emulator.url()), config, Arc::new(|_| {})).unwrap();
    let mut store = Session::default();
    apply_until(&mut worker, &mut store, "the first listing", |s| {
        s.status().last_success.is_some()
    });
    let mut sent = 0;
    for (i, step) in steps.iter().enumerate() {
        let (group, name) = JOBS[step.job];
        let key = JobKey::new(DEMO_SUBSCRIPTION, group, name);
        if store.store().get(&key).is_none() {
            continue; // deleted by an earlier step: no row, no button
        }
        // The window shows the job in `shown`.
        assert!(
            emulator
                .with(|e| e.fix_state(&key, step.shown.clone()))
                .unwrap()
        );
        worker.send(Command::Inspect(key.clone())).unwrap();
        apply_until(&mut worker, &mut store, "the shown state", |s| {
            s.store()
                .get(&key)
                .is_some_and(|e| e.job.state == step.shown)
        });
        // The button is drawn enabled or not; a disabled one cannot be clicked.
        if !store
            .store()
            .get(&key)
            .unwrap()
            .permission(step.action)
            .is_allowed()
        {
            continue;
        }
        let cancel_requested = store.store().get(&key).unwrap().job.cancel_requested;
        // The service moves the job between the frame and the click.
        assert!(
            emulator
                .with(|e| e.fix_state(&key, step.at_click.clone()))
                .unwrap()
        );
        let before = writes(&emulator).len();
        store.apply(Event::ActionSent {
            key: key.clone(),
            action: step.action,
            at: jiff::Timestamp::now(),
        });
        let command = match step.action {
            Action::Cancel => Command::Cancel(key.clone()),
            Action::Delete => Command::Delete(key.clone()),
        };
        worker.send(command).unwrap();
        apply_until(&mut worker, &mut store, "the outcome", |s| {
            s.store().get(&key).is_none_or(|e| e.pending.is_none())
        });
        let now = writes(&emulator);
        let allowed = permission(step.action, &step.at_click, cancel_requested).is_allowed();
        if allowed {
            assert_eq!(now.len(), before + 1, "step {i} {step:?}: sent once");
            sent += 1;
        } else {
            assert_eq!(now.len(), before, "step {i} {step:?}: nothing sent");
            let failure = store.store().get(&key).unwrap().failure.clone().unwrap();
            assert!(
                failure.message.starts_with("Not sent: "),
                "step {i} {step:?}: the reason is shown: {failure:?}"
            );
        }
    }
    let all = writes(&emulator);
    assert_eq!(all.len(), sent);
    assert!(
        all.iter().all(|(_, _, status)| *status == 200),
        "no request the rules forbid reached the emulator: {all:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_forbidden_action_is_ever_sent(steps in prop::collection::vec(step(), 1..8)) {
        run(&steps);
    }
}

/// The race through the real window: the Cancel button is drawn enabled for a Transferring
/// job, the job reaches Packaging, then the user clicks.
#[test]
fn a_job_that_moved_to_packaging_after_the_frame_is_not_sent_a_cancel() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    step_until(&mut harness, "the demo jobs are listed", |h| {
        h.state().store().len() >= 30
    });
    let name = "media-archive-2026-q3";
    open_job(&mut harness, name);
    harness.get_by_label("Cancel…").click();
    step_until(&mut harness, "the dialog shows", |h| {
        h.query_by_label("Request cancel").is_some()
    });
    let key = entry(&harness, name).unwrap().job.key.clone();
    assert!(
        emulator
            .with(|e| e.fix_state(&key, JobState::Packaging))
            .unwrap()
    );
    harness.get_by_label("Request cancel").click();
    step_until(&mut harness, "the outcome is shown", |h| {
        entry(h, name).is_some_and(|e| e.failure.is_some())
    });
    harness.run_steps(2);
    assert!(
        harness
            .query_all_by_label_contains("Not sent: Cancel is possible only before Packaging")
            .next()
            .is_some(),
        "the reason is on screen"
    );
    assert_eq!(
        entry(&harness, name).unwrap().job.state,
        JobState::Packaging,
        "and the row shows the new state"
    );
    assert!(
        writes(&emulator).is_empty(),
        "no PATCH reached the emulator"
    );
}
