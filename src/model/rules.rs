//! Which actions a job allows, and why not when it does not.
//!
//! This is the one place where the Cancel and Delete rules live; the window, the worker (which
//! checks the freshest state again before sending) and the emulator all ask it.
//!
//! - Cancel: the job is before Packaging (Creating, Shipping, Received, Transferring) and no
//!   cancel is pending (the REST contract: "before it is in the Packaging state").
//! - Delete: the job is Creating or Completed ("Only jobs in the Creating or Completed states
//!   can be deleted"). Closed jobs are not deletable; Azure removes them after 90 days.
//! - A state this build does not know allows nothing.

use std::fmt;

use super::job::Job;
use super::state::JobState;

/// Something a user can do to a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Ask the service to cancel the job (`PATCH` with `cancelRequested: true`).
    Cancel,
    /// Remove the job (`DELETE`).
    Delete,
}

impl Action {
    /// Both actions.
    pub const ALL: [Action; 2] = [Action::Cancel, Action::Delete];

    /// The verb as shown on buttons, in the current language.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Action::Cancel => crate::tr!("action-cancel"),
            Action::Delete => crate::tr!("action-delete"),
        }
    }

    /// The action's name in English, for log lines and the audit trail.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Action::Cancel => "Cancel",
            Action::Delete => "Delete",
        }
    }

    /// The selector Fluent messages take to word a sentence for each action.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Action::Cancel => "cancel",
            Action::Delete => "delete",
        }
    }
}

/// The English name: log lines stay in English whatever the window's language.
impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The answer of [`permission`]: allowed, or denied with a sentence a person can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Permission {
    /// The action may be sent.
    Allowed,
    /// The action may not be sent, for this reason.
    Denied(String),
}

impl Permission {
    /// True when the action may be sent.
    #[must_use]
    pub fn is_allowed(&self) -> bool {
        matches!(self, Permission::Allowed)
    }

    /// The reason for a denial, `None` when allowed.
    #[must_use]
    pub fn reason(&self) -> Option<&str> {
        match self {
            Permission::Allowed => None,
            Permission::Denied(reason) => Some(reason),
        }
    }
}

/// Says whether `action` is allowed for a job in `state` whose cancel flag is `cancel_requested`.
#[must_use]
pub fn permission(action: Action, state: &JobState, cancel_requested: bool) -> Permission {
    use JobState as S;
    if let S::Other(unknown) = state {
        return Permission::Denied(crate::tr!(
            "rule-unknown-state",
            action = action.key(),
            state = unknown.as_str()
        ));
    }
    match action {
        Action::Cancel if !state.is_before_packaging() => Permission::Denied(crate::tr!(
            "rule-cancel-before-packaging",
            state = state.as_str()
        )),
        Action::Cancel if cancel_requested => {
            Permission::Denied(crate::tr!("rule-cancel-requested").to_owned())
        }
        Action::Cancel => Permission::Allowed,
        Action::Delete => match state {
            S::Creating | S::Completed => Permission::Allowed,
            _ => Permission::Denied(crate::tr!(
                "rule-delete-creating-completed",
                state = state.as_str()
            )),
        },
    }
}

impl Job {
    /// Whether `action` is allowed for this job now; see [`permission`].
    #[must_use]
    pub fn permission(&self, action: Action) -> Permission {
        permission(action, &self.state, self.cancel_requested)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// The rule table, written out independently of `permission`'s match arms.
    fn expected(action: Action, state: &JobState, cancel_requested: bool) -> bool {
        let name = state.as_str();
        match action {
            Action::Cancel => {
                ["Creating", "Shipping", "Received", "Transferring"].contains(&name)
                    && !cancel_requested
            }
            Action::Delete => ["Creating", "Completed"].contains(&name),
        }
    }

    fn any_state() -> impl Strategy<Value = JobState> {
        prop_oneof![
            proptest::sample::select(JobState::KNOWN.to_vec()),
            "[A-Za-z ]{0,16}".prop_map(JobState::from),
            Just(JobState::from("Canceled")),
            Just(JobState::from("Faulted")),
        ]
    }

    proptest! {
        #[test]
        fn rule_table_holds_for_every_state(state in any_state(), cancel in any::<bool>()) {
            for action in Action::ALL {
                let verdict = permission(action, &state, cancel);
                prop_assert_eq!(verdict.is_allowed(), expected(action, &state, cancel) && state.is_known(),
                    "{} in {} (cancel_requested={})", action, state, cancel);
                if let Some(reason) = verdict.reason() {
                    prop_assert!(!reason.is_empty());
                    if !cancel || action == Action::Delete {
                        prop_assert!(reason.contains(state.as_str()), "reason {:?} names the state", reason);
                    }
                }
            }
        }

        #[test]
        fn unknown_states_allow_nothing(text in "\\PC{0,24}", cancel in any::<bool>()) {
            let state = JobState::Other(text.into());
            for action in Action::ALL {
                prop_assert!(!permission(action, &state, cancel).is_allowed());
            }
        }
    }

    #[test]
    fn reasons_read_as_the_docs_say() {
        assert_eq!(
            permission(Action::Cancel, &JobState::Packaging, false).reason(),
            Some("Cancel is possible only before Packaging; this job is Packaging")
        );
        assert_eq!(
            permission(Action::Cancel, &JobState::Transferring, true).reason(),
            Some("A cancel was already requested")
        );
        assert_eq!(
            permission(Action::Delete, &JobState::Transferring, false).reason(),
            Some("Delete is possible only in Creating or Completed; this job is Transferring")
        );
        assert!(permission(Action::Delete, &JobState::Completed, true).is_allowed());
        assert!(!permission(Action::Delete, &JobState::Closed, false).is_allowed());
        assert!(
            permission(Action::Cancel, &JobState::from("Faulted"), false)
                .reason()
                .is_some_and(|r| r.contains("\"Faulted\""))
        );
    }
}
