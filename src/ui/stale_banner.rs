//! The note above the jobs table while polling fails: the rows are the last good data.

use eframe::egui;

use crate::model::Session;

use super::format;

/// How much the table fades while its data is stale.
pub const STALE_OPACITY: f32 = 0.6;

/// Draws the note when the service is not answering and there are rows to show; true when
/// it did (the caller then mutes the table).
pub fn stale_banner_ui(ui: &mut egui::Ui, session: &Session) -> bool {
    let poll = session.status();
    if poll.degraded.is_none() || session.store().is_empty() {
        return false;
    }
    let since = poll
        .last_success
        .map_or_else(|| crate::tr!("stale-the-start").to_owned(), format::time);
    ui.colored_label(
        ui.visuals().warn_fg_color,
        crate::tr!("stale-banner", since = since),
    );
    true
}
