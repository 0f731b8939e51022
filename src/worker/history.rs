//! The observed state timelines, kept in a file so that a restart still shows them.
//!
//! One JSON file in the data folder, written atomically (temporary file, then rename),
//! bounded in size: at most [`MAX_JOBS`] jobs and `MAX_TRANSITIONS` entries each.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::{JobKey, MAX_TRANSITIONS, Transition};

/// Jobs whose timelines are kept at most; the ones observed longest ago go first.
pub const MAX_JOBS: usize = 200_000;

/// The timelines, by ARM resource id.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct History {
    jobs: BTreeMap<String, Vec<Transition>>,
}

impl History {
    /// Reads the file; a missing or unreadable file gives an empty history (and a log line).
    #[must_use]
    pub fn load(path: &Path) -> Self {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                tracing::warn!(path = %path.display(), error = %e, "history file unreadable; starting a new one");
                Self::default()
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Self::default(),
            Err(e) => {
                tracing::warn!(path = %path.display(), error = %e, "cannot read the history file");
                Self::default()
            }
        }
    }

    /// Writes the file atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp: PathBuf = path.with_extension("json.tmp");
        std::fs::write(
            &tmp,
            serde_json::to_vec(self).map_err(std::io::Error::other)?,
        )?;
        std::fs::rename(&tmp, path)
    }

    /// Records the state seen at `transition.at`; true when the timeline grew.
    pub fn observe(&mut self, key: &JobKey, transition: &Transition) -> bool {
        let timeline = self.jobs.entry(key.resource_id()).or_default();
        if timeline
            .last()
            .is_some_and(|last| last.state == transition.state)
        {
            return false;
        }
        timeline.push(transition.clone());
        if timeline.len() > MAX_TRANSITIONS {
            timeline.remove(0);
        }
        if self.jobs.len() > MAX_JOBS {
            self.evict_oldest();
        }
        true
    }

    fn evict_oldest(&mut self) {
        let oldest = self
            .jobs
            .iter()
            .min_by_key(|(_, t)| t.last().map(|l| l.at))
            .map(|(k, _)| k.clone());
        if let Some(oldest) = oldest {
            self.jobs.remove(&oldest);
        }
    }

    /// Every timeline with its job key.
    #[must_use]
    pub fn timelines(&self) -> Vec<(JobKey, Vec<Transition>)> {
        self.jobs
            .iter()
            .filter_map(|(id, t)| JobKey::from_resource_id(id).map(|k| (k, t.clone())))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::JobState;

    #[test]
    fn observes_changes_only_and_round_trips() {
        let key = JobKey::new("s", "r", "j");
        let mut history = History::default();
        let at = |s: i64| jiff::Timestamp::from_second(s).unwrap();
        assert!(history.observe(
            &key,
            &Transition {
                at: at(1),
                state: JobState::Transferring
            }
        ));
        assert!(!history.observe(
            &key,
            &Transition {
                at: at(2),
                state: JobState::Transferring
            }
        ));
        assert!(history.observe(
            &key,
            &Transition {
                at: at(3),
                state: JobState::Packaging
            }
        ));
        let dir = std::env::temp_dir().join(format!("iejobs-history-{}", std::process::id()));
        let path = dir.join("history.json");
        history.save(&path).unwrap();
        let loaded = History::load(&path);
        assert_eq!(loaded, history);
        assert_eq!(loaded.timelines()[0].1.len(), 2);
        std::fs::write(&path, b"{ not json").unwrap();
        assert_eq!(History::load(&path), History::default());
        std::fs::remove_dir_all(dir).ok();
    }
}
