//! The jobs table's columns: which exist, which the user hides (right-click on the header,
//! kept across runs in [`super::state::UiState`]), and how wide each is drawn.

use std::collections::BTreeSet;

use eframe::egui;

use super::table_view::SortColumn;

/// One column of the table.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    /// The message id of its title (see [`Column::title`]).
    pub title_id: &'static str,
    /// What it shows and sorts by; also its name in the saved list of hidden columns.
    pub id: SortColumn,
    /// Its width before the user resizes it.
    pub width: f32,
    /// The least width a resize leaves it.
    pub least: f32,
}

impl Column {
    /// Its title, in the current language.
    #[must_use]
    pub fn title(&self) -> &'static str {
        crate::i18n::text(self.title_id)
    }
}

const fn column(title_id: &'static str, id: SortColumn, width: f32, least: f32) -> Column {
    Column {
        title_id,
        id,
        width,
        least,
    }
}

/// The columns, in the order drawn.
pub const COLUMNS: [Column; 11] = [
    column("column-name", SortColumn::Name, 180.0, 80.0),
    column(
        "column-resource-group",
        SortColumn::ResourceGroup,
        124.0,
        40.0,
    ),
    column("column-subscription", SortColumn::Subscription, 150.0, 40.0),
    column("column-type", SortColumn::Type, 50.0, 30.0),
    column("column-state", SortColumn::State, 96.0, 40.0),
    column("column-cancel", SortColumn::CancelPending, 66.0, 30.0),
    column("column-drives", SortColumn::Drives, 44.0, 30.0),
    column("column-progress", SortColumn::Progress, 100.0, 40.0),
    column("column-location", SortColumn::Location, 84.0, 40.0),
    column(
        "column-storage-account",
        SortColumn::StorageAccount,
        120.0,
        40.0,
    ),
    column("column-last-change", SortColumn::LastChange, 64.0, 64.0),
];

/// The column that names the row: it cannot be hidden.
pub const ALWAYS_SHOWN: SortColumn = SortColumn::Name;

/// The widths a row is drawn with: the user's widths (or the initial ones), at least each
/// column's least, 0 for a hidden column; all grown in proportion to fill `available` when
/// it is wider, else the last shown column shrunk to what remains (never below its least).
#[must_use]
pub fn layout(stored: &[f32], hidden: &BTreeSet<SortColumn>, available: f32) -> Vec<f32> {
    let usable = stored.len() == COLUMNS.len() && stored.iter().all(|w| w.is_finite());
    let mut widths: Vec<f32> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if is_hidden(c.id, hidden) {
                0.0
            } else {
                let width = if usable { stored[i] } else { c.width };
                width.max(c.least)
            }
        })
        .collect();
    let total: f32 = widths.iter().sum();
    if total > 0.0 && available > total {
        // A wide window: every column grows in proportion (a subscription's name is no
        // longer cut while the last column takes all the room).
        let scale = available / total;
        for width in &mut widths {
            *width *= scale;
        }
    } else if let Some(last) = widths.iter().rposition(|w| *w > 0.0) {
        // A narrow one: the last column gives way down to its least; the table scrolls.
        let others: f32 = widths[..last].iter().sum();
        widths[last] = (available - others).max(COLUMNS[last].least);
    }
    widths
}

/// Whether a column is hidden (the name never is, whatever a saved state says).
#[must_use]
pub fn is_hidden(column: SortColumn, hidden: &BTreeSet<SortColumn>) -> bool {
    column != ALWAYS_SHOWN && hidden.contains(&column)
}

/// The header's right-click menu: a check box per column, and a way back to all of them.
pub fn columns_menu_ui(ui: &mut egui::Ui, hidden: &mut BTreeSet<SortColumn>) {
    ui.label(egui::RichText::new(crate::tr!("columns-shown")).strong());
    for column in COLUMNS {
        let mut shown = !is_hidden(column.id, hidden);
        let enabled = column.id != ALWAYS_SHOWN;
        let response = ui
            .add_enabled(enabled, egui::Checkbox::new(&mut shown, column.title()))
            .on_disabled_hover_text(crate::tr!("columns-name-always"));
        if response.changed() {
            if shown {
                hidden.remove(&column.id);
            } else {
                hidden.insert(column.id);
            }
        }
    }
    ui.separator();
    if ui
        .add_enabled(
            !hidden.is_empty(),
            egui::Button::new(crate::tr!("columns-show-all")),
        )
        .clicked()
    {
        hidden.clear();
        ui.close();
    }
}

#[cfg(test)]
#[expect(
    clippy::float_cmp,
    reason = "widths copied or set to exact values, not computed"
)]
mod tests {
    use super::*;

    fn initial() -> Vec<f32> {
        COLUMNS.iter().map(|c| c.width).collect()
    }

    #[test]
    fn a_hidden_column_takes_no_width_and_a_wide_table_grows_every_column_alike() {
        let hidden = BTreeSet::from([SortColumn::Subscription, SortColumn::Location]);
        let widths = layout(&initial(), &hidden, 2000.0);
        assert_eq!(widths[2], 0.0);
        assert_eq!(widths[8], 0.0);
        assert!(
            (widths[1] / widths[9] - 124.0 / 120.0).abs() < 1e-4,
            "{widths:?}"
        );
        assert!(widths[1] > 124.0, "grown: {widths:?}");
        let total: f32 = widths.iter().sum();
        assert!(
            (total - 2000.0).abs() < 0.01,
            "the columns fill the width: {total}"
        );
    }

    #[test]
    fn a_narrow_table_shrinks_its_last_shown_column_and_then_scrolls() {
        let hidden = BTreeSet::from([SortColumn::LastChange]);
        let widths = layout(&initial(), &hidden, 1000.0);
        assert_eq!(widths[10], 0.0);
        let others: f32 = widths[..9].iter().sum();
        assert!((widths[9] - (1000.0 - others)).abs() < 0.01);
        assert!(widths[9] < 120.0);
        let widths = layout(&initial(), &BTreeSet::new(), 300.0);
        assert_eq!(
            widths[10], 64.0,
            "no less than its least: the table scrolls"
        );
        assert_eq!(widths[0], 180.0);
    }

    #[test]
    fn the_name_is_never_hidden_even_if_a_saved_state_says_so() {
        let hidden: BTreeSet<SortColumn> = COLUMNS.iter().map(|c| c.id).collect();
        let widths = layout(&initial(), &hidden, 800.0);
        assert!(
            widths[0] >= 799.9,
            "the name alone fills the width: {widths:?}"
        );
        assert!(widths[1..].iter().all(|w| *w == 0.0));
    }

    #[test]
    fn saved_widths_of_another_shape_or_not_finite_fall_back_to_the_initial_ones() {
        let widths = layout(&[10.0, 20.0], &BTreeSet::new(), 100.0);
        assert_eq!(widths[0], 180.0);
        let mut stored = initial();
        stored[3] = f32::NAN;
        assert_eq!(layout(&stored, &BTreeSet::new(), 100.0)[3], 50.0);
        stored = initial();
        stored[3] = 1.0;
        assert_eq!(
            layout(&stored, &BTreeSet::new(), 100.0)[3],
            30.0,
            "least width"
        );
    }
}

#[cfg(test)]
mod kept_tests {
    use super::super::state::UiState;
    use super::*;

    #[test]
    fn hidden_columns_are_kept_across_runs_and_an_older_saved_state_shows_them_all() {
        let mut state = UiState::default();
        state.hidden_columns.insert(SortColumn::Location);
        let saved = serde_json::to_string(&state).unwrap();
        let back: UiState = serde_json::from_str(&saved).unwrap();
        assert_eq!(back.hidden_columns, BTreeSet::from([SortColumn::Location]));
        // What a run before the column chooser saved.
        let older: UiState = serde_json::from_str(r#"{"show_monitor":false}"#).unwrap();
        assert!(older.hidden_columns.is_empty());
        assert!(!older.show_monitor);
    }
}
