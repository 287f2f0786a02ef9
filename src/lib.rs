//! mobileconfig-admin: a desktop admin app for TelecomX Communicator mobile configs.
//!
//! - [`api`]: the typed TelecomX client (no UI).
//! - [`demo`]: the stand-in TelecomX server used by the demo mode, the tests and the benchmarks.
//! - [`app`]: the desktop app's state, commands and background tasks.
//! - [`ui`]: its screens and panels.
//! - [`secrets`]: the OS keyring behind store / read / delete.

pub mod api;
pub mod app;
pub mod demo;
pub mod secrets;
pub mod ui;
