//! TelecomX object ids: 24 hexadecimal characters (MongoDB ObjectIds).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A validated TelecomX id, always stored in lower case so that comparisons are
/// case-insensitive (the API documents both cases in its examples).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(String);

/// A string that is not a TelecomX id; returned before any request is sent.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{value:?} is not a valid TelecomX id (expected 24 hexadecimal characters)")]
pub struct InvalidId {
    /// The rejected text, shortened so a pasted document cannot flood a message.
    pub value: String,
}

/// Length of every TelecomX id.
pub const ID_LEN: usize = 24;

impl Id {
    /// Validates `text` (`^[0-9a-fA-F]{24}$`) and normalises it to lower case.
    pub fn parse(text: &str) -> Result<Self, InvalidId> {
        if Self::is_valid(text) {
            Ok(Self(text.to_ascii_lowercase()))
        } else {
            Err(InvalidId {
                value: text.chars().take(40).collect(),
            })
        }
    }

    /// Whether `text` has the shape of an id, without allocating.
    pub fn is_valid(text: &str) -> bool {
        text.len() == ID_LEN && text.bytes().all(|b| b.is_ascii_hexdigit())
    }

    /// Builds an id from 12 raw bytes (used by the stand-in server to mint ids).
    pub fn from_bytes(bytes: [u8; 12]) -> Self {
        use fmt::Write as _;
        let mut text = String::with_capacity(ID_LEN);
        for byte in bytes {
            // Writing to a String cannot fail.
            write!(text, "{byte:02x}").ok();
        }
        Self(text)
    }

    /// The lower-case hexadecimal form sent on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Id({})", self.0)
    }
}

impl FromStr for Id {
    type Err = InvalidId;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for Id {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_24_hex_and_lowercases() {
        let id = Id::parse("52F4FD7734697B28CCAF77EC").unwrap();
        assert_eq!(id.as_str(), "52f4fd7734697b28ccaf77ec");
        assert_eq!(id, Id::parse("52f4fd7734697b28ccaf77ec").unwrap());
    }

    #[test]
    fn rejects_wrong_length_and_non_hex() {
        // Malformed ids copied from the wiki's own examples.
        for bad in [
            "1234567890ABCDEF1234578",
            "123458789012457890ABCD",
            "12345678901234567890ABCG",
            "",
            "52f4fd7734697b28ccaf77ec0",
        ] {
            assert!(Id::parse(bad).is_err(), "{bad:?} must be rejected");
        }
    }

    #[test]
    fn deserializes_only_valid_ids() {
        let id: Id = serde_json::from_str("\"AAAAAAAAAAAAAAAAAAAAAAAA\"").unwrap();
        assert_eq!(id.as_str(), "aaaaaaaaaaaaaaaaaaaaaaaa");
        assert!(serde_json::from_str::<Id>("\"nope\"").is_err());
    }

    #[test]
    fn from_bytes_round_trips() {
        let id = Id::from_bytes([0xab; 12]);
        assert_eq!(id, Id::parse(id.as_str()).unwrap());
    }
}
