//! The jobs table: virtualized rows, sortable and resizable columns, multi-selection, a
//! context menu.
//!
//! Rows are painted, not built from a widget per cell: a table of a dozen visible rows and
//! eleven columns would otherwise be some 250 widgets, most of what a frame costs. Each row is
//! one clickable widget, named for screen readers and tests by its job's name; the few marks
//! that explain themselves on hover (a pending cancel, an unknown state, a failed action) are
//! labels of their own.

use std::collections::BTreeSet;

use eframe::egui;

use crate::model::{Action, CancelPhase, JobEntry, JobKey, Session, verdict};
use crate::tr;

use super::columns::{self, COLUMNS};
use super::context::PanelContext;
use super::format;
use super::intent::Intent;
use super::table_view::{SortColumn, TableQuery};

/// A row's height: 22 points of content and 3 of spacing, as the `egui_extras` table this
/// one replaced laid them out.
const ROW_HEIGHT: f32 = 25.0;
const HEADER_HEIGHT: f32 = 24.0;
/// Space between a cell's edge and its text.
const CELL_PADDING: f32 = 4.0;

/// What an empty table says when nothing is filtered out: once a subscription has been
/// listed and holds no job, that it is empty (not "on its way" for ever).
#[must_use]
pub fn no_jobs_text(session: &Session) -> String {
    let status = session.status();
    let name = |id: &str| session.subscriptions().name(id).unwrap_or(id).to_owned();
    let listed: Vec<String> = status
        .subscriptions
        .iter()
        .filter(|(_, s)| s.listed_at.is_some())
        .map(|(id, _)| name(id))
        .collect();
    if listed.is_empty() {
        return tr!("table-no-jobs-yet").to_owned();
    }
    let waiting = status
        .subscriptions
        .values()
        .filter(|s| s.listed_at.is_none() && s.failure.is_none())
        .count();
    let mut text = tr!("table-no-jobs-in", subscriptions = listed.join(", "));
    if waiting > 0 {
        text.push('\n');
        text.push_str(&tr!("table-still-listing", count = waiting));
    }
    text
}

/// Draws the table; it owns the sort order of the query and the hidden columns. `reveal` is
/// the row the last click or arrow key went to: it is scrolled into view.
pub fn jobs_table_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelContext<'_>,
    query: &mut TableQuery,
    hidden: &mut BTreeSet<SortColumn>,
    reveal: Option<usize>,
    page_rows: &mut usize,
) {
    let rows = cx.view.rows().len();
    let store = cx.store();
    if rows == 0 {
        ui.centered_and_justified(|ui| {
            if let (true, Some((message, _))) = (store.is_empty(), &cx.session.status().degraded) {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    tr!("table-cannot-list", message = message.as_str()),
                );
            } else if store.is_empty() {
                ui.label(no_jobs_text(cx.session));
            } else {
                ui.label(tr!("table-no-match"));
            }
        });
        return;
    }
    if super::stale_banner::stale_banner_ui(ui, cx.session) {
        ui.multiply_opacity(super::stale_banner::STALE_OPACITY);
    }
    let modifiers = ui.input(|i| i.modifiers);
    let id = ui.make_persistent_id("jobs-table");
    let stored = stored_widths(ui, id);
    let mut widths = columns::layout(&stored, hidden, ui.available_width());
    let mut resized = false;
    egui::ScrollArea::horizontal()
        .id_salt("jobs-horizontal")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            resized = header_ui(ui, id, &mut widths, query, hidden);
            ui.spacing_mut().item_spacing.y = 0.0;
            egui::ScrollArea::vertical()
                .id_salt("jobs-vertical")
                .auto_shrink([false, false])
                .show_rows(ui, ROW_HEIGHT, rows, |ui, range| {
                    // A screenful less one row, so that Page Down keeps a row in view.
                    *page_rows = range.len().saturating_sub(1).max(1);
                    #[expect(
                        clippy::cast_precision_loss,
                        reason = "row numbers far below 2^23; positions in points"
                    )]
                    let top = ui.max_rect().top() - range.start as f32 * ROW_HEIGHT;
                    if let Some(row) = reveal {
                        #[expect(clippy::cast_precision_loss, reason = "as above")]
                        let y = top + row as f32 * ROW_HEIGHT;
                        let rect = egui::Rect::from_x_y_ranges(
                            ui.max_rect().x_range(),
                            y..=y + ROW_HEIGHT,
                        );
                        ui.scroll_to_rect(rect, None);
                    }
                    for index in range {
                        row_ui(ui, cx, index, &widths, modifiers, reveal == Some(index));
                    }
                });
        });
    if resized {
        // A hidden column keeps the width it had when shown.
        let kept: Vec<f32> = widths
            .iter()
            .zip(&stored)
            .map(|(drawn, before)| if *drawn > 0.0 { *drawn } else { *before })
            .collect();
        ui.data_mut(|d| d.insert_persisted(id, kept));
    }
}

/// The columns' widths as the user left them (kept with the window's state), or the
/// initial ones; [`columns::layout`] makes them the drawn ones.
fn stored_widths(ui: &egui::Ui, id: egui::Id) -> Vec<f32> {
    ui.data_mut(|d| d.get_persisted::<Vec<f32>>(id))
        .filter(|w| w.len() == COLUMNS.len() && w.iter().all(|x| x.is_finite()))
        .unwrap_or_else(|| COLUMNS.iter().map(|c| c.width).collect())
}

/// The column titles (a click sorts by that column, a second click reverses, a right-click
/// chooses the columns shown) and the handles between them that resize the columns; true
/// when a column was resized.
fn header_ui(
    ui: &mut egui::Ui,
    id: egui::Id,
    widths: &mut [f32],
    query: &mut TableQuery,
    hidden: &mut BTreeSet<SortColumn>,
) -> bool {
    let mut resized = false;
    let total: f32 = widths.iter().sum();
    let (rect, _) = ui.allocate_exact_size(egui::vec2(total, HEADER_HEIGHT), egui::Sense::hover());
    let font = egui::TextStyle::Body.resolve(ui.style());
    let last_shown = widths.iter().rposition(|w| *w > 0.0).unwrap_or(0);
    let mut x = rect.left();
    for (
        i,
        columns::Column {
            title_id,
            id: column,
            least,
            ..
        },
    ) in COLUMNS.into_iter().enumerate()
    {
        if widths[i] <= 0.0 {
            continue;
        }
        let cell = egui::Rect::from_x_y_ranges(x..=x + widths[i], rect.y_range());
        let arrow = match (query.sort == column, query.ascending) {
            (true, true) => " ^",
            (true, false) => " v",
            (false, _) => "",
        };
        let title = crate::i18n::text(title_id);
        let text = format!("{title}{arrow}");
        let response = ui
            .interact(cell, id.with(("sort", i)), egui::Sense::click())
            .on_hover_text(tr!("table-sort-hover", column = title));
        // Stays open while the user ticks several columns; a click outside closes it.
        egui::Popup::context_menu(&response)
            .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
            .show(|ui| columns::columns_menu_ui(ui, hidden));
        response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &text));
        let color = if response.hovered() {
            ui.visuals().widgets.hovered.text_color()
        } else {
            ui.visuals().strong_text_color()
        };
        let galley = ui.painter().layout_no_wrap(text, font.clone(), color);
        ui.painter()
            .with_clip_rect(cell.intersect(ui.clip_rect()))
            .galley(
                egui::pos2(
                    cell.left() + CELL_PADDING,
                    cell.center().y - galley.size().y / 2.0,
                ),
                galley,
                color,
            );
        if response.clicked() {
            if query.sort == column {
                query.ascending = !query.ascending;
            } else {
                query.sort = column;
                query.ascending = true;
            }
        }
        if i < last_shown {
            let handle = egui::Rect::from_x_y_ranges(
                cell.right() - 3.0..=cell.right() + 3.0,
                rect.y_range(),
            );
            let drag = ui.interact(handle, id.with(("resize", i)), egui::Sense::drag());
            if drag.hovered() || drag.dragged() {
                ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeColumn);
            }
            if drag.dragged() {
                widths[i] = (widths[i] + drag.drag_delta().x).max(least);
                resized = true;
            }
            let stroke = if drag.hovered() || drag.dragged() {
                ui.visuals().widgets.hovered.fg_stroke
            } else {
                ui.visuals().widgets.noninteractive.bg_stroke
            };
            ui.painter().vline(cell.right(), rect.y_range(), stroke);
        }
        x = cell.right();
    }
    resized
}

/// One row: a single widget that selects on click and opens the context menu; the cells are
/// painted into it. The row a click or a key went to (`revealed`) takes the keyboard focus,
/// so that Tab goes on from it to the next row.
fn row_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelContext<'_>,
    index: usize,
    widths: &[f32],
    modifiers: egui::Modifiers,
    revealed: bool,
) {
    let total: f32 = widths.iter().sum();
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(total, ROW_HEIGHT), egui::Sense::click());
    let (view, selection) = (cx.view, cx.selection);
    let Some(key) = view.rows().get(index) else {
        return;
    };
    let Some(entry) = cx.store().get(key) else {
        return;
    };
    let selected = selection.keys.contains(key);
    if revealed {
        response.request_focus();
    }
    response.widget_info(|| {
        egui::WidgetInfo::selected(egui::Role::Button, true, selected, format::row_label(entry))
    });
    if ui.is_rect_visible(rect) {
        let visuals = ui.visuals();
        let background = if selected {
            Some(visuals.selection.bg_fill)
        } else if response.hovered() {
            Some(visuals.widgets.hovered.weak_bg_fill)
        } else if index % 2 == 1 {
            Some(visuals.faint_bg_color)
        } else {
            None
        };
        if let Some(fill) = background {
            ui.painter().rect_filled(rect, 0.0, fill);
        }
        let subscription = cx.session.subscriptions().name(&key.subscription_id);
        cells_ui(ui, rect, widths, entry, subscription, selected);
    }
    if response.clicked() {
        cx.ask(Intent::Click {
            row: index,
            toggle: modifiers.command,
            range: modifiers.shift,
        });
    } else if response.gained_focus() && selection.focus.as_ref() != Some(key) {
        // Tab reached the row: it is the keyboard's way to click it. (Arrow keys move the
        // selection themselves, and egui's focus follows onto the row already focused.)
        cx.ask(Intent::Click {
            row: index,
            toggle: false,
            range: false,
        });
    }
    if response.hovered() {
        cell_tooltip_ui(&response, rect, widths, entry);
    }
    response.context_menu(|ui| {
        // Built only while the menu is open: a selection can hold every job.
        let selection: Vec<JobKey> = if selected {
            selection.keys.iter().cloned().collect()
        } else {
            vec![key.clone()]
        };
        context_menu_ui(ui, cx, entry, &selection);
    });
}

/// The cell rectangles of a row.
fn cell_rects(row: egui::Rect, widths: &[f32]) -> impl Iterator<Item = egui::Rect> + '_ {
    widths.iter().scan(row.left(), move |x, width| {
        let cell = egui::Rect::from_x_y_ranges(*x..=*x + width, row.y_range());
        *x += width;
        Some(cell)
    })
}

/// Paints the cells of one row.
fn cells_ui(
    ui: &mut egui::Ui,
    row: egui::Rect,
    widths: &[f32],
    entry: &JobEntry,
    subscription_name: Option<&str>,
    selected: bool,
) {
    let job = &entry.job;
    let key = &job.key;
    let visuals = ui.visuals();
    let text = if selected {
        visuals.selection.stroke.color
    } else {
        visuals.text_color()
    };
    let drives = job
        .drives
        .as_ref()
        .map_or_else(|| "…".to_owned(), |d| d.len().to_string());
    let changed = format::short_time(entry.changed_at, jiff::Timestamp::now());
    let cells: Vec<egui::Rect> = cell_rects(row, widths).collect();
    let plain = [
        (0, job.name.as_str()),
        (1, key.resource_group.as_str()),
        (2, subscription_name.unwrap_or(&key.subscription_id)),
        (3, job.job_type.as_ref().map_or("", |t| t.as_str())),
        (6, drives.as_str()),
        (8, job.location.as_deref().unwrap_or("")),
        (9, job.storage_account_name().unwrap_or("")),
        (10, changed.as_str()),
    ];
    let shown = |column: usize| cells[column].width() > 0.0;
    for (column, value) in plain {
        if shown(column) {
            text_cell(ui, cells[column], value, text);
        }
    }
    // On a selected row the marks take the selection's text colour: red or orange on the
    // selection's blue is not readable.
    let marks = selected.then_some(text);
    if shown(4) {
        state_cell_ui(ui, cells[4], entry, marks);
    }
    if shown(5) {
        cancel_mark_ui(ui, cells[5], entry, marks);
    }
    if shown(7) {
        progress_cell(ui, cells[7], entry);
    }
}

/// The hover text of the cell under the pointer: the subscription's id, the exact time of the
/// last change, an unknown state's explanation, a failed action's error.
fn cell_tooltip_ui(response: &egui::Response, row: egui::Rect, widths: &[f32], entry: &JobEntry) {
    let Some(pointer) = response.hover_pos() else {
        return;
    };
    let Some(column) =
        cell_rects(row, widths).position(|c| c.width() > 0.0 && c.x_range().contains(pointer.x))
    else {
        return;
    };
    let text = match column {
        2 => Some(entry.job.key.subscription_id.to_string()),
        10 => Some(format::time(entry.changed_at)),
        4 => match &entry.failure {
            Some(failure) => Some(failure.describe()),
            None => Some(format::state_hover(&entry.job.state)),
        },
        _ => None,
    };
    if let Some(text) = text {
        response.clone().on_hover_text_at_pointer(text);
    }
}

/// Plain text in a cell, clipped to it.
fn text_cell(ui: &egui::Ui, cell: egui::Rect, text: &str, color: egui::Color32) {
    if text.is_empty() {
        return;
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    // One line, and no longer than any cell can show: the cell clips the rest.
    let text = format::one_line(text, 300).into_owned();
    let galley = ui.painter().layout_no_wrap(text, font, color);
    let at = egui::pos2(
        cell.left() + CELL_PADDING,
        cell.center().y - galley.size().y / 2.0,
    );
    ui.painter()
        .with_clip_rect(cell.shrink2(egui::vec2(1.0, 0.0)).intersect(ui.clip_rect()))
        .galley(at, galley, color);
}

/// The overall progress as a bar with its percentage.
fn progress_cell(ui: &egui::Ui, cell: egui::Rect, entry: &JobEntry) {
    let Some(percent) = entry.job.percent_complete else {
        text_cell(ui, cell, "—", ui.visuals().text_color());
        return;
    };
    #[expect(clippy::cast_precision_loss, reason = "0 to 100")]
    let fraction = percent.clamp(0, 100) as f32 / 100.0;
    let bar = egui::Rect::from_center_size(
        cell.center(),
        egui::vec2((cell.width() - 2.0 * CELL_PADDING).max(0.0), 14.0),
    );
    let visuals = ui.visuals();
    let painter = ui.painter().with_clip_rect(cell.intersect(ui.clip_rect()));
    painter.rect_filled(bar, 7.0, visuals.extreme_bg_color);
    if fraction > 0.0 {
        let mut filled = bar;
        filled.set_width((bar.width() * fraction).max(14.0_f32.min(bar.width())));
        painter.rect_filled(filled, 7.0, visuals.selection.bg_fill);
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    let color = visuals.strong_text_color();
    let galley = painter.layout_no_wrap(format::percent(percent), font, color);
    let at = egui::pos2(bar.left() + 8.0, bar.center().y - galley.size().y / 2.0);
    painter.galley(at, galley, color);
}

/// The state as a coloured badge; an unknown state or a failed action adds a mark (its
/// explanation is the cell's hover text).
fn state_cell_ui(
    ui: &mut egui::Ui,
    cell: egui::Rect,
    entry: &JobEntry,
    mark: Option<egui::Color32>,
) {
    let state = &entry.job.state;
    let small = egui::TextStyle::Small.resolve(ui.style());
    let painter = ui.painter().with_clip_rect(cell.intersect(ui.clip_rect()));
    let galley = painter.layout_no_wrap(format::state_text(state), small, egui::Color32::WHITE);
    let badge = egui::Rect::from_min_size(
        egui::pos2(
            cell.left() + CELL_PADDING,
            cell.center().y - galley.size().y / 2.0 - 1.0,
        ),
        galley.size() + egui::vec2(12.0, 2.0),
    );
    painter.rect_filled(badge, 4.0, format::state_color(state));
    painter.galley(
        badge.min + egui::vec2(6.0, 1.0),
        galley,
        egui::Color32::WHITE,
    );
    let mut marks = String::new();
    if !state.is_known() {
        marks.push('?');
    }
    if entry.failure.is_some() {
        marks.push_str("(!)");
    }
    if !marks.is_empty() {
        let at = egui::Rect::from_x_y_ranges(badge.right() + 2.0..=cell.right(), cell.y_range());
        ui.put(
            at,
            egui::Label::new(
                egui::RichText::new(marks).color(mark.unwrap_or(ui.visuals().error_fg_color)),
            )
            .selectable(false),
        );
    }
}

/// The state as a coloured badge (the detail panel's; the table paints its own).
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
        })
        .response
        .on_hover_text(format::state_hover(state));
    if !state.is_known() {
        ui.label("?").on_hover_text(tr!("table-unknown-state"));
    }
    if let Some(failure) = &entry.failure {
        ui.colored_label(ui.visuals().error_fg_color, "(!)")
            .on_hover_text(failure.describe());
    }
}

/// "requested…" while a cancel is on its way, "pending" once the service confirmed it and
/// until the job finishes, "cancelled" once it landed, "deleting…" while a delete is on its
/// way: a label, named for screen readers.
fn cancel_mark_ui(
    ui: &mut egui::Ui,
    cell: egui::Rect,
    entry: &JobEntry,
    mark: Option<egui::Color32>,
) {
    let deleting = entry
        .pending
        .as_ref()
        .is_some_and(|p| p.action == Action::Delete);
    let (text, hover, color) = match entry.cancel_phase() {
        Some(CancelPhase::Landed) => (
            CancelPhase::Landed.label(),
            CancelPhase::Landed.explanation(),
            ui.visuals().weak_text_color(),
        ),
        Some(phase) => (
            phase.label(),
            phase.explanation(),
            ui.visuals().warn_fg_color,
        ),
        None if deleting => (
            tr!("table-deleting"),
            tr!("table-deleting-hover"),
            ui.visuals().warn_fg_color,
        ),
        None => return,
    };
    let cell = cell.shrink2(egui::vec2(CELL_PADDING, 0.0));
    ui.put(
        cell,
        egui::Label::new(egui::RichText::new(text).color(mark.unwrap_or(color))).selectable(false),
    )
    .on_hover_text(hover);
}

/// The right-click menu of a row: Cancel and Delete for the selection (or this row).
fn context_menu_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelContext<'_>,
    entry: &JobEntry,
    selection: &[JobKey],
) {
    for action in Action::ALL {
        let verdict = verdict(cx.store(), action, selection);
        let why = verdict.why_not().unwrap_or_default();
        let label = tr!(
            "table-menu-action",
            action = action.key(),
            allowed = verdict.allowed.len(),
            count = selection.len()
        );
        if ui
            .add_enabled(verdict.is_possible(), egui::Button::new(label))
            .on_disabled_hover_text(why)
            .clicked()
        {
            cx.ask(Intent::Ask(action, selection.to_vec()));
            ui.close();
        }
    }
    if ui.button(tr!("table-show-details")).clicked() {
        cx.ask(Intent::Focus(entry.job.key.clone()));
        ui.close();
    }
    if ui
        .button(tr!("table-copy"))
        .on_hover_text(tr!("table-copy-hover"))
        .clicked()
    {
        cx.ask(Intent::Copy(selection.to_vec()));
        ui.close();
    }
}
