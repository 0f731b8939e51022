//! The window: panels, the flow of intents to the worker, and events into the store.

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use eframe::egui;
use serde::{Deserialize, Serialize};

use crate::arm::ArmClient;
use crate::model::{Action, Event, JobKey, Store};
use crate::worker::{Command, WorkerConfig, WorkerHandle};

use super::confirm_dialog::{Answer, ConfirmDialog, confirm_dialog_ui};
use super::settings::{SettingsContext, SettingsDraft};
use super::table_view::{TableQuery, TableView};
use crate::config::Layer;

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
                    "demo data".to_owned()
                } else {
                    format!("scenario {scenario}")
                };
                format!("Local emulator: {data}, clock x{speed} ({url})")
            }
            Source::Azure { endpoint, identity } => format!("{endpoint} as {identity}"),
        }
    }
}

/// What the app needs to start.
pub struct AppConfig {
    /// The ARM client.
    pub client: ArmClient,
    /// How the worker polls.
    pub worker: WorkerConfig,
    /// Where the jobs come from.
    pub source: Source,
    /// The config file and what overrides it.
    pub settings: SettingsContext,
}

/// What lasts across runs (through eframe's persistence).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UiState {
    /// Table filters and order.
    pub query: TableQuery,
    /// Whether the cancellation monitor is open (below the table).
    pub show_monitor: bool,
    /// Dark or light theme.
    pub dark_mode: bool,
    /// Whether the activity log is open.
    pub show_activity: bool,
}

impl Default for UiState {
    fn default() -> Self {
        Self {
            query: TableQuery::default(),
            show_monitor: true,
            dark_mode: true,
            show_activity: true,
        }
    }
}

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
}

/// Something the user asked for during a frame, carried out after drawing.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    /// Open the cancellation monitor.
    ShowMonitor,
    /// Open the settings window.
    OpenSettings,
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
    /// Change the polling intervals (seconds).
    SetPolling {
        /// Full listing interval.
        slow_secs: u64,
        /// Interval for moving jobs.
        fast_secs: u64,
    },
}

const STORAGE_KEY: &str = "iejobs-ui";

/// The application.
pub struct App {
    pub(crate) store: Store,
    worker: WorkerHandle,
    pub(crate) source: Source,
    pub(crate) ui_state: UiState,
    pub(crate) view: TableView,
    pub(crate) selection: Selection,
    dialog: Option<ConfirmDialog>,
    pub(crate) notice: Option<String>,
    /// The polling intervals in force, in seconds (full listing, moving jobs), and the
    /// values being edited in the toolbar.
    pub(crate) polling: (u64, u64),
    pub(crate) polling_edit: (u64, u64),
    /// The read budget in force (reads per subscription and hour; `None`: no limit).
    pub(crate) read_budget: Option<u32>,
    pub(crate) settings: SettingsContext,
    pub(crate) settings_draft: Option<SettingsDraft>,
    /// When the app was made, until the first frame that shows jobs (then `None`).
    started: Option<Instant>,
}

impl App {
    /// Starts the worker and restores the last UI state.
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> std::io::Result<Self> {
        let ui_state: UiState = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        cc.egui_ctx.set_theme(if ui_state.dark_mode {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        });
        super::fonts::install(&cc.egui_ctx);
        let ctx = cc.egui_ctx.clone();
        let polling = (
            config.worker.slow_poll.as_secs().max(1),
            config.worker.fast_poll.as_secs().max(1),
        );
        let read_budget = config.worker.budget.reads_per_hour;
        let worker = WorkerHandle::spawn(
            config.client,
            config.worker,
            std::sync::Arc::new(move || ctx.request_repaint()),
        )?;
        Ok(Self {
            store: Store::default(),
            worker,
            source: config.source,
            ui_state,
            view: TableView::default(),
            selection: Selection::default(),
            dialog: None,
            notice: None,
            polling,
            polling_edit: polling,
            read_budget,
            settings: config.settings,
            settings_draft: None,
            started: Some(Instant::now()),
        })
    }

    /// True when the jobs come from Azure rather than the embedded emulator.
    #[must_use]
    pub fn on_azure(&self) -> bool {
        matches!(self.source, Source::Azure { .. })
    }

    /// Shows `key` in the detail panel, selected alone, as a click on its row does.
    pub fn show_job(&mut self, key: JobKey) {
        self.handle(Intent::Focus(key));
    }

    /// The table's rows and counts, as last drawn.
    #[must_use]
    pub fn view(&self) -> &TableView {
        &self.view
    }

    /// The selected jobs and the one in the detail panel.
    #[must_use]
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The store (for tests).
    #[must_use]
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Takes the worker's events into the store, for at most ~10 ms per frame, and its
    /// latest status.
    fn drain_events(&mut self, ctx: &egui::Context) {
        if let Some(status) = self.worker.status_change() {
            self.store.apply_status(&status, jiff::Timestamp::now());
        }
        let started = Instant::now();
        while let Some(event) = self.worker.try_recv() {
            if let Event::Warning {
                key: None, message, ..
            } = &event
            {
                self.notice = Some(message.clone());
            }
            self.store.apply(event);
            if started.elapsed() > Duration::from_millis(10) {
                ctx.request_repaint();
                break;
            }
        }
    }

    fn handle(&mut self, intent: Intent) {
        match intent {
            Intent::Click { row, toggle, range } => self.click(row, toggle, range),
            Intent::Focus(key) => {
                self.selection.keys = [key.clone()].into();
                self.selection.anchor = Some(key.clone());
                self.focus(key);
            }
            Intent::Ask(action, keys) => {
                self.dialog = ConfirmDialog::new(&self.store, action, &keys);
                if self.dialog.is_none() {
                    self.notice = Some(format!(
                        "{} is not possible for the selected jobs.",
                        action.label()
                    ));
                }
            }
            Intent::Refresh => self.send(Command::Refresh),
            Intent::ShowMonitor => self.ui_state.show_monitor = true,
            Intent::OpenSettings => {
                self.settings_draft = Some(SettingsDraft::new(
                    &self.settings,
                    self.polling,
                    self.read_budget,
                    self.on_azure(),
                ));
            }
            Intent::ListSubscriptions => self.send(Command::ListSubscriptions),
            Intent::ApplySettings {
                subscriptions,
                slow_secs,
                fast_secs,
                read_budget,
            } => {
                if read_budget != self.read_budget {
                    self.read_budget = read_budget;
                    self.send(Command::SetReadBudget(read_budget));
                }
                if subscriptions != self.settings.subscriptions {
                    self.settings.subscriptions.clone_from(&subscriptions);
                    self.send(Command::SetSubscriptions(subscriptions));
                }
                if (slow_secs, fast_secs) != self.polling {
                    self.handle(Intent::SetPolling {
                        slow_secs,
                        fast_secs,
                    });
                    self.polling_edit = self.polling;
                }
            }
            Intent::SaveSettings { changes, file } => match self.settings.path.clone() {
                Some(path) => {
                    self.settings.file = file;
                    let edits = super::settings::edits(&changes);
                    self.send(Command::SaveSettings { path, edits });
                }
                None => self.notice = Some("There is no config folder to save to.".to_owned()),
            },
            Intent::SetPolling {
                slow_secs,
                fast_secs,
            } => {
                let (slow_secs, fast_secs) = (slow_secs.max(1), fast_secs.max(1));
                self.send(Command::SetPollIntervals {
                    slow: Duration::from_secs(slow_secs),
                    fast: Duration::from_secs(fast_secs),
                });
                self.polling = (slow_secs, fast_secs);
            }
        }
    }

    fn click(&mut self, row: usize, toggle: bool, range: bool) {
        let Some(key) = self.view.rows().get(row).cloned() else {
            return;
        };
        self.selection.reveal = Some(row);
        let anchor_row = self
            .selection
            .anchor
            .as_ref()
            .and_then(|anchor| self.view.position(anchor));
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
        self.focus(key);
    }

    /// Opens `key` in the detail panel and reads it in full: listings may omit its drives,
    /// and polls keep no log links.
    fn focus(&mut self, key: JobKey) {
        if self.selection.focus.as_ref() != Some(&key) {
            self.send(Command::Inspect(key.clone()));
        }
        self.selection.focus = Some(key);
    }

    fn send(&mut self, command: Command) {
        if let Err(e) = self.worker.send(command) {
            self.notice = Some(e);
        }
    }

    /// Sends the confirmed action: the rows show it at once, the worker queues it (one
    /// command for the whole selection, paced within ARM's write and delete budgets).
    fn confirmed(&mut self, dialog: ConfirmDialog) {
        let now = jiff::Timestamp::now();
        let action = dialog.action;
        match self
            .worker
            .send(Command::Act(action, dialog.targets.clone()))
        {
            Ok(()) => {
                for key in dialog.targets {
                    self.store.apply(Event::ActionSent {
                        key,
                        action,
                        at: now,
                    });
                }
            }
            Err(message) => {
                for key in dialog.targets {
                    self.store.apply(Event::ActionFailed {
                        key,
                        action,
                        code: None,
                        message: message.clone(),
                        at: now,
                    });
                }
            }
        }
    }

    /// Arrow keys, Enter, Delete: only when no text field has the keyboard.
    fn keyboard(&mut self, ctx: &egui::Context) -> Vec<Intent> {
        let mut intents = Vec::new();
        if self.dialog.is_some() || ctx.egui_wants_keyboard_input() {
            return intents;
        }
        let (down, up, enter, delete) = ctx.input(|i| {
            (
                i.key_pressed(egui::Key::ArrowDown),
                i.key_pressed(egui::Key::ArrowUp),
                i.key_pressed(egui::Key::Enter),
                i.key_pressed(egui::Key::Delete),
            )
        });
        let rows = self.view.rows().len();
        if (down || up) && rows > 0 {
            let current = self
                .selection
                .focus
                .as_ref()
                .and_then(|k| self.view.position(k));
            let next = match (current, down) {
                (None, _) => 0,
                (Some(r), true) => (r + 1).min(rows - 1),
                (Some(r), false) => r.saturating_sub(1),
            };
            intents.push(Intent::Click {
                row: next,
                toggle: false,
                range: false,
            });
        }
        if enter && let Some(key) = self.selection.focus.clone() {
            intents.push(Intent::Focus(key));
        }
        if delete {
            let keys: Vec<JobKey> = self.selection.keys.iter().cloned().collect();
            let any_allowed = keys.iter().any(|k| {
                self.store
                    .get(k)
                    .is_some_and(|e| e.permission(Action::Delete).is_allowed())
            });
            if any_allowed {
                intents.push(Intent::Ask(Action::Delete, keys));
            }
        }
        intents
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.drain_events(ctx);
        self.view.refresh(&self.store, &self.ui_state.query);
        if let Some(focus) = &self.selection.focus
            && self.store.get(focus).is_none()
        {
            self.selection.focus = None;
        }
        let store = &self.store;
        self.selection.keys.retain(|k| store.get(k).is_some());
        // The status bar counts down while the API is failing.
        if self.store.poll().degraded.is_some() {
            ctx.request_repaint_after(Duration::from_secs(1));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut intents = self.keyboard(&ctx);
        egui::Panel::top("toolbar")
            .show(ui, |ui| super::toolbar::toolbar_ui(ui, self, &mut intents));
        egui::Panel::bottom("status").show(ui, |ui| super::status_bar::status_bar_ui(ui, self));
        if self.ui_state.show_activity {
            egui::Panel::bottom("activity")
                .resizable(true)
                .default_size(120.0)
                .show(ui, |ui| {
                    super::activity_log::activity_log_ui(ui, &self.store);
                });
        }
        egui::Panel::right("detail")
            .resizable(true)
            .default_size(430.0)
            .min_size(320.0)
            .max_size(620.0)
            .show(ui, |ui| {
                super::job_detail::job_detail_ui(ui, self, &mut intents);
            });
        // After the detail panel, so that the monitor spans only the table's width.
        if self.ui_state.show_monitor {
            egui::Panel::bottom("monitor")
                .resizable(true)
                .default_size(380.0)
                .min_size(120.0)
                .show(ui, |ui| {
                    super::cancel_monitor::cancel_monitor_ui(
                        ui,
                        &self.store,
                        &self.view,
                        &mut intents,
                    );
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            super::jobs_table::jobs_table_ui(ui, self, &mut intents);
        });
        super::settings::settings_ui(&ctx, self, &mut intents);
        if let Some(started) = self.started
            && !self.view.rows().is_empty()
        {
            // Read by scripts/bench-window.sh (P7: start to the first frame with jobs).
            tracing::info!(
                target: "iejobs::startup",
                jobs = self.view.rows().len(),
                since_app_ms = started.elapsed().as_millis(),
                "first frame showing jobs"
            );
            self.started = None;
        }
        if let Some(dialog) = &self.dialog
            && let Some(answer) = confirm_dialog_ui(&ctx, dialog)
        {
            let dialog = self.dialog.take();
            if answer == Answer::Confirm
                && let Some(dialog) = dialog
            {
                self.confirmed(dialog);
                // The rows say "requested…" in the very next frame, not at the next event.
                ctx.request_repaint();
            }
        }
        for intent in intents {
            self.handle(intent);
        }
        if self.selection.reveal.is_some() {
            // The table scrolls to the newly focused row in the next frame.
            ctx.request_repaint();
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.ui_state);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.worker.shutdown();
    }
}
