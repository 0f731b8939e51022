//! The rows the jobs table shows: filtered and sorted once per change, not every frame.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{JobEntry, JobKey, Store};

/// A column to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SortColumn {
    /// Job name.
    Name,
    /// Resource group.
    ResourceGroup,
    /// Subscription.
    Subscription,
    /// Import or export.
    Type,
    /// State, in lifecycle order.
    State,
    /// Cancel pending.
    CancelPending,
    /// Number of drives.
    Drives,
    /// Overall progress.
    Progress,
    /// Region.
    Location,
    /// Storage account.
    StorageAccount,
    /// Last observed change.
    LastChange,
}

/// What the table shows: filters and order. Kept across runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TableQuery {
    /// Sort column.
    pub sort: SortColumn,
    /// Ascending or not.
    pub ascending: bool,
    /// Text that name, resource group, subscription, location or account must contain.
    pub text: String,
    /// States to show; empty shows all.
    pub states: BTreeSet<String>,
    /// Only jobs with a cancel pending.
    pub cancel_pending_only: bool,
}

impl Default for TableQuery {
    fn default() -> Self {
        Self {
            sort: SortColumn::Name,
            ascending: true,
            text: String::new(),
            states: BTreeSet::new(),
            cancel_pending_only: false,
        }
    }
}

impl TableQuery {
    /// Whether `entry` passes the filters.
    #[must_use]
    pub fn matches(&self, entry: &JobEntry) -> bool {
        if self.cancel_pending_only && !entry.cancel_pending() {
            return false;
        }
        if !self.states.is_empty() && !self.states.contains(entry.job.state.as_str()) {
            return false;
        }
        let needle = self.text.trim();
        if needle.is_empty() {
            return true;
        }
        let needle = needle.to_lowercase();
        let job = &entry.job;
        [
            Some(job.name.as_str()),
            Some(job.key.resource_group.as_str()),
            Some(job.key.subscription_id.as_str()),
            job.location.as_deref(),
            job.storage_account_name(),
            Some(job.state.as_str()),
        ]
        .into_iter()
        .flatten()
        .any(|field| field.to_lowercase().contains(&needle))
    }

    /// Orders two rows by the sort column, then by key.
    fn compare(&self, a: &JobEntry, b: &JobEntry) -> Ordering {
        let (ja, jb) = (&a.job, &b.job);
        let by = match self.sort {
            SortColumn::Name => cmp_caseless(&ja.name, &jb.name),
            SortColumn::ResourceGroup => {
                cmp_caseless(&ja.key.resource_group, &jb.key.resource_group)
            }
            SortColumn::Subscription => ja.key.subscription_id.cmp(&jb.key.subscription_id),
            SortColumn::Type => ja.job_type.cmp(&jb.job_type),
            SortColumn::State => ja.state.cmp(&jb.state),
            SortColumn::CancelPending => a.cancel_pending().cmp(&b.cancel_pending()),
            SortColumn::Drives => ja
                .drives
                .as_ref()
                .map(Vec::len)
                .cmp(&jb.drives.as_ref().map(Vec::len)),
            SortColumn::Progress => ja.percent_complete.cmp(&jb.percent_complete),
            SortColumn::Location => ja.location.cmp(&jb.location),
            SortColumn::StorageAccount => ja.storage_account_name().cmp(&jb.storage_account_name()),
            SortColumn::LastChange => a.changed_at.cmp(&b.changed_at),
        };
        // Ties keep a stable, meaningful order.
        let by = by.then_with(|| ja.key.cmp(&jb.key));
        if self.ascending { by } else { by.reverse() }
    }
}

/// Compares ignoring case, without allocating (sorting 100,000 rows compares ~1.7 million
/// times).
fn cmp_caseless(a: &str, b: &str) -> Ordering {
    if a.is_ascii() && b.is_ascii() {
        // Azure resource names are ASCII: compare bytes.
        a.bytes()
            .map(|c| c.to_ascii_lowercase())
            .cmp(b.bytes().map(|c| c.to_ascii_lowercase()))
    } else {
        a.chars()
            .flat_map(char::to_lowercase)
            .cmp(b.chars().flat_map(char::to_lowercase))
    }
}

/// The cached rows.
#[derive(Debug, Default)]
pub struct TableView {
    version: Option<u64>,
    query: TableQuery,
    rows: Vec<JobKey>,
    counts: BTreeMap<String, usize>,
    cancel_pending: usize,
    cancellations: Vec<JobKey>,
    cancellations_active: usize,
}

impl TableView {
    /// Recomputes the rows if the store or the query changed since the last call.
    pub fn refresh(&mut self, store: &Store, query: &TableQuery) {
        if self.version == Some(store.version()) && self.query == *query {
            return;
        }
        let mut entries: Vec<&JobEntry> = store.iter().filter(|e| query.matches(e)).collect();
        // The key breaks ties, so the order is total and an unstable sort gives one result.
        entries.sort_unstable_by(|a, b| query.compare(a, b));
        self.rows = entries.into_iter().map(|e| e.job.key.clone()).collect();
        self.counts.clear();
        self.cancellations.clear();
        for entry in store.iter() {
            let state = entry.job.state.as_str();
            match self.counts.get_mut(state) {
                Some(count) => *count += 1,
                None => {
                    self.counts.insert(state.to_owned(), 1);
                }
            }
            if entry.cancel_pending() {
                self.cancellations.push(entry.job.key.clone());
            }
        }
        self.cancel_pending = self.cancellations.len();
        self.cancellations_active = self
            .cancellations
            .iter()
            .filter(|k| store.get(k).is_some_and(|e| !e.job.state.is_finished()))
            .count();
        // Cancellations still in progress first; a stable order, so cards do not jump.
        self.cancellations.sort_by_cached_key(|key| {
            let finished = store.get(key).is_some_and(|e| e.job.state.is_finished());
            (finished, key.clone())
        });
        self.version = Some(store.version());
        self.query = query.clone();
    }

    /// The keys of the rows, in order.
    #[must_use]
    pub fn rows(&self) -> &[JobKey] {
        &self.rows
    }

    /// Jobs per state over all jobs (not only the filtered ones).
    #[must_use]
    pub fn counts(&self) -> &BTreeMap<String, usize> {
        &self.counts
    }

    /// Jobs with a cancel pending.
    #[must_use]
    pub fn cancel_pending(&self) -> usize {
        self.cancel_pending
    }

    /// The jobs with a cancel requested: in progress first, then finished, each by key.
    #[must_use]
    pub fn cancellations(&self) -> &[JobKey] {
        &self.cancellations
    }

    /// How many of [`Self::cancellations`] are not finished yet.
    #[must_use]
    pub fn cancellations_active(&self) -> usize {
        self.cancellations_active
    }

    /// The row of `key`, if shown.
    #[must_use]
    pub fn position(&self, key: &JobKey) -> Option<usize> {
        self.rows.iter().position(|k| k == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Job, JobState};

    fn store() -> Store {
        let mut store = Store::default();
        let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        let jobs = [
            ("b-job", JobState::Transferring, true),
            ("a-job", JobState::Completed, false),
            ("c-job", JobState::Creating, false),
        ]
        .into_iter()
        .map(|(name, state, cancel)| {
            let mut job = Job::new(JobKey::new("sub", "rg", name), state);
            job.cancel_requested = cancel;
            job
        })
        .collect();
        store.apply(Event::Listed {
            subscription: "sub".into(),
            jobs,
            at,
        });
        store
    }

    #[test]
    fn filters_sort_and_cache() {
        let store = store();
        let mut view = TableView::default();
        let mut query = TableQuery::default();
        view.refresh(&store, &query);
        let names = |v: &TableView| v.rows().iter().map(|k| k.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&view), ["a-job", "b-job", "c-job"]);
        query.sort = SortColumn::State;
        query.ascending = false;
        view.refresh(&store, &query);
        assert_eq!(
            names(&view),
            ["a-job", "b-job", "c-job"],
            "Completed, Transferring, Creating"
        );
        query.cancel_pending_only = true;
        view.refresh(&store, &query);
        assert_eq!(names(&view), ["b-job"]);
        query = TableQuery {
            text: "C-J".into(),
            ..TableQuery::default()
        };
        view.refresh(&store, &query);
        assert_eq!(names(&view), ["c-job"]);
        query = TableQuery {
            states: ["Completed".to_owned()].into(),
            ..TableQuery::default()
        };
        view.refresh(&store, &query);
        assert_eq!(names(&view), ["a-job"]);
        assert_eq!(view.counts().get("Transferring"), Some(&1));
        assert_eq!(view.cancel_pending(), 1);
    }
}
