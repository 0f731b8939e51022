//! All jobs of the emulator, ordered for paging, and the reads the API needs.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;

use crate::arm::wire::JobResponse;
use crate::model::JobKey;

use super::clock::Millis;
use super::filter::{Fields, Filter};
use super::sim::SimJob;

/// The key jobs are stored under: ARM names are case-insensitive, so all three parts are
/// lower-cased. Ordered by subscription, then resource group, then name, which is also the
/// listing order.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct StoreKey {
    subscription: String,
    resource_group: String,
    name: String,
}

impl StoreKey {
    /// The store key of a job key.
    #[must_use]
    pub fn of(key: &JobKey) -> Self {
        Self {
            subscription: key.subscription_id.to_ascii_lowercase(),
            resource_group: key.resource_group.to_ascii_lowercase(),
            name: key.name.to_ascii_lowercase(),
        }
    }

    /// The continuation token of a listing that stopped after this job.
    #[must_use]
    pub fn continuation(&self) -> String {
        format!("{}/{}", self.resource_group, self.name)
    }
}

/// Where a listing looks.
#[derive(Clone, Debug)]
pub struct ListQuery<'a> {
    /// Subscription.
    pub subscription: &'a str,
    /// Resource group, for listings by resource group.
    pub resource_group: Option<&'a str>,
    /// Continue after this token (from the previous page's `nextLink`).
    pub after: Option<&'a str>,
    /// Page size.
    pub top: usize,
    /// `$filter`.
    pub filter: &'a Filter,
}

/// The jobs.
#[derive(Debug, Default)]
pub struct Store {
    jobs: BTreeMap<StoreKey, SimJob>,
}

impl Store {
    /// Adds or replaces a job.
    pub fn insert(&mut self, job: SimJob) {
        self.jobs.insert(StoreKey::of(&job.key), job);
    }

    /// A job that exists at `now` (one past its deletion time counts as gone).
    #[must_use]
    pub fn get(&self, key: &JobKey, now: Millis) -> Option<&SimJob> {
        self.jobs
            .get(&StoreKey::of(key))
            .filter(|job| job.gone_at().is_none_or(|gone| gone > now))
    }

    /// The same, to change it.
    pub fn get_mut(&mut self, key: &JobKey, now: Millis) -> Option<&mut SimJob> {
        self.jobs
            .get_mut(&StoreKey::of(key))
            .filter(|job| job.gone_at().is_none_or(|gone| gone > now))
    }

    /// Removes a job; true if it existed.
    pub fn remove(&mut self, key: &JobKey) -> bool {
        self.jobs.remove(&StoreKey::of(key)).is_some()
    }

    /// Removes the jobs Azure would have deleted by `now`; returns how many.
    pub fn purge_expired(&mut self, now: Millis) -> usize {
        let before = self.jobs.len();
        self.jobs
            .retain(|_, job| job.gone_at().is_none_or(|gone| gone > now));
        before - self.jobs.len()
    }

    /// Number of jobs kept (including expired ones not purged yet).
    #[must_use]
    pub fn len(&self) -> usize {
        self.jobs.len()
    }

    /// True when there are no jobs.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// The subscriptions that hold jobs, in their original case.
    #[must_use]
    pub fn subscriptions(&self) -> BTreeSet<String> {
        self.jobs
            .values()
            .map(|job| job.key.subscription_id.to_string())
            .collect()
    }

    /// Every job (for the admin endpoints and tests).
    pub fn iter(&self) -> impl Iterator<Item = &SimJob> {
        self.jobs.values()
    }

    /// One page of a listing at `now`: the jobs, and the continuation token when more follow.
    #[must_use]
    pub fn page(&self, query: &ListQuery<'_>, now: Millis) -> (Vec<JobResponse>, Option<String>) {
        let subscription = query.subscription.to_ascii_lowercase();
        let group = query.resource_group.map(str::to_ascii_lowercase);
        let start = match query.after.and_then(|t| t.split_once('/')) {
            Some((rg, name)) => Bound::Excluded(StoreKey {
                subscription: subscription.clone(),
                resource_group: rg.to_ascii_lowercase(),
                name: name.to_ascii_lowercase(),
            }),
            None => Bound::Included(StoreKey {
                subscription: subscription.clone(),
                resource_group: group.clone().unwrap_or_default(),
                name: String::new(),
            }),
        };
        let mut page = Vec::new();
        let mut last = None;
        for (key, job) in self.jobs.range((start, Bound::Unbounded)) {
            if key.subscription != subscription
                || group.as_ref().is_some_and(|g| *g != key.resource_group)
            {
                break;
            }
            if job.gone_at().is_some_and(|gone| gone <= now) {
                continue;
            }
            if page.len() == query.top {
                return (page, last.map(StoreKey::continuation));
            }
            let state = job.state_at(now);
            let props = job.base.properties.as_ref();
            let fields = Fields {
                state: &state,
                job_type: props
                    .and_then(|p| p.job_type.as_ref())
                    .map_or("", |t| t.as_str()),
                location: job.base.location.as_deref().unwrap_or(""),
                name: &job.key.name,
                cancel_requested: job.cancel_requested(),
            };
            if query.filter.matches(&fields) {
                page.push(job.view(now));
                last = Some(key);
            }
        }
        (page, None)
    }
}
