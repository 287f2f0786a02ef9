//! "Stay signed in": the token goes to the OS keyring after a `persist` sign-in, is checked with
//! `validateToken` at start, and is removed at sign-out or when the server no longer accepts it.
//! Keyring calls run on blocking threads: a D-Bus call may stall and must not freeze the UI.

use crate::api::{ApiError, Identity, Token};
use crate::secrets::SecretError;

use super::connection::Connection;
use super::{AdminApp, Command};

/// What checking the saved session found.
pub(super) enum Restore {
    /// No token was saved.
    Nothing,
    /// The saved token is valid.
    Restored {
        token: Token,
        identity: Identity,
        username: String,
    },
    /// The server no longer accepts the saved token; its keyring entry was removed.
    Ended { username: String },
    /// The keyring could not be read.
    KeyringUnavailable(SecretError),
    /// The check could not be made (network); the saved token is kept for next time.
    CheckFailed(ApiError),
}

/// The keyring account under which a user's token on a server is saved.
pub fn account(connection: &Connection, username: &str) -> String {
    format!("{} {}", connection.key(), username.trim().to_lowercase())
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| ApiError::Internal {
            detail: format!("keyring task failed: {error}"),
        })
}

impl AdminApp {
    /// Starts checking the last user's saved session, if they chose to stay signed in.
    /// The demo server starts afresh every run, so its sessions are never saved.
    pub(super) fn restore_session(&mut self) {
        let preferences = &self.preferences;
        if !preferences.stay_signed_in
            || preferences.last_username.is_empty()
            || self.link.connection == Connection::Demo
        {
            return;
        }
        let Ok(client) = self.link.client.clone() else {
            return;
        };
        let secrets = self.secrets.clone();
        let username = preferences.last_username.clone();
        let account = account(&self.link.connection, &username);
        self.tasks.restore = Some(self.runner.spawn((), async move {
            let (reader, key) = (secrets.clone(), account.clone());
            let token = match blocking(move || reader.read(&key)).await? {
                Ok(Some(token)) => Token::new(token),
                Ok(None) => return Ok(Restore::Nothing),
                Err(error) => return Ok(Restore::KeyringUnavailable(error)),
            };
            match client.with_token(token.clone()).validate_token().await {
                Ok(info) => Ok(Restore::Restored {
                    token,
                    identity: info.identity,
                    username,
                }),
                Err(ApiError::SignInRequired(_)) => {
                    // A dead token is removed; if the keyring refuses, the next check finds it dead again.
                    blocking(move || secrets.delete(&account)).await?.ok();
                    Ok(Restore::Ended { username })
                }
                Err(error) => Ok(Restore::CheckFailed(error)),
            }
        }));
    }

    /// Applies what the check found.
    pub(super) fn restored(&mut self, result: Result<Restore, ApiError>) {
        match result {
            Ok(Restore::Nothing) => {}
            Ok(Restore::Restored {
                token,
                identity,
                username,
            }) => {
                if self.session.is_none()
                    && let Ok(client) = &self.link.client
                {
                    let client = client.with_token(token);
                    self.start_session(client, identity, username, true);
                }
            }
            Ok(Restore::Ended { username }) => {
                self.sign_in.username = username;
                self.notice = Some("Your session has ended. Sign in again to continue.".to_owned());
            }
            Ok(Restore::KeyringUnavailable(error)) => self.warn_about_keyring(&error),
            Ok(Restore::CheckFailed(error)) | Err(error) => {
                self.notice = Some(format!(
                    "Your saved session could not be checked: {}",
                    error.user_message()
                ));
            }
        }
    }

    /// After a sign-in: saves the token for "stay signed in", or removes an older saved one.
    pub(super) fn remember_token(&mut self, username: &str, token: &Token, persist: bool) {
        let secrets = self.secrets.clone();
        let account = account(&self.link.connection, username);
        let token = token.expose().to_owned();
        let keep = persist && self.link.connection != Connection::Demo;
        self.tasks.remember = Some(self.runner.spawn(keep, async move {
            blocking(move || {
                if keep {
                    secrets.store(&account, &token)
                } else {
                    secrets.delete(&account)
                }
            })
            .await
        }));
        if let Some(session) = &mut self.session {
            session.remembered = false;
        }
    }

    /// Applies the result of saving (`saved`) or removing the token. Only a failed save is worth
    /// a word: removing an old token from a keyring that is not there changes nothing.
    pub(super) fn remembered(&mut self, saved: bool, result: Result<Result<(), SecretError>, ApiError>) {
        match result {
            Ok(Ok(())) => {
                if let Some(session) = &mut self.session {
                    session.remembered = saved;
                }
            }
            Ok(Err(error)) if saved => self.warn_about_keyring(&error),
            Err(error) if saved => self.banner = Some(error.user_message()),
            Ok(Err(_)) | Err(_) => {}
        }
    }

    /// At sign-out: removes the saved token (in the background; failures are harmless, the
    /// server has ended the session anyway).
    pub(super) fn forget_token(&mut self, username: &str) {
        let secrets = self.secrets.clone();
        let account = account(&self.link.connection, username);
        self.runner.spawn((), async move {
            blocking(move || secrets.delete(&account).ok()).await
        });
        self.preferences.stay_signed_in = false;
    }

    /// Says once per run, clearly, that sessions cannot be remembered on this computer.
    fn warn_about_keyring(&mut self, error: &SecretError) {
        if std::mem::replace(&mut self.keyring_warned, true) {
            return;
        }
        self.banner = Some(format!(
            "Your session will not be remembered: {error}. You stay signed in until you close the \
             app; the token is kept in memory only, never written to a file."
        ));
    }

    /// Restores the last customer for reseller staff, if there is one.
    pub(super) fn last_customer_command(&self, username: &str) -> Option<Command> {
        let key = account(&self.link.connection, username);
        self.preferences
            .last_customers
            .get(&key)
            .map(|saved| Command::SelectCustomer {
                id: saved.id.clone(),
                name: saved.name.clone(),
            })
    }
}
