//! The bulk run panel: progress with done / failed / remaining and time left, Cancel, the
//! per-employee report, Retry failed and Export CSV.

use egui::{RichText, Ui};

use crate::app::Command;
use crate::app::bulk_run::{BulkRun, RowState};

use super::widgets::labelled_text_edit;

/// Draws the run; returns whether the user closed the report.
pub fn ui(ui: &mut Ui, run: &mut BulkRun, commands: &mut Vec<Command>) -> bool {
    let (done, failed, not_attempted, remaining) = run.counts();
    let total = run.rows.len();
    ui.label(RichText::new(format!("Bulk: {} for {total} employees", run.label)).strong());
    let fraction = (total - remaining) as f32 / total.max(1) as f32;
    let mut status = format!("done {done} · failed {failed} · remaining {remaining}");
    if not_attempted > 0 {
        status.push_str(&format!(" · not attempted {not_attempted}"));
    }
    if let Some(left) = run.time_left() {
        status.push_str(&format!(" · about {} s left", left.as_secs() + 1));
    }
    // The words go in one label (read once by screen readers); the bar shows the share.
    ui.add(egui::ProgressBar::new(fraction).show_percentage());
    ui.label(status);
    let mut close = false;
    ui.horizontal(|ui| {
        if run.is_running() {
            if run.is_paused() {
                ui.label(
                    RichText::new("Paused: sign in again to continue.").color(ui.visuals().warn_fg_color),
                );
            }
            let cancelling = run.is_cancelled();
            if ui
                .add_enabled(!cancelling, egui::Button::new("Cancel run"))
                .clicked()
            {
                commands.push(Command::CancelBulk);
            }
            if cancelling {
                ui.label("Cancelling: requests in flight finish…");
            }
        } else {
            if failed > 0 && ui.button("Retry failed").clicked() {
                commands.push(Command::RetryFailedBulk);
            }
            close = ui.button("Close report").clicked();
        }
    });
    if !run.is_running() {
        labelled_text_edit(
            ui,
            "Report file",
            &mut run.export_path,
            false,
            "where to save the CSV",
        );
        if ui.button("Export CSV").clicked() {
            commands.push(Command::ExportBulkReport(run.export_path.clone().into()));
        }
    }
    let row_height = ui.spacing().interact_size.y;
    if !run.failures().is_empty() {
        ui.label(RichText::new(format!("Failed ({})", run.failures().len())).strong());
        egui::ScrollArea::vertical()
            .id_salt("bulk_failures")
            .max_height(120.0)
            .auto_shrink([false, true])
            .show_rows(ui, row_height, run.failures().len(), |ui, rows| {
                ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
                for position in rows {
                    let row = run.failures()[position];
                    row_ui(ui, run, row);
                }
            });
        ui.label(RichText::new("Everyone").strong());
    }
    egui::ScrollArea::vertical()
        .id_salt("bulk_report")
        .max_height(220.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, total, |ui, rows| {
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            for row in rows {
                row_ui(ui, run, row);
            }
        });
    close
}

fn row_ui(ui: &mut Ui, run: &BulkRun, row: usize) {
    let name = &run.targets[row].1;
    let (text, color) = match &run.rows[row] {
        RowState::Pending => (format!("{name}: waiting"), None),
        RowState::Done => (format!("{name}: done"), None),
        RowState::NotAttempted => (format!("{name}: not attempted"), Some(ui.visuals().warn_fg_color)),
        RowState::Failed(error) => (
            format!("{name}: failed: {}", error.user_message()),
            Some(ui.visuals().error_fg_color),
        ),
    };
    let mut text = RichText::new(text);
    if let Some(color) = color {
        text = text.color(color);
    }
    ui.label(text);
}
