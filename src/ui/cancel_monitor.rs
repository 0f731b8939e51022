//! The cancellation monitor: one summary row per cancellation (drives copying, skipped and
//! done, what is left, when it should land, or the outcome and the return package), in the
//! table's order, in progress first and the landed ones grouped below. A row opens into the
//! drives, a chart of what was copied since the request, and where the disks are.

use eframe::egui;
use egui::collapsing_header::CollapsingState;
use egui_plot::{GridMark, HoverPosition, Line, Plot, PlotPoints, VLine};

use crate::model::{
    CancelReport, DriveOutcome, DriveReport, Eta, JobEntry, JobKey, Package, cancel_report,
};

use crate::tr;

use super::context::PanelContext;
use super::format;
use super::intent::Intent;

/// Rows drawn at most in each group; the rest are counted. The table's "Cancel in
/// progress" and "Cancelled" filters list them all.
pub const MAX_CARDS: usize = 24;

/// Draws the monitor. `watch` is the cancellation "Watch this cancellation" asked for: its
/// row opens and scrolls into view, once.
pub fn cancel_monitor_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>, watch: &mut Option<JobKey>) {
    let (store, view) = (cx.store(), cx.view);
    let keys = view.cancellations();
    let active = view.cancellations_active();
    let landed = keys.len() - active;
    ui.strong(tr!("monitor-title", active = active, landed = landed))
        .on_hover_text(tr!("monitor-title-hover"));
    if keys.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label(tr!("monitor-empty"));
        });
        return;
    }
    let now = jiff::Timestamp::now();
    let (in_progress, done) = keys.split_at(active);
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for key in in_progress.iter().take(MAX_CARDS) {
                if let Some(entry) = store.get(key) {
                    cancellation_ui(ui, cx, entry, now, watch);
                }
            }
            more_ui(ui, in_progress.len());
            if done.is_empty() {
                return;
            }
            let watched_landed = watch.as_ref().is_some_and(|w| done.contains(w));
            egui::CollapsingHeader::new(
                egui::RichText::new(tr!("monitor-landed", count = done.len())).strong(),
            )
            .id_salt("landed-cancellations")
            .default_open(false)
            .open(watched_landed.then_some(true))
            .show(ui, |ui| {
                for key in done.iter().take(MAX_CARDS) {
                    if let Some(entry) = store.get(key) {
                        cancellation_ui(ui, cx, entry, now, watch);
                    }
                }
                more_ui(ui, done.len());
            });
        });
}

fn more_ui(ui: &mut egui::Ui, count: usize) {
    if count > MAX_CARDS {
        ui.weak(tr!("monitor-more", shown = MAX_CARDS, count = count));
    }
}

/// One cancellation: its summary row, open into the detail.
fn cancellation_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelContext<'_>,
    entry: &JobEntry,
    now: jiff::Timestamp,
    watch: &mut Option<JobKey>,
) {
    let key = &entry.job.key;
    // One id whatever group the row is drawn in: a row opened while in progress is still
    // open once landed.
    let id = egui::Id::unique(("monitor-cancellation", key));
    let mut state = CollapsingState::load_with_default_open(ui.ctx(), id, false);
    let watched = watch.as_ref() == Some(key);
    if watched {
        state.set_open(true);
    }
    let report = cancel_report(entry);
    let clock = service_clock(cx.source);
    let (_, header, _) = state
        .show_header(ui, |ui| summary_ui(ui, cx, entry, report.as_ref(), now))
        .body(|ui| detail_ui(ui, entry, report.as_ref(), now, clock));
    if watched {
        header.response.scroll_to_me(Some(egui::Align::TOP));
        *watch = None;
    }
}

/// The summary row: name, state, drives, what is left and when it should land, or the
/// outcome and the return package.
fn summary_ui(
    ui: &mut egui::Ui,
    cx: &mut PanelContext<'_>,
    entry: &JobEntry,
    report: Option<&CancelReport>,
    now: jiff::Timestamp,
) {
    let job = &entry.job;
    if ui
        .link(egui::RichText::new(format::one_line(&job.name, 60)).strong())
        .on_hover_text(tr!("monitor-show-job"))
        .clicked()
    {
        cx.ask(Intent::Focus(job.key.clone()));
    }
    super::jobs_table::state_badge_ui(ui, entry);
    let Some(report) = report else {
        ui.weak(if entry.cancel.is_none() {
            tr!("monitor-requested")
        } else {
            tr!("monitor-drives-loading")
        });
        return;
    };
    ui.label(drive_counts(report));
    ui.label(tr!(
        "monitor-since-request",
        bytes = format::bytes(report.since_request)
    ));
    if job.state.is_finished() {
        if let Some(at) = entry.finished_at() {
            ui.label(tr!("monitor-landed-ago", ago = format::relative(at, now)));
        }
        if let Some(package) = &job.return_package {
            return_package_ui(ui, package);
        }
    } else {
        if let Some(left) = report.left {
            ui.label(tr!("monitor-left", bytes = format::bytes(left)));
        }
        if report.count(DriveOutcome::Copying) == 0 {
            ui.label(next_step(&job.state));
        } else {
            ui.label(eta_text(report.eta, now));
        }
    }
}

/// What a cancelled job with no drive copying does next, in a few words.
fn next_step(state: &crate::model::JobState) -> &'static str {
    use crate::model::JobState;
    match state {
        JobState::Packaging => tr!("monitor-next-packaging"),
        JobState::Transferring => tr!("monitor-next-transferring"),
        _ => tr!("monitor-next-skip"),
    }
}

/// "2 copying · 1 skipped · 1 done".
fn drive_counts(report: &CancelReport) -> String {
    let parts: Vec<String> = [
        (DriveOutcome::Copying, "copying"),
        (DriveOutcome::Skipped, "skipped"),
        (DriveOutcome::Done, "done"),
        (DriveOutcome::Waiting, "waiting"),
    ]
    .into_iter()
    .filter_map(|(outcome, key)| {
        let n = report.count(outcome);
        (n > 0).then(|| tr!("monitor-drive-count", outcome = key, count = n))
    })
    .collect();
    if parts.is_empty() {
        tr!("monitor-no-drives").to_owned()
    } else {
        parts.join(" · ")
    }
}

/// When the copying should end: "copying ends ~14:05 (in 3 h 5 min; 2 h 10 min to 5 h)".
fn eta_text(eta: Option<Eta>, now: jiff::Timestamp) -> String {
    let Some(eta) = eta else {
        return tr!("monitor-eta-unknown").to_owned();
    };
    #[expect(
        clippy::cast_possible_truncation,
        reason = "seconds of an estimate, far below i64::MAX"
    )]
    let at = |seconds: f64| {
        eta.from
            .checked_add(jiff::SignedDuration::from_secs(seconds.round() as i64))
            .unwrap_or(eta.from)
    };
    let end = at(eta.seconds);
    let range = eta.range.map_or_else(String::new, |(early, late)| {
        tr!(
            "monitor-eta-range",
            early = format::duration(at(early).duration_since(now).as_secs().max(0)),
            late = format::duration(at(late).duration_since(now).as_secs().max(0))
        )
    });
    tr!(
        "monitor-eta",
        time = format::short_time(end, now),
        ago = format::relative(end, now),
        range = range
    )
}

/// The return package: carrier, tracking number (a link to the carrier's page), ship date.
fn return_package_ui(ui: &mut egui::Ui, package: &Package) {
    let carrier = package
        .carrier_name
        .as_deref()
        .unwrap_or(tr!("monitor-no-carrier"));
    ui.label(tr!("monitor-disks-back", carrier = carrier));
    if let Some(number) = package.tracking_number.as_deref() {
        match format::tracking_url(carrier, number) {
            Some(url) => {
                ui.hyperlink_to(number, url)
                    .on_hover_text(tr!("monitor-tracking-hover"));
            }
            None => {
                ui.label(number);
            }
        }
    }
    if let Some(date) = package.ship_date.as_deref() {
        ui.label(tr!("package-shipped", date = date));
    }
}

/// Service seconds per second of this computer: the embedded emulator's clock speed, 1 on
/// Azure (a stopped emulator clock counts as 1: nothing moves then).
fn service_clock(source: &super::state::Source) -> f64 {
    match source {
        super::state::Source::Emulator { speed, .. } if *speed > 0.0 => *speed,
        _ => 1.0,
    }
}

/// The open row: what happens next, the drives, the chart.
fn detail_ui(
    ui: &mut egui::Ui,
    entry: &JobEntry,
    report: Option<&CancelReport>,
    now: jiff::Timestamp,
    clock: f64,
) {
    match &entry.cancel {
        Some(watch) if watch.seen_requested => {
            ui.label(tr!(
                "monitor-requested-at",
                time = format::time(watch.requested_at),
                ago = format::relative(watch.requested_at, now)
            ));
        }
        Some(watch) => {
            ui.label(tr!(
                "monitor-first-seen",
                time = format::time(watch.requested_at)
            ));
        }
        None => {
            ui.label(tr!("monitor-waiting"));
        }
    }
    ui.label(next_text(entry, report, now));
    let Some(report) = report else {
        return;
    };
    drives_ui(ui, &entry.job.key, report, now, clock);
    chart_ui(ui, entry, report);
}

/// What comes next, or what came of it.
fn next_text(entry: &JobEntry, report: Option<&CancelReport>, now: jiff::Timestamp) -> String {
    let job = &entry.job;
    if job.state.is_finished() {
        return if let Some(deletion) = entry.deletion_at() {
            tr!(
                "monitor-landed-deletion",
                state = job.state.as_str(),
                date = format::date(deletion),
                ago = format::relative(deletion, now)
            )
        } else {
            tr!("monitor-landed-text", state = job.state.as_str())
        };
    }
    let copying = report.map_or(0, |r| r.count(DriveOutcome::Copying));
    if copying == 0 {
        tr!("monitor-in-progress-none", state = job.state.as_str())
    } else {
        tr!(
            "monitor-in-progress",
            state = job.state.as_str(),
            count = copying
        )
    }
}

/// The drives' table. Rates are per second of the service's clock (the emulator's may run
/// faster than this computer's); end times are this computer's.
fn drives_ui(
    ui: &mut egui::Ui,
    key: &JobKey,
    report: &CancelReport,
    now: jiff::Timestamp,
    clock: f64,
) {
    egui::Grid::new(("drives", key))
        .num_columns(7)
        .striped(true)
        .show(ui, |ui| {
            for title in [
                tr!("monitor-col-drive"),
                tr!("monitor-col-state"),
                tr!("monitor-col-copied"),
                tr!("monitor-col-since"),
                tr!("monitor-col-left"),
            ] {
                ui.strong(title);
            }
            #[expect(clippy::float_cmp, reason = "exactly 1 on Azure")]
            if clock == 1.0 {
                ui.strong(tr!("monitor-col-rate"));
            } else {
                ui.strong(tr!("monitor-col-rate-service"))
                    .on_hover_text(tr!("monitor-rate-hover", clock = clock.to_string()));
            }
            ui.strong("");
            ui.end_row();
            for drive in &report.drives {
                drive_row_ui(ui, drive, now, clock);
                ui.end_row();
            }
        });
}

fn drive_row_ui(ui: &mut egui::Ui, drive: &DriveReport, now: jiff::Timestamp, clock: f64) {
    ui.horizontal(|ui| {
        // The chart's colour, for the drives it plots.
        let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
        if plotted(drive) {
            ui.painter()
                .rect_filled(rect, 2.0, format::series_color(&drive.drive_id));
        }
        ui.monospace(drive.drive_id.as_str());
    });
    ui.colored_label(
        format::drive_color(&drive.state, ui.visuals().dark_mode),
        drive.state.as_str(),
    );
    ui.label(
        drive
            .copied
            .map_or_else(|| "—".to_owned(), format::bytes_checked),
    );
    ui.label(format::bytes(drive.since_request));
    ui.label(drive.left.map_or_else(|| "—".to_owned(), format::bytes));
    ui.label(
        drive
            .rate
            .map_or_else(|| "—".to_owned(), |rate| format::rate(rate / clock)),
    );
    let outcome = match (drive.outcome, drive.eta) {
        (DriveOutcome::Copying, Some(eta)) => eta_text(Some(eta), now),
        (outcome, _) => outcome.label().to_owned(),
    };
    ui.label(outcome);
}

/// Bytes each drive copied since the request, against minutes (or hours) since it: what a
/// cancel changes. Each drive keeps its colour (the table above names them); no legend over
/// the data.
fn chart_ui(ui: &mut egui::Ui, entry: &JobEntry, report: &CancelReport) {
    let Some(watch) = &entry.cancel else {
        return;
    };
    let origin = watch.requested_at;
    let samples: Vec<_> = entry.progress.iter().filter(|s| s.at >= origin).collect();
    if samples.len() < 2 {
        ui.weak(tr!("monitor-chart-empty"));
        return;
    }
    let span = samples
        .last()
        .map_or(0.0, |s| s.at.duration_since(origin).as_secs_f64());
    let (per, time_unit) = if span > 3.0 * 3600.0 {
        (3600.0, "hours")
    } else {
        (60.0, "minutes")
    };
    let most = report
        .drives
        .iter()
        .map(|d| d.since_request)
        .max()
        .unwrap_or(0);
    let (scale, unit) = byte_unit(most);
    let moving: Vec<(usize, &DriveReport)> = report
        .drives
        .iter()
        .enumerate()
        .filter(|(_, d)| plotted(d))
        .collect();
    let baseline = |id: &str| {
        watch
            .baseline
            .iter()
            .find(|(d, _)| d.as_str() == id)
            .map_or(0, |(_, b)| *b)
    };
    Plot::new(("cancel-chart", &entry.job.key))
        .height(150.0)
        .x_axis_label(tr!("monitor-chart-x", unit = time_unit))
        .y_axis_label(tr!("monitor-chart-y", unit = unit))
        .x_axis_formatter(tick_label)
        .y_axis_formatter(tick_label)
        .label_formatter(hover_label)
        .include_x(0.0)
        .include_y(0.0)
        .allow_scroll(false)
        .show(ui, |plot_ui| {
            for (i, drive) in &moving {
                let base = baseline(&drive.drive_id);
                let points: PlotPoints = samples
                    .iter()
                    .filter_map(|s| {
                        s.drive_bytes(*i).map(|b| {
                            #[expect(clippy::cast_precision_loss, reason = "plotted")]
                            let y = b.saturating_sub(base).max(0) as f64 / scale;
                            [s.at.duration_since(origin).as_secs_f64() / per, y]
                        })
                    })
                    .collect();
                plot_ui.line(
                    Line::new(drive.drive_id.as_str(), points)
                        .color(format::series_color(&drive.drive_id))
                        .width(2.0),
                );
            }
            plot_ui.vline(
                VLine::new(tr!("timeline-cancel-requested"), 0.0)
                    .color(egui::Color32::GRAY)
                    .style(egui_plot::LineStyle::dashed_loose()),
            );
        });
}

/// A tick's number with as many decimals as the step between ticks needs (as `egui_plot`'s own
/// formatter does), with the language's decimal mark: "0.5" in English, "0,5" in Spanish and
/// Italian.
fn tick_label(mark: GridMark, _range: &std::ops::RangeInclusive<f64>) -> String {
    #[expect(
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss,
        reason = "a handful of decimals, clamped to 0..=6"
    )]
    let places = (-mark.step_size.log10().round()).clamp(0.0, 6.0) as usize;
    chart_number(mark.value, places)
}

/// What the pointer is over, as `egui_plot`'s default says it ("x = 1.500") but with the
/// language's decimal mark.
#[expect(
    clippy::unnecessary_wraps,
    reason = "the formatter egui_plot takes returns an Option"
)]
fn hover_label(position: &HoverPosition<'_>) -> Option<String> {
    let (name, point) = match position {
        HoverPosition::NearDataPoint {
            plot_name,
            position,
            ..
        } => (Some(*plot_name), position),
        HoverPosition::Elsewhere { position } => (None, position),
    };
    let xy = format!(
        "x = {}\ny = {}",
        chart_number(point.x, 3),
        chart_number(point.y, 3)
    );
    Some(match name {
        Some(name) => format!("{name}\n{xy}"),
        None => xy,
    })
}

/// A chart's number with `places` decimals in the language's way; never "-0" (a value that
/// rounds to zero is zero).
fn chart_number(value: f64, places: usize) -> String {
    let text = crate::i18n::decimal(value, places);
    if text.starts_with('-') && text.chars().all(|c| matches!(c, '-' | '0' | '.' | ',')) {
        text[1..].to_owned()
    } else {
        text
    }
}

/// Whether the chart draws the drive: the ones that copied after the request (a skipped
/// drive's line would lie flat on zero).
fn plotted(drive: &DriveReport) -> bool {
    matches!(drive.outcome, DriveOutcome::Copying | DriveOutcome::Done)
}

/// The unit the chart's y axis counts in, for its largest value.
fn byte_unit(most: i64) -> (f64, &'static str) {
    if most < 1_000_000 {
        (1e3, "kB")
    } else if most < 1_000_000_000 {
        (1e6, "MB")
    } else if most < 1_000_000_000_000 {
        (1e9, "GB")
    } else {
        (1e12, "TB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, scoped};

    #[test]
    fn chart_numbers_use_the_language_s_decimal_mark() {
        // egui_plot's grid steps are powers of ten.
        let half = GridMark {
            value: 2.5,
            step_size: 0.1,
        };
        let whole = GridMark {
            value: 40.0,
            step_size: 10.0,
        };
        let range = 0.0..=50.0;
        for (lang, expected) in [(Lang::En, "2.5"), (Lang::Es, "2,5"), (Lang::It, "2,5")] {
            let _guard = scoped(lang);
            assert_eq!(tick_label(half, &range), expected);
            assert_eq!(tick_label(whole, &range), "40");
            assert_eq!(
                chart_number(-0.0001, 2),
                if lang == Lang::En { "0.00" } else { "0,00" }
            );
        }
        let _guard = scoped(Lang::It);
        let hover = hover_label(&HoverPosition::NearDataPoint {
            plot_name: "DRIVE1",
            position: egui_plot::PlotPoint::new(1.25, 3.5),
            index: 0,
        });
        assert_eq!(hover.as_deref(), Some("DRIVE1\nx = 1,250\ny = 3,500"));
    }
}
