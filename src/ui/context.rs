//! What a panel is given for one frame: the model and the table's rows to read, and a sink
//! for what the user asks. A panel changes nothing but the one piece of state it owns
//! (handed in beside the context, see [`super::state::AppState::panels`]); anything that
//! reaches the worker or another panel goes through an [`Intent`].

use crate::model::{Session, Store};

use super::about::Folders;
use super::intent::Intent;
use super::selection::Selection;
use super::settings_draft::{SettingsContext, SettingsDraft};
use super::state::{Source, UiState};
use super::table_view::TableView;

/// The borrowed, read-only view of the window's state that every panel gets.
pub struct PanelContext<'a> {
    /// The jobs, the activity log, the worker's status, the subscriptions.
    pub session: &'a Session,
    /// The table's rows, filtered and sorted, and their counts.
    pub view: &'a TableView,
    /// The selected jobs and the one in the detail panel.
    pub selection: &'a Selection,
    /// Where the jobs come from.
    pub source: &'a Source,
    /// The polling intervals in force, in seconds: full listing, moving jobs.
    pub polling: (u64, u64),
    /// A line for the toolbar until dismissed.
    pub notice: Option<&'a str>,
    /// The config file and what overrides it.
    pub settings: &'a SettingsContext,
    /// The folders to show while the About window is open; `None` while it is closed.
    pub about: Option<&'a Folders>,
    /// What the panels asked for in this frame, carried out after the last one is drawn.
    intents: &'a mut Vec<Intent>,
}

/// The pieces of state panels edit in place, each owned by one panel.
pub struct PanelState<'a> {
    /// The toolbar's switches and the filter row's and table header's query.
    pub ui_state: &'a mut UiState,
    /// The toolbar's polling editor.
    pub polling_edit: &'a mut (u64, u64),
    /// The settings window's values, while it is open.
    pub settings_draft: &'a mut Option<SettingsDraft>,
    /// Whether the shortcuts window is open (it closes itself).
    pub show_shortcuts: &'a mut bool,
    /// Set by Ctrl+F: the filter row takes the keyboard and clears it.
    pub focus_filter: &'a mut bool,
    /// The table writes how many rows it showed: what Page Up and Page Down move by.
    pub page_rows: &'a mut usize,
    /// The cancellation the monitor opens and scrolls to (it clears it once shown).
    pub watch: &'a mut Option<crate::model::JobKey>,
}

impl<'a> PanelContext<'a> {
    /// A context over the given parts; see [`super::state::AppState::panels`].
    #[must_use]
    #[expect(
        clippy::too_many_arguments,
        reason = "one argument per borrowed part, built in one place"
    )]
    pub fn new(
        session: &'a Session,
        view: &'a TableView,
        selection: &'a Selection,
        source: &'a Source,
        polling: (u64, u64),
        notice: Option<&'a str>,
        settings: &'a SettingsContext,
        about: Option<&'a Folders>,
        intents: &'a mut Vec<Intent>,
    ) -> Self {
        Self {
            session,
            view,
            selection,
            source,
            polling,
            notice,
            settings,
            about,
            intents,
        }
    }

    /// Asks for `intent`: carried out once every panel of the frame is drawn.
    pub fn ask(&mut self, intent: Intent) {
        self.intents.push(intent);
    }

    /// The jobs.
    #[must_use]
    pub fn store(&self) -> &'a Store {
        self.session.store()
    }

    /// True when the jobs come from Azure rather than the embedded emulator.
    #[must_use]
    pub fn on_azure(&self) -> bool {
        matches!(self.source, Source::Azure { .. })
    }
}
