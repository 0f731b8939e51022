//! No text a user reads is written in the window's or the command line's code: it comes
//! from the bundles (`i18n/*.ftl`). This reads the sources of `src/ui`, `src/cli` and the
//! binary's messages and lists every string literal that looks like words for people,
//! outside tests, log lines (`tracing`, which stay in English), attributes and the
//! allow-list below (ids, keys, API and file-format names, each with its reason).

use std::path::Path;

/// Literals that look like words but are not text to translate.
const ALLOWED: &[(&str, &str)] = &[
    // The export's header row: a file format read by programs and spreadsheets alike.
    ("Name", "export column"),
    ("Resource group", "export column"),
    ("Subscription", "export column"),
    ("Type", "export column"),
    ("State", "export column"),
    ("Cancel", "export column"),
    ("Drives", "export column"),
    ("Progress percent", "export column"),
    ("Bytes copied", "export column"),
    ("Location", "export column"),
    ("Storage account", "export column"),
    ("Last change", "export column"),
    ("Created", "export column"),
    ("Last modified", "export column"),
    ("Subscription id", "export column"),
    ("Resource id", "export column"),
    // Names of things, not words: formats, the product, Azure.
    ("CSV", "format name"),
    ("JSON", "format name"),
    ("Azure", "product name"),
    ("Import", "API value"),
    ("Export", "API value"),
    ("CompletedMoreInfo", "API value"),
    // The worker's refusals start so (in English, as log lines and the audit trail do):
    // the command line tells a refusal from a failure by it.
    ("Not sent", "worker protocol"),
];

/// Literals allowed by how they start, each with its reason.
const ALLOWED_PREFIXES: &[(&str, &str)] = &[
    // The English --help's exit codes (clap's derive); es and it: help-exit-codes.
    ("\\\nEXIT CODES", "English --help"),
];

/// Lines whose form is for scripts, not sentences: `jobs watch` off a terminal prints
/// "TIME SUBSCRIPTION GROUP NAME STATE …" and "… gone".
const SCRIPT_LINES: &[&str] = &["{at} {} {} {} gone"];

/// Files (relative to `src/`) whose literals are read, and the ones left out with why.
const SKIPPED: &[(&str, &str)] = &[
    ("ui/panel_tests.rs", "tests"),
    ("ui/desktop_notify.rs", "delivers texts worded in the model"),
];

fn literals(source: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    let bytes = source.as_bytes();
    let mut i = 0;
    let mut line = 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => line += 1,
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'\'' => {
                // A char literal ('"', '\'') or a lifetime: skip the quoted char.
                if bytes.get(i + 2) == Some(&b'\'') {
                    i += 3;
                    continue;
                }
                if bytes.get(i + 1) == Some(&b'\\') && bytes.get(i + 3) == Some(&b'\'') {
                    i += 4;
                    continue;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < bytes.len() && bytes[j] != b'"' {
                    if bytes[j] == b'\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let text = &source[start..j.min(source.len())];
                found.push((line, text.to_owned()));
                line += text.matches('\n').count();
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Words for people: two words in a row, or one capitalised word ("Refresh"); the names
/// of placeholders (`{message}`) and escapes (`\n`) are not words.
fn looks_like_words(text: &str) -> bool {
    let mut plain = String::new();
    let mut depth = 0;
    let mut escaped = false;
    for c in text.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '{' => depth += 1,
            '}' => depth -= 1,
            _ if depth == 0 => plain.push(c),
            _ => {}
        }
    }
    let text = plain.as_str();
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let spaced = text
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count()
        >= 2;
    let capitalised = words.len() == 1
        && text.trim() == words[0]
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words[0].chars().skip(1).any(char::is_lowercase);
    (spaced && words.len() >= 2) || capitalised
}

/// The code of a file without its tests, log lines and attributes.
fn code_for_people(source: &str) -> String {
    let mut out = String::new();
    let mut depth: Option<i32> = None;
    for line in source.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("#[cfg(test)]") {
            break;
        }
        if depth.is_none()
            && (trimmed.contains("tracing::")
                || trimmed.starts_with("#[")
                || trimmed.starts_with("///")
                || trimmed.starts_with("//!"))
        {
            depth = Some(0);
        }
        if let Some(d) = depth.as_mut() {
            *d += i32::try_from(line.matches(['(', '[']).count()).unwrap_or(0);
            *d -= i32::try_from(line.matches([')', ']']).count()).unwrap_or(0);
            out.push('\n');
            if *d <= 0 {
                depth = None;
            }
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}

#[test]
fn no_text_for_people_outside_the_bundles() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for folder in ["ui", "cli"] {
        for entry in std::fs::read_dir(root.join(folder)).unwrap() {
            files.push(entry.unwrap().path());
        }
    }
    let mut found = Vec::new();
    for path in files {
        let relative = path
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if SKIPPED.iter().any(|(file, _)| *file == relative) {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        for (line, text) in literals(&code_for_people(&source)) {
            let allowed = ALLOWED.iter().any(|(allowed, _)| *allowed == text)
                || ALLOWED_PREFIXES
                    .iter()
                    .any(|(start, _)| text.starts_with(start))
                || SCRIPT_LINES.contains(&text.as_str());
            if looks_like_words(&text) && !allowed {
                found.push(format!("src/{relative}:{line}: {text:?}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "text for people outside i18n/*.ftl (use tr!):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_scanner_sees_what_it_should() {
    assert!(looks_like_words("Refresh"));
    assert!(looks_like_words("No job matches the filters."));
    assert!(!looks_like_words("toolbar-refresh"));
    assert!(!looks_like_words("{} {}"));
    assert!(!looks_like_words("kB"));
    assert!(!looks_like_words("iejobs"));
    let code =
        "let a = tr!(\"x\");\ntracing::warn!(\n    \"a log line\"\n);\nlet b = \"Some words\";";
    let seen: Vec<String> = literals(&code_for_people(code))
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(seen, ["x", "Some words"]);
}
