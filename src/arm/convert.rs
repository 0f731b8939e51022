//! From the wire format to the app's model.

use crate::model::{
    ArcStr, Drive, DriveId, DriveState, Job, JobKey, JobState, Package, shared_opt,
};

use super::wire::{DriveStatus, JobResponse, PackageInformation};

/// Why a job from the service cannot be turned into a [`Job`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConvertError {
    /// Without a valid resource id the job cannot be addressed, so no action could reach it.
    #[error("{}", crate::tr!("arm-err-bad-id", id = format!("{:?}", .0)))]
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
    convert(response, Detail::Full)
}

/// [`job_from_wire`] without the drives' log and manifest URLs: what listings and
/// monitoring reads keep. Those URLs are long and unique (two or three per drive, a third of
/// what a listed job costs in memory) and are shown only in the detail of the job that is
/// open, which reads the job in full.
pub fn job_summary_from_wire(response: &JobResponse) -> Result<Job, ConvertError> {
    convert(response, Detail::Summary)
}

/// How much of a job to keep.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Detail {
    /// Everything.
    Full,
    /// Without the drives' log URLs.
    Summary,
}

fn convert(response: &JobResponse, detail: Detail) -> Result<Job, ConvertError> {
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
        .map(|drives| drives.iter().map(|d| drive_from_wire(d, detail)).collect());
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
        ship_date: unique(package.ship_date.as_deref()),
    }
}

fn drive_from_wire(drive: &DriveStatus, detail: Detail) -> Drive {
    let link = |uri: &Option<String>| match detail {
        Detail::Full => unique(uri.as_deref()),
        Detail::Summary => None,
    };
    Drive {
        drive_id: drive
            .drive_id
            .as_deref()
            .map(DriveId::from)
            .unwrap_or_default(),
        state: drive
            .state
            .clone()
            .unwrap_or_else(|| DriveState::Other(ArcStr::new())),
        copy_status: shared_opt(drive.copy_status.as_deref()),
        percent_complete: drive.percent_complete,
        bytes_succeeded: drive.bytes_succeeded,
        manifest_file: shared_opt(drive.manifest_file.as_deref()),
        error_log_uri: link(&drive.error_log_uri),
        verbose_log_uri: link(&drive.verbose_log_uri),
        manifest_uri: link(&drive.manifest_uri),
    }
}

/// Reads an RFC 3339 time; a malformed one is dropped rather than failing the whole job.
pub(super) fn parse_time(text: Option<&str>) -> Option<jiff::Timestamp> {
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
    fn a_summary_drops_the_log_links_and_repeated_values_are_shared() {
        let response = |name: &str| -> JobResponse {
            serde_json::from_value(serde_json::json!({
                "id": format!("/subscriptions/s/resourceGroups/r/providers/Microsoft.ImportExport/jobs/{name}"),
                "location": "West US",
                "properties": {"state": "Transferring", "driveList": [{
                    "driveId": "D1", "state": "Transferring", "copyStatus": "InProgress",
                    "verboseLogUri": "https://a.blob.core.windows.net/w/v.xml",
                    "errorLogUri": "https://a.blob.core.windows.net/w/e.xml",
                    "manifestUri": "https://a.blob.core.windows.net/w/m.xml"
                }]}
            }))
            .unwrap()
        };
        let full = job_from_wire(&response("a")).unwrap();
        let drive = &full.drives.as_ref().unwrap()[0];
        assert_eq!(
            drive.verbose_log_uri.as_deref(),
            Some("https://a.blob.core.windows.net/w/v.xml")
        );
        assert!(drive.error_log_uri.is_some() && drive.manifest_uri.is_some());
        let summary = job_summary_from_wire(&response("b")).unwrap();
        let drive = &summary.drives.as_ref().unwrap()[0];
        assert_eq!(
            (
                &drive.error_log_uri,
                &drive.verbose_log_uri,
                &drive.manifest_uri
            ),
            (&None, &None, &None)
        );
        assert_eq!(drive.copy_status.as_deref(), Some("InProgress"));
        // The same region and resource group in two jobs: one allocation each.
        let (a, b) = (full.location.unwrap(), summary.location.unwrap());
        assert!(ArcStr::ptr_eq(&a, &b));
        assert!(ArcStr::ptr_eq(
            &full.key.resource_group,
            &summary.key.resource_group
        ));
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
