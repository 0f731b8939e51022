//! How quantities are written: bytes in decimal units. In the model so that the window, the
//! activity log and notifications write them alike.

/// Bytes in decimal units, as drive makers count: "7.23 TB" ("7,23 TB" in Spanish and
/// Italian).
#[must_use]
pub fn bytes(n: i64) -> String {
    const UNITS: [&str; 6] = ["B", "kB", "MB", "GB", "TB", "PB"];
    #[expect(
        clippy::cast_precision_loss,
        reason = "shown with three significant digits"
    )]
    let mut value = n.max(0) as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    let places = if unit == 0 || value >= 100.0 {
        0
    } else if value >= 10.0 {
        1
    } else {
        2
    };
    if unit == 0 {
        format!("{} B", n.max(0))
    } else {
        format!("{} {}", crate::i18n::decimal(value, places), UNITS[unit])
    }
}
