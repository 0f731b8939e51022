//! How values are written on screen: bytes, times, durations, state colours.

use std::borrow::Cow;

use eframe::egui::Color32;
use jiff::Timestamp;

use crate::model::{DriveState, JobState};
use crate::tr;

pub use crate::model::bytes;

/// The mark next to a value drawn other than the service sent it (its hover says why).
pub const ODD_MARK: &str = "⚠";

/// Bytes as drawn: a count below zero (which no drive copies) shows as "0 B ⚠".
#[must_use]
pub fn bytes_checked(n: i64) -> String {
    if n < 0 {
        format!("{} {ODD_MARK}", bytes(0))
    } else {
        bytes(n)
    }
}

/// A percentage as drawn: clamped to 0–100, marked when the service sent a value outside it
/// ("100 % ⚠" for 250).
#[must_use]
pub fn percent(raw: i64) -> String {
    let shown = raw.clamp(0, 100);
    if shown == raw {
        format!("{raw} %")
    } else {
        format!("{shown} % {ODD_MARK}")
    }
}

/// Why a value is drawn marked: the raw value the service sent, when it was out of range.
#[must_use]
pub fn odd_value_note(percent: Option<i64>, bytes: Option<i64>) -> Option<String> {
    let mut notes = Vec::new();
    if let Some(p) = percent.filter(|p| !(0..=100).contains(p)) {
        notes.push(tr!("odd-percent", value = p.to_string()));
    }
    if let Some(b) = bytes.filter(|b| *b < 0) {
        notes.push(tr!("odd-bytes", value = b.to_string()));
    }
    (!notes.is_empty()).then(|| tr!("odd-note", notes = notes.join("; ")))
}

/// Text for one line of the window: control characters (a newline in a job name would
/// overlap the next row) become spaces, and text longer than `max` characters is cut with
/// "…" (a 10,000-character name must not push the buttons out of the window).
#[must_use]
pub fn one_line(text: &str, max: usize) -> Cow<'_, str> {
    let long = text.len() > max && text.chars().nth(max).is_some();
    if !long && !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut line: String = text
        .chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if long {
        line.push('…');
    }
    Cow::Owned(line)
}

/// A long text for a tooltip: cut at `max` characters, saying how long it was.
#[must_use]
pub fn hover_text(text: &str, max: usize) -> Cow<'_, str> {
    let count = text.chars().count();
    if count <= max {
        return Cow::Borrowed(text);
    }
    let head: String = text.chars().take(max).collect();
    Cow::Owned(tr!("hover-cut", head = head, count = count))
}

/// A count with thousands separated as the language separates them: "1,200" ("1.200" in
/// Italian).
#[must_use]
pub fn count(n: usize) -> String {
    crate::i18n::number(i64::try_from(n).unwrap_or(i64::MAX))
}

/// A rate in bytes per second: "152 MB/s".
#[must_use]
pub fn rate(bytes_per_sec: f64) -> String {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "rates are far below i64::MAX"
    )]
    let whole = bytes_per_sec.max(0.0).round() as i64;
    format!("{}/s", bytes(whole))
}

/// Local date and time, to the second, with the zone ("2026-11-30 14:05:07 CET", or
/// "30/11/2026 14:05:07 CET" in Spanish and Italian): an
/// administrator compares these with the portal's times and Azure support's, which are not
/// always in the same zone.
#[must_use]
pub fn time(at: Timestamp) -> String {
    time_in(at, &jiff::tz::TimeZone::system())
}

/// [`time`] in `zone`: its abbreviation when it has one, else its UTC offset.
#[must_use]
pub fn time_in(at: Timestamp, zone: &jiff::tz::TimeZone) -> String {
    let zoned = at.to_zoned(zone.clone());
    let abbreviation = zoned.strftime("%Z").to_string();
    // Zones without an abbreviation give "+03" or nothing: the offset says more.
    let when = crate::i18n::date_time(&zoned);
    if abbreviation.is_empty() || abbreviation.starts_with(['+', '-']) {
        format!("{when} UTC{}", zoned.strftime("%:z"))
    } else {
        format!("{when} {abbreviation}")
    }
}

/// Local time of day when `at` is today, else the date: for narrow columns.
#[must_use]
pub fn short_time(at: Timestamp, now: Timestamp) -> String {
    let zone = jiff::tz::TimeZone::system();
    let (then, today) = (at.to_zoned(zone.clone()), now.to_zoned(zone));
    if then.date() == today.date() {
        then.strftime("%H:%M:%S").to_string()
    } else {
        crate::i18n::date(&then)
    }
}

/// Local date.
#[must_use]
pub fn date(at: Timestamp) -> String {
    crate::i18n::date(&at.to_zoned(jiff::tz::TimeZone::system()))
}

/// A duration in words, coarse: "45 s", "12 min", "3 h 5 min", "89 days".
#[must_use]
pub fn duration(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    match s {
        0..60 => format!("{s} s"),
        60..3600 => format!("{} min", s / 60),
        3600..86_400 => format!("{} h {} min", s / 3600, (s % 3600) / 60),
        _ => tr!("duration-days", count = s / 86_400),
    }
}

/// "12 s ago", or "in 12 s" for the future.
#[must_use]
pub fn relative(at: Timestamp, now: Timestamp) -> String {
    let seconds = now.duration_since(at).as_secs();
    if seconds >= 0 {
        tr!("time-ago", duration = duration(seconds))
    } else {
        tr!("time-in", duration = duration(seconds))
    }
}

/// The badge colour of a job state: dark enough for the badge's white text to meet WCAG
/// AA (4.5:1) in both themes.
#[must_use]
pub fn state_color(state: &JobState) -> Color32 {
    match state {
        JobState::Creating => Color32::from_rgb(0x6d, 0x70, 0x78),
        JobState::Shipping => Color32::from_rgb(0x36, 0x70, 0xc0),
        JobState::Received => Color32::from_rgb(0x18, 0x7c, 0x7c),
        JobState::Transferring => Color32::from_rgb(0x9f, 0x61, 0x15),
        JobState::Packaging => Color32::from_rgb(0x86, 0x57, 0xce),
        JobState::Completed => Color32::from_rgb(0x25, 0x80, 0x40),
        JobState::Closed => Color32::from_rgb(0xc9, 0x3c, 0x3c),
        JobState::Other(_) => Color32::from_rgb(0x85, 0x6f, 0x03),
    }
}

/// A job state's colour as text on the window's background (chips, drive states): the
/// badge colour on a light background, a lighter one on a dark background; 4.5:1 or more
/// on either.
#[must_use]
pub fn state_text_color(state: &JobState, dark_mode: bool) -> Color32 {
    if !dark_mode {
        return state_color(state);
    }
    match state {
        JobState::Creating => Color32::from_rgb(0x8a, 0x8f, 0x98),
        JobState::Shipping => Color32::from_rgb(0x4e, 0x89, 0xdb),
        JobState::Received => Color32::from_rgb(0x1f, 0x9e, 0x9e),
        JobState::Transferring => Color32::from_rgb(0xe0, 0x8a, 0x1e),
        JobState::Packaging => Color32::from_rgb(0x9d, 0x72, 0xde),
        JobState::Completed => Color32::from_rgb(0x2e, 0x9d, 0x4f),
        JobState::Closed => Color32::from_rgb(0xd4, 0x66, 0x66),
        JobState::Other(_) => Color32::from_rgb(0xd4, 0xb1, 0x06),
    }
}

/// A drive state's colour as text, in the colours of the job states it resembles.
#[must_use]
pub fn drive_color(state: &DriveState, dark_mode: bool) -> Color32 {
    let like = match state {
        DriveState::Transferring => JobState::Transferring,
        DriveState::Completed | DriveState::ShippedBack => JobState::Completed,
        DriveState::CompletedMoreInfo => JobState::Other("CompletedMoreInfo".into()),
        DriveState::NeverReceived => JobState::Closed,
        _ => JobState::Creating,
    };
    state_text_color(&like, dark_mode)
}

/// WCAG 2 contrast ratio of two colours (1 to 21; AA asks 4.5 for body text).
#[must_use]
pub fn contrast_ratio(a: Color32, b: Color32) -> f32 {
    fn luminance(c: Color32) -> f32 {
        let channel = |v: u8| {
            let v = f32::from(v) / 255.0;
            if v <= 0.039_28 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(c.r()) + 0.7152 * channel(c.g()) + 0.0722 * channel(c.b())
    }
    let (x, y) = (luminance(a), luminance(b));
    (x.max(y) + 0.05) / (x.min(y) + 0.05)
}

/// egui's warning and error colours made readable (4.5:1) on the theme's backgrounds: on
/// the light theme its orange and red are below 3:1 on white, and its red is below 4.5:1 on
/// the dark theme's striped rows.
pub fn readable_visuals(visuals: &mut eframe::egui::Visuals) {
    if visuals.dark_mode {
        visuals.error_fg_color = Color32::from_rgb(0xff, 0x5c, 0x5c);
    } else {
        visuals.warn_fg_color = Color32::from_rgb(0xa0, 0x4f, 0x00);
        visuals.error_fg_color = Color32::from_rgb(0xc0, 0x1c, 0x1c);
    }
}

/// A state as text, with a placeholder for the empty unknown state.
#[must_use]
pub fn state_text(state: &JobState) -> String {
    match state.as_str() {
        "" => tr!("no-state").to_owned(),
        text => text.to_owned(),
    }
}

/// What a state means, in the current language, for the hover of its badge and chip (the
/// state itself stays as the service names it); `None` for a state iejobs does not know.
#[must_use]
pub fn state_meaning(state: &JobState) -> Option<&'static str> {
    Some(match state {
        JobState::Creating => tr!("state-creating"),
        JobState::Shipping => tr!("state-shipping"),
        JobState::Received => tr!("state-received"),
        JobState::Transferring => tr!("state-transferring"),
        JobState::Packaging => tr!("state-packaging"),
        JobState::Completed => tr!("state-completed"),
        JobState::Closed => tr!("state-closed"),
        JobState::Other(_) => return None,
    })
}

/// The hover of a state's badge: "Packaging: the copy is over; …", or what an unknown
/// state means to iejobs.
#[must_use]
pub fn state_hover(state: &JobState) -> String {
    match state_meaning(state) {
        Some(meaning) => format!("{}: {meaning}", state.as_str()),
        None => tr!("table-unknown-state").to_owned(),
    }
}

/// The hover of a state's filter chip: what the state means, and what the chip does.
#[must_use]
pub fn state_chip_hover(state: &JobState) -> String {
    let does = tr!("filter-state-hover");
    match state_meaning(state) {
        Some(meaning) => format!("{}: {meaning}\n{does}", state.as_str()),
        None => tr!("state-unknown", state = state.as_str()) + "\n" + does,
    }
}

/// What a screen reader says of a job's row: what a sighted user sees in it, as
/// "genomics-raw-2026, Transferring, cancel pending, 10 %".
#[must_use]
pub fn row_label(entry: &crate::model::JobEntry) -> String {
    use crate::model::{Action, CancelPhase};
    let job = &entry.job;
    let mut label = format!("{}, {}", one_line(&job.name, 200), state_text(&job.state));
    match entry.cancel_phase() {
        Some(CancelPhase::Sending) => label.push_str(tr!("row-cancel-requested")),
        Some(CancelPhase::InProgress) => label.push_str(tr!("row-cancel-pending")),
        Some(CancelPhase::Landed) => label.push_str(tr!("row-cancelled")),
        None if entry
            .pending
            .as_ref()
            .is_some_and(|p| p.action == Action::Delete) =>
        {
            label.push_str(tr!("row-deleting"));
        }
        None => {}
    }
    if entry.failure.is_some() {
        label.push_str(tr!("row-failed"));
    }
    if let Some(value) = job.percent_complete {
        label.push_str(", ");
        label.push_str(&percent(value));
    }
    label
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_name_their_zone() {
        let at: jiff::Timestamp = "2026-11-30T13:05:07Z".parse().unwrap();
        let utc = jiff::tz::TimeZone::UTC;
        assert_eq!(super::time_in(at, &utc), "2026-11-30 13:05:07 UTC");
        // A POSIX rule rather than the system's database, which a bare machine may lack.
        let rome = jiff::tz::TimeZone::posix("CET-1CEST,M3.5.0,M10.5.0/3").unwrap();
        assert_eq!(super::time_in(at, &rome), "2026-11-30 14:05:07 CET");
        let fixed = jiff::tz::TimeZone::fixed(jiff::tz::offset(-3));
        assert_eq!(super::time_in(at, &fixed), "2026-11-30 10:05:07 UTC-03:00");
    }

    #[test]
    fn one_line_cuts_and_flattens_only_what_needs_it() {
        assert!(matches!(
            super::one_line("plain", 10),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(super::one_line("two\nlines\r\t", 50), "two lines  ");
        let long = "x".repeat(10_000);
        let cut = super::one_line(&long, 200);
        assert_eq!(cut.chars().count(), 201);
        assert!(cut.ends_with('…'));
        // Characters, not bytes: a Hebrew name of 5 letters is 10 bytes and is not cut.
        assert_eq!(super::one_line("גיבוי", 5), "גיבוי");
        assert_eq!(
            super::hover_text(&long, 10),
            "xxxxxxxxxx… (10,000 characters)"
        );
    }

    #[test]
    fn out_of_range_values_are_drawn_clamped_and_marked() {
        assert_eq!(super::percent(42), "42 %");
        assert_eq!(super::percent(250), "100 % ⚠");
        assert_eq!(super::percent(-5), "0 % ⚠");
        assert_eq!(super::bytes(-7), "0 B");
        assert_eq!(super::bytes_checked(-7), "0 B ⚠");
        assert_eq!(super::bytes_checked(1500), "1.50 kB");
        assert_eq!(super::odd_value_note(Some(50), Some(1)), None);
        let note = super::odd_value_note(Some(250), Some(-7)).unwrap();
        assert!(note.contains("percentComplete 250") && note.contains("bytesSucceeded -7"));
    }

    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1_200), "1,200");
        assert_eq!(count(100_000), "100,000");
        assert_eq!(count(1_234_567), "1,234,567");
    }

    #[test]
    fn units() {
        assert_eq!(bytes(0), "0 B");
        assert_eq!(bytes(999), "999 B");
        assert_eq!(bytes(1_500), "1.50 kB");
        assert_eq!(bytes(7_228_518_203_258), "7.23 TB");
        assert_eq!(bytes(-5), "0 B", "no drive copies less than nothing");
        assert_eq!(rate(152_400_000.0), "152 MB/s");
        assert_eq!(duration(45), "45 s");
        assert_eq!(duration(3_700), "1 h 1 min");
        assert_eq!(duration(89 * 86_400 + 5), "89 days");
    }
}

/// The carrier's tracking page for a package, for the carriers Azure Import/Export ships
/// with (FedEx, UPS, DHL, USPS, TNT, Blue Dart); `None` for another carrier or no number.
#[must_use]
pub fn tracking_url(carrier: &str, number: &str) -> Option<String> {
    let number = number.trim();
    if number.is_empty()
        || !number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return None;
    }
    let carrier = carrier.to_ascii_lowercase();
    let base = if carrier.contains("fedex") {
        "https://www.fedex.com/fedextrack/?trknbr="
    } else if carrier.contains("ups") && !carrier.contains("usps") {
        "https://www.ups.com/track?tracknum="
    } else if carrier.contains("dhl") {
        "https://www.dhl.com/global-en/home/tracking/tracking-express.html?submit=1&tracking-id="
    } else if carrier.contains("usps") {
        "https://tools.usps.com/go/TrackConfirmAction?tLabels="
    } else if carrier.contains("tnt") {
        "https://www.tnt.com/express/en_us/site/shipping-tools/tracking.html?searchType=con&cons="
    } else if carrier.contains("blue dart") || carrier.contains("bluedart") {
        "https://www.bluedart.com/web/guest/trackdartresult?trackFor=0&trackNo="
    } else {
        return None;
    };
    Some(format!("{base}{number}"))
}

/// A drive's colour in the monitor's chart and tables: from its id, so the same drive has
/// the same colour in every card and every frame, whatever else is drawn.
#[must_use]
pub fn series_color(id: &str) -> Color32 {
    // Distinct hues readable on dark and light backgrounds.
    const PALETTE: [Color32; 10] = [
        Color32::from_rgb(0x1f, 0x77, 0xb4),
        Color32::from_rgb(0xe6, 0x7e, 0x22),
        Color32::from_rgb(0x2c, 0xa0, 0x2c),
        Color32::from_rgb(0xd6, 0x27, 0x28),
        Color32::from_rgb(0x94, 0x67, 0xbd),
        Color32::from_rgb(0x8c, 0x56, 0x4b),
        Color32::from_rgb(0xe3, 0x77, 0xc2),
        Color32::from_rgb(0x17, 0xbe, 0xcf),
        Color32::from_rgb(0xbc, 0xbd, 0x22),
        Color32::from_rgb(0x7f, 0x7f, 0xff),
    ];
    // FNV-1a: stable across runs and platforms (std's hasher is seeded).
    let hash = id.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    let index = usize::try_from(hash % PALETTE.len() as u64).unwrap_or(0);
    PALETTE[index]
}

#[cfg(test)]
mod monitor_format_tests {
    use super::*;

    #[test]
    fn tracking_links_for_known_carriers_only_and_no_odd_numbers() {
        assert_eq!(
            tracking_url("FedEx", "655095542962").as_deref(),
            Some("https://www.fedex.com/fedextrack/?trknbr=655095542962")
        );
        assert!(
            tracking_url("UPS", "1Z999")
                .unwrap()
                .starts_with("https://www.ups.com/")
        );
        assert!(
            tracking_url("USPS", "9400")
                .unwrap()
                .starts_with("https://tools.usps.com/")
        );
        assert_eq!(tracking_url("Contoso Freight", "123"), None);
        assert_eq!(tracking_url("FedEx", ""), None);
        assert_eq!(
            tracking_url("FedEx", "12&x=<script>"),
            None,
            "never a crafted URL"
        );
    }

    #[test]
    fn a_drive_keeps_its_colour_and_drives_differ() {
        assert_eq!(series_color("74S15FWS"), series_color("74S15FWS"));
        let colours: std::collections::BTreeSet<[u8; 4]> =
            ["74S15FWS", "C5DPM5UT", "1KMZYTZA", "ER46SPYT", "XCYHEELA"]
                .iter()
                .map(|id| series_color(id).to_array())
                .collect();
        assert!(colours.len() >= 3, "{colours:?}");
    }
}

#[cfg(test)]
mod contrast_tests {
    use eframe::egui::Visuals;

    use super::*;

    fn states() -> Vec<JobState> {
        vec![
            JobState::Creating,
            JobState::Shipping,
            JobState::Received,
            JobState::Transferring,
            JobState::Packaging,
            JobState::Completed,
            JobState::Closed,
            JobState::Other("Faulted".into()),
        ]
    }

    /// Every colour pair the window draws text with meets WCAG AA (4.5:1) in both themes:
    /// badges' white text, chips and drive states on the background, warnings and errors.
    #[test]
    fn text_colours_meet_wcag_aa_in_both_themes() {
        for state in states() {
            let badge = contrast_ratio(Color32::WHITE, state_color(&state));
            assert!(badge >= 4.5, "{state} badge: {badge:.2}");
        }
        for mut visuals in [Visuals::dark(), Visuals::light()] {
            readable_visuals(&mut visuals);
            let dark = visuals.dark_mode;
            // Striped rows add the faint colour (additive) to the panel's.
            let (p, f) = (visuals.panel_fill, visuals.faint_bg_color);
            let striped = Color32::from_rgb(
                p.r().saturating_add(f.r()),
                p.g().saturating_add(f.g()),
                p.b().saturating_add(f.b()),
            );
            for background in [visuals.panel_fill, visuals.window_fill, striped] {
                for state in states() {
                    let text = contrast_ratio(state_text_color(&state, dark), background);
                    assert!(text >= 4.5, "{state} text, dark {dark}: {text:.2}");
                }
                for (name, colour) in [
                    ("warn", visuals.warn_fg_color),
                    ("error", visuals.error_fg_color),
                ] {
                    let ratio = contrast_ratio(colour, background);
                    assert!(ratio >= 4.5, "{name}, dark {dark}: {ratio:.2}");
                }
            }
            let selected =
                contrast_ratio(visuals.selection.stroke.color, visuals.selection.bg_fill);
            assert!(
                selected >= 4.5,
                "selected row text, dark {dark}: {selected:.2}"
            );
        }
    }
}
