//! Reading jobs for the command line: every page of every watched subscription, and finding
//! a job by name (an error listing the candidates when the name is not unique).

use std::io::IsTerminal as _;

use crate::arm::{ArmClient, ArmError, ListScope, job_summary_from_wire};
use crate::model::{Job, JobKey};

use super::Exit;

/// The jobs of every subscription read, and the subscriptions that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    /// The jobs, in subscription, resource group and name order.
    pub jobs: Vec<Job>,
    /// Each subscription that failed, with why.
    pub failures: Vec<(String, ArmError)>,
}

impl Listing {
    /// The exit code the failures call for: none, partial (some subscriptions answered), or
    /// the failure's own when none did.
    #[must_use]
    pub fn exit(&self, subscriptions: usize) -> Exit {
        match self.failures.first() {
            None => Exit::Done,
            Some(_) if self.failures.len() < subscriptions => Exit::Partial,
            Some((_, error)) => Exit::for_error(error),
        }
    }

    /// Says on stderr which subscriptions failed and why (the ARM code and message).
    pub fn report_failures(&self) {
        for (subscription, error) in &self.failures {
            eprintln!(
                "iejobs: {}",
                crate::tr!(
                    "cli-subscription-not-listed",
                    subscription = subscription.as_str(),
                    error = error.to_string()
                )
            );
        }
    }
}

/// The subscriptions to read: those configured, else every usable one the identity sees.
pub async fn subscriptions(
    client: &ArmClient,
    configured: &[String],
) -> Result<Vec<String>, ArmError> {
    if !configured.is_empty() {
        return Ok(configured.to_vec());
    }
    let listed = client.list_subscriptions().await?;
    Ok(listed
        .into_iter()
        .filter(|s| !s.subscription_id.is_empty())
        .filter(|s| {
            !matches!(
                s.state.as_deref().map(str::to_ascii_lowercase).as_deref(),
                Some("disabled" | "deleted")
            )
        })
        .map(|s| s.subscription_id.to_ascii_lowercase())
        .collect())
}

/// Every job of `subscriptions` (of one resource group when given), every page. Progress goes
/// to stderr from the second page on: stdout carries only the result.
pub async fn list_all(
    client: &ArmClient,
    subscriptions: &[String],
    resource_group: Option<&str>,
) -> Listing {
    let mut listing = Listing::default();
    let terminal = std::io::stderr().is_terminal();
    for subscription in subscriptions {
        let scope = match resource_group {
            Some(rg) => ListScope::ResourceGroup {
                subscription_id: subscription.clone(),
                resource_group: rg.to_owned(),
            },
            None => ListScope::Subscription(subscription.clone()),
        };
        let mut pager = client.pager(&scope);
        let mut jobs = Vec::new();
        let outcome = loop {
            match pager.next_page().await {
                Ok(Some(page)) => {
                    for raw in &page {
                        match job_summary_from_wire(raw) {
                            Ok(job) => jobs.push(job),
                            Err(e) => {
                                eprintln!(
                                    "iejobs: {}",
                                    crate::tr!(
                                        "cli-subscription-skipped",
                                        subscription = subscription.as_str(),
                                        error = e.to_string()
                                    )
                                );
                            }
                        }
                    }
                    if pager.pages() > 1 {
                        progress(
                            terminal,
                            &crate::tr!(
                                "cli-listing-progress",
                                subscription = subscription.as_str(),
                                page = pager.pages(),
                                count = jobs.len()
                            ),
                        );
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => break Err(e),
            }
        };
        if terminal && pager.pages() > 1 {
            eprintln!();
        }
        match outcome {
            Ok(()) => listing.jobs.extend(jobs),
            // A resource group that does not exist in this subscription holds no jobs there.
            Err(e) if resource_group.is_some() && e.is_not_found() => {}
            Err(e) => listing.failures.push((subscription.clone(), e)),
        }
    }
    listing.jobs.sort_by(|a, b| a.key.cmp(&b.key));
    listing
}

/// A progress line on stderr: rewritten in place on a terminal, one line each elsewhere.
pub fn progress(terminal: bool, text: &str) {
    if terminal {
        eprint!("\r\x1b[2K{text}");
    } else {
        eprintln!("{text}");
    }
}

/// What a name matched.
#[derive(Debug)]
pub enum Found<'a> {
    /// Exactly this job.
    One(&'a Job),
    /// Several jobs: the name must be made precise.
    Ambiguous(Vec<&'a JobKey>),
    /// None.
    Missing,
}

/// The job named `name` (ARM names ignore case) among `jobs`.
#[must_use]
pub fn find<'a>(jobs: &'a [Job], name: &str) -> Found<'a> {
    let wanted = name.to_lowercase();
    let matches: Vec<&Job> = jobs
        .iter()
        .filter(|j| j.key.name.to_lowercase() == wanted)
        .collect();
    match matches.as_slice() {
        [] => Found::Missing,
        [one] => Found::One(one),
        many => Found::Ambiguous(many.iter().map(|j| &j.key).collect()),
    }
}

/// Finds each of `names`, saying on stderr why a name cannot be used. Returns the jobs found
/// and the exit code of each name that was not.
///
/// A name is only resolved when every subscription answered: one that did not might hold a
/// job of the same name, and an action must never reach the wrong job.
pub fn resolve(
    listing: &Listing,
    names: &[String],
    resource_group: Option<&str>,
) -> (Vec<Job>, Vec<Exit>) {
    let mut found = Vec::new();
    let mut failed = Vec::new();
    if !listing.failures.is_empty() {
        listing.report_failures();
        eprintln!(
            "iejobs: {}",
            crate::tr!("cli-not-unique", names = names.join(", "))
        );
        let (_, error) = &listing.failures[0];
        return (found, vec![Exit::for_error(error)]);
    }
    for name in names {
        match find(&listing.jobs, name) {
            Found::One(job) => found.push(job.clone()),
            Found::Missing => {
                let message = if let Some(rg) = resource_group {
                    crate::tr!("cli-no-job-in-group", name = name, group = rg)
                } else {
                    crate::tr!("cli-no-job", name = name)
                };
                eprintln!("iejobs: {message}");
                failed.push(Exit::Service);
            }
            Found::Ambiguous(keys) => {
                eprintln!("iejobs: {}", crate::tr!("cli-ambiguous", name = name));
                for key in keys {
                    eprintln!(
                        "  {}",
                        crate::tr!(
                            "cli-candidate",
                            subscription = &key.subscription_id,
                            group = &key.resource_group,
                            name = &key.name
                        )
                    );
                }
                failed.push(Exit::Usage);
            }
        }
    }
    (found, failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::JobState;

    #[test]
    fn names_match_without_regard_to_case_and_ambiguity_lists_candidates() {
        let jobs = vec![
            Job::new(JobKey::new("s1", "rg-a", "Alpha"), JobState::Creating),
            Job::new(JobKey::new("s1", "rg-b", "beta"), JobState::Creating),
            Job::new(JobKey::new("s2", "rg-b", "BETA"), JobState::Creating),
        ];
        assert!(
            matches!(find(&jobs, "alpha"), Found::One(j) if j.key.resource_group.as_str() == "rg-a")
        );
        assert!(matches!(find(&jobs, "gamma"), Found::Missing));
        let Found::Ambiguous(keys) = find(&jobs, "Beta") else {
            panic!("expected ambiguous")
        };
        assert_eq!(keys.len(), 2);
    }
}
