//! The background worker: a named thread with a tokio runtime that does all I/O.
//!
//! The UI sends [`Command`]s and receives job [`Event`]s over bounded channels, and reads the
//! worker's [`WorkerStatus`] from a watch channel that keeps only the latest value. The worker
//! never waits on the window: events wait in its own queue until the channel has room, every
//! event sent wakes the window, and status never fills anything. Nothing it does depends on
//! frames being drawn, so an untouched (or minimized) window keeps watching for days.
//!
//! Reads are scheduled against a budget per subscription ([`Budget`]): jobs with a cancel
//! pending first, then jobs with drives copying, then full listings as often as what is left
//! allows, choosing whichever costs fewer reads (one listing page brings up to 100 jobs with
//! their drives). Each subscription is listed on its own: one that ARM refuses is marked and
//! retried slowly, and the others stay listed and polled. Actions are queued and paced, and
//! each is checked against the freshest state before it is sent and read again right after.

mod budget;
mod history;
mod hot;
mod tracker;

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use jiff::Timestamp;
use tokio::sync::{mpsc, watch};
use tokio::task::JoinSet;

use crate::arm::{
    ArmClient, ArmError, DeleteOutcome, JobPager, ListScope, RequestIds, job_from_wire,
    job_summary_from_wire,
};
use crate::audit::{Audit, Failure, Outcome, Sender as AuditSender};
use crate::i18n::Lang;
use crate::model::{
    Action, Activity, BulkProgress, Event, Job, JobKey, Permission, SlowPage, SubscriptionFailure,
    SubscriptionInfo, SubscriptionStatus, WorkerStatus,
};

pub use budget::{Bucket, Budget, Limit};
pub use history::History;
use tracker::Tracker;

/// Capacity of each channel.
pub const CHANNEL_CAPACITY: usize = 256;

/// How often the subscriptions are listed again when none were chosen.
const DISCOVERY_INTERVAL: Duration = Duration::from_mins(30);

/// The least time before a subscription ARM refused (403, 404, 409) is tried again, unless
/// the user asks (Refresh): such a refusal does not go away in seconds.
const REFUSED_RETRY: Duration = Duration::from_mins(1);

/// The least time between two saves of the history (when it changed).
const HISTORY_SAVE_MIN: Duration = Duration::from_secs(10);

/// The most time between two saves of the history (when it changed); a clean stop saves it
/// whatever the time.
const HISTORY_SAVE_MAX: Duration = Duration::from_mins(5);

/// How long to wait before saving the history again after a save that took `took`: 2,000
/// times as long, so that saving costs at most 0.05 % of a core, within
/// [`HISTORY_SAVE_MIN`] and [`HISTORY_SAVE_MAX`]. The timelines of 100,000 jobs (~19 MB)
/// saved every 10 s were a third of the worker's time in an idle window (BENCHMARKS.md, P10).
fn history_save_interval(took: Duration) -> Duration {
    took.saturating_mul(2000)
        .clamp(HISTORY_SAVE_MIN, HISTORY_SAVE_MAX)
}

/// Below this many reads left (ARM's `x-ms-ratelimit-remaining-subscription-reads`), the
/// worker holds a subscription's polls for [`LOW_BUDGET_PAUSE`] and lets it refill.
const LOW_REMAINING_READS: u64 = 25;

/// See [`LOW_REMAINING_READS`].
const LOW_BUDGET_PAUSE: Duration = Duration::from_secs(10);

/// Actions (each a read, a write or delete, and a read) under way at once.
const ACTION_CONCURRENCY: usize = 4;

/// What the UI asks of the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// List everything now (the user asked: the listing may go faster than the budget).
    Refresh,
    /// Read one job now, in full: the one just opened (listings may omit its drives, and
    /// polls keep no log links).
    Inspect(JobKey),
    /// Request a cancel.
    Cancel(JobKey),
    /// Delete.
    Delete(JobKey),
    /// One action on many jobs: queued, paced within ARM's write and delete budgets, its
    /// progress in [`WorkerStatus::bulk`].
    Act(Action, Vec<JobKey>),
    /// List the subscriptions the identity can see (answered by
    /// [`Event::SubscriptionsListed`]).
    ListSubscriptions,
    /// Watch these subscriptions from now on; empty means every usable one the identity
    /// sees. Starts a full listing.
    SetSubscriptions(Vec<String>),
    /// Write the keys the user changed to the config file, keeping the rest of it as it is
    /// (atomically), answered by [`Event::SettingsSaved`].
    SaveSettings {
        /// The file.
        path: PathBuf,
        /// The keys changed.
        edits: Vec<crate::config::file::Edit>,
    },
    /// Change the polling intervals.
    SetPollIntervals {
        /// The least time between two full listings of a subscription.
        slow: Duration,
        /// How often jobs that move are read again.
        fast: Duration,
    },
    /// Change the sustained read budget per subscription and hour (`None`: unlimited).
    SetReadBudget(Option<u32>),
    /// Stop.
    Shutdown,
}

/// How the worker polls.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// The subscriptions to list; empty means every usable subscription the identity sees
    /// (listed again every half hour and on Refresh).
    pub subscriptions: Vec<String>,
    /// The least time between two full listings of a subscription (default 30 s); the budget
    /// may space them further.
    pub slow_poll: Duration,
    /// How often jobs that move (a cancel pending, drives copying) are read again (default
    /// 2 s), budget permitting.
    pub fast_poll: Duration,
    /// Where the state timelines are kept; `None` keeps them in memory only.
    pub history_path: Option<PathBuf>,
    /// The audit trail of Cancel and Delete (see [`crate::audit`]); `None` keeps none.
    pub audit_path: Option<PathBuf>,
    /// How many reads are under way at the same time, at most.
    pub concurrency: usize,
    /// How many jobs of one subscription are read one by one per round at most; beyond
    /// that a listing is cheaper anyway.
    pub fast_poll_max: usize,
    /// The request budgets.
    pub budget: Budget,
}

impl WorkerConfig {
    /// The defaults for `subscriptions`: the embedded emulator's (no budget).
    #[must_use]
    pub fn new(subscriptions: Vec<String>) -> Self {
        Self {
            subscriptions,
            slow_poll: Duration::from_secs(30),
            fast_poll: Duration::from_secs(2),
            history_path: None,
            audit_path: None,
            concurrency: 8,
            fast_poll_max: 64,
            budget: Budget::UNLIMITED,
        }
    }
}

/// How soon the window should look at what the worker sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// Something the user is waiting for: an action's outcome, a job they opened, a listing
    /// they asked for (or the first), a warning.
    Now,
    /// What background polling found: the window may take it at its next natural frame or
    /// a few seconds later (an idle window then draws a frame every few seconds, not one per
    /// listing page: issue 18's P10).
    Soon,
}

/// Asks the UI to repaint, now or soon.
pub type Notify = Arc<dyn Fn(Wake) + Send + Sync>;

/// The UI's end of the worker.
pub struct WorkerHandle {
    commands: Option<mpsc::Sender<Command>>,
    events: mpsc::Receiver<Event>,
    status: watch::Receiver<WorkerStatus>,
    thread: Option<std::thread::JoinHandle<()>>,
}

/// The other end of [`WorkerHandle::scripted`]: what a worker would send and receive.
#[cfg(any(test, feature = "test-support"))]
pub struct ScriptedWorker {
    /// Events for the window, as the worker sends them.
    pub events: mpsc::Sender<Event>,
    /// The commands the window sent.
    pub commands: mpsc::Receiver<Command>,
    /// The worker's status, as the window reads it.
    pub status: watch::Sender<WorkerStatus>,
}

/// The worker's loop, to be run on a tokio runtime (see [`WorkerHandle::start`]).
pub struct WorkerLoop {
    worker: Worker,
    commands: mpsc::Receiver<Command>,
}

impl WorkerLoop {
    /// Runs until [`Command::Shutdown`] or until the handle is dropped.
    pub async fn run(self) {
        self.worker.run(self.commands).await;
    }
}

impl WorkerHandle {
    /// Starts the worker on a thread of its own with its own runtime.
    pub fn spawn(client: ArmClient, config: WorkerConfig, notify: Notify) -> std::io::Result<Self> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("iejobs-worker-io")
            .enable_all()
            .build()?;
        let (mut handle, worker) = Self::start(client, config, notify);
        let thread = std::thread::Builder::new()
            .name("iejobs-worker".to_owned())
            .spawn(move || runtime.block_on(worker.run()))?;
        handle.thread = Some(thread);
        Ok(handle)
    }

    /// The handle and the loop, for a caller that runs the loop on its own runtime (tests
    /// with paused time do).
    #[must_use]
    pub fn start(client: ArmClient, config: WorkerConfig, notify: Notify) -> (Self, WorkerLoop) {
        let (handle, commands, events, status) = Self::wired(WorkerStatus {
            read_budget_per_hour: config.budget.reads_per_hour,
            ..WorkerStatus::default()
        });
        let worker = Worker::new(client, config, events, status, notify);
        (handle, WorkerLoop { worker, commands })
    }

    /// A handle with no worker behind it: the caller feeds its events and reads the commands
    /// the window sends (benches feed changes at a set rate, so frames compare alone).
    #[cfg(any(test, feature = "test-support"))]
    #[must_use]
    pub fn scripted() -> (Self, ScriptedWorker) {
        let (handle, commands, events, status) = Self::wired(WorkerStatus::default());
        let script = ScriptedWorker {
            events,
            commands,
            status,
        };
        (handle, script)
    }

    /// A handle and the worker's ends of its channels.
    fn wired(
        status: WorkerStatus,
    ) -> (
        Self,
        mpsc::Receiver<Command>,
        mpsc::Sender<Event>,
        watch::Sender<WorkerStatus>,
    ) {
        let (command_tx, command_rx) = mpsc::channel(CHANNEL_CAPACITY);
        let (event_tx, event_rx) = mpsc::channel(CHANNEL_CAPACITY);
        let (status_tx, status_rx) = watch::channel(status);
        let handle = Self {
            commands: Some(command_tx),
            events: event_rx,
            status: status_rx,
            thread: None,
        };
        (handle, command_rx, event_tx, status_tx)
    }

    /// Sends a command without waiting. Fails only when the worker is gone or swamped; the
    /// caller shows that, so no action is lost silently.
    pub fn send(&self, command: Command) -> Result<(), String> {
        let Some(commands) = &self.commands else {
            return Err(crate::tr!("worker-stopped").to_owned());
        };
        commands.try_send(command).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => crate::tr!("worker-busy").to_owned(),
            mpsc::error::TrySendError::Closed(_) => crate::tr!("worker-stopped").to_owned(),
        })
    }

    /// The next event, if one is waiting.
    pub fn try_recv(&mut self) -> Option<Event> {
        self.events.try_recv().ok()
    }

    /// The worker's latest status.
    #[must_use]
    pub fn status(&self) -> WorkerStatus {
        self.status.borrow().clone()
    }

    /// The latest status if it changed since the last call.
    pub fn status_change(&mut self) -> Option<WorkerStatus> {
        if self.status.has_changed().unwrap_or(false) {
            Some(self.status.borrow_and_update().clone())
        } else {
            None
        }
    }

    /// Stops the worker and waits for it (it saves the history first).
    pub fn shutdown(&mut self) {
        if let Some(commands) = self.commands.take() {
            // When the queue is full the command cannot go in, but dropping the last sender
            // ends the worker's loop all the same once it has read what is queued.
            let _ = commands.try_send(Command::Shutdown);
        }
        self.events.close();
        if let Some(thread) = self.thread.take()
            && thread.join().is_err()
        {
            tracing::error!("the worker thread panicked");
        }
    }
}

impl Drop for WorkerHandle {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// What a background task reports back to the loop.
enum Done {
    /// One page of a subscription's listing (converted), with the pager for the next one.
    Page {
        subscription: String,
        pager: Box<JobPager>,
        result: Result<Vec<Job>, ArmError>,
    },
    /// The subscriptions the identity sees; `discover` when they decide what is watched.
    Subscriptions {
        result: Result<Vec<SubscriptionInfo>, ArmError>,
        discover: bool,
    },
    /// One job read: on the fast interval (`hot`) or because the user opened it.
    Fetched {
        key: JobKey,
        result: Result<Job, ArmError>,
        hot: bool,
    },
    Action(JobKey, Vec<Event>),
    /// An earlier run's action resolved (or not) by reading its job.
    Resolved(Vec<Event>),
}

/// A listing under way.
struct Listing {
    /// The pager, while no page is being read.
    pager: Option<Box<JobPager>>,
    /// The listing's number: jobs it lists are marked with it ([`Tracker::listed_by`]).
    epoch: u32,
    /// Started by the user or the first of its subscription: not held to the budget.
    burst: bool,
    /// Jobs listed so far.
    jobs: usize,
    /// Pages read so far.
    pages: usize,
    /// Reads of moving jobs and pages since the listing started: when both wait for the
    /// budget, a third goes to the moving jobs and two thirds to the listing.
    hot_reads: u32,
    page_reads: u32,
    /// Jobs this listing named more than once, or that the last one did: held until the
    /// listing ends, the last one named counting (see [`Worker::one_of_each`]).
    deferred: HashMap<JobKey, Job>,
    /// Jobs this listing named more than once.
    repeated: HashSet<JobKey>,
    /// The page being read: its number, when it started, and the client's attempt counter.
    reading: Option<Reading>,
}

/// A page read under way.
struct Reading {
    page: usize,
    started: Instant,
    since: Timestamp,
    attempt: Arc<std::sync::atomic::AtomicU32>,
}

/// A page read that takes longer than this is shown with its attempt and elapsed time.
const SLOW_PAGE: Duration = Duration::from_secs(5);

impl Reading {
    /// The page as the status shows it, when it is slow (or retried).
    fn slow(&self, now: Instant, max_attempts: u32) -> Option<SlowPage> {
        let attempt = self
            .attempt
            .load(std::sync::atomic::Ordering::Relaxed)
            .max(1);
        (attempt > 1 || now.saturating_duration_since(self.started) >= SLOW_PAGE).then_some(
            SlowPage {
                page: self.page,
                attempt,
                max_attempts,
                since: self.since,
            },
        )
    }
}

/// One watched subscription.
struct Sub {
    /// The listing under way.
    listing: Option<Listing>,
    /// When the next listing may start.
    next_listing: Instant,
    /// The same, as a time of day for the status bar.
    next_listing_at: Timestamp,
    /// The user asked for a listing (Refresh): it goes at once, faster than the budget.
    refresh: bool,
    /// Pages of the last complete listing: what a listing costs.
    pages_last: usize,
    /// The end of the last complete listing and its jobs; `None` until a listing of the
    /// subscription completed since it is watched (the first one goes at once, as a burst).
    listed_at: Option<Timestamp>,
    jobs: usize,
    /// Why it fails, and in a row how often.
    failure: Option<SubscriptionFailure>,
    failures: u32,
    /// No read before this (a failure's wait, or a budget running low).
    hold_until: Option<Instant>,
    /// After a pause for a low budget, one read may go to learn what is left.
    probe: bool,
    /// The sustained budget and the burst ceiling.
    sustained: Limit,
    pace: Limit,
    /// The ceiling for cancels and deletes.
    actions: Limit,
    /// Jobs the last listing named more than once: in the next one they wait for its end.
    repeated: HashSet<JobKey>,
}

impl Sub {
    fn new(budget: Budget, now: Instant) -> Self {
        Self {
            listing: None,
            next_listing: now,
            next_listing_at: Timestamp::now(),
            refresh: false,
            pages_last: 1,
            listed_at: None,
            jobs: 0,
            failure: None,
            failures: 0,
            hold_until: None,
            probe: false,
            sustained: Limit::per_hour(budget.reads_per_hour, now),
            pace: Limit::per_sec(budget.max_reads_per_sec, now),
            actions: Limit::per_sec(budget.max_actions_per_sec, now),
            repeated: HashSet::new(),
        }
    }

    fn set_next_listing(&mut self, at: Instant, now: Instant) {
        self.next_listing = at;
        self.next_listing_at = later(at.saturating_duration_since(now));
    }
}

/// How the history file stands (whether it changed since the last save:
/// [`Tracker::take_dirty`]).
#[derive(Clone, Copy, Debug)]
struct HistoryFile {
    /// False when a history file is there that could not be read nor moved aside: it is
    /// never overwritten.
    writable: bool,
    /// Whether the window was told that saving failed (told once, not every 10 s).
    save_failed: bool,
}

struct Worker {
    client: ArmClient,
    config: WorkerConfig,
    events: mpsc::Sender<Event>,
    /// Events waiting for room in the channel: the loop never waits on the window.
    outbox: VecDeque<(Event, Wake)>,
    status: watch::Sender<WorkerStatus>,
    notify: Notify,
    /// What the worker knows of the jobs, and the rules over it.
    tracker: Tracker,
    /// The watched subscriptions, by id (lower case).
    subs: BTreeMap<String, Sub>,
    /// With no subscriptions chosen: when to list them again, and whether that is under way.
    discover_at: Option<Instant>,
    discovering: bool,
    discovery_failures: u32,
    discovery_error: Option<(String, Timestamp)>,
    /// Reads under way (pages and fast-interval reads).
    reads: usize,
    /// Actions waiting for their turn, and how many are under way.
    queued: VecDeque<(JobKey, Action)>,
    running_actions: usize,
    bulk: Option<BulkProgress>,
    last_success: Option<Timestamp>,
    history_file: HistoryFile,
    /// The audit trail every action writes to.
    audit: Option<Audit>,
    in_flight: Arc<std::sync::atomic::AtomicU32>,
}

/// The time now, on tokio's clock (paused in tests) as a std instant for the budgets.
fn now() -> Instant {
    tokio::time::Instant::now().into_std()
}

/// Whether ARM refused to read a subscription: it does not exist, the identity may not read
/// it, or the resource provider is not registered in it. Retrying in seconds will not help.
fn is_refusal(error: &ArmError) -> bool {
    matches!(error.status(), Some(403 | 404 | 409))
}

impl Worker {
    fn new(
        client: ArmClient,
        config: WorkerConfig,
        events: mpsc::Sender<Event>,
        status: watch::Sender<WorkerStatus>,
        notify: Notify,
    ) -> Self {
        let start = now();
        let subs = config
            .subscriptions
            .iter()
            .map(|id| (id.to_ascii_lowercase(), Sub::new(config.budget, start)))
            .collect();
        let discover_at = config.subscriptions.is_empty().then_some(start);
        let audit = config.audit_path.clone().map(|path| {
            Audit::new(
                path,
                AuditSender {
                    origin: "window",
                    identity: client.identity(),
                    endpoint: client.config().endpoint.to_string(),
                },
            )
        });
        let tracker = Tracker::new(config.history_path.is_some());
        Self {
            audit,
            client,
            config,
            events,
            outbox: VecDeque::new(),
            status,
            notify,
            tracker,
            subs,
            discover_at,
            discovering: false,
            discovery_failures: 0,
            discovery_error: None,
            reads: 0,
            queued: VecDeque::new(),
            running_actions: 0,
            bulk: None,
            last_success: None,
            history_file: HistoryFile {
                writable: true,
                save_failed: false,
            },
            in_flight: Arc::new(std::sync::atomic::AtomicU32::new(0)),
        }
    }

    /// How often the loop looks at its schedule: often enough for the intervals in force.
    fn tick(&self) -> Duration {
        (self.config.fast_poll / 2)
            .min(self.config.slow_poll / 2)
            .clamp(Duration::from_millis(50), Duration::from_secs(1))
    }

    async fn run(mut self, mut commands: mpsc::Receiver<Command>) {
        if let Some(path) = &self.config.history_path {
            let path = path.clone();
            let loaded = tokio::task::spawn_blocking(move || History::load(&path))
                .await
                .unwrap_or_default();
            self.tracker.load_history(loaded.history);
            self.history_file.writable = loaded.writable;
            if let Some(problem) = loaded.problem {
                self.emit(Event::Warning {
                    key: None,
                    message: problem,
                    at: Timestamp::now(),
                });
            }
            let timelines = self.tracker.history().timelines();
            if !timelines.is_empty() {
                self.emit(Event::HistoryLoaded(timelines));
            }
        }
        let mut tasks: JoinSet<Done> = JoinSet::new();
        self.load_audit(&mut tasks).await;
        self.emit(Event::Watching {
            subscriptions: self.config.subscriptions.clone(),
            forgotten: Vec::new(),
        });
        if !self.config.subscriptions.is_empty() {
            // Names for the subscription column and the settings panel; with none chosen,
            // the discovery lists the subscriptions itself.
            self.spawn_subscriptions(&mut tasks, false);
        }
        let events = self.events.clone();
        let mut tick = tokio::time::interval(self.tick());
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut next_save = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            self.schedule(&mut tasks);
            self.publish();
            tokio::select! {
                command = commands.recv() => match command {
                    None | Some(Command::Shutdown) => break,
                    Some(command) => {
                        let old_tick = self.tick();
                        self.command(command, &mut tasks).await;
                        if self.tick() != old_tick {
                            tick = tokio::time::interval(self.tick());
                            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
                        }
                    }
                },
                Some(done) = tasks.join_next() => {
                    if let Ok(done) = done {
                        self.done(done);
                    }
                }
                permit = events.reserve(), if !self.outbox.is_empty() => match permit {
                    Ok(permit) => {
                        if let Some((event, wake)) = self.outbox.pop_front() {
                            permit.send(event);
                            // Events the window has not taken hold jobs in memory: past half
                            // the channel, it is woken at once (a fast listing of 100,000
                            // changed jobs otherwise waited for the background repaint).
                            let backlog = events.capacity() < CHANNEL_CAPACITY / 2;
                            (self.notify)(if backlog { Wake::Now } else { wake });
                        }
                    }
                    // The window is gone: nobody will read these.
                    Err(_) => self.outbox.clear(),
                },
                _ = tick.tick() => {}
                () = tokio::time::sleep_until(next_save) => {
                    let began = tokio::time::Instant::now();
                    self.save_history().await;
                    next_save = tokio::time::Instant::now() + history_save_interval(began.elapsed());
                }
            }
        }
        tasks.shutdown().await;
        self.save_history().await;
    }

    async fn command(&mut self, command: Command, tasks: &mut JoinSet<Done>) {
        let now = now();
        match command {
            Command::Shutdown => {}
            Command::Refresh => {
                for sub in self.subs.values_mut() {
                    sub.refresh = true;
                    sub.hold_until = None;
                }
                if self.config.subscriptions.is_empty() {
                    self.discover_at = Some(now);
                }
            }
            Command::Inspect(key) => self.spawn_read(tasks, key, Read::Full),
            Command::Cancel(key) => self.enqueue(Action::Cancel, vec![key]),
            Command::Delete(key) => self.enqueue(Action::Delete, vec![key]),
            Command::Act(action, keys) => self.enqueue(action, keys),
            Command::ListSubscriptions => self.spawn_subscriptions(tasks, false),
            Command::SetSubscriptions(ids) => self.watch(ids),
            Command::SaveSettings { path, edits } => {
                let written = path.display().to_string();
                let result =
                    tokio::task::spawn_blocking(move || crate::config::file::update(&path, &edits))
                        .await
                        .unwrap_or_else(|e| {
                            Err(crate::tr!("worker-save-interrupted", error = e.to_string()))
                        })
                        .map(|()| written);
                self.emit(Event::SettingsSaved {
                    result,
                    at: Timestamp::now(),
                });
            }
            Command::SetPollIntervals { slow, fast } => {
                self.config.slow_poll = slow.max(Duration::from_secs(1));
                self.config.fast_poll = fast.max(Duration::from_millis(250));
                // A new interval starts now (a Refresh lists at once).
                let slow = self.config.slow_poll;
                for sub in self.subs.values_mut() {
                    sub.set_next_listing(now + slow, now);
                }
            }
            Command::SetReadBudget(per_hour) => {
                self.config.budget.reads_per_hour = per_hour;
                for sub in self.subs.values_mut() {
                    sub.sustained = Limit::per_hour(per_hour, now);
                }
            }
        }
    }

    fn enqueue(&mut self, action: Action, keys: Vec<JobKey>) {
        let idle = self.queued.is_empty() && self.running_actions == 0;
        match &mut self.bulk {
            Some(bulk) if !idle => {
                bulk.total += keys.len();
                bulk.action = action;
            }
            _ => {
                self.bulk = Some(BulkProgress {
                    action,
                    done: 0,
                    total: keys.len(),
                });
            }
        }
        self.tracker.acting_started(keys.iter().cloned());
        self.queued
            .extend(keys.into_iter().map(|key| (key, action)));
    }

    fn spawn_subscriptions(&mut self, tasks: &mut JoinSet<Done>, discover: bool) {
        if discover {
            self.discovering = true;
        }
        let (client, counter) = (self.client.clone(), self.in_flight.clone());
        tasks.spawn(async move {
            let result = subscriptions(&client, &counter).await;
            Done::Subscriptions { result, discover }
        });
    }

    /// Sends whatever is due and within the budgets: the subscriptions' discovery, queued
    /// actions, reads of moving jobs, listing pages.
    fn schedule(&mut self, tasks: &mut JoinSet<Done>) {
        let now = now();
        if let Some(at) = self.discover_at
            && at <= now
            && !self.discovering
        {
            self.discover_at = None;
            self.spawn_subscriptions(tasks, true);
        }
        self.schedule_actions(tasks, now);
        let ids: Vec<String> = self.subs.keys().cloned().collect();
        for id in ids {
            if self.reads >= self.config.concurrency.max(1) {
                break;
            }
            self.schedule_subscription(&id, tasks, now);
        }
    }

    fn schedule_actions(&mut self, tasks: &mut JoinSet<Done>, now: Instant) {
        while self.running_actions < ACTION_CONCURRENCY
            && let Some((key, _)) = self.queued.front()
        {
            let sub = key.subscription_id.to_ascii_lowercase();
            if let Some(sub) = self.subs.get_mut(&sub) {
                if !sub.actions.ready(now) {
                    break;
                }
                sub.actions.spend(now);
            }
            let Some((key, action)) = self.queued.pop_front() else {
                break;
            };
            self.running_actions += 1;
            let (client, counter) = (self.client.clone(), self.in_flight.clone());
            let audit = self.audit.clone();
            tasks.spawn(async move {
                let events = act(&client, audit.as_ref(), &counter, key.clone(), action).await;
                Done::Action(key, events)
            });
        }
    }

    /// Starts a listing of `id` when one is due: the first, one the user asked for, the
    /// slow interval's, or one that is cheaper than reading the `due` moving jobs one by one
    /// (a listing reads every job for the pages it had last time).
    fn start_listing_if_due(&mut self, id: &str, due: usize, now: Instant) {
        let Some(sub) = self.subs.get_mut(id) else {
            return;
        };
        if sub.listing.is_some() {
            return;
        }
        let first = sub.listed_at.is_none();
        let start =
            sub.refresh || first || now >= sub.next_listing || (due > 0 && due >= sub.pages_last);
        if !start {
            return;
        }
        sub.listing = Some(Listing {
            pager: Some(Box::new(
                self.client.pager(&ListScope::Subscription(id.to_owned())),
            )),
            epoch: self.tracker.next_epoch(),
            burst: sub.refresh || first,
            jobs: 0,
            pages: 0,
            hot_reads: 0,
            page_reads: 0,
            deferred: HashMap::new(),
            repeated: HashSet::new(),
            reading: None,
        });
        sub.refresh = false;
    }

    fn schedule_subscription(&mut self, id: &str, tasks: &mut JoinSet<Done>, now: Instant) {
        let Some(sub) = self.subs.get(id) else {
            return;
        };
        if sub.hold_until.is_some_and(|t| t > now) {
            return;
        }
        let ledger = self.client.ledger().view(id);
        if ledger.throttled_until.is_some() {
            return;
        }
        let mut most = usize::MAX;
        if ledger
            .remaining_reads
            .is_some_and(|left| left < LOW_REMAINING_READS)
            && self.config.budget.max_reads_per_sec.is_some()
            && let Some(sub) = self.subs.get_mut(id)
        {
            // The count is the one the last answer gave: after a pause, one read asks
            // again how much is left.
            if sub.probe {
                sub.probe = false;
                most = 1;
            } else {
                tracing::info!(
                    subscription = id,
                    "ARM's read budget runs low: pausing polls"
                );
                sub.hold_until = Some(now + LOW_BUDGET_PAUSE);
                sub.probe = true;
                return;
            }
        }
        // When no read can start now (every read slot taken, or no budget left but for a
        // burst listing's pages), the moving jobs are not looked through: 20,000 of them at
        // 100,000 jobs, at every turn of the loop, were the worker's largest cost in an idle
        // window (BENCHMARKS.md, P10). A listing that would start waits for a read with it.
        if let Some(sub) = self.subs.get_mut(id) {
            let burst = sub
                .listing
                .as_ref()
                .map_or(sub.refresh || sub.listed_at.is_none(), |l| l.burst);
            if self.reads >= self.config.concurrency.max(1)
                || !sub.pace.ready(now)
                || !(burst || sub.sustained.ready(now))
            {
                return;
            }
        }
        let wanted = self.config.fast_poll_max.max(1);
        // The count is compared with the pages of a listing only: counted up to those.
        let count_up_to = self.subs.get(id).map_or(1, |s| s.pages_last.max(1));
        let (count, mut due) =
            self.tracker
                .hot_due(id, self.config.fast_poll, now, wanted, count_up_to);
        self.start_listing_if_due(id, count, now);
        let Some(sub) = self.subs.get(id) else {
            return;
        };
        // A listing under way brings the moving jobs for fewer reads than reading them one
        // by one (or soon enough, when it is a burst): they wait for it.
        if let Some(listing) = &sub.listing
            && (listing.burst || count >= sub.pages_last.saturating_sub(listing.pages))
        {
            due.clear();
        }
        let mut due = due.into_iter();
        let mut next_hot = due.next();
        let mut sent = 0;
        while self.reads < self.config.concurrency.max(1) && sent < most {
            sent += 1;
            let Some(sub) = self.subs.get_mut(id) else {
                return;
            };
            let page_ready = sub.listing.as_ref().is_some_and(|l| l.pager.is_some());
            if !page_ready && next_hot.is_none() {
                break;
            }
            let burst = sub.listing.as_ref().is_some_and(|l| l.burst);
            // The hard ceiling applies to every read; the sustained budget to all but a
            // burst listing's pages.
            if !sub.pace.ready(now) {
                break;
            }
            let take_page = match (&sub.listing, &next_hot) {
                (Some(listing), Some(_)) if listing.pager.is_some() => {
                    burst || listing.hot_reads * 2 > listing.page_reads
                }
                (Some(listing), None) => listing.pager.is_some(),
                _ => false,
            };
            if !(take_page && burst) {
                if !sub.sustained.ready(now) {
                    break;
                }
                sub.sustained.spend(now);
            }
            sub.pace.spend(now);
            self.reads += 1;
            if take_page {
                if !self.spawn_page(id, tasks) {
                    break;
                }
            } else if let Some(key) = next_hot.take() {
                if let Some(listing) = sub.listing.as_mut() {
                    listing.hot_reads += 1;
                }
                self.tracker.hot_reading(&key);
                self.spawn_read(tasks, key, Read::Summary);
                next_hot = due.next();
            }
        }
    }

    /// Reads one job: in full for the user (`Read::Full`), as a summary on the fast interval.
    fn spawn_read(&self, tasks: &mut JoinSet<Done>, key: JobKey, read: Read) {
        let (client, counter) = (self.client.clone(), self.in_flight.clone());
        tasks.spawn(async move {
            let _guard = InFlight::new(&counter);
            let result = read_job(&client, &key, read).await;
            Done::Fetched {
                key,
                result,
                hot: read == Read::Summary,
            }
        });
    }

    /// Reads the next page of `id`'s listing; false when there is none to read now.
    fn spawn_page(&mut self, id: &str, tasks: &mut JoinSet<Done>) -> bool {
        let Some(listing) = self.subs.get_mut(id).and_then(|s| s.listing.as_mut()) else {
            return false;
        };
        let Some(mut pager) = listing.pager.take() else {
            return false;
        };
        listing.page_reads += 1;
        listing.reading = Some(Reading {
            page: pager.pages() + 1,
            started: now(),
            since: Timestamp::now(),
            attempt: pager.attempt(),
        });
        let subscription = id.to_owned();
        let counter = self.in_flight.clone();
        tasks.spawn(async move {
            let _guard = InFlight::new(&counter);
            let result = next_page(&mut pager).await;
            Done::Page {
                subscription,
                pager,
                result,
            }
        });
        true
    }

    fn done(&mut self, done: Done) {
        match done {
            Done::Page {
                subscription,
                pager,
                result,
            } => {
                self.reads = self.reads.saturating_sub(1);
                self.page_done(&subscription, pager, result);
            }
            Done::Subscriptions { result, discover } => self.subscriptions_done(result, discover),
            Done::Resolved(events) => {
                for event in events {
                    self.emit(event);
                }
            }
            Done::Fetched { key, result, hot } => {
                if hot {
                    self.reads = self.reads.saturating_sub(1);
                    self.tracker.hot_read(&key, now());
                }
                match result {
                    // A moving job's poll is background work; a read the user asked for
                    // (opening a job) is awaited.
                    Ok(job) => self.observed(job, if hot { Wake::Soon } else { Wake::Now }),
                    Err(e) if e.is_not_found() && e.code() != Some("SubscriptionNotFound") => {
                        self.gone(key);
                    }
                    Err(e) => tracing::debug!(job = %key, error = %e, "reading a job failed"),
                }
            }
            Done::Action(key, events) => {
                self.running_actions = self.running_actions.saturating_sub(1);
                self.tracker.acting_done(&key);
                if let Some(bulk) = &mut self.bulk {
                    bulk.done += 1;
                }
                for event in events {
                    match event {
                        Event::Loaded { job, .. } => self.observed(job, Wake::Now),
                        Event::Gone { key, .. } => self.gone(key),
                        other => self.emit(other),
                    }
                }
            }
        }
    }

    fn page_done(&mut self, id: &str, pager: Box<JobPager>, result: Result<Vec<Job>, ArmError>) {
        let now = now();
        let slow = self.config.slow_poll;
        let Some(sub) = self.subs.get_mut(id) else {
            // No longer watched.
            return;
        };
        let Some(listing) = sub.listing.as_mut() else {
            return;
        };
        let epoch = listing.epoch;
        listing.reading = None;
        let error = match result {
            Ok(jobs) => {
                listing.pages += 1;
                listing.jobs += jobs.len();
                let finished = pager.is_done();
                if !finished {
                    listing.pager = Some(pager);
                }
                if sub.failure.take().is_some() {
                    tracing::info!(subscription = id, "the subscription can be read again");
                }
                sub.failures = 0;
                self.listing_page(id, jobs, epoch, now);
                if finished {
                    self.listing_done(id, now);
                }
                return;
            }
            Err(error) => error,
        };
        sub.listing = None;
        sub.failures += 1;
        let refused = is_refusal(&error);
        let wait = if refused {
            slow.max(REFUSED_RETRY)
        } else {
            retry_wait(&error, sub.failures, slow)
        };
        sub.hold_until = Some(now + wait);
        sub.set_next_listing(now + wait, now);
        let since = sub
            .failure
            .as_ref()
            .map_or_else(Timestamp::now, |f| f.since);
        tracing::warn!(subscription = id, %error, refused, "listing jobs failed");
        sub.failure = Some(SubscriptionFailure {
            code: error.code().map(str::to_owned),
            message: error.to_string(),
            refused,
            since,
            retry_at: later(wait),
        });
    }

    /// A page of a listing: its new and changed jobs are sent (a listing of 100,000
    /// unchanged jobs sends nothing), and every job on it counts as read.
    fn listing_page(&mut self, id: &str, mut jobs: Vec<Job>, epoch: u32, now: Instant) {
        self.one_of_each(id, &mut jobs, epoch);
        let wake = self.listing_wake(id);
        self.listed(jobs, epoch, now, wake);
    }

    /// Sends the listed jobs that are new or changed, and marks them all as listed by
    /// `epoch`.
    fn listed(&mut self, jobs: Vec<Job>, epoch: u32, now: Instant, wake: Wake) {
        let at = Timestamp::now();
        let jobs = self.tracker.listed(jobs, epoch, at, now);
        if !jobs.is_empty() {
            self.outbox.push_back((Event::Partial { jobs, at }, wake));
        }
    }

    /// How soon the window wants the pages of `id`'s listing under way: at once for a
    /// burst (the first listing, or one the user asked for), soon for the interval's.
    fn listing_wake(&self, id: &str) -> Wake {
        let burst = self
            .subs
            .get(id)
            .and_then(|s| s.listing.as_ref())
            .is_some_and(|l| l.burst);
        if burst { Wake::Now } else { Wake::Soon }
    }

    /// A listing names each job once; a service that repeats one (seen: the same id twice on
    /// a page with two states) must not make the job flip between them at every poll. Pages
    /// are read in order, so the last one named counts: repeats on one page keep the last;
    /// a job already listed by an earlier page of this listing, or repeated by the last
    /// listing, waits in [`Listing::deferred`] for the listing's end. Each repeated job is
    /// logged once a run, as the service's anomaly.
    fn one_of_each(&mut self, id: &str, jobs: &mut Vec<Job>, epoch: u32) {
        let Some(sub) = self.subs.get_mut(id) else {
            return;
        };
        let Some(listing) = sub.listing.as_mut() else {
            return;
        };
        // Repeats on this page: the states named, in order, by job.
        let mut repeats: Vec<(JobKey, Vec<String>)> = Vec::new();
        let mut last: HashMap<&JobKey, usize> = HashMap::with_capacity(jobs.len());
        for (i, job) in jobs.iter().enumerate() {
            last.insert(&job.key, i);
        }
        let mut keep = vec![true; jobs.len()];
        if last.len() < jobs.len() {
            for (i, job) in jobs.iter().enumerate() {
                if last[&job.key] == i {
                    continue;
                }
                keep[i] = false;
                match repeats.iter_mut().find(|(k, _)| *k == job.key) {
                    Some((_, states)) => states.push(job.state.to_string()),
                    None => repeats.push((job.key.clone(), vec![job.state.to_string()])),
                }
            }
            for (key, states) in &mut repeats {
                states.push(jobs[last[key]].state.to_string());
            }
        }
        drop(last);
        let mut kept = Vec::with_capacity(jobs.len());
        for (job, keep) in jobs.drain(..).zip(keep) {
            if !keep {
                listing.jobs -= 1;
                continue;
            }
            let earlier_page =
                listing.deferred.contains_key(&job.key) || self.tracker.listed_by(&job.key, epoch);
            if earlier_page {
                listing.jobs -= 1;
                if !repeats.iter().any(|(k, _)| *k == job.key) {
                    repeats.push((job.key.clone(), Vec::new()));
                }
            }
            if earlier_page || sub.repeated.contains(&job.key) {
                listing.deferred.insert(job.key.clone(), job);
            } else {
                kept.push(job);
            }
        }
        *jobs = kept;
        for (key, states) in repeats {
            listing.repeated.insert(key.clone());
            if !self.tracker.first_anomaly(&key) {
                continue;
            }
            tracing::warn!(job = %key, times = states.len(), states = %states.join(", "), "the service listed a job more than once");
            let how = if states.is_empty() {
                crate::tr!("worker-listed-on-two-pages").to_owned()
            } else {
                crate::tr!(
                    "worker-listed-times",
                    count = states.len(),
                    states = states.join(", ")
                )
            };
            self.outbox.push_back((
                Event::Warning {
                    message: crate::tr!(
                        "worker-listed-more-than-once",
                        key = key.to_string(),
                        how = how
                    ),
                    key: Some(key),
                    at: Timestamp::now(),
                },
                Wake::Now,
            ));
        }
    }

    /// The end of a subscription's listing: the jobs it did not list are gone.
    fn listing_done(&mut self, id: &str, now: Instant) {
        let at = Timestamp::now();
        let slow = self.config.slow_poll;
        let Some(sub) = self.subs.get_mut(id) else {
            return;
        };
        let Some(listing) = sub.listing.take() else {
            return;
        };
        // The first since the subscription is watched: the window hears of it even when none
        // is gone. It logs only the first in this run (`first` in the event).
        let first_watched = sub.listed_at.is_none();
        if listing.burst {
            // The burst spent ARM's budget too: the sustained rate starts from nothing.
            sub.sustained.drain(now);
        }
        sub.pages_last = listing.pages.max(1);
        // Jobs no longer repeated go back to the pages' pace at the next listing.
        sub.repeated = listing.repeated;
        let deferred: Vec<Job> = listing.deferred.into_values().collect();
        sub.listed_at = Some(at);
        sub.jobs = listing.jobs;
        sub.set_next_listing(now + slow, now);
        self.last_success = Some(at);
        let epoch = listing.epoch;
        // Before the count of the missing: the jobs held back were listed too.
        let wake = if listing.burst { Wake::Now } else { Wake::Soon };
        self.listed(deferred, epoch, now, wake);
        let gone = self.tracker.listing_done(id, epoch);
        let first = self.tracker.first_listing(id);
        if first_watched || !gone.is_empty() {
            self.emit(Event::ListingDone {
                subscription: id.to_owned(),
                jobs: listing.jobs,
                gone,
                first,
                at,
            });
        }
    }

    fn subscriptions_done(
        &mut self,
        result: Result<Vec<SubscriptionInfo>, ArmError>,
        discover: bool,
    ) {
        if !discover {
            let result = result.map_err(|e| {
                tracing::warn!(error = %e, "listing subscriptions failed");
                e.to_string()
            });
            self.emit(Event::SubscriptionsListed(result));
            return;
        }
        self.discovering = false;
        if !self.config.subscriptions.is_empty() {
            // Subscriptions were chosen while the discovery ran.
            if let Ok(found) = result {
                self.emit(Event::SubscriptionsListed(Ok(found)));
            }
            return;
        }
        let now = now();
        match result {
            Ok(found) => {
                self.discovery_failures = 0;
                self.discovery_error = None;
                self.discover_at = Some(now + DISCOVERY_INTERVAL);
                let usable: Vec<String> = found
                    .iter()
                    .filter(|s| s.is_usable())
                    .map(|s| s.id.clone())
                    .collect();
                let forgotten = self.set_watched(&usable, now);
                self.emit(Event::SubscriptionsListed(Ok(found)));
                self.emit(Event::Watching {
                    subscriptions: usable,
                    forgotten,
                });
            }
            Err(error) => {
                self.discovery_failures += 1;
                let wait = retry_wait(&error, self.discovery_failures, self.config.slow_poll);
                tracing::warn!(%error, "listing subscriptions failed");
                self.discover_at = Some(now + wait);
                self.discovery_error = Some((error.to_string(), later(wait)));
                self.emit(Event::SubscriptionsListed(Err(error.to_string())));
            }
        }
    }

    /// Makes `ids` the watched subscriptions: new ones are listed at once, the jobs of the
    /// others are forgotten.
    fn set_watched(&mut self, ids: &[String], now: Instant) -> Vec<JobKey> {
        let budget = self.config.budget;
        self.subs
            .retain(|id, _| ids.iter().any(|i| i.eq_ignore_ascii_case(id)));
        for id in ids {
            self.subs
                .entry(id.to_ascii_lowercase())
                .or_insert_with(|| Sub::new(budget, now));
        }
        let subs = &self.subs;
        let forgotten = self
            .tracker
            .forget_unwatched(|key| subs.contains_key(&key.subscription_id.to_ascii_lowercase()));
        tracing::debug!(
            jobs = forgotten.len(),
            "forgot the jobs of unwatched subscriptions"
        );
        forgotten
    }

    /// Watches `ids` from now on (empty: every usable subscription, found now and every half
    /// hour); forgets the jobs of subscriptions no longer watched.
    fn watch(&mut self, mut ids: Vec<String>) {
        for id in &mut ids {
            id.make_ascii_lowercase();
        }
        let now = now();
        self.config.subscriptions.clone_from(&ids);
        let mut forgotten = Vec::new();
        if ids.is_empty() {
            self.discover_at = Some(now);
        } else {
            self.discover_at = None;
            self.discovery_error = None;
            forgotten = self.set_watched(&ids, now);
            for sub in self.subs.values_mut() {
                sub.refresh = true;
                sub.hold_until = None;
            }
        }
        self.emit(Event::Watching {
            subscriptions: ids,
            forgotten,
        });
    }

    fn observed(&mut self, job: Job, wake: Wake) {
        let at = Timestamp::now();
        if let Some(job) = self.tracker.observed(job, at, now()) {
            self.outbox.push_back((Event::Loaded { job, at }, wake));
        }
    }

    fn gone(&mut self, key: JobKey) {
        self.tracker.gone(&key);
        self.emit(Event::Gone {
            key,
            at: Timestamp::now(),
        });
    }

    async fn save_history(&mut self) {
        let Some(path) = self.config.history_path.clone() else {
            return;
        };
        if !self.tracker.take_dirty() || !self.history_file.writable {
            return;
        }
        // Serialized here rather than copied for the writing thread: a copy of 100,000
        // timelines is memory the process would keep for good once the allocator has it.
        let saved = match self.tracker.history().to_json() {
            Ok(bytes) => {
                let path = path.clone();
                tokio::task::spawn_blocking(move || {
                    crate::config::file::write_atomically(&path, &[&bytes])
                })
                .await
                .unwrap_or_else(|e| Err(std::io::Error::other(e)))
            }
            Err(e) => Err(e),
        };
        match saved {
            Err(e) => {
                tracing::warn!(error = %e, "cannot save the history");
                // Saved again at the next turn, as the warning says, even if nothing changes.
                self.tracker.unsaved();
                if !std::mem::replace(&mut self.history_file.save_failed, true) {
                    self.emit(Event::Warning {
                        key: None,
                        message: crate::tr!(
                            "worker-history-cannot-save",
                            path = path.display().to_string(),
                            error = e.to_string()
                        ),
                        at: Timestamp::now(),
                    });
                }
            }
            Ok(()) => {
                if std::mem::replace(&mut self.history_file.save_failed, false) {
                    self.emit(Event::Logged(vec![Activity {
                        at: Timestamp::now(),
                        key: None,
                        text: crate::tr!(
                            "worker-history-saved-again",
                            path = path.display().to_string()
                        ),
                        is_error: false,
                    }]));
                }
            }
        }
    }

    /// Shows the audit trail's last lines in the activity log, and resolves the actions an
    /// earlier run sent without learning their outcome (it stopped in between) by reading
    /// their jobs, in tasks of their own.
    async fn load_audit(&mut self, tasks: &mut JoinSet<Done>) {
        /// Lines of earlier runs shown in the activity log.
        const SHOWN: usize = 200;
        let Some(audit) = self.audit.clone() else {
            return;
        };
        let reader = audit.clone();
        let records = match tokio::task::spawn_blocking(move || reader.read()).await {
            Ok(Ok(records)) => records,
            Ok(Err(e)) => {
                self.emit(Event::Warning {
                    key: None,
                    message: crate::tr!("worker-audit-unreadable", error = e.to_string()),
                    at: Timestamp::now(),
                });
                return;
            }
            Err(_) => return,
        };
        let shown = records[records.len().saturating_sub(SHOWN)..]
            .iter()
            .map(audit_line)
            .collect::<Vec<_>>();
        if !shown.is_empty() {
            self.emit(Event::Logged(shown));
        }
        for record in crate::audit::unresolved(&records) {
            let (client, audit) = (self.client.clone(), audit.clone());
            tasks.spawn(async move { Done::Resolved(resolve(&client, &audit, record).await) });
        }
    }

    /// Queues an event for the window; the loop sends it as soon as the channel has room
    /// and wakes the window then.
    fn emit(&mut self, event: Event) {
        self.outbox.push_back((event, Wake::Now));
    }

    /// The status now; when what the window shows of it changed, the window is woken.
    fn publish(&mut self) {
        let status = self.current_status();
        let mut visible_changed = false;
        self.status.send_if_modified(|old| {
            if *old == status {
                return false;
            }
            visible_changed = old.visible() != status.visible();
            *old = status;
            true
        });
        if visible_changed {
            (self.notify)(Wake::Now);
        }
    }

    fn current_status(&self) -> WorkerStatus {
        let subscriptions: BTreeMap<String, SubscriptionStatus> = self
            .subs
            .iter()
            .map(|(id, sub)| {
                let ledger = self.client.ledger().view(id);
                let slow_page = sub
                    .listing
                    .as_ref()
                    .and_then(|l| l.reading.as_ref())
                    .and_then(|r| r.slow(now(), self.client.config().retry.max_attempts));
                let status = SubscriptionStatus {
                    slow_page,
                    listed_at: sub.listed_at,
                    jobs: sub.jobs,
                    failure: sub.failure.clone(),
                    reads_last_hour: ledger.reads_last_hour,
                    remaining_reads: ledger.remaining_reads,
                    throttled_until: ledger
                        .throttled_until
                        .map(|t| later(t.saturating_duration_since(tokio::time::Instant::now()))),
                };
                (id.clone(), status)
            })
            .collect();
        // Degraded: nothing can be read, for a reason that retrying may cure.
        let degraded = if let Some(error) = &self.discovery_error
            && self.subs.is_empty()
        {
            Some(error.clone())
        } else if !self.subs.is_empty() && self.subs.values().all(|s| s.failure.is_some()) {
            self.subs
                .values()
                .filter_map(|s| s.failure.as_ref())
                .filter(|f| !f.refused)
                .min_by_key(|f| f.retry_at)
                .map(|f| (f.message.clone(), f.retry_at))
        } else {
            None
        };
        WorkerStatus {
            in_flight: self.in_flight.load(std::sync::atomic::Ordering::Relaxed),
            last_success: self.last_success,
            next_poll: self
                .subs
                .values()
                .filter(|s| s.listing.is_none() && s.failure.is_none())
                .map(|s| s.next_listing_at)
                .min(),
            degraded,
            subscriptions,
            read_budget_per_hour: self.config.budget.reads_per_hour,
            bulk: self.bulk.clone(),
        }
    }
}

/// Reads the next page of a listing and converts its jobs; the wire form is dropped here.
async fn next_page(pager: &mut JobPager) -> Result<Vec<Job>, ArmError> {
    let Some(page) = pager.next_summaries().await? else {
        return Ok(Vec::new());
    };
    Ok(page
        .into_iter()
        .filter_map(|j| match j {
            Ok(job) => Some(job),
            Err(e) => {
                tracing::warn!(error = %e, "skipping a job the service sent");
                None
            }
        })
        .collect())
}

fn later(wait: Duration) -> Timestamp {
    Timestamp::now()
        .checked_add(jiff::SignedDuration::try_from(wait).unwrap_or_default())
        .unwrap_or_else(|_| Timestamp::now())
}

/// How long to wait after a failed listing: what the service asked, else a backoff that
/// doubles from 2 s up to the slow interval.
fn retry_wait(error: &ArmError, failures: u32, slow: Duration) -> Duration {
    if let ArmError::Api(api) = error
        && let Some(asked) = api.retry_after
    {
        return asked.max(Duration::from_secs(1));
    }
    Duration::from_secs(2)
        .saturating_mul(1 << failures.saturating_sub(1).min(10))
        .min(slow.max(Duration::from_secs(2)))
}

/// Counts a request in flight for as long as it lives.
struct InFlight(Arc<std::sync::atomic::AtomicU32>);

impl InFlight {
    fn new(counter: &Arc<std::sync::atomic::AtomicU32>) -> Self {
        counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        Self(counter.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.fetch_sub(1, std::sync::atomic::Ordering::Relaxed);
    }
}

/// The subscriptions the identity sees, as the model keeps them.
async fn subscriptions(
    client: &ArmClient,
    counter: &Arc<std::sync::atomic::AtomicU32>,
) -> Result<Vec<SubscriptionInfo>, ArmError> {
    let _guard = InFlight::new(counter);
    let listed = client.list_subscriptions().await?;
    Ok(listed
        .into_iter()
        .filter(|s| !s.subscription_id.is_empty())
        .map(|s| SubscriptionInfo {
            name: s
                .display_name
                .filter(|n| !n.trim().is_empty())
                .unwrap_or_else(|| s.subscription_id.clone()),
            id: s.subscription_id.to_ascii_lowercase(),
            state: s.state.unwrap_or_default(),
        })
        .collect())
}

/// How much of a job a read keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Read {
    /// Everything, log links included: the job the user opened.
    Full,
    /// Without the drives' log links: polls and the reads around an action.
    Summary,
}

async fn read_job(client: &ArmClient, key: &JobKey, read: Read) -> Result<Job, ArmError> {
    let raw = client.get_job(key).await?;
    let converted = match read {
        Read::Full => job_from_wire(&raw),
        Read::Summary => job_summary_from_wire(&raw),
    };
    converted.map_err(|e| ArmError::Decode {
        status: 200,
        what: "job",
        detail: e.to_string(),
        ids: crate::arm::RequestIds::default(),
    })
}

/// Resolves every action of the audit trail that an earlier run sent without learning its
/// outcome (each job is re-read to learn it), one after the other; returns the lines
/// appended, as the activity log shows them.
pub async fn resolve_unfinished(client: &ArmClient, audit: &Audit) -> Vec<Activity> {
    let reader = audit.clone();
    let Ok(Ok(records)) = tokio::task::spawn_blocking(move || reader.read()).await else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for record in crate::audit::unresolved(&records) {
        for event in resolve(client, audit, record).await {
            if let Event::Logged(logged) = event {
                lines.extend(logged);
            }
        }
    }
    lines
}

/// An audit line as the activity log shows it.
fn audit_line(record: &crate::audit::AuditRecord) -> Activity {
    Activity {
        at: record.timestamp().unwrap_or_else(Timestamp::now),
        key: Some(record.key()),
        text: record.describe(),
        is_error: record.outcome == Outcome::Failed,
    }
}

/// Resolves an action an earlier run sent without learning its outcome: the job as it is now
/// says whether it took effect, and the outcome line is appended. An action sent to another
/// endpoint (an emulator since stopped) is marked failed as unknown; a job that cannot be
/// read now is left for the next start.
async fn resolve(
    client: &ArmClient,
    audit: &Audit,
    record: crate::audit::AuditRecord,
) -> Vec<Event> {
    let (key, Some(action)) = (record.key(), record.action()) else {
        return Vec::new();
    };
    let (outcome, finding) = if record.endpoint == client.config().endpoint.as_str() {
        match (read_job(client, &key, Read::Summary).await, action) {
            (Ok(job), Action::Cancel) if job.cancel_requested => {
                (Outcome::Confirmed, "worker-finding-cancel-shown")
            }
            (Ok(_), Action::Cancel) => (Outcome::Failed, "worker-finding-no-cancel"),
            (Ok(_), Action::Delete) => (Outcome::Failed, "worker-finding-still-exists"),
            (Err(e), Action::Delete) if e.is_not_found() => {
                (Outcome::Confirmed, "worker-finding-gone")
            }
            (Err(e), Action::Cancel) if e.is_not_found() => {
                (Outcome::Failed, "worker-finding-gone")
            }
            (Err(e), _) => {
                tracing::warn!(job = %key, error = %e, "an unfinished action stays unresolved");
                return Vec::new();
            }
        }
    } else {
        (Outcome::Failed, "worker-finding-other-endpoint")
    };
    // The audit trail stays in English; the activity log says it in the language in force.
    let recovered = |lang: Lang| {
        let mut args = crate::i18n::FluentArgs::new();
        args.set("finding", crate::i18n::text_in(lang, finding));
        crate::i18n::format_in(lang, "worker-recovered", &args)
    };
    let mut line = record;
    line.outcome = outcome;
    line.message = Some(recovered(Lang::En));
    line.at = jiff::Zoned::now()
        .strftime("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    if let Err(e) = audit.append_record(&line) {
        tracing::error!(error = %e, "cannot write the audit trail");
    }
    let mut shown = line;
    shown.message = Some(recovered(crate::i18n::current()));
    vec![Event::Logged(vec![audit_line(&shown)])]
}

/// The event of an action that failed or was not sent.
fn failure(key: JobKey, action: Action, error: Option<&ArmError>, message: String) -> Event {
    Event::ActionFailed {
        key,
        action,
        status: error.and_then(ArmError::status),
        code: error.and_then(ArmError::code).map(str::to_owned),
        message,
        request_id: error
            .and_then(ArmError::ids)
            .and_then(|ids| ids.request_id.clone()),
        at: Timestamp::now(),
    }
}

/// The freshest state of the job, read before an action is sent: `Err` with the events to
/// report when it cannot be read, is gone, or the rule now forbids the action (nothing is
/// sent then).
async fn check_before_sending(
    client: &ArmClient,
    key: &JobKey,
    action: Action,
) -> Result<(), Vec<Event>> {
    let failed =
        |error: Option<&ArmError>, message: String| failure(key.clone(), action, error, message);
    let fresh = match read_job(client, key, Read::Summary).await {
        Ok(job) => job,
        Err(e) if e.is_not_found() => {
            return Err(vec![
                failed(Some(&e), crate::tr!("worker-gone-not-sent").to_owned()),
                Event::Gone {
                    key: key.clone(),
                    at: Timestamp::now(),
                },
            ]);
        }
        Err(e) => {
            return Err(vec![failed(
                Some(&e),
                crate::tr!("worker-unread-not-sent", error = e.to_string()),
            )]);
        }
    };
    if let Permission::Denied(reason) = fresh.permission(action) {
        return Err(vec![
            failed(None, crate::tr!("worker-not-sent-changed", reason = reason)),
            Event::Loaded {
                job: fresh,
                at: Timestamp::now(),
            },
        ]);
    }
    Ok(())
}

/// Sends the action; the job as the service answered a cancel, and the answer's ids.
async fn send(
    client: &ArmClient,
    key: &JobKey,
    action: Action,
) -> Result<(Option<Job>, RequestIds), ArmError> {
    match action {
        Action::Cancel => client
            .request_cancel_confirmed(key)
            .await
            .map(|answer| (job_summary_from_wire(&answer.value).ok(), answer.ids)),
        Action::Delete => client.delete_job_confirmed(key).await.map(|outcome| {
            // Deleted, or AlreadyGone: an earlier attempt deleted it.
            let (DeleteOutcome::Deleted | DeleteOutcome::AlreadyGone) = outcome.value;
            (None, outcome.ids)
        }),
    }
}

/// [`perform`], counted among the requests in flight.
async fn act(
    client: &ArmClient,
    audit: Option<&Audit>,
    counter: &Arc<std::sync::atomic::AtomicU32>,
    key: JobKey,
    action: Action,
) -> Vec<Event> {
    let _guard = InFlight::new(counter);
    perform(client, audit, key, action).await
}

/// Carries out one action, as the window and the command line do: reads the freshest state,
/// checks the rule, writes the audit trail's `sending` line, sends, reads again, writes the
/// outcome line. Always ends with exactly one `ActionDone` or `ActionFailed`; when the answer
/// was an error or got lost, the read after it decides whether the action took effect. A
/// refusal by the rules sends nothing and writes no line (its `ActionFailed` has no code and
/// a message starting "Not sent"). An audit trail that cannot be written stops the action
/// before it is sent: a Delete must not go out unrecorded.
pub async fn perform(
    client: &ArmClient,
    audit: Option<&Audit>,
    key: JobKey,
    action: Action,
) -> Vec<Event> {
    let failed =
        |error: Option<&ArmError>, message: String| failure(key.clone(), action, error, message);
    if let Err(events) = check_before_sending(client, &key, action).await {
        return events;
    }
    let audit_id = match audit.map(|a| a.sending(&key, action)).transpose() {
        Ok(id) => id,
        Err(e) => {
            return vec![failed(
                None,
                crate::tr!("worker-not-sent-audit", error = e.to_string()),
            )];
        }
    };
    let record = |outcome: Outcome, failure: Option<Failure<'_>>, ids: Option<&RequestIds>| {
        if let (Some(audit), Some(id)) = (audit, &audit_id)
            && let Err(e) = audit.outcome(id, &key, action, outcome, failure, ids)
        {
            tracing::error!(error = %e, job = %key, %action, "cannot write the audit trail");
        }
    };
    let sent = send(client, &key, action).await;
    let error = match sent {
        Ok((job, ids)) => {
            record(Outcome::Confirmed, None, Some(&ids));
            let mut events = vec![Event::ActionDone {
                key: key.clone(),
                action,
                job,
                at: Timestamp::now(),
            }];
            if action == Action::Cancel {
                // Read the job again at once, so the window shows what the service now says.
                events.extend(reread(client, &key).await.into_event(key));
            }
            return events;
        }
        Err(error) => error,
    };
    // The answer was an error, or none came: what the service now says decides. A cancel
    // whose flag is set, or a delete whose job is gone, took effect (an earlier attempt
    // landed and its answer was lost, or the retry found the work done).
    let now = reread(client, &key).await;
    let landed = match (&now, action) {
        (Reread::Job(job), Action::Cancel) => job.cancel_requested,
        (Reread::Gone, Action::Delete) => true,
        _ => false,
    };
    if landed {
        tracing::info!(job = %key, %action, error = %error, "the action failed to answer but took effect");
        let note =
            format!("The answer was lost ({error}); the job read afterwards shows it took effect.");
        record(
            Outcome::Confirmed,
            Some(Failure {
                status: error.status(),
                code: error.code(),
                message: &note,
            }),
            error.ids(),
        );
        let job = match &now {
            Reread::Job(job) => Some((**job).clone()),
            _ => None,
        };
        let mut events = vec![Event::ActionDone {
            key: key.clone(),
            action,
            job,
            at: Timestamp::now(),
        }];
        events.extend(now.into_event(key));
        return events;
    }
    let mut message = error_message(&error);
    if matches!(now, Reread::Unknown) && outcome_uncertain(&error) {
        message.push_str(
            " The request may still have reached the service; the next poll shows its effect.",
        );
    }
    record(
        Outcome::Failed,
        Some(Failure {
            status: error.status(),
            code: error.code(),
            message: &message,
        }),
        error.ids(),
    );
    let mut events = vec![failed(Some(&error), message)];
    events.extend(now.into_event(key));
    events
}

/// What a read right after an action found.
enum Reread {
    Job(Box<Job>),
    Gone,
    Unknown,
}

impl Reread {
    fn into_event(self, key: JobKey) -> Option<Event> {
        let at = Timestamp::now();
        match self {
            Reread::Job(job) => Some(Event::Loaded { job: *job, at }),
            Reread::Gone => Some(Event::Gone { key, at }),
            Reread::Unknown => None,
        }
    }
}

async fn reread(client: &ArmClient, key: &JobKey) -> Reread {
    match read_job(client, key, Read::Summary).await {
        Ok(job) => Reread::Job(Box::new(job)),
        Err(e) if e.is_not_found() => Reread::Gone,
        Err(e) => {
            tracing::debug!(error = %e, "re-reading after an action failed");
            Reread::Unknown
        }
    }
}

/// Whether the request may have been carried out although no success came back: no answer,
/// an unreadable success, or a transient server error.
fn outcome_uncertain(error: &ArmError) -> bool {
    match error {
        ArmError::Transport { .. } | ArmError::Decode { .. } => true,
        ArmError::Api(api) => api.status == 429 || api.status >= 500,
        _ => false,
    }
}

/// The service's own message when it gave one, else the whole error.
fn error_message(error: &ArmError) -> String {
    match error {
        ArmError::Api(api) => api.message.clone().unwrap_or_else(|| error.to_string()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_history_is_saved_less_often_when_saving_it_costs_more() {
        assert_eq!(history_save_interval(Duration::ZERO), HISTORY_SAVE_MIN);
        assert_eq!(
            history_save_interval(Duration::from_millis(2)),
            HISTORY_SAVE_MIN
        );
        assert_eq!(
            history_save_interval(Duration::from_millis(30)),
            Duration::from_mins(1)
        );
        assert_eq!(
            history_save_interval(Duration::from_secs(1)),
            HISTORY_SAVE_MAX
        );
        assert_eq!(history_save_interval(Duration::MAX), HISTORY_SAVE_MAX);
    }
}
