//! The settings being edited and what Save writes: the values the window shows, the keys
//! the user changed since it opened, and those changes as edits of the config file. No
//! egui here: the window's part is `settings.rs`.

use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::config::file::Edit;
use crate::config::{self, AuthMethod, Cloud, Layer, Origin};

/// What the app knows about its settings, from `main`.
#[derive(Clone, Debug, Default)]
pub struct SettingsContext {
    /// The config file that Save writes; `None` when the platform has no config folder.
    pub path: Option<PathBuf>,
    /// The file's content as loaded (Save keeps what the window does not show).
    pub file: Layer,
    /// Keys whose value in force came from a flag or the environment, not the file.
    pub overridden: Vec<(&'static str, Origin)>,
    /// The subscriptions chosen at start; empty means all usable ones.
    pub subscriptions: Vec<String>,
}

/// Where the next start takes its jobs from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NextSource {
    /// The embedded emulator.
    Emulator,
    /// Azure.
    Azure,
}

/// The values being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsDraft {
    /// Emulator or Azure at the next start.
    pub source: NextSource,
    /// The cloud.
    pub cloud: Cloud,
    /// A custom endpoint; empty for the cloud's.
    pub endpoint: String,
    /// The sign-in method.
    pub auth: AuthMethod,
    /// Tenant id; may be empty.
    pub tenant_id: String,
    /// Client id; may be empty.
    pub client_id: String,
    /// The api-version; empty for the default.
    pub api_version: String,
    /// Watch every usable subscription.
    pub all_subscriptions: bool,
    /// The subscriptions ticked.
    pub chosen: BTreeSet<String>,
    /// A subscription id being typed.
    pub typed: String,
    /// Full listing interval, seconds.
    pub poll_secs: u64,
    /// Fast interval, seconds.
    pub fast_poll_secs: u64,
    /// Reads per subscription and hour that polling may spend; 0 for no limit.
    pub read_budget: u32,
    /// Desktop notifications on (see [`SettingsDraft::with_notifications`]).
    pub notifications: bool,
    /// The language: the system's or a fixed one.
    pub language: crate::i18n::LanguageChoice,
    /// The draft as the window opened: Save writes only the keys that differ from it, so a
    /// value shown because a flag or the environment set it never reaches the file.
    pub opened: Option<Box<SettingsDraft>>,
    /// The keys the last Save wrote (empty: it found nothing to write).
    pub last_saved: Option<Vec<&'static str>>,
}

impl SettingsDraft {
    /// A draft showing what is in force now.
    #[must_use]
    pub fn new(
        context: &SettingsContext,
        polling: (u64, u64),
        read_budget: Option<u32>,
        on_azure: bool,
    ) -> Self {
        let file = &context.file;
        Self {
            source: if on_azure || file.names_azure() {
                NextSource::Azure
            } else {
                NextSource::Emulator
            },
            cloud: file.cloud.unwrap_or_default(),
            endpoint: file.endpoint.clone().unwrap_or_default(),
            auth: file.auth.unwrap_or_default(),
            tenant_id: file.tenant_id.clone().unwrap_or_default(),
            client_id: file.client_id.clone().unwrap_or_default(),
            api_version: file.api_version.clone().unwrap_or_default(),
            all_subscriptions: context.subscriptions.is_empty(),
            chosen: context.subscriptions.iter().cloned().collect(),
            typed: String::new(),
            poll_secs: polling.0,
            fast_poll_secs: polling.1,
            read_budget: read_budget.unwrap_or(0),
            notifications: true,
            language: file.language.unwrap_or_default(),
            opened: None,
            last_saved: None,
        }
        .opened_now()
    }

    /// The draft with its [`SettingsDraft::opened`] snapshot taken now.
    fn opened_now(mut self) -> Self {
        self.opened = None;
        self.opened = Some(Box::new(self.clone()));
        self
    }

    /// The draft showing desktop notifications on or off as in force now (the snapshot
    /// Save compares with too, so that the value in force is not written unless changed).
    #[must_use]
    pub fn with_notifications(mut self, on: bool) -> Self {
        self.notifications = on;
        if let Some(opened) = &mut self.opened {
            opened.notifications = on;
        }
        self
    }

    /// The subscriptions to watch: empty for all.
    #[must_use]
    pub fn subscriptions(&self) -> Vec<String> {
        if self.all_subscriptions {
            Vec::new()
        } else {
            self.chosen.iter().cloned().collect()
        }
    }

    /// The keys the user changed since the window opened, with their new value in the form
    /// [`Layer::set`] reads (`None`: the key is removed, its default applies). Switching
    /// between the emulator and Azure changes the connection keys as shown. The emulator's
    /// subscriptions are never written (they mean nothing on Azure).
    #[must_use]
    pub fn changes(&self, on_azure: bool) -> Vec<(&'static str, Option<String>)> {
        let opened = self.opened.as_deref().unwrap_or(self);
        let text = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
        let mut changes = Vec::new();
        let switched = self.source != opened.source;
        match self.source {
            NextSource::Azure => {
                let fields: [(&'static str, Option<String>, Option<String>); 5] = [
                    (
                        "cloud",
                        Some(self.cloud.name().to_owned()),
                        Some(opened.cloud.name().to_owned()),
                    ),
                    ("endpoint", text(&self.endpoint), text(&opened.endpoint)),
                    (
                        "auth",
                        Some(self.auth.name().to_owned()),
                        Some(opened.auth.name().to_owned()),
                    ),
                    ("tenant-id", text(&self.tenant_id), text(&opened.tenant_id)),
                    ("client-id", text(&self.client_id), text(&opened.client_id)),
                ];
                for (key, now, before) in fields {
                    if switched || now != before {
                        changes.push((key, now));
                    }
                }
            }
            NextSource::Emulator if switched => {
                changes.extend([("cloud", None), ("endpoint", None), ("auth", None)]);
            }
            NextSource::Emulator => {}
        }
        if self.api_version.trim() != opened.api_version.trim() {
            changes.push(("api-version", text(&self.api_version)));
        }
        if on_azure && self.subscriptions() != opened.subscriptions() {
            changes.push(("subscriptions", Some(self.subscriptions().join(","))));
        }
        for (key, now, before) in [
            ("poll-secs", self.poll_secs, opened.poll_secs),
            ("fast-poll-secs", self.fast_poll_secs, opened.fast_poll_secs),
            (
                "read-budget",
                u64::from(self.read_budget),
                u64::from(opened.read_budget),
            ),
        ] {
            if now != before {
                changes.push((key, Some(now.to_string())));
            }
        }
        if self.notifications != opened.notifications {
            changes.push(("notifications", Some(self.notifications.to_string())));
        }
        if self.language != opened.language {
            changes.push(("language", Some(self.language.key().to_owned())));
        }
        changes
    }

    /// The file as it would be after Save: `base` (the file as loaded) with the changes.
    #[must_use]
    pub fn to_layer(&self, base: &Layer, on_azure: bool) -> Layer {
        let mut layer = base.clone();
        for (key, value) in self.changes(on_azure) {
            match value {
                // The values come from the window's own widgets; one it cannot read is left
                // for [`Self::problems`] (which resolves the result) to report.
                Some(value) => {
                    let _ = layer.set(key, &value);
                }
                None => layer.unset(key),
            }
        }
        layer
    }

    /// What is wrong with the draft, as [`config::resolve`] says it.
    #[must_use]
    pub fn problems(&self, base: &Layer, on_azure: bool) -> Vec<String> {
        let layer = self.to_layer(base, on_azure);
        match config::resolve(&Layer::default(), &Layer::default(), &layer, false) {
            Ok(_) => Vec::new(),
            Err(e) => e.0,
        }
    }
}

/// [`SettingsDraft::changes`] as edits of the config file.
#[must_use]
pub fn edits(changes: &[(&'static str, Option<String>)]) -> Vec<Edit> {
    changes
        .iter()
        .map(|(key, value)| match value {
            None => Edit::Remove(key),
            Some(value) => Edit::Set(key, file_value(key, value)),
        })
        .collect()
}

/// A value for the config file, typed as the file holds it: numbers as integers, the
/// subscriptions as an array, the rest as strings.
fn file_value(key: &str, value: &str) -> toml_edit::Value {
    match key {
        "poll-secs" | "fast-poll-secs" | "read-budget" => value
            .parse::<i64>()
            .map_or_else(|_| value.into(), toml_edit::Value::from),
        "notifications" => value
            .parse::<bool>()
            .map_or_else(|_| value.into(), toml_edit::Value::from),
        "subscriptions" => value
            .split(',')
            .filter(|s| !s.is_empty())
            .collect::<toml_edit::Array>()
            .into(),
        _ => value.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SUB: &str = "11111111-2222-3333-4444-555555555555";

    #[test]
    fn the_draft_writes_only_what_it_shows_and_keeps_the_rest() {
        let context = SettingsContext {
            file: Layer {
                client_id: Some("22222222-2222-3333-4444-555555555555".into()),
                subscriptions: Some(vec![SUB.into()]),
                ..Layer::default()
            },
            subscriptions: vec![SUB.into()],
            ..SettingsContext::default()
        };
        let mut draft = SettingsDraft::new(&context, (30, 2), None, false);
        assert_eq!(draft.source, NextSource::Emulator);
        assert!(!draft.all_subscriptions);
        draft.poll_secs = 60;
        // On the emulator the subscriptions are not written: the file keeps its own.
        let layer = draft.to_layer(&context.file, false);
        assert_eq!(layer.subscriptions, Some(vec![SUB.to_owned()]));
        assert_eq!(layer.poll_secs, Some(60));
        assert_eq!(layer.cloud, None);
        // The emulator's unlimited reads are not written unless changed: on Azure they would
        // lift the budget.
        assert_eq!(layer.read_budget, None);
        draft.read_budget = 2_400;
        assert_eq!(
            draft.to_layer(&context.file, false).read_budget,
            Some(2_400)
        );
        draft.read_budget = 0;
        draft.source = NextSource::Azure;
        draft.cloud = Cloud::UsGov;
        draft.all_subscriptions = true;
        let layer = draft.to_layer(&context.file, true);
        assert_eq!(layer.cloud, Some(Cloud::UsGov));
        assert_eq!(layer.subscriptions, Some(Vec::new()));
        assert_eq!(layer.client_id, context.file.client_id);
        assert!(draft.problems(&context.file, true).is_empty());
        draft.endpoint = "http://example.com".into();
        let problems = draft.problems(&context.file, true);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("plain http"), "{problems:?}");
    }

    #[test]
    fn values_from_flags_are_never_written_unless_changed() {
        // The file says usgov, azure-cli, a production subscription and 60 s; the flags say
        // another subscription and 5 s: the window shows the flags' values.
        let context = SettingsContext {
            file: Layer {
                cloud: Some(Cloud::UsGov),
                auth: Some(AuthMethod::AzureCli),
                subscriptions: Some(vec![SUB.into()]),
                poll_secs: Some(60),
                ..Layer::default()
            },
            subscriptions: vec!["00000000-0000-0000-0000-000000000001".into()],
            ..SettingsContext::default()
        };
        let mut draft = SettingsDraft::new(&context, (5, 2), Some(1200), true);
        assert_eq!(
            draft.changes(true),
            Vec::new(),
            "nothing changed, nothing written"
        );
        assert_eq!(draft.to_layer(&context.file, true), context.file);
        draft.fast_poll_secs = 7;
        draft.cloud = Cloud::China;
        assert_eq!(
            draft.changes(true),
            vec![
                ("cloud", Some("china".to_owned())),
                ("fast-poll-secs", Some("7".to_owned()))
            ]
        );
        let layer = draft.to_layer(&context.file, true);
        assert_eq!(
            layer.subscriptions,
            Some(vec![SUB.to_owned()]),
            "the file's own"
        );
        assert_eq!(layer.poll_secs, Some(60), "the file's own");
        // Switching to the emulator removes the connection keys, and only them.
        draft.source = NextSource::Emulator;
        let keys: Vec<&str> = draft.changes(true).iter().map(|(k, _)| *k).collect();
        assert_eq!(keys, ["cloud", "endpoint", "auth", "fast-poll-secs"]);
        let edits = edits(&draft.changes(true));
        assert_eq!(edits[0], Edit::Remove("cloud"));
        assert_eq!(edits[3], Edit::Set("fast-poll-secs", 7.into()));
    }

    #[test]
    fn the_notification_switch_is_written_only_when_changed_and_as_a_boolean() {
        let context = SettingsContext::default();
        let mut draft =
            SettingsDraft::new(&context, (30, 2), None, false).with_notifications(false);
        assert!(!draft.notifications);
        assert_eq!(
            draft.changes(false),
            Vec::new(),
            "off in force, not changed"
        );
        draft.notifications = true;
        assert_eq!(
            draft.changes(false),
            vec![("notifications", Some("true".to_owned()))]
        );
        assert_eq!(
            edits(&draft.changes(false)),
            [Edit::Set("notifications", true.into())]
        );
        assert_eq!(
            draft.to_layer(&context.file, false).notifications,
            Some(true)
        );
    }
}
