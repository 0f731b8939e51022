//! One subscription that cannot be read never hides the others: ARM's refusals (403
//! `AuthorizationFailed`, 409 `MissingSubscriptionRegistration`) mark that subscription, are
//! retried slowly (and at once on Refresh), and the other subscriptions stay listed.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use std::time::Duration;

use iejobs::emulator::EmulatorConfig;
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::faults::FaultRule;
use iejobs::emulator::scenario::Scenario;
use iejobs::model::WorkerStatus;
use iejobs::worker::{Command, WorkerConfig, WorkerHandle};

const SUB1: &str = "00000000-0000-0000-0000-000000000001";
const SUB2: &str = "00000000-0000-0000-0000-000000000002";
const SUB3: &str = "00000000-0000-0000-0000-000000000003";

/// The demo (25 jobs in SUB1, 5 in SUB2); SUB2 refuses the identity, SUB3 lacks the
/// resource provider.
fn emulator() -> EmbeddedEmulator {
    EmbeddedEmulator::start(EmulatorConfig {
        scenario: Scenario::Demo,
        speed: 0.0,
        seed: 5,
        faults: vec![
            FaultRule::parse(&format!("list:403~{SUB2}")).unwrap(),
            FaultRule::parse(&format!("list:unregistered~{SUB3}")).unwrap(),
        ],
        ..EmulatorConfig::default()
    })
    .unwrap()
}

fn subscriptions() -> Vec<String> {
    [SUB1, SUB2, SUB3].map(str::to_owned).to_vec()
}

fn failure_code(status: &WorkerStatus, sub: &str) -> Option<String> {
    status
        .subscriptions
        .get(sub)
        .and_then(|s| s.failure.as_ref())
        .and_then(|f| f.code.clone())
}

#[test]
fn a_refused_subscription_fails_alone_and_is_retried_slowly() {
    let emulator = emulator();
    let mut config = WorkerConfig::new(subscriptions());
    config.slow_poll = Duration::from_millis(300);
    config.fast_poll = Duration::from_millis(100);
    let mut worker = WorkerHandle::spawn(
        common::client(emulator.url()),
        config,
        std::sync::Arc::new(|_| {}),
    )
    .unwrap();
    let events = common::first_listings(&mut worker, &[SUB1.to_owned()]);
    let listed = events
        .iter()
        .filter_map(|e| match e {
            iejobs::model::Event::Partial { jobs, .. } => Some(jobs.len()),
            _ => None,
        })
        .sum::<usize>();
    assert!(listed >= 25, "SUB1's jobs are listed ({listed})");
    let (status, _) = common::status_until(&mut worker, "both refusals", |s| {
        failure_code(s, SUB2).is_some() && failure_code(s, SUB3).is_some()
    });
    assert_eq!(
        failure_code(&status, SUB2).as_deref(),
        Some("AuthorizationFailed")
    );
    assert_eq!(
        failure_code(&status, SUB3).as_deref(),
        Some("MissingSubscriptionRegistration")
    );
    assert!(failure_code(&status, SUB1).is_none());
    assert!(
        status.degraded.is_none(),
        "one readable subscription: not degraded"
    );
    let refused = status.subscriptions[SUB2].failure.as_ref().unwrap();
    assert!(refused.refused);

    // Refusals are not retried every few seconds (SUB1 is listed every 300 ms meanwhile).
    let count = |sub: &str| {
        emulator
            .with(|e| {
                e.requests()
                    .iter()
                    .filter(|r| r.route == Some("list") && r.path.contains(sub))
                    .count()
            })
            .unwrap()
    };
    let (sub1, sub2) = (count(SUB1), count(SUB2));
    std::thread::sleep(Duration::from_secs(2));
    assert!(count(SUB1) >= sub1 + 3, "SUB1 still polled");
    assert_eq!(count(SUB2), sub2, "no retry of the refusal within 2 s");

    // The identity is granted access; Refresh tries again at once and SUB2's jobs come.
    emulator.with(|e| {
        e.set_faults(vec![
            FaultRule::parse(&format!("list:unregistered~{SUB3}")).unwrap(),
        ]);
    });
    worker.send(Command::Refresh).unwrap();
    let (status, events) = common::status_until(&mut worker, "SUB2 readable", |s| {
        failure_code(s, SUB2).is_none()
    });
    assert!(
        failure_code(&status, SUB3).is_some(),
        "SUB3 still unregistered"
    );
    let sub2_listed = |e: &iejobs::model::Event| matches!(e, iejobs::model::Event::ListingDone { subscription, .. } if subscription == SUB2);
    let mut events = events;
    if !events.iter().any(sub2_listed) {
        events.extend(common::events_until(
            &mut worker,
            "SUB2's jobs",
            sub2_listed,
        ));
    }
    let sub2_jobs = events
        .iter()
        .filter_map(|e| match e {
            iejobs::model::Event::Partial { jobs, .. } => Some(
                jobs.iter()
                    .filter(|j| j.key.subscription_id == SUB2)
                    .count(),
            ),
            _ => None,
        })
        .sum::<usize>();
    assert_eq!(sub2_jobs, 5);
}

#[test]
fn the_window_shows_the_readable_subscription_and_says_which_failed() {
    use egui_kittest::kittest::Queryable as _;
    let emulator = emulator();
    let mut harness =
        common::app::harness_with(&emulator, common::client(emulator.url()), |worker| {
            worker.subscriptions = subscriptions();
            worker.slow_poll = Duration::from_secs(2);
            worker.fast_poll = Duration::from_millis(200);
        });
    common::app::step_until(&mut harness, "SUB1 listed and two failures known", |h| {
        let session = h.state().session();
        session.store().len() >= 25 && session.status().failing().count() == 2
    });
    let store = harness.state().store();
    assert!(store.iter().all(|e| e.job.key.subscription_id == SUB1));
    assert!(harness.state().session().status().degraded.is_none());
    harness.run_steps(2);
    // SUB2 is named as the emulator's subscription list names it; SUB3, which it does not
    // list, would be named by its id.
    let text = "1 of 3 subscriptions: Contoso Media (emulator): not allowed to read \
                Import/Export jobs (AuthorizationFailed) (and 1 more)";
    let labels: Vec<String> = harness
        .query_all_by_label_contains("subscriptions:")
        .map(|n| format!("{n:?}"))
        .collect();
    assert_eq!(
        harness.query_all_by_label(text).count(),
        1,
        "the status bar gives the reason: {labels:?}"
    );
    // The activity log says each, once.
    let log: Vec<String> = harness
        .state()
        .session()
        .activity()
        .iter()
        .map(|a| a.text.clone())
        .collect();
    assert_eq!(
        log.iter()
            .filter(|t| t.contains("AuthorizationFailed"))
            .count(),
        1,
        "{log:?}"
    );
    assert_eq!(
        log.iter()
            .filter(|t| t.contains("MissingSubscriptionRegistration"))
            .count(),
        1,
        "{log:?}"
    );
}
