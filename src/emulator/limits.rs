//! ARM's request limits: token buckets per subscription and caller, for testing how a client
//! behaves when Azure Resource Manager throttles it.
//!
//! Since 2024 ARM keeps a token bucket per subscription and security principal for each class
//! of request: reads (`GET`) 250 tokens refilled at 25 a second, writes (`PUT`, `PATCH`,
//! `POST`) 200 at 10 a second, deletes (`DELETE`) 200 at 10 a second. Azure China still
//! documents hourly limits: 12,000 reads, 1,200 writes and 15,000 deletes an hour.
//!
//! A limits spec is either a shorthand, `arm` (the 2024 numbers) or `china` (the hourly ones),
//! or a comma-separated list of `CLASS=SIZE/REFILL`:
//!
//! - CLASS: `reads`, `writes` or `deletes` (singular accepted). A class not named is unlimited
//!   and gets no rate-limit header.
//! - SIZE: the bucket's size, a whole number of at least 1; a bucket starts full.
//! - REFILL: tokens put back per second (`25`, `0.5`), or per hour with a trailing `h`:
//!   `12000/h` puts back 12,000 an hour, `12000/600h` 600 an hour.
//!
//! The hourly form is a token bucket refilled continuously (`N/h` gives back one token every
//! 3600/N seconds), not a fixed window that resets on the hour: one code path, and a client
//! that respects `Retry-After` sees the same behaviour either way.
//!
//! Buckets run on tokio's clock (real time, or a test's paused time), never on the emulator's
//! simulated clock. They are keyed by subscription (case-insensitive), class, and a keyed hash
//! of the bearer token, so the token itself is neither kept nor logged.

use std::collections::HashMap;
use std::fmt;
use std::hash::BuildHasher as _;
use std::str::FromStr;

use axum::http::Method;
use tokio::time::Instant;

/// How many buckets are kept before full ones (no different from absent ones) are dropped.
const PRUNE_ABOVE: usize = 10_000;

/// A class of requests, each with its own bucket and header.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Class {
    /// `GET`.
    Read,
    /// `PUT`, `PATCH`, `POST`.
    Write,
    /// `DELETE`.
    Delete,
}

impl Class {
    /// All classes, in header order.
    pub const ALL: [Class; 3] = [Class::Read, Class::Write, Class::Delete];

    /// The class ARM counts a request with `method` in.
    #[must_use]
    pub fn of(method: &Method) -> Self {
        match *method {
            Method::GET | Method::HEAD => Class::Read,
            Method::DELETE => Class::Delete,
            _ => Class::Write,
        }
    }

    /// The header that carries the tokens left in this class's bucket.
    #[must_use]
    pub fn header(self) -> &'static str {
        match self {
            Class::Read => "x-ms-ratelimit-remaining-subscription-reads",
            Class::Write => "x-ms-ratelimit-remaining-subscription-writes",
            Class::Delete => "x-ms-ratelimit-remaining-subscription-deletes",
        }
    }

    /// The word ARM's throttling message uses (`Number of 'read' requests …`).
    #[must_use]
    pub fn noun(self) -> &'static str {
        match self {
            Class::Read => "read",
            Class::Write => "write",
            Class::Delete => "delete",
        }
    }

    /// The name in a limits spec.
    #[must_use]
    pub fn spec_name(self) -> &'static str {
        match self {
            Class::Read => "reads",
            Class::Write => "writes",
            Class::Delete => "deletes",
        }
    }

    fn index(self) -> usize {
        match self {
            Class::Read => 0,
            Class::Write => 1,
            Class::Delete => 2,
        }
    }
}

/// How fast a bucket refills.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refill {
    /// Tokens per second.
    PerSecond(f64),
    /// Tokens per hour.
    PerHour(f64),
}

impl Refill {
    /// Tokens per second.
    #[must_use]
    pub fn per_second(self) -> f64 {
        match self {
            Refill::PerSecond(rate) => rate,
            Refill::PerHour(rate) => rate / 3600.0,
        }
    }
}

/// The limit of one class.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    /// Tokens in a full bucket.
    pub size: u32,
    /// How fast tokens come back.
    pub refill: Refill,
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.refill {
            Refill::PerSecond(rate) => write!(f, "{}/{rate}", self.size),
            Refill::PerHour(rate) if (rate - f64::from(self.size)).abs() < f64::EPSILON => {
                write!(f, "{}/h", self.size)
            }
            Refill::PerHour(rate) => write!(f, "{}/{rate}h", self.size),
        }
    }
}

/// Why a limits spec was refused.
#[derive(Clone, Debug, thiserror::Error, PartialEq, Eq)]
pub enum LimitsError {
    /// Nothing was given.
    #[error("empty limits spec; use `arm`, `china` or e.g. `reads=250/25,writes=200/10`")]
    Empty,
    /// A part is not `CLASS=SIZE/REFILL`.
    #[error("{0:?} is not CLASS=SIZE/REFILL (e.g. `reads=250/25` or `reads=12000/h`)")]
    Shape(String),
    /// An unknown class.
    #[error("unknown class {0:?}; use reads, writes or deletes")]
    Class(String),
    /// A class named twice.
    #[error("class {0} is given twice")]
    Twice(&'static str),
    /// A bad bucket size.
    #[error("bucket size {0:?} must be a whole number of at least 1")]
    Size(String),
    /// A bad refill rate.
    #[error(
        "refill {0:?} must be a positive number of tokens per second, or per hour with a trailing h (`h`, `600h`)"
    )]
    Refill(String),
}

/// The limits of each class; `None` is unlimited. See the module documentation for the spec.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ArmLimits {
    /// `GET`.
    pub reads: Option<Limit>,
    /// `PUT`, `PATCH`, `POST`.
    pub writes: Option<Limit>,
    /// `DELETE`.
    pub deletes: Option<Limit>,
}

impl ArmLimits {
    /// ARM's public limits since 2024: reads 250 at 25/s, writes and deletes 200 at 10/s.
    #[must_use]
    pub fn arm_2024() -> Self {
        let limit = |size, rate| {
            Some(Limit {
                size,
                refill: Refill::PerSecond(rate),
            })
        };
        Self {
            reads: limit(250, 25.0),
            writes: limit(200, 10.0),
            deletes: limit(200, 10.0),
        }
    }

    /// Azure China's hourly limits: 12,000 reads, 1,200 writes, 15,000 deletes an hour.
    #[must_use]
    pub fn china() -> Self {
        let limit = |size: u32| {
            Some(Limit {
                size,
                refill: Refill::PerHour(f64::from(size)),
            })
        };
        Self {
            reads: limit(12_000),
            writes: limit(1_200),
            deletes: limit(15_000),
        }
    }

    /// The limit of one class.
    #[must_use]
    pub fn limit(&self, class: Class) -> Option<Limit> {
        match class {
            Class::Read => self.reads,
            Class::Write => self.writes,
            Class::Delete => self.deletes,
        }
    }

    fn slot(&mut self, class: Class) -> &mut Option<Limit> {
        match class {
            Class::Read => &mut self.reads,
            Class::Write => &mut self.writes,
            Class::Delete => &mut self.deletes,
        }
    }
}

impl FromStr for ArmLimits {
    type Err = LimitsError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("arm") {
            return Ok(Self::arm_2024());
        }
        if text.eq_ignore_ascii_case("china") {
            return Ok(Self::china());
        }
        let mut limits = Self::default();
        let mut any = false;
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (class, value) = part
                .split_once('=')
                .ok_or_else(|| LimitsError::Shape(part.to_owned()))?;
            let class = match class.trim().to_ascii_lowercase().as_str() {
                "reads" | "read" => Class::Read,
                "writes" | "write" => Class::Write,
                "deletes" | "delete" => Class::Delete,
                other => return Err(LimitsError::Class(other.to_owned())),
            };
            let (size, refill) = value
                .split_once('/')
                .ok_or_else(|| LimitsError::Shape(part.to_owned()))?;
            let size = size
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| LimitsError::Size(size.trim().to_owned()))?;
            let refill = parse_refill(refill.trim(), size)?;
            let slot = limits.slot(class);
            if slot.is_some() {
                return Err(LimitsError::Twice(class.spec_name()));
            }
            *slot = Some(Limit { size, refill });
            any = true;
        }
        if any {
            Ok(limits)
        } else {
            Err(LimitsError::Empty)
        }
    }
}

/// `25`, `0.5`, `h` (as many an hour as the bucket holds) or `600h`.
fn parse_refill(text: &str, size: u32) -> Result<Refill, LimitsError> {
    let bad = || LimitsError::Refill(text.to_owned());
    let positive = |number: &str| {
        number
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|rate| rate.is_finite() && *rate > 0.0)
            .ok_or_else(bad)
    };
    match text.strip_suffix(['h', 'H']) {
        Some("") => Ok(Refill::PerHour(f64::from(size))),
        Some(rate) => positive(rate).map(Refill::PerHour),
        None => positive(text).map(Refill::PerSecond),
    }
}

impl fmt::Display for ArmLimits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut first = true;
        for class in Class::ALL {
            if let Some(limit) = self.limit(class) {
                if !first {
                    f.write_str(",")?;
                }
                first = false;
                write!(f, "{}={limit}", class.spec_name())?;
            }
        }
        Ok(())
    }
}

/// One bucket: tokens left (fractional while refilling) as of `at`.
#[derive(Clone, Copy, Debug)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(limit: Limit, now: Instant) -> Self {
        Self {
            tokens: f64::from(limit.size),
            at: now,
        }
    }

    fn refill(&mut self, limit: Limit, now: Instant) {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens =
            (self.tokens + elapsed * limit.refill.per_second()).min(f64::from(limit.size));
        self.at = now;
    }

    /// Whole tokens left.
    fn whole(&self) -> u32 {
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "tokens lie between 0 and a u32 bucket size"
        )]
        let whole = self.tokens.floor().max(0.0) as u32;
        whole
    }

    fn is_full(&self, limit: Limit) -> bool {
        self.tokens >= f64::from(limit.size)
    }

    /// Whole seconds, at least 1, until one token is back.
    fn retry_after_secs(&self, limit: Limit) -> u64 {
        let missing = (1.0 - self.tokens).max(0.0);
        let secs = (missing / limit.refill.per_second()).ceil();
        #[expect(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "clamped to a range u64 holds"
        )]
        let secs = secs.clamp(1.0, 1e12) as u64;
        secs
    }
}

/// The tokens left in each limited class, as the rate-limit headers say them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Remaining([Option<u32>; 3]);

impl Remaining {
    /// The tokens left of `class`; `None` when unlimited.
    #[must_use]
    pub fn of(&self, class: Class) -> Option<u32> {
        self.0[class.index()]
    }

    /// Header names and values, one per limited class.
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, u32)> + '_ {
        Class::ALL
            .into_iter()
            .filter_map(|class| self.of(class).map(|n| (class.header(), n)))
    }
}

/// Why a request was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Throttled {
    /// The class whose bucket is empty.
    pub class: Class,
    /// Whole seconds until one token is back.
    pub retry_after_secs: u64,
    /// Tokens left in every class.
    pub remaining: Remaining,
    /// The caller as the message names it: a hash of the token, never the token.
    pub actor: String,
}

/// The buckets of every (subscription, caller, class).
#[derive(Debug)]
pub struct Limiter {
    limits: ArmLimits,
    /// Random per limiter, so a token's key says nothing outside this process.
    keys: std::hash::RandomState,
    buckets: HashMap<(String, u64, Class), Bucket>,
}

impl Limiter {
    /// Full buckets for `limits`.
    #[must_use]
    pub fn new(limits: ArmLimits) -> Self {
        Self {
            limits,
            keys: std::hash::RandomState::new(),
            buckets: HashMap::new(),
        }
    }

    /// The limits in force.
    #[must_use]
    pub fn limits(&self) -> ArmLimits {
        self.limits
    }

    fn actor(&self, token: &str) -> u64 {
        self.keys.hash_one(token)
    }

    /// Takes one token of `class` from the caller's bucket for `subscription`; answers what
    /// is left, or why it was refused (nothing taken then).
    pub fn admit(
        &mut self,
        subscription: &str,
        token: &str,
        class: Class,
        now: Instant,
    ) -> Result<Remaining, Throttled> {
        if self.buckets.len() > PRUNE_ABOVE {
            self.prune(now);
        }
        let actor = self.actor(token);
        let subscription = subscription.to_ascii_lowercase();
        if let Some(limit) = self.limits.limit(class) {
            let bucket = self
                .buckets
                .entry((subscription.clone(), actor, class))
                .or_insert_with(|| Bucket::full(limit, now));
            bucket.refill(limit, now);
            if bucket.tokens < 1.0 {
                let retry_after_secs = bucket.retry_after_secs(limit);
                return Err(Throttled {
                    class,
                    retry_after_secs,
                    remaining: self.remaining_of(&subscription, actor, now),
                    actor: format!("{actor:016x}"),
                });
            }
            bucket.tokens -= 1.0;
        }
        Ok(self.remaining_of(&subscription, actor, now))
    }

    /// What is left for the caller on `subscription`, taking nothing.
    pub fn peek(&mut self, subscription: &str, token: &str, now: Instant) -> Remaining {
        let actor = self.actor(token);
        self.remaining_of(&subscription.to_ascii_lowercase(), actor, now)
    }

    fn remaining_of(&mut self, subscription: &str, actor: u64, now: Instant) -> Remaining {
        let mut remaining = Remaining::default();
        for class in Class::ALL {
            let Some(limit) = self.limits.limit(class) else {
                continue;
            };
            let left = match self
                .buckets
                .get_mut(&(subscription.to_owned(), actor, class))
            {
                Some(bucket) => {
                    bucket.refill(limit, now);
                    bucket.whole()
                }
                None => limit.size,
            };
            remaining.0[class.index()] = Some(left);
        }
        remaining
    }

    /// Drops the buckets that have filled up again: a full bucket and no bucket are the same.
    fn prune(&mut self, now: Instant) {
        let limits = self.limits;
        self.buckets.retain(|(_, _, class), bucket| {
            limits.limit(*class).is_some_and(|limit| {
                bucket.refill(limit, now);
                !bucket.is_full(limit)
            })
        });
    }
}

/// Marks a response refused by the limiter, for the request log.
#[derive(Clone, Copy, Debug)]
pub struct ThrottledMark;

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn limits(text: &str) -> ArmLimits {
        text.parse().unwrap()
    }

    #[test]
    fn specs_parse_and_print_back() {
        let parsed = limits("reads=250/25, writes=200/10,deletes=200/10");
        assert_eq!(parsed, ArmLimits::arm_2024());
        assert_eq!(
            parsed.to_string(),
            "reads=250/25,writes=200/10,deletes=200/10"
        );
        assert_eq!(limits("ARM"), ArmLimits::arm_2024());
        let china = limits("china");
        assert_eq!(china, limits("reads=12000/h,writes=1200/h,deletes=15000/h"));
        assert_eq!(
            china.to_string(),
            "reads=12000/h,writes=1200/h,deletes=15000/h"
        );
        let partial = limits("write=5/0.5");
        assert_eq!(partial.reads, None, "a class not named is unlimited");
        assert_eq!(
            partial.writes,
            Some(Limit {
                size: 5,
                refill: Refill::PerSecond(0.5)
            })
        );
        let slow = limits("deletes=100/600h");
        assert_eq!(slow.deletes.unwrap().refill, Refill::PerHour(600.0));
        assert_eq!(slow.to_string(), "deletes=100/600h");
        assert_eq!(limits(&slow.to_string()), slow, "round trip");
    }

    #[test]
    fn bad_specs_say_why() {
        for (text, error) in [
            ("", LimitsError::Empty),
            (" , ", LimitsError::Empty),
            ("reads", LimitsError::Shape("reads".into())),
            ("reads=5", LimitsError::Shape("reads=5".into())),
            ("lists=5/1", LimitsError::Class("lists".into())),
            ("reads=0/1", LimitsError::Size("0".into())),
            ("reads=-1/1", LimitsError::Size("-1".into())),
            ("reads=1.5/1", LimitsError::Size("1.5".into())),
            ("reads=5/0", LimitsError::Refill("0".into())),
            ("reads=5/x", LimitsError::Refill("x".into())),
            ("reads=5/inf", LimitsError::Refill("inf".into())),
            ("reads=5/-2h", LimitsError::Refill("-2h".into())),
            ("reads=5/1,read=6/1", LimitsError::Twice("reads")),
        ] {
            assert_eq!(text.parse::<ArmLimits>(), Err(error.clone()), "{text:?}");
            assert!(!error.to_string().is_empty());
        }
    }

    #[test]
    fn a_bucket_counts_down_refuses_and_refills() {
        let mut limiter = Limiter::new(limits("reads=3/0.5,deletes=2/1"));
        let start = Instant::now();
        let left: Vec<_> = (0..3)
            .map(|_| {
                limiter
                    .admit("SUB", "token", Class::Read, start)
                    .unwrap()
                    .of(Class::Read)
            })
            .collect();
        assert_eq!(left, [Some(2), Some(1), Some(0)]);
        let refused = limiter
            .admit("sub", "token", Class::Read, start)
            .unwrap_err();
        assert_eq!(refused.class, Class::Read);
        assert_eq!(refused.retry_after_secs, 2, "one token every 2 s");
        assert_eq!(refused.remaining.of(Class::Delete), Some(2));
        assert_eq!(refused.remaining.of(Class::Write), None, "unlimited");
        assert!(!refused.actor.contains("token"));
        // Half a token back: still refused, and the wait is what is missing.
        let later = start + Duration::from_secs(1);
        let refused = limiter
            .admit("sub", "token", Class::Read, later)
            .unwrap_err();
        assert_eq!(refused.retry_after_secs, 1);
        let refilled = start + Duration::from_secs(2);
        assert_eq!(
            limiter
                .admit("sub", "token", Class::Read, refilled)
                .unwrap()
                .of(Class::Read),
            Some(0)
        );
        let much_later = start + Duration::from_hours(1);
        assert_eq!(
            limiter.peek("sub", "token", much_later).of(Class::Read),
            Some(3),
            "never above the bucket's size"
        );
    }

    #[test]
    fn buckets_are_per_subscription_caller_and_class() {
        let mut limiter = Limiter::new(limits("reads=1/1,writes=1/1"));
        let now = Instant::now();
        assert!(limiter.admit("a", "t1", Class::Read, now).is_ok());
        assert!(limiter.admit("a", "t1", Class::Read, now).is_err());
        assert!(
            limiter.admit("A", "t1", Class::Read, now).is_err(),
            "ids ignore case"
        );
        assert!(
            limiter.admit("a", "t2", Class::Read, now).is_ok(),
            "another caller"
        );
        assert!(
            limiter.admit("b", "t1", Class::Read, now).is_ok(),
            "another subscription"
        );
        assert!(
            limiter.admit("a", "t1", Class::Write, now).is_ok(),
            "another class"
        );
        let unlimited = limiter.admit("a", "t1", Class::Delete, now).unwrap();
        assert_eq!(unlimited.headers().count(), 2, "no header for deletes");
    }

    #[test]
    fn hourly_buckets_refill_by_the_hour() {
        let mut limiter = Limiter::new(limits("writes=2/h"));
        let start = Instant::now();
        limiter.admit("s", "t", Class::Write, start).unwrap();
        limiter.admit("s", "t", Class::Write, start).unwrap();
        let refused = limiter.admit("s", "t", Class::Write, start).unwrap_err();
        assert_eq!(
            refused.retry_after_secs, 1800,
            "two an hour: one per half hour"
        );
        let half_hour = start + Duration::from_mins(30);
        assert_eq!(
            limiter
                .admit("s", "t", Class::Write, half_hour)
                .unwrap()
                .of(Class::Write),
            Some(0)
        );
    }

    #[test]
    fn full_buckets_are_pruned() {
        let mut limiter = Limiter::new(limits("reads=2/1"));
        let now = Instant::now();
        for n in 0..=PRUNE_ABOVE {
            limiter
                .admit(&format!("sub-{n}"), "t", Class::Read, now)
                .unwrap();
        }
        limiter
            .admit("last", "t", Class::Read, now + Duration::from_secs(5))
            .unwrap();
        assert_eq!(
            limiter.buckets.len(),
            1,
            "only the bucket just used is left"
        );
    }

    #[test]
    fn methods_fall_in_their_class() {
        assert_eq!(Class::of(&Method::GET), Class::Read);
        assert_eq!(Class::of(&Method::PUT), Class::Write);
        assert_eq!(Class::of(&Method::PATCH), Class::Write);
        assert_eq!(Class::of(&Method::POST), Class::Write);
        assert_eq!(Class::of(&Method::DELETE), Class::Delete);
    }
}
