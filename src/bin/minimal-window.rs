//! A bare eframe window with the app's eframe features: the baseline of the `first_frame_ratio`
//! benchmark (`cargo bench --bench app`). With `MOBILECONFIG_ADMIN_FIRST_FRAME` set it prints
//! `first frame` after its first pass, as the app does.

use std::io::Write as _;

struct Minimal {
    reported: bool,
}

impl eframe::App for Minimal {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("A minimal eframe window");
        });
        if !std::mem::replace(&mut self.reported, true)
            && std::env::var_os("MOBILECONFIG_ADMIN_FIRST_FRAME").is_some()
        {
            let mut out = std::io::stdout().lock();
            writeln!(out, "first frame").ok();
            out.flush().ok();
        }
    }
}

fn main() -> eframe::Result {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("minimal-window")
            .with_inner_size([1280.0, 800.0]),
        ..eframe::NativeOptions::default()
    };
    eframe::run_native(
        "minimal-window",
        options,
        Box::new(|_cc| Ok(Box::new(Minimal { reported: false }))),
    )
}
