//! Secrets in the OS keyring, behind store / read / delete. Nothing else in the app knows which
//! backend is used. A missing entry reads as `None`; deleting twice is fine.

use std::sync::Arc;

use keyring_core::{CredentialStore, Entry, Error};

/// The keyring service name all of this app's entries are filed under.
pub const SERVICE: &str = "dk.telecomx.mobileconfig-admin";

/// A keyring failure.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    /// There is no usable keyring (no Secret Service running, a locked collection, a headless box).
    #[error("no keyring is available on this computer ({0})")]
    Unavailable(String),
    /// The keyring answered with an error.
    #[error("the keyring refused the request ({0})")]
    Failed(String),
}

/// A handle on a credential store. Cheap to clone; clones share the store.
#[derive(Clone)]
pub struct SecretStore {
    backend: Result<Arc<CredentialStore>, String>,
}

impl std::fmt::Debug for SecretStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.backend {
            Ok(store) => write!(f, "SecretStore({})", store.vendor()),
            Err(reason) => write!(f, "SecretStore(unavailable: {reason})"),
        }
    }
}

impl SecretStore {
    /// The platform's keyring, as the `keyring` crate chooses it.
    pub fn os() -> Self {
        let backend = match keyring::Entry::store_status() {
            Ok(()) => {
                keyring_core::get_default_store().ok_or_else(|| "no default credential store".to_owned())
            }
            Err(error) => Err(error.to_string()),
        };
        Self { backend }
    }

    /// An in-memory store (keyring-core's mock): for tests, never the developer's keyring.
    pub fn in_memory() -> Self {
        let backend = keyring_core::mock::Store::new()
            .map(|store| store as Arc<CredentialStore>)
            .map_err(|error| error.to_string());
        Self { backend }
    }

    /// A store that is never available (to exercise the no-keyring path).
    pub fn unavailable(reason: &str) -> Self {
        Self {
            backend: Err(reason.to_owned()),
        }
    }

    /// Saves `secret` for `account`, replacing any earlier one.
    pub fn store(&self, account: &str, secret: &str) -> Result<(), SecretError> {
        self.entry(account)?.set_password(secret).map_err(classify)
    }

    /// The secret saved for `account`, or `None`.
    pub fn read(&self, account: &str) -> Result<Option<String>, SecretError> {
        match self.entry(account)?.get_password() {
            Ok(secret) => Ok(Some(secret)),
            Err(Error::NoEntry) => Ok(None),
            Err(error) => Err(classify(error)),
        }
    }

    /// Forgets the secret for `account`; forgetting what is not there succeeds.
    pub fn delete(&self, account: &str) -> Result<(), SecretError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(Error::NoEntry) => Ok(()),
            Err(error) => Err(classify(error)),
        }
    }

    fn entry(&self, account: &str) -> Result<Entry, SecretError> {
        let store = self
            .backend
            .as_ref()
            .map_err(|reason| SecretError::Unavailable(reason.clone()))?;
        Entry::new_in_store(store, SERVICE, account).map_err(classify)
    }
}

fn classify(error: Error) -> SecretError {
    match error {
        Error::NoStorageAccess(_) | Error::PlatformFailure(_) | Error::NoDefaultStore => {
            SecretError::Unavailable(error.to_string())
        }
        other => SecretError::Failed(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_read_overwrite_and_delete_twice() {
        let secrets = SecretStore::in_memory();
        assert_eq!(secrets.read("a@b.dk"), Ok(None));
        secrets.store("a@b.dk", "first").unwrap();
        assert_eq!(secrets.read("a@b.dk"), Ok(Some("first".into())));
        secrets.store("a@b.dk", "second").unwrap();
        assert_eq!(
            secrets.clone().read("a@b.dk"),
            Ok(Some("second".into())),
            "a clone sees it"
        );
        assert_eq!(secrets.read("other@b.dk"), Ok(None), "entries are per account");
        secrets.delete("a@b.dk").unwrap();
        secrets.delete("a@b.dk").unwrap();
        assert_eq!(secrets.read("a@b.dk"), Ok(None));
    }

    #[test]
    fn an_injected_backend_failure_is_reported() {
        let secrets = SecretStore::in_memory();
        secrets.store("a@b.dk", "token").unwrap();
        let Ok(store) = &secrets.backend else {
            panic!("mock store")
        };
        let entry = Entry::new_in_store(store, SERVICE, "a@b.dk").unwrap();
        let mock: &keyring_core::mock::Cred = entry.as_any().downcast_ref().unwrap();
        mock.set_error(Error::NoStorageAccess("locked collection".into()));
        assert!(matches!(secrets.read("a@b.dk"), Err(SecretError::Unavailable(_))));
        mock.set_error(Error::Invalid("attribute".into(), "bad".into()));
        assert!(matches!(
            secrets.store("a@b.dk", "x"),
            Err(SecretError::Failed(_))
        ));
        assert_eq!(
            secrets.read("a@b.dk"),
            Ok(Some("token".into())),
            "failures changed nothing"
        );
    }

    #[test]
    fn an_unavailable_store_says_so() {
        let secrets = SecretStore::unavailable("no D-Bus");
        assert_eq!(
            secrets.read("a"),
            Err(SecretError::Unavailable("no D-Bus".into()))
        );
        assert!(secrets.store("a", "b").is_err());
    }
}
