//! The window: the worker, the panels drawn from the [`AppState`], intents carried out and
//! sent as commands, the worker's events taken into the state.

use std::time::{Duration, Instant};

use eframe::egui;

use crate::arm::ArmClient;
use crate::model::{JobKey, Session, Store};
use crate::worker::{Command, Wake, WorkerConfig, WorkerHandle};

use super::about::Folders;
use super::confirm_dialog::confirm_dialog_ui;
use super::desktop_notify::DesktopNotifier;
use super::intent::Intent;
use super::selection::Selection;
use super::settings_draft::SettingsContext;
use super::state::{AppState, Keys, Source, UiState};
use super::table_view::TableView;

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
    /// Where the log files and the data are kept (shown in Help → About).
    pub folders: Folders,
    /// Whether notifications reach the desktop (the window decides them either way; tests
    /// turn this off so that a developer's desktop shows no popups).
    pub desktop_notifications: bool,
}

const STORAGE_KEY: &str = "iejobs-ui";

/// How long what background polling found may wait for a frame (one comes sooner when the
/// user moves the mouse or an action answers; the times shown are those of the reads, not
/// of the frame). A listing spreads its pages over minutes under ARM's read budget: woken
/// for each, an untouched window drew 40 frames a minute at 10,000 jobs, 1.8 % of a core;
/// with 5 s, 10 frames and 0.63 % (BENCHMARKS.md, P10). Polls come every 20 s at the
/// fastest, so 10 s is within one poll.
const BACKGROUND_REPAINT: Duration = Duration::from_secs(10);

/// The application: the window's state and the worker it talks to. Panels are drawn from
/// the state alone; only this type sends commands and takes events.
pub struct App {
    state: AppState,
    worker: WorkerHandle,
    /// When the app was made, until the first frame that shows jobs (then `None`).
    started: Option<Instant>,
    /// When the app was made, until every watched subscription has been listed once.
    loading: Option<Instant>,
    /// Where desktop notifications go; `None` in tests (the model still decides them).
    desktop: Option<DesktopNotifier>,
    /// The threads that write exports and ask the system's save dialog.
    exporter: super::export_ui::Exporter,
    /// Frames drawn and their cost, logged once a minute at debug level.
    frames: super::frame_tally::FrameTally,
    /// When this frame's `logic` began.
    frame_began: Option<Instant>,
}

impl App {
    /// Starts the worker and restores the last UI state.
    pub fn new(cc: &eframe::CreationContext<'_>, config: AppConfig) -> std::io::Result<Self> {
        let ctx = cc.egui_ctx.clone();
        let worker = WorkerHandle::spawn(
            config.client,
            config.worker.clone(),
            std::sync::Arc::new(move |wake| match wake {
                Wake::Now => ctx.request_repaint(),
                Wake::Soon => ctx.request_repaint_after(BACKGROUND_REPAINT),
            }),
        )?;
        let mut app = Self::with_worker(
            cc,
            config.source,
            &config.worker,
            config.settings,
            config.folders,
            worker,
        );
        if config.desktop_notifications {
            app.desktop = DesktopNotifier::spawn()
                .inspect_err(|e| tracing::warn!("desktop notifications are off: {e}"))
                .ok();
        }
        Ok(app)
    }

    /// The app around a worker already started (as rerun's `with_commands`): tests hand in
    /// a worker of their own.
    #[must_use]
    pub fn with_worker(
        cc: &eframe::CreationContext<'_>,
        source: Source,
        worker_config: &WorkerConfig,
        settings: SettingsContext,
        folders: Folders,
        worker: WorkerHandle,
    ) -> Self {
        let ui_state: UiState = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        cc.egui_ctx
            .set_theme(super::toolbar::preference(ui_state.theme));
        super::fonts::install(&cc.egui_ctx);
        for theme in [egui::Theme::Dark, egui::Theme::Light] {
            cc.egui_ctx.style_mut_of(theme, |style| {
                super::format::readable_visuals(&mut style.visuals);
            });
        }
        let polling = (
            worker_config.slow_poll.as_secs().max(1),
            worker_config.fast_poll.as_secs().max(1),
        );
        let notifications =
            crate::config::notifications_in_force(&settings.file, |name| std::env::var(name).ok());
        let mut state = AppState::new(
            source,
            ui_state,
            polling,
            worker_config.budget.reads_per_hour,
            settings,
            folders,
        );
        state.notifier.set_enabled(notifications);
        Self {
            state,
            worker,
            started: Some(Instant::now()),
            loading: Some(Instant::now()),
            desktop: None,
            exporter: super::export_ui::Exporter::default(),
            frames: super::frame_tally::FrameTally::default(),
            frame_began: None,
        }
    }

    /// Hands the notifications due to the desktop, and asks for attention when the window
    /// is not focused; wakes the window again when more may fall due (grouping, the
    /// unreachable service's five minutes).
    fn notify(&mut self, ctx: &egui::Context) {
        let made = self.state.take_notifications();
        if !made.is_empty() {
            if ctx.input(|i| i.viewport().focused) != Some(true) {
                ctx.send_viewport_cmd(egui::ViewportCommand::RequestUserAttention(
                    egui::UserAttentionType::Informational,
                ));
            }
            for notification in made {
                tracing::info!(
                    title = notification.title,
                    body = notification.body,
                    "desktop notification"
                );
                if let Some(desktop) = &self.desktop {
                    desktop.send(notification);
                }
            }
        }
        if let Some(due) = self.state.notifier.next_due() {
            // Already due (a past time does not convert): the next frame, soon.
            let wait =
                Duration::try_from(jiff::Timestamp::now().duration_until(due)).unwrap_or_default();
            ctx.request_repaint_after(wait.max(Duration::from_millis(100)));
        }
    }

    /// Logs, once, when every watched subscription has been listed (or found unreadable):
    /// read by scripts/bench-window.sh (P11: start to all jobs loaded).
    fn log_all_loaded(&mut self) {
        let Some(loading) = self.loading else {
            return;
        };
        let status = self.state.session.status();
        if status.subscriptions.is_empty()
            || !status
                .subscriptions
                .values()
                .all(|s| s.listed_at.is_some() || s.failure.is_some())
        {
            return;
        }
        tracing::info!(
            target: "iejobs::startup",
            jobs = self.state.session.store().len(),
            since_app_ms = loading.elapsed().as_millis(),
            "all jobs loaded"
        );
        self.loading = None;
    }

    /// The window's state.
    #[must_use]
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Shows `key` in the detail panel, selected alone, as a click on its row does.
    pub fn show_job(&mut self, key: JobKey) {
        self.handle(Intent::Focus(key));
    }

    /// Carries out an intent and sends what it asks of the worker.
    fn handle(&mut self, intent: Intent) {
        let commands = self.state.handle(intent);
        self.send(commands);
    }

    /// Sends commands to the worker, and tells the state what became of each.
    fn send(&mut self, commands: Vec<Command>) {
        for command in commands {
            let result = self.worker.send(command.clone());
            self.state.sent(&command, result);
        }
    }

    /// The table's rows and counts, as last drawn.
    #[must_use]
    pub fn view(&self) -> &TableView {
        &self.state.view
    }

    /// The selected jobs and the one in the detail panel.
    #[must_use]
    pub fn selection(&self) -> &Selection {
        &self.state.selection
    }

    /// The jobs (for tests).
    #[must_use]
    pub fn store(&self) -> &Store {
        self.state.session.store()
    }

    /// The jobs, the activity log and the worker's status (for tests).
    #[must_use]
    pub fn session(&self) -> &Session {
        &self.state.session
    }

    /// Takes the worker's events into the store, for at most ~10 ms per frame, and its
    /// latest status.
    fn drain_events(&mut self, ctx: &egui::Context) {
        if let Some(status) = self.worker.status_change() {
            self.state.apply_status(&status);
        }
        let started = Instant::now();
        while let Some(event) = self.worker.try_recv() {
            self.state.apply_event(event);
            if started.elapsed() > Duration::from_millis(10) {
                ctx.request_repaint();
                break;
            }
        }
    }

    /// The keys of this frame; while a text field has the keyboard, only F5 and F1 (which
    /// type nothing).
    fn keys(ctx: &egui::Context) -> Keys {
        // Only a text field keeps the keys: a focused button or row must not stop the arrows
        // (they moved the selection only after Escape took the focus away).
        if ctx.text_edit_focused() {
            return ctx.input(|i| Keys {
                refresh: i.key_pressed(egui::Key::F5),
                help: i.key_pressed(egui::Key::F1),
                ..Keys::default()
            });
        }
        ctx.input(|i| {
            let plain = |key| i.key_pressed(key) && !i.modifiers.command;
            let command = |key| i.key_pressed(key) && i.modifiers.command;
            Keys {
                down: i.key_pressed(egui::Key::ArrowDown),
                up: i.key_pressed(egui::Key::ArrowUp),
                page_down: i.key_pressed(egui::Key::PageDown),
                page_up: i.key_pressed(egui::Key::PageUp),
                home: i.key_pressed(egui::Key::Home),
                end: i.key_pressed(egui::Key::End),
                enter: i.key_pressed(egui::Key::Enter),
                delete: i.key_pressed(egui::Key::Delete),
                refresh: i.key_pressed(egui::Key::F5) || command(egui::Key::R),
                find: command(egui::Key::F),
                select_all: command(egui::Key::A),
                escape: i.key_pressed(egui::Key::Escape),
                help: i.key_pressed(egui::Key::F1) || plain(egui::Key::Questionmark),
                extend: i.modifiers.shift,
                // The window's integration turns Ctrl+C into a copy event, not a key.
                copy: command(egui::Key::C) || i.events.contains(&egui::Event::Copy),
                export: command(egui::Key::E),
            }
        })
    }
}

impl eframe::App for App {
    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        self.frame_began = Some(Instant::now());
        self.drain_events(ctx);
        self.notify(ctx);
        if let Some(notice) = self.exporter.finished() {
            self.state.notice = Some(notice);
        }
        self.state.refresh();
        self.log_all_loaded();
        // The status bar counts down while the API is failing.
        if self.state.session.status().degraded.is_some() {
            ctx.request_repaint_after(Duration::from_secs(1));
        }
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        let mut intents = self.state.keyboard(Self::keys(&ctx));
        // The row the last click or arrow key went to (a clicked row is in view already).
        let reveal = self.state.selection.reveal.take();
        let (mut cx, mut own) = self.state.panels(&mut intents);
        let cx = &mut cx;
        // The panels give way before the table does (see layout.rs).
        let window = ui.max_rect();
        let limits = super::layout::limits(window.width(), window.height());
        egui::Panel::top("toolbar").show(ui, |ui| super::toolbar::toolbar_ui(ui, cx, &mut own));
        egui::Panel::bottom("status").show(ui, |ui| super::status_bar::status_bar_ui(ui, cx));
        if own.ui_state.show_activity {
            egui::Panel::bottom("activity")
                .resizable(true)
                .default_size(120.0_f32.min(limits.activity.0))
                .min_size(limits.activity.1)
                .max_size(limits.activity.0)
                .show(ui, |ui| {
                    super::activity_log::activity_log_ui(ui, cx.session.activity());
                });
        }
        egui::Panel::right("detail")
            .resizable(true)
            .default_size(430.0_f32.min(limits.detail.0))
            .min_size(limits.detail.1)
            .max_size(limits.detail.0)
            .show(ui, |ui| {
                super::job_detail::job_detail_ui(ui, cx);
            });
        // After the detail panel, so that the monitor spans only the table's width.
        if own.ui_state.show_monitor {
            egui::Panel::bottom("monitor")
                .resizable(true)
                .default_size(220.0_f32.min(limits.monitor.0))
                .min_size(limits.monitor.1)
                .max_size(limits.monitor.0)
                .show(ui, |ui| {
                    super::cancel_monitor::cancel_monitor_ui(ui, cx, own.watch);
                });
        }
        egui::CentralPanel::default().show(ui, |ui| {
            super::jobs_table::jobs_table_ui(
                ui,
                cx,
                &mut own.ui_state.query,
                &mut own.ui_state.hidden_columns,
                reveal,
                own.page_rows,
            );
        });
        super::settings::settings_ui(&ctx, cx, own.settings_draft);
        super::shortcuts::shortcuts_ui(&ctx, own.show_shortcuts);
        super::about::about_ui(&ctx, cx);
        if let Some(started) = self.started
            && !self.state.view.rows().is_empty()
        {
            // Read by scripts/bench-window.sh (P7: start to the first frame with jobs).
            tracing::info!(
                target: "iejobs::startup",
                jobs = self.state.view.rows().len(),
                since_app_ms = started.elapsed().as_millis(),
                "first frame showing jobs"
            );
            self.started = None;
        }
        if let Some(dialog) = &self.state.dialog
            && let Some(answer) = confirm_dialog_ui(&ctx, dialog)
        {
            let commands = self.state.answer(answer);
            if !commands.is_empty() {
                self.send(commands);
                // The rows say "requested…" in the very next frame, not at the next event.
                ctx.request_repaint();
            }
        }
        let rows = self.state.view.rows().len();
        intents.extend(super::export_ui::export_dialog_ui(
            &ctx,
            &mut self.state.export,
            &mut self.exporter,
            rows,
        ));
        for intent in intents {
            self.handle(intent);
        }
        if let Some(notice) = self.exporter.take_work(&ctx, &mut self.state.export) {
            self.state.notice = Some(notice);
        }
        if self.state.selection.reveal.is_some() {
            // The table scrolls to the newly focused row in the next frame.
            ctx.request_repaint();
        }
        if let Some(began) = self.frame_began.take() {
            let now = Instant::now();
            self.frames.frame(now.duration_since(began), now);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, STORAGE_KEY, &self.state.ui_state);
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        self.worker.shutdown();
    }
}
