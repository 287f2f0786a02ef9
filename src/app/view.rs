//! Drawing: the sign-in screen, the main screen's panels and the "sign in again" prompt.
//! Nothing here talks to the network; it only pushes commands.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::api::AccessLevel;
use crate::ui::config_form::ConfigForm;
use crate::ui::widgets::employee_choice;
use crate::ui::{top_bar, widgets};

use super::bulk::BulkAction;
use super::connection::Connection;
use super::{AdminApp, Command};

/// Ctrl+Enter (Cmd+Enter on macOS) sends the form.
const CREATE_SHORTCUT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Enter);

impl AdminApp {
    pub(super) fn draw(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let identity = self.session.as_ref().map(|s| &s.identity);
        egui::Panel::top("top_bar").show(ui, |ui| {
            top_bar::ui(
                ui,
                &self.link.connection,
                identity,
                &mut self.workspace.show_log,
                commands,
            );
        });
        if let Some(banner) = &self.banner {
            let mut dismiss = false;
            egui::Panel::top("banner").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(banner).color(ui.visuals().warn_fg_color));
                    dismiss = ui.button("Dismiss").clicked();
                });
            });
            if dismiss {
                self.banner = None;
            }
        }
        if self.workspace.show_log {
            egui::Panel::bottom("activity_log")
                .resizable(true)
                .default_size(160.0)
                .show(ui, |ui| {
                    ui.label(RichText::new("Activity log").strong());
                    self.activity.ui(ui);
                });
        }
        if self.session.is_some() {
            self.main_screen(ui, commands);
        } else {
            self.sign_in_screen(ui, commands);
        }
        self.bulk_confirmation(ui, commands);
        self.close_confirmation(ui);
        self.sign_in_again_prompt(ui, commands);
    }

    /// Confirms a bulk run: the action, the number of employees, the concurrency.
    fn bulk_confirmation(&mut self, ui: &Ui, commands: &mut Vec<Command>) {
        let workspace = &mut self.workspace;
        let Some(dialog) = &mut workspace.bulk_dialog else {
            return;
        };
        let count = workspace.picker.checked().len();
        // Read per frame by reference; the selection is copied only when the run starts.
        let form = workspace.form.as_ref().filter(|f| f.is_ready());
        let sources = &workspace.copy_sources;
        let mut close = false;
        egui::Modal::new(egui::Id::unique("bulk_confirmation")).show(ui.ctx(), |ui| {
            ui.set_max_width(460.0);
            ui.heading(format!("Apply to {count} employees"));
            let form_label = form.map_or_else(
                || "The form's selection (open an employee's config first)".to_owned(),
                |f| {
                    let (colleagues, queues) = f.counts();
                    format!("The form's selection: {colleagues} colleagues, {queues} queues")
                },
            );
            ui.add_enabled_ui(form.is_some(), |ui| {
                ui.radio_value(&mut dialog.copy, false, form_label)
            });
            ui.add_enabled_ui(!sources.is_empty(), |ui| {
                ui.radio_value(&mut dialog.copy, true, "A copy of another employee's config");
            });
            if dialog.copy {
                employee_choice(ui, "Copy the config of", &mut dialog.source, sources, None);
            }
            ui.horizontal(|ui| {
                let label = ui.label("Requests at once");
                ui.add(egui::DragValue::new(&mut dialog.concurrency).range(1..=16))
                    .labelled_by(label.id);
            });
            let copy_source = dialog.source.as_ref().filter(|_| dialog.copy);
            let apply_form = form.filter(|_| !dialog.copy);
            let ready = copy_source.is_some() || apply_form.is_some();
            ui.label(match (copy_source, apply_form) {
                (Some(_), _) => format!(
                    "Each of the {count} employees' configs will be overwritten with the chosen one (an \
                     employee is never listed as its own colleague)."
                ),
                (None, Some(_)) => format!(
                    "Each of the {count} employees gets this selection (an employee is never listed as \
                     its own colleague)."
                ),
                (None, None) => "Choose what to apply.".to_owned(),
            });
            ui.horizontal(|ui| {
                let start = ui
                    .add_enabled(ready, egui::Button::new(format!("Start ({count})")))
                    .clicked();
                let action = match (copy_source, apply_form) {
                    (Some(source), _) if start => Some(BulkAction::CopyFrom(source.clone())),
                    (None, Some(form)) if start => Some(BulkAction::Apply(form.selection())),
                    _ => None,
                };
                if let Some(action) = action {
                    commands.push(Command::StartBulk {
                        action,
                        concurrency: dialog.concurrency,
                    });
                }
                close = ui.button("Cancel").clicked();
            });
        });
        if close {
            workspace.bulk_dialog = None;
        }
    }

    /// Closing the window during a bulk run asks first.
    fn close_confirmation(&mut self, ui: &Ui) {
        if !self.confirm_close {
            return;
        }
        let remaining = self.workspace.bulk.as_ref().map_or(0, |run| run.counts().3);
        let (mut keep, mut close) = (false, false);
        egui::Modal::new(egui::Id::unique("close_confirmation")).show(ui.ctx(), |ui| {
            ui.heading("A bulk run is still going");
            ui.label(format!(
                "{remaining} employees are not done yet. If you close now, requests in flight \
                 finish and the rest are not sent."
            ));
            ui.horizontal(|ui| {
                keep = ui.button("Keep running").clicked();
                close = ui.button("Close anyway").clicked();
            });
        });
        if keep {
            self.confirm_close = false;
        }
        if close {
            if let Some(run) = &self.workspace.bulk {
                run.cancel();
            }
            self.confirm_close = false;
            self.close_confirmed = true;
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn sign_in_screen(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.set_max_width(560.0);
                ui.add_space(24.0);
                ui.heading("Sign in to TelecomX");
                ui.add_space(8.0);
                self.connection_selector(ui, commands);
                ui.separator();
                if let Some(notice) = &self.notice {
                    ui.label(RichText::new(notice).color(ui.visuals().warn_fg_color));
                }
                if self.tasks.restore.is_some() {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Checking your saved session…");
                    });
                }
                let demo = self.link.connection == Connection::Demo;
                self.sign_in.ui(ui, demo, commands);
            });
        });
    }

    fn connection_selector(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let current = self.link.connection.clone();
        egui::ComboBox::from_label("Connection")
            .selected_text(current.label())
            .show_ui(ui, |ui| {
                for choice in [Connection::Demo, Connection::TelecomX] {
                    if ui.selectable_label(current == choice, choice.label()).clicked() {
                        commands.push(Command::ChooseConnection(choice));
                    }
                }
                let is_custom = matches!(current, Connection::Custom(_));
                if ui.selectable_label(is_custom, "Custom address…").clicked() && !is_custom {
                    commands.push(Command::ChooseConnection(Connection::Custom(
                        self.custom_url.clone(),
                    )));
                }
            });
        if matches!(current, Connection::Custom(_)) {
            let field =
                widgets::labelled_text_edit(ui, "Server address", &mut self.custom_url, false, "https://…");
            let enter = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if (ui.button("Use this address").clicked() || enter) && !self.custom_url.trim().is_empty() {
                commands.push(Command::ChooseConnection(Connection::Custom(
                    self.custom_url.trim().to_owned(),
                )));
            }
        }
        if let Err(error) = &self.link.client {
            ui.label(RichText::new(error.user_message()).color(ui.visuals().error_fg_color));
        }
    }

    fn main_screen(&mut self, ui: &mut Ui, commands: &mut Vec<Command>) {
        let level = self
            .session
            .as_ref()
            .map_or(AccessLevel::NoLogin, |s| s.identity.access_level.clone());
        let creating = self.tasks.create.is_some();
        let loading_directory = self.tasks.directory.is_some();
        let workspace = &mut self.workspace;
        let selected = workspace.form.as_ref().map(|f| f.employee.clone());

        egui::Panel::left("people")
            .resizable(true)
            .default_size(340.0)
            .show(ui, |ui| {
                if let Some(customers) = &mut workspace.customers {
                    ui.label(RichText::new("Customer").strong());
                    let current = workspace.customer.as_ref().map(|(id, _)| id);
                    customers.ui(ui, current, commands);
                    ui.separator();
                }
                let Some((_, customer_name)) = &workspace.customer else {
                    ui.weak("Pick a customer to see its employees.");
                    return;
                };
                ui.label(RichText::new(format!("Employees of {customer_name}")).strong());
                if let Some(directory) = &workspace.directory {
                    workspace.picker.ui(ui, directory, selected.as_ref(), commands);
                } else if let Some(error) = &workspace.directory_error {
                    if widgets::error_box(ui, error) {
                        commands.push(Command::ReloadDirectory);
                    }
                } else if loading_directory {
                    let (done, total) = workspace.progress.employees();
                    ui.add(
                        egui::ProgressBar::new(workspace.progress.fraction())
                            .text(format!("Loading employees: {done} of {total}"))
                            .animate(true),
                    );
                }
            });

        egui::Panel::right("results")
            .resizable(true)
            .default_size(380.0)
            .show(ui, |ui| {
                if let Some(run) = &mut workspace.bulk {
                    if crate::ui::bulk_panel::ui(ui, run, commands) {
                        workspace.bulk = None;
                    }
                    ui.separator();
                }
                workspace.results.ui(ui, &level, creating, commands);
            });

        egui::CentralPanel::default().show(ui, |ui| match (&mut workspace.form, &workspace.directory) {
            (Some(form), Some(directory)) => {
                form.ui(ui, directory, &workspace.copy_sources, &level, creating, commands);
            }
            _ => {
                ui.add_space(24.0);
                ui.weak("Pick an employee on the left to edit which colleagues and queues their app shows.");
            }
        });

        let ready = workspace.form.as_ref().is_some_and(ConfigForm::is_ready);
        if ready
            && !creating
            && self.reauth.is_none()
            && ui.input_mut(|i| i.consume_shortcut(&CREATE_SHORTCUT))
        {
            commands.push(Command::Create);
        }
    }

    fn sign_in_again_prompt(&mut self, ui: &Ui, commands: &mut Vec<Command>) {
        let Some(reauth) = &mut self.reauth else { return };
        egui::Modal::new(egui::Id::unique("sign_in_again")).show(ui.ctx(), |ui| {
            ui.set_max_width(420.0);
            ui.heading("Sign in again");
            ui.label(
                "Your session has ended. Sign in to continue: your customer, employee and form are \
                 kept, and what you were doing is retried.",
            );
            reauth.form.ui(ui, false, commands);
            if ui.button("Sign out instead").clicked() {
                commands.push(Command::SignOut);
            }
        });
    }
}
