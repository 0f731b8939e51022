//! Job and drive states, and the other open enums of a job.

use super::open_enum::open_enum;

open_enum! {
    /// The state of an Import/Export job.
    ///
    /// The spec types it as a free string; these are the documented values, in lifecycle
    /// order. The docs also name `Canceled` and `Faulted`; those, and anything else, are kept
    /// as [`JobState::Other`] and allow no action.
    pub enum JobState {
        /// Created; the service assumes the drives have not been shipped yet.
        Creating => "Creating",
        /// The customer shipped the drives (tracking information is set).
        Shipping => "Shipping",
        /// All drives arrived at the data centre.
        Received => "Received",
        /// At least one drive has begun processing.
        Transferring => "Transferring",
        /// All drives are processed and wait to be shipped back.
        Packaging => "Packaging",
        /// Drives shipped back, no errors. Deleted by Azure 90 days later.
        Completed => "Completed",
        /// Drives shipped back, there were errors. Deleted by Azure 90 days later.
        Closed => "Closed",
    }
}

open_enum! {
    /// The state of one drive of a job (the spec's `DriveState`, modelled as string).
    pub enum DriveState {
        /// Initial state of an import drive.
        Specified => "Specified",
        /// The drive was received (the initial state of an export drive).
        Received => "Received",
        /// The package arrived without this drive, or never arrived.
        NeverReceived => "NeverReceived",
        /// Data is being copied from or to the drive.
        Transferring => "Transferring",
        /// All data transferred without errors.
        Completed => "Completed",
        /// Finished, with errors, warnings or information in the logs.
        CompletedMoreInfo => "CompletedMoreInfo",
        /// Shipped back to the return address.
        ShippedBack => "ShippedBack",
    }
}

open_enum! {
    /// Whether a job imports data into Azure or exports it out.
    pub enum JobType {
        /// Data on the drives goes into a storage account.
        Import => "Import",
        /// Data from a storage account goes onto the drives.
        Export => "Export",
    }
}

impl JobState {
    /// True in the states before Packaging, the ones in which a cancel can be requested:
    /// Creating, Shipping, Received, Transferring.
    #[must_use]
    pub fn is_before_packaging(&self) -> bool {
        matches!(
            self,
            Self::Creating | Self::Shipping | Self::Received | Self::Transferring
        )
    }

    /// True once the job has shipped its drives back (Completed or Closed): Azure then keeps
    /// it for 90 days.
    #[must_use]
    pub fn is_finished(&self) -> bool {
        matches!(self, Self::Completed | Self::Closed)
    }
}

impl DriveState {
    /// True when the drive's data copy has finished, with or without remarks.
    #[must_use]
    pub fn is_copy_finished(&self) -> bool {
        matches!(
            self,
            Self::Completed | Self::CompletedMoreInfo | Self::ShippedBack
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_parse_in_any_case_and_print_canonically() {
        assert_eq!(JobState::parse("transferring"), JobState::Transferring);
        assert_eq!(JobState::parse("COMPLETED").as_str(), "Completed");
        assert_eq!(
            DriveState::parse("completedmoreinfo"),
            DriveState::CompletedMoreInfo
        );
    }

    #[test]
    fn unknown_values_are_kept_verbatim_through_json() {
        let state: JobState = serde_json::from_str("\"Faulted\"").unwrap();
        assert_eq!(state, JobState::Other("Faulted".into()));
        assert!(!state.is_known());
        assert_eq!(serde_json::to_string(&state).unwrap(), "\"Faulted\"");
        let drive: DriveState = serde_json::from_str("\"Quarantined \"").unwrap();
        assert_eq!(drive.as_str(), "Quarantined ");
    }

    #[test]
    fn every_known_value_round_trips() {
        for state in JobState::KNOWN {
            assert_eq!(&JobState::parse(state.as_str()), state);
        }
        assert_eq!(
            DriveState::KNOWN.len(),
            7,
            "the spec's DriveState has 7 values"
        );
        for state in DriveState::KNOWN {
            assert_eq!(&DriveState::from(state.as_str().to_owned()), state);
        }
    }
}
