//! `/customer`, `/employee` and `/pbx/dialplan`: the lists behind the pickers.

use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use serde_json::Value;

use crate::api::{AccessLevel, EmployeeState};

use crate::demo::access::ResellerReach;
use crate::demo::error::{DemoError, DemoResult, pairs};
use crate::demo::extract::{Auth, LooseBool, Params, is_set, parse_optional_id};
use crate::demo::state::SharedState;
use crate::demo::store::{CustomerRecord, EmployeeRecord, QueueRecord};
use crate::demo::wire::{
    AppEmployeeOut, AppQueueOut, CustomerOut, EmployeeOut, ExtensionOut, QueueOut, Window, paged,
};

/// Query of `GET /customer`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerParams {
    offset: Option<i64>,
    limit: Option<i64>,
    filter: Option<String>,
    include_subresellers: Option<LooseBool>,
}

/// `GET /customer`: RESELLER and up; a reseller sees its own customers.
pub async fn customers(
    State(state): State<SharedState>,
    Auth(caller): Auth,
    Params(params): Params<CustomerParams>,
) -> DemoResult<Json<Value>> {
    caller.require(&AccessLevel::Reseller)?;
    let window = Window::of(params.offset, params.limit, 100, 500)?;
    let reach = if is_set(params.include_subresellers) {
        ResellerReach::WithSubResellers
    } else {
        ResellerReach::DirectCustomers
    };
    let filter = lowercase_filter(params.filter.as_deref());
    let store = state.read();
    let mut visible: Vec<&CustomerRecord> = store
        .customers
        .iter()
        .filter(|c| c.id != caller.customer && caller.can_reach_customer(&store, &c.id, reach))
        .filter(|c| filter.as_ref().is_none_or(|f| c.name.to_lowercase().contains(f)))
        .collect();
    visible.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(Json(paged::<_, CustomerOut<'_>>(
        window,
        "customers",
        visible.into_iter(),
    )))
}

/// Query of `GET /employee`.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EmployeeParams {
    customer: Option<String>,
    offset: Option<i64>,
    limit: Option<i64>,
    filter: Option<String>,
    include_deleted: Option<LooseBool>,
    // Accepted: the stand-in's condensed employee already carries every field it has.
    #[serde(rename = "full")]
    _full: Option<LooseBool>,
}

/// `GET /employee`: VIEWER and up, for a customer the caller can reach.
pub async fn employees(
    State(state): State<SharedState>,
    Auth(caller): Auth,
    Params(params): Params<EmployeeParams>,
) -> DemoResult<Json<Value>> {
    caller.require(&AccessLevel::Viewer)?;
    let window = Window::of(params.offset, params.limit, 100, 500)?;
    let store = state.read();
    let customer = caller.target_customer(
        &store,
        params.customer.as_deref(),
        ResellerReach::WithSubResellers,
    )?;
    let include_deleted = is_set(params.include_deleted);
    let filter = lowercase_filter(params.filter.as_deref());
    let matching = customer
        .employees
        .iter()
        .map(|&i| &store.employees[i])
        .filter(|e| include_deleted || e.state != EmployeeState::Deleted)
        .filter(|e| filter.as_ref().is_none_or(|f| e.search_key.contains(f)));
    Ok(Json(paged::<EmployeeRecord, EmployeeOut<'_>>(
        window,
        "employees",
        matching,
    )))
}

/// Query of `GET /pbx/dialplan`.
#[derive(Deserialize)]
pub struct DialplanParams {
    customer: Option<String>,
    #[serde(rename = "type")]
    item_type: Option<String>,
    offset: Option<i64>,
    limit: Option<i64>,
    filter: Option<String>,
}

/// `GET /pbx/dialplan`: VIEWER and up. The stand-in's dialplan holds only queues.
pub async fn dialplan(
    State(state): State<SharedState>,
    Auth(caller): Auth,
    Params(params): Params<DialplanParams>,
) -> DemoResult<Json<Value>> {
    caller.require(&AccessLevel::Viewer)?;
    let window = Window::of(params.offset, params.limit, 50, 100)?;
    let store = state.read();
    let customer =
        caller.target_customer(&store, params.customer.as_deref(), ResellerReach::DirectCustomers)?;
    let wants_queues = params
        .item_type
        .as_deref()
        .is_none_or(|t| t.eq_ignore_ascii_case("QUEUE"));
    let filter = lowercase_filter(params.filter.as_deref());
    let matching = customer
        .queues
        .iter()
        .filter(|_| wants_queues)
        .map(|&i| &store.queues[i])
        .filter(|q| filter.as_ref().is_none_or(|f| q.search_key.contains(f)));
    Ok(Json(paged::<QueueRecord, QueueOut<'_>>(
        window,
        "dialplanItems",
        matching,
    )))
}

fn lowercase_filter(filter: Option<&str>) -> Option<String> {
    filter
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(str::to_lowercase)
}

/// Query of `GET /pbx/extension`.
#[derive(Deserialize)]
pub struct ExtensionParams {
    customer: Option<String>,
    employee: Option<String>,
    offset: Option<i64>,
    limit: Option<i64>,
    filter: Option<String>,
}

/// `GET /pbx/extension`: VIEWER and up; PERSONAL only with `employee=<self>`.
pub async fn extensions(
    State(state): State<SharedState>,
    Auth(caller): Auth,
    Params(params): Params<ExtensionParams>,
) -> DemoResult<Json<Value>> {
    let window = Window::of(params.offset, params.limit, 50, 1000)?;
    let only_employee = parse_optional_id(params.employee.as_deref())?;
    let own_only = caller.level == AccessLevel::Personal && only_employee.as_ref() == Some(&caller.employee);
    if !own_only {
        caller.require(&AccessLevel::Viewer)?;
    }
    let store = state.read();
    let customer = if own_only {
        store
            .customer(&caller.customer)
            .ok_or(DemoError::from_pair(pairs::CUSTOMER_NOT_FOUND))?
    } else {
        caller.target_customer(&store, params.customer.as_deref(), ResellerReach::DirectCustomers)?
    };
    let filter = lowercase_filter(params.filter.as_deref());
    let matching = customer
        .employees
        .iter()
        .map(|&i| &store.employees[i])
        .filter(|e| e.state != EmployeeState::Deleted)
        .filter(|e| only_employee.as_ref().is_none_or(|id| &e.id == id))
        .filter(|e| filter.as_ref().is_none_or(|f| e.search_key.contains(f)));
    Ok(Json(paged::<EmployeeRecord, ExtensionOut<'_>>(
        window,
        "extensions",
        matching,
    )))
}

/// `GET /pbx/app/employees`: PERSONAL and up; the caller's own customer, as the Communicator
/// apps load it (not paged).
pub async fn app_employees(State(state): State<SharedState>, Auth(caller): Auth) -> DemoResult<Json<Value>> {
    caller.require(&AccessLevel::Personal)?;
    let store = state.read();
    let customer = store
        .customer(&caller.customer)
        .ok_or(DemoError::from_pair(pairs::CUSTOMER_NOT_FOUND))?;
    let records: Vec<AppEmployeeOut<'_>> = customer
        .employees
        .iter()
        .map(|&i| &store.employees[i])
        .filter(|e| e.state != EmployeeState::Deleted)
        .map(AppEmployeeOut::from)
        .collect();
    Ok(Json(serde_json::to_value(records).unwrap_or(Value::Null)))
}

/// `GET /pbx/app/queues`: PERSONAL and up; the queues of the caller's customer (in the
/// stand-in every employee may see every queue of its company).
pub async fn app_queues(State(state): State<SharedState>, Auth(caller): Auth) -> DemoResult<Json<Value>> {
    caller.require(&AccessLevel::Personal)?;
    let store = state.read();
    let customer = store
        .customer(&caller.customer)
        .ok_or(DemoError::from_pair(pairs::CUSTOMER_NOT_FOUND))?;
    let records: Vec<AppQueueOut<'_>> = customer
        .queues
        .iter()
        .map(|&i| AppQueueOut::from(&store.queues[i]))
        .collect();
    Ok(Json(serde_json::to_value(records).unwrap_or(Value::Null)))
}
