//! What the user asked for. Panels push commands; the app runs them in one place.

use crate::api::{ConfigSelection, Id, LoginRequest};

use super::connection::Connection;

/// A user intent.
#[derive(Clone, Debug)]
pub enum Command {
    /// Use another server.
    ChooseConnection(Connection),
    /// Sign in (also from the "sign in again" prompt).
    SignIn(LoginRequest),
    /// Close the "sign in again" prompt and sign out instead.
    SignOut,
    /// Search customers (reseller staff) with a server-side filter.
    SearchCustomers(String),
    /// Fetch the next page of the current customer search.
    MoreCustomers {
        /// The search.
        query: String,
        /// Customers already shown.
        offset: u64,
    },
    /// Work in this customer.
    SelectCustomer {
        /// Customer id.
        id: Id,
        /// Company name.
        name: String,
    },
    /// Load the customer's employees and queues again.
    ReloadDirectory,
    /// Edit this employee's config.
    SelectEmployee(Id),
    /// Load the selected employee's config again.
    ReloadConfig,
    /// Send the form's selection for the selected employee.
    Create,
    /// Send a selection again, for the employee it was for.
    RetryCreate {
        /// The employee.
        employee: Id,
        /// What was sent.
        selection: ConfigSelection,
    },
}
