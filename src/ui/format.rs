//! How values are written on screen: bytes, times, durations, state colours.

use eframe::egui::Color32;
use jiff::Timestamp;

use crate::model::{DriveState, JobState};

/// Bytes in decimal units, as drive makers count: "7.23 TB".
#[must_use]
pub fn bytes(n: i64) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    #[expect(
        clippy::cast_precision_loss,
        reason = "shown with three significant digits"
    )]
    let mut value = n.max(0) as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{n} B")
    } else if value >= 100.0 {
        format!("{value:.0} {}", UNITS[unit])
    } else if value >= 10.0 {
        format!("{value:.1} {}", UNITS[unit])
    } else {
        format!("{value:.2} {}", UNITS[unit])
    }
}

/// A count with thousands separated: "1,200".
#[must_use]
pub fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A rate in bytes per second: "152 MB/s".
#[must_use]
pub fn rate(bytes_per_sec: f64) -> String {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "rates are far below i64::MAX"
    )]
    let whole = bytes_per_sec.max(0.0).round() as i64;
    format!("{}/s", bytes(whole))
}

/// Local date and time, to the second.
#[must_use]
pub fn time(at: Timestamp) -> String {
    at.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d %H:%M:%S")
        .to_string()
}

/// Local time of day when `at` is today, else the date: for narrow columns.
#[must_use]
pub fn short_time(at: Timestamp, now: Timestamp) -> String {
    let zone = jiff::tz::TimeZone::system();
    let (then, today) = (at.to_zoned(zone.clone()), now.to_zoned(zone));
    if then.date() == today.date() {
        then.strftime("%H:%M:%S").to_string()
    } else {
        then.strftime("%Y-%m-%d").to_string()
    }
}

/// Local date.
#[must_use]
pub fn date(at: Timestamp) -> String {
    at.to_zoned(jiff::tz::TimeZone::system())
        .strftime("%Y-%m-%d")
        .to_string()
}

/// A duration in words, coarse: "45 s", "12 min", "3 h 5 min", "89 days".
#[must_use]
pub fn duration(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        3600..86_400 => format!("{} h {} min", s / 3600, (s % 3600) / 60),
        _ => format!("{} days", s / 86_400),
    }
}

/// "12 s ago", or "in 12 s" for the future.
#[must_use]
pub fn relative(at: Timestamp, now: Timestamp) -> String {
    let seconds = now.duration_since(at).as_secs();
    if seconds >= 0 {
        format!("{} ago", duration(seconds))
    } else {
        format!("in {}", duration(seconds))
    }
}

/// The badge colour of a job state.
#[must_use]
pub fn state_color(state: &JobState) -> Color32 {
    match state {
        JobState::Creating => Color32::from_rgb(0x8a, 0x8f, 0x98),
        JobState::Shipping => Color32::from_rgb(0x3d, 0x7e, 0xd8),
        JobState::Received => Color32::from_rgb(0x1f, 0x9e, 0x9e),
        JobState::Transferring => Color32::from_rgb(0xe0, 0x8a, 0x1e),
        JobState::Packaging => Color32::from_rgb(0x8e, 0x5c, 0xd9),
        JobState::Completed => Color32::from_rgb(0x2e, 0x9d, 0x4f),
        JobState::Closed => Color32::from_rgb(0xc9, 0x3c, 0x3c),
        JobState::Other(_) => Color32::from_rgb(0xd4, 0xb1, 0x06),
    }
}

/// The colour of a drive state.
#[must_use]
pub fn drive_color(state: &DriveState) -> Color32 {
    match state {
        DriveState::Transferring => Color32::from_rgb(0xe0, 0x8a, 0x1e),
        DriveState::Completed | DriveState::ShippedBack => Color32::from_rgb(0x2e, 0x9d, 0x4f),
        DriveState::CompletedMoreInfo => Color32::from_rgb(0xd4, 0xb1, 0x06),
        DriveState::NeverReceived => Color32::from_rgb(0xc9, 0x3c, 0x3c),
        _ => Color32::from_rgb(0x8a, 0x8f, 0x98),
    }
}

/// A state as text, with a placeholder for the empty unknown state.
#[must_use]
pub fn state_text(state: &JobState) -> String {
    match state.as_str() {
        "" => "(no state)".to_owned(),
        text => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_200), "1,200");
        assert_eq!(count(100_000), "100,000");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn units() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(1_500), "1.50 kB");
        assert_eq!(bytes(7_228_518_203_258), "7.23 TB");
        assert_eq!(bytes(-5), "-5 B");
        assert_eq!(rate(152_400_000.0), "152 MB/s");
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(3_700), "1 h 1 min");
        assert_eq!(duration(89 * 86_400 + 5), "89 days");
    }
}
