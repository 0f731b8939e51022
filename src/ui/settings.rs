//! The settings window: where the jobs come from (saved for the next start), which
//! subscriptions are watched and how often they are polled (applied at once), and saving all
//! of it to the config file. Secrets are never asked for here: they stay in the environment.

use std::collections::BTreeSet;
use std::path::PathBuf;

use eframe::egui;

use crate::config::file::Edit;
use crate::config::{self, AuthMethod, Cloud, Layer, Origin};

use super::intent::Intent;
use super::state::AppState;

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

/// Draws the settings window while it is open.
pub fn settings_ui(ctx: &egui::Context, app: &mut AppState, intents: &mut Vec<Intent>) {
    let Some(mut draft) = app.settings_draft.take() else {
        return;
    };
    let mut open = true;
    egui::Window::new("Settings")
        .open(&mut open)
        .collapsible(false)
        .resizable(true)
        .default_width(560.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .max_height(640.0)
                .show(ui, |ui| {
                    connection_ui(ui, app, &mut draft);
                    ui.separator();
                    subscriptions_ui(ui, app, &mut draft, intents);
                    ui.separator();
                    polling_ui(ui, &mut draft);
                    ui.separator();
                    buttons_ui(ui, app, &mut draft, intents);
                });
        });
    if open {
        app.settings_draft = Some(draft);
    }
}

fn connection_ui(ui: &mut egui::Ui, app: &AppState, draft: &mut SettingsDraft) {
    ui.heading("Connection");
    ui.label(format!("Now: {}", app.source.label()));
    ui.weak("Applies at the next start. Secrets are never stored: a client secret stays in AZURE_CLIENT_SECRET, a token in IEJOBS_ACCESS_TOKEN.");
    ui.horizontal(|ui| {
        ui.radio_value(&mut draft.source, NextSource::Emulator, "Local emulator");
        ui.radio_value(&mut draft.source, NextSource::Azure, "Azure");
    });
    if draft.source == NextSource::Emulator {
        return;
    }
    egui::Grid::new("connection").num_columns(2).show(ui, |ui| {
        ui.label("Cloud");
        egui::ComboBox::from_id_salt("cloud")
            .selected_text(draft.cloud.label())
            .show_ui(ui, |ui| {
                for cloud in Cloud::ALL {
                    ui.selectable_value(&mut draft.cloud, cloud, cloud.label());
                }
            });
        ui.end_row();
        text_row_ui(ui, "Endpoint", &mut draft.endpoint, draft.cloud.endpoint());
        ui.label("Sign-in");
        egui::ComboBox::from_id_salt("auth")
            .selected_text(draft.auth.name())
            .show_ui(ui, |ui| {
                for method in AuthMethod::ALL {
                    ui.selectable_value(&mut draft.auth, method, method.name());
                }
            });
        ui.end_row();
        text_row_ui(ui, "Tenant id", &mut draft.tenant_id, "from the sign-in");
        text_row_ui(ui, "Client id", &mut draft.client_id, "AZURE_CLIENT_ID");
        text_row_ui(
            ui,
            "api-version",
            &mut draft.api_version,
            crate::arm::DEFAULT_API_VERSION,
        );
    });
    ui.weak(auth_hint(draft.auth));
}

fn auth_hint(method: AuthMethod) -> &'static str {
    match method {
        AuthMethod::Auto => {
            "auto: IEJOBS_ACCESS_TOKEN, else a service principal from AZURE_* variables, else workload or managed identity, else the Azure CLI."
        }
        AuthMethod::AzureCli => "azure-cli: the account of `az login` on this machine.",
        AuthMethod::ServicePrincipal => {
            "service-principal: AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET from the environment."
        }
        AuthMethod::ManagedIdentity => {
            "managed-identity: the identity of the Azure VM or App Service iejobs runs on."
        }
        AuthMethod::WorkloadIdentity => {
            "workload-identity: AZURE_FEDERATED_TOKEN_FILE, AZURE_CLIENT_ID, AZURE_TENANT_ID (Kubernetes)."
        }
        AuthMethod::Token => "token: a bearer token in IEJOBS_ACCESS_TOKEN; it is not refreshed.",
    }
}

fn text_row_ui(ui: &mut egui::Ui, label: &str, value: &mut String, hint: &str) {
    let label = ui.label(label);
    ui.add(
        egui::TextEdit::singleline(value)
            .hint_text(hint)
            .desired_width(320.0),
    )
    .labelled_by(label.id);
    ui.end_row();
}

fn subscriptions_ui(
    ui: &mut egui::Ui,
    app: &AppState,
    draft: &mut SettingsDraft,
    intents: &mut Vec<Intent>,
) {
    let subscriptions = app.store.subscriptions();
    ui.horizontal(|ui| {
        ui.heading("Subscriptions");
        if ui
            .button("List again")
            .on_hover_text("Ask Azure Resource Manager which subscriptions this identity sees")
            .clicked()
        {
            intents.push(Intent::ListSubscriptions);
        }
    });
    if let Some(error) = &subscriptions.error {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("Could not list subscriptions: {error}"),
        );
    }
    ui.checkbox(
        &mut draft.all_subscriptions,
        "Every subscription this identity can use",
    );
    let listed = subscriptions.available.as_deref().unwrap_or_default();
    if listed.is_empty() && subscriptions.error.is_none() {
        ui.weak("Listing subscriptions…");
    }
    ui.add_enabled_ui(!draft.all_subscriptions, |ui| {
        for sub in listed {
            let mut on = draft.chosen.contains(&sub.id);
            let text = format!("{}  ·  {}  ·  {}", sub.name, sub.id, sub.state);
            let toggled = ui
                .add_enabled(sub.is_usable(), egui::Checkbox::new(&mut on, text))
                .on_disabled_hover_text(
                    "Azure does not list jobs of a disabled or deleted subscription",
                )
                .changed();
            if toggled && on {
                draft.chosen.insert(sub.id.clone());
            } else if toggled {
                draft.chosen.remove(&sub.id);
            }
            failure_ui(ui, app, &sub.id);
        }
        // Chosen ids the listing does not show (typed, or from the config file).
        let unlisted: Vec<String> = draft
            .chosen
            .iter()
            .filter(|id| !listed.iter().any(|s| &s.id == *id))
            .cloned()
            .collect();
        for id in unlisted {
            let mut on = true;
            if ui
                .checkbox(&mut on, format!("{id}  ·  not listed for this identity"))
                .changed()
            {
                draft.chosen.remove(&id);
            }
            failure_ui(ui, app, &id);
        }
        add_subscription_ui(ui, draft);
    });
}

/// Why a watched subscription cannot be read, under its checkbox.
fn failure_ui(ui: &mut egui::Ui, app: &AppState, id: &str) {
    let status = app.store.status();
    let Some(failure) = status
        .subscriptions
        .get(&id.to_ascii_lowercase())
        .and_then(|s| s.failure.as_ref())
    else {
        return;
    };
    ui.indent(("failure", id), |ui| {
        ui.colored_label(ui.visuals().error_fg_color, failure.reason())
            .on_hover_text(&failure.message);
    });
}

fn add_subscription_ui(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    ui.horizontal(|ui| {
        let label = ui.label("Add by id");
        ui.add(
            egui::TextEdit::singleline(&mut draft.typed)
                .hint_text("00000000-0000-0000-0000-000000000000")
                .desired_width(300.0),
        )
        .labelled_by(label.id);
        let id = draft.typed.trim().to_ascii_lowercase();
        let valid = config::valid_guid(&id);
        if ui
            .add_enabled(valid, egui::Button::new("Add"))
            .on_disabled_hover_text(
                "A subscription id looks like 00000000-0000-0000-0000-000000000000",
            )
            .clicked()
        {
            draft.chosen.insert(id);
            draft.typed.clear();
        }
    });
}

fn polling_ui(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    ui.heading("Polling");
    egui::Grid::new("settings-polling")
        .num_columns(2)
        .show(ui, |ui| {
            let label = ui.label("Full listing every (s)");
            ui.add(egui::DragValue::new(&mut draft.poll_secs).range(1..=config::MAX_POLL_SECS))
                .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Moving jobs every (s)");
            ui.add(
                egui::DragValue::new(&mut draft.fast_poll_secs).range(1..=config::MAX_POLL_SECS),
            )
            .labelled_by(label.id);
            ui.end_row();
            let label = ui.label("Read budget (reads an hour per subscription)");
            ui.add(
                egui::DragValue::new(&mut draft.read_budget)
                    .range(0..=*config::READ_BUDGET_RANGE.end())
                    .custom_formatter(|n, _| {
                        if n < 0.5 {
                            "unlimited".to_owned()
                        } else {
                            format!("{n:.0}")
                        }
                    }),
            )
            .labelled_by(label.id)
            .on_hover_text(format!(
                "Polling spends at most this many reads an hour on each subscription (0: no \
                 limit). Azure Resource Manager's own limits are shared with the portal, the \
                 CLI and your scripts; {} an hour is the default on Azure. The first listing \
                 and Refresh may go faster, up to 12 reads a second.",
                config::AZURE_READ_BUDGET
            ));
            ui.end_row();
        });
}

fn buttons_ui(
    ui: &mut egui::Ui,
    app: &AppState,
    draft: &mut SettingsDraft,
    intents: &mut Vec<Intent>,
) {
    let on_azure = app.on_azure();
    let problems = draft.problems(&app.settings.file, on_azure);
    for problem in &problems {
        ui.colored_label(ui.visuals().error_fg_color, problem);
    }
    let no_choice = !draft.all_subscriptions && draft.chosen.is_empty();
    if no_choice {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "Tick at least one subscription, or watch every subscription.",
        );
    }
    for (key, origin) in &app.settings.overridden {
        ui.weak(format!(
            "{key} is set by the {origin}, which wins over the file at the next start."
        ));
    }
    ui.horizontal(|ui| {
        let usable = problems.is_empty() && !no_choice;
        let apply = ui
            .add_enabled(usable, egui::Button::new("Apply"))
            .on_hover_text("Watch these subscriptions and poll at these intervals now")
            .on_disabled_hover_text("Fix the settings above first");
        if apply.clicked() {
            intents.push(apply_intent(draft));
        }
        let save = ui
            .add_enabled(
                usable && app.settings.path.is_some(),
                egui::Button::new("Save"),
            )
            .on_hover_text(match &app.settings.path {
                Some(path) => format!("Apply, and write these settings to {}", path.display()),
                None => String::new(),
            })
            .on_disabled_hover_text(if app.settings.path.is_none() {
                "This platform has no config folder; use flags or IEJOBS_* variables"
            } else {
                "Fix the settings above first"
            });
        if save.clicked() {
            intents.push(apply_intent(draft));
            let changes = draft.changes(on_azure);
            draft.last_saved = Some(changes.iter().map(|(key, _)| *key).collect());
            intents.push(Intent::SaveSettings {
                changes,
                file: draft.to_layer(&app.settings.file, on_azure),
            });
        }
    });
    if let Some((at, result)) = app.store.settings_saved() {
        match result {
            Ok(path) => match draft.last_saved.as_deref() {
                Some([]) => ui.weak(format!(
                    "Applied. Nothing to write to {path}: no setting kept in the file was changed."
                )),
                Some(keys) => ui.weak(format!(
                    "Saved {} to {path} at {}; the rest of the file is as it was.",
                    keys.join(", "),
                    super::format::time(*at)
                )),
                None => ui.weak(format!("Saved to {path} at {}", super::format::time(*at))),
            },
            Err(e) => ui.colored_label(ui.visuals().error_fg_color, format!("Not saved: {e}")),
        };
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
        "subscriptions" => value
            .split(',')
            .filter(|s| !s.is_empty())
            .collect::<toml_edit::Array>()
            .into(),
        _ => value.into(),
    }
}

fn apply_intent(draft: &SettingsDraft) -> Intent {
    Intent::ApplySettings {
        subscriptions: draft.subscriptions(),
        slow_secs: draft.poll_secs,
        fast_secs: draft.fast_poll_secs,
        read_budget: (draft.read_budget > 0).then_some(draft.read_budget),
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
}
