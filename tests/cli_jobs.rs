//! `iejobs jobs …` through the real binary, against the standalone emulator (state survives
//! between commands) or the embedded one (read-only cases): every subcommand and output
//! format, every exit code, a refusal that sends nothing, `--wait` to Completed.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

const SUB1: &str = "00000000-0000-0000-0000-000000000001";
const SUB2: &str = "00000000-0000-0000-0000-000000000002";

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iejobs-cli-jobs-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `iejobs ARGS` with a clean environment (HOME in `home`), stdin closed.
fn iejobs(home: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_iejobs"));
    command
        .env_clear()
        .env("HOME", home)
        .env("PATH", "/usr/bin:/bin")
        .stdin(Stdio::null());
    for (name, value) in env {
        command.env(name, value);
    }
    command.args(args).output().unwrap()
}

/// The standalone emulator on a free port.
struct Emulator {
    child: Child,
    /// Kept open: the emulator writes to it later, and a closed pipe would stop it.
    _stdout: std::io::Lines<BufReader<std::process::ChildStdout>>,
    url: String,
    home: PathBuf,
}

impl Emulator {
    fn start(name: &str, args: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_iejobs-emulator"))
            .args([
                "--listen",
                "127.0.0.1:0",
                "--scenario",
                "demo",
                "--seed",
                "5",
            ])
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let ready = lines.next().unwrap().unwrap();
        let url = ready
            .strip_prefix("iejobs-emulator listening on ")
            .unwrap()
            .to_owned();
        Self {
            child,
            _stdout: lines,
            url,
            home: scratch(name),
        }
    }

    /// `iejobs --endpoint URL --auth token ARGS`, the token in `IEJOBS_ACCESS_TOKEN`.
    fn run(&self, args: &[&str]) -> Output {
        let mut all = vec!["--endpoint", &self.url, "--auth", "token"];
        all.extend_from_slice(args);
        iejobs(
            &self.home,
            &[("IEJOBS_ACCESS_TOKEN", "cli-test-token")],
            &all,
        )
    }

    fn spawn(&self, args: &[&str]) -> Child {
        Command::new(env!("CARGO_BIN_EXE_iejobs"))
            .env_clear()
            .env("HOME", &self.home)
            .env("PATH", "/usr/bin:/bin")
            .env("IEJOBS_ACCESS_TOKEN", "cli-test-token")
            .args(["--endpoint", &self.url, "--auth", "token"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    }

    /// The methods of the requests the emulator logged.
    fn methods(&self) -> Vec<String> {
        let log = admin(&self.url, "GET", "/_emulator/requests", None);
        log["requests"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["method"].as_str().unwrap().to_owned())
            .collect()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.home);
    }
}

fn admin(
    url: &str,
    method: &str,
    path: &str,
    body: Option<serde_json::Value>,
) -> serde_json::Value {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = reqwest::Client::new();
        let mut request = client.request(method.parse().unwrap(), format!("{url}{path}"));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.unwrap().json().await.unwrap()
    })
}

fn text(output: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", text(output)))
}

#[test]
fn list_against_the_embedded_demo_in_every_format() {
    let home = scratch("embedded");
    let output = iejobs(&home, &[], &["jobs", "list", "-o", "json"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let jobs = json(&output);
    let jobs = jobs.as_array().unwrap();
    assert_eq!(jobs.len(), 30);
    for key in [
        "name",
        "resourceGroup",
        "subscriptionId",
        "state",
        "cancelRequested",
        "jobType",
        "location",
        "storageAccount",
        "drives",
    ] {
        assert!(jobs.iter().all(|j| j.get(key).is_some()), "{key} missing");
    }
    let packaging = jobs.iter().find(|j| j["state"] == "Packaging").unwrap();
    assert_eq!(packaging["actions"]["cancel"]["allowed"], false);
    assert_eq!(
        packaging["actions"]["cancel"]["reason"],
        "Cancel is possible only before Packaging; this job is Packaging"
    );
    assert_eq!(packaging["actions"]["delete"]["allowed"], false);
    assert!(jobs.iter().any(|j| j["subscriptionId"] == SUB2));

    // Filters: repeatable --state in any case, --cancel-pending.
    let output = iejobs(
        &home,
        &[],
        &[
            "jobs",
            "list",
            "-o",
            "json",
            "--state",
            "completed",
            "--state",
            "Closed",
        ],
    );
    let finished = json(&output);
    let finished = finished.as_array().unwrap();
    assert!(!finished.is_empty());
    assert!(
        finished
            .iter()
            .all(|j| j["state"] == "Completed" || j["state"] == "Closed")
    );
    let output = iejobs(
        &home,
        &[],
        &["jobs", "list", "-o", "json", "--cancel-pending"],
    );
    let pending = json(&output);
    assert!(
        pending
            .as_array()
            .unwrap()
            .iter()
            .all(|j| j["cancelRequested"] == true)
    );
    assert!(
        pending
            .as_array()
            .unwrap()
            .iter()
            .any(|j| j["name"] == "finance-ledger-2019")
    );

    // CSV: a header and one row per job.
    let output = iejobs(&home, &[], &["jobs", "list", "--output", "csv"]);
    let (stdout, _) = text(&output);
    let lines: Vec<&str> = stdout.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(lines[0].starts_with("subscriptionId,resourceGroup,name,state,cancelRequested"));
    assert_eq!(lines.len(), 31);

    // Table, and a resource group's jobs only.
    let output = iejobs(&home, &[], &["jobs", "list", "-g", "rg-partner-exchange"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("NAME "), "{stdout}");
    assert!(stdout.contains("partner-export-logs"));
    assert!(!stdout.contains("media-archive-2026-q3"));
    assert!(stderr.is_empty(), "nothing on stderr: {stderr}");
    std::fs::remove_dir_all(&home).unwrap();
}

#[test]
fn show_prints_the_drives_and_a_missing_name_exits_1() {
    let emulator = Emulator::start("show", &["--speed", "0"]);
    let output = emulator.run(&["jobs", "show", "media-archive-2026-q3", "-o", "json"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let job = json(&output);
    assert_eq!(job["name"], "media-archive-2026-q3");
    assert_eq!(job["resourceGroup"], "rg-media-archive");
    assert_eq!(job["subscriptionId"], SUB1);
    assert_eq!(job["state"], "Transferring");
    let drives = job["drives"].as_array().unwrap();
    assert_eq!(drives.len(), 4);
    assert!(drives[0]["bytesSucceeded"].as_i64().unwrap() > 0);
    assert_eq!(job["actions"]["cancel"]["allowed"], true);
    assert_eq!(job["actions"]["cancel"]["reason"], serde_json::Value::Null);

    let output = emulator.run(&["jobs", "show", "MEDIA-archive-2026-q3"]);
    let (stdout, _) = text(&output);
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout.contains("DRIVE"), "{stdout}");
    assert!(
        stdout.contains(
            "delete           not allowed: Delete is possible only in Creating or Completed"
        ),
        "{stdout}"
    );

    let output = emulator.run(&["jobs", "show", "no-such-job"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("no job named no-such-job"), "{stderr}");
}

#[test]
fn a_refused_cancel_or_delete_exits_3_and_sends_nothing() {
    let emulator = Emulator::start("refused", &["--speed", "0"]);
    admin(&emulator.url, "DELETE", "/_emulator/requests", None);
    let output = emulator.run(&["jobs", "cancel", "backup-vault-sync"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr.contains("Cancel is possible only before Packaging; this job is Packaging"),
        "{stderr}"
    );
    let output = emulator.run(&["jobs", "delete", "--yes", "media-archive-2026-q3"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(
        stderr.contains("Delete is possible only in Creating or Completed"),
        "{stderr}"
    );
    let methods = emulator.methods();
    assert!(!methods.is_empty());
    assert!(
        methods.iter().all(|m| m == "GET"),
        "only reads went out: {methods:?}"
    );

    // One allowed, one refused: partial, and only the allowed one was sent.
    let output = emulator.run(&[
        "jobs",
        "cancel",
        "media-archive-2026-q3",
        "backup-vault-sync",
    ]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(5), "{stderr}");
    assert!(
        stdout.contains("cancel requested: media-archive-2026-q3"),
        "{stdout}"
    );
    assert_eq!(
        emulator.methods().iter().filter(|m| *m == "PATCH").count(),
        1
    );
    // Requested again: the rules refuse it now.
    let output = emulator.run(&["jobs", "cancel", "media-archive-2026-q3"]);
    assert_eq!(output.status.code(), Some(3));
    assert!(text(&output).1.contains("A cancel was already requested"));
}

#[test]
fn delete_asks_for_yes_off_a_terminal_then_deletes() {
    let emulator = Emulator::start("delete", &["--speed", "0"]);
    let output = emulator.run(&["jobs", "delete", "archive-2026-new"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("--yes"), "{stderr}");
    assert!(emulator.methods().iter().all(|m| m != "DELETE"));

    let output = emulator.run(&["jobs", "delete", "archive-2026-new", "--yes"]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stdout.starts_with("deleted: archive-2026-new"), "{stdout}");
    assert_eq!(
        emulator.methods().iter().filter(|m| *m == "DELETE").count(),
        1
    );
    let output = emulator.run(&["jobs", "show", "archive-2026-new"]);
    assert_eq!(output.status.code(), Some(1), "gone after the delete");
}

#[test]
fn usage_sign_in_and_partial_exit_codes() {
    let emulator = Emulator::start(
        "codes",
        &["--speed", "0", "--fault", &format!("list:403~{SUB2}")],
    );
    // A bad flag, a bad format for show, a bad setting: usage.
    for args in [
        &["jobs", "list", "--output", "yaml"][..],
        &["jobs", "show", "x", "-o", "csv"],
        &["jobs", "cancel"],
        &["jobs", "list", "--poll-secs", "0"],
    ] {
        let output = emulator.run(args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {:?}",
            text(&output)
        );
    }
    // No token for --auth token: sign-in failed.
    let output = iejobs(
        &emulator.home,
        &[],
        &[
            "--endpoint",
            &emulator.url,
            "--auth",
            "token",
            "jobs",
            "list",
        ],
    );
    assert_eq!(output.status.code(), Some(4), "{:?}", text(&output));
    // One subscription refused: the other's jobs printed, the failure with its ARM code.
    let output = emulator.run(&["jobs", "list", "-o", "json"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(5), "{stderr}");
    assert!(
        stderr.contains(SUB2) && stderr.contains("AuthorizationFailed"),
        "{stderr}"
    );
    let jobs = json(&output);
    let jobs = jobs.as_array().unwrap();
    assert!(!jobs.is_empty());
    assert!(jobs.iter().all(|j| j["subscriptionId"] == SUB1));
    // Only the refused subscription named: a service error.
    let output = emulator.run(&["--subscription", SUB2, "jobs", "list"]);
    assert_eq!(output.status.code(), Some(1), "{:?}", text(&output));
    // An action cannot tell a name unique while a subscription is unreadable.
    let output = emulator.run(&["jobs", "cancel", "media-archive-2026-q3"]);
    assert_eq!(output.status.code(), Some(1), "{:?}", text(&output));
    assert!(emulator.methods().iter().all(|m| m == "GET"));
    // The help documents the codes.
    let output = emulator.run(&["jobs", "list", "--help"]);
    let (stdout, _) = text(&output);
    assert!(
        stdout.contains("EXIT CODES") && stdout.contains("5    partial"),
        "{stdout}"
    );
}

#[test]
fn cancel_wait_follows_a_transferring_job_to_completed() {
    // An hour of the job's life a second: its one drive has 7 hours left, then Packaging.
    let emulator = Emulator::start("wait", &["--speed", "3600"]);
    let output = emulator.run(&[
        "--fast-poll-secs",
        "1",
        "jobs",
        "cancel",
        "partner-export-logs",
        "--wait",
        "--timeout",
        "2m",
    ]);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.starts_with("cancel requested: partner-export-logs"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Completed: partner-export-logs"),
        "{stdout}"
    );
    assert!(stdout.contains("Azure deletes it after"), "{stdout}");
    // Progress went to stderr: the drive's bytes since the request and its rate.
    assert!(
        stderr.contains("partner-export-logs Transferring:"),
        "{stderr}"
    );
    assert!(stderr.contains("/s"), "{stderr}");
    let output = emulator.run(&["jobs", "show", "partner-export-logs", "-o", "json"]);
    let job = json(&output);
    assert_eq!(job["state"], "Completed");
    assert_eq!(job["cancelRequested"], true);
}

#[test]
fn watch_prints_a_line_per_job_off_a_terminal() {
    let emulator = Emulator::start("watch", &["--speed", "0"]);
    let mut child = emulator.spawn(&["jobs", "watch", "backup-vault-sync"]);
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(
        first.contains("rg-finance-backup backup-vault-sync Packaging"),
        "{first}"
    );
    // Watching only the named job: no other line came first.
    assert!(!first.contains("media-archive"), "{first}");
}

/// The audit trail's records as `iejobs audit -o json` prints them.
fn audit_records(emulator: &Emulator) -> Vec<serde_json::Value> {
    let output = emulator.run(&["audit", "-o", "json"]);
    assert_eq!(output.status.code(), Some(0), "{:?}", text(&output));
    json(&output).as_array().unwrap().clone()
}

#[test]
fn every_cancel_and_delete_is_audited_and_an_unfinished_one_resolved_at_the_next_start() {
    let emulator = Emulator::start("audit", &["--speed", "0"]);
    // A refusal sends nothing and writes nothing.
    let output = emulator.run(&["jobs", "cancel", "backup-vault-sync"]);
    assert_eq!(output.status.code(), Some(3), "{:?}", text(&output));
    let output = emulator.run(&["jobs", "delete", "archive-2026-new", "--yes"]);
    assert_eq!(output.status.code(), Some(0), "{:?}", text(&output));
    let output = emulator.run(&["jobs", "cancel", "partner-export-logs"]);
    assert_eq!(output.status.code(), Some(0), "{:?}", text(&output));
    let records = audit_records(&emulator);
    let lines: Vec<(String, String, String)> = records
        .iter()
        .map(|r| {
            (
                r["job"].as_str().unwrap().to_owned(),
                r["action"].as_str().unwrap().to_owned(),
                r["outcome"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let line = |job: &str, action: &str, outcome: &str| {
        (job.to_owned(), action.to_owned(), outcome.to_owned())
    };
    assert_eq!(
        lines,
        [
            line("archive-2026-new", "delete", "sending"),
            line("archive-2026-new", "delete", "confirmed"),
            line("partner-export-logs", "cancel", "sending"),
            line("partner-export-logs", "cancel", "confirmed"),
        ]
    );
    for record in &records {
        assert_eq!(record["origin"], "command line");
        assert_eq!(record["endpoint"], format!("{}/", emulator.url));
        assert!(
            !record.to_string().contains("cli-test-token"),
            "never a token"
        );
    }
    assert!(records[1]["requestId"].is_string(), "{}", records[1]);
    // The table says the same for people.
    let output = emulator.run(&["audit"]);
    let (stdout, _) = text(&output);
    assert!(
        stdout.contains("rg-media-archive/archive-2026-new"),
        "{stdout}"
    );
    assert_eq!(
        stdout.lines().filter(|l| l.contains("confirmed")).count(),
        2
    );
    let output = emulator.run(&["audit", "--since", "2999-01-01", "-o", "json"]);
    assert_eq!(json(&output), serde_json::json!([]));

    // A run that stopped after "sending": a cancel whose answer never came back, though it
    // landed (sent here by hand through the emulator's API).
    let path = emulator.home.join(".local/share/iejobs/audit.jsonl");
    let mut sending = records[2].clone();
    sending["id"] = "crashed-1".into();
    sending["job"] = "finance-ledger-2019".into();
    sending["resourceGroup"] = "rg-finance-backup".into();
    sending["subscriptionId"] = SUB1.into();
    let mut text_now = std::fs::read_to_string(&path).unwrap();
    text_now.push_str(&sending.to_string());
    text_now.push('\n');
    std::fs::write(&path, text_now).unwrap();
    // The next command that acts resolves it first, by reading the job, and says so.
    let output = emulator.run(&["jobs", "cancel", "backup-vault-sync"]);
    let (_, stderr) = text(&output);
    assert!(stderr.contains("an earlier action"), "{stderr}");
    let records = audit_records(&emulator);
    let last = records.last().unwrap();
    assert_eq!(last["id"], "crashed-1");
    assert_eq!(last["job"], "finance-ledger-2019");
    assert_eq!(last["outcome"], "confirmed", "{last}");
    assert!(
        last["message"]
            .as_str()
            .unwrap()
            .contains("read at the next start"),
        "{last}"
    );
}

/// The command line speaks the locale's language (`LANG`), `IEJOBS_LANG` and `--lang` win
/// over it, and the service's state names stay as the service names them.
#[test]
fn a_refused_cancel_is_explained_in_the_locales_language() {
    let emulator = Emulator::start("languages", &["--speed", "0"]);
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut all = vec!["--endpoint", emulator.url.as_str(), "--auth", "token"];
        all.extend_from_slice(args);
        let mut env = env.to_vec();
        env.push(("IEJOBS_ACCESS_TOKEN", "cli-test-token"));
        iejobs(&emulator.home, &env, &all)
    };
    let cancel = ["jobs", "cancel", "backup-vault-sync"];
    let output = run(&[("LANG", "es_ES.UTF-8")], &cancel);
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stdout.is_empty(), "{stdout}");
    assert!(
        stderr
            .contains("rechazado: cancelar backup-vault-sync (grupo de recursos rg-finance-backup")
            && stderr.contains(
                "No se envió: Solo se puede cancelar antes de Packaging; este trabajo está en el \
             estado Packaging."
            ),
        "{stderr}"
    );
    let output = run(
        &[("LC_ALL", "it_IT.UTF-8"), ("LANG", "es_ES.UTF-8")],
        &cancel,
    );
    let (_, stderr) = text(&output);
    assert!(
        stderr.contains("È possibile annullare solo prima di Packaging"),
        "LC_ALL wins over LANG: {stderr}"
    );
    let output = run(&[("LANG", "es_ES.UTF-8"), ("IEJOBS_LANG", "en")], &cancel);
    let (_, stderr) = text(&output);
    assert!(
        stderr.contains("Cancel is possible only before Packaging; this job is Packaging"),
        "IEJOBS_LANG wins over the locale: {stderr}"
    );
    let mut with_flag = vec!["--lang", "it"];
    with_flag.extend_from_slice(&cancel);
    let output = run(&[("IEJOBS_LANG", "es")], &with_flag);
    let (_, stderr) = text(&output);
    assert!(
        stderr.contains("questo processo è nello stato Packaging"),
        "--lang wins over IEJOBS_LANG: {stderr}"
    );
    let output = run(&[("LANG", "de_DE.UTF-8")], &cancel);
    let (_, stderr) = text(&output);
    assert!(
        stderr.contains("Cancel is possible only before Packaging"),
        "English when the locale's language is not spoken: {stderr}"
    );
    // Numbers and bytes follow the language; states stay as they are.
    let output = run(
        &[("LANG", "it_IT.UTF-8")],
        &["jobs", "show", "backup-vault-sync"],
    );
    let (stdout, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("stato "), "{stdout}");
    assert!(stdout.contains("Packaging"), "{stdout}");
    assert!(stdout.contains(',') && stdout.contains(" TB"), "{stdout}");
    // A language iejobs does not speak is a usage error that says which ones it does.
    let output = run(&[("IEJOBS_LANG", "fr")], &["jobs", "list"]);
    let (_, stderr) = text(&output);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("IEJOBS_LANG=\"fr\"") && stderr.contains("use system, en, es or it"),
        "{stderr}"
    );
    // --help in Italian.
    let output = run(&[("LANG", "it_IT.UTF-8")], &["jobs", "cancel", "--help"]);
    let (stdout, _) = text(&output);
    assert!(
        stdout.contains("Richiedere l'annullamento di processi"),
        "{stdout}"
    );
    emulator.methods().iter().for_each(|m| assert_eq!(m, "GET"));
}
