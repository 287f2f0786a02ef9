//! JSON shapes the stand-in sends, kept apart from the client's models so each side is
//! checked against the documentation on its own.

use serde::Serialize;
use serde_json::{Map, Value};

use crate::api::Id;

use super::access::Caller;
use super::error::{DemoError, DemoResult};
use super::store::{CustomerRecord, EmployeeRecord, QueueRecord, Store};

/// Who a token belongs to (login, validateToken).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityOut<'a> {
    /// Employee id.
    pub employee: &'a Id,
    /// Customer id.
    pub customer: &'a Id,
    /// Access level.
    pub access_level: &'a str,
    /// The extended fields (login always; validateToken with `extend=true`).
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub extended: Option<ExtendedIdentity<'a>>,
}

/// Names and features of a token's employee and customer.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ExtendedIdentity<'a> {
    /// Employee name.
    pub name: &'a str,
    /// Language.
    pub language: &'static str,
    /// Customer name.
    pub customer_name: &'a str,
    /// Customer features.
    pub customer_features: &'a [&'static str],
}

impl<'a> IdentityOut<'a> {
    /// The identity of `caller`.
    pub fn of(store: &'a Store, caller: &'a Caller) -> Option<Self> {
        let employee = store.employee(&caller.employee)?;
        let customer = store.customer(&caller.customer)?;
        Some(Self {
            employee: &employee.id,
            customer: &customer.id,
            access_level: employee.access_level.as_str(),
            extended: Some(ExtendedIdentity {
                name: &employee.name,
                language: "da",
                customer_name: &customer.name,
                customer_features: &customer.features,
            }),
        })
    }
}

/// A customer in `GET /customer`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerOut<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
    name: &'a str,
    parent_reseller: Option<&'a Id>,
    state: &'static str,
}

impl<'a> From<&'a CustomerRecord> for CustomerOut<'a> {
    fn from(customer: &'a CustomerRecord) -> Self {
        Self {
            id: &customer.id,
            name: &customer.name,
            parent_reseller: customer.parent_reseller.as_ref(),
            state: "ACTIVE",
        }
    }
}

/// An employee in `GET /employee`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EmployeeOut<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
    customer: &'a Id,
    name: &'a str,
    email_address: &'a str,
    access_level: &'a str,
    state: &'a str,
    title: &'a str,
    department: &'a str,
}

impl<'a> From<&'a EmployeeRecord> for EmployeeOut<'a> {
    fn from(employee: &'a EmployeeRecord) -> Self {
        Self {
            id: &employee.id,
            customer: &employee.customer,
            name: &employee.name,
            email_address: &employee.email,
            access_level: employee.access_level.as_str(),
            state: employee.state.as_str(),
            title: &employee.title,
            department: &employee.department,
        }
    }
}

/// A queue in `GET /pbx/dialplan`.
#[derive(Serialize)]
pub struct QueueOut<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
    #[serde(rename = "type")]
    item_type: &'static str,
    customer: &'a Id,
    name: &'a str,
    number: &'a str,
}

impl<'a> From<&'a QueueRecord> for QueueOut<'a> {
    fn from(queue: &'a QueueRecord) -> Self {
        Self {
            id: &queue.id,
            item_type: "QUEUE",
            customer: &queue.customer,
            name: &queue.name,
            number: &queue.number,
        }
    }
}

/// A validated page window.
#[derive(Clone, Copy, Debug)]
pub struct Window {
    /// First index.
    pub offset: usize,
    /// Page size.
    pub limit: usize,
}

impl Window {
    /// Validates `offset`/`limit` as sent, with the endpoint's default and maximum limit; out
    /// of range is a 422 naming the parameter.
    pub fn of(
        offset: Option<i64>,
        limit: Option<i64>,
        default_limit: usize,
        max_limit: usize,
    ) -> DemoResult<Self> {
        let offset = match offset {
            None => 0,
            Some(value) => usize::try_from(value)
                .map_err(|_| DemoError::invalid_param("offset", "offset must be 0 or more".to_owned()))?,
        };
        let limit = match limit {
            None => default_limit,
            Some(value) => usize::try_from(value)
                .ok()
                .filter(|limit| (1..=max_limit).contains(limit))
                .ok_or_else(|| {
                    DemoError::invalid_param("limit", format!("limit must be between 1 and {max_limit}"))
                })?,
        };
        Ok(Self { offset, limit })
    }
}

/// Builds `{offset, limit, total, <key>: [...]}` from every matching item, in order.
pub fn paged<'a, T, O>(window: Window, key: &str, matching: impl Iterator<Item = &'a T>) -> Value
where
    T: 'a,
    O: Serialize + From<&'a T>,
{
    let mut total = 0usize;
    let mut items = Vec::new();
    for item in matching {
        if total >= window.offset && items.len() < window.limit {
            items.push(serde_json::to_value(O::from(item)).unwrap_or(Value::Null));
        }
        total += 1;
    }
    let mut envelope = Map::new();
    envelope.insert("offset".into(), window.offset.into());
    envelope.insert("limit".into(), window.limit.into());
    envelope.insert("total".into(), total.into());
    envelope.insert(key.into(), Value::Array(items));
    Value::Object(envelope)
}

/// An extension in `GET /pbx/extension`: each demo employee has one, its primary.
#[derive(Serialize)]
pub struct ExtensionOut<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
    #[serde(rename = "type")]
    item_type: &'static str,
    customer: &'a Id,
    name: &'a str,
    number: &'a str,
    employee: &'a Id,
    primary: bool,
    direct: Option<&'a str>,
}

impl<'a> From<&'a EmployeeRecord> for ExtensionOut<'a> {
    fn from(employee: &'a EmployeeRecord) -> Self {
        Self {
            id: &employee.extension_id,
            item_type: "EXTENSION",
            customer: &employee.customer,
            name: &employee.name,
            number: &employee.number,
            employee: &employee.id,
            primary: true,
            direct: None,
        }
    }
}

/// An extension as listed inside an `/pbx/app/employees` record.
#[derive(Serialize)]
pub struct AppExtensionOut<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
    number: &'a str,
    primary: bool,
}

/// A colleague in `GET /pbx/app/employees`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AppEmployeeOut<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
    #[serde(rename = "type")]
    item_type: &'static str,
    name: &'a str,
    title: &'a str,
    department: &'a str,
    email_address: &'a str,
    extensions: [AppExtensionOut<'a>; 1],
}

impl<'a> From<&'a EmployeeRecord> for AppEmployeeOut<'a> {
    fn from(employee: &'a EmployeeRecord) -> Self {
        Self {
            id: &employee.id,
            item_type: "EMPLOYEE",
            name: &employee.name,
            title: &employee.title,
            department: &employee.department,
            email_address: &employee.email,
            extensions: [AppExtensionOut {
                id: &employee.extension_id,
                number: &employee.number,
                primary: true,
            }],
        }
    }
}

/// A queue in `GET /pbx/app/queues`.
#[derive(Serialize)]
pub struct AppQueueOut<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
    name: &'a str,
    number: &'a str,
    dynamic: bool,
    member: bool,
    members: u32,
    callers: u32,
}

impl<'a> From<&'a QueueRecord> for AppQueueOut<'a> {
    fn from(queue: &'a QueueRecord) -> Self {
        Self {
            id: &queue.id,
            name: &queue.name,
            number: &queue.number,
            dynamic: false,
            member: false,
            members: 0,
            callers: 0,
        }
    }
}
