//! `iejobs jobs …`: the command line for scripts and terminals.
//!
//! The same binary as the window, the same settings (flags, `IEJOBS_*` variables, config
//! file), the same client and the same rules: `list` and `show` read, `cancel` and `delete`
//! check the rule on the freshest state before sending (a refused job gets no request),
//! `watch` runs the window's worker (its intervals, its read budget) and prints what it
//! learns. Results go to stdout, progress and errors to stderr; the exit code says how it
//! ended (see [`Exit`]).

mod act;
pub mod audit;
pub mod help;
mod lookup;
pub mod output;
mod watch;

use std::io::Write as _;
use std::time::Duration;

use crate::arm::{ArmClient, ArmError};
use crate::audit::Audit;
use crate::model::{Action, Session};
use crate::worker::WorkerConfig;

pub use act::{Sent, outcome};
pub use output::{ActionOutput, ActionsOutput, DriveOutput, JobOutput};

/// The exit codes, as `--help` and the README document them.
pub const EXIT_CODES_HELP: &str = "\
EXIT CODES
  0    done
  1    service error (the ARM code and message on stderr), or a job not found
  2    usage: a bad flag or setting, an ambiguous name, delete without --yes off a terminal
  3    refused by the rules (Cancel only before Packaging, Delete only in Creating or
       Completed) or not confirmed: nothing was sent
  4    sign-in failed
  5    partial: some subscriptions or jobs failed, the others are done or printed
  124  cancel --wait: the timeout passed first (the cancel stays requested)
  130  cancel --wait: interrupted (Ctrl-C; the cancel stays requested)";

/// How a command ended; its process exit code is [`Exit::code`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// 0: done.
    Done,
    /// 1: the service refused or failed (its code and message are on stderr), or a job
    /// was not found.
    Service,
    /// 2: the command line or the settings are not usable, or a name is ambiguous.
    Usage,
    /// 3: the rules forbid the action, or the user did not confirm; nothing was sent.
    Refused,
    /// 4: signing in failed.
    SignIn,
    /// 5: some subscriptions or jobs failed, the others were done.
    Partial,
    /// 124: `--wait` ran out of time.
    TimedOut,
    /// 130: interrupted during `--wait`.
    Interrupted,
}

impl Exit {
    /// The process exit code.
    #[must_use]
    pub fn code(self) -> u8 {
        match self {
            Exit::Done => 0,
            Exit::Service => 1,
            Exit::Usage => 2,
            Exit::Refused => 3,
            Exit::SignIn => 4,
            Exit::Partial => 5,
            Exit::TimedOut => 124,
            Exit::Interrupted => 130,
        }
    }

    /// The code for an error of the service: sign-in failed (no token, or 401), else a
    /// service error.
    #[must_use]
    pub fn for_error(error: &ArmError) -> Exit {
        match error {
            ArmError::Token(_) | ArmError::Unauthorized { .. } => Exit::SignIn,
            _ => Exit::Service,
        }
    }

    /// The code of a command that handled several jobs: done when all were, partial when
    /// some were, else the gravest failure (sign-in, service, usage, refused).
    #[must_use]
    pub fn combine(results: &[Exit]) -> Exit {
        let done = results.iter().filter(|e| **e == Exit::Done).count();
        if done == results.len() {
            return Exit::Done;
        }
        if done > 0 || results.contains(&Exit::Partial) {
            return Exit::Partial;
        }
        [Exit::SignIn, Exit::Service, Exit::Usage, Exit::Refused]
            .into_iter()
            .find(|e| results.contains(e))
            .unwrap_or(Exit::Service)
    }
}

/// `iejobs jobs …`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXIT_CODES_HELP)]
pub struct JobsArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: JobsCommand,
}

/// The `jobs` subcommands.
#[derive(Debug, clap::Subcommand)]
pub enum JobsCommand {
    /// List the jobs of every watched subscription (every page).
    #[command(after_help = EXIT_CODES_HELP)]
    List(ListArgs),
    /// Show one job with its drives and what may be done to it.
    #[command(after_help = EXIT_CODES_HELP)]
    Show(ShowArgs),
    /// Request the cancel of jobs (only before Packaging), optionally waiting for the end.
    #[command(after_help = EXIT_CODES_HELP)]
    Cancel(CancelArgs),
    /// Delete jobs (only in Creating or Completed).
    #[command(after_help = EXIT_CODES_HELP)]
    Delete(DeleteArgs),
    /// Watch jobs change until Ctrl-C: a live table on a terminal, a line per change otherwise.
    #[command(after_help = EXIT_CODES_HELP)]
    Watch(WatchArgs),
}

/// The form of `list`'s result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// A JSON array of the documented job shape.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// The form of `show`'s result.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ShowFormat {
    /// Fields and a table of drives, for people.
    Table,
    /// One JSON object of the documented job shape.
    Json,
}

/// `jobs list`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Only the jobs of this resource group.
    #[arg(long, short = 'g', value_name = "RG")]
    pub resource_group: Option<String>,
    /// Only jobs in this state (any case); repeat for several.
    #[arg(long = "state", value_name = "STATE")]
    pub states: Vec<String>,
    /// Only jobs with a cancel requested.
    #[arg(long)]
    pub cancel_pending: bool,
    /// The form of the result.
    #[arg(long, short = 'o', value_enum, default_value = "table")]
    pub output: ListFormat,
}

/// `jobs show`.
#[derive(Debug, clap::Args)]
pub struct ShowArgs {
    /// The job's name.
    pub name: String,
    /// The job's resource group, when the name is not unique.
    #[arg(long, short = 'g', value_name = "RG")]
    pub resource_group: Option<String>,
    /// The form of the result.
    #[arg(long, short = 'o', value_enum, default_value = "table")]
    pub output: ShowFormat,
}

/// `jobs cancel`.
#[derive(Debug, clap::Args)]
pub struct CancelArgs {
    /// The jobs' names.
    #[arg(required = true)]
    pub names: Vec<String>,
    /// The jobs' resource group, when a name is not unique.
    #[arg(long, short = 'g', value_name = "RG")]
    pub resource_group: Option<String>,
    /// Follow each drive (bytes since the request, rate) until the job is Completed or
    /// Closed, then print the date Azure deletes it.
    #[arg(long)]
    pub wait: bool,
    /// Give up waiting after this long ("90s", "30m", "2h", or seconds).
    #[arg(long, requires = "wait", value_parser = parse_duration, value_name = "DURATION")]
    pub timeout: Option<Duration>,
}

/// `jobs delete`.
#[derive(Debug, clap::Args)]
pub struct DeleteArgs {
    /// The jobs' names.
    #[arg(required = true)]
    pub names: Vec<String>,
    /// The jobs' resource group, when a name is not unique.
    #[arg(long, short = 'g', value_name = "RG")]
    pub resource_group: Option<String>,
    /// Delete without asking (required when stdin is not a terminal).
    #[arg(long, short = 'y')]
    pub yes: bool,
}

/// `jobs watch`.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// Only these jobs (default: all).
    pub names: Vec<String>,
    /// The jobs' resource group, when a name is not unique.
    #[arg(long, short = 'g', value_name = "RG")]
    pub resource_group: Option<String>,
}

/// Reads a duration: whole seconds ("90"), or jiff's friendly form ("90s", "30m", "1h 30m").
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    if let Ok(seconds) = text.trim().parse::<u64>() {
        return Ok(Duration::from_secs(seconds));
    }
    let signed: jiff::SignedDuration = text.trim().parse().map_err(|e: jiff::Error| {
        crate::tr!(
            "cli-bad-duration",
            value = format!("{text:?}"),
            error = e.to_string()
        )
    })?;
    Duration::try_from(signed)
        .map_err(|_| crate::tr!("cli-negative-duration", value = format!("{text:?}")))
}

/// What the commands need: the client and the worker's settings, as the window gets them.
pub struct Context {
    /// The client, for Azure or the emulator.
    pub client: ArmClient,
    /// Subscriptions (empty: every usable one), intervals and read budget.
    pub worker: WorkerConfig,
    /// The audit trail Cancel and Delete are written to (`None`: none).
    pub audit: Option<Audit>,
}

/// Runs a `jobs` command to its end.
#[must_use]
pub fn run(args: &JobsArgs, context: Context) -> Exit {
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!(
                "iejobs: {}",
                crate::tr!("cli-cannot-start", error = e.to_string())
            );
            return Exit::Service;
        }
    };
    runtime.block_on(dispatch(&args.command, context))
}

/// Actions an earlier run sent without learning their outcome (it stopped in between) are
/// resolved by reading their jobs before new ones go out, and said on stderr.
async fn resolve_unfinished(context: &Context) {
    let Some(audit) = &context.audit else {
        return;
    };
    for line in crate::worker::resolve_unfinished(&context.client, audit).await {
        eprintln!(
            "iejobs: {}",
            crate::tr!("cli-earlier-action", text = line.text.as_str())
        );
    }
}

async fn dispatch(command: &JobsCommand, context: Context) -> Exit {
    let client = &context.client;
    let subscriptions = match lookup::subscriptions(client, &context.worker.subscriptions).await {
        Ok(subscriptions) if subscriptions.is_empty() => {
            eprintln!("iejobs: {}", crate::tr!("cli-no-subscription"));
            return Exit::Service;
        }
        Ok(subscriptions) => subscriptions,
        Err(e) => {
            eprintln!(
                "iejobs: {}",
                crate::tr!("cli-cannot-list-subscriptions", error = e.to_string())
            );
            return Exit::for_error(&e);
        }
    };
    match command {
        JobsCommand::List(args) => list(client, &subscriptions, args).await,
        JobsCommand::Show(args) => show(client, &subscriptions, args).await,
        JobsCommand::Cancel(args) => {
            resolve_unfinished(&context).await;
            cancel(&context, &subscriptions, args).await
        }
        JobsCommand::Delete(args) => {
            resolve_unfinished(&context).await;
            delete(&context, &subscriptions, args).await
        }
        JobsCommand::Watch(args) => {
            let only = if args.names.is_empty() {
                None
            } else {
                let listing =
                    lookup::list_all(client, &subscriptions, args.resource_group.as_deref()).await;
                let (jobs, failed) =
                    lookup::resolve(&listing, &args.names, args.resource_group.as_deref());
                if !failed.is_empty() {
                    return Exit::combine(&failed);
                }
                Some(jobs.into_iter().map(|j| j.key).collect())
            };
            let mut worker = context.worker.clone();
            worker.subscriptions = subscriptions;
            watch::watch(context.client.clone(), worker, only).await
        }
    }
}

/// Writes to stdout; false when it cannot (a closed pipe): the caller stops.
pub(crate) fn out(text: &str) -> bool {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .is_ok()
}

async fn list(client: &ArmClient, subscriptions: &[String], args: &ListArgs) -> Exit {
    let listing = lookup::list_all(client, subscriptions, args.resource_group.as_deref()).await;
    listing.report_failures();
    let exit = listing.exit(subscriptions.len());
    if exit != Exit::Done && exit != Exit::Partial {
        return exit;
    }
    let jobs: Vec<JobOutput> = listing
        .jobs
        .iter()
        .filter(|job| {
            args.states.is_empty()
                || args
                    .states
                    .iter()
                    .any(|s| s.eq_ignore_ascii_case(job.state.as_str()))
        })
        .filter(|job| !args.cancel_pending || job.cancel_requested)
        .map(JobOutput::from)
        .collect();
    let text = match args.output {
        ListFormat::Table => output::list_table(&jobs),
        ListFormat::Json => json(&jobs),
        ListFormat::Csv => output::csv(&jobs),
    };
    out(&text);
    exit
}

fn json<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_string_pretty(value) {
        Ok(mut text) => {
            text.push('\n');
            text
        }
        // The shape holds only strings, numbers and booleans: it always serialises.
        Err(e) => format!("{{\"error\": {:?}}}\n", e.to_string()),
    }
}

async fn show(client: &ArmClient, subscriptions: &[String], args: &ShowArgs) -> Exit {
    let listing = lookup::list_all(client, subscriptions, args.resource_group.as_deref()).await;
    let (jobs, failed) = lookup::resolve(
        &listing,
        std::slice::from_ref(&args.name),
        args.resource_group.as_deref(),
    );
    let Some(job) = jobs.first() else {
        return Exit::combine(&failed);
    };
    // Listings may leave the drives out: the job is read in full.
    let job = match client.get_job(&job.key).await {
        Ok(raw) => match crate::arm::job_from_wire(&raw) {
            Ok(job) => job,
            Err(e) => {
                eprintln!("iejobs: {e}");
                return Exit::Service;
            }
        },
        Err(e) => {
            eprintln!(
                "iejobs: {}",
                crate::tr!(
                    "cli-read-failed",
                    job = act::describe(&job.key),
                    error = e.to_string()
                )
            );
            return Exit::for_error(&e);
        }
    };
    let view = JobOutput::from(&job);
    out(&match args.output {
        ShowFormat::Table => output::show_text(&view),
        ShowFormat::Json => json(&view),
    });
    Exit::Done
}

async fn cancel(context: &Context, subscriptions: &[String], args: &CancelArgs) -> Exit {
    let client = &context.client;
    let listing = lookup::list_all(client, subscriptions, args.resource_group.as_deref()).await;
    let (jobs, mut results) =
        lookup::resolve(&listing, &args.names, args.resource_group.as_deref());
    let mut session = Session::default();
    for job in &jobs {
        // The baseline of "bytes since the request": the drives as read just before it.
        let fresh = if args.wait {
            client
                .get_job(&job.key)
                .await
                .ok()
                .and_then(|raw| crate::arm::job_summary_from_wire(&raw).ok())
        } else {
            None
        };
        session.apply(crate::model::Event::Loaded {
            job: fresh.unwrap_or_else(|| job.clone()),
            at: jiff::Timestamp::now(),
        });
    }
    let sent = act::act_on(
        client,
        context.audit.as_ref(),
        &jobs,
        Action::Cancel,
        &mut session,
    )
    .await;
    results.extend(sent.iter().map(|(_, s)| s.exit()));
    let exit = Exit::combine(&results);
    if !args.wait {
        return exit;
    }
    let cancelled: Vec<_> = sent
        .into_iter()
        .filter(|(_, s)| *s == Sent::Done)
        .map(|(key, _)| key)
        .collect();
    if cancelled.is_empty() {
        return exit;
    }
    let waited = act::wait(
        client,
        &mut session,
        &cancelled,
        context.worker.fast_poll,
        args.timeout,
    )
    .await;
    if waited == Exit::Done { exit } else { waited }
}

async fn delete(context: &Context, subscriptions: &[String], args: &DeleteArgs) -> Exit {
    let client = &context.client;
    if !args.yes && !act::stdin_is_terminal() {
        eprintln!("iejobs: {}", crate::tr!("cli-delete-needs-yes"));
        return Exit::Usage;
    }
    let listing = lookup::list_all(client, subscriptions, args.resource_group.as_deref()).await;
    let (jobs, mut results) =
        lookup::resolve(&listing, &args.names, args.resource_group.as_deref());
    if jobs.is_empty() {
        return Exit::combine(&results);
    }
    if !args.yes && !act::confirm_delete(&jobs) {
        eprintln!("iejobs: {}", crate::tr!("cli-not-confirmed"));
        return Exit::Refused;
    }
    let mut session = Session::default();
    let sent = act::act_on(
        client,
        context.audit.as_ref(),
        &jobs,
        Action::Delete,
        &mut session,
    )
    .await;
    results.extend(sent.iter().map(|(_, s)| s.exit()));
    Exit::combine(&results)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_combine_as_documented() {
        assert_eq!(Exit::combine(&[Exit::Done, Exit::Done]), Exit::Done);
        assert_eq!(Exit::combine(&[Exit::Done, Exit::Refused]), Exit::Partial);
        assert_eq!(
            Exit::combine(&[Exit::Refused, Exit::Refused]),
            Exit::Refused
        );
        assert_eq!(
            Exit::combine(&[Exit::Refused, Exit::Service]),
            Exit::Service
        );
        assert_eq!(Exit::combine(&[Exit::Service, Exit::SignIn]), Exit::SignIn);
        assert_eq!(Exit::Partial.code(), 5);
        assert_eq!(Exit::Interrupted.code(), 130);
    }

    #[test]
    fn durations_read_seconds_and_units() {
        assert_eq!(parse_duration("90"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_mins(2)));
        assert_eq!(parse_duration("1h 30m"), Ok(Duration::from_mins(90)));
        assert!(parse_duration("soon").is_err());
        assert!(parse_duration("-5s").is_err());
    }
}
