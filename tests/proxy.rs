//! The loopback emulator is never reached through `HTTP(S)_PROXY`: an administrator behind a
//! corporate proxy has those set, rarely with `NO_PROXY` for 127.0.0.1, and the default mode
//! (the embedded emulator) must still work.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use iejobs::arm::ListScope;
use iejobs::emulator::DEMO_SUBSCRIPTION;
use iejobs::emulator::scenario::Scenario;

/// Lists the demo through the client. Run as it is, and by the test below in a process of
/// its own whose proxy variables point at a closed port.
#[test]
fn the_emulator_is_listed() {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    runtime.block_on(async {
        let emulator = common::emulator(Scenario::Demo).await;
        let client = common::client(&emulator.url());
        let jobs = client
            .list_jobs(&ListScope::Subscription(DEMO_SUBSCRIPTION.to_owned()))
            .await
            .unwrap();
        assert_eq!(jobs.len(), 25);
    });
}

#[test]
fn loopback_is_never_sent_through_a_proxy() {
    let closed = "http://127.0.0.1:9";
    let mut child = std::process::Command::new(std::env::current_exe().unwrap());
    child.args(["--exact", "the_emulator_is_listed", "--test-threads=1"]);
    for name in [
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "http_proxy",
        "https_proxy",
        "all_proxy",
    ] {
        child.env(name, closed);
    }
    child.env_remove("NO_PROXY").env_remove("no_proxy");
    let out = child.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "listing with proxy variables set failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
