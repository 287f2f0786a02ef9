//! The config form for one employee: Colleagues and Queues, each a pair of lists, *Shown in the
//! app* (ordered) and *Available* (filterable), with counts, an unsaved mark, Revert and Create.

use std::collections::HashSet;

use egui::{RichText, Ui};

use crate::api::{AccessLevel, ApiError, ConfigSelection, FieldRef, GroupType, Id, MobileConfig};
use crate::app::Command;
use crate::app::directory::Directory;

use super::filtered::FilteredList;
use super::result_panel::access_explanation;
use super::widgets::{employee_choice, error_box, icon_button, labelled_text_edit};

/// Where the employee's current config stands.
enum LoadState {
    Loading,
    Loaded {
        existed: bool,
    },
    /// The config may not be read (403); the form stays usable so the user can still try.
    Denied(ApiError),
    Failed(ApiError),
}

/// The form for one employee.
pub struct ConfigForm {
    /// Whose config this is.
    pub employee: Id,
    /// Their name.
    pub employee_name: String,
    load: LoadState,
    baseline: ConfigSelection,
    /// Whether the selection differs from `baseline`; updated on edits, not per frame.
    dirty: bool,
    copy_source: Option<Id>,
    colleagues: Section,
    queues: Section,
}

impl ConfigForm {
    /// A form waiting for the employee's config.
    pub fn new(employee: Id, employee_name: String) -> Self {
        Self {
            employee,
            employee_name,
            load: LoadState::Loading,
            baseline: ConfigSelection::default(),
            dirty: false,
            copy_source: None,
            colleagues: Section::new(GroupType::Colleagues),
            queues: Section::new(GroupType::Queues),
        }
    }

    /// Shows the loaded config; `None` (no config yet) is a normal, empty start.
    pub fn loaded(&mut self, result: Result<Option<MobileConfig>, ApiError>) {
        match result {
            Ok(config) => {
                let existed = config.is_some();
                let selection = config.map(|c| selection_of(&c)).unwrap_or_default();
                self.baseline = selection.clone();
                self.set_selection(selection);
                self.load = LoadState::Loaded { existed };
            }
            Err(error) if error.status() == Some(403) => {
                self.baseline = ConfigSelection::default();
                self.set_selection(ConfigSelection::default());
                self.load = LoadState::Denied(error);
            }
            Err(error) => self.load = LoadState::Failed(error),
        }
    }

    /// Takes what the server stored as the new saved state.
    pub fn apply_created(&mut self, config: &MobileConfig) {
        let selection = selection_of(config);
        self.baseline = selection.clone();
        self.set_selection(selection);
        self.load = LoadState::Loaded { existed: true };
    }

    /// Marks the items a field error points at, by their index in what was sent.
    pub fn highlight(&mut self, refs: &[FieldRef], sent: &ConfigSelection) {
        for field in refs {
            let (section, ids) = match field.group {
                GroupType::Queues => (&mut self.queues, &sent.queues),
                _ => (&mut self.colleagues, &sent.colleagues),
            };
            if let Some(id) = ids.get(field.index) {
                section.problems.insert(id.clone());
            }
        }
    }

    /// Ids of items marked by a field error.
    pub fn highlighted(&self) -> Vec<Id> {
        self.colleagues
            .problems
            .iter()
            .chain(&self.queues.problems)
            .cloned()
            .collect()
    }

    /// The current selection, in order.
    pub fn selection(&self) -> ConfigSelection {
        ConfigSelection {
            colleagues: self.colleagues.shown.clone(),
            queues: self.queues.shown.clone(),
        }
    }

    /// How many colleagues and queues are shown, without copying the selection.
    pub fn counts(&self) -> (usize, usize) {
        (self.colleagues.shown.len(), self.queues.shown.len())
    }

    /// Whether the selection differs from the saved one.
    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    fn refresh_dirty(&mut self) {
        self.dirty =
            self.colleagues.shown != self.baseline.colleagues || self.queues.shown != self.baseline.queues;
    }

    /// Whether the config has loaded (so Create makes sense).
    pub fn is_ready(&self) -> bool {
        matches!(self.load, LoadState::Loaded { .. } | LoadState::Denied(_))
    }

    fn set_selection(&mut self, selection: ConfigSelection) {
        self.colleagues.set(selection.colleagues);
        self.queues.set(selection.queues);
        self.refresh_dirty();
    }

    /// Draws the form.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        directory: &Directory,
        copy_sources: &[(Id, String)],
        level: &AccessLevel,
        creating: bool,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            ui.heading(&self.employee_name);
            if self.is_dirty() {
                ui.label(RichText::new("• Unsaved changes").color(ui.visuals().warn_fg_color));
            }
        });
        match &self.load {
            LoadState::Loading => {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label("Loading the current config…");
                });
                return;
            }
            LoadState::Failed(error) => {
                if error_box(ui, error) {
                    commands.push(Command::ReloadConfig);
                }
                return;
            }
            LoadState::Loaded { existed: false } => {
                ui.label("No mobile config yet. Choose colleagues and queues, then Create.");
            }
            LoadState::Loaded { existed: true } => {}
            LoadState::Denied(error) => {
                let text = format!("{} {}", error.user_message(), access_explanation(level));
                ui.label(RichText::new(text).color(ui.visuals().warn_fg_color));
            }
        }
        ui.horizontal(|ui| {
            let create = ui
                .add_enabled(!creating, egui::Button::new("Create"))
                .on_hover_text("Send this selection (Ctrl+Enter)");
            if create.clicked() {
                commands.push(Command::Create);
            }
            if creating {
                ui.spinner();
                ui.label("Creating…");
            }
            if ui
                .add_enabled(self.is_dirty(), egui::Button::new("Revert"))
                .clicked()
            {
                let baseline = self.baseline.clone();
                self.set_selection(baseline);
            }
        });
        self.copy_from_ui(ui, copy_sources, creating, commands);
        ui.separator();
        let pool = Pool {
            directory,
            employee: &self.employee,
        };
        let half = (ui.available_height() / 2.0 - 24.0).max(120.0);
        let mut edited = ui
            .push_id("colleagues", |ui| self.colleagues.ui(ui, &pool, half))
            .inner;
        ui.separator();
        edited |= ui.push_id("queues", |ui| self.queues.ui(ui, &pool, half)).inner;
        if edited {
            self.refresh_dirty();
        }
    }
}

impl ConfigForm {
    /// "Copy from": overwrite this employee's config with another employee's.
    fn copy_from_ui(
        &mut self,
        ui: &mut Ui,
        sources: &[(Id, String)],
        creating: bool,
        commands: &mut Vec<Command>,
    ) {
        let employee = &self.employee;
        if !sources.iter().any(|(id, _)| id != employee) {
            return;
        }
        ui.horizontal(|ui| {
            let chosen = employee_choice(ui, "Copy from", &mut self.copy_source, sources, Some(employee));
            let ready = chosen.is_some() && !creating;
            if ui
                .add_enabled(ready, egui::Button::new("Copy"))
                .on_hover_text("Overwrite this employee's config with the chosen one's")
                .clicked()
                && let Some((source, _)) = chosen
            {
                commands.push(Command::CopyFrom {
                    source: source.clone(),
                    target: employee.clone(),
                });
            }
        });
    }
}

fn selection_of(config: &MobileConfig) -> ConfigSelection {
    ConfigSelection {
        colleagues: config.item_ids(&GroupType::Colleagues),
        queues: config.item_ids(&GroupType::Queues),
    }
}

/// The candidates: the customer's people (never the employee itself) or queues.
struct Pool<'a> {
    directory: &'a Directory,
    employee: &'a Id,
}

impl Pool<'_> {
    fn len(&self, kind: &GroupType) -> usize {
        match kind {
            GroupType::Queues => self.directory.queues.len(),
            _ => self.directory.people.len(),
        }
    }

    fn id(&self, kind: &GroupType, position: usize) -> &Id {
        match kind {
            GroupType::Queues => &self.directory.queues[position].id,
            _ => &self.directory.people[position].id,
        }
    }

    fn name(&self, kind: &GroupType, position: usize) -> &str {
        match kind {
            GroupType::Queues => &self.directory.queues[position].name,
            _ => &self.directory.people[position].name,
        }
    }

    fn key(&self, kind: &GroupType, position: usize) -> &str {
        match kind {
            GroupType::Queues => &self.directory.queues[position].search_key,
            _ => &self.directory.people[position].search_key,
        }
    }

    fn name_of(&self, kind: &GroupType, id: &Id) -> Option<&str> {
        let position = match kind {
            GroupType::Queues => self.directory.queue_position(id),
            _ => self.directory.person_position(id),
        }?;
        Some(self.name(kind, position))
    }
}

/// A change made in a section, applied after drawing.
enum Edit {
    Up(usize),
    Down(usize),
    Remove(usize),
    RemoveAll,
    Add(Id),
    AddAllMatching,
}

/// One section: the shown items and the filterable available candidates.
struct Section {
    kind: GroupType,
    shown: Vec<Id>,
    shown_set: HashSet<Id>,
    filter: String,
    available: FilteredList,
    problems: HashSet<Id>,
}

impl Section {
    fn new(kind: GroupType) -> Self {
        Self {
            kind,
            shown: Vec::new(),
            shown_set: HashSet::new(),
            filter: String::new(),
            available: FilteredList::default(),
            problems: HashSet::new(),
        }
    }

    fn set(&mut self, shown: Vec<Id>) {
        self.shown_set = shown.iter().cloned().collect();
        self.shown = shown;
        self.problems.clear();
        self.available.invalidate();
    }

    fn titles(&self) -> (&'static str, &'static str) {
        match self.kind {
            GroupType::Queues => ("Queues", "queues"),
            _ => ("Colleagues", "colleagues"),
        }
    }

    /// Draws the section; returns whether the user changed it.
    fn ui(&mut self, ui: &mut Ui, pool: &Pool<'_>, height: f32) -> bool {
        let (title, plural) = self.titles();
        let kind = self.kind.clone();
        let (shown_set, employee) = (&self.shown_set, pool.employee);
        self.available.refresh(&self.filter, pool.len(&kind), |i, q| {
            let id = pool.id(&kind, i);
            id != employee && !shown_set.contains(id) && pool.key(&kind, i).contains(q)
        });
        ui.label(RichText::new(title).strong());
        let mut edits = Vec::new();
        ui.columns(2, |columns| {
            self.shown_ui(&mut columns[0], pool, plural, height, &mut edits);
            self.available_ui(&mut columns[1], pool, plural, height, &mut edits);
        });
        let edited = !edits.is_empty();
        self.apply(edits, pool);
        edited
    }

    fn shown_ui(&self, ui: &mut Ui, pool: &Pool<'_>, plural: &str, height: f32, edits: &mut Vec<Edit>) {
        ui.horizontal(|ui| {
            ui.label(format!("Shown in the app ({})", self.shown.len()));
            if ui
                .add_enabled(!self.shown.is_empty(), egui::Button::new("Remove all").small())
                .clicked()
            {
                edits.push(Edit::RemoveAll);
            }
        });
        if self.shown.is_empty() {
            ui.weak(format!("No {plural} shown yet: add some from the right."));
        }
        let row_height = ui.spacing().interact_size.y;
        let last = self.shown.len().saturating_sub(1);
        egui::ScrollArea::vertical()
            .id_salt("shown")
            .max_height(height)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, self.shown.len(), |ui, rows| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for index in rows {
                    let id = &self.shown[index];
                    let name = pool.name_of(&self.kind, id).unwrap_or(id.as_str());
                    ui.horizontal(|ui| {
                        if icon_button(ui, "Up", &format!("Move {name} up"), index > 0).clicked() {
                            edits.push(Edit::Up(index));
                        }
                        if icon_button(ui, "Down", &format!("Move {name} down"), index < last).clicked() {
                            edits.push(Edit::Down(index));
                        }
                        if icon_button(ui, "×", &format!("Remove {name}"), true).clicked() {
                            edits.push(Edit::Remove(index));
                        }
                        let text = format!("{}. {name}", index + 1);
                        if self.problems.contains(id) {
                            ui.label(
                                RichText::new(format!("{text}: not found on the server"))
                                    .color(ui.visuals().error_fg_color)
                                    .strong(),
                            );
                        } else {
                            ui.label(text);
                        }
                    });
                }
            });
    }

    fn available_ui(
        &mut self,
        ui: &mut Ui,
        pool: &Pool<'_>,
        plural: &str,
        height: f32,
        edits: &mut Vec<Edit>,
    ) {
        let matches = self.available.matches();
        ui.horizontal(|ui| {
            ui.label(format!("Available ({})", matches.len()));
            if ui
                .add_enabled(!matches.is_empty(), egui::Button::new("Add all shown").small())
                .clicked()
            {
                edits.push(Edit::AddAllMatching);
            }
        });
        labelled_text_edit(
            ui,
            &format!("Filter {plural}"),
            &mut self.filter,
            false,
            "name or number",
        );
        let matches = self.available.matches();
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("available")
            .max_height(height)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, matches.len(), |ui, rows| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for row in rows {
                    let position = matches[row] as usize;
                    let name = pool.name(&self.kind, position);
                    ui.horizontal(|ui| {
                        if icon_button(ui, "+", &format!("Add {name}"), true).clicked() {
                            edits.push(Edit::Add(pool.id(&self.kind, position).clone()));
                        }
                        ui.label(name);
                    });
                }
            });
    }

    fn apply(&mut self, edits: Vec<Edit>, pool: &Pool<'_>) {
        if edits.is_empty() {
            return;
        }
        for edit in edits {
            match edit {
                Edit::Up(i) if i > 0 && i < self.shown.len() => self.shown.swap(i, i - 1),
                Edit::Down(i) if i + 1 < self.shown.len() => self.shown.swap(i, i + 1),
                Edit::Remove(i) if i < self.shown.len() => {
                    let id = self.shown.remove(i);
                    self.problems.remove(&id);
                }
                Edit::RemoveAll => {
                    self.shown.clear();
                    self.problems.clear();
                }
                Edit::Add(id) => {
                    if !self.shown_set.contains(&id) {
                        self.shown.push(id);
                    }
                }
                Edit::AddAllMatching => {
                    let ids: Vec<Id> = self
                        .available
                        .matches()
                        .iter()
                        .map(|&p| pool.id(&self.kind, p as usize).clone())
                        .collect();
                    self.shown
                        .extend(ids.into_iter().filter(|id| !self.shown_set.contains(id)));
                }
                Edit::Up(_) | Edit::Down(_) | Edit::Remove(_) => {}
            }
            self.shown_set = self.shown.iter().cloned().collect();
        }
        self.available.invalidate();
    }
}
