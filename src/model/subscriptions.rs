//! The subscriptions: those the identity can see (as ARM lists them) and those being watched.

/// A subscription as ARM lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SubscriptionInfo {
    /// The id (a GUID, lower case).
    pub id: String,
    /// The display name, or the id when ARM gave none.
    pub name: String,
    /// `Enabled`, `Warned`, `PastDue`, `Disabled`, `Deleted`, or what ARM said.
    pub state: String,
}

impl SubscriptionInfo {
    /// Whether its jobs can be listed: ARM refuses reads on disabled and deleted ones.
    #[must_use]
    pub fn is_usable(&self) -> bool {
        !matches!(
            self.state.to_ascii_lowercase().as_str(),
            "disabled" | "deleted"
        )
    }
}

/// What is known about subscriptions.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subscriptions {
    /// The last listing, sorted by name; `None` before the first one.
    pub available: Option<Vec<SubscriptionInfo>>,
    /// Why the last listing failed, if it did.
    pub error: Option<String>,
    /// The subscriptions whose jobs are listed now.
    pub watched: Vec<String>,
}

impl Subscriptions {
    /// The display name of `id`, when listed.
    #[must_use]
    pub fn name(&self, id: &str) -> Option<&str> {
        self.available
            .iter()
            .flatten()
            .find(|s| s.id.eq_ignore_ascii_case(id))
            .map(|s| s.name.as_str())
    }

    /// Records a listing (or its failure); a failure keeps the previous list.
    pub fn listed(&mut self, result: Result<Vec<SubscriptionInfo>, String>) -> bool {
        let before = (self.available.clone(), self.error.clone());
        match result {
            Ok(mut list) => {
                list.sort_by_key(|s| s.name.to_lowercase());
                self.available = Some(list);
                self.error = None;
            }
            Err(message) => self.error = Some(message),
        }
        before != (self.available.clone(), self.error.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(id: &str, name: &str, state: &str) -> SubscriptionInfo {
        SubscriptionInfo {
            id: id.to_owned(),
            name: name.to_owned(),
            state: state.to_owned(),
        }
    }

    #[test]
    fn listing_sorts_by_name_and_a_failure_keeps_the_list() {
        let mut subs = Subscriptions::default();
        assert!(subs.listed(Ok(vec![
            sub("b", "beta", "Enabled"),
            sub("a", "Alpha", "Disabled")
        ])));
        let names: Vec<&str> = subs
            .available
            .iter()
            .flatten()
            .map(|s| s.name.as_str())
            .collect();
        assert_eq!(names, ["Alpha", "beta"]);
        assert_eq!(subs.name("B"), Some("beta"));
        assert!(!subs.listed(Ok(vec![
            sub("b", "beta", "Enabled"),
            sub("a", "Alpha", "Disabled")
        ])));
        assert!(subs.listed(Err("HTTP 403".to_owned())));
        assert_eq!(subs.available.as_ref().map(Vec::len), Some(2));
        assert_eq!(subs.error.as_deref(), Some("HTTP 403"));
        assert!(!sub("a", "x", "Disabled").is_usable());
        assert!(sub("a", "x", "PastDue").is_usable());
    }
}
