//! `/auth/login`, `/auth/logout`, `/auth/validateToken`.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::api::{AccessLevel, EmployeeState};

use crate::demo::access::caller_for;
use crate::demo::error::{DemoError, DemoResult, pairs};
use crate::demo::extract::{Auth, JsonBody, LooseBool, Params, bearer_token, caller_from_token, is_set};
use crate::demo::seed::DEMO_PASSWORD;
use crate::demo::sessions::Sessions;
use crate::demo::state::SharedState;
use crate::demo::store::SecondFactorRule;
use crate::demo::wire::IdentityOut;

/// Login fields, from a JSON body (`POST`) or the query (`GET`).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginInput {
    username: Option<String>,
    password: Option<String>,
    sms_key: Option<String>,
    // Accepted and ignored: no demo account uses an authenticator app.
    #[serde(rename = "authenticatorToken")]
    _authenticator_token: Option<String>,
    #[serde(rename = "cookie")]
    _cookie: Option<LooseBool>,
    persist: Option<LooseBool>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct LoginOut<'a> {
    token: String,
    expires_in_minutes: i64,
    #[serde(flatten)]
    identity: IdentityOut<'a>,
}

/// `POST /auth/login`.
pub async fn login_json(
    State(state): State<SharedState>,
    JsonBody(input): JsonBody<LoginInput>,
) -> DemoResult<Response> {
    login(&state, input)
}

/// `GET /auth/login` (documented; puts the password in the URL, so the client never uses it).
pub async fn login_query(
    State(state): State<SharedState>,
    Params(input): Params<LoginInput>,
) -> DemoResult<Response> {
    login(&state, input)
}

fn login(state: &SharedState, input: LoginInput) -> DemoResult<Response> {
    let (Some(username), Some(password)) = (input.username, input.password) else {
        return Err(pairs::BAD_REQUEST.into());
    };
    let store = state.read();
    let employee = store
        .employee_by_email(username.trim())
        .filter(|e| e.state != EmployeeState::Deleted)
        .ok_or(DemoError::from_pair(pairs::WRONG_PASSWORD))?;
    if password != DEMO_PASSWORD {
        return Err(pairs::WRONG_PASSWORD.into());
    }
    if employee.access_level == AccessLevel::NoLogin || employee.state != EmployeeState::Enabled {
        return Err(pairs::NO_LOGIN_ACCESS.into());
    }
    if let SecondFactorRule::Sms(code) = employee.second_factor {
        match input.sms_key.as_deref().map(str::trim) {
            None | Some("") => return Err(pairs::SMS_REQUIRED.into()),
            Some(given) if given != code => return Err(pairs::SMS_INVALID.into()),
            Some(_) => {}
        }
    }
    let persist = is_set(input.persist);
    let caller = caller_for(&store, &employee.id)?;
    let token = state
        .sessions()
        .issue(employee.id.clone(), state.clock.now(), persist)?;
    let identity = IdentityOut::of(&store, &caller).ok_or(DemoError::from_pair(pairs::INTERNAL))?;
    Ok(Json(LoginOut {
        token,
        expires_in_minutes: Sessions::expires_in_minutes(persist),
        identity,
    })
    .into_response())
}

/// `GET /auth/logout`: ends every session of the caller.
pub async fn logout(State(state): State<SharedState>, Auth(caller): Auth) -> Json<serde_json::Value> {
    state.sessions().end_all_of(&caller.employee);
    Json(serde_json::json!({ "success": true }))
}

/// Query of `GET /auth/validateToken`.
#[derive(Deserialize)]
pub struct ValidateParams {
    token: Option<String>,
    simple: Option<LooseBool>,
    extend: Option<LooseBool>,
    // Accepted and ignored: sessions are not bound to an IP address here.
    #[serde(rename = "ip")]
    _ip: Option<String>,
}

#[derive(Serialize)]
struct ValidateOut<'a> {
    success: bool,
    #[serde(flatten)]
    identity: IdentityOut<'a>,
}

/// `GET /auth/validateToken`: the token from `?token=` (documented) or, when absent, from the
/// `Authorization` header (the form the client uses, keeping tokens out of URLs).
pub async fn validate_token(
    State(state): State<SharedState>,
    headers: HeaderMap,
    Params(params): Params<ValidateParams>,
) -> DemoResult<Response> {
    let simple = is_set(params.simple);
    let token = match params.token.filter(|t| !t.is_empty()) {
        Some(token) => Some(token),
        None => bearer_token(&headers)?,
    };
    let checked = token
        .ok_or(DemoError::from_pair(pairs::CREDENTIALS_INVALID))
        .and_then(|token| caller_from_token(&state, &token));
    if simple {
        // "Answer only with status 200 / 403"; the JSON body just repeats it.
        let (status, success) = match checked {
            Ok(_) => (StatusCode::OK, true),
            Err(_) => (StatusCode::FORBIDDEN, false),
        };
        return Ok((status, Json(serde_json::json!({ "success": success }))).into_response());
    }
    let caller = checked?;
    let store = state.read();
    let mut identity = IdentityOut::of(&store, &caller).ok_or(DemoError::from_pair(pairs::INTERNAL))?;
    if !is_set(params.extend) {
        identity.extended = None;
    }
    Ok(Json(ValidateOut {
        success: true,
        identity,
    })
    .into_response())
}
