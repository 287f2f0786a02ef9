//! The real `eframe::App`, driven through the AccessKit tree with egui_kittest, against the
//! stand-in server over HTTP on loopback.

mod bulk;
mod common;
mod flows;
mod large;
mod sessions;
