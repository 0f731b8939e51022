//! From the wire format to the app's model.

use crate::model::{ArcStr, Drive, DriveState, Job, JobKey, JobState, Package, shared_opt};

use super::wire::{DriveStatus, JobResponse, PackageInformation};

/// Why a job from the service cannot be turned into a [`Job`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    /// Without a valid resource id the job cannot be addressed, so no action could reach it.
    #[error("a job came without a valid resource id (got {0:?})")]
    BadId(Option<String>),
}

/// Turns a job as the service sent it into the app's [`Job`].
///
/// A missing `state` becomes an empty unknown state rather than the spec's default
/// ("Creating"): guessing would enable Delete for a job whose state nobody knows.
///
/// Values that repeat across jobs (region, storage account, provisioning state, carrier…)
/// are [shared](crate::model::shared): a subscription of 100,000 jobs stores each of them once.
pub fn job_from_wire(response: &JobResponse) -> Result<Job, ConvertError> {
    let key = response
        .id
        .as_deref()
        .and_then(JobKey::from_resource_id)
        .ok_or_else(|| ConvertError::BadId(response.id.clone()))?;
    let mut job = Job::new(key, JobState::Other(ArcStr::new()));
    if let Some(name) = response.name.as_deref().filter(|n| !n.is_empty())
        && name != job.name
    {
        job.name = ArcStr::from(name);
    }
    job.location = shared_opt(response.location.as_deref());
    if let Some(system) = &response.system_data {
        job.created_at = parse_time(system.created_at.as_deref());
        job.last_modified_at = parse_time(system.last_modified_at.as_deref());
    }
    let Some(props) = &response.properties else {
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
    job.delivery_package = props
        .delivery_package
        .as_ref()
        .map(|p| Box::new(package_from_wire(p)));
    job.return_package = props
        .return_package
        .as_ref()
        .map(|p| Box::new(package_from_wire(p)));
    job.incomplete_blob_list_uri = unique(props.incomplete_blob_list_uri.as_deref());
    job.drives = props
        .drive_list
        .as_ref()
        .map(|drives| drives.iter().map(drive_from_wire).collect());
    Ok(job)
}

/// A value of its own (a name, a tracking number, a log URL): sharing would gain nothing.
fn unique(text: Option<&str>) -> Option<ArcStr> {
    text.map(ArcStr::from)
}

fn package_from_wire(package: &PackageInformation) -> Package {
    Package {
        carrier_name: shared_opt(package.carrier_name.as_deref()),
        tracking_number: unique(package.tracking_number.as_deref()),
        drive_count: package.drive_count,
        // Drives shipped together carry the same date.
        ship_date: shared_opt(package.ship_date.as_deref()),
    }
}

fn drive_from_wire(drive: &DriveStatus) -> Drive {
    Drive {
        drive_id: drive
            .drive_id
            .as_deref()
            .map(ArcStr::from)
            .unwrap_or_default(),
        state: drive
            .state
            .clone()
            .unwrap_or_else(|| DriveState::Other(ArcStr::new())),
        copy_status: shared_opt(drive.copy_status.as_deref()),
        percent_complete: drive.percent_complete,
        bytes_succeeded: drive.bytes_succeeded,
        manifest_file: shared_opt(drive.manifest_file.as_deref()),
        error_log_uri: unique(drive.error_log_uri.as_deref()),
        verbose_log_uri: unique(drive.verbose_log_uri.as_deref()),
        manifest_uri: unique(drive.manifest_uri.as_deref()),
    }
}

/// Reads an RFC 3339 time; a malformed one is dropped rather than failing the whole job.
fn parse_time(text: Option<&str>) -> Option<jiff::Timestamp> {
    text.and_then(|t| t.parse().ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_job_without_properties_or_state_allows_nothing() {
        let response = JobResponse {
            id: Some(JobKey::new("s", "r", "j").resource_id()),
            ..JobResponse::default()
        };
        let job = job_from_wire(&response).unwrap();
        assert_eq!(job.name, "j");
        assert!(!job.state.is_known());
        for action in crate::model::Action::ALL {
            assert!(!job.permission(action).is_allowed());
        }
    }

    #[test]
    fn a_job_without_id_is_refused_and_bad_times_are_dropped() {
        assert_eq!(
            job_from_wire(&JobResponse::default()),
            Err(ConvertError::BadId(None))
        );
        let mut response: JobResponse = serde_json::from_value(serde_json::json!({
            "id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.ImportExport/jobs/j",
            "systemData": {"createdAt": "yesterday", "lastModifiedAt": "2020-02-04T02:03:01.1974346Z"},
            "properties": {"state": "Closed", "driveList": [{"percentComplete": 5}]}
        }))
        .unwrap();
        let job = job_from_wire(&response).unwrap();
        assert_eq!(job.created_at, None);
        assert_eq!(
            job.last_modified_at.map(jiff::Timestamp::as_second),
            Some(1_580_781_781)
        );
        assert_eq!(job.state, JobState::Closed);
        let drive = &job.drives.as_ref().unwrap()[0];
        assert_eq!(
            (drive.drive_id.as_str(), drive.percent_complete),
            ("", Some(5))
        );
        response.id = Some("/subscriptions/s".into());
        assert!(job_from_wire(&response).is_err());
    }
}
