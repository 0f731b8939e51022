//! Shared text: the strings a job holds, cheap to clone and stored once when repeated.
//!
//! A subscription of 100,000 jobs repeats a few values thousands of times (its own id, a
//! handful of resource groups, regions, storage accounts, "Succeeded", "FedEx"…). Each job
//! holding its own copy is most of the memory a large subscription costs, so the fields that
//! repeat are [`shared`]: equal values point to one allocation. [`ArcStr`] is one pointer
//! wide and clones without allocating, so keys copied into the table's rows and the worker's
//! summaries cost a pointer each, not a string.

use std::collections::HashSet;
use std::sync::{LazyLock, Mutex, PoisonError};

pub use arcstr::ArcStr;

/// A drive's id: its serial number, held inline up to 24 bytes. Drive ids are unique, so
/// sharing gains nothing, and an [`ArcStr`] of an 8-character serial is a 32-byte allocation
/// for each of the ~240,000 drives of a 100,000-job subscription.
pub type DriveId = compact_str::CompactString;

/// Distinct values kept for sharing; past this, the values no job holds any more are let go.
const MAX_SHARED: usize = 16_384;

static SHARED: LazyLock<Mutex<HashSet<ArcStr>>> = LazyLock::new(Mutex::default);

/// The shared copy of `text`: the same allocation for every equal value.
///
/// Meant for values that repeat across jobs (ids of subscriptions and storage accounts,
/// resource groups, regions, states of free text). Unique values (job names, drive ids, log
/// URLs) gain nothing and should be [`ArcStr::from`] instead.
#[must_use]
pub fn shared(text: &str) -> ArcStr {
    if text.is_empty() {
        return ArcStr::new();
    }
    // A poisoned lock only means another thread panicked while inserting; the set is fine.
    let mut set = SHARED.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(found) = set.get(text) {
        return found.clone();
    }
    if set.len() >= MAX_SHARED {
        // Keep the values still in use (the set's own reference makes one).
        set.retain(|value| ArcStr::strong_count(value).is_some_and(|n| n > 1));
        if set.len() >= MAX_SHARED / 2 {
            // Mostly in use: start over rather than scan again at the next insert. Values
            // already shared stay shared; new ones start a new set.
            set.clear();
        }
    }
    let value = ArcStr::from(text);
    set.insert(value.clone());
    value
}

/// [`shared`] for an optional value.
#[must_use]
pub fn shared_opt(text: Option<&str>) -> Option<ArcStr> {
    text.map(shared)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_share_one_allocation() {
        let a = shared("rg-shared-test");
        let b = shared(&String::from("rg-shared-test"));
        assert!(ArcStr::ptr_eq(&a, &b));
        assert_eq!(a, "rg-shared-test");
        assert!(!ArcStr::ptr_eq(&a, &shared("rg-other-test")));
        assert_eq!(shared(""), "");
        assert_eq!(shared_opt(None), None);
    }

    #[test]
    fn the_set_stays_bounded() {
        let kept = shared("kept-while-held");
        for i in 0..(MAX_SHARED + 10) {
            let _ = shared(&format!("unique-{i}"));
        }
        let len = SHARED.lock().map_or(usize::MAX, |s| s.len());
        assert!(len < MAX_SHARED, "{len}");
        // A value still held elsewhere survived the pruning.
        assert!(ArcStr::ptr_eq(&kept, &shared("kept-while-held")));
    }
}
