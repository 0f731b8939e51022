//! The bundles: they parse, hold the same ids with the same variables in every language,
//! and hold every id the program asks for.

use std::collections::{BTreeMap, BTreeSet};

use super::*;

fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let list = message_variables(lang);
    let map: BTreeMap<_, _> = list.iter().cloned().collect();
    assert_eq!(map.len(), list.len(), "{lang}: an id appears twice");
    map
}

#[test]
fn every_file_parses() {
    for lang in Lang::ALL {
        assert_eq!(syntax_errors(lang), Vec::<String>::new(), "{lang}.ftl");
    }
}

#[test]
fn every_message_exists_in_every_language_with_the_same_variables() {
    let english = messages(Lang::En);
    assert!(english.len() > 100, "{} messages", english.len());
    for lang in [Lang::Es, Lang::It] {
        let other = messages(lang);
        let missing: Vec<_> = english
            .keys()
            .filter(|id| !other.contains_key(*id))
            .collect();
        let extra: Vec<_> = other
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(missing.is_empty(), "{lang}.ftl lacks {missing:?}");
        assert!(
            extra.is_empty(),
            "{lang}.ftl has ids English lacks: {extra:?}"
        );
        for (id, variables) in &english {
            assert_eq!(&other[id], variables, "{lang}.ftl: the variables of {id}");
        }
    }
}

/// Every `tr!("id"…)` and `text("id")` in the sources names a message of the bundles.
#[test]
fn every_id_the_program_asks_for_exists() {
    let english = messages(Lang::En);
    let mut asked = BTreeSet::new();
    let mut stack = vec![std::path::PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/src"
    ))];
    while let Some(path) = stack.pop() {
        if path.is_dir() {
            for entry in std::fs::read_dir(&path).unwrap() {
                stack.push(entry.unwrap().path());
            }
            continue;
        }
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        if path.ends_with("i18n/tests.rs") {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        // Ids given as literals to the macro or the functions, and the tables of ids
        // (columns, shortcuts and their keys, --help, what a config key takes, what a
        // recovered action found) whose entries start with their group's prefix.
        for marker in [
            "tr!(",
            "i18n::text(",
            "text_in(lang,",
            "column(",
            "(\"",
            "\"help-",
            "\"keys-",
            "\"config-expect-",
            "\"worker-finding-",
        ] {
            for (at, _) in source.match_indices(marker) {
                let before = source[..at].chars().next_back().unwrap_or(' ');
                if marker == "tr!(" && (before.is_alphanumeric() || before == '_') {
                    continue;
                }
                if marker.starts_with('"') {
                    let rest = &source[at + 1..];
                    let Some(end) = rest.find('"') else {
                        continue;
                    };
                    asked.insert((rest[..end].to_owned(), path.display().to_string()));
                    continue;
                }
                let rest = source[at + marker.len()..].trim_start();
                if marker == "(\"" {
                    // Only the shortcuts' table: ("keys", "shortcut-…").
                    let Some(id) = rest
                        .split_once("\", \"")
                        .and_then(|(_, after)| after.find('"').map(|end| &after[..end]))
                        .filter(|id| id.starts_with("shortcut-"))
                    else {
                        continue;
                    };
                    asked.insert((id.to_owned(), path.display().to_string()));
                    continue;
                }
                let Some(rest) = rest.strip_prefix('"') else {
                    continue;
                };
                let Some(end) = rest.find('"') else {
                    continue;
                };
                let id = &rest[..end];
                // `column(` also opens other calls: only ids of columns count.
                if marker == "column(" && !id.starts_with("column-") {
                    continue;
                }
                asked.insert((id.to_owned(), path.display().to_string()));
            }
        }
    }
    assert!(asked.len() > 50, "{} ids asked for", asked.len());
    let unknown: Vec<_> = asked
        .iter()
        .filter(|(id, _)| !english.contains_key(id) && id != "id")
        .collect();
    assert!(unknown.is_empty(), "ids missing from en.ftl: {unknown:?}");
}

#[test]
fn plurals_follow_each_language() {
    let jobs = |lang, n: u64| {
        let mut args = FluentArgs::new();
        args.set("count", n);
        format_in(lang, "count-jobs", &args)
    };
    assert_eq!(jobs(Lang::En, 1), "1 job");
    assert_eq!(jobs(Lang::En, 1_234), "1,234 jobs");
    assert_eq!(jobs(Lang::Es, 1), "1 trabajo");
    assert_eq!(jobs(Lang::Es, 3), "3 trabajos");
    assert_eq!(jobs(Lang::Es, 12_345), "12.345 trabajos");
    assert_eq!(jobs(Lang::It, 1), "1 processo");
    assert_eq!(jobs(Lang::It, 3), "3 processi");
}

#[test]
fn the_thread_override_wins_and_ends_with_its_guard() {
    let before = current();
    {
        let _it = scoped(Lang::It);
        assert_eq!(current(), Lang::It);
        {
            let _es = scoped(Lang::Es);
            assert_eq!(current(), Lang::Es);
        }
        assert_eq!(current(), Lang::It);
        // Another thread keeps the process-wide language.
        let other = std::thread::Builder::new()
            .name("i18n-test".into())
            .spawn(current)
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(other, Lang::from_index(CURRENT.load(Ordering::Relaxed)));
    }
    assert_eq!(current(), before);
}

#[test]
fn tags_and_choices_parse() {
    assert_eq!(Lang::from_tag("es_ES.UTF-8"), Some(Lang::Es));
    assert_eq!(Lang::from_tag("it-IT"), Some(Lang::It));
    assert_eq!(Lang::from_tag("en_GB"), Some(Lang::En));
    assert_eq!(Lang::from_tag("de_DE.UTF-8"), None);
    assert_eq!(Lang::from_tag("C"), None);
    assert_eq!("system".parse(), Ok(LanguageChoice::System));
    assert_eq!("IT".parse(), Ok(LanguageChoice::Fixed(Lang::It)));
    assert_eq!("Español".parse(), Ok(LanguageChoice::Fixed(Lang::Es)));
    let _en = scoped(Lang::En);
    assert_eq!(
        "fr".parse::<LanguageChoice>(),
        Err("\"fr\" is not a language iejobs speaks; use system, en, es or it".to_owned())
    );
}

#[test]
fn messages_without_variables_are_resolved_once() {
    let a = text_in(Lang::It, "count-jobs-header");
    let b = text_in(Lang::It, "count-jobs-header");
    assert!(std::ptr::eq(a, b));
    assert_eq!(text_in(Lang::En, "no-such-id"), "no-such-id");
}
