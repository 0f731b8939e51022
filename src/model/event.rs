//! What the worker tells the window, and what the window tells itself when the user acts.

use jiff::Timestamp;

use super::activity::Activity;
use super::entry::Transition;
use super::job::{Job, JobKey};
use super::rules::Action;
use super::subscriptions::SubscriptionInfo;

/// Something that happened, as the window learns it: job data for the [`super::Store`],
/// the rest for the [`super::Session`] around it.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The new and changed jobs of a page of a full listing, sent as the page arrives: jobs
    /// are added or updated, none is dropped (the [`Event::ListingDone`] that follows the
    /// last page says which are gone).
    Partial {
        /// The jobs of the page that are new or changed.
        jobs: Vec<Job>,
        /// When the page arrived.
        at: Timestamp,
    },
    /// A full listing of one subscription has ended: its first one, or one that missed jobs.
    ListingDone {
        /// The subscription listed.
        subscription: String,
        /// How many jobs it holds.
        jobs: usize,
        /// Jobs known before that the listing did not list: they no longer exist.
        gone: Vec<JobKey>,
        /// The subscription's first complete listing in this run: the window logs it.
        first: bool,
        /// When the listing finished.
        at: Timestamp,
    },
    /// One job, freshly read.
    Loaded {
        /// The job.
        job: Job,
        /// When it was read.
        at: Timestamp,
    },
    /// A job no longer exists (the service answered 404).
    Gone {
        /// The job that is gone.
        key: JobKey,
        /// When that was learnt.
        at: Timestamp,
    },
    /// The user started an action; it is on its way.
    ActionSent {
        /// Which job.
        key: JobKey,
        /// Which action.
        action: Action,
        /// When it happened.
        at: Timestamp,
    },
    /// The service confirmed an action. For a cancel, the job as the service answered.
    ActionDone {
        /// Which job.
        key: JobKey,
        /// Which action.
        action: Action,
        /// The job after a cancel; `None` after a delete.
        job: Option<Job>,
        /// When it happened.
        at: Timestamp,
    },
    /// An action failed, or was not sent because the freshest state forbids it.
    ActionFailed {
        /// Which job.
        key: JobKey,
        /// Which action.
        action: Action,
        /// The HTTP status of the service's answer, when one came.
        status: Option<u16>,
        /// ARM error code, when the service refused.
        code: Option<String>,
        /// What went wrong, in words.
        message: String,
        /// Azure's `x-ms-request-id` of the answer, when one came: what Azure support asks
        /// for.
        request_id: Option<String>,
        /// When it happened.
        at: Timestamp,
    },
    /// State histories kept from earlier runs.
    HistoryLoaded(Vec<(JobKey, Vec<Transition>)>),
    /// The subscriptions the identity can see, or why they could not be listed.
    SubscriptionsListed(Result<Vec<SubscriptionInfo>, String>),
    /// The subscriptions whose jobs are listed from now on, and the jobs the worker forgot
    /// because their subscription is no longer watched (the window drops them too).
    Watching {
        /// The subscriptions watched (empty: every usable one the identity sees).
        subscriptions: Vec<String>,
        /// The jobs of subscriptions no longer watched.
        forgotten: Vec<JobKey>,
    },
    /// Lines for the activity log from elsewhere: the audit trail of earlier runs' actions
    /// (so that the log shows them across restarts), and outcomes resolved at start.
    Logged(Vec<Activity>),
    /// Something the administrator must know that is not about one action: a history file
    /// that could not be read, a listing that contradicts itself. Logged as an error line;
    /// the window also shows it until dismissed.
    Warning {
        /// The job it is about, if one.
        key: Option<JobKey>,
        /// What happened and what became of it, in words.
        message: String,
        /// When it happened.
        at: Timestamp,
    },
    /// The settings were written to the config file (its path), or why not.
    SettingsSaved {
        /// The file written, or the error.
        result: Result<String, String>,
        /// When it happened.
        at: Timestamp,
    },
}
