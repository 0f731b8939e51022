//! The detail panel: everything about the focused job, its drives, its timeline, and the
//! Cancel and Delete buttons with the reason when they are disabled.

use eframe::egui;

use crate::model::{Action, JobEntry, Package};
use crate::tr;

use super::context::PanelContext;
use super::format;
use super::intent::Intent;

/// Draws the panel.
pub fn job_detail_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>) {
    let selection = cx.selection;
    let Some(entry) = selection.focus.as_ref().and_then(|k| cx.store().get(k)) else {
        ui.add_space(8.0);
        ui.label(tr!("detail-select"));
        if selection.keys.len() > 1 {
            ui.label(tr!("detail-selected", count = selection.keys.len()));
        }
        return;
    };
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            ui.add_space(4.0);
            // The badge first: a name of any length is cut to the panel's width (whole on
            // hover), and never pushes the buttons below out of the window.
            ui.horizontal(|ui| {
                super::jobs_table::state_badge_ui(ui, entry);
                let name = format::one_line(&entry.job.name, 200);
                ui.add(egui::Label::new(egui::RichText::new(name).heading()).truncate())
                    .on_hover_text(format::hover_text(&entry.job.name, 500));
            });
            actions_ui(ui, entry, cx);
            if let Some(failure) = &entry.failure {
                let status = failure
                    .status
                    .map(|status| format!(" · HTTP {status}"))
                    .unwrap_or_default();
                let request = failure
                    .request_id
                    .as_deref()
                    .map(|id| tr!("detail-request-id", id = id))
                    .unwrap_or_default();
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    tr!(
                        "detail-failure",
                        failure = failure.describe(),
                        at = format::time(failure.at),
                        status = status,
                        request = request
                    ),
                );
            }
            if entry.cancel_pending() && ui.link(tr!("detail-watch")).clicked() {
                cx.ask(Intent::Watch(entry.job.key.clone()));
            }
            ui.separator();
            properties_ui(ui, entry);
            ui.separator();
            drives_ui(ui, entry);
            ui.separator();
            timeline_ui(ui, entry);
        });
}

fn actions_ui(ui: &mut egui::Ui, entry: &JobEntry, cx: &mut PanelContext<'_>) {
    ui.horizontal(|ui| {
        for action in Action::ALL {
            let permission = entry.permission(action);
            let button = ui
                .add_enabled(
                    permission.is_allowed(),
                    egui::Button::new(format!("{}…", action.label())),
                )
                .on_disabled_hover_text(permission.reason().unwrap_or_default());
            if button.clicked() {
                cx.ask(Intent::Ask(action, vec![entry.job.key.clone()]));
            }
        }
    });
}

fn properties_ui(ui: &mut egui::Ui, entry: &JobEntry) {
    let job = &entry.job;
    let none = || "—".to_owned();
    let rows: Vec<(&str, String)> = vec![
        (tr!("prop-state"), format::state_text(&job.state)),
        (
            tr!("prop-cancel-requested"),
            if entry
                .pending
                .as_ref()
                .is_some_and(|p| p.action == Action::Cancel)
            {
                tr!("detail-cancel-sending").to_owned()
            } else if job.cancel_requested {
                tr!("yes").to_owned()
            } else {
                tr!("no").to_owned()
            },
        ),
        (
            tr!("prop-provisioning"),
            job.provisioning_state
                .as_deref()
                .map_or_else(none, str::to_owned),
        ),
        (
            tr!("prop-job-type"),
            job.job_type.as_ref().map_or_else(none, ToString::to_string),
        ),
        (
            tr!("prop-resource-group"),
            job.key.resource_group.to_string(),
        ),
        (
            tr!("prop-subscription"),
            job.key.subscription_id.to_string(),
        ),
        (
            tr!("prop-storage-account"),
            job.storage_account_name().map_or_else(none, str::to_owned),
        ),
        (
            tr!("prop-location"),
            job.location.as_deref().map_or_else(none, str::to_owned),
        ),
        (
            tr!("prop-progress"),
            job.percent_complete.map_or_else(none, format::percent),
        ),
        (
            tr!("prop-delivery-package"),
            package(job.delivery_package.as_deref()),
        ),
        (
            tr!("prop-return-package"),
            package(job.return_package.as_deref()),
        ),
        (
            tr!("prop-diagnostics"),
            job.diagnostics_path
                .as_deref()
                .map_or_else(none, str::to_owned),
        ),
        (
            tr!("prop-log-level"),
            job.log_level.as_deref().map_or_else(none, str::to_owned),
        ),
        (
            tr!("prop-backup-manifest"),
            job.backup_drive_manifest
                .map_or_else(none, |b| if b { tr!("yes") } else { tr!("no") }.to_owned()),
        ),
        // The service's clock (the emulator's runs faster than the wall) and this
        // computer's, never side by side without saying which.
        (
            tr!("prop-created"),
            job.created_at.map_or_else(none, format::time),
        ),
        (
            tr!("prop-modified"),
            job.last_modified_at.map_or_else(none, format::time),
        ),
        (tr!("prop-changed"), format::time(entry.changed_at)),
    ];
    // Half the panel at most for each column: a long name (Italian's "Ultima modifica vista
    // (questo computer)") must not squeeze the values into a column a word wide.
    let half = ((ui.available_width() - ui.spacing().item_spacing.x) / 2.0).clamp(120.0, 270.0);
    egui::Grid::new("job-properties")
        .num_columns(2)
        .striped(true)
        .max_col_width(half)
        .show(ui, |ui| {
            for (name, value) in rows {
                ui.label(name);
                ui.label(format::one_line(&value, 300))
                    .on_hover_text(format::hover_text(&value, 500));
                ui.end_row();
            }
            if let Some(deletion) = entry.deletion_at() {
                ui.label(tr!("detail-deletion"));
                ui.label(tr!("detail-deletion-date", date = format::date(deletion)));
                ui.end_row();
            }
        });
}

fn package(package: Option<&Package>) -> String {
    let Some(p) = package else {
        return "—".to_owned();
    };
    let mut parts = Vec::new();
    if let Some(carrier) = &p.carrier_name {
        parts.push(carrier.to_string());
    }
    if let Some(tracking) = &p.tracking_number {
        parts.push(tr!("package-tracking", number = tracking));
    }
    if let Some(count) = p.drive_count {
        parts.push(tr!("package-drives", count = count));
    }
    if let Some(date) = &p.ship_date {
        // The service writes dates as free text; an RFC 3339 one is shown in local time.
        let date = date.parse().map_or_else(|_| date.to_string(), format::time);
        parts.push(tr!("package-shipped", date = date));
    }
    parts.join(", ")
}

fn drives_ui(ui: &mut egui::Ui, entry: &JobEntry) {
    let Some(drives) = &entry.job.drives else {
        ui.label(tr!("detail-drives-loading"));
        return;
    };
    ui.strong(tr!("detail-drives", count = drives.len()));
    for drive in drives {
        ui.horizontal(|ui| {
            ui.monospace(if drive.drive_id.is_empty() {
                tr!("detail-no-id")
            } else {
                &drive.drive_id
            });
            ui.colored_label(
                format::drive_color(&drive.state, ui.visuals().dark_mode),
                drive.state.as_str(),
            );
            if let Some(status) = &drive.copy_status {
                ui.label(format!("· {status}"));
            }
        });
        ui.horizontal(|ui| {
            #[expect(clippy::cast_precision_loss, reason = "0 to 100")]
            let fraction = drive.percent_complete.unwrap_or(0).clamp(0, 100) as f32 / 100.0;
            let bar = ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(160.0)
                    .text(format::percent(drive.percent_complete.unwrap_or(0))),
            );
            let bytes = drive
                .bytes_succeeded
                .map(|bytes| ui.label(format::bytes_checked(bytes)));
            if let Some(note) =
                format::odd_value_note(drive.percent_complete, drive.bytes_succeeded)
            {
                bar.on_hover_text(&note);
                if let Some(bytes) = bytes {
                    bytes.on_hover_text(note);
                }
            }
        });
        ui.horizontal(|ui| {
            for (name, link) in [
                (tr!("drive-error-log"), &drive.error_log_uri),
                (tr!("drive-verbose-log"), &drive.verbose_log_uri),
                (tr!("drive-manifest"), &drive.manifest_uri),
            ] {
                if let Some(url) = link {
                    ui.hyperlink_to(name, url);
                }
            }
        });
        ui.add_space(2.0);
    }
}

fn timeline_ui(ui: &mut egui::Ui, entry: &JobEntry) {
    ui.strong(tr!("detail-observed"));
    // The cancel request takes its place among the states (first seen pending: said so).
    let mut request = entry.cancel.as_ref().map(|watch| {
        let text = if watch.seen_requested {
            tr!("timeline-cancel-requested")
        } else {
            tr!("timeline-cancel-first-seen")
        };
        (watch.requested_at, text)
    });
    for transition in &entry.timeline {
        if let Some((at, text)) = request.filter(|(at, _)| *at < transition.at) {
            ui.label(format!("{}  {text}", format::time(at)));
            request = None;
        }
        let landed = entry.cancel.is_some() && transition.state.is_finished();
        ui.label(format!(
            "{}  {}{}",
            format::time(transition.at),
            format::state_text(&transition.state),
            if landed { tr!("timeline-landed") } else { "" }
        ));
    }
    if let Some((at, text)) = request {
        ui.label(format!("{}  {text}", format::time(at)));
    }
}
