//! The application: its state, the `eframe::App` implementation, and (in `logic.rs`) the one
//! place where commands run and background results land. Drawing lives in `view.rs`.

pub mod bulk;
pub mod bulk_run;
pub mod command;
pub mod connection;
pub mod directory;
mod logic;
pub mod preferences;
mod session_store;
pub mod tasks;
mod view;

use std::sync::Arc;

use bulk_run::BulkRun;
pub use command::Command;
use connection::{Connection, Link};
use directory::{Directory, LoadProgress};
pub use session_store::account as keyring_account;
use tasks::{Task, TaskRunner};

use crate::api::{ApiClient, ConfigSelection, Customer, Id, Identity, LoginResponse, MobileConfig, Page};
use crate::secrets::{SecretError, SecretStore};
use crate::ui::activity_log::ActivityLog;
use crate::ui::config_form::ConfigForm;
use crate::ui::customer_picker::CustomerPicker;
use crate::ui::employee_picker::EmployeePicker;
use crate::ui::result_panel::{Outcome, ResultPanel};
use crate::ui::sign_in::SignInForm;
use preferences::Preferences;

/// How the app starts.
pub struct AppOptions {
    /// The server to talk to; `None` uses the last one (or the demo).
    pub connection: Option<Connection>,
    /// The runtime API calls run on; it must outlive the app.
    pub runtime: tokio::runtime::Handle,
    /// Where "stay signed in" tokens live: the OS keyring, or an in-memory store in tests.
    pub secrets: SecretStore,
    /// Preferences to start from instead of eframe's own storage (tests).
    pub storage: Option<Box<dyn eframe::Storage>>,
}

/// A signed-in user: a client carrying the token, and who it is.
struct Session {
    client: ApiClient,
    identity: Identity,
    username: String,
    /// The token is in the OS keyring.
    remembered: bool,
}

/// The main screen's state, kept across "sign in again".
#[derive(Default)]
struct Workspace {
    customers: Option<CustomerPicker>,
    customer: Option<(Id, String)>,
    directory: Option<Arc<Directory>>,
    directory_error: Option<crate::api::ApiError>,
    progress: Arc<LoadProgress>,
    picker: EmployeePicker,
    form: Option<ConfigForm>,
    results: ResultPanel,
    show_log: bool,
    /// Employees of the customer with a config (copy sources), by name.
    copy_sources: Vec<(Id, String)>,
    bulk_dialog: Option<BulkDialog>,
    bulk: Option<BulkRun>,
}

/// The confirmation before a bulk run.
struct BulkDialog {
    copy: bool,
    source: Option<Id>,
    concurrency: usize,
}

/// The "sign in again" prompt, and what to do once signed in.
struct Reauth {
    form: SignInForm,
    retry: Vec<Command>,
}

/// Why a sign-in request was sent.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SignInPurpose {
    Start { persist: bool },
    Again,
}

/// A create on its way, attributed to its employee whatever the user does meanwhile.
#[derive(Clone)]
struct CreateAttempt {
    employee: Id,
    employee_name: String,
    sent: ConfigSelection,
    copy_from: Option<(Id, String)>,
}

/// One slot per kind of background request.
#[derive(Default)]
struct Tasks {
    sign_in: Option<Task<LoginResponse, SignInPurpose>>,
    sign_out: Option<Task<()>>,
    customers: Option<Task<Page<Customer>, (String, u64)>>,
    directory: Option<Task<Directory, Id>>,
    config: Option<Task<Option<MobileConfig>, Id>>,
    create: Option<Task<MobileConfig, CreateAttempt>>,
    sources: Option<Task<Vec<MobileConfig>, Id>>,
    export: Option<Task<Result<(), String>, std::path::PathBuf>>,
    restore: Option<Task<session_store::Restore>>,
    remember: Option<Task<Result<(), SecretError>, bool>>,
}

/// The desktop app.
pub struct AdminApp {
    runner: TaskRunner,
    link: Link,
    activity: ActivityLog,
    sign_in: SignInForm,
    notice: Option<String>,
    custom_url: String,
    session: Option<Session>,
    workspace: Workspace,
    reauth: Option<Reauth>,
    preferences: Preferences,
    secrets: SecretStore,
    /// A notice over the main screen (keyring or preference problems), until dismissed.
    banner: Option<String>,
    keyring_warned: bool,
    /// Closing was asked for during a bulk run; waiting for the user to confirm.
    confirm_close: bool,
    close_confirmed: bool,
    first_frame_done: bool,
    tasks: Tasks,
    commands: Vec<Command>,
}

impl AdminApp {
    /// Builds the app: loads the preferences, opens the connection (for the demo, this starts
    /// the in-process stand-in server) and, if the last user stayed signed in, starts checking
    /// their saved session in the background.
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        let storage = options.storage.as_deref().or(cc.storage);
        let (preferences, problem) = preferences::load(storage);
        crate::ui::theme::setup(&cc.egui_ctx, preferences.theme);
        let runner = TaskRunner::new(options.runtime, cc.egui_ctx.clone());
        let activity = ActivityLog::default();
        let connection = options
            .connection
            .or_else(|| preferences.connection.clone())
            .unwrap_or(Connection::Demo);
        let link = Link::open(connection, runner.runtime(), activity.observer());
        let custom_url = match &link.connection {
            Connection::Custom(url) => url.clone(),
            _ => preferences.custom_url.clone(),
        };
        let mut sign_in = SignInForm::for_user(&preferences.last_username);
        sign_in.persist = preferences.stay_signed_in;
        let workspace = Workspace {
            show_log: preferences.show_log,
            ..Workspace::default()
        };
        let mut app = Self {
            runner,
            link,
            activity,
            sign_in,
            notice: None,
            custom_url,
            session: None,
            workspace,
            reauth: None,
            preferences,
            secrets: options.secrets,
            banner: problem,
            keyring_warned: false,
            confirm_close: false,
            close_confirmed: false,
            first_frame_done: false,
            tasks: Tasks::default(),
            commands: Vec::new(),
        };
        app.restore_session();
        app
    }

    /// Whether a user is signed in.
    pub fn is_signed_in(&self) -> bool {
        self.session.is_some()
    }

    /// Whether the signed-in user's token is saved in the keyring.
    pub fn is_session_remembered(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.remembered)
    }

    /// The notice shown over the main screen, if any.
    pub fn banner(&self) -> Option<&str> {
        self.banner.as_deref()
    }

    /// Whether the "sign in again" prompt is open.
    pub fn is_asking_to_sign_in_again(&self) -> bool {
        self.reauth.is_some()
    }

    /// The employee whose config is in the form.
    pub fn selected_employee(&self) -> Option<&Id> {
        self.workspace.form.as_ref().map(|f| &f.employee)
    }

    /// The form's current selection.
    pub fn form_selection(&self) -> Option<ConfigSelection> {
        self.workspace.form.as_ref().map(ConfigForm::selection)
    }

    /// Items the form marks as refused by the server.
    pub fn highlighted_items(&self) -> Vec<Id> {
        self.workspace
            .form
            .as_ref()
            .map(ConfigForm::highlighted)
            .unwrap_or_default()
    }

    /// The newest create result.
    pub fn latest_outcome(&self) -> Option<&Outcome> {
        self.workspace.results.latest()
    }

    /// The loaded directory of the current customer.
    pub fn directory(&self) -> Option<&Directory> {
        self.workspace.directory.as_deref()
    }

    /// Employees matching the picker's search.
    pub fn picker_match_count(&self) -> usize {
        self.workspace.picker.match_count()
    }

    /// Whether any request is in flight.
    pub fn is_busy(&self) -> bool {
        let t = &self.tasks;
        t.sign_in.is_some()
            || t.sign_out.is_some()
            || t.customers.is_some()
            || t.directory.is_some()
            || t.config.is_some()
            || t.create.is_some()
            || t.restore.is_some()
            || t.sources.is_some()
            || t.export.is_some()
            || t.remember.is_some()
    }

    /// The employees checked in the picker.
    pub fn checked_employees(&self) -> usize {
        self.workspace.picker.checked().len()
    }

    /// The current bulk run, if any.
    pub fn bulk_run(&self) -> Option<&BulkRun> {
        self.workspace.bulk.as_ref()
    }

    /// Whether the app asks to confirm closing during a bulk run.
    pub fn is_confirming_close(&self) -> bool {
        self.confirm_close
    }

    /// The activity log.
    pub fn activity(&self) -> &ActivityLog {
        &self.activity
    }
}

impl eframe::App for AdminApp {
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.preferences.theme = self.runner.ctx().options(|o| o.theme_preference);
        self.preferences.show_log = self.workspace.show_log;
        self.preferences.custom_url = self.custom_url.clone();
        preferences::save(storage, &self.preferences);
    }

    fn logic(&mut self, ctx: &egui::Context, _frame: &mut eframe::Frame) {
        let running = self.workspace.bulk.as_ref().is_some_and(BulkRun::is_running);
        if running && !self.close_confirmed && ctx.input(|i| i.viewport().close_requested()) {
            // Closing mid-run asks first (see the confirmation in `view.rs`).
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.confirm_close = true;
        }
        self.poll_tasks();
        self.run_commands();
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let mut commands = std::mem::take(&mut self.commands);
        self.draw(ui, &mut commands);
        self.commands = commands;
        self.run_commands();
        if !std::mem::replace(&mut self.first_frame_done, true) {
            report_first_frame();
        }
    }
}

/// For the start-up benchmark: with `MOBILECONFIG_ADMIN_FIRST_FRAME` set, says when the first
/// frame has been laid out (checked once per run).
fn report_first_frame() {
    if std::env::var_os("MOBILECONFIG_ADMIN_FIRST_FRAME").is_some() {
        use std::io::Write as _;
        let mut out = std::io::stdout().lock();
        writeln!(out, "first frame").ok();
        out.flush().ok();
    }
}
