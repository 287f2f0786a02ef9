//! Request extractors whose failures are TelecomX JSON errors, never axum's plain text.

use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use serde::de::{self, DeserializeOwned, Deserializer, Visitor};

use crate::api::Id;

use super::access::{Caller, caller_for};
use super::error::{DemoError, DemoResult, pairs};
use super::state::SharedState;

/// Largest request body accepted.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// The signed-in caller, from `Authorization: Bearer <token>`.
pub struct Auth(pub Caller);

impl FromRequestParts<SharedState> for Auth {
    type Rejection = DemoError;

    async fn from_request_parts(parts: &mut Parts, state: &SharedState) -> DemoResult<Self> {
        let token = bearer_token(&parts.headers)?.ok_or(DemoError::from_pair(pairs::CREDENTIALS_INVALID))?;
        caller_from_token(state, &token).map(Auth)
    }
}

/// Checks a token and builds its caller.
pub fn caller_from_token(state: &SharedState, token: &str) -> DemoResult<Caller> {
    let employee = state.sessions().check(token, state.clock.now())?;
    caller_for(&state.read(), &employee)
}

/// The token of an `Authorization` header: `Ok(None)` without one, `format_error` if malformed.
pub fn bearer_token(headers: &HeaderMap) -> DemoResult<Option<String>> {
    let Some(header) = headers.get(AUTHORIZATION) else {
        return Ok(None);
    };
    let format_error = || DemoError::from_pair(pairs::FORMAT_ERROR);
    let text = header.to_str().map_err(|_| format_error())?;
    let (scheme, token) = text.trim().split_once(' ').ok_or_else(format_error)?;
    let token = token.trim();
    if !scheme.eq_ignore_ascii_case("bearer") || token.is_empty() || token.contains(' ') {
        return Err(format_error());
    }
    Ok(Some(token.to_owned()))
}

/// Query parameters; a value of the wrong type is `400 bad_request`.
pub struct Params<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = DemoError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> DemoResult<Self> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|Query(value)| Self(value))
            .map_err(|_| pairs::BAD_REQUEST.into())
    }
}

/// An optional JSON body: `None` when empty; malformed JSON or wrong types are
/// `400 bad_request`; over [`MAX_BODY_BYTES`] is `413`.
pub struct OptionalJson<T>(pub Option<T>);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for OptionalJson<T> {
    type Rejection = DemoError;

    async fn from_request(request: Request, _state: &S) -> DemoResult<Self> {
        let bytes = axum::body::to_bytes(request.into_body(), MAX_BODY_BYTES)
            .await
            .map_err(|_| DemoError::from_pair(pairs::TOO_LARGE))?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Ok(Self(None));
        }
        serde_json::from_slice(&bytes)
            .map(|value| Self(Some(value)))
            .map_err(|_| pairs::BAD_REQUEST.into())
    }
}

/// A required JSON body.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = DemoError;

    async fn from_request(request: Request, state: &S) -> DemoResult<Self> {
        let OptionalJson(value) = OptionalJson::<T>::from_request(request, state).await?;
        value.map(Self).ok_or_else(|| pairs::BAD_REQUEST.into())
    }
}

/// The `{id}` path segment as a validated id; malformed is `400 bad_request`.
pub struct IdPath(pub Id);

impl<S: Send + Sync> FromRequestParts<S> for IdPath {
    type Rejection = DemoError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> DemoResult<Self> {
        let Path(text) = Path::<String>::from_request_parts(parts, state)
            .await
            .map_err(|_| DemoError::from_pair(pairs::BAD_REQUEST))?;
        parse_id(&text).map(Self)
    }
}

/// Parses an id from a path or parameter; malformed is `400 bad_request`.
pub fn parse_id(text: &str) -> DemoResult<Id> {
    Id::parse(text).map_err(|_| pairs::BAD_REQUEST.into())
}

/// Parses an optional id parameter.
pub fn parse_optional_id(text: Option<&str>) -> DemoResult<Option<Id>> {
    text.map(parse_id).transpose()
}

/// A boolean that also accepts `0`/`1` and their string forms (the login docs send `cookie: 0`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LooseBool(pub bool);

impl<'de> serde::Deserialize<'de> for LooseBool {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct LooseVisitor;

        impl Visitor<'_> for LooseVisitor {
            type Value = LooseBool;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("true, false, 0 or 1")
            }

            fn visit_bool<E: de::Error>(self, value: bool) -> Result<LooseBool, E> {
                Ok(LooseBool(value))
            }

            fn visit_u64<E: de::Error>(self, value: u64) -> Result<LooseBool, E> {
                match value {
                    0 => Ok(LooseBool(false)),
                    1 => Ok(LooseBool(true)),
                    _ => Err(E::invalid_value(de::Unexpected::Unsigned(value), &self)),
                }
            }

            fn visit_i64<E: de::Error>(self, value: i64) -> Result<LooseBool, E> {
                u64::try_from(value)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
                    .and_then(|v| self.visit_u64(v))
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<LooseBool, E> {
                match value {
                    "true" | "1" => Ok(LooseBool(true)),
                    "false" | "0" | "" => Ok(LooseBool(false)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(value), &self)),
                }
            }
        }

        deserializer.deserialize_any(LooseVisitor)
    }
}

/// Whether an optional loose boolean is set.
pub fn is_set(flag: Option<LooseBool>) -> bool {
    flag.is_some_and(|LooseBool(value)| value)
}
