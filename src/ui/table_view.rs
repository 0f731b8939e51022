//! The rows the jobs table shows: filtered and sorted once per change, not every frame.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::model::{ArcStr, CancelPhase, JobEntry, JobKey, JobState, JobType, Store};

/// A column to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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
    /// Only jobs whose cancel is in progress (requested, job not finished).
    pub cancel_pending_only: bool,
    /// Only jobs whose cancel landed (finished with a cancel requested). With
    /// `cancel_pending_only` too: either.
    pub cancel_landed_only: bool,
}

impl Default for TableQuery {
    fn default() -> Self {
        Self {
            sort: SortColumn::Name,
            ascending: true,
            text: String::new(),
            states: BTreeSet::new(),
            cancel_pending_only: false,
            cancel_landed_only: false,
        }
    }
}

impl TableQuery {
    /// Whether no filter is set: every job passes.
    #[must_use]
    pub fn filters_nothing(&self) -> bool {
        !self.cancel_pending_only
            && !self.cancel_landed_only
            && self.states.is_empty()
            && self.text.trim().is_empty()
    }

    /// Whether `entry` passes the filters.
    #[must_use]
    pub fn matches(&self, entry: &JobEntry) -> bool {
        if self.cancel_pending_only || self.cancel_landed_only {
            let phase = entry.cancel_phase();
            let in_progress = phase.is_some_and(CancelPhase::in_progress);
            let landed = phase == Some(CancelPhase::Landed);
            if !(self.cancel_pending_only && in_progress || self.cancel_landed_only && landed) {
                return false;
            }
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
        self.order(
            (&self.sort_value(a), &a.job.key),
            (&self.sort_value(b), &b.job.key),
        )
    }

    /// The sort value of a job by its key alone, for a column that shows a part of the key
    /// (name, resource group, subscription): a row's place then follows from the key.
    fn key_value(&self, key: &JobKey) -> Option<SortValue> {
        match self.sort {
            SortColumn::Name => Some(SortValue::Caseless(key.name.clone())),
            SortColumn::ResourceGroup => Some(SortValue::Caseless(key.resource_group.clone())),
            SortColumn::Subscription => Some(SortValue::Text(key.subscription_id.clone())),
            _ => None,
        }
    }

    /// What `entry` shows in the sort column, to compare.
    fn sort_value(&self, entry: &JobEntry) -> SortValue {
        let job = &entry.job;
        match self.sort {
            // Some always: these show a part of the key.
            SortColumn::Name | SortColumn::ResourceGroup | SortColumn::Subscription => {
                self.key_value(&job.key).unwrap_or(SortValue::Flag(false))
            }
            SortColumn::Type => SortValue::Type(job.job_type.clone()),
            SortColumn::State => SortValue::State(job.state.clone()),
            SortColumn::CancelPending => SortValue::Flag(entry.cancel_pending()),
            SortColumn::Drives => SortValue::Count(job.drives.as_ref().map(Vec::len)),
            SortColumn::Progress => SortValue::Number(job.percent_complete),
            SortColumn::Location => SortValue::Location(job.location.clone()),
            SortColumn::StorageAccount => SortValue::Account(job.storage_account_id.clone()),
            SortColumn::LastChange => SortValue::Time(entry.changed_at),
        }
    }

    /// Orders two rows by their sort values, then by key.
    fn order(&self, (a, ka): (&SortValue, &JobKey), (b, kb): (&SortValue, &JobKey)) -> Ordering {
        use SortValue as V;
        let by = match (a, b) {
            (V::Caseless(a), V::Caseless(b)) => cmp_caseless(a, b),
            (V::Text(a), V::Text(b)) => a.cmp(b),
            (V::Type(a), V::Type(b)) => a.cmp(b),
            (V::State(a), V::State(b)) => a.cmp(b),
            (V::Flag(a), V::Flag(b)) => a.cmp(b),
            (V::Count(a), V::Count(b)) => a.cmp(b),
            (V::Number(a), V::Number(b)) => a.cmp(b),
            (V::Location(a), V::Location(b)) => a.cmp(b),
            (V::Account(a), V::Account(b)) => a
                .as_deref()
                .and_then(crate::model::account_name)
                .cmp(&b.as_deref().and_then(crate::model::account_name)),
            (V::Time(a), V::Time(b)) => a.cmp(b),
            // Values of one sort column are of one kind.
            _ => Ordering::Equal,
        };
        // Ties keep a stable, meaningful order.
        let by = by.then_with(|| ka.cmp(kb));
        if self.ascending { by } else { by.reverse() }
    }
}

/// A row's value in the sort column as of the last refresh. The table's binary searches
/// compare with these instead of looking each probed row up in the store: at 100,000 rows a
/// store lookup per probe was most of a frame that applies a page of changes.
#[derive(Clone, Debug)]
enum SortValue {
    /// Text compared without regard to case.
    Caseless(ArcStr),
    /// Text compared as it is.
    Text(ArcStr),
    Type(Option<JobType>),
    State(JobState),
    Flag(bool),
    Count(Option<usize>),
    Number(Option<i64>),
    Location(Option<ArcStr>),
    /// The storage account's id, compared by the account's name.
    Account(Option<ArcStr>),
    Time(jiff::Timestamp),
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

/// Changed jobs up to which the rows are updated in place rather than rebuilt.
const INCREMENTAL_MAX: usize = 2048;

/// Cancellations up to which the monitor's order follows the table's sort.
const SORTED_CANCELLATIONS_MAX: usize = 5_000;

/// The cached rows.
#[derive(Debug, Default)]
pub struct TableView {
    version: Option<u64>,
    query: TableQuery,
    rows: Vec<JobKey>,
    /// Each row's sort value, in the rows' order.
    values: Vec<SortValue>,
    counts: BTreeMap<String, usize>,
    cancellations: Vec<JobKey>,
    cancellations_active: usize,
    /// Whether the cancellations follow the table's order (else the key's).
    cancellations_sorted: bool,
    /// The index of each key in `cancellations`.
    cancellation_rows: std::collections::HashMap<JobKey, usize>,
}

impl TableView {
    /// Recomputes the rows if the store or the query changed since the last call.
    pub fn refresh(&mut self, store: &Store, query: &TableQuery) {
        if self.version == Some(store.version()) && self.query == *query {
            return;
        }
        if self.query == *query
            && let Some(version) = self.version
            && let Some(changed) = store.changed_since(version)
            && changed.len() <= INCREMENTAL_MAX
        {
            self.update_rows(store, query, &changed);
            self.recount(store, query, Some(&changed));
            self.version = Some(store.version());
            return;
        }
        let mut entries: Vec<(SortValue, &JobEntry)> = store
            .iter()
            .filter(|e| query.matches(e))
            .map(|e| (query.sort_value(e), e))
            .collect();
        // The key breaks ties, so the order is total and an unstable sort gives one result.
        entries
            .sort_unstable_by(|(a, ea), (b, eb)| query.order((a, &ea.job.key), (b, &eb.job.key)));
        (self.values, self.rows) = entries
            .into_iter()
            .map(|(value, e)| (value, e.job.key.clone()))
            .unzip();
        self.recount(store, query, None);
        self.version = Some(store.version());
        self.query = query.clone();
    }

    /// Moves, adds and removes the rows of the `changed` jobs; the others keep their order.
    /// Most changes (a job's progress or state under the default sort by name) leave every
    /// row where it was: that is checked with a few comparisons per changed job, not a pass
    /// over the rows (at 100,000 rows the pass cost a frame 10–25 ms).
    fn update_rows(&mut self, store: &Store, query: &TableQuery, changed: &[&JobKey]) {
        // Sorted by a part of the key, a job's row is where its key says, whether the job
        // is new, changed or gone: no pass over all rows is needed to find it.
        let mut found = Vec::with_capacity(changed.len());
        let (mut dropped, mut added) = (Vec::new(), false);
        for key in changed {
            let Some(entry) = store.get(key).filter(|entry| query.matches(entry)) else {
                // Gone or filtered out.
                if let Some(value) = query.key_value(key) {
                    dropped.extend(self.located(query, &value, key));
                    continue;
                }
                tracing::debug!(target: "iejobs::frames", job = %key, changed = changed.len(), "table rows: a pass over all rows (a job gone or filtered out)");
                return self.update_rows_by_key(store, query, changed);
            };
            let value = query.sort_value(entry);
            match self.located(query, &value, key) {
                Some(at) => found.push((at, value)),
                // New or newly matching (it has no row).
                None if query.key_value(key).is_some() => added = true,
                // New, newly matching, or its sort value changed.
                None => {
                    tracing::debug!(target: "iejobs::frames", job = %key, changed = changed.len(), "table rows: a pass over all rows (a job new or moved)");
                    return self.update_rows_by_key(store, query, changed);
                }
            }
        }
        // Every changed row found where its value says: the values are the same, unless
        // two changed rows have one key (a listing and a read of one job), so set them.
        for (at, value) in &found {
            self.values[*at] = value.clone();
        }
        if dropped.is_empty()
            && !added
            && found.iter().all(|(at, _)| self.ordered_around(query, *at))
        {
            // Every changed row is still between its neighbours, and the others did not
            // change: the rows are in order, with the same jobs.
            return;
        }
        let mut keep = vec![true; self.rows.len()];
        for at in found.into_iter().map(|(at, _)| at).chain(dropped) {
            keep[at] = false;
        }
        self.retain_rows(&keep);
        self.insert_rows(store, query, changed.iter().copied().collect());
    }

    /// The row of `key` if its sort value is `value` (a binary search over the rows' values).
    fn located(&self, query: &TableQuery, value: &SortValue, key: &JobKey) -> Option<usize> {
        let at = self.search(query, value, key);
        (self.rows.get(at) == Some(key)).then_some(at)
    }

    /// Where a row of this value and key goes: the first row not before it.
    fn search(&self, query: &TableQuery, value: &SortValue, key: &JobKey) -> usize {
        let (mut low, mut high) = (0, self.rows.len());
        while low < high {
            let mid = low + (high - low) / 2;
            if query.order((&self.values[mid], &self.rows[mid]), (value, key)) == Ordering::Less {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        low
    }

    /// Whether the row at `at` is after the row before it and before the row after it.
    fn ordered_around(&self, query: &TableQuery, at: usize) -> bool {
        let row = |i: usize| (&self.values[i], &self.rows[i]);
        let before = at
            .checked_sub(1)
            .is_none_or(|i| query.order(row(i), row(at)) == Ordering::Less);
        let after =
            (at + 1 >= self.rows.len()) || query.order(row(at), row(at + 1)) == Ordering::Less;
        before && after
    }

    /// Keeps the rows (and their values) whose `keep` is true.
    fn retain_rows(&mut self, keep: &[bool]) {
        let mut kept = keep.iter();
        self.rows.retain(|_| kept.next().copied().unwrap_or(true));
        let mut kept = keep.iter();
        self.values.retain(|_| kept.next().copied().unwrap_or(true));
    }

    /// As [`Self::update_rows`], finding the changed rows by their keys: one pass over all
    /// rows, for changes that add or remove rows.
    fn update_rows_by_key(&mut self, store: &Store, query: &TableQuery, changed: &[&JobKey]) {
        // Names first: hashing a short name is cheaper than a whole key, and rows whose
        // name no change has are kept without looking further.
        let names: std::collections::HashSet<&str> =
            changed.iter().map(|k| k.name.as_str()).collect();
        let changed: std::collections::HashSet<&JobKey> = changed.iter().copied().collect();
        let keep: Vec<bool> = self
            .rows
            .iter()
            .map(|key| !(names.contains(key.name.as_str()) && changed.contains(key)))
            .collect();
        self.retain_rows(&keep);
        self.insert_rows(store, query, changed);
    }

    /// Inserts, in order, the rows of the `changed` jobs that exist and match (their old
    /// rows removed already).
    fn insert_rows(
        &mut self,
        store: &Store,
        query: &TableQuery,
        changed: std::collections::HashSet<&JobKey>,
    ) {
        let mut added: Vec<(SortValue, &JobKey)> = changed
            .into_iter()
            .filter_map(|key| store.get(key))
            .filter(|entry| query.matches(entry))
            .map(|entry| (query.sort_value(entry), &entry.job.key))
            .collect();
        if added.is_empty() {
            return;
        }
        added.sort_unstable_by(|(a, ka), (b, kb)| query.order((a, ka), (b, kb)));
        let positions: Vec<usize> = added
            .iter()
            .map(|(value, key)| self.search(query, value, key))
            .collect();
        let (old_rows, old_values) = (
            std::mem::take(&mut self.rows),
            std::mem::take(&mut self.values),
        );
        let total = old_rows.len() + added.len();
        let (mut rows, mut values) = (Vec::with_capacity(total), Vec::with_capacity(total));
        let mut old = old_rows.into_iter().zip(old_values);
        let mut taken = 0;
        for ((value, key), at) in added.into_iter().zip(positions) {
            for (row, row_value) in old.by_ref().take(at - taken) {
                rows.push(row);
                values.push(row_value);
            }
            taken = at;
            rows.push(key.clone());
            values.push(value);
        }
        for (row, row_value) in old {
            rows.push(row);
            values.push(row_value);
        }
        self.rows = rows;
        self.values = values;
    }

    /// Jobs per state and the cancellations, as the store keeps them (no pass over all jobs).
    /// The cancellations are listed again only when a changed job is or was one of them.
    fn recount(&mut self, store: &Store, query: &TableQuery, changed: Option<&[&JobKey]>) {
        self.counts.clone_from(store.state_counts());
        if let Some(changed) = changed
            && self.cancellations_unchanged(store, query, changed)
        {
            return;
        }
        // Cancellations still in progress first, each part in the table's order (the key's
        // when there are too many to sort at every change: the monitor shows a few dozen).
        let (mut active, mut finished): (Vec<&JobEntry>, Vec<&JobEntry>) = store
            .cancellations()
            .partition(|e| !e.job.state.is_finished());
        self.cancellations_sorted = active.len() + finished.len() <= SORTED_CANCELLATIONS_MAX;
        if self.cancellations_sorted {
            active.sort_unstable_by(|a, b| query.compare(a, b));
            finished.sort_unstable_by(|a, b| query.compare(a, b));
        }
        self.cancellations_active = active.len();
        self.cancellations.clear();
        self.cancellations.extend(
            active
                .into_iter()
                .chain(finished)
                .map(|e| e.job.key.clone()),
        );
        self.cancellation_rows = self
            .cancellations
            .iter()
            .enumerate()
            .map(|(i, k)| (k.clone(), i))
            .collect();
    }

    /// Whether the cancellations stay as listed after `changed`: each changed job that is
    /// or was one is still one, in the same part (in progress or landed), between its
    /// neighbours.
    fn cancellations_unchanged(
        &self,
        store: &Store,
        query: &TableQuery,
        changed: &[&JobKey],
    ) -> bool {
        let order = |a: &JobEntry, b: &JobEntry| {
            if self.cancellations_sorted {
                query.compare(a, b)
            } else {
                a.job.key.cmp(&b.job.key)
            }
        };
        changed.iter().all(|key| {
            let now = store.get(key).filter(|e| e.cancel_pending());
            let Some(&at) = self.cancellation_rows.get(*key) else {
                // Not listed: fine while it is still no cancellation.
                return now.is_none();
            };
            let Some(entry) = now else {
                return false;
            };
            let active = at < self.cancellations_active;
            if active == entry.job.state.is_finished() {
                return false;
            }
            let part = if active {
                0..self.cancellations_active
            } else {
                self.cancellations_active..self.cancellations.len()
            };
            let neighbour = |i: usize| {
                part.contains(&i)
                    .then(|| self.cancellations.get(i))
                    .flatten()
                    .map(|k| store.get(k))
            };
            let before = at
                .checked_sub(1)
                .and_then(neighbour)
                .is_none_or(|o| o.is_some_and(|o| order(o, entry) == Ordering::Less));
            let after = neighbour(at + 1)
                .is_none_or(|o| o.is_some_and(|o| order(entry, o) == Ordering::Less));
            before && after
        })
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
        self.cancellations.len()
    }

    /// The jobs with a cancel requested: in progress first, then finished, each by key.
    #[must_use]
    pub fn cancellations(&self) -> &[JobKey] {
        &self.cancellations
    }

    /// How many of [`Self::cancellations`] landed (the job finished).
    #[must_use]
    pub fn cancellations_landed(&self) -> usize {
        self.cancellations.len() - self.cancellations_active
    }

    /// How many of [`Self::cancellations`] are not finished yet.
    #[must_use]
    pub fn cancellations_active(&self) -> usize {
        self.cancellations_active
    }

    /// The row of `key`, if shown. A binary search by the table's order when the rows are
    /// those of `store` (as after [`Self::refresh`]); a pass over the rows otherwise (a
    /// click or an arrow key at 100,000 rows paid that pass every time).
    #[must_use]
    pub fn position(&self, store: &Store, key: &JobKey) -> Option<usize> {
        if self.version == Some(store.version())
            && let Some(entry) = store.get(key)
        {
            if !self.query.matches(entry) {
                return None;
            }
            if let Some(at) = self.located(&self.query, &self.query.sort_value(entry), key) {
                return Some(at);
            }
        }
        self.rows.iter().position(|k| k == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, Event, Job, JobState, Session};

    fn session() -> Session {
        let mut session = Session::default();
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
        session.apply(Event::Partial { jobs, at });
        session
    }

    #[test]
    fn rows_of_jobs_forgotten_go_at_the_next_refresh() {
        let mut session = session();
        let other = Job::new(JobKey::new("other", "rg", "x-job"), JobState::Shipping);
        let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
        session.apply(Event::Partial {
            jobs: vec![other],
            at,
        });
        let (mut view, query) = (TableView::default(), TableQuery::default());
        view.refresh(session.store(), &query);
        assert_eq!(view.rows().len(), 4);
        session.apply(Event::Watching {
            subscriptions: vec!["sub".into()],
            forgotten: vec![JobKey::new("other", "rg", "x-job")],
        });
        view.refresh(session.store(), &query);
        assert_eq!(
            view.rows().len(),
            3,
            "the view rebuilt: no row is left for a job the store dropped"
        );
        assert!(view.rows().iter().all(|k| session.store().get(k).is_some()));
    }

    #[test]
    fn filters_sort_and_cache() {
        let session = session();
        let store = session.store();
        let mut view = TableView::default();
        let mut query = TableQuery::default();
        view.refresh(store, &query);
        let names = |v: &TableView| v.rows().iter().map(|k| k.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&view), ["a-job", "b-job", "c-job"]);
        query.sort = SortColumn::State;
        query.ascending = false;
        view.refresh(store, &query);
        assert_eq!(
            names(&view),
            ["a-job", "b-job", "c-job"],
            "Completed, Transferring, Creating"
        );
        query.cancel_pending_only = true;
        view.refresh(store, &query);
        assert_eq!(names(&view), ["b-job"]);
        query = TableQuery {
            text: "C-J".into(),
            ..TableQuery::default()
        };
        view.refresh(store, &query);
        assert_eq!(names(&view), ["c-job"]);
        query = TableQuery {
            states: ["Completed".to_owned()].into(),
            ..TableQuery::default()
        };
        view.refresh(store, &query);
        assert_eq!(names(&view), ["a-job"]);
        assert_eq!(
            view.position(store, &JobKey::new("sub", "rg", "a-job")),
            Some(0)
        );
        assert_eq!(
            view.position(store, &JobKey::new("sub", "rg", "c-job")),
            None,
            "filtered out"
        );
        assert_eq!(view.counts().get("Transferring"), Some(&1));
        assert_eq!(view.cancel_pending(), 1);
    }

    proptest::proptest! {
        /// Rows updated in place after any sequence of changes equal a rebuild from scratch.
        #[test]
        fn updating_in_place_equals_rebuilding(
            changes in proptest::collection::vec((0_usize..40, 0_u8..6, 0_i64..100, proptest::bool::ANY), 1..60),
            sort in 0_usize..11,
            ascending: bool,
        ) {
            let at = jiff::Timestamp::from_second(1_800_000_000).unwrap();
            let states = [JobState::Creating, JobState::Shipping, JobState::Transferring, JobState::Completed];
            let job = |i: usize, state: &JobState, percent: i64| {
                let mut job = Job::new(JobKey::new("sub", format!("rg-{}", i % 3), format!("job-{i:02}")), state.clone());
                job.percent_complete = Some(percent);
                // Some cancelled, so that the cancellations (in progress and landed) change too.
                job.cancel_requested = percent % 3 == 0 && percent > 0;
                job
            };
            let mut session = Session::default();
            session.apply(Event::Partial {
                jobs: (0..20).map(|i| job(i, &states[i % 4], 0)).collect(),
                at,
            });
            let query = TableQuery {
                sort: [
                    SortColumn::Name, SortColumn::Progress, SortColumn::State, SortColumn::CancelPending,
                    SortColumn::LastChange, SortColumn::ResourceGroup, SortColumn::Subscription,
                    SortColumn::Type, SortColumn::Drives, SortColumn::Location, SortColumn::StorageAccount,
                ][sort],
                ascending,
                ..TableQuery::default()
            };
            let mut view = TableView::default();
            view.refresh(session.store(), &query);
            let last = changes.len() - 1;
            // Refreshed after some changes only, so that a refresh often takes several.
            for (n, (i, kind, percent, refresh)) in changes.into_iter().enumerate() {
                let key = JobKey::new("sub", format!("rg-{}", i % 3), format!("job-{i:02}"));
                let event = match kind {
                    0 => Event::Gone { key, at },
                    1 => Event::ActionSent { key, action: Action::Cancel, at },
                    2 => Event::ActionFailed { key, action: Action::Cancel, status: None, code: None, message: "no".into(), request_id: None, at },
                    _ => Event::Loaded { job: job(i, &states[usize::from(kind) % 4], percent), at },
                };
                session.apply(event);
                if !refresh && n != last {
                    continue;
                }
                view.refresh(session.store(), &query);
                let mut fresh = TableView::default();
                fresh.refresh(session.store(), &query);
                proptest::prop_assert_eq!(view.rows(), fresh.rows());
                for (row, key) in fresh.rows().iter().enumerate() {
                    proptest::prop_assert_eq!(view.position(session.store(), key), Some(row));
                }
                proptest::prop_assert_eq!(view.counts(), fresh.counts());
                proptest::prop_assert_eq!(view.cancellations(), fresh.cancellations());
            }
        }
    }
}
