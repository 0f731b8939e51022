//! How many frames the window draws and what they cost, logged once a minute at debug level
//! (target `iejobs::frames`): an idle window should draw almost none (issue 18's P10).

use std::time::{Duration, Instant};

/// How often the tally is logged and started again.
const PERIOD: Duration = Duration::from_secs(60);

/// Frames and their time since the last log line.
#[derive(Debug)]
pub struct FrameTally {
    since: Instant,
    frames: u32,
    busy: Duration,
}

impl Default for FrameTally {
    fn default() -> Self {
        Self {
            since: Instant::now(),
            frames: 0,
            busy: Duration::ZERO,
        }
    }
}

impl FrameTally {
    /// Counts one frame that took `spent` of `logic` and `ui`; logs the period's tally when
    /// it is over. Returns the tally logged, if one was.
    pub fn frame(&mut self, spent: Duration, now: Instant) -> Option<(u32, Duration)> {
        self.frames += 1;
        self.busy += spent;
        let elapsed = now.saturating_duration_since(self.since);
        if elapsed < PERIOD {
            return None;
        }
        let tally = (self.frames, self.busy);
        tracing::debug!(
            target: "iejobs::frames",
            frames = self.frames,
            busy_ms = self.busy.as_secs_f64() * 1e3,
            seconds = elapsed.as_secs(),
            "frames drawn"
        );
        *self = Self {
            since: now,
            frames: 0,
            busy: Duration::ZERO,
        };
        Some(tally)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tally_is_given_once_a_period_and_starts_again() {
        let start = Instant::now();
        let mut tally = FrameTally {
            since: start,
            ..FrameTally::default()
        };
        let ms = Duration::from_millis;
        assert_eq!(tally.frame(ms(2), start + ms(10)), None);
        assert_eq!(tally.frame(ms(3), start + PERIOD), Some((2, ms(5))));
        assert_eq!(tally.frame(ms(4), start + PERIOD + ms(1)), None);
        assert_eq!(tally.frame(ms(1), start + PERIOD * 2), Some((2, ms(5))));
    }
}
