//! The stand-in's data: customers, employees, queues and mobile configs, with indexes.

use std::collections::HashMap;

use crate::api::{AccessLevel, EmployeeState, Id};

/// A customer (or reseller, or the platform itself).
#[derive(Clone, Debug)]
pub struct CustomerRecord {
    /// Customer id.
    pub id: Id,
    /// Company name.
    pub name: String,
    /// The reseller it belongs to.
    pub parent_reseller: Option<Id>,
    /// Products (`PBX`, …).
    pub features: Vec<&'static str>,
    /// Its employees, as indexes into [`Store::employees`], sorted by name.
    pub employees: Vec<usize>,
    /// Its queues, as indexes into [`Store::queues`], sorted by name.
    pub queues: Vec<usize>,
}

/// Which second factor an account requires at sign-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecondFactorRule {
    /// None.
    None,
    /// An SMS code; the stand-in accepts this fixed code.
    Sms(&'static str),
}

/// An employee.
#[derive(Clone, Debug)]
pub struct EmployeeRecord {
    /// Employee id (also its mobile config id).
    pub id: Id,
    /// Its customer.
    pub customer: Id,
    /// Display name.
    pub name: String,
    /// E-mail address, also the username.
    pub email: String,
    /// Id of the employee's primary extension.
    pub extension_id: Id,
    /// Local number of that extension.
    pub number: String,
    /// Access level.
    pub access_level: AccessLevel,
    /// State.
    pub state: EmployeeState,
    /// Job title.
    pub title: String,
    /// Department.
    pub department: String,
    /// Second factor at sign-in.
    pub second_factor: SecondFactorRule,
    /// Lower-cased "name email number", for filters.
    pub search_key: String,
}

/// A queue (a `QUEUE` dialplan item).
#[derive(Clone, Debug)]
pub struct QueueRecord {
    /// Queue id.
    pub id: Id,
    /// Its customer.
    pub customer: Id,
    /// Display name.
    pub name: String,
    /// Local number.
    pub number: String,
    /// Lower-cased "name number", for filters.
    pub search_key: String,
}

/// A stored mobile config: only the chosen items; `others` is computed when answering.
#[derive(Clone, Debug, Default)]
pub struct ConfigRecord {
    /// Chosen colleagues, in display order.
    pub colleagues: Vec<Id>,
    /// Chosen queues, in display order.
    pub queues: Vec<Id>,
}

/// Everything the stand-in knows, indexed for the routes.
#[derive(Debug, Default)]
pub struct Store {
    /// Customers in seed order.
    pub customers: Vec<CustomerRecord>,
    /// Employees; removed ones stay as `DELETED` so indexes remain valid.
    pub employees: Vec<EmployeeRecord>,
    /// Queues; removed ones leave the indexes below.
    pub queues: Vec<QueueRecord>,
    /// Mobile configs by employee id.
    pub configs: HashMap<Id, ConfigRecord>,
    /// Successful creates and copies per target employee (what tests check on the server side).
    pub writes: HashMap<Id, u32>,
    customer_by_id: HashMap<Id, usize>,
    employee_by_id: HashMap<Id, usize>,
    employee_by_email: HashMap<String, usize>,
    queue_by_id: HashMap<Id, usize>,
}

impl Store {
    /// Adds a customer; returns its index.
    pub fn add_customer(&mut self, record: CustomerRecord) -> usize {
        let index = self.customers.len();
        self.customer_by_id.insert(record.id.clone(), index);
        self.customers.push(record);
        index
    }

    /// Adds an employee to its customer.
    pub fn add_employee(&mut self, record: EmployeeRecord) {
        let index = self.employees.len();
        self.employee_by_id.insert(record.id.clone(), index);
        self.employee_by_email.insert(record.email.to_lowercase(), index);
        if let Some(&customer) = self.customer_by_id.get(&record.customer) {
            self.customers[customer].employees.push(index);
        }
        self.employees.push(record);
    }

    /// Adds a queue to its customer.
    pub fn add_queue(&mut self, record: QueueRecord) {
        let index = self.queues.len();
        self.queue_by_id.insert(record.id.clone(), index);
        if let Some(&customer) = self.customer_by_id.get(&record.customer) {
            self.customers[customer].queues.push(index);
        }
        self.queues.push(record);
    }

    /// Sorts every customer's employee and queue lists by name (call after seeding).
    pub fn sort_indexes(&mut self) {
        let (employees, queues) = (&self.employees, &self.queues);
        for customer in &mut self.customers {
            customer
                .employees
                .sort_by(|&a, &b| employees[a].name.cmp(&employees[b].name));
            customer
                .queues
                .sort_by(|&a, &b| queues[a].name.cmp(&queues[b].name));
        }
    }

    /// A customer by id.
    pub fn customer(&self, id: &Id) -> Option<&CustomerRecord> {
        self.customer_by_id.get(id).map(|&i| &self.customers[i])
    }

    /// An employee by id (including deleted ones).
    pub fn employee(&self, id: &Id) -> Option<&EmployeeRecord> {
        self.employee_by_id.get(id).map(|&i| &self.employees[i])
    }

    /// An employee by username (e-mail), case-insensitively.
    pub fn employee_by_email(&self, email: &str) -> Option<&EmployeeRecord> {
        self.employee_by_email
            .get(&email.to_lowercase())
            .map(|&i| &self.employees[i])
    }

    /// A live queue by id.
    pub fn queue(&self, id: &Id) -> Option<&QueueRecord> {
        self.queue_by_id.get(id).map(|&i| &self.queues[i])
    }

    /// Removes a queue: it disappears from lists and can no longer be referenced.
    pub fn remove_queue(&mut self, id: &Id) -> bool {
        let Some(index) = self.queue_by_id.remove(id) else {
            return false;
        };
        let customer = self.queues[index].customer.clone();
        if let Some(&c) = self.customer_by_id.get(&customer) {
            self.customers[c].queues.retain(|&q| q != index);
        }
        true
    }

    /// Whether `employee` is a live (not deleted) employee of `customer`.
    pub fn is_live_employee_of(&self, employee: &Id, customer: &Id) -> bool {
        self.employee(employee)
            .is_some_and(|e| &e.customer == customer && e.state != EmployeeState::Deleted)
    }

    /// Whether `queue` is a live queue of `customer`.
    pub fn is_queue_of(&self, queue: &Id, customer: &Id) -> bool {
        self.queue(queue).is_some_and(|q| &q.customer == customer)
    }
}
