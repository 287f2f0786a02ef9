//! The stand-in TelecomX server: real HTTP on loopback, the documented paths, access levels
//! and error pairs, deterministic demo data. Used by the demo mode, the tests and the
//! benchmarks. Knows nothing about the UI.

mod access;
mod clock;
mod error;
mod extract;
mod faults;
mod routes;
mod seed;
mod sessions;
mod state;
mod store;
mod wire;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::api::Id;

pub use clock::{Clock, ManualClock, SystemClock};
pub use error::{DemoError, pairs};
pub use faults::{Fault, FaultRule};
pub use seed::{DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_SMS_CODE, DemoAccount, LARGE_CUSTOMER};
pub use sessions::SESSION_LIFETIME;

use state::{ServerState, SharedState};

/// How to run the stand-in.
#[derive(Clone)]
pub struct DemoOptions {
    /// Delay added to every response.
    pub latency: Duration,
    /// Adds one more Nordlys customer with this many employees (and N/100, at least 10, queues).
    pub large_customer_employees: Option<usize>,
    /// The clock for token lifetimes.
    pub clock: Arc<dyn Clock>,
}

impl Default for DemoOptions {
    fn default() -> Self {
        Self {
            latency: Duration::ZERO,
            large_customer_employees: None,
            clock: Arc::new(SystemClock),
        }
    }
}

/// A running stand-in server. Stops when dropped.
pub struct DemoServer {
    addr: SocketAddr,
    base_url: String,
    state: SharedState,
    shutdown: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl DemoServer {
    /// Binds `addr` (use port 0 for any free port) and serves on the current tokio runtime.
    pub async fn start(addr: SocketAddr, options: DemoOptions) -> std::io::Result<Self> {
        let store = seed::seed(options.large_customer_employees);
        let state: SharedState = Arc::new(ServerState::new(store, options.clock, options.latency));
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let (shutdown, stopped) = oneshot::channel::<()>();
        let app = routes::router(state.clone());
        let task = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                stopped.await.ok();
            });
            // Serving only ends on shutdown or on a listener failure, which has no one to
            // report to; in both cases the server is simply gone.
            serve.await.ok();
        });
        Ok(Self {
            addr,
            base_url: format!("http://{addr}"),
            state,
            shutdown: Some(shutdown),
            task: Some(task),
        })
    }

    /// Starts on a free loopback port.
    pub async fn start_local(options: DemoOptions) -> std::io::Result<Self> {
        Self::start(SocketAddr::from(([127, 0, 0, 1], 0)), options).await
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Stops accepting requests and waits for the server task to end.
    pub async fn stop(mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            shutdown.send(()).ok();
        }
        if let Some(task) = self.task.take() {
            task.await.ok();
        }
    }

    /// Makes matching requests fail (see [`Fault`]).
    pub fn inject_fault(&self, rule: FaultRule) {
        self.state.faults().push(rule);
    }

    /// Removes every injected fault.
    pub fn clear_faults(&self) {
        self.state.faults().clear();
    }

    /// Removes a queue, as an administrator elsewhere might. Returns whether it existed.
    pub fn remove_queue(&self, queue: &Id) -> bool {
        self.state.write().remove_queue(queue)
    }

    /// The id of the employee signing in as `username`.
    pub fn employee_id(&self, username: &str) -> Option<Id> {
        self.state
            .read()
            .employee_by_email(username)
            .map(|e| e.id.clone())
    }

    /// The id of the customer called `name`.
    pub fn customer_id(&self, name: &str) -> Option<Id> {
        let store = self.state.read();
        store
            .customers
            .iter()
            .find(|c| c.name == name)
            .map(|c| c.id.clone())
    }

    /// Ids and names of a customer's employees, by name, deleted ones included.
    pub fn employees_of(&self, customer: &Id) -> Vec<(Id, String)> {
        let store = self.state.read();
        store.customer(customer).map_or_else(Vec::new, |c| {
            c.employees
                .iter()
                .map(|&i| (store.employees[i].id.clone(), store.employees[i].name.clone()))
                .collect()
        })
    }

    /// Ids and names of a customer's queues, by name.
    pub fn queues_of(&self, customer: &Id) -> Vec<(Id, String)> {
        let store = self.state.read();
        store.customer(customer).map_or_else(Vec::new, |c| {
            c.queues
                .iter()
                .map(|&i| (store.queues[i].id.clone(), store.queues[i].name.clone()))
                .collect()
        })
    }

    /// How many creates or copies onto `employee` succeeded.
    pub fn successful_writes(&self, employee: &Id) -> u32 {
        self.state.read().writes.get(employee).copied().unwrap_or(0)
    }

    /// Whether `employee` has a mobile config.
    pub fn has_config(&self, employee: &Id) -> bool {
        self.state.read().configs.contains_key(employee)
    }
}

impl Drop for DemoServer {
    fn drop(&mut self) {
        if let Some(shutdown) = self.shutdown.take() {
            shutdown.send(()).ok();
        }
    }
}
