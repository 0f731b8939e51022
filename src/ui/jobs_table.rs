//! The jobs table: virtualized rows, sortable columns, multi-selection, a context menu.

use eframe::egui;
use egui_extras::{Column, TableBuilder};

use crate::model::{Action, JobEntry, JobKey};

use super::app::{App, Intent};
use super::format;
use super::table_view::SortColumn;

const COLUMNS: [(&str, SortColumn); 11] = [
    ("Name", SortColumn::Name),
    ("Resource group", SortColumn::ResourceGroup),
    ("Subscription", SortColumn::Subscription),
    ("Type", SortColumn::Type),
    ("State", SortColumn::State),
    ("Cancel", SortColumn::CancelPending),
    ("Drives", SortColumn::Drives),
    ("Progress", SortColumn::Progress),
    ("Location", SortColumn::Location),
    ("Storage account", SortColumn::StorageAccount),
    ("Last change", SortColumn::LastChange),
];

const ROW_HEIGHT: f32 = 22.0;

/// Draws the table.
pub fn jobs_table_ui(ui: &mut egui::Ui, app: &mut App, intents: &mut Vec<Intent>) {
    let rows = app.view.rows().len();
    if rows == 0 {
        ui.centered_and_justified(|ui| {
            if let (true, Some((message, _))) = (app.store.is_empty(), &app.store.poll().degraded) {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!(
                        "Cannot list the jobs: {message}\nRetrying by itself; see the status bar."
                    ),
                );
            } else if app.store.is_empty() {
                ui.label("No jobs yet. The first listing is on its way…");
            } else {
                ui.label("No job matches the filters.");
            }
        });
        return;
    }
    if super::stale_banner::stale_banner_ui(ui, &app.store) {
        ui.multiply_opacity(super::stale_banner::STALE_OPACITY);
    }
    let modifiers = ui.input(|i| i.modifiers);
    let arrow_pressed =
        ui.input(|i| i.key_pressed(egui::Key::ArrowDown) || i.key_pressed(egui::Key::ArrowUp));
    // Finding the row is a linear search: only when the keyboard moved the focus.
    let focus_row = if arrow_pressed {
        app.selection
            .focus
            .as_ref()
            .and_then(|k| app.view.position(k))
    } else {
        None
    };
    let mut table = TableBuilder::new(ui)
        .id_salt("jobs")
        .striped(true)
        .resizable(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::initial(180.0).at_least(80.0).clip(true))
        .column(Column::initial(124.0).clip(true))
        .column(Column::initial(150.0).clip(true))
        .column(Column::initial(50.0))
        .column(Column::initial(96.0))
        .column(Column::initial(66.0))
        .column(Column::initial(44.0))
        .column(Column::initial(100.0))
        .column(Column::initial(84.0).clip(true))
        .column(Column::initial(120.0).clip(true))
        .column(Column::remainder().at_least(64.0).clip(true));
    if let Some(row) = focus_row {
        table = table.scroll_to_row(row, None);
    }
    let query = &mut app.ui_state.query;
    table
        .header(24.0, |header| header_ui(header, query))
        .body(|body| {
            body.rows(ROW_HEIGHT, rows, |mut row| {
                let index = row.index();
                let Some(key) = app.view.rows().get(index) else {
                    return;
                };
                let Some(entry) = app.store.get(key) else {
                    return;
                };
                let selected = app.selection.keys.contains(key);
                row.set_selected(selected);
                let subscription = app.store.subscriptions().name(&key.subscription_id);
                let clicked = cells_ui(&mut row, entry, subscription, selected);
                let response = row.response();
                if clicked || response.clicked() {
                    intents.push(Intent::Click {
                        row: index,
                        toggle: modifiers.command,
                        range: modifiers.shift,
                    });
                }
                let key: JobKey = key.clone();
                let selection: Vec<JobKey> = if selected {
                    app.selection.keys.iter().cloned().collect()
                } else {
                    vec![key.clone()]
                };
                response.context_menu(|ui| context_menu_ui(ui, app, entry, &selection, intents));
            });
        });
}

/// The cells of one row; true when the name was clicked.
fn cells_ui(
    row: &mut egui_extras::TableRow<'_, '_>,
    entry: &JobEntry,
    subscription_name: Option<&str>,
    selected: bool,
) -> bool {
    let key = &entry.job.key;
    let mut clicked = false;
    row.col(|ui| {
        let name =
            egui::Button::selectable(selected, entry.job.name.as_str()).frame_when_inactive(false);
        clicked |= ui.add(name).clicked();
    });
    row.col(|ui| {
        ui.label(key.resource_group.as_str());
    });
    row.col(|ui| {
        ui.label(subscription_name.unwrap_or(&key.subscription_id))
            .on_hover_text(key.subscription_id.as_str());
    });
    row.col(|ui| {
        ui.label(entry.job.job_type.as_ref().map_or("", |t| t.as_str()));
    });
    row.col(|ui| state_badge_ui(ui, entry));
    row.col(|ui| cancel_mark_ui(ui, entry));
    row.col(|ui| {
        let drives = entry
            .job
            .drives
            .as_ref()
            .map_or_else(|| "…".to_owned(), |d| d.len().to_string());
        ui.label(drives);
    });
    row.col(|ui| progress_ui(ui, entry));
    row.col(|ui| {
        ui.label(entry.job.location.as_deref().unwrap_or(""));
    });
    row.col(|ui| {
        ui.label(entry.job.storage_account_name().unwrap_or(""));
    });
    row.col(|ui| {
        ui.label(format::short_time(entry.changed_at, jiff::Timestamp::now()))
            .on_hover_text(format::time(entry.changed_at));
    });
    clicked
}

/// The column titles: a click sorts by that column, a second click reverses.
fn header_ui(mut header: egui_extras::TableRow<'_, '_>, query: &mut super::table_view::TableQuery) {
    for (title, column) in COLUMNS {
        header.col(|ui| {
            let arrow = match (query.sort == column, query.ascending) {
                (true, true) => " ^",
                (true, false) => " v",
                (false, _) => "",
            };
            let button = egui::Button::new(egui::RichText::new(format!("{title}{arrow}")).strong())
                .frame(false);
            if ui
                .add(button)
                .on_hover_text(format!("Sort by {title}"))
                .clicked()
            {
                if query.sort == column {
                    query.ascending = !query.ascending;
                } else {
                    query.sort = column;
                    query.ascending = true;
                }
            }
        });
    }
}

/// The right-click menu of a row: Cancel and Delete for the selection (or this row).
fn context_menu_ui(
    ui: &mut egui::Ui,
    app: &App,
    entry: &JobEntry,
    selection: &[JobKey],
    intents: &mut Vec<Intent>,
) {
    for action in Action::ALL {
        let allowed = selection
            .iter()
            .filter(|k| {
                app.store
                    .get(k)
                    .is_some_and(|e| e.permission(action).is_allowed())
            })
            .count();
        let why = if selection.len() == 1 {
            entry
                .permission(action)
                .reason()
                .unwrap_or_default()
                .to_owned()
        } else {
            format!("{action} is not possible for any of these jobs")
        };
        let label = format!("{}… ({allowed} of {})", action.label(), selection.len());
        if ui
            .add_enabled(allowed > 0, egui::Button::new(label))
            .on_disabled_hover_text(why)
            .clicked()
        {
            intents.push(Intent::Ask(action, selection.to_vec()));
            ui.close();
        }
    }
    if ui.button("Show details").clicked() {
        intents.push(Intent::Focus(entry.job.key.clone()));
        ui.close();
    }
}

/// The state as a coloured badge; a failed action shows a warning sign with the error.
pub fn state_badge_ui(ui: &mut egui::Ui, entry: &JobEntry) {
    let state = &entry.job.state;
    let text = egui::RichText::new(format::state_text(state))
        .color(egui::Color32::WHITE)
        .small()
        .strong();
    egui::Frame::new()
        .fill(format::state_color(state))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(6, 1))
        .show(ui, |ui| {
            ui.label(text);
        });
    if !state.is_known() {
        ui.label("?").on_hover_text(
            "A state iejobs does not know: shown as Azure sent it; no action is offered",
        );
    }
    if let Some(failure) = &entry.failure {
        let text = match &failure.code {
            Some(code) => format!(
                "{} failed: {code}: {}",
                failure.action.label(),
                failure.message
            ),
            None => format!("{} failed: {}", failure.action.label(), failure.message),
        };
        ui.colored_label(ui.visuals().error_fg_color, "(!)")
            .on_hover_text(text);
    }
}

/// "cancel requested…" while the request is on its way, "cancel pending" once confirmed.
fn cancel_mark_ui(ui: &mut egui::Ui, entry: &JobEntry) {
    let sending = entry
        .pending
        .as_ref()
        .is_some_and(|p| p.action == Action::Cancel);
    if sending {
        ui.colored_label(ui.visuals().warn_fg_color, "requested…")
            .on_hover_text("cancel requested…: waiting for the service to confirm");
    } else if entry.job.cancel_requested {
        ui.colored_label(ui.visuals().warn_fg_color, "pending")
            .on_hover_text("A cancel is requested: drives in transfer may keep copying");
    } else if entry
        .pending
        .as_ref()
        .is_some_and(|p| p.action == Action::Delete)
    {
        ui.label("deleting…");
    }
}

fn progress_ui(ui: &mut egui::Ui, entry: &JobEntry) {
    match entry.job.percent_complete {
        Some(percent) => {
            #[expect(clippy::cast_precision_loss, reason = "0 to 100")]
            let fraction = percent.clamp(0, 100) as f32 / 100.0;
            ui.add(
                egui::ProgressBar::new(fraction)
                    .text(format!("{percent} %"))
                    .desired_height(14.0),
            );
        }
        None => {
            ui.label("—");
        }
    }
}
