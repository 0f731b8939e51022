//! Export and copy in the real `App`, driven with `egui_kittest` against the in-process
//! emulator: Ctrl+C puts the selected rows on the clipboard in the table's order, the export
//! dialog writes the rows shown, and its JSON is what `iejobs jobs list --output json` prints.

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; scenarios read best in one piece"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use iejobs::cli::JobOutput;
use iejobs::ui::App;

use common::app::{frozen_demo as emulator, harness, row, step_until};

/// Steps until every subscription is listed in full (a listing comes in pages: rows that
/// arrive between two clicks would move the table under the pointer).
fn loaded(harness: &mut Harness<'static, App>) {
    step_until(harness, "the demo jobs are listed", |h| {
        let status = h.state().session().status();
        h.state().store().len() >= 30
            && !status.subscriptions.is_empty()
            && status.subscriptions.values().all(|s| s.listed_at.is_some())
    });
    harness.run_steps(2);
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("iejobs-ui-export-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The names of the rows shown, in the table's order.
fn shown_names(harness: &Harness<'static, App>) -> Vec<String> {
    let store = harness.state().store();
    harness
        .state()
        .view()
        .rows()
        .iter()
        .map(|key| store.get(key).unwrap().job.name.to_string())
        .collect()
}

/// Clicks the row `name` with `modifiers` held across frames, as a user does.
fn click_with(harness: &mut Harness<'static, App>, name: &str, modifiers: egui::Modifiers) {
    let label = row(harness, name);
    let at = harness
        .get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .rect()
        .center();
    harness.event(egui::Event::ModifiersChanged(modifiers));
    harness.event(egui::Event::PointerMoved(at));
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers,
        });
    }
    harness.run_steps(1);
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
    harness.run_steps(1);
}

/// The text the last frame put on the clipboard, if any.
fn copied(harness: &Harness<'static, App>) -> Option<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .find_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
}

/// Sends egui's copy event (what the window's integration makes of Ctrl+C) and returns what
/// the frames after it put on the clipboard.
fn press_copy(harness: &mut Harness<'static, App>) -> Option<String> {
    harness.event(egui::Event::Copy);
    let mut text = None;
    for _ in 0..2 {
        harness.step();
        text = text.or_else(|| copied(harness));
    }
    text
}

fn notice(harness: &Harness<'static, App>) -> String {
    harness.state().state().notice.clone().unwrap_or_default()
}

#[test]
fn ctrl_c_copies_the_selected_rows_in_the_tables_order_as_tab_separated_text() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    // Two rows whose order in the table is not the selection's (which is sorted by
    // subscription, group, then name).
    let keys = harness.state().view().rows().to_vec();
    let (first, second) = (0..keys.len())
        .flat_map(|i| (i + 1..keys.len()).map(move |j| (i, j)))
        .find(|&(i, j)| keys[j] < keys[i])
        .expect("two rows the table orders otherwise than their keys");
    let names = shown_names(&harness);
    click_with(&mut harness, &names[second], egui::Modifiers::NONE);
    click_with(&mut harness, &names[first], egui::Modifiers::COMMAND);
    assert_eq!(harness.state().selection().keys.len(), 2);

    let text = press_copy(&mut harness).expect("Ctrl+C put text on the clipboard");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "a header and two rows: {text}");
    assert_eq!(lines[0], iejobs::ui::export::COLUMNS.join("\t"));
    let first_cells: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        first_cells,
        [names[first].as_str(), names[second].as_str()],
        "the table's order"
    );
    for line in &lines[1..] {
        assert_eq!(
            line.split('\t').count(),
            iejobs::ui::export::COLUMNS.len(),
            "{line}"
        );
    }
    assert_eq!(notice(&harness), "Copied 2 jobs");

    // With the keyboard in the filter, the copy is the text field's own.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter:")
        .focus();
    harness.run_steps(1);
    let text = press_copy(&mut harness);
    assert!(
        text.as_deref().is_none_or(|t| !t.contains('\t')),
        "no rows copied from a text field: {text:?}"
    );
}

/// Opens the export dialog, types `path`, picks `format` and saves; waits for the notice.
fn export(harness: &mut Harness<'static, App>, path: &Path, format: &str) {
    harness.get_by_label("Export…").click();
    harness.run_steps(3);
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "File:");
    field.focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "File:")
        .type_text(&path.display().to_string());
    harness.run_steps(1);
    harness.get_by_label(format).click();
    harness.run_steps(1);
    harness.get_by_label("Save").click();
    step_until(harness, "the export is written", |h| {
        h.state()
            .state()
            .notice
            .as_deref()
            .is_some_and(|n| !n.starts_with("Exporting"))
    });
    harness.run_steps(1);
    assert!(
        harness.query_by_label("Export jobs").is_none(),
        "the dialog closed"
    );
}

#[test]
fn the_export_dialog_writes_the_rows_shown_and_its_json_is_the_command_lines() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    let dir = scratch("dialog");

    // CSV of a filtered table: the rows shown, in its order.
    let total = harness.state().view().rows().len();
    let group = harness
        .state()
        .store()
        .get(&harness.state().view().rows()[0])
        .unwrap()
        .job
        .key
        .resource_group
        .to_string();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter:")
        .focus();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter:")
        .type_text(&group);
    harness.run_steps(3);
    let names = shown_names(&harness);
    assert!(
        names.len() >= 2 && names.len() < total,
        "the filter leaves some rows: {} of {total}",
        names.len()
    );
    // The keyboard leaves the filter (the table's keys act again).
    harness.key_press(egui::Key::Escape);
    harness.run_steps(1);
    let csv_path = dir.join("jobs.csv");
    export(&mut harness, &csv_path, "CSV");
    assert_eq!(
        notice(&harness),
        format!("Exported {} jobs to {}", names.len(), csv_path.display())
    );
    let mut reader = csv::Reader::from_path(&csv_path).unwrap();
    let header: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(header, iejobs::ui::export::COLUMNS);
    let exported: Vec<String> = reader
        .records()
        .map(|r| r.unwrap().get(0).unwrap().to_owned())
        .collect();
    assert_eq!(exported, names, "the rows shown, in the table's order");

    // JSON of the whole table: what the command line prints for the same jobs.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter:")
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run_steps(3);
    harness.key_press(egui::Key::Escape);
    harness.run_steps(1);
    assert_eq!(harness.state().view().rows().len(), total);
    let json_path = dir.join("jobs.json");
    export(&mut harness, &json_path, "JSON");
    let window: Vec<JobOutput> =
        serde_json::from_slice(&std::fs::read(&json_path).unwrap()).unwrap();
    assert_eq!(window.len(), total);

    let output = Command::new(env!("CARGO_BIN_EXE_iejobs"))
        .env_clear()
        .env("HOME", &dir)
        .env("PATH", "/usr/bin:/bin")
        .env("IEJOBS_ACCESS_TOKEN", "ui-export-test-token")
        .args(["--endpoint", emulator.url(), "--auth", "token"])
        .args(["jobs", "list", "-o", "json"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut cli: Vec<JobOutput> = serde_json::from_slice(&output.stdout).unwrap();
    let mut window = window;
    // The command line prints the listing's order, the window the table's.
    cli.sort_by(|a, b| a.id.cmp(&b.id));
    window.sort_by(|a, b| a.id.cmp(&b.id));
    assert_eq!(window, cli);

    // A folder that does not exist: the notice says so, the window goes on.
    let missing = dir.join("no-such-folder").join("jobs.csv");
    export(&mut harness, &missing, "CSV");
    let said = notice(&harness);
    assert!(
        said.starts_with("Cannot create") && said.contains("no-such-folder"),
        "{said}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
