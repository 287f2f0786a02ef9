//! Error answers of the stand-in, with the exact documented code/message pairs.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// An error answer: `{"error":{"code","message","status"[,"path"]}}` with a matching HTTP status.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoError {
    /// HTTP status, repeated in the body.
    pub status: u16,
    /// Error code.
    pub code: String,
    /// Message.
    pub message: String,
    /// Path of the failing property, for field errors.
    pub path: Option<String>,
}

/// A documented (status, code, message) triple.
pub type Pair = (u16, &'static str, &'static str);

/// The exact pairs from the TelecomX documentation, plus the stand-in's own choices
/// (marked) where the documentation is silent.
pub mod pairs {
    use super::Pair;

    /// `api:errors`: no token at all.
    pub const CREDENTIALS_INVALID: Pair =
        (401, "credentials_invalid", "Authorization required, please login");
    /// `api:errors`: an Authorization header that is not `Bearer <token>`.
    pub const FORMAT_ERROR: Pair = (
        401,
        "format_error",
        "Authorization header format is Authorization: Bearer <token>",
    );
    /// `api:errors`: a token that cannot be decoded.
    pub const UNDECIPHERABLE: Pair = (401, "invalid_token", "Undecipherable");
    /// `api:errors`: a well-formed token that is not (or no longer) valid.
    pub const PLEASE_LOGIN: Pair = (401, "invalid_token", "Please login");
    /// `api:errors`: a token past its lifetime.
    pub const EXPIRED: Pair = (401, "expired", "Session has expired, please login");
    /// Every page: not allowed for this caller.
    pub const ACCESS_DENIED: Pair = (403, "access_denied", "Insufficient access level");
    /// Mobile config get/copy: malformed request.
    pub const BAD_REQUEST: Pair = (400, "bad_request", "Request not valid");
    /// Mobile config get/copy: well-formed id of nothing.
    pub const NOT_FOUND: Pair = (404, "not_found", "Object not found");
    /// `api:customer:get-name`: unknown customer.
    pub const CUSTOMER_NOT_FOUND: Pair = (404, "customer", "Customer not found");
    /// Mobile config create: unknown or foreign queue (`code` gets the index).
    pub const QUEUE_NOT_FOUND: Pair = (404, "items[x]._id", "Queue not found");
    /// Mobile config create: unknown or foreign colleague (`code` gets the index).
    pub const EXTENSIONS_NOT_FOUND: Pair = (
        404,
        "items[x].extensions",
        "One or more employees or extensions were not found",
    );
    /// `api:employee:clear-tokens`: the employee cannot sign in (reused for login).
    pub const NO_LOGIN_ACCESS: Pair = (409, "employee", "Employee does not have access to login");
    /// Unexpected failure (message unspecified by the docs).
    pub const INTERNAL: Pair = (500, "internal_error", "<Unspecified>");
    /// Stand-in choice: wrong username or password.
    pub const WRONG_PASSWORD: Pair = (401, "credentials_invalid", "Invalid username or password");
    /// Stand-in choice: the account needs its SMS code (the two-factor signal).
    pub const SMS_REQUIRED: Pair = (401, "smsKey", "SMS code required");
    /// Stand-in choice: a wrong SMS code.
    pub const SMS_INVALID: Pair = (401, "smsKey", "Invalid SMS code");
    /// Stand-in choice: unknown route.
    pub const NO_ROUTE: Pair = (404, "not_found", "No such endpoint");
    /// Stand-in choice: known route, wrong method.
    pub const METHOD_NOT_ALLOWED: Pair = (405, "method_not_allowed", "Method not allowed");
    /// Stand-in choice: body over the size cap.
    pub const TOO_LARGE: Pair = (413, "too_large", "Request body is too large");
}

impl DemoError {
    /// An error from a documented pair.
    pub fn from_pair((status, code, message): Pair) -> Self {
        Self {
            status,
            code: code.to_owned(),
            message: message.to_owned(),
            path: None,
        }
    }

    /// A field error: `pair`'s code with `x` replaced by the item index; `path` mirrors it.
    pub fn item(pair: Pair, index: usize) -> Self {
        let code = pair.1.replace("[x]", &format!("[{index}]"));
        Self {
            path: Some(code.clone()),
            code,
            ..Self::from_pair(pair)
        }
    }

    /// A 422 for a query parameter out of range.
    pub fn invalid_param(name: &str, message: String) -> Self {
        Self {
            status: 422,
            code: name.to_owned(),
            message,
            path: Some(name.to_owned()),
        }
    }
}

impl From<Pair> for DemoError {
    fn from(pair: Pair) -> Self {
        Self::from_pair(pair)
    }
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorObject<'a>,
}

#[derive(Serialize)]
struct ErrorObject<'a> {
    code: &'a str,
    message: &'a str,
    status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
}

impl IntoResponse for DemoError {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = ErrorBody {
            error: ErrorObject {
                code: &self.code,
                message: &self.message,
                status: status.as_u16(),
                path: self.path.as_deref(),
            },
        };
        (status, Json(body)).into_response()
    }
}

/// Result of a stand-in handler.
pub type DemoResult<T> = Result<T, DemoError>;
