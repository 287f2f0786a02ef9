//! The customer picker for reseller staff: a server-side search, sent shortly after typing stops.

use std::time::{Duration, Instant};

use egui::{RichText, Ui};

use crate::api::{ApiError, Customer, Id};
use crate::app::Command;

use super::widgets::{error_box, labelled_text_edit};

/// How long typing must pause before a search is sent.
const DEBOUNCE: Duration = Duration::from_millis(300);

/// Search text, the last results and what is selected.
#[derive(Default)]
pub struct CustomerPicker {
    query: String,
    sent_query: Option<String>,
    edited_at: Option<Instant>,
    results: Vec<Customer>,
    total: u64,
    /// A search is in flight.
    pub searching: bool,
    error: Option<ApiError>,
}

impl CustomerPicker {
    /// Shows a page of a search's results (`offset` 0 replaces, later pages append).
    pub fn show_results(&mut self, query: &str, offset: u64, result: Result<(Vec<Customer>, u64), ApiError>) {
        if self.sent_query.as_deref() != Some(query) {
            return; // An older search; a newer one is on its way.
        }
        self.searching = false;
        match result {
            Ok((results, total)) => {
                if offset == 0 {
                    self.results = results;
                } else {
                    self.results.extend(results);
                }
                self.total = total;
                self.error = None;
            }
            Err(error) => self.error = Some(error),
        }
    }

    /// Draws the search field and the results.
    pub fn ui(&mut self, ui: &mut Ui, selected: Option<&Id>, commands: &mut Vec<Command>) {
        let changed =
            labelled_text_edit(ui, "Search customers", &mut self.query, false, "company name").changed();
        if changed {
            self.edited_at = Some(Instant::now());
        }
        let due = self.edited_at.is_none_or(|at| at.elapsed() >= DEBOUNCE);
        if self.sent_query.as_deref() != Some(self.query.trim()) {
            if due {
                let query = self.query.trim().to_owned();
                self.sent_query = Some(query.clone());
                self.searching = true;
                commands.push(Command::SearchCustomers(query));
            } else {
                ui.ctx().request_repaint_after(DEBOUNCE);
            }
        }
        if self.searching {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label("Searching…");
            });
        }
        if let Some(error) = &self.error
            && error_box(ui, error)
        {
            self.sent_query = None;
        }
        egui::ScrollArea::vertical()
            .id_salt("customer_results")
            .max_height(180.0)
            .show(ui, |ui| {
                for customer in &self.results {
                    let is_selected = selected == Some(&customer.id);
                    let text = if is_selected {
                        RichText::new(&customer.name).strong()
                    } else {
                        RichText::new(&customer.name)
                    };
                    if ui.selectable_label(is_selected, text).clicked() {
                        commands.push(Command::SelectCustomer {
                            id: customer.id.clone(),
                            name: customer.name.clone(),
                        });
                    }
                }
            });
        if self.total > self.results.len() as u64 {
            ui.weak(format!(
                "Showing {} of {} customers; refine the search.",
                self.results.len(),
                self.total
            ));
        } else if !self.searching && self.results.is_empty() && self.error.is_none() {
            ui.weak("No customers match.");
        }
    }
}
