//! The top bar: connection, who is signed in, and sign-out.

use egui::{RichText, Ui};

use crate::api::Identity;
use crate::app::Command;
use crate::app::connection::Connection;

/// Draws the bar; `show_log` toggles the activity log.
pub fn ui(
    ui: &mut Ui,
    connection: &Connection,
    identity: Option<&Identity>,
    show_log: &mut bool,
    commands: &mut Vec<Command>,
) {
    ui.horizontal(|ui| {
        ui.label(RichText::new("TelecomX mobile configs").strong());
        ui.separator();
        ui.label(format!("Connection: {}", connection.label()));
        if let Some(identity) = identity {
            ui.separator();
            let name = identity.name.as_deref().unwrap_or("Signed in");
            let customer = identity
                .customer_name
                .as_deref()
                .unwrap_or(identity.customer.as_str());
            ui.label(format!("{name} · {} · {customer}", identity.access_level));
        }
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if identity.is_some() && ui.button("Sign out").clicked() {
                commands.push(Command::SignOut);
            }
            ui.toggle_value(show_log, "Activity log");
            theme_selector(ui);
        });
    });
}

/// System, light or dark; text labels (the built-in theme buttons are icon-only).
fn theme_selector(ui: &mut Ui) {
    let mut preference = ui.ctx().options(|o| o.theme_preference);
    let before = preference;
    egui::ComboBox::from_label("Theme")
        .selected_text(match preference {
            egui::ThemePreference::Dark => "Dark theme",
            egui::ThemePreference::Light => "Light theme",
            egui::ThemePreference::System => "System theme",
        })
        .show_ui(ui, |ui| {
            ui.selectable_value(&mut preference, egui::ThemePreference::System, "System theme");
            ui.selectable_value(&mut preference, egui::ThemePreference::Light, "Light theme");
            ui.selectable_value(&mut preference, egui::ThemePreference::Dark, "Dark theme");
        });
    if preference != before {
        ui.ctx().set_theme(preference);
    }
}
