//! The bottom bar: where the jobs come from, how polling goes, which subscriptions fail and
//! why, the reads spent against the budget, and a bulk action's progress.

use std::fmt::Write as _;

use eframe::egui;

use crate::model::{Session, WorkerStatus};
use crate::tr;

use super::context::PanelContext;
use super::format;

/// Draws the status bar.
pub fn status_bar_ui(ui: &mut egui::Ui, cx: &PanelContext<'_>) {
    let now = jiff::Timestamp::now();
    let poll = cx.session.status();
    ui.horizontal(|ui| {
        ui.label(cx.source.label());
        ui.separator();
        ui.label(tr!("count-jobs", count = cx.store().len()));
        ui.separator();
        // Before the rest: a subscription that cannot be read must not be cut off.
        if poll.degraded.is_none()
            && let Some((text, hover)) = failing_text(cx.session)
        {
            ui.colored_label(ui.visuals().error_fg_color, text)
                .on_hover_text(hover);
            ui.separator();
        }
        // A slow page: which, the attempt and the time it has taken, counting each second.
        if let Some((text, hover)) = slow_page_text(cx.session, now) {
            ui.colored_label(ui.visuals().warn_fg_color, text)
                .on_hover_text(hover);
            ui.ctx()
                .request_repaint_after(std::time::Duration::from_secs(1));
            ui.separator();
        }
        match &poll.degraded {
            Some((message, retry_at)) => {
                let wait = retry_at.duration_since(now).as_secs();
                let text = if wait > 0 {
                    tr!("status-degraded-in", seconds = wait)
                } else {
                    tr!("status-degraded-now").to_owned()
                };
                ui.colored_label(ui.visuals().error_fg_color, text)
                    .on_hover_text(message.as_str());
                if let Some(last) = poll.last_success {
                    ui.label(tr!("status-stale-since", time = format::time(last)));
                }
                // The reason in view, cut to the room left (the whole text on hover): a
                // refused sign-in must not hide behind a tooltip.
                let first = message.lines().next().unwrap_or_default();
                ui.add(egui::Label::new(first).truncate())
                    .on_hover_text(message.as_str());
                return;
            }
            None => match poll.last_success {
                Some(last) => {
                    ui.label(tr!(
                        "status-last-poll",
                        time = format::time(last),
                        ago = format::relative(last, now)
                    ));
                }
                None => {
                    ui.label(tr!("status-loading"));
                }
            },
        }
        let status = cx.session.status();
        if let Some(text) = bulk_text(status) {
            ui.separator();
            ui.label(text);
        }
        if let Some(text) = budget_text(status) {
            ui.separator();
            ui.label(text).on_hover_text(budget_hover(cx.session));
        }
        ui.separator();
        ui.label(tr!("status-in-flight", count = poll.in_flight));
    });
}

/// "Listing Contoso Media: page 3, attempt 2 of 4, 47 s…" while a page of a listing is slow
/// or retried (the first one seen; all of them on hover).
#[must_use]
pub fn slow_page_text(session: &Session, now: jiff::Timestamp) -> Option<(String, String)> {
    let line = |id: &str, page: &crate::model::SlowPage| {
        let name = session.subscriptions().name(id).unwrap_or(id);
        let waited = now.duration_since(page.since).as_secs().max(0);
        tr!(
            "status-slow-page",
            subscription = name,
            page = page.page,
            attempt = page.attempt,
            attempts = page.max_attempts,
            seconds = waited
        )
    };
    let status = session.status();
    let mut slow = status.slow_pages();
    let (id, page) = slow.next()?;
    let more = slow.count();
    let mut text = line(id, page);
    if more > 0 {
        text.push_str(&tr!("status-and-more", count = more));
    }
    let mut hover = String::from(tr!("status-slow-page-hover"));
    for (id, page) in status.slow_pages() {
        let _ = write!(hover, "\n{}", line(id, page));
    }
    Some((text, hover))
}

/// "Cancelling 240 of 1,000…" while a bulk action runs; its end once done.
#[must_use]
pub fn bulk_text(status: &WorkerStatus) -> Option<String> {
    let bulk = status.bulk.as_ref().filter(|b| b.total > 1)?;
    let action = bulk.action.key();
    Some(if bulk.finished() {
        tr!("status-bulk-done", action = action, total = bulk.total)
    } else {
        tr!(
            "status-bulk-doing",
            action = action,
            done = bulk.done,
            total = bulk.total
        )
    })
}

/// "reads 310/h of 1,200": the busiest subscription's reads over the last hour.
#[must_use]
pub fn budget_text(status: &WorkerStatus) -> Option<String> {
    if status.subscriptions.is_empty() {
        return None;
    }
    let reads = format::count(status.busiest_reads_per_hour() as usize);
    Some(if let Some(budget) = status.read_budget_per_hour {
        tr!(
            "status-reads-budget",
            reads = reads,
            budget = format::count(budget as usize)
        )
    } else {
        tr!("status-reads", reads = reads)
    })
}

fn budget_hover(session: &Session) -> String {
    let status = session.status();
    let mut lines = vec![match status.read_budget_per_hour {
        Some(budget) => tr!(
            "status-reads-hover-budget",
            budget = format::count(budget as usize)
        ),
        None => tr!("status-reads-hover").to_owned(),
    }];
    for (id, sub) in &status.subscriptions {
        let name = session.subscriptions().name(id).unwrap_or(id);
        let mut line = tr!(
            "status-reads-line",
            subscription = name,
            reads = format::count(sub.reads_last_hour as usize)
        );
        if let Some(left) = sub.remaining_reads {
            line.push_str(&tr!("status-reads-left", count = left.to_string()));
        }
        if let Some(until) = sub.throttled_until {
            line.push_str(&tr!("status-throttled-until", time = format::time(until)));
        }
        lines.push(line);
    }
    lines.join("\n")
}

/// "2 of 3 subscriptions: Contoso Media: not allowed to read Import/Export jobs
/// (`AuthorizationFailed`)", and the whole story on hover.
#[must_use]
pub fn failing_text(session: &Session) -> Option<(String, String)> {
    let status = session.status();
    let failing: Vec<_> = status.failing().collect();
    let (first_id, first) = failing.first()?;
    let total = status.subscriptions.len();
    let readable = total - failing.len();
    let name = |id: &str| session.subscriptions().name(id).unwrap_or(id).to_owned();
    let more = if failing.len() > 1 {
        tr!("status-and-more", count = failing.len() - 1)
    } else {
        String::new()
    };
    let text = tr!(
        "status-failing",
        readable = readable,
        total = total,
        subscription = name(first_id),
        reason = first.reason(),
        more = more
    );
    let hover = failing
        .iter()
        .map(|(id, f)| {
            tr!(
                "status-failing-hover",
                subscription = name(id),
                id = *id,
                reason = f.reason(),
                message = f.message.as_str(),
                time = format::time(f.retry_at)
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    Some((text, hover))
}
