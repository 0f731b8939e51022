//! The jobs an emulator starts with: `demo`, `empty`, `load:N` or a JSON file.

use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;

use rand::RngExt as _;

use crate::arm::wire::{
    BlobList, EncryptionKeyDetails, Export, IdentityDetails, IdentityType, JobDetails, JobResponse,
    KekType, ListJobsResponse, PackageInformation, ReturnAddress, ReturnShipping,
};
use crate::model::{JobKey, JobState, JobType};

use super::catalog;
use super::clock::{DAY, HOUR, MINUTE, Millis};
use super::routes::{resource_group_problem, subscription_problem};
use super::sim::{
    CopyWindow, Course, PACKAGING_TIME, ShipmentProfile, SimDrive, SimJob, random_drive,
};
use super::store::StoreKey;

/// The demo's main subscription.
pub const DEMO_SUBSCRIPTION: &str = "00000000-0000-0000-0000-000000000001";
/// The demo's second subscription.
pub const DEMO_SUBSCRIPTION_2: &str = "00000000-0000-0000-0000-000000000002";
/// The largest `load:N`.
pub const MAX_LOAD: usize = 1_000_000;

/// The largest scenario file read: 256 MiB (a million jobs of the API's shape fit in less).
pub const MAX_SCENARIO_BYTES: u64 = 256 * 1024 * 1024;

/// Which jobs to start with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scenario {
    /// About 30 jobs in every state, with cancellations to watch.
    Demo,
    /// No jobs.
    Empty,
    /// N generated jobs over many resource groups and states.
    Load(usize),
    /// Jobs from a file in the API's own JSON (an array of jobs, or a list response).
    File(PathBuf),
}

impl FromStr for Scenario {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "demo" => Ok(Scenario::Demo),
            "empty" => Ok(Scenario::Empty),
            _ => {
                if let Some(n) = text.strip_prefix("load:") {
                    let n: usize = n
                        .parse()
                        .map_err(|_| format!("load:N needs a whole number of jobs, got {n:?}"))?;
                    if n > MAX_LOAD {
                        return Err(format!("load:N is limited to {MAX_LOAD} jobs"));
                    }
                    Ok(Scenario::Load(n))
                } else if std::path::Path::new(text)
                    .extension()
                    .is_some_and(|e| e.eq_ignore_ascii_case("json"))
                {
                    Ok(Scenario::File(PathBuf::from(text)))
                } else {
                    Err(format!(
                        "unknown scenario {text:?}: use demo, empty, load:N or a path to a .json file"
                    ))
                }
            }
        }
    }
}

impl std::fmt::Display for Scenario {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Scenario::Demo => f.write_str("demo"),
            Scenario::Empty => f.write_str("empty"),
            Scenario::Load(n) => write!(f, "load:{n}"),
            Scenario::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Builds the jobs of `scenario` as of `now`.
pub fn build(
    scenario: &Scenario,
    now: Millis,
    rng: &mut impl rand::Rng,
) -> Result<Vec<SimJob>, String> {
    match scenario {
        Scenario::Demo => Ok(demo(now, rng)),
        Scenario::Empty => Ok(Vec::new()),
        Scenario::Load(n) => Ok(load(*n, now, rng)),
        Scenario::File(path) => from_file(path, now),
    }
}

/// How a drive of a scenario job stands now.
#[derive(Clone, Copy, Debug)]
enum DrivePlan {
    /// Copied, this long ago.
    Done { ended_ago: Millis },
    /// Copying: this fraction done, this long to go.
    Copying { fraction: f64, remaining: Millis },
    /// Waiting for a copy slot.
    Queued { starts_in: Millis, duration: Millis },
}

/// The common fields of a scenario job, in Creating.
fn new_job(
    key: JobKey,
    job_type: &JobType,
    location: &str,
    now: Millis,
    created_ago: Millis,
    drive_count: usize,
    rng: &mut impl rand::Rng,
) -> SimJob {
    let account = format!(
        "{}store",
        key.resource_group
            .trim_start_matches("rg-")
            .replace('-', "")
    );
    let account: String = account.chars().take(24).collect();
    let shipping = catalog::location(location).map(|l| catalog::shipping_information(&l));
    let is_export = *job_type == JobType::Export;
    let properties = JobDetails {
        storage_account_id: Some(format!(
            "/subscriptions/{}/resourceGroups/{}/providers/Microsoft.Storage/storageAccounts/{account}",
            key.subscription_id, key.resource_group
        )),
        job_type: Some(job_type.clone()),
        return_address: Some(ReturnAddress {
            recipient_name: Some("Contoso Storage Operations".to_owned()),
            street_address1: Some("1 Microsoft Way".to_owned()),
            street_address2: None,
            city: Some("Redmond".to_owned()),
            state_or_province: Some("WA".to_owned()),
            postal_code: Some("98052".to_owned()),
            country_or_region: Some("USA".to_owned()),
            phone: Some("4250000000".to_owned()),
            email: Some("storage-ops@contoso.com".to_owned()),
        }),
        return_shipping: Some(ReturnShipping {
            carrier_name: Some("FedEx".to_owned()),
            carrier_account_number: Some("989ffff".to_owned()),
        }),
        shipping_information: shipping,
        diagnostics_path: Some("waimportexport".to_owned()),
        log_level: Some(
            if rng.random_bool(0.5) {
                "Verbose"
            } else {
                "Error"
            }
            .to_owned(),
        ),
        backup_drive_manifest: Some(rng.random_bool(0.5)),
        export: is_export.then(|| Export {
            blob_list: Some(BlobList {
                blob_path: None,
                blob_path_prefix: Some(vec!["/".to_owned()]),
            }),
            blob_list_blob_path: None,
        }),
        encryption_key: Some(EncryptionKeyDetails {
            kek_type: Some(KekType::MicrosoftManaged),
            kek_url: None,
            kek_vault_resource_id: None,
        }),
        ..JobDetails::default()
    };
    let drives = (0..drive_count).map(|_| random_drive(rng, None)).collect();
    SimJob::new(
        key,
        JobResponse {
            location: Some(location.to_owned()),
            properties: Some(properties),
            identity: Some(IdentityDetails {
                identity_type: Some(IdentityType::None),
                principal_id: None,
                tenant_id: None,
            }),
            ..JobResponse::default()
        },
        now - created_ago,
        drives,
    )
}

/// Sets the tracking information of a shipment made at `shipped_at`.
fn set_delivery(job: &mut SimJob, shipped_at: Millis, rng: &mut impl rand::Rng) {
    let count = i64::try_from(job.drives.len().max(1)).unwrap_or(1);
    if let Some(props) = job.base.properties.as_mut() {
        props.delivery_package = Some(PackageInformation {
            carrier_name: Some("FedEx".to_owned()),
            tracking_number: Some(format!(
                "{}",
                rng.random_range(100_000_000_000_u64..999_999_999_999)
            )),
            drive_count: Some(count),
            ship_date: Some(super::clock::rfc3339(shipped_at)),
        });
    }
    job.modified_at = shipped_at;
}

/// Ships at `now - shipped_ago`, arriving `arrives_in` from now (negative: arrived), the
/// copy starting `copy_in` from now.
fn ship(
    job: &mut SimJob,
    now: Millis,
    shipped_ago: Millis,
    arrives_in: Millis,
    copy_in: Millis,
    rng: &mut impl rand::Rng,
) {
    let shipped_at = now - shipped_ago;
    set_delivery(job, shipped_at, rng);
    let profile = ShipmentProfile {
        carrier_delay: shipped_ago + arrives_in,
        queue_delay: copy_in - arrives_in,
        rate_bytes_per_sec: rng.random_range(90e6..200e6),
        error_chance: 0.0,
    };
    job.ship(shipped_at, profile, rng);
}

/// Places a job in its copy: each drive as `plans` says; drive sizes follow from a
/// plausible copy rate.
fn in_transfer(job: &mut SimJob, now: Millis, plans: &[DrivePlan], rng: &mut impl rand::Rng) {
    while job.drives.len() < plans.len() {
        job.drives.push(random_drive(rng, None));
    }
    job.drives.truncate(plans.len());
    let mut first_start = Millis::MAX;
    let mut last_end = Millis::MIN;
    for (drive, plan) in job.drives.iter_mut().zip(plans) {
        let window = match *plan {
            DrivePlan::Done { ended_ago } => CopyWindow {
                start: now - ended_ago - 10 * HOUR,
                end: now - ended_ago,
            },
            DrivePlan::Copying {
                fraction,
                remaining,
            } => {
                #[expect(
                    clippy::cast_precision_loss,
                    clippy::cast_possible_truncation,
                    reason = "hours in ms"
                )]
                let total = (remaining as f64 / (1.0 - fraction).max(0.01)) as Millis;
                CopyWindow {
                    start: now + remaining - total,
                    end: now + remaining,
                }
            }
            DrivePlan::Queued {
                starts_in,
                duration,
            } => CopyWindow {
                start: now + starts_in,
                end: now + starts_in + duration,
            },
        };
        let rate: f64 = rng.random_range(110e6..190e6);
        #[expect(
            clippy::cast_precision_loss,
            clippy::cast_possible_truncation,
            reason = "bytes from ms"
        )]
        let size = ((window.end - window.start) as f64 / 1000.0 * rate) as i64;
        // Drives of 1 to 10 TB, as the service takes.
        drive.size_bytes = size.clamp(1_000_000_000_000, 10_000_000_000_000);
        drive.copy = Some(window);
        first_start = first_start.min(window.start);
        last_end = last_end.max(window.end);
    }
    if plans.is_empty() {
        (first_start, last_end) = (now, now);
    }
    let received = first_start - DAY;
    job.received_at = Some(received);
    job.shipped_at = Some(received - 2 * DAY);
    set_delivery(job, received - 2 * DAY, rng);
    job.created_at = job.created_at.min(received - 3 * DAY);
    job.packaging_at = Some(last_end);
    job.finished_at = Some(last_end + PACKAGING_TIME);
}

/// Places a job after its copy: finished `finished_ago` ago (negative: finishes later).
fn finished(
    job: &mut SimJob,
    now: Millis,
    finished_ago: Millis,
    errors: bool,
    rng: &mut impl rand::Rng,
) {
    let packaging_ago = finished_ago + PACKAGING_TIME;
    let count = i64::try_from(job.drives.len()).unwrap_or(1);
    let plans: Vec<DrivePlan> = (0..count)
        .map(|i| DrivePlan::Done {
            ended_ago: packaging_ago + i * 3 * HOUR,
        })
        .collect();
    in_transfer(job, now, &plans, rng);
    if errors && let Some(drive) = job.drives.first_mut() {
        drive.has_errors = true;
    }
}

#[expect(
    clippy::too_many_lines,
    reason = "the demo is a table of jobs; split up it would be harder to read"
)]
fn demo(now: Millis, rng: &mut impl rand::Rng) -> Vec<SimJob> {
    use DrivePlan::{Copying, Done, Queued};
    let import = JobType::Import;
    let export = JobType::Export;
    let key = |sub: &str, rg: &str, name: &str| JobKey::new(sub, rg, name);
    let (s1, s2) = (DEMO_SUBSCRIPTION, DEMO_SUBSCRIPTION_2);
    let (media, finance, research, partner) = (
        "rg-media-archive",
        "rg-finance-backup",
        "rg-research-data",
        "rg-partner-exchange",
    );
    let mut jobs = Vec::new();
    let mut add = |job: SimJob| jobs.push(job);

    // Transferring, several drives mid-copy, no cancel.
    let mut job = new_job(
        key(s1, media, "media-archive-2026-q3"),
        &import,
        "West US",
        now,
        6 * DAY,
        4,
        rng,
    );
    in_transfer(
        &mut job,
        now,
        &[
            Copying {
                fraction: 0.7,
                remaining: 5 * HOUR,
            },
            Copying {
                fraction: 0.4,
                remaining: 10 * HOUR,
            },
            Queued {
                starts_in: 5 * HOUR + 5 * MINUTE,
                duration: 9 * HOUR,
            },
            Queued {
                starts_in: 10 * HOUR + 5 * MINUTE,
                duration: 7 * HOUR,
            },
        ],
        rng,
    );
    add(job);
    let mut job = new_job(
        key(s1, research, "research-genomics-batch7"),
        &import,
        "East US 2",
        now,
        8 * DAY,
        3,
        rng,
    );
    in_transfer(
        &mut job,
        now,
        &[
            Done {
                ended_ago: 2 * HOUR,
            },
            Copying {
                fraction: 0.55,
                remaining: 8 * HOUR,
            },
            Copying {
                fraction: 0.2,
                remaining: 14 * HOUR,
            },
        ],
        rng,
    );
    add(job);
    // Transferring with a cancel pending: two drives keep copying, two are skipped.
    let mut job = new_job(
        key(s1, finance, "finance-ledger-2019"),
        &import,
        "West US",
        now,
        7 * DAY,
        4,
        rng,
    );
    in_transfer(
        &mut job,
        now,
        &[
            Copying {
                fraction: 0.65,
                remaining: 6 * HOUR,
            },
            Copying {
                fraction: 0.3,
                remaining: 4 * HOUR,
            },
            Queued {
                starts_in: 4 * HOUR + 5 * MINUTE,
                duration: 8 * HOUR,
            },
            Queued {
                starts_in: 6 * HOUR + 5 * MINUTE,
                duration: 8 * HOUR,
            },
        ],
        rng,
    );
    job.cancel(now - 40 * MINUTE);
    add(job);
    let mut job = new_job(
        key(s1, media, "video-raw-footage-02"),
        &export,
        "West Europe",
        now,
        9 * DAY,
        2,
        rng,
    );
    in_transfer(
        &mut job,
        now,
        &[
            Copying {
                fraction: 0.15,
                remaining: 20 * HOUR,
            },
            Copying {
                fraction: 0.5,
                remaining: 9 * HOUR,
            },
        ],
        rng,
    );
    add(job);
    let mut job = new_job(
        key(s1, research, "satellite-imagery-eu"),
        &import,
        "West Europe",
        now,
        9 * DAY,
        1,
        rng,
    );
    in_transfer(
        &mut job,
        now,
        &[Copying {
            fraction: 0.9,
            remaining: HOUR,
        }],
        rng,
    );
    job.drives[0].has_errors = true;
    add(job);
    let mut job = new_job(
        key(s1, research, "genomics-raw-2026"),
        &import,
        "East US 2",
        now,
        5 * DAY,
        3,
        rng,
    );
    in_transfer(
        &mut job,
        now,
        &[
            Copying {
                fraction: 0.05,
                remaining: 18 * HOUR,
            },
            Copying {
                fraction: 0.1,
                remaining: 16 * HOUR,
            },
            Queued {
                starts_in: 16 * HOUR + 5 * MINUTE,
                duration: 10 * HOUR,
            },
        ],
        rng,
    );
    add(job);
    let mut job = new_job(
        key(s2, partner, "partner-export-logs"),
        &export,
        "Japan East",
        now,
        6 * DAY,
        1,
        rng,
    );
    in_transfer(
        &mut job,
        now,
        &[Copying {
            fraction: 0.35,
            remaining: 7 * HOUR,
        }],
        rng,
    );
    add(job);

    // Creating.
    add(new_job(
        key(s1, media, "archive-2026-new"),
        &import,
        "West US",
        now,
        2 * HOUR,
        2,
        rng,
    ));
    add(new_job(
        key(s1, finance, "export-customer-logs"),
        &export,
        "East US 2",
        now,
        DAY,
        0,
        rng,
    ));
    add(new_job(
        key(s1, media, "legacy-tapes-migration"),
        &import,
        "West US",
        now,
        13 * DAY + 12 * HOUR,
        3,
        rng,
    ));
    let mut job = new_job(
        key(s1, research, "dr-test-restore"),
        &import,
        "West US",
        now,
        3 * HOUR,
        1,
        rng,
    );
    job.cancel(now - 20 * MINUTE);
    add(job);

    // Shipping.
    for (k, location, shipped_ago, arrives_in) in [
        (
            key(s1, finance, "hr-records-scan"),
            "East US 2",
            6 * HOUR,
            18 * HOUR,
        ),
        (
            key(s1, research, "lab-instrument-dumps"),
            "West US",
            DAY,
            4 * HOUR,
        ),
        (
            key(s2, partner, "partner-dataset-a"),
            "Australia East",
            12 * HOUR,
            2 * DAY,
        ),
    ] {
        let mut job = new_job(k, &import, location, now, shipped_ago + DAY, 2, rng);
        ship(
            &mut job,
            now,
            shipped_ago,
            arrives_in,
            arrives_in + DAY,
            rng,
        );
        add(job);
    }
    // Received.
    for (k, location, received_ago, copy_in) in [
        (
            key(s1, media, "cctv-archive-2025"),
            "West US",
            DAY,
            12 * HOUR,
        ),
        (
            key(s1, media, "marketing-assets"),
            "West US",
            3 * HOUR,
            2 * HOUR,
        ),
        (
            key(s1, finance, "compliance-snapshots"),
            "East US 2",
            5 * HOUR,
            DAY,
        ),
        (
            key(s2, partner, "partner-dataset-b"),
            "Australia Southeast",
            2 * DAY,
            6 * HOUR,
        ),
    ] {
        let mut job = new_job(k, &import, location, now, received_ago + 4 * DAY, 3, rng);
        ship(
            &mut job,
            now,
            received_ago + 2 * DAY,
            -received_ago,
            copy_in,
            rng,
        );
        add(job);
    }
    // Packaging.
    let mut job = new_job(
        key(s1, finance, "backup-vault-sync"),
        &import,
        "East US 2",
        now,
        12 * DAY,
        2,
        rng,
    );
    finished(&mut job, now, -3 * HOUR, false, rng);
    add(job);
    let mut job = new_job(
        key(s1, research, "research-climate-model"),
        &import,
        "West US",
        now,
        10 * DAY,
        3,
        rng,
    );
    finished(&mut job, now, -HOUR, false, rng);
    job.cancel_at = Some(now - 6 * HOUR);
    job.drives[2].skipped = true;
    job.drives[2].copy = None;
    add(job);

    // Completed, some close to their 90-day deletion.
    for (k, job_type, finished_ago) in [
        (key(s1, media, "old-photos-2024"), &import, 10 * DAY),
        (key(s1, finance, "finance-archive-2018"), &import, 88 * DAY),
        (
            key(s1, media, "media-proxies-q1"),
            &import,
            90 * DAY - 150 * MINUTE,
        ),
        (key(s2, partner, "partner-dataset-old"), &import, 30 * DAY),
        (key(s1, finance, "export-audit-2025"), &export, 15 * DAY),
    ] {
        let mut job = new_job(
            k,
            job_type,
            "East US 2",
            now,
            finished_ago + 14 * DAY,
            2,
            rng,
        );
        finished(&mut job, now, finished_ago, false, rng);
        add(job);
    }
    let mut job = new_job(
        key(s1, research, "research-sequencer-runs"),
        &import,
        "West US",
        now,
        20 * DAY,
        3,
        rng,
    );
    finished(&mut job, now, 5 * DAY, false, rng);
    job.cancel_at = Some(now - 6 * DAY);
    job.drives[1].skipped = true;
    job.drives[1].copy = None;
    job.drives[2].skipped = true;
    job.drives[2].copy = None;
    add(job);

    // Closed, with error logs.
    for (k, finished_ago) in [
        (key(s1, media, "security-footage-2025"), 20 * DAY),
        (key(s1, research, "telemetry-archive"), 85 * DAY),
    ] {
        let mut job = new_job(k, &import, "West US", now, finished_ago + 14 * DAY, 2, rng);
        finished(&mut job, now, finished_ago, true, rng);
        add(job);
    }

    // States this build does not know: shown as they come, no action allowed.
    for (k, state) in [
        (key(s1, finance, "migration-pilot"), "Faulted"),
        (key(s2, partner, "legacy-portal-job"), "Canceled"),
    ] {
        let mut job = new_job(k, &import, "West US", now, 9 * DAY, 2, rng);
        in_transfer(
            &mut job,
            now,
            &[
                Done { ended_ago: DAY },
                Copying {
                    fraction: 0.3,
                    remaining: 9 * HOUR,
                },
            ],
            rng,
        );
        let frozen = job.view(now);
        job.base.properties = frozen.properties;
        job.course = Course::Fixed(JobState::from(state));
        add(job);
    }
    jobs
}

fn load(n: usize, now: Millis, rng: &mut impl rand::Rng) -> Vec<SimJob> {
    const LOCATIONS: [&str; 4] = ["West US", "East US 2", "West Europe", "Japan East"];
    let groups = (n / 500).clamp(1, 200);
    (0..n)
        .map(|i| {
            let key = JobKey::new(
                DEMO_SUBSCRIPTION,
                format!("rg-load-{:03}", i % groups),
                format!("load-job-{i:06}"),
            );
            let job_type = if rng.random_bool(0.8) {
                JobType::Import
            } else {
                JobType::Export
            };
            let location = LOCATIONS[rng.random_range(0..LOCATIONS.len())];
            let drives = rng.random_range(1..=4);
            let mut job = new_job(
                key,
                &job_type,
                location,
                now,
                rng.random_range(HOUR..10 * DAY),
                drives,
                rng,
            );
            match rng.random_range(0..100) {
                0..10 => {}
                10..20 => ship(
                    &mut job,
                    now,
                    6 * HOUR,
                    rng.random_range(HOUR..2 * DAY),
                    3 * DAY,
                    rng,
                ),
                20..30 => ship(
                    &mut job,
                    now,
                    3 * DAY,
                    -DAY,
                    rng.random_range(HOUR..DAY),
                    rng,
                ),
                30..50 => {
                    let plans: Vec<DrivePlan> = (0..drives)
                        .map(|_| {
                            // 2 to 20 hours of copy in all: 1 to 10 TB at the rates used.
                            let fraction: f64 = rng.random_range(0.0..0.95);
                            let total: Millis = rng.random_range(2 * HOUR..20 * HOUR);
                            #[expect(
                                clippy::cast_precision_loss,
                                clippy::cast_possible_truncation,
                                reason = "hours in ms"
                            )]
                            let remaining = (total as f64 * (1.0 - fraction)) as Millis;
                            DrivePlan::Copying {
                                fraction,
                                remaining: remaining.max(MINUTE),
                            }
                        })
                        .collect();
                    in_transfer(&mut job, now, &plans, rng);
                    if rng.random_bool(0.1) {
                        job.cancel(now - rng.random_range(MINUTE..HOUR));
                    }
                }
                50..55 => finished(
                    &mut job,
                    now,
                    -rng.random_range(MINUTE..3 * HOUR),
                    false,
                    rng,
                ),
                55..90 => finished(&mut job, now, rng.random_range(HOUR..85 * DAY), false, rng),
                90..99 => finished(&mut job, now, rng.random_range(HOUR..85 * DAY), true, rng),
                _ => job.course = Course::Fixed(JobState::from("Faulted")),
            }
            job
        })
        .collect()
}

/// Reads a scenario file: a regular file (a FIFO, device or directory is refused before it
/// is opened: opening a FIFO waits for a writer) of at most [`MAX_SCENARIO_BYTES`].
fn read_scenario_file(path: &std::path::Path) -> Result<String, String> {
    use std::io::Read as _;
    let shown = path.display();
    let metadata =
        std::fs::metadata(path).map_err(|e| format!("cannot read scenario file {shown}: {e}"))?;
    if !metadata.is_file() {
        return Err(format!(
            "scenario file {shown} is not a regular file (a directory, FIFO, socket or device): give a JSON file"
        ));
    }
    if metadata.len() > MAX_SCENARIO_BYTES {
        return Err(format!(
            "scenario file {shown} is {} bytes; the limit is {} MiB",
            metadata.len(),
            MAX_SCENARIO_BYTES / (1024 * 1024)
        ));
    }
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read scenario file {shown}: {e}"))?;
    // The file may have grown (or been replaced) since: read one byte more than the limit at
    // most, to tell.
    let mut text = String::new();
    file.take(MAX_SCENARIO_BYTES + 1)
        .read_to_string(&mut text)
        .map_err(|e| format!("cannot read scenario file {shown}: {e}"))?;
    if text.len() as u64 > MAX_SCENARIO_BYTES {
        return Err(format!(
            "scenario file {shown} is over the limit of {} MiB",
            MAX_SCENARIO_BYTES / (1024 * 1024)
        ));
    }
    Ok(text)
}

fn from_file(path: &std::path::Path, now: Millis) -> Result<Vec<SimJob>, String> {
    let text = read_scenario_file(path)?;
    let jobs: Vec<JobResponse> = match serde_json::from_str::<Vec<JobResponse>>(&text) {
        Ok(jobs) => jobs,
        Err(array_error) => serde_json::from_str::<ListJobsResponse>(&text)
            .map(|list| list.value)
            .map_err(|_| {
                format!(
                    "scenario file {} is not a JSON array of jobs nor a job list: {array_error}",
                    path.display()
                )
            })?,
    };
    drop(text);
    // Where each job (as the store keys it: ARM ids compare without regard to case) was
    // first seen, to refuse a second one rather than let it replace the first silently.
    let mut seen: HashMap<StoreKey, usize> = HashMap::with_capacity(jobs.len());
    jobs.into_iter()
        .enumerate()
        .map(|(i, mut job)| {
            let position = i + 1;
            let key = job.id.as_deref().and_then(JobKey::from_resource_id).ok_or_else(|| {
                format!(
                    "job #{position} of {} has no valid id (/subscriptions/…/resourceGroups/…/providers/Microsoft.ImportExport/jobs/NAME)",
                    path.display()
                )
            })?;
            if let Some(why) = subscription_problem(&key.subscription_id)
                .or_else(|| resource_group_problem(&key.resource_group))
            {
                return Err(format!("job #{position} of {}: {why}", path.display()));
            }
            if let Some(first) = seen.insert(StoreKey::of(&key), position) {
                return Err(format!(
                    "jobs #{first} and #{position} of {} are the same job {} (ARM ids compare without regard to case)",
                    path.display(),
                    key.resource_id()
                ));
            }
            let props = job.properties.get_or_insert_with(JobDetails::default);
            let state = props.state.clone().unwrap_or(JobState::Creating);
            let cancel = props.cancel_requested.unwrap_or(false);
            let drives = props
                .drive_list
                .iter()
                .flatten()
                .map(|d| SimDrive {
                    drive_id: d.drive_id.clone().unwrap_or_default(),
                    bit_locker_key: d.bit_locker_key.clone(),
                    manifest_file: d.manifest_file.clone(),
                    manifest_hash: d.manifest_hash.clone(),
                    drive_header_hash: d.drive_header_hash.clone(),
                    size_bytes: 0,
                    copy: None,
                    has_errors: false,
                    skipped: false,
                })
                .collect();
            let mut sim = SimJob::new(key, job, now, drives);
            sim.course = Course::Fixed(state);
            sim.cancel_at = cancel.then_some(now);
            Ok(sim)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use rand::SeedableRng as _;

    use super::*;

    #[test]
    fn the_demo_covers_what_it_promises() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(42);
        let now = 1_800_000_000_000;
        let jobs = demo(now, &mut rng);
        assert!((28..=34).contains(&jobs.len()), "{}", jobs.len());
        let states: BTreeSet<String> = jobs.iter().map(|j| j.state_at(now).to_string()).collect();
        for state in JobState::KNOWN {
            assert!(
                states.contains(state.as_str()),
                "no {state} job in the demo"
            );
        }
        assert!(jobs.iter().any(|j| !j.state_at(now).is_known()));
        let transferring = |j: &&SimJob| j.state_at(now) == JobState::Transferring;
        let copying = |j: &SimJob| {
            j.drives
                .iter()
                .filter(|d| d.copy.is_some_and(|c| c.start <= now && c.end > now))
                .count()
        };
        assert!(
            jobs.iter()
                .filter(transferring)
                .filter(|j| !j.cancel_requested() && copying(j) >= 2)
                .count()
                >= 2
        );
        let cancelled: Vec<_> = jobs
            .iter()
            .filter(transferring)
            .filter(|j| j.cancel_requested())
            .collect();
        assert_eq!(cancelled.len(), 1);
        assert!(cancelled[0].drives.iter().any(|d| d.skipped) && copying(cancelled[0]) >= 1);
        assert!(jobs.iter().any(|j| {
            j.state_at(now) == JobState::Closed
                && j.view(now)
                    .properties
                    .unwrap()
                    .drive_list
                    .unwrap()
                    .iter()
                    .any(|d| d.error_log_uri.is_some())
        }));
        assert!(
            jobs.iter()
                .any(|j| j.gone_at().is_some_and(|g| g - now < 3 * HOUR)),
            "a job about to be deleted"
        );
        let types: BTreeSet<_> = jobs
            .iter()
            .map(|j| {
                j.base
                    .properties
                    .as_ref()
                    .unwrap()
                    .job_type
                    .clone()
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(types.len(), 2);
        let subs: BTreeSet<_> = jobs.iter().map(|j| j.key.subscription_id.clone()).collect();
        assert_eq!(subs.len(), 2);
    }

    #[test]
    fn scenario_names_parse() {
        assert_eq!("load:5".parse(), Ok(Scenario::Load(5)));
        assert_eq!("jobs.json".parse(), Ok(Scenario::File("jobs.json".into())));
        assert!("load:x".parse::<Scenario>().is_err());
        assert!("nonsense".parse::<Scenario>().is_err());
    }

    #[test]
    fn load_spreads_over_groups_and_states() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let jobs = load(2000, 1_800_000_000_000, &mut rng);
        assert_eq!(jobs.len(), 2000);
        let groups: BTreeSet<_> = jobs.iter().map(|j| j.key.resource_group.clone()).collect();
        assert_eq!(groups.len(), 4);
        let states: BTreeSet<_> = jobs
            .iter()
            .map(|j| j.state_at(1_800_000_000_000).to_string())
            .collect();
        assert!(states.len() >= 7, "{states:?}");
    }
}
