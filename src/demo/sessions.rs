//! Tokens the stand-in has issued, their lifetime and their invalidation.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use crate::api::Id;

use super::error::{DemoError, pairs};

/// Lifetime of a token from a login without `persist`.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(15 * 60);

/// Length of a token: 32 random bytes as hex.
const TOKEN_LEN: usize = 64;

#[derive(Clone, Debug)]
struct Session {
    employee: Id,
    issued_at: SystemTime,
    persist: bool,
}

/// Issued tokens. Lifetimes are fixed from issue (not sliding): the docs do not say, and a
/// fixed lifetime exercises the client's expiry handling.
#[derive(Debug, Default)]
pub struct Sessions {
    by_token: HashMap<String, Session>,
}

impl Sessions {
    /// Issues a new random token for `employee`.
    pub fn issue(&mut self, employee: Id, now: SystemTime, persist: bool) -> Result<String, DemoError> {
        let mut bytes = [0u8; TOKEN_LEN / 2];
        getrandom::fill(&mut bytes).map_err(|_| DemoError::from_pair(pairs::INTERNAL))?;
        let token: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        self.by_token.insert(
            token.clone(),
            Session {
                employee,
                issued_at: now,
                persist,
            },
        );
        Ok(token)
    }

    /// The employee a token belongs to, or the documented 401 for why it is refused.
    pub fn check(&mut self, token: &str, now: SystemTime) -> Result<Id, DemoError> {
        if token.len() != TOKEN_LEN || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(pairs::UNDECIPHERABLE.into());
        }
        let session = self
            .by_token
            .get(token)
            .ok_or(DemoError::from_pair(pairs::PLEASE_LOGIN))?;
        let age = now.duration_since(session.issued_at).unwrap_or_default();
        if !session.persist && age >= SESSION_LIFETIME {
            self.by_token.remove(token);
            return Err(pairs::EXPIRED.into());
        }
        Ok(session.employee.clone())
    }

    /// Lifetime to report at login: 15 minutes, or -1 for a persisted token.
    pub fn expires_in_minutes(persist: bool) -> i64 {
        if persist { -1 } else { 15 }
    }

    /// Ends every session of `employee` (logout).
    pub fn end_all_of(&mut self, employee: &Id) {
        self.by_token.retain(|_, session| &session.employee != employee);
    }
}
