//! A page of a job listing decoded straight into what the worker keeps (issue 18's P4).
//!
//! [`super::wire`] decodes every field of a job into owned strings, and
//! [`super::job_summary_from_wire`] then copies the ones kept into the model and drops the
//! rest: a listing of 10,000 jobs spent 47 ms decoding and 18 ms converting (BENCHMARKS.md,
//! "P4 breakdown"). Here only the fields a summary keeps are decoded, their text borrowed from
//! the page where it has no escapes; the others (addresses, keys, hashes, log links…) are
//! skipped by the parser without being allocated. What the service sends that this does not
//! know is ignored as the wire types ignore it.

use std::borrow::Cow;

use serde::Deserialize;

use crate::model::{
    ArcStr, Drive, DriveState, Job, JobKey, JobState, JobType, Package, shared_opt,
};

use super::convert::{ConvertError, parse_time};
use super::wire::null_as_empty;

/// A page of `GET …/jobs`, borrowed from its body.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SummaryPage<'a> {
    /// Absolute URL of the next page, absent (or empty) on the last one.
    #[serde(default, borrow)]
    pub next_link: Option<Cow<'a, str>>,
    /// The jobs on this page.
    #[serde(default, borrow, deserialize_with = "null_as_empty")]
    pub value: Vec<JobSummaryWire<'a>>,
}

/// The fields of a job a summary keeps.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct JobSummaryWire<'a> {
    #[serde(default, borrow)]
    properties: Option<DetailsWire<'a>>,
    #[serde(default, borrow)]
    id: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    name: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    location: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    system_data: Option<SystemDataWire<'a>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct SystemDataWire<'a> {
    #[serde(default, borrow)]
    created_at: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    last_modified_at: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DetailsWire<'a> {
    #[serde(default, borrow)]
    storage_account_id: Option<Cow<'a, str>>,
    #[serde(default)]
    job_type: Option<JobType>,
    #[serde(default, borrow)]
    delivery_package: Option<PackageWire<'a>>,
    #[serde(default, borrow)]
    return_package: Option<PackageWire<'a>>,
    #[serde(default, borrow)]
    diagnostics_path: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    log_level: Option<Cow<'a, str>>,
    #[serde(default)]
    backup_drive_manifest: Option<bool>,
    #[serde(default)]
    cancel_requested: Option<bool>,
    #[serde(default)]
    state: Option<JobState>,
    #[serde(default)]
    percent_complete: Option<i64>,
    #[serde(default, borrow)]
    incomplete_blob_list_uri: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    drive_list: Option<Vec<DriveWire<'a>>>,
    #[serde(default, borrow)]
    provisioning_state: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct PackageWire<'a> {
    #[serde(default, borrow)]
    carrier_name: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    tracking_number: Option<Cow<'a, str>>,
    #[serde(default)]
    drive_count: Option<i64>,
    #[serde(default, borrow)]
    ship_date: Option<Cow<'a, str>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct DriveWire<'a> {
    #[serde(default, borrow)]
    drive_id: Option<Cow<'a, str>>,
    #[serde(default, borrow)]
    manifest_file: Option<Cow<'a, str>>,
    #[serde(default)]
    state: Option<DriveState>,
    #[serde(default, borrow)]
    copy_status: Option<Cow<'a, str>>,
    #[serde(default)]
    percent_complete: Option<i64>,
    #[serde(default)]
    bytes_succeeded: Option<i64>,
}

impl JobSummaryWire<'_> {
    /// The job as the worker keeps it: what [`super::job_summary_from_wire`] makes of the
    /// same job (a test compares the two on every recorded and generated listing).
    ///
    /// # Errors
    /// A job without a valid resource id cannot be addressed.
    pub fn to_job(&self) -> Result<Job, ConvertError> {
        let key = self
            .id
            .as_deref()
            .and_then(JobKey::from_resource_id)
            .ok_or_else(|| ConvertError::BadId(self.id.as_deref().map(str::to_owned)))?;
        let mut job = Job::new(key, JobState::Other(ArcStr::new()));
        if let Some(name) = self.name.as_deref().filter(|n| !n.is_empty())
            && name != job.name
        {
            job.name = ArcStr::from(name);
        }
        job.location = shared_opt(self.location.as_deref());
        if let Some(system) = &self.system_data {
            job.created_at = parse_time(system.created_at.as_deref());
            job.last_modified_at = parse_time(system.last_modified_at.as_deref());
        }
        let Some(props) = &self.properties else {
            return Ok(job);
        };
        if let Some(state) = &props.state {
            job.state = state.clone();
        }
        job.job_type.clone_from(&props.job_type);
        job.cancel_requested = props.cancel_requested.unwrap_or(false);
        job.percent_complete = props.percent_complete;
        job.provisioning_state = shared_opt(props.provisioning_state.as_deref());
        job.storage_account_id = shared_opt(props.storage_account_id.as_deref());
        job.diagnostics_path = shared_opt(props.diagnostics_path.as_deref());
        job.log_level = shared_opt(props.log_level.as_deref());
        job.backup_drive_manifest = props.backup_drive_manifest;
        let package = |p: &PackageWire<'_>| Box::new(p.to_package());
        job.delivery_package = props.delivery_package.as_ref().map(package);
        job.return_package = props.return_package.as_ref().map(package);
        job.incomplete_blob_list_uri = props.incomplete_blob_list_uri.as_deref().map(ArcStr::from);
        job.drives = props
            .drive_list
            .as_ref()
            .map(|drives| drives.iter().map(DriveWire::to_drive).collect());
        Ok(job)
    }
}

impl PackageWire<'_> {
    fn to_package(&self) -> Package {
        Package {
            carrier_name: shared_opt(self.carrier_name.as_deref()),
            tracking_number: self.tracking_number.as_deref().map(ArcStr::from),
            drive_count: self.drive_count,
            ship_date: self.ship_date.as_deref().map(ArcStr::from),
        }
    }
}

impl DriveWire<'_> {
    fn to_drive(&self) -> Drive {
        Drive {
            drive_id: self
                .drive_id
                .as_deref()
                .map(crate::model::DriveId::from)
                .unwrap_or_default(),
            state: self
                .state
                .clone()
                .unwrap_or_else(|| DriveState::Other(ArcStr::new())),
            copy_status: shared_opt(self.copy_status.as_deref()),
            percent_complete: self.percent_complete,
            bytes_succeeded: self.bytes_succeeded,
            manifest_file: shared_opt(self.manifest_file.as_deref()),
            error_log_uri: None,
            verbose_log_uri: None,
            manifest_uri: None,
        }
    }
}
