//! The sign-in form: on the sign-in screen, and in the "sign in again" prompt.

use egui::{Key, RichText, Ui};

use crate::api::{ApiError, LoginRequest, SecondFactor};
use crate::app::Command;
use crate::demo::{DEMO_ACCOUNTS, DEMO_PASSWORD};

use super::widgets::labelled_text_edit;

/// Username, password, stay signed in, and the second-factor code when asked for.
#[derive(Default)]
pub struct SignInForm {
    /// The username; kept across failures and sign-outs.
    pub username: String,
    password: String,
    /// "Stay signed in" (a persisted token).
    pub persist: bool,
    code: String,
    factor: Option<SecondFactor>,
    code_open: bool,
    /// The last failure, shown under the form.
    pub error: Option<ApiError>,
    /// A request is in flight.
    pub busy: bool,
}

impl SignInForm {
    /// A form with the username filled in (the "sign in again" prompt).
    pub fn for_user(username: &str) -> Self {
        Self {
            username: username.to_owned(),
            ..Self::default()
        }
    }

    /// Records a failed attempt; a second-factor request opens the code field.
    pub fn failed(&mut self, error: ApiError) {
        self.busy = false;
        if let ApiError::SecondFactorRequired { factor, .. } = &error {
            self.factor = Some(*factor);
            self.code_open = true;
        }
        self.error = Some(error);
    }

    /// Forgets the secrets after a successful sign-in.
    pub fn succeeded(&mut self) {
        self.busy = false;
        self.error = None;
        self.password.clear();
        self.code.clear();
        self.factor = None;
        self.code_open = false;
    }

    /// Draws the form; `show_demo_accounts` lists the demo accounts to click.
    pub fn ui(&mut self, ui: &mut Ui, show_demo_accounts: bool, commands: &mut Vec<Command>) {
        let username = labelled_text_edit(ui, "Username", &mut self.username, false, "name@company.dk");
        let password = labelled_text_edit(ui, "Password", &mut self.password, true, "");
        let mut submit = [&username, &password]
            .iter()
            .any(|r| r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter)));
        if self.code_open {
            let label = match self.factor {
                Some(SecondFactor::Authenticator) => "Authenticator code",
                _ => "SMS code",
            };
            let code = labelled_text_edit(ui, label, &mut self.code, false, "123456");
            if self.factor.is_some() && self.code.is_empty() && !code.has_focus() && self.error.is_some() {
                code.request_focus();
            }
            submit |= code.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
        } else if ui.link("I have a two-factor code").clicked() {
            self.code_open = true;
        }
        ui.checkbox(&mut self.persist, "Stay signed in");
        ui.horizontal(|ui| {
            let can_submit = !self.busy && !self.username.trim().is_empty() && !self.password.is_empty();
            submit |= ui.add_enabled(can_submit, egui::Button::new("Sign in")).clicked();
            if self.busy {
                ui.spinner();
                ui.label("Signing in…");
            }
            if submit && can_submit {
                self.busy = true;
                self.error = None;
                commands.push(Command::SignIn(self.request()));
            }
        });
        if let Some(error) = &self.error {
            ui.label(RichText::new(error.user_message()).color(ui.visuals().error_fg_color));
        }
        if show_demo_accounts {
            ui.add_space(12.0);
            ui.label(
                RichText::new(format!(
                    "Demo accounts (password \"{DEMO_PASSWORD}\"), click to fill in:"
                ))
                .strong(),
            );
            for account in DEMO_ACCOUNTS {
                let note = if account.note.is_empty() {
                    String::new()
                } else {
                    format!(" · {}", account.note)
                };
                let text = format!(
                    "{} · {} · {}{note}",
                    account.username, account.access_level, account.customer
                );
                if ui
                    .selectable_label(self.username == account.username, text)
                    .clicked()
                {
                    self.username = account.username.to_owned();
                    self.password = DEMO_PASSWORD.to_owned();
                    self.error = None;
                }
            }
        }
    }

    fn request(&self) -> LoginRequest {
        let code = Some(self.code.trim().to_owned()).filter(|c| !c.is_empty());
        let (sms_key, authenticator_token) = match self.factor {
            Some(SecondFactor::Authenticator) => (None, code),
            _ => (code, None),
        };
        LoginRequest {
            username: self.username.trim().to_owned(),
            password: self.password.clone(),
            sms_key,
            authenticator_token,
            persist: self.persist,
        }
    }
}
