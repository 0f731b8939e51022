//! Signing in without Azure: `azure_identity` credentials talk to the Entra ID stand-in (its
//! HTTP transport and its `az` runner), and the emulator accepts only the tokens the stand-in
//! issued, so refreshes, revocations and their messages are exercised end to end.

#![allow(
    clippy::unwrap_used,
    reason = "a test that cannot go on should stop loudly"
)]

mod common;

use std::sync::Arc;
use std::time::Duration;

use iejobs::arm::{ArmClient, ArmError, ClientConfig, ListScope, RetryPolicy, TokenSource};
use iejobs::auth::stand_in::StandInEntra;
use iejobs::auth::token_source;
use iejobs::config::{AuthMethod, AzureTarget, Cloud};
use iejobs::emulator::scenario::{DEMO_SUBSCRIPTION, Scenario};
use iejobs::emulator::{Emulator, EmulatorConfig, TokenCheck};

const TENANT: &str = "00000000-0000-0000-0000-0000000000aa";
const CLIENT: &str = "00000000-0000-0000-0000-0000000000c1";
const SECRET: &str = "client-secret-9d2b";

async fn emulator(check: TokenCheck) -> Emulator {
    let config = EmulatorConfig {
        scenario: Scenario::Demo,
        speed: 0.0,
        token_check: Some(check),
        ..EmulatorConfig::default()
    };
    Emulator::start("127.0.0.1:0", config).await.unwrap()
}

fn target(url: &str, auth: AuthMethod) -> AzureTarget {
    AzureTarget {
        cloud: Cloud::Public,
        endpoint: url.trim_end_matches('/').to_owned(),
        auth,
        tenant_id: None,
        client_id: None,
    }
}

/// The environment of a service principal.
fn sp_env(name: &str) -> Option<String> {
    match name {
        "AZURE_TENANT_ID" => Some(TENANT.to_owned()),
        "AZURE_CLIENT_ID" => Some(CLIENT.to_owned()),
        "AZURE_CLIENT_SECRET" => Some(SECRET.to_owned()),
        _ => None,
    }
}

fn client(url: &str, tokens: Arc<dyn TokenSource>) -> ArmClient {
    let mut config = ClientConfig::new(url).unwrap();
    config.retry = RetryPolicy {
        max_attempts: 2,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(20),
        max_retry_after: Duration::from_secs(1),
    };
    ArmClient::new(config, tokens).unwrap()
}

/// A service principal of the stand-in (hour-long tokens), an emulator that checks tokens
/// with `check` (default: only the stand-in's), and a client signed in through both.
async fn signed_in(check: Option<TokenCheck>) -> (StandInEntra, Emulator, ArmClient) {
    let entra = StandInEntra::new(Duration::from_hours(1));
    entra.add_client(CLIENT, SECRET);
    let emulator = emulator(check.unwrap_or_else(|| entra.token_check())).await;
    let target = target(&emulator.url(), AuthMethod::ServicePrincipal);
    let client = client(
        &emulator.url(),
        token_source(&target, &sp_env, &entra.auth_options()).unwrap(),
    );
    (entra, emulator, client)
}

fn demo_scope() -> ListScope {
    ListScope::Subscription(DEMO_SUBSCRIPTION.to_owned())
}

fn statuses(emulator: &Emulator) -> Vec<u16> {
    emulator.requests().iter().map(|r| r.status).collect()
}

#[tokio::test]
async fn a_service_principal_token_is_renewed_before_it_expires() {
    let entra = StandInEntra::new(Duration::from_secs(2));
    entra.add_client(CLIENT, SECRET);
    let emulator = emulator(entra.token_check()).await;
    let target = target(&emulator.url(), AuthMethod::ServicePrincipal);
    let tokens = token_source(&target, &sp_env, &entra.auth_options()).unwrap();
    assert_eq!(
        tokens.identity(),
        format!("service principal {CLIENT} (tenant {TENANT})")
    );
    let client = client(&emulator.url(), tokens);
    // 2 s tokens are renewed after 1 s: over ~3.5 s of polling, several tokens, no 401.
    for _ in 0..8 {
        let jobs = client.list_jobs(&demo_scope()).await.unwrap();
        assert!(!jobs.is_empty());
        tokio::time::sleep(Duration::from_millis(450)).await;
    }
    let issued = entra.tokens_issued();
    assert!((3..=6).contains(&issued), "{issued} tokens issued");
    let statuses = statuses(&emulator);
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_revoked_token_is_replaced_once_and_the_request_goes_through() {
    let (entra, emulator, client) = signed_in(None).await;
    client.list_jobs(&demo_scope()).await.unwrap();
    assert_eq!(entra.tokens_issued(), 1);
    entra.revoke_all();
    client.list_jobs(&demo_scope()).await.unwrap();
    assert_eq!(entra.tokens_issued(), 2, "one refresh after the 401");
    assert_eq!(statuses(&emulator), vec![200, 401, 200]);
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_removed_secret_ends_in_a_clear_message_without_the_secret() {
    let (entra, emulator, client) = signed_in(None).await;
    client.list_jobs(&demo_scope()).await.unwrap();
    entra.revoke_all();
    entra.disable_client(CLIENT);
    let error = client.list_jobs(&demo_scope()).await.unwrap_err();
    let text = error.to_string();
    assert!(matches!(error, ArmError::Token(_)), "{error:?}");
    assert!(text.starts_with("could not get an access token"), "{text}");
    assert!(text.contains("ClientSecretCredential"), "{text}");
    assert!(text.contains("AADSTS7000222"), "{text}");
    assert!(!text.contains(SECRET), "{text}");
    assert!(!format!("{error:?}").contains(SECRET));
    emulator.shutdown().await;
}

#[tokio::test]
async fn a_service_that_keeps_refusing_says_so_after_one_fresh_token() {
    // The identity lost its access: every token is refused.
    let (entra, emulator, client) = signed_in(Some(Arc::new(|_: &str| false))).await;
    let error = client.list_jobs(&demo_scope()).await.unwrap_err();
    assert!(
        matches!(
            &error,
            ArmError::Unauthorized {
                refreshed: true,
                ..
            }
        ),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(
        text.contains(&format!("service principal {CLIENT}")),
        "{text}"
    );
    assert!(text.contains("even with a freshly issued token"), "{text}");
    assert!(text.contains("InvalidAuthenticationToken"), "{text}");
    assert!(text.contains("az login"), "{text}");
    assert_eq!(entra.tokens_issued(), 2);
    assert_eq!(statuses(&emulator), vec![401, 401]);
    emulator.shutdown().await;
}

#[tokio::test]
async fn the_azure_cli_credential_takes_tokens_from_az() {
    let entra = StandInEntra::new(Duration::from_hours(1));
    let emulator = emulator(entra.token_check()).await;
    let no_env = |_: &str| None;
    let tokens = token_source(
        &target(&emulator.url(), AuthMethod::AzureCli),
        &no_env,
        &entra.auth_options(),
    )
    .unwrap();
    assert_eq!(tokens.identity(), "Azure CLI (az login)");
    let client = client(&emulator.url(), tokens);
    client.list_jobs(&demo_scope()).await.unwrap();
    client.list_jobs(&demo_scope()).await.unwrap();
    assert_eq!(entra.tokens_issued(), 1, "the token is cached");
    // `auto` with nothing in the environment is the Azure CLI as well.
    let auto = token_source(
        &target(&emulator.url(), AuthMethod::Auto),
        &no_env,
        &entra.auth_options(),
    )
    .unwrap();
    assert_eq!(auto.identity(), "Azure CLI (az login)");
    emulator.shutdown().await;
}

#[test]
fn missing_variables_are_named() {
    let entra = StandInEntra::new(Duration::from_mins(1));
    let url = "http://127.0.0.1:9";
    let no_env = |_: &str| None;
    let error = |auth| {
        token_source(&target(url, auth), &no_env, &entra.auth_options())
            .err()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        error(AuthMethod::ServicePrincipal),
        "cannot sign in with service-principal: set AZURE_TENANT_ID (or tenant-id)"
    );
    assert_eq!(
        error(AuthMethod::Token),
        "cannot sign in with token: the environment variable IEJOBS_ACCESS_TOKEN is empty"
    );
    assert_eq!(
        error(AuthMethod::WorkloadIdentity),
        "cannot sign in with workload-identity: set AZURE_FEDERATED_TOKEN_FILE"
    );
    let token_env = |name: &str| (name == "IEJOBS_ACCESS_TOKEN").then(|| " abc ".to_owned());
    let tokens = token_source(
        &target(url, AuthMethod::Auto),
        &token_env,
        &entra.auth_options(),
    )
    .unwrap();
    assert_eq!(tokens.identity(), "token from IEJOBS_ACCESS_TOKEN");
}

#[tokio::test]
async fn subscriptions_are_listed_with_their_names() {
    let emulator = common::emulator(Scenario::Demo).await;
    let client = common::client(&emulator.url());
    let subscriptions = client.list_subscriptions().await.unwrap();
    let names: Vec<(&str, Option<&str>)> = subscriptions
        .iter()
        .map(|s| (s.subscription_id.as_str(), s.display_name.as_deref()))
        .collect();
    assert_eq!(
        names,
        vec![
            (DEMO_SUBSCRIPTION, Some("Contoso Archive (emulator)")),
            (
                "00000000-0000-0000-0000-000000000002",
                Some("Contoso Media (emulator)")
            ),
        ]
    );
    let log = emulator.requests();
    let query = log[0].query.as_deref().unwrap_or_default();
    assert_eq!(log[0].path, "/subscriptions");
    assert!(query.contains("api-version=2022-12-01"), "{query}");
    emulator.shutdown().await;
}
