//! A local emulator of the Microsoft.ImportExport REST API, for the app's default mode, for
//! every test, and as a sandbox in which to rehearse a cancellation.
//!
//! It answers the ARM paths as Azure does (JSON shapes, status codes, `nextLink` paging,
//! `api-version` and bearer checks, ARM error bodies, request-id and rate-limit headers),
//! runs each job through a simulated lifecycle on a sped-up clock, and can inject faults.
//! With [`EmulatorConfig::arm_limits`] it also enforces ARM's request limits (see [`limits`]).
//! Under `/_emulator` (loopback only) it shows its request log and takes fault, limit and
//! clock settings.

mod admin;
pub mod catalog;
pub mod clock;
pub mod embedded;
pub mod faults;
pub mod filter;
pub mod limits;
pub mod routes;
pub mod rules;
pub mod scenario;
pub mod sim;
pub mod store;

use std::collections::{HashMap, VecDeque};
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::extract::{ConnectInfo, Request, State as AxumState};
use axum::http::Method;
use axum::response::Response;
use rand::SeedableRng as _;
use serde::Serialize;

use self::clock::{SimClock, rfc3339};
use self::faults::{FaultKind, FaultRule, Faults, Route};
use self::limits::{ArmLimits, Class, Limiter, Remaining, Throttled};
use self::scenario::Scenario;
use self::store::Store;

pub use self::scenario::{DEMO_SUBSCRIPTION, DEMO_SUBSCRIPTION_2};

/// Simulated seconds per real second by default: a demo cancellation (a few simulated
/// hours of copy, then packaging) plays out in a few real minutes.
pub const DEFAULT_SPEED: f64 = 120.0;

/// How many requests the log keeps.
pub const REQUEST_LOG_CAPACITY: usize = 10_000;

/// How much of a path or a query one log entry keeps, in bytes: with
/// [`REQUEST_LOG_CAPACITY`] entries the log holds at most about 40 MiB of them, however long
/// the requests (60 KB paths once grew it to 600 MB).
pub const LOGGED_TEXT_MAX_BYTES: usize = 2048;

/// How many subscriptions the hourly rate-limit countdowns are kept for before the ones of
/// past hours are dropped (a caller could send a new subscription id with every request).
const RATE_LIMIT_ENTRIES: usize = 10_000;

/// Decides whether a bearer token is accepted (for tests with an identity stand-in).
pub type TokenCheck = Arc<dyn Fn(&str) -> bool + Send + Sync>;

/// How to start an emulator.
#[derive(Clone)]
pub struct EmulatorConfig {
    /// The jobs to start with.
    pub scenario: Scenario,
    /// Simulated seconds per real second, 0 to [`clock::MAX_SPEED`] (else the emulator does
    /// not start: [`EmulatorError::Speed`]).
    pub speed: f64,
    /// Seed of all randomness (scenario, shipments, fault probabilities).
    pub seed: u64,
    /// Faults active from the start.
    pub faults: Vec<FaultRule>,
    /// When set, only tokens it accepts pass; otherwise any bearer token does.
    pub token_check: Option<TokenCheck>,
    /// ARM's request limits to enforce; `None` never throttles and sends one hourly
    /// countdown header per answer, as before limits existed.
    pub arm_limits: Option<ArmLimits>,
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        Self {
            scenario: Scenario::Demo,
            speed: DEFAULT_SPEED,
            seed: 1,
            faults: Vec::new(),
            token_check: None,
            arm_limits: None,
        }
    }
}

/// Why an emulator could not start.
#[derive(Debug, thiserror::Error)]
pub enum EmulatorError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address.
        addr: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The scenario could not be built.
    #[error("{0}")]
    Scenario(String),
    /// The speed is out of the range the clock runs at.
    #[error(transparent)]
    Speed(#[from] clock::SpeedOutOfRange),
}

/// One entry of the request log.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    /// Sequence number, from 1.
    pub seq: u64,
    /// HTTP method.
    pub method: String,
    /// Path, percent-encoded as sent; a longer one than [`LOGGED_TEXT_MAX_BYTES`] is cut
    /// there and ends with `… (N bytes)`, N its whole length.
    pub path: String,
    /// Query string, if any; cut as the path is.
    pub query: Option<String>,
    /// Route kind (`list`, `get`, `patch`, …), when the path was an ARM route.
    pub route: Option<&'static str>,
    /// Status answered.
    pub status: u16,
    /// The fault injected, if any.
    pub fault: Option<String>,
    /// Simulated time of the request.
    pub sim_time: String,
    /// Whether the request limits refused it (429, not carried out).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub throttled: bool,
}

/// Mutable state behind one lock; handlers hold it briefly and never across an await.
struct State {
    store: Store,
    faults: Faults,
    rng: rand::rngs::StdRng,
    log: VecDeque<LoggedRequest>,
    next_seq: u64,
    rate_limits: HashMap<(String, &'static str), (u64, u32)>,
    /// The request limits, when enforced.
    limiter: Option<Limiter>,
}

/// The rate-limit headers an answer gets.
pub(crate) enum Rate {
    /// No limits: the hourly countdown of the request's class, counted when the answer is
    /// written (as the emulator always did).
    Hourly,
    /// Limits enforced: what is left in each limited class.
    Limited(Remaining),
}

/// What all handlers share.
pub struct Shared {
    clock: SimClock,
    state: Mutex<State>,
    token_check: Option<TokenCheck>,
    addr: SocketAddr,
    base_url: url::Url,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        // Handlers never leave the state half-changed across a panic point: every change is
        // computed on a copy and stored in one assignment.
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn decide_fault(&self, route: Route, subscription: Option<&str>) -> Option<FaultKind> {
        let mut state = self.lock();
        let State { faults, rng, .. } = &mut *state;
        faults.decide(route, subscription, rng)
    }

    /// Counts a request that passed its checks against the limits of its subscription and
    /// caller. Requests outside a subscription and callers without a token are not counted.
    fn admit(
        &self,
        subscription: Option<&str>,
        token: Option<&str>,
        method: &Method,
    ) -> Result<Rate, Throttled> {
        let mut state = self.lock();
        match (state.limiter.as_mut(), subscription, token) {
            (Some(limiter), Some(sub), Some(token)) => limiter
                .admit(sub, token, Class::of(method), tokio::time::Instant::now())
                .map(Rate::Limited),
            (Some(_), _, _) => Ok(Rate::Limited(Remaining::default())),
            (None, _, _) => Ok(Rate::Hourly),
        }
    }

    /// The headers of an answer refused before it was counted (bad path, method, token or
    /// api-version): with limits, what is left, taking nothing.
    fn uncounted_rate(&self, subscription: Option<&str>, token: Option<&str>) -> Rate {
        let mut state = self.lock();
        match (state.limiter.as_mut(), subscription, token) {
            (Some(limiter), Some(sub), Some(token)) => {
                Rate::Limited(limiter.peek(sub, token, tokio::time::Instant::now()))
            }
            (Some(_), _, _) => Rate::Limited(Remaining::default()),
            (None, _, _) => Rate::Hourly,
        }
    }

    /// Replaces the limits (fresh, full buckets) or turns them off.
    fn set_arm_limits(&self, limits: Option<ArmLimits>) {
        self.lock().limiter = limits.map(Limiter::new);
    }

    fn arm_limits(&self) -> Option<ArmLimits> {
        self.lock().limiter.as_ref().map(Limiter::limits)
    }

    fn new_request_id(&self) -> String {
        use rand::RngExt as _;
        let n: u128 = self.lock().rng.random();
        let hex = format!("{n:032x}");
        format!(
            "{}-{}-{}-{}-{}",
            &hex[..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..]
        )
    }

    /// The rate-limit header for a request and its value: ARM's hourly budgets per
    /// subscription (12,000 reads, 1,200 writes, 15,000 deletes).
    fn rate_limit(&self, subscription: &str, method: &Method) -> (&'static str, u32) {
        let (kind, budget) = match *method {
            Method::GET => ("x-ms-ratelimit-remaining-subscription-reads", 12_000),
            Method::DELETE => ("x-ms-ratelimit-remaining-subscription-deletes", 15_000),
            _ => ("x-ms-ratelimit-remaining-subscription-writes", 1_200),
        };
        let hour = jiff::Timestamp::now().as_second().unsigned_abs() / 3600;
        let mut state = self.lock();
        if state.rate_limits.len() >= RATE_LIMIT_ENTRIES {
            // Countdowns of past hours start afresh anyway.
            state.rate_limits.retain(|_, (at, _)| *at == hour);
            if state.rate_limits.len() >= RATE_LIMIT_ENTRIES {
                state.rate_limits.clear();
            }
        }
        let entry = state
            .rate_limits
            .entry((subscription.to_ascii_lowercase(), kind))
            .or_insert((hour, budget));
        if entry.0 != hour {
            *entry = (hour, budget);
        }
        entry.1 = entry.1.saturating_sub(1);
        (kind, entry.1)
    }

    fn log(
        &self,
        method: &Method,
        uri: &axum::http::Uri,
        route: Option<Route>,
        status: u16,
        fault: Option<FaultKind>,
        throttled: bool,
    ) {
        let sim_time = rfc3339(self.clock.now());
        let mut state = self.lock();
        state.next_seq += 1;
        let entry = LoggedRequest {
            seq: state.next_seq,
            method: method.to_string(),
            path: bounded(uri.path()),
            query: uri.query().map(bounded),
            route: route.map(Route::name),
            status,
            fault: fault.map(|f| f.to_string()),
            sim_time,
            throttled,
        };
        if state.log.len() == REQUEST_LOG_CAPACITY {
            state.log.pop_front();
        }
        state.log.push_back(entry);
    }
}

/// `text` whole when it is at most [`LOGGED_TEXT_MAX_BYTES`] long; otherwise its first
/// [`LOGGED_TEXT_MAX_BYTES`] bytes (at a character boundary) and `… (N bytes)`.
fn bounded(text: &str) -> String {
    if text.len() <= LOGGED_TEXT_MAX_BYTES {
        return text.to_owned();
    }
    let mut end = LOGGED_TEXT_MAX_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

/// A running emulator. Dropping it stops it; [`Emulator::shutdown`] also waits for open
/// connections to finish.
pub struct Emulator {
    shared: Arc<Shared>,
    shutdown: tokio::sync::watch::Sender<bool>,
    server: tokio::task::JoinHandle<()>,
}

impl Emulator {
    /// Binds `listen` and starts serving on the current tokio runtime.
    pub async fn start(listen: &str, config: EmulatorConfig) -> Result<Self, EmulatorError> {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|source| EmulatorError::Bind {
                addr: listen.to_owned(),
                source,
            })?;
        Self::serve(listener, config)
    }

    /// Serves on an already bound listener.
    ///
    /// # Errors
    /// When the speed is out of range, the scenario cannot be built or the listener has no
    /// address.
    pub fn serve(
        listener: tokio::net::TcpListener,
        config: EmulatorConfig,
    ) -> Result<Self, EmulatorError> {
        let addr = listener
            .local_addr()
            .map_err(|source| EmulatorError::Bind {
                addr: "listener".to_owned(),
                source,
            })?;
        let clock = SimClock::new(clock::check_speed(config.speed)?);
        let mut rng = rand::rngs::StdRng::seed_from_u64(config.seed);
        let jobs = scenario::build(&config.scenario, clock.now(), &mut rng)
            .map_err(EmulatorError::Scenario)?;
        let mut store = Store::default();
        for job in jobs {
            store.insert(job);
        }
        let mut faults = Faults::default();
        faults.set(config.faults);
        let base_url = url::Url::parse(&format!("http://{addr}"))
            .map_err(|e| EmulatorError::Scenario(format!("bad listen address {addr}: {e}")))?;
        let shared = Arc::new(Shared {
            clock,
            state: Mutex::new(State {
                store,
                faults,
                rng,
                log: VecDeque::new(),
                next_seq: 0,
                rate_limits: HashMap::new(),
                limiter: config.arm_limits.map(Limiter::new),
            }),
            token_check: config.token_check,
            addr,
            base_url,
        });
        let (shutdown, mut stopped) = tokio::sync::watch::channel(false);
        let app = Router::new().fallback(dispatch).with_state(shared.clone());
        let purge_shared = shared.clone();
        let mut purge_stop = shutdown.subscribe();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            loop {
                tokio::select! {
                    _ = tick.tick() => {
                        let now = purge_shared.clock.now();
                        purge_shared.lock().store.purge_expired(now);
                    }
                    _ = purge_stop.changed() => break,
                }
            }
        });
        let server = tokio::spawn(async move {
            let service = app.into_make_service_with_connect_info::<SocketAddr>();
            let result = axum::serve(listener, service)
                .with_graceful_shutdown(async move {
                    let _ = stopped.wait_for(|stop| *stop).await;
                })
                .await;
            if let Err(e) = result {
                tracing::error!(error = %e, "emulator server stopped");
            }
        });
        Ok(Self {
            shared,
            shutdown,
            server,
        })
    }

    /// The address it listens on.
    #[must_use]
    pub fn addr(&self) -> SocketAddr {
        self.shared.addr
    }

    /// `http://HOST:PORT`.
    #[must_use]
    pub fn url(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    /// The subscriptions that hold jobs.
    #[must_use]
    pub fn subscriptions(&self) -> Vec<String> {
        self.shared
            .lock()
            .store
            .subscriptions()
            .into_iter()
            .collect()
    }

    /// Simulated time now, in Unix milliseconds.
    #[must_use]
    pub fn now(&self) -> clock::Millis {
        self.shared.clock.now()
    }

    /// Jumps the simulated clock forward.
    pub fn advance(&self, by: clock::Millis) {
        self.shared.clock.advance(by);
    }

    /// Changes the clock's speed.
    ///
    /// # Errors
    /// When `speed` is out of range (see [`clock::check_speed`]); the speed is unchanged then.
    pub fn set_speed(&self, speed: f64) -> Result<(), clock::SpeedOutOfRange> {
        self.shared.clock.set_speed(speed)
    }

    /// Replaces the active faults.
    pub fn set_faults(&self, rules: Vec<FaultRule>) {
        self.shared.lock().faults.set(rules);
    }

    /// Enforces `limits` from now on with full buckets, or stops throttling with `None`.
    pub fn set_arm_limits(&self, limits: Option<ArmLimits>) {
        self.shared.set_arm_limits(limits);
    }

    /// The request limits in force, if any.
    #[must_use]
    pub fn arm_limits(&self) -> Option<ArmLimits> {
        self.shared.arm_limits()
    }

    /// Pins a job to `state` from now on (it stops following the simulated lifecycle), as
    /// if the service had moved it: tests use it to change a job behind the app's back.
    /// False when there is no such job.
    #[must_use]
    pub fn fix_state(&self, key: &crate::model::JobKey, state: crate::model::JobState) -> bool {
        let now = self.shared.clock.now();
        let mut guard = self.shared.lock();
        match guard.store.get_mut(key, now) {
            Some(job) => {
                job.course = sim::Course::Fixed(state);
                true
            }
            None => false,
        }
    }

    /// The request log, oldest first.
    #[must_use]
    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.shared.lock().log.iter().cloned().collect()
    }

    /// Stops serving and waits for open connections to finish.
    pub async fn shutdown(self) {
        let _ = self.shutdown.send(true);
        let _ = self.server.await;
    }
}

async fn dispatch(
    AxumState(shared): AxumState<Arc<Shared>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    if parts.uri.path().starts_with("/_emulator") {
        return admin::handle(&shared, peer, &parts, body).await;
    }
    let (response, route, fault) = routes::handle(&shared, &parts, body).await;
    let throttled = response
        .extensions()
        .get::<limits::ThrottledMark>()
        .is_some();
    shared.log(
        &parts.method,
        &parts.uri,
        route,
        response.status().as_u16(),
        fault,
        throttled,
    );
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_text_is_cut_at_a_character_boundary_and_says_how_long_it_was() {
        assert_eq!(bounded("/short"), "/short");
        let exact = "a".repeat(LOGGED_TEXT_MAX_BYTES);
        assert_eq!(bounded(&exact), exact);
        // A two-byte character across the cut: the cut moves before it.
        let text = format!(
            "{}é{}",
            "a".repeat(LOGGED_TEXT_MAX_BYTES - 1),
            "b".repeat(100)
        );
        let kept = bounded(&text);
        assert_eq!(
            kept,
            format!(
                "{}… ({} bytes)",
                "a".repeat(LOGGED_TEXT_MAX_BYTES - 1),
                text.len()
            )
        );
    }
}
