//! `/pbx/app/mobileconfig`: create, get, list and copy.

use std::collections::HashSet;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse as _, Response};
use serde::{Deserialize, Serialize};

use crate::api::{AccessLevel, EmployeeState, Id};

use crate::demo::access::{Caller, ResellerReach};
use crate::demo::error::{DemoError, DemoResult, Pair, pairs};
use crate::demo::extract::{Auth, IdPath, JsonBody, OptionalJson, Params, parse_id, parse_optional_id};
use crate::demo::state::SharedState;
use crate::demo::store::{ConfigRecord, EmployeeRecord, Store};

#[derive(Serialize)]
struct ItemOut<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
    name: &'a str,
}

#[derive(Serialize)]
struct GroupOut<'a> {
    #[serde(rename = "type")]
    group_type: &'static str,
    items: Vec<ItemOut<'a>>,
    others: Vec<ItemOut<'a>>,
}

/// A mobile config as answered: stored items (dangling ones left out) plus computed `others`.
#[derive(Serialize)]
pub struct ConfigOut<'a> {
    #[serde(rename = "_id")]
    id: &'a Id,
    customer: &'a Id,
    configs: [GroupOut<'a>; 2],
}

impl<'a> ConfigOut<'a> {
    fn build(store: &'a Store, employee: &'a EmployeeRecord, record: &ConfigRecord) -> Self {
        let customer = store.customer(&employee.customer);
        let colleagues_of_customer = customer.map_or(&[][..], |c| &c.employees[..]);
        let queues_of_customer = customer.map_or(&[][..], |c| &c.queues[..]);

        let colleague_items: Vec<ItemOut<'a>> = record
            .colleagues
            .iter()
            .filter_map(|id| store.employee(id))
            .filter(|e| e.state != EmployeeState::Deleted && e.customer == employee.customer)
            .map(|e| ItemOut {
                id: &e.id,
                name: &e.name,
            })
            .collect();
        let chosen: HashSet<&Id> = colleague_items.iter().map(|i| i.id).collect();
        let colleague_others = colleagues_of_customer
            .iter()
            .map(|&i| &store.employees[i])
            .filter(|e| e.id != employee.id && e.state != EmployeeState::Deleted && !chosen.contains(&e.id))
            .map(|e| ItemOut {
                id: &e.id,
                name: &e.name,
            })
            .collect();

        let queue_items: Vec<ItemOut<'a>> = record
            .queues
            .iter()
            .filter_map(|id| store.queue(id))
            .filter(|q| q.customer == employee.customer)
            .map(|q| ItemOut {
                id: &q.id,
                name: &q.name,
            })
            .collect();
        let chosen: HashSet<&Id> = queue_items.iter().map(|i| i.id).collect();
        let queue_others = queues_of_customer
            .iter()
            .map(|&i| &store.queues[i])
            .filter(|q| !chosen.contains(&q.id))
            .map(|q| ItemOut {
                id: &q.id,
                name: &q.name,
            })
            .collect();

        Self {
            id: &employee.id,
            customer: &employee.customer,
            configs: [
                GroupOut {
                    group_type: "COLLEAGUES",
                    items: colleague_items,
                    others: colleague_others,
                },
                GroupOut {
                    group_type: "QUEUES",
                    items: queue_items,
                    others: queue_others,
                },
            ],
        }
    }
}

/// The employee behind a config id, if the caller may act on it.
fn reachable_employee<'a>(store: &'a Store, caller: &Caller, id: &Id) -> DemoResult<&'a EmployeeRecord> {
    let employee = store
        .employee(id)
        .filter(|e| e.state != EmployeeState::Deleted)
        .ok_or(DemoError::from_pair(pairs::NOT_FOUND))?;
    if caller.can_reach_employee(store, employee) {
        Ok(employee)
    } else {
        Err(pairs::ACCESS_DENIED.into())
    }
}

/// `GET /pbx/app/mobileconfig/{id}`.
pub async fn get_config(
    State(state): State<SharedState>,
    Auth(caller): Auth,
    IdPath(id): IdPath,
) -> DemoResult<Response> {
    let store = state.read();
    let employee = reachable_employee(&store, &caller, &id)?;
    if !store.configs.contains_key(&employee.id) {
        return Err(pairs::NOT_FOUND.into());
    }
    answer_config(&store, &id)
}

/// Body of create (working hypothesis; see ARCHITECTURE.md). `others` and `name` are ignored.
#[derive(Deserialize)]
pub struct CreateBody {
    #[serde(default)]
    configs: Vec<GroupIn>,
}

#[derive(Deserialize)]
struct GroupIn {
    #[serde(rename = "type")]
    group_type: String,
    #[serde(default)]
    items: Vec<ItemIn>,
}

#[derive(Deserialize)]
struct ItemIn {
    #[serde(rename = "_id")]
    id: String,
}

/// `POST /pbx/app/mobileconfig/{id}`: creates the config (idempotent without a body); a body
/// replaces the items of the sections it names, leaving other sections as they were.
pub async fn create_config(
    State(state): State<SharedState>,
    Auth(caller): Auth,
    IdPath(id): IdPath,
    OptionalJson(body): OptionalJson<CreateBody>,
) -> DemoResult<Response> {
    let mut store = state.write();
    let customer = reachable_employee(&store, &caller, &id)?.customer.clone();
    let mut record = store.configs.get(&id).cloned().unwrap_or_default();
    let mut seen_types = HashSet::new();
    for group in body.map(|b| b.configs).unwrap_or_default() {
        if !seen_types.insert(group.group_type.clone()) {
            return Err(pairs::BAD_REQUEST.into());
        }
        match group.group_type.as_str() {
            "COLLEAGUES" => {
                let valid = |colleague: &Id| store.is_live_employee_of(colleague, &customer);
                record.colleagues = resolve_items(&group.items, valid, pairs::EXTENSIONS_NOT_FOUND)?;
                // An employee is never its own colleague.
                record.colleagues.retain(|colleague| colleague != &id);
            }
            "QUEUES" => {
                let valid = |queue: &Id| store.is_queue_of(queue, &customer);
                record.queues = resolve_items(&group.items, valid, pairs::QUEUE_NOT_FOUND)?;
            }
            _ => return Err(pairs::BAD_REQUEST.into()),
        }
    }
    store.configs.insert(id.clone(), record);
    *store.writes.entry(id.clone()).or_default() += 1;
    // Answer under a read lock, so concurrent requests do not queue behind the serialisation.
    drop(store);
    answer_config(&state.read(), &id)
}

/// Validates sent item ids in order: the first one that is not valid is reported with its
/// index as `pair`'s field error. Duplicates are dropped, keeping the first place.
fn resolve_items(items: &[ItemIn], valid: impl Fn(&Id) -> bool, pair: Pair) -> DemoResult<Vec<Id>> {
    let mut ids = Vec::with_capacity(items.len());
    let mut seen = HashSet::new();
    for (index, item) in items.iter().enumerate() {
        let id = Id::parse(&item.id)
            .ok()
            .filter(|id| valid(id))
            .ok_or_else(|| DemoError::item(pair, index))?;
        if seen.insert(id.clone()) {
            ids.push(id);
        }
    }
    Ok(ids)
}

/// Query of `GET /pbx/app/mobileconfig`.
#[derive(Deserialize)]
pub struct ListParams {
    employee: Option<String>,
    customer: Option<String>,
}

/// `GET /pbx/app/mobileconfig`: VIEWER and up; the configs of a customer (default: the
/// caller's), leaving out `employee` (default: the caller), ordered by employee name.
pub async fn list_configs(
    State(state): State<SharedState>,
    Auth(caller): Auth,
    Params(params): Params<ListParams>,
) -> DemoResult<Response> {
    caller.require(&AccessLevel::Viewer)?;
    let excluded = parse_optional_id(params.employee.as_deref())?.unwrap_or_else(|| caller.employee.clone());
    let store = state.read();
    let customer =
        caller.target_customer(&store, params.customer.as_deref(), ResellerReach::DirectCustomers)?;
    let configs: Vec<ConfigOut<'_>> = customer
        .employees
        .iter()
        .map(|&i| &store.employees[i])
        .filter(|e| e.id != excluded && e.state != EmployeeState::Deleted)
        .filter_map(|e| {
            store
                .configs
                .get(&e.id)
                .map(|record| ConfigOut::build(&store, e, record))
        })
        .collect();
    Ok(Json(configs).into_response())
}

/// Body of copy.
#[derive(Deserialize)]
pub struct CopyBody {
    #[serde(rename = "_id")]
    from: String,
    #[serde(rename = "copyTo")]
    to: String,
}

/// `POST /pbx/app/mobileconfig/`: overwrites the target's sections with the source's. The
/// caller must reach both employees; both must be of one customer; the target is never
/// listed among its own colleagues; the target's config is created if missing.
pub async fn copy_config(
    State(state): State<SharedState>,
    Auth(caller): Auth,
    JsonBody(body): JsonBody<CopyBody>,
) -> DemoResult<Response> {
    let (from, to) = (parse_id(&body.from)?, parse_id(&body.to)?);
    let mut store = state.write();
    let source = reachable_employee(&store, &caller, &from)?;
    let target = reachable_employee(&store, &caller, &to)?;
    if source.customer != target.customer {
        return Err(pairs::BAD_REQUEST.into());
    }
    let mut record = store
        .configs
        .get(&from)
        .cloned()
        .ok_or(DemoError::from_pair(pairs::NOT_FOUND))?;
    record.colleagues.retain(|colleague| colleague != &to);
    store.configs.insert(to.clone(), record);
    *store.writes.entry(to.clone()).or_default() += 1;
    drop(store);
    answer_config(&state.read(), &to)
}

/// The stored config of `employee` as answered, serialised once, straight into the response.
fn answer_config(store: &Store, employee: &Id) -> DemoResult<Response> {
    let record = store
        .configs
        .get(employee)
        .ok_or(DemoError::from_pair(pairs::INTERNAL))?;
    let employee = store
        .employee(employee)
        .ok_or(DemoError::from_pair(pairs::INTERNAL))?;
    Ok(Json(ConfigOut::build(store, employee, record)).into_response())
}
