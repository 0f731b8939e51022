//! The observed state timelines, kept in a file so that a restart still shows them.
//!
//! One JSON file in the data folder, written atomically (temporary file, then rename),
//! bounded in size: at most [`MAX_JOBS`] jobs and `MAX_TRANSITIONS` entries each. In the
//! file jobs are named by their ARM resource id; in memory by their [`JobKey`], whose text
//! the store's jobs share.

use std::collections::BTreeMap;
use std::path::Path;

use serde::ser::SerializeMap as _;

use crate::model::{JobKey, MAX_TRANSITIONS, Transition};

/// Jobs whose timelines are kept at most; the ones observed longest ago go first.
pub const MAX_JOBS: usize = 200_000;

/// The timelines, by job.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct History {
    jobs: BTreeMap<JobKey, Vec<Transition>>,
}

/// The file's shape: `{"jobs": {"<resource id>": [transitions]}}`.
impl serde::Serialize for History {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Jobs<'a>(&'a BTreeMap<JobKey, Vec<Transition>>);
        impl serde::Serialize for Jobs<'_> {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut map = serializer.serialize_map(Some(self.0.len()))?;
                for (key, timeline) in self.0 {
                    map.serialize_entry(&key.resource_id(), timeline)?;
                }
                map.end()
            }
        }
        let mut file = serializer.serialize_map(Some(1))?;
        file.serialize_entry("jobs", &Jobs(&self.jobs))?;
        file.end()
    }
}

impl<'de> serde::Deserialize<'de> for History {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(serde::Deserialize)]
        struct File {
            jobs: BTreeMap<String, Vec<Transition>>,
        }
        let file = File::deserialize(deserializer)?;
        // An id that names no job (edited by hand, or from a newer build) is left out.
        let jobs = file
            .jobs
            .into_iter()
            .filter_map(|(id, timeline)| JobKey::from_resource_id(&id).map(|key| (key, timeline)))
            .collect();
        Ok(Self { jobs })
    }
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

    /// The file's content.
    pub fn to_json(&self) -> std::io::Result<Vec<u8>> {
        serde_json::to_vec(self).map_err(std::io::Error::other)
    }

    /// Writes the file atomically.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        crate::config::file::write_atomically(path, &[&self.to_json()?])
    }

    /// Records the state seen at `transition.at`; true when the timeline grew.
    pub fn observe(&mut self, key: &JobKey, transition: &Transition) -> bool {
        let timeline = match self.jobs.get_mut(key) {
            Some(timeline) => timeline,
            None => self.jobs.entry(key.clone()).or_default(),
        };
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
            .map(|(key, t)| (key.clone(), t.clone()))
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
