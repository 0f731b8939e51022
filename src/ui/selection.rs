//! Which jobs are selected, which one the detail panel shows, and where a shift-click range
//! starts.

use std::collections::BTreeSet;

use crate::model::JobKey;

/// Which rows are selected, and which job the detail panel shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Selection {
    /// The selected jobs.
    pub keys: BTreeSet<JobKey>,
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
