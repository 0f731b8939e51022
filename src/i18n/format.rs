//! Numbers and dates as each language writes them: "1,234" and "7.23" with ISO dates in
//! English, "1.234" and "7,23" with "30/11/2026" in Italian, and in Spanish too, except that
//! Spanish groups only numbers of five digits or more ("1234", "12.345"), as CLDR says.

use fluent_bundle::FluentValue;
use jiff::Zoned;

use super::{Lang, current};

/// A whole number with its thousands grouped as the current language groups them.
#[must_use]
pub fn number(n: i64) -> String {
    number_in(current(), n)
}

/// [`number`] in `lang`.
#[must_use]
pub fn number_in(lang: Lang, n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let (separator, least) = match lang {
        Lang::En => (',', 4),
        Lang::It => ('.', 4),
        // CLDR's minimum grouping digits for Spanish: 2, so "1234" but "12.345".
        Lang::Es => ('.', 5),
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if digits.len() >= least && i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// `value` with `places` decimals and the current language's decimal mark: "7.23" in
/// English, "7,23" in Spanish and Italian.
#[must_use]
pub fn decimal(value: f64, places: usize) -> String {
    decimal_in(current(), value, places)
}

/// [`decimal`] in `lang`.
#[must_use]
pub fn decimal_in(lang: Lang, value: f64, places: usize) -> String {
    let text = format!("{value:.places$}");
    match lang {
        Lang::En => text,
        Lang::Es | Lang::It => text.replace('.', ","),
    }
}

/// A date: "2026-11-30" in English, "30/11/2026" in Spanish and Italian.
#[must_use]
pub fn date(at: &Zoned) -> String {
    match current() {
        Lang::En => at.strftime("%Y-%m-%d").to_string(),
        Lang::Es | Lang::It => at.strftime("%d/%m/%Y").to_string(),
    }
}

/// A date and time to the second: "2026-11-30 14:05:07", "30/11/2026 14:05:07".
#[must_use]
pub fn date_time(at: &Zoned) -> String {
    match current() {
        Lang::En => at.strftime("%Y-%m-%d %H:%M:%S").to_string(),
        Lang::Es | Lang::It => at.strftime("%d/%m/%Y %H:%M:%S").to_string(),
    }
}

/// A time of day to the minute, "14:05" (the same in the three languages).
#[must_use]
pub fn time_of_day(at: &Zoned) -> String {
    at.strftime("%H:%M").to_string()
}

fn fluent_number(lang: Lang, value: &FluentValue<'_>) -> Option<String> {
    let FluentValue::Number(number) = value else {
        return None;
    };
    let fraction = number.options.minimum_fraction_digits.unwrap_or(0);
    if fraction == 0 && number.value.fract() == 0.0 && number.value.abs() < 9.0e15 {
        #[expect(
            clippy::cast_possible_truncation,
            reason = "a whole number below 2^53, checked above"
        )]
        return Some(number_in(lang, number.value as i64));
    }
    Some(match lang {
        Lang::En => number.as_string().into_owned(),
        Lang::Es | Lang::It => number.as_string().replace('.', ","),
    })
}

/// Fluent's number formatter for English.
pub(super) fn fluent_number_en<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    fluent_number(Lang::En, value)
}

/// Fluent's number formatter for Spanish.
pub(super) fn fluent_number_es<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    fluent_number(Lang::Es, value)
}

/// Fluent's number formatter for Italian.
pub(super) fn fluent_number_it<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    fluent_number(Lang::It, value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_group_as_each_language_does() {
        assert_eq!(number_in(Lang::En, 1_234_567), "1,234,567");
        assert_eq!(number_in(Lang::En, 999), "999");
        assert_eq!(number_in(Lang::En, 1_200), "1,200");
        assert_eq!(number_in(Lang::It, 1_200), "1.200");
        assert_eq!(number_in(Lang::Es, 1_200), "1200");
        assert_eq!(number_in(Lang::Es, 12_000), "12.000");
        assert_eq!(number_in(Lang::Es, -100_000), "-100.000");
        assert_eq!(decimal_in(Lang::En, 7.228, 2), "7.23");
        assert_eq!(decimal_in(Lang::Es, 7.228, 2), "7,23");
        assert_eq!(decimal_in(Lang::It, 7.228, 2), "7,23");
    }

    #[test]
    fn dates_follow_the_language() {
        let at: Zoned = "2026-11-30T14:05:07+00:00[UTC]".parse().unwrap();
        let _en = super::super::scoped(Lang::En);
        assert_eq!(date(&at), "2026-11-30");
        assert_eq!(date_time(&at), "2026-11-30 14:05:07");
        let _it = super::super::scoped(Lang::It);
        assert_eq!(date(&at), "30/11/2026");
        assert_eq!(date_time(&at), "30/11/2026 14:05:07");
        assert_eq!(time_of_day(&at), "14:05");
    }
}
