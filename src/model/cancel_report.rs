//! What a cancellation has done and has left, for the monitor: per drive and in total, the
//! bytes copied since the request, the bytes left, the rate while a drive copies, and when
//! the copying should end (a range when the rate is unsteady). Worked out from what the
//! polls observed; nothing here draws.

use jiff::Timestamp;

use super::entry::JobEntry;
use super::job::Drive;
use super::state::DriveState;
use super::text::DriveId;

/// Intervals between progress samples that the rate is taken over (the last ones).
const RATE_WINDOW: usize = 8;

/// A rate counts as unsteady, and the landing time is given as a range, when the fastest
/// interval of the window is this many times the slowest.
const UNSTEADY: f64 = 1.5;

/// What a drive does after the cancel request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DriveOutcome {
    /// Still copying: it was in transfer when the cancel came.
    Copying,
    /// Not copied: the cancel skipped it (or the service says it was cancelled).
    Skipped,
    /// Copied to the end (Completed, CompletedMoreInfo or shipped back after copying).
    Done,
    /// Not started, the job not finished: the service has not said yet.
    Waiting,
}

impl DriveOutcome {
    /// The word the monitor shows.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            DriveOutcome::Copying => crate::tr!("drive-outcome-copying"),
            DriveOutcome::Skipped => crate::tr!("drive-outcome-skipped"),
            DriveOutcome::Done => crate::tr!("drive-outcome-done"),
            DriveOutcome::Waiting => crate::tr!("drive-outcome-waiting"),
        }
    }
}

/// When the copying should end: the most likely moment and, when the rate is unsteady, the
/// earliest and latest.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Eta {
    /// Seconds from the last sample, at the rate of the window.
    pub seconds: f64,
    /// The range, at the fastest and the slowest interval's rate; `None` when the rate is
    /// steady (or the slowest interval did not move at all: no upper bound).
    pub range: Option<(f64, f64)>,
    /// When the estimate was made (the last sample).
    pub from: Timestamp,
}

/// One drive of a cancellation.
#[derive(Clone, Debug, PartialEq)]
pub struct DriveReport {
    /// The drive's id.
    pub drive_id: DriveId,
    /// Its state as the service wrote it.
    pub state: DriveState,
    /// What it does after the request.
    pub outcome: DriveOutcome,
    /// Bytes copied in all.
    pub copied: Option<i64>,
    /// Bytes copied since the request.
    pub since_request: i64,
    /// Bytes left, from its percentage (`None` when the service gives none, or 0 %).
    pub left: Option<i64>,
    /// Bytes per second of observed time, while it copies.
    pub rate: Option<f64>,
    /// When it should finish, while it copies.
    pub eta: Option<Eta>,
}

/// A cancellation at a glance.
#[derive(Clone, Debug, PartialEq)]
pub struct CancelReport {
    /// Each drive, in the job's order.
    pub drives: Vec<DriveReport>,
    /// Bytes copied since the request, over all drives.
    pub since_request: i64,
    /// Bytes the copying drives have left (`None` when no copying drive says).
    pub left: Option<i64>,
    /// When the last copying drive should finish.
    pub eta: Option<Eta>,
}

impl CancelReport {
    /// Drives with this outcome.
    #[must_use]
    pub fn count(&self, outcome: DriveOutcome) -> usize {
        self.drives.iter().filter(|d| d.outcome == outcome).count()
    }
}

/// The report of `entry`'s cancellation; `None` when it has none or its drives are not known
/// yet.
#[must_use]
pub fn cancel_report(entry: &JobEntry) -> Option<CancelReport> {
    entry.cancel.as_ref()?;
    let drives = entry.job.drives.as_ref()?;
    let finished = entry.job.state.is_finished();
    let since = entry.bytes_since_cancel();
    let reports: Vec<DriveReport> = drives
        .iter()
        .enumerate()
        .map(|(i, drive)| {
            let outcome = outcome(drive, finished);
            let since_request = since
                .iter()
                .find(|(id, _)| *id == drive.drive_id)
                .map_or(0, |(_, b)| *b);
            let left = match outcome {
                DriveOutcome::Copying => drive.bytes_left(),
                DriveOutcome::Done => Some(0),
                DriveOutcome::Skipped | DriveOutcome::Waiting => None,
            };
            let (rate, eta) = if outcome == DriveOutcome::Copying {
                rate_and_eta(entry, i, left)
            } else {
                // A drive that stopped has no rate (its last one would lie).
                (None, None)
            };
            DriveReport {
                drive_id: drive.drive_id.clone(),
                state: drive.state.clone(),
                outcome,
                copied: drive.bytes_succeeded,
                since_request,
                left,
                rate,
                eta,
            }
        })
        .collect();
    let copying: Vec<&DriveReport> = reports
        .iter()
        .filter(|d| d.outcome == DriveOutcome::Copying)
        .collect();
    let left = copying
        .iter()
        .filter_map(|d| d.left)
        .reduce(i64::saturating_add);
    // The job's copying ends with its slowest drive.
    let eta = copying.iter().filter_map(|d| d.eta).reduce(|a, b| Eta {
        seconds: a.seconds.max(b.seconds),
        range: match (a.range, b.range) {
            (Some((a_low, a_high)), Some((b_low, b_high))) => {
                Some((a_low.max(b_low), a_high.max(b_high)))
            }
            (range, None) | (None, range) => range,
        },
        from: a.from.max(b.from),
    });
    Some(CancelReport {
        since_request: reports.iter().map(|d| d.since_request).sum(),
        drives: reports,
        left,
        eta,
    })
}

fn outcome(drive: &Drive, job_finished: bool) -> DriveOutcome {
    let cancelled = drive
        .copy_status
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case("Cancelled") || s.eq_ignore_ascii_case("Canceled"));
    if cancelled {
        return DriveOutcome::Skipped;
    }
    match drive.state {
        DriveState::Transferring => DriveOutcome::Copying,
        DriveState::Completed | DriveState::CompletedMoreInfo => DriveOutcome::Done,
        DriveState::ShippedBack if drive.percent_complete == Some(100) => DriveOutcome::Done,
        // Never started, and the job is over (or the drive went back): the cancel skipped it.
        _ if job_finished || drive.state == DriveState::ShippedBack => DriveOutcome::Skipped,
        DriveState::NeverReceived => DriveOutcome::Skipped,
        _ => DriveOutcome::Waiting,
    }
}

/// The drive's rate over the last intervals between samples, and its landing time.
fn rate_and_eta(entry: &JobEntry, drive: usize, left: Option<i64>) -> (Option<f64>, Option<Eta>) {
    let samples = entry.progress.last_n(RATE_WINDOW + 1);
    let mut total_bytes = 0.0;
    let mut total_seconds = 0.0;
    let mut slowest = f64::INFINITY;
    let mut fastest: f64 = 0.0;
    for pair in samples.windows(2) {
        let seconds = pair[1].at.duration_since(pair[0].at).as_secs_f64();
        let (Some(a), Some(b)) = (pair[0].drive_bytes(drive), pair[1].drive_bytes(drive)) else {
            continue;
        };
        if seconds <= 0.0 {
            continue;
        }
        #[expect(clippy::cast_precision_loss, reason = "rates need no byte precision")]
        let delta = b.saturating_sub(a).max(0) as f64;
        total_bytes += delta;
        total_seconds += seconds;
        slowest = slowest.min(delta / seconds);
        fastest = fastest.max(delta / seconds);
    }
    if total_seconds <= 0.0 || total_bytes <= 0.0 {
        return (None, None);
    }
    let rate = total_bytes / total_seconds;
    let Some(left) = left else {
        return (Some(rate), None);
    };
    let from = samples.last().map_or(entry.changed_at, |s| s.at);
    #[expect(clippy::cast_precision_loss, reason = "as above")]
    let left = left as f64;
    let range =
        (fastest > slowest * UNSTEADY && slowest > 0.0).then(|| (left / fastest, left / slowest));
    (
        Some(rate),
        Some(Eta {
            seconds: left / rate,
            range,
            from,
        }),
    )
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;

    use super::*;
    use crate::model::Progress;
    use crate::model::{Job, JobKey, JobState};

    fn drive(id: &str, state: DriveState, bytes: i64, percent: i64) -> Drive {
        Drive {
            drive_id: DriveId::from(id),
            state,
            copy_status: None,
            percent_complete: Some(percent),
            bytes_succeeded: Some(bytes),
            manifest_file: None,
            error_log_uri: None,
            verbose_log_uri: None,
            manifest_uri: None,
        }
    }

    fn at(seconds: i64) -> Timestamp {
        Timestamp::UNIX_EPOCH
            .checked_add(SignedDuration::from_secs(seconds))
            .unwrap()
    }

    /// A job in transfer whose cancel was requested at 0 s, with one copying drive, one
    /// not started, and samples every 10 s at `rates` bytes a second for the first drive.
    fn entry(rates: &[i64]) -> JobEntry {
        let mut job = Job::new(JobKey::new("s", "rg", "j"), JobState::Transferring);
        job.cancel_requested = true;
        let mut bytes = 1_000;
        job.drives = Some(vec![
            drive("A", DriveState::Transferring, bytes, 10),
            drive("B", DriveState::Received, 0, 0),
        ]);
        let mut entry = JobEntry::new(job.clone(), at(0));
        entry.progress = Progress::default();
        entry.progress.push(at(0), &[Some(bytes), Some(0)]);
        for (i, rate) in rates.iter().enumerate() {
            bytes += rate * 10;
            entry.progress.push(
                at(10 * (i64::try_from(i).unwrap() + 1)),
                &[Some(bytes), Some(0)],
            );
        }
        // 50 % copied: as much again is left.
        job.drives = Some(vec![
            drive("A", DriveState::Transferring, bytes, 50),
            drive("B", DriveState::Received, 0, 0),
        ]);
        entry.job = job;
        entry
    }

    #[test]
    fn a_steady_drive_has_its_rate_what_is_left_and_a_landing_time_without_a_range() {
        let entry = entry(&[100, 100, 100]);
        let report = cancel_report(&entry).unwrap();
        let a = &report.drives[0];
        assert_eq!(a.outcome, DriveOutcome::Copying);
        assert_eq!(a.since_request, 3_000, "3 intervals of 10 s at 100 B/s");
        assert_eq!(a.left, Some(4_000), "50 % of 4,000 bytes copied");
        assert_eq!(a.rate, Some(100.0));
        let eta = a.eta.unwrap();
        assert!((eta.seconds - 40.0).abs() < 1e-9);
        assert_eq!(eta.range, None, "steady");
        assert_eq!(eta.from, at(30));
        assert_eq!(report.drives[1].outcome, DriveOutcome::Waiting);
        assert_eq!(report.left, Some(4_000));
        assert_eq!(report.eta.map(|e| e.seconds), Some(40.0));
        assert_eq!(report.count(DriveOutcome::Copying), 1);
    }

    #[test]
    fn an_unsteady_rate_gives_a_range_around_the_landing_time() {
        let entry = entry(&[50, 200, 50, 200]);
        let report = cancel_report(&entry).unwrap();
        let eta = report.drives[0].eta.unwrap();
        let (early, late) = eta.range.expect("unsteady: a range");
        assert!(early < eta.seconds && eta.seconds < late, "{eta:?}");
        let left = f64::from(u32::try_from(report.drives[0].left.unwrap()).unwrap());
        assert!((early - left / 200.0).abs() < 1e-9);
    }

    #[test]
    fn a_finished_drive_has_no_rate_and_nothing_left_and_a_finished_job_skips_the_rest() {
        let mut entry = entry(&[100, 100]);
        let drives = entry.job.drives.as_mut().unwrap();
        drives[0].state = DriveState::Completed;
        drives[0].percent_complete = Some(100);
        entry.job.state = JobState::Completed;
        let report = cancel_report(&entry).unwrap();
        assert_eq!(report.drives[0].outcome, DriveOutcome::Done);
        assert_eq!(report.drives[0].rate, None, "no last rate after it stopped");
        assert_eq!(report.drives[0].left, Some(0));
        assert_eq!(report.drives[1].outcome, DriveOutcome::Skipped);
        assert_eq!(report.eta, None);
        assert_eq!(report.left, None, "no drive copies");
    }

    #[test]
    fn a_drive_the_service_marks_cancelled_is_skipped_and_no_cancel_means_no_report() {
        let mut entry = entry(&[100]);
        entry.job.drives.as_mut().unwrap()[1].copy_status =
            Some(crate::model::ArcStr::from("Cancelled"));
        let report = cancel_report(&entry).unwrap();
        assert_eq!(report.drives[1].outcome, DriveOutcome::Skipped);
        entry.cancel = None;
        assert!(cancel_report(&entry).is_none());
    }
}
