//! The result panel: what the server stored for each create, or why it refused, newest first.

use std::time::SystemTime;

use egui::{RichText, Ui};

use crate::api::{AccessLevel, ApiError, ConfigSelection, GroupType, Id, Item, MobileConfig};
use crate::app::Command;
use crate::app::directory::Directory;

use super::widgets::clock_time;

/// How many outcomes are kept.
const KEEP: usize = 50;

/// Items listed per group; the rest are counted (a group can hold a whole company).
const LIST_AT_MOST: usize = 200;

/// The result of one create, attributed to the employee it was for.
pub struct Outcome {
    /// The employee.
    pub employee: Id,
    /// Their name.
    pub employee_name: String,
    /// When the answer arrived.
    pub at: SystemTime,
    /// What was sent.
    pub sent: ConfigSelection,
    /// For a copy: the employee copied from, and their name.
    pub copied_from: Option<(Id, String)>,
    /// What the server answered.
    pub result: Result<MobileConfig, ApiError>,
    /// Where the stored items differ from what was sent, in words (computed once).
    pub differences: Vec<String>,
}

impl Outcome {
    /// Records an answer; differences are worked out here, not per frame.
    pub fn new(
        employee: Id,
        employee_name: String,
        sent: ConfigSelection,
        copied_from: Option<(Id, String)>,
        result: Result<MobileConfig, ApiError>,
        directory: Option<&Directory>,
    ) -> Self {
        let differences = match (&result, &copied_from) {
            (Ok(config), None) => differences(&sent, config, directory),
            _ => Vec::new(),
        };
        Self {
            employee,
            employee_name,
            at: SystemTime::now(),
            sent,
            copied_from,
            result,
            differences,
        }
    }

    fn title(&self, done: bool) -> String {
        match (&self.copied_from, done) {
            (Some((_, source)), true) => format!("Copied {source}'s config to {}", self.employee_name),
            (Some((_, source)), false) => format!("Not copied from {source} to {}", self.employee_name),
            (None, true) => format!("Created for {}", self.employee_name),
            (None, false) => format!("Not created for {}", self.employee_name),
        }
    }
}

/// Outcomes, newest first.
#[derive(Default)]
pub struct ResultPanel {
    outcomes: Vec<Outcome>,
}

impl ResultPanel {
    /// Adds an outcome at the top.
    pub fn push(&mut self, outcome: Outcome) {
        self.outcomes.insert(0, outcome);
        self.outcomes.truncate(KEEP);
    }

    /// The newest outcome.
    pub fn latest(&self) -> Option<&Outcome> {
        self.outcomes.first()
    }

    /// Draws every outcome.
    pub fn ui(&self, ui: &mut Ui, level: &AccessLevel, creating: bool, commands: &mut Vec<Command>) {
        ui.heading("Results");
        if self.outcomes.is_empty() {
            ui.weak("The config groups the server returns, and any errors, appear here.");
        }
        egui::ScrollArea::vertical()
            .id_salt("results")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (index, outcome) in self.outcomes.iter().enumerate() {
                    ui.push_id(index, |ui| outcome_ui(ui, outcome, level, creating, commands));
                    ui.add_space(6.0);
                }
            });
    }
}

fn outcome_ui(
    ui: &mut Ui,
    outcome: &Outcome,
    level: &AccessLevel,
    creating: bool,
    commands: &mut Vec<Command>,
) {
    ui.group(|ui| {
        ui.set_width(ui.available_width());
        let time = clock_time(outcome.at);
        match &outcome.result {
            Ok(config) => {
                ui.label(RichText::new(format!("{} · {time} UTC", outcome.title(true))).strong());
                for group in &config.configs {
                    group_ui(ui, group.group_type.as_str(), &group.items, &group.others);
                }
                if !outcome.differences.is_empty() {
                    ui.label(
                        RichText::new("The server stored something other than what was sent:")
                            .color(ui.visuals().warn_fg_color),
                    );
                    for difference in &outcome.differences {
                        ui.label(RichText::new(format!("• {difference}")).color(ui.visuals().warn_fg_color));
                    }
                }
            }
            Err(error) => {
                ui.label(
                    RichText::new(format!("{} · {time} UTC", outcome.title(false)))
                        .strong()
                        .color(ui.visuals().error_fg_color),
                );
                ui.label(RichText::new(error.user_message()).color(ui.visuals().error_fg_color));
                if error.status() == Some(403) {
                    ui.label(access_explanation(level));
                }
                if error.is_retryable() && ui.add_enabled(!creating, egui::Button::new("Retry")).clicked() {
                    commands.push(match &outcome.copied_from {
                        Some((source, _)) => Command::CopyFrom {
                            source: source.clone(),
                            target: outcome.employee.clone(),
                        },
                        None => Command::RetryCreate {
                            employee: outcome.employee.clone(),
                            selection: outcome.sent.clone(),
                        },
                    });
                }
            }
        }
    });
}

fn group_ui(ui: &mut Ui, kind: &str, items: &[Item], others: &[Item]) {
    ui.label(RichText::new(format!("{kind}: {} shown", items.len())).strong());
    egui::Grid::new(kind).num_columns(2).show(ui, |ui| {
        for (position, item) in items.iter().enumerate().take(LIST_AT_MOST) {
            ui.weak(format!("{}.", position + 1));
            ui.label(&item.name);
            ui.end_row();
        }
    });
    more_ui(ui, items.len());
    egui::CollapsingHeader::new(format!("{kind}: {} others", others.len()))
        .default_open(false)
        .show(ui, |ui| {
            for item in others.iter().take(LIST_AT_MOST) {
                ui.label(&item.name);
            }
            more_ui(ui, others.len());
        });
}

fn more_ui(ui: &mut Ui, count: usize) {
    if count > LIST_AT_MOST {
        ui.weak(format!("… and {} more", count - LIST_AT_MOST));
    }
}

/// What a 403 means for this user's access level.
pub fn access_explanation(level: &AccessLevel) -> String {
    let scope = match level {
        AccessLevel::Personal => "you can change only your own mobile config",
        AccessLevel::Viewer | AccessLevel::Manager | AccessLevel::Owner => {
            "you can change the configs of your own company's employees only"
        }
        AccessLevel::Reseller => "you can change the configs of your own customers' employees only",
        _ => "this account may not change this config",
    };
    format!(
        "Your access level is {level}: {scope}. Ask someone with a higher access level (an owner, \
         manager or your reseller) to make this change."
    )
}

fn differences(sent: &ConfigSelection, config: &MobileConfig, directory: Option<&Directory>) -> Vec<String> {
    let mut lines = Vec::new();
    for (kind, sent_ids) in [
        (GroupType::Colleagues, &sent.colleagues),
        (GroupType::Queues, &sent.queues),
    ] {
        let stored = config.item_ids(&kind);
        if &stored == sent_ids {
            continue;
        }
        let name = |id: &Id| -> String {
            let from_answer = config
                .group(&kind)
                .and_then(|g| g.items.iter().find(|i| &i.id == id))
                .map(|i| i.name.clone());
            let from_directory = || match kind {
                GroupType::Queues => directory
                    .and_then(|d| d.queue_position(id))
                    .and_then(|p| directory.map(|d| d.queues[p].name.clone())),
                _ => directory.and_then(|d| d.person(id)).map(|p| p.name.clone()),
            };
            from_answer
                .or_else(from_directory)
                .unwrap_or_else(|| id.to_string())
        };
        let label = kind.as_str().to_lowercase();
        let left_out: Vec<String> = sent_ids
            .iter()
            .filter(|id| !stored.contains(id))
            .map(&name)
            .collect();
        let added: Vec<String> = stored
            .iter()
            .filter(|id| !sent_ids.contains(id))
            .map(&name)
            .collect();
        if !left_out.is_empty() {
            lines.push(format!("{label} left out: {}", left_out.join(", ")));
        }
        if !added.is_empty() {
            lines.push(format!("{label} added: {}", added.join(", ")));
        }
        if left_out.is_empty() && added.is_empty() {
            lines.push(format!("{label} stored in another order"));
        }
    }
    lines
}
