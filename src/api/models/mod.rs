//! Typed request and response bodies. Decoding ignores unknown fields; encoding sends only
//! what the API documents.

mod auth;
mod directory;
mod mobileconfig;
mod string_enum;

pub use auth::{AccessLevel, Identity, LoginRequest, LoginResponse, SecondFactor, Token, TokenInfo};
pub use directory::{
    AppEmployee, AppExtension, Customer, CustomerState, Employee, EmployeeState, Extension, Page, Queue,
};
pub use mobileconfig::{ConfigGroup, ConfigSelection, GroupType, Item, MobileConfig};
pub(crate) use mobileconfig::{CopyBody, SelectionBody};
