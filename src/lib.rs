//! iejobs: manage Azure Import/Export jobs, and watch what a cancel really does.
//!
//! The data flow, from a click to the screen and back:
//!
//! ```text
//!  panels (*_ui, given a PanelContext) ──Intent──▶ AppState::handle ──Command──▶ App
//!    ▲ draw from                                                            │ bounded mpsc
//!    │                                                                      ▼
//!  AppState (Session: store, activity log,     worker (tokio, on a named thread): Tracker (what
//!    status; view, selection)                  it knows of each job), budgets, audit trail,
//!    ▲                                         ArmClient ──HTTP──▶ ARM or the emulator
//!    │ apply_event / apply_status                           │
//!  App::logic ◀── bounded channel (every send wakes the UI) ┤
//!             ◀── latest WorkerStatus (watch channel, never fills)
//!
//!  iejobs jobs … ──▶ cli ──▶ worker::perform (the same rule, re-read and audit as the window)
//! ```
//!
//! The worker never waits on the window: events wait in the worker's own queue until the
//! channel has room, and its status (in flight, last poll, failing subscriptions, reads
//! spent against the read budget) keeps only its latest value.
//!
//! - [`model`]: jobs, drives, states and the Cancel/Delete rules; no I/O.
//! - [`arm`]: the REST wire format, the client (paging, retries, typed errors), token sources.
//! - [`auth`]: signing in to Azure (`azure_identity`); the Entra ID stand-in for tests behind
//!   the `test-support` feature.
//! - [`config`]: the settings file, environment and flags, merged and validated.
//! - [`i18n`]: the languages (English, Spanish, Italian): Fluent bundles, the language in
//!   force, numbers and dates as each writes them; [`tr!`] gives a message.
//! - [`cli`]: `iejobs jobs …` and `iejobs audit` for scripts and terminals.
//! - [`audit`]: the durable trail of every Cancel and Delete sent (JSON lines, fsync'd).
//! - [`log_file`]: the window's daily log file in the data folder.
//! - [`emulator`]: a local Microsoft.ImportExport server with a simulated lifecycle and faults.

pub mod arm;
pub mod audit;
pub mod auth;
pub mod cli;
pub mod config;
pub mod emulator;
pub mod i18n;
pub mod log_file;
pub mod model;
pub mod ui;
pub mod worker;
