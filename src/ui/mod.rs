//! The egui window. `app.rs` holds the `eframe::App`; each panel or dialog has a file of
//! its own and a `*_ui` function that reads the model and pushes intents.

pub mod about;
mod activity_log;
pub mod app;
mod cancel_monitor;
pub mod columns;
pub mod confirm_dialog;
pub mod context;
pub mod desktop_notify;
pub mod export;
mod export_ui;
pub mod fonts;
pub mod format;
mod frame_tally;
pub mod intent;
mod job_detail;
mod jobs_table;
pub mod layout;
#[cfg(test)]
mod panel_tests;
pub mod selection;
pub mod settings;
pub mod settings_draft;
mod shortcuts;
mod stale_banner;
pub mod state;
mod status_bar;
pub mod table_view;
mod toolbar;

pub use about::Folders;
pub use app::{App, AppConfig};
pub use settings_draft::SettingsContext;
pub use state::{Source, UiState};
