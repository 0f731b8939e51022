//! What deserves a desktop notification: a cancel that landed, a delete the service
//! confirmed, an action that failed, and the service unreachable for five minutes (and
//! reachable again after that). A cancel takes hours to days to land, and nobody watches the
//! window that long.
//!
//! [`Notifier`] decides; it does no I/O and knows no egui, tokio or D-Bus (the window hands
//! its [`Notification`]s to `ui::desktop_notify`). It is fed each worker event *before*
//! [`super::Session::apply`] takes it ([`Notifier::observe`]: the store still holds the job
//! as it was, which is how a landing is told from a job first seen landed), each worker
//! status ([`Notifier::observe_status`]), and asked once a frame for what is due
//! ([`Notifier::take`]). Outcomes of one kind that come close together (a bulk cancel
//! landing in one listing, or read job by job over a few seconds) wait until none has come
//! for [`GROUP_QUIET`] (at most [`GROUP_MAX_WAIT`]) and make one notification: "9 cancels
//! landed: a, b, c and 6 more", never nine popups.

use jiff::{SignedDuration, Timestamp};

use super::entry::CancelPhase;
use super::event::Event;
use super::job::{Job, JobKey};
use super::rules::Action;
use super::status::WorkerStatus;
use super::store::Store;

/// How long the service must be unreachable, without a break, before a notification says
/// so (once; see [`NotificationKind::Unreachable`]).
pub const UNREACHABLE_AFTER: SignedDuration = SignedDuration::from_mins(5);
/// Outcomes of one kind are held until none has come for this long, so that a burst
/// becomes one notification.
pub const GROUP_QUIET: SignedDuration = SignedDuration::from_secs(3);
/// The longest an outcome is held for grouping, however many keep coming.
pub const GROUP_MAX_WAIT: SignedDuration = SignedDuration::from_secs(20);
/// Jobs named in a grouped notification; the rest are counted ("and 6 more").
pub const NAMED_IN_GROUP: usize = 3;

/// What a notification is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum NotificationKind {
    /// Cancels landed: the jobs reached Completed or Closed after a cancel request.
    CancelLanded,
    /// The service confirmed deletes sent from this window.
    DeleteConfirmed,
    /// Actions failed (or were not sent because the freshest state forbade them).
    ActionFailed,
    /// Nothing could be read for [`UNREACHABLE_AFTER`]: said once per outage.
    Unreachable,
    /// Jobs can be read again after an outage that was notified (only then).
    Reachable,
}

/// One desktop notification, worded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notification {
    /// What it is about.
    pub kind: NotificationKind,
    /// The summary line, e.g. "Cancel landed".
    pub title: String,
    /// The text, naming the jobs (name and resource group) and the outcome.
    pub body: String,
}

/// One outcome waiting to be grouped and worded.
#[derive(Clone, Debug, PartialEq)]
struct Outcome {
    kind: NotificationKind,
    key: JobKey,
    /// The action, for failures.
    action: Option<Action>,
    /// The failure in words, for failures.
    detail: Option<String>,
}

/// Decides which desktop notifications to make; see the module's documentation.
#[derive(Debug)]
pub struct Notifier {
    enabled: bool,
    pending: Vec<Outcome>,
    /// When the first and the last pending outcome came.
    first_at: Option<Timestamp>,
    last_at: Option<Timestamp>,
    /// Since when nothing can be read (the worker's status is degraded), as observed.
    unreachable_since: Option<Timestamp>,
    /// Whether the current outage was notified (or passed while notifications were off).
    unreachable_told: bool,
    /// An outage that was notified ended: "reachable again" is due.
    reachable_due: bool,
}

impl Default for Notifier {
    fn default() -> Self {
        Self::new(true)
    }
}

impl Notifier {
    /// A notifier, switched on or off.
    #[must_use]
    pub fn new(enabled: bool) -> Self {
        Self {
            enabled,
            pending: Vec::new(),
            first_at: None,
            last_at: None,
            unreachable_since: None,
            unreachable_told: false,
            reachable_due: false,
        }
    }

    /// Whether notifications are on.
    #[must_use]
    pub fn enabled(&self) -> bool {
        self.enabled
    }

    /// Switches notifications on or off, at once. Switched off, what is waiting is dropped;
    /// switched on again, nothing that happened meanwhile is notified late.
    pub fn set_enabled(&mut self, on: bool) {
        self.enabled = on;
        if !on {
            self.pending.clear();
            self.first_at = None;
            self.last_at = None;
            self.reachable_due = false;
        }
    }

    /// Takes note of a worker event, *before* the session applies it: `store` still holds
    /// the jobs as they were.
    pub fn observe(&mut self, store: &Store, event: &Event, now: Timestamp) {
        if !self.enabled {
            return;
        }
        match event {
            Event::Loaded { job, .. }
            | Event::ActionDone {
                action: Action::Cancel,
                job: Some(job),
                ..
            } => self.landed(store, job, now),
            Event::Partial { jobs, .. } => {
                for job in jobs {
                    self.landed(store, job, now);
                }
            }
            Event::ActionDone {
                key,
                action: Action::Delete,
                ..
            } => self.push(NotificationKind::DeleteConfirmed, key, None, None, now),
            Event::ActionFailed {
                key,
                action,
                code,
                message,
                ..
            } => {
                let detail = match code {
                    Some(code) => format!("{code}: {message}"),
                    None => message.clone(),
                };
                self.push(
                    NotificationKind::ActionFailed,
                    key,
                    Some(*action),
                    Some(detail),
                    now,
                );
            }
            _ => {}
        }
    }

    /// Takes note of the worker's latest status: whether anything can be read at all.
    pub fn observe_status(&mut self, status: &WorkerStatus, now: Timestamp) {
        match (&status.degraded, self.unreachable_since) {
            (Some(_), None) => self.unreachable_since = Some(now),
            (None, Some(_)) => {
                self.reachable_due = self.unreachable_told && self.enabled;
                self.unreachable_since = None;
                self.unreachable_told = false;
            }
            _ => {}
        }
    }

    /// The notifications due at `now`, worded from the jobs as `store` holds them now (the
    /// session having applied the events observed). Call it once a frame.
    pub fn take(&mut self, store: &Store, now: Timestamp) -> Vec<Notification> {
        let mut out = Vec::new();
        if let Some(since) = self.unreachable_since
            && !self.unreachable_told
            && since + UNREACHABLE_AFTER <= now
        {
            // Marked told even while off: switching on later does not bring it up late.
            self.unreachable_told = true;
            if self.enabled {
                out.push(Notification {
                    kind: NotificationKind::Unreachable,
                    title: crate::tr!("notify-unreachable").to_owned(),
                    body: crate::tr!(
                        "notify-unreachable-body",
                        minutes = UNREACHABLE_AFTER.as_mins()
                    ),
                });
            }
        }
        if std::mem::take(&mut self.reachable_due) && self.enabled {
            out.push(Notification {
                kind: NotificationKind::Reachable,
                title: crate::tr!("notify-reachable").to_owned(),
                body: crate::tr!("notify-reachable-body").to_owned(),
            });
        }
        if self.group_due(now) {
            let pending = std::mem::take(&mut self.pending);
            self.first_at = None;
            self.last_at = None;
            out.extend(group(store, pending));
        }
        out
    }

    /// When [`Self::take`] may next have something, if anything is waiting: the window asks
    /// for a frame then.
    #[must_use]
    pub fn next_due(&self) -> Option<Timestamp> {
        let group = match (self.first_at, self.last_at) {
            (Some(first), Some(last)) => Some((last + GROUP_QUIET).min(first + GROUP_MAX_WAIT)),
            _ => None,
        };
        let outage = self
            .unreachable_since
            .filter(|_| !self.unreachable_told)
            .map(|since| since + UNREACHABLE_AFTER);
        [group, outage].into_iter().flatten().min()
    }

    fn group_due(&self, now: Timestamp) -> bool {
        match (self.first_at, self.last_at) {
            (Some(first), Some(last)) => last + GROUP_QUIET <= now || first + GROUP_MAX_WAIT <= now,
            _ => false,
        }
    }

    /// A job read: a landing when it is finished with its cancel requested now, and was
    /// known before and not landed then. A job first seen landed (at start, after the
    /// history loaded) landed before this run watched it.
    fn landed(&mut self, store: &Store, job: &Job, now: Timestamp) {
        if !(job.cancel_requested && job.state.is_finished()) {
            return;
        }
        let Some(before) = store.get(&job.key) else {
            return;
        };
        let landing = match before.cancel_phase() {
            Some(CancelPhase::Sending | CancelPhase::InProgress) => true,
            Some(CancelPhase::Landed) => false,
            // Requested and landed between two reads (from the portal, say).
            None => !before.job.state.is_finished(),
        };
        if landing {
            self.push(NotificationKind::CancelLanded, &job.key, None, None, now);
        }
    }

    fn push(
        &mut self,
        kind: NotificationKind,
        key: &JobKey,
        action: Option<Action>,
        detail: Option<String>,
        now: Timestamp,
    ) {
        let outcome = Outcome {
            kind,
            key: key.clone(),
            action,
            detail,
        };
        if self.pending.contains(&outcome) {
            return;
        }
        self.pending.push(outcome);
        self.first_at.get_or_insert(now);
        self.last_at = Some(now);
    }
}

/// One notification per kind (and per action, for failures), in the order of kinds.
fn group(store: &Store, mut pending: Vec<Outcome>) -> Vec<Notification> {
    pending.sort_by_key(|o| (o.kind, o.action.map(|a| a == Action::Delete)));
    let mut out = Vec::new();
    for chunk in pending.chunk_by(|a, b| a.kind == b.kind && a.action == b.action) {
        out.push(word(store, chunk));
    }
    out
}

/// The words of one group of outcomes of one kind.
fn word(store: &Store, outcomes: &[Outcome]) -> Notification {
    let kind = outcomes[0].kind;
    let count = outcomes.len();
    let action = outcomes[0].action.unwrap_or(Action::Cancel);
    let (title, body) = if let [one] = outcomes {
        let job = job_name(&one.key);
        match kind {
            NotificationKind::CancelLanded => (
                crate::tr!("notify-cancel-landed").to_owned(),
                landed_body(store, &one.key),
            ),
            NotificationKind::DeleteConfirmed => (
                crate::tr!("notify-delete-confirmed").to_owned(),
                crate::tr!("notify-deleted-body", job = job),
            ),
            _ => (
                crate::tr!("notify-failed", action = action.key()),
                format!(
                    "{job}: {}",
                    one.detail
                        .as_deref()
                        .unwrap_or(crate::tr!("notify-failed-detail"))
                ),
            ),
        }
    } else {
        let title = match kind {
            NotificationKind::CancelLanded => crate::tr!("notify-cancels-landed", count = count),
            NotificationKind::DeleteConfirmed => {
                crate::tr!("notify-deletes-confirmed", count = count)
            }
            _ => crate::tr!("notify-many-failed", action = action.key(), count = count),
        };
        (title, names(outcomes))
    };
    Notification { kind, title, body }
}

/// "dr-test-restore (rg-backup)".
fn job_name(key: &JobKey) -> String {
    format!("{} ({})", key.name, key.resource_group)
}

/// "a (rg), b (rg), c (rg) and 6 more", or all of them when they are few.
fn names(outcomes: &[Outcome]) -> String {
    let mut named: Vec<String> = outcomes
        .iter()
        .take(NAMED_IN_GROUP)
        .map(|o| job_name(&o.key))
        .collect();
    let rest = outcomes.len() - named.len();
    if rest > 0 {
        return crate::tr!("notify-names-more", names = named.join(", "), count = rest);
    }
    let last = named.pop().unwrap_or_default();
    if named.is_empty() {
        last
    } else {
        crate::tr!("notify-names-and", names = named.join(", "), last = last)
    }
}

/// "dr-test-restore (rg-backup) is Completed (3 drives, 27.5 GB copied after the request)".
fn landed_body(store: &Store, key: &JobKey) -> String {
    let Some(entry) = store.get(key) else {
        return crate::tr!("notify-finished", job = job_name(key));
    };
    let drives = entry.job.drives.as_ref().map_or(0, Vec::len);
    let copied: i64 = entry
        .bytes_since_cancel()
        .iter()
        .map(|(_, b)| *b)
        .fold(0, i64::saturating_add);
    if drives > 0 {
        crate::tr!(
            "notify-landed-drives",
            job = job_name(key),
            state = entry.job.state.as_str(),
            count = drives,
            bytes = super::units::bytes(copied)
        )
    } else {
        crate::tr!(
            "notify-landed",
            job = job_name(key),
            state = entry.job.state.as_str()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Drive, DriveState, JobState, Session, Transition};

    fn at(second: i64) -> Timestamp {
        Timestamp::from_second(1_800_000_000 + second).unwrap()
    }

    fn key(name: &str) -> JobKey {
        JobKey::new("sub", "rg-backup", name)
    }

    fn job(name: &str, state: JobState, cancel: bool, bytes: &[i64]) -> Job {
        let mut job = Job::new(key(name), state);
        job.cancel_requested = cancel;
        job.drives = Some(
            bytes
                .iter()
                .enumerate()
                .map(|(i, b)| Drive {
                    drive_id: format!("D{i}").as_str().into(),
                    state: DriveState::Transferring,
                    copy_status: None,
                    percent_complete: None,
                    bytes_succeeded: Some(*b),
                    manifest_file: None,
                    error_log_uri: None,
                    verbose_log_uri: None,
                    manifest_uri: None,
                })
                .collect(),
        );
        job
    }

    /// A session and its notifier, fed as the window feeds them.
    struct World {
        session: Session,
        notifier: Notifier,
    }

    impl World {
        fn new() -> Self {
            Self {
                session: Session::default(),
                notifier: Notifier::new(true),
            }
        }

        fn event(&mut self, event: Event, now: i64) {
            self.notifier.observe(self.session.store(), &event, at(now));
            self.session.apply(event);
        }

        fn load(&mut self, job: Job, now: i64) {
            self.event(Event::Loaded { job, at: at(now) }, now);
        }

        fn take(&mut self, now: i64) -> Vec<Notification> {
            self.notifier.take(self.session.store(), at(now))
        }
    }

    #[test]
    fn a_cancel_that_lands_is_notified_once_with_its_job_and_bytes() {
        let mut w = World::new();
        let gb = 1_000_000_000;
        w.load(
            job("dr-test-restore", JobState::Transferring, false, &[0, 0, 0]),
            0,
        );
        w.load(
            job("dr-test-restore", JobState::Transferring, true, &[0, 0, 0]),
            10,
        );
        assert!(w.take(100).is_empty(), "a request is not a landing");
        w.load(
            job(
                "dr-test-restore",
                JobState::Completed,
                true,
                &[20 * gb, 7 * gb + gb / 2, 0],
            ),
            200,
        );
        assert!(w.take(201).is_empty(), "held a moment for grouping");
        assert_eq!(w.notifier.next_due(), Some(at(203)));
        let made = w.take(203);
        assert_eq!(
            made,
            [Notification {
                kind: NotificationKind::CancelLanded,
                title: "Cancel landed".into(),
                body: "dr-test-restore (rg-backup) is Completed (3 drives, 27.5 GB copied \
                       after the request)"
                    .into(),
            }]
        );
        // The next polls read it landed again: nothing more.
        w.load(
            job(
                "dr-test-restore",
                JobState::Completed,
                true,
                &[20 * gb, 7 * gb + gb / 2, 0],
            ),
            300,
        );
        w.load(
            job("dr-test-restore", JobState::Closed, true, &[1, 2, 3]),
            400,
        );
        assert!(w.take(1_000).is_empty());
        assert_eq!(w.notifier.next_due(), None);
    }

    #[test]
    fn a_job_seen_landed_at_start_or_after_the_history_is_not_notified() {
        let mut w = World::new();
        w.event(
            Event::HistoryLoaded(vec![(
                key("old"),
                vec![Transition {
                    at: at(-100),
                    state: JobState::Transferring,
                }],
            )]),
            0,
        );
        w.event(
            Event::Partial {
                jobs: vec![
                    job("old", JobState::Completed, true, &[5]),
                    job("older", JobState::Closed, true, &[]),
                ],
                at: at(0),
            },
            0,
        );
        w.load(job("old", JobState::Completed, true, &[5]), 5);
        assert!(w.take(100).is_empty());
    }

    #[test]
    fn a_cancel_requested_and_landed_between_two_reads_is_notified() {
        let mut w = World::new();
        w.load(job("a", JobState::Transferring, false, &[]), 0);
        w.load(job("done", JobState::Completed, false, &[]), 0);
        w.load(job("a", JobState::Completed, true, &[]), 10);
        // A finished job that gains the flag did not land a cancel now.
        w.load(job("done", JobState::Completed, true, &[]), 10);
        let made = w.take(100);
        assert_eq!(made.len(), 1, "{made:?}");
        assert_eq!(made[0].body, "a (rg-backup) is Completed");
    }

    #[test]
    fn a_confirmed_delete_is_notified() {
        let mut w = World::new();
        w.load(job("old-export", JobState::Completed, false, &[]), 0);
        w.event(
            Event::ActionSent {
                key: key("old-export"),
                action: Action::Delete,
                at: at(1),
            },
            1,
        );
        assert!(w.take(50).is_empty(), "sent is not confirmed");
        w.event(
            Event::ActionDone {
                key: key("old-export"),
                action: Action::Delete,
                job: None,
                at: at(60),
            },
            60,
        );
        let made = w.take(63);
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].kind, NotificationKind::DeleteConfirmed);
        assert_eq!(made[0].title, "Delete confirmed");
        assert_eq!(made[0].body, "old-export (rg-backup) is deleted");
    }

    #[test]
    fn a_failed_action_is_notified_with_the_service_code() {
        let mut w = World::new();
        w.load(job("a", JobState::Shipping, false, &[]), 0);
        w.event(
            Event::ActionFailed {
                key: key("a"),
                action: Action::Cancel,
                status: Some(409),
                code: Some("Conflict".into()),
                message: "the job is shipping".into(),
                request_id: None,
                at: at(1),
            },
            1,
        );
        let made = w.take(4);
        assert_eq!(
            made,
            [Notification {
                kind: NotificationKind::ActionFailed,
                title: "Cancel failed".into(),
                body: "a (rg-backup): Conflict: the job is shipping".into(),
            }]
        );
    }

    #[test]
    fn a_bulk_landing_is_one_notification_naming_three() {
        let mut w = World::new();
        let names: Vec<String> = (0..9).map(|i| format!("j{i}")).collect();
        let moving: Vec<Job> = names
            .iter()
            .map(|n| job(n, JobState::Transferring, true, &[]))
            .collect();
        w.event(
            Event::Partial {
                jobs: moving,
                at: at(0),
            },
            0,
        );
        // Six land in one listing, three read one by one a second apart: one notification.
        let landed = |n: &String| job(n, JobState::Completed, true, &[]);
        w.event(
            Event::Partial {
                jobs: names[..6].iter().map(landed).collect(),
                at: at(100),
            },
            100,
        );
        for (i, name) in names[6..].iter().enumerate() {
            let now = 101 + i64::try_from(i).unwrap();
            w.load(landed(name), now);
            assert!(w.take(now).is_empty(), "still coming");
        }
        let made = w.take(106);
        assert_eq!(made.len(), 1, "{made:?}");
        assert_eq!(made[0].title, "9 cancels landed");
        assert_eq!(
            made[0].body,
            "j0 (rg-backup), j1 (rg-backup), j2 (rg-backup) and 6 more"
        );
    }

    #[test]
    fn a_steady_stream_is_told_after_the_longest_wait() {
        let mut w = World::new();
        for i in 0..40 {
            w.load(job(&format!("j{i}"), JobState::Transferring, true, &[]), 0);
        }
        let mut made = Vec::new();
        for i in 0..40 {
            w.load(
                job(&format!("j{i}"), JobState::Completed, true, &[]),
                100 + i,
            );
            made.extend(w.take(100 + i));
        }
        assert_eq!(made.len(), 1, "{made:?}");
        assert_eq!(made[0].title, "21 cancels landed", "from 100 to 120 s");
    }

    #[test]
    fn kinds_are_grouped_apart_and_two_are_both_named() {
        let mut w = World::new();
        for name in ["a", "b"] {
            w.event(
                Event::ActionDone {
                    key: key(name),
                    action: Action::Delete,
                    job: None,
                    at: at(0),
                },
                0,
            );
        }
        w.event(
            Event::ActionFailed {
                key: key("c"),
                action: Action::Delete,
                status: None,
                code: None,
                message: "no".into(),
                request_id: None,
                at: at(0),
            },
            0,
        );
        let made = w.take(10);
        let titles: Vec<&str> = made.iter().map(|n| n.title.as_str()).collect();
        assert_eq!(titles, ["2 deletes confirmed", "Delete failed"]);
        assert_eq!(made[0].body, "a (rg-backup) and b (rg-backup)");
    }

    #[test]
    fn unreachable_for_five_minutes_is_told_once_and_the_recovery_after_it() {
        let mut n = Notifier::new(true);
        let store = Store::default();
        let down = WorkerStatus {
            degraded: Some(("connection refused".into(), at(30))),
            ..WorkerStatus::default()
        };
        n.observe_status(&down, at(0));
        n.observe_status(&down, at(100));
        assert!(n.take(&store, at(299)).is_empty(), "not five minutes yet");
        assert_eq!(n.next_due(), Some(at(300)));
        let made = n.take(&store, at(300));
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].kind, NotificationKind::Unreachable);
        assert!(made[0].body.contains("5 minutes"), "{}", made[0].body);
        n.observe_status(&down, at(600));
        assert!(n.take(&store, at(3_600)).is_empty(), "once per outage");
        n.observe_status(&WorkerStatus::default(), at(3_601));
        let made = n.take(&store, at(3_601));
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].kind, NotificationKind::Reachable);
        // A short outage is told neither way.
        n.observe_status(&down, at(4_000));
        n.observe_status(&WorkerStatus::default(), at(4_200));
        assert!(n.take(&store, at(10_000)).is_empty());
    }

    #[test]
    fn switched_off_nothing_is_told_nor_told_late() {
        let mut w = World::new();
        w.notifier.set_enabled(false);
        w.load(job("a", JobState::Transferring, true, &[]), 0);
        w.load(job("a", JobState::Completed, true, &[]), 10);
        w.event(
            Event::ActionDone {
                key: key("b"),
                action: Action::Delete,
                job: None,
                at: at(10),
            },
            10,
        );
        let down = WorkerStatus {
            degraded: Some(("down".into(), at(0))),
            ..WorkerStatus::default()
        };
        w.notifier.observe_status(&down, at(0));
        assert!(w.take(400).is_empty());
        w.notifier.set_enabled(true);
        assert!(w.take(800).is_empty(), "nothing from while it was off");
        // Pending outcomes are dropped when switched off.
        w.load(job("c", JobState::Transferring, true, &[]), 900);
        w.load(job("c", JobState::Completed, true, &[]), 901);
        w.notifier.set_enabled(false);
        w.notifier.set_enabled(true);
        assert!(w.take(1_000).is_empty());
    }
}
