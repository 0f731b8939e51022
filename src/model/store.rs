//! The jobs and what was observed of them, with their tallies and the journal of changes.
//! The [`super::Session`] around it is the only caller of its changing methods: everything
//! the worker learns, and every action the user starts, arrives there as an
//! [`super::Event`]. Each change returns nothing but writes its line to the activity log
//! it is handed.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::activity::ActivityLog;
use super::entry::{
    ActionFailure, CancelPhase, JobEntry, MAX_TRANSITIONS, Pending, Transition, merge_history,
};
use super::job::{Job, JobKey};
use super::journal::Journal;
use super::rules::Action;

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
    journal: Journal,
    /// Timelines from earlier runs of jobs not listed yet (a listed job's entry takes its own).
    history: BTreeMap<JobKey, Vec<Transition>>,
}

impl Store {
    /// Takes a job as read or listed: new, or replacing what was known; logs a state change.
    /// True when anything changed.
    pub fn loaded(&mut self, job: Job, at: Timestamp, log: &mut ActivityLog) -> bool {
        let key = job.key.clone();
        if self.jobs.contains_key(&key) {
            let Some((old_state, changed, new_state, landed)) = self.edit(&key, |entry| {
                let old_state = entry.job.state.clone();
                let was_landed = entry.cancel_phase() == Some(CancelPhase::Landed);
                let changed = entry.update(job, at);
                let landed = (!was_landed && entry.cancel_phase() == Some(CancelPhase::Landed))
                    .then(|| landing_text(entry));
                (old_state, changed, entry.job.state.clone(), landed)
            }) else {
                return false;
            };
            if changed {
                self.journal.touch(&key);
            }
            if old_state != new_state {
                // A landing is the end of a cancel, not only a change of state.
                let text = match landed {
                    Some(landing) => format!("{old_state} -> {new_state}: {landing}"),
                    None => format!("{old_state} -> {new_state}"),
                };
                log.push(at, Some(key), text, false);
            }
            return changed;
        }
        let mut entry = JobEntry::new(job, at);
        if let Some(history) = self.history.remove(&key) {
            merge_history(&mut entry.timeline, &history);
        }
        self.journal.touch(&key);
        self.tally.add(&entry);
        self.jobs.insert(key, Box::new(entry));
        true
    }

    /// Drops a job that no longer exists, saying `why` in the log ("no longer exists",
    /// "no longer listed"); false when it was not there.
    pub fn gone(&mut self, key: JobKey, why: &str, at: Timestamp, log: &mut ActivityLog) -> bool {
        if self.remove(&key).is_none() {
            return false;
        }
        self.journal.touch(&key);
        log.push(at, Some(key), why.to_owned(), false);
        true
    }

    /// Drops jobs the worker forgot (their subscription is no longer watched), without a
    /// line each; true when any was here.
    pub fn forget(&mut self, keys: Vec<JobKey>) -> bool {
        /// Beyond this many, views rebuild rather than update row by row.
        const TOUCHED_MAX: usize = 1024;
        let many = keys.len() > TOUCHED_MAX;
        let mut changed = false;
        for key in keys {
            if self.remove(&key).is_some() {
                changed = true;
                if !many {
                    self.journal.touch(&key);
                }
            }
        }
        if changed && many {
            self.journal.reset();
        }
        changed
    }

    /// The user started `action` on `key`: it shows at once as on its way.
    pub fn action_sent(
        &mut self,
        key: JobKey,
        action: Action,
        at: Timestamp,
        log: &mut ActivityLog,
    ) -> bool {
        let found = self.edit(&key, |entry| {
            entry.pending = Some(Pending { action, since: at });
            entry.failure = None;
        });
        if found.is_none() {
            return false;
        }
        self.journal.touch(&key);
        log.push(
            at,
            Some(key),
            crate::tr!("activity-requested", action = action.key()),
            false,
        );
        true
    }

    /// The service confirmed `action`: a deleted job goes; a cancelled one is watched from
    /// the moment the user asked.
    pub fn action_done(
        &mut self,
        key: JobKey,
        action: Action,
        job: Option<Job>,
        at: Timestamp,
        log: &mut ActivityLog,
    ) -> bool {
        self.journal.touch(&key);
        match action {
            Action::Delete => {
                self.remove(&key);
                log.push(
                    at,
                    Some(key),
                    crate::tr!("activity-deleted").to_owned(),
                    false,
                );
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
                log.push(
                    at,
                    Some(key),
                    crate::tr!("activity-cancel-confirmed").to_owned(),
                    false,
                );
            }
        }
        true
    }

    /// An action failed, or was not sent: the failure is kept next to the job (typed, with
    /// the request id) and logged.
    pub fn action_failed(
        &mut self,
        key: JobKey,
        failure: ActionFailure,
        log: &mut ActivityLog,
    ) -> bool {
        self.journal.touch(&key);
        let (at, text) = (failure.at, failure.describe_with_request_id());
        self.edit(&key, |entry| {
            entry.pending = None;
            entry.failure = Some(Box::new(failure));
        });
        log.push(at, Some(key), text, true);
        true
    }

    /// Timelines of earlier runs: put before the listed jobs' own, kept for the others
    /// until they are listed.
    pub fn history_loaded(&mut self, histories: Vec<(JobKey, Vec<Transition>)>) -> bool {
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
        self.journal.reset();
        true
    }

    /// Ends an event: a new version if job data changed.
    pub fn close_version(&mut self) {
        self.journal.close();
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

    /// Bumped by every change of job data: caches of sorted and filtered views compare it.
    #[must_use]
    pub fn version(&self) -> u64 {
        self.journal.version()
    }

    /// The jobs changed since `version` (added, changed or removed), when the journal still
    /// knows; `None` means: rebuild from [`Self::iter`].
    #[must_use]
    pub fn changed_since(&self, version: u64) -> Option<Vec<&JobKey>> {
        self.journal.changed_since(version)
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

/// "cancel landed: 2 drive(s) copied after the request, 1 skipped, 27.5 GB since the
/// request": the end of a cancel as the activity log says it.
fn landing_text(entry: &JobEntry) -> String {
    use super::cancel_report::{DriveOutcome, cancel_report};
    let Some(report) = cancel_report(entry) else {
        return crate::tr!("activity-cancel-landed").to_owned();
    };
    let done = report.count(DriveOutcome::Done);
    let skipped = report.count(DriveOutcome::Skipped);
    crate::tr!(
        "activity-cancel-landed-drives",
        done = done,
        skipped = skipped,
        bytes = super::units::bytes(report.since_request)
    )
}
