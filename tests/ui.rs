//! The real `App` driven headlessly with `egui_kittest` against the in-process emulator.

#![allow(
    clippy::unwrap_used,
    clippy::too_many_lines,
    reason = "a test that cannot go on should stop loudly; scenarios read best in one piece"
)]

mod common;

use std::time::Duration;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iejobs::emulator::EmulatorConfig;
use iejobs::emulator::clock::{HOUR, MINUTE};
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::faults::FaultRule;
use iejobs::emulator::scenario::Scenario;
use iejobs::model::{Action, JobState};
use iejobs::ui::App;

use common::app::{
    entry, frozen_demo as emulator, harness, harness_with_folders, harness_with_settings, open_job,
    step_until,
};
use iejobs::ui::SettingsContext;

fn loaded(harness: &mut Harness<'static, App>) {
    step_until(harness, "the demo jobs are listed", |h| {
        h.state().store().len() >= 30
    });
}

#[test]
fn buttons_follow_the_rule_for_every_state() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    let mut names_by_state: Vec<(JobState, String)> = Vec::new();
    for e in harness.state().store().iter() {
        if !names_by_state.iter().any(|(s, _)| *s == e.job.state) {
            names_by_state.push((e.job.state.clone(), e.job.name.to_string()));
        }
    }
    assert!(
        names_by_state.len() >= 8,
        "every documented state and an unknown one: {names_by_state:?}"
    );
    for (state, name) in names_by_state {
        open_job(&mut harness, &name);
        let job = entry(&harness, &name).unwrap().job.clone();
        for action in Action::ALL {
            let label = format!("{}…", action.label());
            let button = harness.get_by_label(&label);
            let enabled = !button.accesskit_node().is_disabled();
            assert_eq!(
                enabled,
                job.permission(action).is_allowed(),
                "{action} for {name} in {state}"
            );
        }
    }
}

#[test]
fn cancel_shows_at_once_reaches_the_emulator_and_drives_keep_copying_until_completed() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    let name = "media-archive-2026-q3";
    open_job(&mut harness, name);
    harness.get_by_label("Cancel…").click();
    step_until(&mut harness, "the dialog shows", |h| {
        h.query_by_label("Request cancel").is_some()
    });
    assert!(
        harness
            .query_all_by_label_contains("Drives already in transfer may keep copying")
            .next()
            .is_some()
    );
    // Hold the PATCH for a second so that the optimistic state can be seen.
    emulator.with(|e| e.set_faults(vec![FaultRule::parse("patch:delay=1000*1").unwrap()]));
    harness.get_by_label("Request cancel").click();
    harness.step();
    harness.step();
    let pending = entry(&harness, name).unwrap().pending.clone();
    assert_eq!(
        pending.map(|p| p.action),
        Some(Action::Cancel),
        "the row knows at once"
    );
    assert!(
        harness.query_by_label("requested…").is_some(),
        "and says so on screen"
    );
    step_until(&mut harness, "the service confirmed the cancel", |h| {
        entry(h, name).is_some_and(|e| e.job.cancel_requested && e.pending.is_none())
    });
    let patches = emulator
        .with(|e| e.requests().iter().filter(|r| r.method == "PATCH").count())
        .unwrap();
    assert_eq!(patches, 1, "exactly one PATCH reached the emulator");
    assert!(harness.query_by_label("pending").is_some());

    assert!(
        harness
            .query_by_label_contains("Cancellation monitor:")
            .is_some(),
        "the monitor is open by default"
    );
    let bytes = |h: &Harness<'static, App>| -> Vec<i64> {
        entry(h, name)
            .unwrap()
            .job
            .drives
            .as_ref()
            .unwrap()
            .iter()
            .map(|d| d.bytes_succeeded.unwrap_or(0))
            .collect()
    };
    let mut before = bytes(&harness);
    for _ in 0..3 {
        emulator.with(|e| e.advance(20 * MINUTE));
        let baseline = before.clone();
        step_until(&mut harness, "the copying drives moved", |h| {
            bytes(h)[0] > baseline[0]
        });
        let now = bytes(&harness);
        assert!(
            now[1] > before[1],
            "both copying drives keep copying after the cancel"
        );
        assert_eq!(&now[2..], [0, 0], "drives not started stay uncopied");
        before = now;
    }
    // The monitor's row says at a glance what the cancel does; "Watch" opens it.
    assert!(
        harness
            .query_all_by_label_contains("2 copying")
            .next()
            .is_some(),
        "the summary counts the drives still copying"
    );
    assert!(
        harness
            .query_all_by_label_contains("since the request")
            .next()
            .is_some()
    );
    harness.get_by_label("Watch this cancellation").click();
    harness.run_steps(3);
    assert!(
        harness
            .query_all_by_label_contains("copying ends ~")
            .next()
            .is_some(),
        "each copying drive has its landing time"
    );
    assert!(harness.query_all_by_label("skipped: not copied").count() >= 2);
    emulator.with(|e| e.advance(24 * HOUR));
    step_until(&mut harness, "the job landed in Completed", |h| {
        entry(h, name).is_some_and(|e| e.job.state == JobState::Completed)
    });
    harness.run_steps(2);
    // Landed cancellations are grouped apart, closed until asked for.
    let landed = harness.state().view().cancellations_landed();
    harness.get_by_label(&format!("Landed ({landed})")).click();
    harness.run_steps(3);
    // Where the disks are: the return package, its tracking number a link.
    assert!(
        harness
            .query_all_by_label_contains("disks back: FedEx")
            .next()
            .is_some(),
        "the landed row names the carrier"
    );
    let tracking = entry(&harness, name)
        .and_then(|e| e.job.return_package.as_ref())
        .and_then(|p| p.tracking_number.clone())
        .unwrap();
    assert_eq!(
        harness
            .get_by_label(tracking.as_str())
            .accesskit_node()
            .role(),
        egui::accesskit::Role::Link
    );
    assert!(
        harness
            .query_all_by_label_contains("Azure deletes the job on")
            .next()
            .is_some(),
        "the retention countdown shows"
    );
}

#[test]
fn delete_of_a_completed_job_removes_its_row() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    let name = "old-photos-2024";
    open_job(&mut harness, name);
    harness.get_by_label("Delete…").click();
    step_until(&mut harness, "the dialog shows", |h| {
        h.query_by_label("Delete permanently").is_some()
    });
    assert!(
        harness
            .query_all_by_label_contains("cannot be undone")
            .next()
            .is_some()
    );
    harness.get_by_label("Delete permanently").click();
    step_until(&mut harness, "the row is gone", |h| {
        entry(h, name).is_none()
    });
    harness.run_steps(2);
    assert!(
        harness
            .query_all_by_label_contains(&format!("{name}, "))
            .next()
            .is_none(),
        "no row names it"
    );
    let deletes: Vec<u16> = emulator
        .with(|e| {
            e.requests()
                .iter()
                .filter(|r| r.method == "DELETE")
                .map(|r| r.status)
                .collect()
        })
        .unwrap();
    assert_eq!(deletes, [200]);
}

#[test]
fn a_refused_cancel_shows_the_arm_error_and_the_window_goes_on() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    let name = "satellite-imagery-eu";
    open_job(&mut harness, name);
    assert_eq!(
        entry(&harness, name).unwrap().job.state,
        JobState::Transferring
    );
    // The PATCH is held up long enough for the job to reach Packaging on the service.
    emulator.with(|e| e.set_faults(vec![FaultRule::parse("patch:delay=1500*1").unwrap()]));
    harness.get_by_label("Cancel…").click();
    step_until(&mut harness, "the dialog shows", |h| {
        h.query_by_label("Request cancel").is_some()
    });
    harness.get_by_label("Request cancel").click();
    step_until(&mut harness, "the PATCH is on its way", |_| {
        emulator
            .with(|e| {
                e.requests()
                    .iter()
                    .any(|r| r.method == "GET" && r.path.ends_with(name))
            })
            .unwrap_or(false)
    });
    std::thread::sleep(Duration::from_millis(300));
    emulator.with(|e| e.advance(2 * HOUR));
    step_until(&mut harness, "the refusal is shown", |h| {
        entry(h, name).is_some_and(|e| e.failure.is_some())
    });
    let failure = entry(&harness, name).unwrap().failure.clone().unwrap();
    assert_eq!(failure.code.as_deref(), Some("JobCannotBeCancelled"));
    let request = failure
        .request_id
        .clone()
        .expect("the refusal's request id");
    harness.run_steps(2);
    assert!(
        harness
            .query_all_by_label_contains("JobCannotBeCancelled")
            .next()
            .is_some(),
        "the ARM code is on screen"
    );
    assert!(
        harness
            .query_all_by_label_contains(&format!("request id {request}"))
            .next()
            .is_some(),
        "the request id Azure support asks for is on screen"
    );
    step_until(&mut harness, "the job is re-read", |h| {
        entry(h, name).is_some_and(|e| e.job.state == JobState::Packaging)
    });
}

#[test]
fn escape_closes_the_dialog_and_nothing_is_sent() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    open_job(&mut harness, "archive-2026-new");
    harness.get_by_label("Delete…").click();
    step_until(&mut harness, "the dialog shows", |h| {
        h.query_by_label("Delete permanently").is_some()
    });
    assert!(harness.query_by_label("Delete permanently").is_some());
    harness.key_press(egui::Key::Escape);
    step_until(&mut harness, "the dialog closes", |h| {
        h.query_by_label("Delete permanently").is_none()
    });
    std::thread::sleep(Duration::from_millis(300));
    let deletes = emulator
        .with(|e| e.requests().iter().filter(|r| r.method == "DELETE").count())
        .unwrap();
    assert_eq!(deletes, 0);
}

#[test]
fn settings_list_subscriptions_by_name_apply_a_choice_and_save_the_file() {
    let emulator = emulator();
    let dir = std::env::temp_dir().join(format!("iejobs-ui-settings-{}", std::process::id()));
    let path = dir.join("config.toml");
    let subscriptions = emulator.subscriptions().to_vec();
    assert_eq!(subscriptions.len(), 2);
    let settings = SettingsContext {
        path: Some(path.clone()),
        subscriptions: subscriptions.clone(),
        ..SettingsContext::default()
    };
    let mut harness = harness_with_settings(&emulator, settings);
    loaded(&mut harness);
    step_until(&mut harness, "subscriptions are listed", |h| {
        h.state().session().subscriptions().available.is_some()
    });
    // The subscription column shows names, not ids.
    harness.step();
    assert!(
        common::app::painted_texts(&harness)
            .iter()
            .any(|t| t == "Contoso Media (emulator)"),
        "the table names the subscription"
    );
    let in_second = |h: &Harness<'static, App>| {
        h.state()
            .store()
            .iter()
            .filter(|e| e.job.key.subscription_id == subscriptions[1])
            .count()
    };
    assert!(in_second(&harness) > 0);
    harness.get_by_label("Settings").click();
    harness.run_steps(3);
    let media = format!(
        "Contoso Media (emulator)  ·  {}  ·  Enabled",
        subscriptions[1]
    );
    harness.get_by_label(&media).click();
    harness.run_steps(2);
    harness.get_by_label("Save").click();
    step_until(
        &mut harness,
        "the second subscription's jobs are gone",
        |h| in_second(h) == 0 && !h.state().store().is_empty(),
    );
    step_until(&mut harness, "the file is saved", |h| {
        h.state()
            .session()
            .settings_saved()
            .is_some_and(|(_, r)| r.is_ok())
    });
    // On the emulator the subscriptions chosen are applied, not written, and nothing else
    // changed: no file is created.
    assert!(!path.exists(), "nothing to write");
    assert!(
        harness
            .query_all_by_label_contains("Nothing to write to ")
            .next()
            .is_some(),
        "the window says nothing was written"
    );
    std::fs::create_dir_all(&dir).unwrap();
    // Only the first subscription is listed from now on.
    let before = emulator.with(|e| e.requests().len()).unwrap();
    harness.get_by_label("Refresh").click();
    step_until(&mut harness, "a listing after the change", |h| {
        let _ = h;
        emulator
            .with(|e| {
                e.requests()[before..]
                    .iter()
                    .any(|r| r.route == Some("list"))
            })
            .unwrap()
    });
    std::thread::sleep(Duration::from_millis(300));
    let listed: Vec<String> = emulator
        .with(|e| {
            e.requests()[before..]
                .iter()
                .filter(|r| r.route == Some("list"))
                .map(|r| r.path.clone())
                .collect()
        })
        .unwrap();
    assert!(
        listed.iter().all(|p| p.contains(&subscriptions[0])),
        "{listed:?}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn arrow_keys_move_the_focus_and_keep_its_row_in_view() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    harness.run_steps(2);
    let rows = harness.state().view().rows().len();
    assert!(rows >= 30, "{rows}");
    // Down to the last row: far below the first screenful of the table.
    for _ in 0..rows {
        harness.key_press(egui::Key::ArrowDown);
        harness.run_steps(2);
    }
    let last = harness.state().view().rows()[rows - 1].clone();
    let focus = harness.state().selection().focus.clone();
    assert_eq!(
        focus.as_ref(),
        Some(&last),
        "the focus went down row by row"
    );
    assert!(
        harness
            .query_by_role_and_label(
                egui::accesskit::Role::Button,
                &common::app::row(&harness, &last.name)
            )
            .is_some(),
        "the last row was scrolled into view"
    );
    let first = harness.state().view().rows()[0].clone();
    assert!(
        harness
            .query_by_role_and_label(
                egui::accesskit::Role::Button,
                &common::app::row(&harness, &first.name)
            )
            .is_none(),
        "and the first one out of it"
    );
}

#[test]
fn an_empty_subscription_says_so_once_listed() {
    let emulator = EmbeddedEmulator::start(EmulatorConfig {
        scenario: Scenario::Empty,
        speed: 0.0,
        seed: 5,
        ..EmulatorConfig::default()
    })
    .unwrap();
    let mut harness = harness(&emulator);
    step_until(&mut harness, "two listings ended", |_| {
        emulator
            .with(|e| {
                e.requests()
                    .iter()
                    .filter(|r| r.route == Some("list"))
                    .count()
            })
            .unwrap()
            >= 2
    });
    // The emulator answered; the window learns it from the worker's next status.
    step_until(&mut harness, "the window knows a listing ended", |h| {
        common::app::painted_texts(h)
            .iter()
            .any(|t| t.starts_with("No Import/Export jobs in "))
    });
    let texts = common::app::painted_texts(&harness);
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("No Import/Export jobs in ")),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("on its way")), "{texts:?}");
}

#[test]
fn a_slow_page_shows_its_attempt_and_time() {
    let emulator = emulator();
    // Every listing page takes 3 s; each attempt gives up after 1 s.
    emulator.with(|e| e.set_faults(vec![FaultRule::parse("list:delay=3000").unwrap()]));
    let mut harness = common::app::harness_with(
        &emulator,
        common::client_with_timeout(emulator.url(), Duration::from_secs(1)),
        |worker| {
            worker.slow_poll = Duration::from_secs(2);
            worker.fast_poll = Duration::from_millis(200);
        },
    );
    let slow = |h: &Harness<'static, App>| {
        common::app::painted_texts(h)
            .iter()
            .any(|t| t.contains("page 1, attempt 2 of 3"))
    };
    step_until(&mut harness, "the second attempt is shown", slow);
    let texts = common::app::painted_texts(&harness);
    let line = texts.iter().find(|t| t.contains("attempt 2 of 3")).unwrap();
    assert!(
        line.starts_with("Listing ") && line.contains(" s…"),
        "{line}"
    );
    // The page gives up after its attempts; the window says why and goes on.
    emulator.with(|e| e.set_faults(Vec::new()));
    step_until(
        &mut harness,
        "the jobs are listed once the pages are quick",
        |h| h.state().store().len() >= 30,
    );
    step_until(&mut harness, "the slow page line is gone", |h| !slow(h));
}

#[test]
fn hostile_names_and_values_keep_the_layout() {
    use common::scripted::{SUB, Script, job, server};
    let long = format!("long-{}", "x".repeat(10_000));
    let mut odd = job("rg", "odd-progress", "Transferring");
    odd["properties"]["percentComplete"] = 250.into();
    odd["properties"]["driveList"] = serde_json::json!([
        { "driveId": "DRIVE-HIGH", "state": "Transferred", "copyStatus": "InProgress",
          "percentComplete": 250, "bytesSucceeded": -7 },
        { "driveId": "DRIVE-LOW", "state": "Transferred", "copyStatus": "InProgress",
          "percentComplete": -5, "bytesSucceeded": 1000 }
    ]);
    let (url, _script) = server(Script {
        pages: vec![vec![
            job("rg", &long, "Creating"),
            job("rg", "two\nlines", "Shipping"),
            job("rg", "גיבוי-שבועי", "Shipping"),
            job("rg", "نسخة-احتياطية", "Shipping"),
            job("rg", "backup-🚀📦✅", "Shipping"),
            odd,
        ]],
        ..Script::default()
    });
    // Every name is drawn in the table: a glyph missing from the fonts panics here (kittest's
    // policy), as an empty box would show it to a user.
    let mut harness = common::app::harness_for(&url, vec![SUB.to_owned()]);
    step_until(&mut harness, "the jobs are listed", |h| {
        h.state().store().len() == 6
    });
    harness.run_steps(2);
    let texts = common::app::painted_texts(&harness);
    assert!(
        !texts.iter().any(|t| t.contains("two\nlines")),
        "a name on two lines overlaps the next row"
    );
    assert!(texts.iter().any(|t| t == "two lines"), "{texts:?}");
    for name in ["גיבוי-שבועי", "نسخة-احتياطية", "backup-🚀📦✅"] {
        assert!(texts.iter().any(|t| t == name), "{name} drawn: {texts:?}");
    }
    // Progress outside 0–100 is drawn clamped and marked; the raw value is on hover.
    assert!(!texts.iter().any(|t| t.contains("250 %")), "{texts:?}");
    assert!(texts.iter().any(|t| t == "100 % ⚠"), "{texts:?}");

    // A 10,000-character name keeps the detail panel and its buttons in the window.
    harness
        .state_mut()
        .show_job(iejobs::model::JobKey::new(SUB, "rg", &long));
    harness.run_steps(3);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1700.0, 1100.0));
    for label in ["Cancel…", "Delete…"] {
        let rect = harness.get_by_label(label).rect();
        assert!(window.contains_rect(rect), "{label} at {rect:?}");
    }
    // The drives of the odd job: clamped, marked, never "-7 B" or "-5 %".
    harness
        .state_mut()
        .show_job(iejobs::model::JobKey::new(SUB, "rg", "odd-progress"));
    harness.run_steps(3);
    let texts = common::app::painted_texts(&harness);
    for wrong in ["-7 B", "-5 %", "250 %"] {
        assert!(
            !texts.iter().any(|t| t.contains(wrong)),
            "{wrong} shown: {texts:?}"
        );
    }
    assert!(texts.iter().any(|t| t == "0 % ⚠"), "{texts:?}");
    assert!(texts.iter().any(|t| t == "0 B ⚠"), "{texts:?}");
}

#[test]
fn save_writes_only_what_the_user_changed_never_a_flag() {
    let emulator = emulator();
    let dir = std::env::temp_dir().join(format!("iejobs-ui-save-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    // The administrator's production file, with comments and its own layout.
    let original = "\
# Production: US Gov only.
cloud = \"usgov\"
auth    = \"azure-cli\"   # the admin's own sign-in

subscriptions = [\"11111111-2222-3333-4444-555555555555\"]
poll-secs = 60
";
    std::fs::write(&path, original).unwrap();
    let file = iejobs::config::file::parse(original).unwrap();
    // Started with `--subscription <the emulator's> --poll-secs 2`: the flags win for this run.
    let settings = SettingsContext {
        path: Some(path.clone()),
        file,
        overridden: vec![
            ("subscriptions", iejobs::config::Origin::Flag),
            ("poll-secs", iejobs::config::Origin::Flag),
        ],
        subscriptions: emulator.subscriptions().to_vec(),
    };
    let mut harness = harness_with_settings(&emulator, settings);
    loaded(&mut harness);
    let saved = |h: &Harness<'static, App>| {
        h.state()
            .session()
            .settings_saved()
            .is_some_and(|(_, r)| r.is_ok())
    };
    harness.get_by_label("Settings").click();
    harness.run_steps(3);
    // The Azure section makes the window taller than its scroll area.
    let save = |harness: &mut Harness<'static, App>| {
        harness.get_by_label("Save").scroll_to_me();
        // Until the scroll's animation ends: a button that moves under the pointer between
        // press and release is not clicked.
        harness.run_steps(60);
        harness.get_by_label("Save").click();
        harness.run_steps(1);
    };
    save(&mut harness);
    step_until(&mut harness, "the save is answered", saved);
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "Save without a change leaves the file byte for byte"
    );
    // One change: the fast interval. Only that key is written; the flag's values are not.
    harness
        .get_by_role_and_label(egui::accesskit::Role::SpinButton, "Moving jobs every (s)")
        .set_value_accesskit(7.0);
    harness.run_steps(2);
    save(&mut harness);
    step_until(&mut harness, "the file changes", |_| {
        std::fs::read_to_string(&path).unwrap() != original
    });
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, format!("{original}fast-poll-secs = 7\n"), "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_notification_switch_applies_at_once_and_save_writes_it() {
    let emulator = emulator();
    let dir = std::env::temp_dir().join(format!("iejobs-ui-notify-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("config.toml");
    let settings = SettingsContext {
        path: Some(path.clone()),
        subscriptions: emulator.subscriptions().to_vec(),
        ..SettingsContext::default()
    };
    let mut harness = harness_with_settings(&emulator, settings);
    loaded(&mut harness);
    assert!(harness.state().state().notifier.enabled(), "on by default");
    harness.get_by_label("Settings").click();
    harness.run_steps(3);
    let press = |harness: &mut Harness<'static, App>, role, label: &str| {
        harness.get_by_role_and_label(role, label).scroll_to_me();
        // Until the scroll's animation ends (see save_writes_only_what_the_user_changed).
        harness.run_steps(60);
        harness.get_by_role_and_label(role, label).click();
        harness.run_steps(2);
    };
    let switch = egui::accesskit::Role::CheckBox;
    press(&mut harness, switch, "Desktop notifications");
    assert!(
        harness.state().state().notifier.enabled(),
        "nothing changes before Apply"
    );
    press(&mut harness, egui::accesskit::Role::Button, "Apply");
    assert!(
        !harness.state().state().notifier.enabled(),
        "Apply switches notifications off at once"
    );
    press(&mut harness, egui::accesskit::Role::Button, "Save");
    step_until(&mut harness, "the file is written", |_| path.exists());
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.ends_with("notifications = false\n"), "{text}");
    assert_eq!(
        iejobs::config::file::parse(&text).unwrap().notifications,
        Some(false)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Clicks the row `name` with Shift held across frames, as a user does (kittest's
/// `click_modifiers` releases the modifier within the frame, before the table reads it).
fn shift_click(harness: &mut Harness<'static, App>, name: &str) {
    let label = common::app::row(harness, name);
    let at = harness
        .get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .rect()
        .center();
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::SHIFT));
    harness.event(egui::Event::PointerMoved(at));
    harness.run_steps(1);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::SHIFT,
        });
    }
    harness.run_steps(1);
    harness.event(egui::Event::ModifiersChanged(egui::Modifiers::NONE));
}

#[test]
fn shift_click_after_the_filter_shrank_the_table_selects_a_range_of_what_is_shown() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    harness.run_steps(2);
    // A row far down becomes the anchor of a shift-click range: click the first row and
    // go down with the arrow keys.
    let rows = harness.state().view().rows().to_vec();
    let name =
        |h: &Harness<'static, App>, key| h.state().store().get(key).unwrap().job.name.to_string();
    let top = name(&harness, &rows[0]);
    let label = common::app::row(&harness, &top);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .click();
    harness.run_steps(2);
    let far_row = 20;
    for _ in 0..far_row {
        harness.key_press(egui::Key::ArrowDown);
        harness.run_steps(1);
    }
    harness.run_steps(2);
    assert_eq!(
        harness.state().selection().focus.as_ref(),
        Some(&rows[far_row])
    );
    let far = name(&harness, &rows[far_row]);
    // A filter leaves fewer rows than the anchor's old position.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter:")
        .focus();
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter:")
        .type_text("archive");
    harness.run_steps(3);
    let shown = harness.state().view().rows().to_vec();
    assert!(shown.len() >= 2 && shown.len() < far_row, "{}", shown.len());
    let first = harness
        .state()
        .store()
        .get(&shown[0])
        .unwrap()
        .job
        .name
        .to_string();
    let second = harness
        .state()
        .store()
        .get(&shown[1])
        .unwrap()
        .job
        .name
        .to_string();
    // The anchor is filtered out: a shift-click selects the row clicked (it used to slice
    // the rows from the anchor's old position, past their end: a panic).
    shift_click(&mut harness, &second);
    harness.run_steps(2);
    let selected = harness.state().selection().keys.clone();
    assert_eq!(selected, [shown[1].clone()].into());
    // A range of what is shown, from a click to a shift-click.
    let label = common::app::row(&harness, &first);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .click();
    harness.run_steps(2);
    shift_click(&mut harness, &second);
    harness.run_steps(2);
    let selected = &harness.state().selection().keys;
    assert_eq!(selected.len(), 2, "{selected:?}");
    assert!(selected.contains(&shown[0]) && selected.contains(&shown[1]));
    // The anchor is kept by job, not by row: after the filter widens again, the range runs
    // from the same job.
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter:")
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter:")
        .type_text(&far);
    harness.run_steps(3);
    shift_click(&mut harness, &far);
    harness.run_steps(2);
    assert!(harness.state().selection().keys.contains(&rows[far_row]));
}

/// The shortcuts as a user presses them in the whole window: F1 lists them, Escape closes the
/// list, End goes to the last row (scrolled into view), Ctrl+A selects every row shown,
/// Escape selects nothing.
#[test]
fn shortcuts_reach_the_window_as_keys() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    harness.run_steps(2);
    harness.key_press(egui::Key::F1);
    harness.run_steps(2);
    assert!(harness.query_by_label("Keyboard shortcuts").is_some());
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.query_by_label("Keyboard shortcuts").is_none());
    harness.key_press(egui::Key::End);
    harness.run_steps(3);
    let rows = harness.state().view().rows().to_vec();
    assert_eq!(harness.state().selection().focus.as_ref(), rows.last());
    let last = harness.state().store().get(rows.last().unwrap()).unwrap();
    let label = iejobs::ui::format::row_label(last);
    assert!(
        harness
            .query_by_role_and_label(egui::accesskit::Role::Button, &label)
            .is_some(),
        "the last row is in view"
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(2);
    assert_eq!(harness.state().selection().keys.len(), rows.len());
    harness.key_press(egui::Key::Escape);
    harness.run_steps(2);
    assert!(harness.state().selection().keys.is_empty());
}

#[test]
fn help_about_names_the_version_the_log_folder_and_the_data_folder() {
    let emulator = emulator();
    let folders = iejobs::ui::Folders {
        logs: Some("/tmp/iejobs-about/data/logs".into()),
        data: Some("/tmp/iejobs-about/data".into()),
    };
    let mut harness = harness_with_folders(&emulator, folders);
    loaded(&mut harness);
    harness.get_by_label("Help").click();
    harness.run_steps(2);
    harness.get_by_label("About iejobs").click();
    // The intent is carried out after the frame; a new window is sized in its first frame
    // and shown in the next.
    harness.run_steps(3);
    harness.get_by_label(&format!("iejobs {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label("/tmp/iejobs-about/data/logs");
    harness.get_by_label("/tmp/iejobs-about/data");
    harness.get_by_label("Close").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("/tmp/iejobs-about/data").is_none());
}

/// Right-click on the header chooses the columns: a hidden column's title and values are no
/// longer drawn, the choice is in the state kept across runs, and "Show all columns" brings
/// it back. The name cannot be hidden.
#[test]
fn the_header_menu_hides_and_shows_columns() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    harness.run_steps(2);
    let account = harness
        .state()
        .store()
        .iter()
        .find_map(|e| e.job.storage_account_name().map(str::to_owned))
        .unwrap();
    assert!(common::app::painted_texts(&harness).contains(&account));
    harness.get_by_label("Location").click_secondary();
    harness.run_steps(2);
    assert!(
        harness
            .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Name")
            .accesskit_node()
            .is_disabled(),
        "the name cannot be hidden"
    );
    harness
        .get_by_role_and_label(egui::accesskit::Role::CheckBox, "Storage account")
        .click();
    harness.run_steps(3);
    assert!(
        harness
            .state()
            .state()
            .ui_state
            .hidden_columns
            .contains(&iejobs::ui::table_view::SortColumn::StorageAccount)
    );
    // Close the menu, then look at the table.
    harness.key_press(egui::Key::Escape);
    harness.run_steps(3);
    assert!(harness.query_by_label("Storage account").is_none());
    assert!(
        !common::app::painted_texts(&harness).contains(&account),
        "the hidden column's values are not drawn"
    );
    harness.get_by_label("Location").click_secondary();
    harness.run_steps(2);
    harness.get_by_label("Show all columns").click();
    harness.run_steps(3);
    assert!(harness.state().state().ui_state.hidden_columns.is_empty());
    assert!(common::app::painted_texts(&harness).contains(&account));
}

/// The keyboard right after a click: Down moves from the clicked row (a focused row once
/// kept the keys until Escape), Shift+Down extends, Tab reaches the next row and selects
/// it, and Delete on a job that may not be deleted says why.
#[test]
fn after_a_click_the_arrows_tab_and_delete_act_on_the_rows() {
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    harness.run_steps(2);
    let rows = harness.state().view().rows().to_vec();
    let first = rows[0].name.to_string();
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::Button,
            &common::app::row(&harness, &first),
        )
        .click();
    harness.run_steps(3);
    assert_eq!(harness.state().selection().focus.as_ref(), Some(&rows[0]));
    harness.key_press(egui::Key::ArrowDown);
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection().focus.as_ref(),
        Some(&rows[1]),
        "Down right after a click moves"
    );
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::ArrowDown);
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection().keys.len(),
        2,
        "Shift+Down extends"
    );
    assert_eq!(harness.state().selection().focus.as_ref(), Some(&rows[2]));
    harness.key_press(egui::Key::Tab);
    harness.run_steps(3);
    assert_eq!(
        harness.state().selection().focus.as_ref(),
        Some(&rows[3]),
        "Tab goes on to the next row and selects it"
    );
    assert_eq!(harness.state().selection().keys.len(), 1);
    // A job that may not be deleted: the Delete key says why.
    let refused = harness
        .state()
        .store()
        .iter()
        .find(|e| e.job.state == JobState::Transferring)
        .map(|e| e.job.name.to_string())
        .unwrap();
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::Button,
            &common::app::row(&harness, &refused),
        )
        .click();
    harness.run_steps(3);
    harness.key_press(egui::Key::Delete);
    harness.run_steps(3);
    let notice = harness.state().state().notice.clone().unwrap_or_default();
    assert!(notice.contains("Creating or Completed"), "{notice}");
    assert!(harness.state().state().dialog.is_none());
}

/// At 800×500 the panels give way: the table still shows rows, and the toolbar wraps rather
/// than drawing its buttons over each other.
#[test]
fn a_small_window_keeps_the_table_and_a_toolbar_that_does_not_overlap() {
    let emulator = emulator();
    let mut harness = common::app::harness_sized(&emulator, [800.0, 500.0]);
    loaded(&mut harness);
    harness.run_steps(3);
    let shown = harness
        .state()
        .store()
        .iter()
        .filter(|e| {
            harness
                .query_by_role_and_label(
                    egui::accesskit::Role::Button,
                    &iejobs::ui::format::row_label(e),
                )
                .is_some_and(|n| n.rect().height() > 0.0 && n.rect().top() < 500.0)
        })
        .count();
    assert!(shown >= 3, "rows of the table in view: {shown}");
    let buttons: Vec<(String, egui::Rect)> = [
        "Refresh",
        "Polling",
        "Export…",
        "Settings",
        "Activity log",
        "Theme",
        "Help",
    ]
    .iter()
    .map(|label| ((*label).to_owned(), harness.get_by_label(label).rect()))
    .collect();
    for (i, (a, ra)) in buttons.iter().enumerate() {
        assert!(ra.right() <= 800.5, "{a} is inside the window: {ra:?}");
        for (b, rb) in &buttons[i + 1..] {
            assert!(!ra.intersects(*rb), "{a} {ra:?} overlaps {b} {rb:?}");
        }
    }
}
