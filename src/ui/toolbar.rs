//! The top bar: actions on the selection, the text filter, state chips, the views, Help.

use eframe::egui;

use crate::model::{Action, JobKey, JobState, verdict};

use super::context::{PanelContext, PanelState};
use super::format;
use super::intent::Intent;
use super::state::UiState;
use super::table_view::{TableQuery, TableView};

/// Draws the toolbar and the filter row; it owns the view switches, the filter and the
/// polling editor.
pub fn toolbar_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>, own: &mut PanelState<'_>) {
    ui.add_space(2.0);
    ui.horizontal(|ui| {
        ui.strong("iejobs");
        ui.separator();
        let cancels = cx.view.cancel_pending();
        let mut open = own.ui_state.show_monitor;
        if ui
            .toggle_value(&mut open, format!("Cancellation monitor ({cancels})"))
            .on_hover_text(
                "Watch every job with a cancel pending: drives still copying, bytes, rate, outcome",
            )
            .changed()
        {
            cx.ask(Intent::ShowMonitor(open));
        }
        ui.separator();
        let selected: Vec<JobKey> = cx.selection.keys.iter().cloned().collect();
        for action in Action::ALL {
            selection_action_ui(ui, cx, action, &selected);
        }
        if ui
            .button("Refresh")
            .on_hover_text("List all jobs now")
            .clicked()
        {
            cx.ask(Intent::Refresh);
        }
        ui.menu_button("Polling", |ui| polling_ui(ui, cx, own.polling_edit));
        if ui
            .button("Settings")
            .on_hover_text("Connection, subscriptions, polling; save them to the config file")
            .clicked()
        {
            cx.ask(Intent::OpenSettings);
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            ui.menu_button("Help", |ui| {
                if ui.button("About iejobs").clicked() {
                    cx.ask(Intent::ShowAbout(true));
                    ui.close();
                }
            });
            let dark = own.ui_state.dark_mode;
            if ui
                .button(if dark { "Light theme" } else { "Dark theme" })
                .clicked()
            {
                own.ui_state.dark_mode = !dark;
                ui.ctx().set_theme(if dark {
                    egui::Theme::Light
                } else {
                    egui::Theme::Dark
                });
            }
            ui.toggle_value(&mut own.ui_state.show_activity, "Activity log");
        });
    });
    filter_row_ui(ui, cx.view, own.ui_state);
    if let Some(notice) = cx.notice {
        ui.horizontal(|ui| {
            ui.colored_label(ui.visuals().warn_fg_color, notice);
            if ui.small_button("Dismiss").clicked() {
                cx.ask(Intent::DismissNotice);
            }
        });
    }
    ui.add_space(2.0);
}

/// The polling intervals: full listings, and reads of the jobs that move.
fn polling_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>, edit: &mut (u64, u64)) {
    let (slow, fast) = edit;
    egui::Grid::new("polling").num_columns(2).show(ui, |ui| {
        super::settings::polling_rows_ui(ui, slow, fast);
    });
    let changed = *edit != cx.polling;
    if ui
        .add_enabled(changed, egui::Button::new("Apply"))
        .clicked()
    {
        cx.ask(Intent::SetPolling {
            slow_secs: edit.0,
            fast_secs: edit.1,
        });
        ui.close();
    }
}

/// The text filter, the state chips with their counts, the cancel-pending filter.
fn filter_row_ui(ui: &mut egui::Ui, view: &TableView, ui_state: &mut UiState) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut ui_state.query.text)
                .hint_text("name, group, subscription, location, account")
                .desired_width(260.0),
        )
        .labelled_by(label.id);
        let counts = view.counts();
        let query = &mut ui_state.query;
        let mut states: Vec<String> = JobState::KNOWN
            .iter()
            .map(|s| s.as_str().to_owned())
            .collect();
        states.extend(
            counts
                .keys()
                .filter(|s| !JobState::parse(s).is_known())
                .cloned(),
        );
        for state in states {
            let count = counts.get(&state).copied().unwrap_or(0);
            let on = query.states.contains(&state);
            let label = format!("{} {count}", format::state_text(&JobState::parse(&state)));
            let chip = egui::Button::selectable(
                on,
                egui::RichText::new(label).color(format::state_color(&JobState::parse(&state))),
            );
            if ui
                .add(chip)
                .on_hover_text("Show only jobs in this state (several may be chosen)")
                .clicked()
            {
                if on {
                    query.states.remove(&state);
                } else {
                    query.states.insert(state);
                }
            }
        }
        ui.toggle_value(
            &mut query.cancel_pending_only,
            format!("Cancel pending {}", view.cancel_pending()),
        );
        let filtered =
            !query.states.is_empty() || query.cancel_pending_only || !query.text.is_empty();
        if filtered && ui.button("Clear filters").clicked() {
            *query = TableQuery {
                sort: query.sort,
                ascending: query.ascending,
                ..Default::default()
            };
        }
    });
}

/// "Cancel selected" or "Delete selected", enabled when the rule allows it for at least one
/// selected job; the hover text says why not.
fn selection_action_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelContext<'_>,
    action: Action,
    selected: &[JobKey],
) {
    let verdict = verdict(cx.store(), action, selected);
    let label = format!("{} selected ({})", action.label(), verdict.allowed.len());
    let why = verdict.why_not().unwrap_or_default();
    let button = ui
        .add_enabled(verdict.is_possible(), egui::Button::new(label))
        .on_disabled_hover_text(why);
    if button.clicked() {
        cx.ask(Intent::Ask(action, selected.to_vec()));
    }
}
