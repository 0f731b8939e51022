//! "May this selection be acted on?", answered once for the toolbar, the table's context
//! menu, the keyboard and the confirmation dialog, in one wording.

use std::collections::{BTreeSet, HashSet};

use super::{Action, JobKey, Permission, Store};

/// The rule applied to each job of a selection.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// The action asked about.
    pub action: Action,
    /// The jobs it may be sent for.
    pub allowed: Vec<JobKey>,
    /// The jobs it may not be sent for, with the reason.
    pub refused: Vec<(JobKey, String)>,
}

impl Verdict {
    /// True when at least one job may be acted on.
    #[must_use]
    pub fn is_possible(&self) -> bool {
        !self.allowed.is_empty()
    }

    /// How many jobs were asked about.
    #[must_use]
    pub fn asked(&self) -> usize {
        self.allowed.len() + self.refused.len()
    }

    /// Why the action is not possible (for a disabled button's hover); `None` when it is.
    #[must_use]
    pub fn why_not(&self) -> Option<String> {
        if self.is_possible() {
            return None;
        }
        Some(match self.refused.as_slice() {
            [] => crate::tr!("verdict-select-first").to_owned(),
            [(_, reason)] => reason.clone(),
            refused @ [(first, reason), ..] => {
                // The reason itself, so that a refusal says which rule: once when every job
                // has the same, else the first job's.
                if refused.iter().all(|(_, r)| r == reason) {
                    crate::tr!(
                        "verdict-none-same",
                        action = self.action.key(),
                        count = refused.len(),
                        reason = reason.as_str()
                    )
                } else {
                    crate::tr!(
                        "verdict-none-first",
                        action = self.action.key(),
                        count = refused.len(),
                        first = &first.name,
                        reason = reason.as_str()
                    )
                }
            }
        })
    }
}

/// The rule for `action` on each of `keys`, as the store knows the jobs now (a job with an
/// action on its way, or no longer listed, is refused with the reason).
#[must_use]
pub fn verdict(store: &Store, action: Action, keys: &[JobKey]) -> Verdict {
    let mut allowed = Vec::new();
    let mut refused = Vec::new();
    for key in keys {
        match store.get(key).map(|entry| entry.permission(action)) {
            Some(Permission::Allowed) => allowed.push(key.clone()),
            Some(Permission::Denied(reason)) => refused.push((key.clone(), reason)),
            None => refused.push((key.clone(), crate::tr!("verdict-gone").to_owned())),
        }
    }
    Verdict {
        action,
        allowed,
        refused,
    }
}

/// The verdict on a selection for every action, kept up to date as the jobs change: when
/// only the jobs changed (not the selection), only the changed jobs are looked at again.
///
/// With every job selected (Ctrl+A) at 100,000 jobs, applying the rule to each selected job
/// at every store change cost a frame 124 ms (BENCHMARKS.md, "the session 8 end").
#[derive(Clone, Debug, Default)]
pub struct SelectionVerdicts {
    /// The store version and the selection's stamp the counts are for.
    version: Option<u64>,
    stamp: u64,
    /// Per action, in [`Action::ALL`]'s order: the selected jobs it may be sent for, and why
    /// not when none.
    allowed: [HashSet<JobKey>; Action::ALL.len()],
    why_not: [Option<String>; Action::ALL.len()],
}

impl SelectionVerdicts {
    /// Brings the verdicts up to date with `store` and `selection`, whose `stamp` changes
    /// whenever the selection does (equal stamps mean the same selection, so comparing a
    /// 100,000-key selection each frame is not needed).
    pub fn update(&mut self, store: &Store, selection: &BTreeSet<JobKey>, stamp: u64) {
        let same_selection = self.version.is_some() && self.stamp == stamp;
        if same_selection && self.version == Some(store.version()) {
            return;
        }
        let changed = self
            .version
            .filter(|_| same_selection)
            .and_then(|version| store.changed_since(version));
        match changed {
            Some(keys) => self.update_keys(store, selection, &keys),
            None => self.rebuild(store, selection),
        }
        self.version = Some(store.version());
        self.stamp = stamp;
    }

    /// Forgets everything (the language changed: the reasons are worded again).
    pub fn reset(&mut self) {
        *self = Self::default();
    }

    /// Each action with how many selected jobs it may be sent for, and why not when none.
    pub fn iter(&self) -> impl Iterator<Item = (Action, usize, Option<&str>)> {
        Action::ALL
            .into_iter()
            .zip(self.allowed.iter().zip(&self.why_not))
            .map(|(action, (allowed, why))| (action, allowed.len(), why.as_deref()))
    }

    fn rebuild(&mut self, store: &Store, selection: &BTreeSet<JobKey>) {
        let selected: Vec<JobKey> = selection.iter().cloned().collect();
        for (i, action) in Action::ALL.into_iter().enumerate() {
            let verdict = verdict(store, action, &selected);
            self.why_not[i] = verdict.why_not();
            self.allowed[i] = verdict.allowed.into_iter().collect();
        }
    }

    fn update_keys(&mut self, store: &Store, selection: &BTreeSet<JobKey>, keys: &[&JobKey]) {
        let mut any_selected = false;
        for key in keys.iter().filter(|k| selection.contains(**k)) {
            any_selected = true;
            let entry = store.get(key);
            for (i, action) in Action::ALL.into_iter().enumerate() {
                if entry.is_some_and(|e| e.permission(action).is_allowed()) {
                    self.allowed[i].insert((*key).clone());
                } else {
                    self.allowed[i].remove(*key);
                }
            }
        }
        let mut selected: Option<Vec<JobKey>> = None;
        for (i, action) in Action::ALL.into_iter().enumerate() {
            if !self.allowed[i].is_empty() {
                self.why_not[i] = None;
            } else if any_selected || self.why_not[i].is_none() {
                // None allowed: the reason names the first job's or the common one, so it
                // takes every job (only while nothing selected may be acted on).
                let selected = selected.get_or_insert_with(|| selection.iter().cloned().collect());
                self.why_not[i] = verdict(store, action, selected).why_not();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Event, Job, JobState, Session};

    fn job(name: &str, state: JobState) -> Job {
        Job::new(JobKey::new("s", "rg", name), state)
    }

    #[test]
    fn one_wording_for_every_place_that_asks() {
        let mut session = Session::default();
        let at = jiff::Timestamp::now();
        session.apply(Event::Partial {
            jobs: vec![
                job("shipping", JobState::Shipping),
                job("packaging", JobState::Packaging),
                job("completed", JobState::Completed),
            ],
            at,
        });
        let store = session.store();
        let key = |n: &str| JobKey::new("s", "rg", n);
        let none = verdict(store, Action::Cancel, &[]);
        assert_eq!(
            none.why_not().as_deref(),
            Some("Select jobs in the table first")
        );
        let one = verdict(store, Action::Cancel, &[key("packaging")]);
        assert!(!one.is_possible());
        assert!(
            one.why_not().unwrap().contains("Packaging"),
            "{:?}",
            one.why_not()
        );
        let mixed = verdict(
            store,
            Action::Cancel,
            &[key("shipping"), key("packaging"), key("gone")],
        );
        assert_eq!(mixed.allowed, [key("shipping")]);
        assert_eq!(mixed.refused.len(), 2);
        assert_eq!(mixed.refused[1].1, "The job is no longer listed");
        assert_eq!(mixed.why_not(), None);
        assert_eq!(mixed.asked(), 3);
        let deletes = verdict(store, Action::Delete, &[key("shipping"), key("packaging")]);
        assert_eq!(
            deletes.why_not().as_deref(),
            Some(
                "Delete is not possible for any of the 2 selected jobs (the first, shipping: \
                 Delete is possible only in Creating or Completed; this job is Shipping)"
            )
        );
    }

    #[test]
    fn selection_verdicts_follow_the_changed_jobs_as_a_full_verdict_would() {
        let mut session = Session::default();
        let at = jiff::Timestamp::now();
        let names = ["a", "b", "c", "d", "e"];
        session.apply(Event::Partial {
            jobs: names.iter().map(|n| job(n, JobState::Shipping)).collect(),
            at,
        });
        let key = |n: &str| JobKey::new("s", "rg", n);
        let selection: BTreeSet<JobKey> = ["a", "b", "c", "gone"].map(key).into();
        let mut verdicts = SelectionVerdicts::default();
        let check = |verdicts: &SelectionVerdicts, store: &Store| {
            let selected: Vec<JobKey> = selection.iter().cloned().collect();
            let expected: Vec<(Action, usize, Option<String>)> = Action::ALL
                .into_iter()
                .map(|action| {
                    let v = verdict(store, action, &selected);
                    (action, v.allowed.len(), v.why_not())
                })
                .collect();
            let got: Vec<(Action, usize, Option<String>)> = verdicts
                .iter()
                .map(|(a, n, why)| (a, n, why.map(str::to_owned)))
                .collect();
            assert_eq!(got, expected);
        };
        verdicts.update(session.store(), &selection, 1);
        check(&verdicts, session.store());
        // Jobs move on, one at a time and together, selected or not.
        for (states, moved) in [
            (JobState::Packaging, &["a"][..]),
            (JobState::Packaging, &["b", "e"][..]),
            (JobState::Completed, &["a", "b", "c"][..]),
            (JobState::Creating, &["c", "d"][..]),
            (JobState::Completed, &["c"][..]),
        ] {
            session.apply(Event::Partial {
                jobs: moved.iter().map(|n| job(n, states.clone())).collect(),
                at,
            });
            verdicts.update(session.store(), &selection, 1);
            check(&verdicts, session.store());
        }
        // Nothing cancellable is left: the reason is the full verdict's.
        assert_eq!(verdicts.iter().next().map(|(_, n, _)| n), Some(0));
        assert!(verdicts.iter().next().unwrap().2.is_some());
    }
}
