//! What `iejobs jobs` prints: the one JSON shape of a job (also meant for the window's
//! export), and the table and CSV forms of the same fields.
//!
//! The JSON shape is stable and documented in the README's "Scripting" section: camelCase
//! keys, every key always present (`null` when the service did not say), `drives` `null`
//! when the response left the drives out (listings often do; `show` reads the job in full).

use std::fmt::Write as _;

use serde::{Deserialize, Serialize};

use crate::model::{Action, Drive, Job, Permission};
use crate::ui::format;

/// One job as `--output json` prints it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobOutput {
    /// The job's name.
    pub name: String,
    /// Its resource group.
    pub resource_group: String,
    /// Its subscription id.
    pub subscription_id: String,
    /// Its ARM resource id.
    pub id: String,
    /// The state as the service wrote it (unknown states verbatim).
    pub state: String,
    /// Whether a cancel was requested.
    pub cancel_requested: bool,
    /// "Import" or "Export", as the service wrote it.
    pub job_type: Option<String>,
    /// The Azure region.
    pub location: Option<String>,
    /// The storage account's name (the last segment of its id).
    pub storage_account: Option<String>,
    /// Overall progress, 0 to 100, as the service sent it.
    pub percent_complete: Option<i64>,
    /// Bytes copied over all drives, when any drive reports it.
    pub bytes_succeeded: Option<i64>,
    /// `systemData.createdAt`, RFC 3339.
    pub created_at: Option<String>,
    /// `systemData.lastModifiedAt`, RFC 3339.
    pub last_modified_at: Option<String>,
    /// The drives; `null` when the response did not include them.
    pub drives: Option<Vec<DriveOutput>>,
    /// What may be done to the job now, and why not.
    pub actions: ActionsOutput,
}

/// One drive of a [`JobOutput`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DriveOutput {
    /// The drive's serial number.
    pub id: String,
    /// The drive's state, as the service wrote it.
    pub state: String,
    /// Free text from the service, e.g. "InProgress".
    pub copy_status: Option<String>,
    /// Copy progress, 0 to 100, as the service sent it.
    pub percent_complete: Option<i64>,
    /// Bytes copied so far.
    pub bytes_succeeded: Option<i64>,
}

/// Cancel and Delete, each allowed or not with the reason.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionsOutput {
    /// Whether a cancel may be requested.
    pub cancel: ActionOutput,
    /// Whether the job may be deleted.
    pub delete: ActionOutput,
}

/// One action's verdict, from [`Job::permission`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionOutput {
    /// Whether the rules allow it now.
    pub allowed: bool,
    /// Why not, when not allowed (`null` when allowed).
    pub reason: Option<String>,
}

impl From<Permission> for ActionOutput {
    fn from(permission: Permission) -> Self {
        Self {
            allowed: permission.is_allowed(),
            reason: permission.reason().map(str::to_owned),
        }
    }
}

impl From<&Drive> for DriveOutput {
    fn from(drive: &Drive) -> Self {
        Self {
            id: drive.drive_id.to_string(),
            state: drive.state.as_str().to_owned(),
            copy_status: drive.copy_status.as_deref().map(str::to_owned),
            percent_complete: drive.percent_complete,
            bytes_succeeded: drive.bytes_succeeded,
        }
    }
}

impl From<&Job> for JobOutput {
    fn from(job: &Job) -> Self {
        Self {
            name: job.key.name.to_string(),
            resource_group: job.key.resource_group.to_string(),
            subscription_id: job.key.subscription_id.to_string(),
            id: job.key.resource_id(),
            state: job.state.as_str().to_owned(),
            cancel_requested: job.cancel_requested,
            job_type: job.job_type.as_ref().map(|t| t.as_str().to_owned()),
            location: job.location.as_deref().map(str::to_owned),
            storage_account: job.storage_account_name().map(str::to_owned),
            percent_complete: job.percent_complete,
            bytes_succeeded: job.bytes_succeeded(),
            created_at: job.created_at.map(|t| t.to_string()),
            last_modified_at: job.last_modified_at.map(|t| t.to_string()),
            drives: job
                .drives
                .as_ref()
                .map(|drives| drives.iter().map(DriveOutput::from).collect()),
            actions: ActionsOutput {
                cancel: job.permission(Action::Cancel).into(),
                delete: job.permission(Action::Delete).into(),
            },
        }
    }
}

/// The longest cell of a table: a hostile 10,000-character name must not hide the others.
const MAX_CELL: usize = 60;

/// Lays out rows under a header, columns padded to their widest cell (counted in
/// characters), control characters replaced so that a name cannot break the layout.
#[must_use]
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let cell = |text: &str| format::one_line(text, MAX_CELL).into_owned();
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(|c| cell(c)).collect())
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, text) in widths.iter_mut().zip(row) {
            *width = (*width).max(text.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut text = String::new();
        for (i, (cell, width)) in cells.zip(&widths).enumerate() {
            if i > 0 {
                text.push_str("  ");
            }
            let _ = write!(text, "{cell:<width$}");
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    line(&mut header.iter().copied());
    for row in &rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

/// The columns of `jobs list` as a table, as message ids.
pub const LIST_HEADER: [&str; 8] = [
    "list-col-name",
    "list-col-resource-group",
    "list-col-subscription",
    "list-col-state",
    "list-col-cancel",
    "list-col-type",
    "list-col-location",
    "list-col-progress",
];

/// One row of [`LIST_HEADER`].
#[must_use]
pub fn list_row(job: &JobOutput) -> Vec<String> {
    let progress = match (job.percent_complete, job.bytes_succeeded) {
        (Some(p), Some(b)) => format!("{} {}", format::percent(p), format::bytes_checked(b)),
        (Some(p), None) => format::percent(p),
        (None, Some(b)) => format::bytes_checked(b),
        (None, None) => String::new(),
    };
    vec![
        job.name.clone(),
        job.resource_group.clone(),
        job.subscription_id.clone(),
        job.state.clone(),
        if job.cancel_requested {
            crate::tr!("cli-requested").to_owned()
        } else {
            String::new()
        },
        job.job_type.clone().unwrap_or_default(),
        job.location.clone().unwrap_or_default(),
        progress,
    ]
}

/// The jobs as a table.
#[must_use]
pub fn list_table(jobs: &[JobOutput]) -> String {
    let rows: Vec<Vec<String>> = jobs.iter().map(list_row).collect();
    table(&LIST_HEADER.map(crate::i18n::text), &rows)
}

/// One job as text: its fields, what may be done, and its drives.
#[must_use]
pub fn show_text(job: &JobOutput) -> String {
    let none = || "-".to_owned();
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(none);
    let fields = [
        (crate::tr!("show-name"), job.name.clone()),
        (
            crate::tr!("show-resource-group"),
            job.resource_group.clone(),
        ),
        (crate::tr!("show-subscription"), job.subscription_id.clone()),
        (crate::tr!("show-state"), job.state.clone()),
        (
            crate::tr!("show-cancel-requested"),
            if job.cancel_requested {
                crate::tr!("yes")
            } else {
                crate::tr!("no")
            }
            .to_owned(),
        ),
        (crate::tr!("show-type"), opt(&job.job_type)),
        (crate::tr!("show-location"), opt(&job.location)),
        (
            crate::tr!("show-storage-account"),
            opt(&job.storage_account),
        ),
        (
            crate::tr!("show-progress"),
            job.percent_complete.map_or_else(none, format::percent),
        ),
        (
            crate::tr!("show-bytes"),
            job.bytes_succeeded.map_or_else(none, format::bytes_checked),
        ),
        (crate::tr!("show-created"), opt(&job.created_at)),
        (crate::tr!("show-modified"), opt(&job.last_modified_at)),
        (crate::tr!("show-cancel"), verdict(&job.actions.cancel)),
        (crate::tr!("show-delete"), verdict(&job.actions.delete)),
    ];
    // English labels fit 17 columns; a language's longer ones widen the column.
    let width = fields
        .iter()
        .map(|(label, _)| label.chars().count() + 1)
        .max()
        .unwrap_or(0)
        .max(17);
    let mut out = String::new();
    for (label, value) in fields {
        let _ = writeln!(out, "{label:<width$}{}", format::one_line(&value, 200));
    }
    let drives = crate::tr!("show-drives");
    match &job.drives {
        None => {
            let _ = writeln!(out, "{drives:<width$}{}", crate::tr!("show-not-reported"));
        }
        Some(drives_list) if drives_list.is_empty() => {
            let _ = writeln!(out, "{drives:<width$}{}", crate::tr!("show-none"));
        }
        Some(drives) => {
            out.push('\n');
            let rows: Vec<Vec<String>> = drives
                .iter()
                .map(|d| {
                    vec![
                        d.id.clone(),
                        d.state.clone(),
                        d.copy_status.clone().unwrap_or_default(),
                        d.percent_complete.map(format::percent).unwrap_or_default(),
                        d.bytes_succeeded
                            .map(format::bytes_checked)
                            .unwrap_or_default(),
                    ]
                })
                .collect();
            out.push_str(&table(
                &[
                    crate::tr!("drives-col-drive"),
                    crate::tr!("list-col-state"),
                    crate::tr!("drives-col-copy-status"),
                    crate::tr!("drives-col-percent"),
                    crate::tr!("drives-col-bytes"),
                ],
                &rows,
            ));
        }
    }
    out
}

fn verdict(action: &ActionOutput) -> String {
    match &action.reason {
        _ if action.allowed => crate::tr!("show-allowed").to_owned(),
        Some(reason) => crate::tr!("show-not-allowed-because", reason = reason.as_str()),
        None => crate::tr!("show-not-allowed").to_owned(),
    }
}

/// The columns of `--output csv`.
pub const CSV_HEADER: [&str; 16] = [
    "subscriptionId",
    "resourceGroup",
    "name",
    "state",
    "cancelRequested",
    "jobType",
    "location",
    "storageAccount",
    "percentComplete",
    "bytesSucceeded",
    "drives",
    "createdAt",
    "cancelAllowed",
    "cancelReason",
    "deleteAllowed",
    "deleteReason",
];

/// The jobs as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
/// comma, a quote or a line break), with a header row.
#[must_use]
pub fn csv(jobs: &[JobOutput]) -> String {
    let mut out = String::new();
    csv_record(&mut out, CSV_HEADER.iter().map(|h| (*h).to_owned()));
    for job in jobs {
        let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
        csv_record(
            &mut out,
            [
                job.subscription_id.clone(),
                job.resource_group.clone(),
                job.name.clone(),
                job.state.clone(),
                job.cancel_requested.to_string(),
                job.job_type.clone().unwrap_or_default(),
                job.location.clone().unwrap_or_default(),
                job.storage_account.clone().unwrap_or_default(),
                number(job.percent_complete),
                number(job.bytes_succeeded),
                job.drives
                    .as_ref()
                    .map(|d| d.len().to_string())
                    .unwrap_or_default(),
                job.created_at.clone().unwrap_or_default(),
                job.actions.cancel.allowed.to_string(),
                job.actions.cancel.reason.clone().unwrap_or_default(),
                job.actions.delete.allowed.to_string(),
                job.actions.delete.reason.clone().unwrap_or_default(),
            ]
            .into_iter(),
        );
    }
    out
}

fn csv_record(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DriveState, JobKey, JobState};

    fn job() -> Job {
        let mut job = Job::new(
            JobKey::new("sub-1", "rg-a", "job,\"1\""),
            JobState::Packaging,
        );
        job.drives = Some(vec![Drive {
            drive_id: "D1".into(),
            state: DriveState::Completed,
            copy_status: Some("Completed".into()),
            percent_complete: Some(100),
            bytes_succeeded: Some(2_000),
            manifest_file: None,
            error_log_uri: None,
            verbose_log_uri: None,
            manifest_uri: None,
        }]);
        job
    }

    #[test]
    fn json_is_camel_case_with_the_rule_and_its_reason() {
        let value = serde_json::to_value(JobOutput::from(&job())).unwrap();
        assert_eq!(value["resourceGroup"], "rg-a");
        assert_eq!(value["subscriptionId"], "sub-1");
        assert_eq!(value["cancelRequested"], false);
        assert_eq!(value["jobType"], serde_json::Value::Null);
        assert_eq!(value["drives"][0]["bytesSucceeded"], 2_000);
        assert_eq!(value["drives"][0]["copyStatus"], "Completed");
        assert_eq!(value["actions"]["cancel"]["allowed"], false);
        assert_eq!(
            value["actions"]["cancel"]["reason"],
            "Cancel is possible only before Packaging; this job is Packaging"
        );
        assert_eq!(value["actions"]["delete"]["allowed"], false);
        // The shape reads back: the window's export can reuse it.
        let back: JobOutput = serde_json::from_value(value).unwrap();
        assert_eq!(back, JobOutput::from(&job()));
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_has_a_header() {
        let text = csv(&[JobOutput::from(&job())]);
        let mut lines = text.split("\r\n");
        assert_eq!(lines.next().unwrap(), CSV_HEADER.join(","));
        let row = lines.next().unwrap();
        assert!(
            row.starts_with("sub-1,rg-a,\"job,\"\"1\"\"\",Packaging,false,"),
            "{row}"
        );
        assert!(
            row.contains(",false,Cancel is possible only before Packaging; this job is Packaging,"),
            "{row}"
        );
    }

    #[test]
    fn table_cells_stay_on_one_line_and_align() {
        let text = table(
            &["A", "B"],
            &[
                vec!["x\ny".to_owned(), "1".to_owned()],
                vec!["long name".to_owned(), "2".to_owned()],
            ],
        );
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert_eq!(lines[1], "x y        1");
        assert_eq!(lines[2], "long name  2");
    }
}
