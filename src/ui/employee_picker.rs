//! The employee picker: search as you type over name, e-mail and number, keyboard up/down/Enter,
//! and only the visible rows laid out, so 50,000 employees stay smooth.

use egui::{Key, RichText, Ui};

use crate::api::{EmployeeState, Id};
use crate::app::Command;
use crate::app::directory::{Directory, Person};

use super::filtered::FilteredList;
use super::widgets::labelled_text_edit;

/// Search text, cached matches and the keyboard highlight.
#[derive(Default)]
pub struct EmployeePicker {
    query: String,
    filtered: FilteredList,
    highlighted: Option<usize>,
    scroll_to_highlight: bool,
}

impl EmployeePicker {
    /// Forgets the matches of a previous directory.
    pub fn reset(&mut self) {
        self.filtered.invalidate();
        self.highlighted = None;
    }

    /// How many employees match the search.
    pub fn match_count(&self) -> usize {
        self.filtered.matches().len()
    }

    /// Draws the search field and the rows.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        directory: &Directory,
        selected: Option<&Id>,
        commands: &mut Vec<Command>,
    ) {
        let search = labelled_text_edit(
            ui,
            "Search employees",
            &mut self.query,
            false,
            "name, e-mail or number",
        );
        let people = &directory.people;
        // Filtering runs only on frames where the query (or the directory) changed.
        if self
            .filtered
            .refresh(&self.query, people.len(), |i, q| people[i].search_key.contains(q))
        {
            self.highlighted = (!self.filtered.matches().is_empty()).then_some(0);
        }
        let matches = self.filtered.matches();
        let (highlighted, scroll) = (&mut self.highlighted, &mut self.scroll_to_highlight);
        keyboard(ui, &search, matches, people, highlighted, scroll, commands);
        ui.weak(format!("{} of {} employees", matches.len(), people.len()));

        let row_height = ui.spacing().interact_size.y;
        let mut area = egui::ScrollArea::vertical()
            .id_salt("employee_picker")
            .auto_shrink([false, false]);
        if std::mem::take(&mut self.scroll_to_highlight)
            && let Some(row) = self.highlighted
        {
            let spacing = ui.spacing().item_spacing.y;
            area = area
                .vertical_scroll_offset((row as f32 * (row_height + spacing) - 3.0 * row_height).max(0.0));
        }
        area.show_rows(ui, row_height, matches.len(), |ui, rows| {
            // Virtualised rows must all be one line high.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for row in rows {
                let person = &people[matches[row] as usize];
                let is_selected = selected == Some(&person.id);
                let mut text = RichText::new(row_text(person));
                if self.highlighted == Some(row) && !is_selected {
                    text = text.underline();
                }
                if person
                    .state
                    .as_ref()
                    .is_some_and(|s| *s != EmployeeState::Enabled)
                {
                    text = text.weak();
                }
                if ui.selectable_label(is_selected, text).clicked() {
                    self.highlighted = Some(row);
                    commands.push(Command::SelectEmployee(person.id.clone()));
                }
            }
        });
    }
}

/// Up/Down move the highlight while the search field has focus; Enter picks it.
fn keyboard(
    ui: &Ui,
    search: &egui::Response,
    matches: &[u32],
    people: &[Person],
    highlighted: &mut Option<usize>,
    scroll_to_highlight: &mut bool,
    commands: &mut Vec<Command>,
) {
    if !(search.has_focus() || search.lost_focus()) || matches.is_empty() {
        return;
    }
    let (down, up, enter) = ui.input(|i| {
        (
            i.key_pressed(Key::ArrowDown),
            i.key_pressed(Key::ArrowUp),
            i.key_pressed(Key::Enter),
        )
    });
    let last = matches.len() - 1;
    let current = highlighted.unwrap_or(0).min(last);
    if down || up {
        *highlighted = Some(if down {
            (current + 1).min(last)
        } else {
            current.saturating_sub(1)
        });
        *scroll_to_highlight = true;
    }
    if enter && search.lost_focus() {
        let pick = highlighted.unwrap_or(0).min(last);
        commands.push(Command::SelectEmployee(people[matches[pick] as usize].id.clone()));
    }
}

fn row_text(person: &Person) -> String {
    let mut text = person.name.clone();
    for part in [&person.email, &person.number] {
        if !part.is_empty() {
            text.push_str(" · ");
            text.push_str(part);
        }
    }
    match &person.state {
        Some(EmployeeState::Enabled) | None => {}
        Some(state) => text.push_str(&format!(" · {}", state.as_str().to_lowercase())),
    }
    text
}
