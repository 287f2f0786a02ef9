//! The one small task layer: API work runs on the tokio runtime, results come back to the UI
//! thread through poll-promise promises, and every finished task wakes the UI.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use futures::FutureExt as _;
use poll_promise::Promise;

use crate::api::ApiError;

/// Spawns background work and wakes the UI when it finishes. Cheap to clone.
#[derive(Clone)]
pub struct TaskRunner {
    runtime: tokio::runtime::Handle,
    ctx: egui::Context,
}

impl TaskRunner {
    /// Runs tasks on `runtime`; repaints `ctx` when each one finishes.
    pub fn new(runtime: tokio::runtime::Handle, ctx: egui::Context) -> Self {
        Self { runtime, ctx }
    }

    /// The runtime tasks run on.
    pub fn runtime(&self) -> &tokio::runtime::Handle {
        &self.runtime
    }

    /// The UI context tasks wake.
    pub fn ctx(&self) -> &egui::Context {
        &self.ctx
    }

    /// Starts `work`; `context` travels with the task so its result can be attributed to what it
    /// was for (an employee, a customer) even if the user has moved on since.
    pub fn spawn<T, C>(
        &self,
        context: C,
        work: impl Future<Output = Result<T, ApiError>> + Send + 'static,
    ) -> Task<T, C>
    where
        T: Send + 'static,
    {
        let (sender, promise) = Promise::new();
        let ctx = self.ctx.clone();
        self.runtime.spawn(async move {
            // A panic must not drop the sender: polling a dropped promise panics the UI thread.
            let result = AssertUnwindSafe(work).catch_unwind().await.unwrap_or_else(|_| {
                Err(ApiError::Internal {
                    detail: "the background task stopped unexpectedly".to_owned(),
                })
            });
            sender.send(result);
            ctx.request_repaint();
        });
        Task {
            promise: Some(promise),
            context,
            started: Instant::now(),
        }
    }
}

/// A running background task and what it is for.
pub struct Task<T: Send + 'static, C = ()> {
    promise: Option<Promise<Result<T, ApiError>>>,
    /// What the task is for.
    pub context: C,
    started: Instant,
}

impl<T: Send + 'static, C> Task<T, C> {
    /// How long the task has been running.
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

/// Takes the result out of a task slot once it is ready, emptying the slot.
pub fn take_finished<T: Send + 'static, C>(
    slot: &mut Option<Task<T, C>>,
) -> Option<(C, Result<T, ApiError>)> {
    let task = slot.as_mut()?;
    let promise = task.promise.take()?;
    match promise.try_take() {
        Ok(result) => slot.take().map(|task| (task.context, result)),
        Err(promise) => {
            task.promise = Some(promise);
            None
        }
    }
}
