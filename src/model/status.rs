//! What the worker says about itself: polling, per-subscription health, the read budget and
//! a bulk action's progress.
//!
//! It travels through a channel that keeps only the latest value (a `tokio::sync::watch` in
//! the worker), never through the bounded job-event channel: status changes all the time
//! (requests in flight, the time of the last poll) and must never make the worker wait for
//! the window to draw a frame.

use std::collections::BTreeMap;

use jiff::Timestamp;

use super::Action;

/// The worker's latest status.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkerStatus {
    /// Requests in flight now.
    pub in_flight: u32,
    /// The last listing that succeeded, of any subscription.
    pub last_success: Option<Timestamp>,
    /// When the next full listing is due (the earliest of the subscriptions').
    pub next_poll: Option<Timestamp>,
    /// Set while nothing can be read at all (every watched subscription fails for a reason
    /// that is not a refusal, or the subscriptions themselves cannot be listed): the message
    /// and when the next try is due.
    pub degraded: Option<(String, Timestamp)>,
    /// Each watched subscription, by id (lower case).
    pub subscriptions: BTreeMap<String, SubscriptionStatus>,
    /// The sustained read budget per subscription and hour; `None` when unlimited.
    pub read_budget_per_hour: Option<u32>,
    /// A bulk action under way (or the last one, until the next starts).
    pub bulk: Option<BulkProgress>,
}

impl WorkerStatus {
    /// The subscriptions that fail, with their failure.
    pub fn failing(&self) -> impl Iterator<Item = (&String, &SubscriptionFailure)> {
        self.subscriptions
            .iter()
            .filter_map(|(id, s)| s.failure.as_ref().map(|f| (id, f)))
    }

    /// The highest read rate of any subscription over the last hour.
    #[must_use]
    pub fn busiest_reads_per_hour(&self) -> u32 {
        self.subscriptions
            .values()
            .map(|s| s.reads_last_hour)
            .max()
            .unwrap_or(0)
    }

    /// What a window shows of the status; equal when a repaint would draw the same (the time
    /// of the last poll and the requests in flight aside, which the next natural frame shows).
    #[must_use]
    pub fn visible(&self) -> Visible<'_> {
        (
            self.degraded.as_ref().map(|(m, _)| m),
            self.failing().collect(),
            self.bulk.as_ref(),
            self.slow_pages()
                .map(|(_, p)| (p.page, p.attempt))
                .collect(),
            self.subscriptions
                .values()
                .filter(|s| s.listed_at.is_some())
                .count(),
        )
    }

    /// The subscriptions whose listing is stuck on a slow page.
    pub fn slow_pages(&self) -> impl Iterator<Item = (&String, &SlowPage)> {
        self.subscriptions
            .iter()
            .filter_map(|(id, s)| s.slow_page.as_ref().map(|p| (id, p)))
    }
}

/// What a window shows of a [`WorkerStatus`]: the degraded message, the failing
/// subscriptions, the bulk action, the slow pages (number, attempt), and how many
/// subscriptions have been listed at least once ("Loading jobs…" until all are).
pub type Visible<'a> = (
    Option<&'a String>,
    Vec<(&'a String, &'a SubscriptionFailure)>,
    Option<&'a BulkProgress>,
    Vec<(usize, u32)>,
    usize,
);

/// One subscription's health.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SubscriptionStatus {
    /// The end of its last complete listing.
    pub listed_at: Option<Timestamp>,
    /// How many jobs that listing held.
    pub jobs: usize,
    /// Why it cannot be read now, if it cannot.
    pub failure: Option<SubscriptionFailure>,
    /// Requests sent to it over the last hour (reads).
    pub reads_last_hour: u32,
    /// The reads ARM said are left (`x-ms-ratelimit-remaining-subscription-reads`).
    pub remaining_reads: Option<u64>,
    /// Until when ARM asked to wait (a 429's `Retry-After`).
    pub throttled_until: Option<Timestamp>,
    /// The page of a listing being read now, when that is slow or retried.
    pub slow_page: Option<SlowPage>,
}

/// A page of a listing that takes long: its number and the attempt under way, so that the
/// window says more than "Loading jobs…" while three 30 s attempts time out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SlowPage {
    /// The page's number in its listing, from 1.
    pub page: usize,
    /// The attempt under way, from 1.
    pub attempt: u32,
    /// Attempts allowed before the listing fails and waits for the next try.
    pub max_attempts: u32,
    /// When the page's first attempt started.
    pub since: Timestamp,
}

/// Why a subscription cannot be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionFailure {
    /// ARM's error code, e.g. `AuthorizationFailed`.
    pub code: Option<String>,
    /// What went wrong, in words.
    pub message: String,
    /// True when ARM refused (403, 404, 409): retrying soon will not help.
    pub refused: bool,
    /// Since when it fails.
    pub since: Timestamp,
    /// When the next try is due.
    pub retry_at: Timestamp,
}

impl SubscriptionFailure {
    /// A short reason for the status bar, e.g. "not allowed to read Import/Export jobs
    /// (`AuthorizationFailed`)".
    #[must_use]
    pub fn reason(&self) -> String {
        let what = match self.code.as_deref() {
            Some("AuthorizationFailed") => crate::tr!("subscription-not-allowed"),
            Some("SubscriptionNotFound" | "InvalidSubscriptionId") => {
                crate::tr!("subscription-not-found")
            }
            Some("MissingSubscriptionRegistration") => crate::tr!("subscription-unregistered"),
            Some("SubscriptionRequestsThrottled") => crate::tr!("subscription-throttled"),
            _ if self.refused => crate::tr!("subscription-refused"),
            _ => crate::tr!("subscription-unreachable"),
        };
        match &self.code {
            Some(code) => format!("{what} ({code})"),
            None => what.to_owned(),
        }
    }
}

/// How far a bulk action has come.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BulkProgress {
    /// Which action.
    pub action: Action,
    /// Jobs answered so far.
    pub done: usize,
    /// Jobs asked for.
    pub total: usize,
}

impl BulkProgress {
    /// True once every job was answered.
    #[must_use]
    pub fn finished(&self) -> bool {
        self.done >= self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(code: Option<&str>, refused: bool) -> SubscriptionFailure {
        SubscriptionFailure {
            code: code.map(str::to_owned),
            message: "m".into(),
            refused,
            since: Timestamp::UNIX_EPOCH,
            retry_at: Timestamp::UNIX_EPOCH,
        }
    }

    #[test]
    fn reasons_name_the_code() {
        assert_eq!(
            failure(Some("AuthorizationFailed"), true).reason(),
            "not allowed to read Import/Export jobs (AuthorizationFailed)"
        );
        assert_eq!(
            failure(Some("MissingSubscriptionRegistration"), true).reason(),
            "Microsoft.ImportExport is not registered in it (MissingSubscriptionRegistration)"
        );
        assert_eq!(failure(None, false).reason(), "unreachable");
    }

    #[test]
    fn a_subscription_listed_for_the_first_time_is_visible_a_later_listing_not() {
        let mut a = WorkerStatus::default();
        a.subscriptions
            .insert("s".into(), SubscriptionStatus::default());
        let mut b = a.clone();
        b.subscriptions.get_mut("s").unwrap().listed_at = Some(Timestamp::UNIX_EPOCH);
        assert_ne!(a.visible(), b.visible());
        let mut c = b.clone();
        c.subscriptions.get_mut("s").unwrap().listed_at = Some(Timestamp::now());
        assert_eq!(b.visible(), c.visible());
    }

    #[test]
    fn visible_ignores_times_and_in_flight() {
        let mut a = WorkerStatus::default();
        let b = WorkerStatus {
            in_flight: 3,
            last_success: Some(Timestamp::UNIX_EPOCH),
            ..WorkerStatus::default()
        };
        assert_eq!(a.visible(), b.visible());
        a.subscriptions.insert(
            "s".into(),
            SubscriptionStatus {
                failure: Some(failure(Some("AuthorizationFailed"), true)),
                ..SubscriptionStatus::default()
            },
        );
        assert_ne!(a.visible(), b.visible());
        assert_eq!(a.busiest_reads_per_hour(), 0);
    }
}
