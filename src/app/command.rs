//! What the user asked for. Panels push commands; the app runs them in one place.

use crate::api::{ConfigSelection, Id, LoginRequest};

use super::bulk::BulkAction;
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
    /// Overwrite the selected employee's config with `source`'s (the copy endpoint).
    CopyFrom {
        /// The employee whose config is copied.
        source: Id,
        /// The employee whose config is overwritten.
        target: Id,
    },
    /// Open the confirmation for applying to the checked employees.
    OpenBulk,
    /// Start a bulk run over the checked employees.
    StartBulk {
        /// What to do to each.
        action: BulkAction,
        /// Requests in flight at once.
        concurrency: usize,
    },
    /// Stop starting new requests in the bulk run.
    CancelBulk,
    /// Run the bulk run's failures again.
    RetryFailedBulk,
    /// Continue a bulk run paused by an ended session.
    ResumeBulk,
    /// Save the bulk run's report as CSV.
    ExportBulkReport(std::path::PathBuf),
    /// Send a selection again, for the employee it was for.
    RetryCreate {
        /// The employee.
        employee: Id,
        /// What was sent.
        selection: ConfigSelection,
    },
}
