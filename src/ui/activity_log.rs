//! The activity log: what happened, newest first, errors in red.

use eframe::egui;

use crate::model::ActivityLog;

use super::format;

/// Draws the log: one line an entry (the whole text on hover), only the lines in view.
pub fn activity_log_ui(ui: &mut egui::Ui, log: &ActivityLog) {
    ui.strong(crate::tr!("activity-title"));
    let count = log.len();
    let row_height = ui.text_style_height(&egui::TextStyle::Body);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show_rows(ui, row_height, count, |ui, range| {
            for entry in log.iter().rev().skip(range.start).take(range.len()) {
                let who = entry
                    .key
                    .as_ref()
                    .map(|k| format!("{k}: "))
                    .unwrap_or_default();
                let text = format!("{}  {who}{}", format::time(entry.at), entry.text);
                let text = format::one_line(&text, 1000).into_owned();
                let text = if entry.is_error {
                    egui::RichText::new(text).color(ui.visuals().error_fg_color)
                } else {
                    egui::RichText::new(text)
                };
                ui.add(egui::Label::new(text).truncate());
            }
        });
}
