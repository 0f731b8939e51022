//! What the client learns of Azure Resource Manager's request limits, per subscription: the
//! reads it sent over the last hour, the reads ARM says are left
//! (`x-ms-ratelimit-remaining-subscription-reads`), and how long a 429 asked to wait. Writes
//! and deletes are few (the worker paces them itself) and are not counted here.
//!
//! ARM limits every identity per subscription (token buckets: reads 250 with 25 a second
//! refill; Azure China: 12,000 reads an hour), and that budget is shared with the
//! administrator's portal, CLI and scripts. The worker reads this ledger to stay well inside
//! it; the client itself holds back every request to a subscription while a 429's
//! `Retry-After` runs, so that one throttled subscription does not slow the others.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::HeaderMap;
use tokio::time::Instant;
use url::Url;

/// The header in which ARM says how many reads of the subscription are left.
const REMAINING_READS: &str = "x-ms-ratelimit-remaining-subscription-reads";

/// Counts per minute over the last hour.
#[derive(Clone, Debug, Default)]
struct HourWindow {
    /// (minute number, count), at most 60 entries, oldest first.
    minutes: std::collections::VecDeque<(u64, u32)>,
}

impl HourWindow {
    fn record(&mut self, minute: u64) {
        match self.minutes.back_mut() {
            Some((m, count)) if *m == minute => *count += 1,
            _ => self.minutes.push_back((minute, 1)),
        }
        self.trim(minute);
    }

    fn trim(&mut self, minute: u64) {
        while self.minutes.front().is_some_and(|(m, _)| *m + 60 <= minute) {
            self.minutes.pop_front();
        }
    }

    fn total(&self, minute: u64) -> u32 {
        self.minutes
            .iter()
            .filter(|(m, _)| *m + 60 > minute)
            .map(|(_, c)| *c)
            .sum()
    }
}

#[derive(Clone, Debug, Default)]
struct Entry {
    reads: HourWindow,
    remaining_reads: Option<u64>,
    throttled_until: Option<Instant>,
}

/// A subscription's figures, as the worker reads them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LedgerView {
    /// Reads sent over the last hour (retries included).
    pub reads_last_hour: u32,
    /// The reads ARM last said are left.
    pub remaining_reads: Option<u64>,
    /// Until when a 429 asked to wait.
    pub throttled_until: Option<Instant>,
}

/// The ledger, shared by every clone of a client.
#[derive(Clone, Debug)]
pub struct Ledger {
    entries: Arc<Mutex<HashMap<String, Entry>>>,
    start: Instant,
}

impl Default for Ledger {
    fn default() -> Self {
        Self {
            entries: Arc::default(),
            start: Instant::now(),
        }
    }
}

/// The subscription a request URL is about (`/subscriptions/{id}/…`), lower case; `None` for
/// tenant-level requests such as the list of subscriptions.
#[must_use]
pub fn subscription_of(url: &Url) -> Option<String> {
    let mut segments = url.path_segments()?;
    segments.find(|s| s.eq_ignore_ascii_case("subscriptions"))?;
    let id = segments.next().filter(|s| !s.is_empty())?;
    segments.next()?;
    Some(id.to_ascii_lowercase())
}

impl Ledger {
    fn minute(&self, now: Instant) -> u64 {
        now.saturating_duration_since(self.start).as_secs() / 60
    }

    fn with<T>(&self, subscription: &str, f: impl FnOnce(&mut Entry) -> T) -> T {
        let mut entries = self
            .entries
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f(entries.entry(subscription.to_owned()).or_default())
    }

    /// Counts one read about to be sent.
    pub fn read_sent(&self, subscription: &str) {
        let minute = self.minute(Instant::now());
        self.with(subscription, |e| e.reads.record(minute));
    }

    /// Takes what an answer says of the budget: the remaining counts, and a 429's wait
    /// (`retry_after`, else 5 s).
    pub fn answered(
        &self,
        subscription: &str,
        status: u16,
        headers: &HeaderMap,
        retry_after: Option<Duration>,
    ) {
        let left = headers
            .get(REMAINING_READS)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse::<u64>().ok());
        let now = Instant::now();
        self.with(subscription, |e| {
            if left.is_some() {
                e.remaining_reads = left;
            }
            if status == 429 {
                let until = now + retry_after.unwrap_or(Duration::from_secs(5));
                e.throttled_until = Some(e.throttled_until.map_or(until, |t| t.max(until)));
            }
        });
    }

    /// Until when requests to `subscription` must wait, if a 429 asked.
    #[must_use]
    pub fn throttled_until(&self, subscription: &str) -> Option<Instant> {
        let now = Instant::now();
        self.with(subscription, |e| e.throttled_until.filter(|t| *t > now))
    }

    /// The figures of `subscription`.
    #[must_use]
    pub fn view(&self, subscription: &str) -> LedgerView {
        let now = Instant::now();
        let minute = self.minute(now);
        self.with(subscription, |e| LedgerView {
            reads_last_hour: e.reads.total(minute),
            remaining_reads: e.remaining_reads,
            throttled_until: e.throttled_until.filter(|t| *t > now),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subscriptions_are_read_from_the_path() {
        let url = |p: &str| Url::parse(&format!("https://x{p}")).unwrap();
        assert_eq!(
            subscription_of(&url(
                "/subscriptions/ABC/providers/Microsoft.ImportExport/jobs"
            )),
            Some("abc".to_owned())
        );
        assert_eq!(subscription_of(&url("/subscriptions")), None);
        assert_eq!(subscription_of(&url("/subscriptions/abc")), None);
    }

    #[test]
    fn the_window_keeps_one_hour() {
        let mut window = HourWindow::default();
        for minute in 0..90 {
            window.record(minute);
            window.record(minute);
        }
        assert_eq!(window.total(89), 120);
        assert_eq!(window.total(200), 0);
    }

    #[tokio::test(start_paused = true)]
    async fn a_429_holds_its_subscription_only() {
        let ledger = Ledger::default();
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-ms-ratelimit-remaining-subscription-reads",
            "11".parse().unwrap(),
        );
        ledger.read_sent("a");
        ledger.answered("a", 429, &headers, Some(Duration::from_secs(7)));
        let view = ledger.view("a");
        assert_eq!(view.remaining_reads, Some(11));
        assert_eq!(view.reads_last_hour, 1);
        assert!(ledger.throttled_until("a").is_some());
        assert!(ledger.throttled_until("b").is_none());
        tokio::time::advance(Duration::from_secs(8)).await;
        assert!(ledger.throttled_until("a").is_none());
    }
}
