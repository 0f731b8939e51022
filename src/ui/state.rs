//! The window's state, apart from the window: the session (jobs, activity log, the worker's
//! status), the table's view, the selection, what lasts across runs, the dialog, notices, the
//! settings draft and the About window. Intents change it and come out as worker commands
//! ([`AppState::handle`]); nothing here needs an egui context or a worker, so it is tested
//! plainly, and panels are drawn from the [`PanelContext`] it lends ([`AppState::panels`]).

use std::collections::BTreeSet;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::model::{Action, Event, JobKey, Notification, Notifier, Session, WorkerStatus, verdict};
use crate::worker::Command;

use super::about::Folders;
use super::confirm_dialog::{Answer, ConfirmDialog};
use super::context::{PanelContext, PanelState};
use super::export::ExportState;
use super::intent::Intent;
use super::selection::Selection;
use super::settings_draft::{SettingsContext, SettingsDraft};
use super::table_view::{SortColumn, TableQuery, TableView};

/// Where the jobs come from, as the status bar says it.
#[derive(Clone, Debug, PartialEq)]
pub enum Source {
    /// The embedded emulator with its demo data.
    Emulator {
        /// Its URL.
        url: String,
        /// The scenario it serves, e.g. "demo" or "load:100000".
        scenario: String,
        /// Simulated seconds per real second.
        speed: f64,
    },
    /// Azure Resource Manager (or another endpoint).
    Azure {
        /// The endpoint.
        endpoint: String,
        /// Who the token is for.
        identity: String,
    },
}

impl Source {
    /// The label shown in the window.
    #[must_use]
    pub fn label(&self) -> String {
        match self {
            Source::Emulator {
                url,
                scenario,
                speed,
            } => {
                let data = if scenario == "demo" {
                    crate::tr!("source-demo").to_owned()
                } else {
                    crate::tr!("source-scenario", scenario = scenario.as_str())
                };
                crate::tr!(
                    "source-emulator",
                    data = data,
                    speed = speed.to_string(),
                    url = url.as_str()
                )
            }
            Source::Azure { endpoint, identity } => crate::tr!(
                "source-azure",
                endpoint = endpoint.as_str(),
                identity = identity.as_str()
            ),
        }
    }
}

/// What lasts across runs (through eframe's persistence).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    /// Table filters and order.
    pub query: TableQuery,
    /// Whether the cancellation monitor is open (below the table).
    pub show_monitor: bool,
    /// The theme: the OS's (the default), light or dark.
    pub theme: ThemeChoice,
    /// Whether the activity log is open.
    pub show_activity: bool,
    /// The table's columns the user hid (right-click on the header).
    pub hidden_columns: BTreeSet<SortColumn>,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            query: TableQuery::default(),
            show_monitor: true,
            theme: ThemeChoice::System,
            show_activity: true,
            hidden_columns: BTreeSet::new(),
        }
    }
}

/// Which theme the window uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThemeChoice {
    /// The OS's, following its changes.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl ThemeChoice {
    /// All choices, in the order offered.
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark];

    /// The choice as the menu offers it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            ThemeChoice::System => crate::tr!("theme-system"),
            ThemeChoice::Light => crate::tr!("theme-light"),
            ThemeChoice::Dark => crate::tr!("theme-dark"),
        }
    }
}

/// The keys of a frame that move the selection or act on it (see [`SHORTCUTS`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[expect(
    clippy::struct_excessive_bools,
    reason = "one flag per key, as egui reports them"
)]
pub struct Keys {
    /// Arrow down.
    pub down: bool,
    /// Arrow up.
    pub up: bool,
    /// Page down.
    pub page_down: bool,
    /// Page up.
    pub page_up: bool,
    /// Home.
    pub home: bool,
    /// End.
    pub end: bool,
    /// Enter.
    pub enter: bool,
    /// Delete.
    pub delete: bool,
    /// F5 or Ctrl+R.
    pub refresh: bool,
    /// Ctrl+F.
    pub find: bool,
    /// Ctrl+A.
    pub select_all: bool,
    /// Escape.
    pub escape: bool,
    /// F1 or `?`.
    pub help: bool,
    /// Shift held: a move extends the selection from its anchor.
    pub extend: bool,
    /// Ctrl+C (egui's copy event).
    pub copy: bool,
    /// Ctrl+E.
    pub export: bool,
}

/// The keyboard shortcuts, as the shortcuts window lists them: the message id of the keys
/// (named as the language's keyboards print them: "Re Pág", "Maiusc") and the message id of
/// what they do.
pub const SHORTCUTS: [(&str, &str); 14] = [
    ("keys-refresh", "shortcut-refresh"),
    ("keys-filter", "shortcut-filter"),
    ("keys-select-all", "shortcut-select-all"),
    ("keys-move", "shortcut-move"),
    ("keys-page", "shortcut-page"),
    ("keys-home-end", "shortcut-home-end"),
    ("keys-extend", "shortcut-extend"),
    ("keys-enter", "shortcut-enter"),
    ("keys-delete", "shortcut-delete"),
    ("keys-copy", "shortcut-copy"),
    ("keys-export", "shortcut-export"),
    ("keys-escape", "shortcut-escape"),
    ("keys-click", "shortcut-click"),
    ("keys-help", "shortcut-help"),
];

/// Everything the window shows and edits; see the module's documentation.
pub struct AppState {
    /// The jobs, the activity log, the worker's status, the subscriptions.
    pub session: Session,
    /// Where the jobs come from.
    pub source: Source,
    /// What lasts across runs: filters, sort, open panels, theme.
    pub ui_state: UiState,
    /// The table's rows, filtered and sorted.
    pub view: TableView,
    /// The selection and the job in the detail panel.
    pub selection: Selection,
    /// The confirmation dialog, while open.
    pub dialog: Option<ConfirmDialog>,
    /// A line for the toolbar until dismissed.
    pub notice: Option<String>,
    /// The polling intervals in force, in seconds (full listing, moving jobs), and the
    /// values being edited in the toolbar.
    pub polling: (u64, u64),
    /// The toolbar's polling editor.
    pub polling_edit: (u64, u64),
    /// The read budget in force (reads per subscription and hour; `None`: no limit).
    pub read_budget: Option<u32>,
    /// The config file and what overrides it.
    pub settings: SettingsContext,
    /// The settings window's values, while it is open.
    pub settings_draft: Option<SettingsDraft>,
    /// Whether the list of keyboard shortcuts is open.
    pub show_shortcuts: bool,
    /// The filter takes the keyboard at the next frame (Ctrl+F).
    pub focus_filter: bool,
    /// Rows the table showed at its last frame: what Page Up and Page Down move by.
    pub page_rows: usize,
    /// Where the log files and the data are kept, for the About window.
    pub folders: Folders,
    /// Whether the About window is open.
    pub show_about: bool,
    /// The store version and filters the selection's hidden count was made for; `None`
    /// after anything the user did (an intent may change the selection).
    hidden_counted: Option<(u64, TableQuery)>,
    /// The store version up to which the selection holds no job the store dropped; `None`
    /// after anything the user did (an intent may put any job in the selection).
    selection_pruned: Option<u64>,
    /// The cancellation the monitor opens and scrolls to at its next frame.
    pub watch: Option<JobKey>,
    /// What deserves a desktop notification (see [`AppState::take_notifications`]).
    pub notifier: Notifier,
    /// The export dialog, and the file or clipboard text a frame hands to the window.
    pub export: ExportState,
}

impl AppState {
    /// A state with no jobs yet.
    #[must_use]
    pub fn new(
        source: Source,
        ui_state: UiState,
        polling: (u64, u64),
        read_budget: Option<u32>,
        settings: SettingsContext,
        folders: Folders,
    ) -> Self {
        Self {
            session: Session::default(),
            source,
            ui_state,
            view: TableView::default(),
            selection: Selection::default(),
            dialog: None,
            notice: None,
            polling,
            polling_edit: polling,
            read_budget,
            settings,
            settings_draft: None,
            show_shortcuts: false,
            focus_filter: false,
            page_rows: 20,
            folders,
            show_about: false,
            hidden_counted: None,
            selection_pruned: None,
            watch: None,
            notifier: Notifier::default(),
            export: ExportState::default(),
        }
    }

    /// True when the jobs come from Azure rather than the embedded emulator.
    #[must_use]
    pub fn on_azure(&self) -> bool {
        matches!(self.source, Source::Azure { .. })
    }

    /// The frame's panel context over this state, and the pieces panels edit in place.
    pub fn panels<'a>(
        &'a mut self,
        intents: &'a mut Vec<Intent>,
    ) -> (PanelContext<'a>, PanelState<'a>) {
        let cx = PanelContext::new(
            &self.session,
            &self.view,
            &self.selection,
            &self.source,
            self.polling,
            self.notice.as_deref(),
            &self.settings,
            self.show_about.then_some(&self.folders),
            intents,
        );
        let own = PanelState {
            ui_state: &mut self.ui_state,
            polling_edit: &mut self.polling_edit,
            settings_draft: &mut self.settings_draft,
            show_shortcuts: &mut self.show_shortcuts,
            focus_filter: &mut self.focus_filter,
            page_rows: &mut self.page_rows,
            watch: &mut self.watch,
        };
        (cx, own)
    }

    /// Carries out an intent; returns what must go to the worker.
    pub fn handle(&mut self, intent: Intent) -> Vec<Command> {
        self.hidden_counted = None;
        self.selection_pruned = None;
        let mut out = Vec::new();
        self.handle_into(intent, &mut out);
        out
    }

    /// The user answered the confirmation dialog: a confirmed action goes to the worker as
    /// one command for the whole selection (paced there within ARM's budgets).
    pub fn answer(&mut self, answer: Answer) -> Vec<Command> {
        match (answer, self.dialog.take()) {
            (Answer::Confirm, Some(dialog)) => vec![Command::Act(dialog.action, dialog.targets)],
            _ => Vec::new(),
        }
    }

    /// What became of a command sent to the worker: a confirmed action shows at once in
    /// its rows ("requested…"), or fails there when the worker could not take it; any other
    /// command that could not go says so in the notice line.
    pub fn sent(&mut self, command: &Command, result: Result<(), String>) {
        let now = jiff::Timestamp::now();
        match (command, result) {
            (Command::Act(action, keys), Ok(())) => {
                for key in keys {
                    self.session.apply(Event::ActionSent {
                        key: key.clone(),
                        action: *action,
                        at: now,
                    });
                }
            }
            (Command::Act(action, keys), Err(message)) => {
                for key in keys {
                    self.session.apply(Event::ActionFailed {
                        key: key.clone(),
                        action: *action,
                        status: None,
                        code: None,
                        message: message.clone(),
                        request_id: None,
                        at: now,
                    });
                }
            }
            (_, Err(message)) => self.notice = Some(message),
            (_, Ok(())) => {}
        }
    }

    /// Takes one of the worker's events into the store; a warning about no job in
    /// particular also goes to the notice line.
    pub fn apply_event(&mut self, event: Event) {
        if let Event::Warning {
            key: None, message, ..
        } = &event
        {
            self.notice = Some(message.clone());
        }
        // Before the session applies it: the notifier compares with the jobs as they were.
        self.notifier
            .observe(self.session.store(), &event, jiff::Timestamp::now());
        self.session.apply(event);
    }

    /// Takes the worker's latest status.
    pub fn apply_status(&mut self, status: &WorkerStatus) {
        let now = jiff::Timestamp::now();
        self.notifier.observe_status(status, now);
        self.session.apply_status(status, now);
    }

    /// The desktop notifications due now (the window sends them and asks for attention).
    pub fn take_notifications(&mut self) -> Vec<Notification> {
        self.notifier
            .take(self.session.store(), jiff::Timestamp::now())
    }

    /// Brings the table's rows up to date with the store, and forgets selected jobs that no
    /// longer exist.
    pub fn refresh(&mut self) {
        let store = self.session.store();
        self.view.refresh(store, &self.ui_state.query);
        if let Some(focus) = &self.selection.focus
            && store.get(focus).is_none()
        {
            self.selection.focus = None;
        }
        // Only the jobs changed since the last look can have gone: every job selected
        // (Ctrl+A) at 100,000 jobs made looking them all up cost every frame ~25 ms.
        let version = store.version();
        if self.selection_pruned != Some(version) {
            match self.selection_pruned.and_then(|v| store.changed_since(v)) {
                Some(changed) => {
                    for key in changed {
                        if store.get(key).is_none() {
                            self.selection.keys.remove(key);
                        }
                    }
                }
                None => self.selection.keys.retain(|k| store.get(k).is_some()),
            }
            self.selection_pruned = Some(version);
        }
        self.count_hidden();
    }

    /// Counts the selected jobs the filters hide, when the jobs, the filters or the
    /// selection changed since the last count (a pass over the selection, not every frame).
    fn count_hidden(&mut self) {
        let store = self.session.store();
        let query = &self.ui_state.query;
        if self
            .hidden_counted
            .as_ref()
            .is_some_and(|(version, counted)| *version == store.version() && counted == query)
        {
            return;
        }
        self.selection.hidden = if query.filters_nothing() {
            0
        } else {
            self.selection
                .keys
                .iter()
                .filter_map(|k| store.get(k))
                .filter(|e| !query.matches(e))
                .count()
        };
        self.hidden_counted = Some((store.version(), query.clone()));
    }

    fn handle_into(&mut self, intent: Intent, out: &mut Vec<Command>) {
        match intent {
            Intent::Click { row, toggle, range } => self.click(row, toggle, range, out),
            Intent::Focus(key) => {
                self.selection.keys = [key.clone()].into();
                self.selection.anchor = Some(key.clone());
                self.focus(key, out);
            }
            Intent::Ask(action, keys) => self.ask(action, &keys),
            Intent::Refresh => out.push(Command::Refresh),
            Intent::DismissNotice => self.notice = None,
            Intent::Explain(text) => self.notice = Some(text),
            Intent::SelectAll => {
                self.selection.keys = self.view.rows().iter().cloned().collect();
            }
            Intent::ClearSelection => {
                self.selection.keys.clear();
                self.selection.anchor = None;
            }
            Intent::FocusFilter => self.focus_filter = true,
            Intent::ShowShortcuts(open) => self.show_shortcuts = open,
            Intent::CloseSettings => self.settings_draft = None,
            Intent::ShowMonitor(open) => self.ui_state.show_monitor = open,
            Intent::Watch(key) => {
                self.ui_state.show_monitor = true;
                self.watch = Some(key);
            }
            Intent::OpenSettings => {
                self.settings_draft = Some(
                    SettingsDraft::new(
                        &self.settings,
                        self.polling,
                        self.read_budget,
                        self.on_azure(),
                    )
                    .with_notifications(self.notifier.enabled()),
                );
            }
            Intent::ShowAbout(open) => self.show_about = open,
            Intent::ListSubscriptions => out.push(Command::ListSubscriptions),
            Intent::ApplySettings {
                subscriptions,
                slow_secs,
                fast_secs,
                read_budget,
            } => {
                if read_budget != self.read_budget {
                    self.read_budget = read_budget;
                    out.push(Command::SetReadBudget(read_budget));
                }
                if subscriptions != self.settings.subscriptions {
                    self.settings.subscriptions.clone_from(&subscriptions);
                    out.push(Command::SetSubscriptions(subscriptions));
                }
                if (slow_secs, fast_secs) != self.polling {
                    self.handle_into(
                        Intent::SetPolling {
                            slow_secs,
                            fast_secs,
                        },
                        out,
                    );
                    self.polling_edit = self.polling;
                }
            }
            Intent::SaveSettings { changes, file } => match self.settings.path.clone() {
                Some(path) => {
                    self.settings.file = file;
                    let edits = super::settings_draft::edits(&changes);
                    out.push(Command::SaveSettings { path, edits });
                }
                None => self.notice = Some(crate::tr!("notice-no-config-folder").to_owned()),
            },
            Intent::SetNotifications(on) => self.notifier.set_enabled(on),
            Intent::SetLanguage(choice) => crate::i18n::set_language(choice.resolve()),
            Intent::SetPolling {
                slow_secs,
                fast_secs,
            } => {
                let (slow_secs, fast_secs) = (slow_secs.max(1), fast_secs.max(1));
                out.push(Command::SetPollIntervals {
                    slow: Duration::from_secs(slow_secs),
                    fast: Duration::from_secs(fast_secs),
                });
                self.polling = (slow_secs, fast_secs);
            }
            Intent::OpenExport => self.export.open(),
            Intent::CloseExport => self.export.dialog = None,
            Intent::Export { path, format } => {
                let notice = self
                    .export
                    .queue(&self.session, self.view.rows(), path, format);
                self.notice = Some(notice);
            }
            Intent::Copy(keys) => {
                let notice = self.export.copy(&self.session, self.view.rows(), &keys);
                self.notice = Some(notice);
            }
        }
    }

    /// Opens the confirmation for `action` on `keys` (saying how many the filter hides), or
    /// says why it cannot be.
    fn ask(&mut self, action: Action, keys: &[JobKey]) {
        self.dialog = ConfirmDialog::new(self.session.store(), action, keys);
        if let Some(dialog) = &mut self.dialog {
            let (store, query) = (self.session.store(), &self.ui_state.query);
            dialog.hidden = dialog
                .targets
                .iter()
                .filter_map(|k| store.get(k))
                .filter(|e| !query.matches(e))
                .count();
        } else {
            self.notice = Some(crate::tr!("notice-not-possible", action = action.key()));
        }
    }

    fn click(&mut self, row: usize, toggle: bool, range: bool, out: &mut Vec<Command>) {
        let Some(key) = self.view.rows().get(row).cloned() else {
            return;
        };
        self.selection.reveal = Some(row);
        let anchor_row = self
            .selection
            .anchor
            .as_ref()
            .and_then(|anchor| self.view.position(self.session.store(), anchor));
        if range && let Some(anchor) = anchor_row {
            let (from, to) = (anchor.min(row), anchor.max(row));
            self.selection.keys = self.view.rows()[from..=to].iter().cloned().collect();
        } else if toggle {
            if !self.selection.keys.remove(&key) {
                self.selection.keys.insert(key.clone());
            }
            self.selection.anchor = Some(key.clone());
        } else {
            // A plain click, or a shift-click whose anchor is filtered out of view.
            self.selection.keys = [key.clone()].into();
            self.selection.anchor = Some(key.clone());
        }
        self.focus(key, out);
    }

    /// Opens `key` in the detail panel and reads it in full: listings may omit its drives,
    /// and polls keep no log links.
    fn focus(&mut self, key: JobKey, out: &mut Vec<Command>) {
        if self.selection.focus.as_ref() != Some(&key) {
            out.push(Command::Inspect(key.clone()));
        }
        self.selection.focus = Some(key);
    }

    /// What the keys pressed ask for (see [`SHORTCUTS`]; the window passes no key while a
    /// text field has the keyboard, and none but Escape reaches a dialog's owner).
    #[must_use]
    pub fn keyboard(&self, keys: Keys) -> Vec<Intent> {
        let mut intents = Vec::new();
        if self.dialog.is_some() {
            // The dialog answers its own keys (Enter, Escape).
            return intents;
        }
        if keys.refresh {
            intents.push(Intent::Refresh);
        }
        if keys.find {
            intents.push(Intent::FocusFilter);
        }
        if keys.help {
            intents.push(Intent::ShowShortcuts(!self.show_shortcuts));
        }
        if keys.escape {
            intents.push(if self.show_shortcuts {
                Intent::ShowShortcuts(false)
            } else if self.settings_draft.is_some() {
                Intent::CloseSettings
            } else if self.export.dialog.is_some() {
                Intent::CloseExport
            } else {
                Intent::ClearSelection
            });
        }
        if keys.select_all {
            intents.push(Intent::SelectAll);
        }
        if keys.copy {
            intents.push(Intent::Copy(self.selection.keys.iter().cloned().collect()));
        }
        if keys.export {
            intents.push(Intent::OpenExport);
        }
        if let Some(row) = self.moved_to(keys) {
            intents.push(Intent::Click {
                row,
                toggle: false,
                range: keys.extend,
            });
        }
        if keys.enter
            && let Some(key) = self.selection.focus.clone()
        {
            intents.push(Intent::Focus(key));
        }
        if keys.delete {
            let keys: Vec<JobKey> = self.selection.keys.iter().cloned().collect();
            let verdict = verdict(self.session.store(), Action::Delete, &keys);
            if keys.is_empty() {
                intents.push(Intent::Explain(
                    crate::tr!("notice-delete-select-first").to_owned(),
                ));
            } else if verdict.is_possible() {
                intents.push(Intent::Ask(Action::Delete, keys));
            } else {
                // A key that does nothing must say why.
                intents.push(Intent::Explain(crate::tr!(
                    "notice-delete-not-possible",
                    reason = verdict.why_not().unwrap_or_default()
                )));
            }
        }
        intents
    }

    /// The row the movement keys go to, from the focused row (the first row when none).
    fn moved_to(&self, keys: Keys) -> Option<usize> {
        let rows = self.view.rows().len();
        let moves = keys.down || keys.up || keys.page_down || keys.page_up || keys.home || keys.end;
        if rows == 0 || !moves {
            return None;
        }
        let last = rows - 1;
        let page = self.page_rows.max(1);
        let current = self
            .selection
            .focus
            .as_ref()
            .and_then(|k| self.view.position(self.session.store(), k));
        let Some(at) = current else {
            return Some(if keys.end { last } else { 0 });
        };
        Some(if keys.home {
            0
        } else if keys.end {
            last
        } else if keys.page_down {
            (at + page).min(last)
        } else if keys.page_up {
            at.saturating_sub(page)
        } else if keys.down {
            (at + 1).min(last)
        } else {
            at.saturating_sub(1)
        })
    }
}
