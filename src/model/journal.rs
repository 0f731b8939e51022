//! Which jobs each version of the store changed, so that a view updates those rows instead
//! of rebuilding from all jobs (at 100,000 jobs a rebuild is a dropped frame).

use super::job::JobKey;

/// Journal entries kept; a view further behind rebuilds.
const JOURNAL_CAPACITY: usize = 4096;

/// The store's version and the jobs each recent version changed.
#[derive(Debug, Default)]
pub struct Journal {
    version: u64,
    /// The jobs changed by each version, oldest first.
    entries: Vec<(u64, JobKey)>,
    /// The first version whose changes the journal holds in full: views older than it
    /// rebuild.
    floor: u64,
    /// Set while an event changes job data.
    touched: bool,
}

impl Journal {
    /// Notes that `key`'s entry changes in the version being made.
    pub fn touch(&mut self, key: &JobKey) {
        self.entries.push((self.version + 1, key.clone()));
        self.touched = true;
    }

    /// Notes a change too wide to list: views rebuild.
    pub fn reset(&mut self) {
        self.entries.clear();
        self.floor = self.version + 1;
        self.touched = true;
    }

    /// Ends an event: a new version if job data changed, the journal kept short.
    pub fn close(&mut self) {
        if !self.touched {
            return;
        }
        self.touched = false;
        self.version += 1;
        if self.entries.len() > JOURNAL_CAPACITY {
            let drop = self.entries.len() - JOURNAL_CAPACITY / 2;
            self.entries.drain(..drop);
            self.floor = self.entries.first().map_or(self.version + 1, |(v, _)| *v);
        }
    }

    /// Bumped by every change of job data.
    #[must_use]
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The jobs changed since `version` (added, changed or removed), when the journal still
    /// knows; `None` means: rebuild from all jobs.
    #[must_use]
    pub fn changed_since(&self, version: u64) -> Option<Vec<&JobKey>> {
        if version >= self.version {
            return Some(Vec::new());
        }
        // The versions from `floor` on are journaled in full: a view must know every change
        // after its own version, so one below the floor rebuilds. (Was `version + 1 <
        // floor`: a view at the version just before a reset, e.g. before the jobs of an
        // unwatched subscription were dropped, kept their rows.)
        if version < self.floor {
            return None;
        }
        let start = self.entries.partition_point(|(v, _)| *v <= version);
        Some(self.entries[start..].iter().map(|(_, k)| k).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_view_gets_the_changed_keys_or_is_told_to_rebuild() {
        let mut journal = Journal::default();
        let key = |i: usize| JobKey::new("s", "rg", format!("job{i}"));
        journal.touch(&key(1));
        journal.close();
        assert_eq!(journal.version(), 1);
        journal.close();
        assert_eq!(
            journal.version(),
            1,
            "an event that touched nothing is no version"
        );
        journal.touch(&key(2));
        journal.close();
        assert_eq!(journal.changed_since(1), Some(vec![&key(2)]));
        assert_eq!(journal.changed_since(0), Some(vec![&key(1), &key(2)]));
        assert_eq!(journal.changed_since(2), Some(vec![]));
        for i in 0..=JOURNAL_CAPACITY {
            journal.touch(&key(i));
            journal.close();
        }
        assert_eq!(journal.changed_since(0), None, "too far behind: rebuild");
        let last = journal.version();
        assert_eq!(journal.changed_since(last - 1).map(|k| k.len()), Some(1));
        journal.reset();
        journal.close();
        assert_eq!(
            journal.changed_since(last),
            None,
            "a reset makes every view rebuild"
        );
    }
}
