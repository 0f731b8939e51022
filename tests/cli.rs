//! The `iejobs` binary's settings, end to end: config file, environment and flags merged
//! with the documented precedence (`--print-config`), and clear refusals of bad values.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

use std::path::Path;
use std::process::{Command, Output};

const SUB_FILE: &str = "11111111-0000-0000-0000-000000000001";
const SUB_FLAG: &str = "22222222-0000-0000-0000-000000000002";

/// Runs `iejobs ARGS` with a clean environment: HOME in `dir`, no `IEJOBS_*` or `AZURE_*`
/// variables but those given.
fn iejobs(dir: &Path, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_iejobs"));
    command
        .env_clear()
        .env("HOME", dir)
        .env("PATH", "/usr/bin:/bin");
    for (name, value) in env {
        command.env(name, value);
    }
    command.args(args).output().unwrap()
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("iejobs-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn flag_beats_environment_beats_file_beats_default() {
    let dir = scratch("precedence");
    let config = dir.join(".config").join("iejobs");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        format!(
            "cloud = \"usgov\"\nsubscriptions = [\"{SUB_FILE}\"]\npoll-secs = 60\nfast-poll-secs = 5\n"
        ),
    )
    .unwrap();
    let output = iejobs(
        &dir,
        &[("IEJOBS_POLL_SECS", "45"), ("IEJOBS_AUTH", "azure-cli")],
        &[
            "--print-config",
            "--subscription",
            SUB_FLAG,
            "--poll-secs",
            "10",
        ],
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{stdout}");
    for line in [
        "cloud: usgov (config file)",
        "endpoint: https://management.usgovcloudapi.net (default)",
        "auth: azure-cli (environment)",
        &format!("subscriptions: {SUB_FLAG} (flag)"),
        "poll-secs: 10 (flag)",
        "fast-poll-secs: 5 (config file)",
        "api-version: 2020-08-01 (default)",
    ] {
        assert!(
            stdout.lines().any(|l| l == line),
            "{line:?} missing in:\n{stdout}"
        );
    }
    // --emulator ignores Azure settings.
    let output = iejobs(&dir, &[], &["--print-config", "--emulator"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("source: embedded emulator"), "{stdout}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_values_are_refused_with_their_key_and_origin() {
    let dir = scratch("refusals");
    let file = dir.join("other.toml");
    std::fs::write(&file, "poll-secs = 0\nsubscriptions = [\"prod\"]\n").unwrap();
    let output = iejobs(
        &dir,
        &[("IEJOBS_CONFIG", file.to_str().unwrap())],
        &[
            "--print-config",
            "--endpoint",
            "http://management.example.com",
        ],
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("iejobs: the settings are not usable"),
        "{stderr}"
    );
    assert!(stderr.contains("poll-secs = 0 (config file): must be at least 1 second"));
    assert!(stderr.contains("\"prod\" (config file) is not a subscription id"));
    assert!(stderr.contains("uses plain http"), "{stderr}");
    assert!(!stderr.contains("backtrace"), "{stderr}");

    std::fs::write(&file, "client-secret = \"hunter2-abc\"\n").unwrap();
    let output = iejobs(
        &dir,
        &[],
        &["--print-config", "--config", file.to_str().unwrap()],
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("\"client-secret\" would hold a secret"),
        "{stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");

    let output = iejobs(&dir, &[("IEJOBS_CLOUD", "moon")], &["--print-config"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("IEJOBS_CLOUD=\"moon\": unknown cloud"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
