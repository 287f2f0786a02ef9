//! The typed client against the stand-in TelecomX server, over real HTTP on loopback.

mod access;
mod bulk;
mod common;
mod errors;
mod happy;
mod paging;
mod sessions;
mod transport;
