//! Shared server state: data, sessions, clock, injected faults.

use std::sync::{Arc, Mutex, MutexGuard, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};
use std::time::Duration;

use super::clock::Clock;
use super::faults::FaultRule;
use super::sessions::Sessions;
use super::store::Store;

/// Everything a route can see.
pub struct ServerState {
    data: RwLock<Store>,
    sessions: Mutex<Sessions>,
    faults: Mutex<Vec<FaultRule>>,
    /// The stand-in's notion of now.
    pub clock: Arc<dyn Clock>,
    /// Delay added to every response.
    pub latency: Duration,
}

impl ServerState {
    /// Wraps seeded data.
    pub fn new(store: Store, clock: Arc<dyn Clock>, latency: Duration) -> Self {
        Self {
            data: RwLock::new(store),
            sessions: Mutex::new(Sessions::default()),
            faults: Mutex::new(Vec::new()),
            clock,
            latency,
        }
    }

    /// Reads the data. A panicked writer cannot leave it half-changed in a way that matters
    /// to a demo, so poisoning is ignored rather than turned into more panics.
    pub fn read(&self) -> RwLockReadGuard<'_, Store> {
        self.data.read().unwrap_or_else(PoisonError::into_inner)
    }

    /// Changes the data.
    pub fn write(&self) -> RwLockWriteGuard<'_, Store> {
        self.data.write().unwrap_or_else(PoisonError::into_inner)
    }

    /// The issued tokens.
    pub fn sessions(&self) -> MutexGuard<'_, Sessions> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Injected faults, consulted before every request.
    pub fn faults(&self) -> MutexGuard<'_, Vec<FaultRule>> {
        self.faults.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Shared handle passed to every route.
pub type SharedState = Arc<ServerState>;
