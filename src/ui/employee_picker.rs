//! The employee picker: search as you type over name, e-mail and number, keyboard up/down/Enter,
//! and only the visible rows laid out, so 50,000 employees stay smooth.

use std::collections::HashSet;

use egui::{Key, RichText, Role, Ui, WidgetInfo};

use crate::api::{EmployeeState, Id};
use crate::app::Command;
use crate::app::directory::{Directory, Person};

use super::filtered::FilteredList;
use super::widgets::labelled_text_edit;

/// Search text, cached matches, the keyboard highlight and the checked employees.
#[derive(Default)]
pub struct EmployeePicker {
    query: String,
    filtered: FilteredList,
    highlighted: Option<usize>,
    scroll_to_highlight: bool,
    /// Employees checked for a bulk run; kept by id, so the selection survives searching.
    checked: HashSet<Id>,
    /// The last checkbox clicked without Shift: one end of a Shift-click range.
    anchor: Option<Id>,
}

impl EmployeePicker {
    /// Forgets the matches and checks of a previous directory.
    pub fn reset(&mut self) {
        self.filtered.invalidate();
        self.highlighted = None;
        self.checked.clear();
        self.anchor = None;
    }

    /// The employees checked for a bulk run.
    pub fn checked(&self) -> &HashSet<Id> {
        &self.checked
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
        if !self.query.is_empty() && ui.small_button("Clear search").clicked() {
            self.query.clear();
        }
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
        bulk_bar(ui, &mut self.checked, matches, people, commands);

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
        let mut toggled = None;
        area.show_rows(ui, row_height, matches.len(), |ui, rows| {
            // Virtualised rows must all be one line high.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for row in rows {
                let person = &people[matches[row] as usize];
                let is_selected = selected == Some(&person.id);
                ui.horizontal(|ui| {
                    let mut checked = self.checked.contains(&person.id);
                    let checkbox = ui.add(egui::Checkbox::without_text(&mut checked));
                    let label = format!("Select {}", person.name);
                    checkbox.widget_info(|| WidgetInfo::selected(Role::CheckBox, true, checked, &label));
                    if checkbox.clicked() {
                        toggled = Some((row, checked, ui.input(|i| i.modifiers.shift)));
                    }
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
                });
            }
        });
        if let Some((row, checked, shift)) = toggled {
            self.toggle(row, checked, shift, people);
        }
    }

    /// Checks or unchecks a row; with Shift, the whole range from the last clicked row.
    fn toggle(&mut self, row: usize, checked: bool, shift: bool, people: &[Person]) {
        let matches = self.filtered.matches();
        let id = people[matches[row] as usize].id.clone();
        let anchor_row = self
            .anchor
            .as_ref()
            .and_then(|anchor| matches.iter().position(|&m| &people[m as usize].id == anchor));
        let range = match (shift, anchor_row) {
            (true, Some(anchor)) => anchor.min(row)..=anchor.max(row),
            _ => row..=row,
        };
        for position in range {
            let id = &people[matches[position] as usize].id;
            if checked {
                self.checked.insert(id.clone());
            } else {
                self.checked.remove(id);
            }
        }
        if !shift {
            self.anchor = Some(id);
        }
    }
}

/// The count of checked employees and what to do with them.
fn bulk_bar(
    ui: &mut Ui,
    checked: &mut HashSet<Id>,
    matches: &[u32],
    people: &[Person],
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .add_enabled(!matches.is_empty(), egui::Button::new("Select all shown").small())
            .clicked()
        {
            checked.extend(matches.iter().map(|&m| people[m as usize].id.clone()));
        }
        if !checked.is_empty() {
            ui.label(format!("{} selected", checked.len()));
            if ui.button("Clear selection").clicked() {
                checked.clear();
            }
            if ui
                .button(format!("Apply to {} selected…", checked.len()))
                .clicked()
            {
                commands.push(Command::OpenBulk);
            }
        }
    });
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
