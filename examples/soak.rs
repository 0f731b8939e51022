//! Soak: the worker and the store (the code the window runs) against the in-process
//! emulator with 10,000 jobs, for one simulated hour on an accelerated clock, polling on
//! intervals scaled by the same factor. Every tenth of the run it prints resident memory,
//! what the store keeps (jobs, timeline transitions, progress samples, activity lines), the
//! history file's size, open sockets and file descriptors, and the requests served; at the
//! end it compares memory after warm-up with memory at the end.
//!
//! `cargo run --example soak -- [--jobs N] [--real-secs S] [--sim-secs T]`
//! (defaults: 10,000 jobs, 180 real seconds, 3,600 simulated seconds).

#![allow(
    clippy::print_stdout,
    clippy::cast_precision_loss,
    reason = "a command-line report; figures are shown with a few significant digits"
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use iejobs::arm::{ArmClient, ClientConfig, Secret, StaticToken};
use iejobs::emulator::EmulatorConfig;
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::scenario::Scenario;
use iejobs::model::Session;
use iejobs::worker::{WorkerConfig, WorkerHandle};

/// The window's default intervals, in real seconds at speed 1.
const SLOW_POLL_SECS: f64 = 30.0;
const FAST_POLL_SECS: f64 = 2.0;

fn flag<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.windows(2)
        .find(|w| w[0] == name)
        .and_then(|w| w[1].parse().ok())
        .unwrap_or(default)
}

/// A field of `/proc/self/status` in KiB.
fn status_kib(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix(field))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// Open file descriptors, and how many of them are sockets.
fn descriptors() -> (usize, usize) {
    let Ok(dir) = std::fs::read_dir("/proc/self/fd") else {
        return (0, 0);
    };
    let links: Vec<_> = dir
        .flatten()
        .filter_map(|e| std::fs::read_link(e.path()).ok())
        .collect();
    let sockets = links
        .iter()
        .filter(|l| l.to_string_lossy().starts_with("socket:"))
        .count();
    (links.len(), sockets)
}

struct Sample {
    real_secs: f64,
    rss_kib: u64,
    jobs: usize,
    transitions: usize,
    samples: usize,
    activity: usize,
    history_kib: u64,
    fds: usize,
    sockets: usize,
    requests: usize,
}

fn sample(
    started: Instant,
    session: &Session,
    history: &std::path::Path,
    emulator: &EmbeddedEmulator,
) -> Sample {
    let (fds, sockets) = descriptors();
    Sample {
        real_secs: started.elapsed().as_secs_f64(),
        rss_kib: status_kib("VmRSS:"),
        jobs: session.store().len(),
        transitions: session.store().iter().map(|e| e.timeline.len()).sum(),
        samples: session.store().iter().map(|e| e.progress.len()).sum(),
        activity: session.activity().len(),
        history_kib: std::fs::metadata(history).map_or(0, |m| m.len() / 1024),
        fds,
        sockets,
        requests: emulator
            .with(|e| e.requests().last().map_or(0, |r| r.seq))
            .unwrap_or(0)
            .try_into()
            .unwrap_or(usize::MAX),
    }
}

fn print_row(s: &Sample) {
    println!(
        "{:>7.0} {:>9} {:>6} {:>11} {:>9} {:>8} {:>8} {:>5} {:>7} {:>9}",
        s.real_secs,
        s.rss_kib,
        s.jobs,
        s.transitions,
        s.samples,
        s.activity,
        s.history_kib,
        s.fds,
        s.sockets,
        s.requests
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let jobs: usize = flag(&args, "--jobs", 10_000);
    let real_secs = flag(&args, "--real-secs", 180.0);
    let sim_secs = flag(&args, "--sim-secs", 3600.0);
    let speed = sim_secs / real_secs;
    let emulator = EmbeddedEmulator::start(EmulatorConfig {
        scenario: Scenario::Load(jobs),
        speed,
        seed: 1,
        ..EmulatorConfig::default()
    })?;
    let scratch = std::env::temp_dir().join(format!("iejobs-soak-{}", std::process::id()));
    std::fs::create_dir_all(&scratch)?;
    let history = scratch.join("history.json");
    let mut config = WorkerConfig::new(emulator.subscriptions().to_vec());
    config.slow_poll = Duration::from_secs_f64(SLOW_POLL_SECS / speed);
    config.fast_poll = Duration::from_secs_f64(FAST_POLL_SECS / speed);
    config.history_path = Some(history.clone());
    let client = ArmClient::new(
        ClientConfig::new(emulator.url())?,
        Arc::new(StaticToken::new(Secret::new("soak"), "soak")),
    )?;
    let mut worker = WorkerHandle::spawn(client, config, Arc::new(|_| {}))?;
    let mut session = Session::default();
    println!(
        "soak: {jobs} jobs, {sim_secs} simulated s in {real_secs} real s (clock x{speed:.1}), \
         full poll every {:.2} s, moving jobs every {:.3} s",
        SLOW_POLL_SECS / speed,
        FAST_POLL_SECS / speed
    );
    println!(
        "{:>7} {:>9} {:>6} {:>11} {:>9} {:>8} {:>8} {:>5} {:>7} {:>9}",
        "real s",
        "RSS KiB",
        "jobs",
        "transitions",
        "samples",
        "activity",
        "hist KiB",
        "fds",
        "sockets",
        "requests"
    );
    let started = Instant::now();
    let mut samples = Vec::new();
    let mut next_sample = Duration::ZERO;
    let run = Duration::from_secs_f64(real_secs);
    while started.elapsed() < run {
        // A frame's work: drain the events into the store, as the window does.
        while let Some(event) = worker.try_recv() {
            session.apply(event);
        }
        if started.elapsed() >= next_sample {
            let s = sample(started, &session, &history, &emulator);
            print_row(&s);
            samples.push(s);
            next_sample += run / 10;
        }
        std::thread::sleep(Duration::from_millis(16));
    }
    let last = sample(started, &session, &history, &emulator);
    print_row(&last);
    worker.shutdown();
    // After warm-up: the first sample from a quarter of the run on. By then every job has
    // been listed and the store's bounded buffers (16 progress samples per moving job) are
    // full; before, memory grows as they fill, by design.
    let warm = samples
        .iter()
        .find(|s| s.real_secs >= real_secs / 4.0)
        .unwrap_or(&last);
    let growth = (last.rss_kib as f64 - warm.rss_kib as f64) / warm.rss_kib as f64 * 100.0;
    let max_rss = samples
        .iter()
        .map(|s| s.rss_kib)
        .max()
        .unwrap_or(0)
        .max(last.rss_kib);
    println!(
        "soak: RSS after warm-up {} KiB, at the end {} KiB ({growth:+.1} %), highest {max_rss} KiB; \
         sockets {} -> {}; peak RSS (VmHWM) {} KiB",
        warm.rss_kib,
        last.rss_kib,
        warm.sockets,
        last.sockets,
        status_kib("VmHWM:")
    );
    let _ = std::fs::remove_dir_all(&scratch);
    Ok(())
}
