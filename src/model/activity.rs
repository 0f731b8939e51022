//! The activity log: what happened, one line each, newest last, bounded.

use std::collections::VecDeque;

use jiff::Timestamp;

use super::job::JobKey;

/// Entries kept in the activity log.
pub const MAX_ACTIVITY: usize = 500;

/// One line of the activity log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Activity {
    /// When it happened.
    pub at: Timestamp,
    /// Which job, if about one.
    pub key: Option<JobKey>,
    /// What happened.
    pub text: String,
    /// Whether it is an error.
    pub is_error: bool,
}

/// The last [`MAX_ACTIVITY`] lines, oldest first.
#[derive(Debug, Default)]
pub struct ActivityLog {
    lines: VecDeque<Activity>,
}

impl ActivityLog {
    /// Adds a line; the oldest goes when the log is full.
    pub fn push(&mut self, at: Timestamp, key: Option<JobKey>, text: String, is_error: bool) {
        self.push_line(Activity {
            at,
            key,
            text,
            is_error,
        });
    }

    /// Adds a line made elsewhere (the audit trail of earlier runs).
    pub fn push_line(&mut self, line: Activity) {
        if self.lines.len() == MAX_ACTIVITY {
            self.lines.pop_front();
        }
        self.lines.push_back(line);
    }

    /// The lines, oldest first.
    #[must_use = "an iterator does nothing unless consumed"]
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Activity> + ExactSizeIterator {
        self.lines.iter()
    }

    /// How many lines there are.
    #[must_use]
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when nothing was logged.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_keeps_its_last_lines() {
        let mut log = ActivityLog::default();
        for i in 0..MAX_ACTIVITY + 3 {
            log.push(Timestamp::UNIX_EPOCH, None, format!("line {i}"), false);
        }
        assert_eq!(log.len(), MAX_ACTIVITY);
        assert_eq!(log.iter().next().map(|a| a.text.as_str()), Some("line 3"));
        assert_eq!(
            log.iter().next_back().map(|a| a.text.as_str()),
            Some(format!("line {}", MAX_ACTIVITY + 2).as_str())
        );
    }
}
