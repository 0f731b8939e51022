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

#[test]
fn an_endpoint_with_a_user_name_or_password_is_refused_and_never_echoed() {
    let dir = scratch("userinfo");
    let url = "http://alice-q7:hunter2-zz@127.0.0.1:9";
    let file = dir.join("config.toml");
    std::fs::write(&file, format!("endpoint = \"{url}\"\n")).unwrap();
    let runs = [
        iejobs(&dir, &[], &["--print-config", "--endpoint", url]),
        iejobs(&dir, &[("IEJOBS_ENDPOINT", url)], &["--print-config"]),
        iejobs(
            &dir,
            &[("IEJOBS_CONFIG", file.to_str().unwrap())],
            &["--print-config"],
        ),
        // Not a URL at all, but user info all the same.
        iejobs(
            &dir,
            &[],
            &["--print-config", "--endpoint", "alice-q7:hunter2-zz@host"],
        ),
    ];
    for output in runs {
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
        assert!(
            stderr.contains("the endpoint holds a user name or password"),
            "{stderr}"
        );
        for secret in ["hunter2", "alice-q7"] {
            assert!(!stdout.contains(secret), "{stdout}");
            assert!(!stderr.contains(secret), "{stderr}");
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn every_problem_of_the_file_is_reported_at_once_with_its_place() {
    let dir = scratch("all-problems");
    let file = dir.join("config.toml");
    std::fs::write(
        &file,
        "# mine\npoll_secs = 5\nfast-poll-secs = \"ten\"\ncloud = \"moon\"\n\
         token = \"s3cr3t-tok\"\nsubscriptions = \"not-a-list\"\n",
    )
    .unwrap();
    let output = iejobs(
        &dir,
        &[("IEJOBS_CONFIG", file.to_str().unwrap())],
        &["--print-config"],
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for (line, key) in [
        (2, "poll_secs"),
        (3, "fast-poll-secs"),
        (4, "cloud"),
        (5, "token"),
        (6, "subscriptions"),
    ] {
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&format!("line {line}, column")) && l.contains(key)),
            "no message for {key} on line {line}:\n{stderr}"
        );
    }
    assert!(stderr.contains("did you mean \"poll-secs\""), "{stderr}");
    assert!(!stderr.contains("s3cr3t"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_long_value_is_cut_in_messages() {
    let dir = scratch("long-value");
    let long = "9".repeat(100_000);
    let file = dir.join("config.toml");
    std::fs::write(&file, format!("api-version = \"{long}\"\n")).unwrap();
    let output = iejobs(
        &dir,
        &[
            ("IEJOBS_CONFIG", file.to_str().unwrap()),
            ("IEJOBS_FAST_POLL_SECS", &format!("x{long}")),
        ],
        &["--print-config"],
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("… (100001 characters)"), "{stderr}");
    assert!(stderr.len() < 2_000, "{} bytes of messages", stderr.len());
    let output = iejobs(
        &dir,
        &[("IEJOBS_CONFIG", file.to_str().unwrap())],
        &["--print-config", "--endpoint", &format!("https://{long}")],
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("… (100000 characters)"), "{stderr}");
    assert!(stderr.contains("… (100008 characters)"), "{stderr}");
    assert!(stderr.len() < 2_000, "{} bytes of messages", stderr.len());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_config_folder_under_a_file_is_no_config_with_a_warning_on_stderr() {
    let dir = scratch("not-a-dir");
    let plain = dir.join("plain-file");
    std::fs::write(&plain, "not a folder\n").unwrap();
    // The default path runs through a file: a warning, and the defaults.
    let output = iejobs(
        &dir,
        &[("XDG_CONFIG_HOME", plain.to_str().unwrap())],
        &["--print-config"],
    );
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(output.status.success(), "{stdout}{stderr}");
    assert!(stdout.contains("source: embedded emulator"), "{stdout}");
    assert!(stderr.contains("WARN"), "{stderr}");
    assert!(stderr.contains("is a file, not a folder"), "{stderr}");
    assert!(!stderr.contains("\x1b["), "colour codes in {stderr:?}");
    assert!(!stdout.contains("WARN"), "a log line on stdout: {stdout}");
    // Named explicitly: a clear error that says why the file cannot exist.
    let named = plain.join("config.toml");
    let output = iejobs(
        &dir,
        &[("IEJOBS_CONFIG", named.to_str().unwrap())],
        &["--print-config"],
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{} is a file, not a folder", plain.display())),
        "{stderr}"
    );
    assert!(stderr.contains("IEJOBS_CONFIG"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Starts Xvfb on a free display; `None` when it is not installed.
fn xvfb() -> Option<(std::process::Child, String)> {
    use std::io::BufRead as _;
    let mut child = Command::new("Xvfb")
        .args([
            "-displayfd",
            "1",
            "-nolisten",
            "tcp",
            "-screen",
            "0",
            "1280x1024x24",
        ])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .ok()?;
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    Some((child, format!(":{}", line.trim())))
}

#[test]
fn a_leftover_wayland_display_falls_back_to_x11() {
    let Some((mut server, display)) = xvfb() else {
        eprintln!("SKIPPED a_leftover_wayland_display_falls_back_to_x11: Xvfb is not installed");
        return;
    };
    let dir = scratch("wayland");
    let log = dir.join("stderr.txt");
    let mut app = Command::new(env!("CARGO_BIN_EXE_iejobs"))
        .env_clear()
        .env("HOME", &dir)
        .env("PATH", "/usr/bin:/bin")
        .env("XDG_RUNTIME_DIR", &dir)
        .env("WAYLAND_DISPLAY", "nowhere-0")
        .env("DISPLAY", &display)
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    let mut exited = None;
    while std::time::Instant::now() < deadline && exited.is_none() {
        std::thread::sleep(std::time::Duration::from_millis(200));
        exited = app.try_wait().unwrap();
    }
    let _ = app.kill();
    let _ = app.wait();
    let _ = server.kill();
    let _ = server.wait();
    let stderr = std::fs::read_to_string(&log).unwrap();
    assert!(exited.is_none(), "the app exited ({exited:?}):\n{stderr}");
    assert!(stderr.contains("WAYLAND_DISPLAY"), "no warning:\n{stderr}");
    // The window's log file has the warning too, without colour codes.
    let logs = dir.join(".local/share/iejobs/logs");
    let files: Vec<_> = std::fs::read_dir(&logs).unwrap().collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let logged = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(
        logged.contains("WAYLAND_DISPLAY"),
        "not in the file:\n{logged}"
    );
    assert!(
        !logged.contains('\u{1b}'),
        "colour codes in the file:\n{logged}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_log_folder_that_cannot_be_created_is_warned_about_and_the_window_opens() {
    let Some((mut server, display)) = xvfb() else {
        eprintln!("SKIPPED a_log_folder_that_cannot_be_created_…: Xvfb is not installed");
        return;
    };
    let dir = scratch("no-log-folder");
    // A regular file where the data folder should be.
    std::fs::create_dir_all(dir.join(".local/share")).unwrap();
    std::fs::write(dir.join(".local/share/iejobs"), "not a folder").unwrap();
    let log = dir.join("stderr.txt");
    let mut app = Command::new(env!("CARGO_BIN_EXE_iejobs"))
        .env_clear()
        .env("HOME", &dir)
        .env("PATH", "/usr/bin:/bin")
        .env("XDG_RUNTIME_DIR", &dir)
        .env("DISPLAY", &display)
        .env("LIBGL_ALWAYS_SOFTWARE", "1")
        .env("RUST_LOG", "warn,iejobs::startup=info")
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let mut exited = None;
    let mut stderr = String::new();
    while std::time::Instant::now() < deadline && exited.is_none() {
        std::thread::sleep(std::time::Duration::from_millis(200));
        exited = app.try_wait().unwrap();
        stderr = std::fs::read_to_string(&log).unwrap();
        if stderr.contains("first frame showing jobs") {
            break;
        }
    }
    let _ = app.kill();
    let _ = app.wait();
    let _ = server.kill();
    let _ = server.wait();
    assert!(exited.is_none(), "the app exited ({exited:?}):\n{stderr}");
    let folder = dir.join(".local/share/iejobs/logs");
    assert!(
        stderr.contains(&format!(
            "no log file: cannot create the folder {}",
            folder.display()
        )) && stderr.contains("logging to stderr only"),
        "no warning:\n{stderr}"
    );
    assert!(
        stderr.contains("first frame showing jobs"),
        "the window did not show jobs:\n{stderr}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_commands_write_no_log_file() {
    let dir = scratch("commands-no-log");
    for args in [&["--print-config"][..], &["jobs", "list", "-o", "json"]] {
        let output = iejobs(&dir, &[], args);
        assert!(
            output.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    assert!(
        !dir.join(".local/share/iejobs/logs").exists(),
        "a command made the log folder"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
