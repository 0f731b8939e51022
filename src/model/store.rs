//! The app's job data. [`Store::apply`] is the only place where it changes: everything the
//! worker learns, and every action the user starts, arrives as an [`Event`].

use std::collections::{BTreeMap, VecDeque};
use std::fmt::Write as _;

use jiff::{SignedDuration, Timestamp};

use super::job::{Job, JobKey};
use super::rules::{Action, Permission};
use super::state::JobState;
use super::status::WorkerStatus;
use super::subscriptions::{SubscriptionInfo, Subscriptions};
use super::text::ArcStr;

/// Azure deletes Completed and Closed jobs this long after they finish.
pub const RETENTION: SignedDuration = SignedDuration::from_hours(90 * 24);
/// Observed state changes kept per job.
pub const MAX_TRANSITIONS: usize = 64;
/// Progress samples kept per job with a cancel pending: when full, every other one is
/// dropped, so the chart keeps its whole span at half the resolution and memory stays flat
/// however long the cancellation runs.
pub const MAX_SAMPLES: usize = 512;
/// Progress samples kept per job without a cancel: enough for its copy rate and a little
/// history before a request, without growing with every moving job of a large subscription.
pub const MAX_IDLE_SAMPLES: usize = 16;
/// Entries kept in the activity log.
pub const MAX_ACTIVITY: usize = 500;

/// Something that happened, as the store learns it.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The new and changed jobs of a page of a full listing, sent as the page arrives: jobs
    /// are added or updated, none is dropped (the [`Event::ListingDone`] that follows the
    /// last page says which are gone).
    Partial {
        /// The jobs of the page that are new or changed.
        jobs: Vec<Job>,
        /// When the page arrived.
        at: Timestamp,
    },
    /// A full listing of one subscription has ended: its first one, or one that missed jobs.
    ListingDone {
        /// The subscription listed.
        subscription: String,
        /// How many jobs it holds.
        jobs: usize,
        /// Jobs known before that the listing did not list: they no longer exist.
        gone: Vec<JobKey>,
        /// The subscription's first complete listing in this run: the window logs it.
        first: bool,
        /// When the listing finished.
        at: Timestamp,
    },
    /// One job, freshly read.
    Loaded {
        /// The job.
        job: Job,
        /// When it was read.
        at: Timestamp,
    },
    /// A job no longer exists (the service answered 404).
    Gone {
        /// The job that is gone.
        key: JobKey,
        /// When that was learnt.
        at: Timestamp,
    },
    /// The user started an action; it is on its way.
    ActionSent {
        /// Which job.
        key: JobKey,
        /// Which action.
        action: Action,
        /// When it happened.
        at: Timestamp,
    },
    /// The service confirmed an action. For a cancel, the job as the service answered.
    ActionDone {
        /// Which job.
        key: JobKey,
        /// Which action.
        action: Action,
        /// The job after a cancel; `None` after a delete.
        job: Option<Job>,
        /// When it happened.
        at: Timestamp,
    },
    /// An action failed, or was not sent because the freshest state forbids it.
    ActionFailed {
        /// Which job.
        key: JobKey,
        /// Which action.
        action: Action,
        /// ARM error code, when the service refused.
        code: Option<String>,
        /// What went wrong, in words.
        message: String,
        /// Azure's `x-ms-request-id` of the answer, when one came: what Azure support asks
        /// for.
        request_id: Option<String>,
        /// When it happened.
        at: Timestamp,
    },
    /// State histories kept from earlier runs.
    HistoryLoaded(Vec<(JobKey, Vec<Transition>)>),
    /// The subscriptions the identity can see, or why they could not be listed.
    SubscriptionsListed(Result<Vec<SubscriptionInfo>, String>),
    /// The subscriptions whose jobs are listed from now on; jobs of others are dropped.
    Watching(Vec<String>),
    /// Lines for the activity log from elsewhere: the audit trail of earlier runs' actions
    /// (so that the log shows them across restarts), and outcomes resolved at start.
    Logged(Vec<Activity>),
    /// Something the administrator must know that is not about one action: a history file
    /// that could not be read, a listing that contradicts itself. Logged as an error line;
    /// the window also shows it until dismissed.
    Warning {
        /// The job it is about, if one.
        key: Option<JobKey>,
        /// What happened and what became of it, in words.
        message: String,
        /// When it happened.
        at: Timestamp,
    },
    /// The settings were written to the config file (its path), or why not.
    SettingsSaved {
        /// The file written, or the error.
        result: Result<String, String>,
        /// When it happened.
        at: Timestamp,
    },
}

/// A state change observed at a time.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Transition {
    /// When it was observed.
    pub at: Timestamp,
    /// The state from then on.
    pub state: JobState,
}

/// An action sent and not answered yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    /// Which action.
    pub action: Action,
    /// Since when.
    pub since: Timestamp,
}

/// The last failed action of a job, shown next to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionFailure {
    /// Which action.
    pub action: Action,
    /// ARM error code.
    pub code: Option<String>,
    /// What went wrong.
    pub message: String,
    /// Azure's `x-ms-request-id` of the answer, when one came.
    pub request_id: Option<String>,
    /// When it happened.
    pub at: Timestamp,
}

/// Bytes copied per drive at one time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgressSample {
    /// When observed.
    pub at: Timestamp,
    /// Bytes per drive, in the job's drive order (`None`: not reported).
    pub drive_bytes: Vec<Option<i64>>,
}

/// What iejobs knows of a cancel request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CancelWatch {
    /// When it was requested, or first seen pending when iejobs did not send it.
    pub requested_at: Timestamp,
    /// Whether iejobs saw the request happen (false: it was pending when first seen).
    pub seen_requested: bool,
    /// Bytes per drive at that moment, by drive id.
    pub baseline: Vec<(ArcStr, i64)>,
}

/// One job and what iejobs observed of it.
#[derive(Clone, Debug, PartialEq)]
pub struct JobEntry {
    /// The job as last read.
    pub job: Job,
    /// When a change was last observed.
    pub changed_at: Timestamp,
    /// An action on its way.
    pub pending: Option<Pending>,
    /// The last failed action (boxed, like the cancel watch: most jobs have neither, and
    /// each entry of a large subscription pays only a pointer for them).
    pub failure: Option<Box<ActionFailure>>,
    /// Observed states, oldest first.
    pub timeline: Vec<Transition>,
    /// Drive progress over time, recorded while drives move or a cancel is pending.
    pub progress: Vec<ProgressSample>,
    /// The cancel request, once known.
    pub cancel: Option<Box<CancelWatch>>,
}

impl JobEntry {
    fn new(job: Job, at: Timestamp) -> Self {
        let mut entry = Self {
            timeline: vec![Transition {
                at,
                state: job.state.clone(),
            }],
            job,
            changed_at: at,
            pending: None,
            failure: None,
            progress: Vec::new(),
            cancel: None,
        };
        if entry.job.cancel_requested {
            entry.start_cancel_watch(at, false);
        }
        // A first sample only for a job whose drives may move: a finished job's bytes never
        // change, and a sample for each of them is memory a large subscription pays for nothing.
        if entry.may_move() {
            entry.record_progress(at);
        }
        entry
    }

    /// Whether the drives can still copy: the job or a drive is transferring, or a cancel is
    /// pending (drives in transfer keep copying after it).
    fn may_move(&self) -> bool {
        self.job.copying() || self.cancel.is_some()
    }

    /// Whether a cancel is requested, or on its way from this app.
    #[must_use]
    pub fn cancel_pending(&self) -> bool {
        self.job.cancel_requested
            || self
                .pending
                .as_ref()
                .is_some_and(|p| p.action == Action::Cancel)
    }

    /// Whether `action` may be started now: the job's rule, and no action already on its way.
    #[must_use]
    pub fn permission(&self, action: Action) -> Permission {
        if let Some(pending) = &self.pending {
            return Permission::Denied(format!(
                "A {} request is on its way",
                pending.action.label().to_lowercase()
            ));
        }
        self.job.permission(action)
    }

    /// When the job finished (Completed or Closed): the observed change, else the return
    /// shipment's date when it is a timestamp.
    #[must_use]
    pub fn finished_at(&self) -> Option<Timestamp> {
        if !self.job.state.is_finished() {
            return None;
        }
        let observed = self
            .timeline
            .windows(2)
            .rev()
            .find(|pair| !pair[0].state.is_finished() && pair[1].state.is_finished())
            .map(|pair| pair[1].at);
        observed.or_else(|| {
            self.job
                .return_package
                .as_ref()
                .and_then(|p| p.ship_date.as_deref())
                .and_then(|d| d.parse().ok())
        })
    }

    /// When Azure deletes the job: 90 days after it finished.
    #[must_use]
    pub fn deletion_at(&self) -> Option<Timestamp> {
        self.finished_at()
            .and_then(|t| t.checked_add(RETENTION).ok())
    }

    /// Bytes each drive copied since the cancel request, by drive id.
    #[must_use]
    pub fn bytes_since_cancel(&self) -> Vec<(ArcStr, i64)> {
        let Some(watch) = &self.cancel else {
            return Vec::new();
        };
        self.job
            .drives
            .iter()
            .flatten()
            .map(|drive| {
                let base = watch
                    .baseline
                    .iter()
                    .find(|(id, _)| *id == drive.drive_id)
                    .map_or(0, |(_, b)| *b);
                let now = drive.bytes_succeeded.unwrap_or(base);
                (drive.drive_id.clone(), now.saturating_sub(base).max(0))
            })
            .collect()
    }

    /// The copy rate of each drive in bytes per second over the last two samples in which
    /// it moved (0 when it did not).
    #[must_use]
    pub fn drive_rates(&self) -> Vec<f64> {
        let count = self.job.drives.as_ref().map_or(0, Vec::len);
        let mut rates = vec![0.0; count];
        if let [.., before, last] = self.progress.as_slice() {
            let seconds = last.at.duration_since(before.at).as_secs_f64();
            if seconds > 0.0 {
                for (i, rate) in rates.iter_mut().enumerate() {
                    if let (Some(Some(a)), Some(Some(b))) =
                        (before.drive_bytes.get(i), last.drive_bytes.get(i))
                    {
                        #[expect(
                            clippy::cast_precision_loss,
                            reason = "rates need no byte precision"
                        )]
                        let delta = b.saturating_sub(*a).max(0) as f64;
                        *rate = delta / seconds;
                    }
                }
            }
        }
        rates
    }

    fn start_cancel_watch(&mut self, at: Timestamp, seen_requested: bool) {
        let baseline = self
            .job
            .drives
            .iter()
            .flatten()
            .map(|d| (d.drive_id.clone(), d.bytes_succeeded.unwrap_or(0)))
            .collect();
        self.cancel = Some(Box::new(CancelWatch {
            requested_at: at,
            seen_requested,
            baseline,
        }));
    }

    /// Keeps a progress sample when the drives moved (or on the first look).
    fn record_progress(&mut self, at: Timestamp) {
        let Some(drives) = &self.job.drives else {
            return;
        };
        let bytes: Vec<Option<i64>> = drives.iter().map(|d| d.bytes_succeeded).collect();
        if bytes.iter().all(Option::is_none) {
            return;
        }
        if self
            .progress
            .last()
            .is_some_and(|last| last.drive_bytes == bytes)
        {
            return;
        }
        if self.cancel.is_some() {
            if self.progress.len() >= MAX_SAMPLES {
                // Keep the first (the span's start) and every other one after it.
                let mut index = 0;
                self.progress.retain(|_| {
                    index += 1;
                    index % 2 == 1
                });
            }
        } else if self.progress.len() >= MAX_IDLE_SAMPLES {
            let excess = self.progress.len() + 1 - MAX_IDLE_SAMPLES;
            self.progress.drain(..excess);
        }
        self.progress.push(ProgressSample {
            at,
            drive_bytes: bytes,
        });
    }

    /// Replaces the job with a fresh read; true when anything visible changed.
    fn update(&mut self, mut job: Job, at: Timestamp) -> bool {
        // Lists often omit drives: keep the ones a GET brought. Polls keep no log links:
        // keep the ones the read of the opened job brought.
        match (&mut job.drives, &self.job.drives) {
            (None, _) => job.drives.clone_from(&self.job.drives),
            (Some(new), Some(old)) => keep_log_links(new, old),
            (Some(_), None) => {}
        }
        if job == self.job {
            return false;
        }
        if job.state != self.job.state {
            if self.timeline.len() == MAX_TRANSITIONS {
                self.timeline.remove(1);
            }
            self.timeline.push(Transition {
                at,
                state: job.state.clone(),
            });
        }
        if job.cancel_requested && !self.job.cancel_requested && self.cancel.is_none() {
            // Seen between two reads: counted from the bytes of the earlier one, and from
            // the click when this app sent it.
            let when = match &self.pending {
                Some(p) if p.action == Action::Cancel => p.since,
                _ => at,
            };
            self.start_cancel_watch(when, true);
        }
        self.job = job;
        self.changed_at = at;
        self.record_progress(at);
        true
    }
}

/// One line of the activity log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    /// When it happened.
    pub at: Timestamp,
    /// Which job, if about one.
    pub key: Option<JobKey>,
    /// What happened.
    pub text: String,
    /// Whether it is an error.
    pub is_error: bool,
}

/// How polling goes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PollStatus {
    /// The last successful poll.
    pub last_success: Option<Timestamp>,
    /// When the next full listing is due.
    pub next_poll: Option<Timestamp>,
    /// Requests in flight.
    pub in_flight: u32,
    /// Set while polling fails: the message and when the next try is due.
    pub degraded: Option<(String, Timestamp)>,
}

/// Jobs per state and the jobs with a cancel pending, kept up to date with every change so
/// that a view needs no pass over all jobs (at 100,000 jobs that pass cost a frame 25 ms).
#[derive(Debug, Default)]
struct Tally {
    states: BTreeMap<String, usize>,
    cancelling: std::collections::BTreeSet<JobKey>,
}

impl Tally {
    fn add(&mut self, entry: &JobEntry) {
        let state = entry.job.state.as_str();
        match self.states.get_mut(state) {
            Some(count) => *count += 1,
            None => {
                self.states.insert(state.to_owned(), 1);
            }
        }
        if entry.cancel_pending() {
            self.cancelling.insert(entry.job.key.clone());
        }
    }

    fn remove(&mut self, entry: &JobEntry) {
        let state = entry.job.state.as_str();
        if let Some(count) = self.states.get_mut(state) {
            *count -= 1;
            if *count == 0 {
                self.states.remove(state);
            }
        }
        if entry.cancel_pending() {
            self.cancelling.remove(&entry.job.key);
        }
    }
}

/// All jobs and what was observed of them.
#[derive(Debug, Default)]
pub struct Store {
    /// Boxed: a B-tree node holds eleven slots and is often half full, so an entry kept
    /// inline would waste half its size in every empty slot.
    jobs: BTreeMap<JobKey, Box<JobEntry>>,
    tally: Tally,
    version: u64,
    activity: VecDeque<Activity>,
    poll: PollStatus,
    /// The worker's latest status.
    status: WorkerStatus,
    /// Timelines from earlier runs of jobs not listed yet (a listed job's entry takes its own).
    history: BTreeMap<JobKey, Vec<Transition>>,
    subscriptions: Subscriptions,
    settings_saved: Option<(Timestamp, Result<String, String>)>,
    /// The jobs changed by each version: views update those rows instead of rebuilding.
    journal: Vec<(u64, JobKey)>,
    /// Views older than this version must rebuild (the journal does not reach back).
    journal_floor: u64,
    /// Set while an event changes job data.
    touched: bool,
}

/// Journal entries kept; a view further behind rebuilds.
const JOURNAL_CAPACITY: usize = 4096;

impl Store {
    /// Applies one event; returns true when anything changed.
    pub fn apply(&mut self, event: Event) -> bool {
        let changed = match event {
            Event::Loaded { job, at } => self.loaded(job, at),
            Event::ListingDone {
                subscription,
                jobs,
                gone,
                first,
                at,
            } => self.listing_done(&subscription, jobs, gone, first, at),
            Event::Partial { jobs, at } => {
                let mut changed = false;
                for job in jobs {
                    changed |= self.loaded(job, at);
                }
                changed
            }
            Event::Gone { key, at } => self.gone(key, at),
            Event::ActionSent { key, action, at } => match self.edit(&key, |entry| {
                entry.pending = Some(Pending { action, since: at });
                entry.failure = None;
            }) {
                Some(()) => {
                    self.touch(&key);
                    self.log(
                        at,
                        Some(key),
                        format!("{} requested…", action.label()),
                        false,
                    );
                    true
                }
                None => false,
            },
            Event::ActionDone {
                key,
                action,
                job,
                at,
            } => {
                self.touch(&key);
                self.action_done(key, action, job, at)
            }
            Event::ActionFailed {
                key,
                action,
                code,
                message,
                request_id,
                at,
            } => {
                self.touch(&key);
                self.action_failed(key, action, code, message, request_id, at)
            }
            Event::HistoryLoaded(histories) => self.history_loaded(histories),
            Event::SubscriptionsListed(result) => self.subscriptions.listed(result),
            Event::Watching(ids) => self.watching(ids),
            Event::SettingsSaved { result, at } => self.record_settings_save(result, at),
            Event::Logged(lines) => {
                for line in lines {
                    self.log(line.at, line.key, line.text, line.is_error);
                }
                true
            }
            Event::Warning { key, message, at } => {
                self.log(at, key, message, true);
                true
            }
        };
        self.close_version();
        changed
    }

    fn history_loaded(&mut self, histories: Vec<(JobKey, Vec<Transition>)>) -> bool {
        for (key, mut timeline) in histories {
            timeline.truncate(MAX_TRANSITIONS);
            match self.jobs.get_mut(&key) {
                Some(entry) => merge_history(&mut entry.timeline, &timeline),
                // Kept until the job is listed; then its entry holds it.
                None => {
                    self.history.insert(key, timeline);
                }
            }
        }
        self.reset_journal();
        true
    }

    fn record_settings_save(&mut self, result: Result<String, String>, at: Timestamp) -> bool {
        let (text, is_error) = match &result {
            Ok(path) => (format!("Settings saved to {path}"), false),
            Err(e) => (format!("Settings not saved: {e}"), true),
        };
        self.log(at, None, text, is_error);
        self.settings_saved = Some((at, result));
        true
    }

    /// Ends an event: a new version if job data changed, the journal kept short.
    fn close_version(&mut self) {
        if !self.touched {
            return;
        }
        self.touched = false;
        self.version += 1;
        if self.journal.len() > JOURNAL_CAPACITY {
            let drop = self.journal.len() - JOURNAL_CAPACITY / 2;
            self.journal.drain(..drop);
            self.journal_floor = self.journal.first().map_or(self.version + 1, |(v, _)| *v);
        }
    }

    fn gone(&mut self, key: JobKey, at: Timestamp) -> bool {
        let removed = self.remove(&key).is_some();
        if removed {
            self.touch(&key);
            self.log(at, Some(key), "no longer exists".to_owned(), false);
        }
        removed
    }

    /// Notes that `key`'s entry changes in the version being made.
    fn touch(&mut self, key: &JobKey) {
        self.journal.push((self.version + 1, key.clone()));
        self.touched = true;
    }

    /// Notes a change too wide to list: views rebuild.
    fn reset_journal(&mut self) {
        self.journal.clear();
        self.journal_floor = self.version + 1;
        self.touched = true;
    }

    /// The jobs changed since `version` (added, changed or removed), when the journal still
    /// knows; `None` means: rebuild from [`Self::iter`].
    #[must_use]
    pub fn changed_since(&self, version: u64) -> Option<Vec<&JobKey>> {
        if version >= self.version {
            return Some(Vec::new());
        }
        if version + 1 < self.journal_floor {
            return None;
        }
        let start = self.journal.partition_point(|(v, _)| *v <= version);
        Some(self.journal[start..].iter().map(|(_, k)| k).collect())
    }

    fn listing_done(
        &mut self,
        subscription: &str,
        count: usize,
        gone: Vec<JobKey>,
        first: bool,
        at: Timestamp,
    ) -> bool {
        let mut changed = false;
        for key in gone {
            // A job with an action on its way stays until the action's answer says more.
            if self.jobs.get(&key).is_some_and(|e| e.pending.is_none()) {
                self.remove(&key);
                self.touch(&key);
                self.log(at, Some(key), "no longer listed".to_owned(), false);
                changed = true;
            }
        }
        changed | self.log_first_listing(subscription, count, first, at)
    }

    /// Logs the `first` complete listing of a subscription; false when it is not the first.
    fn log_first_listing(
        &mut self,
        subscription: &str,
        count: usize,
        first: bool,
        at: Timestamp,
    ) -> bool {
        if !first {
            return false;
        }
        let named = match self.subscriptions.name(subscription) {
            Some(name) => format!("{name} ({subscription})"),
            None => subscription.to_owned(),
        };
        self.log(
            at,
            None,
            format!("Listed {count} job(s) of subscription {named}"),
            false,
        );
        true
    }

    fn loaded(&mut self, job: Job, at: Timestamp) -> bool {
        let key = job.key.clone();
        if self.jobs.contains_key(&key) {
            let Some((old_state, changed, new_state)) = self.edit(&key, |entry| {
                let old_state = entry.job.state.clone();
                let changed = entry.update(job, at);
                (old_state, changed, entry.job.state.clone())
            }) else {
                return false;
            };
            if changed {
                self.touch(&key);
            }
            if old_state != new_state {
                self.log(at, Some(key), format!("{old_state} -> {new_state}"), false);
            }
            return changed;
        }
        let mut entry = JobEntry::new(job, at);
        if let Some(history) = self.history.remove(&key) {
            merge_history(&mut entry.timeline, &history);
        }
        self.touch(&key);
        self.tally.add(&entry);
        self.jobs.insert(key, Box::new(entry));
        true
    }

    /// Changes the entry of `key` with `change`, keeping the tally right; `None` when there
    /// is no such job. Every change of an existing entry goes through here.
    fn edit<R>(&mut self, key: &JobKey, change: impl FnOnce(&mut JobEntry) -> R) -> Option<R> {
        let entry = self.jobs.get_mut(key)?;
        self.tally.remove(entry);
        let result = change(entry);
        self.tally.add(entry);
        Some(result)
    }

    /// Removes the entry of `key`, keeping the tally right.
    fn remove(&mut self, key: &JobKey) -> Option<Box<JobEntry>> {
        let entry = self.jobs.remove(key)?;
        self.tally.remove(&entry);
        Some(entry)
    }

    fn action_failed(
        &mut self,
        key: JobKey,
        action: Action,
        code: Option<String>,
        message: String,
        request_id: Option<String>,
        at: Timestamp,
    ) -> bool {
        let mut text = match &code {
            Some(code) => format!("{} failed: {code}: {message}", action.label()),
            None => format!("{} failed: {message}", action.label()),
        };
        if let Some(id) = &request_id {
            let _ = write!(text, " (request id {id})");
        }
        self.edit(&key, |entry| {
            entry.pending = None;
            entry.failure = Some(Box::new(ActionFailure {
                action,
                code,
                message,
                request_id,
                at,
            }));
        });
        self.log(at, Some(key), text, true);
        true
    }

    /// Takes the worker's latest status: the status bar's figures, and one activity line
    /// each time polling degrades or recovers and each time a subscription starts or stops
    /// failing. Returns true when something the window shows changed.
    pub fn apply_status(&mut self, status: &WorkerStatus, at: Timestamp) -> bool {
        let before = self.status.visible() != status.visible();
        match (&self.poll.degraded, &status.degraded) {
            (None, Some((message, _))) => {
                self.log(at, None, format!("Polling failed: {message}"), true);
            }
            (Some(_), None) => self.log(at, None, "Connection restored".to_owned(), false),
            _ => {}
        }
        for (id, failure) in status.failing() {
            let known = self
                .status
                .subscriptions
                .get(id)
                .and_then(|s| s.failure.as_ref());
            if known.is_none_or(|k| k.code != failure.code) {
                let name = self.subscriptions.name(id).unwrap_or(id).to_owned();
                let text = format!(
                    "Subscription {name}: {}. {}",
                    failure.reason(),
                    failure.message
                );
                self.log(at, None, text, true);
            }
        }
        let recovered: Vec<String> = self
            .status
            .failing()
            .filter(|(id, _)| {
                status
                    .subscriptions
                    .get(*id)
                    .is_some_and(|s| s.failure.is_none())
            })
            .map(|(id, _)| id.clone())
            .collect();
        for id in recovered {
            let name = self.subscriptions.name(&id).unwrap_or(&id).to_owned();
            self.log(
                at,
                None,
                format!("Subscription {name} can be read again"),
                false,
            );
        }
        self.poll = PollStatus {
            last_success: status.last_success,
            next_poll: status.next_poll,
            in_flight: status.in_flight,
            degraded: status.degraded.clone(),
        };
        self.status.clone_from(status);
        before
    }

    /// The worker's latest status, as last applied.
    #[must_use]
    pub fn status(&self) -> &WorkerStatus {
        &self.status
    }

    fn action_done(
        &mut self,
        key: JobKey,
        action: Action,
        job: Option<Job>,
        at: Timestamp,
    ) -> bool {
        match action {
            Action::Delete => {
                self.remove(&key);
                self.log(at, Some(key), "Deleted".to_owned(), false);
            }
            Action::Cancel => {
                self.edit(&key, |entry| {
                    // The watch starts when the user asked, from the bytes seen then.
                    let sent_at = entry.pending.take().map_or(at, |p| p.since);
                    if entry.cancel.is_none() {
                        entry.start_cancel_watch(sent_at, true);
                    }
                    if let Some(job) = job {
                        entry.update(job, at);
                    }
                    entry.failure = None;
                });
                self.log(
                    at,
                    Some(key),
                    "Cancel confirmed by the service".to_owned(),
                    false,
                );
            }
        }
        true
    }

    fn log(&mut self, at: Timestamp, key: Option<JobKey>, text: String, is_error: bool) {
        if self.activity.len() == MAX_ACTIVITY {
            self.activity.pop_front();
        }
        self.activity.push_back(Activity {
            at,
            key,
            text,
            is_error,
        });
    }

    /// Bumped by every change of job data: caches of sorted and filtered views compare it.
    #[must_use]
    pub fn version(&self) -> u64 {
        self.version
    }

    /// One job.
    #[must_use]
    pub fn get(&self, key: &JobKey) -> Option<&JobEntry> {
        self.jobs.get(key).map(|entry| &**entry)
    }

    /// All jobs, ordered by subscription, resource group and name.
    pub fn iter(&self) -> impl Iterator<Item = &JobEntry> {
        self.jobs.values().map(|entry| &**entry)
    }

    /// Number of jobs.
    #[must_use]
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// True when there are no jobs.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// The activity log, oldest first.
    #[must_use]
    pub fn activity(&self) -> impl DoubleEndedIterator<Item = &Activity> + ExactSizeIterator {
        self.activity.iter()
    }

    /// How polling goes.
    #[must_use]
    pub fn poll(&self) -> &PollStatus {
        &self.poll
    }

    /// The last save of the settings: when, and the file or the error.
    #[must_use]
    pub fn settings_saved(&self) -> Option<&(Timestamp, Result<String, String>)> {
        self.settings_saved.as_ref()
    }

    /// The subscriptions: listed and watched.
    #[must_use]
    pub fn subscriptions(&self) -> &Subscriptions {
        &self.subscriptions
    }

    fn watching(&mut self, ids: Vec<String>) -> bool {
        let before = self.jobs.len();
        if !ids.is_empty() {
            let tally = &mut self.tally;
            self.jobs.retain(|key, entry| {
                let kept = ids
                    .iter()
                    .any(|id| id.eq_ignore_ascii_case(&key.subscription_id));
                if !kept {
                    tally.remove(entry);
                }
                kept
            });
        }
        if self.jobs.len() != before {
            self.reset_journal();
        }
        let changed = self.jobs.len() != before || self.subscriptions.watched != ids;
        self.subscriptions.watched = ids;
        changed
    }

    /// Jobs with a cancel requested or on its way, by key.
    pub fn cancellations(&self) -> impl Iterator<Item = &JobEntry> {
        self.tally.cancelling.iter().filter_map(|key| self.get(key))
    }

    /// How many jobs are in each state (as the service spells it).
    #[must_use]
    pub fn state_counts(&self) -> &BTreeMap<String, usize> {
        &self.tally.states
    }
}

/// Gives drives read without log links the links an earlier read of the same drive had.
fn keep_log_links(new: &mut [super::job::Drive], old: &[super::job::Drive]) {
    for drive in new {
        if drive.error_log_uri.is_some()
            || drive.verbose_log_uri.is_some()
            || drive.manifest_uri.is_some()
        {
            continue;
        }
        if let Some(before) = old.iter().find(|d| d.drive_id == drive.drive_id) {
            drive.error_log_uri.clone_from(&before.error_log_uri);
            drive.verbose_log_uri.clone_from(&before.verbose_log_uri);
            drive.manifest_uri.clone_from(&before.manifest_uri);
        }
    }
}

/// Puts the earlier run's transitions before the current ones.
fn merge_history(timeline: &mut Vec<Transition>, earlier: &[Transition]) {
    let first = timeline.first().map(|t| t.at);
    let mut merged: Vec<Transition> = earlier
        .iter()
        .filter(|t| first.is_none_or(|f| t.at < f))
        .cloned()
        .collect();
    for transition in timeline.drain(..) {
        if merged
            .last()
            .is_none_or(|last| last.state != transition.state)
        {
            merged.push(transition);
        }
    }
    let excess = merged.len().saturating_sub(MAX_TRANSITIONS);
    merged.drain(..excess);
    *timeline = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Drive, DriveState};

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + second).unwrap()
    }

    fn drive(id: &str, bytes: i64) -> Drive {
        Drive {
            drive_id: id.into(),
            state: DriveState::Transferring,
            copy_status: Some("InProgress".into()),
            percent_complete: Some(10),
            bytes_succeeded: Some(bytes),
            manifest_file: None,
            error_log_uri: None,
            verbose_log_uri: None,
            manifest_uri: None,
        }
    }

    fn job(name: &str, state: JobState, bytes: &[i64]) -> Job {
        let mut job = Job::new(JobKey::new("sub", "rg", name), state);
        job.drives = Some(
            bytes
                .iter()
                .enumerate()
                .map(|(i, b)| drive(&format!("D{i}"), *b))
                .collect(),
        );
        job
    }

    #[test]
    fn pages_of_a_first_listing_show_at_once_and_the_listing_then_decides() {
        let mut store = Store::default();
        store.apply(Event::Partial {
            jobs: vec![
                job("a", JobState::Creating, &[]),
                job("b", JobState::Shipping, &[]),
            ],
            at: at(0),
        });
        assert_eq!(
            store.len(),
            2,
            "the first page is there before the listing ends"
        );
        assert!(
            store.activity().next().is_none(),
            "nothing logged for a page"
        );
        store.apply(Event::ListingDone {
            subscription: "sub".into(),
            jobs: 1,
            gone: vec![JobKey::new("sub", "rg", "a")],
            first: true,
            at: at(1),
        });
        assert_eq!(store.len(), 1, "the end of the listing drops what is gone");
        let texts: Vec<&str> = store.activity().map(|a| a.text.as_str()).collect();
        assert!(
            texts.contains(&"Listed 1 job(s) of subscription sub"),
            "{texts:?}"
        );
    }

    #[test]
    fn progress_samples_stay_bounded_and_a_cancel_chart_keeps_its_span() {
        let mut store = Store::default();
        let (idle, cancelling) = (JobKey::new("sub", "rg", "a"), JobKey::new("sub", "rg", "b"));
        let mut pending = job("b", JobState::Transferring, &[0]);
        pending.cancel_requested = true;
        store.apply(Event::Partial {
            jobs: vec![job("a", JobState::Transferring, &[0]), pending.clone()],
            at: at(0),
        });
        for i in 1..5_000 {
            let mut moved = job("a", JobState::Transferring, &[i]);
            store.apply(Event::Loaded {
                job: moved.clone(),
                at: at(i),
            });
            moved = pending.clone();
            moved.drives = Some(vec![drive("D0", i)]);
            store.apply(Event::Loaded {
                job: moved,
                at: at(i),
            });
        }
        let idle = &store.get(&idle).unwrap().progress;
        assert_eq!(idle.len(), MAX_IDLE_SAMPLES);
        assert_eq!(idle.last().unwrap().at, at(4_999), "the newest are kept");
        let chart = &store.get(&cancelling).unwrap().progress;
        assert!(
            chart.len() <= MAX_SAMPLES && chart.len() > MAX_SAMPLES / 2,
            "{}",
            chart.len()
        );
        assert_eq!(chart[0].at, at(0), "the span starts where it started");
        assert_eq!(chart.last().unwrap().at, at(4_999));
    }

    #[test]
    fn an_action_shows_at_once_then_the_answer_replaces_it() {
        let mut store = Store::default();
        let key = JobKey::new("sub", "rg", "a");
        store.apply(Event::Partial {
            jobs: vec![job("a", JobState::Transferring, &[100, 0])],
            at: at(0),
        });
        assert!(
            store
                .get(&key)
                .unwrap()
                .permission(Action::Cancel)
                .is_allowed()
        );
        let version = store.version();
        assert!(store.apply(Event::ActionSent {
            key: key.clone(),
            action: Action::Cancel,
            at: at(1)
        }));
        assert!(store.version() > version);
        let entry = store.get(&key).unwrap();
        assert!(entry.cancel_pending(), "optimistic");
        assert_eq!(
            entry.permission(Action::Delete).reason(),
            Some("A cancel request is on its way")
        );
        let mut answered = job("a", JobState::Transferring, &[150, 0]);
        answered.cancel_requested = true;
        store.apply(Event::ActionDone {
            key: key.clone(),
            action: Action::Cancel,
            job: Some(answered),
            at: at(2),
        });
        let entry = store.get(&key).unwrap();
        assert!(entry.pending.is_none() && entry.job.cancel_requested);
        let watch = entry.cancel.as_ref().unwrap();
        assert!(watch.seen_requested);
        assert_eq!(watch.requested_at, at(1), "the moment the user asked");
        // Drives keep copying after the request.
        store.apply(Event::Loaded {
            job: {
                let mut j = job("a", JobState::Transferring, &[400, 0]);
                j.cancel_requested = true;
                j
            },
            at: at(12),
        });
        let entry = store.get(&key).unwrap();
        assert_eq!(
            entry.bytes_since_cancel(),
            [("D0".into(), 300), ("D1".into(), 0)],
            "from the 100 bytes seen at the click"
        );
        let rates = entry.drive_rates();
        assert!((rates[0] - 25.0).abs() < 1e-9, "{rates:?}");
        assert_eq!(store.cancellations().count(), 1);
    }

    #[test]
    fn a_failure_is_kept_next_to_the_job_and_in_the_log() {
        let mut store = Store::default();
        let key = JobKey::new("sub", "rg", "a");
        store.apply(Event::Loaded {
            job: job("a", JobState::Transferring, &[]),
            at: at(0),
        });
        store.apply(Event::ActionSent {
            key: key.clone(),
            action: Action::Cancel,
            at: at(1),
        });
        store.apply(Event::ActionFailed {
            key: key.clone(),
            action: Action::Cancel,
            code: Some("JobCannotBeCancelled".into()),
            message: "no".into(),
            request_id: Some("req-9".into()),
            at: at(2),
        });
        let entry = store.get(&key).unwrap();
        assert!(entry.pending.is_none());
        assert_eq!(
            entry.failure.as_ref().unwrap().code.as_deref(),
            Some("JobCannotBeCancelled")
        );
        assert_eq!(
            entry.failure.as_ref().unwrap().request_id.as_deref(),
            Some("req-9"),
            "what Azure support asks for stays with the failure"
        );
        let last = store.activity().last().unwrap();
        assert!(last.is_error && last.text.contains("JobCannotBeCancelled"));
        assert!(last.text.contains("(request id req-9)"), "{}", last.text);
    }

    #[test]
    fn listings_remove_gone_jobs_and_keep_drives_a_get_brought() {
        let mut store = Store::default();
        store.apply(Event::Partial {
            jobs: vec![
                job("a", JobState::Creating, &[5]),
                job("b", JobState::Creating, &[]),
            ],
            at: at(0),
        });
        let mut without_drives = Job::new(JobKey::new("sub", "rg", "a"), JobState::Shipping);
        without_drives.drives = None;
        store.apply(Event::Partial {
            jobs: vec![without_drives],
            at: at(30),
        });
        store.apply(Event::ListingDone {
            subscription: "sub".into(),
            jobs: 1,
            gone: vec![JobKey::new("sub", "rg", "b")],
            first: true,
            at: at(30),
        });
        assert_eq!(store.len(), 1, "b is gone");
        let entry = store.get(&JobKey::new("sub", "rg", "a")).unwrap();
        assert_eq!(
            entry.job.drives.as_ref().map(Vec::len),
            Some(1),
            "drives kept"
        );
        assert_eq!(
            entry
                .timeline
                .iter()
                .map(|t| t.state.clone())
                .collect::<Vec<_>>(),
            [JobState::Creating, JobState::Shipping]
        );
        // Nothing new: no change, no new version.
        let version = store.version();
        let mut same = Job::new(JobKey::new("sub", "rg", "a"), JobState::Shipping);
        same.drives = None;
        assert!(!store.apply(Event::Partial {
            jobs: vec![same],
            at: at(60)
        }));
        assert_eq!(store.version(), version);
    }

    #[test]
    fn polls_without_log_links_keep_the_ones_a_full_read_brought() {
        let mut store = Store::default();
        let key = JobKey::new("sub", "rg", "a");
        let mut full = job("a", JobState::Transferring, &[5, 6]);
        for drive in full.drives.iter_mut().flatten() {
            drive.verbose_log_uri = Some(format!("https://x/{}.xml", drive.drive_id).into());
        }
        store.apply(Event::Loaded {
            job: full,
            at: at(0),
        });
        let version = store.version();
        assert!(
            !store.apply(Event::Partial {
                jobs: vec![job("a", JobState::Transferring, &[5, 6])],
                at: at(1),
            }),
            "the same job without its links is no change"
        );
        assert_eq!(store.version(), version);
        store.apply(Event::Loaded {
            job: job("a", JobState::Transferring, &[7, 6]),
            at: at(2),
        });
        let drives = store.get(&key).unwrap().job.drives.clone().unwrap();
        assert_eq!(drives[0].bytes_succeeded, Some(7), "the poll's bytes");
        assert_eq!(
            drives[1].verbose_log_uri.as_deref(),
            Some("https://x/D1.xml"),
            "the full read's link"
        );
    }

    proptest::proptest! {
        /// The counts kept as events arrive equal a count over all jobs, whatever happened.
        #[test]
        fn kept_counts_equal_a_recount(
            events in proptest::collection::vec((0_usize..12, 0_u8..8, proptest::bool::ANY), 1..80),
        ) {
            let states = [JobState::Creating, JobState::Transferring, JobState::Packaging, JobState::Completed, JobState::Other("Faulted".into())];
            let mut store = Store::default();
            for (i, kind, flag) in events {
                let sub = if i % 3 == 0 { "sub-b" } else { "sub" };
                let key = JobKey::new(sub, "rg", format!("j{i}"));
                let mut job = Job::new(key.clone(), states[i % states.len()].clone());
                job.cancel_requested = flag;
                let event = match kind {
                    0 => Event::Gone { key, at: at(1) },
                    1 => Event::ActionSent { key, action: if flag { Action::Cancel } else { Action::Delete }, at: at(1) },
                    2 => Event::ActionFailed { key, action: Action::Cancel, code: None, message: "no".into(), request_id: None, at: at(1) },
                    3 => Event::ActionDone { key, action: if flag { Action::Cancel } else { Action::Delete }, job: flag.then_some(job), at: at(1) },
                    4 => Event::ListingDone { subscription: sub.into(), jobs: 0, gone: vec![key], first: flag, at: at(1) },
                    5 => Event::Watching(if flag { vec!["sub".into()] } else { Vec::new() }),
                    _ => Event::Partial { jobs: vec![job], at: at(1) },
                };
                store.apply(event);
                let mut counts = BTreeMap::new();
                for entry in store.iter() {
                    *counts.entry(entry.job.state.as_str().to_owned()).or_insert(0) += 1;
                }
                proptest::prop_assert_eq!(store.state_counts(), &counts);
                let kept: Vec<&JobKey> = store.cancellations().map(|e| &e.job.key).collect();
                let counted: Vec<&JobKey> = store.iter().filter(|e| e.cancel_pending()).map(|e| &e.job.key).collect();
                proptest::prop_assert_eq!(kept, counted);
            }
        }
    }

    #[test]
    fn completion_gives_the_deletion_date() {
        let mut store = Store::default();
        let key = JobKey::new("sub", "rg", "a");
        store.apply(Event::Loaded {
            job: job("a", JobState::Packaging, &[]),
            at: at(0),
        });
        assert_eq!(store.get(&key).unwrap().deletion_at(), None);
        store.apply(Event::Loaded {
            job: job("a", JobState::Completed, &[]),
            at: at(100),
        });
        assert_eq!(
            store.get(&key).unwrap().deletion_at(),
            Some(at(100).checked_add(RETENTION).unwrap())
        );
        // Seen Completed from the start: the return shipment's date, when it is a timestamp.
        let mut finished = job("b", JobState::Completed, &[]);
        finished.return_package = Some(Box::new(crate::model::Package {
            ship_date: Some("2026-01-01T00:00:00Z".into()),
            ..Default::default()
        }));
        store.apply(Event::Loaded {
            job: finished,
            at: at(0),
        });
        let deletion = store
            .get(&JobKey::new("sub", "rg", "b"))
            .unwrap()
            .deletion_at()
            .unwrap();
        assert_eq!(deletion.to_string(), "2026-04-01T00:00:00Z");
    }

    #[test]
    fn polling_degrades_and_recovers_with_one_log_line_each() {
        let mut store = Store::default();
        let down = |retry| WorkerStatus {
            degraded: Some(("down".to_owned(), at(retry))),
            ..WorkerStatus::default()
        };
        assert!(store.apply_status(&down(5), at(0)));
        assert!(
            !store.apply_status(&down(10), at(5)),
            "same message: nothing new to show"
        );
        assert_eq!(store.poll().degraded, Some(("down".to_owned(), at(10))));
        let up = WorkerStatus {
            last_success: Some(at(10)),
            ..WorkerStatus::default()
        };
        assert!(store.apply_status(&up, at(10)));
        assert_eq!(store.poll().degraded, None);
        assert_eq!(store.poll().last_success, Some(at(10)));
        let texts: Vec<_> = store.activity().map(|a| a.text.clone()).collect();
        assert_eq!(texts, ["Polling failed: down", "Connection restored"]);
    }

    #[test]
    fn a_failing_subscription_is_logged_once_and_its_recovery_too() {
        use super::super::status::{SubscriptionFailure, SubscriptionStatus};
        let mut store = Store::default();
        let failing = |code: &str| {
            let mut status = WorkerStatus::default();
            status.subscriptions.insert(
                "s1".into(),
                SubscriptionStatus {
                    failure: Some(SubscriptionFailure {
                        code: Some(code.to_owned()),
                        message: "no".into(),
                        refused: true,
                        since: at(0),
                        retry_at: at(300),
                    }),
                    ..SubscriptionStatus::default()
                },
            );
            status
                .subscriptions
                .insert("s2".into(), SubscriptionStatus::default());
            status
        };
        assert!(store.apply_status(&failing("AuthorizationFailed"), at(0)));
        assert!(!store.apply_status(&failing("AuthorizationFailed"), at(1)));
        let mut ok = failing("x");
        ok.subscriptions
            .insert("s1".into(), SubscriptionStatus::default());
        assert!(store.apply_status(&ok, at(2)));
        let texts: Vec<_> = store.activity().map(|a| a.text.clone()).collect();
        assert_eq!(
            texts,
            [
                "Subscription s1: not allowed to read Import/Export jobs (AuthorizationFailed). no",
                "Subscription s1 can be read again"
            ]
        );
    }

    #[test]
    fn histories_from_an_earlier_run_come_first() {
        let mut store = Store::default();
        let key = JobKey::new("sub", "rg", "a");
        store.apply(Event::HistoryLoaded(vec![(
            key.clone(),
            vec![
                Transition {
                    at: at(-100),
                    state: JobState::Shipping,
                },
                Transition {
                    at: at(-50),
                    state: JobState::Transferring,
                },
            ],
        )]));
        store.apply(Event::Loaded {
            job: job("a", JobState::Transferring, &[]),
            at: at(0),
        });
        let states: Vec<_> = store
            .get(&key)
            .unwrap()
            .timeline
            .iter()
            .map(|t| (t.at, t.state.clone()))
            .collect();
        assert_eq!(
            states,
            [
                (at(-100), JobState::Shipping),
                (at(-50), JobState::Transferring)
            ]
        );
    }
}
