//! The app's own view of jobs: types, states and the action rules.
//!
//! Nothing here does I/O or knows about egui or tokio, so it is tested with plain unit and
//! property tests. The wire format lives in `arm::wire` and is converted into these types.

mod activity;
mod cancel_report;
mod entry;
mod event;
mod job;
mod journal;
mod notify;
mod open_enum;
mod progress;
mod rules;
mod session;
mod state;
mod status;
mod store;
mod subscriptions;
mod text;
mod units;
mod verdict;

pub use activity::{Activity, ActivityLog, MAX_ACTIVITY};
pub use cancel_report::{CancelReport, DriveOutcome, DriveReport, Eta, cancel_report};
pub use entry::{
    ActionFailure, CancelPhase, CancelWatch, JobEntry, MAX_TRANSITIONS, Pending, RETENTION,
    Transition,
};
pub use event::Event;
pub use job::{Drive, Job, JobKey, Package, account_name};
pub use notify::{
    GROUP_MAX_WAIT, GROUP_QUIET, NAMED_IN_GROUP, Notification, NotificationKind, Notifier,
    UNREACHABLE_AFTER,
};
pub use progress::{Progress, ProgressSample};
pub use rules::{Action, Permission, permission};
pub use session::Session;
pub use state::{DriveState, JobState, JobType};
pub use status::{BulkProgress, SlowPage, SubscriptionFailure, SubscriptionStatus, WorkerStatus};
pub use store::Store;

pub use subscriptions::{SubscriptionInfo, Subscriptions};
pub use text::{ArcStr, DriveId, shared, shared_opt};
pub use units::bytes;
pub use verdict::{SelectionVerdicts, Verdict, verdict};

pub(crate) use open_enum::open_enum;
