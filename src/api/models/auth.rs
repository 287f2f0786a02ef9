//! Sign-in, token validation and access levels.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use crate::api::Id;

string_enum! {
    /// An employee's access level; the documented order is a hierarchy (see [`AccessLevel::rank`]).
    pub enum AccessLevel {
        /// A record that cannot sign in.
        NoLogin = "NO_LOGIN",
        /// Own data only.
        Personal = "PERSONAL",
        /// Reads the whole own customer.
        Viewer = "VIEWER",
        /// Administers the own customer.
        Manager = "MANAGER",
        /// Owns the customer account.
        Owner = "OWNER",
        /// Reseller staff: the reseller's customers.
        Reseller = "RESELLER",
        /// Wider reseller staff level.
        ResellerAdmin = "RESELLER_ADMIN",
        /// TelecomX staff: everything.
        Admin = "ADMIN",
    }
}

impl AccessLevel {
    /// Position in the documented hierarchy; unknown levels rank lowest (no assumed rights).
    pub fn rank(&self) -> u8 {
        match self {
            Self::Other(_) | Self::NoLogin => 0,
            Self::Personal => 1,
            Self::Viewer => 2,
            Self::Manager => 3,
            Self::Owner => 4,
            Self::Reseller => 5,
            Self::ResellerAdmin => 6,
            Self::Admin => 7,
        }
    }

    /// Whether this level is at least `minimum`.
    pub fn at_least(&self, minimum: &Self) -> bool {
        self.rank() >= minimum.rank()
    }

    /// Reseller staff and admins work across customers and pick one first.
    pub fn works_across_customers(&self) -> bool {
        self.at_least(&Self::Reseller)
    }
}

/// An access token. Its `Debug` output is redacted so it cannot leak into logs.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Token(String);

impl Token {
    /// Wraps a token received from the server or the OS keyring.
    pub fn new(token: impl Into<String>) -> Self {
        Self(token.into())
    }

    /// The secret itself, for the `Authorization` header or the keyring only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Body of `POST /auth/login`. Optional fields are omitted when unset.
#[derive(Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginRequest {
    /// The e-mail address the employee signs in with.
    pub username: String,
    /// The password; never stored by this app.
    pub password: String,
    /// The SMS code, when the account uses SMS two-factor.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sms_key: Option<String>,
    /// The authenticator (TOTP) code, when the account uses an authenticator app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authenticator_token: Option<String>,
    /// Ask for a token that lives until sign-out ("stay signed in").
    pub persist: bool,
}

impl LoginRequest {
    /// Whether this request already carries a code for `factor`.
    pub fn has_code_for(&self, factor: SecondFactor) -> bool {
        let code = match factor {
            SecondFactor::Sms => &self.sms_key,
            SecondFactor::Authenticator => &self.authenticator_token,
        };
        code.as_deref().is_some_and(|c| !c.trim().is_empty())
    }
}

impl fmt::Debug for LoginRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginRequest")
            .field("username", &self.username)
            .field("password", &"<redacted>")
            .field("persist", &self.persist)
            .finish_non_exhaustive()
    }
}

/// Successful answer of `POST /auth/login`.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct LoginResponse {
    /// Token for every later request.
    pub token: Token,
    /// Lifetime in minutes; `-1` for a persisted token.
    #[serde(default)]
    pub expires_in_minutes: Option<i64>,
    /// Who signed in, and where.
    #[serde(flatten)]
    pub identity: Identity,
}

/// Who a token belongs to: returned by login and by `validateToken?extend=true`.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Identity {
    /// The signed-in employee.
    pub employee: Id,
    /// That employee's customer.
    pub customer: Id,
    /// The employee's access level.
    pub access_level: AccessLevel,
    /// Display name of the employee.
    #[serde(default)]
    pub name: Option<String>,
    /// `da` or `en`.
    #[serde(default)]
    pub language: Option<String>,
    /// Display name of the customer.
    #[serde(default)]
    pub customer_name: Option<String>,
    /// Products the customer has (`PBX`, `MVNO`, …).
    #[serde(default)]
    pub customer_features: Vec<String>,
}

/// Answer of `GET /auth/validateToken?extend=true`.
#[derive(Clone, Debug, Deserialize)]
pub struct TokenInfo {
    /// Whether the token is valid.
    pub success: bool,
    /// Who the token belongs to.
    #[serde(flatten)]
    pub identity: Identity,
}

/// Which second factor the server asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondFactor {
    /// A code sent by SMS (`smsKey`).
    Sms,
    /// A code from an authenticator app (`authenticatorToken`).
    Authenticator,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_levels_are_ordered_and_unknown_is_lowest() {
        assert!(AccessLevel::Admin.at_least(&AccessLevel::Reseller));
        assert!(!AccessLevel::Personal.at_least(&AccessLevel::Viewer));
        let unknown = AccessLevel::from("SUPERUSER");
        assert_eq!(unknown.as_str(), "SUPERUSER");
        assert!(!unknown.at_least(&AccessLevel::Personal));
    }

    #[test]
    fn login_request_omits_unset_factors_and_hides_password() {
        let request = LoginRequest {
            username: "a@b.dk".into(),
            password: "secret".into(),
            ..LoginRequest::default()
        };
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"username": "a@b.dk", "password": "secret", "persist": false})
        );
        assert!(!format!("{request:?}").contains("secret"));
        assert!(!format!("{:?}", Token::new("abc")).contains("abc"));
    }
}
