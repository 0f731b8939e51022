//! How much of the window each panel may take, so that the jobs table keeps room at any
//! window size: the detail panel and the bottom panels (monitor, activity log) give way
//! before the table goes (at 800×500 they once left it nothing).

/// The least width of the jobs table: its name, state and cancel columns.
pub const TABLE_MIN_WIDTH: f32 = 380.0;
/// The least height of the jobs table: its header and five rows.
pub const TABLE_MIN_HEIGHT: f32 = 24.0 + 5.0 * 25.0;
/// The toolbar, the filter row and the status bar, as drawn at a narrow width (wrapped).
const CHROME_HEIGHT: f32 = 130.0;

/// The sizes panels may take in a window of this size.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PanelLimits {
    /// The detail panel's widest and narrowest.
    pub detail: (f32, f32),
    /// The monitor's highest and lowest.
    pub monitor: (f32, f32),
    /// The activity log's highest and lowest.
    pub activity: (f32, f32),
}

/// The limits for a window `width` × `height` points.
#[must_use]
pub fn limits(width: f32, height: f32) -> PanelLimits {
    let detail_max = (width - TABLE_MIN_WIDTH).clamp(160.0, 620.0);
    let detail_min = detail_max.min(320.0);
    // What the bottom panels share once the table has its least height; the monitor (the
    // heart of the window) takes two thirds.
    let below = (height - CHROME_HEIGHT - TABLE_MIN_HEIGHT).max(90.0);
    let monitor_max = (below * 2.0 / 3.0).max(60.0);
    let activity_max = (below / 3.0).max(30.0);
    PanelLimits {
        detail: (detail_max, detail_min),
        monitor: (monitor_max, monitor_max.min(120.0)),
        activity: (activity_max, activity_max.min(60.0)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// At every size from 800×500 up, the panels' largest sizes leave the table its least.
    #[test]
    fn the_table_keeps_its_room_from_800_by_500_up() {
        for (width, height) in [
            (800.0, 500.0),
            (1024.0, 600.0),
            (1280.0, 720.0),
            (1920.0, 1080.0),
        ] {
            let l = limits(width, height);
            assert!(
                width - l.detail.0 >= TABLE_MIN_WIDTH,
                "{width}×{height}: {l:?}"
            );
            let table = height - CHROME_HEIGHT - l.monitor.0 - l.activity.0;
            assert!(
                table >= TABLE_MIN_HEIGHT - 0.01,
                "{width}×{height}: {table}"
            );
            assert!(l.detail.1 <= l.detail.0 && l.monitor.1 <= l.monitor.0);
            assert!(l.activity.1 <= l.activity.0);
        }
        let wide = limits(1920.0, 1080.0);
        assert!(
            (wide.detail.0 - 620.0).abs() < 0.01,
            "a wide window keeps the old limits"
        );
        assert!(wide.monitor.0 > 400.0);
    }
}
