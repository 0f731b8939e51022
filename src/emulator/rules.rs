//! The service's own rules for Cancel and Delete, as the emulator enforces them.
//!
//! Written from `shared/docs/azure-importexport-api.md`, on purpose apart from the app's
//! `model::permission`: the emulator plays the service, so a wrong rule in the app shows up
//! as a refused (or wrongly accepted) request in the tests that run against the emulator,
//! instead of being copied into it.
//!
//! - Cancel (`PATCH {"properties":{"cancelRequested":true}}`): the REST guide lets a job be
//!   cancelled "before it is in the Packaging state", i.e. in Creating, Shipping, Received or
//!   Transferring (§8, the decision recorded in the docs). The state does not change at once
//!   (recordings: 200 with `"cancelRequested":true,"state":"Creating"`).
//! - Delete: "Only jobs in the Creating or Completed states can be deleted" (`Jobs_Delete`).
//!   Closed is not in the list. A pending cancel does not matter (recordings: DELETE after a
//!   cancel request answered 200).
//! - Any other state (Canceled, Faulted, anything new) is not in either list: both refused.
//! - A refusal is HTTP 409 with an ARM `ErrorResponse` whose code names the rule; the real
//!   service's codes for these refusals are not documented.
//!
//! One deliberate difference from the app: a cancel sent again while one is pending (and the
//! job is still before Packaging) is accepted and changes nothing, because the request only
//! sets a flag to true and a client may repeat it after a lost answer. The app does not offer
//! Cancel a second time, which is its own choice, not the service's.

use crate::model::JobState;

/// HTTP status of a refused cancel or delete.
pub const REFUSAL_STATUS: u16 = 409;

/// Error code of a refused cancel.
pub const CANCEL_REFUSED: &str = "JobCannotBeCancelled";

/// Error code of a refused delete.
pub const DELETE_REFUSED: &str = "JobCannotBeDeleted";

/// The states in which the REST guide accepts a cancel: the ones before Packaging.
pub const CANCELLABLE_STATES: [&str; 4] = ["Creating", "Shipping", "Received", "Transferring"];

/// The states in which a job can be deleted.
pub const DELETABLE_STATES: [&str; 2] = ["Creating", "Completed"];

/// A refused request: what the emulator answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status ([`REFUSAL_STATUS`]).
    pub status: u16,
    /// ARM error code ([`CANCEL_REFUSED`] or [`DELETE_REFUSED`]).
    pub code: &'static str,
    /// ARM error message, naming the job's state.
    pub message: String,
}

/// What the service does with a cancel request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CancelVerdict {
    /// The cancel is recorded.
    Accept,
    /// A cancel is already pending: 200, nothing changes.
    AlreadyRequested,
    /// Refused.
    Refuse(Refusal),
}

/// True in the states before Packaging (the ones a cancel is accepted in). Compares the
/// service's spelling exactly: states are in Pascal case on the wire.
#[must_use]
pub fn is_before_packaging(state: &JobState) -> bool {
    CANCELLABLE_STATES.contains(&state.as_str())
}

/// The service's answer to `cancelRequested: true` for a job in `state` whose cancel flag is
/// `cancel_requested`.
#[must_use]
pub fn cancel(state: &JobState, cancel_requested: bool) -> CancelVerdict {
    if !is_before_packaging(state) {
        return CancelVerdict::Refuse(Refusal {
            status: REFUSAL_STATUS,
            code: CANCEL_REFUSED,
            message: format!(
                "A job can be cancelled only before it is in the Packaging state (Creating, Shipping, Received or Transferring); this job is {}.",
                state.as_str()
            ),
        });
    }
    if cancel_requested {
        CancelVerdict::AlreadyRequested
    } else {
        CancelVerdict::Accept
    }
}

/// The service's answer to `DELETE` for a job in `state`.
pub fn delete(state: &JobState) -> Result<(), Refusal> {
    if DELETABLE_STATES.contains(&state.as_str()) {
        return Ok(());
    }
    Err(Refusal {
        status: REFUSAL_STATUS,
        code: DELETE_REFUSED,
        message: format!(
            "Only jobs in the Creating or Completed states can be deleted; this job is {}.",
            state.as_str()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Action, permission};

    /// Every known state, plus the states the docs name that the app does not model, plus
    /// spellings a careless rule might accept.
    fn all_states() -> Vec<JobState> {
        let mut states = JobState::KNOWN.to_vec();
        for other in ["Canceled", "Faulted", "creating", "", "Packaging "] {
            states.push(JobState::Other(other.into()));
        }
        states
    }

    #[test]
    fn cancel_is_accepted_before_packaging_only() {
        for (state, accepted) in [
            (JobState::Creating, true),
            (JobState::Shipping, true),
            (JobState::Received, true),
            (JobState::Transferring, true),
            (JobState::Packaging, false),
            (JobState::Completed, false),
            (JobState::Closed, false),
            (JobState::Other("Faulted".into()), false),
            (JobState::Other("Canceled".into()), false),
        ] {
            let verdict = cancel(&state, false);
            assert_eq!(verdict == CancelVerdict::Accept, accepted, "{state}");
            if let CancelVerdict::Refuse(refusal) = verdict {
                assert_eq!((refusal.status, refusal.code), (409, CANCEL_REFUSED));
                assert!(
                    refusal
                        .message
                        .ends_with(&format!("this job is {}.", state.as_str())),
                    "{}",
                    refusal.message
                );
            }
        }
    }

    #[test]
    fn a_repeated_cancel_is_harmless_before_packaging_and_refused_after() {
        assert_eq!(
            cancel(&JobState::Transferring, true),
            CancelVerdict::AlreadyRequested
        );
        assert_eq!(
            cancel(&JobState::Creating, true),
            CancelVerdict::AlreadyRequested
        );
        assert!(matches!(
            cancel(&JobState::Packaging, true),
            CancelVerdict::Refuse(_)
        ));
        assert!(matches!(
            cancel(&JobState::Completed, true),
            CancelVerdict::Refuse(_)
        ));
    }

    #[test]
    fn delete_is_accepted_in_creating_and_completed_only() {
        for state in all_states() {
            let expected = matches!(state, JobState::Creating | JobState::Completed);
            let verdict = delete(&state);
            assert_eq!(verdict.is_ok(), expected, "{state:?}");
            if let Err(refusal) = verdict {
                assert_eq!((refusal.status, refusal.code), (409, DELETE_REFUSED));
                assert!(refusal.message.starts_with(
                    "Only jobs in the Creating or Completed states can be deleted; this job is "
                ));
            }
        }
    }

    #[test]
    fn wire_spellings_that_are_not_the_service_s_are_refused() {
        // The service writes PascalCase; "creating" would be a state nobody documented.
        let lower = JobState::Other("creating".into());
        assert!(matches!(cancel(&lower, false), CancelVerdict::Refuse(_)));
        assert!(delete(&lower).is_err());
    }

    /// The emulator's rule and the app's agree on every state and flag, except where this
    /// module's doc says they differ on purpose (a repeated cancel).
    #[test]
    fn the_service_rule_and_the_app_rule_agree_where_the_docs_do() {
        for state in all_states() {
            for cancel_requested in [false, true] {
                let app_cancel = permission(Action::Cancel, &state, cancel_requested).is_allowed();
                let service_cancel = cancel(&state, cancel_requested);
                match service_cancel {
                    CancelVerdict::Accept => assert!(app_cancel, "{state:?} {cancel_requested}"),
                    CancelVerdict::Refuse(_) => {
                        assert!(!app_cancel, "{state:?} {cancel_requested}");
                    }
                    // The deliberate difference: the service takes a repeated cancel, the app
                    // does not send one.
                    CancelVerdict::AlreadyRequested => {
                        assert!(cancel_requested && !app_cancel, "{state:?}");
                    }
                }
                let app_delete = permission(Action::Delete, &state, cancel_requested).is_allowed();
                assert_eq!(
                    delete(&state).is_ok(),
                    app_delete,
                    "delete {state:?} cancel_requested={cancel_requested}"
                );
            }
        }
    }
}
