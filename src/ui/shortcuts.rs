//! The list of keyboard shortcuts (F1, `?` or the toolbar's Shortcuts button).

use eframe::egui;

use super::state::SHORTCUTS;

/// Draws the list while `open`; its close button, or Escape, closes it.
pub fn shortcuts_ui(ctx: &egui::Context, open: &mut bool) {
    egui::Window::new(crate::tr!("shortcuts-title"))
        .id(egui::Id::unique("shortcuts-window"))
        .open(open)
        .collapsible(false)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts")
                .num_columns(2)
                .striped(true)
                .show(ui, |ui| {
                    for (keys, what) in SHORTCUTS {
                        ui.strong(crate::i18n::text(keys));
                        ui.label(crate::i18n::text(what));
                        ui.end_row();
                    }
                });
            ui.weak(crate::tr!("shortcuts-note"));
        });
}
