//! `iejobs`: the window. With no endpoint given it starts the local emulator in-process and
//! shows its demo data; with `--endpoint` it talks to Azure Resource Manager.

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context as _;
use clap::Parser;
use iejobs::arm::{ArmClient, ClientConfig, DEFAULT_API_VERSION, Secret, StaticToken};
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::{DEFAULT_SPEED, EmulatorConfig};
use iejobs::ui::{App, AppConfig, Source};
use iejobs::worker::WorkerConfig;

/// Manage Azure Import/Export jobs: list them, cancel and delete them when Azure allows it,
/// and watch what a cancel really does.
///
/// With no --endpoint, iejobs starts a local emulator of the Import/Export API with demo
/// data and connects to it over HTTP, as it would to Azure.
#[derive(Parser, Debug)]
#[command(version, about, long_about)]
#[expect(
    clippy::doc_markdown,
    reason = "these comments are the --help text, read as plain text"
)]
struct Args {
    /// Azure Resource Manager endpoint, e.g. https://management.azure.com. The bearer token
    /// is read from the environment variable IEJOBS_ACCESS_TOKEN (never from a flag, so it
    /// stays out of shell history and process lists).
    #[arg(long)]
    endpoint: Option<String>,

    /// A subscription whose jobs to list; repeat for several. Required with --endpoint;
    /// with the emulator, defaults to the demo subscriptions.
    #[arg(long = "subscription", value_name = "ID")]
    subscriptions: Vec<String>,

    /// Seconds between full listings.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
    poll_secs: u64,

    /// Seconds between reads of the jobs that move (a cancel pending, drives copying).
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u64).range(1..))]
    fast_poll_secs: u64,

    /// The embedded emulator's jobs: demo, empty, load:N or a JSON file of jobs.
    #[arg(long, default_value = "demo")]
    emulator_scenario: iejobs::emulator::scenario::Scenario,

    /// Simulated seconds per real second of the embedded emulator.
    #[arg(long, default_value_t = DEFAULT_SPEED)]
    emulator_speed: f64,

    /// The api-version sent to the endpoint.
    #[arg(long, default_value = DEFAULT_API_VERSION)]
    api_version: String,
}

fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn")),
        )
        .init();
    let args = Args::parse();
    if !args.emulator_speed.is_finite() || args.emulator_speed < 0.0 {
        anyhow::bail!(
            "--emulator-speed must be a non-negative number, got {}",
            args.emulator_speed
        );
    }
    // The embedded emulator, if any, lives as long as `target`: until the window closes.
    let target = match &args.endpoint {
        Some(endpoint) => azure_target(endpoint, &args)?,
        None => emulator_target(&args)?,
    };
    let Target {
        endpoint,
        token,
        source,
        subscriptions,
        history_file,
        ..
    } = &target;
    let (endpoint, source, subscriptions) =
        (endpoint.clone(), source.clone(), subscriptions.clone());
    let token = token.clone();
    let mut config =
        ClientConfig::new(&endpoint).with_context(|| format!("bad --endpoint {endpoint}"))?;
    config.api_version.clone_from(&args.api_version);
    let client = ArmClient::new(config, Arc::new(StaticToken::new(token, "static token")))?;
    let mut worker = WorkerConfig::new(subscriptions);
    worker.slow_poll = Duration::from_secs(args.poll_secs);
    worker.fast_poll = Duration::from_secs(args.fast_poll_secs);
    worker.history_path = directories::ProjectDirs::from("", "", "iejobs")
        .map(|dirs| dirs.data_dir().join(history_file));
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("iejobs: Azure Import/Export jobs")
            .with_inner_size([1440.0, 880.0])
            .with_min_inner_size([900.0, 500.0]),
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    let app_config = AppConfig {
        client,
        worker,
        source,
    };
    eframe::run_native(
        "iejobs",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, app_config)?))),
    )
    .map_err(|e| anyhow::anyhow!("the window could not run: {e}"))?;
    Ok(())
}

/// Where the jobs come from, and what it takes to reach them.
struct Target {
    endpoint: String,
    token: Secret,
    source: Source,
    subscriptions: Vec<String>,
    history_file: &'static str,
    /// Kept alive while the window is open.
    _emulator: Option<EmbeddedEmulator>,
}

fn azure_target(endpoint: &str, args: &Args) -> anyhow::Result<Target> {
    let token = std::env::var("IEJOBS_ACCESS_TOKEN").context(
        "--endpoint needs a bearer token in the environment variable IEJOBS_ACCESS_TOKEN",
    )?;
    anyhow::ensure!(
        !args.subscriptions.is_empty(),
        "--endpoint needs at least one --subscription ID"
    );
    Ok(Target {
        endpoint: endpoint.to_owned(),
        token: Secret::new(token),
        source: Source::Azure {
            endpoint: endpoint.to_owned(),
            identity: "token from IEJOBS_ACCESS_TOKEN".to_owned(),
        },
        subscriptions: args.subscriptions.clone(),
        history_file: "history.json",
        _emulator: None,
    })
}

fn emulator_target(args: &Args) -> anyhow::Result<Target> {
    let emulator = EmbeddedEmulator::start(EmulatorConfig {
        scenario: args.emulator_scenario.clone(),
        speed: args.emulator_speed,
        ..EmulatorConfig::default()
    })
    .context("cannot start the embedded emulator")?;
    let url = emulator.url().to_owned();
    let subscriptions = if args.subscriptions.is_empty() {
        emulator.subscriptions().to_vec()
    } else {
        args.subscriptions.clone()
    };
    Ok(Target {
        endpoint: url.clone(),
        token: Secret::new("emulator"),
        source: Source::Emulator {
            url,
            scenario: args.emulator_scenario.to_string(),
            speed: args.emulator_speed,
        },
        subscriptions,
        history_file: "history-emulator.json",
        _emulator: Some(emulator),
    })
}
