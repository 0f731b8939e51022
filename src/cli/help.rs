//! `--help` in the language in force. The English help is the doc comments of the flags
//! (clap's derive); in Spanish and Italian the texts clap lets a program set (what a
//! command does, each flag's help, the notes after the options) come from the bundles.
//! clap's own words ("Usage", "Options", "Print help") stay as clap writes them.

use clap::Command;

use crate::i18n::{self, Lang};

/// The help of the flags every command takes: (flag id, message id).
const GLOBAL_FLAGS: [(&str, &str); 16] = [
    ("config", "help-flag-config"),
    ("emulator", "help-flag-emulator"),
    ("print_config", "help-flag-print-config"),
    ("cloud", "help-flag-cloud"),
    ("endpoint", "help-flag-endpoint"),
    ("auth", "help-flag-auth"),
    ("tenant_id", "help-flag-tenant-id"),
    ("client_id", "help-flag-client-id"),
    ("subscriptions", "help-flag-subscription"),
    ("poll_secs", "help-flag-poll-secs"),
    ("fast_poll_secs", "help-flag-fast-poll-secs"),
    ("read_budget", "help-flag-read-budget"),
    ("api_version", "help-flag-api-version"),
    ("lang", "help-flag-lang"),
    ("emulator_scenario", "help-flag-emulator-scenario"),
    ("emulator_speed", "help-flag-emulator-speed"),
];

/// Flags and the message ids of their help.
type Flags = &'static [(&'static str, &'static str)];

/// The `jobs` commands: (name, message id of what it does, its flags).
const JOBS_COMMANDS: [(&str, &str, Flags); 5] = [
    (
        "list",
        "help-jobs-list",
        &[
            ("resource_group", "help-arg-resource-group"),
            ("states", "help-arg-state"),
            ("cancel_pending", "help-arg-cancel-pending"),
            ("output", "help-arg-output"),
        ],
    ),
    (
        "show",
        "help-jobs-show",
        &[
            ("name", "help-arg-name"),
            ("resource_group", "help-arg-resource-group"),
            ("output", "help-arg-output"),
        ],
    ),
    (
        "cancel",
        "help-jobs-cancel",
        &[
            ("names", "help-arg-names"),
            ("resource_group", "help-arg-resource-group"),
            ("wait", "help-arg-wait"),
            ("timeout", "help-arg-timeout"),
        ],
    ),
    (
        "delete",
        "help-jobs-delete",
        &[
            ("names", "help-arg-names"),
            ("resource_group", "help-arg-resource-group"),
            ("yes", "help-arg-yes"),
        ],
    ),
    (
        "watch",
        "help-jobs-watch",
        &[
            ("names", "help-arg-watch-names"),
            ("resource_group", "help-arg-resource-group"),
        ],
    ),
];

/// `command` (the `iejobs` command as derived) with its help in the current language.
#[must_use]
pub fn localized(command: Command) -> Command {
    if i18n::current() == Lang::En {
        return command;
    }
    let text = i18n::text;
    let mut command = command
        .about(text("help-about"))
        .long_about(text("help-long-about"))
        .after_long_help(text("help-settings"));
    for (id, message) in GLOBAL_FLAGS {
        command = command.mut_arg(id, |arg| arg.help(text(message)));
    }
    command = command.mut_subcommand("audit", |audit| {
        audit
            .about(text("help-audit"))
            .mut_arg("since", |arg| arg.help(text("help-arg-since")))
            .mut_arg("output", |arg| arg.help(text("help-arg-output")))
    });
    command.mut_subcommand("jobs", |jobs| {
        let mut jobs = jobs
            .about(text("help-jobs"))
            .after_help(text("help-exit-codes"));
        for (name, about, args) in JOBS_COMMANDS {
            jobs = jobs.mut_subcommand(name, |mut sub| {
                sub = sub.about(text(about)).after_help(text("help-exit-codes"));
                for (id, message) in args {
                    sub = sub.mut_arg(*id, |arg| arg.help(text(message)));
                }
                sub
            });
        }
        jobs
    })
}
