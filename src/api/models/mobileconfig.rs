//! Mobile configs: which colleagues and queues an employee's Communicator app shows.

use serde::{Deserialize, Serialize};

use super::string_enum::string_enum;
use crate::api::Id;

string_enum! {
    /// A section of a mobile config.
    pub enum GroupType {
        /// Colleagues shown in the app.
        Colleagues = "COLLEAGUES",
        /// Queues shown in the app.
        Queues = "QUEUES",
    }
}

/// An entry of a section: a colleague or a queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Id of the referenced employee or queue.
    #[serde(rename = "_id")]
    pub id: Id,
    /// Display name (filled in by the server).
    #[serde(default)]
    pub name: String,
}

/// One section of a mobile config.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct ConfigGroup {
    /// Section type; unknown types are kept.
    #[serde(rename = "type")]
    pub group_type: GroupType,
    /// Entries chosen for the app, in display order.
    #[serde(default)]
    pub items: Vec<Item>,
    /// The customer's remaining colleagues or queues, computed by the server; read-only.
    #[serde(default)]
    pub others: Vec<Item>,
}

/// A mobile config; its id is the id of the employee it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct MobileConfig {
    /// Config id, equal to the employee id.
    #[serde(rename = "_id")]
    pub id: Id,
    /// The employee's customer.
    pub customer: Id,
    /// The sections.
    #[serde(default)]
    pub configs: Vec<ConfigGroup>,
}

impl MobileConfig {
    /// The section of the given type, if present.
    pub fn group(&self, group_type: &GroupType) -> Option<&ConfigGroup> {
        self.configs.iter().find(|group| &group.group_type == group_type)
    }

    /// Ids of the items of one section, in order (empty if the section is absent).
    pub fn item_ids(&self, group_type: &GroupType) -> Vec<Id> {
        self.group(group_type)
            .map(|group| group.items.iter().map(|item| item.id.clone()).collect())
            .unwrap_or_default()
    }
}

/// What the app sends to create a config or replace its items.
///
/// Working hypothesis (undocumented by TelecomX, see `ARCHITECTURE.md`): the create call
/// accepts `{"configs":[{"type":"COLLEAGUES","items":[{"_id":…}]},{"type":"QUEUES",…}]}`;
/// `items` order is the display order; `others` is computed by the server and never sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConfigSelection {
    /// Colleague (employee) ids, in display order.
    pub colleagues: Vec<Id>,
    /// Queue ids, in display order.
    pub queues: Vec<Id>,
}

/// Wire form of [`ConfigSelection`].
#[derive(Serialize)]
pub(crate) struct SelectionBody<'a> {
    configs: [SelectionGroup<'a>; 2],
}

#[derive(Serialize)]
struct SelectionGroup<'a> {
    #[serde(rename = "type")]
    group_type: &'static str,
    items: Vec<ItemRef<'a>>,
}

#[derive(Serialize)]
struct ItemRef<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
}

impl<'a> From<&'a ConfigSelection> for SelectionBody<'a> {
    fn from(selection: &'a ConfigSelection) -> Self {
        let refs = |ids: &'a [Id]| ids.iter().map(|id| ItemRef { id }).collect();
        Self {
            configs: [
                SelectionGroup {
                    group_type: "COLLEAGUES",
                    items: refs(&selection.colleagues),
                },
                SelectionGroup {
                    group_type: "QUEUES",
                    items: refs(&selection.queues),
                },
            ],
        }
    }
}

/// Body of the copy call.
#[derive(Serialize)]
pub(crate) struct CopyBody<'a> {
    #[serde(rename = "_id")]
    pub(crate) from: &'a Id,
    #[serde(rename = "copyTo")]
    pub(crate) to: &'a Id,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> Id {
        Id::from_bytes([n; 12])
    }

    #[test]
    fn selection_body_sends_only_ids_in_order() {
        let selection = ConfigSelection {
            colleagues: vec![id(2), id(1)],
            queues: vec![id(3)],
        };
        let json = serde_json::to_value(SelectionBody::from(&selection)).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"configs": [
                {"type": "COLLEAGUES", "items": [{"_id": id(2).as_str()}, {"_id": id(1).as_str()}]},
                {"type": "QUEUES", "items": [{"_id": id(3).as_str()}]}
            ]})
        );
    }

    #[test]
    fn decoding_is_tolerant_of_unknown_types_fields_and_missing_others() {
        let json = serde_json::json!({
            "_id": "12345678901234567890ABCD",
            "customer": "12345678901234567890aaaa",
            "extra": {"anything": true},
            "configs": [
                {"type": "COLLEAGUES", "items": [{"_id": "12345678901234567890eeee", "name": "Joakim", "x": 1}]},
                {"type": "SHORTCUTS", "items": []}
            ]
        });
        let config: MobileConfig = serde_json::from_value(json).unwrap();
        assert_eq!(config.id.as_str(), "12345678901234567890abcd");
        assert_eq!(config.configs[1].group_type, GroupType::Other("SHORTCUTS".into()));
        assert!(config.configs[0].others.is_empty());
        assert_eq!(config.item_ids(&GroupType::Colleagues).len(), 1);
        assert!(config.item_ids(&GroupType::Queues).is_empty());
    }
}
