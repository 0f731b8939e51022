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

/// The history file, as read at start.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The timelines read; empty when there was no file or it could not be read.
    pub history: History,
    /// Why the file could not be read and what became of it, in words for the window. When
    /// set, either the file was moved aside (and a new one may be written) or
    /// [`Loaded::writable`] is false.
    pub problem: Option<String>,
    /// Whether the history may be saved to the path: false when a file is there that could
    /// not be read nor moved aside (overwriting it would lose what it holds).
    pub writable: bool,
}

impl History {
    /// Reads the file at `path`. A missing file is an empty history. A file that cannot be
    /// read or parsed is never overwritten: it is renamed to `<name>.corrupt-<UTC time>`
    /// beside itself, and if even that fails, the history is not saved at all this run.
    #[must_use]
    pub fn load(path: &Path) -> Loaded {
        // Why, as the message id that says it and the error itself (logged as it is).
        let (why, cause) = match std::fs::read(path) {
            Ok(bytes) => match serde_json::from_slice::<History>(&bytes) {
                Ok(history) => {
                    return Loaded {
                        history,
                        problem: None,
                        writable: true,
                    };
                }
                Err(e) => ("worker-history-not-history", e.to_string()),
            },
            // No file (a file where its folder should be is no history either: saving says
            // so, and tries again).
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                ) =>
            {
                return Loaded {
                    writable: true,
                    ..Loaded::default()
                };
            }
            Err(e) => ("worker-history-unreadable", e.to_string()),
        };
        let mut args = crate::i18n::FluentArgs::new();
        args.set("error", cause.clone());
        let error = crate::i18n::format(why, &args);
        let aside = aside_path(path, jiff::Timestamp::now());
        let (problem, writable) = match std::fs::rename(path, &aside) {
            Ok(()) => (
                crate::tr!(
                    "worker-history-not-loaded-kept",
                    path = path.display().to_string(),
                    error = &error,
                    aside = aside.display().to_string()
                ),
                true,
            ),
            Err(e) => (
                crate::tr!(
                    "worker-history-not-loaded-left",
                    path = path.display().to_string(),
                    error = &error,
                    reason = e.to_string()
                ),
                false,
            ),
        };
        tracing::warn!(
            path = %path.display(),
            error = %cause,
            moved_aside = writable,
            "history file not loaded"
        );
        Loaded {
            history: History::default(),
            problem: Some(problem),
            writable,
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

/// Where an unreadable file is kept: `<name>.corrupt-<UTC time>` in the same folder (a
/// number is added when that name is taken, so nothing is ever replaced).
fn aside_path(path: &Path, at: jiff::Timestamp) -> std::path::PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "history".into(), |n| n.to_string_lossy().into_owned());
    let stamp = at.strftime("%Y%m%dT%H%M%SZ");
    let mut aside = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = path.with_file_name(format!("{name}.corrupt-{stamp}-{n}"));
    }
    aside
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
        assert!(loaded.problem.is_none() && loaded.writable);
        assert_eq!(loaded.history, history);
        assert_eq!(loaded.history.timelines()[0].1.len(), 2);
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_file_that_cannot_be_read_is_kept_aside_never_replaced() {
        let dir = std::env::temp_dir().join(format!("iejobs-history-bad-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("history.json");
        let truncated = br#"{"jobs":{"/subscriptions/s/resourceGroups/r/providers/Microsoft.ImportExport/jobs/j":[{"at":"2026-"#;
        std::fs::write(&path, truncated).unwrap();
        let loaded = History::load(&path);
        assert_eq!(loaded.history, History::default());
        assert!(loaded.writable);
        let problem = loaded.problem.expect("the window is told");
        assert!(
            problem.contains("was not loaded") && problem.contains(".corrupt-"),
            "{problem}"
        );
        assert!(!path.exists(), "moved aside, so a save cannot replace it");
        let kept: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().contains("history.json.corrupt-"))
            .collect();
        assert_eq!(kept.len(), 1);
        assert_eq!(
            std::fs::read(&kept[0]).unwrap(),
            truncated,
            "kept byte for byte"
        );
        // A second bad file in the same second gets a name of its own.
        std::fs::write(&path, b"{ not json").unwrap();
        assert!(History::load(&path).problem.is_some());
        let kept = std::fs::read_dir(&dir).unwrap().count();
        assert_eq!(kept, 2, "both bad files kept");
        std::fs::remove_dir_all(dir).ok();
    }

    #[test]
    fn a_file_that_cannot_be_moved_aside_is_left_alone_and_not_written() {
        // A name so long that the `.corrupt-…` one is over the file system's limit: the
        // rename fails even for root.
        let dir = std::env::temp_dir().join(format!("iejobs-history-ro-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{}.json", "h".repeat(240)));
        std::fs::write(&path, b"{ not json").unwrap();
        let loaded = History::load(&path);
        assert!(!loaded.writable, "{:?}", loaded.problem);
        let problem = loaded.problem.unwrap();
        assert!(problem.contains("not saved"), "{problem}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            b"{ not json",
            "left as it was"
        );
        std::fs::remove_dir_all(dir).ok();
    }
}
