//! The `$filter` of job listings.
//!
//! Azure does not document its grammar; the emulator accepts the OData subset that clients
//! use: comparisons `field eq 'value'` or `field ne 'value'` on `state`, `jobType`,
//! `location`, `name` and `cancelRequested` (`true`/`false`), joined by `and` or by `or`
//! (not both in one filter, no parentheses). Anything else is refused with a message.

use crate::model::JobState;

use super::catalog::short_name;

/// A parsed filter: any of the groups matches when all its clauses do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    any_of: Vec<Vec<Clause>>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Clause {
    field: Field,
    equal: bool,
    value: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    State,
    JobType,
    Location,
    Name,
    CancelRequested,
}

/// What a filter looks at in a job.
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a> {
    /// The state now.
    pub state: &'a JobState,
    /// Import or Export.
    pub job_type: &'a str,
    /// Azure region.
    pub location: &'a str,
    /// Job name.
    pub name: &'a str,
    /// Whether a cancel is pending.
    pub cancel_requested: bool,
}

impl Filter {
    /// Parses `text`; an empty text matches everything.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(Self::default());
        }
        let tokens = tokenize(text)?;
        let joiners: Vec<&str> = tokens
            .iter()
            .filter_map(|t| match t {
                Token::Word(w) if w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or") => {
                    Some(w.as_str())
                }
                _ => None,
            })
            .collect();
        let uses_or = joiners.iter().any(|j| j.eq_ignore_ascii_case("or"));
        if uses_or && joiners.iter().any(|j| j.eq_ignore_ascii_case("and")) {
            return Err("a $filter may join clauses with 'and' or with 'or', not both".to_owned());
        }
        let mut clauses = Vec::new();
        let mut rest = tokens.as_slice();
        loop {
            let (clause, after) = parse_clause(rest)?;
            clauses.push(clause);
            match after {
                [] => break,
                [Token::Word(_joiner), more @ ..] => rest = more,
                [other, ..] => return Err(format!("unexpected {other} in $filter")),
            }
        }
        let any_of = if uses_or {
            clauses.into_iter().map(|c| vec![c]).collect()
        } else {
            vec![clauses]
        };
        Ok(Self { any_of })
    }

    /// Whether a job with these fields passes.
    #[must_use]
    pub fn matches(&self, fields: &Fields<'_>) -> bool {
        self.any_of.is_empty()
            || self
                .any_of
                .iter()
                .any(|group| group.iter().all(|c| c.matches(fields)))
    }
}

impl Clause {
    fn matches(&self, fields: &Fields<'_>) -> bool {
        let actual = match self.field {
            Field::State => fields.state.as_str(),
            Field::JobType => fields.job_type,
            // "westus" and "West US" name the same region: the service answers with the
            // display name, clients often send the short one.
            Field::Location => {
                return (short_name(fields.location) == short_name(&self.value)) == self.equal;
            }
            Field::Name => fields.name,
            Field::CancelRequested => {
                if fields.cancel_requested {
                    "true"
                } else {
                    "false"
                }
            }
        };
        actual.eq_ignore_ascii_case(&self.value) == self.equal
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Word(String),
    Quoted(String),
}

impl std::fmt::Display for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Token::Word(w) => write!(f, "'{w}'"),
            Token::Quoted(q) => write!(f, "the string '{q}'"),
        }
    }
}

fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c == '\'' {
            chars.next();
            let mut value = String::new();
            loop {
                match chars.next() {
                    Some('\'') if chars.peek() == Some(&'\'') => {
                        chars.next();
                        value.push('\'');
                    }
                    Some('\'') => break,
                    Some(c) => value.push(c),
                    None => return Err("unterminated string in $filter".to_owned()),
                }
            }
            tokens.push(Token::Quoted(value));
        } else if c.is_ascii_alphanumeric() || c == '/' || c == '_' {
            let mut word = String::new();
            while let Some(&c) = chars.peek() {
                if c.is_ascii_alphanumeric() || c == '/' || c == '_' {
                    word.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Token::Word(word));
        } else {
            return Err(format!("unexpected character {c:?} in $filter"));
        }
    }
    Ok(tokens)
}

fn parse_clause(tokens: &[Token]) -> Result<(Clause, &[Token]), String> {
    let [Token::Word(field), Token::Word(op), value, rest @ ..] = tokens else {
        return Err("expected a comparison such as state eq 'Transferring'".to_owned());
    };
    let name = field.rsplit('/').next().unwrap_or(field);
    let field = match name.to_ascii_lowercase().as_str() {
        "state" => Field::State,
        "jobtype" => Field::JobType,
        "location" => Field::Location,
        "name" => Field::Name,
        "cancelrequested" => Field::CancelRequested,
        _ => {
            return Err(format!(
                "cannot filter on '{field}'; use state, jobType, location, name or cancelRequested"
            ));
        }
    };
    let equal = match op.to_ascii_lowercase().as_str() {
        "eq" => true,
        "ne" => false,
        _ => return Err(format!("unsupported operator '{op}'; use eq or ne")),
    };
    let value = match (field, value) {
        (Field::CancelRequested, Token::Word(w))
            if w.eq_ignore_ascii_case("true") || w.eq_ignore_ascii_case("false") =>
        {
            w.to_ascii_lowercase()
        }
        (Field::CancelRequested, other) => {
            return Err(format!(
                "cancelRequested compares with true or false, not {other}"
            ));
        }
        (_, Token::Quoted(q)) => q.clone(),
        (_, other) => return Err(format!("expected a quoted value, found {other}")),
    };
    Ok((
        Clause {
            field,
            equal,
            value,
        },
        rest,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(state: &JobState, cancel: bool) -> Fields<'_> {
        Fields {
            state,
            job_type: "Import",
            location: "West US",
            name: "job-1",
            cancel_requested: cancel,
        }
    }

    #[test]
    fn state_filters() {
        let filter = Filter::parse("state eq 'Transferring'").unwrap();
        assert!(filter.matches(&fields(&JobState::Transferring, false)));
        assert!(!filter.matches(&fields(&JobState::Completed, false)));
        let filter = Filter::parse("properties/state eq 'completed' or state eq 'Closed'").unwrap();
        assert!(filter.matches(&fields(&JobState::Completed, false)));
        assert!(filter.matches(&fields(&JobState::Closed, false)));
        assert!(!filter.matches(&fields(&JobState::Creating, false)));
        let filter = Filter::parse("state ne 'Completed' and cancelRequested eq true").unwrap();
        assert!(filter.matches(&fields(&JobState::Transferring, true)));
        assert!(!filter.matches(&fields(&JobState::Transferring, false)));
        assert!(
            Filter::parse("  ")
                .unwrap()
                .matches(&fields(&JobState::Closed, false))
        );
        assert!(Filter::parse("name eq 'it''s'").is_ok());
    }

    #[test]
    fn locations_match_by_either_name() {
        let state = JobState::Creating;
        for text in [
            "location eq 'westus'",
            "location eq 'West US'",
            "location eq 'WEST us'",
        ] {
            assert!(
                Filter::parse(text).unwrap().matches(&fields(&state, false)),
                "{text}"
            );
        }
        assert!(
            !Filter::parse("location eq 'westus2'")
                .unwrap()
                .matches(&fields(&state, false))
        );
        assert!(
            !Filter::parse("location ne 'westus'")
                .unwrap()
                .matches(&fields(&state, false))
        );
    }

    #[test]
    fn bad_filters_say_why() {
        for bad in [
            "state eq Transferring",
            "state gt 'A'",
            "color eq 'red'",
            "state eq 'A' and name eq 'b' or name eq 'c'",
            "state eq 'A",
            "(state eq 'A')",
            "state eq 'A' name eq 'b'",
            "cancelRequested eq 'yes'",
        ] {
            assert!(Filter::parse(bad).is_err(), "{bad}");
        }
    }
}
