//! Panels drawn alone from an [`AppState`] with a fixed store: no worker, no emulator, no
//! window. What a panel asks for comes out as intents, checked here.

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::model::{Action, Event, Job, JobKey, JobState};

use super::intent::Intent;
use super::settings_draft::SettingsContext;
use super::state::{AppState, Source, UiState};

/// A state holding one job in each of `states`, named after the state, `Shipping` selected.
fn state_with(states: &[JobState]) -> AppState {
    let mut state = AppState::new(
        Source::Emulator {
            url: "http://127.0.0.1:1".into(),
            scenario: "fixed".into(),
            speed: 0.0,
        },
        UiState::default(),
        (30, 2),
        None,
        SettingsContext::default(),
        super::about::Folders::default(),
    );
    let jobs = states
        .iter()
        .map(|s| Job::new(key(&s.to_string().to_lowercase()), s.clone()))
        .collect();
    state.session.apply(Event::Partial {
        jobs,
        at: jiff::Timestamp::now(),
    });
    state.refresh();
    state
}

fn key(name: &str) -> JobKey {
    JobKey::new("00000000-0000-0000-0000-000000000001", "rg", name)
}

#[test]
fn the_toolbar_alone_says_why_an_action_is_refused_and_asks_when_allowed() {
    let mut state = state_with(&[JobState::Shipping, JobState::Packaging]);
    state.selection.keys = [key("packaging")].into();
    let mut harness = Harness::new_ui_state(
        |ui, (state, intents): &mut (AppState, Vec<Intent>)| {
            let (mut cx, mut own) = state.panels(intents);
            super::toolbar::toolbar_ui(ui, &mut cx, &mut own);
        },
        (state, Vec::new()),
    );
    harness.run();
    let cancel = harness.get_by_label("Cancel selected (0)");
    assert!(cancel.accesskit_node().is_disabled());
    // A Shipping job may be cancelled: the button asks, and nothing else happens.
    harness.state_mut().0.selection.keys = [key("shipping"), key("packaging")].into();
    harness.run();
    harness.get_by_label("Cancel selected (1)").click();
    harness.run();
    let intents = &harness.state().1;
    assert_eq!(intents.len(), 1, "{intents:?}");
    assert!(
        matches!(&intents[0], Intent::Ask(Action::Cancel, keys) if keys.len() == 2),
        "{intents:?}"
    );
    // The monitor's toggle is an intent too, not a change made by the panel.
    harness.state_mut().1.clear();
    harness
        .get_by_label_contains("Cancellation monitor")
        .click();
    harness.run();
    assert_eq!(harness.state().1, [Intent::ShowMonitor(false)]);
    assert!(
        harness.state().0.ui_state.show_monitor,
        "only the intent changes it"
    );
}

#[test]
fn the_state_turns_intents_into_commands_without_a_worker() {
    let mut state = state_with(&[JobState::Shipping, JobState::Completed]);
    let commands = state.handle(Intent::Focus(key("shipping")));
    assert!(
        matches!(commands.as_slice(), [crate::worker::Command::Inspect(k)] if *k == key("shipping"))
    );
    assert_eq!(state.selection.anchor, Some(key("shipping")));
    assert!(
        state
            .handle(Intent::Ask(Action::Delete, vec![key("shipping")]))
            .is_empty()
    );
    assert!(state.dialog.is_none());
    assert!(
        state
            .notice
            .as_deref()
            .unwrap_or_default()
            .contains("Delete"),
        "{:?}",
        state.notice
    );
    assert!(
        state
            .handle(Intent::Ask(Action::Delete, vec![key("completed")]))
            .is_empty()
    );
    let commands = state.answer(super::confirm_dialog::Answer::Confirm);
    assert_eq!(
        commands,
        [crate::worker::Command::Act(
            Action::Delete,
            vec![key("completed")]
        )]
    );
    state.sent(&commands[0], Ok(()));
    let entry = state.session.store().get(&key("completed")).unwrap();
    assert!(entry.pending.is_some(), "the row says requested at once");
}

#[test]
fn the_detail_panel_alone_shows_a_failure_with_its_request_id_and_asks_for_the_monitor() {
    let mut state = state_with(&[JobState::Transferring]);
    let transferring = key("transferring");
    state.session.apply(Event::ActionSent {
        key: transferring.clone(),
        action: Action::Cancel,
        at: jiff::Timestamp::now(),
    });
    state.session.apply(Event::ActionFailed {
        key: transferring.clone(),
        action: Action::Cancel,
        status: Some(409),
        code: Some("Conflict".into()),
        message: "the job moved on".into(),
        request_id: Some("4b1c-req".into()),
        at: jiff::Timestamp::now(),
    });
    state.selection.focus = Some(transferring.clone());
    let mut harness = Harness::new_ui_state(
        |ui, (state, intents): &mut (AppState, Vec<Intent>)| {
            let (mut cx, _) = state.panels(intents);
            super::job_detail::job_detail_ui(ui, &mut cx);
        },
        (state, Vec::new()),
    );
    harness.run();
    harness.get_by_label_contains("Cancel failed: Conflict: the job moved on");
    harness.get_by_label_contains("HTTP 409 · request id 4b1c-req");
    // Confirmed now: the job shows a cancel pending, and the link opens the monitor.
    let mut job = Job::new(transferring.clone(), JobState::Transferring);
    job.cancel_requested = true;
    harness.state_mut().0.session.apply(Event::ActionDone {
        key: transferring,
        action: Action::Cancel,
        job: Some(job),
        at: jiff::Timestamp::now(),
    });
    harness.run();
    assert!(
        harness
            .query_by_label_contains("request id 4b1c-req")
            .is_none(),
        "a confirmed cancel clears the failure"
    );
    harness.get_by_label("Watch this cancellation").click();
    harness.run();
    assert!(
        matches!(harness.state().1.as_slice(), [Intent::Watch(_)]),
        "{:?}",
        harness.state().1
    );
}

#[test]
fn the_table_alone_draws_the_view_and_a_click_is_an_intent() {
    let state = state_with(&[JobState::Shipping, JobState::Completed, JobState::Creating]);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1000.0, 400.0))
        .build_ui_state(
            |ui, (state, intents): &mut (AppState, Vec<Intent>)| {
                let reveal = state.selection.reveal.take();
                let (mut cx, own) = state.panels(intents);
                super::jobs_table::jobs_table_ui(
                    ui,
                    &mut cx,
                    &mut own.ui_state.query,
                    &mut own.ui_state.hidden_columns,
                    reveal,
                    own.page_rows,
                );
            },
            (state, Vec::new()),
        );
    harness.run();
    // Each row is named as a screen reader should say it: what a sighted user sees.
    for label in [
        "shipping, Shipping",
        "completed, Completed",
        "creating, Creating",
    ] {
        harness.get_by_label(label);
    }
    harness.get_by_label("completed, Completed").click();
    harness.run();
    assert_eq!(
        harness.state().1,
        [Intent::Click {
            row: 0,
            toggle: false,
            range: false
        }],
        "sorted by name, completed is the first row; the panel selects nothing itself"
    );
    assert!(harness.state().0.selection.keys.is_empty());
}

#[test]
fn a_landed_cancel_says_cancelled_and_is_counted_apart_from_those_in_progress() {
    let mut state = state_with(&[
        JobState::Transferring,
        JobState::Completed,
        JobState::Shipping,
    ]);
    let mut cancelled = |name: &str, state_of: JobState| {
        let mut job = Job::new(key(name), state_of);
        job.cancel_requested = true;
        state.session.apply(Event::Loaded {
            job,
            at: jiff::Timestamp::now(),
        });
    };
    cancelled("transferring", JobState::Transferring);
    cancelled("completed", JobState::Completed);
    state.refresh();
    assert_eq!(
        (
            state.view.cancellations_active(),
            state.view.cancellations_landed()
        ),
        (1, 1)
    );
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 400.0))
        .build_ui_state(
            |ui, (state, intents): &mut (AppState, Vec<Intent>)| {
                state.refresh();
                let (mut cx, mut own) = state.panels(intents);
                super::toolbar::toolbar_ui(ui, &mut cx, &mut own);
                super::jobs_table::jobs_table_ui(
                    ui,
                    &mut cx,
                    &mut own.ui_state.query,
                    &mut own.ui_state.hidden_columns,
                    None,
                    own.page_rows,
                );
            },
            (state, Vec::new()),
        );
    harness.run();
    harness.get_by_label("cancelled");
    harness.get_by_label("pending");
    // A screen reader hears each row as it looks.
    harness.get_by_label("completed, Completed, cancelled");
    harness.get_by_label("transferring, Transferring, cancel pending");
    harness.get_by_label("Cancellation monitor (1 + 1 landed)");
    harness.get_by_label("Cancel in progress 1");
    // The "Cancelled" chip shows the landed one alone.
    harness.get_by_label("Cancelled 1").click();
    harness.run();
    assert_eq!(harness.state().0.view.rows(), [key("completed")]);
    assert!(harness.query_by_label("pending").is_none());
}

#[test]
fn the_theme_is_a_three_way_choice_following_the_system_by_default() {
    let state = state_with(&[JobState::Shipping]);
    assert_eq!(state.ui_state.theme, super::state::ThemeChoice::System);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 200.0))
        .build_ui_state(
            |ui, (state, intents): &mut (AppState, Vec<Intent>)| {
                let (mut cx, mut own) = state.panels(intents);
                super::toolbar::toolbar_ui(ui, &mut cx, &mut own);
            },
            (state, Vec::new()),
        );
    harness.run();
    harness.get_by_label("Theme").click();
    harness.run();
    harness.get_by_label("Light").click();
    harness.run();
    assert_eq!(
        harness.state().0.ui_state.theme,
        super::state::ThemeChoice::Light
    );
    assert_eq!(
        harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::Light
    );
    harness.get_by_label("Theme").click();
    harness.run();
    harness.get_by_label("As the system").click();
    harness.run();
    assert_eq!(
        harness.ctx.options(|o| o.theme_preference),
        egui::ThemePreference::System
    );
}

#[test]
fn the_keyboard_moves_by_row_page_and_end_selects_all_refreshes_and_clears() {
    use super::state::Keys;
    let names: Vec<JobState> = (0..50)
        .map(|i| JobState::Other(format!("S{i:02}").into()))
        .collect();
    let mut state = state_with(&names);
    state.page_rows = 10;
    let key_of = |state: &AppState, row: usize| state.view.rows()[row].clone();
    press(
        &mut state,
        Keys {
            end: true,
            ..Keys::default()
        },
    );
    assert_eq!(
        state.selection.focus,
        Some(key_of(&state, 49)),
        "End: the last row"
    );
    press(
        &mut state,
        Keys {
            page_up: true,
            ..Keys::default()
        },
    );
    assert_eq!(
        state.selection.focus,
        Some(key_of(&state, 39)),
        "Page Up: a screenful"
    );
    press(
        &mut state,
        Keys {
            home: true,
            ..Keys::default()
        },
    );
    assert_eq!(state.selection.focus, Some(key_of(&state, 0)));
    press(
        &mut state,
        Keys {
            page_down: true,
            ..Keys::default()
        },
    );
    assert_eq!(state.selection.focus, Some(key_of(&state, 10)));
    press(
        &mut state,
        Keys {
            select_all: true,
            ..Keys::default()
        },
    );
    assert_eq!(state.selection.keys.len(), 50, "Ctrl+A: every row shown");
    press(
        &mut state,
        Keys {
            escape: true,
            ..Keys::default()
        },
    );
    assert!(state.selection.keys.is_empty(), "Escape: nothing selected");
    assert_eq!(
        state.keyboard(Keys {
            refresh: true,
            ..Keys::default()
        }),
        [Intent::Refresh]
    );
    press(
        &mut state,
        Keys {
            help: true,
            ..Keys::default()
        },
    );
    assert!(state.show_shortcuts, "F1 opens the shortcuts");
    press(
        &mut state,
        Keys {
            escape: true,
            ..Keys::default()
        },
    );
    assert!(!state.show_shortcuts, "Escape closes them first");
    press(
        &mut state,
        Keys {
            find: true,
            ..Keys::default()
        },
    );
    assert!(state.focus_filter, "Ctrl+F: the filter takes the keyboard");
}

#[test]
fn ctrl_f_puts_the_keyboard_in_the_filter() {
    let mut state = state_with(&[JobState::Shipping]);
    state.focus_filter = true;
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 200.0))
        .build_ui_state(
            |ui, (state, intents): &mut (AppState, Vec<Intent>)| {
                let (mut cx, mut own) = state.panels(intents);
                super::toolbar::toolbar_ui(ui, &mut cx, &mut own);
            },
            (state, Vec::new()),
        );
    harness.run();
    assert!(!harness.state().0.focus_filter, "taken by the toolbar");
    assert!(harness.ctx.memory(|m| m.focused().is_some()));
    // Typed without a click: the keyboard is in the filter already.
    harness.event(egui::Event::Text("ship".into()));
    harness.run();
    assert_eq!(harness.state().0.ui_state.query.text, "ship");
}

#[test]
fn help_about_shows_the_version_and_the_folders_and_closes() {
    let mut state = state_with(&[JobState::Shipping]);
    state.folders = super::about::Folders {
        logs: Some("/home/ada/.local/share/iejobs/logs".into()),
        data: None,
    };
    // The toolbar and the About window, with the intents carried out after each frame as
    // the window does.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1200.0, 500.0))
        .build_ui_state(
            |ui, state: &mut AppState| {
                let mut intents = Vec::new();
                let (mut cx, mut own) = state.panels(&mut intents);
                super::toolbar::toolbar_ui(ui, &mut cx, &mut own);
                super::about::about_ui(ui.ctx(), &mut cx);
                for intent in intents {
                    assert!(state.handle(intent).is_empty(), "nothing for the worker");
                }
            },
            state,
        );
    harness.run();
    assert!(harness.query_by_label("About iejobs").is_none());
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("About iejobs").click();
    harness.run();
    assert!(harness.state().show_about);
    harness.get_by_label(&format!("iejobs {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label("/home/ada/.local/share/iejobs/logs");
    harness.get_by_label("Data (history, audit trail)");
    harness.get_by_label("none: this platform has no data folder");
    harness.get_by_label("Close").click();
    harness.run();
    assert!(!harness.state().show_about);
    assert!(
        harness
            .query_by_label_contains(env!("CARGO_PKG_VERSION"))
            .is_none()
    );
}

/// Shift with a move extends the selection from its anchor; Delete on a job that may not be
/// deleted says why instead of doing nothing; with nothing selected it says so.
#[test]
fn shift_moves_extend_and_a_refused_delete_key_says_why() {
    use super::state::Keys;
    let mut state = state_with(&[
        JobState::Creating,
        JobState::Shipping,
        JobState::Transferring,
        JobState::Completed,
    ]);
    press(
        &mut state,
        Keys {
            delete: true,
            ..Keys::default()
        },
    );
    assert_eq!(state.notice.as_deref(), Some("Delete: select a job first"));
    press(
        &mut state,
        Keys {
            home: true,
            ..Keys::default()
        },
    );
    for _ in 0..2 {
        press(
            &mut state,
            Keys {
                down: true,
                extend: true,
                ..Keys::default()
            },
        );
    }
    let rows = state.view.rows().to_vec();
    assert_eq!(state.selection.keys.len(), 3, "rows 0 to 2 selected");
    assert!(rows[..3].iter().all(|k| state.selection.keys.contains(k)));
    assert_eq!(state.selection.focus.as_ref(), Some(&rows[2]));
    // A plain move selects one row again.
    press(
        &mut state,
        Keys {
            up: true,
            ..Keys::default()
        },
    );
    assert_eq!(state.selection.keys.len(), 1);
    // Shipping and Transferring may not be deleted: the key says why, nothing is asked.
    state.selection.keys = [key("shipping"), key("transferring")].into();
    state.notice = None;
    press(
        &mut state,
        Keys {
            delete: true,
            ..Keys::default()
        },
    );
    assert!(state.dialog.is_none());
    let notice = state.notice.clone().unwrap_or_default();
    assert!(
        notice.starts_with("Delete not possible:") && notice.contains("Creating"),
        "{notice}"
    );
}

/// Selected jobs the filter hides are counted (the toolbar says so) and the confirmation
/// names how many of its targets are hidden.
#[test]
fn selected_jobs_hidden_by_the_filter_are_counted_and_the_dialog_says_so() {
    let mut state = state_with(&[JobState::Creating, JobState::Shipping, JobState::Received]);
    state.selection.keys = [key("creating"), key("shipping"), key("received")].into();
    let _ = state.handle(Intent::DismissNotice);
    state.refresh();
    assert_eq!(state.selection.hidden, 0);
    state.ui_state.query.text = "shipping".into();
    state.refresh();
    assert_eq!(state.view.rows().len(), 1);
    assert_eq!(
        state.selection.hidden, 2,
        "creating and received are hidden"
    );
    let keys: Vec<JobKey> = state.selection.keys.iter().cloned().collect();
    let _ = state.handle(Intent::Ask(Action::Cancel, keys));
    assert_eq!(state.dialog.as_ref().map(|d| d.hidden), Some(2));
    let mut harness = Harness::new_ui_state(
        |ui, (state, intents): &mut (AppState, Vec<Intent>)| {
            let (mut cx, mut own) = state.panels(intents);
            super::toolbar::toolbar_ui(ui, &mut cx, &mut own);
        },
        (state, Vec::new()),
    );
    harness.run();
    harness.get_by_label("(2 hidden by the filter)");
}

/// The keys of one frame, carried out as the window does.
fn press(state: &mut AppState, keys: super::state::Keys) {
    for intent in state.keyboard(keys) {
        let _ = state.handle(intent);
    }
}
