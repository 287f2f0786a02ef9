//! The stand-in's routes, with the paths of the real API.

mod auth;
mod directory;
mod mobileconfig;

use std::any::Any;

use axum::Router;
use axum::http::{Response, header::CONTENT_TYPE};
use axum::middleware::from_fn_with_state;
use axum::response::IntoResponse as _;
use axum::routing::get;
use tower_http::catch_panic::CatchPanicLayer;

use super::error::{DemoError, pairs};
use super::faults;
use super::state::SharedState;

/// Every route, the JSON fallbacks, the fault middleware and the panic guard.
pub fn router(state: SharedState) -> Router {
    Router::new()
        .route("/auth/login", get(auth::login_query).post(auth::login_json))
        .route("/auth/logout", get(auth::logout))
        .route("/auth/validateToken", get(auth::validate_token))
        .route("/customer", get(directory::customers))
        .route("/employee", get(directory::employees))
        .route("/pbx/dialplan", get(directory::dialplan))
        .route("/pbx/extension", get(directory::extensions))
        .route("/pbx/app/employees", get(directory::app_employees))
        .route("/pbx/app/queues", get(directory::app_queues))
        .route(
            "/pbx/app/mobileconfig",
            get(mobileconfig::list_configs).post(mobileconfig::copy_config),
        )
        // The documented copy URL has a trailing slash; like the API's web framework (non-strict
        // routing), both spellings reach the same operations.
        .route(
            "/pbx/app/mobileconfig/",
            get(mobileconfig::list_configs).post(mobileconfig::copy_config),
        )
        .route(
            "/pbx/app/mobileconfig/{id}",
            get(mobileconfig::get_config).post(mobileconfig::create_config),
        )
        .fallback(|| async { DemoError::from_pair(pairs::NO_ROUTE) })
        .method_not_allowed_fallback(|| async { DemoError::from_pair(pairs::METHOD_NOT_ALLOWED) })
        .layer(from_fn_with_state(state.clone(), faults::apply))
        .layer(CatchPanicLayer::custom(panic_response))
        .with_state(state)
}

/// A panicking handler is a bug; the caller still gets a documented JSON 500.
fn panic_response(_panic: Box<dyn Any + Send + 'static>) -> Response<axum::body::Body> {
    let mut response = DemoError::from_pair(pairs::INTERNAL).into_response();
    response.headers_mut().insert(
        CONTENT_TYPE,
        axum::http::HeaderValue::from_static("application/json"),
    );
    response
}
