//! The bottom bar: where the jobs come from, how polling goes.

use eframe::egui;

use super::app::App;
use super::format;

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut egui::Ui, app: &App) {
    let now = jiff::Timestamp::now();
    let poll = app.store.poll();
    ui.horizontal(|ui| {
        ui.label(app.source.label());
        ui.separator();
        ui.label(format!("{} jobs", app.store.len()));
        ui.separator();
        match &poll.degraded {
            Some((message, retry_at)) => {
                let wait = retry_at.duration_since(now).as_secs();
                let text = if wait > 0 {
                    format!("Degraded: retrying in {wait} s")
                } else {
                    "Degraded: retrying now…".to_owned()
                };
                ui.colored_label(ui.visuals().error_fg_color, text)
                    .on_hover_text(message.as_str());
                if let Some(last) = poll.last_success {
                    ui.label(format!("stale since {}", format::time(last)));
                }
                // The reason in view, cut to the room left (the whole text on hover): a
                // refused sign-in must not hide behind a tooltip.
                let first = message.lines().next().unwrap_or_default();
                ui.add(egui::Label::new(first).truncate())
                    .on_hover_text(message.as_str());
            }
            None => match poll.last_success {
                Some(last) => {
                    ui.label(format!(
                        "Last poll {} ({})",
                        format::time(last),
                        format::relative(last, now)
                    ));
                }
                None => {
                    ui.label("Loading jobs…");
                }
            },
        }
        if let Some(next) = poll.next_poll.filter(|_| poll.degraded.is_none()) {
            ui.separator();
            ui.label(format!("next full poll {}", format::relative(next, now)));
        }
        ui.separator();
        ui.label(format!("{} request(s) in flight", poll.in_flight));
    });
}
