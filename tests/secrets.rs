//! No secret reaches a file or a log line. The worker runs against the emulator with a
//! service principal whose secret, and every token the Entra ID stand-in issues for it,
//! carry a sentinel. Logging is on at TRACE for every crate (iejobs, `azure_identity`,
//! reqwest, hyper, the emulator). The run goes through subscription discovery, polls, a
//! cancel, a delete, a saved config file, a revoked token (401, refresh) and a removed
//! secret (failed refresh); then every file the worker wrote, every log line and every
//! event sent to the UI are searched for the sentinel; the window's log file is one of those
//! files.

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; the scenario reads best in one piece"
)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use iejobs::arm::{ArmClient, ClientConfig, RetryPolicy};
use iejobs::auth::stand_in::StandInEntra;
use iejobs::auth::token_source;
use iejobs::config::file::Edit;
use iejobs::config::{AuthMethod, AzureTarget, Cloud};
use iejobs::emulator::EmulatorConfig;
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::scenario::Scenario;
use iejobs::model::{Action, Event, JobState};
use iejobs::worker::{Command, WorkerConfig, WorkerHandle};

const SENTINEL: &str = "SENTINEL-c0ffee";
const CLIENT: &str = "00000000-0000-0000-0000-0000000000c1";
const TENANT: &str = "00000000-0000-0000-0000-0000000000aa";

/// Log output, kept in memory.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Takes the worker's events until `until` holds for one of them or the time is up.
fn drain(
    worker: &mut WorkerHandle,
    events: &mut Vec<String>,
    seen: &mut Vec<Event>,
    wait: Duration,
    mut until: impl FnMut(&Event) -> bool,
) -> bool {
    drain_status(worker, events, seen, wait, |_| false, &mut until)
}

/// As [`drain`], also until the worker's status satisfies `status_until`; every status seen
/// is kept with the events, for the sentinel check.
fn drain_status(
    worker: &mut WorkerHandle,
    events: &mut Vec<String>,
    seen: &mut Vec<Event>,
    wait: Duration,
    mut status_until: impl FnMut(&iejobs::model::WorkerStatus) -> bool,
    until: &mut impl FnMut(&Event) -> bool,
) -> bool {
    let deadline = Instant::now() + wait;
    while Instant::now() < deadline {
        if let Some(status) = worker.status_change() {
            events.push(format!("{status:?}"));
            if status_until(&status) {
                return true;
            }
        }
        while let Some(event) = worker.try_recv() {
            events.push(format!("{event:?}"));
            let hit = until(&event);
            seen.push(event);
            if hit {
                return true;
            }
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

#[test]
fn no_secret_reaches_a_file_a_log_line_or_an_event() {
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;

    let dir = std::env::temp_dir().join(format!("iejobs-secrets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Every line to memory and, as the window writes it, to the log file in the data folder.
    let capture = Capture::default();
    let writer = capture.clone();
    let log_dir = dir.join("data").join("logs");
    let (file_writer, flush_log_file) =
        tracing_appender::non_blocking(iejobs::log_file::appender(&log_dir).unwrap());
    tracing_subscriber::registry()
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(move || writer.clone()),
        )
        .with(
            tracing_subscriber::fmt::layer()
                .with_ansi(false)
                .with_writer(file_writer),
        )
        .with(tracing_subscriber::filter::LevelFilter::TRACE)
        .init();
    let secret = format!("{SENTINEL}-client-secret");
    let entra = StandInEntra::new(Duration::from_secs(2)).with_token_prefix(SENTINEL);
    entra.add_client(CLIENT, &secret);
    let emulator = EmbeddedEmulator::start(EmulatorConfig {
        scenario: Scenario::Demo,
        speed: 0.0,
        token_check: Some(entra.token_check()),
        ..EmulatorConfig::default()
    })
    .unwrap();
    let env = |name: &str| match name {
        "AZURE_TENANT_ID" => Some(TENANT.to_owned()),
        "AZURE_CLIENT_ID" => Some(CLIENT.to_owned()),
        "AZURE_CLIENT_SECRET" => Some(secret.clone()),
        _ => None,
    };
    let target = AzureTarget {
        cloud: Cloud::Public,
        endpoint: emulator.url().trim_end_matches('/').to_owned(),
        auth: AuthMethod::Auto,
        tenant_id: None,
        client_id: None,
    };
    let tokens = token_source(&target, &env, &entra.auth_options()).unwrap();
    let mut config = ClientConfig::new(emulator.url()).unwrap();
    config.retry = RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(1),
    };
    let client = ArmClient::new(config, tokens).unwrap();
    // No subscriptions chosen: the worker lists them first.
    let mut worker_config = WorkerConfig::new(Vec::new());
    worker_config.slow_poll = Duration::from_millis(400);
    worker_config.fast_poll = Duration::from_millis(200);
    worker_config.history_path = Some(dir.join("data").join("history.json"));
    let mut worker = WorkerHandle::spawn(client, worker_config, Arc::new(|_| {})).unwrap();
    let mut events = Vec::new();
    let mut seen = Vec::new();

    // Jobs arrive from the discovered subscriptions.
    // A first listing comes page by page (Partial), then says it ended (ListingDone).
    let listed = drain(
        &mut worker,
        &mut events,
        &mut seen,
        Duration::from_secs(20),
        |e| matches!(e, Event::ListingDone { jobs, .. } if *jobs > 0),
    );
    assert!(listed, "no jobs listed: {events:#?}");
    let jobs: Vec<_> = seen
        .iter()
        .filter_map(|e| match e {
            Event::Partial { jobs, .. } => Some(jobs.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let cancellable = jobs
        .iter()
        .find(|j| j.permission(Action::Cancel).is_allowed())
        .unwrap();
    let deletable = jobs
        .iter()
        .find(|j| j.state == JobState::Completed && j.permission(Action::Delete).is_allowed())
        .unwrap();
    worker
        .send(Command::Cancel(cancellable.key.clone()))
        .unwrap();
    worker.send(Command::Delete(deletable.key.clone())).unwrap();
    let edits = vec![
        Edit::Set("cloud", "public".into()),
        Edit::Set("auth", "service-principal".into()),
        Edit::Set("client-id", CLIENT.into()),
    ];
    worker
        .send(Command::SaveSettings {
            path: dir.join("config").join("config.toml"),
            edits,
        })
        .unwrap();
    let mut done = 0;
    let acted = drain(
        &mut worker,
        &mut events,
        &mut seen,
        Duration::from_secs(20),
        |e| {
            if matches!(e, Event::ActionDone { .. }) {
                done += 1;
            }
            done == 2
        },
    );
    assert!(acted, "actions not confirmed: {events:#?}");
    let is_saved = |e: &Event| matches!(e, Event::SettingsSaved { result: Ok(_), .. });
    let saved = seen.iter().any(is_saved)
        || drain(
            &mut worker,
            &mut events,
            &mut seen,
            Duration::from_secs(10),
            is_saved,
        );
    assert!(saved, "settings not saved: {events:#?}");

    // A revoked token: 401, a new token, on with polling.
    let before = entra.tokens_issued();
    entra.revoke_all();
    std::thread::sleep(Duration::from_millis(1500));
    assert!(
        entra.tokens_issued() > before,
        "no new token after revocation"
    );
    // The secret removed: refreshing fails and polling degrades with the reason.
    entra.disable_client(CLIENT);
    entra.revoke_all();
    let failed = drain_status(
        &mut worker,
        &mut events,
        &mut seen,
        Duration::from_secs(20),
        |s| {
            s.degraded
                .as_ref()
                .is_some_and(|(message, _)| message.contains("AADSTS7000222"))
        },
        &mut |_| false,
    );
    assert!(failed, "no failure reported: {events:#?}");
    worker.shutdown();
    while let Some(event) = worker.try_recv() {
        events.push(format!("{event:?}"));
    }
    // Writes what the log file's thread still holds.
    drop(flush_log_file);

    // The sentinel is in no file, no log line, no event.
    let files = files_under(&dir);
    let names: Vec<String> = files
        .iter()
        .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert!(names.contains(&"history.json".to_owned()), "{names:?}");
    assert!(names.contains(&"config.toml".to_owned()), "{names:?}");
    let log_files: Vec<&PathBuf> = files.iter().filter(|f| f.starts_with(&log_dir)).collect();
    assert_eq!(log_files.len(), 1, "{names:?}");
    let logged = std::fs::read_to_string(log_files[0]).unwrap();
    assert!(
        logged.contains("ARM request") && logged.contains("AADSTS7000222"),
        "the log file misses lines:\n{logged}"
    );
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains(SENTINEL),
            "{} holds a secret",
            file.display()
        );
    }
    let log = String::from_utf8(capture.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.lines().count() > 50,
        "too little was logged to judge:\n{log}"
    );
    assert!(log.contains("ARM request"), "debug lines missing");
    assert!(log.contains("AADSTS7000222"), "the failure was not logged");
    for line in log.lines() {
        assert!(
            !line.contains(SENTINEL),
            "a log line holds a secret: {line}"
        );
    }
    for event in &events {
        assert!(
            !event.contains(SENTINEL),
            "an event holds a secret: {event}"
        );
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
