//! The real `App` in an `egui_kittest` harness, against an in-process emulator.

use std::time::{Duration, Instant};

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use iejobs::arm::ArmClient;
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::model::JobEntry;
use iejobs::ui::{App, AppConfig, Folders, SettingsContext, Source};
use iejobs::worker::WorkerConfig;

/// The demo scenario on a frozen clock: tests move time themselves.
#[allow(
    dead_code,
    reason = "not every test binary that shares this module runs the demo"
)]
pub fn frozen_demo() -> EmbeddedEmulator {
    EmbeddedEmulator::start(iejobs::emulator::EmulatorConfig {
        scenario: iejobs::emulator::scenario::Scenario::Demo,
        speed: 0.0,
        seed: 5,
        ..iejobs::emulator::EmulatorConfig::default()
    })
    .expect("the embedded emulator starts")
}

/// A harness around the real `App`, polling every 2 s (moving jobs every 200 ms).
pub fn harness(emulator: &EmbeddedEmulator) -> Harness<'static, App> {
    harness_with(emulator, super::client(emulator.url()), |worker| {
        worker.slow_poll = Duration::from_secs(2);
        worker.fast_poll = Duration::from_millis(200);
    })
}

/// A harness polling every 2 s, with this settings context (config file and choices).
pub fn harness_with_settings(
    emulator: &EmbeddedEmulator,
    settings: SettingsContext,
) -> Harness<'static, App> {
    build(
        emulator,
        super::client(emulator.url()),
        (settings, Folders::default()),
        |worker| {
            worker.slow_poll = Duration::from_secs(2);
            worker.fast_poll = Duration::from_millis(200);
        },
    )
}

/// A harness around the real `App` with this client and worker settings.
pub fn harness_with(
    emulator: &EmbeddedEmulator,
    client: ArmClient,
    adjust: impl FnOnce(&mut WorkerConfig),
) -> Harness<'static, App> {
    build(
        emulator,
        client,
        (SettingsContext::default(), Folders::default()),
        adjust,
    )
}

/// A harness polling every 2 s, whose About window names these folders.
#[allow(
    dead_code,
    reason = "not every test binary that shares this module opens the About window"
)]
pub fn harness_with_folders(
    emulator: &EmbeddedEmulator,
    folders: Folders,
) -> Harness<'static, App> {
    build(
        emulator,
        super::client(emulator.url()),
        (SettingsContext::default(), folders),
        |worker| {
            worker.slow_poll = Duration::from_secs(2);
            worker.fast_poll = Duration::from_millis(200);
        },
    )
}

/// A harness around the real `App` reading from `url` (a scripted server), polling every 2 s.
pub fn harness_for(url: &str, subscriptions: Vec<String>) -> Harness<'static, App> {
    let mut worker = WorkerConfig::new(subscriptions);
    worker.slow_poll = Duration::from_secs(2);
    worker.fast_poll = Duration::from_millis(200);
    let config = AppConfig {
        client: super::client(url),
        worker,
        source: Source::Emulator {
            url: url.to_owned(),
            scenario: "scripted".to_owned(),
            speed: 0.0,
        },
        settings: SettingsContext::default(),
        folders: Folders::default(),
        desktop_notifications: false,
    };
    Harness::builder()
        .with_size([1700.0, 1100.0])
        .build_eframe(move |cc| App::new(cc, config).unwrap())
}

/// A harness polling every 2 s in a window of `size` points.
#[allow(
    dead_code,
    reason = "not every test binary that shares this module sizes its window"
)]
pub fn harness_sized(emulator: &EmbeddedEmulator, size: [f32; 2]) -> Harness<'static, App> {
    build_sized(
        emulator,
        super::client(emulator.url()),
        (SettingsContext::default(), Folders::default()),
        |worker| {
            worker.slow_poll = Duration::from_secs(2);
            worker.fast_poll = Duration::from_millis(200);
        },
        size,
    )
}

fn build(
    emulator: &EmbeddedEmulator,
    client: ArmClient,
    parts: (SettingsContext, Folders),
    adjust: impl FnOnce(&mut WorkerConfig),
) -> Harness<'static, App> {
    build_sized(emulator, client, parts, adjust, [1700.0, 1100.0])
}

fn build_sized(
    emulator: &EmbeddedEmulator,
    client: ArmClient,
    (settings, folders): (SettingsContext, Folders),
    adjust: impl FnOnce(&mut WorkerConfig),
    size: [f32; 2],
) -> Harness<'static, App> {
    let mut worker = WorkerConfig::new(emulator.subscriptions().to_vec());
    adjust(&mut worker);
    let config = AppConfig {
        client,
        worker,
        source: Source::Emulator {
            url: emulator.url().to_owned(),
            scenario: "demo".to_owned(),
            speed: 0.0,
        },
        settings,
        folders,
        desktop_notifications: false,
    };
    Harness::builder()
        .with_size(size)
        .build_eframe(move |cc| App::new(cc, config).unwrap())
}

/// Steps the app until `condition` holds (the worker runs in real time), or fails after 30 s.
pub fn step_until(
    harness: &mut Harness<'static, App>,
    what: &str,
    condition: impl Fn(&Harness<'static, App>) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        harness.step();
        if condition(harness) {
            return;
        }
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The job called `name`, as the app's store holds it.
pub fn entry<'a>(harness: &'a Harness<'static, App>, name: &str) -> Option<&'a JobEntry> {
    harness.state().store().iter().find(|e| e.job.name == name)
}

/// The accessible label of `name`'s row as it is now ("name, State, …"): how tests find a
/// row, as a screen reader names it.
pub fn row(harness: &Harness<'static, App>, name: &str) -> String {
    let entry = entry(harness, name).unwrap_or_else(|| panic!("{name} is not in the store"));
    iejobs::ui::format::row_label(entry)
}

/// Types `name` into the filter and clicks its row, as a user finds a job.
pub fn open_job(harness: &mut Harness<'static, App>, name: &str) {
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::TextInput,
            iejobs::tr!("filter-label"),
        )
        .focus();
    harness.run_steps(1);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run_steps(1);
    harness
        .get_by_role_and_label(
            egui::accesskit::Role::TextInput,
            iejobs::tr!("filter-label"),
        )
        .type_text(name);
    harness.run_steps(3);
    // The table's row (a button); the monitor may show the same name as a link.
    let label = row(harness, name);
    harness
        .get_by_role_and_label(egui::accesskit::Role::Button, &label)
        .click();
    harness.run_steps(3);
    let focused = harness.state().store().iter().any(|e| e.job.name == name);
    assert!(focused, "{name} is listed");
}

/// Every text painted in the last frame (the table paints its cells rather than adding a
/// widget for each, so they are not in the accessibility tree).
#[allow(
    dead_code,
    reason = "not every test binary that shares this module reads painted text"
)]
pub fn painted_texts(harness: &Harness<'static, App>) -> Vec<String> {
    fn collect(shape: &egui::Shape, texts: &mut Vec<String>) {
        match shape {
            egui::Shape::Text(text) => texts.push(text.galley.text().to_owned()),
            egui::Shape::Vec(shapes) => shapes.iter().for_each(|s| collect(s, texts)),
            _ => {}
        }
    }
    let mut texts = Vec::new();
    for clipped in &harness.output().shapes {
        collect(&clipped.shape, &mut texts);
    }
    texts
}
