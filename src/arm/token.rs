//! Where bearer tokens come from, and how they are kept out of logs.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

/// A boxed future, so that token sources can be used as trait objects.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A secret string (a token, a client secret). Its `Debug` prints no content and it has no
/// `Display`, so it cannot reach a log line, an error message or a panic by accident.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    #[must_use]
    pub fn new(secret: impl Into<String>) -> Self {
        Self(secret.into())
    }

    /// The secret itself, for the one place that must send it.
    #[must_use]
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

/// A bearer token and, when known, when it expires.
#[derive(Clone, Debug)]
pub struct AccessToken {
    /// The token.
    pub token: Secret,
    /// When it stops being valid.
    pub expires_on: Option<jiff::Timestamp>,
}

/// Why no token could be had.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    /// The source could not produce a token; the text says why, without any secret.
    #[error("{}", crate::tr!("arm-err-token", reason = .0))]
    Unavailable(String),
}

/// Something that hands out bearer tokens for Azure Resource Manager.
pub trait TokenSource: Send + Sync {
    /// A token valid now. Sources that can refresh do so before expiry.
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, TokenError>>;

    /// Drops a token the service refused (HTTP 401). Returns true when asking again may
    /// give a different token, so that one retry makes sense.
    fn invalidate(&self) -> bool {
        false
    }

    /// Who the tokens are for, as shown to the user (never the token itself).
    fn identity(&self) -> String;
}

/// A fixed bearer token, e.g. from an environment variable, or any text for the emulator.
pub struct StaticToken {
    token: Secret,
    identity: String,
}

impl StaticToken {
    /// A source that always hands out `token`; `identity` is what the UI shows for it.
    #[must_use]
    pub fn new(token: Secret, identity: impl Into<String>) -> Self {
        Self {
            token,
            identity: identity.into(),
        }
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, TokenError>> {
        let token = AccessToken {
            token: self.token.clone(),
            expires_on: None,
        };
        Box::pin(async move { Ok(token) })
    }

    fn identity(&self) -> String {
        self.identity.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_do_not_print() {
        let token = AccessToken {
            token: Secret::new("eyJ-very-secret"),
            expires_on: None,
        };
        let printed = format!("{token:?} {:?}", token.token);
        assert!(!printed.contains("very-secret"), "{printed}");
        assert_eq!(token.token.expose(), "eyJ-very-secret");
    }
}
