//! The moving jobs, read on the fast interval, kept in the order they are due.
//!
//! At 100,000 jobs some 20,000 move. Looking through all of them at every turn of the
//! worker's loop to find the few due was most of the worker's time in an idle window
//! (BENCHMARKS.md, P10); here each subscription keeps its jobs not being read in the order
//! they are to be read (cancels first, the longest unread first), so the due ones are the
//! first ones.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::time::{Duration, Instant};

use crate::model::JobKey;

/// A job read on the fast interval.
#[derive(Clone, Copy, Debug)]
struct Hot {
    /// A cancel is pending (read before jobs that only copy).
    cancel: bool,
    /// When it was last read (by a GET or a listing).
    read_at: Instant,
    /// A read of it is under way.
    reading: bool,
}

/// The jobs not being read of one subscription, in the order they are due.
#[derive(Debug, Default)]
struct Queue {
    cancels: BTreeSet<(Instant, JobKey)>,
    copies: BTreeSet<(Instant, JobKey)>,
}

impl Queue {
    fn part(&mut self, cancel: bool) -> &mut BTreeSet<(Instant, JobKey)> {
        if cancel {
            &mut self.cancels
        } else {
            &mut self.copies
        }
    }
}

/// The moving jobs and, per subscription, their order.
#[derive(Debug, Default)]
pub struct HotJobs {
    jobs: BTreeMap<JobKey, Hot>,
    /// By subscription id in lower case.
    queues: HashMap<String, Queue>,
}

impl HotJobs {
    /// Whether `key` is read on the fast interval.
    #[cfg(test)]
    pub fn contains(&self, key: &JobKey) -> bool {
        self.jobs.contains_key(key)
    }

    /// `key` moves (`cancel`: a cancel is pending); a job new here counts as read `now`.
    pub fn moving(&mut self, key: &JobKey, cancel: bool, now: Instant) {
        if let Some(hot) = self.jobs.get_mut(key) {
            if hot.cancel != cancel {
                let old = *hot;
                hot.cancel = cancel;
                if !old.reading {
                    let queue = queue(&mut self.queues, key);
                    queue.part(old.cancel).remove(&(old.read_at, key.clone()));
                    queue.part(cancel).insert((old.read_at, key.clone()));
                }
            }
        } else {
            self.jobs.insert(
                key.clone(),
                Hot {
                    cancel,
                    read_at: now,
                    reading: false,
                },
            );
            queue(&mut self.queues, key)
                .part(cancel)
                .insert((now, key.clone()));
        }
    }

    /// `key` no longer moves, or is gone.
    pub fn remove(&mut self, key: &JobKey) {
        if let Some(hot) = self.jobs.remove(key)
            && !hot.reading
        {
            let queue = queue(&mut self.queues, key);
            queue.part(hot.cancel).remove(&(hot.read_at, key.clone()));
        }
    }

    /// Keeps the jobs `keep` says.
    pub fn retain(&mut self, keep: impl Fn(&JobKey) -> bool) {
        let dropped: Vec<JobKey> = self.jobs.keys().filter(|k| !keep(k)).cloned().collect();
        for key in &dropped {
            self.remove(key);
        }
    }

    /// `key` was read `now` (by a listing), if it moves.
    pub fn seen(&mut self, key: &JobKey, now: Instant) {
        if let Some(hot) = self.jobs.get_mut(key) {
            let old = *hot;
            hot.read_at = now;
            if !old.reading {
                let part = queue(&mut self.queues, key).part(old.cancel);
                part.remove(&(old.read_at, key.clone()));
                part.insert((now, key.clone()));
            }
        }
    }

    /// A fast-interval read of `key` started: it is not due again until it ends.
    pub fn reading(&mut self, key: &JobKey) {
        if let Some(hot) = self.jobs.get_mut(key)
            && !hot.reading
        {
            hot.reading = true;
            let hot = *hot;
            queue(&mut self.queues, key)
                .part(hot.cancel)
                .remove(&(hot.read_at, key.clone()));
        }
    }

    /// A fast-interval read of `key` ended `now` (whatever its outcome).
    pub fn read(&mut self, key: &JobKey, now: Instant) {
        if let Some(hot) = self.jobs.get_mut(key) {
            let old = *hot;
            hot.reading = false;
            hot.read_at = now;
            let part = queue(&mut self.queues, key).part(old.cancel);
            if !old.reading {
                part.remove(&(old.read_at, key.clone()));
            }
            part.insert((now, key.clone()));
        }
    }

    /// The jobs of `subscription` due for a read (unread for `fast_poll`, not being read):
    /// how many, counted up to `count_up_to`, and the first `most` of them, cancels first,
    /// the longest unread first.
    pub fn due(
        &self,
        subscription: &str,
        fast_poll: Duration,
        now: Instant,
        most: usize,
        count_up_to: usize,
    ) -> (usize, Vec<JobKey>) {
        let Some(queue) = self.queues.get(&subscription.to_ascii_lowercase()) else {
            return (0, Vec::new());
        };
        let Some(threshold) = now.checked_sub(fast_poll) else {
            return (0, Vec::new());
        };
        let due = || {
            queue
                .cancels
                .iter()
                .take_while(|(at, _)| *at <= threshold)
                .chain(queue.copies.iter().take_while(|(at, _)| *at <= threshold))
        };
        let count = due().take(count_up_to).count();
        let first = due().take(most).map(|(_, key)| key.clone()).collect();
        (count, first)
    }
}

/// The queue of `key`'s subscription.
fn queue<'a>(queues: &'a mut HashMap<String, Queue>, key: &JobKey) -> &'a mut Queue {
    let subscription = key.subscription_id.to_ascii_lowercase();
    queues.entry(subscription).or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FAST: Duration = Duration::from_secs(20);

    /// What `due` must give, by looking through every job (as the worker did before).
    fn brute_force(
        model: &BTreeMap<JobKey, Hot>,
        subscription: &str,
        now: Instant,
        most: usize,
    ) -> (usize, Vec<JobKey>) {
        let mut due: Vec<(bool, Instant, &JobKey)> = model
            .iter()
            .filter(|(key, hot)| {
                !hot.reading
                    && now.saturating_duration_since(hot.read_at) >= FAST
                    && key.subscription_id.eq_ignore_ascii_case(subscription)
            })
            .map(|(key, hot)| (!hot.cancel, hot.read_at, key))
            .collect();
        due.sort();
        let count = due.len();
        (
            count,
            due.into_iter()
                .take(most)
                .map(|(_, _, k)| k.clone())
                .collect(),
        )
    }

    proptest::proptest! {
        /// After any sequence of changes, the due jobs are those a look through all of them
        /// finds, in the same order.
        #[test]
        fn the_due_jobs_are_those_a_full_look_finds(
            steps in proptest::collection::vec((0_u8..6, 0_usize..12, 0_u64..60, proptest::bool::ANY), 1..80),
        ) {
            let start = Instant::now();
            let key = |i: usize| JobKey::new(if i.is_multiple_of(3) { "S2" } else { "s1" }, "rg", format!("job-{i}"));
            let mut hot = HotJobs::default();
            let mut model: BTreeMap<JobKey, Hot> = BTreeMap::new();
            for (op, i, secs, cancel) in steps {
                let (k, now) = (key(i), start + Duration::from_secs(secs));
                match op {
                    0 => {
                        hot.moving(&k, cancel, now);
                        model.entry(k.clone()).and_modify(|h| h.cancel = cancel).or_insert(Hot { cancel, read_at: now, reading: false });
                    }
                    1 => {
                        hot.remove(&k);
                        model.remove(&k);
                    }
                    2 => {
                        hot.seen(&k, now);
                        if let Some(h) = model.get_mut(&k) { h.read_at = now; }
                    }
                    3 => {
                        hot.reading(&k);
                        if let Some(h) = model.get_mut(&k) { h.reading = true; }
                    }
                    4 => {
                        hot.read(&k, now);
                        if let Some(h) = model.get_mut(&k) { h.reading = false; h.read_at = now; }
                    }
                    _ => {
                        let keep = |key: &JobKey| key.name.len() % 2 == usize::from(cancel);
                        hot.retain(keep);
                        model.retain(|key, _| keep(key));
                    }
                }
                for subscription in ["s1", "s2"] {
                    for at in [0, 20, 45, 90] {
                        let now = start + Duration::from_secs(at);
                        let expected = brute_force(&model, subscription, now, 3);
                        proptest::prop_assert_eq!(hot.due(subscription, FAST, now, 3, usize::MAX), expected.clone());
                        proptest::prop_assert_eq!(hot.due(subscription, FAST, now, 3, 2).0, expected.0.min(2));
                    }
                }
                for k in model.keys() {
                    proptest::prop_assert!(hot.contains(k));
                }
                proptest::prop_assert_eq!(hot.jobs.len(), model.len());
            }
        }
    }
}
