//! The app's own view of jobs: types, states and the action rules.
//!
//! Nothing here does I/O or knows about egui or tokio, so it is tested with plain unit and
//! property tests. The wire format lives in `arm::wire` and is converted into these types.

mod job;
mod open_enum;
mod rules;
mod state;
mod status;
mod store;
mod subscriptions;
mod text;
mod verdict;

pub use job::{Drive, Job, JobKey, Package};
pub use rules::{Action, Permission, permission};
pub use state::{DriveState, JobState, JobType};
pub use status::{BulkProgress, SlowPage, SubscriptionFailure, SubscriptionStatus, WorkerStatus};
pub use store::{
    ActionFailure, Activity, CancelWatch, Event, JobEntry, MAX_TRANSITIONS, Pending, PollStatus,
    ProgressSample, RETENTION, Store, Transition,
};

pub use subscriptions::{SubscriptionInfo, Subscriptions};
pub use text::{ArcStr, shared, shared_opt};
pub use verdict::{Verdict, verdict};

pub(crate) use open_enum::open_enum;
