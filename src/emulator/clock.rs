//! The emulator's simulated clock: real time, sped up, plus manual jumps.

use std::sync::Mutex;
use std::time::Instant;

/// A point in simulated time: milliseconds since the Unix epoch.
pub type Millis = i64;

/// One second, minute, hour and day in [`Millis`].
pub const SECOND: Millis = 1_000;
/// One minute.
pub const MINUTE: Millis = 60 * SECOND;
/// One hour.
pub const HOUR: Millis = 60 * MINUTE;
/// One day.
pub const DAY: Millis = 24 * HOUR;

/// The largest speed the emulator runs at: 11.6 simulated days per real second. The clock
/// stops at [`MAX_MILLIS`] (the end of the year 9999, the last time `jiff` can write); at
/// this speed it gets there after about 70 hours of real time, at the old cap of 1e9 it got
/// there within 4 minutes and every time then read as 1970.
pub const MAX_SPEED: f64 = 1e6;

/// The last simulated time the clock shows: 9999-12-30T22:00:00Z, the last millisecond
/// `jiff` takes (its range leaves room for any offset).
pub const MAX_MILLIS: Millis = 253_402_207_200_000;

/// A speed outside 0 to [`MAX_SPEED`], or not a number.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error(
    "the speed must be a number of simulated seconds per real second from 0 to {max}, got {got}",
    max = MAX_SPEED
)]
pub struct SpeedOutOfRange {
    /// What was given, as written.
    pub got: String,
}

/// `speed` when the clock can run at it (0 to [`MAX_SPEED`]), or why not.
///
/// # Errors
/// When `speed` is negative, above [`MAX_SPEED`], infinite or NaN.
pub fn check_speed(speed: f64) -> Result<f64, SpeedOutOfRange> {
    if (0.0..=MAX_SPEED).contains(&speed) {
        Ok(speed)
    } else {
        Err(SpeedOutOfRange {
            // Debug writes 1e300 as such, Display with 300 digits.
            got: format!("{speed:?}"),
        })
    }
}

/// Reads a speed flag (`--speed`, `--emulator-speed`): a number from 0 to [`MAX_SPEED`].
/// Made for clap's `value_parser`, whose message then names the flag and the range.
///
/// # Errors
/// When `text` is not a number or is out of range.
pub fn parse_speed(text: &str) -> Result<f64, String> {
    let speed: f64 = text.trim().parse().map_err(|_| {
        SpeedOutOfRange {
            got: format!("{text:?}"),
        }
        .to_string()
    })?;
    check_speed(speed).map_err(|e| e.to_string())
}

/// Simulated time runs `speed` times faster than real time, from a start that is the real
/// time when the emulator started, and can be moved forward by hand (the admin endpoint).
#[derive(Debug)]
pub struct SimClock {
    inner: Mutex<ClockInner>,
}

#[derive(Debug, Clone, Copy)]
struct ClockInner {
    origin_real: Instant,
    origin_sim: Millis,
    speed: f64,
}

impl SimClock {
    /// A clock that starts at the current real time and runs `speed` times faster (a speed
    /// out of range is taken as the nearest one in range, NaN as 1: check it first with
    /// [`check_speed`]).
    #[must_use]
    pub fn new(speed: f64) -> Self {
        Self::starting_at(jiff::Timestamp::now().as_millisecond(), speed)
    }

    /// A clock that starts at `origin_sim`.
    #[must_use]
    pub fn starting_at(origin_sim: Millis, speed: f64) -> Self {
        Self {
            inner: Mutex::new(ClockInner {
                origin_real: Instant::now(),
                origin_sim,
                speed: sanitize_speed(speed),
            }),
        }
    }

    /// The simulated time now.
    pub fn now(&self) -> Millis {
        let inner = *self.lock();
        Self::at(&inner)
    }

    /// Simulated seconds per real second.
    pub fn speed(&self) -> f64 {
        self.lock().speed
    }

    /// Changes the speed from now on, without a jump.
    ///
    /// # Errors
    /// When the speed is out of range (see [`check_speed`]); the clock is unchanged then.
    pub fn set_speed(&self, speed: f64) -> Result<(), SpeedOutOfRange> {
        let speed = check_speed(speed)?;
        let mut inner = self.lock();
        let now = Self::at(&inner);
        *inner = ClockInner {
            origin_real: Instant::now(),
            origin_sim: now,
            speed,
        };
        Ok(())
    }

    /// Jumps forward by `by` (negative values are ignored: time does not go back; the clock
    /// stops at [`MAX_MILLIS`]).
    pub fn advance(&self, by: Millis) {
        let mut inner = self.lock();
        inner.origin_sim = inner.origin_sim.saturating_add(by.max(0)).min(MAX_MILLIS);
    }

    fn at(inner: &ClockInner) -> Millis {
        let real_ms = inner.origin_real.elapsed().as_secs_f64() * 1_000.0;
        #[expect(
            clippy::cast_possible_truncation,
            reason = "the product is clamped to a range i64 holds"
        )]
        let sim_ms = (real_ms * inner.speed).clamp(0.0, 1e17) as Millis;
        // Past the year 9999 no time can be written: the clock stops there.
        inner.origin_sim.saturating_add(sim_ms).min(MAX_MILLIS)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ClockInner> {
        // The clock holds plain numbers: a panic elsewhere cannot leave them half-written.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// The nearest speed in range, for a clock built without a check (NaN: 1).
fn sanitize_speed(speed: f64) -> f64 {
    if speed.is_nan() {
        1.0
    } else {
        speed.clamp(0.0, MAX_SPEED)
    }
}

/// Formats simulated time as RFC 3339, as ARM does (`2020-02-03T01:01:01.107Z`).
#[must_use]
pub fn rfc3339(at: Millis) -> String {
    // A time computed past the clock's end (a deadline 90 days after it) shows as the end.
    jiff::Timestamp::from_millisecond(at.min(MAX_MILLIS))
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advance_and_speed() {
        let clock = SimClock::starting_at(1_000_000, 0.0);
        assert_eq!(clock.now(), 1_000_000);
        clock.advance(5 * DAY);
        clock.advance(-DAY);
        assert_eq!(clock.now(), 1_000_000 + 5 * DAY);
        assert!(clock.set_speed(f64::NAN).is_err());
        assert!(clock.set_speed(MAX_SPEED * 2.0).is_err());
        assert!(
            clock.speed().abs() < f64::EPSILON,
            "a refused speed changes nothing"
        );
        clock.set_speed(2.0).unwrap();
        assert!((clock.speed() - 2.0).abs() < f64::EPSILON);
        assert!(clock.now() >= 1_000_000 + 5 * DAY);
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert!((SimClock::new(f64::NAN).speed() - 1.0).abs() < f64::EPSILON);
        assert!((SimClock::new(1e300).speed() - MAX_SPEED).abs() < f64::EPSILON);
    }

    #[test]
    fn speeds_parse_within_the_range_the_clock_runs_at() {
        assert_eq!(parse_speed("120"), Ok(120.0));
        assert_eq!(parse_speed("0"), Ok(0.0));
        assert_eq!(parse_speed("1e6"), Ok(MAX_SPEED));
        for bad in ["1e300", "1000001", "-1", "NaN", "inf", "fast", ""] {
            let why = parse_speed(bad).unwrap_err();
            assert!(why.contains("from 0 to 1000000"), "{bad}: {why}");
        }
    }

    #[test]
    fn the_clock_stops_at_the_last_time_it_can_write() {
        let clock = SimClock::starting_at(MAX_MILLIS - SECOND, MAX_SPEED);
        clock.advance(DAY);
        assert_eq!(clock.now(), MAX_MILLIS);
        assert_eq!(rfc3339(clock.now()), "9999-12-30T22:00:00Z");
        assert_eq!(rfc3339(MAX_MILLIS + 90 * DAY), "9999-12-30T22:00:00Z");
        assert!(jiff::Timestamp::from_millisecond(MAX_MILLIS).is_ok());
        assert!(
            jiff::Timestamp::from_millisecond(MAX_MILLIS + 1).is_err(),
            "the last millisecond jiff takes"
        );
        // At the largest speed the end is still more than 60 real hours away (about 70).
        #[expect(clippy::cast_precision_loss, reason = "a few hundred trillion ms")]
        let hours = (MAX_MILLIS - jiff::Timestamp::now().as_millisecond()) as f64
            / (MAX_SPEED * 1_000.0 * 3_600.0);
        assert!(hours > 60.0, "{hours}");
    }
}
