//! The top bar: actions on the selection, the text filter, state chips, the views, Help.

use eframe::egui;

use crate::model::{Action, JobState, SelectionVerdicts};
use crate::tr;

use super::context::{PanelContext, PanelState};
use super::format;
use super::intent::Intent;
use super::state::{ThemeChoice, UiState};
use super::table_view::{TableQuery, TableView};

/// Draws the toolbar and the filter row; it owns the view switches, the filter and the
/// polling editor.
pub fn toolbar_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>, own: &mut PanelState<'_>) {
    ui.add_space(2.0);
    if ui.available_width() >= wide() {
        ui.horizontal(|ui| {
            actions_ui(ui, cx, own);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                views_ui(ui, own, cx, true);
            });
        });
    } else {
        // Narrow: the buttons wrap onto a second line rather than overlap.
        ui.horizontal_wrapped(|ui| {
            actions_ui(ui, cx, own);
            views_ui(ui, own, cx, false);
        });
    }
    filter_row_ui(ui, cx.view, own.ui_state, own.focus_filter);
    if let Some(notice) = cx.notice {
        ui.horizontal(|ui| {
            ui.colored_label(ui.visuals().warn_fg_color, notice);
            if ui.small_button(tr!("dismiss")).clicked() {
                cx.ask(Intent::DismissNotice);
            }
        });
    }
    ui.add_space(2.0);
}

/// The width from which the toolbar is one line, the views on the right: its labels are
/// longer in Spanish and Italian than in English.
fn wide() -> f32 {
    match crate::i18n::current() {
        crate::i18n::Lang::En => 1180.0,
        crate::i18n::Lang::It => 1250.0,
        crate::i18n::Lang::Es => 1350.0,
    }
}

/// The app's name, the monitor switch, the actions on the selection, Refresh, Polling,
/// Export and Settings.
fn actions_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>, own: &mut PanelState<'_>) {
    ui.strong("iejobs");
    ui.separator();
    let (active, landed) = (
        cx.view.cancellations_active(),
        cx.view.cancellations_landed(),
    );
    let mut open = own.ui_state.show_monitor;
    let label = if landed == 0 {
        tr!("toolbar-monitor", active = active)
    } else {
        tr!("toolbar-monitor-landed", active = active, landed = landed)
    };
    if ui
        .toggle_value(&mut open, label)
        .on_hover_text(tr!(
            "toolbar-monitor-hover",
            active = active,
            landed = landed
        ))
        .changed()
    {
        cx.ask(Intent::ShowMonitor(open));
    }
    ui.separator();
    for button in selection_buttons(ui, cx) {
        selection_action_ui(ui, cx, &button);
    }
    if cx.selection.hidden > 0 {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            tr!("toolbar-hidden", count = cx.selection.hidden),
        )
        .on_hover_text(tr!("toolbar-hidden-hover"));
    }
    if ui
        .button(tr!("toolbar-refresh"))
        .on_hover_text(tr!("toolbar-refresh-hover"))
        .clicked()
    {
        cx.ask(Intent::Refresh);
    }
    ui.menu_button(tr!("toolbar-polling"), |ui| {
        polling_ui(ui, cx, own.polling_edit);
    });
    if ui
        .button(tr!("toolbar-export"))
        .on_hover_text(tr!("toolbar-export-hover"))
        .clicked()
    {
        cx.ask(Intent::OpenExport);
    }
    if ui
        .button(tr!("toolbar-settings"))
        .on_hover_text(tr!("toolbar-settings-hover"))
        .clicked()
    {
        cx.ask(Intent::OpenSettings);
    }
}

/// The views: the activity log, the theme, Help; drawn from the right (`from_right`) on a
/// wide toolbar, else in reading order.
fn views_ui(
    ui: &mut egui::Ui,
    own: &mut PanelState<'_>,
    cx: &mut PanelContext<'_>,
    from_right: bool,
) {
    let help = |ui: &mut egui::Ui, cx: &mut PanelContext<'_>| {
        ui.menu_button(tr!("toolbar-help"), |ui| {
            if ui.button(tr!("toolbar-shortcuts")).clicked() {
                cx.ask(Intent::ShowShortcuts(true));
                ui.close();
            }
            if ui.button(tr!("toolbar-about")).clicked() {
                cx.ask(Intent::ShowAbout(true));
                ui.close();
            }
        });
    };
    let theme = |ui: &mut egui::Ui, own: &mut PanelState<'_>| {
        ui.menu_button(tr!("toolbar-theme"), |ui| {
            theme_ui(ui, &mut own.ui_state.theme);
        })
        .response
        .on_hover_text(tr!("now", value = own.ui_state.theme.label()));
    };
    if from_right {
        help(ui, cx);
        theme(ui, own);
        ui.toggle_value(&mut own.ui_state.show_activity, tr!("toolbar-activity"));
    } else {
        ui.separator();
        ui.toggle_value(&mut own.ui_state.show_activity, tr!("toolbar-activity"));
        theme(ui, own);
        help(ui, cx);
    }
}

/// The three-way theme setting: the OS's (followed as it changes), light or dark.
fn theme_ui(ui: &mut egui::Ui, theme: &mut ThemeChoice) {
    for choice in ThemeChoice::ALL {
        if ui.radio_value(theme, choice, choice.label()).clicked() {
            ui.ctx().set_theme(preference(choice));
            ui.close();
        }
    }
}

/// egui's theme preference for a choice.
#[must_use]
pub fn preference(choice: ThemeChoice) -> egui::ThemePreference {
    match choice {
        ThemeChoice::System => egui::ThemePreference::System,
        ThemeChoice::Light => egui::ThemePreference::Light,
        ThemeChoice::Dark => egui::ThemePreference::Dark,
    }
}

/// The polling intervals: full listings, and reads of the jobs that move.
fn polling_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>, edit: &mut (u64, u64)) {
    let (slow, fast) = edit;
    egui::Grid::new("polling").num_columns(2).show(ui, |ui| {
        super::settings::polling_rows_ui(ui, slow, fast);
    });
    let changed = *edit != cx.polling;
    if ui
        .add_enabled(changed, egui::Button::new(tr!("apply")))
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
fn filter_row_ui(
    ui: &mut egui::Ui,
    view: &TableView,
    ui_state: &mut UiState,
    focus_filter: &mut bool,
) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label(tr!("filter-label"));
        let mut filter = egui::TextEdit::singleline(&mut ui_state.query.text)
            .hint_text(tr!("filter-hint"))
            .desired_width(260.0)
            .show(ui);
        if std::mem::take(focus_filter) {
            // Ctrl+F: the keyboard goes to the filter, its text selected to type over.
            filter.response.request_focus();
            let all = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(ui_state.query.text.chars().count()),
            );
            filter.state.cursor.set_char_range(Some(all));
            filter.state.store(ui.ctx(), filter.response.id);
        }
        egui::Response::clone(&filter.response).labelled_by(label.id);
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
            let parsed = JobState::parse(&state);
            let label = format!("{} {}", format::state_text(&parsed), format::count(count));
            let chip = egui::Button::selectable(
                on,
                egui::RichText::new(label).color(format::state_text_color(
                    &JobState::parse(&state),
                    ui.visuals().dark_mode,
                )),
            );
            if ui
                .add(chip)
                .on_hover_text(format::state_chip_hover(&parsed))
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
            tr!(
                "filter-cancel-in-progress",
                count = view.cancellations_active()
            ),
        )
        .on_hover_text(tr!("filter-cancel-in-progress-hover"));
        ui.toggle_value(
            &mut query.cancel_landed_only,
            tr!("filter-cancelled", count = view.cancellations_landed()),
        )
        .on_hover_text(tr!("filter-cancelled-hover"));
        let filtered = !query.states.is_empty()
            || query.cancel_pending_only
            || query.cancel_landed_only
            || !query.text.is_empty();
        if filtered && ui.button(tr!("filter-clear")).clicked() {
            *query = TableQuery {
                sort: query.sort,
                ascending: query.ascending,
                ..Default::default()
            };
        }
    });
}

/// The selection buttons' verdicts, and the language their reasons are worded in.
#[derive(Clone, Default)]
struct ButtonsMade {
    lang: Option<crate::i18n::Lang>,
    verdicts: SelectionVerdicts,
}

/// What a selection button shows: the rule applied to every selected job.
#[derive(Clone, Debug)]
struct SelectionButton {
    action: Action,
    allowed: usize,
    why_not: Option<String>,
}

/// The selection buttons, the rule applied again only to the jobs that changed (see
/// [`SelectionVerdicts`]), or to all when the selection or the language changed.
fn selection_buttons(ui: &egui::Ui, cx: &PanelContext<'_>) -> Vec<SelectionButton> {
    let store = cx.store();
    let selection = &cx.selection.keys;
    ui.data_mut(|data| {
        let made =
            data.get_temp_mut_or_default::<ButtonsMade>(egui::Id::unique("selection-buttons"));
        let lang = crate::i18n::current();
        if made.lang != Some(lang) {
            made.verdicts.reset();
            made.lang = Some(lang);
        }
        made.verdicts
            .update(store, selection, cx.selection.keys.stamp());
        made.verdicts
            .iter()
            .map(|(action, allowed, why_not)| SelectionButton {
                action,
                allowed,
                why_not: why_not.map(str::to_owned),
            })
            .collect()
    })
}

/// "Cancel selected" or "Delete selected", enabled when the rule allows it for at least one
/// selected job; the hover text says why not.
fn selection_action_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>, button: &SelectionButton) {
    let label = tr!(
        "toolbar-selected",
        action = button.action.key(),
        count = button.allowed
    );
    let response = ui
        .add_enabled(button.why_not.is_none(), egui::Button::new(label))
        .on_disabled_hover_text(button.why_not.clone().unwrap_or_default());
    if response.clicked() {
        let selected = cx.selection.keys.iter().cloned().collect();
        cx.ask(Intent::Ask(button.action, selected));
    }
}
