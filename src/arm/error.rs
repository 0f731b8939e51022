//! Errors of the ARM client, typed so that the window can show the service's own words.

use std::fmt;
use std::time::Duration;

use super::token::TokenError;

/// The ids Azure puts on every response; support needs them to find a request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestIds {
    /// `x-ms-request-id`.
    pub request_id: Option<String>,
    /// `x-ms-correlation-request-id`.
    pub correlation_id: Option<String>,
}

impl RequestIds {
    /// Reads both ids from response headers.
    #[must_use]
    pub fn from_headers(headers: &reqwest::header::HeaderMap) -> Self {
        let text = |name: &str| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        Self {
            request_id: text("x-ms-request-id"),
            correlation_id: text("x-ms-correlation-request-id"),
        }
    }
}

impl fmt::Display for RequestIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.request_id, &self.correlation_id) {
            (Some(r), Some(c)) => write!(f, " (request id {r}, correlation id {c})"),
            (Some(r), None) => write!(f, " (request id {r})"),
            (None, Some(c)) => write!(f, " (correlation id {c})"),
            (None, None) => Ok(()),
        }
    }
}

/// A non-success answer of the service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    /// HTTP status.
    pub status: u16,
    /// ARM `error.code`, e.g. "ResourceNotFound".
    pub code: Option<String>,
    /// ARM `error.message`, or the start of a body that was not an ARM error.
    pub message: Option<String>,
    /// Request and correlation ids.
    pub ids: RequestIds,
    /// How long the service asked to wait, when it said so.
    pub retry_after: Option<Duration>,
    /// How many attempts were made before giving up (1 when not retried).
    pub attempts: u32,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reason = reqwest::StatusCode::from_u16(self.status)
            .ok()
            .and_then(|s| s.canonical_reason())
            .unwrap_or("");
        write!(f, "HTTP {} {reason}", self.status)?;
        match (&self.code, &self.message) {
            (Some(code), Some(message)) => write!(f, ": {code}: {message}")?,
            (Some(text), None) | (None, Some(text)) => write!(f, ": {text}")?,
            (None, None) => {}
        }
        if self.attempts > 1 {
            write!(f, " after {} attempts", self.attempts)?;
        }
        write!(f, "{}", self.ids)
    }
}

/// What kind of transport failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TransportKind {
    /// No connection could be made (refused, reset, DNS).
    Connect,
    /// The request did not finish within the per-request timeout.
    Timeout,
    /// The connection broke while sending or receiving.
    Other,
}

/// Everything that can go wrong when talking to Azure Resource Manager.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ArmError {
    /// The service answered with a non-success status.
    #[error("{0}")]
    Api(ApiError),
    /// The service answered success with a body that could not be read.
    #[error("HTTP {status}: the response is not a valid {what}: {detail}{ids}")]
    Decode {
        /// HTTP status.
        status: u16,
        /// What was expected, e.g. "job".
        what: &'static str,
        /// The parser's message (position and reason; never the body).
        detail: String,
        /// Request and correlation ids.
        ids: RequestIds,
    },
    /// The response body was larger than the client accepts.
    #[error("the response is larger than {limit_bytes} bytes and was not read")]
    BodyTooLarge {
        /// The limit.
        limit_bytes: usize,
    },
    /// The request did not get an answer.
    #[error("{method} {path} failed after {attempts} attempt(s): {detail}")]
    Transport {
        /// Connect, timeout or other.
        kind: TransportKind,
        /// HTTP method.
        method: String,
        /// Request path (no query, no host).
        path: String,
        /// Attempts made.
        attempts: u32,
        /// What the HTTP stack said.
        detail: String,
    },
    /// A `nextLink` pointed to another origin than the configured endpoint.
    #[error(
        "the service sent a next-page link to {link_origin}, not to the endpoint {endpoint_origin}; \
         it was not followed, so the access token stays with the endpoint"
    )]
    ForeignNextLink {
        /// Origin of the link.
        link_origin: String,
        /// Origin of the endpoint.
        endpoint_origin: String,
    },
    /// A `nextLink` repeated an earlier one.
    #[error(
        "the service sent the same next-page link twice ({0}); listing stopped instead of looping"
    )]
    NextLinkLoop(String),
    /// A `nextLink` was not a URL.
    #[error("the service sent a next-page link that is not a valid URL: {0:?}")]
    BadNextLink(String),
    /// The listing exceeded the page limit.
    #[error("listing stopped after {0} pages")]
    TooManyPages(usize),
    /// The configured endpoint is not usable.
    #[error("invalid endpoint: {0}")]
    InvalidEndpoint(String),
    /// No token could be had.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The service refused the credentials (HTTP 401), after one fresh token when the
    /// source could give one.
    #[error(
        "Azure refused the credentials of {identity}{after}: {api}. Sign in again \
         (for the Azure CLI: az login) or check that this identity may read the subscription",
        after = if *.refreshed { " even with a freshly issued token" } else { "" }
    )]
    Unauthorized {
        /// The service's answer.
        api: Box<ApiError>,
        /// Who the token was for (never the token).
        identity: String,
        /// Whether a fresh token was tried.
        refreshed: bool,
    },
}

impl ArmError {
    /// The HTTP status of an API error.
    #[must_use]
    pub fn status(&self) -> Option<u16> {
        match self {
            ArmError::Api(e) => Some(e.status),
            ArmError::Unauthorized { api, .. } => Some(api.status),
            ArmError::Decode { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The ARM error code of an API error.
    #[must_use]
    pub fn code(&self) -> Option<&str> {
        match self {
            ArmError::Api(e) => e.code.as_deref(),
            ArmError::Unauthorized { api, .. } => api.code.as_deref(),
            _ => None,
        }
    }

    /// The request and correlation ids of the answer, when one came.
    #[must_use]
    pub fn ids(&self) -> Option<&RequestIds> {
        match self {
            ArmError::Api(e) => Some(&e.ids),
            ArmError::Unauthorized { api, .. } => Some(&api.ids),
            ArmError::Decode { ids, .. } => Some(ids),
            _ => None,
        }
    }

    /// True for a 404.
    #[must_use]
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(404)
    }
}
