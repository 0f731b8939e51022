//! The background worker against the emulator: actions, repaints, history across restarts.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use common::events_until as until;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use iejobs::emulator::EmulatorConfig;
use iejobs::emulator::clock::HOUR;
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::scenario::Scenario;
use iejobs::model::{Action, Event, JobKey, JobState};
use iejobs::worker::{Command, Wake, WorkerConfig, WorkerHandle};

const SUB: &str = "00000000-0000-0000-0000-000000000001";

fn emulator() -> EmbeddedEmulator {
    EmbeddedEmulator::start(EmulatorConfig {
        scenario: Scenario::Demo,
        speed: 0.0,
        seed: 9,
        ..EmulatorConfig::default()
    })
    .unwrap()
}

fn worker(
    emulator: &EmbeddedEmulator,
    history: Option<std::path::PathBuf>,
    repaints: Arc<AtomicUsize>,
) -> WorkerHandle {
    worker_with(emulator, history, repaints, |_| {})
}

fn worker_with(
    emulator: &EmbeddedEmulator,
    history: Option<std::path::PathBuf>,
    repaints: Arc<AtomicUsize>,
    adjust: impl FnOnce(&mut WorkerConfig),
) -> WorkerHandle {
    let mut config = WorkerConfig::new(emulator.subscriptions().to_vec());
    config.slow_poll = Duration::from_millis(300);
    config.fast_poll = Duration::from_millis(100);
    config.history_path = history;
    adjust(&mut config);
    let notify = Arc::new(move |_| {
        repaints.fetch_add(1, Ordering::SeqCst);
    });
    WorkerHandle::spawn(common::client(emulator.url()), config, notify).unwrap()
}

/// The end of the first listing of `SUB`: its pages come as `Partial`, then `ListingDone`.
fn listed(event: &Event) -> bool {
    matches!(event, Event::ListingDone { subscription, .. } if subscription == SUB)
}

#[test]
fn unchanged_polls_ask_for_no_repaint() {
    let emulator = emulator();
    let repaints = Arc::new(AtomicUsize::new(0));
    let mut worker = worker(&emulator, None, repaints.clone());
    until(&mut worker, "the first listing", listed);
    std::thread::sleep(Duration::from_millis(300));
    while worker.try_recv().is_some() {}
    let before = repaints.load(Ordering::SeqCst);
    // Six full listings and about twenty reads of the moving jobs, on a frozen clock.
    std::thread::sleep(Duration::from_secs(2));
    while worker.try_recv().is_some() {}
    assert_eq!(
        repaints.load(Ordering::SeqCst),
        before,
        "nothing changed, nothing to paint"
    );
    let reads = emulator
        .with(|e| {
            e.requests()
                .iter()
                .filter(|r| matches!(r.route, Some("get" | "list")))
                .count()
        })
        .unwrap();
    assert!(reads >= 10, "polling ran ({reads} reads)");
    // A change is painted.
    emulator.with(|e| e.advance(HOUR));
    until(&mut worker, "a changed job", |e| {
        matches!(e, Event::Loaded { .. } | Event::Partial { .. })
    });
    assert!(repaints.load(Ordering::SeqCst) > before);
}

/// Background polling wakes the window "soon" (an idle window then draws a frame every few
/// seconds, not one per page); the first listing, a Refresh and an action's answer wake it
/// at once.
#[test]
fn background_polls_wake_the_window_soon_and_awaited_answers_at_once() {
    let emulator = emulator();
    let wakes = Arc::new(std::sync::Mutex::new(Vec::<Wake>::new()));
    let recorded = wakes.clone();
    let mut config = WorkerConfig::new(vec![SUB.to_owned()]);
    config.slow_poll = Duration::from_millis(300);
    config.fast_poll = Duration::from_millis(100);
    let mut worker = WorkerHandle::spawn(
        common::client(emulator.url()),
        config,
        Arc::new(move |wake| recorded.lock().unwrap().push(wake)),
    )
    .unwrap();
    let take = || std::mem::take(&mut *wakes.lock().unwrap());
    let listing = until(&mut worker, "the first listing", listed);
    let first = take();
    assert!(
        !first.is_empty() && first.iter().all(|w| *w == Wake::Now),
        "{first:?}"
    );
    // The clock moves: interval listings and moving jobs' polls bring changes, soon.
    emulator.with(|e| e.advance(HOUR));
    until(&mut worker, "a changed job", |e| {
        matches!(e, Event::Loaded { .. } | Event::Partial { .. })
    });
    std::thread::sleep(Duration::from_millis(200));
    while worker.try_recv().is_some() {}
    let background = take();
    assert!(
        !background.is_empty() && background.iter().all(|w| *w == Wake::Soon),
        "{background:?}"
    );
    // An action's answer is awaited.
    let cancellable = listing
        .iter()
        .flat_map(|e| match e {
            Event::Partial { jobs, .. } => jobs.clone(),
            _ => Vec::new(),
        })
        .find(|j| j.key.subscription_id == SUB && j.state == JobState::Creating)
        .unwrap()
        .key;
    worker
        .send(Command::Act(Action::Cancel, vec![cancellable]))
        .unwrap();
    until(&mut worker, "the cancel's answer", |e| {
        matches!(e, Event::ActionDone { .. } | Event::ActionFailed { .. })
    });
    assert!(take().contains(&Wake::Now));
}

#[test]
fn every_action_ends_confirmed_or_failed_and_forbidden_ones_are_not_sent() {
    let emulator = emulator();
    let mut worker = worker(&emulator, None, Arc::new(AtomicUsize::new(0)));
    until(&mut worker, "the first listing", listed);
    let cancel = JobKey::new(SUB, "rg-media-archive", "media-archive-2026-q3");
    worker.send(Command::Cancel(cancel.clone())).unwrap();
    let events = until(&mut worker, "the cancel's answer", |e| {
        matches!(e, Event::ActionDone { .. } | Event::ActionFailed { .. })
    });
    let Some(Event::ActionDone {
        key,
        action: Action::Cancel,
        job: Some(job),
        ..
    }) = events.last()
    else {
        panic!("{events:?}")
    };
    assert_eq!(
        (key, job.cancel_requested, &job.state),
        (&cancel, true, &JobState::Transferring)
    );
    // Delete of a Transferring job: refused by the worker after a fresh read, never sent.
    worker.send(Command::Delete(cancel.clone())).unwrap();
    let events = until(&mut worker, "the delete's answer", |e| {
        matches!(e, Event::ActionDone { .. } | Event::ActionFailed { .. })
    });
    let Some(Event::ActionFailed {
        message,
        code: None,
        ..
    }) = events.last()
    else {
        panic!("{events:?}")
    };
    assert!(
        message.starts_with("Not sent: Delete is possible only in Creating or Completed"),
        "{message}"
    );
    // Delete of a job that does not exist: failed, nothing sent.
    let ghost = JobKey::new(SUB, "rg-media-archive", "no-such-job");
    worker.send(Command::Delete(ghost)).unwrap();
    let events = until(&mut worker, "the ghost's answer", |e| {
        matches!(e, Event::ActionDone { .. } | Event::ActionFailed { .. })
    });
    assert!(
        matches!(events.last(), Some(Event::ActionFailed { message, .. }) if message.contains("no longer exists"))
    );
    let log = emulator.with(iejobs::emulator::Emulator::requests).unwrap();
    assert_eq!(log.iter().filter(|r| r.method == "PATCH").count(), 1);
    assert_eq!(log.iter().filter(|r| r.method == "DELETE").count(), 0);
}

#[test]
fn the_state_history_survives_a_restart() {
    let dir = std::env::temp_dir().join(format!("iejobs-worker-{}", std::process::id()));
    let path = dir.join("history.json");
    let emulator = emulator();
    let key = JobKey::new(SUB, "rg-media-archive", "marketing-assets");
    {
        let mut worker = worker(&emulator, Some(path.clone()), Arc::new(AtomicUsize::new(0)));
        until(&mut worker, "the first listing", listed);
        emulator.with(|e| e.advance(3 * HOUR));
        until(&mut worker, "marketing-assets transferring", |e| match e {
            Event::Partial { jobs, .. } => jobs
                .iter()
                .any(|j| j.key == key && j.state == JobState::Transferring),
            Event::Loaded { job, .. } => job.key == key && job.state == JobState::Transferring,
            _ => false,
        });
        worker.shutdown();
    }
    assert!(path.exists(), "saved at shutdown");
    let mut worker = worker(&emulator, Some(path), Arc::new(AtomicUsize::new(0)));
    let events = until(&mut worker, "the history", |e| {
        matches!(e, Event::HistoryLoaded(_))
    });
    let Some(Event::HistoryLoaded(histories)) = events.last() else {
        panic!()
    };
    let timeline = &histories.iter().find(|(k, _)| *k == key).unwrap().1;
    let states: Vec<_> = timeline.iter().map(|t| t.state.clone()).collect();
    assert_eq!(states, [JobState::Received, JobState::Transferring]);
    drop(worker);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_history_file_that_cannot_be_read_is_kept_aside_and_said() {
    let dir = std::env::temp_dir().join(format!("iejobs-worker-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("history.json");
    // A history cut short, as a full disk or a crash leaves one.
    let whole = format!(
        "{{\"jobs\":{{{}}}}}",
        (0..100)
            .map(|i| format!(
                "\"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.ImportExport/jobs/j{i}\":[{{\"at\":\"2026-11-01T00:00:00Z\",\"state\":\"Shipping\"}}]"
            ))
            .collect::<Vec<_>>()
            .join(",")
    );
    let truncated = &whole.as_bytes()[..3000];
    std::fs::write(&path, truncated).unwrap();
    let emulator = emulator();
    let mut worker = worker(&emulator, Some(path.clone()), Arc::new(AtomicUsize::new(0)));
    let events = until(&mut worker, "the warning", |e| {
        matches!(e, Event::Warning { .. })
    });
    let Some(Event::Warning { key, message, .. }) = events.last() else {
        panic!()
    };
    assert!(key.is_none());
    assert!(
        message.contains("was not loaded") && message.contains("kept as"),
        "{message}"
    );
    until(&mut worker, "the first listing", listed);
    worker.shutdown();
    let kept: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains(".corrupt-"))
        .collect();
    assert_eq!(kept.len(), 1, "kept aside");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), truncated, "byte for byte");
    assert!(
        message.contains(&*kept[0].to_string_lossy()),
        "the window names it: {message}"
    );
    // A new history started beside it.
    let new: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(new["jobs"].as_object().is_some_and(|j| !j.is_empty()));
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn new_poll_intervals_take_effect() {
    let emulator = emulator();
    let mut worker = worker(&emulator, None, Arc::new(AtomicUsize::new(0)));
    until(&mut worker, "the first listing", listed);
    let hour = Duration::from_hours(1);
    worker
        .send(Command::SetPollIntervals {
            slow: hour,
            fast: hour,
        })
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let count = || emulator.with(|e| e.requests().len()).unwrap();
    let before = count();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(
        count(),
        before,
        "no request within 1.5 s at hourly intervals"
    );
    while worker.try_recv().is_some() {}
    let last = worker.status().last_success;
    worker.send(Command::Refresh).unwrap();
    common::status_until(&mut worker, "the refresh", |s| s.last_success != last);
    assert!(count() > before, "Refresh lists at once");
}

#[test]
fn moving_jobs_are_read_by_whichever_costs_fewer_reads() {
    // A subscription of one page: a listing reads every moving job for one read, so the
    // fast interval lists instead of reading each job.
    let emulator = emulator();
    let mut worker = worker_with(&emulator, None, Arc::new(AtomicUsize::new(0)), |c| {
        c.slow_poll = Duration::from_hours(1);
        c.fast_poll = Duration::from_millis(200);
    });
    until(&mut worker, "the first listing", listed);
    let count = |route: &str| {
        emulator
            .with(|e| {
                e.requests()
                    .iter()
                    .filter(|r| r.route == Some(route) && r.path.contains(SUB))
                    .count()
            })
            .unwrap()
    };
    let (lists, gets) = (count("list"), count("get"));
    std::thread::sleep(Duration::from_millis(1500));
    assert!(count("list") - lists >= 4, "listed on the fast interval");
    assert_eq!(count("get") - gets, 0, "no job read one by one");

    // Many pages (1,002 jobs: 11 pages) and two moving jobs: those are read one by one.
    let dir = std::env::temp_dir().join(format!("iejobs-cheaper-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("jobs.json");
    let job = |name: &str, state: &str, cancel: bool| {
        serde_json::json!({
            "id": format!("/subscriptions/{SUB}/resourceGroups/rg-many/providers/Microsoft.ImportExport/jobs/{name}"),
            "name": name,
            "location": "West US",
            "properties": {"state": state, "cancelRequested": cancel, "jobType": "Import"},
        })
    };
    let mut jobs: Vec<serde_json::Value> = (0..1_000)
        .map(|i| job(&format!("done-{i:04}"), "Completed", false))
        .collect();
    jobs.push(job("cancelling-a", "Transferring", true));
    jobs.push(job("cancelling-b", "Received", true));
    std::fs::write(&file, serde_json::to_vec(&jobs).unwrap()).unwrap();
    let emulator = EmbeddedEmulator::start(EmulatorConfig {
        scenario: Scenario::File(file),
        speed: 0.0,
        seed: 9,
        ..EmulatorConfig::default()
    })
    .unwrap();
    let mut worker = worker_with(&emulator, None, Arc::new(AtomicUsize::new(0)), |c| {
        c.slow_poll = Duration::from_hours(1);
        c.fast_poll = Duration::from_millis(200);
    });
    common::first_listings(&mut worker, &[SUB.to_owned()]);
    let lists = |emulator: &EmbeddedEmulator| {
        emulator
            .with(|e| {
                e.requests()
                    .iter()
                    .filter(|r| r.route == Some("list"))
                    .count()
            })
            .unwrap()
    };
    let before = lists(&emulator);
    std::thread::sleep(Duration::from_millis(1500));
    let log = emulator.with(iejobs::emulator::Emulator::requests).unwrap();
    let gets = |name: &str| {
        log.iter()
            .filter(|r| r.route == Some("get") && r.path.ends_with(name))
            .count()
    };
    assert!(
        gets("/cancelling-a") >= 4,
        "read one by one: {}",
        gets("/cancelling-a")
    );
    assert!(gets("/cancelling-b") >= 4);
    assert_eq!(
        lists(&emulator),
        before,
        "no listing of 11 pages for two jobs"
    );
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn later_listings_send_only_changed_jobs_and_name_the_gone_ones() {
    let emulator = emulator();
    let mut worker = worker(&emulator, None, Arc::new(AtomicUsize::new(0)));
    let first = until(&mut worker, "the first listing", listed);
    let jobs: Vec<iejobs::model::Job> = first
        .iter()
        .flat_map(|e| match e {
            Event::Partial { jobs, .. } => jobs.clone(),
            _ => Vec::new(),
        })
        .filter(|j| j.key.subscription_id == SUB)
        .collect();
    let Some(Event::ListingDone { jobs: count, .. }) = first.last() else {
        panic!("{first:?}")
    };
    assert_eq!(*count, jobs.len(), "every listed job came in a page");
    let deleted = jobs
        .iter()
        .find(|j| j.state == JobState::Creating)
        .unwrap()
        .key
        .clone();
    let changed = jobs
        .iter()
        .find(|j| j.state == JobState::Completed)
        .unwrap()
        .key
        .clone();
    let client = common::client(emulator.url());
    tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(client.delete_job(&deleted))
        .unwrap();
    assert!(
        emulator
            .with(|e| e.fix_state(&changed, JobState::Closed))
            .unwrap()
    );
    let events = until(
        &mut worker,
        "a listing that misses the deleted job",
        |e| matches!(e, Event::ListingDone { gone, .. } if !gone.is_empty()),
    );
    let sent: Vec<&JobKey> = events
        .iter()
        .flat_map(|e| match e {
            Event::Partial { jobs, .. } => jobs.iter().map(|j| &j.key).collect(),
            _ => Vec::new(),
        })
        .filter(|k| k.subscription_id == SUB)
        .collect();
    assert_eq!(sent, [&changed], "only the changed job is sent again");
    let Some(Event::ListingDone { gone, jobs, .. }) = events.last() else {
        panic!()
    };
    assert_eq!((gone.as_slice(), *jobs), ([deleted].as_slice(), count - 1));
    // Unchanged listings after that send no job and no end of listing.
    let last = worker.status().last_success;
    common::status_until(&mut worker, "another full listing", |s| {
        s.last_success != last
    });
    std::thread::sleep(Duration::from_millis(800));
    let quiet: Vec<Event> = std::iter::from_fn(|| worker.try_recv()).collect();
    assert!(
        !quiet
            .iter()
            .any(|e| matches!(e, Event::Partial { .. } | Event::ListingDone { .. })),
        "{quiet:?}"
    );
}

#[test]
fn every_action_sent_is_audited_before_and_after_and_a_crash_is_resolved_at_start() {
    use iejobs::audit::{Audit, Outcome, Sender};
    let emulator = emulator();
    let dir = std::env::temp_dir().join(format!("iejobs-worker-audit-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let path = dir.join("audit.jsonl");
    let with_audit = |config: &mut WorkerConfig| config.audit_path = Some(path.clone());
    let cancel = JobKey::new(SUB, "rg-media-archive", "media-archive-2026-q3");
    {
        let mut worker = worker_with(&emulator, None, Arc::new(AtomicUsize::new(0)), with_audit);
        until(&mut worker, "the first listing", listed);
        worker.send(Command::Cancel(cancel.clone())).unwrap();
        until(&mut worker, "the cancel's answer", |e| {
            matches!(e, Event::ActionDone { .. } | Event::ActionFailed { .. })
        });
        // Refused by the rules after a fresh read: nothing sent, nothing audited.
        worker.send(Command::Delete(cancel.clone())).unwrap();
        until(&mut worker, "the delete's answer", |e| {
            matches!(e, Event::ActionFailed { .. })
        });
        worker.shutdown();
    }
    let records = iejobs::audit::read(&path).unwrap();
    let outcomes: Vec<Outcome> = records.iter().map(|r| r.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Sending, Outcome::Confirmed],
        "{records:#?}"
    );
    assert_eq!(records[0].id, records[1].id);
    assert_eq!(records[0].key(), cancel);
    assert_eq!(records[0].origin, "window");
    assert!(
        records[1].request_id.is_some(),
        "the request id Azure support asks for"
    );
    assert_eq!(records[0].endpoint, format!("{}/", emulator.url()));

    // A run that stopped between "sending" and the answer: a cancel that did land.
    let other = JobKey::new(SUB, "rg-finance-backup", "finance-ledger-2019");
    let crashed = Audit::new(
        path.clone(),
        Sender {
            origin: "command line",
            identity: "tests".into(),
            endpoint: records[0].endpoint.clone(),
        },
    );
    crashed.sending(&other, Action::Cancel).unwrap();
    let mut worker = worker_with(&emulator, None, Arc::new(AtomicUsize::new(0)), with_audit);
    let events = until(
        &mut worker,
        "the resolved line",
        |e| matches!(e, Event::Logged(lines) if lines.iter().any(|l| l.text.contains("read at the next start"))),
    );
    // The earlier run's lines were shown first, across the restart.
    let shown: usize = events
        .iter()
        .map(|e| match e {
            Event::Logged(lines) => lines.len(),
            _ => 0,
        })
        .sum();
    assert!(shown >= 4, "{events:#?}");
    worker.shutdown();
    let records = iejobs::audit::read(&path).unwrap();
    let last = records.last().unwrap();
    assert_eq!(last.key(), other);
    // finance-ledger-2019 has a cancel pending in the demo: it took effect.
    assert_eq!(last.outcome, Outcome::Confirmed, "{last:#?}");
    assert!(iejobs::audit::unresolved(&records).is_empty());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn the_worker_stops_within_a_second_with_a_full_queue_and_requests_in_flight() {
    let emulator = emulator();
    let mut worker = worker(&emulator, None, Arc::new(AtomicUsize::new(0)));
    until(&mut worker, "the first listing", listed);
    // Every request now takes 10 s: reads and actions stay in flight.
    emulator.with(|e| {
        e.set_faults(vec![
            iejobs::emulator::faults::FaultRule::parse("delay=10000").unwrap(),
        ]);
    });
    worker.send(Command::Refresh).unwrap();
    let key = JobKey::new(SUB, "rg-media-archive", "media-archive-2026-q3");
    let mut sent = 0;
    while worker.send(Command::Inspect(key.clone())).is_ok() {
        sent += 1;
        assert!(sent < 100_000, "the queue never filled");
    }
    assert!(sent > 0);
    std::thread::sleep(Duration::from_millis(300));
    let started = std::time::Instant::now();
    worker.shutdown();
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "shutdown took {took:?}");
}
