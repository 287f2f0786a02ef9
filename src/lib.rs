//! mobileconfig-admin: a desktop admin app for TelecomX Communicator mobile configs.
//!
//! - [`api`]: the typed TelecomX client (no UI).
//! - [`demo`]: the stand-in TelecomX server used by the demo mode, the tests and the benchmarks.

pub mod api;
pub mod demo;
