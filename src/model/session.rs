//! Everything the window knows from the worker in this run: the jobs ([`Store`]), the
//! activity log, the worker's latest status, the subscriptions and the last settings save.
//! [`Session::apply`] and [`Session::apply_status`] are the only ways in.

use jiff::Timestamp;

use super::activity::{Activity, ActivityLog};
use super::entry::ActionFailure;
use super::event::Event;
use super::status::WorkerStatus;
use super::store::Store;
use super::subscriptions::Subscriptions;

/// The window's model: job data, and what is said about it.
#[derive(Debug, Default)]
pub struct Session {
    store: Store,
    activity: ActivityLog,
    status: WorkerStatus,
    subscriptions: Subscriptions,
    settings_saved: Option<(Timestamp, Result<String, String>)>,
}

impl Session {
    /// Applies one event; returns true when anything changed.
    pub fn apply(&mut self, event: Event) -> bool {
        let log = &mut self.activity;
        let store = &mut self.store;
        let changed = match event {
            Event::Loaded { job, at } => store.loaded(job, at, log),
            Event::Partial { jobs, at } => {
                let mut changed = false;
                for job in jobs {
                    changed |= store.loaded(job, at, log);
                }
                changed
            }
            Event::ListingDone {
                subscription,
                jobs,
                gone,
                first,
                at,
            } => {
                let mut changed = false;
                for key in gone {
                    changed |= store.gone(key, crate::tr!("gone-no-longer-listed"), at, log);
                }
                if first {
                    let named = match self.subscriptions.name(&subscription) {
                        Some(name) => format!("{name} ({subscription})"),
                        None => subscription,
                    };
                    let text = crate::tr!("activity-listed", count = jobs, subscription = named);
                    log.push(at, None, text, false);
                }
                changed | first
            }
            Event::Gone { key, at } => {
                store.gone(key, crate::tr!("gone-no-longer-exists"), at, log)
            }
            Event::ActionSent { key, action, at } => store.action_sent(key, action, at, log),
            Event::ActionDone {
                key,
                action,
                job,
                at,
            } => store.action_done(key, action, job, at, log),
            Event::ActionFailed {
                key,
                action,
                status,
                code,
                message,
                request_id,
                at,
            } => {
                let failure = ActionFailure {
                    action,
                    status,
                    code,
                    message,
                    request_id,
                    at,
                };
                store.action_failed(key, failure, log)
            }
            Event::HistoryLoaded(histories) => store.history_loaded(histories),
            Event::SubscriptionsListed(result) => self.subscriptions.listed(result),
            Event::Watching {
                subscriptions,
                forgotten,
            } => {
                let changed =
                    store.forget(forgotten) || self.subscriptions.watched != subscriptions;
                self.subscriptions.watched = subscriptions;
                changed
            }
            Event::SettingsSaved { result, at } => {
                let (text, is_error) = match &result {
                    Ok(path) => (
                        crate::tr!("activity-settings-saved", path = path.as_str()),
                        false,
                    ),
                    Err(e) => (
                        crate::tr!("activity-settings-not-saved", error = e.as_str()),
                        true,
                    ),
                };
                log.push(at, None, text, is_error);
                self.settings_saved = Some((at, result));
                true
            }
            Event::Logged(lines) => {
                for line in lines {
                    log.push_line(line);
                }
                true
            }
            Event::Warning { key, message, at } => {
                log.push(at, key, message, true);
                true
            }
        };
        store.close_version();
        changed
    }

    /// Takes the worker's latest status: the status bar's figures, and one activity line
    /// each time polling degrades or recovers and each time a subscription starts or stops
    /// failing. Returns true when something the window shows changed.
    pub fn apply_status(&mut self, status: &WorkerStatus, at: Timestamp) -> bool {
        let before = self.status.visible() != status.visible();
        for line in self.status_lines(status, at) {
            self.activity.push_line(line);
        }
        self.status.clone_from(status);
        before
    }

    /// What changed between the status known and `status`, as activity lines.
    fn status_lines(&self, status: &WorkerStatus, at: Timestamp) -> Vec<Activity> {
        let mut lines = Vec::new();
        let mut say = |text: String, is_error: bool| {
            lines.push(Activity {
                at,
                key: None,
                text,
                is_error,
            });
        };
        match (&self.status.degraded, &status.degraded) {
            (None, Some((message, _))) => say(
                crate::tr!("activity-polling-failed", message = message.as_str()),
                true,
            ),
            (Some(_), None) => say(crate::tr!("activity-connection-restored").to_owned(), false),
            _ => {}
        }
        let name = |id: &str| self.subscriptions.name(id).unwrap_or(id).to_owned();
        for (id, failure) in status.failing() {
            let known = self
                .status
                .subscriptions
                .get(id)
                .and_then(|s| s.failure.as_ref());
            if known.is_none_or(|k| k.code != failure.code) {
                let text = crate::tr!(
                    "activity-subscription-failing",
                    subscription = name(id),
                    reason = failure.reason(),
                    message = failure.message.as_str()
                );
                say(text, true);
            }
        }
        for (id, _) in self.status.failing() {
            let recovered = status
                .subscriptions
                .get(id)
                .is_some_and(|s| s.failure.is_none());
            if recovered {
                say(
                    crate::tr!("activity-subscription-recovered", subscription = name(id)),
                    false,
                );
            }
        }
        lines
    }

    /// The jobs.
    #[must_use]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The activity log, oldest first.
    #[must_use]
    pub fn activity(&self) -> &ActivityLog {
        &self.activity
    }

    /// The worker's latest status, as last applied.
    #[must_use]
    pub fn status(&self) -> &WorkerStatus {
        &self.status
    }

    /// The subscriptions: listed and watched.
    #[must_use]
    pub fn subscriptions(&self) -> &Subscriptions {
        &self.subscriptions
    }

    /// The last save of the settings: when, and the file or the error.
    #[must_use]
    pub fn settings_saved(&self) -> Option<&(Timestamp, Result<String, String>)> {
        self.settings_saved.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::model::entry::{MAX_IDLE_SAMPLES, MAX_SAMPLES, RETENTION};
    use crate::model::{Action, Drive, DriveState, Job, JobKey, JobState, Transition};

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

    /// A landing is logged as the end of a cancel, with what the drives did, not only as a
    /// change of state; a finished job never cancelled is logged as a change of state.
    #[test]
    fn a_landing_is_logged_as_the_end_of_the_cancel() {
        let mut session = Session::default();
        let mut copying = job("a", JobState::Transferring, &[1_000_000_000, 0]);
        copying.cancel_requested = true;
        session.apply(Event::Loaded {
            job: copying.clone(),
            at: at(0),
        });
        let drives = copying.drives.as_mut().unwrap();
        drives[0].bytes_succeeded = Some(3_500_000_000);
        drives[0].state = DriveState::Completed;
        drives[0].percent_complete = Some(100);
        drives[1].state = DriveState::Received;
        copying.state = JobState::Completed;
        session.apply(Event::Loaded {
            job: copying,
            at: at(60),
        });
        let last = session.activity().iter().last().unwrap();
        assert_eq!(
            last.text,
            "Transferring -> Completed: cancel landed: 1 drive(s) finished, 1 skipped, 2.50 GB \
             copied since the request"
        );
        let mut plain = job("b", JobState::Packaging, &[]);
        session.apply(Event::Loaded {
            job: plain.clone(),
            at: at(0),
        });
        plain.state = JobState::Completed;
        session.apply(Event::Loaded {
            job: plain,
            at: at(60),
        });
        let last = session.activity().iter().last().unwrap();
        assert_eq!(last.text, "Packaging -> Completed");
    }

    #[test]
    fn pages_of_a_first_listing_show_at_once_and_the_listing_then_decides() {
        let mut store = Session::default();
        store.apply(Event::Partial {
            jobs: vec![
                job("a", JobState::Creating, &[]),
                job("b", JobState::Shipping, &[]),
            ],
            at: at(0),
        });
        assert_eq!(
            store.store().len(),
            2,
            "the first page is there before the listing ends"
        );
        assert!(
            store.activity().iter().next().is_none(),
            "nothing logged for a page"
        );
        store.apply(Event::ListingDone {
            subscription: "sub".into(),
            jobs: 1,
            gone: vec![JobKey::new("sub", "rg", "a")],
            first: true,
            at: at(1),
        });
        assert_eq!(
            store.store().len(),
            1,
            "the end of the listing drops what is gone"
        );
        let texts: Vec<&str> = store.activity().iter().map(|a| a.text.as_str()).collect();
        assert!(
            texts.contains(&"Listed 1 job(s) of subscription sub"),
            "{texts:?}"
        );
    }

    #[test]
    fn progress_samples_stay_bounded_and_a_cancel_chart_keeps_its_span() {
        let mut store = Session::default();
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
        let idle = &store.store().get(&idle).unwrap().progress;
        assert_eq!(idle.len(), MAX_IDLE_SAMPLES);
        assert_eq!(idle.last().unwrap().at, at(4_999), "the newest are kept");
        let chart = &store.store().get(&cancelling).unwrap().progress;
        assert!(
            chart.len() <= MAX_SAMPLES && chart.len() > MAX_SAMPLES / 2,
            "{}",
            chart.len()
        );
        assert_eq!(
            chart.first().unwrap().at,
            at(0),
            "the span starts where it started"
        );
        assert_eq!(chart.last().unwrap().at, at(4_999));
    }

    #[test]
    fn an_action_shows_at_once_then_the_answer_replaces_it() {
        let mut store = Session::default();
        let key = JobKey::new("sub", "rg", "a");
        store.apply(Event::Partial {
            jobs: vec![job("a", JobState::Transferring, &[100, 0])],
            at: at(0),
        });
        assert!(
            store
                .store()
                .get(&key)
                .unwrap()
                .permission(Action::Cancel)
                .is_allowed()
        );
        let version = store.store().version();
        assert!(store.apply(Event::ActionSent {
            key: key.clone(),
            action: Action::Cancel,
            at: at(1)
        }));
        assert!(store.store().version() > version);
        let entry = store.store().get(&key).unwrap();
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
        let entry = store.store().get(&key).unwrap();
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
        let entry = store.store().get(&key).unwrap();
        assert_eq!(
            entry.bytes_since_cancel(),
            [("D0".into(), 300), ("D1".into(), 0)],
            "from the 100 bytes seen at the click"
        );
        let rates = entry.drive_rates();
        assert!((rates[0] - 25.0).abs() < 1e-9, "{rates:?}");
        assert_eq!(store.store().cancellations().count(), 1);
    }

    #[test]
    fn a_failure_is_kept_next_to_the_job_and_in_the_log() {
        let mut store = Session::default();
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
            status: Some(400),
            code: Some("JobCannotBeCancelled".into()),
            message: "no".into(),
            request_id: Some("req-9".into()),
            at: at(2),
        });
        let entry = store.store().get(&key).unwrap();
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
        let last = store.activity().iter().last().unwrap();
        assert!(last.is_error && last.text.contains("JobCannotBeCancelled"));
        assert!(last.text.contains("(request id req-9)"), "{}", last.text);
    }

    #[test]
    fn listings_remove_gone_jobs_and_keep_drives_a_get_brought() {
        let mut store = Session::default();
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
        assert_eq!(store.store().len(), 1, "b is gone");
        let entry = store.store().get(&JobKey::new("sub", "rg", "a")).unwrap();
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
        let version = store.store().version();
        let mut same = Job::new(JobKey::new("sub", "rg", "a"), JobState::Shipping);
        same.drives = None;
        assert!(!store.apply(Event::Partial {
            jobs: vec![same],
            at: at(60)
        }));
        assert_eq!(store.store().version(), version);
    }

    #[test]
    fn polls_without_log_links_keep_the_ones_a_full_read_brought() {
        let mut store = Session::default();
        let key = JobKey::new("sub", "rg", "a");
        let mut full = job("a", JobState::Transferring, &[5, 6]);
        for drive in full.drives.iter_mut().flatten() {
            drive.verbose_log_uri = Some(format!("https://x/{}.xml", drive.drive_id).into());
        }
        store.apply(Event::Loaded {
            job: full,
            at: at(0),
        });
        let version = store.store().version();
        assert!(
            !store.apply(Event::Partial {
                jobs: vec![job("a", JobState::Transferring, &[5, 6])],
                at: at(1),
            }),
            "the same job without its links is no change"
        );
        assert_eq!(store.store().version(), version);
        store.apply(Event::Loaded {
            job: job("a", JobState::Transferring, &[7, 6]),
            at: at(2),
        });
        let drives = store.store().get(&key).unwrap().job.drives.clone().unwrap();
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
            let mut store = Session::default();
            for (i, kind, flag) in events {
                let sub = if i % 3 == 0 { "sub-b" } else { "sub" };
                let key = JobKey::new(sub, "rg", format!("j{i}"));
                let mut job = Job::new(key.clone(), states[i % states.len()].clone());
                job.cancel_requested = flag;
                let event = match kind {
                    0 => Event::Gone { key, at: at(1) },
                    1 => Event::ActionSent { key, action: if flag { Action::Cancel } else { Action::Delete }, at: at(1) },
                    2 => Event::ActionFailed { key, action: Action::Cancel, status: None, code: None, message: "no".into(), request_id: None, at: at(1) },
                    3 => Event::ActionDone { key, action: if flag { Action::Cancel } else { Action::Delete }, job: flag.then_some(job), at: at(1) },
                    4 => Event::ListingDone { subscription: sub.into(), jobs: 0, gone: vec![key], first: flag, at: at(1) },
                    5 => Event::Watching { subscriptions: if flag { vec!["sub".into()] } else { Vec::new() }, forgotten: if flag { vec![key] } else { Vec::new() } },
                    _ => Event::Partial { jobs: vec![job], at: at(1) },
                };
                store.apply(event);
                let mut counts = BTreeMap::new();
                for entry in store.store().iter() {
                    *counts.entry(entry.job.state.as_str().to_owned()).or_insert(0) += 1;
                }
                proptest::prop_assert_eq!(store.store().state_counts(), &counts);
                let kept: Vec<&JobKey> = store.store().cancellations().map(|e| &e.job.key).collect();
                let counted: Vec<&JobKey> = store.store().iter().filter(|e| e.cancel_pending()).map(|e| &e.job.key).collect();
                proptest::prop_assert_eq!(kept, counted);
            }
        }
    }

    #[test]
    fn completion_gives_the_deletion_date() {
        let mut store = Session::default();
        let key = JobKey::new("sub", "rg", "a");
        store.apply(Event::Loaded {
            job: job("a", JobState::Packaging, &[]),
            at: at(0),
        });
        assert_eq!(store.store().get(&key).unwrap().deletion_at(), None);
        store.apply(Event::Loaded {
            job: job("a", JobState::Completed, &[]),
            at: at(100),
        });
        assert_eq!(
            store.store().get(&key).unwrap().deletion_at(),
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
            .store()
            .get(&JobKey::new("sub", "rg", "b"))
            .unwrap()
            .deletion_at()
            .unwrap();
        assert_eq!(deletion.to_string(), "2026-04-01T00:00:00Z");
    }

    #[test]
    fn polling_degrades_and_recovers_with_one_log_line_each() {
        let mut store = Session::default();
        let down = |retry| WorkerStatus {
            degraded: Some(("down".to_owned(), at(retry))),
            ..WorkerStatus::default()
        };
        assert!(store.apply_status(&down(5), at(0)));
        assert!(
            !store.apply_status(&down(10), at(5)),
            "same message: nothing new to show"
        );
        assert_eq!(store.status().degraded, Some(("down".to_owned(), at(10))));
        let up = WorkerStatus {
            last_success: Some(at(10)),
            ..WorkerStatus::default()
        };
        assert!(store.apply_status(&up, at(10)));
        assert_eq!(store.status().degraded, None);
        assert_eq!(store.status().last_success, Some(at(10)));
        let texts: Vec<_> = store.activity().iter().map(|a| a.text.clone()).collect();
        assert_eq!(texts, ["Polling failed: down", "Connection restored"]);
    }

    #[test]
    fn a_failing_subscription_is_logged_once_and_its_recovery_too() {
        use super::super::status::{SubscriptionFailure, SubscriptionStatus};
        let mut store = Session::default();
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
        let texts: Vec<_> = store.activity().iter().map(|a| a.text.clone()).collect();
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
        let mut store = Session::default();
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
            .store()
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
