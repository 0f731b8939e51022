//! The performance figures of issue 6 (P1 to P8), each at 1,000, 10,000 and 100,000 jobs,
//! printed as Markdown tables (BENCHMARKS.md keeps them with the machine they ran on).
//!
//! ```text
//! cargo bench --bench perf                          # every section, every size
//! cargo bench --bench perf -- frame listing         # some sections
//! cargo bench --bench perf -- --sizes 1000,10000    # other sizes
//! cargo bench --bench perf -- idle --idle-secs 60
//! ```
//!
//! Sections: `frame` (P1, P2), `idle` (P3), `listing` (P4, with the official Python SDK),
//! `click` (P5), `memory` (P6, one child process per size), `emulator` (P8), `export` (the
//! window's CSV/JSON export and Ctrl+C text). P7 (process
//! start to the first frame with jobs, real window under Xvfb) is `scripts/bench-window.sh`.

#![allow(
    clippy::unwrap_used,
    clippy::print_stdout,
    clippy::cast_precision_loss,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::too_many_lines,
    reason = "a benchmark that cannot go on should stop loudly; it prints its tables"
)]

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use eframe::App as _;
use eframe::egui;
use iejobs::arm::{ArmClient, ClientConfig, ListScope, Secret, StaticToken, job_from_wire};
use iejobs::emulator::embedded::EmbeddedEmulator;
use iejobs::emulator::scenario::{DEMO_SUBSCRIPTION, Scenario};
use iejobs::emulator::{Emulator, EmulatorConfig};
use iejobs::model::JobKey;
use iejobs::ui::{App, AppConfig, SettingsContext, Source};
use iejobs::worker::WorkerConfig;

struct Options {
    sections: Vec<String>,
    sizes: Vec<usize>,
    idle_secs: u64,
}

fn options() -> Options {
    let mut sections = Vec::new();
    let mut sizes = vec![1_000, 10_000, 100_000];
    let mut idle_secs = 60;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--bench" => {}
            "--sizes" => {
                sizes = args
                    .next()
                    .unwrap()
                    .split(',')
                    .map(|s| s.parse().unwrap())
                    .collect();
            }
            "--idle-secs" => idle_secs = args.next().unwrap().parse().unwrap(),
            other => sections.push(other.to_owned()),
        }
    }
    Options {
        sections,
        sizes,
        idle_secs,
    }
}

fn main() {
    let options = options();
    if options.sections.first().map(String::as_str) == Some("memory-child") {
        memory_child(options.sizes[0]);
        return;
    }
    let all = options.sections.is_empty();
    let wants = |name: &str| all || options.sections.iter().any(|s| s == name);
    println!(
        "iejobs benchmarks, {} core(s), sizes {:?}\n",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        options.sizes
    );
    if wants("frame") {
        frame_section(&options.sizes);
    }
    if wants("frame-breakdown") {
        frame_breakdown_section(&options.sizes);
    }
    if wants("frame-fed") {
        frame_fed_section(&options.sizes);
    }
    if wants("idle") {
        idle_section(&options.sizes, options.idle_secs);
    }
    if wants("listing") {
        listing_section(&options.sizes);
    }
    if wants("listing-breakdown") {
        listing_breakdown_section(&options.sizes);
    }
    if wants("click") {
        click_section(&options.sizes);
    }
    if wants("memory") {
        memory_section(&options.sizes);
    }
    if wants("emulator") {
        emulator_section(&options.sizes);
    }
    if wants("export") {
        export_section(&options.sizes);
    }
}

// ---------------------------------------------------------------------------------------
// Export and copy: the rows written as CSV and JSON (on the export thread) and as the
// tab-separated text of Ctrl+C (on the UI thread), and the snapshot the UI thread takes.

fn export_section(sizes: &[usize]) {
    use iejobs::model::{CancelPhase, Drive, DriveState, Job, JobKey, JobState, JobType};
    use iejobs::ui::export::{ExportRow, tsv, write_csv, write_json};
    println!("## Export: the rows shown, to CSV, JSON and Ctrl+C's text (release)\n");
    println!(
        "| jobs | snapshot (ms) | CSV (ms) | CSV size (MB) | JSON (ms) | JSON size (MB) | Ctrl+C text (ms) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let rows: Vec<ExportRow> = (0..n)
            .map(|i| {
                let mut job = Job::new(
                    JobKey::new(DEMO_SUBSCRIPTION, "rg-media-archive", format!("job-{i:06}")),
                    JobState::Transferring,
                );
                job.job_type = Some(JobType::Import);
                job.percent_complete = Some(40);
                job.drives = Some(vec![Drive {
                    drive_id: format!("D{i:07}").into(),
                    state: DriveState::Transferring,
                    copy_status: Some("InProgress".into()),
                    percent_complete: Some(40),
                    bytes_succeeded: Some(1_234_567_890_123),
                    manifest_file: None,
                    error_log_uri: None,
                    verbose_log_uri: None,
                    manifest_uri: None,
                }]);
                ExportRow {
                    job,
                    subscription_name: Some("Contoso Archive".to_owned()),
                    cancel: Some(CancelPhase::InProgress),
                    changed_at: jiff::Timestamp::now(),
                }
            })
            .collect();
        let started = Instant::now();
        let snapshot = std::hint::black_box(rows.clone());
        let snapshot_ms = ms(started.elapsed());
        let mut csv = Vec::new();
        let started = Instant::now();
        write_csv(&snapshot, &mut csv).expect("CSV into memory");
        let csv_ms = ms(started.elapsed());
        let mut json = Vec::new();
        let started = Instant::now();
        write_json(&snapshot, &mut json).expect("JSON into memory");
        let json_ms = ms(started.elapsed());
        let started = Instant::now();
        let text = std::hint::black_box(tsv(&snapshot));
        let tsv_ms = ms(started.elapsed());
        let mb = |bytes: usize| bytes as f64 / 1e6;
        println!(
            "| {n} | {snapshot_ms:.1} | {csv_ms:.1} | {:.1} | {json_ms:.1} | {:.1} | {tsv_ms:.1} |",
            mb(csv.len()),
            mb(json.len()),
        );
        drop(text);
    }
    println!();
}

// ---------------------------------------------------------------------------------------
// Shared pieces

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    if values.is_empty() {
        return f64::NAN;
    }
    values[values.len() / 2]
}

fn percentile(values: &mut [f64], p: f64) -> f64 {
    values.sort_by(f64::total_cmp);
    if values.is_empty() {
        return f64::NAN;
    }
    let rank = ((values.len() as f64 - 1.0) * p).round() as usize;
    values[rank]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn client(url: &str) -> ArmClient {
    let config = ClientConfig::new(url).unwrap();
    ArmClient::new(
        config,
        Arc::new(StaticToken::new(Secret::new("bench-token"), "bench")),
    )
    .unwrap()
}

fn embedded(n: usize, speed: f64) -> EmbeddedEmulator {
    EmbeddedEmulator::start(EmulatorConfig {
        scenario: Scenario::Load(n),
        speed,
        seed: 11,
        ..EmulatorConfig::default()
    })
    .unwrap()
}

fn rss_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// An emulator serving `load:n` on 127.0.0.1, clock stopped, in the caller's runtime.
async fn served(n: usize) -> Emulator {
    Emulator::start(
        "127.0.0.1:0",
        EmulatorConfig {
            scenario: Scenario::Load(n),
            speed: 0.0,
            seed: 11,
            ..EmulatorConfig::default()
        },
    )
    .await
    .unwrap()
}

/// The real `App` driven the way eframe drives it, without a window: `logic`, then `ui`
/// inside one egui pass, then tessellation. Repaint requests (from the worker's events and
/// from egui) are recorded as eframe would schedule them.
struct Headless {
    ctx: egui::Context,
    app: App,
    frame: eframe::Frame,
    started: Instant,
    /// The earliest repaint asked for, by the worker (through the context) or by egui.
    next_repaint: Arc<Mutex<Option<Instant>>>,
}

impl Headless {
    fn new(url: &str, subscriptions: Vec<String>, slow: Duration, fast: Duration) -> Self {
        let ctx = egui::Context::default();
        let next_repaint: Arc<Mutex<Option<Instant>>> = Arc::new(Mutex::new(None));
        let requested = next_repaint.clone();
        ctx.set_request_repaint_callback(move |info| {
            let at = Instant::now() + info.delay;
            let mut next = requested.lock().unwrap();
            *next = Some(next.map_or(at, |n: Instant| n.min(at)));
        });
        let mut worker = WorkerConfig::new(subscriptions);
        worker.slow_poll = slow;
        worker.fast_poll = fast;
        let config = AppConfig {
            client: client(url),
            worker,
            source: Source::Emulator {
                url: url.to_owned(),
                scenario: "bench".to_owned(),
                speed: 0.0,
            },
            settings: SettingsContext::default(),
            folders: iejobs::ui::Folders::default(),
            desktop_notifications: false,
        };
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let app = App::new(&cc, config).unwrap();
        Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            started: Instant::now(),
            next_repaint,
        }
    }

    /// The app around a worker handle of the caller's (a scripted one).
    fn with_handle(handle: iejobs::worker::WorkerHandle) -> Self {
        let ctx = egui::Context::default();
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let app = App::with_worker(
            &cc,
            Source::Emulator {
                url: "scripted".to_owned(),
                scenario: "bench".to_owned(),
                speed: 0.0,
            },
            &WorkerConfig::new(vec![DEMO_SUBSCRIPTION.to_owned()]),
            SettingsContext::default(),
            iejobs::ui::Folders::default(),
            handle,
        );
        Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            started: Instant::now(),
            next_repaint: Arc::new(Mutex::new(None)),
        }
    }

    /// Frames with these input events, then one with the modifiers let go.
    fn press(&mut self, key: egui::Key, modifiers: egui::Modifiers) {
        for events in [
            vec![
                egui::Event::ModifiersChanged(modifiers),
                egui::Event::Key {
                    key,
                    physical_key: None,
                    pressed: true,
                    repeat: false,
                    modifiers,
                },
            ],
            vec![egui::Event::ModifiersChanged(egui::Modifiers::NONE)],
        ] {
            let input = self.input(events);
            self.app.logic(&self.ctx, &mut self.frame);
            let output = self
                .ctx
                .run_ui(input, |ui| self.app.ui(ui, &mut self.frame));
            std::hint::black_box(self.ctx.tessellate(output.shapes, output.pixels_per_point));
        }
    }

    /// Every job selected, as Ctrl+A does.
    fn select_all(&mut self) {
        self.press(egui::Key::A, egui::Modifiers::COMMAND);
        assert_eq!(self.app.selection().keys.len(), self.app.store().len());
    }

    /// The selection emptied, as Escape does.
    fn clear_selection(&mut self) {
        self.press(egui::Key::Escape, egui::Modifiers::NONE);
        assert!(
            self.app.selection().keys.is_empty(),
            "Escape clears the selection"
        );
    }

    /// A frame's input: the window's size, the time, and `events`.
    fn input(&self, events: Vec<egui::Event>) -> egui::RawInput {
        egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1440.0, 880.0),
            )),
            time: Some(self.started.elapsed().as_secs_f64()),
            events,
            ..Default::default()
        }
    }

    /// One whole frame; returns its wall-clock time (egui pass plus tessellation).
    fn frame(&mut self) -> Duration {
        self.timed_frame().0
    }

    /// One whole frame; returns its wall-clock time and the CPU time of this thread during
    /// it. The CPU time is what P1 asks for: on a shared 2-core machine the thread is often
    /// preempted (by the worker, the emulator, other tenants), which wall time counts.
    fn timed_frame(&mut self) -> (Duration, Duration) {
        let input = self.input(Vec::new());
        let began = Instant::now();
        let cpu = cpu_time::ThreadTime::now();
        self.app.logic(&self.ctx, &mut self.frame);
        let output = self
            .ctx
            .run_ui(input, |ui| self.app.ui(ui, &mut self.frame));
        let shape_count = output.shapes.len();
        let primitives = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        if std::env::var_os("IEJOBS_BENCH_SHAPES").is_some() {
            let vertices: usize = primitives
                .iter()
                .map(|p| match &p.primitive {
                    egui::epaint::Primitive::Mesh(m) => m.vertices.len(),
                    egui::epaint::Primitive::Callback(_) => 0,
                })
                .sum();
            let widgets: usize = self
                .ctx
                .viewport(|v| v.this_pass.widgets.layers().map(|(_, w)| w.len()).sum());
            eprintln!(
                "shapes {shape_count} primitives {} vertices {vertices} widgets {widgets}",
                primitives.len()
            );
        }
        let (took, cpu) = (began.elapsed(), cpu.elapsed());
        std::hint::black_box(primitives);
        let delay = output
            .viewport_output
            .get(&egui::ViewportId::ROOT)
            .map_or(Duration::MAX, |v| v.repaint_delay);
        let mut next = self.next_repaint.lock().unwrap();
        *next = Instant::now().checked_add(delay);
        (took, cpu)
    }

    /// Frames until the store holds `n` jobs.
    fn load(&mut self, n: usize) -> Duration {
        let began = Instant::now();
        while self.app.store().len() < n {
            self.frame();
            std::thread::sleep(Duration::from_millis(5));
            assert!(
                began.elapsed() < Duration::from_mins(10),
                "loading {n} jobs"
            );
        }
        began.elapsed()
    }

    /// Opens the detail of a job with a cancel pending (so the monitor draws its chart).
    fn focus_a_cancellation(&mut self) -> Option<JobKey> {
        let key = self
            .app
            .store()
            .cancellations()
            .next()
            .map(|e| e.job.key.clone())?;
        self.app.show_job(key.clone());
        Some(key)
    }
}

// ---------------------------------------------------------------------------------------
// P1, P2: one whole frame

fn frame_section(sizes: &[usize]) {
    println!(
        "## P1/P2: CPU time of one whole frame (release, headless: logic + ui + tessellate)\n"
    );
    println!(
        "| jobs | load (s) | steady frame CPU median (ms) | CPU p90 (ms) | steady frame wall median (ms) | frame with a store change, CPU median (ms) | changed frames |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let mut steady_medians = BTreeMap::new();
    for &n in sizes {
        // A moving emulator, polled fast for the moving jobs, listed once.
        let emulator = embedded(n, 120.0);
        let mut app = Headless::new(
            emulator.url(),
            vec![DEMO_SUBSCRIPTION.to_owned()],
            Duration::from_hours(1),
            Duration::from_millis(500),
        );
        let load = app.load(n);
        let focused = app.focus_a_cancellation();
        for _ in 0..30 {
            app.frame();
        }
        let mut steady = Vec::new();
        let mut steady_wall = Vec::new();
        let mut changed = Vec::new();
        for _ in 0..400 {
            let version = app.app.store().version();
            let (wall, cpu) = app.timed_frame();
            if app.app.store().version() == version {
                steady.push(ms(cpu));
                steady_wall.push(ms(wall));
            } else {
                changed.push(ms(cpu));
            }
            std::thread::sleep(Duration::from_millis(8));
        }
        let change_count = changed.len();
        let steady_median = median(&mut steady);
        steady_medians.insert(n, steady_median);
        println!(
            "| {n} | {:.1} | {steady_median:.3} | {:.3} | {:.3} | {:.3} | {change_count} |{}",
            load.as_secs_f64(),
            percentile(&mut steady, 0.9),
            median(&mut steady_wall),
            median(&mut changed),
            if focused.is_none() {
                " (no cancellation to focus)"
            } else {
                ""
            }
        );
        drop(app);
        drop(emulator);
    }
    table_refresh(sizes);
    if let (Some(small), Some(large)) = (
        steady_medians.first_key_value(),
        steady_medians.last_key_value(),
    ) && small.0 != large.0
    {
        println!(
            "\nP2 ratio, steady frame at {} vs {} jobs: {:.2}\n",
            large.0,
            small.0,
            large.1 / small.1
        );
    }
}

/// Where the CPU time of a frame that applies a store change goes: `logic` (the worker's
/// events into the store, then the table's rows) against the egui pass and tessellation,
/// the table's rows alone (a second `TableView` brought up to date with the same store
/// after each frame, so it sees the same changes), and how many keys each change carries.
fn frame_breakdown_section(sizes: &[usize]) {
    use iejobs::ui::table_view::{TableQuery, TableView};
    println!("## Frame breakdown: frames with a store change, CPU medians (release, headless)\n");
    println!(
        "| jobs | changed frames | keys changed per frame, median (max) | whole frame (ms) | logic (ms) | TableView::refresh alone, same changes (ms) | ui pass (ms) | tessellate (ms) | p99 of all frames (ms) | every job selected: frame median (ms) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let emulator = embedded(n, 120.0);
        let mut app = Headless::new(
            emulator.url(),
            vec![DEMO_SUBSCRIPTION.to_owned()],
            Duration::from_hours(1),
            Duration::from_millis(500),
        );
        app.load(n);
        app.focus_a_cancellation();
        for _ in 0..30 {
            app.frame();
        }
        let query = TableQuery::default();
        let mut shadow = TableView::default();
        shadow.refresh(app.app.store(), &query);
        let (mut whole, mut logic, mut table, mut ui, mut tess, mut keys, mut all) = (
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
            Vec::new(),
        );
        for _ in 0..400 {
            let version = app.app.store().version();
            let input = app.input(Vec::new());
            let t0 = cpu_time::ThreadTime::now();
            app.app.logic(&app.ctx, &mut app.frame);
            let t_logic = t0.elapsed();
            let t1 = cpu_time::ThreadTime::now();
            let output = app.ctx.run_ui(input, |ui| app.app.ui(ui, &mut app.frame));
            let t_ui = t1.elapsed();
            let t2 = cpu_time::ThreadTime::now();
            let primitives = app.ctx.tessellate(output.shapes, output.pixels_per_point);
            let t_tess = t2.elapsed();
            std::hint::black_box(primitives);
            let frame = t_logic + t_ui + t_tess;
            all.push(ms(frame));
            let store = app.app.store();
            if store.version() != version {
                let changed = store.changed_since(version).map_or(usize::MAX, |c| c.len());
                let t3 = cpu_time::ThreadTime::now();
                shadow.refresh(store, &query);
                table.push(ms(t3.elapsed()));
                keys.push(changed as f64);
                whole.push(ms(frame));
                logic.push(ms(t_logic));
                ui.push(ms(t_ui));
                tess.push(ms(t_tess));
            }
            std::thread::sleep(Duration::from_millis(8));
        }
        // Then every job selected (Ctrl+A), as a user acting on all of them: the toolbar and
        // the selection's upkeep then have 100,000 keys to look at in every frame.
        app.select_all();
        let mut selected_frames = Vec::new();
        for _ in 0..99 {
            selected_frames.push(ms(app.timed_frame().1));
            std::thread::sleep(Duration::from_millis(8));
        }
        let selected = app.app.selection().keys.len();
        let max_keys = keys.iter().copied().fold(0.0, f64::max);
        println!(
            "| {n} | {} | {:.0} ({max_keys:.0}) | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} ({selected} selected) |",
            whole.len(),
            median(&mut keys),
            median(&mut whole),
            median(&mut logic),
            median(&mut table),
            median(&mut ui),
            median(&mut tess),
            percentile(&mut all, 0.99),
            median(&mut selected_frames),
        );
        drop(app);
        drop(emulator);
    }
    println!();
}

/// P9 with the changes fed at a set rate: the window gets its events from a scripted worker
/// (no emulator, no worker thread), so the frames compare alone whatever the worker's speed.
/// Every frame takes one batch of `k` changed jobs (bytes copied on their drives; one job of
/// each batch moves from Transferring to Packaging), as the worker sends them: a page of a
/// listing brings up to 100, a single read one. Against Azure's read budget a frame gets at
/// most one page (a read every ~3 s), so 100 a frame is the worst case. With k = 0 nothing
/// changes: the steady frame, free of the worker's timing.
fn frame_fed_section(sizes: &[usize]) {
    use iejobs::model::{Event, Job, JobState};
    use iejobs::worker::WorkerHandle;
    println!(
        "## P9 fed: every frame applies a batch of k changed jobs (scripted worker), CPU (release, headless)\n"
    );
    println!(
        "| jobs | k (changed jobs a frame) | frames | frame median (ms) | p90 (ms) | p99 (ms) | max (ms) | every job selected: median (ms) | p99 (ms) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for &n in sizes {
        let emulator = runtime.block_on(served(n));
        let jobs: Vec<Job> = runtime
            .block_on(
                client(&emulator.url())
                    .list_jobs(&ListScope::Subscription(DEMO_SUBSCRIPTION.to_owned())),
            )
            .unwrap()
            .iter()
            .filter_map(|j| job_from_wire(j).ok())
            .collect();
        runtime.block_on(emulator.shutdown());
        assert_eq!(jobs.len(), n);
        let (handle, script) = WorkerHandle::scripted();
        let mut app = Headless::with_handle(handle);
        // The first listing, a page at a time, as the worker sends it.
        let mut pages = jobs.chunks(100);
        let mut next = pages.next();
        while let Some(page) = next {
            match script.events.try_send(Event::Partial {
                jobs: page.to_vec(),
                at: jiff::Timestamp::now(),
            }) {
                Ok(()) => next = pages.next(),
                Err(_) => {
                    app.frame();
                }
            }
        }
        script
            .events
            .try_send(Event::ListingDone {
                subscription: DEMO_SUBSCRIPTION.to_owned(),
                jobs: n,
                gone: Vec::new(),
                first: true,
                at: jiff::Timestamp::now(),
            })
            .unwrap();
        while app.app.store().len() < n {
            app.frame();
        }
        app.focus_a_cancellation();
        for _ in 0..30 {
            app.frame();
        }
        // The jobs that move: those in Transferring with drives.
        let mut moving: Vec<Job> = jobs
            .into_iter()
            .filter(|j| j.state == JobState::Transferring && j.drives.is_some())
            .collect();
        assert!(
            !moving.is_empty(),
            "the load scenario has jobs in Transferring"
        );
        let mut turn = 0usize;
        let mut batch = |k: usize| -> Vec<Job> {
            let mut out = Vec::with_capacity(k);
            for i in 0..k {
                let index = (turn * k + i) % moving.len();
                let job = &mut moving[index];
                for drive in job.drives.iter_mut().flatten() {
                    drive.bytes_succeeded = Some(drive.bytes_succeeded.unwrap_or(0) + 1_000_000);
                }
                if i == 0 {
                    job.state = JobState::Packaging;
                }
                out.push(job.clone());
            }
            turn += 1;
            out
        };
        // IEJOBS_BENCH_FED_K=100 runs one batch size (and 3,000 frames, for a profiler).
        let only: Option<usize> = std::env::var("IEJOBS_BENCH_FED_K")
            .ok()
            .and_then(|k| k.parse().ok());
        let (ks, frames) = match only {
            Some(k) => (vec![k], 3000),
            None => (vec![0, 1, 10, 100], 300),
        };
        for k in ks {
            let mut run = |app: &mut Headless, frames: usize| -> Vec<f64> {
                let mut times = Vec::with_capacity(frames);
                for _ in 0..frames {
                    // k = 0: nothing changes, the steady frame (P1) with no worker at all.
                    if k > 0 {
                        script
                            .events
                            .try_send(Event::Partial {
                                jobs: batch(k),
                                at: jiff::Timestamp::now(),
                            })
                            .unwrap();
                    }
                    let version = app.app.store().version();
                    let (_, cpu) = app.timed_frame();
                    assert_eq!(
                        app.app.store().version() != version,
                        k > 0,
                        "a batch is applied in its frame"
                    );
                    times.push(ms(cpu));
                }
                times
            };
            run(&mut app, 20); // warm-up
            let mut plain = run(&mut app, frames);
            app.select_all();
            let mut selected = run(&mut app, 100);
            app.clear_selection();
            let frames = plain.len();
            let max = plain.iter().copied().fold(0.0, f64::max);
            println!(
                "| {n} | {k} | {frames} | {:.3} | {:.3} | {:.3} | {max:.3} | {:.3} | {:.3} |",
                median(&mut plain),
                percentile(&mut plain, 0.90),
                percentile(&mut plain, 0.99),
                median(&mut selected),
                percentile(&mut selected, 0.99),
            );
        }
    }
    println!();
}

/// The table's rows rebuilt after one job changed (filter, sort, counts), by itself.
fn table_refresh(sizes: &[usize]) {
    use iejobs::model::{Event, Job, JobState, Session};
    use iejobs::ui::table_view::{TableQuery, TableView};
    println!("\n| jobs | table rows rebuilt after one change, median (ms) |");
    println!("|---:|---:|");
    let states = [
        JobState::Creating,
        JobState::Shipping,
        JobState::Transferring,
        JobState::Completed,
    ];
    for &n in sizes {
        let jobs: Vec<Job> = (0..n)
            .map(|i| {
                let key = JobKey::new(
                    DEMO_SUBSCRIPTION,
                    format!("rg-load-{:03}", i % 200),
                    format!("load-job-{:06}", (i * 7919) % n),
                );
                Job::new(key, states[i % states.len()].clone())
            })
            .collect();
        let mut store = Session::default();
        store.apply(Event::Partial {
            jobs: jobs.clone(),
            at: jiff::Timestamp::now(),
        });
        let query = TableQuery::default();
        let mut view = TableView::default();
        view.refresh(store.store(), &query);
        let mut times = Vec::new();
        for round in 0..15 {
            let mut job = jobs[round * 31 % n].clone();
            job.percent_complete = Some(i64::try_from(round).unwrap_or(0));
            store.apply(Event::Loaded {
                job,
                at: jiff::Timestamp::now(),
            });
            let began = Instant::now();
            view.refresh(store.store(), &query);
            times.push(ms(began.elapsed()));
        }
        println!("| {n} | {:.2} |", median(&mut times));
    }
}

// ---------------------------------------------------------------------------------------
// P3: frames while idle

fn idle_section(sizes: &[usize], idle_secs: u64) {
    println!("## P3: frames painted while idle, emulator unchanged (clock stopped), polling on\n");
    println!(
        "| jobs | seconds watched | full listings | job reads (fast polls) | frames painted |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let emulator = embedded(n, 0.0);
        let slow = Duration::from_secs(10);
        let fast = Duration::from_secs(2);
        let mut app = Headless::new(
            emulator.url(),
            vec![DEMO_SUBSCRIPTION.to_owned()],
            slow,
            fast,
        );
        app.load(n);
        // Settle: the frames the load itself asked for.
        let settle = Instant::now() + Duration::from_secs(3);
        while Instant::now() < settle {
            if app
                .next_repaint
                .lock()
                .unwrap()
                .is_some_and(|t| t <= Instant::now())
            {
                app.frame();
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let before = emulator.with(|e| e.requests().len()).unwrap();
        let began = Instant::now();
        let mut frames = 0;
        while began.elapsed() < Duration::from_secs(idle_secs) {
            let due = app
                .next_repaint
                .lock()
                .unwrap()
                .is_some_and(|t| t <= Instant::now());
            if due {
                app.frame();
                frames += 1;
            }
            std::thread::sleep(Duration::from_millis(5));
        }
        let requests = emulator
            .with(|e| e.requests()[before.min(e.requests().len())..].to_vec())
            .unwrap();
        let lists = requests.iter().filter(|r| r.route == Some("list")).count();
        let gets = requests.iter().filter(|r| r.route == Some("get")).count();
        println!(
            "| {n} | {idle_secs} | {} | {gets} | {frames} |",
            lists.div_ceil(n.div_ceil(100).max(1))
        );
    }
    println!();
}

// ---------------------------------------------------------------------------------------
// P4: a full listing, and the official Python SDK on the same emulator

fn listing_section(sizes: &[usize]) {
    println!("## P4: full listing (all pages, converted to the model), local emulator\n");
    println!(
        "| jobs | pages | iejobs median (ms) | runs | Python SDK median (ms) | runs | SDK / iejobs |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for &n in sizes {
        let emulator = runtime.block_on(served(n));
        let url = emulator.url();
        let client = client(&url);
        let runs = if n >= 100_000 { 3 } else { 9 };
        let mut rust = Vec::new();
        for _ in 0..=runs {
            let began = Instant::now();
            let jobs = runtime
                .block_on(client.list_jobs(&ListScope::Subscription(DEMO_SUBSCRIPTION.to_owned())))
                .unwrap();
            let converted: Vec<_> = jobs.iter().filter_map(|j| job_from_wire(j).ok()).collect();
            assert_eq!(converted.len(), n);
            rust.push(ms(began.elapsed()));
        }
        rust.remove(0); // the first run warms up connections and caches
        let rust_median = median(&mut rust);
        let py_runs = if n >= 100_000 { 1 } else { 3 };
        let python = python_listing(&url, py_runs);
        let (py_text, ratio) = match &python {
            Ok((count, seconds)) => {
                assert_eq!(*count, n, "the SDK listed every job");
                let mut values: Vec<f64> = seconds.iter().map(|s| s * 1000.0).collect();
                let m = median(&mut values);
                (format!("{m:.0}"), format!("{:.1}x", m / rust_median))
            }
            Err(e) => (format!("not run: {e}"), "—".to_owned()),
        };
        println!(
            "| {n} | {} | {rust_median:.1} | {runs} | {py_text} | {py_runs} | {ratio} |",
            n.div_ceil(100)
        );
        runtime.block_on(emulator.shutdown());
    }
    println!();
}

/// Where a listing's time goes: the pages fetched as bytes (the emulator's work, HTTP, and a
/// scan for `nextLink`), then, on those bytes and without I/O, the decoding into the wire
/// types and the two conversions to the model; and the worker's own path (pager, decode,
/// summary conversion) end to end.
fn listing_breakdown_section(sizes: &[usize]) {
    use iejobs::arm::job_summary_from_wire;
    use iejobs::arm::wire::ListJobsResponse;
    #[derive(serde::Deserialize)]
    struct NextOnly {
        #[serde(rename = "nextLink")]
        next_link: Option<String>,
    }
    println!("## P4 breakdown: a full listing's parts, medians (release, local emulator)\n");
    println!(
        "| jobs | MB | pages as bytes (ms) | decode to wire types (ms) | summary conversion (ms) | full conversion (ms) | straight to summaries, from the bytes (ms) | pager + wire decode + summary conversion (ms) | pager decoding straight to summaries, the worker's path (ms) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    let runtime = tokio::runtime::Runtime::new().unwrap();
    for &n in sizes {
        let emulator = runtime.block_on(served(n));
        let url = emulator.url();
        let http = reqwest::Client::new();
        let first = format!(
            "{url}/subscriptions/{DEMO_SUBSCRIPTION}/providers/Microsoft.ImportExport/jobs?api-version=2020-08-01"
        );
        let runs = if n >= 100_000 { 3 } else { 9 };
        let (mut fetch, mut decode, mut summary, mut full, mut worker) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        let (mut straight, mut straight_pager) = (Vec::new(), Vec::new());
        let mut bytes = 0;
        for run in 0..=runs {
            let began = Instant::now();
            let bodies: Vec<Vec<u8>> = runtime.block_on(async {
                let mut bodies = Vec::new();
                let mut next = Some(first.clone());
                while let Some(link) = next.take() {
                    let body = http
                        .get(&link)
                        .bearer_auth("bench")
                        .send()
                        .await
                        .unwrap()
                        .bytes()
                        .await
                        .unwrap()
                        .to_vec();
                    next = serde_json::from_slice::<NextOnly>(&body)
                        .unwrap()
                        .next_link
                        .filter(|l| !l.is_empty());
                    bodies.push(body);
                }
                bodies
            });
            let fetched = ms(began.elapsed());
            bytes = bodies.iter().map(Vec::len).sum::<usize>();
            let began = Instant::now();
            let decoded: Vec<ListJobsResponse> = bodies
                .iter()
                .map(|p| serde_json::from_slice(p).unwrap())
                .collect();
            let decoded_ms = ms(began.elapsed());
            let began = Instant::now();
            let summaries = decoded
                .iter()
                .flat_map(|p| p.value.iter())
                .filter_map(|j| job_summary_from_wire(j).ok())
                .count();
            let summary_ms = ms(began.elapsed());
            let began = Instant::now();
            let fulls = decoded
                .iter()
                .flat_map(|p| p.value.iter())
                .filter_map(|j| job_from_wire(j).ok())
                .count();
            let full_ms = ms(began.elapsed());
            assert_eq!((summaries, fulls), (n, n));
            let began = Instant::now();
            let direct: usize = bodies
                .iter()
                .map(|p| {
                    let page: iejobs::arm::summary::SummaryPage<'_> =
                        serde_json::from_slice(p).unwrap();
                    page.value.iter().filter_map(|j| j.to_job().ok()).count()
                })
                .sum();
            let straight_ms = ms(began.elapsed());
            assert_eq!(direct, n);
            let client = client(&url);
            let began = Instant::now();
            let listed = runtime.block_on(async {
                let mut pager =
                    client.pager(&ListScope::Subscription(DEMO_SUBSCRIPTION.to_owned()));
                let mut count = 0;
                while let Some(page) = pager.next_page().await.unwrap() {
                    count += page
                        .iter()
                        .filter_map(|j| job_summary_from_wire(j).ok())
                        .count();
                }
                count
            });
            let worker_ms = ms(began.elapsed());
            assert_eq!(listed, n);
            let began = Instant::now();
            let listed = runtime.block_on(async {
                let mut pager =
                    client.pager(&ListScope::Subscription(DEMO_SUBSCRIPTION.to_owned()));
                let mut count = 0;
                while let Some(page) = pager.next_summaries().await.unwrap() {
                    count += page.into_iter().filter_map(Result::ok).count();
                }
                count
            });
            let straight_pager_ms = ms(began.elapsed());
            assert_eq!(listed, n);
            if run > 0 {
                fetch.push(fetched);
                decode.push(decoded_ms);
                summary.push(summary_ms);
                full.push(full_ms);
                worker.push(worker_ms);
                straight.push(straight_ms);
                straight_pager.push(straight_pager_ms);
            }
        }
        println!(
            "| {n} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} | {:.1} |",
            bytes as f64 / 1e6,
            median(&mut fetch),
            median(&mut decode),
            median(&mut summary),
            median(&mut full),
            median(&mut straight),
            median(&mut worker),
            median(&mut straight_pager),
        );
        runtime.block_on(emulator.shutdown());
    }
    println!();
}

/// Runs `tests/sdk/list_bench.py` in the SDK's venv: (jobs, seconds per run).
fn python_listing(url: &str, runs: usize) -> Result<(usize, Vec<f64>), String> {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/sdk/run.sh");
    let output = std::process::Command::new("bash")
        .args([
            script,
            "--script",
            "list_bench.py",
            url,
            DEMO_SUBSCRIPTION,
            &runs.to_string(),
        ])
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout.lines().last().ok_or_else(|| {
        format!(
            "no output ({})",
            String::from_utf8_lossy(&output.stderr).trim()
        )
    })?;
    let value: serde_json::Value = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let count = value["jobs"].as_u64().unwrap_or(0) as usize;
    let seconds = value["seconds"]
        .as_array()
        .map(|a| a.iter().filter_map(serde_json::Value::as_f64).collect())
        .unwrap_or_default();
    Ok((count, seconds))
}

// ---------------------------------------------------------------------------------------
// P5: click to screen, click to confirmation

fn click_section(sizes: &[usize]) {
    use egui_kittest::Harness;
    println!("## P5: Cancel clicked: frames until on screen, time until the service confirmed\n");
    println!(
        "| jobs | frames from the confirming click to \"cancel requested…\" | confirmed after (ms) | GET round trip median (ms) | PATCH sent per click |"
    );
    println!("|---:|---:|---:|---:|---:|");
    for &n in sizes {
        let emulator = embedded(n, 0.0);
        let url = emulator.url().to_owned();
        let mut worker = WorkerConfig::new(vec![DEMO_SUBSCRIPTION.to_owned()]);
        worker.slow_poll = Duration::from_hours(1);
        let config = AppConfig {
            client: client(&url),
            worker,
            source: Source::Emulator {
                url: url.clone(),
                scenario: "bench".to_owned(),
                speed: 0.0,
            },
            settings: SettingsContext::default(),
            folders: iejobs::ui::Folders::default(),
            desktop_notifications: false,
        };
        let mut harness = Harness::builder()
            .with_size([1600.0, 1000.0])
            .build_eframe(move |cc| App::new(cc, config).unwrap());
        while harness.state().store().len() < n {
            harness.step();
            std::thread::sleep(Duration::from_millis(5));
        }
        let cancellable: Vec<JobKey> = harness
            .state()
            .store()
            .iter()
            .filter(|e| e.permission(iejobs::model::Action::Cancel).is_allowed())
            .take(2)
            .map(|e| e.job.key.clone())
            .collect();
        // First click: the PATCH is held for a second, so what the screen says before the
        // service answers can be seen.
        emulator.with(|e| {
            e.set_faults(vec![
                iejobs::emulator::faults::FaultRule::parse("patch:delay=1000*1").unwrap(),
            ]);
        });
        let (frames, _, _) = cancel_by_click(&mut harness, &emulator, &cancellable[0]);
        // Second click: nothing held; how long until the service's answer is in the window.
        let (_, confirmed, sent) = cancel_by_click(&mut harness, &emulator, &cancellable[1]);
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let probe = client(&url);
        let mut trips = Vec::new();
        for _ in 0..20 {
            let began = Instant::now();
            runtime.block_on(probe.get_job(&cancellable[1])).unwrap();
            trips.push(ms(began.elapsed()));
        }
        println!(
            "| {n} | {frames} | {:.1} | {:.2} | {sent} |",
            ms(confirmed),
            median(&mut trips)
        );
    }
    println!();
}

/// Opens `key`, clicks Cancel… and Request cancel; returns the frames after the confirming
/// click until the detail panel says "cancel requested…", the time until the service's
/// confirmation is in the store, and the PATCH requests sent.
fn cancel_by_click(
    harness: &mut egui_kittest::Harness<'static, App>,
    emulator: &EmbeddedEmulator,
    key: &JobKey,
) -> (usize, Duration, usize) {
    use egui_kittest::kittest::Queryable as _;
    harness.state_mut().show_job(key.clone());
    harness.run_steps(3);
    harness.get_by_label("Cancel…").click();
    let mut steps = 0;
    while harness.query_by_label("Request cancel").is_none() {
        harness.step();
        steps += 1;
        assert!(steps < 20, "the dialog did not open");
    }
    // A modal's first frame sizes it; the button is where a user sees it from the next.
    harness.run_steps(2);
    let before = patches(emulator);
    harness.get_by_label("Request cancel").click();
    let clicked = Instant::now();
    let mut frames = 0;
    let mut shown_at = None;
    let confirmed = loop {
        harness.step();
        frames += 1;
        let shown = harness
            .query_all_by_label_contains("cancel requested…")
            .next()
            .is_some();
        if shown && shown_at.is_none() {
            shown_at = Some(frames);
        }
        let done = harness
            .state()
            .store()
            .get(key)
            .is_some_and(|e| e.job.cancel_requested && e.pending.is_none());
        if done {
            break clicked.elapsed();
        }
        std::thread::sleep(Duration::from_micros(200));
        if clicked.elapsed() > Duration::from_secs(30) {
            let entry = harness.state().store().get(key).map(|e| {
                format!(
                    "cancel_requested {} pending {:?} failure {:?}",
                    e.job.cancel_requested, e.pending, e.failure
                )
            });
            let last: Vec<String> = emulator
                .with(|e| {
                    let r = e.requests();
                    r.iter()
                        .rev()
                        .take(6)
                        .map(|r| format!("{} {} {}", r.seq, r.method, r.path))
                        .collect()
                })
                .unwrap();
            panic!(
                "no confirmation within 30 s: {entry:?}; PATCH sent {}; notice {:?}; activity {:?}; last requests {last:#?}",
                patches(emulator) - before,
                harness.state().state().notice,
                harness
                    .state()
                    .state()
                    .session
                    .activity()
                    .iter()
                    .rev()
                    .take(5)
                    .collect::<Vec<_>>()
            );
        }
    };
    (shown_at.unwrap_or(0), confirmed, patches(emulator) - before)
}

fn patches(emulator: &EmbeddedEmulator) -> usize {
    emulator
        .with(|e| e.requests().iter().filter(|r| r.method == "PATCH").count())
        .unwrap()
}

// ---------------------------------------------------------------------------------------
// P6: resident memory

fn memory_section(sizes: &[usize]) {
    println!(
        "## P6: resident memory of the app (headless App, worker, store; emulator in another process)\n"
    );
    println!(
        "| jobs | RSS before jobs (MiB) | RSS loaded (MiB) | RSS after a second full listing (MiB) | peak RSS (MiB) | load (s) |"
    );
    println!("|---:|---:|---:|---:|---:|---:|");
    let me = std::env::current_exe().unwrap();
    for &n in sizes {
        let output = std::process::Command::new(&me)
            .args(["memory-child", "--sizes", &n.to_string()])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout);
        match stdout.lines().find(|l| l.starts_with('|')) {
            Some(row) => println!("{row}"),
            None => println!(
                "| {n} | failed: {} |",
                String::from_utf8_lossy(&output.stderr).trim()
            ),
        }
    }
    println!();
}

/// One size in a fresh process: the emulator runs as its own process, so the figures are
/// the app's alone.
fn memory_child(n: usize) {
    let mut emulator = std::process::Command::new(env!("CARGO_BIN_EXE_iejobs-emulator"))
        .args([
            "--listen",
            "127.0.0.1:0",
            "--scenario",
            &format!("load:{n}"),
            "--speed",
            "120",
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = emulator.stdout.take().unwrap();
    let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
    let url = loop {
        let line = lines.next().unwrap().unwrap();
        if let Some(url) = line.strip_prefix("iejobs-emulator listening on ") {
            break url.trim().to_owned();
        }
    };
    let mib = |kib: u64| kib as f64 / 1024.0;
    let slow = Duration::from_secs(20);
    let mut app = Headless::new(
        &url,
        vec![DEMO_SUBSCRIPTION.to_owned()],
        slow,
        Duration::from_secs(2),
    );
    app.frame();
    let before = rss_kib("VmRSS:");
    let load = app.load(n);
    app.focus_a_cancellation();
    for _ in 0..10 {
        app.frame();
    }
    let loaded = rss_kib("VmRSS:");
    // Another full listing (every 20 s here), with the fast polls in between.
    let until = Instant::now() + slow + Duration::from_secs(5);
    while Instant::now() < until {
        app.frame();
        std::thread::sleep(Duration::from_millis(50));
    }
    let after = rss_kib("VmRSS:");
    let peak = rss_kib("VmHWM:");
    println!(
        "| {n} | {:.0} | {:.0} | {:.0} | {:.0} | {:.1} |",
        mib(before),
        mib(loaded),
        mib(after),
        mib(peak),
        load.as_secs_f64()
    );
    drop(app);
    let _ = emulator.kill();
    let _ = emulator.wait();
}

// ---------------------------------------------------------------------------------------
// P8: the emulator under 64 concurrent clients

fn emulator_section(sizes: &[usize]) {
    const CLIENTS: usize = 64;
    const SECONDS: u64 = 10;
    println!("## P8: emulator, GET job, {CLIENTS} concurrent clients (keep-alive), {SECONDS} s\n");
    println!("| jobs | requests | req/s | p50 (ms) | p99 (ms) | errors |");
    println!("|---:|---:|---:|---:|---:|---:|");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    for &n in sizes {
        let (requests, errors, mut latencies) = runtime.block_on(async {
            let emulator = served(n).await;
            let url = emulator.url();
            let keys: Arc<Vec<JobKey>> = Arc::new(
                client(&url)
                    .list_jobs(&ListScope::Subscription(DEMO_SUBSCRIPTION.to_owned()))
                    .await
                    .unwrap()
                    .iter()
                    .filter_map(|j| job_from_wire(j).ok().map(|j| j.key))
                    .collect(),
            );
            let deadline = Instant::now() + Duration::from_secs(SECONDS);
            let mut tasks = tokio::task::JoinSet::new();
            for task in 0..CLIENTS {
                let keys = keys.clone();
                let client = client(&url);
                tasks.spawn(async move {
                    let mut latencies = Vec::new();
                    let mut errors = 0_usize;
                    let mut i = task * 7919;
                    while Instant::now() < deadline {
                        i = (i + 104_729) % keys.len();
                        let began = Instant::now();
                        match client.get_job(&keys[i]).await {
                            Ok(_) => latencies.push(ms(began.elapsed())),
                            Err(_) => errors += 1,
                        }
                    }
                    (latencies, errors)
                });
            }
            let mut all = Vec::new();
            let mut errors = 0;
            while let Some(result) = tasks.join_next().await {
                let (latencies, e) = result.unwrap();
                all.extend(latencies);
                errors += e;
            }
            emulator.shutdown().await;
            (all.len(), errors, all)
        });
        println!(
            "| {n} | {requests} | {:.0} | {:.2} | {:.2} | {errors} |",
            requests as f64 / SECONDS as f64,
            percentile(&mut latencies, 0.5),
            percentile(&mut latencies, 0.99)
        );
    }
    println!();
}
