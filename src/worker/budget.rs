//! How many requests the worker may send: the read budget it keeps per subscription (a
//! sustained rate well under ARM's limits, and a ceiling for bursts), as token buckets.
//!
//! Pure: the time is passed in, so the arithmetic is tested without a clock.

use std::time::Instant;

/// The budgets the worker keeps to, per subscription (ARM counts per subscription and
/// identity, and the administrator's other tools spend the same budget).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Budget {
    /// Sustained reads an hour; `None` for no limit (the embedded emulator). The first
    /// listing of a subscription and a listing the user asked for (Refresh) do not spend it.
    pub reads_per_hour: Option<u32>,
    /// The most reads a second, bursts included; `None` for no limit.
    pub max_reads_per_sec: Option<f64>,
    /// The most cancels and deletes a second; `None` for no limit.
    pub max_actions_per_sec: Option<f64>,
}

impl Budget {
    /// For Azure Resource Manager: 1,200 reads an hour (a tenth of the hourly limit that
    /// Azure China still applies, and a small share of the 25-a-second refill elsewhere),
    /// bursts at 12 reads a second (half of that refill), and actions at 5 a second (half of
    /// the writes' and deletes' 10-a-second refill).
    pub const AZURE: Budget = Budget {
        reads_per_hour: Some(1_200),
        max_reads_per_sec: Some(12.0),
        max_actions_per_sec: Some(5.0),
    };

    /// No limits: the embedded emulator, whose clock runs 120 times faster than Azure's.
    pub const UNLIMITED: Budget = Budget {
        reads_per_hour: None,
        max_reads_per_sec: None,
        max_actions_per_sec: None,
    };

    /// `AZURE` with another sustained rate (`None`: unlimited, bursts still capped).
    #[must_use]
    pub fn azure_with(reads_per_hour: Option<u32>) -> Budget {
        Budget {
            reads_per_hour,
            ..Budget::AZURE
        }
    }
}

/// A token bucket: `capacity` tokens at most, refilled at `per_sec`.
#[derive(Clone, Debug)]
pub struct Bucket {
    tokens: f64,
    capacity: f64,
    per_sec: f64,
    at: Instant,
}

impl Bucket {
    /// A full bucket.
    #[must_use]
    pub fn new(capacity: f64, per_sec: f64, now: Instant) -> Self {
        let capacity = capacity.max(1.0);
        Self {
            tokens: capacity,
            capacity,
            per_sec: per_sec.max(0.0),
            at: now,
        }
    }

    /// The bucket of a sustained hourly rate: it holds a minute's worth (at least one) and
    /// refills the rest over the hour, so that no hour, the first included, sees more than
    /// `per_hour`.
    #[must_use]
    pub fn hourly(per_hour: u32, now: Instant) -> Self {
        let per_hour = f64::from(per_hour);
        let capacity = (per_hour / 60.0).max(1.0);
        Self::new(capacity, (per_hour - capacity).max(0.0) / 3600.0, now)
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.per_sec).min(self.capacity);
        self.at = self.at.max(now);
    }

    /// Whether a token is there now.
    pub fn ready(&mut self, now: Instant) -> bool {
        self.refill(now);
        self.tokens >= 1.0
    }

    /// Takes a token if one is there.
    pub fn take(&mut self, now: Instant) -> bool {
        let ready = self.ready(now);
        if ready {
            self.tokens -= 1.0;
        }
        ready
    }

    /// Empties the bucket: what a burst spent at ARM counts, so the sustained rate starts
    /// from nothing after it.
    pub fn drain(&mut self, now: Instant) {
        self.refill(now);
        self.tokens = 0.0;
    }
}

/// A bucket, or no limit.
#[derive(Clone, Debug)]
pub struct Limit(Option<Bucket>);

impl Limit {
    /// A bucket of `per_sec` a second holding a second's worth (at least one).
    #[must_use]
    pub fn per_sec(per_sec: Option<f64>, now: Instant) -> Self {
        Self(per_sec.map(|rate| Bucket::new(rate, rate, now)))
    }

    /// A sustained hourly rate.
    #[must_use]
    pub fn per_hour(per_hour: Option<u32>, now: Instant) -> Self {
        Self(per_hour.map(|rate| Bucket::hourly(rate, now)))
    }

    /// Whether a token is there (always, without a limit).
    pub fn ready(&mut self, now: Instant) -> bool {
        self.0.as_mut().is_none_or(|b| b.ready(now))
    }

    /// Spends a token (a no-op without a limit); call after [`Limit::ready`].
    pub fn spend(&mut self, now: Instant) {
        if let Some(bucket) = &mut self.0 {
            bucket.take(now);
        }
    }

    /// Empties the bucket (see [`Bucket::drain`]).
    pub fn drain(&mut self, now: Instant) {
        if let Some(bucket) = &mut self.0 {
            bucket.drain(now);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn an_hourly_bucket_allows_its_rate_and_no_more() {
        let start = Instant::now();
        let mut bucket = Bucket::hourly(1_200, start);
        // A minute's worth at once, then the rest of the hour's 1,200 spread out.
        let mut taken = 0;
        while bucket.take(start) {
            taken += 1;
        }
        assert_eq!(taken, 20);
        let mut granted = taken;
        for second in 1..3_600 {
            if bucket.take(start + Duration::from_secs(second)) {
                granted += 1;
            }
        }
        assert!((1_190..=1_200).contains(&granted), "{granted}");
    }

    #[test]
    fn the_next_token_comes_after_its_refill_time() {
        let start = Instant::now();
        let mut bucket = Bucket::new(1.0, 0.5, start);
        assert!(bucket.take(start));
        // Half a token a second: the next one is there 2 s later, not before.
        assert!(!bucket.clone().take(start + Duration::from_millis(1_990)));
        let mut full = Bucket::new(5.0, 0.5, start);
        full.drain(start);
        assert!(!full.take(start), "drained");
        assert!(!bucket.take(start + Duration::from_secs(1)));
        assert!(bucket.take(start + Duration::from_secs(2)));
    }

    #[test]
    fn no_limit_is_always_ready() {
        let now = Instant::now();
        let mut limit = Limit::per_hour(None, now);
        for _ in 0..10_000 {
            assert!(limit.ready(now));
            limit.spend(now);
        }
        let mut paced = Limit::per_sec(Some(12.0), now);
        let mut n = 0;
        while paced.ready(now) {
            paced.spend(now);
            n += 1;
        }
        assert_eq!(n, 12);
    }
}
