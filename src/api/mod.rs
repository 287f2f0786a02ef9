//! The typed TelecomX client: models, errors and calls. Knows nothing about the UI.

mod client;
mod error;
mod ids;
pub mod models;
mod paging;

pub use client::{
    ApiClient, ClientConfig, EmployeeQuery, FetchAll, RequestObserver, RequestRecord, TELECOMX_URL, limits,
};
pub use error::{ApiError, ErrorDetail, FieldRef, HttpError};
pub use ids::{ID_LEN, Id, InvalidId};
pub use models::*;
pub use paging::{PageProgress, fetch_all_pages};
