//! Which jobs are selected, which one the detail panel shows, and where a shift-click range
//! starts.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::model::JobKey;

/// Which rows are selected, and which job the detail panel shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The selected jobs.
    pub keys: SelectedKeys,
    /// The job in the detail panel.
    pub focus: Option<JobKey>,
    /// The job where a shift-click range starts: a job, not a row, so that a filter or a
    /// sort that moves the rows keeps it right (a row index could point past the rows).
    pub anchor: Option<JobKey>,
    /// The table scrolls the focused row into view at its next frame (after the keyboard
    /// moved the focus, which happens after the frame that saw the key drew the table).
    pub reveal: Option<usize>,
    /// How many selected jobs the filters hide (kept up to date by
    /// [`super::state::AppState::refresh`]): actions still reach them, so the window says so.
    pub hidden: usize,
}

/// The selected jobs, with a stamp that changes whenever they may have changed: whoever
/// caches something about the selection (the toolbar's verdicts) compares stamps instead of
/// 100,000 keys a frame. Reading goes through [`std::ops::Deref`]; any mutable access, or a
/// set made anew, takes a stamp no other set had.
#[derive(Clone, Debug, Default)]
pub struct SelectedKeys {
    keys: BTreeSet<JobKey>,
    stamp: u64,
}

/// The last stamp taken (0 is the empty default's).
static STAMPS: AtomicU64 = AtomicU64::new(0);

fn next_stamp() -> u64 {
    STAMPS.fetch_add(1, Ordering::Relaxed) + 1
}

impl SelectedKeys {
    /// Equal stamps mean equal sets.
    #[must_use]
    pub fn stamp(&self) -> u64 {
        self.stamp
    }
}

impl std::ops::Deref for SelectedKeys {
    type Target = BTreeSet<JobKey>;
    fn deref(&self) -> &Self::Target {
        &self.keys
    }
}

impl std::ops::DerefMut for SelectedKeys {
    fn deref_mut(&mut self) -> &mut Self::Target {
        self.stamp = next_stamp();
        &mut self.keys
    }
}

impl PartialEq for SelectedKeys {
    fn eq(&self, other: &Self) -> bool {
        self.keys == other.keys
    }
}

impl Eq for SelectedKeys {}

impl FromIterator<JobKey> for SelectedKeys {
    fn from_iter<I: IntoIterator<Item = JobKey>>(iter: I) -> Self {
        Self {
            keys: iter.into_iter().collect(),
            stamp: next_stamp(),
        }
    }
}

impl<const N: usize> From<[JobKey; N]> for SelectedKeys {
    fn from(keys: [JobKey; N]) -> Self {
        keys.into_iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_change_takes_a_new_stamp_and_equal_stamps_mean_equal_sets() {
        let key = |n: &str| JobKey::new("s", "rg", n);
        let mut keys = SelectedKeys::default();
        let mut seen = vec![keys.stamp()];
        keys.insert(key("a"));
        seen.push(keys.stamp());
        let copy = keys.clone();
        assert_eq!(copy.stamp(), keys.stamp());
        keys.remove(&key("a"));
        seen.push(keys.stamp());
        keys = [key("a")].into();
        seen.push(keys.stamp());
        keys = std::iter::once(key("b")).collect();
        seen.push(keys.stamp());
        let mut sorted = seen.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), seen.len(), "stamps repeat: {seen:?}");
        // Two sets with the same keys made apart are equal, whatever their stamps.
        assert_eq!(SelectedKeys::from([key("a")]), [key("a")].into());
    }
}
