//! Export and copy of the jobs table, apart from the window: the rows as CSV, JSON or
//! tab-separated text, the file written, the export dialog's values and what the state keeps
//! between the intent and the frame that acts on it ([`ExportState`]).
//!
//! Rows are snapshots ([`ExportRow`]) taken on the UI thread in the table's order (filters and
//! sort applied), so that the file is written on another thread while the store moves on.
//!
//! - **CSV** ([`write_csv`]): a header row, then one record per job with the table's columns
//!   plus the ids ([`COLUMNS`]). Values are machine-readable rather than as drawn: bytes and
//!   counts as integers, progress as a number from the service (not clamped, no "%"), times as
//!   RFC 3339 in UTC, the cancel column as one word, unknown states verbatim. Fields are quoted
//!   as RFC 4180 says (a comma, a quote or a line break), by the `csv` crate.
//! - **JSON** ([`write_json`]): exactly what `iejobs jobs list --output json` prints, through
//!   the same [`JobOutput`] mapping.
//! - **Tab-separated** ([`tsv`], for Ctrl+C): the CSV's columns and values; a tab or a line
//!   break inside a value becomes a space, so that a pasted row stays one spreadsheet row.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use jiff::Timestamp;

use crate::cli::JobOutput;
use crate::model::{CancelPhase, Job, JobEntry, JobKey, Session};

/// The file formats of the export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ExportFormat {
    /// Comma-separated values with a header row.
    #[default]
    Csv,
    /// The command line's `--output json` shape.
    Json,
}

impl ExportFormat {
    /// Every format, in the order the dialog offers them.
    pub const ALL: [ExportFormat; 2] = [ExportFormat::Csv, ExportFormat::Json];

    /// The name the dialog shows.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV",
            ExportFormat::Json => "JSON",
        }
    }

    /// The file name's extension, without the dot.
    #[must_use]
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Json => "json",
        }
    }

    /// The format a file name's extension names, if any.
    #[must_use]
    pub fn from_path(path: &Path) -> Option<Self> {
        let extension = path.extension()?.to_str()?;
        Self::ALL
            .into_iter()
            .find(|f| f.extension().eq_ignore_ascii_case(extension))
    }
}

/// One row of the table as exported: what the table shows of a job, taken when the export
/// starts.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportRow {
    /// The job as last read.
    pub job: Job,
    /// The subscription's display name, when known (the table shows it instead of the id).
    pub subscription_name: Option<String>,
    /// Where the job's cancel stands (the table's Cancel column).
    pub cancel: Option<CancelPhase>,
    /// When a change was last observed (the table's Last change column).
    pub changed_at: Timestamp,
}

impl ExportRow {
    /// The row of `entry`, whose subscription is called `subscription_name`.
    #[must_use]
    pub fn new(entry: &JobEntry, subscription_name: Option<&str>) -> Self {
        Self {
            job: entry.job.clone(),
            subscription_name: subscription_name.map(str::to_owned),
            cancel: entry.cancel_phase(),
            changed_at: entry.changed_at,
        }
    }
}

/// The rows of `keys` that the session holds, in the order given.
#[must_use]
pub fn rows<'a>(session: &Session, keys: impl IntoIterator<Item = &'a JobKey>) -> Vec<ExportRow> {
    let store = session.store();
    let names = session.subscriptions();
    keys.into_iter()
        .filter_map(|key| store.get(key))
        .map(|entry| ExportRow::new(entry, names.name(&entry.job.key.subscription_id)))
        .collect()
}

/// The columns of the CSV and of the copied text: the table's, then the ids.
pub const COLUMNS: [&str; 16] = [
    "Name",
    "Resource group",
    "Subscription",
    "Type",
    "State",
    "Cancel",
    "Drives",
    "Progress percent",
    "Bytes copied",
    "Location",
    "Storage account",
    "Last change",
    "Created",
    "Last modified",
    "Subscription id",
    "Resource id",
];

/// The Cancel column as one word: "requested" (sent, not confirmed yet), "pending",
/// "cancelled" (landed), or empty.
#[must_use]
pub fn cancel_word(phase: Option<CancelPhase>) -> &'static str {
    match phase {
        Some(CancelPhase::Sending) => "requested",
        Some(CancelPhase::InProgress) => "pending",
        Some(CancelPhase::Landed) => "cancelled",
        None => "",
    }
}

/// One row's values, in [`COLUMNS`] order; see the module's documentation for their forms.
#[must_use]
pub fn record(row: &ExportRow) -> [String; 16] {
    let job = &row.job;
    let key = &job.key;
    let number = |n: Option<i64>| n.map(|n| n.to_string()).unwrap_or_default();
    let time = |t: Option<Timestamp>| t.map(|t| t.to_string()).unwrap_or_default();
    [
        job.name.to_string(),
        key.resource_group.to_string(),
        row.subscription_name
            .clone()
            .unwrap_or_else(|| key.subscription_id.to_string()),
        job.job_type
            .as_ref()
            .map(|t| t.as_str().to_owned())
            .unwrap_or_default(),
        job.state.as_str().to_owned(),
        cancel_word(row.cancel).to_owned(),
        job.drives
            .as_ref()
            .map(|d| d.len().to_string())
            .unwrap_or_default(),
        number(job.percent_complete),
        number(job.bytes_succeeded()),
        job.location.as_deref().unwrap_or_default().to_owned(),
        job.storage_account_name().unwrap_or_default().to_owned(),
        row.changed_at.to_string(),
        time(job.created_at),
        time(job.last_modified_at),
        key.subscription_id.to_string(),
        key.resource_id(),
    ]
}

/// Writes the rows as CSV with a header row (see the module's documentation).
pub fn write_csv<W: Write>(rows: &[ExportRow], out: W) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(COLUMNS)?;
    for row in rows {
        writer.write_record(record(row))?;
    }
    writer.flush()
}

/// Writes the rows as `iejobs jobs list --output json` prints them: a pretty-printed array
/// of [`JobOutput`] and a line break.
pub fn write_json<W: Write>(rows: &[ExportRow], mut out: W) -> io::Result<()> {
    let jobs: Vec<JobOutput> = rows.iter().map(|row| JobOutput::from(&row.job)).collect();
    serde_json::to_writer_pretty(&mut out, &jobs)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The rows as tab-separated text with a header row, for a spreadsheet: one line per row,
/// tabs and line breaks inside values replaced by spaces.
#[must_use]
pub fn tsv(rows: &[ExportRow]) -> String {
    fn line(out: &mut String, cells: &[String]) {
        for (i, cell) in cells.iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            if cell.contains(char::is_control) {
                out.extend(cell.chars().map(|c| if c.is_control() { ' ' } else { c }));
            } else {
                out.push_str(cell);
            }
        }
        out.push('\n');
    }
    let mut out = String::new();
    line(&mut out, &COLUMNS.map(str::to_owned));
    for row in rows {
        line(&mut out, &record(row));
    }
    out
}

/// Why the file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file could not be created (no such folder, no permission, …).
    #[error("{}", crate::tr!("export-cannot-create", path = path.display().to_string(), error = source.to_string()))]
    Create {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// Writing failed part way (disk full, …).
    #[error("{}", crate::tr!("export-cannot-write", path = path.display().to_string(), error = source.to_string()))]
    Write {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

/// Writes `rows` to `path` in `format`, replacing the file if it exists.
pub fn write_file(
    path: &Path,
    format: ExportFormat,
    rows: &[ExportRow],
) -> Result<(), ExportError> {
    let file = std::fs::File::create(path).map_err(|source| ExportError::Create {
        path: path.to_owned(),
        source,
    })?;
    let out = io::BufWriter::new(file);
    match format {
        ExportFormat::Csv => write_csv(rows, out),
        ExportFormat::Json => write_json(rows, out),
    }
    .map_err(|source| ExportError::Write {
        path: path.to_owned(),
        source,
    })
}

/// What the notice line says once the file is written.
#[must_use]
pub fn exported_text(count: usize, path: &Path) -> String {
    crate::tr!(
        "export-done",
        jobs = jobs(count),
        path = path.display().to_string()
    )
}

/// "1 job", "1,234 jobs".
fn jobs(count: usize) -> String {
    crate::tr!("count-jobs", count = count)
}

/// The folder the export proposes: the user's downloads, else documents, else home (the
/// current folder when none is known).
#[must_use]
pub fn default_folder() -> PathBuf {
    directories::UserDirs::new().map_or_else(
        || PathBuf::from("."),
        |dirs| {
            dirs.download_dir()
                .or(dirs.document_dir())
                .unwrap_or(dirs.home_dir())
                .to_owned()
        },
    )
}

/// The file the export proposes in `folder`: `iejobs-jobs-YYYYMMDD-HHMM.csv`, local time.
#[must_use]
pub fn default_path(folder: &Path, now: &jiff::Zoned, format: ExportFormat) -> PathBuf {
    folder.join(format!(
        "iejobs-jobs-{}.{}",
        now.strftime("%Y%m%d-%H%M"),
        format.extension()
    ))
}

/// The export dialog's values, while it is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportDialog {
    /// The file to write, as typed (or chosen in the system's dialog).
    pub path: String,
    /// The format.
    pub format: ExportFormat,
    /// A line under the path: what the system's dialog answered.
    pub note: Option<String>,
    /// Whether the file exists, for the path it was checked for: checked once per edit, not
    /// at every frame (a network folder may be slow to answer).
    pub exists: Option<(String, bool)>,
}

impl ExportDialog {
    /// A dialog proposing `path` in `format`.
    #[must_use]
    pub fn new(path: &Path, format: ExportFormat) -> Self {
        Self {
            path: path.display().to_string(),
            format,
            note: None,
            exists: None,
        }
    }

    /// Chooses `format`; a path that ends in the other format's extension follows.
    pub fn set_format(&mut self, format: ExportFormat) {
        let path = Path::new(&self.path);
        if ExportFormat::from_path(path).is_some_and(|f| f != format) {
            self.path = path
                .with_extension(format.extension())
                .display()
                .to_string();
        }
        self.format = format;
    }

    /// The path typed, with a leading `~/` read as the home folder; `None` when empty.
    #[must_use]
    pub fn target(&self) -> Option<PathBuf> {
        let typed = self.path.trim();
        if typed.is_empty() {
            return None;
        }
        if let Some(rest) = typed.strip_prefix("~/")
            && let Some(dirs) = directories::UserDirs::new()
        {
            return Some(dirs.home_dir().join(rest));
        }
        Some(PathBuf::from(typed))
    }
}

/// A file to write off the UI thread.
#[derive(Clone, Debug)]
pub struct ExportJob {
    /// The file.
    pub path: PathBuf,
    /// Its format.
    pub format: ExportFormat,
    /// The rows, in the table's order.
    pub rows: Vec<ExportRow>,
}

/// What the window's state keeps of export and copy: the dialog, and the work a frame hands
/// to the window (a file to write, text for the clipboard), which [`super::state::AppState`]
/// cannot do itself.
#[derive(Debug, Default)]
pub struct ExportState {
    /// The export dialog, while open.
    pub dialog: Option<ExportDialog>,
    /// A file to write, taken by the window at the end of the frame.
    pub queued: Option<ExportJob>,
    /// Text for the clipboard, taken by the window at the end of the frame.
    pub clipboard: Option<String>,
}

impl ExportState {
    /// Opens the dialog, proposing a new file in the downloads folder.
    pub fn open(&mut self) {
        if self.dialog.is_none() {
            let format = ExportFormat::default();
            let path = default_path(&default_folder(), &jiff::Zoned::now(), format);
            self.dialog = Some(ExportDialog::new(&path, format));
        }
    }

    /// Queues the rows shown (`shown`, in the table's order) for `path`; closes the dialog and
    /// returns the notice.
    pub fn queue(
        &mut self,
        session: &Session,
        shown: &[JobKey],
        path: PathBuf,
        format: ExportFormat,
    ) -> String {
        let rows = rows(session, shown);
        let notice = crate::tr!(
            "export-exporting",
            jobs = jobs(rows.len()),
            path = path.display().to_string()
        );
        self.dialog = None;
        self.queued = Some(ExportJob { path, format, rows });
        notice
    }

    /// Puts the `selected` jobs on the clipboard as tab-separated text, in the table's order
    /// (`shown`); selected jobs the filter hides are left out. Returns the notice.
    pub fn copy(&mut self, session: &Session, shown: &[JobKey], selected: &[JobKey]) -> String {
        if selected.is_empty() {
            return crate::tr!("copy-nothing").to_owned();
        }
        let wanted: HashSet<&JobKey> = selected.iter().collect();
        let rows = rows(session, shown.iter().filter(|k| wanted.contains(k)));
        let hidden = selected.len().saturating_sub(rows.len());
        self.clipboard = Some(tsv(&rows));
        if hidden == 0 {
            crate::tr!("copy-done", jobs = jobs(rows.len()))
        } else {
            crate::tr!("copy-done-hidden", jobs = jobs(rows.len()), count = hidden)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Drive, DriveState, JobKey, JobState, JobType};

    fn row(name: &str, state: &str) -> ExportRow {
        let mut job = Job::new(JobKey::new("sub-1", "rg-a", name), JobState::parse(state));
        job.job_type = Some(JobType::parse("Import"));
        job.percent_complete = Some(40);
        job.created_at = Some("2026-03-01T10:00:00Z".parse().unwrap());
        job.drives = Some(vec![Drive {
            drive_id: "D1".into(),
            state: DriveState::Transferring,
            copy_status: Some("InProgress".into()),
            percent_complete: Some(40),
            bytes_succeeded: Some(1_234_567_890_123),
            manifest_file: None,
            error_log_uri: None,
            verbose_log_uri: None,
            manifest_uri: None,
        }]);
        ExportRow {
            job,
            subscription_name: Some("Media, \"prod\"".to_owned()),
            cancel: Some(CancelPhase::InProgress),
            changed_at: "2026-03-02T11:30:00Z".parse().unwrap(),
        }
    }

    fn csv_records(text: &[u8]) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text);
        reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_owned).collect())
            .collect()
    }

    #[test]
    fn csv_values_are_machine_readable_and_quoted_where_needed() {
        let rows = [row("job,\"1\"\nsecond line", "Transferring")];
        let mut out = Vec::new();
        write_csv(&rows, &mut out).unwrap();
        let text = String::from_utf8(out.clone()).unwrap();
        assert!(
            text.contains("\"job,\"\"1\"\"\nsecond line\""),
            "the name is quoted with its quotes doubled: {text}"
        );
        let records = csv_records(&out);
        assert_eq!(records.len(), 2, "{text}");
        assert_eq!(records[0], COLUMNS);
        let values = &records[1];
        assert_eq!(values.len(), COLUMNS.len());
        let at = |column: &str| {
            let i = COLUMNS.iter().position(|c| *c == column).unwrap();
            values[i].as_str()
        };
        assert_eq!(at("Name"), "job,\"1\"\nsecond line");
        assert_eq!(at("Subscription"), "Media, \"prod\"");
        assert_eq!(at("Subscription id"), "sub-1");
        assert_eq!(at("State"), "Transferring");
        assert_eq!(at("Cancel"), "pending");
        assert_eq!(at("Drives"), "1");
        assert_eq!(at("Progress percent"), "40");
        assert_eq!(at("Bytes copied"), "1234567890123");
        assert_eq!(at("Last change"), "2026-03-02T11:30:00Z");
        assert_eq!(at("Created"), "2026-03-01T10:00:00Z");
        assert_eq!(at("Last modified"), "");
        assert_eq!(
            at("Resource id"),
            rows[0].job.key.resource_id(),
            "the ARM resource id"
        );
    }

    #[test]
    fn unknown_states_are_written_verbatim() {
        let rows = [row("a", "SomethingNew")];
        let mut out = Vec::new();
        write_csv(&rows, &mut out).unwrap();
        assert_eq!(csv_records(&out)[1][4], "SomethingNew");
        assert!(
            tsv(&rows)
                .lines()
                .nth(1)
                .unwrap()
                .contains("\tSomethingNew\t")
        );
    }

    #[test]
    fn an_empty_table_gives_the_header_only() {
        let mut out = Vec::new();
        write_csv(&[], &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            format!("{}\n", COLUMNS.join(","))
        );
        assert_eq!(tsv(&[]), format!("{}\n", COLUMNS.join("\t")));
        let mut out = Vec::new();
        write_json(&[], &mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "[]\n");
    }

    #[test]
    fn tsv_keeps_one_line_per_row_and_one_cell_per_column() {
        let rows = [
            row("tab\there", "Completed"),
            row("line\r\nbreak", "Closed"),
        ];
        let text = tsv(&rows);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text}");
        assert_eq!(lines[0], COLUMNS.join("\t"));
        for line in &lines[1..] {
            assert_eq!(line.split('\t').count(), COLUMNS.len(), "{line}");
        }
        assert!(
            lines[1].starts_with("tab here\trg-a\tMedia, \"prod\"\t"),
            "{}",
            lines[1]
        );
        assert!(lines[2].starts_with("line  break\t"), "{}", lines[2]);
    }

    #[test]
    fn json_is_the_command_lines_shape() {
        let rows = [row("a", "Transferring"), row("b", "Mystery")];
        let mut out = Vec::new();
        write_json(&rows, &mut out).unwrap();
        let jobs: Vec<JobOutput> = serde_json::from_slice(&out).unwrap();
        let expected: Vec<JobOutput> = rows.iter().map(|r| JobOutput::from(&r.job)).collect();
        assert_eq!(jobs, expected);
        assert_eq!(jobs[1].state, "Mystery");
        assert!(
            out.ends_with(b"]\n"),
            "pretty-printed with a final line break"
        );
    }

    #[test]
    fn a_missing_folder_is_an_error_naming_the_file() {
        let path = std::env::temp_dir()
            .join(format!("iejobs-no-such-folder-{}", std::process::id()))
            .join("jobs.csv");
        let error = write_file(&path, ExportFormat::Csv, &[]).unwrap_err();
        assert!(matches!(error, ExportError::Create { .. }), "{error:?}");
        assert!(error.to_string().contains("jobs.csv"), "{error}");
    }

    #[test]
    fn the_dialog_proposes_a_dated_file_and_follows_the_format() {
        let now: jiff::Zoned = "2026-03-04T05:06:07[UTC]".parse().unwrap();
        let path = default_path(Path::new("/home/me/Downloads"), &now, ExportFormat::Csv);
        assert_eq!(
            path,
            Path::new("/home/me/Downloads/iejobs-jobs-20260304-0506.csv")
        );
        let mut dialog = ExportDialog::new(&path, ExportFormat::Csv);
        dialog.set_format(ExportFormat::Json);
        assert_eq!(
            dialog.path,
            "/home/me/Downloads/iejobs-jobs-20260304-0506.json"
        );
        dialog.path = "/tmp/mine.txt".to_owned();
        dialog.set_format(ExportFormat::Csv);
        assert_eq!(
            dialog.path, "/tmp/mine.txt",
            "a name of the user's own stays"
        );
        assert_eq!(dialog.format, ExportFormat::Csv);
    }

    #[test]
    fn the_notice_counts_with_separators() {
        assert_eq!(
            exported_text(1234, Path::new("/tmp/a.csv")),
            "Exported 1,234 jobs to /tmp/a.csv"
        );
        assert_eq!(
            exported_text(1, Path::new("a.csv")),
            "Exported 1 job to a.csv"
        );
    }
}
