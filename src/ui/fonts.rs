//! The fonts: egui's own (Latin, Greek, Cyrillic, and its emoji fonts, installed by egui's
//! `monochrome_emoji_fonts` feature), then Noto Sans Hebrew and Noto Sans Arabic as
//! fallbacks, so that a job name, a tag or an error message in those scripts is drawn, not
//! shown as empty boxes. Both are embedded (270 KB; OFL 1.1, see `assets/fonts/OFL.txt`):
//! an administrator's machine may have no such font installed.

use std::sync::Arc;

use eframe::egui;

/// The fallback fonts, by name, in the order they are tried.
const FALLBACKS: [(&str, &[u8]); 2] = [
    (
        "NotoSansHebrew-Regular",
        include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
    ),
    (
        "NotoSansArabic-Regular",
        include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
    ),
];

/// egui's default fonts with the fallbacks added at the end of every family.
#[must_use]
pub fn definitions() -> egui::FontDefinitions {
    let mut fonts = egui::FontDefinitions::default();
    for (name, bytes) in FALLBACKS {
        fonts.font_data.insert(
            name.to_owned(),
            Arc::new(egui::FontData::from_static(bytes)),
        );
        for family in fonts.families.values_mut() {
            family.push(name.to_owned());
        }
    }
    fonts
}

/// Installs [`definitions`] in `ctx`.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
