//! The settings window: where the jobs come from (saved for the next start), which
//! subscriptions are watched and how often they are polled (applied at once), and saving all
//! of it to the config file. Secrets are never asked for here: they stay in the environment.

use eframe::egui;

use crate::config::{self, AuthMethod, Cloud};
use crate::i18n::LanguageChoice;
use crate::model::Session;
use crate::tr;

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
    egui::Window::new(tr!("settings-title"))
        .id(egui::Id::unique("settings-window"))
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
                    // One row under the polling grid: the window's buttons stay in view
                    // without scrolling.
                    ui.horizontal(|ui| {
                        notifications_ui(ui, &mut draft);
                        ui.separator();
                        language_ui(ui, &mut draft);
                    });
                    ui.separator();
                    buttons_ui(ui, cx, &mut draft);
                });
        });
    if open {
        *settings_draft = Some(draft);
    }
}

fn connection_ui(ui: &mut egui::Ui, cx: &PanelContext<'_>, draft: &mut SettingsDraft) {
    ui.heading(tr!("settings-connection"));
    ui.label(tr!("now", value = cx.source.label()));
    ui.weak(tr!("settings-next-start"));
    ui.horizontal(|ui| {
        ui.radio_value(
            &mut draft.source,
            NextSource::Emulator,
            tr!("settings-emulator"),
        );
        ui.radio_value(&mut draft.source, NextSource::Azure, "Azure");
    });
    if draft.source == NextSource::Emulator {
        return;
    }
    egui::Grid::new("connection").num_columns(2).show(ui, |ui| {
        ui.label(tr!("settings-cloud"));
        egui::ComboBox::from_id_salt("cloud")
            .selected_text(draft.cloud.label())
            .show_ui(ui, |ui| {
                for cloud in Cloud::ALL {
                    ui.selectable_value(&mut draft.cloud, cloud, cloud.label());
                }
            });
        ui.end_row();
        text_row_ui(
            ui,
            tr!("settings-endpoint"),
            &mut draft.endpoint,
            draft.cloud.endpoint(),
        );
        ui.label(tr!("settings-sign-in"));
        egui::ComboBox::from_id_salt("auth")
            .selected_text(draft.auth.name())
            .show_ui(ui, |ui| {
                for method in AuthMethod::ALL {
                    ui.selectable_value(&mut draft.auth, method, method.name());
                }
            });
        ui.end_row();
        text_row_ui(
            ui,
            tr!("settings-tenant"),
            &mut draft.tenant_id,
            tr!("settings-tenant-hint"),
        );
        text_row_ui(
            ui,
            tr!("settings-client"),
            &mut draft.client_id,
            "AZURE_CLIENT_ID",
        );
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
        AuthMethod::Auto => tr!("auth-auto"),
        AuthMethod::AzureCli => tr!("auth-azure-cli"),
        AuthMethod::ServicePrincipal => tr!("auth-service-principal"),
        AuthMethod::ManagedIdentity => tr!("auth-managed-identity"),
        AuthMethod::WorkloadIdentity => tr!("auth-workload-identity"),
        AuthMethod::Token => tr!("auth-token"),
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
        ui.heading(tr!("settings-subscriptions"));
        if ui
            .button(tr!("settings-list-again"))
            .on_hover_text(tr!("settings-list-again-hover"))
            .clicked()
        {
            cx.ask(Intent::ListSubscriptions);
        }
    });
    if let Some(error) = &subscriptions.error {
        ui.colored_label(
            ui.visuals().error_fg_color,
            tr!("settings-list-failed", error = error.as_str()),
        );
    }
    ui.checkbox(
        &mut draft.all_subscriptions,
        tr!("settings-every-subscription"),
    );
    let listed = subscriptions.available.as_deref().unwrap_or_default();
    if listed.is_empty() && subscriptions.error.is_none() {
        ui.weak(tr!("settings-listing"));
    }
    ui.add_enabled_ui(!draft.all_subscriptions, |ui| {
        for sub in listed {
            let mut on = draft.chosen.contains(&sub.id);
            let text = format!("{}  ·  {}  ·  {}", sub.name, sub.id, sub.state);
            let toggled = ui
                .add_enabled(sub.is_usable(), egui::Checkbox::new(&mut on, text))
                .on_disabled_hover_text(tr!("settings-disabled-subscription"))
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
                .checkbox(&mut on, tr!("settings-not-listed", id = id.as_str()))
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
        let label = ui.label(tr!("settings-add-by-id"));
        ui.add(
            egui::TextEdit::singleline(&mut draft.typed)
                .hint_text("00000000-0000-0000-0000-000000000000")
                .desired_width(300.0),
        )
        .labelled_by(label.id);
        let id = draft.typed.trim().to_ascii_lowercase();
        let valid = config::valid_guid(&id);
        if ui
            .add_enabled(valid, egui::Button::new(tr!("settings-add")))
            .on_disabled_hover_text(tr!("settings-id-looks-like"))
            .clicked()
        {
            draft.chosen.insert(id);
            draft.typed.clear();
        }
    });
}

fn polling_ui(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    ui.heading(tr!("settings-polling"));
    egui::Grid::new("settings-polling")
        .num_columns(2)
        .show(ui, |ui| {
            polling_rows_ui(ui, &mut draft.poll_secs, &mut draft.fast_poll_secs);
            let label = ui.label(tr!("settings-read-budget"));
            ui.add(
                egui::DragValue::new(&mut draft.read_budget)
                    .range(0..=*config::READ_BUDGET_RANGE.end())
                    .custom_formatter(|n, _| {
                        if n < 0.5 {
                            tr!("settings-unlimited").to_owned()
                        } else {
                            format!("{n:.0}")
                        }
                    }),
            )
            .labelled_by(label.id)
            .on_hover_text(tr!(
                "settings-read-budget-hover",
                budget = config::AZURE_READ_BUDGET
            ));
            ui.end_row();
        });
}

fn notifications_ui(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    ui.checkbox(&mut draft.notifications, tr!("settings-notifications"))
        .on_hover_text(tr!("settings-notifications-hover"));
}

/// The language: the system's, or one of the three; applies at once.
fn language_ui(ui: &mut egui::Ui, draft: &mut SettingsDraft) {
    let name = |choice: LanguageChoice| match choice {
        LanguageChoice::System => tr!(
            "settings-language-system",
            language = LanguageChoice::System.resolve().native_name()
        ),
        LanguageChoice::Fixed(lang) => lang.native_name().to_owned(),
    };
    let label = ui.label(tr!("settings-language"));
    egui::ComboBox::from_id_salt("settings-language")
        .selected_text(name(draft.language))
        .show_ui(ui, |ui| {
            for choice in LanguageChoice::ALL {
                ui.selectable_value(&mut draft.language, choice, name(choice));
            }
        })
        .response
        .labelled_by(label.id)
        .on_hover_text(tr!("settings-language-hover"));
}

/// The two polling intervals as rows of a two-column grid, within the limits the config
/// accepts: the one editor of the toolbar's Polling menu and the settings window.
pub fn polling_rows_ui(ui: &mut egui::Ui, slow: &mut u64, fast: &mut u64) {
    let label = ui.label(tr!("settings-full-listing"));
    ui.add(egui::DragValue::new(slow).range(1..=config::MAX_POLL_SECS))
        .labelled_by(label.id);
    ui.end_row();
    let label = ui.label(tr!("settings-moving-jobs"));
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
        ui.colored_label(ui.visuals().warn_fg_color, tr!("settings-tick-one"));
    }
    for (key, origin) in &settings.overridden {
        ui.weak(tr!(
            "settings-overridden",
            key = *key,
            origin = origin_text(*origin)
        ));
    }
    ui.horizontal(|ui| {
        let usable = problems.is_empty() && !no_choice;
        let apply = ui
            .add_enabled(usable, egui::Button::new(tr!("apply")))
            .on_hover_text(tr!("settings-apply-hover"))
            .on_disabled_hover_text(tr!("settings-fix-first"));
        if apply.clicked() {
            cx.ask(apply_intent(draft));
            cx.ask(Intent::SetNotifications(draft.notifications));
            cx.ask(Intent::SetLanguage(draft.language));
        }
        let save = ui
            .add_enabled(
                usable && settings.path.is_some(),
                egui::Button::new(tr!("settings-save")),
            )
            .on_hover_text(match &settings.path {
                Some(path) => tr!("settings-save-hover", path = path.display().to_string()),
                None => String::new(),
            })
            .on_disabled_hover_text(if settings.path.is_none() {
                tr!("settings-no-folder")
            } else {
                tr!("settings-fix-first")
            });
        if save.clicked() {
            cx.ask(apply_intent(draft));
            cx.ask(Intent::SetNotifications(draft.notifications));
            cx.ask(Intent::SetLanguage(draft.language));
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
                Some([]) => ui.weak(tr!("settings-nothing-to-write", path = path.as_str())),
                Some(keys) => ui.weak(tr!(
                    "settings-saved-keys",
                    keys = keys.join(", "),
                    path = path.as_str(),
                    time = super::format::time(*at)
                )),
                None => ui.weak(tr!(
                    "settings-saved",
                    path = path.as_str(),
                    time = super::format::time(*at)
                )),
            },
            Err(e) => ui.colored_label(
                ui.visuals().error_fg_color,
                tr!("settings-not-saved", error = e.as_str()),
            ),
        };
    }
}

/// Where a setting in force came from, in words.
fn origin_text(origin: config::Origin) -> &'static str {
    match origin {
        config::Origin::Flag => tr!("origin-flag"),
        config::Origin::Env => tr!("origin-env"),
        config::Origin::File => tr!("origin-file"),
        config::Origin::Default => tr!("origin-default"),
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
