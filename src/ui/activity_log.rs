//! The activity log: every request's time, method, path, status and duration. It never holds
//! a token or a password: `RequestRecord` has no field that could carry one.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;

use crate::api::{RequestObserver, RequestRecord};

use super::widgets::clock_time;

/// How many requests the log keeps.
const CAPACITY: usize = 1000;

/// A logged request.
#[derive(Clone, Debug)]
pub struct ActivityEntry {
    /// When it finished.
    pub at: SystemTime,
    /// The request.
    pub record: RequestRecord,
}

/// The shared log: the API client's observer writes, the panel reads.
#[derive(Clone, Default)]
pub struct ActivityLog {
    entries: Arc<Mutex<VecDeque<ActivityEntry>>>,
}

impl ActivityLog {
    /// An observer for [`crate::api::ApiClient::with_observer`].
    pub fn observer(&self) -> RequestObserver {
        let entries = Arc::clone(&self.entries);
        Arc::new(move |record| {
            let mut entries = entries.lock().unwrap_or_else(PoisonError::into_inner);
            if entries.len() == CAPACITY {
                entries.pop_front();
            }
            entries.push_back(ActivityEntry {
                at: SystemTime::now(),
                record,
            });
        })
    }

    /// Draws the newest entries first; only visible rows are laid out.
    pub fn ui(&self, ui: &mut egui::Ui) {
        let entries = self.entries.lock().unwrap_or_else(PoisonError::into_inner);
        if entries.is_empty() {
            ui.weak("No requests yet.");
            return;
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Monospace);
        egui::ScrollArea::vertical()
            .id_salt("activity_log")
            .auto_shrink([false, true])
            .show_rows(ui, row_height, entries.len(), |ui, rows| {
                for index in rows {
                    let entry = &entries[entries.len() - 1 - index];
                    let status = entry
                        .record
                        .status
                        .map_or_else(|| "—".to_owned(), |s| s.to_string());
                    let line = format!(
                        "{}  {:<4} {:<4} {:>6} ms  {}",
                        clock_time(entry.at),
                        entry.record.method,
                        status,
                        entry.record.duration.as_millis(),
                        entry.record.path
                    );
                    let mut text = egui::RichText::new(line).monospace();
                    if entry.record.status.is_none_or(|s| s >= 400) {
                        text = text.color(ui.visuals().warn_fg_color);
                    }
                    ui.label(text);
                }
            });
    }
}
