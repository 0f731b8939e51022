//! The audit trail: every Cancel and Delete sent, from the window or the command line, one
//! JSON line each in `audit.jsonl` in the data folder (`audit-emulator.jsonl` for the
//! emulator, so that practice never mixes with the record of real work).
//!
//! A Delete cannot be undone, and Azure support asks for the request id: so a line is
//! written, and flushed to disk, *before* the request goes out (`sending`), and another with
//! the outcome (`confirmed`, or `failed` with ARM's code, message and request ids). A crash
//! between the two leaves a `sending` line that the next start resolves by reading the job
//! ([`Audit::unresolved`]). Lines hold who signed in (never a token), the endpoint and the
//! job; the file is rotated at [`MAX_BYTES`], the previous one kept as `….1`.

use std::fmt::Write as _;
use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use serde::{Deserialize, Serialize};

use crate::arm::RequestIds;
use crate::model::{Action, JobKey};

/// The file is rotated past this size; the previous one is kept as `<name>.1`.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// What happened to an action, as one line records it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Outcome {
    /// Written before the request went out.
    Sending,
    /// The service confirmed it (or the job read afterwards shows it took effect).
    Confirmed,
    /// It failed; the line says why.
    Failed,
}

/// One line of the trail.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditRecord {
    /// When, in RFC 3339 with the local UTC offset, and the zone's name after a space
    /// ("2026-11-30T23:05:07+01:00 Europe/Rome").
    pub at: String,
    /// Pairs a `sending` line with its outcome.
    pub id: String,
    /// `window` or `command line`.
    pub origin: String,
    /// Who signed in (a user, an application, a managed identity; never a token).
    pub identity: String,
    /// The Azure Resource Manager endpoint.
    pub endpoint: String,
    /// The job's subscription.
    pub subscription_id: String,
    /// The job's resource group.
    pub resource_group: String,
    /// The job's name.
    pub job: String,
    /// `cancel` or `delete`.
    pub action: String,
    /// What happened.
    pub outcome: Outcome,
    /// The HTTP status of a failure, when the service answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// ARM's error code of a failure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// What went wrong, or how the outcome was learnt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// `x-ms-request-id` of the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
    /// `x-ms-correlation-request-id` of the answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation_id: Option<String>,
}

impl AuditRecord {
    /// The job the line is about.
    #[must_use]
    pub fn key(&self) -> JobKey {
        JobKey::new(&self.subscription_id, &self.resource_group, &self.job)
    }

    /// The action the line is about (`None` for a word this build does not know).
    #[must_use]
    pub fn action(&self) -> Option<Action> {
        Action::ALL
            .into_iter()
            .find(|a| action_word(*a) == self.action)
    }

    /// The line's time, when it can be read.
    #[must_use]
    pub fn timestamp(&self) -> Option<jiff::Timestamp> {
        let stamp = self.at.split(' ').next().unwrap_or_default();
        stamp.parse::<jiff::Timestamp>().ok()
    }

    /// The line in words, for the activity log: "Cancel sent by alice@contoso.com (request
    /// id …)".
    #[must_use]
    pub fn describe(&self) -> String {
        let what = match self.action() {
            Some(action) => action.key(),
            None => self.action.as_str(),
        };
        let mut text = match self.outcome {
            Outcome::Sending => crate::tr!(
                "audit-sending",
                action = what,
                identity = self.identity.as_str()
            ),
            Outcome::Confirmed => crate::tr!(
                "audit-confirmed",
                action = what,
                identity = self.identity.as_str()
            ),
            Outcome::Failed => crate::tr!(
                "audit-failed",
                action = what,
                identity = self.identity.as_str()
            ),
        };
        if let Some(code) = &self.code {
            let _ = write!(text, ": {code}");
        }
        if let Some(message) = &self.message {
            let _ = write!(text, " {message}");
        }
        if let Some(id) = &self.request_id {
            text.push_str(&crate::tr!("request-id-note", id = id.as_str()));
        }
        text
    }
}

/// The word an action is written as.
fn action_word(action: Action) -> &'static str {
    match action {
        Action::Cancel => "cancel",
        Action::Delete => "delete",
    }
}

/// Who sends, from where: the same for every line of a run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sender {
    /// `window` or `command line`.
    pub origin: &'static str,
    /// Who signed in.
    pub identity: String,
    /// The endpoint.
    pub endpoint: String,
}

/// Why the trail could not be written or read.
#[derive(Debug, thiserror::Error)]
#[error("{}", crate::tr!("audit-err", path = .path, reason = .source.to_string()))]
pub struct AuditError {
    /// The file.
    pub path: String,
    /// What the file system said.
    #[source]
    pub source: std::io::Error,
}

/// The trail of one file. Cheap to clone; clones write in turn.
#[derive(Clone, Debug)]
pub struct Audit {
    path: PathBuf,
    sender: Sender,
    lock: Arc<Mutex<u64>>,
}

impl Audit {
    /// The trail at `path`, written as `sender`. Nothing is created until the first line.
    #[must_use]
    pub fn new(path: PathBuf, sender: Sender) -> Self {
        Self {
            path,
            sender,
            lock: Arc::new(Mutex::new(0)),
        }
    }

    /// The trail's file for `kind` ("azure" or "emulator") in the platform's data folder
    /// (`~/.local/share/iejobs/` on Linux); `None` when there is no data folder.
    #[must_use]
    pub fn default_path(kind: &str) -> Option<PathBuf> {
        let name = if kind == "emulator" {
            "audit-emulator.jsonl"
        } else {
            "audit.jsonl"
        };
        directories::ProjectDirs::from("", "", "iejobs").map(|d| d.data_dir().join(name))
    }

    /// The trail of `kind` ("azure" or "emulator", see [`Self::default_path`]) for actions
    /// sent through `client` from `origin` (`window` or `command line`); `None` when the
    /// platform has no data folder.
    #[must_use]
    pub fn open_default(
        kind: &str,
        origin: &'static str,
        client: &crate::arm::ArmClient,
    ) -> Option<Self> {
        Self::default_path(kind).map(|path| {
            Self::new(
                path,
                Sender {
                    origin,
                    identity: client.identity(),
                    endpoint: client.config().endpoint.to_string(),
                },
            )
        })
    }

    /// The file.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the `sending` line of `action` on `key`, flushed to disk, and returns the id
    /// that pairs it with its outcome. Call it just before the request goes out.
    pub fn sending(&self, key: &JobKey, action: Action) -> Result<String, AuditError> {
        let id = {
            let mut count = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
            *count += 1;
            format!(
                "{}-{}-{}",
                jiff::Timestamp::now().as_millisecond(),
                std::process::id(),
                *count
            )
        };
        self.append(&self.record(&id, key, action, Outcome::Sending))?;
        Ok(id)
    }

    /// Writes the outcome of the action `id` (from [`Self::sending`]).
    pub fn outcome(
        &self,
        id: &str,
        key: &JobKey,
        action: Action,
        outcome: Outcome,
        failure: Option<Failure<'_>>,
        ids: Option<&RequestIds>,
    ) -> Result<(), AuditError> {
        let mut record = self.record(id, key, action, outcome);
        if let Some(failure) = failure {
            record.status = failure.status;
            record.code = failure.code.map(str::to_owned);
            record.message = Some(failure.message.to_owned());
        }
        if let Some(ids) = ids {
            record.request_id.clone_from(&ids.request_id);
            record.correlation_id.clone_from(&ids.correlation_id);
        }
        self.append(&record)
    }

    /// Writes a line as it is (the outcome of an earlier run's `sending`, resolved now).
    pub fn append_record(&self, record: &AuditRecord) -> Result<(), AuditError> {
        self.append(record)
    }

    fn record(&self, id: &str, key: &JobKey, action: Action, outcome: Outcome) -> AuditRecord {
        AuditRecord {
            at: now_with_zone(),
            id: id.to_owned(),
            origin: self.sender.origin.to_owned(),
            identity: self.sender.identity.clone(),
            endpoint: self.sender.endpoint.clone(),
            subscription_id: key.subscription_id.to_string(),
            resource_group: key.resource_group.to_string(),
            job: key.name.to_string(),
            action: action_word(action).to_owned(),
            outcome,
            status: None,
            code: None,
            message: None,
            request_id: None,
            correlation_id: None,
        }
    }

    /// Appends one line and flushes it to disk; rotates the file first when it is full.
    fn append(&self, record: &AuditRecord) -> Result<(), AuditError> {
        let error = |source| AuditError {
            path: self.path.display().to_string(),
            source,
        };
        let mut line = serde_json::to_vec(record).map_err(|e| error(e.into()))?;
        line.push(b'\n');
        // One writer at a time in this process; the lines of two processes (the window and
        // a script) interleave whole, as appends of one write each.
        let _guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(error)?;
        }
        if std::fs::metadata(&self.path).is_ok_and(|m| m.len() + line.len() as u64 > MAX_BYTES) {
            std::fs::rename(&self.path, previous(&self.path)).map_err(error)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)
            .map_err(error)?;
        file.write_all(&line).map_err(error)?;
        file.sync_data().map_err(error)
    }

    /// Every line of the trail (the previous file's first), oldest first; lines that cannot
    /// be read are skipped with a warning.
    pub fn read(&self) -> Result<Vec<AuditRecord>, AuditError> {
        read(&self.path)
    }

    /// The `sending` lines with no outcome after them: actions whose run stopped before
    /// their answer came.
    pub fn unresolved(&self) -> Result<Vec<AuditRecord>, AuditError> {
        Ok(unresolved(&self.read()?))
    }
}

/// Why an action failed, for its line.
#[derive(Clone, Copy, Debug)]
pub struct Failure<'a> {
    /// The HTTP status, when the service answered.
    pub status: Option<u16>,
    /// ARM's error code.
    pub code: Option<&'a str>,
    /// What went wrong.
    pub message: &'a str,
}

/// The rotated file's name: `<name>.1`.
fn previous(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".1");
    path.with_file_name(name)
}

/// Every line of the trail at `path` (the previous file's first), oldest first. A missing
/// file is an empty trail.
pub fn read(path: &Path) -> Result<Vec<AuditRecord>, AuditError> {
    let mut records = Vec::new();
    for file in [previous(path), path.to_path_buf()] {
        let opened = match std::fs::File::open(&file) {
            Ok(opened) => opened,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(source) => {
                return Err(AuditError {
                    path: file.display().to_string(),
                    source,
                });
            }
        };
        for (number, line) in std::io::BufReader::new(opened).lines().enumerate() {
            let line = line.map_err(|source| AuditError {
                path: file.display().to_string(),
                source,
            })?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<AuditRecord>(&line) {
                Ok(record) => records.push(record),
                Err(e) => tracing::warn!(
                    path = %file.display(),
                    line = number + 1,
                    error = %e,
                    "an audit line that cannot be read is skipped"
                ),
            }
        }
    }
    Ok(records)
}

/// The `sending` lines of `records` with no outcome line after them.
#[must_use]
pub fn unresolved(records: &[AuditRecord]) -> Vec<AuditRecord> {
    let done: std::collections::HashSet<&str> = records
        .iter()
        .filter(|r| r.outcome != Outcome::Sending)
        .map(|r| r.id.as_str())
        .collect();
    records
        .iter()
        .filter(|r| r.outcome == Outcome::Sending && !done.contains(r.id.as_str()))
        .cloned()
        .collect()
}

/// Now, in RFC 3339 with the local offset, and the zone's name when the system has one.
fn now_with_zone() -> String {
    let now = jiff::Zoned::now();
    let stamp = now.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string();
    match now.time_zone().iana_name() {
        Some(zone) => format!("{stamp} {zone}"),
        None => stamp,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn audit(name: &str) -> (Audit, PathBuf) {
        let dir = std::env::temp_dir().join(format!("iejobs-audit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let path = dir.join("audit.jsonl");
        let sender = Sender {
            origin: "window",
            identity: "alice@contoso.com".into(),
            endpoint: "https://management.azure.com".into(),
        };
        (Audit::new(path, sender), dir)
    }

    #[test]
    fn each_action_is_two_lines_sending_then_its_outcome() {
        let (audit, dir) = audit("pair");
        let key = JobKey::new("sub", "rg", "job-1");
        let id = audit.sending(&key, Action::Cancel).unwrap();
        assert_eq!(
            audit.unresolved().unwrap().len(),
            1,
            "a crash here leaves it"
        );
        let ids = RequestIds {
            request_id: Some("req-1".into()),
            correlation_id: Some("corr-1".into()),
        };
        audit
            .outcome(
                &id,
                &key,
                Action::Cancel,
                Outcome::Confirmed,
                None,
                Some(&ids),
            )
            .unwrap();
        let delete = audit.sending(&key, Action::Delete).unwrap();
        assert_ne!(delete, id);
        let failure = Failure {
            status: Some(409),
            code: Some("Conflict"),
            message: "not now",
        };
        audit
            .outcome(
                &delete,
                &key,
                Action::Delete,
                Outcome::Failed,
                Some(failure),
                None,
            )
            .unwrap();
        let text = std::fs::read_to_string(audit.path()).unwrap();
        assert_eq!(text.lines().count(), 4);
        for line in text.lines() {
            let value: serde_json::Value = serde_json::from_str(line).unwrap();
            assert_eq!(value["identity"], "alice@contoso.com");
            assert_eq!(value["resourceGroup"], "rg");
            assert!(value["at"].as_str().unwrap().contains('T'));
        }
        let records = audit.read().unwrap();
        assert_eq!(records[1].request_id.as_deref(), Some("req-1"));
        assert_eq!(records[1].outcome, Outcome::Confirmed);
        assert_eq!(records[3].code.as_deref(), Some("Conflict"));
        assert_eq!(records[3].action(), Some(Action::Delete));
        assert_eq!(records[3].key(), key);
        assert!(records[0].timestamp().is_some(), "{}", records[0].at);
        assert!(audit.unresolved().unwrap().is_empty());
        assert!(
            records[3].describe().contains("Delete failed"),
            "{}",
            records[3].describe()
        );
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_full_file_is_rotated_and_the_previous_one_kept() {
        let (audit, dir) = audit("rotate");
        let key = JobKey::new("sub", "rg", "job-1");
        std::fs::create_dir_all(&dir).unwrap();
        // A file one line short of full.
        let filler = audit.record("old", &key, Action::Cancel, Outcome::Sending);
        let mut line = serde_json::to_string(&filler).unwrap();
        line.push('\n');
        let lines = MAX_BYTES / line.len() as u64;
        let body = line.repeat(usize::try_from(lines).unwrap());
        std::fs::write(audit.path(), &body).unwrap();
        audit.sending(&key, Action::Cancel).unwrap();
        let kept = std::fs::read(previous(audit.path())).unwrap();
        assert_eq!(kept.len(), body.len(), "the previous file is kept whole");
        let now = std::fs::read_to_string(audit.path()).unwrap();
        assert_eq!(now.lines().count(), 1);
        // Reading goes through both, oldest first.
        let records = audit.read().unwrap();
        assert_eq!(records.len() as u64, lines + 1);
        assert_eq!(records.last().unwrap().outcome, Outcome::Sending);
        std::fs::remove_dir_all(dir).ok();
    }
}
