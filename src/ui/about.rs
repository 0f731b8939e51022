//! Help → About: the version, and the folders where iejobs keeps things (log files, data,
//! config file), so that a user asked for a log knows where to find it.

use std::path::{Path, PathBuf};

use eframe::egui;

use super::context::PanelContext;
use super::intent::Intent;

/// The folders the About window names, from `main`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Folders {
    /// Where the window's log files go; `None` when it logs to stderr only (no data
    /// folder, or the folder could not be created).
    pub logs: Option<PathBuf>,
    /// Where the observed history and the audit trail are kept; `None` when the platform
    /// has no data folder.
    pub data: Option<PathBuf>,
}

/// Draws the About window while it is open (`cx.about`); closing it is an intent.
pub fn about_ui(ctx: &egui::Context, cx: &mut PanelContext<'_>) {
    let Some(folders) = cx.about else {
        return;
    };
    let mut open = true;
    let mut close = false;
    egui::Window::new(crate::tr!("toolbar-about"))
        .id(egui::Id::unique("about-window"))
        .open(&mut open)
        .collapsible(false)
        .resizable(false)
        // Opens in the middle of the window, clear of the toolbar it was opened from.
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(ctx.content_rect().center())
        .show(ctx, |ui| {
            ui.heading(format!("iejobs {}", env!("CARGO_PKG_VERSION")));
            ui.label(crate::tr!("about-description"));
            ui.add_space(6.0);
            folders_ui(ui, folders, cx.settings.path.as_deref());
            ui.add_space(6.0);
            close = ui.button(crate::tr!("close")).clicked();
        });
    if !open || close {
        cx.ask(Intent::ShowAbout(false));
    }
}

/// One row per folder: what it holds, and where it is (selectable, to copy).
fn folders_ui(ui: &mut egui::Ui, folders: &Folders, config: Option<&Path>) {
    egui::Grid::new("about-folders")
        .num_columns(2)
        .show(ui, |ui| {
            folder_row_ui(
                ui,
                crate::tr!("about-logs"),
                folders.logs.as_deref(),
                crate::tr!("about-no-logs"),
            );
            folder_row_ui(
                ui,
                crate::tr!("about-data"),
                folders.data.as_deref(),
                crate::tr!("about-no-data"),
            );
            folder_row_ui(
                ui,
                crate::tr!("about-config"),
                config,
                crate::tr!("about-no-config"),
            );
        });
}

fn folder_row_ui(ui: &mut egui::Ui, what: &str, path: Option<&Path>, missing: &str) {
    ui.label(what);
    match path {
        Some(path) => ui.monospace(path.display().to_string()),
        None => ui.weak(missing),
    };
    ui.end_row();
}
