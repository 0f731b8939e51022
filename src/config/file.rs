//! The config file: where it lives, reading it with messages that never echo a secret,
//! editing it key by key (the user's comments and layout stay), and writing it atomically
//! (a reader sees the old file or the new one, never half of one).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use super::{ConfigError, ENV_KEYS, Layer, cut, shown};

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
        Err(e) if e.kind() == std::io::ErrorKind::NotADirectory => {
            // A folder on the way is a file (`XDG_CONFIG_HOME` or `IEJOBS_CONFIG` pointing
            // under one): say which, rather than the system's "Not a directory".
            let file = path
                .ancestors()
                .skip(1)
                .find(|p| p.is_file())
                .unwrap_or_else(|| path.parent().unwrap_or(path));
            let mut args = crate::i18n::FluentArgs::new();
            args.set("path", path.display().to_string());
            args.set("file", file.display().to_string());
            if must_exist {
                return Err(ConfigError(vec![crate::i18n::format(
                    "config-file-not-folder",
                    &args,
                )]));
            }
            // The log line stays in English, as every log line does.
            let why =
                crate::i18n::format_in(crate::i18n::Lang::En, "config-file-not-folder", &args);
            tracing::warn!("{why}; no config file is read");
            return Ok(Layer::default());
        }
        Err(e) => {
            return Err(ConfigError(vec![crate::tr!(
                "config-file-unreadable",
                path = path.display().to_string(),
                error = e.to_string()
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

/// Parses a config file's text and reports every problem at once, one message per key,
/// sorted by place. Messages give line and column but never the text of the line, nor the
/// value of a key that looks like a secret; a value that is shown is cut after
/// [`SHOWN_CHARS`](super::SHOWN_CHARS) characters.
pub fn parse(text: &str) -> Result<Layer, Vec<String>> {
    let syntax =
        |e: &dyn SyntaxError| vec![format!("{}{}", position(text, e.span()), e.first_line())];
    // `toml_edit` for the places of keys, `toml` for the values serde reads; both follow
    // the same grammar, so one fails when the other does.
    let document = toml_edit::Document::parse(text).map_err(|e| syntax(&e))?;
    let table: toml::Table = toml::from_str(text).map_err(|e| syntax(&e))?;
    let mut problems: Vec<(usize, String)> = Vec::new();
    for (key, value) in &table {
        let span = document.key(key).and_then(toml_edit::Key::span);
        let at = position(text, span.clone());
        let place = span.map_or(usize::MAX, |s| s.start);
        if SECRET_KEYS.contains(&key.to_ascii_lowercase().as_str()) {
            problems.push((
                place,
                format!(
                    "{at}{}",
                    crate::tr!("config-file-secret-key", key = shown(key))
                ),
            ));
        } else if let Some(expected) = expectation(key) {
            let single = toml::Table::from_iter([(key.clone(), value.clone())]);
            if toml::Value::Table(single).try_into::<Layer>().is_err() {
                problems.push((
                    place,
                    format!(
                        "{at}{}",
                        crate::tr!(
                            "config-file-expected",
                            key = key,
                            value = describe(value),
                            expected = crate::i18n::text(expected)
                        )
                    ),
                ));
            }
        } else {
            problems.push((place, format!("{at}{}", unknown_key(key))));
        }
    }
    if !problems.is_empty() {
        problems.sort_by_key(|(place, _)| *place);
        return Err(problems.into_iter().map(|(_, p)| p).collect());
    }
    // Every key was read alone; reading them together cannot fail, but if it did the
    // message would still be shown rather than lost.
    toml::Value::Table(table)
        .try_into::<Layer>()
        .map_err(|e| vec![cut(first_line(e.message()))])
}

/// A parse error of either TOML library: where, and what.
trait SyntaxError {
    fn span(&self) -> Option<std::ops::Range<usize>>;
    fn first_line(&self) -> String;
}

impl SyntaxError for toml_edit::TomlError {
    fn span(&self) -> Option<std::ops::Range<usize>> {
        self.span()
    }
    fn first_line(&self) -> String {
        cut(first_line(self.message()))
    }
}

impl SyntaxError for toml::de::Error {
    fn span(&self) -> Option<std::ops::Range<usize>> {
        self.span()
    }
    fn first_line(&self) -> String {
        cut(first_line(self.message()))
    }
}

/// "line L, column C: " for a byte span of `text`, or nothing without a span.
fn position(text: &str, span: Option<std::ops::Range<usize>>) -> String {
    span.map(|s| {
        let mut start = s.start.min(text.len());
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let before = &text[..start];
        let line = before.matches('\n').count() + 1;
        let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
            .chars()
            .count()
            + 1;
        // Given as text, not numbers: a line number is not grouped ("1234", not "1,234").
        let at = crate::tr!(
            "config-file-at",
            line = line.to_string(),
            column = column.to_string()
        );
        format!("{at}: ")
    })
    .unwrap_or_default()
}

/// What a known key takes, for messages: the id of its wording in the bundles; `None` for
/// a key the file does not know.
fn expectation(key: &str) -> Option<&'static str> {
    Some(match key {
        "cloud" => "config-expect-cloud",
        "endpoint" => "config-expect-endpoint",
        "auth" => "config-expect-auth",
        "tenant-id" | "client-id" => "config-expect-id",
        "subscriptions" => "config-expect-subscriptions",
        "poll-secs" | "fast-poll-secs" => "config-expect-seconds",
        "read-budget" => "config-expect-reads",
        "api-version" => "config-expect-date",
        "notifications" => "config-expect-switch",
        "language" => "config-expect-language",
        _ => return None,
    })
}

/// The message for a key the file does not know, with the likely one when it is only
/// spelt differently (`poll_secs`, `Poll-Secs`).
fn unknown_key(key: &str) -> String {
    let likely = key.replace('_', "-").to_ascii_lowercase();
    if likely != key && expectation(&likely).is_some() {
        crate::tr!(
            "config-file-did-you-mean",
            key = shown(key),
            likely = format!("{likely:?}")
        )
    } else {
        let keys: Vec<&str> = ENV_KEYS.iter().map(|(k, _)| *k).collect();
        crate::tr!(
            "config-file-unknown-key",
            key = shown(key),
            keys = keys.join(", ")
        )
    }
}

/// A value as a message shows it: strings quoted, everything cut.
fn describe(value: &toml::Value) -> String {
    match value {
        toml::Value::String(s) => shown(s),
        other => cut(&other.to_string()),
    }
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim()
}

/// What a new file starts with: comment lines in the language in force (Fluent drops a
/// message's last line break, so it is added here).
fn header() -> String {
    format!("{}\n", crate::tr!("config-file-header"))
}

/// One key the user changed in the Settings window.
#[derive(Clone, Debug)]
pub enum Edit {
    /// Sets the key (its file name, such as `"poll-secs"`) to a value, where it stands if the
    /// file has it, else at the end of the keys.
    Set(&'static str, toml_edit::Value),
    /// Removes the key, so that its default (or the environment's value) applies; comments
    /// above it stay.
    Remove(&'static str),
}

/// Edits compare by key and by the value as the file would hold it (a value's own
/// formatting, such as the spaces kept around it, aside).
impl PartialEq for Edit {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Edit::Set(a, x), Edit::Set(b, y)) => {
                a == b && x.to_string().trim() == y.to_string().trim()
            }
            (Edit::Remove(a), Edit::Remove(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for Edit {}

/// Applies `edits` to the config file at `path` and changes nothing else: every other key,
/// comment, blank line and the order stay as they were. A missing file starts from a short
/// header comment. The result must still be a valid config ([`parse`]), and is written
/// atomically ([`write_atomically`]); a file that cannot be read or parsed is never
/// overwritten, and nothing is written when nothing changes.
pub fn update(path: &Path, edits: &[Edit]) -> Result<(), String> {
    if edits.is_empty() {
        // Nothing changed: no file is created, none is touched.
        return Ok(());
    }
    let (text, exists) = match std::fs::read_to_string(path) {
        Ok(text) => (text, true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (header(), false),
        Err(e) => {
            return Err(crate::tr!(
                "config-file-unreadable-unchanged",
                path = path.display().to_string(),
                error = e.to_string()
            ));
        }
    };
    let mut document: toml_edit::DocumentMut =
        text.parse().map_err(|e: toml_edit::TomlError| {
            crate::tr!(
                "config-file-not-toml",
                path = path.display().to_string(),
                at = position(&text, e.span()),
                error = cut(first_line(e.message()))
            )
        })?;
    for edit in edits {
        apply(&mut document, edit);
    }
    let edited = document.to_string();
    if let Err(problems) = parse(&edited) {
        return Err(crate::tr!(
            "config-file-not-saved",
            path = path.display().to_string(),
            problems = problems.join("; ")
        ));
    }
    if exists && edited == text {
        return Ok(());
    }
    write_atomically(path, &[edited.as_bytes()]).map_err(|e| {
        crate::tr!(
            "config-file-cannot-save",
            path = path.display().to_string(),
            error = e.to_string()
        )
    })
}

/// Applies one edit to the document, keeping the decoration (spacing, comments) around it.
fn apply(document: &mut toml_edit::DocumentMut, edit: &Edit) {
    match edit {
        Edit::Set(key, value) => {
            if let Some(toml_edit::Item::Value(old)) = document.get_mut(key) {
                // The spaces around the value and a comment after it stay.
                let decor = old.decor().clone();
                *old = value.clone();
                *old.decor_mut() = decor;
                return;
            }
            let mut value = value.clone();
            value.decor_mut().clear();
            // A file of comments only keeps them in the document's trailing text, which is
            // written after the keys: move them before the first key so the header stays on top.
            let header = document
                .is_empty()
                .then(|| raw_text(Some(document.trailing())));
            document.insert(key, toml_edit::Item::Value(value));
            if let Some(header) = header.filter(|h| !h.is_empty()) {
                document.set_trailing("");
                if let Some(mut new_key) = document.key_mut(key) {
                    new_key.leaf_decor_mut().set_prefix(header);
                }
            }
        }
        Edit::Remove(key) => {
            let index = document.iter().position(|(name, _)| name == *key);
            let comments = document
                .key(key)
                .map(|k| raw_text(k.leaf_decor().prefix()))
                .filter(|prefix| prefix.contains('#'));
            document.remove(key);
            // The comments above a removed key (the header, a note about the next keys) are
            // the user's: they move to whatever follows.
            let (Some(index), Some(comments)) = (index, comments) else {
                return;
            };
            let next = document.iter().nth(index).map(|(name, _)| name.to_owned());
            if let Some(mut next) = next.as_deref().and_then(|name| document.key_mut(name)) {
                let old = raw_text(next.leaf_decor().prefix());
                next.leaf_decor_mut().set_prefix(comments + &old);
            } else {
                let old = raw_text(Some(document.trailing()));
                document.set_trailing(comments + &old);
            }
        }
    }
}

/// The text of a piece of decoration (empty when it has none).
fn raw_text(raw: Option<&toml_edit::RawString>) -> String {
    raw.and_then(toml_edit::RawString::as_str)
        .unwrap_or_default()
        .to_owned()
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
        let edits = [
            Edit::Set("cloud", "china".into()),
            Edit::Set("auth", "service-principal".into()),
            Edit::Set(
                "subscriptions",
                ["11111111-2222-3333-4444-555555555555"]
                    .into_iter()
                    .collect::<toml_edit::Array>()
                    .into(),
            ),
            Edit::Set("poll-secs", 45.into()),
        ];
        update(&path, &edits).unwrap();
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
        assert_eq!(
            err,
            ["line 1, column 1: cloud = \"moon\": expected public, usgov or china"]
        );
        let err = parse("pol-secs = 10\n").unwrap_err();
        assert!(
            err[0].contains("unknown key \"pol-secs\"; the keys are cloud,"),
            "{err:?}"
        );
        let err = parse("poll-secs = \"ten\"\n").unwrap_err();
        assert!(
            err[0].ends_with("expected a whole number of seconds"),
            "{err:?}"
        );
    }

    #[test]
    fn every_problem_of_a_file_is_reported_at_once_in_order() {
        let text = "\
# mine
api-version = 2020
poll_secs = 5
cloud = \"moon\"
  password = \"s3cr3t\"
subscriptions = [\"a\", 1]
read-budget = -1
fast-poll-secs = 3
[poll-secs]
x = 1
";
        let err = parse(text).unwrap_err();
        assert_eq!(
            err,
            [
                "line 2, column 1: api-version = 2020: expected a date in quotes, such as \"2020-08-01\"",
                "line 3, column 1: unknown key \"poll_secs\"; did you mean \"poll-secs\"?",
                "line 4, column 1: cloud = \"moon\": expected public, usgov or china",
                "line 5, column 3: the key \"password\" would hold a secret and is not accepted \
                 (its value is not shown); put client secrets in AZURE_CLIENT_SECRET and tokens \
                 in IEJOBS_ACCESS_TOKEN",
                "line 6, column 1: subscriptions = [\"a\", 1]: expected a list of subscription ids \
                 in quotes, such as [\"00000000-0000-0000-0000-000000000000\"]",
                "line 7, column 1: read-budget = -1: expected a whole number of reads an hour \
                 (0: no limit)",
                "line 9, column 2: poll-secs = { x = 1 }: expected a whole number of seconds",
            ],
        );
    }

    #[test]
    fn a_huge_value_is_cut_in_messages() {
        let long = "é".repeat(1_000_000);
        let err = parse(&format!("cloud = \"{long}\"\nendpoint = 1\n")).unwrap_err();
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(err[0].len() < 600, "{} bytes", err[0].len());
        assert!(
            err[0].contains("… (1000000 characters): expected"),
            "{}",
            err[0]
        );
        assert!(
            err[1].starts_with("line 2, column 1: endpoint = 1"),
            "{}",
            err[1]
        );
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("iejobs-update-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    const HAND_WRITTEN: &str = "\
# Production: do not change without telling Ana.
cloud   =   \"usgov\"   # the government tenant

subscriptions = [
    \"11111111-2222-3333-4444-555555555555\", # billing
]
\"poll-secs\"=120 # slow: the budget is shared
# a note about the api
api-version = '2021-01-01'
";

    #[test]
    fn an_update_changes_the_edited_key_and_no_other_byte() {
        let dir = scratch("set");
        let path = dir.join("config.toml");
        std::fs::write(&path, HAND_WRITTEN).unwrap();
        update(&path, &[Edit::Set("poll-secs", 30.into())]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text, HAND_WRITTEN.replace("=120 #", "=30 #"));
        // A new key goes after the others; the rest stays.
        update(&path, &[Edit::Set("fast-poll-secs", 7.into())]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            HAND_WRITTEN.replace("=120 #", "=30 #") + "fast-poll-secs = 7\n"
        );
        assert_eq!(load(&path, true).unwrap().fast_poll_secs, Some(7));
        // A list value keeps its place too.
        let ids = toml_edit::Array::from_iter(["00000000-0000-0000-0000-000000000001"]);
        update(&path, &[Edit::Set("subscriptions", ids.into())]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.contains(
                "\nsubscriptions = [\"00000000-0000-0000-0000-000000000001\"]\n\"poll-secs\"=30 #"
            ),
            "{text}"
        );
        assert!(text.starts_with("# Production: do not change without telling Ana.\ncloud   =   \"usgov\"   # the government tenant\n\n"), "{text}");
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_removed_key_leaves_the_comments_above_it() {
        let dir = scratch("remove");
        let path = dir.join("config.toml");
        std::fs::write(&path, HAND_WRITTEN).unwrap();
        update(&path, &[Edit::Remove("cloud"), Edit::Remove("api-version")]).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            HAND_WRITTEN
                .replace("cloud   =   \"usgov\"   # the government tenant\n", "")
                .replace("api-version = '2021-01-01'\n", "")
        );
        // Removing a key the file does not have changes nothing, and writes nothing.
        let before = std::fs::metadata(&path).unwrap().modified().unwrap();
        update(&path, &[Edit::Remove("endpoint")]).unwrap();
        assert_eq!(
            std::fs::metadata(&path).unwrap().modified().unwrap(),
            before
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_missing_file_starts_with_the_header() {
        let dir = scratch("new");
        let path = dir.join("nested").join("config.toml");
        update(
            &path,
            &[
                Edit::Set("poll-secs", 45.into()),
                Edit::Set("cloud", "china".into()),
            ],
        )
        .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            text,
            format!("{ENGLISH_HEADER}poll-secs = 45\ncloud = \"china\"\n")
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    /// The header as English writes it, word for word.
    const ENGLISH_HEADER: &str = "\
# iejobs settings. Precedence: command-line flag > IEJOBS_* environment variable > this file.
# Keys: cloud (public | usgov | china), endpoint, auth (auto | azure-cli | service-principal |
# managed-identity | workload-identity | token), tenant-id, client-id, subscriptions,
# poll-secs, fast-poll-secs, read-budget, api-version, notifications (true | false),
# language (system | en | es | it).
# Secrets never go here: use AZURE_CLIENT_SECRET or IEJOBS_ACCESS_TOKEN. The Settings window
# changes only the keys you change there; your comments, layout and other keys are kept.
";

    /// A new file in Spanish or Italian starts with comments in that language, and is a
    /// config file all the same; messages about a file are in the language too.
    #[test]
    fn the_header_and_the_messages_follow_the_language() {
        use crate::i18n::{Lang, scoped};
        for (lang, first, line) in [
            (
                Lang::Es,
                "# Configuración de iejobs.",
                "línea 1, columna 1: ",
            ),
            (Lang::It, "# Impostazioni di iejobs.", "riga 1, colonna 1: "),
        ] {
            let _guard = scoped(lang);
            let dir = scratch(&format!("header-{lang}"));
            let path = dir.join("config.toml");
            update(&path, &[Edit::Set("poll-secs", 45.into())]).unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            assert!(text.starts_with(first), "{lang}: {text}");
            assert!(
                text.lines()
                    .all(|l| l.starts_with('#') || l.starts_with("poll-secs"))
            );
            assert_eq!(parse(&text).unwrap().poll_secs, Some(45));
            let problems = parse("poll_secs = 3\nwho = 1\ncloud = 7\n").unwrap_err();
            assert!(problems[0].starts_with(line), "{problems:?}");
            assert!(problems[2].contains(if lang == Lang::Es {
                "se esperaba"
            } else {
                "atteso"
            }));
            std::fs::remove_dir_all(dir).unwrap();
        }
    }

    #[test]
    fn a_file_that_cannot_be_read_or_would_be_invalid_is_not_written() {
        let dir = scratch("refuse");
        let path = dir.join("config.toml");
        let broken = "poll-secs = 10\ncloud = \"usgov\n# half-written\n";
        std::fs::write(&path, broken).unwrap();
        let err = update(&path, &[Edit::Set("poll-secs", 20.into())]).unwrap_err();
        assert!(
            err.contains("cannot be read as TOML (line 2, column"),
            "{err}"
        );
        assert!(err.contains("it was not changed"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
        // Valid TOML, but the edit would make a bad config.
        std::fs::write(&path, HAND_WRITTEN).unwrap();
        let err = update(&path, &[Edit::Set("poll-secs", "often".into())]).unwrap_err();
        assert!(
            err.contains("poll-secs = \"often\": expected a whole number"),
            "{err}"
        );
        let err = update(&path, &[Edit::Set("token", "s3cr3t".into())]).unwrap_err();
        assert!(err.contains("\"token\" would hold a secret"), "{err}");
        assert!(!err.contains("s3cr3t"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), HAND_WRITTEN);
        // Not UTF-8, and a folder in the way: read errors, nothing written.
        std::fs::write(&path, b"poll-secs = 1\n\xff\n").unwrap();
        let err = update(&path, &[Edit::Set("poll-secs", 2.into())]).unwrap_err();
        assert!(err.starts_with("cannot read the config file"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), b"poll-secs = 1\n\xff\n");
        let under_file = path.join("config.toml");
        assert!(update(&under_file, &[Edit::Set("poll-secs", 2.into())]).is_err());
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("config.toml")]);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn a_default_path_under_a_file_is_no_config_and_a_named_one_an_error() {
        let dir = scratch("not-a-dir");
        let plain = dir.join("plain");
        std::fs::write(&plain, "x").unwrap();
        let path = plain.join("iejobs").join("config.toml");
        assert_eq!(load(&path, false).unwrap(), Layer::default());
        let err = load(&path, true).unwrap_err().to_string();
        assert!(
            err.contains(&format!("{} is a file, not a folder", plain.display())),
            "{err}"
        );
        std::fs::remove_dir_all(dir).unwrap();
    }
}
