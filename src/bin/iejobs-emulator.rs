//! `iejobs-emulator`: the local Microsoft.ImportExport emulator as a standalone server.
#![expect(
    clippy::print_stdout,
    reason = "the ready line on stdout is this binary's interface"
)]

use anyhow::Context as _;
use clap::Parser;
use iejobs::emulator::clock::parse_speed;
use iejobs::emulator::faults::FaultRule;
use iejobs::emulator::limits::ArmLimits;
use iejobs::emulator::scenario::Scenario;
use iejobs::emulator::{DEFAULT_SPEED, Emulator, EmulatorConfig};

/// A local emulator of the Azure Import/Export REST API (Microsoft.ImportExport), with a
/// simulated job lifecycle and fault injection.
///
/// When ready it prints `iejobs-emulator listening on http://HOST:PORT`, then the
/// subscriptions it serves. Any `Authorization: Bearer …` token is accepted.
#[derive(Parser, Debug)]
#[command(version, about, long_about)]
struct Args {
    /// Address to listen on; `127.0.0.1:0` picks a free port.
    #[arg(long, default_value = "127.0.0.1:8642")]
    listen: String,

    /// Jobs to start with: `demo` (about 30 jobs in every state), `empty`, `load:N`
    /// (N generated jobs, up to 1,000,000), or a path to a JSON file of jobs in the API's own
    /// shape (an array of jobs or a list response; their state stays as given).
    #[arg(long, default_value = "demo")]
    scenario: Scenario,

    /// Simulated seconds per real second, from 0 (time stands still) to 1000000.
    #[arg(long, default_value_t = DEFAULT_SPEED, value_parser = parse_speed, allow_negative_numbers = true)]
    speed: f64,

    /// Seed of all randomness, for runs that repeat.
    #[arg(long, default_value_t = 1)]
    seed: u64,

    /// A fault to inject, `[ROUTE:]KIND[=ARG][@P | *N | #PATTERN][~SUBSCRIPTION]`; repeatable.
    /// ROUTE: all, list, get, put, patch, delete, bitlocker, locations, operations,
    /// subscriptions.
    /// KIND: 429[=retry-after secs], 500, 503, 401, delay[=ms], drop, truncate, badjson,
    /// unknownstate, sparse, looplink, foreignlink[=port], and the subscription refusals
    /// 403 (`AuthorizationFailed`), subnotfound (404 `SubscriptionNotFound`), unregistered
    /// (409 `MissingSubscriptionRegistration`).
    /// `~SUBSCRIPTION` limits the rule to requests for that subscription id.
    /// Examples: `list:429=2@0.3`, `delete:drop*1`, `get:500#0101`,
    /// `list:403~00000000-0000-0000-0000-000000000002`.
    #[arg(long, value_parser = parse_fault)]
    fault: Vec<FaultRule>,

    /// Enforce ARM's request limits: token buckets per subscription and bearer token, 429
    /// `SubscriptionRequestsThrottled` with `Retry-After` when one is empty, and the
    /// `x-ms-ratelimit-remaining-subscription-{reads,writes,deletes}` headers.
    /// SPEC: `arm` (reads=250/25,writes=200/10,deletes=200/10: bucket size / tokens back per
    /// second), `china` (reads=12000/h,writes=1200/h,deletes=15000/h: refilled steadily over
    /// the hour), or your own list such as `reads=10/1,deletes=2/0.5`; a class not named is
    /// unlimited. Without this option nothing is throttled.
    #[arg(long, value_name = "SPEC")]
    arm_limits: Option<ArmLimits>,
}

fn parse_fault(text: &str) -> Result<FaultRule, String> {
    FaultRule::parse(text)
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("iejobs-emulator")
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(async {
        let config = EmulatorConfig {
            scenario: args.scenario,
            speed: args.speed,
            seed: args.seed,
            faults: args.fault,
            token_check: None,
            arm_limits: args.arm_limits,
        };
        let emulator = Emulator::start(&args.listen, config).await?;
        println!("iejobs-emulator listening on {}", emulator.url());
        println!("subscriptions: {}", emulator.subscriptions().join(", "));
        wait_for_stop().await;
        emulator.shutdown().await;
        anyhow::Ok(())
    })
}

/// Waits for Ctrl-C (SIGINT) or SIGTERM.
async fn wait_for_stop() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
