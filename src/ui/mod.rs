//! Screens and panels. Each is a struct that owns its state and draws itself; user intent
//! leaves as [`crate::app::Command`]s.

pub mod activity_log;
pub mod bulk_panel;
pub mod config_form;
pub mod customer_picker;
pub mod employee_picker;
pub mod filtered;
pub mod result_panel;
pub mod sign_in;
pub mod theme;
pub mod top_bar;
pub mod widgets;
