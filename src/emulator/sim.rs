//! One simulated job: its timeline, and what it looks like at any simulated moment.
//!
//! A simulated job is a plan (when it shipped, arrives, when each drive copies) plus the
//! customer's actions (shipping, cancel). Its state at time `t` is a pure function of that
//! plan and `t`, so reading a job is cheap and every reader sees the same thing.
//!
//! Cancel follows the docs: a cancelled job skips the data copy, but drives already copying
//! keep copying until they finish ("data may continue to be transferred even after
//! cancellation has been requested"); then Packaging, then Completed, kept 90 days.

use rand::RngExt as _;

use crate::arm::wire::{
    DriveStatus, EncryptionKeyDetails, IdentityDetails, IdentityType, JobDetails, JobResponse,
    KekType, SystemData,
};
use crate::model::{DriveState, JobKey, JobState, JobType};

use super::catalog;
use super::clock::{DAY, HOUR, MINUTE, Millis, rfc3339};

/// Azure deletes Completed and Closed jobs this long after they finish.
pub const RETENTION: Millis = 90 * DAY;
/// Azure deletes a Creating job with no shipping information after this long.
pub const CREATING_EXPIRY: Millis = 14 * DAY;
/// From the last drive copied (or the cancel) to the drives shipped back.
pub const PACKAGING_TIME: Millis = 4 * HOUR;
/// A job cancelled before it shipped ends this long after the cancel.
pub const CANCEL_UNSHIPPED_TIME: Millis = HOUR;
/// Copy slots: how many drives of one job are copied at the same time.
pub const COPY_SLOTS: usize = 2;

/// One drive of a simulated job.
#[derive(Clone, Debug)]
pub struct SimDrive {
    /// Serial number.
    pub drive_id: String,
    /// The key the customer sent (only `listBitLockerKeys` returns it).
    pub bit_locker_key: Option<String>,
    /// Manifest path on the drive.
    pub manifest_file: Option<String>,
    /// Manifest hash.
    pub manifest_hash: Option<String>,
    /// Drive header hash, echoed when the customer sent one (even an empty one, as the
    /// PowerShell module does) and absent otherwise, as the live service does.
    pub drive_header_hash: Option<String>,
    /// Bytes to copy.
    pub size_bytes: i64,
    /// When the copy runs, once scheduled.
    pub copy: Option<CopyWindow>,
    /// Whether the copy ends with errors (the drive ends CompletedMoreInfo, the job Closed).
    pub has_errors: bool,
    /// Set when a cancel came before this drive's copy started: it is never copied.
    pub skipped: bool,
}

/// When a drive's copy starts and ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CopyWindow {
    /// Start of the copy.
    pub start: Millis,
    /// End of the copy.
    pub end: Millis,
}

impl CopyWindow {
    /// Fraction copied at `now`, 0 to 1.
    #[must_use]
    pub fn fraction(&self, now: Millis) -> f64 {
        if now <= self.start {
            0.0
        } else if now >= self.end || self.end <= self.start {
            1.0
        } else {
            #[expect(
                clippy::cast_precision_loss,
                reason = "ratios of times need no ms precision"
            )]
            let fraction = (now - self.start) as f64 / (self.end - self.start) as f64;
            fraction
        }
    }
}

/// Whether a job follows the simulated lifecycle or stays as loaded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Course {
    /// State follows the timeline.
    Simulated,
    /// State and drives stay as given (jobs from a file, jobs in unknown states).
    Fixed(JobState),
}

/// A job as the emulator keeps it.
#[derive(Clone, Debug)]
pub struct SimJob {
    /// Where the job lives, in the case it was created with.
    pub key: JobKey,
    /// Everything that does not move by itself: location, tags, addresses, packages,
    /// storage account, identity. Its `state`, `driveList` and progress are filled at read.
    pub base: JobResponse,
    /// Simulated or fixed.
    pub course: Course,
    /// Creation time.
    pub created_at: Millis,
    /// Last change by the customer (a Creating job expires 14 days after it).
    pub modified_at: Millis,
    /// When the customer shipped the drives.
    pub shipped_at: Option<Millis>,
    /// When the drives arrive at the data centre.
    pub received_at: Option<Millis>,
    /// When the copy is over and packaging starts.
    pub packaging_at: Option<Millis>,
    /// When the drives are shipped back.
    pub finished_at: Option<Millis>,
    /// When a cancel was requested.
    pub cancel_at: Option<Millis>,
    /// The drives.
    pub drives: Vec<SimDrive>,
}

/// Random parameters of a shipment: how long the carrier takes, how long the drives queue,
/// how fast they copy, whether they hit errors.
#[derive(Clone, Copy, Debug)]
pub struct ShipmentProfile {
    /// Carrier delay, shipped to received.
    pub carrier_delay: Millis,
    /// Received to first copy start.
    pub queue_delay: Millis,
    /// Copy rate in bytes per second.
    pub rate_bytes_per_sec: f64,
    /// Chance that a drive ends with errors.
    pub error_chance: f64,
}

impl ShipmentProfile {
    /// A plausible profile: 1 to 3 days of carrier, half a day to 2 days of queue, 80 to
    /// 220 MB/s, one drive in ten with errors.
    pub fn random(rng: &mut impl rand::Rng) -> Self {
        Self {
            carrier_delay: rng.random_range(DAY..3 * DAY),
            queue_delay: rng.random_range(12 * HOUR..2 * DAY),
            rate_bytes_per_sec: rng.random_range(80e6..220e6),
            error_chance: 0.1,
        }
    }
}

impl SimJob {
    /// A job created at `created_at`, following the simulated lifecycle, not shipped yet.
    #[must_use]
    pub fn new(key: JobKey, base: JobResponse, created_at: Millis, drives: Vec<SimDrive>) -> Self {
        Self {
            key,
            base,
            course: Course::Simulated,
            created_at,
            modified_at: created_at,
            shipped_at: None,
            received_at: None,
            packaging_at: None,
            finished_at: None,
            cancel_at: None,
            drives,
        }
    }

    /// The state at `now`.
    #[must_use]
    pub fn state_at(&self, now: Millis) -> JobState {
        if let Course::Fixed(state) = &self.course {
            return state.clone();
        }
        let reached = |at: Option<Millis>| at.is_some_and(|at| at <= now);
        if reached(self.finished_at) {
            if self.cancel_at.is_none() && self.drives.iter().any(|d| d.has_errors && !d.skipped) {
                JobState::Closed
            } else {
                JobState::Completed
            }
        } else if reached(self.packaging_at) {
            JobState::Packaging
        } else if self
            .drives
            .iter()
            .any(|d| !d.skipped && d.copy.is_some_and(|c| c.start <= now))
        {
            JobState::Transferring
        } else if reached(self.received_at) {
            JobState::Received
        } else if reached(self.shipped_at) {
            JobState::Shipping
        } else {
            JobState::Creating
        }
    }

    /// Whether a cancel was requested.
    #[must_use]
    pub fn cancel_requested(&self) -> bool {
        self.cancel_at.is_some()
    }

    /// When Azure removes the job by itself: 90 days after it finished, or 14 days after the
    /// last change of a Creating job that never shipped.
    #[must_use]
    pub fn gone_at(&self) -> Option<Millis> {
        if let Some(finished) = self.finished_at {
            return Some(finished.saturating_add(RETENTION));
        }
        if self.course == Course::Simulated && self.shipped_at.is_none() && self.cancel_at.is_none()
        {
            return Some(self.modified_at.saturating_add(CREATING_EXPIRY));
        }
        None
    }

    /// The customer shipped the drives at `now`: plan the arrival and the copy.
    pub fn ship(&mut self, now: Millis, profile: ShipmentProfile, rng: &mut impl rand::Rng) {
        if self.shipped_at.is_some() || self.course != Course::Simulated {
            return;
        }
        self.shipped_at = Some(now);
        let received = now + profile.carrier_delay;
        self.received_at = Some(received);
        if self.drives.is_empty() {
            // Export jobs name their drives only once they arrive.
            let count = self
                .base
                .properties
                .as_ref()
                .and_then(|p| p.delivery_package.as_ref())
                .and_then(|p| p.drive_count)
                .unwrap_or(1)
                .clamp(1, 10);
            for _ in 0..count {
                self.drives.push(random_drive(rng, None));
            }
        }
        for drive in &mut self.drives {
            drive.has_errors = rng.random_bool(profile.error_chance);
        }
        self.schedule_copies(received + profile.queue_delay, profile.rate_bytes_per_sec);
    }

    /// Gives every drive a copy window, [`COPY_SLOTS`] drives at a time from `start`, and
    /// sets packaging and finish times after the last one.
    pub fn schedule_copies(&mut self, start: Millis, rate_bytes_per_sec: f64) {
        let mut slots = [start; COPY_SLOTS];
        for drive in &mut self.drives {
            let (slot, free_at) = slots
                .iter()
                .copied()
                .enumerate()
                .min_by_key(|(_, free_at)| *free_at)
                .unwrap_or((0, start));
            #[expect(
                clippy::cast_precision_loss,
                clippy::cast_possible_truncation,
                reason = "durations in ms fit easily"
            )]
            let duration =
                ((drive.size_bytes as f64 / rate_bytes_per_sec.max(1.0)) * 1_000.0) as Millis;
            let begin = free_at + 5 * MINUTE;
            drive.copy = Some(CopyWindow {
                start: begin,
                end: begin + duration.max(MINUTE),
            });
            slots[slot] = begin + duration.max(MINUTE);
        }
        let last = slots.into_iter().max().unwrap_or(start);
        self.packaging_at = Some(last);
        self.finished_at = Some(last + PACKAGING_TIME);
    }

    /// Records a cancel at `now` (the caller checked that it is allowed): drives not yet
    /// started are skipped, drives copying go on, and the end is planned after them.
    pub fn cancel(&mut self, now: Millis) {
        if self.cancel_at.is_some() {
            return;
        }
        self.cancel_at = Some(now);
        if self.course != Course::Simulated {
            return;
        }
        for drive in &mut self.drives {
            if drive.copy.is_none_or(|c| c.start > now) {
                drive.skipped = true;
                drive.copy = None;
            }
        }
        let packaging = match self.received_at {
            None => {
                // Never shipped: nothing to copy or send back.
                self.packaging_at = None;
                self.finished_at = Some(now + CANCEL_UNSHIPPED_TIME);
                return;
            }
            // Drives in transit still arrive; the copy is skipped.
            Some(received) if received > now => received + HOUR,
            Some(_) => self
                .drives
                .iter()
                .filter_map(|d| d.copy.map(|c| c.end))
                .fold(now, Millis::max),
        };
        self.packaging_at = Some(packaging);
        self.finished_at = Some(packaging + PACKAGING_TIME);
    }

    /// The job as the API shows it at `now`. `bitLockerKey` is never included.
    #[must_use]
    pub fn view(&self, now: Millis) -> JobResponse {
        let mut job = self.base.clone();
        job.id = Some(self.key.resource_id());
        job.name = Some(self.key.name.to_string());
        job.resource_type = Some("Microsoft.ImportExport/jobs".to_owned());
        job.system_data = Some(SystemData {
            created_by: Some("iejobs-emulator@example.com".to_owned()),
            created_by_type: Some("User".to_owned()),
            created_at: Some(rfc3339(self.created_at)),
            last_modified_by: Some("iejobs-emulator@example.com".to_owned()),
            last_modified_by_type: Some("User".to_owned()),
            last_modified_at: Some(rfc3339(self.modified_at)),
        });
        // Reads name the region as the catalog displays it ("West US"), whatever the create
        // sent ("westus"); only the create's own answer echoes what was sent.
        if let Some(display) = job.location.as_deref().and_then(catalog::display_name) {
            job.location = Some(display.to_owned());
        }
        // The live service shows both on every job, even on api-version 2016-11-01.
        job.identity.get_or_insert_with(|| IdentityDetails {
            identity_type: Some(IdentityType::None),
            ..IdentityDetails::default()
        });
        let props = job.properties.get_or_insert_with(JobDetails::default);
        props
            .encryption_key
            .get_or_insert_with(|| EncryptionKeyDetails {
                kek_type: Some(KekType::MicrosoftManaged),
                ..EncryptionKeyDetails::default()
            });
        props.cancel_requested = Some(self.cancel_requested());
        props.provisioning_state = Some("Succeeded".to_owned());
        if let Course::Fixed(state) = &self.course {
            props.state = Some(state.clone());
            if let Some(drives) = &mut props.drive_list {
                for drive in drives {
                    drive.bit_locker_key = None;
                }
            }
            return job;
        }
        let state = self.state_at(now);
        let received = self.received_at.is_some_and(|r| r <= now);
        let is_export = props.job_type == Some(JobType::Export);
        let diagnostics = props
            .diagnostics_path
            .clone()
            .unwrap_or_else(|| "waimportexport".to_owned());
        let verbose = props
            .log_level
            .as_deref()
            .is_some_and(|l| l.eq_ignore_ascii_case("Verbose"));
        let account = storage_account_name(props.storage_account_id.as_deref());
        let log_base = format!(
            "https://{account}.blob.core.windows.net/{diagnostics}/waies/{}",
            self.key.name
        );
        let finished = self.finished_at.is_some_and(|f| f <= now);
        if is_export && !received {
            props.drive_list = Some(Vec::new());
        } else {
            let drives = self
                .drives
                .iter()
                .map(|d| drive_view(d, now, received, finished, verbose, &log_base))
                .collect();
            props.drive_list = Some(drives);
        }
        if !matches!(
            state,
            JobState::Creating | JobState::Shipping | JobState::Received
        ) {
            let total: i64 = self.drives.iter().map(|d| d.size_bytes).sum();
            let copied: i64 = self.drives.iter().map(|d| copied_bytes(d, now)).sum();
            props.percent_complete = Some(percent(copied, total));
        }
        if let Some(finished_at) = self.finished_at.filter(|f| *f <= now) {
            let delivery = props.delivery_package.clone().unwrap_or_default();
            props.return_package = Some(crate::arm::wire::PackageInformation {
                carrier_name: Some(delivery.carrier_name.unwrap_or_else(|| "FedEx".to_owned())),
                tracking_number: Some(format!("RT{}", finished_at.rem_euclid(1_000_000_000))),
                drive_count: Some(i64::try_from(self.drives.len()).unwrap_or(0)),
                ship_date: Some(rfc3339(finished_at)),
            });
        }
        props.state = Some(state);
        job
    }
}

fn drive_view(
    drive: &SimDrive,
    now: Millis,
    received: bool,
    finished: bool,
    verbose: bool,
    log_base: &str,
) -> DriveStatus {
    let mut view = DriveStatus {
        drive_id: Some(drive.drive_id.clone()),
        manifest_file: drive.manifest_file.clone(),
        manifest_hash: drive.manifest_hash.clone(),
        drive_header_hash: drive.drive_header_hash.clone(),
        ..DriveStatus::default()
    };
    let started = drive.copy.filter(|c| c.start <= now);
    let state = if finished {
        DriveState::ShippedBack
    } else if !received {
        DriveState::Specified
    } else {
        match started {
            Some(c) if c.end > now => DriveState::Transferring,
            Some(_) if drive.has_errors => DriveState::CompletedMoreInfo,
            Some(_) => DriveState::Completed,
            None => DriveState::Received,
        }
    };
    if drive.skipped {
        view.copy_status = Some("Cancelled".to_owned());
        view.percent_complete = Some(0);
        view.bytes_succeeded = Some(0);
    } else if let Some(copy) = started {
        let done = copy.end <= now;
        view.copy_status = Some(
            match (done, drive.has_errors) {
                (false, _) => "InProgress",
                (true, false) => "Completed",
                (true, true) => "CompletedWithErrors",
            }
            .to_owned(),
        );
        let bytes = copied_bytes(drive, now);
        view.bytes_succeeded = Some(bytes);
        view.percent_complete = Some(percent(bytes, drive.size_bytes));
        let stamp = rfc3339(copy.start).replace([':', '-'], "");
        view.manifest_uri = Some(format!(
            "{log_base}_{}_{stamp}_manifest.xml",
            drive.drive_id
        ));
        if verbose {
            view.verbose_log_uri =
                Some(format!("{log_base}_{}_{stamp}_verbose.xml", drive.drive_id));
        }
        if done && drive.has_errors {
            view.error_log_uri = Some(format!("{log_base}_{}_{stamp}_error.xml", drive.drive_id));
        }
    }
    view.state = Some(state);
    view
}

/// Bytes of `drive` copied at `now`. A drive with errors ends 0.3 % short.
fn copied_bytes(drive: &SimDrive, now: Millis) -> i64 {
    if drive.skipped {
        return 0;
    }
    let Some(copy) = drive.copy else { return 0 };
    let mut fraction = copy.fraction(now);
    if drive.has_errors {
        fraction *= 0.997;
    }
    #[expect(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        reason = "byte counts of at most 10 TB fit f64 exactly enough"
    )]
    let bytes = (drive.size_bytes as f64 * fraction) as i64;
    bytes
}

fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 {
        return 0;
    }
    i64::try_from(i128::from(part) * 100 / i128::from(whole))
        .unwrap_or(100)
        .clamp(0, 100)
}

fn storage_account_name(id: Option<&str>) -> String {
    id.and_then(|id| id.rsplit('/').next())
        .filter(|n| !n.is_empty())
        .unwrap_or("storage")
        .to_ascii_lowercase()
}

/// A drive with a random serial number, key and size (1 to 10 TB).
pub fn random_drive(rng: &mut impl rand::Rng, size_bytes: Option<i64>) -> SimDrive {
    const SERIAL: &[u8] = b"0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let serial: String = (0..8)
        .map(|_| char::from(SERIAL[rng.random_range(0..SERIAL.len())]))
        .collect();
    let key: Vec<String> = (0..8)
        .map(|_| format!("{:06}", rng.random_range(0..1_000_000)))
        .collect();
    SimDrive {
        drive_id: serial,
        bit_locker_key: Some(key.join("-")),
        manifest_file: Some("\\DriveManifest.xml".to_owned()),
        manifest_hash: Some(format!("{:032X}", rng.random::<u128>())),
        drive_header_hash: None,
        size_bytes: size_bytes
            .unwrap_or_else(|| rng.random_range(1_000_000_000_000..10_000_000_000_000)),
        copy: None,
        has_errors: false,
        skipped: false,
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng as _;

    use super::*;

    const TB: i64 = 1_000_000_000_000;

    fn job_with_drives(sizes: &[i64]) -> (SimJob, rand::rngs::StdRng) {
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        let drives = sizes
            .iter()
            .map(|s| random_drive(&mut rng, Some(*s)))
            .collect();
        let job = SimJob::new(
            JobKey::new("s", "r", "j"),
            JobResponse {
                location: Some("West US".into()),
                properties: Some(JobDetails {
                    job_type: Some(JobType::Import),
                    ..JobDetails::default()
                }),
                ..JobResponse::default()
            },
            0,
            drives,
        );
        (job, rng)
    }

    fn profile() -> ShipmentProfile {
        ShipmentProfile {
            carrier_delay: DAY,
            queue_delay: HOUR,
            rate_bytes_per_sec: 100e6,
            error_chance: 0.0,
        }
    }

    #[test]
    fn the_whole_lifecycle_in_order() {
        let (mut job, mut rng) = job_with_drives(&[TB, TB, TB]);
        assert_eq!(job.state_at(0), JobState::Creating);
        assert_eq!(job.gone_at(), Some(CREATING_EXPIRY));
        job.ship(10, profile(), &mut rng);
        let mut seen = vec![];
        let mut now = 0;
        while now < 10 * DAY {
            let state = job.state_at(now);
            if seen.last() != Some(&state) {
                seen.push(state);
            }
            now += 10 * MINUTE;
        }
        assert_eq!(
            seen,
            [
                JobState::Creating,
                JobState::Shipping,
                JobState::Received,
                JobState::Transferring,
                JobState::Packaging,
                JobState::Completed
            ]
        );
        // Two slots: the third drive starts when the first ends.
        let windows: Vec<CopyWindow> = job.drives.iter().map(|d| d.copy.unwrap()).collect();
        assert_eq!(windows[0].start, windows[1].start);
        assert!(windows[2].start >= windows[0].end);
        assert_eq!(job.gone_at(), Some(job.finished_at.unwrap() + RETENTION));
        let view = job.view(job.finished_at.unwrap());
        let props = view.properties.unwrap();
        assert_eq!(props.percent_complete, Some(100));
        assert!(props.return_package.is_some());
        assert!(
            props
                .drive_list
                .unwrap()
                .iter()
                .all(|d| d.state == Some(DriveState::ShippedBack) && d.bit_locker_key.is_none())
        );
    }

    #[test]
    fn cancel_lets_copying_drives_finish_and_skips_the_rest() {
        let (mut job, mut rng) = job_with_drives(&[TB, 2 * TB, TB]);
        job.ship(0, profile(), &mut rng);
        let first = job.drives[0].copy.unwrap();
        let mid = first.start + (first.end - first.start) / 2;
        assert_eq!(job.state_at(mid), JobState::Transferring);
        job.cancel(mid);
        assert_eq!(
            job.state_at(mid),
            JobState::Transferring,
            "cancel does not change the state"
        );
        assert!(job.drives[2].skipped && !job.drives[0].skipped && !job.drives[1].skipped);
        let bytes = |at| {
            job.view(at)
                .properties
                .unwrap()
                .drive_list
                .unwrap()
                .iter()
                .map(|d| d.bytes_succeeded.unwrap_or(0))
                .collect::<Vec<_>>()
        };
        let before = bytes(mid);
        let later = bytes(mid + HOUR);
        assert!(
            later[0] > before[0] && later[1] > before[1],
            "in-flight drives keep copying"
        );
        assert_eq!(
            (before[2], later[2]),
            (0, 0),
            "the skipped drive is never copied"
        );
        let second_end = job.drives[1].copy.unwrap().end;
        assert_eq!(job.packaging_at, Some(second_end));
        assert_eq!(
            job.state_at(second_end + PACKAGING_TIME),
            JobState::Completed
        );
        let final_view = job.view(second_end + PACKAGING_TIME).properties.unwrap();
        assert_eq!(
            final_view.drive_list.unwrap()[2].copy_status.as_deref(),
            Some("Cancelled")
        );
        assert!(final_view.percent_complete.unwrap() < 100);
    }

    #[test]
    fn cancel_before_shipping_and_in_transit() {
        let (mut job, mut rng) = job_with_drives(&[TB]);
        job.cancel(100);
        assert_eq!(job.state_at(100), JobState::Creating);
        assert_eq!(
            job.state_at(100 + CANCEL_UNSHIPPED_TIME),
            JobState::Completed
        );
        let (mut job, _) = job_with_drives(&[TB]);
        job.ship(0, profile(), &mut rng);
        job.cancel(HOUR);
        assert_eq!(job.state_at(HOUR), JobState::Shipping);
        assert_eq!(
            job.state_at(DAY + HOUR),
            JobState::Packaging,
            "received, copy skipped"
        );
        assert_eq!(
            job.state_at(DAY + HOUR + PACKAGING_TIME),
            JobState::Completed
        );
    }

    #[test]
    fn errors_close_the_job_unless_cancelled() {
        let (mut job, mut rng) = job_with_drives(&[TB]);
        job.ship(
            0,
            ShipmentProfile {
                error_chance: 1.0,
                ..profile()
            },
            &mut rng,
        );
        let end = job.finished_at.unwrap();
        assert_eq!(job.state_at(end), JobState::Closed);
        let drive_done = job.drives[0].copy.unwrap().end;
        let drive = &job.view(drive_done).properties.unwrap().drive_list.unwrap()[0];
        assert_eq!(drive.state, Some(DriveState::CompletedMoreInfo));
        assert!(drive.error_log_uri.is_some());
        assert!(drive.bytes_succeeded.unwrap() < TB);
    }
}
