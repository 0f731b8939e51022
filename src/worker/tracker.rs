//! What the worker knows of the jobs it watches, and the rules over it.
//!
//! A summary of what was last sent to the window of each job (so that unchanged reads send
//! nothing), which listing last named it, which jobs move and are read on the fast interval,
//! which have an action under way, and the state timelines. Pure bookkeeping: no I/O, no
//! clock of its own (the caller passes the instant and the time of day), no channel. Its
//! methods say what to send instead of sending it, so the worker's loop stays the only
//! place that talks to the window, and the rules are tested here without a runtime.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use jiff::Timestamp;

use super::History;
use super::hot::HotJobs;
use crate::model::{Job, JobKey, JobState, Transition};

/// What the worker knows of the jobs it watches (see the module's documentation).
#[derive(Debug)]
pub struct Tracker {
    /// What was last sent to the UI of each job: unchanged reads send nothing. A summary,
    /// not a copy: the store keeps the one full copy of every job.
    known: HashMap<JobKey, Known>,
    /// The jobs that move, read on the fast interval.
    hot: HotJobs,
    /// Counts listings; a job's [`Known::seen`] says which one last listed it.
    epoch: u32,
    /// Jobs with actions queued or under way, and how many: a listing that misses one does
    /// not report it gone before the action's own answer says what happened. A count, not
    /// a scan of the queue at each answer (a bulk of 100,000 would cost 10^10 comparisons).
    acting: HashMap<JobKey, u32>,
    /// The state timelines, and whether they are recorded at all (only when they are saved).
    history: History,
    record_history: bool,
    /// Timelines changed since the last save.
    dirty: bool,
    /// Jobs a listing named more than once, already told to the window.
    anomalies: HashSet<JobKey>,
    /// Subscriptions (lower case) listed in full at least once in this run.
    listed_once: HashSet<String>,
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
    /// The listing ([`Tracker::next_epoch`]) that last listed the job.
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

    /// Whether the job is read on the fast interval, and whether before the others.
    fn hot(self) -> Option<bool> {
        (self.moving && (self.cancel_requested || self.copying)).then_some(self.cancel_requested)
    }
}

impl Tracker {
    /// Knows nothing yet; records state timelines only when `record_history` (they are
    /// saved to a file).
    pub fn new(record_history: bool) -> Self {
        Self {
            known: HashMap::new(),
            hot: HotJobs::default(),
            epoch: 0,
            acting: HashMap::new(),
            history: History::default(),
            record_history,
            dirty: false,
            anomalies: HashSet::new(),
            listed_once: HashSet::new(),
        }
    }

    /// Takes the timelines an earlier run saved.
    pub fn load_history(&mut self, history: History) {
        self.history = history;
    }

    /// The state timelines.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Whether the timelines changed since the last call: they are to be saved.
    pub fn take_dirty(&mut self) -> bool {
        std::mem::take(&mut self.dirty)
    }

    /// A save of the timelines taken by [`Self::take_dirty`] failed: they are saved again
    /// at the next turn, with or without a new change.
    pub fn unsaved(&mut self) {
        self.dirty = true;
    }

    /// The number of a new listing: the jobs it lists are marked with it.
    pub fn next_epoch(&mut self) -> u32 {
        self.epoch = self.epoch.wrapping_add(1);
        self.epoch
    }

    /// One job read at `at`: the job to send when it differs from what was last sent.
    pub fn observed(&mut self, mut job: Job, at: Timestamp, now: Instant) -> Option<Job> {
        let summary = self.change(&mut job)?;
        self.record_state(&job.key, &job.state, at);
        let seen = self.known.get(&job.key).map_or(0, |k| k.seen);
        self.remember(job.key.clone(), Known { seen, ..summary }, now);
        Some(job)
    }

    /// Jobs a listing (`epoch`) named at `at`: the ones to send, new or changed (a listing
    /// of 100,000 unchanged jobs sends nothing). All of them count as listed by `epoch` and
    /// as read now.
    pub fn listed(
        &mut self,
        mut jobs: Vec<Job>,
        epoch: u32,
        at: Timestamp,
        now: Instant,
    ) -> Vec<Job> {
        jobs.retain_mut(|job| {
            self.hot.seen(&job.key, now);
            let Some(summary) = self.change(job) else {
                if let Some(known) = self.known.get_mut(&job.key) {
                    known.seen = epoch;
                }
                return false;
            };
            self.record_state(&job.key, &job.state, at);
            self.remember(
                job.key.clone(),
                Known {
                    seen: epoch,
                    ..summary
                },
                now,
            );
            true
        });
        jobs
    }

    /// Whether the listing `epoch` named `key` already.
    pub fn listed_by(&self, key: &JobKey, epoch: u32) -> bool {
        self.known.get(key).is_some_and(|known| known.seen == epoch)
    }

    /// The end of `subscription`'s listing `epoch`: the jobs it did not list are gone, and
    /// forgotten. A job with an action under way is not: the action's own answer says what
    /// became of it.
    pub fn listing_done(&mut self, subscription: &str, epoch: u32) -> Vec<JobKey> {
        let mut gone = Vec::new();
        self.known.retain(|key, known| {
            let missing = known.seen != epoch
                && key.subscription_id.eq_ignore_ascii_case(subscription)
                && !self.acting.contains_key(key);
            if missing {
                gone.push(key.clone());
            }
            !missing
        });
        for key in &gone {
            self.hot.remove(key);
        }
        gone
    }

    /// Whether a complete listing of `subscription` is its first in this run (true once per
    /// subscription, even when it is watched again later).
    pub fn first_listing(&mut self, subscription: &str) -> bool {
        self.listed_once.insert(subscription.to_ascii_lowercase())
    }

    /// Forgets the jobs of subscriptions no longer watched (`watched` says which jobs stay);
    /// returns the keys forgotten.
    pub fn forget_unwatched(&mut self, watched: impl Fn(&JobKey) -> bool) -> Vec<JobKey> {
        let mut forgotten = Vec::new();
        self.known.retain(|key, _| {
            let keep = watched(key);
            if !keep {
                forgotten.push(key.clone());
            }
            keep
        });
        self.hot.retain(watched);
        forgotten
    }

    /// The job no longer exists.
    pub fn gone(&mut self, key: &JobKey) {
        self.known.remove(key);
        self.hot.remove(key);
    }

    /// Actions on `keys` are queued.
    pub fn acting_started(&mut self, keys: impl IntoIterator<Item = JobKey>) {
        for key in keys {
            *self.acting.entry(key).or_default() += 1;
        }
    }

    /// An action on `key` ended; the job stays acted on while another one on it is queued.
    pub fn acting_done(&mut self, key: &JobKey) {
        if let Some(count) = self.acting.get_mut(key) {
            *count -= 1;
            if *count == 0 {
                self.acting.remove(key);
            }
        }
    }

    /// The moving jobs of `subscription` due for a read (unread for `fast_poll`): how many,
    /// counted up to `count_up_to`, and the first `most` of them, cancels first, the longest
    /// unread first (see [`HotJobs::due`]).
    pub fn hot_due(
        &self,
        subscription: &str,
        fast_poll: Duration,
        now: Instant,
        most: usize,
        count_up_to: usize,
    ) -> (usize, Vec<JobKey>) {
        self.hot
            .due(subscription, fast_poll, now, most, count_up_to)
    }

    /// A fast-interval read of `key` started: it is not due again until it ends.
    pub fn hot_reading(&mut self, key: &JobKey) {
        self.hot.reading(key);
    }

    /// A fast-interval read of `key` ended (whatever its outcome).
    pub fn hot_read(&mut self, key: &JobKey, now: Instant) {
        self.hot.read(key, now);
    }

    /// Whether `key` is a listing's repeated job not told before: each is told once a run.
    pub fn first_anomaly(&mut self, key: &JobKey) -> bool {
        self.anomalies.insert(key.clone())
    }

    /// The summary to keep for `job` when it differs from what was last sent.
    fn change(&self, job: &mut Job) -> Option<Known> {
        let summary = Known::of(job);
        match self.known.get(&job.key) {
            Some(known) => known.update(summary),
            None => Some(summary),
        }
    }

    /// Keeps `known` for `key`, and whether it is read on the fast interval.
    fn remember(&mut self, key: JobKey, known: Known, now: Instant) {
        match known.hot() {
            Some(cancel) => self.hot.moving(&key, cancel, now),
            None => self.hot.remove(&key),
        }
        self.known.insert(key, known);
    }

    fn record_state(&mut self, key: &JobKey, state: &JobState, at: Timestamp) {
        if self.record_history {
            let transition = Transition {
                at,
                state: state.clone(),
            };
            self.dirty |= self.history.observe(key, &transition);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Drive, DriveState};

    const FAST: Duration = Duration::from_secs(2);

    fn key(subscription: &str, name: &str) -> JobKey {
        JobKey::new(subscription, "rg", name)
    }

    fn job(subscription: &str, name: &str, state: JobState) -> Job {
        Job::new(key(subscription, name), state)
    }

    fn drive(state: DriveState, bytes: i64) -> Drive {
        Drive {
            drive_id: "D0".into(),
            state,
            copy_status: None,
            percent_complete: None,
            bytes_succeeded: Some(bytes),
            manifest_file: None,
            error_log_uri: None,
            verbose_log_uri: None,
            manifest_uri: None,
        }
    }

    fn names(jobs: &[Job]) -> Vec<&str> {
        jobs.iter().map(|j| &*j.key.name).collect()
    }

    #[test]
    fn a_changed_job_is_sent_once_and_an_unchanged_read_sends_nothing() {
        let mut tracker = Tracker::new(false);
        let (at, now) = (Timestamp::now(), Instant::now());
        let first = job("s", "a", JobState::Shipping);
        assert_eq!(
            tracker.observed(first.clone(), at, now),
            Some(first.clone()),
            "a new job is sent"
        );
        assert_eq!(tracker.observed(first.clone(), at, now), None);
        let moved = job("s", "a", JobState::Received);
        assert_eq!(tracker.observed(moved.clone(), at, now), Some(moved));
        assert_eq!(
            tracker.observed(job("s", "a", JobState::Received), at, now),
            None
        );
        // A listing is held to the same rule.
        let epoch = tracker.next_epoch();
        let listed = tracker.listed(
            vec![
                job("s", "a", JobState::Received),
                job("s", "b", JobState::Creating),
            ],
            epoch,
            at,
            now,
        );
        assert_eq!(names(&listed), ["b"]);
    }

    #[test]
    fn a_listing_without_drives_keeps_the_drives_a_read_brought() {
        let mut tracker = Tracker::new(false);
        let (at, now) = (Timestamp::now(), Instant::now());
        // Copying only by its drive: the job itself is Received.
        let mut read = job("s", "a", JobState::Received);
        read.drives = Some(vec![drive(DriveState::Transferring, 10)]);
        assert!(tracker.observed(read, at, now).is_some());
        let epoch = tracker.next_epoch();
        let same_sans_drives = job("s", "a", JobState::Received);
        assert!(
            tracker
                .listed(vec![same_sans_drives.clone()], epoch, at, now)
                .is_empty(),
            "a listing that only lacks the drives changes nothing"
        );
        let mut moved = same_sans_drives;
        moved.percent_complete = Some(50);
        assert_eq!(
            tracker.listed(vec![moved.clone()], epoch, at, now),
            [moved.clone()],
            "a change besides the drives is one"
        );
        assert!(
            tracker.listed(vec![moved], epoch, at, now).is_empty(),
            "and it is told once"
        );
        // The drives it still has keep the job copying: read on the fast interval.
        assert_eq!(
            tracker
                .hot_due("s", FAST, now + FAST, usize::MAX, usize::MAX)
                .1,
            [key("s", "a")],
            "still copying"
        );
    }

    #[test]
    fn a_job_acted_on_is_not_gone_until_its_action_ends() {
        let mut tracker = Tracker::new(false);
        let (at, now) = (Timestamp::now(), Instant::now());
        let both = || {
            vec![
                job("s", "a", JobState::Shipping),
                job("s", "b", JobState::Shipping),
            ]
        };
        let epoch = tracker.next_epoch();
        tracker.listed(both(), epoch, at, now);
        assert!(tracker.listing_done("s", epoch).is_empty());
        tracker.acting_started([key("s", "b")]);
        tracker.acting_started([key("s", "b")]);
        let only_a = || vec![job("s", "a", JobState::Shipping)];
        let epoch = tracker.next_epoch();
        tracker.listed(only_a(), epoch, at, now);
        assert!(
            tracker.listing_done("s", epoch).is_empty(),
            "b has an action under way"
        );
        tracker.acting_done(&key("s", "b"));
        let epoch = tracker.next_epoch();
        tracker.listed(only_a(), epoch, at, now);
        assert!(
            tracker.listing_done("s", epoch).is_empty(),
            "another action on b is still queued"
        );
        tracker.acting_done(&key("s", "b"));
        let epoch = tracker.next_epoch();
        tracker.listed(only_a(), epoch, at, now);
        assert_eq!(tracker.listing_done("s", epoch), [key("s", "b")]);
        assert!(
            tracker.listing_done("s", epoch).is_empty(),
            "a job gone is forgotten"
        );
    }

    #[test]
    fn a_listing_reports_gone_only_its_own_subscription() {
        let mut tracker = Tracker::new(false);
        let (at, now) = (Timestamp::now(), Instant::now());
        let epoch = tracker.next_epoch();
        tracker.listed(
            vec![
                job("S1", "a", JobState::Shipping),
                job("s2", "b", JobState::Shipping),
            ],
            epoch,
            at,
            now,
        );
        let epoch = tracker.next_epoch();
        assert_eq!(
            tracker.listing_done("s1", epoch),
            [key("S1", "a")],
            "subscription ids compare without case"
        );
        assert!(tracker.listed_by(&key("s2", "b"), epoch - 1));
    }

    #[test]
    fn forgetting_unwatched_subscriptions_returns_exactly_their_keys() {
        let mut tracker = Tracker::new(false);
        let (at, now) = (Timestamp::now(), Instant::now());
        let epoch = tracker.next_epoch();
        let mut cancelling = job("s2", "c", JobState::Transferring);
        cancelling.cancel_requested = true;
        tracker.listed(
            vec![
                job("s1", "a", JobState::Shipping),
                job("s2", "b", JobState::Shipping),
                cancelling,
                job("s3", "d", JobState::Completed),
            ],
            epoch,
            at,
            now,
        );
        let mut forgotten = tracker.forget_unwatched(|key| &*key.subscription_id == "s1");
        forgotten.sort();
        assert_eq!(forgotten, [key("s2", "b"), key("s2", "c"), key("s3", "d")]);
        assert!(tracker.listed_by(&key("s1", "a"), epoch));
        assert!(!tracker.listed_by(&key("s2", "b"), epoch));
        assert!(
            tracker
                .hot_due("s2", FAST, now + FAST, usize::MAX, usize::MAX)
                .1
                .is_empty(),
            "no longer read on the fast interval"
        );
        assert!(tracker.forget_unwatched(|_| true).is_empty());
    }

    #[test]
    fn hot_jobs_cancels_first_and_a_finished_job_leaves() {
        let mut tracker = Tracker::new(false);
        let (at, start) = (Timestamp::now(), Instant::now());
        // Copying, and read longer ago than the cancel: without the rule it would come first.
        tracker.observed(job("s", "a", JobState::Transferring), at, start);
        let mut cancelling = job("s", "b", JobState::Shipping);
        cancelling.cancel_requested = true;
        tracker.observed(cancelling, at, start + Duration::from_millis(10));
        tracker.observed(job("s", "c", JobState::Shipping), at, start);
        tracker.observed(job("other", "d", JobState::Transferring), at, start);
        assert!(
            tracker
                .hot_due(
                    "s",
                    FAST,
                    start + Duration::from_secs(1),
                    usize::MAX,
                    usize::MAX
                )
                .1
                .is_empty(),
            "read too recently"
        );
        let now = start + Duration::from_secs(3);
        assert_eq!(
            tracker.hot_due("s", FAST, now, usize::MAX, usize::MAX).1,
            [key("s", "b"), key("s", "a")]
        );
        tracker.hot_reading(&key("s", "b"));
        assert_eq!(
            tracker.hot_due("s", FAST, now, usize::MAX, usize::MAX).1,
            [key("s", "a")],
            "a read under way is not due"
        );
        tracker.hot_read(&key("s", "b"), now);
        assert_eq!(
            tracker.hot_due("s", FAST, now, usize::MAX, usize::MAX).1,
            [key("s", "a")]
        );
        assert_eq!(
            tracker
                .hot_due("s", FAST, now + FAST, usize::MAX, usize::MAX)
                .1,
            [key("s", "b"), key("s", "a")]
        );
        tracker.observed(job("s", "a", JobState::Completed), at, now);
        assert_eq!(
            tracker
                .hot_due("s", FAST, now + FAST, usize::MAX, usize::MAX)
                .1,
            [key("s", "b")]
        );
    }

    #[test]
    fn hot_due_counts_them_all_and_gives_the_first_few_in_order() {
        let mut tracker = Tracker::new(false);
        let (at, start) = (Timestamp::now(), Instant::now());
        // Read at different times: the longest unread first; one cancel before them all.
        for i in 0..50_u64 {
            tracker.observed(
                job("s", &format!("j{i:02}"), JobState::Transferring),
                at,
                start + Duration::from_millis(50 - i),
            );
        }
        let mut cancelling = job("s", "z", JobState::Shipping);
        cancelling.cancel_requested = true;
        tracker.observed(cancelling, at, start + Duration::from_millis(60));
        let now = start + Duration::from_secs(5);
        let (count, all) = tracker.hot_due("s", FAST, now, usize::MAX, usize::MAX);
        assert_eq!((count, all.len()), (51, 51));
        let (count, first) = tracker.hot_due("s", FAST, now, 4, usize::MAX);
        assert_eq!(count, 51, "the count is of every due job");
        assert_eq!(first, all[..4], "the first four, in the same order");
        assert_eq!(
            first,
            [
                key("s", "z"),
                key("s", "j49"),
                key("s", "j48"),
                key("s", "j47")
            ]
        );
        assert_eq!(
            tracker.hot_due("s", FAST, now, 0, usize::MAX),
            (51, Vec::new())
        );
    }

    #[test]
    fn a_job_seen_by_a_listing_is_listed_by_it() {
        let mut tracker = Tracker::new(false);
        let (at, now) = (Timestamp::now(), Instant::now());
        let first = tracker.next_epoch();
        let second = tracker.next_epoch();
        assert_ne!(first, second);
        assert!(!tracker.listed_by(&key("s", "a"), second), "unknown");
        tracker.listed(vec![job("s", "a", JobState::Shipping)], second, at, now);
        assert!(tracker.listed_by(&key("s", "a"), second));
        assert!(!tracker.listed_by(&key("s", "a"), first));
        // Unchanged, it is not sent again but still counts as listed.
        let third = tracker.next_epoch();
        assert!(
            tracker
                .listed(vec![job("s", "a", JobState::Shipping)], third, at, now)
                .is_empty()
        );
        assert!(tracker.listed_by(&key("s", "a"), third));
        // A read between listings keeps the mark.
        assert!(
            tracker
                .observed(job("s", "a", JobState::Received), at, now)
                .is_some()
        );
        assert!(tracker.listed_by(&key("s", "a"), third));
        assert!(tracker.listing_done("s", third).is_empty());
    }

    #[test]
    fn states_are_recorded_only_when_the_history_is_kept() {
        let (at, now) = (Timestamp::now(), Instant::now());
        let mut kept = Tracker::new(true);
        kept.observed(job("s", "a", JobState::Shipping), at, now);
        assert!(kept.take_dirty());
        assert!(!kept.take_dirty(), "taken");
        kept.observed(job("s", "a", JobState::Shipping), at, now);
        assert!(!kept.take_dirty(), "nothing new");
        assert_eq!(kept.history().timelines().len(), 1);
        let mut not_kept = Tracker::new(false);
        not_kept.observed(job("s", "a", JobState::Shipping), at, now);
        assert!(!not_kept.take_dirty());
        assert!(not_kept.history().timelines().is_empty());
    }

    #[test]
    fn anomalies_and_first_listings_are_told_once_a_run() {
        let mut tracker = Tracker::new(false);
        assert!(tracker.first_anomaly(&key("s", "a")));
        assert!(!tracker.first_anomaly(&key("s", "a")));
        assert!(tracker.first_listing("S1"));
        assert!(!tracker.first_listing("s1"));
        tracker.forget_unwatched(|_| false);
        assert!(
            !tracker.first_listing("s1"),
            "watched again, in the same run"
        );
        assert!(tracker.first_listing("s2"));
    }
}
