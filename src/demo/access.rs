//! The one access helper every route uses (shared doc §8.11).

use crate::api::{AccessLevel, EmployeeState, Id};

use super::error::{DemoError, DemoResult, pairs};
use super::extract::parse_optional_id;
use super::store::{CustomerRecord, EmployeeRecord, Store};

/// The signed-in employee making a request.
#[derive(Clone, Debug)]
pub struct Caller {
    /// Employee id.
    pub employee: Id,
    /// Customer id.
    pub customer: Id,
    /// Access level.
    pub level: AccessLevel,
}

/// How far a reseller's reach extends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResellerReach {
    /// The reseller's own customers.
    DirectCustomers,
    /// Also customers of its sub-resellers (employee and MVNO lists).
    WithSubResellers,
}

/// Sub-reseller chains are short; the bound also stops a cycle in bad data.
const MAX_RESELLER_DEPTH: usize = 8;

impl Caller {
    /// Refuses callers below `minimum` with `403 access_denied`.
    pub fn require(&self, minimum: &AccessLevel) -> DemoResult<()> {
        if self.level.at_least(minimum) {
            Ok(())
        } else {
            Err(pairs::ACCESS_DENIED.into())
        }
    }

    /// Whether the caller may act on objects of `customer` (PERSONAL callers never may: their
    /// reach is their own objects, see [`Caller::can_reach_employee`]).
    pub fn can_reach_customer(&self, store: &Store, customer: &Id, reach: ResellerReach) -> bool {
        match &self.level {
            AccessLevel::Admin | AccessLevel::ResellerAdmin => true,
            AccessLevel::Reseller => {
                &self.customer == customer || self.is_reseller_of(store, customer, reach)
            }
            AccessLevel::Viewer | AccessLevel::Manager | AccessLevel::Owner => &self.customer == customer,
            AccessLevel::Personal | AccessLevel::NoLogin | AccessLevel::Other(_) => false,
        }
    }

    /// Whether the caller may act on objects belonging to `employee` (its mobile config, say).
    pub fn can_reach_employee(&self, store: &Store, employee: &EmployeeRecord) -> bool {
        if self.level == AccessLevel::Personal {
            return employee.id == self.employee;
        }
        self.can_reach_customer(store, &employee.customer, ResellerReach::DirectCustomers)
    }

    /// The customer a request is about: the `customer` parameter (default: the caller's own),
    /// which must be well-formed (`400`), exist (`404 customer`) and be reachable (`403`).
    pub fn target_customer<'a>(
        &self,
        store: &'a Store,
        param: Option<&str>,
        reach: ResellerReach,
    ) -> DemoResult<&'a CustomerRecord> {
        let id = parse_optional_id(param)?.unwrap_or_else(|| self.customer.clone());
        let customer = store
            .customer(&id)
            .ok_or(DemoError::from_pair(pairs::CUSTOMER_NOT_FOUND))?;
        self.require_customer(store, &customer.id, reach)?;
        Ok(customer)
    }

    /// `require` plus `can_reach_customer`, as one 403.
    pub fn require_customer(&self, store: &Store, customer: &Id, reach: ResellerReach) -> DemoResult<()> {
        if self.can_reach_customer(store, customer, reach) {
            Ok(())
        } else {
            Err(pairs::ACCESS_DENIED.into())
        }
    }

    fn is_reseller_of(&self, store: &Store, customer: &Id, reach: ResellerReach) -> bool {
        let depth = match reach {
            ResellerReach::DirectCustomers => 1,
            ResellerReach::WithSubResellers => MAX_RESELLER_DEPTH,
        };
        let mut current = store.customer(customer).and_then(|c| c.parent_reseller.clone());
        for _ in 0..depth {
            match current {
                Some(parent) if parent == self.customer => return true,
                Some(parent) => current = store.customer(&parent).and_then(|c| c.parent_reseller.clone()),
                None => return false,
            }
        }
        false
    }
}

/// Builds the caller for `employee`, refusing accounts that can no longer sign in.
pub fn caller_for(store: &Store, employee: &Id) -> DemoResult<Caller> {
    let record = store
        .employee(employee)
        .ok_or(DemoError::from_pair(pairs::PLEASE_LOGIN))?;
    if record.state != EmployeeState::Enabled || record.access_level == AccessLevel::NoLogin {
        return Err(pairs::PLEASE_LOGIN.into());
    }
    Ok(Caller {
        employee: record.id.clone(),
        customer: record.customer.clone(),
        level: record.access_level.clone(),
    })
}
