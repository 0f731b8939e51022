//! The languages iejobs speaks (English, Spanish, Italian): the Fluent bundles in `i18n/`,
//! which language is in force, and numbers, bytes and dates written as that language writes
//! them.
//!
//! - One `.ftl` file per language under `i18n/` at the crate's root, compiled in. English
//!   is the reference: its messages are the program's English text, word for word.
//! - The language in force is process-wide ([`set_language`], at start-up and when Settings
//!   change), with a per-thread override ([`scoped`]) so that tests in several languages run
//!   side by side in one test binary.
//! - [`text`] (and [`tr!`](crate::tr) without arguments) gives a message without variables
//!   as a `&'static str` resolved once per language: per-frame labels cost a hash lookup.
//!   Messages with variables are formatted by Fluent at each call ([`tr!`](crate::tr) with
//!   arguments), with its plural rules; numbers placed in them are grouped as the language
//!   groups them ("1,234" in English, "1.234" in Italian).
//! - Log lines (`tracing`), ARM's codes and messages, job names and ids and the API's state
//!   names stay as they are in every language.

mod format;

use std::cell::Cell;
use std::collections::HashMap;
use std::fmt;
use std::sync::LazyLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

pub use fluent_bundle::FluentArgs;

pub use format::{date, date_time, decimal, number, time_of_day};

/// A language iejobs speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English: the reference, and the language when the system's matches none.
    #[default]
    En,
    /// Spanish (Microsoft's terms: "trabajo", "cancelar", "eliminar").
    Es,
    /// Italian (Microsoft's terms: "processo", "annullare", "eliminare").
    It,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::It];

    /// The ISO 639-1 code: "en", "es", "it".
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Es => "es",
            Lang::It => "it",
        }
    }

    /// The language's own name, as a language menu shows it ("Español").
    #[must_use]
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Es => "Español",
            Lang::It => "Italiano",
        }
    }

    /// The language of a locale or language tag, as the system or a user writes it:
    /// "es_ES.UTF-8", "it-IT", "en", "Italiano". `None` for one iejobs does not speak
    /// (`de_DE`, `C`, `POSIX`).
    #[must_use]
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let lower = tag.trim().to_lowercase();
        let primary = lower.split(['_', '-', '.', '@']).next().unwrap_or_default();
        match primary {
            "en" | "english" | "inglés" | "inglese" => Some(Lang::En),
            "es" | "spanish" | "español" | "espanol" | "spagnolo" => Some(Lang::Es),
            "it" | "italian" | "italiano" => Some(Lang::It),
            _ => None,
        }
    }

    /// The language of the system's locale (`LC_ALL`, `LC_MESSAGES`, `LANG` on Linux), or
    /// English when iejobs does not speak it.
    #[must_use]
    pub fn from_system() -> Lang {
        sys_locale::get_locales()
            .find_map(|tag| Lang::from_tag(&tag))
            .unwrap_or_default()
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Es => 1,
            Lang::It => 2,
        }
    }

    fn from_index(index: u8) -> Lang {
        match index {
            1 => Lang::Es,
            2 => Lang::It,
            _ => Lang::En,
        }
    }

    /// The Fluent source of the language's messages.
    #[must_use]
    pub fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../i18n/en.ftl"),
            Lang::Es => include_str!("../../i18n/es.ftl"),
            Lang::It => include_str!("../../i18n/it.ftl"),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The language setting as a user gives it: the system's, or one of [`Lang`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LanguageChoice {
    /// The system's locale decides.
    #[default]
    System,
    /// This language, whatever the system says.
    Fixed(Lang),
}

impl LanguageChoice {
    /// The choices, as the Settings window lists them.
    pub const ALL: [LanguageChoice; 4] = [
        LanguageChoice::System,
        LanguageChoice::Fixed(Lang::En),
        LanguageChoice::Fixed(Lang::Es),
        LanguageChoice::Fixed(Lang::It),
    ];

    /// The value a config file or `IEJOBS_LANG` holds: "system", "en", "es" or "it".
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            LanguageChoice::System => "system",
            LanguageChoice::Fixed(lang) => lang.code(),
        }
    }

    /// The language this choice means now.
    #[must_use]
    pub fn resolve(self) -> Lang {
        match self {
            LanguageChoice::System => Lang::from_system(),
            LanguageChoice::Fixed(lang) => lang,
        }
    }
}

impl std::str::FromStr for LanguageChoice {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let trimmed = s.trim();
        if trimmed.eq_ignore_ascii_case("system") || trimmed.eq_ignore_ascii_case("auto") {
            return Ok(LanguageChoice::System);
        }
        Lang::from_tag(trimmed)
            .map(LanguageChoice::Fixed)
            .ok_or_else(|| crate::tr!("config-bad-language", value = format!("{trimmed:?}")))
    }
}

impl serde::Serialize for LanguageChoice {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.key())
    }
}

impl<'de> serde::Deserialize<'de> for LanguageChoice {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for LanguageChoice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The process-wide language, as [`Lang::index`].
static CURRENT: AtomicU8 = AtomicU8::new(0);

thread_local! {
    /// This thread's override of [`CURRENT`] (tests in several languages side by side).
    static OVERRIDE: Cell<Option<Lang>> = const { Cell::new(None) };
}

/// The language in force on this thread: its [`scoped`] override, else the process-wide one.
#[must_use]
pub fn current() -> Lang {
    OVERRIDE
        .with(Cell::get)
        .unwrap_or_else(|| Lang::from_index(CURRENT.load(Ordering::Relaxed)))
}

/// Sets the process-wide language (at start-up, and when Settings change it).
pub fn set_language(lang: Lang) {
    #[expect(
        clippy::cast_possible_truncation,
        reason = "three languages: the index is 0, 1 or 2"
    )]
    CURRENT.store(lang.index() as u8, Ordering::Relaxed);
}

/// Sets this thread's language until the guard is dropped, whatever the process-wide one
/// is: for tests, which run in parallel threads of one binary.
#[must_use = "the language returns to the previous one when the guard is dropped"]
pub fn scoped(lang: Lang) -> LanguageGuard {
    let previous = OVERRIDE.with(|cell| cell.replace(Some(lang)));
    LanguageGuard { previous }
}

/// Restores the thread's previous language when dropped; see [`scoped`].
#[derive(Debug)]
pub struct LanguageGuard {
    previous: Option<Lang>,
}

impl Drop for LanguageGuard {
    fn drop(&mut self) {
        OVERRIDE.with(|cell| cell.set(self.previous));
    }
}

/// One language's bundle, and its messages without variables resolved once.
struct Catalog {
    bundle: FluentBundle<FluentResource>,
    plain: HashMap<&'static str, &'static str>,
}

static CATALOGS: [LazyLock<Catalog>; 3] = [
    LazyLock::new(|| Catalog::build(Lang::En)),
    LazyLock::new(|| Catalog::build(Lang::Es)),
    LazyLock::new(|| Catalog::build(Lang::It)),
];

impl Catalog {
    fn build(lang: Lang) -> Catalog {
        // A file that does not parse fails the bundle tests; what parsed is still used.
        let resource = FluentResource::try_new(lang.source().to_owned())
            .unwrap_or_else(|(partial, _errors)| partial);
        let ids: Vec<String> = message_ids(&resource).map(str::to_owned).collect();
        let langid: LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        // egui draws the isolation marks Fluent adds around placeables as missing glyphs,
        // and terminals show them as noise.
        bundle.set_use_isolating(false);
        bundle.set_formatter(Some(match lang {
            Lang::En => format::fluent_number_en,
            Lang::Es => format::fluent_number_es,
            Lang::It => format::fluent_number_it,
        }));
        // Ids are unique within a file (the bundle tests check), so no overriding happens.
        let _ = bundle.add_resource(resource);
        let mut plain = HashMap::with_capacity(ids.len());
        for id in ids {
            let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let value = bundle.format_pattern(pattern, None, &mut errors);
            if errors.is_empty() {
                // Leaked once per message and language: a few hundred short strings that
                // live as long as the program, so labels borrow them every frame.
                let id: &'static str = Box::leak(id.into_boxed_str());
                let value: &'static str = Box::leak(value.into_owned().into_boxed_str());
                plain.insert(id, value);
            }
        }
        Catalog { bundle, plain }
    }
}

fn message_ids(resource: &FluentResource) -> impl Iterator<Item = &str> {
    resource.entries().filter_map(|entry| match entry {
        fluent_syntax::ast::Entry::Message(message) => Some(message.id.name),
        _ => None,
    })
}

fn catalog(lang: Lang) -> &'static Catalog {
    &CATALOGS[lang.index()]
}

/// The message `id` (one without variables) in the current language; the id itself when
/// no language has it (the bundle tests keep that from happening).
#[must_use]
pub fn text(id: &'static str) -> &'static str {
    text_in(current(), id)
}

/// [`text`] in `lang`.
#[must_use]
pub fn text_in(lang: Lang, id: &'static str) -> &'static str {
    catalog(lang).plain.get(id).copied().unwrap_or(id)
}

/// The message `id` with its variables, in the current language.
#[must_use]
pub fn format(id: &str, args: &FluentArgs<'_>) -> String {
    format_in(current(), id, args)
}

/// [`format()`] in `lang`.
#[must_use]
pub fn format_in(lang: Lang, id: &str, args: &FluentArgs<'_>) -> String {
    let bundle = &catalog(lang).bundle;
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(args), &mut errors)
        .into_owned()
}

/// A value placed in a message: text as it is, numbers for plural rules and grouping.
pub trait Arg {
    /// The value as Fluent takes it.
    fn arg(self) -> FluentValue<'static>;
}

impl Arg for String {
    fn arg(self) -> FluentValue<'static> {
        FluentValue::from(self)
    }
}

impl Arg for &String {
    fn arg(self) -> FluentValue<'static> {
        FluentValue::from(self.clone())
    }
}

impl Arg for &str {
    fn arg(self) -> FluentValue<'static> {
        FluentValue::from(self.to_owned())
    }
}

impl Arg for std::borrow::Cow<'_, str> {
    fn arg(self) -> FluentValue<'static> {
        FluentValue::from(self.into_owned())
    }
}

impl Arg for &crate::model::ArcStr {
    fn arg(self) -> FluentValue<'static> {
        FluentValue::from(self.to_string())
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {
        $(impl Arg for $t {
            fn arg(self) -> FluentValue<'static> {
                FluentValue::from(self)
            }
        })*
    };
}

number_arg!(u8, u16, u32, u64, usize, i32, i64, f64);

/// A message in the current language: `tr!("id")` is a `&'static str` (a message without
/// variables), `tr!("id", name = value, …)` a `String` formatted with those variables
/// (`$name` in the `.ftl` files; counts as numbers, for plural rules).
#[macro_export]
macro_rules! tr {
    ($id:literal) => {
        $crate::i18n::text($id)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::Arg::arg($value)); )+
        $crate::i18n::format($id, &args)
    }};
}

/// The ids and variables of one language's messages, for the bundle tests: each id with
/// the names of the variables it uses (in any variant).
#[must_use]
pub fn message_variables(lang: Lang) -> Vec<(String, std::collections::BTreeSet<String>)> {
    use fluent_syntax::ast;
    fn walk_pattern(pattern: &ast::Pattern<&str>, out: &mut std::collections::BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                walk_expression(expression, out);
            }
        }
    }
    fn walk_inline(
        inline: &ast::InlineExpression<&str>,
        out: &mut std::collections::BTreeSet<String>,
    ) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for positional in &arguments.positional {
                    walk_inline(positional, out);
                }
            }
            ast::InlineExpression::Placeable { expression } => walk_expression(expression, out),
            _ => {}
        }
    }
    fn walk_expression(
        expression: &ast::Expression<&str>,
        out: &mut std::collections::BTreeSet<String>,
    ) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                walk_inline(selector, out);
                for variant in variants {
                    walk_pattern(&variant.value, out);
                }
            }
            ast::Expression::Inline(inline) => walk_inline(inline, out),
        }
    }
    let resource = match fluent_syntax::parser::parse(lang.source()) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            ast::Entry::Message(message) => {
                let mut variables = std::collections::BTreeSet::new();
                if let Some(value) = &message.value {
                    walk_pattern(value, &mut variables);
                }
                Some((message.id.name.to_owned(), variables))
            }
            _ => None,
        })
        .collect()
}

/// The errors Fluent finds in one language's file (syntax), for the bundle tests.
#[must_use]
pub fn syntax_errors(lang: Lang) -> Vec<String> {
    match FluentResource::try_new(lang.source().to_owned()) {
        Ok(_) => Vec::new(),
        Err((_, errors)) => errors.iter().map(|e| format!("{e:?}")).collect(),
    }
}

#[cfg(test)]
mod tests;
