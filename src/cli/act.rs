//! `jobs cancel` and `jobs delete`: the window's rules and its re-read before sending, one
//! job at a time, and `cancel --wait`, which follows each drive until the job has finished.

use std::io::{BufRead as _, IsTerminal as _, Write as _};
use std::time::Duration;

use jiff::Timestamp;

use crate::arm::{ArmClient, job_summary_from_wire};
use crate::audit::Audit;
use crate::model::{Action, Event, Job, JobKey, Session, Store};
use crate::ui::format;

use super::lookup::progress;
use super::{Exit, out};

/// What became of one action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sent {
    /// The service confirmed it.
    Done,
    /// Not sent: the rules forbid it (the reason).
    Refused(String),
    /// Sent and failed, or the job could not be read: the code for it, and the message.
    Failed(Exit, String),
}

impl Sent {
    /// The exit code it calls for.
    #[must_use]
    pub fn exit(&self) -> Exit {
        match self {
            Sent::Done => Exit::Done,
            Sent::Refused(_) => Exit::Refused,
            Sent::Failed(exit, _) => *exit,
        }
    }
}

/// Reads what the action's events say: `ActionFailed` without an ARM code and with a
/// message starting "Not sent" (in the language in force, which the worker words it in) is
/// a refusal by the rules (nothing went out); with a code, a service error.
#[must_use]
pub fn outcome(events: &[Event]) -> Sent {
    for event in events {
        match event {
            Event::ActionDone { .. } => return Sent::Done,
            Event::ActionFailed {
                code: None,
                message,
                ..
            } if message.starts_with("Not sent")
                || message.starts_with(crate::tr!("worker-not-sent-prefix")) =>
            {
                return Sent::Refused(message.clone());
            }
            Event::ActionFailed { code, message, .. } => {
                let text = match code {
                    Some(code) => format!("{code}: {message}"),
                    None => message.clone(),
                };
                return Sent::Failed(Exit::Service, text);
            }
            _ => {}
        }
    }
    Sent::Failed(Exit::Service, crate::tr!("cli-no-answer").to_owned())
}

/// Sends `action` to each job in turn, after checking the rule on the state just listed (a
/// job the rules forbid gets no request at all), then through [`crate::worker::perform`] as the
/// window does (fresh read, rule, audit trail, send, re-read). Says on stderr what was refused and why,
/// prints each job done on stdout. Returns each job's outcome.
pub async fn act_on(
    client: &ArmClient,
    audit: Option<&Audit>,
    jobs: &[Job],
    action: Action,
    session: &mut Session,
) -> Vec<(JobKey, Sent)> {
    let mut results = Vec::new();
    for job in jobs {
        let key = job.key.clone();
        let sent = if let Some(reason) = job.permission(action).reason() {
            Sent::Refused(crate::tr!("cli-not-sent", reason = reason))
        } else {
            session.apply(Event::ActionSent {
                key: key.clone(),
                action,
                at: Timestamp::now(),
            });
            let events = crate::worker::perform(client, audit, key.clone(), action).await;
            let sent = outcome(&events);
            for event in events {
                session.apply(event);
            }
            sent
        };
        match &sent {
            Sent::Done => {
                let line = crate::tr!("cli-done", action = action.key(), job = describe(&key));
                out(&format!("{line}\n"));
            }
            Sent::Refused(reason) => eprintln!(
                "iejobs: {}",
                crate::tr!(
                    "cli-refused",
                    action = action.key(),
                    job = describe(&key),
                    reason = reason.as_str()
                )
            ),
            Sent::Failed(_, message) => eprintln!(
                "iejobs: {}",
                crate::tr!(
                    "cli-failed",
                    action = action.key(),
                    job = describe(&key),
                    message = message.as_str()
                )
            ),
        }
        results.push((key, sent));
    }
    results
}

/// A job as messages name it: subscription, resource group and name.
#[must_use]
pub fn describe(key: &JobKey) -> String {
    crate::tr!(
        "cli-job",
        name = &key.name,
        group = &key.resource_group,
        subscription = &key.subscription_id
    )
}

/// Asks on the terminal whether to delete `jobs`; true only for an explicit yes.
#[must_use]
pub fn confirm_delete(jobs: &[Job]) -> bool {
    eprintln!("{}", crate::tr!("cli-about-to-delete"));
    for job in jobs {
        eprintln!("  {} [{}]", describe(&job.key), job.state);
    }
    eprint!("{} ", crate::tr!("cli-delete-prompt", count = jobs.len()));
    let _ = std::io::stderr().flush();
    let mut answer = String::new();
    if std::io::stdin().lock().read_line(&mut answer).is_err() {
        return false;
    }
    let answer = answer.trim().to_lowercase();
    // English's answers always count; the language's own too ("s", "sí", "si").
    matches!(answer.as_str(), "y" | "yes")
        || crate::tr!("cli-yes-answers")
            .split(',')
            .any(|yes| yes.trim() == answer)
}

/// Whether stdin is a terminal (a person who can answer).
#[must_use]
pub fn stdin_is_terminal() -> bool {
    std::io::stdin().is_terminal()
}

/// Follows `keys` (cancels just requested) until each job is Completed or Closed: each drive's
/// bytes since the request and its rate on stderr as they change, the final state and the
/// date Azure deletes the job on stdout. Stops at `timeout` or Ctrl-C; the cancels stay
/// requested either way.
pub async fn wait(
    client: &ArmClient,
    session: &mut Session,
    keys: &[JobKey],
    poll: Duration,
    timeout: Option<Duration>,
) -> Exit {
    let deadline = timeout.map(|t| tokio::time::Instant::now() + t);
    let terminal = std::io::stderr().is_terminal();
    let mut waiting: Vec<JobKey> = keys.to_vec();
    let mut shown: Vec<(JobKey, String)> = Vec::new();
    let interrupt = tokio::signal::ctrl_c();
    tokio::pin!(interrupt);
    loop {
        waiting.retain(|key| {
            let Some(entry) = session.store().get(key) else {
                out(&format!(
                    "{}\n",
                    crate::tr!("cli-gone", job = describe(key))
                ));
                return false;
            };
            if entry.job.state.is_finished() {
                let retention = entry
                    .deletion_at()
                    .map_or_else(|| crate::tr!("cli-unknown").to_owned(), |t| t.to_string());
                let line = crate::tr!(
                    "cli-finished",
                    state = entry.job.state.as_str(),
                    job = describe(key),
                    retention = retention
                );
                out(&format!("{line}\n"));
                return false;
            }
            true
        });
        if waiting.is_empty() {
            return Exit::Done;
        }
        for key in &waiting {
            if let Some(line) = progress_line(session.store(), key)
                && !shown.iter().any(|(k, l)| k == key && *l == line)
            {
                progress(terminal && waiting.len() == 1, &line);
                shown.retain(|(k, _)| k != key);
                shown.push((key.clone(), line));
            }
        }
        let sleep = tokio::time::sleep(poll);
        tokio::select! {
            () = sleep => {}
            _ = &mut interrupt => {
                if terminal { eprintln!(); }
                for key in &waiting {
                    eprintln!("iejobs: {}", crate::tr!("cli-interrupted", job = describe(key)));
                }
                return Exit::Interrupted;
            }
        }
        if deadline.is_some_and(|d| tokio::time::Instant::now() >= d) {
            if terminal {
                eprintln!();
            }
            for key in &waiting {
                let state = session
                    .store()
                    .get(key)
                    .map_or_else(String::new, |e| e.job.state.to_string());
                eprintln!(
                    "iejobs: {}",
                    crate::tr!("cli-timed-out", job = describe(key), state = state)
                );
            }
            return Exit::TimedOut;
        }
        for key in &waiting {
            match client.get_job(key).await {
                Ok(raw) => match job_summary_from_wire(&raw) {
                    Ok(job) => {
                        session.apply(Event::Loaded {
                            job,
                            at: Timestamp::now(),
                        });
                    }
                    Err(e) => eprintln!("iejobs: {}: {e}", describe(key)),
                },
                Err(e) if e.is_not_found() => {
                    session.apply(Event::Gone {
                        key: key.clone(),
                        at: Timestamp::now(),
                    });
                }
                // One failed read is not the end of the wait: the next poll tries again.
                Err(e) => eprintln!(
                    "iejobs: {}",
                    crate::tr!(
                        "cli-read-failed",
                        job = describe(key),
                        error = e.to_string()
                    )
                ),
            }
        }
    }
}

/// The job's state and each drive's bytes since the cancel request and rate, on one line.
fn progress_line(store: &Store, key: &JobKey) -> Option<String> {
    let entry = store.get(key)?;
    let since = entry.bytes_since_cancel();
    let rates = entry.drive_rates();
    let drives: Vec<String> = entry
        .job
        .drives
        .iter()
        .flatten()
        .enumerate()
        .map(|(i, drive)| {
            let bytes = since
                .iter()
                .find(|(id, _)| *id == drive.drive_id)
                .map_or(0, |(_, b)| *b);
            let rate = rates.get(i).copied().unwrap_or(0.0);
            format!(
                "{} {} +{} {}",
                format::one_line(&drive.drive_id, 40),
                drive.state,
                format::bytes(bytes),
                format::rate(rate)
            )
        })
        .collect();
    Some(format!(
        "{} {}: {}",
        format::one_line(&key.name, 60),
        entry.job.state,
        if drives.is_empty() {
            crate::tr!("cli-no-drives").to_owned()
        } else {
            drives.join(", ")
        }
    ))
}
