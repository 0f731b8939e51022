//! "May this selection be acted on?", answered once for the toolbar, the table's context
//! menu, the keyboard and the confirmation dialog, in one wording.

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
}
