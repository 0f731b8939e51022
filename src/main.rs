//! `iejobs`: the window. With nothing about Azure configured it starts the local emulator
//! in-process and shows its demo data; with a cloud, an endpoint or a sign-in method (flag,
//! `IEJOBS_*` variable or config file) it talks to Azure Resource Manager.

use std::sync::Arc;

use anyhow::Context as _;
use clap::Parser;
use iejobs::arm::{ArmClient, ClientConfig, Secret, StaticToken, TokenSource};
use iejobs::auth::{AuthOptions, token_source};
use iejobs::cli::Exit;
use iejobs::config::{self, Layer, Origin, Settings, file};
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::{DEFAULT_SPEED, EmulatorConfig};
use iejobs::log_file::{self, LogFileError};
use iejobs::ui::{App, AppConfig, Folders, SettingsContext, Source};
use iejobs::worker::{Budget, WorkerConfig};

/// Manage Azure Import/Export jobs: list them, cancel and delete them when Azure allows it,
/// and watch what a cancel really does.
///
/// With nothing about Azure configured, iejobs starts a local emulator of the Import/Export
/// API with demo data and connects to it over HTTP, as it would to Azure.
#[derive(Parser, Debug)]
#[command(version, about, long_about, after_long_help = SETTINGS_HELP)]
#[expect(
    clippy::doc_markdown,
    reason = "these comments are the --help text, read as plain text"
)]
struct Args {
    /// The config file [env: IEJOBS_CONFIG] [default: ~/.config/iejobs/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<std::path::PathBuf>,

    /// Use the embedded emulator even if Azure is configured.
    #[arg(long, global = true)]
    emulator: bool,

    /// Print the settings in force, with where each came from, and exit.
    #[arg(long, global = true)]
    print_config: bool,

    /// Azure cloud: public, usgov or china [env: IEJOBS_CLOUD]
    #[arg(long, global = true)]
    cloud: Option<String>,

    /// Azure Resource Manager endpoint, overriding the cloud's; https, or http on loopback
    /// [env: IEJOBS_ENDPOINT]
    #[arg(long, global = true)]
    endpoint: Option<String>,

    /// Sign-in: auto, azure-cli, service-principal, managed-identity, workload-identity or
    /// token [env: IEJOBS_AUTH]
    #[arg(long, global = true)]
    auth: Option<String>,

    /// Tenant to sign in to [env: IEJOBS_TENANT_ID]
    #[arg(long, global = true)]
    tenant_id: Option<String>,

    /// Client id of a user-assigned managed identity, or of the application when
    /// AZURE_CLIENT_ID is not set [env: IEJOBS_CLIENT_ID]
    #[arg(long, global = true)]
    client_id: Option<String>,

    /// A subscription whose jobs to list; repeat for several. Default: every usable
    /// subscription the identity sees (on the emulator: its demo subscriptions)
    /// [env: IEJOBS_SUBSCRIPTIONS, comma-separated]
    #[arg(long = "subscription", global = true, value_name = "ID")]
    subscriptions: Vec<String>,

    /// The least seconds between two full listings of a subscription [default: 60 on
    /// Azure, 30 on the emulator] [env: IEJOBS_POLL_SECS]
    #[arg(long, global = true)]
    poll_secs: Option<u64>,

    /// Seconds between reads of the jobs that move (a cancel pending, drives copying)
    /// [default: 20 on Azure, 2 on the emulator] [env: IEJOBS_FAST_POLL_SECS]
    #[arg(long, global = true)]
    fast_poll_secs: Option<u64>,

    /// Reads per subscription and hour that polling may spend, or "unlimited"; the first
    /// listing and Refresh may go faster, up to 12 a second [default: 1200 on Azure,
    /// unlimited on the emulator] [env: IEJOBS_READ_BUDGET]
    #[arg(long, global = true, value_name = "READS_PER_HOUR")]
    read_budget: Option<String>,

    /// The Microsoft.ImportExport api-version [default: 2020-08-01] [env: IEJOBS_API_VERSION]
    #[arg(long, global = true)]
    api_version: Option<String>,

    /// Language of the window and the commands: system, en, es or it [default: system: the
    /// locale's (LC_ALL, LC_MESSAGES, LANG), else English] [env: IEJOBS_LANG]
    #[arg(long, global = true, value_name = "LANG")]
    lang: Option<String>,

    /// The embedded emulator's jobs: demo, empty, load:N or a JSON file of jobs.
    #[arg(long, global = true, default_value = "demo")]
    emulator_scenario: iejobs::emulator::scenario::Scenario,

    /// Simulated seconds per real second of the embedded emulator (0 stops its clock).
    #[arg(
        long,
        global = true,
        default_value_t = DEFAULT_SPEED,
        value_parser = iejobs::emulator::clock::parse_speed,
        allow_negative_numbers = true
    )]
    emulator_speed: f64,

    /// Without a command, the window opens.
    #[command(subcommand)]
    command: Option<Command>,
}

/// The commands for scripts and terminals.
#[derive(clap::Subcommand, Debug)]
enum Command {
    /// List, show, cancel, delete and watch jobs from the command line.
    Jobs(iejobs::cli::JobsArgs),
    /// The audit trail: every Cancel and Delete sent, from the window or the command line,
    /// with its outcome and Azure's request id.
    Audit(iejobs::cli::audit::AuditArgs),
}

const SETTINGS_HELP: &str = "\
SETTINGS
  Each setting comes from a flag, else an IEJOBS_* environment variable, else the config
  file (TOML), else its default. Keys of the config file:
    cloud = \"public\"            # public | usgov | china
    endpoint = \"https://...\"    # overrides the cloud's ARM endpoint
    auth = \"auto\"               # auto | azure-cli | service-principal | managed-identity
                                #   | workload-identity | token
    tenant-id = \"...\"           # Azure CLI --tenant; service principal tenant
    client-id = \"...\"           # user-assigned managed identity, or the application
    subscriptions = [\"...\"]     # empty or absent: every usable subscription
    poll-secs = 60               # least time between listings (Azure; 30 on the emulator)
    fast-poll-secs = 20          # moving jobs (Azure; 2 on the emulator)
    read-budget = 1200           # reads per subscription and hour; 0: unlimited
    api-version = \"2020-08-01\"  # 2016-11-01 | 2020-08-01 | 2021-01-01
    notifications = true         # desktop notifications (a cancel landed, a delete,
                                #   a failure, 5 min unreachable); IEJOBS_NOTIFICATIONS
    language = \"system\"          # system | en | es | it; IEJOBS_LANG, --lang
  Setting cloud, endpoint or auth anywhere selects Azure; otherwise the emulator runs.
  AZURE_SUBSCRIPTION_ID is read when IEJOBS_SUBSCRIPTIONS is not set.

NETWORK
  HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY are honoured (never for the loopback
  emulator). Certificates are checked against the system's trust store; SSL_CERT_FILE or
  SSL_CERT_DIR, when set, replace it (a bundle holding a TLS-inspecting proxy's root and the
  public roots).

SIGN-IN (auth)
  azure-cli          the account of `az login`
  service-principal  AZURE_TENANT_ID, AZURE_CLIENT_ID, AZURE_CLIENT_SECRET
  managed-identity   the identity of the Azure machine (AZURE_CLIENT_ID for a user-assigned one)
  workload-identity  AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID, AZURE_TENANT_ID
  token              a bearer token in IEJOBS_ACCESS_TOKEN (not refreshed)
  auto               the first of: token, service principal, workload identity, managed
                     identity (IDENTITY_ENDPOINT or MSI_ENDPOINT set), Azure CLI
  Secrets are read from the environment only; the config file refuses them.";

impl Args {
    /// The flags as a settings layer.
    fn layer(&self) -> anyhow::Result<Layer> {
        let mut layer = Layer {
            endpoint: self.endpoint.clone(),
            tenant_id: self.tenant_id.clone(),
            client_id: self.client_id.clone(),
            subscriptions: (!self.subscriptions.is_empty()).then(|| self.subscriptions.clone()),
            poll_secs: self.poll_secs,
            fast_poll_secs: self.fast_poll_secs,
            api_version: self.api_version.clone(),
            ..Layer::default()
        };
        if let Some(cloud) = &self.cloud {
            layer
                .set("cloud", cloud)
                .map_err(|e| anyhow::anyhow!("--cloud: {e}"))?;
        }
        if let Some(auth) = &self.auth {
            layer
                .set("auth", auth)
                .map_err(|e| anyhow::anyhow!("--auth: {e}"))?;
        }
        if let Some(budget) = &self.read_budget {
            layer
                .set("read-budget", budget)
                .map_err(|e| anyhow::anyhow!("--read-budget: {e}"))?;
        }
        if let Some(lang) = &self.lang {
            layer
                .set("language", lang)
                .map_err(|e| anyhow::anyhow!("--lang: {e}"))?;
        }
        Ok(layer)
    }
}

/// The language asked for before the settings are read: `--lang` (or `--lang=`), else
/// `IEJOBS_LANG`, else the system's locale. A value that is no language is left to the
/// settings to report.
fn early_language() -> iejobs::i18n::Lang {
    use iejobs::i18n::LanguageChoice;
    let args: Vec<String> = std::env::args().collect();
    let flag = args.iter().enumerate().find_map(|(i, arg)| {
        arg.strip_prefix("--lang=").map(str::to_owned).or_else(|| {
            (arg == "--lang")
                .then(|| args.get(i + 1).cloned())
                .flatten()
        })
    });
    flag.or_else(|| env_var("IEJOBS_LANG"))
        .and_then(|value| value.parse::<LanguageChoice>().ok())
        .unwrap_or_default()
        .resolve()
}

/// The flags, with `--help` in the language in force.
fn parse_args() -> Args {
    use clap::{CommandFactory as _, FromArgMatches as _};
    let matches = iejobs::cli::help::localized(Args::command()).get_matches();
    Args::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

fn env_var(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

fn main() -> std::process::ExitCode {
    // The language before anything is said, --help and clap's errors included: the flag,
    // else IEJOBS_LANG, else the system's. The config file's key is read with the other
    // settings (see `load_settings`); a value that does not parse is reported there.
    iejobs::i18n::set_language(early_language());
    let args = parse_args();
    // Only the window logs to a file: the commands' stderr is for the script that runs them.
    let window = args.command.is_none() && !args.print_config;
    // The guard flushes the log file when dropped, at the end of `main`.
    let (log_folder, _flush_log_file) = init_logging(window).unzip();
    match &args.command {
        Some(Command::Jobs(jobs)) => {
            return std::process::ExitCode::from(run_jobs(&args, jobs).code());
        }
        Some(Command::Audit(audit)) => {
            return std::process::ExitCode::from(run_audit(&args, audit).code());
        }
        None => {}
    }
    match run_window(&args, log_folder) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            report(&error);
            std::process::ExitCode::FAILURE
        }
    }
}

/// Prints an error on stderr: the whole chain, one cause per line, without a backtrace.
fn report(error: &anyhow::Error) {
    eprintln!("iejobs: {error}");
    for cause in error.chain().skip(1) {
        // A settings error holds one problem per line: each indented alike.
        for line in cause.to_string().lines() {
            eprintln!("  {line}");
        }
    }
}

/// The settings in force, and the config file they were read from.
struct Loaded {
    path: Option<std::path::PathBuf>,
    file_layer: Layer,
    settings: Settings,
}

/// Reads the config file, the environment and the flags, and merges them.
fn load_settings(args: &Args) -> anyhow::Result<Loaded> {
    let (path, file_layer) = config_file(args)?;
    let flags = args.layer()?;
    let env = Layer::from_env(env_var)?;
    let settings = config::resolve(&flags, &env, &file_layer, args.emulator)
        .context(iejobs::tr!("cli-settings-unusable"))?;
    iejobs::i18n::set_language(settings.language.resolve());
    Ok(Loaded {
        path,
        file_layer,
        settings,
    })
}

/// What the window and the commands talk through: the client, how to poll, and the target
/// (which holds the embedded emulator, if any, alive).
struct Connection {
    client: ArmClient,
    worker: WorkerConfig,
    target: Target,
    /// Which audit trail actions are written to: "azure" or "emulator".
    audit_kind: &'static str,
}

/// Why no connection could be set up.
enum ConnectError {
    /// No credential could be had.
    SignIn(anyhow::Error),
    /// Anything else (the endpoint, the embedded emulator).
    Other(anyhow::Error),
}

/// Sets up the connection the settings describe: Azure, or the embedded emulator.
fn connect(args: &Args, settings: &Settings) -> Result<Connection, ConnectError> {
    let target = match &settings.connection {
        config::Connection::Azure(azure) => {
            azure_target(azure, settings).map_err(ConnectError::SignIn)?
        }
        config::Connection::Emulator => {
            emulator_target(args, settings).map_err(ConnectError::Other)?
        }
    };
    let other = |e: anyhow::Error| ConnectError::Other(e);
    let mut config = ClientConfig::new(&target.endpoint)
        .with_context(|| iejobs::tr!("main-bad-endpoint", endpoint = target.endpoint.as_str()))
        .map_err(other)?;
    config.api_version.clone_from(&settings.api_version);
    let client = ArmClient::new(config, target.tokens.clone()).map_err(|e| other(e.into()))?;
    let mut worker = WorkerConfig::new(target.subscriptions.clone());
    worker.slow_poll = settings.poll;
    worker.fast_poll = settings.fast_poll;
    worker.budget = match settings.connection {
        config::Connection::Azure(_) => Budget::azure_with(settings.read_budget),
        config::Connection::Emulator => Budget {
            reads_per_hour: settings.read_budget,
            ..Budget::UNLIMITED
        },
    };
    worker.history_path = data_dir().map(|dir| dir.join(target.history_file));
    let audit_kind = match settings.connection {
        config::Connection::Azure(_) => "azure",
        config::Connection::Emulator => "emulator",
    };
    worker.audit_path = iejobs::audit::Audit::default_path(audit_kind);
    Ok(Connection {
        client,
        worker,
        target,
        audit_kind,
    })
}

/// `iejobs jobs …`: the same settings and connection as the window, then the command.
fn run_jobs(args: &Args, jobs: &iejobs::cli::JobsArgs) -> Exit {
    let loaded = match load_settings(args) {
        Ok(loaded) => loaded,
        Err(error) => {
            report(&error);
            return Exit::Usage;
        }
    };
    if args.print_config {
        print_settings(&loaded.settings, loaded.path.as_deref());
        return Exit::Done;
    }
    let connection = match connect(args, &loaded.settings) {
        Ok(connection) => connection,
        Err(ConnectError::SignIn(error)) => {
            report(&error);
            return Exit::SignIn;
        }
        Err(ConnectError::Other(error)) => {
            report(&error);
            return Exit::Service;
        }
    };
    let audit = iejobs::audit::Audit::open_default(
        connection.audit_kind,
        "command line",
        &connection.client,
    );
    let exit = iejobs::cli::run(
        jobs,
        iejobs::cli::Context {
            client: connection.client,
            worker: connection.worker,
            audit,
        },
    );
    // The embedded emulator, if any, served the whole command.
    drop(connection.target);
    exit
}

/// `iejobs audit`: the trail of the connection the settings name (Azure's, or the
/// emulator's), read without connecting.
fn run_audit(args: &Args, audit: &iejobs::cli::audit::AuditArgs) -> Exit {
    let loaded = match load_settings(args) {
        Ok(loaded) => loaded,
        Err(error) => {
            report(&error);
            return Exit::Usage;
        }
    };
    let kind = match loaded.settings.connection {
        config::Connection::Azure(_) => "azure",
        config::Connection::Emulator => "emulator",
    };
    let path = iejobs::audit::Audit::default_path(kind);
    iejobs::cli::audit::run(audit, path.as_deref())
}

/// The data folder: the history and the audit trail (`~/.local/share/iejobs/` on Linux).
fn data_dir() -> Option<std::path::PathBuf> {
    directories::ProjectDirs::from("", "", "iejobs").map(|dirs| dirs.data_dir().to_owned())
}

/// The window; `log_folder` is where its log file goes, if it has one.
fn run_window(args: &Args, log_folder: Option<std::path::PathBuf>) -> anyhow::Result<()> {
    let Loaded {
        path,
        file_layer,
        settings,
    } = load_settings(args)?;
    if args.print_config {
        print_settings(&settings, path.as_deref());
        return Ok(());
    }
    let overridden = settings
        .origins
        .iter()
        .filter(|(_, o)| matches!(o, Origin::Flag | Origin::Env))
        .map(|(k, o)| (*k, *o))
        .collect();

    // The embedded emulator, if any, lives as long as `target`: until the window closes.
    let Connection {
        client,
        worker,
        target,
        ..
    } = connect(args, &settings).map_err(|e| match e {
        ConnectError::SignIn(e) | ConnectError::Other(e) => e,
    })?;
    let options = native_options();
    let app_config = AppConfig {
        client,
        worker,
        source: target.source.clone(),
        settings: SettingsContext {
            path,
            file: file_layer,
            overridden,
            subscriptions: target.subscriptions.clone(),
        },
        folders: Folders {
            logs: log_folder,
            data: data_dir(),
        },
        desktop_notifications: true,
    };
    eframe::run_native(
        "iejobs",
        options,
        Box::new(move |cc| Ok(Box::new(App::new(cc, app_config)?))),
    )
    .map_err(|e| {
        let var = |name| env_var(name).unwrap_or_else(|| "(not set)".to_owned());
        anyhow::anyhow!(
            "{}",
            iejobs::tr!(
                "main-window-failed",
                error = e.to_string(),
                wayland = var("WAYLAND_DISPLAY"),
                display = var("DISPLAY")
            )
        )
    })?;
    drop(target);
    Ok(())
}

/// Log lines go to stderr (stdout is for `--print-config`), coloured only on a terminal and
/// never when `NO_COLOR` is set (<https://no-color.org>). The `window`'s also go to a daily
/// file without colours ([`log_file`]); a folder that cannot be created is warned about and
/// the window goes on with stderr alone. Returns the log folder in use and the guard that
/// flushes the file when dropped.
fn init_logging(
    window: bool,
) -> Option<(
    std::path::PathBuf,
    tracing_appender::non_blocking::WorkerGuard,
)> {
    use tracing_subscriber::layer::SubscriberExt as _;
    use tracing_subscriber::util::SubscriberInitExt as _;
    use tracing_subscriber::{EnvFilter, Layer as _, fmt};

    let filter = |default: &str| {
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default))
    };
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr())
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let stderr = fmt::layer()
        .with_writer(std::io::stderr)
        .with_ansi(colour)
        .with_filter(filter("warn"));
    let (file, problem) = match window.then(open_log_file).transpose() {
        Ok(file) => (file, None),
        Err(problem) => (None, Some(problem)),
    };
    let (file_layer, kept) = match file {
        Some(LogFile {
            folder,
            writer,
            guard,
        }) => {
            let layer = fmt::layer()
                .with_writer(writer)
                .with_ansi(false)
                .with_filter(filter(log_file::DEFAULT_FILTER));
            (Some(layer), Some((folder, guard)))
        }
        None => (None, None),
    };
    tracing_subscriber::registry()
        .with(stderr)
        .with(file_layer)
        .init();
    if let Some(problem) = problem {
        tracing::warn!("{problem}; logging to stderr only");
    }
    kept
}

/// The window's log file, open.
struct LogFile {
    /// Its folder.
    folder: std::path::PathBuf,
    /// Hands each line to the file's own thread: neither the window nor the worker waits on
    /// the disk (a line is dropped rather than wait, should 128,000 be queued).
    writer: tracing_appender::non_blocking::NonBlocking,
    /// Writes what is queued when dropped.
    guard: tracing_appender::non_blocking::WorkerGuard,
}

fn open_log_file() -> Result<LogFile, LogFileError> {
    let folder = log_file::default_dir().ok_or(LogFileError::NoFolder)?;
    let appender = log_file::appender(&folder)?;
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .thread_name("iejobs-log-file")
        .finish(appender);
    Ok(LogFile {
        folder,
        writer,
        guard,
    })
}

/// The config file's path and what it holds. A file the user names (`--config`,
/// `IEJOBS_CONFIG`) must exist, so that a typo does not silently drop their settings; the
/// default one may be missing, or sit under a file (warned about, then skipped).
fn config_file(args: &Args) -> anyhow::Result<(Option<std::path::PathBuf>, Layer)> {
    let named = match (&args.config, env_var(file::CONFIG_ENV)) {
        (Some(path), _) => Some((path.clone(), "--config")),
        (None, Some(path)) if !path.is_empty() => Some((path.into(), file::CONFIG_ENV)),
        (None, _) => None,
    };
    let (explicit_path, named_by) = named.unzip();
    let path = explicit_path.clone().or_else(file::default_path);
    let file_layer = match (&path, named_by) {
        (Some(path), Some(named_by)) => file::load(path, true)
            .with_context(|| iejobs::tr!("main-config-unusable", named_by = named_by))?,
        (Some(path), None) => file::load(path, false)?,
        (None, _) => Layer::default(),
    };
    Ok((path, file_layer))
}

/// The window's icon; the Debian package installs the same file for the launcher.
const ICON_PNG: &[u8] = include_bytes!("../assets/icons/iejobs.png");

/// The window's options; on Linux, X11 when a leftover `WAYLAND_DISPLAY` names no compositor.
fn native_options() -> eframe::NativeOptions {
    #[cfg_attr(
        not(target_os = "linux"),
        expect(unused_mut, reason = "only Linux chooses a backend")
    )]
    let mut viewport = eframe::egui::ViewportBuilder::default()
        .with_title(iejobs::tr!("main-window-title"))
        // The Wayland app id and the X11 WM_CLASS: what assets/iejobs.desktop's
        // StartupWMClass names, so that docks show the launcher's icon for the window.
        .with_app_id("iejobs")
        .with_inner_size([1440.0, 880.0])
        .with_min_inner_size([900.0, 500.0]);
    match eframe::icon_data::from_png_bytes(ICON_PNG) {
        Ok(icon) => viewport = viewport.with_icon(icon),
        Err(error) => tracing::warn!("the window icon cannot be read: {error}"),
    }
    let mut options = eframe::NativeOptions {
        viewport,
        renderer: eframe::Renderer::Glow,
        ..Default::default()
    };
    #[cfg(target_os = "linux")]
    if let Backend::X11 { why } = choose_backend(env_var, std::path::Path::exists) {
        // winit allows one event loop per process, so a failed Wayland start cannot be
        // retried: a compositor that is not there is detected before starting.
        tracing::warn!("{why}; using X11");
        options.event_loop_builder = Some(Box::new(|builder| {
            use winit::platform::x11::EventLoopBuilderExtX11 as _;
            builder.with_x11();
        }));
    }
    options
}

#[expect(clippy::print_stdout, reason = "--print-config prints to stdout")]
fn print_settings(settings: &Settings, path: Option<&std::path::Path>) {
    let origin = |key: &str| {
        settings
            .origins
            .get(key)
            .copied()
            .unwrap_or(Origin::Default)
    };
    println!(
        "config file: {}",
        path.map_or("(none)".to_owned(), |p| p.display().to_string())
    );
    match &settings.connection {
        config::Connection::Emulator => println!("source: embedded emulator"),
        config::Connection::Azure(azure) => {
            println!("cloud: {} ({})", azure.cloud.name(), origin("cloud"));
            println!("endpoint: {} ({})", azure.endpoint, origin("endpoint"));
            println!("auth: {} ({})", azure.auth.name(), origin("auth"));
            if let Some(t) = &azure.tenant_id {
                println!("tenant-id: {t} ({})", origin("tenant-id"));
            }
            if let Some(c) = &azure.client_id {
                println!("client-id: {c} ({})", origin("client-id"));
            }
        }
    }
    let subscriptions = if settings.subscriptions.is_empty() {
        "all usable".to_owned()
    } else {
        settings.subscriptions.join(", ")
    };
    println!(
        "subscriptions: {subscriptions} ({})",
        origin("subscriptions")
    );
    println!(
        "poll-secs: {} ({})",
        settings.poll.as_secs(),
        origin("poll-secs")
    );
    println!(
        "fast-poll-secs: {} ({})",
        settings.fast_poll.as_secs(),
        origin("fast-poll-secs")
    );
    println!(
        "read-budget: {} ({})",
        settings
            .read_budget
            .map_or_else(|| "unlimited".to_owned(), |n| format!("{n} reads an hour")),
        origin("read-budget")
    );
    println!(
        "api-version: {} ({})",
        settings.api_version,
        origin("api-version")
    );
    println!(
        "notifications: {} ({})",
        if settings.notifications { "on" } else { "off" },
        origin("notifications")
    );
    println!(
        "language: {} ({}; in use: {})",
        settings.language,
        origin("language"),
        settings.language.resolve()
    );
}

/// The windowing system the window asks winit for.
#[cfg(target_os = "linux")]
#[derive(Debug, PartialEq, Eq)]
enum Backend {
    /// winit's own choice: Wayland when `WAYLAND_DISPLAY` is set, else X11.
    Default,
    /// X11, because `WAYLAND_DISPLAY` names a compositor that is not there (`why`).
    X11 { why: String },
}

/// Decides the backend from the environment (`var`) and whether a path exists: winit takes
/// Wayland whenever `WAYLAND_DISPLAY` is set and does not fall back, so a variable left over
/// from another session (ssh -X, a container, `sudo`) would stop the app while `DISPLAY`
/// works. X11 is chosen only when the Wayland socket is missing and `DISPLAY` is set.
#[cfg(target_os = "linux")]
fn choose_backend(
    var: impl Fn(&str) -> Option<String>,
    exists: impl Fn(&std::path::Path) -> bool,
) -> Backend {
    let set = |name: &str| var(name).filter(|v| !v.is_empty());
    let (None, Some(wayland), Some(display)) = (
        set("WAYLAND_SOCKET"),
        set("WAYLAND_DISPLAY"),
        set("DISPLAY"),
    ) else {
        return Backend::Default;
    };
    // As libwayland resolves it: an absolute path, else a name in XDG_RUNTIME_DIR.
    let socket = if std::path::Path::new(&wayland).is_absolute() {
        Some(std::path::PathBuf::from(&wayland))
    } else {
        set("XDG_RUNTIME_DIR").map(|dir| std::path::Path::new(&dir).join(&wayland))
    };
    match socket {
        Some(socket) if exists(&socket) => Backend::Default,
        Some(socket) => Backend::X11 {
            why: format!(
                "WAYLAND_DISPLAY={wayland} names no Wayland compositor ({} does not exist) \
                 and DISPLAY={display} is set",
                socket.display()
            ),
        },
        None => Backend::X11 {
            why: format!(
                "WAYLAND_DISPLAY={wayland} is set but XDG_RUNTIME_DIR is not, so no Wayland \
                 compositor can be reached, and DISPLAY={display} is set"
            ),
        },
    }
}

/// Where the jobs come from, and what it takes to reach them.
struct Target {
    endpoint: String,
    tokens: Arc<dyn TokenSource>,
    source: Source,
    subscriptions: Vec<String>,
    history_file: &'static str,
    /// Kept alive while the window is open.
    _emulator: Option<EmbeddedEmulator>,
}

fn azure_target(azure: &config::AzureTarget, settings: &Settings) -> anyhow::Result<Target> {
    let tokens = token_source(azure, &env_var, &AuthOptions::default())?;
    Ok(Target {
        endpoint: azure.endpoint.clone(),
        source: Source::Azure {
            endpoint: azure.endpoint.clone(),
            identity: tokens.identity(),
        },
        tokens,
        subscriptions: settings.subscriptions.clone(),
        history_file: "history.json",
        _emulator: None,
    })
}

fn emulator_target(args: &Args, settings: &Settings) -> anyhow::Result<Target> {
    let emulator = EmbeddedEmulator::start(EmulatorConfig {
        scenario: args.emulator_scenario.clone(),
        speed: args.emulator_speed,
        ..EmulatorConfig::default()
    })
    .context(iejobs::tr!("main-emulator-failed"))?;
    let url = emulator.url().to_owned();
    // Subscriptions from the file or the environment are Azure's; only flags apply here.
    let subscriptions = if settings.origins.get("subscriptions") == Some(&Origin::Flag) {
        settings.subscriptions.clone()
    } else {
        emulator.subscriptions().to_vec()
    };
    Ok(Target {
        endpoint: url.clone(),
        tokens: Arc::new(StaticToken::new(Secret::new("emulator"), "the emulator")),
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

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use super::*;

    fn vars(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.clone())
        }
    }

    #[test]
    fn the_window_icon_is_a_256_pixel_square_png() {
        let icon = eframe::icon_data::from_png_bytes(ICON_PNG).unwrap();
        assert_eq!((icon.width, icon.height), (256, 256));
    }

    #[test]
    fn a_missing_wayland_compositor_with_a_display_uses_x11() {
        let nothing = |_: &std::path::Path| false;
        let everything = |_: &std::path::Path| true;
        let leftover = vars(&[
            ("WAYLAND_DISPLAY", "wayland-9"),
            ("DISPLAY", ":1"),
            ("XDG_RUNTIME_DIR", "/run/user/1000"),
        ]);
        let Backend::X11 { why } = choose_backend(&leftover, nothing) else {
            panic!("expected X11")
        };
        assert!(
            why.contains("/run/user/1000/wayland-9 does not exist"),
            "{why}"
        );
        assert!(why.contains("DISPLAY=:1"), "{why}");
        // The socket is there: Wayland, as winit would.
        assert_eq!(choose_backend(&leftover, everything), Backend::Default);
        // The socket is checked where libwayland looks for it.
        let checked = std::cell::RefCell::new(Vec::new());
        let absolute = vars(&[("WAYLAND_DISPLAY", "/tmp/w-0"), ("DISPLAY", ":1")]);
        let _ = choose_backend(&absolute, |p| {
            checked.borrow_mut().push(p.to_owned());
            true
        });
        assert_eq!(*checked.borrow(), [std::path::PathBuf::from("/tmp/w-0")]);
        // No runtime folder: Wayland cannot connect.
        let no_runtime = vars(&[("WAYLAND_DISPLAY", "wayland-0"), ("DISPLAY", ":1")]);
        assert!(matches!(
            choose_backend(&no_runtime, everything),
            Backend::X11 { .. }
        ));
    }

    #[test]
    fn without_a_display_or_with_a_wayland_socket_winit_decides() {
        let nothing = |_: &std::path::Path| false;
        for pairs in [
            &[
                ("WAYLAND_DISPLAY", "wayland-9"),
                ("XDG_RUNTIME_DIR", "/run"),
            ][..],
            &[("WAYLAND_DISPLAY", "wayland-9"), ("DISPLAY", "")],
            &[("DISPLAY", ":0")],
            &[("WAYLAND_DISPLAY", ""), ("DISPLAY", ":0")],
            &[
                ("WAYLAND_SOCKET", "3"),
                ("WAYLAND_DISPLAY", "wayland-9"),
                ("DISPLAY", ":0"),
            ],
        ] {
            assert_eq!(
                choose_backend(vars(pairs), nothing),
                Backend::Default,
                "{pairs:?}"
            );
        }
    }
}
