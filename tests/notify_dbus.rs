//! Desktop notifications reach a session D-Bus: a private `dbus-daemon` (a session bus
//! without service activation, so no real notification server starts), `dbus-monitor`
//! watching `org.freedesktop.Notifications`, and this test's own binary run again as the
//! sender with `DBUS_SESSION_BUS_ADDRESS` pointing at that bus (the variable is per
//! process: the sender is a child process rather than this one, whose environment tests
//! must not change). Nobody answers the call on that bus, so the sender also shows that
//! delivery gives up quickly instead of waiting for D-Bus's 25 s.
//!
//! Without `dbus-daemon` and `dbus-monitor` (Debian: `dbus-daemon`, `dbus-bin`;
//! `scripts/setup-debian.sh` installs them) the test fails when `CI` is set, and says it
//! skipped otherwise.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use iejobs::model::{Notification, NotificationKind};
use iejobs::ui::desktop_notify::{DELIVERY_TIMEOUT, deliver};

/// Set in the sender's environment: the ignored test below then sends.
const CHILD_ENV: &str = "IEJOBS_TEST_NOTIFY_SENDER";
const JOB: &str = "dr-test-restore";

/// A child process killed and reaped when the test ends, however it ends.
struct Reaped(Child);

impl Drop for Reaped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn installed(program: &str) -> bool {
    Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// A session bus configuration without service directories: a Notify call is answered
/// at once with an error, and nothing on this machine is started by it.
fn bus_config(dir: &Path) -> String {
    format!(
        r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#,
        dir.display()
    )
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iejobs-notify-dbus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Runs this test binary's sender test against the bus at `address`; its output.
fn send_once(address: &str) -> String {
    let started = Instant::now();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "sender", "--ignored", "--nocapture"])
        .env(CHILD_ENV, "1")
        .env("DBUS_SESSION_BUS_ADDRESS", address)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let limit = DELIVERY_TIMEOUT + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("the sender took more than {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let output = child.wait_with_output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "the sender failed:\n{text}");
    text
}

#[test]
fn a_notification_reaches_the_session_bus_naming_the_job() {
    let missing: Vec<&str> = ["dbus-daemon", "dbus-monitor"]
        .into_iter()
        .filter(|p| !installed(p))
        .collect();
    if !missing.is_empty() {
        let why = format!(
            "{} not installed (Debian: dbus-daemon, dbus-bin; run scripts/setup-debian.sh)",
            missing.join(" and ")
        );
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("SKIPPED notify_dbus: {why}");
        return;
    }
    let dir = scratch_dir();
    let config = dir.join("bus.conf");
    std::fs::write(&config, bus_config(&dir)).unwrap();
    let mut daemon = Reaped(
        Command::new("dbus-daemon")
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address"])
            .stdout(Stdio::piped())
            // It says it cannot raise its file limit, and who monitors: noise here.
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut address = String::new();
    BufReader::new(daemon.0.stdout.take().unwrap())
        .read_line(&mut address)
        .unwrap();
    let address = address.trim().to_owned();
    assert!(address.starts_with("unix:"), "{address:?}");
    let log = dir.join("monitor.log");
    let _monitor = Reaped(
        Command::new("dbus-monitor")
            .args([
                "--address",
                &address,
                "interface='org.freedesktop.Notifications'",
            ])
            .stdout(std::fs::File::create(&log).unwrap())
            .spawn()
            .unwrap(),
    );
    // The monitor is ready when it is: send until it has seen a call (each send is quick).
    let mut seen = String::new();
    let mut sender = String::new();
    for _ in 0..20 {
        sender = send_once(&address);
        seen = std::fs::read_to_string(&log).unwrap_or_default();
        if seen.contains("member=Notify") && seen.contains(JOB) {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        seen.contains("member=Notify") && seen.contains("interface=org.freedesktop.Notifications"),
        "the monitor saw no Notify call:\n{seen}\nthe sender said:\n{sender}"
    );
    assert!(
        seen.contains(JOB),
        "the call does not name the job:\n{seen}"
    );
    assert!(seen.contains("string \"iejobs\""), "the app name:\n{seen}");
    assert!(
        sender.contains("delivered in"),
        "the sender reported no time:\n{sender}"
    );
}

/// The sender, run by the test above in a process of its own (ignored when run alone).
#[test]
#[ignore = "run by a_notification_reaches_the_session_bus_naming_the_job, in its own process"]
fn sender() {
    if std::env::var_os(CHILD_ENV).is_none() {
        eprintln!("sender: run by a_notification_reaches_the_session_bus_naming_the_job");
        return;
    }
    let notification = Notification {
        kind: NotificationKind::CancelLanded,
        title: "Cancel landed".to_owned(),
        body: format!(
            "{JOB} (rg-backup) is Completed (3 drives, 27.5 GB copied after the request)"
        ),
    };
    let started = Instant::now();
    let result = deliver(&notification, DELIVERY_TIMEOUT);
    let took = started.elapsed();
    // No notification server on the test's bus: an error, but a quick one.
    eprintln!("sender: delivered in {took:?}: {result:?}");
    assert!(
        took < DELIVERY_TIMEOUT + Duration::from_secs(1),
        "delivery took {took:?}"
    );
}
