//! The settings window: where the jobs come from (saved for the next start), which
//! subscriptions are watched and how often they are polled (applied at once), and saving all
//! of it to the config file. Secrets are never asked for here: they stay in the environment.

use eframe::egui;

use crate::config::{self, AuthMethod, Cloud};
use crate::model::Session;

use super::context::PanelContext;
use super::intent::Intent;
use super::settings_draft::{NextSource, SettingsDraft};

/// Draws the settings window while it is open; it owns the draft of the values.
pub fn settings_ui(
    ctx: &egui::Context,
    cx: &mut PanelContext<'_>,
    settings_draft: &mut Option<SettingsDraft>,
) {
    let Some(mut draft) = settings_draft.take() else {
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
                    connection_ui(ui, cx, &mut draft);
                    ui.separator();
                    subscriptions_ui(ui, cx, &mut draft);
                    ui.separator();
                    polling_ui(ui, &mut draft);
                    notifications_ui(ui, &mut draft);
                    ui.separator();
                    buttons_ui(ui, cx, &mut draft);
                });
        });
    if open {
        *settings_draft = Some(draft);
    }
}

fn connection_ui(ui: &mut egui::Ui, cx: &PanelContext<'_>, draft: &mut SettingsDraft) {
    ui.heading("Connection");
    ui.label(format!("Now: {}", cx.source.label()));
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

fn subscriptions_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>, draft: &mut SettingsDraft) {
    let session = cx.session;
    let subscriptions = session.subscriptions();
    ui.horizontal(|ui| {
        ui.heading("Subscriptions");
        if ui
            .button("List again")
            .on_hover_text("Ask Azure Resource Manager which subscriptions this identity sees")
            .clicked()
        {
            cx.ask(Intent::ListSubscriptions);
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
            failure_ui(ui, session, &sub.id);
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
            failure_ui(ui, session, &id);
        }
        add_subscription_ui(ui, draft);
    });
}

/// Why a watched subscription cannot be read, under its checkbox.
fn failure_ui(ui: &mut egui::Ui, session: &Session, id: &str) {
    let status = session.status();
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
            polling_rows_ui(ui, &mut draft.poll_secs, &mut draft.fast_poll_secs);
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

fn notifications_ui(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    // One row under the polling grid: the window's buttons stay in view without scrolling.
    ui.checkbox(&mut draft.notifications, "Desktop notifications")
        .on_hover_text(
            "A desktop notification when a cancel lands, a delete is confirmed, an action \
             fails, or the service has been unreachable for 5 minutes; the window also asks \
             for attention. Applies at once.",
        );
}

/// The two polling intervals as rows of a two-column grid, within the limits the config
/// accepts: the one editor of the toolbar's Polling menu and the settings window.
pub fn polling_rows_ui(ui: &mut egui::Ui, slow: &mut u64, fast: &mut u64) {
    let label = ui.label("Full listing every (s)");
    ui.add(egui::DragValue::new(slow).range(1..=config::MAX_POLL_SECS))
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label("Moving jobs every (s)");
    ui.add(egui::DragValue::new(fast).range(1..=config::MAX_POLL_SECS))
        .labelled_by(label.id);
    ui.end_row();
}

fn buttons_ui(ui: &mut egui::Ui, cx: &mut PanelContext<'_>, draft: &mut SettingsDraft) {
    let (on_azure, settings) = (cx.on_azure(), cx.settings);
    let problems = draft.problems(&settings.file, on_azure);
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
    for (key, origin) in &settings.overridden {
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
            cx.ask(apply_intent(draft));
            cx.ask(Intent::SetNotifications(draft.notifications));
        }
        let save = ui
            .add_enabled(usable && settings.path.is_some(), egui::Button::new("Save"))
            .on_hover_text(match &settings.path {
                Some(path) => format!("Apply, and write these settings to {}", path.display()),
                None => String::new(),
            })
            .on_disabled_hover_text(if settings.path.is_none() {
                "This platform has no config folder; use flags or IEJOBS_* variables"
            } else {
                "Fix the settings above first"
            });
        if save.clicked() {
            cx.ask(apply_intent(draft));
            cx.ask(Intent::SetNotifications(draft.notifications));
            let changes = draft.changes(on_azure);
            draft.last_saved = Some(changes.iter().map(|(key, _)| *key).collect());
            cx.ask(Intent::SaveSettings {
                changes,
                file: draft.to_layer(&settings.file, on_azure),
            });
        }
    });
    if let Some((at, result)) = cx.session.settings_saved() {
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

fn apply_intent(draft: &SettingsDraft) -> Intent {
    Intent::ApplySettings {
        subscriptions: draft.subscriptions(),
        slow_secs: draft.poll_secs,
        fast_secs: draft.fast_poll_secs,
        read_budget: (draft.read_budget > 0).then_some(draft.read_budget),
    }
}
