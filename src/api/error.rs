//! `ApiError`: every way a call can fail, mapped once from HTTP, and worded for users once.

use serde::Deserialize;
use serde_json::Value;

use super::ids::InvalidId;
use super::models::{GroupType, SecondFactor};

/// One error object of a TelecomX error body (`api:errors`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct ErrorDetail {
    /// A default code such as `access_denied`, or the path of the failing property.
    #[serde(default)]
    pub code: String,
    /// Human-readable text from the server.
    #[serde(default)]
    pub message: String,
    /// Path of the failing property, when there is one.
    #[serde(default)]
    pub path: Option<String>,
    /// Name of the failed validation check, when available.
    #[serde(default)]
    pub check: Option<String>,
}

/// An error answer: the HTTP status and the error objects of its body (at least one).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("HTTP {status} {}: {}", self.code(), self.message())]
pub struct HttpError {
    /// HTTP status code.
    pub status: u16,
    /// The error objects, in the order the server sent them.
    pub errors: Vec<ErrorDetail>,
}

/// A form item an error points at: `items[x]._id` is a queue, `items[x].extensions` a colleague.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldRef {
    /// The section the item belongs to.
    pub group: GroupType,
    /// Index of the item in the `items` that were sent for that section.
    pub index: usize,
}

impl HttpError {
    /// The first error's code.
    pub fn code(&self) -> &str {
        self.errors.first().map_or("", |e| e.code.as_str())
    }

    /// The first error's message.
    pub fn message(&self) -> &str {
        self.errors.first().map_or("", |e| e.message.as_str())
    }

    /// Every form item the errors point at.
    pub fn field_refs(&self) -> Vec<FieldRef> {
        self.errors
            .iter()
            .filter_map(|e| parse_field_ref(&e.code).or_else(|| parse_field_ref(e.path.as_deref()?)))
            .collect()
    }

    fn mentions(&self, needle: &str) -> bool {
        self.errors.iter().any(|e| {
            e.code.eq_ignore_ascii_case(needle)
                || e.path.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(needle))
        })
    }
}

/// Parses `items[3]._id` (a queue) or `items[3].extensions` (a colleague).
fn parse_field_ref(code: &str) -> Option<FieldRef> {
    let rest = &code[code.find("items[")? + "items[".len()..];
    let close = rest.find(']')?;
    let index = rest[..close].parse().ok()?;
    let group = match &rest[close + 1..] {
        "._id" => GroupType::Queues,
        ".extensions" => GroupType::Colleagues,
        _ => return None,
    };
    Some(FieldRef { group, index })
}

/// Every way an API call can fail.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// The 401 family (`expired`, `credentials_invalid`, `format_error`, `invalid_token`):
    /// the session is gone and the user must sign in again.
    #[error("sign-in required: {0}")]
    SignInRequired(HttpError),
    /// Sign-in refused the username, password or second-factor code.
    #[error("sign-in refused: {0}")]
    CredentialsRejected(HttpError),
    /// The password was right; the server wants a second-factor code.
    #[error("second factor required ({factor:?}): {error}")]
    SecondFactorRequired {
        /// Which code to ask for.
        factor: SecondFactor,
        /// The server's answer.
        error: HttpError,
    },
    /// Any other error answer with a TelecomX error body.
    #[error(transparent)]
    Http(HttpError),
    /// An error status whose body is not a TelecomX error (an HTML proxy page, say).
    #[error("HTTP {status} with an unexpected body: {snippet:?}")]
    UnexpectedBody {
        /// HTTP status code.
        status: u16,
        /// The start of the body, for diagnosis.
        snippet: String,
    },
    /// A success status whose body could not be decoded (truncated or not the documented shape).
    #[error("HTTP {status}: the answer could not be read: {detail}")]
    Decode {
        /// HTTP status code.
        status: u16,
        /// What the decoder said.
        detail: String,
    },
    /// The answer was larger than the client accepts.
    #[error("the answer was larger than {limit_bytes} bytes")]
    ResponseTooLarge {
        /// The limit that was hit.
        limit_bytes: usize,
    },
    /// The server could not be reached (refused, DNS failure, unreachable).
    #[error("cannot connect: {detail}")]
    Connect {
        /// What the transport said.
        detail: String,
    },
    /// The secure connection could not be established (certificate, handshake).
    #[error("secure connection failed: {detail}")]
    Tls {
        /// What the transport said.
        detail: String,
    },
    /// No complete answer arrived in time.
    #[error("the server did not answer in time")]
    Timeout,
    /// The connection broke while talking to the server.
    #[error("network error: {detail}")]
    Network {
        /// What the transport said.
        detail: String,
    },
    /// The app failed while handling the request (a bug; the request may not have been sent).
    #[error("internal error: {detail}")]
    Internal {
        /// What went wrong.
        detail: String,
    },
    /// An id failed validation before any request was sent.
    #[error(transparent)]
    InvalidId(#[from] InvalidId),
    /// The configured server address cannot be used.
    #[error("cannot use server address {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The rejected address.
        url: String,
        /// Why it was rejected.
        reason: String,
    },
}

/// Codes of the documented 401 family.
const SIGN_IN_CODES: [&str; 4] = ["expired", "credentials_invalid", "format_error", "invalid_token"];

/// How many bytes of an unexpected body are quoted.
const SNIPPET_BYTES: usize = 200;

impl ApiError {
    /// Maps a non-success answer onto an `ApiError`.
    pub(crate) fn from_error_response(status: u16, body: &[u8]) -> Self {
        let Some(errors) = parse_error_body(body) else {
            return Self::UnexpectedBody {
                status,
                snippet: snippet(body),
            };
        };
        let error = HttpError { status, errors };
        // Every 401 means "sign in again"; the documented codes are only examples of it.
        if status == 401 || SIGN_IN_CODES.contains(&error.code()) {
            Self::SignInRequired(error)
        } else {
            Self::Http(error)
        }
    }

    /// Re-reads an error from the login call: 401/403/409/422 there mean the credentials
    /// (or the second factor) were refused, not that a session ended.
    pub(crate) fn into_login_error(self) -> Self {
        let error = match self {
            Self::SignInRequired(error) => error,
            Self::Http(error) if matches!(error.status, 400..=499) => error,
            other => return other,
        };
        match second_factor_asked(&error) {
            Some(factor) => Self::SecondFactorRequired { factor, error },
            None => Self::CredentialsRejected(error),
        }
    }

    /// The HTTP error behind this failure, if the server answered with one.
    pub fn http(&self) -> Option<&HttpError> {
        match self {
            Self::SignInRequired(error)
            | Self::CredentialsRejected(error)
            | Self::SecondFactorRequired { error, .. }
            | Self::Http(error) => Some(error),
            _ => None,
        }
    }

    /// HTTP status, when a server answered.
    pub fn status(&self) -> Option<u16> {
        match self {
            Self::UnexpectedBody { status, .. } | Self::Decode { status, .. } => Some(*status),
            other => other.http().map(|e| e.status),
        }
    }

    /// Form items the error points at (empty for errors not about items).
    pub fn field_refs(&self) -> Vec<FieldRef> {
        self.http().map(HttpError::field_refs).unwrap_or_default()
    }

    /// Whether trying the same request again may succeed (network trouble, 5xx).
    pub fn is_retryable(&self) -> bool {
        match self {
            Self::Connect { .. } | Self::Timeout | Self::Network { .. } | Self::Tls { .. } => true,
            Self::Http(_) | Self::UnexpectedBody { .. } | Self::Decode { .. } => {
                self.status().is_some_and(|s| s >= 500)
            }
            _ => false,
        }
    }

    /// The error in plain words for users, with the server's code and HTTP status.
    pub fn user_message(&self) -> String {
        match self {
            Self::SignInRequired(error) => with_reference(
                "Your session has ended. Sign in again to continue; nothing you entered is lost.",
                error,
            ),
            Self::CredentialsRejected(error) => with_reference(
                "Sign-in was refused. Check the username, password and code.",
                error,
            ),
            Self::SecondFactorRequired { factor, error } => {
                let what = match factor {
                    SecondFactor::Sms => "the code we sent to your phone by SMS",
                    SecondFactor::Authenticator => "the code from your authenticator app",
                };
                with_reference(&format!("This account needs a second step: enter {what}."), error)
            }
            Self::Http(error) => with_reference(&http_summary(error), error),
            Self::UnexpectedBody { status, snippet } => format!(
                "The server answered with an error page instead of data (HTTP {status}). \
                 It may be down or behind a faulty proxy; try again later. It said: \"{snippet}\""
            ),
            Self::Decode { status, detail } => format!(
                "The server's answer could not be read (HTTP {status}): it was incomplete or \
                 not in the expected format. Try again. Details: {detail}"
            ),
            Self::ResponseTooLarge { limit_bytes } => format!(
                "The server's answer was too large to handle (over {} MB).",
                limit_bytes / (1024 * 1024)
            ),
            Self::Connect { detail } => format!(
                "Cannot reach the server. Check the network connection and the server address, \
                 then retry. ({detail})"
            ),
            Self::Tls { detail } => format!(
                "A secure connection to the server could not be made; its certificate may be \
                 wrong. ({detail})"
            ),
            Self::Timeout => {
                "The server did not answer in time. It may be busy; retry in a moment.".to_owned()
            }
            Self::Network { detail } => {
                format!("The connection broke while talking to the server; retry. ({detail})")
            }
            Self::Internal { detail } => format!(
                "Something went wrong inside the app while handling this request; try again. ({detail})"
            ),
            Self::InvalidId(invalid) => {
                format!("{invalid}. Nothing was sent to the server.")
            }
            Self::InvalidBaseUrl { url, reason } => {
                format!("The server address \"{url}\" cannot be used: {reason}.")
            }
        }
    }
}

/// What an HTTP error means, before the server's own words.
fn http_summary(error: &HttpError) -> String {
    if let Some(field) = error.field_refs().first() {
        let (what, plural) = match field.group {
            GroupType::Queues => ("Queue", "queues"),
            _ => ("Colleague", "colleagues"),
        };
        return format!(
            "{what} #{} in the selected {plural} no longer exists or is not available to this \
             employee's company. Remove it and try again.",
            field.index + 1
        );
    }
    match error.status {
        400 => "The server could not understand the request.".to_owned(),
        403 => "Your access level does not allow this.".to_owned(),
        404 => "It was not found; it may have been removed.".to_owned(),
        409 => "This conflicts with the current state on the server.".to_owned(),
        422 => "The server did not accept the values sent.".to_owned(),
        500..=599 => "The server had a problem handling this. Try again shortly.".to_owned(),
        _ => "The server refused the request.".to_owned(),
    }
}

/// Appends the server's message, code and HTTP status.
fn with_reference(summary: &str, error: &HttpError) -> String {
    let message = error.message();
    let said = if message.is_empty() || message == "<Unspecified>" {
        String::new()
    } else {
        format!(" The server said: \"{message}\".")
    };
    format!("{summary}{said} (HTTP {} · {})", error.status, error.code())
}

/// Which second factor an error from login asks for, if any. Tolerant by design: the API does
/// not document the signal, so any error naming `smsKey`/`authenticatorToken` (code or path),
/// or whose message speaks of an SMS or authenticator code, counts.
fn second_factor_asked(error: &HttpError) -> Option<SecondFactor> {
    if error.mentions("smsKey") {
        return Some(SecondFactor::Sms);
    }
    if error.mentions("authenticatorToken") {
        return Some(SecondFactor::Authenticator);
    }
    let message = error.message().to_ascii_lowercase();
    if message.contains("sms") {
        Some(SecondFactor::Sms)
    } else if message.contains("authenticator") || message.contains("two-factor") || message.contains("2fa") {
        Some(SecondFactor::Authenticator)
    } else {
        None
    }
}

/// Reads `{"error":{…}}`, `{"error":[…]}`, `{"errors":[…]}`, `[{…}, …]` or a bare `{code, message}`.
fn parse_error_body(body: &[u8]) -> Option<Vec<ErrorDetail>> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let candidates = match &value {
        Value::Object(map) => match map.get("error").or_else(|| map.get("errors")) {
            Some(inner) => inner.clone(),
            None if map.contains_key("code") || map.contains_key("message") => value.clone(),
            None => return None,
        },
        Value::Array(_) => value.clone(),
        _ => return None,
    };
    let details: Vec<ErrorDetail> = match candidates {
        Value::Array(list) => list
            .into_iter()
            .filter_map(|item| match item {
                // An array may wrap each error as {"error": {...}}.
                Value::Object(mut map) if map.contains_key("error") => map.remove("error"),
                other => Some(other),
            })
            .filter_map(|item| serde_json::from_value(item).ok())
            .collect(),
        Value::Object(_) => vec![serde_json::from_value(candidates).ok()?],
        Value::String(message) => vec![ErrorDetail {
            message,
            ..ErrorDetail::default()
        }],
        _ => return None,
    };
    (!details.is_empty()).then_some(details)
}

/// The first [`SNIPPET_BYTES`] of a body as readable text, whitespace collapsed.
fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(&body[..body.len().min(SNIPPET_BYTES)]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(status: u16, body: &str) -> ApiError {
        ApiError::from_error_response(status, body.as_bytes())
    }

    #[test]
    fn single_error_object() {
        let error = parse(
            404,
            r#"{"error":{"message":"Object not found","code":"not_found","status":404}}"#,
        );
        let ApiError::Http(http) = &error else {
            panic!("expected Http, got {error:?}")
        };
        assert_eq!(
            (http.status, http.code(), http.message()),
            (404, "not_found", "Object not found")
        );
        assert!(error.user_message().contains("HTTP 404 · not_found"));
    }

    #[test]
    fn array_forms_keep_every_error() {
        for body in [
            r#"{"error":[{"code":"a","message":"A"},{"code":"b","message":"B"}]}"#,
            r#"[{"code":"a","message":"A"},{"code":"b","message":"B"}]"#,
            r#"{"errors":[{"error":{"code":"a","message":"A"}},{"code":"b","message":"B"}]}"#,
        ] {
            let error = parse(422, body);
            assert_eq!(error.http().map(|h| h.errors.len()), Some(2), "{body}");
        }
    }

    #[test]
    fn the_401_family_means_sign_in_again() {
        for (code, message) in [
            ("expired", "Session has expired, please login"),
            ("credentials_invalid", "Authorization required, please login"),
            (
                "format_error",
                "Authorization header format is Authorization: Bearer <token>",
            ),
            ("invalid_token", "Undecipherable"),
        ] {
            let body = format!(r#"{{"error":{{"code":"{code}","message":"{message}","status":401}}}}"#);
            assert!(matches!(parse(401, &body), ApiError::SignInRequired(_)), "{code}");
        }
    }

    #[test]
    fn html_and_garbage_bodies_quote_the_start() {
        let html = format!(
            "<html><head><title>502 Bad Gateway</title></head>{}</html>",
            "x".repeat(500)
        );
        let ApiError::UnexpectedBody { status, snippet } = parse(502, &html) else {
            panic!()
        };
        assert_eq!(status, 502);
        assert!(snippet.starts_with("<html><head><title>502 Bad Gateway"));
        assert!(snippet.len() <= SNIPPET_BYTES);
        assert!(matches!(
            parse(500, "{\"unrelated\":1}"),
            ApiError::UnexpectedBody { .. }
        ));
        // A multi-byte character cut in half must not panic.
        assert!(matches!(
            parse(500, &"ø".repeat(300)),
            ApiError::UnexpectedBody { .. }
        ));
    }

    #[test]
    fn field_errors_point_at_group_and_index() {
        let queue = parse(
            404,
            r#"{"error":{"code":"items[2]._id","message":"Queue not found"}}"#,
        );
        assert_eq!(
            queue.field_refs(),
            vec![FieldRef {
                group: GroupType::Queues,
                index: 2
            }]
        );
        assert!(queue.user_message().starts_with("Queue #3"));
        let colleague = parse(
            404,
            r#"{"error":{"code":"items[0].extensions","message":"One or more employees or extensions were not found"}}"#,
        );
        assert_eq!(
            colleague.field_refs(),
            vec![FieldRef {
                group: GroupType::Colleagues,
                index: 0
            }]
        );
        assert!(
            parse(404, r#"{"error":{"code":"group","message":"Group not found"}}"#)
                .field_refs()
                .is_empty()
        );
        assert!(parse_field_ref("items[x]._id").is_none());
    }

    #[test]
    fn login_errors_detect_second_factor_tolerantly() {
        let sms = parse(
            401,
            r#"{"error":{"code":"smsKey","message":"SMS code required"}}"#,
        )
        .into_login_error();
        assert!(matches!(
            sms,
            ApiError::SecondFactorRequired {
                factor: SecondFactor::Sms,
                ..
            }
        ));
        let other = parse(
            403,
            r#"{"error":{"code":"x","message":"Two-factor authentication needed"}}"#,
        )
        .into_login_error();
        assert!(matches!(
            other,
            ApiError::SecondFactorRequired {
                factor: SecondFactor::Authenticator,
                ..
            }
        ));
        let wrong = parse(
            401,
            r#"{"error":{"code":"credentials_invalid","message":"Invalid username or password"}}"#,
        )
        .into_login_error();
        assert!(matches!(wrong, ApiError::CredentialsRejected(_)));
    }

    #[test]
    fn retryable_only_for_transport_and_5xx() {
        assert!(ApiError::Timeout.is_retryable());
        assert!(parse(503, "<html/>").is_retryable());
        assert!(
            !parse(
                403,
                r#"{"error":{"code":"access_denied","message":"Insufficient access level"}}"#
            )
            .is_retryable()
        );
    }
}
