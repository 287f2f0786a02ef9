//! Bulk runs: one action applied to many employees with bounded concurrency. Cancel stops new
//! requests and lets those in flight finish; an ended session pauses the run until a new token
//! arrives, then the refused request is sent again (a 401 stored nothing, so no employee is
//! written twice). No UI: the app drives it, and so does the benchmark.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock};

use futures::{StreamExt as _, stream};
use tokio::sync::watch;

use crate::api::{ApiClient, ApiError, ConfigSelection, Id};

/// What a run does to each employee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkAction {
    /// Create the config with this selection (the server leaves each employee out of its own
    /// colleagues).
    Apply(ConfigSelection),
    /// Copy this employee's config.
    CopyFrom(Id),
}

/// News from a running bulk run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BulkEvent {
    /// The target at `index` was sent and answered.
    Finished {
        /// Position in the run's targets.
        index: usize,
        /// The answer.
        result: Result<(), ApiError>,
    },
    /// The target at `index` was not sent because the run was cancelled.
    NotAttempted {
        /// Position in the run's targets.
        index: usize,
    },
    /// The session ended; the run waits for [`BulkControl::resume`].
    NeedsSignIn,
}

/// Cancel, pause and resume a run from another thread.
pub struct BulkControl {
    cancelled: AtomicBool,
    paused: watch::Sender<bool>,
    client: RwLock<ApiClient>,
}

impl BulkControl {
    /// Control for a run that starts with `client`.
    pub fn new(client: ApiClient) -> Arc<Self> {
        Arc::new(Self {
            cancelled: AtomicBool::new(false),
            paused: watch::Sender::new(false),
            client: RwLock::new(client),
        })
    }

    /// No new requests start; those in flight finish.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        // Wake anything waiting on a pause so it can see the cancel.
        self.paused.send_replace(false);
    }

    /// Whether the run was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

    /// Whether the run waits for a new sign-in.
    pub fn is_paused(&self) -> bool {
        *self.paused.borrow()
    }

    /// Continues a paused run with a freshly signed-in client.
    pub fn resume(&self, client: ApiClient) {
        *self.client.write().unwrap_or_else(PoisonError::into_inner) = client;
        self.paused.send_replace(false);
    }

    fn client(&self) -> ApiClient {
        self.client.read().unwrap_or_else(PoisonError::into_inner).clone()
    }
}

/// Runs `action` for every target with at most `concurrency` requests in flight, reporting each
/// target exactly once through `report`.
pub async fn run(
    control: Arc<BulkControl>,
    action: BulkAction,
    targets: Vec<Id>,
    concurrency: usize,
    report: impl Fn(BulkEvent) + Send + Sync,
) {
    let report = &report;
    let (control, action) = (&control, &action);
    stream::iter(targets.into_iter().enumerate())
        .map(|(index, target)| async move {
            match one(control, action, &target, report).await {
                Some(result) => report(BulkEvent::Finished { index, result }),
                None => report(BulkEvent::NotAttempted { index }),
            }
        })
        .buffer_unordered(concurrency.max(1))
        .collect::<()>()
        .await;
}

/// One target; `None` when cancelled before it was sent.
async fn one(
    control: &BulkControl,
    action: &BulkAction,
    target: &Id,
    report: &(impl Fn(BulkEvent) + Send + Sync),
) -> Option<Result<(), ApiError>> {
    let mut paused = control.paused.subscribe();
    loop {
        // A closed channel cannot happen while `control` lives; treat it as "not paused".
        paused.wait_for(|paused| !paused).await.ok();
        if control.is_cancelled() {
            return None;
        }
        let client = control.client();
        let result = match action {
            BulkAction::Apply(selection) => client
                .create_mobile_config(target, Some(selection))
                .await
                .map(drop),
            BulkAction::CopyFrom(source) => client.copy_mobile_config(source, target).await.map(drop),
        };
        match result {
            Err(ApiError::SignInRequired(_)) => {
                if !control.paused.send_replace(true) {
                    report(BulkEvent::NeedsSignIn);
                }
            }
            other => return Some(other),
        }
    }
}
