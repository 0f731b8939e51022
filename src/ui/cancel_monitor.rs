//! The cancellation monitor: for every job with a cancel pending, the drives that keep
//! copying after the request, how much and how fast, a chart over time with the moment of
//! the request, which drives were skipped, and the outcome with Azure's deletion date.

use eframe::egui;
use egui_plot::{Legend, Line, Plot, PlotPoints, VLine};

use crate::model::{Drive, DriveState, JobEntry};

use super::context::PanelContext;
use super::format;
use super::intent::Intent;

/// Cards drawn at most; the rest are counted. Each card has a chart, so hundreds would cost
/// frames; the table's "Cancel in progress" and "Cancelled" filters list them all.
pub const MAX_CARDS: usize = 24;

/// Draws a card for each job of the table's view with a cancel requested (in progress
/// first).
pub fn cancel_monitor_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>) {
    let (store, view) = (cx.store(), cx.view);
    let keys = view.cancellations();
    let active = view.cancellations_active();
    let entries: Vec<&JobEntry> = keys
        .iter()
        .take(MAX_CARDS)
        .filter_map(|k| store.get(k))
        .collect();
    let landed = keys.len() - active;
    ui.strong(format!(
        "Cancellation monitor: {active} cancel(s) in progress, {landed} landed"
    ))
    .on_hover_text(
        "In progress: requested, the job not finished (drives in transfer may keep copying). \
         Landed: the job reached Completed or Closed after the request.",
    );
    if keys.len() > MAX_CARDS {
        ui.weak(format!(
            "Showing the first {MAX_CARDS} (in progress first); the table's \"Cancel in \
             progress\" and \"Cancelled\" filters list all {}.",
            keys.len()
        ));
    }
    if entries.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label(
                "No cancellation to watch. Cancel a job (before Packaging) and follow it here.",
            );
        });
        return;
    }
    let now = jiff::Timestamp::now();
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for entry in entries {
                // A card out of view takes its height from the last frame that drew it, so
                // only the visible cards (with their tables and charts) cost a frame.
                let id = ui.scope_id().with(("card", &entry.job.key));
                let width = ui.available_width();
                let known = ui.data(|d| d.get_temp::<f32>(id));
                if let Some(height) = known {
                    let rect =
                        egui::Rect::from_min_size(ui.cursor().min, egui::vec2(width, height));
                    if !ui.is_rect_visible(rect) {
                        ui.allocate_space(egui::vec2(width, height));
                        ui.add_space(6.0);
                        continue;
                    }
                }
                let card = egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    cancellation_ui(ui, entry, now, cx);
                });
                let height = card.response.rect.height();
                ui.data_mut(|d| d.insert_temp(id, height));
                ui.add_space(6.0);
            }
        });
}

fn cancellation_ui(
    ui: &mut egui::Ui,
    entry: &JobEntry,
    now: jiff::Timestamp,
    cx: &mut PanelContext<'_>,
) {
    let job = &entry.job;
    ui.horizontal(|ui| {
        if ui
            .link(egui::RichText::new(format::one_line(&job.name, 80)).heading())
            .clicked()
        {
            cx.ask(Intent::Focus(job.key.clone()));
        }
        super::jobs_table::state_badge_ui(ui, entry);
        ui.label(job.key.resource_group.as_str());
    });
    match &entry.cancel {
        Some(watch) if watch.seen_requested => {
            ui.label(format!(
                "Cancel requested {} ({})",
                format::time(watch.requested_at),
                format::relative(watch.requested_at, now)
            ));
        }
        Some(watch) => {
            ui.label(format!("Cancel was already pending when iejobs first saw the job ({}); bytes are counted from then.", format::time(watch.requested_at)));
        }
        None => {
            ui.label("cancel requested… waiting for the service to confirm");
        }
    }
    outcome_ui(ui, entry, now);
    let Some(drives) = &job.drives else {
        ui.label("Drives: loading…");
        return;
    };
    let since = entry.bytes_since_cancel();
    let rates = entry.drive_rates();
    let copying = drives
        .iter()
        .filter(|d| d.state == DriveState::Transferring)
        .count();
    let skipped = drives.iter().filter(|d| is_skipped(d)).count();
    ui.label(format!(
        "{copying} drive(s) still copying after the request · {skipped} skipped · {} copied since the request",
        format::bytes(since.iter().map(|(_, b)| *b).sum())
    ));
    egui::Grid::new(("drives", &job.key))
        .num_columns(6)
        .striped(true)
        .show(ui, |ui| {
            for title in ["Drive", "State", "Copied", "Since request", "Rate", ""] {
                ui.strong(title);
            }
            ui.end_row();
            for (i, drive) in drives.iter().enumerate() {
                ui.monospace(drive.drive_id.as_str());
                ui.colored_label(format::drive_color(&drive.state), drive.state.as_str());
                ui.label(
                    drive
                        .bytes_succeeded
                        .map_or_else(|| "—".to_owned(), format::bytes_checked),
                );
                let copied_since = since
                    .iter()
                    .find(|(id, _)| *id == drive.drive_id)
                    .map_or(0, |(_, b)| *b);
                ui.label(format::bytes(copied_since));
                let rate = rates.get(i).copied().unwrap_or(0.0);
                ui.label(if rate > 0.0 {
                    format::rate(rate)
                } else {
                    "—".to_owned()
                });
                if is_skipped(drive) {
                    ui.label("skipped: not copied");
                } else if drive.state == DriveState::Transferring {
                    ui.label("still copying");
                } else {
                    ui.label(drive.copy_status.as_deref().unwrap_or_default());
                }
                ui.end_row();
            }
        });
    chart_ui(ui, entry, drives);
}

/// A drive the cancel skipped: the service says so, or it never started.
fn is_skipped(drive: &Drive) -> bool {
    drive
        .copy_status
        .as_deref()
        .is_some_and(|s| s.eq_ignore_ascii_case("Cancelled") || s.eq_ignore_ascii_case("Canceled"))
}

fn outcome_ui(ui: &mut egui::Ui, entry: &JobEntry, now: jiff::Timestamp) {
    let job = &entry.job;
    if job.state.is_finished() {
        let text = match entry.deletion_at() {
            Some(deletion) => format!(
                "Outcome: {}. Azure deletes this job on {}, 90 days after completion ({}).",
                job.state,
                format::date(deletion),
                format::relative(deletion, now)
            ),
            None => format!(
                "Outcome: {}. Azure deletes this job 90 days after completion.",
                job.state
            ),
        };
        ui.colored_label(format::state_color(&job.state), text);
    } else {
        ui.label(format!("In progress: {}. The job goes through Packaging to Completed once the copying drives finish.", job.state));
    }
}

fn chart_ui(ui: &mut egui::Ui, entry: &JobEntry, drives: &[Drive]) {
    if entry.progress.len() < 2 {
        ui.weak("The chart fills in as polls observe the drives.");
        return;
    }
    let origin = entry.progress[0].at;
    let seconds = |at: jiff::Timestamp| at.duration_since(origin).as_secs_f64();
    let plot = Plot::new(("cancel-chart", &entry.job.key))
        .height(170.0)
        .legend(Legend::default())
        .x_axis_label("seconds since first observation")
        .y_axis_label("TB copied")
        .allow_scroll(false);
    plot.show(ui, |plot_ui| {
        for (i, drive) in drives.iter().enumerate() {
            let points: PlotPoints = entry
                .progress
                .iter()
                .filter_map(|s| {
                    s.drive_bytes.get(i).copied().flatten().map(|b| {
                        #[expect(clippy::cast_precision_loss, reason = "plotted in TB")]
                        let tb = b as f64 / 1e12;
                        [seconds(s.at), tb]
                    })
                })
                .collect();
            plot_ui.line(Line::new(drive.drive_id.as_str(), points));
        }
        if let Some(watch) = &entry.cancel {
            plot_ui.vline(VLine::new("cancel requested", seconds(watch.requested_at)));
        }
    });
}
