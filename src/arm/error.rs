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
    #[error("{}", crate::tr!("arm-err-decode", status = .status.to_string(), what = *.what, detail = .detail, ids = .ids.to_string()))]
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
    #[error("{}", crate::tr!("arm-err-body-too-large", limit = .limit_bytes.to_string()))]
    BodyTooLarge {
        /// The limit.
        limit_bytes: usize,
    },
    /// The request did not get an answer.
    #[error("{}", crate::tr!("arm-err-transport", method = .method, path = .path, attempts = *.attempts, detail = .detail))]
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
    #[error("{}", crate::tr!("arm-err-foreign-next-link", link = .link_origin, endpoint = .endpoint_origin))]
    ForeignNextLink {
        /// Origin of the link.
        link_origin: String,
        /// Origin of the endpoint.
        endpoint_origin: String,
    },
    /// A `nextLink` repeated an earlier one.
    #[error("{}", crate::tr!("arm-err-next-link-loop", link = .0))]
    NextLinkLoop(String),
    /// A `nextLink` was not a URL.
    #[error("{}", crate::tr!("arm-err-bad-next-link", link = format!("{:?}", .0)))]
    BadNextLink(String),
    /// The listing exceeded the page limit.
    #[error("{}", crate::tr!("arm-err-too-many-pages", pages = .0.to_string()))]
    TooManyPages(usize),
    /// The configured endpoint is not usable.
    #[error("{}", crate::tr!("arm-err-invalid-endpoint", reason = .0))]
    InvalidEndpoint(String),
    /// No token could be had.
    #[error(transparent)]
    Token(#[from] TokenError),
    /// The service refused the credentials (HTTP 401), after one fresh token when the
    /// source could give one.
    #[error("{}", crate::tr!(
        "arm-err-unauthorized",
        identity = .identity,
        refreshed = if *.refreshed { "yes" } else { "no" },
        api = .api.to_string(),
    ))]
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

#[cfg(test)]
mod i18n_tests {
    use super::*;
    use crate::i18n::{Lang, scoped};

    fn transport(attempts: u32) -> ArmError {
        ArmError::Transport {
            kind: TransportKind::Connect,
            method: "GET".into(),
            path: "/subscriptions/s/providers/Microsoft.ImportExport/jobs".into(),
            attempts,
            detail: "connection refused".into(),
        }
    }

    #[test]
    fn the_client_s_own_errors_speak_the_language_in_force() {
        let path = "/subscriptions/s/providers/Microsoft.ImportExport/jobs";
        {
            let _guard = scoped(Lang::En);
            assert_eq!(
                transport(3).to_string(),
                format!("GET {path} failed after 3 attempt(s): connection refused")
            );
            assert_eq!(
                ArmError::TooManyPages(1000).to_string(),
                "listing stopped after 1000 pages"
            );
        }
        {
            let _guard = scoped(Lang::Es);
            assert_eq!(
                transport(1).to_string(),
                format!("GET {path} falló tras 1 intento: connection refused")
            );
            assert_eq!(
                transport(3).to_string(),
                format!("GET {path} falló tras 3 intentos: connection refused")
            );
        }
        let _guard = scoped(Lang::It);
        assert_eq!(
            transport(3).to_string(),
            format!("GET {path} non riuscita dopo 3 tentativi: connection refused")
        );
        assert_eq!(
            TokenError::Unavailable("az login needed".into()).to_string(),
            "impossibile ottenere un token di accesso: az login needed"
        );
    }
}
