//! The window's log file: the same lines as stderr, without colours, in a folder of the
//! data folder (`~/.local/share/iejobs/logs/` on Linux), one file a day
//! (`iejobs.YYYY-MM-DD.log`, UTC dates), the last [`KEPT_FILES`] kept. Only the window
//! writes it: a desktop launcher shows no stderr, while `iejobs jobs …` and `iejobs audit`
//! run in a terminal or a script that already holds their stderr.
//!
//! Secrets never reach it, as they never reach a log line (`tests/secrets.rs` reads this
//! file too).

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{RollingFileAppender, Rotation};

/// How many daily files are kept: the oldest beyond this are removed when a new day starts.
pub const KEPT_FILES: usize = 7;

/// What reaches the file when `RUST_LOG` is not set: warnings from every crate, and
/// iejobs's own informational lines (start-up time, retries, recoveries), which are rare.
pub const DEFAULT_FILTER: &str = "warn,iejobs=info";

/// The name every log file starts with; only files named so are rotated away.
const PREFIX: &str = "iejobs";

/// The extension of the log files.
const SUFFIX: &str = "log";

/// Why the log file cannot be written; the window goes on, logging to stderr only.
#[derive(Debug, thiserror::Error)]
pub enum LogFileError {
    /// The platform has no data folder (no home folder).
    #[error("no log file: this platform has no data folder")]
    NoFolder,
    /// The folder could not be created, e.g. a file stands where it should be.
    #[error("no log file: cannot create the folder {}: {source}", dir.display())]
    CreateFolder {
        /// The folder.
        dir: PathBuf,
        /// What the file system said.
        #[source]
        source: std::io::Error,
    },
    /// The folder is there but the file could not be opened in it.
    #[error("no log file: cannot open a log file in {}: {source}", dir.display())]
    Open {
        /// The folder.
        dir: PathBuf,
        /// What the appender said.
        #[source]
        source: tracing_appender::rolling::InitError,
    },
}

/// The log folder: `logs` in the data folder that also holds the history and the audit
/// trail; `None` when the platform has no data folder.
#[must_use]
pub fn default_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "iejobs").map(|d| d.data_dir().join("logs"))
}

/// A daily-rotated file appender writing in `dir`, which is created if missing. A folder
/// that cannot be created or written is an error, never a panic.
pub fn appender(dir: &Path) -> Result<RollingFileAppender, LogFileError> {
    // Created here rather than by the appender, so that the error names the folder.
    std::fs::create_dir_all(dir).map_err(|source| LogFileError::CreateFolder {
        dir: dir.to_owned(),
        source,
    })?;
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .max_log_files(KEPT_FILES)
        .filename_prefix(PREFIX)
        .filename_suffix(SUFFIX)
        .build(dir)
        .map_err(|source| LogFileError::Open {
            dir: dir.to_owned(),
            source,
        })
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("iejobs-log-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn the_appender_creates_its_folder_and_writes_a_dated_file() {
        let root = scratch("ok");
        let dir = root.join("data").join("logs");
        let mut appender = appender(&dir).unwrap();
        appender.write_all(b"a line\n").unwrap();
        appender.flush().unwrap();
        let names: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let today = jiff::Timestamp::now().strftime("%Y-%m-%d").to_string();
        assert_eq!(names, [format!("iejobs.{today}.log")]);
        let text = std::fs::read_to_string(dir.join(&names[0])).unwrap();
        assert_eq!(text, "a line\n");
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn a_folder_that_cannot_be_created_is_a_clear_error() {
        let root = scratch("blocked");
        // A regular file where the data folder should be.
        std::fs::write(root.join("data"), "not a folder").unwrap();
        let dir = root.join("data").join("logs");
        let error = appender(&dir).unwrap_err();
        assert!(
            matches!(&error, LogFileError::CreateFolder { dir: d, .. } if *d == dir),
            "{error:?}"
        );
        let message = error.to_string();
        assert!(
            message.starts_with(&format!(
                "no log file: cannot create the folder {}: ",
                dir.display()
            )),
            "{message}"
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
