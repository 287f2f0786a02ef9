//! A bulk run as the app sees it: the targets, one report row each, counters, and the engine's
//! events drained once per frame. Retrying the failures runs them again in the same report.

use std::sync::Arc;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::api::{ApiClient, ApiError, Id};

use super::bulk::{BulkAction, BulkControl, BulkEvent, run};
use super::tasks::{Task, TaskRunner, take_finished};

/// Where one employee of the run stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RowState {
    /// Not answered yet.
    Pending,
    /// Created or copied.
    Done,
    /// Refused or failed.
    Failed(ApiError),
    /// Not sent: the run was cancelled first.
    NotAttempted,
}

/// A run and its report.
pub struct BulkRun {
    /// What the run does, in words.
    pub label: String,
    /// What the run does.
    pub action: BulkAction,
    /// The employees, with their names.
    pub targets: Vec<(Id, String)>,
    /// One state per target.
    pub rows: Vec<RowState>,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Where the CSV report goes.
    pub export_path: String,
    done: usize,
    failed: usize,
    not_attempted: usize,
    /// Rows that failed, in the order they failed (shown first in the report).
    failures: Vec<usize>,
    started: Instant,
    finished: Option<Instant>,
    /// Rows of the current pass (a retry passes over the failures only).
    pass: Vec<usize>,
    control: Arc<BulkControl>,
    events: Option<mpsc::Receiver<BulkEvent>>,
    task: Option<Task<()>>,
}

impl BulkRun {
    /// Starts a run over `targets`.
    pub fn start(
        runner: &TaskRunner,
        client: ApiClient,
        label: String,
        action: BulkAction,
        targets: Vec<(Id, String)>,
        concurrency: usize,
    ) -> Self {
        let count = targets.len();
        let mut run = Self {
            label,
            action,
            targets,
            rows: vec![RowState::Pending; count],
            concurrency,
            export_path: default_export_path(),
            done: 0,
            failed: 0,
            not_attempted: 0,
            failures: Vec::new(),
            started: Instant::now(),
            finished: None,
            pass: Vec::new(),
            control: BulkControl::new(client.clone()),
            events: None,
            task: None,
        };
        run.launch(runner, client, (0..count).collect());
        run
    }

    fn launch(&mut self, runner: &TaskRunner, client: ApiClient, rows: Vec<usize>) {
        let (sender, receiver) = mpsc::channel();
        let control = BulkControl::new(client);
        let ids = rows.iter().map(|&row| self.targets[row].0.clone()).collect();
        let (action, concurrency, ctx) = (self.action.clone(), self.concurrency, runner.ctx().clone());
        let engine = Arc::clone(&control);
        self.task = Some(runner.spawn((), async move {
            run(engine, action, ids, concurrency, move |event| {
                sender.send(event).ok();
                ctx.request_repaint();
            })
            .await;
            Ok(())
        }));
        self.control = control;
        self.events = Some(receiver);
        self.pass = rows;
        self.started = Instant::now();
        self.finished = None;
    }

    /// Runs the failures again, in place in the report.
    pub fn retry_failed(&mut self, runner: &TaskRunner, client: ApiClient) {
        let failed: Vec<usize> = (0..self.rows.len())
            .filter(|&row| matches!(self.rows[row], RowState::Failed(_)))
            .collect();
        if failed.is_empty() || self.is_running() {
            return;
        }
        for &row in &failed {
            self.rows[row] = RowState::Pending;
        }
        self.failed -= failed.len();
        self.failures.clear();
        self.launch(runner, client, failed);
    }

    /// Applies the engine's news; returns whether the run now waits for a new sign-in.
    pub fn drain(&mut self) -> bool {
        let mut needs_sign_in = false;
        if let Some(events) = &self.events {
            while let Ok(event) = events.try_recv() {
                match event {
                    BulkEvent::Finished { index, result } => {
                        let row = self.pass[index];
                        self.rows[row] = match result {
                            Ok(()) => {
                                self.done += 1;
                                RowState::Done
                            }
                            Err(error) => {
                                self.failed += 1;
                                self.failures.push(row);
                                RowState::Failed(error)
                            }
                        };
                    }
                    BulkEvent::NotAttempted { index } => {
                        self.rows[self.pass[index]] = RowState::NotAttempted;
                        self.not_attempted += 1;
                    }
                    BulkEvent::NeedsSignIn => needs_sign_in = true,
                }
            }
        }
        if take_finished(&mut self.task).is_some() {
            self.finished = Some(Instant::now());
        }
        needs_sign_in
    }

    /// Rows that failed, in the order they failed.
    pub fn failures(&self) -> &[usize] {
        &self.failures
    }

    /// Stops starting requests; those in flight finish.
    pub fn cancel(&self) {
        self.control.cancel();
    }

    /// Continues after a new sign-in.
    pub fn resume(&self, client: ApiClient) {
        self.control.resume(client);
    }

    /// Whether requests are still being sent or awaited.
    pub fn is_running(&self) -> bool {
        self.finished.is_none()
    }

    /// Whether the run waits for a new sign-in.
    pub fn is_paused(&self) -> bool {
        self.is_running() && self.control.is_paused()
    }

    /// Whether Cancel was pressed during the current pass.
    pub fn is_cancelled(&self) -> bool {
        self.control.is_cancelled()
    }

    /// Done, failed, not attempted and remaining (pending) counts.
    pub fn counts(&self) -> (usize, usize, usize, usize) {
        let answered = self.done + self.failed + self.not_attempted;
        (
            self.done,
            self.failed,
            self.not_attempted,
            self.rows.len() - answered,
        )
    }

    /// An estimate of the time left, from the pace so far.
    pub fn time_left(&self) -> Option<Duration> {
        let (_, _, _, remaining) = self.counts();
        let answered_this_pass = self.pass.len().saturating_sub(remaining);
        if !self.is_running() || answered_this_pass == 0 {
            return None;
        }
        let per_item = self.started.elapsed().as_secs_f64() / answered_this_pass as f64;
        Some(Duration::from_secs_f64(per_item * remaining as f64))
    }

    /// The report as CSV: employee, outcome, error code, HTTP status, error in words. Never a token.
    pub fn report_csv(&self) -> Result<String, csv::Error> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record([
            "employee_id",
            "employee",
            "outcome",
            "error_code",
            "http_status",
            "error",
        ])?;
        for ((id, name), row) in self.targets.iter().zip(&self.rows) {
            let (outcome, code, status, message) = match row {
                RowState::Pending => ("pending", String::new(), String::new(), String::new()),
                RowState::Done => ("done", String::new(), String::new(), String::new()),
                RowState::NotAttempted => ("not attempted", String::new(), String::new(), String::new()),
                RowState::Failed(error) => (
                    "failed",
                    error.http().map(|h| h.code().to_owned()).unwrap_or_default(),
                    error.status().map(|s| s.to_string()).unwrap_or_default(),
                    error.user_message(),
                ),
            };
            writer.write_record([id.as_str(), name, outcome, &code, &status, &message])?;
        }
        let bytes = writer.into_inner().map_err(csv::IntoInnerError::into_error)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

fn default_export_path() -> String {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let folder = std::env::home_dir().unwrap_or_default();
    folder
        .join(format!("mobileconfig-report-{seconds}.csv"))
        .display()
        .to_string()
}
