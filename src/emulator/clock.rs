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
    /// A clock that starts at the current real time and runs `speed` times faster.
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
    pub fn set_speed(&self, speed: f64) {
        let mut inner = self.lock();
        let now = Self::at(&inner);
        *inner = ClockInner {
            origin_real: Instant::now(),
            origin_sim: now,
            speed: sanitize_speed(speed),
        };
    }

    /// Jumps forward by `by` (negative values are ignored: time does not go back).
    pub fn advance(&self, by: Millis) {
        let mut inner = self.lock();
        inner.origin_sim = inner.origin_sim.saturating_add(by.max(0));
    }

    fn at(inner: &ClockInner) -> Millis {
        let real_ms = inner.origin_real.elapsed().as_secs_f64() * 1_000.0;
        #[expect(
            clippy::cast_possible_truncation,
            reason = "the product is clamped to a range i64 holds"
        )]
        let sim_ms = (real_ms * inner.speed).clamp(0.0, 1e17) as Millis;
        inner.origin_sim.saturating_add(sim_ms)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ClockInner> {
        // The clock holds plain numbers: a panic elsewhere cannot leave them half-written.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn sanitize_speed(speed: f64) -> f64 {
    if speed.is_finite() && speed >= 0.0 {
        speed.min(1e9)
    } else {
        1.0
    }
}

/// Formats simulated time as RFC 3339, as ARM does (`2020-02-03T01:01:01.107Z`).
#[must_use]
pub fn rfc3339(at: Millis) -> String {
    jiff::Timestamp::from_millisecond(at)
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
        clock.set_speed(f64::NAN);
        assert!((clock.speed() - 1.0).abs() < f64::EPSILON);
        assert!(clock.now() >= 1_000_000 + 5 * DAY);
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }
}
