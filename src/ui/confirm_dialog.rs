//! The modal that asks before Cancel or Delete, listing what will be acted on and skipped.

use eframe::egui;

use crate::model::{Action, DriveState, JobKey, Store, verdict};
use crate::tr;

/// A question waiting for the user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfirmDialog {
    /// Cancel or Delete.
    pub action: Action,
    /// The jobs it will be sent for.
    pub targets: Vec<JobKey>,
    /// The jobs of the selection it will not be sent for, with the reason.
    pub skipped: Vec<(JobKey, String)>,
    /// How many of the targets the table's filters hide: said before anything is sent.
    pub hidden: usize,
    /// For a cancel: the drives in transfer, which keep copying after it ("job/drive"), and
    /// the bytes each has left when the service says.
    pub in_transfer: Vec<(String, Option<i64>)>,
}

/// What the user answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Send the action to the jobs the rules allow.
    Confirm,
    /// Close the dialog; nothing is sent.
    Dismiss,
}

impl ConfirmDialog {
    /// A dialog for `action` on `keys`, split by the rules; `None` if no job may be acted on.
    #[must_use]
    pub fn new(store: &Store, action: Action, keys: &[JobKey]) -> Option<Self> {
        let verdict = verdict(store, action, keys);
        let (targets, skipped) = (verdict.allowed, verdict.refused);
        let in_transfer = if action == Action::Cancel {
            targets
                .iter()
                .filter_map(|k| store.get(k))
                .flat_map(|e| e.job.drives.iter().flatten().map(move |d| (e, d)))
                .filter(|(_, d)| d.state == DriveState::Transferring)
                .map(|(e, d)| (format!("{}/{}", e.job.name, d.drive_id), d.bytes_left()))
                .collect()
        } else {
            Vec::new()
        };
        (!targets.is_empty()).then_some(Self {
            action,
            targets,
            skipped,
            hidden: 0,
            in_transfer,
        })
    }
}

/// Shows the dialog; returns the answer once given.
#[must_use]
pub fn confirm_dialog_ui(ctx: &egui::Context, dialog: &ConfirmDialog) -> Option<Answer> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique("confirm-dialog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        let count = dialog.targets.len();
        let title = if count == 1 {
            tr!(
                "confirm-title-one",
                action = dialog.action.key(),
                job = super::format::one_line(&dialog.targets[0].name, 80)
            )
        } else {
            tr!(
                "confirm-title-many",
                action = dialog.action.key(),
                count = count
            )
        };
        ui.heading(title);
        ui.add_space(4.0);
        match dialog.action {
            Action::Cancel => {
                ui.label(tr!("confirm-cancel-explained"));
            }
            Action::Delete => {
                ui.label(tr!("confirm-delete-explained"));
            }
        }
        if !dialog.in_transfer.is_empty() {
            ui.add_space(4.0);
            ui.label(in_transfer_text(&dialog.in_transfer));
        }
        ui.add_space(6.0);
        if count > 1 || !dialog.skipped.is_empty() {
            ui.strong(tr!("confirm-sent-for", action = dialog.action.key()));
            egui::ScrollArea::vertical()
                .id_salt("targets")
                .max_height(140.0)
                .show(ui, |ui| {
                    for key in &dialog.targets {
                        ui.label(format!(
                            "• {}",
                            super::format::one_line(&key.to_string(), 120)
                        ));
                    }
                });
        }
        if dialog.hidden > 0 {
            ui.add_space(4.0);
            ui.colored_label(
                ui.visuals().warn_fg_color,
                tr!("confirm-hidden", count = dialog.hidden),
            );
        }
        if !dialog.skipped.is_empty() {
            ui.add_space(4.0);
            ui.strong(tr!("confirm-skipped", count = dialog.skipped.len()));
            egui::ScrollArea::vertical()
                .id_salt("skipped")
                .max_height(140.0)
                .show(ui, |ui| {
                    for (key, reason) in &dialog.skipped {
                        ui.label(format!(
                            "• {}: {reason}",
                            super::format::one_line(&key.to_string(), 120)
                        ));
                    }
                });
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            let verb = match dialog.action {
                Action::Cancel => tr!("confirm-request-cancel"),
                Action::Delete => tr!("confirm-delete-permanently"),
            };
            if ui.button(verb).clicked() {
                answer = Some(Answer::Confirm);
            }
            if ui.button(tr!("confirm-keep")).clicked() {
                answer = Some(Answer::Dismiss);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(Answer::Dismiss);
    }
    answer
}

/// "Still copying after the cancel: job/74S15FWS (3.22 TB left), job/C5DPM5UT (1.96 TB
/// left); 5.18 TB left in all." Six named at most.
#[must_use]
pub fn in_transfer_text(drives: &[(String, Option<i64>)]) -> String {
    const NAMED: usize = 6;
    let mut names: Vec<String> = drives
        .iter()
        .take(NAMED)
        .map(|(name, left)| match left {
            Some(left) => tr!(
                "confirm-drive-left",
                drive = name,
                bytes = super::format::bytes(*left)
            ),
            None => name.clone(),
        })
        .collect();
    if drives.len() > NAMED {
        names.push(tr!("confirm-and-more", count = drives.len() - NAMED));
    }
    let total: i64 = drives.iter().filter_map(|(_, l)| *l).sum();
    let known = drives.iter().filter(|(_, l)| l.is_some()).count();
    let total = match known {
        0 => String::new(),
        n if n == drives.len() => tr!("confirm-left-in-all", bytes = super::format::bytes(total)),
        _ => tr!("confirm-at-least-left", bytes = super::format::bytes(total)),
    };
    tr!(
        "confirm-still-copying",
        count = drives.len(),
        drives = names.join(", "),
        total = total
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drives_that_keep_copying_are_named_with_what_they_have_left() {
        let drives = vec![
            ("finance/74S15FWS".to_owned(), Some(3_220_000_000_000)),
            ("finance/C5DPM5UT".to_owned(), Some(1_960_000_000_000)),
        ];
        assert_eq!(
            in_transfer_text(&drives),
            "Still copying after the cancel (2 drive(s) in transfer): finance/74S15FWS \
             (3.22 TB left), finance/C5DPM5UT (1.96 TB left); 5.18 TB left in all."
        );
        let many: Vec<(String, Option<i64>)> = (0..8).map(|i| (format!("j/D{i}"), None)).collect();
        let text = in_transfer_text(&many);
        assert!(
            text.contains("and 2 more") && !text.contains("left"),
            "{text}"
        );
    }
}
