//! The background worker: a named thread with a tokio runtime that does all I/O.
//!
//! The UI sends [`Command`]s and receives [`Event`]s, both over bounded channels; the worker
//! asks for a repaint only when an event changes what the window shows. Polling: a full
//! listing of every subscription on the slow interval, and a `GET` on the fast interval for
//! the jobs that move (a cancel pending, drives copying). Actions are checked against the
//! freshest state before they are sent, and the job is read again right after.

mod history;

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::arm::{
    ArmClient, ArmError, DeleteOutcome, ListScope, job_from_wire, job_summary_from_wire,
};
use crate::model::{
    Action, Event, Job, JobKey, JobState, Permission, SubscriptionInfo, Transition,
};

pub use history::History;

/// Capacity of each channel.
pub const CHANNEL_CAPACITY: usize = 256;

/// What the UI asks of the worker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// List everything now.
    Refresh,
    /// Read one job now, in full: the one just opened (listings may omit its drives, and
    /// polls keep no log links).
    Inspect(JobKey),
    /// Request a cancel.
    Cancel(JobKey),
    /// Delete.
    Delete(JobKey),
    /// List the subscriptions the identity can see (answered by
    /// [`Event::SubscriptionsListed`]).
    ListSubscriptions,
    /// Watch these subscriptions from now on; empty means every usable one the identity
    /// sees. Starts a full listing.
    SetSubscriptions(Vec<String>),
    /// Write the settings to the config file (atomically), answered by
    /// [`Event::SettingsSaved`].
    SaveSettings {
        /// The file.
        path: PathBuf,
        /// What to write.
        layer: crate::config::Layer,
    },
    /// Change the polling intervals.
    SetPollIntervals {
        /// Full listing interval.
        slow: Duration,
        /// Interval for moving jobs.
        fast: Duration,
    },
    /// Stop.
    Shutdown,
}

/// How the worker polls.
#[derive(Clone, Debug)]
pub struct WorkerConfig {
    /// The subscriptions to list; empty means every usable subscription the identity sees
    /// (listed again before each full listing).
    pub subscriptions: Vec<String>,
    /// Full listing interval (default 30 s).
    pub slow_poll: Duration,
    /// Interval for jobs that move (default 2 s).
    pub fast_poll: Duration,
    /// Where the state timelines are kept; `None` keeps them in memory only.
    pub history_path: Option<PathBuf>,
    /// How many jobs are read at the same time on the fast interval.
    pub concurrency: usize,
    /// How many jobs are read at most per fast round (cancellations first).
    pub fast_poll_max: usize,
}

impl WorkerConfig {
    /// The defaults for `subscriptions`.
    #[must_use]
    pub fn new(subscriptions: Vec<String>) -> Self {
        Self {
            subscriptions,
            slow_poll: Duration::from_secs(30),
            fast_poll: Duration::from_secs(2),
            history_path: None,
            concurrency: 8,
            fast_poll_max: 64,
        }
    }
}

/// Asks the UI to repaint.
pub type Notify = Arc<dyn Fn() + Send + Sync>;

/// The UI's end of the worker.
pub struct WorkerHandle {
    commands: mpsc::Sender<Command>,
    events: mpsc::Receiver<Event>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl WorkerHandle {
    /// Starts the worker thread.
    pub fn spawn(client: ArmClient, config: WorkerConfig, notify: Notify) -> std::io::Result<Self> {
        let (command_tx, command_rx) = mpsc::channel(CHANNEL_CAPACITY);
        let (event_tx, event_rx) = mpsc::channel(CHANNEL_CAPACITY);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("iejobs-worker-io")
            .enable_all()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("iejobs-worker".to_owned())
            .spawn(move || {
                let worker = Worker {
                    client,
                    config,
                    events: event_tx,
                    notify,
                    known: HashMap::new(),
                    epoch: 0,
                    listing_changed: false,
                    announced: HashSet::new(),
                    acting: HashSet::new(),
                    history: History::default(),
                    history_dirty: false,
                    in_flight: Arc::new(std::sync::atomic::AtomicU32::new(0)),
                };
                runtime.block_on(worker.run(command_rx));
            })?;
        Ok(Self {
            commands: command_tx,
            events: event_rx,
            thread: Some(thread),
        })
    }

    /// Sends a command without waiting. Fails only when the worker is gone or swamped; the
    /// caller shows that, so no action is lost silently.
    pub fn send(&self, command: Command) -> Result<(), String> {
        self.commands.try_send(command).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => {
                "the background worker is busy; try again in a moment".to_owned()
            }
            mpsc::error::TrySendError::Closed(_) => "the background worker has stopped".to_owned(),
        })
    }

    /// The next event, if one is waiting.
    pub fn try_recv(&mut self) -> Option<Event> {
        self.events.try_recv().ok()
    }

    /// Stops the worker and waits for it (it saves the history first).
    pub fn shutdown(&mut self) {
        let _ = self.commands.try_send(Command::Shutdown);
        // The worker may be blocked sending an event: drain so it can see the command.
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
    /// A listing ended; its pages and subscriptions came before, as [`Part`]s.
    Listed(Result<(), ArmError>),
    Subscriptions(Result<Vec<SubscriptionInfo>, ArmError>),
    Fetched(Vec<(JobKey, Result<Job, ArmError>)>),
    Action(JobKey, Vec<Event>),
}

struct Worker {
    client: ArmClient,
    config: WorkerConfig,
    events: mpsc::Sender<Event>,
    notify: Notify,
    /// What was last sent to the UI of each job: unchanged reads send nothing. A summary,
    /// not a copy: the store keeps the one full copy of every job.
    known: HashMap<JobKey, Known>,
    /// Counts full listings; a job's [`Known::seen`] says in which one it was last listed.
    epoch: u32,
    /// Whether the listing under way changed anything the window shows.
    listing_changed: bool,
    /// Subscriptions whose first complete listing was announced.
    announced: HashSet<String>,
    /// Jobs with an action under way: a listing that misses one does not report it gone
    /// before the action's own answer says what happened.
    acting: HashSet<JobKey>,
    history: History,
    history_dirty: bool,
    in_flight: Arc<std::sync::atomic::AtomicU32>,
}

/// What the worker remembers of a job: enough to tell a change and to choose what to poll.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "four independent facts about a job, each read on its own"
)]
struct Known {
    /// Fingerprint of the job as last sent, drives included.
    full: u64,
    /// Fingerprint without the drives, for listings that omit them.
    sans_drives: u64,
    /// Whether a read brought drives (a listing without them keeps those).
    has_drives: bool,
    /// Not finished and in a known state.
    moving: bool,
    /// A cancel is requested.
    cancel_requested: bool,
    /// The job or one of its drives is transferring.
    copying: bool,
    /// The listing ([`Worker::epoch`]) that last listed the job.
    seen: u32,
}

impl Known {
    fn of(job: &mut Job) -> Self {
        use std::hash::{Hash as _, Hasher as _};
        let hash = |job: &Job| {
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            job.hash(&mut hasher);
            hasher.finish()
        };
        let full = hash(job);
        let drives = job.drives.take();
        let sans_drives = hash(job);
        job.drives = drives;
        Self {
            full,
            sans_drives,
            has_drives: job.drives.is_some(),
            moving: !job.state.is_finished() && job.state.is_known(),
            cancel_requested: job.cancel_requested,
            copying: job.copying(),
            seen: 0,
        }
    }

    /// The summary after `listed` (which may lack the drives) replaced `self`; `None` when
    /// nothing changed.
    fn update(self, mut listed: Known) -> Option<Known> {
        listed.seen = self.seen;
        if listed.has_drives || !self.has_drives {
            return (listed != self).then_some(listed);
        }
        // The listing omitted the drives a read brought: those stay, as in the store.
        if listed.sans_drives == self.sans_drives {
            return None;
        }
        Some(Known {
            full: listed.full,
            has_drives: true,
            copying: self.copying || listed.copying,
            ..listed
        })
    }
}

impl Worker {
    #[expect(
        clippy::too_many_lines,
        reason = "the select loop is the worker's whole schedule; split up, its timers would scatter"
    )]
    async fn run(mut self, mut commands: mpsc::Receiver<Command>) {
        if let Some(path) = &self.config.history_path {
            let path = path.clone();
            self.history = tokio::task::spawn_blocking(move || History::load(&path))
                .await
                .unwrap_or_default();
            let timelines = self.history.timelines();
            if !timelines.is_empty() {
                self.emit(Event::HistoryLoaded(timelines), true).await;
            }
        }
        let mut tasks: JoinSet<Done> = JoinSet::new();
        // Listings hand their pages to this loop, which compares them with what it knows.
        let (parts_tx, mut parts_rx) = mpsc::channel::<Part>(LISTING_PAGES_AHEAD);
        self.emit(Event::Watching(self.config.subscriptions.clone()), false)
            .await;
        if !self.config.subscriptions.is_empty() {
            // Names for the subscription column and the settings panel; with none chosen,
            // the first listing lists the subscriptions itself.
            let (client, counter) = (self.client.clone(), self.in_flight.clone());
            tasks.spawn(async move { Done::Subscriptions(subscriptions(&client, &counter).await) });
        }
        let mut listing = false;
        let mut fetching = false;
        let mut failures: u32 = 0;
        let mut fast_cursor = 0_usize;
        let mut next_full = tokio::time::Instant::now();
        let mut next_fast = next_full + self.config.fast_poll;
        let mut next_save = next_full + Duration::from_secs(10);
        loop {
            tokio::select! {
                command = commands.recv() => match command {
                    None | Some(Command::Shutdown) => break,
                    Some(Command::Refresh) => next_full = tokio::time::Instant::now(),
                    Some(Command::Inspect(key)) => {
                        let client = self.client.clone();
                        let counter = self.in_flight.clone();
                        tasks.spawn(async move { Done::Fetched(fetch(&client, &counter, vec![key], 1, Read::Full).await) });
                    }
                    Some(Command::Cancel(key)) => self.start_action(&mut tasks, key, Action::Cancel),
                    Some(Command::Delete(key)) => self.start_action(&mut tasks, key, Action::Delete),
                    Some(Command::ListSubscriptions) => {
                        let (client, counter) = (self.client.clone(), self.in_flight.clone());
                        tasks.spawn(async move { Done::Subscriptions(subscriptions(&client, &counter).await) });
                    }
                    Some(Command::SetSubscriptions(ids)) => {
                        self.watch(ids).await;
                        next_full = tokio::time::Instant::now();
                    }
                    Some(Command::SaveSettings { path, layer }) => {
                        let written = path.display().to_string();
                        let result = tokio::task::spawn_blocking(move || crate::config::file::save(&path, &layer))
                            .await
                            .unwrap_or_else(|e| Err(format!("the save was interrupted: {e}")))
                            .map(|()| written);
                        self.emit(Event::SettingsSaved { result, at: Timestamp::now() }, true).await;
                    }
                    Some(Command::SetPollIntervals { slow, fast }) => {
                        self.config.slow_poll = slow.max(Duration::from_secs(1));
                        self.config.fast_poll = fast.max(Duration::from_millis(250));
                        next_full = tokio::time::Instant::now() + self.config.slow_poll;
                        next_fast = tokio::time::Instant::now() + self.config.fast_poll;
                    }
                },
                () = tokio::time::sleep_until(next_full), if !listing => {
                    listing = true;
                    self.epoch = self.epoch.wrapping_add(1);
                    self.listing_changed = false;
                    let (client, counter) = (self.client.clone(), self.in_flight.clone());
                    let subscriptions = self.config.subscriptions.clone();
                    let parts = parts_tx.clone();
                    tasks.spawn(async move { Done::Listed(list_all(&client, &counter, subscriptions, &parts).await) });
                    self.emit_in_flight().await;
                }
                Some(part) = parts_rx.recv() => self.listing_part(part).await,
                () = tokio::time::sleep_until(next_fast), if !fetching => {
                    next_fast = tokio::time::Instant::now() + self.config.fast_poll;
                    let hot = self.hot_jobs(&mut fast_cursor);
                    if !hot.is_empty() {
                        fetching = true;
                        let (client, counter) = (self.client.clone(), self.in_flight.clone());
                        let concurrency = self.config.concurrency;
                        tasks.spawn(async move { Done::Fetched(fetch(&client, &counter, hot, concurrency, Read::Summary).await) });
                    }
                }
                () = tokio::time::sleep_until(next_save) => {
                    next_save = tokio::time::Instant::now() + Duration::from_secs(10);
                    self.save_history().await;
                }
                Some(done) = tasks.join_next() => {
                    let Ok(done) = done else { continue };
                    match done {
                        Done::Listed(result) => {
                            listing = false;
                            // The task has ended: whatever it sent is waiting in the channel.
                            while let Ok(part) = parts_rx.try_recv() {
                                self.listing_part(part).await;
                            }
                            let now = tokio::time::Instant::now();
                            match result {
                                Ok(()) => {
                                    failures = 0;
                                    next_full = now + self.config.slow_poll;
                                    // An unchanged poll does not ask for a repaint; the window
                                    // shows its time at its next frame.
                                    self.emit(Event::PollSucceeded { at: Timestamp::now() }, self.listing_changed).await;
                                    self.emit(Event::NextPoll { at: later(self.config.slow_poll) }, false).await;
                                }
                                Err(error) => {
                                    failures += 1;
                                    let wait = retry_wait(&error, failures, self.config.slow_poll);
                                    next_full = now + wait;
                                    tracing::warn!(%error, "listing jobs failed");
                                    let event = Event::PollFailed { message: error.to_string(), retry_at: later(wait), at: Timestamp::now() };
                                    self.emit(event, true).await;
                                }
                            }
                        }
                        Done::Subscriptions(result) => {
                            let result = result.map_err(|e| {
                                tracing::warn!(error = %e, "listing subscriptions failed");
                                e.to_string()
                            });
                            self.emit(Event::SubscriptionsListed(result), true).await;
                        }
                        Done::Fetched(results) => {
                            fetching = false;
                            for (key, result) in results {
                                match result {
                                    Ok(job) => self.observed(job).await,
                                    Err(e) if e.is_not_found() => self.gone(key).await,
                                    Err(e) => tracing::debug!(job = %key, error = %e, "reading a job failed"),
                                }
                            }
                        }
                        Done::Action(key, events) => {
                            self.acting.remove(&key);
                            for event in events {
                                match event {
                                    Event::Loaded { job, .. } => self.observed(job).await,
                                    Event::Gone { key, .. } => self.gone(key).await,
                                    other => self.emit(other, true).await,
                                }
                            }
                        }
                    }
                    self.emit_in_flight().await;
                }
            }
        }
        tasks.shutdown().await;
        self.save_history().await;
    }

    /// Watches `ids` from now on (empty: every usable subscription, found at each listing);
    /// forgets the jobs of subscriptions no longer watched.
    async fn watch(&mut self, ids: Vec<String>) {
        let ids: Vec<String> = ids.iter().map(|id| id.to_ascii_lowercase()).collect();
        if !ids.is_empty() {
            self.known.retain(|key, _| {
                ids.iter()
                    .any(|id| id.eq_ignore_ascii_case(&key.subscription_id))
            });
        }
        self.config.subscriptions.clone_from(&ids);
        self.emit(Event::Watching(ids), true).await;
    }

    /// A listing that found the subscriptions itself (none chosen): tell the UI which.
    async fn discovered(&mut self, found: Vec<SubscriptionInfo>) {
        let usable: Vec<String> = found
            .iter()
            .filter(|s| s.is_usable())
            .map(|s| s.id.clone())
            .collect();
        self.known.retain(|key, _| {
            usable
                .iter()
                .any(|id| id.eq_ignore_ascii_case(&key.subscription_id))
        });
        self.emit(Event::SubscriptionsListed(Ok(found)), false)
            .await;
        self.emit(Event::Watching(usable), false).await;
    }

    /// Jobs worth reading on the fast interval: a cancel pending, then drives copying. At
    /// most `fast_poll_max` a round: cancellations first, the rest in turns (`cursor`), so a
    /// subscription with thousands of transfers is not read thousands of times every 2 s;
    /// the full listing still refreshes every job.
    fn hot_jobs(&self, cursor: &mut usize) -> Vec<JobKey> {
        let mut cancelling: Vec<JobKey> = self
            .known
            .iter()
            .filter(|(_, k)| k.moving && k.cancel_requested)
            .map(|(key, _)| key.clone())
            .collect();
        let mut copying: Vec<JobKey> = self
            .known
            .iter()
            .filter(|(_, k)| k.moving && !k.cancel_requested && k.copying)
            .map(|(key, _)| key.clone())
            .collect();
        let max = self.config.fast_poll_max.max(1);
        cancelling.sort();
        cancelling.truncate(max);
        let room = max - cancelling.len();
        if room > 0 && !copying.is_empty() {
            copying.sort();
            let start = *cursor % copying.len();
            copying.rotate_left(start);
            copying.truncate(room);
            *cursor = start + copying.len();
            cancelling.extend(copying);
        }
        cancelling
    }

    /// Starts an action on `key`; its events come back as [`Done::Action`].
    fn start_action(&mut self, tasks: &mut JoinSet<Done>, key: JobKey, action: Action) {
        self.acting.insert(key.clone());
        let (client, counter) = (self.client.clone(), self.in_flight.clone());
        tasks.spawn(async move {
            let events = act(&client, &counter, key.clone(), action).await;
            Done::Action(key, events)
        });
    }

    /// One part of a full listing: a page is compared with what is known and only its new
    /// and changed jobs are sent (a listing of 100,000 unchanged jobs sends nothing); the
    /// end of a subscription's listing tells the jobs that were not listed.
    async fn listing_part(&mut self, part: Part) {
        let now = Timestamp::now();
        match part {
            Part::Discovered(found) => self.discovered(found).await,
            Part::Page(mut jobs) => {
                let epoch = self.epoch;
                jobs.retain_mut(|job| {
                    let Some(summary) = self.change(job) else {
                        if let Some(known) = self.known.get_mut(&job.key) {
                            known.seen = epoch;
                        }
                        return false;
                    };
                    self.record_history(job, now);
                    let summary = Known {
                        seen: epoch,
                        ..summary
                    };
                    self.known.insert(job.key.clone(), summary);
                    true
                });
                if !jobs.is_empty() {
                    self.listing_changed = true;
                    self.emit(Event::Partial { jobs, at: now }, true).await;
                }
            }
            Part::Listed {
                subscription,
                count,
            } => {
                let epoch = self.epoch;
                let mut gone = Vec::new();
                self.known.retain(|key, known| {
                    let missing = known.seen != epoch
                        && key.subscription_id.eq_ignore_ascii_case(&subscription)
                        && !self.acting.contains(key);
                    if missing {
                        gone.push(key.clone());
                    }
                    !missing
                });
                let first = self.announced.insert(subscription.to_ascii_lowercase());
                if first || !gone.is_empty() {
                    self.listing_changed = true;
                    let event = Event::ListingDone {
                        subscription,
                        jobs: count,
                        gone,
                        at: now,
                    };
                    self.emit(event, true).await;
                }
            }
        }
    }

    /// The summary to keep for `job` when it differs from what was last sent.
    fn change(&self, job: &mut Job) -> Option<Known> {
        let summary = Known::of(job);
        match self.known.get(&job.key) {
            Some(known) => known.update(summary),
            None => Some(summary),
        }
    }

    async fn observed(&mut self, mut job: Job) {
        let Some(summary) = self.change(&mut job) else {
            return;
        };
        let now = Timestamp::now();
        self.record_history(&job, now);
        self.known.insert(job.key.clone(), summary);
        self.emit(Event::Loaded { job, at: now }, true).await;
    }

    async fn gone(&mut self, key: JobKey) {
        self.known.remove(&key);
        self.emit(
            Event::Gone {
                key,
                at: Timestamp::now(),
            },
            true,
        )
        .await;
    }

    fn record_history(&mut self, job: &Job, at: Timestamp) {
        self.record_state(&job.key, &job.state, at);
    }

    fn record_state(&mut self, key: &JobKey, state: &JobState, at: Timestamp) {
        if self.config.history_path.is_some() {
            let transition = Transition {
                at,
                state: state.clone(),
            };
            self.history_dirty |= self.history.observe(key, &transition);
        }
    }

    async fn save_history(&mut self) {
        let Some(path) = self.config.history_path.clone() else {
            return;
        };
        if !std::mem::take(&mut self.history_dirty) {
            return;
        }
        // Serialized here rather than copied for the writing thread: a copy of 100,000
        // timelines is memory the process would keep for good once the allocator has it.
        let saved = match self.history.to_json() {
            Ok(bytes) => tokio::task::spawn_blocking(move || {
                crate::config::file::write_atomically(&path, &[&bytes])
            })
            .await
            .unwrap_or_else(|e| Err(std::io::Error::other(e))),
            Err(e) => Err(e),
        };
        if let Err(e) = saved {
            tracing::warn!(error = %e, "cannot save the history");
        }
    }

    async fn emit_in_flight(&self) {
        let n = self.in_flight.load(std::sync::atomic::Ordering::Relaxed);
        self.emit(Event::InFlight(n), false).await;
    }

    /// Sends an event; asks for a repaint when it changes what the window shows.
    async fn emit(&self, event: Event, repaint: bool) {
        if self.events.send(event).await.is_ok() && repaint {
            (self.notify)();
        }
    }
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

/// Pages a listing may send ahead of the loop that compares them.
const LISTING_PAGES_AHEAD: usize = 4;

/// What a full listing sends, in order, to the worker's loop.
enum Part {
    /// The subscriptions found when none were chosen (before their jobs).
    Discovered(Vec<SubscriptionInfo>),
    /// A page of jobs, converted.
    Page(Vec<Job>),
    /// Every page of one subscription was sent.
    Listed {
        /// The subscription.
        subscription: String,
        /// How many jobs it holds.
        count: usize,
    },
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

/// Lists every job of the chosen subscriptions (of every usable one when none are chosen),
/// page by page: each page goes to the worker's loop as soon as it is converted, so no
/// listing is held whole in memory, and a first listing shows its jobs as they arrive.
async fn list_all(
    client: &ArmClient,
    counter: &Arc<std::sync::atomic::AtomicU32>,
    chosen: Vec<String>,
    parts: &mpsc::Sender<Part>,
) -> Result<(), ArmError> {
    // A send fails only when the loop has stopped (shutting down): nobody wants the rest.
    let subscriptions = if chosen.is_empty() {
        let found = self::subscriptions(client, counter).await?;
        let usable = found
            .iter()
            .filter(|s| s.is_usable())
            .map(|s| s.id.clone())
            .collect();
        if parts.send(Part::Discovered(found)).await.is_err() {
            return Ok(());
        }
        usable
    } else {
        chosen
    };
    let _guard = InFlight::new(counter);
    for subscription in subscriptions {
        let mut pager = client.pager(&ListScope::Subscription(subscription.clone()));
        let mut count = 0;
        while let Some(page) = pager.next_page().await? {
            let jobs: Vec<Job> = page
                .iter()
                .filter_map(|j| match job_summary_from_wire(j) {
                    Ok(job) => Some(job),
                    Err(e) => {
                        tracing::warn!(error = %e, "skipping a job the service sent");
                        None
                    }
                })
                .collect();
            // The wire form of the page is dropped here, once converted.
            drop(page);
            count += jobs.len();
            if parts.send(Part::Page(jobs)).await.is_err() {
                return Ok(());
            }
        }
        let part = Part::Listed {
            subscription,
            count,
        };
        if parts.send(part).await.is_err() {
            return Ok(());
        }
    }
    Ok(())
}

async fn fetch(
    client: &ArmClient,
    counter: &Arc<std::sync::atomic::AtomicU32>,
    keys: Vec<JobKey>,
    concurrency: usize,
    read: Read,
) -> Vec<(JobKey, Result<Job, ArmError>)> {
    let semaphore = Arc::new(tokio::sync::Semaphore::new(concurrency.max(1)));
    let mut set = JoinSet::new();
    for key in keys {
        let (client, counter, semaphore) = (client.clone(), counter.clone(), semaphore.clone());
        set.spawn(async move {
            let _permit = semaphore.acquire_owned().await;
            let _guard = InFlight::new(&counter);
            let result = read_job(&client, &key, read).await;
            (key, result)
        });
    }
    let mut results = BTreeMap::new();
    while let Some(Ok((key, result))) = set.join_next().await {
        results.insert(key, result);
    }
    results.into_iter().collect()
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

/// Carries out one action: reads the freshest state, checks the rule, sends, reads again.
/// Always ends with exactly one `ActionDone` or `ActionFailed`; when the answer was an error
/// or got lost, the read after it decides whether the action took effect.
async fn act(
    client: &ArmClient,
    counter: &Arc<std::sync::atomic::AtomicU32>,
    key: JobKey,
    action: Action,
) -> Vec<Event> {
    let _guard = InFlight::new(counter);
    let failed = |code: Option<String>, message: String| Event::ActionFailed {
        key: key.clone(),
        action,
        code,
        message,
        at: Timestamp::now(),
    };
    let fresh = match read_job(client, &key, Read::Summary).await {
        Ok(job) => job,
        Err(e) if e.is_not_found() => {
            return vec![
                failed(
                    e.code().map(str::to_owned),
                    "The job no longer exists; nothing was sent.".to_owned(),
                ),
                Event::Gone {
                    key: key.clone(),
                    at: Timestamp::now(),
                },
            ];
        }
        Err(e) => {
            return vec![failed(
                e.code().map(str::to_owned),
                format!("Could not read the job's current state, so nothing was sent: {e}"),
            )];
        }
    };
    if let Permission::Denied(reason) = fresh.permission(action) {
        return vec![
            failed(
                None,
                format!("Not sent: {reason} (it changed since the window showed it)."),
            ),
            Event::Loaded {
                job: fresh,
                at: Timestamp::now(),
            },
        ];
    }
    let sent = match action {
        Action::Cancel => client
            .request_cancel(&key)
            .await
            .map(|answer| job_summary_from_wire(&answer).ok()),
        Action::Delete => client.delete_job(&key).await.map(|outcome| {
            // Deleted, or AlreadyGone: an earlier attempt deleted it.
            let (DeleteOutcome::Deleted | DeleteOutcome::AlreadyGone) = outcome;
            None
        }),
    };
    let error = match sent {
        Ok(job) => {
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
    let mut events = vec![failed(error.code().map(str::to_owned), message)];
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
