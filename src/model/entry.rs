//! One job and what iejobs observed of it: its state timeline, the progress samples of its
//! drives, the cancel request it is watched for, the action on its way and the last failure.

use jiff::{SignedDuration, Timestamp};

use super::job::{Drive, Job};
use super::progress::Progress;
use super::rules::{Action, Permission};
use super::state::JobState;
use super::text::DriveId;

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
    /// The HTTP status of the service's answer, when one came (none: not sent, or no answer).
    pub status: Option<u16>,
    /// ARM error code.
    pub code: Option<String>,
    /// What went wrong.
    pub message: String,
    /// Azure's `x-ms-request-id` of the answer, when one came.
    pub request_id: Option<String>,
    /// When it happened.
    pub at: Timestamp,
}

impl ActionFailure {
    /// The one wording of a failure, for the table, the detail panel and the activity log:
    /// "Cancel failed: Conflict: the job is shipping".
    #[must_use]
    pub fn describe(&self) -> String {
        if let Some(code) = &self.code {
            crate::tr!(
                "failure-with-code",
                action = self.action.key(),
                code = code.as_str(),
                message = self.message.as_str()
            )
        } else {
            crate::tr!(
                "failure",
                action = self.action.key(),
                message = self.message.as_str()
            )
        }
    }

    /// [`Self::describe`] and Azure's request id, when one came: what the activity log keeps.
    #[must_use]
    pub fn describe_with_request_id(&self) -> String {
        let mut text = self.describe();
        if let Some(id) = &self.request_id {
            text.push_str(&crate::tr!("request-id-note", id = id.as_str()));
        }
        text
    }
}

/// What iejobs knows of a cancel request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CancelWatch {
    /// When it was requested, or first seen pending when iejobs did not send it.
    pub requested_at: Timestamp,
    /// Whether iejobs saw the request happen (false: it was pending when first seen).
    pub seen_requested: bool,
    /// Bytes per drive at that moment, by drive id.
    pub baseline: Vec<(DriveId, i64)>,
}

/// Where a cancel stands: what the table's Cancel column, the chips and the monitor say.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelPhase {
    /// Sent by this app, not confirmed yet: "requested…".
    Sending,
    /// Requested, and the job is not finished: drives in transfer may keep copying.
    InProgress,
    /// The job finished (Completed or Closed) with its cancel requested: it landed.
    Landed,
}

impl CancelPhase {
    /// The word of the table's Cancel column.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            CancelPhase::Sending => crate::tr!("cancel-phase-sending"),
            CancelPhase::InProgress => crate::tr!("cancel-phase-pending"),
            CancelPhase::Landed => crate::tr!("cancel-phase-landed"),
        }
    }

    /// What the word means, for its hover text.
    #[must_use]
    pub fn explanation(self) -> &'static str {
        match self {
            CancelPhase::Sending => crate::tr!("cancel-phase-sending-hover"),
            CancelPhase::InProgress => crate::tr!("cancel-phase-pending-hover"),
            CancelPhase::Landed => crate::tr!("cancel-phase-landed-hover"),
        }
    }

    /// Still under way (not landed).
    #[must_use]
    pub fn in_progress(self) -> bool {
        self != CancelPhase::Landed
    }
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
    pub progress: Progress,
    /// The cancel request, once known.
    pub cancel: Option<Box<CancelWatch>>,
}

impl JobEntry {
    pub(super) fn new(job: Job, at: Timestamp) -> Self {
        let mut entry = Self {
            timeline: vec![Transition {
                at,
                state: job.state.clone(),
            }],
            job,
            changed_at: at,
            pending: None,
            failure: None,
            progress: Progress::default(),
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

    /// Where the job's cancel stands, if it has one.
    #[must_use]
    pub fn cancel_phase(&self) -> Option<CancelPhase> {
        if self
            .pending
            .as_ref()
            .is_some_and(|p| p.action == Action::Cancel)
        {
            Some(CancelPhase::Sending)
        } else if !self.job.cancel_requested {
            None
        } else if self.job.state.is_finished() {
            Some(CancelPhase::Landed)
        } else {
            Some(CancelPhase::InProgress)
        }
    }

    /// Whether a cancel is requested, or on its way from this app (landed or not: see
    /// [`Self::cancel_phase`]).
    #[must_use]
    pub fn cancel_pending(&self) -> bool {
        self.cancel_phase().is_some()
    }

    /// Whether `action` may be started now: the job's rule, and no action already on its way.
    #[must_use]
    pub fn permission(&self, action: Action) -> Permission {
        if let Some(pending) = &self.pending {
            return Permission::Denied(crate::tr!(
                "rule-on-its-way",
                action = pending.action.key()
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
    pub fn bytes_since_cancel(&self) -> Vec<(DriveId, i64)> {
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
        if let [before, last] = self.progress.last_n(2)[..] {
            let seconds = last.at.duration_since(before.at).as_secs_f64();
            if seconds > 0.0 {
                for (i, rate) in rates.iter_mut().enumerate() {
                    if let (Some(a), Some(b)) = (before.drive_bytes(i), last.drive_bytes(i)) {
                        #[expect(
                            clippy::cast_precision_loss,
                            reason = "rates need no byte precision"
                        )]
                        let delta = b.saturating_sub(a).max(0) as f64;
                        *rate = delta / seconds;
                    }
                }
            }
        }
        rates
    }

    pub(super) fn start_cancel_watch(&mut self, at: Timestamp, seen_requested: bool) {
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
        if self.progress.last_is(&bytes) {
            return;
        }
        if self.cancel.is_some() {
            if self.progress.len() >= MAX_SAMPLES {
                // Keep the first (the span's start) and every other one after it.
                self.progress.keep_every_other();
            }
        } else if self.progress.len() >= MAX_IDLE_SAMPLES {
            let excess = self.progress.len() + 1 - MAX_IDLE_SAMPLES;
            self.progress.drop_oldest(excess);
        }
        self.progress.push(at, &bytes);
    }

    /// Replaces the job with a fresh read; true when anything visible changed.
    pub(super) fn update(&mut self, mut job: Job, at: Timestamp) -> bool {
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
        if changed_by_service(&self.job, &job) {
            self.changed_at = at;
        }
        self.job = job;
        self.record_progress(at);
        true
    }
}

/// Whether the service changed the job between two reads: what "Last change" means. Its
/// state, cancel flag, progress, a drive's state, copy status or bytes, a package, its
/// modification time are; a read that only brings more of the same job (the drives a
/// listing by resource group leaves out, log links, details only a full read carries) is
/// not, so opening a job or arrowing past it never moves its "Last change".
fn changed_by_service(before: &Job, after: &Job) -> bool {
    let drives_moved = match (&before.drives, &after.drives) {
        (Some(old), Some(new)) => {
            old.len() != new.len()
                || old.iter().zip(new).any(|(a, b)| {
                    a.drive_id != b.drive_id
                        || a.state != b.state
                        || a.copy_status != b.copy_status
                        || a.percent_complete != b.percent_complete
                        || a.bytes_succeeded != b.bytes_succeeded
                })
        }
        _ => false,
    };
    let both_and_differ =
        |a: Option<Timestamp>, b: Option<Timestamp>| matches!((a, b), (Some(a), Some(b)) if a != b);
    before.state != after.state
        || before.cancel_requested != after.cancel_requested
        || before.percent_complete != after.percent_complete
        || drives_moved
        || (after.return_package.is_some() && before.return_package != after.return_package)
        || (after.delivery_package.is_some() && before.delivery_package != after.delivery_package)
        || both_and_differ(before.last_modified_at, after.last_modified_at)
}

/// Gives drives read without log links the links an earlier read of the same drive had.
fn keep_log_links(new: &mut [Drive], old: &[Drive]) {
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
pub(super) fn merge_history(timeline: &mut Vec<Transition>, earlier: &[Transition]) {
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
    use crate::model::JobKey;

    fn drive(id: &str, bytes: i64) -> Drive {
        Drive {
            drive_id: DriveId::from(id),
            state: crate::model::DriveState::Transferring,
            copy_status: None,
            percent_complete: None,
            bytes_succeeded: Some(bytes),
            manifest_file: None,
            error_log_uri: None,
            verbose_log_uri: None,
            manifest_uri: None,
        }
    }

    /// "Last change" is what the service changed, never a read: the drives a listing left
    /// out, log links or details of a full read leave it alone; a state, the cancel flag or
    /// a drive's bytes move it.
    #[test]
    fn last_change_moves_with_the_service_not_with_a_read() {
        let t0 = Timestamp::UNIX_EPOCH;
        let later = |s: i64| t0.checked_add(jiff::SignedDuration::from_secs(s)).unwrap();
        let mut listed = Job::new(JobKey::new("s", "rg", "j"), JobState::Transferring);
        listed.drives = None;
        let mut entry = JobEntry::new(listed.clone(), t0);
        // Opened: the full read brings drives, log links and the diagnostics path.
        let mut full = listed.clone();
        let mut d = drive("D1", 100);
        d.verbose_log_uri = Some(crate::model::ArcStr::from("https://x/verbose.log"));
        full.drives = Some(vec![d]);
        full.diagnostics_path = Some(crate::model::ArcStr::from("waimportexport"));
        assert!(
            entry.update(full.clone(), later(10)),
            "shown: the drives are new"
        );
        assert_eq!(entry.changed_at, t0, "a read is not a change");
        // Listed again by resource group: drives left out, kept.
        let mut relisted = full.clone();
        relisted.drives = None;
        assert!(!entry.update(relisted, later(20)));
        assert_eq!(entry.changed_at, t0);
        // The drive copied more: a change.
        full.drives = Some(vec![drive("D1", 200)]);
        assert!(entry.update(full.clone(), later(30)));
        assert_eq!(entry.changed_at, later(30));
        // The cancel flag, then the state.
        full.cancel_requested = true;
        entry.update(full.clone(), later(40));
        assert_eq!(entry.changed_at, later(40));
        full.state = JobState::Completed;
        entry.update(full, later(50));
        assert_eq!(entry.changed_at, later(50));
    }

    #[test]
    fn a_cancel_is_sending_then_in_progress_then_landed() {
        let at = Timestamp::UNIX_EPOCH;
        let mut job = Job::new(JobKey::new("s", "rg", "j"), JobState::Transferring);
        let mut entry = JobEntry::new(job.clone(), at);
        assert_eq!(entry.cancel_phase(), None);
        entry.pending = Some(Pending {
            action: Action::Cancel,
            since: at,
        });
        assert_eq!(entry.cancel_phase(), Some(CancelPhase::Sending));
        entry.pending = None;
        job.cancel_requested = true;
        entry.update(job.clone(), at);
        assert_eq!(entry.cancel_phase(), Some(CancelPhase::InProgress));
        for finished in [JobState::Completed, JobState::Closed] {
            job.state = finished;
            entry.update(job.clone(), at);
            assert_eq!(entry.cancel_phase(), Some(CancelPhase::Landed));
            assert!(entry.cancel_pending(), "still counted as a cancellation");
        }
        job.cancel_requested = false;
        entry.update(job, at);
        assert_eq!(entry.cancel_phase(), None, "a finished job never cancelled");
    }
}
