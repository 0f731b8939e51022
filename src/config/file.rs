//! The config file: where it lives, reading it with messages that never echo a secret, and
//! writing it atomically (a reader sees the old file or the new one, never half of one).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{ConfigError, Layer};

/// The variable that names another config file.
pub const CONFIG_ENV: &str = "IEJOBS_CONFIG";

/// Keys that would hold a secret. Refused, so that a secret never sits in the file, and
/// named without their value in the message.
const SECRET_KEYS: [&str; 8] = [
    "client-secret",
    "client_secret",
    "secret",
    "token",
    "access-token",
    "access_token",
    "password",
    "certificate-password",
];

/// The default config file: `config.toml` in the platform's config folder
/// (`~/.config/iejobs/config.toml` on Linux).
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "iejobs").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the file at `path`. A missing file is an empty layer unless `must_exist` (the user
/// named it explicitly).
pub fn load(path: &Path, must_exist: bool) -> Result<Layer, ConfigError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !must_exist => {
            return Ok(Layer::default());
        }
        Err(e) => {
            return Err(ConfigError(vec![format!(
                "cannot read the config file {}: {e}",
                path.display()
            )]));
        }
    };
    parse(&text).map_err(|problems| {
        ConfigError(
            problems
                .into_iter()
                .map(|p| format!("{}: {p}", path.display()))
                .collect(),
        )
    })
}

/// Parses a config file's text. Messages give line and column but never the text of the
/// line, which might hold something that should not be printed.
pub fn parse(text: &str) -> Result<Layer, Vec<String>> {
    let position = |span: Option<std::ops::Range<usize>>| {
        span.map(|s| {
            let before = &text[..s.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("line {line}, column {column}: ")
        })
        .unwrap_or_default()
    };
    let table: toml::Table = toml::from_str(text)
        .map_err(|e| vec![format!("{}{}", position(e.span()), first_line(e.message()))])?;
    let secrets: Vec<String> = table
        .keys()
        .filter(|k| SECRET_KEYS.contains(&k.to_ascii_lowercase().as_str()))
        .map(|k| {
            format!(
                "the key {k:?} would hold a secret and is not accepted (its value is not shown); \
                 put client secrets in AZURE_CLIENT_SECRET and tokens in IEJOBS_ACCESS_TOKEN"
            )
        })
        .collect();
    if !secrets.is_empty() {
        return Err(secrets);
    }
    toml::from_str::<Layer>(text)
        .map_err(|e| vec![format!("{}{}", position(e.span()), first_line(e.message()))])
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}

/// What the file starts with.
const HEADER: &str = "\
# iejobs settings. Precedence: command-line flag > IEJOBS_* environment variable > this file.
# Keys: cloud (public | usgov | china), endpoint, auth (auto | azure-cli | service-principal |
# managed-identity | workload-identity | token), tenant-id, client-id, subscriptions,
# poll-secs, fast-poll-secs, api-version. Secrets never go here: use AZURE_CLIENT_SECRET or
# IEJOBS_ACCESS_TOKEN. Written by iejobs; comments are not kept.
";

/// Writes `layer` to `path` atomically (see [`write_atomically`]).
pub fn save(path: &Path, layer: &Layer) -> Result<(), String> {
    let body = toml::to_string(layer).map_err(|e| format!("cannot write the settings: {e}"))?;
    write_atomically(path, &[HEADER.as_bytes(), body.as_bytes()])
        .map_err(|e| format!("cannot save the settings to {}: {e}", path.display()))
}

/// Writes `parts` to `path` atomically: a temporary file in the same folder, flushed to
/// disk, then renamed over the old one, so a crash leaves the old file or the new one, never
/// half of one. Creates the folder if needed; the temporary file does not outlive a failure.
pub fn write_atomically(path: &Path, parts: &[&[u8]]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut file = std::fs::File::create(&temporary)?;
        for part in parts {
            file.write_all(part)?;
        }
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    };
    write().inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use super::super::{AuthMethod, Cloud};
    use super::*;

    #[test]
    fn a_full_file_reads_back_what_was_saved() {
        let dir = std::env::temp_dir().join(format!("iejobs-config-{}", std::process::id()));
        let path = dir.join("nested").join("config.toml");
        let layer = Layer {
            cloud: Some(Cloud::China),
            auth: Some(AuthMethod::ServicePrincipal),
            subscriptions: Some(vec!["11111111-2222-3333-4444-555555555555".into()]),
            poll_secs: Some(45),
            ..Layer::default()
        };
        save(&path, &layer).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains("cloud = \"china\""), "{text}");
        assert!(text.contains("auth = \"service-principal\""), "{text}");
        assert_eq!(load(&path, true).unwrap(), layer);
        // No temporary file left behind.
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("config.toml")]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_file_is_empty_unless_named() {
        let path = Path::new("/nonexistent/iejobs/config.toml");
        assert_eq!(load(path, false).unwrap(), Layer::default());
        let err = load(path, true).unwrap_err().to_string();
        assert!(err.contains("cannot read the config file /nonexistent/iejobs/config.toml"));
    }

    #[test]
    fn messages_name_the_place_and_never_print_a_secret() {
        let err = parse("poll-secs = 10\nclient-secret = \"s3cr3t-value\"\n").unwrap_err();
        assert_eq!(err.len(), 1);
        assert!(
            err[0].contains("\"client-secret\" would hold a secret"),
            "{err:?}"
        );
        assert!(!err[0].contains("s3cr3t"), "{err:?}");
        // A syntax error on a line holding a secret-like value: position only.
        let err = parse("poll-secs = 10\ntoken = s3cr3t-value\n").unwrap_err();
        assert!(err[0].starts_with("line 2, column"), "{err:?}");
        assert!(!err[0].contains("s3cr3t"), "{err:?}");
        let err = parse("cloud = \"moon\"\n").unwrap_err();
        assert!(err[0].contains("line 1"), "{err:?}");
        assert!(err[0].contains("unknown variant `moon`"), "{err:?}");
        let err = parse("pol-secs = 10\n").unwrap_err();
        assert!(err[0].contains("unknown field `pol-secs`"), "{err:?}");
        let err = parse("poll-secs = \"ten\"\n").unwrap_err();
        assert!(err[0].contains("invalid type"), "{err:?}");
    }
}
