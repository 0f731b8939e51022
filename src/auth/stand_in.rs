//! A stand-in for Microsoft Entra ID, for tests and demos without Azure: it issues short-lived
//! tokens to registered service principals (as the `azure_identity` HTTP transport) and to
//! the Azure CLI (as the runner of `az account get-access-token`), can revoke them, and tells
//! the emulator which tokens it issued. Nothing leaves the process.

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use azure_core::http::headers::{self, Headers};
use azure_core::http::{
    AsyncRawResponse, Body, HttpClient, Method, Request, StatusCode, Transport,
};

use super::AuthOptions;
use crate::emulator::TokenCheck;

/// The stand-in's authority host. `.invalid` never resolves: a request that escaped the
/// stand-in transport would fail rather than reach a real server.
pub const AUTHORITY: &str = "https://login.stand-in.invalid";

/// A stand-in identity provider; clones share the same state.
#[derive(Clone, Debug)]
pub struct StandInEntra {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Debug)]
struct Inner {
    lifetime: Duration,
    prefix: String,
    clients: HashMap<String, String>,
    disabled: HashSet<String>,
    tokens: HashMap<String, Issued>,
    issued: usize,
    serial: u64,
}

#[derive(Debug)]
struct Issued {
    expires: Instant,
    revoked: bool,
}

impl StandInEntra {
    /// A stand-in whose tokens live `lifetime` (whole seconds, at least one).
    #[must_use]
    pub fn new(lifetime: Duration) -> Self {
        Self {
            inner: Arc::new(Mutex::new(Inner {
                lifetime: lifetime.max(Duration::from_secs(1)),
                prefix: "stand-in".to_owned(),
                clients: HashMap::new(),
                disabled: HashSet::new(),
                tokens: HashMap::new(),
                issued: 0,
                serial: 0,
            })),
        }
    }

    /// Tokens start with `prefix` (a sentinel that a test then looks for everywhere).
    #[must_use]
    pub fn with_token_prefix(self, prefix: &str) -> Self {
        prefix.clone_into(&mut self.lock().prefix);
        self
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Registers a service principal.
    pub fn add_client(&self, client_id: &str, secret: &str) {
        self.lock()
            .clients
            .insert(client_id.to_owned(), secret.to_owned());
    }

    /// Refuses further token requests of a client (its secret was removed).
    pub fn disable_client(&self, client_id: &str) {
        self.lock().disabled.insert(client_id.to_owned());
    }

    /// Revokes every token issued so far.
    pub fn revoke_all(&self) {
        for issued in self.lock().tokens.values_mut() {
            issued.revoked = true;
        }
    }

    /// True for a token this stand-in issued, not revoked and not expired.
    #[must_use]
    pub fn accepts(&self, token: &str) -> bool {
        self.lock()
            .tokens
            .get(token)
            .is_some_and(|t| !t.revoked && Instant::now() < t.expires)
    }

    /// The emulator's token check: only tokens this stand-in issued pass.
    #[must_use]
    pub fn token_check(&self) -> TokenCheck {
        let stand_in = self.clone();
        Arc::new(move |token| stand_in.accepts(token))
    }

    /// How many tokens it has issued.
    #[must_use]
    pub fn tokens_issued(&self) -> usize {
        self.lock().issued
    }

    /// What `azure_identity` needs to sign in through this stand-in.
    #[must_use]
    pub fn auth_options(&self) -> AuthOptions {
        AuthOptions {
            transport: Some(Transport::new(Arc::new(StandInHttp(self.clone())))),
            cli_executor: Some(Arc::new(StandInCli(self.clone()))),
            authority_host: Some(AUTHORITY.to_owned()),
        }
    }

    /// Issues a token; returns it with its lifetime in seconds.
    fn issue(&self) -> (String, u64) {
        let mut inner = self.lock();
        inner.serial += 1;
        inner.issued += 1;
        let token = format!(
            "{}.{}.{:016x}",
            inner.prefix,
            inner.serial,
            rand::random::<u64>()
        );
        let expires = Instant::now() + inner.lifetime;
        inner.tokens.insert(
            token.clone(),
            Issued {
                expires,
                revoked: false,
            },
        );
        (token, inner.lifetime.as_secs().max(1))
    }

    /// Answers a token request body of the client-credentials flow.
    fn token_response(&self, form: &HashMap<String, String>) -> (StatusCode, serde_json::Value) {
        let field = |name: &str| form.get(name).map_or("", String::as_str);
        let client_id = field("client_id");
        let (known, disabled) = {
            let inner = self.lock();
            (
                inner.clients.get(client_id).cloned(),
                inner.disabled.contains(client_id),
            )
        };
        let refuse = |status, error: &str, code: u32, text: &str| {
            (
                status,
                serde_json::json!({
                    "error": error,
                    "error_description": format!("AADSTS{code}: {text}"),
                    "error_codes": [code],
                }),
            )
        };
        match known {
            None => refuse(
                StatusCode::BadRequest,
                "unauthorized_client",
                700_016,
                &format!(
                    "Application with identifier '{client_id}' was not found in the directory."
                ),
            ),
            Some(_) if disabled => refuse(
                StatusCode::Unauthorized,
                "invalid_client",
                7_000_222,
                "The provided client secret keys are expired or were removed.",
            ),
            Some(secret) if secret != field("client_secret") => refuse(
                StatusCode::Unauthorized,
                "invalid_client",
                7_000_215,
                "Invalid client secret provided.",
            ),
            Some(_) => {
                let (token, lifetime) = self.issue();
                (
                    StatusCode::Ok,
                    serde_json::json!({
                        "token_type": "Bearer",
                        "expires_in": lifetime,
                        "ext_expires_in": lifetime,
                        "access_token": token,
                    }),
                )
            }
        }
    }
}

/// The HTTP transport: answers `POST {AUTHORITY}/{tenant}/oauth2/v2.0/token`.
#[derive(Debug)]
struct StandInHttp(StandInEntra);

#[async_trait::async_trait]
impl HttpClient for StandInHttp {
    async fn execute_request(&self, request: &Request) -> azure_core::Result<AsyncRawResponse> {
        let url = request.url();
        let is_token_path = url.path().ends_with("/oauth2/v2.0/token");
        let (status, body) = if url.as_str().starts_with(AUTHORITY)
            && is_token_path
            && request.method() == Method::Post
        {
            let form: HashMap<String, String> = match request.body() {
                Body::Bytes(bytes) => url::form_urlencoded::parse(bytes)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
                Body::SeekableStream(_) => HashMap::new(),
            };
            self.0.token_response(&form)
        } else {
            (
                StatusCode::NotFound,
                serde_json::json!({"error": "not_found", "error_description": "the stand-in answers token requests only"}),
            )
        };
        let mut headers = Headers::new();
        headers.insert(headers::CONTENT_TYPE, "application/json");
        Ok(AsyncRawResponse::from_bytes(
            status,
            headers,
            body.to_string().into_bytes(),
        ))
    }
}

/// The `az` runner: answers `az account get-access-token` as Azure CLI 2.54+ does.
#[derive(Debug)]
struct StandInCli(StandInEntra);

#[async_trait::async_trait]
impl azure_identity::Executor for StandInCli {
    async fn run(
        &self,
        _program: &OsStr,
        args: &[&OsStr],
    ) -> std::io::Result<std::process::Output> {
        use std::os::unix::process::ExitStatusExt as _;
        let command = args
            .iter()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ");
        let (code, stdout, stderr) = if command.contains("az account get-access-token") {
            let (token, lifetime) = self.0.issue();
            let expires_on = jiff::Timestamp::now().as_second()
                + i64::try_from(lifetime).unwrap_or(i64::MAX / 2);
            let body = serde_json::json!({
                "accessToken": token,
                "expiresOn": "",
                "expires_on": expires_on,
                "subscription": "00000000-0000-0000-0000-000000000001",
                "tenant": "00000000-0000-0000-0000-0000000000aa",
                "tokenType": "Bearer",
            });
            (0, body.to_string(), String::new())
        } else {
            (
                127,
                String::new(),
                format!("not a command the stand-in knows: {command}"),
            )
        };
        Ok(std::process::Output {
            status: std::process::ExitStatus::from_raw(code << 8),
            stdout: stdout.into_bytes(),
            stderr: stderr.into_bytes(),
        })
    }
}
