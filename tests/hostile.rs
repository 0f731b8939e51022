//! What a hostile or odd service answers must not falsify what the administrator sees: a
//! listing that names a job twice, ids echoed with another casing. A scripted server on
//! 127.0.0.1 answers exactly what each test wants, page by page.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::scripted::{SUB, Script, job, server};
use iejobs::model::{Event, JobKey, JobState, Session};
use iejobs::worker::{Command, WorkerConfig, WorkerHandle};

fn worker(url: &str, history: Option<std::path::PathBuf>) -> WorkerHandle {
    let mut config = WorkerConfig::new(vec![SUB.to_owned()]);
    config.slow_poll = Duration::from_millis(150);
    config.fast_poll = Duration::from_millis(100);
    config.history_path = history;
    WorkerHandle::spawn(common::client(url), config, Arc::new(|_| {})).unwrap()
}

/// Runs the worker until `listings` more listings have ended (the one after them has
/// begun), applying every event to a store; returns the store and the events.
fn watch(
    worker: &mut WorkerHandle,
    script: &Arc<Mutex<Script>>,
    listings: usize,
) -> (Session, Vec<Event>) {
    let target = script.lock().unwrap().listings + listings;
    let mut store = Session::default();
    let mut events = Vec::new();
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    while script.lock().unwrap().listings <= target {
        assert!(
            std::time::Instant::now() < deadline,
            "the listings did not come"
        );
        std::thread::sleep(Duration::from_millis(10));
        while let Some(event) = worker.try_recv() {
            store.apply(event.clone());
            events.push(event);
        }
    }
    (store, events)
}

fn warnings(events: &[Event]) -> Vec<&str> {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Warning { message, .. } => Some(message.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn a_job_listed_twice_on_a_page_is_one_job_and_never_flips() {
    let dir = std::env::temp_dir().join(format!("iejobs-hostile-dup-{}", std::process::id()));
    let history = dir.join("history.json");
    let (url, script) = server(Script {
        pages: vec![vec![
            job("rg", "dup", "Creating"),
            job("rg", "other", "Shipping"),
            job("rg", "dup", "Completed"),
        ]],
        ..Script::default()
    });
    let mut worker = worker(&url, Some(history.clone()));
    let (store, events) = watch(&mut worker, &script, 6);
    worker.shutdown();
    let key = JobKey::new(SUB, "rg", "dup");
    let entry = store.store().get(&key).expect("the job is listed");
    assert_eq!(
        entry.job.state,
        JobState::Completed,
        "the last one named counts"
    );
    let states: Vec<&JobState> = entry.timeline.iter().map(|t| &t.state).collect();
    assert_eq!(
        states,
        [&JobState::Completed],
        "no invented change: {states:?}"
    );
    assert_eq!(store.store().len(), 2);
    let told = warnings(&events);
    assert_eq!(told.len(), 1, "told once: {told:?}");
    assert!(
        told[0].contains("rg/dup") && told[0].contains("Creating, Completed"),
        "{}",
        told[0]
    );
    // The saved history has one entry for the job, not one per poll.
    let saved = std::fs::read_to_string(&history).unwrap();
    let file: serde_json::Value = serde_json::from_str(&saved).unwrap();
    let timeline = file["jobs"][key.resource_id()].as_array().unwrap();
    assert_eq!(timeline.len(), 1, "{saved}");
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn a_job_listed_on_two_pages_settles_on_the_last_and_stays() {
    let (url, script) = server(Script {
        pages: vec![
            vec![job("rg", "dup", "Creating"), job("rg", "a", "Shipping")],
            vec![job("rg", "b", "Shipping"), job("rg", "dup", "Completed")],
        ],
        ..Script::default()
    });
    let mut worker = worker(&url, None);
    let (store, events) = watch(&mut worker, &script, 6);
    worker.shutdown();
    let entry = store.store().get(&JobKey::new(SUB, "rg", "dup")).unwrap();
    assert_eq!(entry.job.state, JobState::Completed);
    let states: Vec<&JobState> = entry.timeline.iter().map(|t| &t.state).collect();
    // The first listing could not know page 2 would repeat it: one change, then never again.
    assert!(states.len() <= 2, "flips at every poll: {states:?}");
    assert_eq!(states.last(), Some(&&JobState::Completed));
    assert_eq!(warnings(&events).len(), 1);
    let counted = events.iter().find_map(|e| match e {
        Event::ListingDone { jobs, .. } => Some(*jobs),
        _ => None,
    });
    assert_eq!(counted, Some(3), "the listing counts each job once");
}

#[test]
fn ids_in_another_casing_are_the_same_job() {
    let (url, script) = server(Script {
        pages: vec![vec![job("RG-Case", "Job-A", "Transferring")]],
        // The service echoes the caller's casing: a read by another spelling answers it.
        read: Some(job("rg-case", "job-a", "Transferring")),
        ..Script::default()
    });
    let mut worker = worker(&url, None);
    let (_, first) = watch(&mut worker, &script, 1);
    worker
        .send(Command::Inspect(JobKey::new(SUB, "rg-case", "job-a")))
        .unwrap();
    let (_, later) = watch(&mut worker, &script, 4);
    worker.shutdown();
    let mut store = Session::default();
    for event in first.into_iter().chain(later.clone()) {
        store.apply(event);
    }
    assert_eq!(store.store().len(), 1, "one job, not one per spelling");
    let entry = store.store().iter().next().unwrap();
    assert_eq!(
        entry.job.key.resource_group.as_str(),
        "RG-Case",
        "the service's spelling is kept"
    );
    let gone: Vec<_> = later
        .iter()
        .filter(|e| {
            matches!(e, Event::Gone { .. })
                || matches!(e, Event::ListingDone { gone, .. } if !gone.is_empty())
        })
        .collect();
    assert!(gone.is_empty(), "never 'no longer listed': {gone:?}");
    assert!(
        store
            .activity()
            .iter()
            .all(|a| !a.text.contains("no longer")),
        "{:?}",
        store.activity().iter().map(|a| &a.text).collect::<Vec<_>>()
    );
}
