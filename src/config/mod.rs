//! The settings: a TOML file in the config folder, environment variables and flags, merged
//! with the precedence flag > environment > file > default, and validated with messages that
//! name the key, where its value came from, and what is wrong.
//!
//! The file never holds a secret: a key that looks like one (`client-secret`, `token`, …) is
//! refused, and tokens and client secrets come from the environment only.

pub mod file;

use std::collections::BTreeMap;
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::arm::{ClientConfig, DEFAULT_API_VERSION};
pub use crate::i18n::LanguageChoice;

/// The environment variable that holds a bearer token for `auth = "token"`.
pub const TOKEN_ENV: &str = "IEJOBS_ACCESS_TOKEN";

/// The Azure clouds iejobs knows by name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cloud {
    /// Azure (public), `management.azure.com`.
    #[default]
    #[serde(rename = "public", alias = "AzureCloud", alias = "azure")]
    Public,
    /// Azure US Government, `management.usgovcloudapi.net`.
    #[serde(rename = "usgov", alias = "AzureUSGovernment", alias = "us-government")]
    UsGov,
    /// Azure operated by 21Vianet (China), `management.chinacloudapi.cn`.
    #[serde(rename = "china", alias = "AzureChinaCloud")]
    China,
}

impl Cloud {
    /// Every cloud, in the order the settings panel lists them.
    pub const ALL: [Cloud; 3] = [Cloud::Public, Cloud::UsGov, Cloud::China];

    /// The name used in the file, the environment and on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Cloud::Public => "public",
            Cloud::UsGov => "usgov",
            Cloud::China => "china",
        }
    }

    /// What the settings panel shows.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Cloud::Public => "Azure (public)",
            Cloud::UsGov => "Azure US Government",
            Cloud::China => "Azure China (21Vianet)",
        }
    }

    /// The cloud's Azure Resource Manager endpoint.
    #[must_use]
    pub fn endpoint(self) -> &'static str {
        match self {
            Cloud::Public => "https://management.azure.com",
            Cloud::UsGov => "https://management.usgovcloudapi.net",
            Cloud::China => "https://management.chinacloudapi.cn",
        }
    }

    /// The cloud's Microsoft Entra ID authority.
    #[must_use]
    pub fn authority(self) -> &'static str {
        match self {
            Cloud::Public => "https://login.microsoftonline.com",
            Cloud::UsGov => "https://login.microsoftonline.us",
            Cloud::China => "https://login.chinacloudapi.cn",
        }
    }
}

impl FromStr for Cloud {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        match lower.as_str() {
            "public" | "azure" | "azurecloud" => Ok(Cloud::Public),
            "usgov" | "us-government" | "azureusgovernment" => Ok(Cloud::UsGov),
            "china" | "azurechinacloud" => Ok(Cloud::China),
            _ => Err(crate::tr!("config-unknown-cloud", value = shown(s))),
        }
    }
}

/// How iejobs signs in to Azure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AuthMethod {
    /// The first that applies: a token in `IEJOBS_ACCESS_TOKEN`, a service principal in
    /// `AZURE_CLIENT_ID`/`AZURE_TENANT_ID`/`AZURE_CLIENT_SECRET`, a workload identity
    /// (`AZURE_FEDERATED_TOKEN_FILE`), a managed identity announced by `IDENTITY_ENDPOINT`
    /// or `MSI_ENDPOINT`, else the Azure CLI.
    #[default]
    Auto,
    /// The account of `az login`.
    AzureCli,
    /// A service principal from `AZURE_TENANT_ID`, `AZURE_CLIENT_ID`, `AZURE_CLIENT_SECRET`.
    ServicePrincipal,
    /// The managed identity of the Azure machine iejobs runs on.
    ManagedIdentity,
    /// Workload identity federation (Kubernetes): `AZURE_FEDERATED_TOKEN_FILE`.
    WorkloadIdentity,
    /// A bearer token from `IEJOBS_ACCESS_TOKEN`, for scripts; it is not refreshed.
    Token,
}

impl AuthMethod {
    /// Every method, in the order the settings panel lists them.
    pub const ALL: [AuthMethod; 6] = [
        AuthMethod::Auto,
        AuthMethod::AzureCli,
        AuthMethod::ServicePrincipal,
        AuthMethod::ManagedIdentity,
        AuthMethod::WorkloadIdentity,
        AuthMethod::Token,
    ];

    /// The name used in the file, the environment and on the command line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            AuthMethod::Auto => "auto",
            AuthMethod::AzureCli => "azure-cli",
            AuthMethod::ServicePrincipal => "service-principal",
            AuthMethod::ManagedIdentity => "managed-identity",
            AuthMethod::WorkloadIdentity => "workload-identity",
            AuthMethod::Token => "token",
        }
    }
}

impl FromStr for AuthMethod {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        AuthMethod::ALL
            .into_iter()
            .find(|m| m.name() == lower)
            .ok_or_else(|| {
                let names: Vec<&str> = AuthMethod::ALL.iter().map(|m| m.name()).collect();
                crate::tr!(
                    "config-unknown-auth",
                    value = shown(s),
                    names = names.join(", ")
                )
            })
    }
}

/// One source of settings: every key optional. The file, the environment and the flags each
/// make one; [`resolve`] merges them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Layer {
    /// A named cloud; sets the endpoint and the sign-in authority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloud: Option<Cloud>,
    /// An ARM endpoint URL, overriding the cloud's (https, or http on loopback only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// How to sign in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth: Option<AuthMethod>,
    /// The tenant to sign in to (Azure CLI `--tenant`; the service principal's tenant when
    /// `AZURE_TENANT_ID` is not set).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tenant_id: Option<String>,
    /// A client id: the user-assigned managed identity, or the application of a service
    /// principal or workload identity when `AZURE_CLIENT_ID` is not set.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    /// The subscriptions whose jobs are listed; none means every enabled subscription the
    /// identity can see.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subscriptions: Option<Vec<String>>,
    /// Seconds between full listings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub poll_secs: Option<u64>,
    /// Seconds between reads of the jobs that move.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fast_poll_secs: Option<u64>,
    /// Reads per subscription and hour that polling may spend; 0 for no limit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read_budget: Option<u32>,
    /// The Microsoft.ImportExport `api-version`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// Desktop notifications (a cancel landed, a delete confirmed, an action failed, the
    /// service unreachable); on by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notifications: Option<bool>,
    /// The language of the window and the commands: "system" (the default), "en", "es" or
    /// "it".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<LanguageChoice>,
}

/// The subscription variable of the Azure SDKs and `azd`, read when `IEJOBS_SUBSCRIPTIONS`
/// is not set.
pub const AZURE_SUBSCRIPTION_ENV: &str = "AZURE_SUBSCRIPTION_ID";

/// The environment variable of each key.
pub const ENV_KEYS: [(&str, &str); 12] = [
    ("cloud", "IEJOBS_CLOUD"),
    ("endpoint", "IEJOBS_ENDPOINT"),
    ("auth", "IEJOBS_AUTH"),
    ("tenant-id", "IEJOBS_TENANT_ID"),
    ("client-id", "IEJOBS_CLIENT_ID"),
    ("subscriptions", "IEJOBS_SUBSCRIPTIONS"),
    ("poll-secs", "IEJOBS_POLL_SECS"),
    ("fast-poll-secs", "IEJOBS_FAST_POLL_SECS"),
    ("read-budget", "IEJOBS_READ_BUDGET"),
    ("api-version", "IEJOBS_API_VERSION"),
    ("notifications", "IEJOBS_NOTIFICATIONS"),
    ("language", "IEJOBS_LANG"),
];

impl Layer {
    /// The layer the environment makes (`IEJOBS_*` variables, see [`ENV_KEYS`]); `var` reads
    /// one variable. Subscriptions are separated by commas or spaces.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Result<Layer, ConfigError> {
        let mut layer = Layer::default();
        let mut problems = Vec::new();
        for (key, name) in ENV_KEYS {
            let Some(value) = var(name).filter(|v| !v.trim().is_empty()) else {
                continue;
            };
            if let Err(why) = layer.set(key, &value) {
                problems.push(format!("{name}={}: {why}", shown(&value)));
            }
        }
        // The variable the Azure SDKs' samples and `azd` use, when iejobs' own is not set.
        if layer.subscriptions.is_none()
            && let Some(value) = var(AZURE_SUBSCRIPTION_ENV).filter(|v| !v.trim().is_empty())
            && let Err(why) = layer.set("subscriptions", &value)
        {
            problems.push(format!("{AZURE_SUBSCRIPTION_ENV}={}: {why}", shown(&value)));
        }
        if problems.is_empty() {
            Ok(layer)
        } else {
            Err(ConfigError(problems))
        }
    }

    /// Sets one key from text, as the environment or the settings panel gives it.
    pub fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        let value = value.trim();
        let number = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| crate::tr!("config-not-seconds", value = shown(v)))
        };
        match key {
            "cloud" => self.cloud = Some(value.parse()?),
            "endpoint" => self.endpoint = Some(value.to_owned()),
            "auth" => self.auth = Some(value.parse()?),
            "tenant-id" => self.tenant_id = Some(value.to_owned()),
            "client-id" => self.client_id = Some(value.to_owned()),
            "subscriptions" => {
                self.subscriptions = Some(
                    value
                        .split([',', ' ', ';'])
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                );
            }
            "poll-secs" => self.poll_secs = Some(number(value)?),
            "fast-poll-secs" => self.fast_poll_secs = Some(number(value)?),
            "read-budget" => {
                self.read_budget = Some(match value.to_ascii_lowercase().as_str() {
                    "unlimited" | "none" | "off" => 0,
                    v => v
                        .replace(['_', ','], "")
                        .parse::<u32>()
                        .map_err(|_| crate::tr!("config-not-reads", value = shown(v)))?,
                });
            }
            "api-version" => self.api_version = Some(value.to_owned()),
            "notifications" => self.notifications = Some(switch(value)?),
            "language" => self.language = Some(value.parse()?),
            other => return Err(crate::tr!("config-unknown-key", key = format!("{other:?}"))),
        }
        Ok(())
    }

    /// Removes `key` from the layer (an unknown key changes nothing).
    pub fn unset(&mut self, key: &str) {
        match key {
            "cloud" => self.cloud = None,
            "endpoint" => self.endpoint = None,
            "auth" => self.auth = None,
            "tenant-id" => self.tenant_id = None,
            "client-id" => self.client_id = None,
            "subscriptions" => self.subscriptions = None,
            "poll-secs" => self.poll_secs = None,
            "fast-poll-secs" => self.fast_poll_secs = None,
            "read-budget" => self.read_budget = None,
            "api-version" => self.api_version = None,
            "notifications" => self.notifications = None,
            "language" => self.language = None,
            _ => {}
        }
    }

    /// True when the layer names Azure: a cloud, an endpoint or a sign-in method.
    #[must_use]
    pub fn names_azure(&self) -> bool {
        self.cloud.is_some() || self.endpoint.is_some() || self.auth.is_some()
    }
}

/// Where a setting's value came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A command-line flag.
    Flag,
    /// An `IEJOBS_*` environment variable.
    Env,
    /// The config file.
    File,
    /// The built-in default.
    Default,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Origin::Flag => crate::tr!("origin-flag"),
            Origin::Env => crate::tr!("origin-env"),
            Origin::File => crate::tr!("origin-file"),
            Origin::Default => crate::tr!("origin-default"),
        })
    }
}

/// Settings that could not be used: one line per problem, each naming the key, the value
/// and where it came from.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", .0.join("\n"))]
pub struct ConfigError(pub Vec<String>);

/// Where the jobs come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Connection {
    /// The embedded emulator (nothing about Azure configured, or `--emulator`).
    Emulator,
    /// Azure Resource Manager.
    Azure(AzureTarget),
}

/// Everything needed to reach Azure: endpoint, cloud and sign-in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AzureTarget {
    /// The cloud (its sign-in authority is used even with a custom endpoint).
    pub cloud: Cloud,
    /// The ARM endpoint, without a trailing slash.
    pub endpoint: String,
    /// How to sign in.
    pub auth: AuthMethod,
    /// Tenant id, if configured.
    pub tenant_id: Option<String>,
    /// Client id, if configured.
    pub client_id: Option<String>,
}

impl AzureTarget {
    /// The OAuth scope of ARM tokens for this endpoint: `{origin}/.default`.
    #[must_use]
    pub fn scope(&self) -> String {
        format!("{}/.default", self.endpoint.trim_end_matches('/'))
    }
}

/// The settings in force, validated, with where each came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Emulator or Azure.
    pub connection: Connection,
    /// Subscription ids (lower case, no duplicates); empty means all the identity sees.
    pub subscriptions: Vec<String>,
    /// Full listing interval.
    pub poll: Duration,
    /// Interval for jobs that move.
    pub fast_poll: Duration,
    /// Reads per subscription and hour that polling may spend; `None` for no limit.
    pub read_budget: Option<u32>,
    /// The api-version.
    pub api_version: String,
    /// Whether desktop notifications are on.
    pub notifications: bool,
    /// The language chosen (the system's by default).
    pub language: LanguageChoice,
    /// Where each key's value came from.
    pub origins: BTreeMap<&'static str, Origin>,
}

/// Default full listing interval on the embedded emulator (whose clock runs ×120), seconds.
pub const DEFAULT_POLL_SECS: u64 = 30;
/// Default fast interval on the embedded emulator, seconds.
pub const DEFAULT_FAST_POLL_SECS: u64 = 2;
/// Default least time between two full listings of a subscription on Azure, seconds (the
/// read budget may space them further).
pub const AZURE_POLL_SECS: u64 = 60;
/// Default interval for jobs that move on Azure, seconds: drive progress moves in minutes,
/// and a landing cancel is seen within this.
pub const AZURE_FAST_POLL_SECS: u64 = 20;
/// Default read budget on Azure: reads per subscription and hour (a tenth of the 12,000 an
/// hour that Azure China allows, shared with the administrator's other tools).
pub const AZURE_READ_BUDGET: u32 = 1_200;
/// The read budgets accepted, reads an hour (besides 0, no limit): the most is half of
/// ARM's refill of 25 reads a second.
pub const READ_BUDGET_RANGE: std::ops::RangeInclusive<u32> = 60..=45_000;
/// Longest interval accepted (one day).
pub const MAX_POLL_SECS: u64 = 86_400;

/// The api-versions this client was written against.
pub const KNOWN_API_VERSIONS: [&str; 3] = crate::arm::API_VERSIONS;

/// Merges the layers (flag > environment > file > default) and validates the result.
/// `force_emulator` (the `--emulator` flag) ignores every Azure setting.
pub fn resolve(
    flags: &Layer,
    env: &Layer,
    file: &Layer,
    force_emulator: bool,
) -> Result<Settings, ConfigError> {
    let layers = [
        (Origin::Flag, flags),
        (Origin::Env, env),
        (Origin::File, file),
    ];
    let mut origins = BTreeMap::new();
    let mut problems = Vec::new();
    // The first layer that sets the key wins.
    macro_rules! pick {
        ($key:literal, $field:ident) => {{
            let found = layers
                .iter()
                .find_map(|(origin, layer)| layer.$field.clone().map(|v| (v, *origin)));
            origins.insert($key, found.as_ref().map_or(Origin::Default, |(_, o)| *o));
            found
        }};
    }
    let cloud = pick!("cloud", cloud);
    let endpoint = pick!("endpoint", endpoint);
    let auth = pick!("auth", auth);
    let tenant_id = pick!("tenant-id", tenant_id);
    let client_id = pick!("client-id", client_id);
    let subscriptions = pick!("subscriptions", subscriptions);
    let poll_secs = pick!("poll-secs", poll_secs);
    let fast_poll_secs = pick!("fast-poll-secs", fast_poll_secs);
    let read_budget = pick!("read-budget", read_budget);
    let api_version = pick!("api-version", api_version);
    let notifications = pick!("notifications", notifications).is_none_or(|(on, _)| on);
    let language = pick!("language", language).map_or_else(LanguageChoice::default, |(l, _)| l);

    let azure = !force_emulator && (cloud.is_some() || endpoint.is_some() || auth.is_some());
    let connection = if azure {
        let target = AzureTarget {
            cloud: cloud.map(|(c, _)| c).unwrap_or_default(),
            endpoint: String::new(),
            auth: auth.map(|(a, _)| a).unwrap_or_default(),
            tenant_id: tenant_id.and_then(|(t, origin)| {
                check(&mut problems, "tenant-id", &t, origin, valid_tenant(&t))
            }),
            client_id: client_id.and_then(|(c, origin)| {
                check(&mut problems, "client-id", &c, origin, valid_guid(&c))
            }),
        };
        let endpoint = endpoint_setting(endpoint, target.cloud, &mut problems);
        Connection::Azure(AzureTarget { endpoint, ..target })
    } else {
        Connection::Emulator
    };
    let ids = subscription_ids(subscriptions, &mut problems);
    let mut interval = |key: &str, value: Option<(u64, Origin)>, default: u64| match value {
        Some((0, origin)) => {
            problems.push(crate::tr!(
                "config-at-least-second",
                key = key,
                origin = origin.to_string()
            ));
            Duration::from_secs(default)
        }
        Some((secs, origin)) if secs > MAX_POLL_SECS => {
            problems.push(crate::tr!(
                "config-at-most-day",
                key = key,
                value = secs.to_string(),
                origin = origin.to_string(),
                most = MAX_POLL_SECS.to_string()
            ));
            Duration::from_secs(default)
        }
        Some((secs, _)) => Duration::from_secs(secs),
        None => Duration::from_secs(default),
    };
    let on_azure = matches!(connection, Connection::Azure(_));
    let (poll_default, fast_default) = poll_defaults(on_azure);
    let poll = interval("poll-secs", poll_secs, poll_default);
    let fast_poll = interval("fast-poll-secs", fast_poll_secs, fast_default);
    let read_budget = read_budget_setting(read_budget, on_azure, &mut problems);
    let api_version = api_version_setting(api_version, &mut problems);
    if !problems.is_empty() {
        return Err(ConfigError(problems));
    }
    Ok(Settings {
        connection,
        subscriptions: ids,
        poll,
        fast_poll,
        read_budget,
        api_version,
        notifications,
        language,
        origins,
    })
}

/// The api-version in force: the one set if it looks like one, else the default.
fn api_version_setting(value: Option<(String, Origin)>, problems: &mut Vec<String>) -> String {
    match value {
        Some((v, origin)) if !valid_api_version(&v) => {
            problems.push(crate::tr!(
                "config-api-version",
                value = shown(&v),
                origin = origin.to_string(),
                default = DEFAULT_API_VERSION,
                known = KNOWN_API_VERSIONS.join(", ")
            ));
            DEFAULT_API_VERSION.to_owned()
        }
        Some((v, _)) => v,
        None => DEFAULT_API_VERSION.to_owned(),
    }
}

/// A switch as the environment or the settings window writes it: true, false, on, off, yes,
/// no, 1 or 0 (any case).
fn switch(value: &str) -> Result<bool, String> {
    match value.to_ascii_lowercase().as_str() {
        "true" | "on" | "yes" | "1" => Ok(true),
        "false" | "off" | "no" | "0" => Ok(false),
        _ => Err(crate::tr!("config-not-switch", value = shown(value))),
    }
}

/// Whether desktop notifications are on when no flag sets them (there is none): the
/// environment's `IEJOBS_NOTIFICATIONS` (`var` reads it), else the file's key, else on. For
/// the window, which is handed the file but not the resolved [`Settings`].
#[must_use]
pub fn notifications_in_force(file: &Layer, var: impl Fn(&str) -> Option<String>) -> bool {
    var("IEJOBS_NOTIFICATIONS")
        .and_then(|v| switch(v.trim()).ok())
        .or(file.notifications)
        .unwrap_or(true)
}

/// The ARM endpoint in force: the one set, if usable, else the cloud's. One with user info
/// is refused before the client checks it, since the client's messages print the URL.
fn endpoint_setting(
    endpoint: Option<(String, Origin)>,
    cloud: Cloud,
    problems: &mut Vec<String>,
) -> String {
    match endpoint {
        Some((url, origin)) if has_user_info(&url) => {
            problems.push(crate::tr!(
                "config-endpoint-user-info",
                origin = origin.to_string()
            ));
            String::new()
        }
        Some((url, origin)) => match ClientConfig::new(&url) {
            Ok(_) => url.trim_end_matches('/').to_owned(),
            Err(e) => {
                problems.push(format!(
                    "endpoint = {} ({origin}): {}",
                    shown(&url),
                    cut(&e.to_string())
                ));
                String::new()
            }
        },
        None => cloud.endpoint().to_owned(),
    }
}

/// The default intervals (full listing, moving jobs) in seconds: Azure changes slowly and
/// its reads are budgeted; the embedded emulator's clock runs 120 times faster.
fn poll_defaults(on_azure: bool) -> (u64, u64) {
    if on_azure {
        (AZURE_POLL_SECS, AZURE_FAST_POLL_SECS)
    } else {
        (DEFAULT_POLL_SECS, DEFAULT_FAST_POLL_SECS)
    }
}

/// The read budget in force: the value set (0: no limit) if it is in range, else Azure's
/// default on Azure and no limit on the emulator.
fn read_budget_setting(
    value: Option<(u32, Origin)>,
    on_azure: bool,
    problems: &mut Vec<String>,
) -> Option<u32> {
    match value {
        Some((0, _)) => None,
        Some((n, _)) if READ_BUDGET_RANGE.contains(&n) => Some(n),
        Some((n, origin)) => {
            problems.push(crate::tr!(
                "config-read-budget-range",
                value = n.to_string(),
                origin = origin.to_string(),
                least = READ_BUDGET_RANGE.start().to_string(),
                most = READ_BUDGET_RANGE.end().to_string()
            ));
            None
        }
        None => on_azure.then_some(AZURE_READ_BUDGET),
    }
}

/// Subscription ids, lower case and without duplicates; bad ones become problems.
fn subscription_ids(
    listed: Option<(Vec<String>, Origin)>,
    problems: &mut Vec<String>,
) -> Vec<String> {
    let mut ids = Vec::new();
    if let Some((list, origin)) = listed {
        for id in list {
            let id = id.trim().to_ascii_lowercase();
            if !valid_guid(&id) {
                problems.push(crate::tr!(
                    "config-not-subscription",
                    value = shown(&id),
                    origin = origin.to_string()
                ));
            } else if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

fn check(
    problems: &mut Vec<String>,
    key: &str,
    value: &str,
    origin: Origin,
    ok: bool,
) -> Option<String> {
    if ok {
        Some(value.to_owned())
    } else {
        problems.push(crate::tr!(
            "config-not-id",
            key = key,
            value = shown(value),
            origin = origin.to_string()
        ));
        None
    }
}

/// The most characters of a value that a message prints.
pub const SHOWN_CHARS: usize = 200;

/// `value` quoted for a message, cut after [`SHOWN_CHARS`] characters with the full length
/// (`"abc…" … (N characters)`), so that a huge value does not flood the terminal.
#[must_use]
pub fn shown(value: &str) -> String {
    match value.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => format!(
            "{:?}… ({} characters)",
            &value[..end],
            value.chars().count()
        ),
        None => format!("{value:?}"),
    }
}

/// `text` cut after [`SHOWN_CHARS`] characters like [`shown`], unquoted: for messages of
/// other modules that print a value.
#[must_use]
pub fn cut(text: &str) -> String {
    match text.char_indices().nth(SHOWN_CHARS) {
        Some((end, _)) => format!("{}… ({} characters)", &text[..end], text.chars().count()),
        None => text.to_owned(),
    }
}

/// True when an endpoint holds user info (`user:password@`) before its host, whether or not
/// it parses as a URL: such a URL would send Basic credentials and print them everywhere it
/// is shown.
#[must_use]
pub fn has_user_info(endpoint: &str) -> bool {
    let after_scheme = endpoint
        .split_once("://")
        .map_or(endpoint, |(_, rest)| rest);
    let authority = after_scheme
        .split(['/', '\\', '?', '#'])
        .next()
        .unwrap_or_default();
    authority.contains('@')
        || url::Url::parse(endpoint)
            .is_ok_and(|u| !u.username().is_empty() || u.password().is_some())
}

/// True for a GUID written 8-4-4-4-12 hex digits.
#[must_use]
pub fn valid_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A tenant is a GUID or a domain name (`contoso.onmicrosoft.com`).
fn valid_tenant(text: &str) -> bool {
    valid_guid(text)
        || (!text.is_empty()
            && text.len() <= 253
            && text.contains('.')
            && text
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'))
}

/// `YYYY-MM-DD` or `YYYY-MM-DD-preview`.
fn valid_api_version(text: &str) -> bool {
    let date = text.strip_suffix("-preview").unwrap_or(text);
    date.len() == 10
        && date.char_indices().all(|(i, c)| match i {
            4 | 7 => c == '-',
            _ => c.is_ascii_digit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: &str = "11111111-2222-3333-4444-555555555555";

    fn file_with(f: impl FnOnce(&mut Layer)) -> Layer {
        let mut layer = Layer::default();
        f(&mut layer);
        layer
    }

    #[test]
    fn nothing_configured_is_the_emulator_with_defaults() {
        let s = resolve(
            &Layer::default(),
            &Layer::default(),
            &Layer::default(),
            false,
        )
        .unwrap();
        assert_eq!(s.connection, Connection::Emulator);
        assert_eq!(s.poll, Duration::from_secs(30));
        assert_eq!(s.fast_poll, Duration::from_secs(2));
        assert_eq!(s.api_version, DEFAULT_API_VERSION);
        assert!(s.origins.values().all(|o| *o == Origin::Default));
    }

    #[test]
    fn flag_beats_env_beats_file_beats_default() {
        let file = file_with(|l| {
            l.poll_secs = Some(60);
            l.fast_poll_secs = Some(5);
            l.api_version = Some("2016-11-01".into());
        });
        let env = file_with(|l| {
            l.poll_secs = Some(45);
            l.fast_poll_secs = Some(4);
        });
        let flags = file_with(|l| l.poll_secs = Some(10));
        let s = resolve(&flags, &env, &file, false).unwrap();
        assert_eq!(s.poll, Duration::from_secs(10));
        assert_eq!(s.origins["poll-secs"], Origin::Flag);
        assert_eq!(s.fast_poll, Duration::from_secs(4));
        assert_eq!(s.origins["fast-poll-secs"], Origin::Env);
        assert_eq!(s.api_version, "2016-11-01");
        assert_eq!(s.origins["api-version"], Origin::File);
        assert_eq!(s.origins["endpoint"], Origin::Default);
    }

    #[test]
    fn a_cloud_selects_azure_with_its_endpoint_and_scope() {
        let file = file_with(|l| l.cloud = Some(Cloud::UsGov));
        let s = resolve(&Layer::default(), &Layer::default(), &file, false).unwrap();
        let Connection::Azure(target) = &s.connection else {
            panic!("expected Azure, got {:?}", s.connection)
        };
        assert_eq!(target.endpoint, "https://management.usgovcloudapi.net");
        assert_eq!(
            target.scope(),
            "https://management.usgovcloudapi.net/.default"
        );
        assert_eq!(target.auth, AuthMethod::Auto);
        // --emulator wins over everything Azure.
        let s = resolve(&Layer::default(), &Layer::default(), &file, true).unwrap();
        assert_eq!(s.connection, Connection::Emulator);
    }

    #[test]
    fn every_problem_is_reported_with_key_value_and_origin() {
        let file = file_with(|l| {
            l.endpoint = Some("http://management.example.com".into());
            l.subscriptions = Some(vec!["my-sub".into(), SUB.into()]);
            l.poll_secs = Some(0);
        });
        let env = file_with(|l| l.api_version = Some("latest".into()));
        let err = resolve(&Layer::default(), &env, &file, false).unwrap_err();
        let text = err.to_string();
        assert_eq!(err.0.len(), 4, "{text}");
        assert!(text.contains("endpoint = \"http://management.example.com\" (config file)"));
        assert!(text.contains("plain http"), "{text}");
        assert!(text.contains("\"my-sub\" (config file) is not a subscription id"));
        assert!(text.contains("poll-secs = 0 (config file): must be at least 1 second"));
        assert!(text.contains("api-version = \"latest\" (environment)"));
    }

    #[test]
    fn azure_polls_within_a_read_budget_and_the_emulator_faster() {
        let azure = file_with(|l| l.auth = Some(AuthMethod::AzureCli));
        let s = resolve(&Layer::default(), &Layer::default(), &azure, false).unwrap();
        assert_eq!(s.read_budget, Some(AZURE_READ_BUDGET));
        assert_eq!(s.poll, Duration::from_secs(AZURE_POLL_SECS));
        assert_eq!(s.fast_poll, Duration::from_secs(AZURE_FAST_POLL_SECS));
        let s = resolve(
            &Layer::default(),
            &Layer::default(),
            &Layer::default(),
            false,
        )
        .unwrap();
        assert_eq!(s.read_budget, None);
        assert_eq!(s.fast_poll, Duration::from_secs(DEFAULT_FAST_POLL_SECS));
        // 0 and "unlimited" lift the budget; out of range is refused with its origin.
        let mut flags = Layer::default();
        flags.set("read-budget", "unlimited").unwrap();
        assert_eq!(flags.read_budget, Some(0));
        let s = resolve(&flags, &Layer::default(), &azure, false).unwrap();
        assert_eq!(s.read_budget, None);
        flags.set("read-budget", "2,400").unwrap();
        let s = resolve(&flags, &Layer::default(), &azure, false).unwrap();
        assert_eq!(s.read_budget, Some(2_400));
        assert_eq!(s.origins["read-budget"], Origin::Flag);
        let env = file_with(|l| l.read_budget = Some(10));
        let err = resolve(&Layer::default(), &env, &azure, false).unwrap_err();
        assert!(
            err.to_string()
                .contains("read-budget = 10 (environment): must be between 60 and 45000"),
            "{err}"
        );
        assert!(flags.set("read-budget", "lots").is_err());
    }

    #[test]
    fn azure_subscription_id_is_read_when_iejobs_names_none() {
        let vars = |name: &str| (name == AZURE_SUBSCRIPTION_ENV).then(|| SUB.to_uppercase());
        let env = Layer::from_env(vars).unwrap();
        let s = resolve(&Layer::default(), &env, &Layer::default(), false).unwrap();
        assert_eq!(s.subscriptions, [SUB]);
        assert_eq!(s.origins["subscriptions"], Origin::Env);
        let both = |name: &str| match name {
            "IEJOBS_SUBSCRIPTIONS" => Some("00000000-0000-0000-0000-000000000009".to_owned()),
            AZURE_SUBSCRIPTION_ENV => Some(SUB.to_owned()),
            _ => None,
        };
        let env = Layer::from_env(both).unwrap();
        assert_eq!(
            env.subscriptions,
            Some(vec!["00000000-0000-0000-0000-000000000009".to_owned()])
        );
    }

    #[test]
    fn subscriptions_are_normalised_and_deduplicated() {
        let flags = file_with(|l| {
            l.subscriptions = Some(vec![SUB.to_uppercase(), SUB.into()]);
        });
        let s = resolve(&flags, &Layer::default(), &Layer::default(), false).unwrap();
        assert_eq!(s.subscriptions, vec![SUB.to_owned()]);
    }

    #[test]
    fn the_environment_layer_parses_and_reports() {
        let vars = |name: &str| match name {
            "IEJOBS_CLOUD" => Some("China".to_owned()),
            "IEJOBS_SUBSCRIPTIONS" => Some(format!("{SUB}, {SUB}")),
            "IEJOBS_AUTH" => Some("azure-cli".to_owned()),
            _ => None,
        };
        let layer = Layer::from_env(vars).unwrap();
        assert_eq!(layer.cloud, Some(Cloud::China));
        assert_eq!(layer.auth, Some(AuthMethod::AzureCli));
        assert_eq!(layer.subscriptions.as_ref().map(Vec::len), Some(2));
        let bad = |name: &str| (name == "IEJOBS_POLL_SECS").then(|| "ten".to_owned());
        let err = Layer::from_env(bad).unwrap_err().to_string();
        assert_eq!(
            err,
            "IEJOBS_POLL_SECS=\"ten\": \"ten\" is not a whole number of seconds"
        );
    }

    #[test]
    fn notifications_are_on_unless_the_environment_or_the_file_says_off() {
        let s = resolve(
            &Layer::default(),
            &Layer::default(),
            &Layer::default(),
            false,
        )
        .unwrap();
        assert!(s.notifications);
        assert_eq!(s.origins["notifications"], Origin::Default);
        let file = file_with(|l| l.notifications = Some(false));
        let off = |name: &str| (name == "IEJOBS_NOTIFICATIONS").then(|| "Off".to_owned());
        let on = |name: &str| (name == "IEJOBS_NOTIFICATIONS").then(|| "yes".to_owned());
        let s = resolve(&Layer::default(), &Layer::default(), &file, false).unwrap();
        assert!(!s.notifications);
        assert_eq!(s.origins["notifications"], Origin::File);
        let env = Layer::from_env(on).unwrap();
        let s = resolve(&Layer::default(), &env, &file, false).unwrap();
        assert!(s.notifications, "the environment wins over the file");
        assert!(!Layer::from_env(off).unwrap().notifications.unwrap());
        assert!(!notifications_in_force(&file, |_| None));
        assert!(notifications_in_force(&file, on));
        assert!(!notifications_in_force(&Layer::default(), off));
        assert!(notifications_in_force(&Layer::default(), |_| None));
        let bad = |name: &str| (name == "IEJOBS_NOTIFICATIONS").then(|| "maybe".to_owned());
        assert_eq!(
            Layer::from_env(bad).unwrap_err().to_string(),
            "IEJOBS_NOTIFICATIONS=\"maybe\": \"maybe\" is not true or false"
        );
        assert_eq!(
            file::parse("notifications = false").unwrap().notifications,
            Some(false)
        );
        let err = file::parse("notifications = \"no\"").unwrap_err();
        assert_eq!(
            err,
            ["line 1, column 1: notifications = \"no\": expected true or false"]
        );
    }

    #[test]
    fn ids_and_versions() {
        assert!(valid_guid(SUB));
        assert!(!valid_guid("11111111-2222-3333-4444-55555555555"));
        assert!(!valid_guid("1111111g-2222-3333-4444-555555555555"));
        assert!(valid_tenant("contoso.onmicrosoft.com"));
        assert!(!valid_tenant("contoso onmicrosoft"));
        assert!(valid_api_version("2021-01-01"));
        assert!(valid_api_version("2021-01-01-preview"));
        assert!(!valid_api_version("2021-1-01"));
    }

    #[test]
    fn an_endpoint_with_user_info_is_refused_without_showing_it() {
        for url in [
            "https://alice:hunter2@management.azure.com",
            "http://alice@127.0.0.1:8080",
            "https://:hunter2@management.azure.com/",
            "alice:hunter2@management.azure.com",
            "https://alice:hunter2@[not-a-host",
        ] {
            assert!(has_user_info(url), "{url}");
            let flags = file_with(|l| l.endpoint = Some(url.to_owned()));
            let err = resolve(&flags, &Layer::default(), &Layer::default(), false)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains("endpoint (flag): the endpoint holds a user name or password"),
                "{err}"
            );
            assert!(!err.contains("hunter2") && !err.contains("alice"), "{err}");
        }
        for url in [
            "https://management.azure.com",
            "http://127.0.0.1:8080/arm@v1",
            "https://example.com/?who=a@b",
        ] {
            assert!(!has_user_info(url), "{url}");
        }
    }

    #[test]
    fn values_in_messages_are_cut() {
        assert_eq!(shown("moon"), "\"moon\"");
        let long = "ü".repeat(SHOWN_CHARS + 1);
        let text = shown(&long);
        assert!(text.ends_with("\"… (201 characters)"), "{text}");
        assert_eq!(text.chars().filter(|c| *c == 'ü').count(), SHOWN_CHARS);
        assert_eq!(cut(&"x".repeat(SHOWN_CHARS)), "x".repeat(SHOWN_CHARS));
        let env = |name: &str| (name == "IEJOBS_POLL_SECS").then(|| "7".repeat(1_000_000));
        let err = Layer::from_env(env).unwrap_err().to_string();
        assert!(err.len() < 1_000, "{} bytes", err.len());
        assert!(err.contains("… (1000000 characters)"), "{err}");
        let flags = file_with(|l| l.tenant_id = Some("t".repeat(5_000)));
        let azure = file_with(|l| l.auth = Some(AuthMethod::AzureCli));
        let err = resolve(&flags, &Layer::default(), &azure, false)
            .unwrap_err()
            .to_string();
        assert!(
            err.len() < 1_000 && err.contains("(5000 characters)"),
            "{err}"
        );
    }
}
