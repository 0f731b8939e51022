//! Fault injection: make chosen routes fail on purpose, by chance or by script.
//!
//! A fault spec is `[ROUTE:]KIND[=ARG][@PROBABILITY | *COUNT | #PATTERN][~SUBSCRIPTION]`:
//!
//! - ROUTE: `all` (default), `list`, `get`, `put`, `patch`, `delete`, `bitlocker`,
//!   `locations`, `operations`, `subscriptions`.
//! - KIND: `429` (ARG: Retry-After seconds, default 1), `500`, `503`, `401` (an expired
//!   token), `delay` (ARG: milliseconds, default 1000), `drop` (the request is carried out,
//!   then the connection is cut before the body is sent), `truncate` (the request is carried
//!   out, the JSON body is cut in half). The next ones also carry the request out and then
//!   spoil a successful answer: `badjson` (the body is not JSON), `unknownstate` (every job
//!   says the state `Mothballed`), `sparse` (every job keeps only `id`, `name` and
//!   `properties.state`: all optional fields missing), `looplink` (a listing's `nextLink`
//!   points to one page forever), `foreignlink` (ARG: a port, default 9: a listing's
//!   `nextLink` points to `http://127.0.0.1:PORT`, another origin).
//! - Subscription refusals, as ARM answers for a subscription the caller cannot use (the
//!   request is not carried out): `403` (`AuthorizationFailed`: the caller has no role there),
//!   `subnotfound` (404 `SubscriptionNotFound`; `notfound-sub` is accepted too) and
//!   `unregistered` (409 `MissingSubscriptionRegistration`: the resource provider is not
//!   registered). They only match requests under `/subscriptions/{id}/…` (`list`, `get`,
//!   `put`, `patch`, `delete`, `bitlocker`), never `GET /subscriptions`, locations or
//!   operations.
//! - `@0.25`: each matching request fails with that probability; `*3`: the next 3 matching
//!   requests fail; `#0110`: a script, one character per matching request (`1` fails), after
//!   which the rule is spent. Without any of these, every matching request fails.
//! - `~SUBSCRIPTION` (last): the rule matches only requests for that subscription id
//!   (case-insensitive); requests for others neither fail nor advance its script or count.
//!   Any kind may be scoped so; a scoped rule never matches routes without a subscription.
//!
//! Patterns and counts are per rule, not path filters: `~` is the way to make one subscription
//! fail while the others answer.
//!
//! Examples: `429=2@0.3`, `list:503*2`, `delete:drop*1`, `get:delay=5000`, `patch:truncate#01`,
//! `list:looplink`, `list:foreignlink=8080`, `get:sparse*1`,
//! `list:403~00000000-0000-0000-0000-000000000002`, `unregistered*2~SUB`.

use std::fmt;

use rand::RngExt as _;

/// The kinds of requests a fault can target.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Route {
    /// Every ARM request.
    All,
    /// Job listings.
    List,
    /// `GET` one job.
    Get,
    /// `PUT` (create).
    Put,
    /// `PATCH` (update, cancel).
    Patch,
    /// `DELETE`.
    Delete,
    /// `POST …/listBitLockerKeys`.
    BitLocker,
    /// `GET /subscriptions`.
    Subscriptions,
    /// Locations.
    Locations,
    /// Operations.
    Operations,
}

impl Route {
    const NAMES: [(&'static str, Route); 10] = [
        ("all", Route::All),
        ("list", Route::List),
        ("get", Route::Get),
        ("put", Route::Put),
        ("patch", Route::Patch),
        ("delete", Route::Delete),
        ("bitlocker", Route::BitLocker),
        ("subscriptions", Route::Subscriptions),
        ("locations", Route::Locations),
        ("operations", Route::Operations),
    ];

    /// The route's name in fault specs and in the request log.
    #[must_use]
    pub fn name(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(_, r)| *r == self)
            .map_or("all", |(n, _)| n)
    }
}

/// What happens to a faulted request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// 429 with `Retry-After` in seconds.
    Throttle {
        /// The `Retry-After` value.
        retry_after_secs: u64,
    },
    /// 500 Internal Server Error.
    ServerError,
    /// 503 Service Unavailable.
    Unavailable,
    /// Wait this long, then answer normally.
    Delay {
        /// Milliseconds.
        ms: u64,
    },
    /// Carry out the request, then cut the connection before the body.
    Drop,
    /// Carry out the request, then send only half of the JSON body.
    Truncate,
    /// 401: the token is not accepted.
    Unauthorized,
    /// Carry out the request, then send a body that is not JSON.
    BadJson,
    /// Carry out the request; every job in the answer has a state no documentation names.
    UnknownState,
    /// Carry out the request; every job in the answer keeps only its id, name and state.
    Sparse,
    /// Carry out the listing; its `nextLink` leads to one page that links to itself.
    LoopLink,
    /// Carry out the listing; its `nextLink` leads to another origin.
    ForeignLink {
        /// The port of `http://127.0.0.1:PORT`.
        port: u16,
    },
    /// 403 `AuthorizationFailed`: the caller has no access to the subscription.
    Forbidden,
    /// 404 `SubscriptionNotFound`.
    SubscriptionNotFound,
    /// 409 `MissingSubscriptionRegistration`: Microsoft.ImportExport is not registered.
    Unregistered,
}

impl FaultKind {
    /// Whether this kind refuses a whole subscription (and so only applies to requests that
    /// name one).
    #[must_use]
    pub fn is_subscription_refusal(self) -> bool {
        matches!(
            self,
            FaultKind::Forbidden | FaultKind::SubscriptionNotFound | FaultKind::Unregistered
        )
    }
}

impl fmt::Display for FaultKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FaultKind::Throttle { retry_after_secs } => write!(f, "429={retry_after_secs}"),
            FaultKind::ServerError => f.write_str("500"),
            FaultKind::Unavailable => f.write_str("503"),
            FaultKind::Delay { ms } => write!(f, "delay={ms}"),
            FaultKind::Drop => f.write_str("drop"),
            FaultKind::Truncate => f.write_str("truncate"),
            FaultKind::Unauthorized => f.write_str("401"),
            FaultKind::BadJson => f.write_str("badjson"),
            FaultKind::UnknownState => f.write_str("unknownstate"),
            FaultKind::Sparse => f.write_str("sparse"),
            FaultKind::LoopLink => f.write_str("looplink"),
            FaultKind::ForeignLink { port } => write!(f, "foreignlink={port}"),
            FaultKind::Forbidden => f.write_str("403"),
            FaultKind::SubscriptionNotFound => f.write_str("subnotfound"),
            FaultKind::Unregistered => f.write_str("unregistered"),
        }
    }
}

/// When a rule fires.
#[derive(Clone, Debug, PartialEq)]
enum Trigger {
    Always,
    Probability(f64),
    /// Remaining script; `true` fires. Spent when empty.
    Script(std::collections::VecDeque<bool>),
}

/// One fault rule.
#[derive(Clone, Debug, PartialEq)]
pub struct FaultRule {
    route: Route,
    kind: FaultKind,
    trigger: Trigger,
    /// Only requests for this subscription match, when set.
    subscription: Option<String>,
    spec: String,
}

impl FaultRule {
    /// Parses a spec (see the module documentation).
    pub fn parse(spec: &str) -> Result<Self, String> {
        let text = spec.trim();
        let (scoped, subscription) = split_scope(text)?;
        let (route, rest) = match scoped.split_once(':') {
            Some((route, rest)) => {
                let route = Route::NAMES
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(route.trim()))
                    .map(|(_, r)| *r)
                    .ok_or_else(|| {
                        format!("unknown route {route:?} in fault {spec:?}; use one of all, list, get, put, patch, delete, bitlocker, locations, operations")
                    })?;
                (route, rest)
            }
            None => (Route::All, scoped),
        };
        let (kind_text, trigger) = if let Some((k, p)) = rest.split_once('@') {
            let p: f64 = p
                .parse()
                .map_err(|_| format!("bad probability {p:?} in fault {spec:?}"))?;
            if !(0.0..=1.0).contains(&p) {
                return Err(format!(
                    "probability {p} in fault {spec:?} is not between 0 and 1"
                ));
            }
            (k, Trigger::Probability(p))
        } else if let Some((k, n)) = rest.split_once('*') {
            let n: usize = n
                .parse()
                .map_err(|_| format!("bad count {n:?} in fault {spec:?}"))?;
            (k, Trigger::Script(std::iter::repeat_n(true, n).collect()))
        } else if let Some((k, script)) = rest.split_once('#') {
            let script = script
                .chars()
                .map(|c| match c {
                    '1' => Ok(true),
                    '0' => Ok(false),
                    other => Err(format!(
                        "bad script character {other:?} in fault {spec:?}; use 0 and 1"
                    )),
                })
                .collect::<Result<_, _>>()?;
            (k, Trigger::Script(script))
        } else {
            (rest, Trigger::Always)
        };
        let (name, arg) = match kind_text.split_once('=') {
            Some((n, a)) => (n.trim(), Some(a.trim())),
            None => (kind_text.trim(), None),
        };
        let number = |default: u64| -> Result<u64, String> {
            arg.map_or(Ok(default), |a| {
                a.parse()
                    .map_err(|_| format!("bad number {a:?} in fault {spec:?}"))
            })
        };
        let kind = match name.to_ascii_lowercase().as_str() {
            "429" => FaultKind::Throttle {
                retry_after_secs: number(1)?,
            },
            "500" => FaultKind::ServerError,
            "503" => FaultKind::Unavailable,
            "delay" => FaultKind::Delay {
                ms: number(1000)?.min(600_000),
            },
            "drop" => FaultKind::Drop,
            "truncate" => FaultKind::Truncate,
            "401" => FaultKind::Unauthorized,
            "badjson" => FaultKind::BadJson,
            "unknownstate" => FaultKind::UnknownState,
            "sparse" => FaultKind::Sparse,
            "looplink" => FaultKind::LoopLink,
            "foreignlink" => FaultKind::ForeignLink {
                port: u16::try_from(number(9)?)
                    .map_err(|_| format!("bad port in fault {spec:?}"))?,
            },
            "403" => FaultKind::Forbidden,
            "subnotfound" | "notfound-sub" => FaultKind::SubscriptionNotFound,
            "unregistered" => FaultKind::Unregistered,
            other => {
                return Err(format!(
                    "unknown fault {other:?} in {spec:?}; use 429, 500, 503, 401, 403, subnotfound, unregistered, delay, drop, truncate, badjson, unknownstate, sparse, looplink or foreignlink"
                ));
            }
        };
        Ok(Self {
            route,
            kind,
            trigger,
            subscription,
            spec: text.to_owned(),
        })
    }

    /// The spec this rule was parsed from.
    #[must_use]
    pub fn spec(&self) -> &str {
        &self.spec
    }

    fn spent(&self) -> bool {
        matches!(&self.trigger, Trigger::Script(s) if s.is_empty())
    }
}

/// Splits a trailing `~SUBSCRIPTION` off a spec.
fn split_scope(text: &str) -> Result<(&str, Option<String>), String> {
    match text.rsplit_once('~') {
        Some((rest, sub)) => {
            let sub = sub.trim();
            if sub.is_empty() || sub.contains(['/', ' ', '?', '#']) {
                return Err(format!(
                    "bad subscription {sub:?} after ~ in fault {text:?}; give a subscription id"
                ));
            }
            Ok((rest, Some(sub.to_owned())))
        }
        None => Ok((text, None)),
    }
}

/// The active fault rules.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Vec<FaultRule>,
}

impl Faults {
    /// Replaces all rules.
    pub fn set(&mut self, rules: Vec<FaultRule>) {
        self.rules = rules;
    }

    /// The rules still active, as specs.
    #[must_use]
    pub fn specs(&self) -> Vec<String> {
        self.rules
            .iter()
            .filter(|r| !r.spent())
            .map(|r| r.spec.clone())
            .collect()
    }

    /// Decides the fault for one request on `route` for `subscription` (none for routes
    /// outside `/subscriptions/{id}`): the first matching rule that fires. Every matching
    /// scripted rule advances one step.
    pub fn decide(
        &mut self,
        route: Route,
        subscription: Option<&str>,
        rng: &mut impl rand::Rng,
    ) -> Option<FaultKind> {
        let mut chosen = None;
        for rule in &mut self.rules {
            if rule.route != Route::All && rule.route != route {
                continue;
            }
            let in_scope = match (&rule.subscription, subscription) {
                (Some(wanted), Some(sub)) => wanted.eq_ignore_ascii_case(sub),
                (Some(_), None) => false,
                (None, sub) => sub.is_some() || !rule.kind.is_subscription_refusal(),
            };
            if !in_scope {
                continue;
            }
            let fires = match &mut rule.trigger {
                Trigger::Always => true,
                Trigger::Probability(p) => rng.random_bool(*p),
                Trigger::Script(script) => script.pop_front().unwrap_or(false),
            };
            if fires && chosen.is_none() {
                chosen = Some(rule.kind);
            }
        }
        self.rules.retain(|r| !r.spent());
        chosen
    }
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng as _;

    use super::*;

    #[test]
    fn specs_parse() {
        let rule = FaultRule::parse("list:429=2@0.3").unwrap();
        assert_eq!(rule.route, Route::List);
        assert_eq!(
            rule.kind,
            FaultKind::Throttle {
                retry_after_secs: 2
            }
        );
        assert_eq!(rule.trigger, Trigger::Probability(0.3));
        assert_eq!(FaultRule::parse("drop").unwrap().route, Route::All);
        assert_eq!(
            FaultRule::parse("get:delay").unwrap().kind,
            FaultKind::Delay { ms: 1000 }
        );
        assert_eq!(
            FaultRule::parse("list:foreignlink=8080*1").unwrap().kind,
            FaultKind::ForeignLink { port: 8080 }
        );
        for (spec, kind) in [
            ("401", FaultKind::Unauthorized),
            ("badjson", FaultKind::BadJson),
            ("unknownstate", FaultKind::UnknownState),
            ("sparse", FaultKind::Sparse),
            ("looplink", FaultKind::LoopLink),
        ] {
            let rule = FaultRule::parse(spec).unwrap();
            assert_eq!(rule.kind, kind);
            assert_eq!(rule.kind.to_string(), spec, "specs and names agree");
        }
        for bad in [
            "nope",
            "list:429@2",
            "x:500",
            "503*x",
            "500#012",
            "delay=abc",
            "foreignlink=70000",
        ] {
            assert!(FaultRule::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn scripts_and_counts_are_spent_in_order() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(1);
        let mut faults = Faults::default();
        faults.set(vec![
            FaultRule::parse("delete:503*2").unwrap(),
            FaultRule::parse("get:500#01").unwrap(),
        ]);
        assert_eq!(faults.decide(Route::Get, None, &mut rng), None);
        assert_eq!(
            faults.decide(Route::Delete, None, &mut rng),
            Some(FaultKind::Unavailable)
        );
        assert_eq!(
            faults.decide(Route::Get, None, &mut rng),
            Some(FaultKind::ServerError)
        );
        assert_eq!(
            faults.decide(Route::Delete, None, &mut rng),
            Some(FaultKind::Unavailable)
        );
        assert_eq!(faults.decide(Route::Delete, None, &mut rng), None);
        assert!(faults.specs().is_empty(), "all spent");
    }

    #[test]
    fn subscription_refusals_parse_and_scope() {
        for (spec, kind) in [
            ("403", FaultKind::Forbidden),
            ("subnotfound", FaultKind::SubscriptionNotFound),
            ("unregistered", FaultKind::Unregistered),
        ] {
            let rule = FaultRule::parse(spec).unwrap();
            assert_eq!(rule.kind, kind);
            assert_eq!(rule.kind.to_string(), spec, "specs and names agree");
            assert!(kind.is_subscription_refusal());
        }
        assert_eq!(
            FaultRule::parse("notfound-sub").unwrap().kind,
            FaultKind::SubscriptionNotFound
        );
        let rule = FaultRule::parse("list:403*2~SUB-B").unwrap();
        assert_eq!(
            (rule.route, rule.subscription.as_deref()),
            (Route::List, Some("SUB-B"))
        );
        assert_eq!(rule.spec(), "list:403*2~SUB-B");
        for bad in ["403~", "403~a/b", "list:403*x~sub", "teapot~sub"] {
            assert!(FaultRule::parse(bad).is_err(), "{bad}");
        }

        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        let mut faults = Faults::default();
        faults.set(vec![FaultRule::parse("list:403*2~sub-b").unwrap()]);
        assert_eq!(faults.decide(Route::List, Some("sub-a"), &mut rng), None);
        assert_eq!(faults.decide(Route::Get, Some("sub-b"), &mut rng), None);
        assert_eq!(faults.decide(Route::List, None, &mut rng), None);
        assert_eq!(
            faults.specs().len(),
            1,
            "other requests do not spend the count"
        );
        for _ in 0..2 {
            assert_eq!(
                faults.decide(Route::List, Some("SUB-B"), &mut rng),
                Some(FaultKind::Forbidden)
            );
        }
        assert_eq!(faults.decide(Route::List, Some("sub-b"), &mut rng), None);

        faults.set(vec![FaultRule::parse("unregistered").unwrap()]);
        assert_eq!(
            faults.decide(Route::Subscriptions, None, &mut rng),
            None,
            "refusals need a subscription"
        );
        assert_eq!(
            faults.decide(Route::Delete, Some("any"), &mut rng),
            Some(FaultKind::Unregistered)
        );
        faults.set(vec![FaultRule::parse("500~sub-b").unwrap()]);
        assert_eq!(faults.decide(Route::Locations, None, &mut rng), None);
        assert_eq!(
            faults.decide(Route::Get, Some("sub-b"), &mut rng),
            Some(FaultKind::ServerError)
        );
    }

    #[test]
    fn probability_is_roughly_honoured() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(2);
        let mut faults = Faults::default();
        faults.set(vec![FaultRule::parse("500@0.25").unwrap()]);
        let fired = (0..4000)
            .filter(|_| faults.decide(Route::List, None, &mut rng).is_some())
            .count();
        assert!((800..1200).contains(&fired), "{fired}");
    }
}
