//! Watching for days, in minutes: the worker runs for hours of paused tokio time (the clock
//! jumps whenever every task waits) against an in-process emulator on the same runtime, with
//! a consumer that drains events only when the worker wakes it, as an untouched window does.
//!
//! Checked: polling never stops, a change at the emulator reaches the consumer and wakes
//! it, the read budget holds per subscription, jobs with a cancel pending are read at least
//! every 30 s, and a listing of 10,000 jobs comes round at least every 10 minutes.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use iejobs::emulator::clock::DAY;
use iejobs::emulator::scenario::Scenario;
use iejobs::emulator::{Emulator, LoggedRequest};
use iejobs::model::WorkerStatus;
use iejobs::model::{Action, Event, Job, JobKey};
use iejobs::worker::Command;
use iejobs::worker::{Budget, WorkerConfig, WorkerHandle};

/// Events as an untouched window takes them: only when woken.
#[derive(Clone)]
struct Window {
    events: Arc<Mutex<Vec<Event>>>,
    wakes: Arc<Mutex<usize>>,
    status: Arc<Mutex<WorkerStatus>>,
    handle: Arc<Mutex<WorkerHandle>>,
}

impl Window {
    fn events(&self) -> Vec<Event> {
        self.events.lock().unwrap().clone()
    }

    fn wakes(&self) -> usize {
        *self.wakes.lock().unwrap()
    }
}

/// A client whose requests never time out on the paused clock (it jumps while a request
/// waits for the emulator's answer).
fn client(emulator: &Emulator) -> iejobs::arm::ArmClient {
    common::client_with_timeout(&emulator.url(), Duration::from_hours(7 * 24))
}

/// Starts the worker with Azure's defaults (budget, 60 s listings, 20 s for moving jobs)
/// and a window that drains only when woken.
fn start(emulator: &Emulator, adjust: impl FnOnce(&mut WorkerConfig)) -> Window {
    let mut config = WorkerConfig::new(emulator.subscriptions());
    config.budget = Budget::AZURE;
    config.slow_poll = Duration::from_mins(1);
    config.fast_poll = Duration::from_secs(20);
    adjust(&mut config);
    let woken = Arc::new(tokio::sync::Notify::new());
    let notify = {
        let woken = woken.clone();
        Arc::new(move |_| woken.notify_one())
    };
    let (handle, worker) = WorkerHandle::start(client(emulator), config, notify);
    tokio::spawn(worker.run());
    let window = Window {
        events: Arc::default(),
        wakes: Arc::default(),
        status: Arc::default(),
        handle: Arc::new(Mutex::new(handle)),
    };
    let consumer = window.clone();
    tokio::spawn(async move {
        loop {
            woken.notified().await;
            *consumer.wakes.lock().unwrap() += 1;
            let mut handle = consumer.handle.lock().unwrap();
            while let Some(event) = handle.try_recv() {
                consumer.events.lock().unwrap().push(event);
            }
            *consumer.status.lock().unwrap() = handle.status();
        }
    });
    window
}

/// Samples the emulator's request log every `step` for `total`, returning each new
/// request with the (paused-clock) second it was seen at.
async fn sample(emulator: &Emulator, total: Duration, step: Duration) -> Vec<(u64, LoggedRequest)> {
    let start = tokio::time::Instant::now();
    let mut seen = 0_u64;
    let mut out = Vec::new();
    while start.elapsed() < total {
        tokio::time::sleep(step).await;
        let at = start.elapsed().as_secs();
        for request in emulator.requests() {
            if request.seq > seen {
                seen = request.seq;
                out.push((at, request));
            }
        }
    }
    out
}

fn is_read(request: &LoggedRequest) -> bool {
    matches!(request.route, Some("list" | "get"))
}

/// The subscription a logged path is about.
fn subscription(request: &LoggedRequest) -> String {
    request
        .path
        .split('/')
        .nth(2)
        .unwrap_or_default()
        .to_ascii_lowercase()
}

fn listed_jobs(events: &[Event]) -> Vec<Job> {
    events
        .iter()
        .flat_map(|e| match e {
            Event::Partial { jobs, .. } => jobs.clone(),
            _ => Vec::new(),
        })
        .collect()
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn an_untouched_window_keeps_watching_for_30_minutes_and_sees_a_change() {
    let emulator = common::emulator(Scenario::Demo).await;
    let window = start(&emulator, |_| {});
    let log = sample(&emulator, Duration::from_mins(30), Duration::from_secs(10)).await;
    let reads_in = |from: u64, to: u64| {
        log.iter()
            .filter(|(at, r)| (from..to).contains(at) && is_read(r))
            .count()
    };
    // The old worker stopped after ~7 minutes, once 256 unread status events filled its
    // channel; every 5 minutes here must have its reads.
    for five in 0..6 {
        let reads = reads_in(five * 300, (five + 1) * 300);
        assert!(
            reads >= 10,
            "minutes {}-{}: {reads} reads",
            five * 5,
            five * 5 + 5
        );
    }
    let status = window.status.lock().unwrap().clone();
    assert!(status.last_success.is_some(), "{status:?}");
    assert!(status.degraded.is_none(), "{status:?}");

    // A day passes at the emulator: the consumer is woken with the changes within one fast
    // interval (20 s) and a little.
    let (events_before, wakes_before) = (window.events().len(), window.wakes());
    emulator.advance(DAY);
    tokio::time::sleep(Duration::from_secs(25)).await;
    let events = window.events();
    let changed = events[events_before..]
        .iter()
        .any(|e| matches!(e, Event::Partial { .. } | Event::Loaded { .. }));
    assert!(
        changed,
        "no change reached the window: {:?}",
        &events[events_before..]
    );
    assert!(window.wakes() > wakes_before, "the window was not woken");
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn the_read_budget_holds_and_cancels_pending_are_read_every_30_s() {
    let emulator = common::emulator(Scenario::Demo).await;
    let window = start(&emulator, |_| {});
    let log = sample(&emulator, Duration::from_hours(1), Duration::from_secs(5)).await;
    let jobs = listed_jobs(&window.events());
    let cancelling: Vec<&JobKey> = jobs
        .iter()
        .filter(|j| j.cancel_requested && !j.state.is_finished())
        .map(|j| &j.key)
        .collect();
    assert!(cancelling.len() >= 3, "{cancelling:?}");
    for key in &cancelling {
        let sub = key.subscription_id.to_ascii_lowercase();
        let reads: Vec<u64> = log
            .iter()
            .filter(|(_, r)| {
                (r.route == Some("list") && subscription(r) == sub)
                    || (r.route == Some("get") && r.path.ends_with(&format!("/{}", key.name)))
            })
            .map(|(at, _)| *at)
            .collect();
        let gap = reads
            .windows(2)
            .map(|w| w[1] - w[0])
            .max()
            .unwrap_or(u64::MAX);
        assert!(
            gap <= 30,
            "{key}: read {} times, longest gap {gap} s",
            reads.len()
        );
        assert!(
            reads.last().copied().unwrap_or(0) >= 3_560,
            "{key}: reads stopped"
        );
    }
    let mut per_sub: BTreeMap<String, usize> = BTreeMap::new();
    for (_, request) in log.iter().filter(|(_, r)| is_read(r)) {
        *per_sub.entry(subscription(request)).or_default() += 1;
    }
    assert_eq!(per_sub.len(), 2, "{per_sub:?}");
    for (sub, reads) in &per_sub {
        assert!(*reads <= 1_200, "{sub}: {reads} reads in an hour");
    }
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn ten_thousand_jobs_are_all_read_every_10_minutes_within_the_budget() {
    let emulator = common::emulator(Scenario::Load(10_000)).await;
    let _window = start(&emulator, |_| {});
    let log = sample(&emulator, Duration::from_hours(1), Duration::from_secs(5)).await;
    let subs: BTreeSet<String> = log.iter().map(|(_, r)| subscription(r)).collect();
    for sub in subs.iter().filter(|s| !s.is_empty()) {
        // A listing starts with a page without `$skiptoken`; the time between two starts is
        // how long any job waits to be read again.
        let starts: Vec<u64> = log
            .iter()
            .filter(|(_, r)| {
                r.route == Some("list")
                    && subscription(r) == *sub
                    && !r.query.as_deref().unwrap_or_default().contains("skiptoken")
            })
            .map(|(at, _)| *at)
            .collect();
        assert!(
            starts.len() >= 6,
            "{sub}: {} listings in an hour",
            starts.len()
        );
        let gap = starts.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0);
        assert!(gap <= 600, "{sub}: {gap} s between two listings");
        // After the first listing (a burst, up to 12 pages a second), at most the budget.
        let first_end = starts[1];
        let reads = log
            .iter()
            .filter(|(at, r)| *at >= first_end && is_read(r) && subscription(r) == *sub)
            .count();
        assert!(
            reads <= 1_200,
            "{sub}: {reads} reads in the hour after the first listing"
        );
    }
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_bulk_cancel_is_paced_within_the_write_budget_and_shows_its_progress() {
    let emulator = common::emulator(Scenario::Load(2_000)).await;
    let window = start(&emulator, |_| {});
    tokio::time::sleep(Duration::from_secs(30)).await;
    let keys: Vec<JobKey> = listed_jobs(&window.events())
        .iter()
        .filter(|j| j.permission(Action::Cancel).is_allowed())
        .take(100)
        .map(|j| j.key.clone())
        .collect();
    assert_eq!(keys.len(), 100, "the scenario has 100 cancellable jobs");
    let since = emulator.requests().last().map_or(0, |r| r.seq);
    window
        .handle
        .lock()
        .unwrap()
        .send(Command::Act(Action::Cancel, keys.clone()))
        .unwrap();
    let start = tokio::time::Instant::now();
    let mut patches: Vec<(f64, String)> = Vec::new();
    let mut seen = since;
    let mut progress_seen = false;
    while start.elapsed() < Duration::from_mins(1) {
        tokio::time::sleep(Duration::from_millis(250)).await;
        let at = start.elapsed().as_secs_f64();
        let new: Vec<LoggedRequest> = emulator
            .requests()
            .into_iter()
            .filter(|r| r.seq > seen)
            .collect();
        for request in new {
            seen = request.seq;
            if request.method == "PATCH" {
                patches.push((at, request.path));
            }
        }
        let status = window.handle.lock().unwrap().status();
        if let Some(bulk) = &status.bulk {
            assert_eq!(bulk.total, 100);
            progress_seen |= bulk.done > 0 && bulk.done < 100;
        }
    }
    // Every job sent once, no more.
    let mut paths: Vec<&String> = patches.iter().map(|(_, p)| p).collect();
    paths.sort();
    paths.dedup();
    assert_eq!((patches.len(), paths.len()), (100, 100));
    // At most 5 a second after a burst of 5 (half of ARM's refill of writes).
    for (i, (t0, _)) in patches.iter().enumerate() {
        let within = patches[i..].iter().filter(|(t, _)| t - t0 < 1.0).count();
        assert!(within <= 11, "{within} PATCHes within a second of {t0}");
    }
    let last = patches.last().unwrap().0;
    assert!(
        last >= 18.0,
        "100 cancels paced at 5 a second took {last} s"
    );
    assert!(progress_seen, "the progress was shown part way");
    let status = window.handle.lock().unwrap().status();
    assert!(status.bulk.is_some_and(|b| b.finished()));
}

/// An emulator on this runtime with ARM's limits and faults.
async fn limited_emulator(scenario: Scenario, limits: &str, faults: &[String]) -> Emulator {
    let config = iejobs::emulator::EmulatorConfig {
        scenario,
        speed: 0.0,
        seed: 7,
        arm_limits: Some(limits.parse().unwrap()),
        faults: faults
            .iter()
            .map(|f| iejobs::emulator::faults::FaultRule::parse(f).unwrap())
            .collect(),
        ..iejobs::emulator::EmulatorConfig::default()
    };
    Emulator::start("127.0.0.1:0", config).await.unwrap()
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn polling_slows_down_when_arm_says_few_reads_are_left() {
    // A bucket of 40 reads refilled at one a second: the first listing of 10,000 jobs (100
    // pages) at 12 a second would empty it and meet 429s. The worker pauses when fewer than 25
    // are left, then asks again with one read.
    let emulator = limited_emulator(Scenario::Load(10_000), "reads=40/1", &[]).await;
    let window = start(&emulator, |_| {});
    let log = sample(&emulator, Duration::from_mins(5), Duration::from_secs(5)).await;
    let throttled = log.iter().filter(|(_, r)| r.status == 429).count();
    assert_eq!(throttled, 0, "no 429: the worker slowed down first");
    let done: BTreeSet<String> = window
        .events()
        .iter()
        .filter_map(|e| match e {
            Event::ListingDone { subscription, .. } => Some(subscription.clone()),
            _ => None,
        })
        .collect();
    let status = window.handle.lock().unwrap().status();
    assert_eq!(
        done.len(),
        1,
        "the subscription of the 10,000 jobs listed in full: {status:?}"
    );
    let sub = status.subscriptions.values().next().unwrap();
    assert_eq!(sub.jobs, 10_000);
    assert!(
        sub.remaining_reads.is_some(),
        "ARM's count is kept: {sub:?}"
    );
}

#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_429_holds_its_subscription_only() {
    let sub1 = "00000000-0000-0000-0000-000000000001";
    let emulator = limited_emulator(
        Scenario::Demo,
        "reads=250/25",
        &[format!("list:429=120*1~{sub1}")],
    )
    .await;
    let window = start(&emulator, |c| c.fast_poll = Duration::from_secs(5));
    let log = sample(&emulator, Duration::from_mins(3), Duration::from_secs(1)).await;
    let throttled_at = log
        .iter()
        .find(|(_, r)| r.status == 429)
        .map(|(at, _)| *at)
        .unwrap();
    let reads_of = |sub: &str, from: u64, to: u64| {
        log.iter()
            .filter(|(at, r)| (from..to).contains(at) && is_read(r) && subscription(r) == sub)
            .count()
    };
    let sub2 = "00000000-0000-0000-0000-000000000002";
    // Retry-After 120 s: nothing goes to that subscription meanwhile, the other goes on.
    assert_eq!(reads_of(sub1, throttled_at + 1, throttled_at + 115), 0);
    assert!(reads_of(sub2, throttled_at + 1, throttled_at + 115) >= 5);
    assert!(
        reads_of(sub1, throttled_at + 115, 180) >= 1,
        "tried again after the wait"
    );
    let status = window.handle.lock().unwrap().status();
    assert!(status.degraded.is_none(), "{status:?}");
}

/// A history save that fails is tried again every 10 s (as the warning says) even when no job
/// changes, and its recovery is said; the file then holds the timelines.
#[tokio::test(flavor = "current_thread", start_paused = true)]
async fn a_failed_history_save_is_tried_again_without_a_new_change() {
    let dir = std::env::temp_dir().join(format!("iejobs-save-again-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // A file where the history's folder should be: every save fails until it goes.
    let blocker = dir.join("state");
    std::fs::write(&blocker, b"not a folder").unwrap();
    let path = blocker.join("history.json");
    let emulator = common::emulator(Scenario::Demo).await;
    let window = start(&emulator, |config| config.history_path = Some(path.clone()));
    tokio::time::sleep(Duration::from_secs(15)).await;
    let warned = |events: &[Event]| {
        events.iter().any(|e| {
            matches!(e, Event::Warning { key: None, message, .. }
                if message.contains("cannot be saved"))
        })
    };
    assert!(warned(&window.events()), "the failed save is said");
    // The emulator's clock stands still: no job changes from here on.
    std::fs::remove_file(&blocker).unwrap();
    std::fs::create_dir_all(&blocker).unwrap();
    tokio::time::sleep(Duration::from_secs(11)).await;
    assert!(path.exists(), "saved again without waiting for a change");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(saved.contains("Transferring"), "the timelines are in it");
    let said = window.events().iter().any(|e| {
        matches!(e, Event::Logged(lines)
            if lines.iter().any(|l| l.text.contains("saved to") && l.text.contains("again")))
    });
    assert!(said, "the recovery is said");
    std::fs::remove_dir_all(dir).ok();
}
