//! `iejobs audit`: the trail of every Cancel and Delete sent, from the window or the command
//! line (see [`crate::audit`]), as a table or as JSON lines' records in one array.

use std::path::Path;

use crate::audit::{AuditRecord, Outcome};

use super::Exit;
use super::output::table;

/// `iejobs audit`.
#[derive(Debug, clap::Args)]
pub struct AuditArgs {
    /// Only lines from this date or time on (`2026-11-30`, or RFC 3339).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<jiff::Timestamp>,
    /// How to print.
    #[arg(long, short, value_enum, default_value = "table")]
    pub output: AuditFormat,
}

/// `--output` of `iejobs audit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditFormat {
    /// Aligned columns for people.
    Table,
    /// A JSON array of the file's records, as written.
    Json,
}

/// Reads `--since`: a date (midnight UTC) or an RFC 3339 time.
pub fn parse_since(text: &str) -> Result<jiff::Timestamp, String> {
    if let Ok(at) = text.parse::<jiff::Timestamp>() {
        return Ok(at);
    }
    text.parse::<jiff::civil::Date>()
        .ok()
        .and_then(|date| date.to_zoned(jiff::tz::TimeZone::UTC).ok())
        .map(|zoned| zoned.timestamp())
        .ok_or_else(|| crate::tr!("cli-bad-since", value = format!("{text:?}")))
}

/// Prints the trail at `path` (`None`: the platform has no data folder).
#[must_use]
pub fn run(args: &AuditArgs, path: Option<&Path>) -> Exit {
    let Some(path) = path else {
        eprintln!("iejobs: {}", crate::tr!("cli-no-audit-folder"));
        return Exit::Service;
    };
    let records = match crate::audit::read(path) {
        Ok(records) => records,
        Err(e) => {
            eprintln!("iejobs: {e}");
            return Exit::Service;
        }
    };
    let records: Vec<&AuditRecord> = records
        .iter()
        .filter(|r| {
            args.since
                .is_none_or(|since| r.timestamp().is_none_or(|at| at >= since))
        })
        .collect();
    match args.output {
        AuditFormat::Json => match serde_json::to_string_pretty(&records) {
            Ok(text) => {
                super::out(&format!("{text}\n"));
            }
            Err(e) => {
                eprintln!("iejobs: {e}");
                return Exit::Service;
            }
        },
        AuditFormat::Table => {
            if records.is_empty() {
                eprintln!(
                    "iejobs: {}",
                    crate::tr!("cli-audit-empty", path = path.display().to_string())
                );
            } else {
                super::out(&table(&HEADER.map(crate::i18n::text), &rows(&records)));
            }
        }
    }
    Exit::Done
}

/// The table's columns, as message ids.
const HEADER: [&str; 8] = [
    "audit-col-time",
    "audit-col-origin",
    "audit-col-identity",
    "audit-col-action",
    "audit-col-job",
    "audit-col-outcome",
    "audit-col-code",
    "audit-col-request-id",
];

fn rows(records: &[&AuditRecord]) -> Vec<Vec<String>> {
    records
        .iter()
        .map(|r| {
            vec![
                r.at.clone(),
                r.origin.clone(),
                r.identity.clone(),
                r.action.clone(),
                format!("{}/{}", r.resource_group, r.job),
                match r.outcome {
                    Outcome::Sending => crate::tr!("audit-outcome-sending"),
                    Outcome::Confirmed => crate::tr!("audit-outcome-confirmed"),
                    Outcome::Failed => crate::tr!("audit-outcome-failed"),
                }
                .to_owned(),
                r.code.clone().unwrap_or_default(),
                r.request_id.clone().unwrap_or_default(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn since_takes_a_date_or_a_time() {
        let date = super::parse_since("2026-11-30").unwrap();
        assert_eq!(date.to_string(), "2026-11-30T00:00:00Z");
        let time = super::parse_since("2026-11-30T10:00:00+01:00").unwrap();
        assert_eq!(time.to_string(), "2026-11-30T09:00:00Z");
        assert!(super::parse_since("yesterday").is_err());
    }
}
