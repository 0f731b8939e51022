//! The activity log: what happened, newest first, errors in red.

use eframe::egui;

use crate::model::Store;

use super::format;

/// Draws the log.
pub fn activity_log_ui(ui: &mut egui::Ui, store: &Store) {
    ui.strong("Activity");
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for entry in store.activity().rev().take(200) {
                let who = entry
                    .key
                    .as_ref()
                    .map(|k| format!("{k}: "))
                    .unwrap_or_default();
                let text = format!("{}  {who}{}", format::time(entry.at), entry.text);
                if entry.is_error {
                    ui.colored_label(ui.visuals().error_fg_color, text);
                } else {
                    ui.label(text);
                }
            }
        });
}
