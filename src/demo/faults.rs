//! Latency and injected faults, for demos of slow networks and for failure tests.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::error::DemoError;
use super::state::SharedState;

/// Something to go wrong with a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Answer normally, but only after this long.
    Delay(Duration),
    /// Answer with an HTML error page, as a proxy in front of the API would.
    HtmlPage {
        /// HTTP status of the page.
        status: u16,
    },
    /// Answer normally, but with only the first half of the JSON body.
    TruncatedJson,
    /// Start the answer, then break the connection mid-body.
    AbortBody,
    /// Answer with this error instead of running the route.
    Error {
        /// HTTP status.
        status: u16,
        /// Error code.
        code: String,
        /// Message.
        message: String,
    },
}

/// Which requests a fault applies to, and how often.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FaultRule {
    /// Only this method, or any.
    pub method: Option<Method>,
    /// Requests whose path starts with this.
    pub path_prefix: String,
    /// How many more requests it hits; `None` is every matching request.
    pub remaining: Option<u32>,
    /// What happens.
    pub fault: Fault,
}

impl Fault {
    /// Answer with a documented error pair, e.g. [`crate::demo::pairs::INTERNAL`].
    pub fn from_pair((status, code, message): crate::demo::error::Pair) -> Self {
        Self::Error {
            status,
            code: code.to_owned(),
            message: message.to_owned(),
        }
    }
}

impl FaultRule {
    /// A fault for every request under `path_prefix`.
    pub fn new(path_prefix: impl Into<String>, fault: Fault) -> Self {
        Self {
            method: None,
            path_prefix: path_prefix.into(),
            remaining: None,
            fault,
        }
    }

    /// Limits the rule to `method`.
    #[must_use]
    pub fn method(self, method: Method) -> Self {
        Self {
            method: Some(method),
            ..self
        }
    }

    /// Limits the rule to the next `count` matching requests.
    #[must_use]
    pub fn times(self, count: u32) -> Self {
        Self {
            remaining: Some(count),
            ..self
        }
    }
}

/// Middleware: the configured latency, then the first matching fault, if any.
pub async fn apply(State(state): State<SharedState>, request: Request, next: Next) -> Response {
    if !state.latency.is_zero() {
        tokio::time::sleep(state.latency).await;
    }
    let fault = take_fault(&state, request.method(), request.uri().path());
    match fault {
        None => next.run(request).await,
        Some(Fault::Delay(delay)) => {
            tokio::time::sleep(delay).await;
            next.run(request).await
        }
        Some(Fault::HtmlPage { status }) => {
            let status = StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY);
            let page = format!(
                "<html><head><title>{status}</title></head><body><h1>{status}</h1><hr>nginx</body></html>"
            );
            (status, [(CONTENT_TYPE, "text/html")], page).into_response()
        }
        Some(Fault::TruncatedJson) => truncate(next.run(request).await).await,
        Some(Fault::AbortBody) => {
            let chunks: [Result<Bytes, std::io::Error>; 2] = [
                Ok(Bytes::from_static(b"{\"_id\":\"")),
                Err(std::io::Error::other("connection dropped by fault injection")),
            ];
            let body = Body::from_stream(futures::stream::iter(chunks));
            (StatusCode::OK, [(CONTENT_TYPE, "application/json")], body).into_response()
        }
        Some(Fault::Error {
            status,
            code,
            message,
        }) => DemoError {
            status,
            code,
            message,
            path: None,
        }
        .into_response(),
    }
}

fn take_fault(state: &SharedState, method: &Method, path: &str) -> Option<Fault> {
    let mut rules = state.faults();
    let position = rules.iter().position(|rule| {
        path.starts_with(&rule.path_prefix) && rule.method.as_ref().is_none_or(|m| m == method)
    })?;
    let rule = &mut rules[position];
    let fault = rule.fault.clone();
    if let Some(remaining) = &mut rule.remaining {
        *remaining = remaining.saturating_sub(1);
        if *remaining == 0 {
            rules.remove(position);
        }
    }
    Some(fault)
}

async fn truncate(response: Response) -> Response {
    let (mut parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let half = bytes.slice(..bytes.len() / 2);
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(half))
}
