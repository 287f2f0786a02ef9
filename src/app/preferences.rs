//! Preferences kept between runs in eframe's storage: never a token or a password.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::api::Id;

use super::connection::Connection;

/// The storage key of the preferences.
pub const KEY: &str = "mobileconfig-admin.preferences";

/// What the app remembers. `#[serde(default)]`: files from older versions still load.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Preferences {
    /// The last connection used.
    pub connection: Option<Connection>,
    /// The last custom server address typed.
    pub custom_url: String,
    /// The last username that signed in.
    pub last_username: String,
    /// Whether that user chose "stay signed in" (their token is then in the OS keyring).
    pub stay_signed_in: bool,
    /// The last customer per connection and user (reseller staff).
    pub last_customers: BTreeMap<String, SavedCustomer>,
    /// Light, dark or following the system.
    pub theme: egui::ThemePreference,
    /// Whether the activity log is open.
    pub show_log: bool,
}

/// A remembered customer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SavedCustomer {
    /// Customer id.
    pub id: Id,
    /// Company name.
    pub name: String,
}

/// Reads the preferences. A value that cannot be read is reported (the defaults are used
/// meanwhile), never silently reset.
pub fn load(storage: Option<&dyn eframe::Storage>) -> (Preferences, Option<String>) {
    let Some(text) = storage.and_then(|s| s.get_string(KEY)) else {
        return (Preferences::default(), None);
    };
    match ron::from_str(&text) {
        Ok(preferences) => (preferences, None),
        Err(error) => (
            Preferences::default(),
            Some(format!(
                "Your saved preferences could not be read ({error}); the defaults are used, and they \
                 will be saved over the unreadable ones when the app closes."
            )),
        ),
    }
}

/// Writes the preferences.
pub fn save(storage: &mut dyn eframe::Storage, preferences: &Preferences) {
    // Serialising plain data cannot fail; if it ever did, the old value would be kept.
    if let Ok(text) = ron::to_string(preferences) {
        storage.set_string(KEY, text);
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use eframe::Storage as _;

    use super::*;

    #[derive(Default)]
    struct MemoryStorage(HashMap<String, String>);

    impl eframe::Storage for MemoryStorage {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }

        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_owned(), value);
        }

        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }

        fn flush(&mut self) {}
    }

    #[test]
    fn round_trips_and_old_files_still_load() {
        let mut storage = MemoryStorage::default();
        let preferences = Preferences {
            connection: Some(Connection::Custom("https://example.dk".into())),
            last_username: "a@b.dk".into(),
            stay_signed_in: true,
            ..Preferences::default()
        };
        save(&mut storage, &preferences);
        assert_eq!(load(Some(&storage)), (preferences, None));

        // A file written before most fields existed.
        storage.set_string(KEY, "(last_username: \"old@b.dk\")".into());
        let (old, problem) = load(Some(&storage));
        assert_eq!(
            (old.last_username.as_str(), old.stay_signed_in, problem),
            ("old@b.dk", false, None)
        );
    }

    #[test]
    fn an_unreadable_file_is_reported() {
        let mut storage = MemoryStorage::default();
        storage.set_string(KEY, "{ not ron".into());
        let (preferences, problem) = load(Some(&storage));
        assert_eq!(preferences, Preferences::default());
        assert!(problem.is_some_and(|p| p.contains("could not be read")));
        assert_eq!(load(None), (Preferences::default(), None));
    }
}
