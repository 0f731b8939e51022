//! What a panel asks for: the only way a panel reaches the worker, a dialog or another
//! panel.

use std::path::PathBuf;

use crate::config::Layer;
use crate::model::{Action, JobKey};

use super::export::ExportFormat;

/// Something the user asked for during a frame, carried out after drawing by
/// [`super::state::AppState::handle`]: panels never act themselves.
#[derive(Clone, Debug, PartialEq, Eq)]
#[must_use = "an intent does nothing until it is handled"]
pub enum Intent {
    /// A row was clicked.
    Click {
        /// Its row.
        row: usize,
        /// Ctrl or Cmd held: toggle.
        toggle: bool,
        /// Shift held: range.
        range: bool,
    },
    /// Show this job in the detail panel (and select it alone).
    Focus(JobKey),
    /// Ask before acting on these jobs.
    Ask(Action, Vec<JobKey>),
    /// List everything now.
    Refresh,
    /// Say something on the notice line (why a key did nothing).
    Explain(String),
    /// Hide the notice line.
    DismissNotice,
    /// Select every row shown (filters applied).
    SelectAll,
    /// Select nothing (the detail panel keeps its job).
    ClearSelection,
    /// Put the keyboard in the filter.
    FocusFilter,
    /// Open (true) or close the list of keyboard shortcuts.
    ShowShortcuts(bool),
    /// Close the settings window without applying anything.
    CloseSettings,
    /// Open (true) or close the cancellation monitor.
    ShowMonitor(bool),
    /// Open the monitor at this job's cancellation.
    Watch(JobKey),
    /// Open the settings window.
    OpenSettings,
    /// Open (true) or close the About window.
    ShowAbout(bool),
    /// List the subscriptions again.
    ListSubscriptions,
    /// Watch these subscriptions (empty: all) and poll at these intervals.
    ApplySettings {
        /// The subscriptions.
        subscriptions: Vec<String>,
        /// Full listing interval.
        slow_secs: u64,
        /// Interval for moving jobs.
        fast_secs: u64,
        /// Reads per subscription and hour (`None`: no limit).
        read_budget: Option<u32>,
    },
    /// Write the settings to the config file.
    SaveSettings {
        /// The keys the user changed, with their new values (`None`: removed).
        changes: Vec<(&'static str, Option<String>)>,
        /// The config file as it will be once saved.
        file: Layer,
    },
    /// Switch desktop notifications on (true) or off, at once.
    SetNotifications(bool),
    /// Speak this language from the next frame on.
    SetLanguage(crate::i18n::LanguageChoice),
    /// Change the polling intervals (seconds).
    SetPolling {
        /// Full listing interval.
        slow_secs: u64,
        /// Interval for moving jobs.
        fast_secs: u64,
    },
    /// Open the export dialog.
    OpenExport,
    /// Close the export dialog without writing anything.
    CloseExport,
    /// Write the rows the table shows, in its order, to this file.
    Export {
        /// The file.
        path: PathBuf,
        /// Its format.
        format: ExportFormat,
    },
    /// Put these jobs on the clipboard as tab-separated text, in the table's order.
    Copy(Vec<JobKey>),
}
