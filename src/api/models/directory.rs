//! Customers, employees and queues: what the pickers list.

use serde::Deserialize;

use super::auth::AccessLevel;
use super::string_enum::string_enum;
use crate::api::Id;

/// One page of a paged list: `{ offset, limit, total, <items> }`.
///
/// The items key differs per endpoint (`customers`, `employees`, `dialplanItems`).
#[derive(Clone, Debug, Deserialize)]
pub struct Page<T> {
    /// Index of the first item in this page.
    #[serde(default)]
    pub offset: u64,
    /// Page size the server applied.
    #[serde(default)]
    pub limit: u64,
    /// Number of items across all pages, ignoring offset and limit.
    #[serde(default)]
    pub total: Option<u64>,
    /// The items of this page.
    #[serde(
        alias = "customers",
        alias = "employees",
        alias = "dialplanItems",
        alias = "extensions"
    )]
    pub items: Vec<T>,
}

string_enum! {
    /// Whether an employee can sign in.
    pub enum EmployeeState {
        /// Active.
        Enabled = "ENABLED",
        /// Cannot sign in.
        Disabled = "DISABLED",
        /// Removed.
        Deleted = "DELETED",
    }
}

string_enum! {
    /// State of a customer account.
    pub enum CustomerState {
        /// In service.
        Active = "ACTIVE",
        /// Blocked.
        Blocked = "BLOCKED",
        /// Removed.
        Deleted = "DELETED",
    }
}

/// A customer in `GET /customer` (condensed form).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Customer {
    /// Customer id.
    #[serde(rename = "_id")]
    pub id: Id,
    /// Company name.
    #[serde(default)]
    pub name: String,
    /// The reseller the customer belongs to, if any.
    #[serde(default)]
    pub parent_reseller: Option<Id>,
    /// Account state.
    #[serde(default)]
    pub state: Option<CustomerState>,
}

/// An employee in `GET /employee` (condensed form).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Employee {
    /// Employee id.
    #[serde(rename = "_id")]
    pub id: Id,
    /// The employee's customer.
    #[serde(default)]
    pub customer: Option<Id>,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// E-mail address, also the sign-in name.
    #[serde(default)]
    pub email_address: Option<String>,
    /// Access level.
    #[serde(default)]
    pub access_level: Option<AccessLevel>,
    /// Whether the employee can sign in.
    #[serde(default)]
    pub state: Option<EmployeeState>,
    /// Job title.
    #[serde(default)]
    pub title: Option<String>,
    /// Department.
    #[serde(default)]
    pub department: Option<String>,
}

/// An extension in `GET /pbx/extension`: where an employee's number comes from.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Extension {
    /// Extension id.
    #[serde(rename = "_id")]
    pub id: Id,
    /// Local number.
    #[serde(default)]
    pub number: Option<String>,
    /// The employee owning it, if any.
    #[serde(default)]
    pub employee: Option<Id>,
    /// Whether it is that employee's primary extension.
    #[serde(default)]
    pub primary: bool,
}

/// A colleague in `GET /pbx/app/employees` (the Communicator apps' own list, PERSONAL and up).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppEmployee {
    /// Employee id.
    #[serde(rename = "_id")]
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// E-mail address.
    #[serde(default)]
    pub email_address: Option<String>,
    /// The employee's extensions.
    #[serde(default)]
    pub extensions: Vec<AppExtension>,
}

/// An extension inside an [`AppEmployee`].
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct AppExtension {
    /// Local number.
    #[serde(default)]
    pub number: Option<String>,
    /// Whether it is the primary extension.
    #[serde(default)]
    pub primary: bool,
}

impl AppEmployee {
    /// The primary extension's number, else the first one's.
    pub fn number(&self) -> Option<&str> {
        let primary = self
            .extensions
            .iter()
            .find(|e| e.primary)
            .or(self.extensions.first());
        primary.and_then(|e| e.number.as_deref())
    }
}

/// A queue, as a `QUEUE` item of `GET /pbx/dialplan?type=QUEUE`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Queue {
    /// Queue id (the id mobile configs refer to in `QUEUES` items).
    #[serde(rename = "_id")]
    pub id: Id,
    /// Display name.
    #[serde(default)]
    pub name: String,
    /// Local number, or none if the queue cannot be dialled.
    #[serde(default)]
    pub number: Option<String>,
    /// The queue's customer.
    #[serde(default)]
    pub customer: Option<Id>,
}
