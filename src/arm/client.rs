//! The Azure Resource Manager client for Microsoft.ImportExport jobs.
//!
//! It lists (following `nextLink`), reads, cancels and deletes jobs, retrying what is safe to
//! retry. The bearer token goes only to the configured endpoint's origin: a `nextLink`
//! elsewhere is refused.

use std::collections::HashSet;
use std::net::IpAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde::de::DeserializeOwned;
use url::Url;

use crate::model::{Job, JobKey};

use super::convert::ConvertError;

use super::error::{ApiError, ArmError, RequestIds, TransportKind};
use super::ledger::{Ledger, subscription_of};
use super::retry::{RetryPolicy, is_retryable_status, retry_after};
use super::token::TokenSource;
use super::wire::{
    ErrorResponse, JobResponse, ListJobsResponse, Subscription, SubscriptionListResult,
};

/// The public Azure Resource Manager endpoint.
pub const AZURE_PUBLIC_ENDPOINT: &str = "https://management.azure.com";

/// The API version used unless configured otherwise: the newest stable one.
pub const DEFAULT_API_VERSION: &str = "2020-08-01";

/// The Microsoft.ImportExport api-versions this client reads (the 2016 and 2020 stable ones
/// and the 2021 preview), the one list the settings and the emulator accept too.
pub const API_VERSIONS: [&str; 3] = ["2016-11-01", DEFAULT_API_VERSION, "2021-01-01"];

/// The `api-version` of `Microsoft.Resources` subscription listings.
pub const SUBSCRIPTIONS_API_VERSION: &str = "2022-12-01";

/// Listing gives up after this many pages: 10 million jobs at the service's 100 a page.
const MAX_PAGES: usize = 100_000;

/// How the client talks to the service.
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Base URL, e.g. `https://management.azure.com` or `http://127.0.0.1:8642`.
    pub endpoint: Url,
    /// `api-version` sent with every request.
    pub api_version: String,
    /// Retry policy for transient failures.
    pub retry: RetryPolicy,
    /// Time allowed for one attempt, from connecting to the end of the body.
    pub request_timeout: Duration,
    /// Largest response body read; larger ones are refused.
    pub max_body_bytes: usize,
}

impl ClientConfig {
    /// A configuration for `endpoint` with the defaults: API version 2020-08-01, 4 attempts,
    /// 30 s per attempt, 64 MiB bodies at most.
    ///
    /// The endpoint must be `https`, or `http` on a loopback address (the local emulator):
    /// a token must never travel in clear text over a network.
    pub fn new(endpoint: &str) -> Result<Self, ArmError> {
        let endpoint = Url::parse(endpoint)
            .map_err(|e| ArmError::InvalidEndpoint(format!("{endpoint:?} is not a URL: {e}")))?;
        match endpoint.scheme() {
            "https" => {}
            "http" if is_loopback(&endpoint) => {}
            "http" => {
                return Err(ArmError::InvalidEndpoint(format!(
                    "{endpoint} uses plain http; only https is allowed, except for loopback addresses"
                )));
            }
            other => {
                return Err(ArmError::InvalidEndpoint(format!(
                    "{endpoint} has the scheme {other:?}; use https"
                )));
            }
        }
        if endpoint.host_str().is_none() || endpoint.cannot_be_a_base() {
            return Err(ArmError::InvalidEndpoint(format!("{endpoint} has no host")));
        }
        Ok(Self {
            endpoint,
            api_version: DEFAULT_API_VERSION.to_owned(),
            retry: RetryPolicy::default(),
            request_timeout: Duration::from_secs(30),
            max_body_bytes: 64 * 1024 * 1024,
        })
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Which jobs a listing covers.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum ListScope {
    /// All jobs of a subscription.
    Subscription(String),
    /// The jobs of one resource group.
    ResourceGroup {
        /// Subscription id.
        subscription_id: String,
        /// Resource group name.
        resource_group: String,
    },
}

/// How a delete ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeleteOutcome {
    /// The service answered 200: the job is deleted.
    Deleted,
    /// An earlier attempt got no answer and the retry found no job: it was deleted then.
    AlreadyGone,
}

/// A successful response, read in full.
struct RawResponse {
    status: StatusCode,
    ids: RequestIds,
    body: Vec<u8>,
}

/// A cancel or delete the service answered, with the ids of its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmed<T> {
    /// What the answer said.
    pub value: T,
    /// `x-ms-request-id` and `x-ms-correlation-request-id` of the answer.
    pub ids: RequestIds,
}

/// The client. Cheap to clone; clones share the connection pool.
#[derive(Clone)]
pub struct ArmClient {
    http: reqwest::Client,
    config: ClientConfig,
    tokens: Arc<dyn TokenSource>,
    ledger: Ledger,
}

impl ArmClient {
    /// A client for `config` that takes its tokens from `tokens`.
    pub fn new(config: ClientConfig, tokens: Arc<dyn TokenSource>) -> Result<Self, ArmError> {
        let mut builder = reqwest::Client::builder()
            .user_agent(concat!("iejobs/", env!("CARGO_PKG_VERSION")))
            // Redirects would carry the Authorization header to wherever they point.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.request_timeout.min(Duration::from_secs(10)));
        if is_loopback(&config.endpoint) {
            // The local emulator is never reached through HTTP(S)_PROXY: a proxy cannot reach
            // this machine's loopback, and NO_PROXY is rarely set for it. Elsewhere reqwest
            // honours HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY.
            builder = builder.no_proxy();
        }
        let http = builder
            .build()
            .map_err(|e| ArmError::InvalidEndpoint(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self {
            http,
            config,
            tokens,
            ledger: Ledger::default(),
        })
    }

    /// What the client learnt of ARM's request limits, per subscription.
    #[must_use]
    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// The configuration in use.
    #[must_use]
    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    /// Who the tokens are for, as the token source says.
    #[must_use]
    pub fn identity(&self) -> String {
        self.tokens.identity()
    }

    /// A pager over the jobs of `scope`, one page per call.
    #[must_use]
    pub fn pager(&self, scope: &ListScope) -> JobPager {
        let segments: Vec<&str> = match scope {
            ListScope::Subscription(sub) => vec![
                "subscriptions",
                sub,
                "providers",
                "Microsoft.ImportExport",
                "jobs",
            ],
            ListScope::ResourceGroup {
                subscription_id,
                resource_group,
            } => vec![
                "subscriptions",
                subscription_id,
                "resourceGroups",
                resource_group,
                "providers",
                "Microsoft.ImportExport",
                "jobs",
            ],
        };
        Pager::new(self.clone(), self.url(&segments))
    }

    /// Every job of `scope`, following `nextLink` to the end.
    pub async fn list_jobs(&self, scope: &ListScope) -> Result<Vec<JobResponse>, ArmError> {
        self.pager(scope).collect_all().await
    }

    /// The subscriptions the identity can see (`GET /subscriptions`, api-version
    /// [`SUBSCRIPTIONS_API_VERSION`]), following `nextLink`.
    pub async fn list_subscriptions(&self) -> Result<Vec<Subscription>, ArmError> {
        let mut url = self.url(&["subscriptions"]);
        url.query_pairs_mut()
            .clear()
            .append_pair("api-version", SUBSCRIPTIONS_API_VERSION);
        Pager::<SubscriptionListResult>::new(self.clone(), url)
            .collect_all()
            .await
    }

    /// One job.
    pub async fn get_job(&self, key: &JobKey) -> Result<JobResponse, ArmError> {
        let response = self.execute(Method::GET, self.job_url(key), None).await?;
        decode(&response, "job")
    }

    /// Asks the service to cancel a job (`PATCH {"properties":{"cancelRequested":true}}`).
    /// Returns the job as the service answered it; its state does not change by itself.
    pub async fn request_cancel(&self, key: &JobKey) -> Result<JobResponse, ArmError> {
        self.request_cancel_confirmed(key).await.map(|c| c.value)
    }

    /// [`Self::request_cancel`], with the ids of the answer (what the audit trail and Azure
    /// support need).
    pub async fn request_cancel_confirmed(
        &self,
        key: &JobKey,
    ) -> Result<Confirmed<JobResponse>, ArmError> {
        let body = serde_json::json!({ "properties": { "cancelRequested": true } });
        let response = self
            .execute(Method::PATCH, self.job_url(key), Some(&body))
            .await?;
        Ok(Confirmed {
            value: decode(&response, "job")?,
            ids: response.ids,
        })
    }

    /// Deletes a job. A 404 after a retry means an earlier attempt did delete it.
    pub async fn delete_job(&self, key: &JobKey) -> Result<DeleteOutcome, ArmError> {
        self.delete_job_confirmed(key).await.map(|c| c.value)
    }

    /// [`Self::delete_job`], with the ids of the answer.
    pub async fn delete_job_confirmed(
        &self,
        key: &JobKey,
    ) -> Result<Confirmed<DeleteOutcome>, ArmError> {
        match self.execute(Method::DELETE, self.job_url(key), None).await {
            Ok(response) => Ok(Confirmed {
                value: DeleteOutcome::Deleted,
                ids: response.ids,
            }),
            Err(ArmError::Api(e)) if e.status == 404 && e.attempts > 1 => Ok(Confirmed {
                value: DeleteOutcome::AlreadyGone,
                ids: e.ids,
            }),
            Err(e) => Err(e),
        }
    }

    fn job_url(&self, key: &JobKey) -> Url {
        self.url(&[
            "subscriptions",
            &key.subscription_id,
            "resourceGroups",
            &key.resource_group,
            "providers",
            "Microsoft.ImportExport",
            "jobs",
            &key.name,
        ])
    }

    /// The endpoint plus percent-encoded `segments`, with `api-version`.
    fn url(&self, segments: &[&str]) -> Url {
        let mut url = self.config.endpoint.clone();
        if let Ok(mut path) = url.path_segments_mut() {
            path.pop_if_empty().extend(segments);
        }
        url.query_pairs_mut()
            .clear()
            .append_pair("api-version", &self.config.api_version);
        url
    }

    /// Sends a request, retrying throttling, transient server errors and lost connections
    /// with backoff. Every operation of this client is safe to repeat: reads, the cancel
    /// `PATCH` (setting a flag to true twice is the same as once) and `DELETE`.
    async fn execute(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
    ) -> Result<RawResponse, ArmError> {
        self.execute_observed(method, url, body, None).await
    }

    /// A 429 for `subscription` holds every request to it until its wait ends; a wait longer
    /// than a request may wait is not slept through: the request is not sent, and said so.
    async fn hold_while_throttled(
        &self,
        subscription: &str,
        attempt: u32,
        method: &Method,
        url: &Url,
    ) -> Result<(), ArmError> {
        let Some(until) = self.ledger.throttled_until(subscription) else {
            return Ok(());
        };
        let wait = until.saturating_duration_since(tokio::time::Instant::now());
        if wait > self.config.retry.max_retry_after {
            return Err(ArmError::Api(ApiError {
                status: 429,
                code: Some("SubscriptionRequestsThrottled".to_owned()),
                // The seconds as text: "3600 s" in English, as before, not "3,600 s".
                message: Some(crate::tr!(
                    "arm-throttled-not-sent",
                    seconds = wait.as_secs().max(1).to_string()
                )),
                ids: RequestIds::default(),
                retry_after: Some(wait),
                attempts: attempt - 1,
            }));
        }
        tracing::debug!(%method, path = url.path(), "waiting for ARM's Retry-After");
        tokio::time::sleep_until(until).await;
        Ok(())
    }

    /// [`Self::execute`], writing the number of the attempt under way to `attempt` (so that
    /// a window can say "attempt 2 of 4" while a slow page is read).
    async fn execute_observed(
        &self,
        method: Method,
        url: Url,
        body: Option<&serde_json::Value>,
        attempt_now: Option<&AtomicU32>,
    ) -> Result<RawResponse, ArmError> {
        let policy = &self.config.retry;
        let max_attempts = policy.max_attempts.max(1);
        let mut refreshed_token = false;
        let mut attempt = 0;
        let subscription = subscription_of(&url);
        loop {
            attempt += 1;
            if let Some(observer) = attempt_now {
                observer.store(attempt, Ordering::Relaxed);
            }
            if let Some(sub) = &subscription {
                self.hold_while_throttled(sub, attempt, &method, &url)
                    .await?;
                if method == Method::GET {
                    self.ledger.read_sent(sub);
                }
            }
            let token = self.tokens.token().await?;
            let mut request = self
                .http
                .request(method.clone(), url.clone())
                .bearer_auth(token.token.expose())
                .timeout(self.config.request_timeout)
                .header(reqwest::header::ACCEPT, "application/json");
            if let Some(body) = body {
                request = request.json(body);
            }
            let outcome = match request.send().await {
                Ok(response) => {
                    if let Some(sub) = &subscription {
                        let wait = retry_after(response.headers());
                        let status = response.status().as_u16();
                        self.ledger.answered(sub, status, response.headers(), wait);
                    }
                    self.read(response).await
                }
                Err(e) => Err(e),
            };
            let (wait, error) = match outcome {
                Ok(Ok(raw)) => {
                    tracing::debug!(%method, path = url.path(), status = raw.status.as_u16(), attempt, "ARM request");
                    return Ok(raw);
                }
                Ok(Err((mut api, retryable))) => {
                    api.attempts = attempt;
                    tracing::debug!(%method, path = url.path(), status = api.status, attempt, "ARM request failed");
                    if api.status == 401 {
                        if !refreshed_token && self.tokens.invalidate() {
                            refreshed_token = true;
                            attempt -= 1;
                            continue;
                        }
                        return Err(ArmError::Unauthorized {
                            api: Box::new(api),
                            identity: self.tokens.identity(),
                            refreshed: refreshed_token,
                        });
                    }
                    if !retryable || attempt >= max_attempts {
                        return Err(ArmError::Api(api));
                    }
                    let wait = match api.retry_after {
                        Some(asked) if asked > policy.max_retry_after => {
                            return Err(ArmError::Api(api));
                        }
                        Some(asked) => asked,
                        None => policy.backoff(attempt),
                    };
                    (wait, ArmError::Api(api))
                }
                Err(e) => {
                    let is_builder = e.is_builder();
                    let error = transport_error(e, &method, &url, attempt);
                    tracing::debug!(%method, path = url.path(), attempt, error = %error, "ARM request got no answer");
                    if is_builder || attempt >= max_attempts {
                        return Err(error);
                    }
                    (policy.backoff(attempt), error)
                }
            };
            tracing::info!(%method, path = url.path(), attempt, wait_ms = wait.as_millis(), error = %error, "retrying");
            tokio::time::sleep(wait).await;
        }
    }

    /// Reads a response: the outer error is a transport failure while reading, the inner one
    /// a non-success status (with whether it is worth retrying).
    async fn read(
        &self,
        mut response: reqwest::Response,
    ) -> Result<Result<RawResponse, (ApiError, bool)>, reqwest::Error> {
        let status = response.status();
        let ids = RequestIds::from_headers(response.headers());
        let wait = retry_after(response.headers());
        let limit = self.config.max_body_bytes;
        let mut body = Vec::new();
        let mut too_large = response
            .content_length()
            .is_some_and(|len| len > limit as u64);
        while !too_large && let Some(chunk) = response.chunk().await? {
            if body.len() + chunk.len() > limit {
                too_large = true;
            } else {
                body.extend_from_slice(&chunk);
            }
        }
        if status.is_success() {
            if too_large {
                // Reported through the API error path so that it is not retried.
                return Ok(Err((
                    ApiError {
                        status: status.as_u16(),
                        code: Some("ResponseTooLarge".to_owned()),
                        message: Some(format!("the response is larger than {limit} bytes")),
                        ids,
                        retry_after: None,
                        attempts: 1,
                    },
                    false,
                )));
            }
            return Ok(Ok(RawResponse { status, ids, body }));
        }
        let (code, message) = error_text(&body);
        Ok(Err((
            ApiError {
                status: status.as_u16(),
                code,
                message,
                ids,
                retry_after: wait,
                attempts: 1,
            },
            is_retryable_status(status),
        )))
    }
}

/// One page of a listing: its items and the link to the next page.
pub trait Page: DeserializeOwned {
    /// What the page lists.
    type Item;
    /// What a decode error calls the page, e.g. "job list".
    const WHAT: &'static str;
    /// The items and the `nextLink`.
    fn split(self) -> (Vec<Self::Item>, Option<String>);
}

impl Page for ListJobsResponse {
    type Item = JobResponse;
    const WHAT: &'static str = "job list";
    fn split(self) -> (Vec<JobResponse>, Option<String>) {
        (self.value, self.next_link)
    }
}

impl Page for SubscriptionListResult {
    type Item = Subscription;
    const WHAT: &'static str = "subscription list";
    fn split(self) -> (Vec<Subscription>, Option<String>) {
        (self.value, self.next_link)
    }
}

/// Pages through a listing; see [`ArmClient::pager`].
pub struct Pager<P> {
    client: ArmClient,
    next: Option<Url>,
    seen: HashSet<String>,
    pages: usize,
    /// The attempt under way at reading the current page (0 before the first).
    attempt: Arc<AtomicU32>,
    page: std::marker::PhantomData<P>,
}

/// Pages through a job listing.
pub type JobPager = Pager<ListJobsResponse>;

impl JobPager {
    /// The next page as the worker keeps its jobs ([`crate::arm::job_summary_from_wire`]'s
    /// result for each), decoded straight from the answer without the fields a summary
    /// drops; `None` after the last page. A job that cannot be converted is an `Err` in
    /// its place, so the caller says so.
    pub async fn next_summaries(
        &mut self,
    ) -> Result<Option<Vec<Result<Job, ConvertError>>>, ArmError> {
        let Some(response) = self.next_body().await? else {
            return Ok(None);
        };
        let page: super::summary::SummaryPage<'_> = decode(&response, ListJobsResponse::WHAT)?;
        self.follow(page.next_link.as_deref())?;
        Ok(Some(
            page.value
                .iter()
                .map(super::summary::JobSummaryWire::to_job)
                .collect(),
        ))
    }
}

impl<P: Page> Pager<P> {
    fn new(client: ArmClient, first: Url) -> Self {
        Self {
            client,
            next: Some(first),
            seen: HashSet::new(),
            pages: 0,
            attempt: Arc::default(),
            page: std::marker::PhantomData,
        }
    }

    /// The next page, or `None` after the last one.
    pub async fn next_page(&mut self) -> Result<Option<Vec<P::Item>>, ArmError> {
        let Some(response) = self.next_body().await? else {
            return Ok(None);
        };
        let page: P = decode(&response, P::WHAT)?;
        let (items, next_link) = page.split();
        self.follow(next_link.as_deref())?;
        Ok(Some(items))
    }

    /// The answer for the next page, or `None` after the last one.
    async fn next_body(&mut self) -> Result<Option<RawResponse>, ArmError> {
        let Some(url) = self.next.take() else {
            return Ok(None);
        };
        self.pages += 1;
        if self.pages > MAX_PAGES {
            return Err(ArmError::TooManyPages(MAX_PAGES));
        }
        self.seen.insert(url.as_str().to_owned());
        self.client
            .execute_observed(Method::GET, url, None, Some(&self.attempt))
            .await
            .map(Some)
    }

    /// Takes the page's `nextLink` as the next page to read (none, or an empty one, ends).
    fn follow(&mut self, next_link: Option<&str>) -> Result<(), ArmError> {
        if let Some(link) = next_link.filter(|l| !l.is_empty()) {
            self.next = Some(self.check_next_link(link)?);
        }
        Ok(())
    }

    /// Every remaining item, following `nextLink` to the end.
    pub async fn collect_all(mut self) -> Result<Vec<P::Item>, ArmError> {
        let mut items = Vec::new();
        while let Some(page) = self.next_page().await? {
            items.extend(page);
        }
        Ok(items)
    }

    /// True once the last page was read.
    #[must_use]
    pub fn is_done(&self) -> bool {
        self.next.is_none() && self.pages > 0
    }

    /// The attempt under way at reading the page being read (1 for the first try; retries
    /// after a timeout, a 5xx or a 429 count up), shared: it can be watched while the pager
    /// is busy in another task.
    #[must_use]
    pub fn attempt(&self) -> Arc<AtomicU32> {
        self.attempt.clone()
    }

    /// Number of pages fetched so far.
    #[must_use]
    pub fn pages(&self) -> usize {
        self.pages
    }

    fn check_next_link(&self, link: &str) -> Result<Url, ArmError> {
        let url = Url::parse(link).map_err(|_| ArmError::BadNextLink(link.to_owned()))?;
        let endpoint = &self.client.config.endpoint;
        if url.origin() != endpoint.origin() {
            return Err(ArmError::ForeignNextLink {
                link_origin: url.origin().ascii_serialization(),
                endpoint_origin: endpoint.origin().ascii_serialization(),
            });
        }
        if self.seen.contains(url.as_str()) {
            return Err(ArmError::NextLinkLoop(link.to_owned()));
        }
        Ok(url)
    }
}

fn decode<'a, T: serde::Deserialize<'a>>(
    response: &'a RawResponse,
    what: &'static str,
) -> Result<T, ArmError> {
    serde_json::from_slice(&response.body).map_err(|e| ArmError::Decode {
        status: response.status.as_u16(),
        what,
        detail: e.to_string(),
        ids: response.ids.clone(),
    })
}

/// The code and message of an error body: the ARM shape, ARM's flat variant, or the start of
/// whatever text came (at most 200 characters).
#[must_use]
pub fn error_text(body: &[u8]) -> (Option<String>, Option<String>) {
    if let Ok(ErrorResponse { error: Some(info) }) = serde_json::from_slice(body)
        && (info.code.is_some() || info.message.is_some())
    {
        return (info.code, info.message);
    }
    if let Ok(flat) = serde_json::from_slice::<super::wire::ErrorInfo>(body)
        && (flat.code.is_some() || flat.message.is_some())
    {
        return (flat.code, flat.message);
    }
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.is_empty() {
        return (None, None);
    }
    let snippet: String = text.chars().take(200).collect();
    (None, Some(snippet))
}

fn transport_error(e: reqwest::Error, method: &Method, url: &Url, attempts: u32) -> ArmError {
    let kind = if e.is_timeout() {
        TransportKind::Timeout
    } else if e.is_connect() {
        TransportKind::Connect
    } else {
        TransportKind::Other
    };
    // reqwest's message names the URL; the chain of sources says what went wrong.
    let e = e.without_url();
    let mut detail = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(inner) = source {
        detail.push_str(": ");
        detail.push_str(&inner.to_string());
        source = inner.source();
    }
    ArmError::Transport {
        kind,
        method: method.to_string(),
        path: url.path().to_owned(),
        attempts,
        detail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_must_be_https_or_loopback_http() {
        for ok in [
            "https://management.azure.com",
            "http://127.0.0.1:8642",
            "http://localhost:1",
            "http://[::1]:9",
        ] {
            assert!(ClientConfig::new(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://management.azure.com",
            "ftp://x",
            "not a url",
            "http://10.0.0.1",
        ] {
            assert!(
                matches!(ClientConfig::new(bad), Err(ArmError::InvalidEndpoint(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn error_bodies_in_every_shape() {
        let arm = br#"{"error":{"code":"Conflict","message":"no"}}"#;
        assert_eq!(
            error_text(arm),
            (Some("Conflict".into()), Some("no".into()))
        );
        let flat = br#"{"code":"Flat","message":"yes"}"#;
        assert_eq!(error_text(flat), (Some("Flat".into()), Some("yes".into())));
        assert_eq!(
            error_text(b"  <html>bad gateway</html> "),
            (None, Some("<html>bad gateway</html>".into()))
        );
        assert_eq!(error_text(b""), (None, None));
    }
}
