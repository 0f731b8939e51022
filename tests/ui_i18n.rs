//! The window's main scenarios in Spanish and Italian: the real `App` against the
//! in-process emulator, the language set on the test's own thread (`i18n::scoped`), so that
//! these run beside the English tests in one binary. kittest panics on a glyph no font can
//! draw (its default policy, left on): every character of both languages is drawn.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use eframe::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use iejobs::i18n::{self, Lang};
use iejobs::model::{Action, JobState};
use iejobs::ui::App;

use common::app::{entry, frozen_demo as emulator, harness, open_job, painted_texts, step_until};

/// What each language is expected to say, written out by hand (not read from the bundles).
struct Expected {
    lang: Lang,
    jobs: &'static str,
    cancel_button: &'static str,
    delete_button: &'static str,
    cancel_selected: &'static str,
    refresh: &'static str,
    settings: &'static str,
    language: &'static str,
    columns: [&'static str; 3],
    packaging_reason: &'static str,
    request_cancel: &'static str,
    best_effort: &'static str,
    pending: &'static str,
    monitor: &'static str,
    help: &'static str,
    about: &'static str,
    close: &'static str,
    bytes_mark: char,
}

const SPANISH: Expected = Expected {
    lang: Lang::Es,
    jobs: "trabajos",
    cancel_button: "Cancelar…",
    delete_button: "Eliminar…",
    cancel_selected: "Cancelar seleccionados (0)",
    refresh: "Actualizar",
    settings: "Configuración",
    language: "Idioma",
    columns: ["Nombre", "Estado", "Grupo de recursos"],
    packaging_reason: "Solo se puede cancelar antes de Packaging; este trabajo está en el estado Packaging",
    request_cancel: "Solicitar la cancelación",
    best_effort: "Azure cancela en la medida de lo posible",
    pending: "pendiente",
    monitor: "Monitor de cancelaciones:",
    help: "Ayuda",
    about: "Acerca de iejobs",
    close: "Cerrar",
    bytes_mark: ',',
};

const ITALIAN: Expected = Expected {
    lang: Lang::It,
    jobs: "processi",
    cancel_button: "Annulla…",
    delete_button: "Elimina…",
    cancel_selected: "Annulla selezionati (0)",
    refresh: "Aggiorna",
    settings: "Impostazioni",
    language: "Lingua",
    columns: ["Nome", "Stato", "Gruppo di risorse"],
    packaging_reason: "È possibile annullare solo prima di Packaging; questo processo è nello stato Packaging",
    request_cancel: "Richiedi annullamento",
    best_effort: "Azure annulla nel modo più efficiente possibile",
    pending: "in attesa",
    monitor: "Monitoraggio annullamenti:",
    help: "Guida",
    about: "Informazioni su iejobs",
    close: "Chiudi",
    bytes_mark: ',',
};

fn loaded(harness: &mut Harness<'static, App>) {
    step_until(harness, "the demo jobs are listed", |h| {
        h.state().store().len() >= 30
    });
}

/// The table, the toolbar, the status bar and the detail panel of a Packaging job.
fn window_speaks(expected: &Expected) {
    let _lang = i18n::scoped(expected.lang);
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    harness.run_steps(2);
    let count = harness.state().store().len();
    assert!(
        harness
            .query_by_label(&format!("{count} {}", expected.jobs))
            .is_some(),
        "the status bar counts {count} {}",
        expected.jobs
    );
    let cancel_selected = harness.get_by_label(expected.cancel_selected);
    assert!(cancel_selected.accesskit_node().is_disabled());
    harness.get_by_label(expected.refresh);
    harness.get_by_label(expected.settings);
    let painted = painted_texts(&harness);
    for title in expected.columns {
        assert!(
            painted.iter().any(|t| t.starts_with(title)),
            "the column {title} is titled in {}: {painted:?}",
            expected.lang
        );
    }
    // API states stay as the service names them.
    assert!(painted.iter().any(|t| t == "Packaging"), "{painted:?}");
    // Bytes with the language's decimal mark.
    assert!(
        painted
            .iter()
            .any(|t| t.contains(&format!("{}", expected.bytes_mark)) && t.contains(" TB")),
        "bytes as {} writes them: {painted:?}",
        expected.lang
    );
    let packaging = harness
        .state()
        .store()
        .iter()
        .find(|e| e.job.state == JobState::Packaging)
        .map(|e| e.job.name.to_string())
        .unwrap();
    open_job(&mut harness, &packaging);
    let cancel = harness.get_by_label(expected.cancel_button);
    assert!(cancel.accesskit_node().is_disabled());
    let delete = harness.get_by_label(expected.delete_button);
    assert!(delete.accesskit_node().is_disabled());
    let reason = entry(&harness, &packaging)
        .unwrap()
        .permission(Action::Cancel)
        .reason()
        .map(str::to_owned);
    assert_eq!(reason.as_deref(), Some(expected.packaging_reason));
    // Help: About iejobs, in the language, closed by its own button.
    harness.get_by_label(expected.help).click();
    harness.run_steps(2);
    harness.get_by_label(expected.about).click();
    // The intent is carried out after the frame; a new window is sized in its first frame
    // and shown in the next.
    harness.run_steps(3);
    harness.get_by_label(&format!("iejobs {}", env!("CARGO_PKG_VERSION")));
    harness.get_by_label(expected.close).click();
    harness.run_steps(2);
    // Settings: the language is among them.
    harness.get_by_label(expected.settings).click();
    harness.run_steps(3);
    assert!(
        harness.query_by_label(expected.language).is_some(),
        "the settings offer the language"
    );
}

/// A cancel: the confirmation, the request, the pending mark and the monitor.
fn cancel_speaks(expected: &Expected) {
    let _lang = i18n::scoped(expected.lang);
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    let name = "media-archive-2026-q3";
    open_job(&mut harness, name);
    harness.get_by_label(expected.cancel_button).click();
    step_until(&mut harness, "the dialog shows", |h| {
        h.query_by_label(expected.request_cancel).is_some()
    });
    assert!(
        harness
            .query_all_by_label_contains(expected.best_effort)
            .next()
            .is_some(),
        "the confirmation explains a cancel in {}",
        expected.lang
    );
    harness.get_by_label(expected.request_cancel).click();
    step_until(&mut harness, "the service confirmed the cancel", |h| {
        entry(h, name).is_some_and(|e| e.job.cancel_requested && e.pending.is_none())
    });
    harness.run_steps(2);
    assert!(harness.query_by_label(expected.pending).is_some());
    assert!(
        harness.query_by_label_contains(expected.monitor).is_some(),
        "the monitor speaks {}",
        expected.lang
    );
}

#[test]
fn the_window_speaks_spanish() {
    window_speaks(&SPANISH);
}

#[test]
fn the_window_speaks_italian() {
    window_speaks(&ITALIAN);
}

#[test]
fn a_cancel_in_spanish() {
    cancel_speaks(&SPANISH);
}

#[test]
fn a_cancel_in_italian() {
    cancel_speaks(&ITALIAN);
}

/// The English window is untouched by the other languages' tests running beside it.
#[test]
fn english_stays_english_beside_them() {
    let _lang = i18n::scoped(Lang::En);
    let emulator = emulator();
    let mut harness = harness(&emulator);
    loaded(&mut harness);
    harness.get_by_label("Cancel selected (0)");
    harness.get_by_label("Refresh");
}

/// The toolbar's buttons never overlap nor leave the window, in each language, at the
/// widths around where it goes from two lines to one.
#[test]
fn the_toolbar_does_not_overlap_in_any_language() {
    let emulator = emulator();
    for (lang, labels) in [
        (
            Lang::En,
            [
                "Refresh",
                "Polling",
                "Export…",
                "Settings",
                "Activity log",
                "Theme",
                "Help",
            ],
        ),
        (
            Lang::Es,
            [
                "Actualizar",
                "Sondeo",
                "Exportar…",
                "Configuración",
                "Registro de actividad",
                "Tema",
                "Ayuda",
            ],
        ),
        (
            Lang::It,
            [
                "Aggiorna",
                "Polling",
                "Esporta…",
                "Impostazioni",
                "Registro attività",
                "Tema",
                "Guida",
            ],
        ),
    ] {
        let _lang = i18n::scoped(lang);
        for width in [1000.0, 1190.0, 1260.0, 1360.0, 1440.0] {
            let mut harness = common::app::harness_sized(&emulator, [width, 800.0]);
            loaded(&mut harness);
            harness.run_steps(3);
            let mut rects: Vec<(&str, egui::Rect)> = labels
                .iter()
                .map(|label| (*label, harness.get_by_label(label).rect()))
                .collect();
            let monitor = harness
                .query_all_by_label_contains(match lang {
                    Lang::En => "Cancellation monitor (",
                    Lang::Es => "Monitor de cancelaciones (",
                    Lang::It => "Monitoraggio annullamenti (",
                })
                .next()
                .map(|n| n.rect())
                .unwrap();
            rects.push(("monitor", monitor));
            for (i, (a, ra)) in rects.iter().enumerate() {
                assert!(
                    ra.right() <= width + 0.5,
                    "{lang} at {width}: {a} leaves the window"
                );
                for (b, rb) in &rects[i + 1..] {
                    assert!(
                        !ra.intersects(*rb),
                        "{lang} at {width}: {a} {ra:?} overlaps {b} {rb:?}"
                    );
                }
            }
        }
    }
}

/// Every accented letter and inverted mark Spanish and Italian write, lower and upper case.
const ACCENTED: &str = "á é í ó ú ü ñ ¿ ¡ à è ì ò ù Á É Í Ó Ú Ü Ñ À È Ì Ò Ù";

/// The window's fonts draw every character of Spanish and Italian, in both of egui's
/// families, even those no message uses yet ("¡"): kittest's missing-glyph panic, left on,
/// fails the test for a font without one.
#[test]
fn the_fonts_draw_every_spanish_and_italian_character() {
    let mut harness = Harness::builder().build_ui(|ui| {
        iejobs::ui::fonts::install(ui.ctx());
        ui.label(ACCENTED);
        ui.label(egui::RichText::new(ACCENTED).monospace());
        ui.label(egui::RichText::new(ACCENTED).strong());
    });
    // The fonts set in the first frame are used from the second on.
    harness.run_steps(3);
    assert_eq!(harness.query_all_by_label(ACCENTED).count(), 3);
}

/// The check above can fail: a font without these letters (Noto Sans Hebrew alone) makes
/// kittest panic on them.
#[test]
fn a_font_without_them_fails_the_check() {
    let drawn = std::panic::catch_unwind(|| {
        let mut harness = Harness::builder().build_ui(|ui| {
            let mut fonts = egui::FontDefinitions::empty();
            fonts.font_data.insert(
                "hebrew".to_owned(),
                std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
                    "../assets/fonts/NotoSansHebrew-Regular.ttf"
                ))),
            );
            for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
                fonts.families.insert(family, vec!["hebrew".to_owned()]);
            }
            ui.ctx().set_fonts(fonts);
            ui.label("¡");
        });
        harness.run_steps(3);
    });
    let panic = drawn.expect_err("kittest drew \"¡\" with a font that lacks it");
    let message = panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default();
    assert!(message.contains("No glyph for \"¡\""), "{message}");
}
