//! Signing in to Azure with `azure_identity`: the Azure CLI, a service principal, a managed or
//! workload identity, or a bearer token from the environment, behind the client's
//! [`TokenSource`].
//!
//! Tokens are cached here and refreshed before they expire (five minutes before, or at half
//! of their life when they live less than ten minutes). After a 401 the client calls
//! [`TokenSource::invalidate`], which drops the cached token and the credential with its own
//! cache, so the one retry runs with a freshly issued token.

#[cfg(any(test, feature = "test-support"))]
pub mod stand_in;

use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use azure_core::credentials::TokenCredential;
use azure_core::http::{ClientOptions, Transport};
use jiff::Timestamp;

use crate::arm::{AccessToken, BoxFuture, Secret, StaticToken, TokenError, TokenSource};
use crate::config::{AuthMethod, AzureTarget, Cloud, TOKEN_ENV};

/// The longest margin before expiry at which a token is renewed.
pub const REFRESH_MARGIN: Duration = Duration::from_mins(5);

/// What the credentials may use besides the environment: tests put the identity stand-in
/// here (a custom HTTP transport, a fake `az` runner, another authority).
#[derive(Clone, Default)]
pub struct AuthOptions {
    /// The HTTP transport for token requests (default: `azure_core`'s reqwest client).
    pub transport: Option<Transport>,
    /// Runs `az` for the Azure CLI credential (default: a child process).
    pub cli_executor: Option<Arc<dyn azure_identity::Executor>>,
    /// The sign-in authority, replacing the cloud's (must be https).
    pub authority_host: Option<String>,
}

/// Why no credential could be set up.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", crate::tr!("auth-err", method = *.method, reason = .reason))]
pub struct AuthError {
    /// The method tried.
    pub method: &'static str,
    /// What is missing or wrong (never a secret).
    pub reason: String,
}

/// The method `auto` picks from the environment: see [`AuthMethod::Auto`].
#[must_use]
pub fn pick_auto(var: &dyn Fn(&str) -> Option<String>) -> AuthMethod {
    let set = |name: &str| var(name).is_some_and(|v| !v.trim().is_empty());
    if set(TOKEN_ENV) {
        AuthMethod::Token
    } else if set("AZURE_CLIENT_SECRET") && set("AZURE_CLIENT_ID") && set("AZURE_TENANT_ID") {
        AuthMethod::ServicePrincipal
    } else if set("AZURE_FEDERATED_TOKEN_FILE") {
        AuthMethod::WorkloadIdentity
    } else if set("IDENTITY_ENDPOINT") || set("MSI_ENDPOINT") {
        AuthMethod::ManagedIdentity
    } else {
        AuthMethod::AzureCli
    }
}

/// Builds the token source for `target`; `var` reads the environment.
pub fn token_source(
    target: &AzureTarget,
    var: &dyn Fn(&str) -> Option<String>,
    options: &AuthOptions,
) -> Result<Arc<dyn TokenSource>, AuthError> {
    let method = match target.auth {
        AuthMethod::Auto => pick_auto(var),
        other => other,
    };
    let fail = |reason: String| AuthError {
        method: method.name(),
        reason,
    };
    let setup = Setup {
        target,
        var,
        options,
    };
    let (identity, make) = match method {
        AuthMethod::Token => {
            let token = var(TOKEN_ENV)
                .filter(|t| !t.trim().is_empty())
                .ok_or_else(|| fail(format!("the environment variable {TOKEN_ENV} is empty")))?;
            return Ok(Arc::new(StaticToken::new(
                Secret::new(token.trim()),
                format!("token from {TOKEN_ENV}"),
            )));
        }
        AuthMethod::AzureCli | AuthMethod::Auto => setup.azure_cli(),
        AuthMethod::ServicePrincipal => setup.service_principal().map_err(fail)?,
        AuthMethod::ManagedIdentity => setup.managed_identity(),
        AuthMethod::WorkloadIdentity => setup.workload_identity().map_err(fail)?,
    };
    let secret = var("AZURE_CLIENT_SECRET").filter(|s| !s.is_empty());
    let source = CredentialSource::new(identity, target.scope(), make, secret);
    // Build once now, so a misconfiguration shows at start, not at the first poll.
    source.credential().map_err(fail)?;
    Ok(Arc::new(source))
}

/// What the credential builders read.
struct Setup<'a> {
    target: &'a AzureTarget,
    var: &'a dyn Fn(&str) -> Option<String>,
    options: &'a AuthOptions,
}

impl Setup<'_> {
    /// The environment variable `name`, else the configured value.
    fn env_or(&self, name: &str, configured: Option<&String>) -> Option<String> {
        (self.var)(name)
            .filter(|v| !v.trim().is_empty())
            .or_else(|| configured.cloned())
    }

    fn client_options(&self) -> ClientOptions {
        let mut client = ClientOptions::default();
        client.transport.clone_from(&self.options.transport);
        client.cloud = Some(Arc::new(cloud_configuration(
            self.target.cloud,
            self.options.authority_host.as_deref(),
        )));
        client
    }

    fn azure_cli(&self) -> (String, MakeCredential) {
        let tenant_id = self.target.tenant_id.clone();
        let executor = self.options.cli_executor.clone();
        let identity = match &tenant_id {
            Some(t) => format!("Azure CLI (az login), tenant {t}"),
            None => "Azure CLI (az login)".to_owned(),
        };
        let make: MakeCredential = Box::new(move || {
            let options = azure_identity::AzureCliCredentialOptions {
                tenant_id: tenant_id.clone(),
                executor: executor.clone(),
                ..Default::default()
            };
            Ok(azure_identity::AzureCliCredential::new(Some(options))?)
        });
        (identity, make)
    }

    fn service_principal(&self) -> Result<(String, MakeCredential), String> {
        let tenant = self
            .env_or("AZURE_TENANT_ID", self.target.tenant_id.as_ref())
            .ok_or("set AZURE_TENANT_ID (or tenant-id)")?;
        let client = self
            .env_or("AZURE_CLIENT_ID", self.target.client_id.as_ref())
            .ok_or("set AZURE_CLIENT_ID (or client-id)")?;
        let secret = (self.var)("AZURE_CLIENT_SECRET")
            .filter(|s| !s.is_empty())
            .ok_or("set AZURE_CLIENT_SECRET")?;
        let identity = format!("service principal {client} (tenant {tenant})");
        let client_options = self.client_options();
        let make: MakeCredential = Box::new(move || {
            let options = azure_identity::ClientSecretCredentialOptions {
                client_options: client_options.clone(),
            };
            Ok(azure_identity::ClientSecretCredential::new(
                &tenant,
                client.clone(),
                secret.clone().into(),
                Some(options),
            )?)
        });
        Ok((identity, make))
    }

    fn managed_identity(&self) -> (String, MakeCredential) {
        let client_id = self.env_or("AZURE_CLIENT_ID", self.target.client_id.as_ref());
        let identity = match &client_id {
            Some(c) => format!("managed identity {c}"),
            None => "managed identity (system-assigned)".to_owned(),
        };
        let client_options = self.client_options();
        let make: MakeCredential = Box::new(move || {
            let options = azure_identity::ManagedIdentityCredentialOptions {
                user_assigned_id: client_id
                    .clone()
                    .map(azure_identity::UserAssignedId::ClientId),
                client_options: client_options.clone(),
            };
            Ok(azure_identity::ManagedIdentityCredential::new(Some(
                options,
            ))?)
        });
        (identity, make)
    }

    fn workload_identity(&self) -> Result<(String, MakeCredential), String> {
        if (self.var)("AZURE_FEDERATED_TOKEN_FILE").is_none() {
            return Err("set AZURE_FEDERATED_TOKEN_FILE".to_owned());
        }
        let client_id = self.env_or("AZURE_CLIENT_ID", self.target.client_id.as_ref());
        let tenant_id = self.env_or("AZURE_TENANT_ID", self.target.tenant_id.as_ref());
        let identity = format!(
            "workload identity {}",
            client_id.as_deref().unwrap_or("(from AZURE_CLIENT_ID)")
        );
        let client_options = self.client_options();
        let make: MakeCredential = Box::new(move || {
            let mut options = azure_identity::WorkloadIdentityCredentialOptions {
                client_id: client_id.clone(),
                tenant_id: tenant_id.clone(),
                ..Default::default()
            };
            options.credential_options.client_options = client_options.clone();
            Ok(azure_identity::WorkloadIdentityCredential::new(Some(
                options,
            ))?)
        });
        Ok((identity, make))
    }
}

fn cloud_configuration(
    cloud: Cloud,
    authority_host: Option<&str>,
) -> azure_core::cloud::CloudConfiguration {
    use azure_core::cloud::{CloudConfiguration, CustomConfiguration};
    match authority_host {
        Some(host) => {
            let mut custom = CustomConfiguration::default();
            host.clone_into(&mut custom.authority_host);
            custom.into()
        }
        None => match cloud {
            Cloud::Public => CloudConfiguration::AzurePublic,
            Cloud::UsGov => CloudConfiguration::AzureGovernment,
            Cloud::China => CloudConfiguration::AzureChina,
        },
    }
}

type MakeCredential = Box<dyn Fn() -> azure_core::Result<Arc<dyn TokenCredential>> + Send + Sync>;

/// A token source backed by an `azure_identity` credential, with its own cache.
pub struct CredentialSource {
    identity: String,
    scope: String,
    make: MakeCredential,
    /// A secret that error messages must not repeat (the client secret).
    secret: Option<String>,
    state: Mutex<State>,
    /// One token request at a time: concurrent callers wait and share its result.
    fetching: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct State {
    credential: Option<Arc<dyn TokenCredential>>,
    cached: Option<Cached>,
}

struct Cached {
    token: AccessToken,
    refresh_at: Timestamp,
}

impl CredentialSource {
    fn new(identity: String, scope: String, make: MakeCredential, secret: Option<String>) -> Self {
        Self {
            identity,
            scope,
            make,
            secret,
            state: Mutex::new(State::default()),
            fetching: tokio::sync::Mutex::new(()),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn credential(&self) -> Result<Arc<dyn TokenCredential>, String> {
        let mut state = self.lock();
        if let Some(credential) = &state.credential {
            return Ok(credential.clone());
        }
        let credential = (self.make)().map_err(|e| self.scrub(&e.to_string()))?;
        state.credential = Some(credential.clone());
        Ok(credential)
    }

    fn fresh(&self, now: Timestamp) -> Option<AccessToken> {
        self.lock()
            .cached
            .as_ref()
            .filter(|c| now < c.refresh_at)
            .map(|c| c.token.clone())
    }

    async fn fetch(&self) -> Result<AccessToken, TokenError> {
        if let Some(token) = self.fresh(Timestamp::now()) {
            return Ok(token);
        }
        let _one_at_a_time = self.fetching.lock().await;
        // Another caller may have refreshed while this one waited.
        if let Some(token) = self.fresh(Timestamp::now()) {
            return Ok(token);
        }
        let credential = self.credential().map_err(TokenError::Unavailable)?;
        let issued = Timestamp::now();
        let token = credential
            .get_token(&[self.scope.as_str()], None)
            .await
            .map_err(|e| TokenError::Unavailable(self.scrub(&e.to_string())))?;
        let expires_on = Timestamp::new(
            token.expires_on.unix_timestamp(),
            i32::try_from(token.expires_on.nanosecond()).unwrap_or(0),
        )
        .unwrap_or(issued);
        let refresh_at = refresh_time(issued, expires_on);
        tracing::debug!(identity = %self.identity, %expires_on, %refresh_at, "new access token");
        let token = AccessToken {
            token: Secret::new(token.token.secret()),
            expires_on: Some(expires_on),
        };
        self.lock().cached = Some(Cached {
            token: token.clone(),
            refresh_at,
        });
        Ok(token)
    }

    /// Removes the client secret and anything shaped like a token from a message.
    fn scrub(&self, message: &str) -> String {
        let mut text = scrub_tokens(message);
        if let Some(secret) = &self.secret {
            text = text.replace(secret.as_str(), "<redacted>");
        }
        text.trim().to_owned()
    }
}

/// When to renew a token issued at `issued` that expires at `expires_on`: five minutes
/// before expiry, or half-way for tokens that live less than ten minutes.
#[must_use]
pub fn refresh_time(issued: Timestamp, expires_on: Timestamp) -> Timestamp {
    let life = expires_on.duration_since(issued);
    let margin = if life.is_negative() {
        jiff::SignedDuration::ZERO
    } else {
        (life / 2).min(jiff::SignedDuration::try_from(REFRESH_MARGIN).unwrap_or(life / 2))
    };
    expires_on.checked_sub(margin).unwrap_or(issued)
}

/// Replaces runs of 64 or more token characters (JWTs, opaque tokens) with `<redacted>`.
#[must_use]
pub fn scrub_tokens(message: &str) -> String {
    let is_token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '~');
    let mut out = String::with_capacity(message.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 64 {
            out.push_str("<redacted>");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in message.chars() {
        if is_token_char(c) {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

impl TokenSource for CredentialSource {
    fn token(&self) -> BoxFuture<'_, Result<AccessToken, TokenError>> {
        Box::pin(self.fetch())
    }

    fn invalidate(&self) -> bool {
        let mut state = self.lock();
        state.cached = None;
        // The credential keeps its own cache: drop it so the retry gets a new token.
        state.credential = None;
        true
    }

    fn identity(&self) -> String {
        self.identity.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_prefers_token_then_service_principal_then_workload_then_managed_then_cli() {
        let env = |vars: &'static [&'static str]| {
            move |name: &str| vars.contains(&name).then(|| "x".to_owned())
        };
        let all = env(&[
            TOKEN_ENV,
            "AZURE_CLIENT_SECRET",
            "AZURE_CLIENT_ID",
            "AZURE_TENANT_ID",
            "AZURE_FEDERATED_TOKEN_FILE",
            "IDENTITY_ENDPOINT",
        ]);
        assert_eq!(pick_auto(&all), AuthMethod::Token);
        let sp = env(&["AZURE_CLIENT_SECRET", "AZURE_CLIENT_ID", "AZURE_TENANT_ID"]);
        assert_eq!(pick_auto(&sp), AuthMethod::ServicePrincipal);
        let partial = env(&["AZURE_CLIENT_SECRET", "AZURE_CLIENT_ID"]);
        assert_eq!(pick_auto(&partial), AuthMethod::AzureCli);
        let wi = env(&["AZURE_FEDERATED_TOKEN_FILE", "AZURE_CLIENT_ID"]);
        assert_eq!(pick_auto(&wi), AuthMethod::WorkloadIdentity);
        assert_eq!(
            pick_auto(&env(&["MSI_ENDPOINT"])),
            AuthMethod::ManagedIdentity
        );
        assert_eq!(pick_auto(&env(&[])), AuthMethod::AzureCli);
    }

    #[test]
    fn tokens_are_renewed_before_expiry() {
        let issued = Timestamp::from_second(1_000_000).unwrap();
        let hour = issued
            .checked_add(jiff::SignedDuration::from_hours(1))
            .unwrap();
        assert_eq!(
            refresh_time(issued, hour).duration_since(issued),
            jiff::SignedDuration::from_mins(55)
        );
        let short = issued
            .checked_add(jiff::SignedDuration::from_secs(4))
            .unwrap();
        assert_eq!(
            refresh_time(issued, short).duration_since(issued),
            jiff::SignedDuration::from_secs(2)
        );
        let past = issued
            .checked_sub(jiff::SignedDuration::from_secs(4))
            .unwrap();
        assert_eq!(refresh_time(issued, past), past);
    }

    #[test]
    fn scrubbing_removes_long_tokens_and_keeps_words() {
        let jwt = format!("eyJ{}.eyJ{}.sig", "a".repeat(40), "b".repeat(40));
        let text = format!("bad token {jwt}: expired at 10:00");
        assert_eq!(
            scrub_tokens(&text),
            "bad token <redacted>: expired at 10:00"
        );
        assert_eq!(
            scrub_tokens("tenant 11111111-2222-3333-4444-555555555555"),
            "tenant 11111111-2222-3333-4444-555555555555"
        );
    }
}
