//! Look and feel: light and dark themes following the system.

/// Sets the style once at start-up, with the saved theme choice (system by default).
pub fn setup(ctx: &egui::Context, theme: egui::ThemePreference) {
    ctx.options_mut(|options| options.theme_preference = theme);
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        ctx.style_mut_of(theme, |style| {
            style.spacing.item_spacing = egui::vec2(8.0, 6.0);
            style.spacing.button_padding = egui::vec2(8.0, 3.0);
        });
    }
}
