//! The export dialog and the work export and copy hand to the window: the file written on a
//! thread of its own, the system's save dialog asked on another, the clipboard.
//!
//! The dialog is the window's own (a path field, CSV or JSON, Save and Cancel), so that an
//! export works wherever the window does; "Browse…" also asks the system's save dialog through
//! the XDG desktop portal (`rfd`), on a thread, since it blocks until the user answers. Where
//! no portal runs (a bare X server, Xvfb) it answers at once with no file, and the dialog says
//! to type the path.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError};
use std::time::Instant;

use eframe::egui;

use super::export::{self, ExportFormat, ExportJob, ExportState};
use super::intent::Intent;

/// The threads export and copy start, and what they answer.
#[derive(Debug, Default)]
pub struct Exporter {
    /// The file being written: the answer comes with the row count and the time it took.
    writing: Option<Receiver<Result<String, String>>>,
    /// The system's save dialog, while open.
    browsing: Option<Receiver<Option<PathBuf>>>,
}

impl Exporter {
    /// Whether a file is being written.
    #[must_use]
    pub fn busy(&self) -> bool {
        self.writing.is_some()
    }

    /// Takes what the frame's intents left for the window: text for the clipboard, a file to
    /// write (started on its own thread).
    pub fn take_work(&mut self, ctx: &egui::Context, state: &mut ExportState) -> Option<String> {
        if let Some(text) = state.clipboard.take() {
            ctx.copy_text(text);
        }
        let job = state.queued.take()?;
        self.start(ctx, job).err()
    }

    fn start(&mut self, ctx: &egui::Context, job: ExportJob) -> Result<(), String> {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        let ctx = ctx.clone();
        std::thread::Builder::new()
            .name("iejobs-export".to_owned())
            .spawn(move || write(&job, &sender, &ctx))
            .map_err(|e| crate::tr!("export-cannot-start", error = e.to_string()))?;
        self.writing = Some(receiver);
        Ok(())
    }

    /// The notice once the file is written, or why it was not.
    pub fn finished(&mut self) -> Option<String> {
        let receiver = self.writing.as_ref()?;
        let answer = match receiver.try_recv() {
            Ok(Ok(message) | Err(message)) => message,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => crate::tr!("export-stopped").to_owned(),
        };
        self.writing = None;
        Some(answer)
    }

    /// Asks the system's save dialog, on a thread: it blocks until the user answers.
    fn browse(&mut self, ctx: &egui::Context, dialog: &export::ExportDialog) {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        let ctx = ctx.clone();
        let chosen = dialog.target().unwrap_or_default();
        let format = dialog.format;
        let started = std::thread::Builder::new()
            .name("iejobs-save-dialog".to_owned())
            .spawn(move || {
                let mut file_dialog = rfd::FileDialog::new()
                    .set_title(crate::tr!("export-dialog-title"))
                    .add_filter(format.label(), &[format.extension()]);
                if let Some(folder) = chosen.parent().filter(|p| p.is_dir()) {
                    file_dialog = file_dialog.set_directory(folder);
                }
                if let Some(name) = chosen.file_name().and_then(|n| n.to_str()) {
                    file_dialog = file_dialog.set_file_name(name);
                }
                let _ = sender.send(file_dialog.save_file());
                ctx.request_repaint();
            });
        match started {
            Ok(_) => self.browsing = Some(receiver),
            Err(e) => tracing::warn!("cannot start the save dialog's thread: {e}"),
        }
    }

    /// What the system's save dialog answered, once it did.
    fn browsed(&mut self) -> Option<Browsed> {
        let answer = match self.browsing.as_ref()?.try_recv() {
            Ok(Some(path)) => Browsed::Chosen(path),
            Ok(None) | Err(TryRecvError::Disconnected) => Browsed::Nothing,
            Err(TryRecvError::Empty) => return None,
        };
        self.browsing = None;
        Some(answer)
    }
}

/// What the system's save dialog answered.
enum Browsed {
    /// This file.
    Chosen(PathBuf),
    /// Nothing: cancelled, or no dialog could be shown.
    Nothing,
}

/// Writes the file and sends the notice.
fn write(job: &ExportJob, sender: &SyncSender<Result<String, String>>, ctx: &egui::Context) {
    let started = Instant::now();
    let result = export::write_file(&job.path, job.format, &job.rows);
    let answer = match result {
        Ok(()) => {
            tracing::info!(
                rows = job.rows.len(),
                path = %job.path.display(),
                ms = started.elapsed().as_millis(),
                "exported the jobs"
            );
            Ok(export::exported_text(job.rows.len(), &job.path))
        }
        Err(e) => {
            tracing::warn!("export failed: {e}");
            Err(e.to_string())
        }
    };
    // The receiver is gone only when the window closed.
    let _ = sender.send(answer);
    ctx.request_repaint();
}

/// Takes the system's save dialog's answer into the dialog, once it came.
fn take_browsed(dialog: &mut export::ExportDialog, exporter: &mut Exporter) {
    if let Some(answer) = exporter.browsed() {
        match answer {
            Browsed::Chosen(path) => {
                if let Some(format) = ExportFormat::from_path(&path) {
                    dialog.format = format;
                }
                dialog.path = path.display().to_string();
                dialog.note = None;
            }
            Browsed::Nothing => {
                dialog.note = Some(crate::tr!("export-no-file").to_owned());
            }
        }
    }
}

/// Whether the file exists: checked once for each path typed, not at every frame.
fn file_exists(dialog: &mut export::ExportDialog, target: Option<&std::path::Path>) -> bool {
    match (&dialog.exists, target) {
        (Some((checked, exists)), _) if *checked == dialog.path => *exists,
        (_, Some(path)) => {
            let exists = path.exists();
            dialog.exists = Some((dialog.path.clone(), exists));
            exists
        }
        (_, None) => false,
    }
}

/// Draws the export dialog while open; `rows` is how many rows the table shows. Returns what
/// the user asked for (Save, or closing it).
pub fn export_dialog_ui(
    ctx: &egui::Context,
    state: &mut ExportState,
    exporter: &mut Exporter,
    rows: usize,
) -> Option<Intent> {
    let dialog = state.dialog.as_mut()?;
    take_browsed(dialog, exporter);
    let mut intent = None;
    let mut open = true;
    egui::Window::new(crate::tr!("export-title"))
        .id(egui::Id::unique("export-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            ui.label(crate::tr!("export-rows", count = rows));
            egui::Grid::new("export").num_columns(2).show(ui, |ui| {
                let label = ui.label(crate::tr!("export-file"));
                ui.horizontal(|ui| {
                    ui.add(egui::TextEdit::singleline(&mut dialog.path).desired_width(380.0))
                        .labelled_by(label.id);
                    let waiting = exporter.browsing.is_some();
                    if ui
                        .add_enabled(!waiting, egui::Button::new(crate::tr!("export-browse")))
                        .on_hover_text(crate::tr!("export-browse-hover"))
                        .on_disabled_hover_text(crate::tr!("export-browse-waiting"))
                        .clicked()
                    {
                        exporter.browse(ctx, dialog);
                    }
                });
                ui.end_row();
                ui.label(crate::tr!("export-format"));
                ui.horizontal(|ui| {
                    for format in ExportFormat::ALL {
                        if ui.radio(dialog.format == format, format.label()).clicked() {
                            dialog.set_format(format);
                        }
                    }
                });
                ui.end_row();
            });
            if let Some(note) = &dialog.note {
                ui.weak(note.as_str());
            }
            let target = dialog.target();
            let exists = file_exists(dialog, target.as_deref());
            if exists {
                ui.colored_label(ui.visuals().warn_fg_color, crate::tr!("export-exists"));
            }
            ui.horizontal(|ui| {
                let why_not = if exporter.busy() {
                    Some(crate::tr!("export-busy"))
                } else if target.is_none() {
                    Some(crate::tr!("export-type-path"))
                } else {
                    None
                };
                let save = ui
                    .add_enabled(
                        why_not.is_none(),
                        egui::Button::new(crate::tr!("settings-save")),
                    )
                    .on_disabled_hover_text(why_not.unwrap_or_default());
                if save.clicked()
                    && let Some(path) = target
                {
                    intent = Some(Intent::Export {
                        path,
                        format: dialog.format,
                    });
                }
                if ui.button(crate::tr!("export-cancel")).clicked() {
                    intent = Some(Intent::CloseExport);
                }
            });
        });
    if !open {
        intent = Some(Intent::CloseExport);
    }
    intent
}

#[cfg(test)]
mod tests {
    use crate::model::{Event, Job, JobKey, JobState};
    use crate::ui::about::Folders;
    use crate::ui::intent::Intent;
    use crate::ui::settings_draft::SettingsContext;
    use crate::ui::state::{AppState, Keys, Source, UiState};
    use crate::ui::table_view::SortColumn;

    use super::ExportFormat;

    /// A state holding jobs named `names`, sorted by name descending.
    fn state_with(names: &[&str]) -> AppState {
        let mut ui_state = UiState::default();
        ui_state.query.sort = SortColumn::Name;
        ui_state.query.ascending = false;
        let mut state = AppState::new(
            Source::Emulator {
                url: "http://127.0.0.1:1".into(),
                scenario: "fixed".into(),
                speed: 0.0,
            },
            ui_state,
            (30, 2),
            None,
            SettingsContext::default(),
            Folders::default(),
        );
        let jobs = names
            .iter()
            .map(|name| Job::new(JobKey::new("sub", "rg", name), JobState::Shipping))
            .collect();
        state.session.apply(Event::Partial {
            jobs,
            at: jiff::Timestamp::now(),
        });
        state.refresh();
        state
    }

    fn press(state: &mut AppState, keys: Keys) {
        for intent in state.keyboard(keys) {
            let commands = state.handle(intent);
            assert!(
                commands.is_empty(),
                "export and copy send nothing to the worker"
            );
        }
    }

    #[test]
    fn ctrl_c_copies_in_the_tables_order_and_ctrl_e_opens_the_dialog_escape_closes_it() {
        let mut state = state_with(&["alpha", "bravo", "charlie"]);
        state.selection.keys = [
            JobKey::new("sub", "rg", "alpha"),
            JobKey::new("sub", "rg", "charlie"),
        ]
        .into();
        press(
            &mut state,
            Keys {
                copy: true,
                ..Keys::default()
            },
        );
        let text = state.export.clipboard.take().unwrap();
        let names: Vec<&str> = text
            .lines()
            .skip(1)
            .map(|l| l.split('\t').next().unwrap())
            .collect();
        assert_eq!(names, ["charlie", "alpha"], "name descending, as the table");
        assert_eq!(state.notice.as_deref(), Some("Copied 2 jobs"));

        press(
            &mut state,
            Keys {
                export: true,
                ..Keys::default()
            },
        );
        let dialog = state.export.dialog.as_ref().unwrap();
        assert!(dialog.path.contains("iejobs-jobs-"), "{}", dialog.path);
        assert_eq!(
            ExportFormat::from_path(std::path::Path::new(&dialog.path)),
            Some(ExportFormat::Csv),
            "{}",
            dialog.path
        );
        press(
            &mut state,
            Keys {
                escape: true,
                ..Keys::default()
            },
        );
        assert!(state.export.dialog.is_none(), "Escape closes the dialog");
        assert_eq!(state.selection.keys.len(), 2, "and keeps the selection");
    }

    #[test]
    fn export_queues_the_rows_shown_in_the_tables_order() {
        let mut state = state_with(&["alpha", "bravo", "charlie"]);
        state.ui_state.query.text = "a".to_owned();
        state.refresh();
        let _ = state.handle(Intent::OpenExport);
        let _ = state.handle(Intent::Export {
            path: "/tmp/x.json".into(),
            format: ExportFormat::Json,
        });
        assert!(state.export.dialog.is_none());
        let job = state.export.queued.take().unwrap();
        let names: Vec<&str> = job.rows.iter().map(|r| r.job.name.as_str()).collect();
        assert_eq!(names, ["charlie", "bravo", "alpha"]);
        assert_eq!(job.format, ExportFormat::Json);
        assert_eq!(
            state.notice.as_deref(),
            Some("Exporting 3 jobs to /tmp/x.json…")
        );
    }
}
