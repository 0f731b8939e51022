//! From the wire format to the app's model.

use crate::model::{Drive, DriveState, Job, JobKey, JobState, Package};

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
pub fn job_from_wire(response: &JobResponse) -> Result<Job, ConvertError> {
    let key = response
        .id
        .as_deref()
        .and_then(JobKey::from_resource_id)
        .ok_or_else(|| ConvertError::BadId(response.id.clone()))?;
    let mut job = Job::new(key, JobState::Other(String::new()));
    if let Some(name) = response.name.as_ref().filter(|n| !n.is_empty()) {
        job.name.clone_from(name);
    }
    job.location.clone_from(&response.location);
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
    job.provisioning_state.clone_from(&props.provisioning_state);
    job.storage_account_id.clone_from(&props.storage_account_id);
    job.diagnostics_path.clone_from(&props.diagnostics_path);
    job.log_level.clone_from(&props.log_level);
    job.backup_drive_manifest = props.backup_drive_manifest;
    job.delivery_package = props.delivery_package.as_ref().map(package_from_wire);
    job.return_package = props.return_package.as_ref().map(package_from_wire);
    job.incomplete_blob_list_uri
        .clone_from(&props.incomplete_blob_list_uri);
    job.drives = props
        .drive_list
        .as_ref()
        .map(|drives| drives.iter().map(drive_from_wire).collect());
    Ok(job)
}

fn package_from_wire(package: &PackageInformation) -> Package {
    Package {
        carrier_name: package.carrier_name.clone(),
        tracking_number: package.tracking_number.clone(),
        drive_count: package.drive_count,
        ship_date: package.ship_date.clone(),
    }
}

fn drive_from_wire(drive: &DriveStatus) -> Drive {
    Drive {
        drive_id: drive.drive_id.clone().unwrap_or_default(),
        state: drive
            .state
            .clone()
            .unwrap_or_else(|| DriveState::Other(String::new())),
        copy_status: drive.copy_status.clone(),
        percent_complete: drive.percent_complete,
        bytes_succeeded: drive.bytes_succeeded,
        manifest_file: drive.manifest_file.clone(),
        error_log_uri: drive.error_log_uri.clone(),
        verbose_log_uri: drive.verbose_log_uri.clone(),
        manifest_uri: drive.manifest_uri.clone(),
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
