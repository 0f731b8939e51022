//! Action accounting: every Cancel and Delete ends in exactly one "confirmed by the service"
//! or "failed, with the service's error shown", under every fault on its way, and the
//! emulator's request log says exactly how many `PATCH` or `DELETE` requests reached it.
//!
//! The worker and the store are the ones the window uses; the test plays the window's part
//! (it applies `ActionSent` on the click, as `App::confirmed` does, then every event).

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; one click reads best in one piece"
)]

mod common;

use std::sync::Arc;
use std::time::{Duration, Instant};

use iejobs::arm::ArmClient;
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::faults::FaultRule;
use iejobs::emulator::scenario::Scenario;
use iejobs::emulator::{DEMO_SUBSCRIPTION, EmulatorConfig};
use iejobs::model::{Action, Event, JobKey, Session};
use iejobs::worker::{Command, WorkerConfig, WorkerHandle};

/// Transferring, no cancel yet: Cancel is allowed.
const CANCELLABLE: (&str, &str) = ("rg-media-archive", "media-archive-2026-q3");
/// Completed: Delete is allowed.
const DELETABLE: (&str, &str) = ("rg-media-archive", "old-photos-2024");

/// How an action must end.
#[derive(Debug)]
enum Outcome {
    /// Confirmed: the cancel flag is set, or the job is deleted.
    Confirmed,
    /// Failed, and the store shows a message containing this text.
    Failed(&'static str),
}

fn client(url: &str) -> ArmClient {
    common::client_with_timeout(url, Duration::from_millis(800))
}

/// Events the worker sent until `done`, each applied to `store`; fails after 20 s.
fn drain_until(
    worker: &mut WorkerHandle,
    store: &mut Session,
    case: &str,
    done: impl FnMut(&Event) -> bool,
) -> Vec<Event> {
    let seen = common::events_until(worker, case, done);
    for event in &seen {
        store.apply(event.clone());
    }
    seen
}

/// One click on `action` for the job `(group, name)` with `faults` on the emulator;
/// checks that `sent` requests of the action's method reached the emulator and the outcome.
fn click(
    case: &str,
    action: Action,
    job: (&str, &str),
    faults: &[&str],
    sent: usize,
    outcome: &Outcome,
) {
    let emulator = EmbeddedEmulator::start(EmulatorConfig {
        scenario: Scenario::Demo,
        speed: 0.0,
        seed: 3,
        ..EmulatorConfig::default()
    })
    .unwrap();
    let mut config = WorkerConfig::new(emulator.subscriptions().to_vec());
    // Only the first listing: nothing else runs while the action is counted.
    config.slow_poll = Duration::from_mins(10);
    config.fast_poll = Duration::from_mins(10);
    let subscriptions = config.subscriptions.clone();
    let mut worker = WorkerHandle::spawn(client(emulator.url()), config, Arc::new(|_| {})).unwrap();
    let mut store = Session::default();
    for event in common::first_listings(&mut worker, &subscriptions) {
        store.apply(event);
    }
    let key = JobKey::new(DEMO_SUBSCRIPTION, job.0, job.1);
    assert!(
        store
            .store()
            .get(&key)
            .unwrap()
            .permission(action)
            .is_allowed(),
        "{case}: the button is enabled"
    );
    let rules = faults
        .iter()
        .map(|f| FaultRule::parse(f).unwrap())
        .collect();
    emulator.with(|e| e.set_faults(rules));
    // The click, as the window handles it.
    store.apply(Event::ActionSent {
        key: key.clone(),
        action,
        at: jiff::Timestamp::now(),
    });
    let command = match action {
        Action::Cancel => Command::Cancel(key.clone()),
        Action::Delete => Command::Delete(key.clone()),
    };
    worker.send(command).unwrap();
    let is_outcome = |e: &Event| matches!(e, Event::ActionDone { key: k, .. } | Event::ActionFailed { key: k, .. } if *k == key);
    let mut events = drain_until(&mut worker, &mut store, case, is_outcome);
    // Requests held up by a delay are still on their way: wait until the log is quiet,
    // and collect whatever the worker says meanwhile.
    let method = match action {
        Action::Cancel => "PATCH",
        Action::Delete => "DELETE",
    };
    let count = || {
        emulator
            .with(|e| {
                e.requests()
                    .iter()
                    .filter(|r| r.method == method && r.path.ends_with(job.1))
                    .map(|r| (r.status, r.fault.clone()))
                    .collect::<Vec<_>>()
            })
            .unwrap()
    };
    let mut last = count();
    let mut quiet_since = Instant::now();
    while quiet_since.elapsed() < Duration::from_millis(2500) {
        std::thread::sleep(Duration::from_millis(100));
        while let Some(event) = worker.try_recv() {
            store.apply(event.clone());
            events.push(event);
        }
        let now = count();
        if now != last {
            last = now;
            quiet_since = Instant::now();
        }
    }
    let outcomes = events.iter().filter(|e| is_outcome(e)).count();
    assert_eq!(outcomes, 1, "{case}: exactly one outcome: {events:?}");
    assert_eq!(
        last.len(),
        sent,
        "{case}: {method} requests that reached the emulator (status, fault): {last:?}"
    );
    let entry = store.store().get(&key);
    let activity: Vec<&str> = store
        .activity()
        .iter()
        .filter(|a| a.key.as_ref() == Some(&key))
        .map(|a| a.text.as_str())
        .collect();
    let label = action.label();
    match (outcome, action) {
        (Outcome::Confirmed, Action::Cancel) => {
            let entry = entry.unwrap();
            assert!(entry.job.cancel_requested, "{case}: the flag is set");
            assert!(
                entry.pending.is_none() && entry.failure.is_none(),
                "{case}: {entry:?}"
            );
            let confirmed = activity
                .iter()
                .filter(|t| **t == "Cancel confirmed by the service");
            assert_eq!(confirmed.count(), 1, "{case}: {activity:?}");
        }
        (Outcome::Confirmed, Action::Delete) => {
            assert!(entry.is_none(), "{case}: the row is gone");
            assert_eq!(
                activity.iter().filter(|t| **t == "Deleted").count(),
                1,
                "{case}: {activity:?}"
            );
        }
        (Outcome::Failed(text), _) => {
            let entry = entry.unwrap();
            let failure = entry.failure.as_ref().unwrap();
            assert!(failure.message.contains(text), "{case}: {failure:?}");
            assert!(entry.pending.is_none(), "{case}: no longer pending");
            if action == Action::Cancel {
                assert!(!entry.job.cancel_requested, "{case}: not cancelled");
            }
            let failed = activity
                .iter()
                .filter(|t| t.starts_with(&format!("{label} failed:")));
            assert_eq!(failed.count(), 1, "{case}: {activity:?}");
        }
    }
    assert!(
        !activity
            .iter()
            .any(|t| t.contains("confirmed") || *t == "Deleted")
            || matches!(outcome, Outcome::Confirmed),
        "{case}: a failure is not also confirmed: {activity:?}"
    );
}

macro_rules! cases {
    ($($name:ident: $action:ident $job:ident [$($fault:literal),*] => $sent:expr, $outcome:expr;)*) => {
        $(
            #[test]
            fn $name() {
                click(stringify!($name), Action::$action, $job, &[$($fault),*], $sent, &$outcome);
            }
        )*
    };
}

cases! {
    cancel_without_faults: Cancel CANCELLABLE [] => 1, Outcome::Confirmed;
    // Carried out, then the connection dropped: the retry finds the cancel pending and is
    // answered 200 (setting a flag to true twice is once).
    cancel_dropped_once: Cancel CANCELLABLE ["patch:drop*1"] => 2, Outcome::Confirmed;
    // Every answer lost: the re-read shows the flag set, so it is confirmed.
    cancel_always_dropped: Cancel CANCELLABLE ["patch:drop"] => 3, Outcome::Confirmed;
    // The first waits beyond the timeout; the client gives up and the emulator drops it
    // before carrying it out (logged 499); the retry is carried out.
    cancel_slower_than_the_timeout: Cancel CANCELLABLE ["patch:delay=2000*1"] => 2, Outcome::Confirmed;
    cancel_500_once: Cancel CANCELLABLE ["patch:500*1"] => 2, Outcome::Confirmed;
    cancel_503_once: Cancel CANCELLABLE ["patch:503*1"] => 2, Outcome::Confirmed;
    cancel_429_once: Cancel CANCELLABLE ["patch:429=1*1"] => 2, Outcome::Confirmed;
    cancel_500_always: Cancel CANCELLABLE ["patch:500"] => 3, Outcome::Failed("Injected fault: internal server error.");
    // A wait longer than the client honours is not slept: one request, the message shown.
    cancel_429_for_a_minute: Cancel CANCELLABLE ["patch:429=60"] => 1, Outcome::Failed("throttled");
    delete_without_faults: Delete DELETABLE [] => 1, Outcome::Confirmed;
    // Carried out, then the connection dropped: the retry gets 404, which means deleted.
    delete_dropped_once: Delete DELETABLE ["delete:drop*1"] => 2, Outcome::Confirmed;
    // Every answer lost, the 404s too: the re-read's 404 says deleted.
    delete_always_dropped: Delete DELETABLE ["delete:drop"] => 3, Outcome::Confirmed;
    delete_slower_than_the_timeout: Delete DELETABLE ["delete:delay=2000*1"] => 2, Outcome::Confirmed;
    delete_500_once: Delete DELETABLE ["delete:500*1"] => 2, Outcome::Confirmed;
    delete_503_once: Delete DELETABLE ["delete:503*1"] => 2, Outcome::Confirmed;
    delete_429_once: Delete DELETABLE ["delete:429=1*1"] => 2, Outcome::Confirmed;
    delete_500_always: Delete DELETABLE ["delete:500"] => 3, Outcome::Failed("Injected fault: internal server error.");
}
