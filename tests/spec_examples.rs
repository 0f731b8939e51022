//! Every example response of the 2020-08-01 and 2021-01-01 specs parses into the wire types,
//! and the values read are the ones in the file.

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; a table of checks reads best in one place"
)]

mod common;

use iejobs::arm::job_from_wire;
use iejobs::arm::wire::{
    GetBitLockerKeysResponse, JobResponse, ListJobsResponse, ListOperationsResponse, Location,
    LocationsResponse, PutJobParameters, UpdateJobParameters,
};
use iejobs::model::{DriveState, JobState, JobType};
use serde_json::Value;

const VERSIONS: [&str; 2] = ["2020-08-01", "2021-01-01-preview"];

/// Checks a parsed job against its raw JSON, field by field, and returns it.
fn check_job(raw: &Value, context: &str) -> JobResponse {
    let job: JobResponse =
        serde_json::from_value(raw.clone()).unwrap_or_else(|e| panic!("{context}: {e}"));
    assert_eq!(job.name.as_deref(), raw["name"].as_str(), "{context}: name");
    assert_eq!(job.id.as_deref(), raw["id"].as_str(), "{context}: id");
    assert_eq!(
        job.location.as_deref(),
        raw["location"].as_str(),
        "{context}: location"
    );
    assert_eq!(
        job.resource_type.as_deref(),
        Some("Microsoft.ImportExport/jobs"),
        "{context}"
    );
    let props = job.properties.as_ref().expect("properties");
    let raw_props = &raw["properties"];
    assert_eq!(
        props.state.as_ref().map(JobState::as_str),
        raw_props["state"].as_str(),
        "{context}: state"
    );
    assert!(
        props.state.as_ref().is_some_and(JobState::is_known),
        "{context}: a documented state"
    );
    assert_eq!(
        props.cancel_requested,
        raw_props["cancelRequested"].as_bool(),
        "{context}"
    );
    assert_eq!(
        props.percent_complete,
        raw_props["percentComplete"].as_i64(),
        "{context}"
    );
    assert_eq!(
        props.job_type.as_ref().map(JobType::as_str),
        raw_props["jobType"].as_str(),
        "{context}: jobType"
    );
    let raw_drives = raw_props["driveList"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let drives = props.drive_list.clone().unwrap_or_default();
    assert_eq!(drives.len(), raw_drives.len(), "{context}: drives");
    for (drive, raw_drive) in drives.iter().zip(&raw_drives) {
        assert_eq!(drive.drive_id.as_deref(), raw_drive["driveId"].as_str());
        assert_eq!(
            drive.state.as_ref().map(DriveState::as_str),
            raw_drive["state"].as_str()
        );
        assert!(
            drive.state.as_ref().is_some_and(DriveState::is_known),
            "{context}"
        );
        assert_eq!(
            drive.percent_complete,
            raw_drive["percentComplete"].as_i64()
        );
        assert_eq!(drive.bytes_succeeded, raw_drive["bytesSucceeded"].as_i64());
        assert_eq!(
            drive.copy_status.as_deref(),
            raw_drive["copyStatus"].as_str()
        );
        assert_eq!(
            drive.error_log_uri.as_deref(),
            raw_drive["errorLogUri"].as_str()
        );
    }
    assert_eq!(
        props
            .delivery_package
            .as_ref()
            .and_then(|p| p.tracking_number.as_deref()),
        raw_props["deliveryPackage"]["trackingNumber"].as_str()
    );
    if let Some(created) = raw["systemData"]["createdAt"].as_str() {
        assert_eq!(
            job.system_data
                .as_ref()
                .and_then(|s| s.created_at.as_deref()),
            Some(created)
        );
    }
    // The model accepts every example job too.
    let model = job_from_wire(&job).unwrap_or_else(|e| panic!("{context}: {e}"));
    assert_eq!(Some(model.name.as_str()), raw["name"].as_str());
    job
}

/// The example files of one version, checked one by one. Returns how many were checked.
fn check_version(version: &str) -> usize {
    let dir = common::spec_dir().join(version).join("examples");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| {
            std::path::Path::new(name)
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("json"))
        })
        .collect();
    files.sort();
    for file in &files {
        let example = common::example(version, file);
        let context = format!("{version}/{file}");
        let responses = example["responses"].as_object().expect("responses");
        assert!(!responses.is_empty(), "{context}");
        match file.as_str() {
            "CreateJob.json" | "CreateExportJob.json" => {
                let put: PutJobParameters =
                    serde_json::from_value(example["parameters"]["body"].clone()).unwrap();
                assert_eq!(put.location.as_deref(), Some("West US"));
                assert!(put.properties.is_some());
                assert_eq!(responses.len(), 2, "{context}: 200 and 201");
                for (status, response) in responses {
                    let job = check_job(&response["body"], &format!("{context} {status}"));
                    let expected = if file == "CreateJob.json" {
                        "myJob"
                    } else {
                        "myExportJob"
                    };
                    assert_eq!(job.name.as_deref(), Some(expected));
                    assert_eq!(job.properties.unwrap().state, Some(JobState::Creating));
                }
            }
            "GetJob.json" | "UpdateJob.json" => {
                let job = check_job(&responses["200"]["body"], &context);
                assert_eq!(job.name.as_deref(), Some("myJob"));
                let props = job.properties.unwrap();
                assert_eq!(props.job_type, Some(JobType::Import));
                let drive = &props.drive_list.unwrap()[0];
                assert_eq!(drive.state, Some(DriveState::Specified));
                assert_eq!(drive.bit_locker_key, None, "never echoed back");
                if file == "UpdateJob.json" {
                    let patch: UpdateJobParameters =
                        serde_json::from_value(example["parameters"]["body"].clone()).unwrap();
                    let patch = patch.properties.unwrap();
                    assert_eq!(patch.log_level.as_deref(), Some("Verbose"));
                    assert_eq!(patch.backup_drive_manifest, Some(true));
                }
            }
            "GetExportJob.json" | "UpdateExportJob.json" => {
                let job = check_job(&responses["200"]["body"], &context);
                let props = job.properties.unwrap();
                assert_eq!(props.job_type, Some(JobType::Export));
                let prefixes = props.export.unwrap().blob_list.unwrap().blob_path_prefix;
                assert_eq!(prefixes, Some(vec!["/".to_owned()]));
            }
            "DeleteJob.json" => {
                assert!(
                    responses["200"].get("body").is_none(),
                    "DELETE answers 200, no body"
                );
            }
            "ListJobsInSubscription.json" | "ListJobsInResourceGroup.json" => {
                let body = &responses["200"]["body"];
                let page: ListJobsResponse = serde_json::from_value(body.clone()).unwrap();
                assert_eq!(page.next_link.as_deref(), body["nextLink"].as_str());
                for (job, raw) in page.value.iter().zip(body["value"].as_array().unwrap()) {
                    assert_eq!(&check_job(raw, &context), job);
                }
                let summary: Vec<(String, String, Option<i64>)> = page
                    .value
                    .iter()
                    .map(|j| {
                        let p = j.properties.as_ref().unwrap();
                        (
                            j.name.clone().unwrap(),
                            p.state.clone().unwrap().to_string(),
                            p.percent_complete,
                        )
                    })
                    .collect();
                if file == "ListJobsInSubscription.json" {
                    assert_eq!(
                        summary,
                        [
                            ("test-bn1-import-cpu100-01".into(), "Received".into(), None),
                            (
                                "test-bn1-import-cpu100-02".into(),
                                "Transferring".into(),
                                Some(6)
                            ),
                        ]
                    );
                    let drive = &page.value[1]
                        .properties
                        .as_ref()
                        .unwrap()
                        .drive_list
                        .as_ref()
                        .unwrap()[0];
                    assert_eq!(drive.state, Some(DriveState::CompletedMoreInfo));
                    assert_eq!(drive.copy_status.as_deref(), Some("InProgress"));
                } else {
                    assert_eq!(
                        summary,
                        [("test-by1-ssd-2".into(), "Received".into(), None)]
                    );
                    assert_eq!(page.value[0].properties.as_ref().unwrap().drive_list, None);
                }
            }
            "ListBitLockerKeys.json" => {
                let keys: GetBitLockerKeysResponse =
                    serde_json::from_value(responses["200"]["body"].clone()).unwrap();
                assert_eq!(keys.value.len(), 1);
                assert_eq!(keys.value[0].drive_id.as_deref(), Some("9CA995BB"));
                assert!(
                    keys.value[0]
                        .bit_locker_key
                        .as_deref()
                        .is_some_and(|k| k.len() > 20)
                );
            }
            "ListLocations.json" => {
                let list: LocationsResponse =
                    serde_json::from_value(responses["200"]["body"].clone()).unwrap();
                let names: Vec<_> = list
                    .value
                    .iter()
                    .filter_map(|l| l.name.as_deref())
                    .collect();
                assert_eq!(names, ["Australia East", "Australia Southeast"]);
                assert!(
                    list.value
                        .iter()
                        .all(|l| l.properties.as_ref().is_some_and(|p| {
                            p.supported_carriers.as_ref().is_some_and(|c| !c.is_empty())
                        }))
                );
            }
            "GetLocation.json" => {
                let location: Location =
                    serde_json::from_value(responses["200"]["body"].clone()).unwrap();
                assert_eq!(location.name.as_deref(), Some("West US"));
                assert_eq!(
                    location.id.as_deref(),
                    Some("/providers/Microsoft.ImportExport/locations/westus")
                );
                assert_eq!(
                    location.properties.unwrap().city.as_deref(),
                    Some("Santa Clara")
                );
            }
            "ListOperations.json" => {
                let ops: ListOperationsResponse =
                    serde_json::from_value(responses["200"]["body"].clone()).unwrap();
                assert_eq!(ops.value.len(), 6);
                assert_eq!(
                    ops.value[0].name.as_deref(),
                    Some("Microsoft.ImportExport/locations/read")
                );
                assert!(
                    ops.value
                        .iter()
                        .all(|o| o.display.as_ref().is_some_and(|d| d.description.is_some()))
                );
            }
            other => panic!("{version}: unexpected example file {other}: add a check for it"),
        }
    }
    files.len()
}

#[test]
fn every_example_of_both_versions_parses_with_its_values() {
    let total: usize = VERSIONS.iter().map(|v| check_version(v)).sum();
    assert_eq!(total, 26, "13 example files per version");
}

#[test]
fn the_2016_shape_reads_too() {
    // The 2016-11-01 spec has no examples here; its shape differs only in integer widths and
    // in lacking identity, encryptionKey and systemData. A job as the 2016 service recorded it:
    let raw = serde_json::json!({
        "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ImportExport/jobs/j2016",
        "name": "j2016", "type": "Microsoft.ImportExport/jobs", "location": "westus",
        "properties": {
            "storageAccountId": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/sa",
            "jobType": "Import", "state": "Creating", "cancelRequested": true,
            "returnPackage": {"carrierName": "FedEx", "trackingNumber": "1", "driveCount": 2, "shipDate": "x"},
            "driveList": [{"driveId": "A1", "state": "Specified", "percentComplete": 0}]
        }
    });
    let job = check_job(&raw, "2016 shape");
    assert_eq!(
        job.properties.unwrap().return_package.unwrap().drive_count,
        Some(2)
    );
}
