//! `jobs watch`: the window's worker polls (same intervals, same read budget), the store
//! keeps what it learns, and the terminal shows it: a live table on a terminal, one line per
//! change otherwise, until Ctrl-C.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::IsTerminal as _;
use std::sync::Arc;
use std::time::Duration;

use jiff::Timestamp;

use crate::arm::ArmClient;
use crate::model::{JobKey, Session, Store};
use crate::worker::{WorkerConfig, WorkerHandle};

use super::output::{JobOutput, list_table};
use super::{Exit, out};

/// What a line of the line output depends on: a change in any prints the job again.
type Seen = (String, bool, Option<i64>, Option<i64>);

/// Watches the jobs of `worker.subscriptions` (only `only`, when given) until interrupted.
pub async fn watch(client: ArmClient, mut worker: WorkerConfig, only: Option<Vec<JobKey>>) -> Exit {
    // The window's history file is the window's: a watch in a terminal keeps no history.
    worker.history_path = None;
    // A watch sends nothing: the trail of actions is the window's and the commands' business.
    worker.audit_path = None;
    let wake = Arc::new(tokio::sync::Notify::new());
    let notify = {
        let wake = wake.clone();
        Arc::new(move |_| wake.notify_one())
    };
    let mut handle = match WorkerHandle::spawn(client, worker, notify) {
        Ok(handle) => handle,
        Err(e) => {
            eprintln!(
                "iejobs: {}",
                crate::tr!("cli-cannot-poll", error = e.to_string())
            );
            return Exit::Service;
        }
    };
    let live = std::io::stdout().is_terminal();
    let mut session = Session::default();
    let mut seen: HashMap<JobKey, Seen> = HashMap::new();
    let mut drawn = None;
    let mut failing: Vec<(String, String)> = Vec::new();
    let interrupt = tokio::signal::ctrl_c();
    tokio::pin!(interrupt);
    let exit = loop {
        while let Some(event) = handle.try_recv() {
            session.apply(event);
        }
        if let Some(status) = handle.status_change() {
            let now: Vec<(String, String)> = status
                .failing()
                .map(|(id, f)| (id.clone(), f.message.clone()))
                .collect();
            for (id, message) in &now {
                if !failing.iter().any(|(i, m)| i == id && m == message) {
                    eprintln!(
                        "iejobs: {}",
                        crate::tr!(
                            "cli-subscription-unreadable",
                            subscription = id.as_str(),
                            message = message.as_str()
                        )
                    );
                }
            }
            failing = now;
            session.apply_status(&status, Timestamp::now());
        }
        let wanted = |key: &JobKey| only.as_ref().is_none_or(|keys| keys.contains(key));
        let written = if live {
            if drawn == Some(session.store().version()) {
                true
            } else {
                drawn = Some(session.store().version());
                let jobs: Vec<JobOutput> = session
                    .store()
                    .iter()
                    .filter(|e| wanted(&e.job.key))
                    .map(|e| JobOutput::from(&e.job))
                    .collect::<Vec<_>>();
                let mut jobs = jobs;
                jobs.sort_by(|a, b| {
                    (&a.subscription_id, &a.resource_group, &a.name).cmp(&(
                        &b.subscription_id,
                        &b.resource_group,
                        &b.name,
                    ))
                });
                let footer = crate::tr!(
                    "cli-watch-footer",
                    count = jobs.len(),
                    time = crate::ui::format::time(Timestamp::now())
                );
                out(&format!("\x1b[H\x1b[2J{}\n{footer}\n", list_table(&jobs)))
            }
        } else {
            changes(session.store(), &mut seen, &wanted)
        };
        if !written {
            // Nobody reads stdout any more (a closed pipe): stop.
            break Exit::Done;
        }
        tokio::select! {
            () = wake.notified() => {}
            () = tokio::time::sleep(Duration::from_secs(1)) => {}
            _ = &mut interrupt => break Exit::Done,
        }
    };
    handle.shutdown();
    exit
}

/// Prints a line for each job that appeared, changed or went since the last call.
fn changes(
    store: &Store,
    seen: &mut HashMap<JobKey, Seen>,
    wanted: &dyn Fn(&JobKey) -> bool,
) -> bool {
    let at = Timestamp::now();
    let mut text = String::new();
    let mut present = std::collections::HashSet::new();
    for entry in store.iter().filter(|e| wanted(&e.job.key)) {
        let job = &entry.job;
        let now: Seen = (
            job.state.as_str().to_owned(),
            job.cancel_requested,
            job.percent_complete,
            job.bytes_succeeded(),
        );
        present.insert(job.key.clone());
        if seen.get(&job.key) != Some(&now) {
            let _ = writeln!(
                text,
                "{at} {} {} {} {}{}{}",
                job.key.subscription_id,
                job.key.resource_group,
                crate::ui::format::one_line(&job.key.name, 200),
                job.state,
                if job.cancel_requested {
                    " cancel-requested"
                } else {
                    ""
                },
                job.percent_complete
                    .map(|p| format!(" {p}%"))
                    .unwrap_or_default(),
            );
            seen.insert(job.key.clone(), now);
        }
    }
    seen.retain(|key, _| {
        let kept = present.contains(key);
        if !kept {
            let _ = writeln!(
                text,
                "{at} {} {} {} gone",
                key.subscription_id, key.resource_group, key.name
            );
        }
        kept
    });
    text.is_empty() || out(&text)
}
