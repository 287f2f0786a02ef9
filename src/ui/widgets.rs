//! Small widgets used by several panels.

use egui::{Response, RichText, Role, Ui, WidgetInfo};

use crate::api::{ApiError, Id};

/// A text field tied to a visible label, so screen readers (and tests) find it by that label.
pub fn labelled_text_edit(
    ui: &mut Ui,
    label: &str,
    text: &mut String,
    password: bool,
    hint: &str,
) -> Response {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        ui.add(
            egui::TextEdit::singleline(text)
                .password(password)
                .hint_text(hint)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id)
    })
    .inner
}

/// A compact icon button whose accessible name says what it does.
pub fn icon_button(ui: &mut Ui, icon: &str, accessible: &str, enabled: bool) -> Response {
    let response = ui
        .add_enabled(enabled, egui::Button::new(icon).small())
        .on_hover_text(accessible);
    response.widget_info(|| WidgetInfo::labeled(Role::Button, enabled, accessible));
    response
}

/// An error in plain words, with Retry when trying again may help. Returns whether Retry was clicked.
pub fn error_box(ui: &mut Ui, error: &ApiError) -> bool {
    let mut retry = false;
    ui.group(|ui| {
        ui.label(RichText::new(error.user_message()).color(ui.visuals().error_fg_color));
        if error.is_retryable() {
            retry = ui.button("Retry").clicked();
        }
    });
    retry
}

/// A menu of employees (by name) to choose one from, leaving out `exclude`; returns the chosen
/// one's id and name.
pub fn employee_choice<'a>(
    ui: &mut Ui,
    label: &str,
    chosen: &mut Option<Id>,
    employees: &'a [(Id, String)],
    exclude: Option<&Id>,
) -> Option<&'a (Id, String)> {
    let current = chosen
        .as_ref()
        .and_then(|id| employees.iter().find(|(e, _)| e == id));
    egui::ComboBox::from_label(label)
        .selected_text(current.map_or("choose an employee", |(_, name)| name.as_str()))
        .show_ui(ui, |ui| {
            for (id, name) in employees.iter().filter(|(id, _)| Some(id) != exclude) {
                ui.selectable_value(chosen, Some(id.clone()), name);
            }
        });
    chosen
        .as_ref()
        .and_then(|id| employees.iter().find(|(e, _)| e == id))
}

/// Formats a wall-clock time as `HH:MM:SS` UTC (no time-zone database needed).
pub fn clock_time(time: std::time::SystemTime) -> String {
    let seconds = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (h, m, s) = ((seconds / 3600) % 24, (seconds / 60) % 60, seconds % 60);
    format!("{h:02}:{m:02}:{s:02}")
}
