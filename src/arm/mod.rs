//! Azure Resource Manager: the wire format of Microsoft.ImportExport, the client, its errors
//! and where its tokens come from.

mod client;
mod convert;
mod error;
mod ledger;
mod retry;
pub mod summary;
mod token;
pub mod wire;

pub use client::{
    API_VERSIONS, AZURE_PUBLIC_ENDPOINT, ArmClient, ClientConfig, Confirmed, DEFAULT_API_VERSION,
    DeleteOutcome, JobPager, ListScope, Page, Pager, SUBSCRIPTIONS_API_VERSION, error_text,
};
pub use convert::{ConvertError, job_from_wire, job_summary_from_wire};
pub use error::{ApiError, ArmError, RequestIds, TransportKind};
pub use ledger::{Ledger, LedgerView, subscription_of};
pub use retry::{RetryPolicy, retry_after};
pub use token::{AccessToken, BoxFuture, Secret, StaticToken, TokenError, TokenSource};
