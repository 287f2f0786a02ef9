//! Where commands run and background results land: the only code that changes app state in
//! response to the user or the server.

use std::sync::Arc;

use crate::api::{ApiError, ConfigSelection, Id, LoginRequest};
use crate::ui::config_form::ConfigForm;
use crate::ui::customer_picker::CustomerPicker;
use crate::ui::result_panel::Outcome;
use crate::ui::sign_in::SignInForm;

use super::bulk::BulkAction;
use super::bulk_run::BulkRun;
use super::connection::Link;
use super::directory::{LoadProgress, load_directory};
use super::tasks::take_finished;
use super::{AdminApp, BulkDialog, Command, CreateAttempt, Reauth, Session, SignInPurpose, Workspace};

/// Customers shown per search.
const CUSTOMER_PAGE: u64 = 100;

impl AdminApp {
    /// Runs every queued command.
    pub(super) fn run_commands(&mut self) {
        for command in std::mem::take(&mut self.commands) {
            self.run(command);
        }
    }

    fn run(&mut self, command: Command) {
        match command {
            Command::ChooseConnection(connection) => {
                if self.session.is_none() && connection != self.link.connection {
                    self.preferences.connection = Some(connection.clone());
                    self.link = Link::open(connection, self.runner.runtime(), self.activity.observer());
                    self.sign_in.error = None;
                }
            }
            Command::SignIn(request) => self.start_sign_in(request),
            Command::SignOut => self.sign_out(),
            Command::SearchCustomers(query) => self.search_customers(query, 0),
            Command::MoreCustomers { query, offset } => self.search_customers(query, offset),
            Command::SelectCustomer { id, name } => {
                if let Some(session) = &self.session {
                    let key = super::session_store::account(&self.link.connection, &session.username);
                    let saved = super::preferences::SavedCustomer {
                        id: id.clone(),
                        name: name.clone(),
                    };
                    self.preferences.last_customers.insert(key, saved);
                }
                self.workspace.customer = Some((id, name));
                self.workspace.form = None;
                self.load_directory();
            }
            Command::ReloadDirectory => self.load_directory(),
            Command::SelectEmployee(employee) => self.select_employee(employee),
            Command::ReloadConfig => {
                if let Some(form) = &self.workspace.form {
                    let employee = form.employee.clone();
                    self.load_config(employee);
                }
            }
            Command::Create => {
                if let Some(form) = self.workspace.form.as_ref().filter(|f| f.is_ready()) {
                    let attempt = CreateAttempt {
                        employee: form.employee.clone(),
                        employee_name: form.employee_name.clone(),
                        sent: form.selection(),
                        copy_from: None,
                    };
                    self.create(attempt);
                }
            }
            Command::RetryCreate { employee, selection } => {
                let employee_name = self.name_of(&employee);
                self.create(CreateAttempt {
                    employee,
                    employee_name,
                    sent: selection,
                    copy_from: None,
                });
            }
            Command::CopyFrom { source, target } => {
                let source_name = self.name_of(&source);
                let employee_name = self.name_of(&target);
                self.create(CreateAttempt {
                    employee: target,
                    employee_name,
                    sent: ConfigSelection::default(),
                    copy_from: Some((source, source_name)),
                });
            }
            Command::OpenBulk => {
                let form_ready = self.workspace.form.as_ref().is_some_and(ConfigForm::is_ready);
                self.workspace.bulk_dialog = Some(BulkDialog {
                    copy: !form_ready,
                    source: None,
                    concurrency: 4,
                });
            }
            Command::StartBulk { action, concurrency } => self.start_bulk(action, concurrency),
            Command::CancelBulk => {
                if let Some(run) = &self.workspace.bulk {
                    run.cancel();
                }
            }
            Command::RetryFailedBulk => {
                if let (Some(run), Some(client)) = (
                    &mut self.workspace.bulk,
                    self.session.as_ref().map(|s| s.client.clone()),
                ) {
                    run.retry_failed(&self.runner, client);
                }
            }
            Command::ResumeBulk => {
                if let (Some(run), Some(session)) = (&self.workspace.bulk, &self.session) {
                    run.resume(session.client.clone());
                }
            }
            Command::ExportBulkReport(path) => self.export_report(path),
        }
    }

    fn start_bulk(&mut self, action: BulkAction, concurrency: usize) {
        let (Some(client), Some(directory)) = (self.client(), self.workspace.directory.clone()) else {
            return;
        };
        if self.workspace.bulk.as_ref().is_some_and(BulkRun::is_running) {
            return;
        }
        let checked = self.workspace.picker.checked();
        // In picker order, with names, so the report reads like the list.
        let targets: Vec<(Id, String)> = directory
            .people
            .iter()
            .filter(|p| checked.contains(&p.id))
            .map(|p| (p.id.clone(), p.name.clone()))
            .collect();
        let label = match &action {
            BulkAction::Apply(selection) => format!(
                "apply {} colleagues and {} queues",
                selection.colleagues.len(),
                selection.queues.len()
            ),
            BulkAction::CopyFrom(source) => format!("copy {}'s config", self.name_of(source)),
        };
        self.workspace.bulk_dialog = None;
        self.workspace.bulk = Some(BulkRun::start(
            &self.runner,
            client,
            label,
            action,
            targets,
            concurrency,
        ));
    }

    fn export_report(&mut self, path: std::path::PathBuf) {
        let Some(run) = &self.workspace.bulk else { return };
        let csv = run.report_csv().map_err(|e| e.to_string());
        let target = path.clone();
        self.tasks.export = Some(self.runner.spawn(path, async move {
            let written = tokio::task::spawn_blocking(move || {
                csv.and_then(|text| std::fs::write(&target, text).map_err(|e| e.to_string()))
            })
            .await
            .map_err(|e| ApiError::Internal {
                detail: e.to_string(),
            })?;
            Ok(written)
        }));
    }

    /// Names the employees with a config (the copy sources), or says why there are none.
    fn copy_sources_loaded(&mut self, result: Result<Vec<crate::api::MobileConfig>, ApiError>) {
        let configs = match result {
            Ok(configs) => configs,
            Err(ApiError::SignInRequired(_)) => {
                self.ask_to_sign_in_again(Command::ReloadDirectory);
                return;
            }
            Err(error) => {
                self.banner = Some(format!(
                    "The configs to copy from could not be loaded, so Copy from is not offered: {}",
                    error.user_message()
                ));
                return;
            }
        };
        let directory = self.workspace.directory.clone();
        let name = |id: &Id| {
            directory
                .as_ref()
                .and_then(|d| d.person(id))
                .map(|p| p.name.clone())
        };
        let mut sources: Vec<(Id, String)> = configs
            .into_iter()
            .map(|c| (c.id.clone(), name(&c.id).unwrap_or_else(|| c.id.to_string())))
            .collect();
        sources.sort_by_cached_key(|(_, name)| name.to_lowercase());
        self.workspace.copy_sources = sources;
    }

    fn load_copy_sources(&mut self) {
        let (Some(session), Some((customer, _))) = (&self.session, &self.workspace.customer) else {
            return;
        };
        // Listing configs needs VIEWER; PERSONAL users copy nothing.
        if !session
            .identity
            .access_level
            .at_least(&crate::api::AccessLevel::Viewer)
        {
            return;
        }
        let client = session.client.clone();
        let customer = customer.clone();
        let id = customer.clone();
        self.tasks.sources =
            Some(self.runner.spawn(
                customer,
                async move { client.mobile_configs(Some(&id), None).await },
            ));
    }

    fn client(&self) -> Option<crate::api::ApiClient> {
        self.session.as_ref().map(|s| s.client.clone())
    }

    fn start_sign_in(&mut self, request: LoginRequest) {
        let purpose = if self.reauth.is_some() {
            SignInPurpose::Again
        } else {
            SignInPurpose::Start {
                persist: request.persist,
            }
        };
        let client = match &self.link.client {
            Ok(client) => client.clone(),
            Err(error) => {
                self.sign_in.failed(error.clone());
                return;
            }
        };
        self.notice = None;
        self.tasks.sign_in = Some(
            self.runner
                .spawn(purpose, async move { client.login(&request).await }),
        );
    }

    fn sign_out(&mut self) {
        if let Some(session) = self.session.take() {
            let client = session.client;
            self.tasks.sign_out = Some(self.runner.spawn((), async move { client.logout().await }));
            self.forget_token(&session.username);
        }
        self.tasks.restore = None;
        self.workspace = Workspace {
            show_log: self.workspace.show_log,
            ..Workspace::default()
        };
        self.reauth = None;
        self.tasks.customers = None;
        self.tasks.directory = None;
        self.tasks.config = None;
        self.tasks.create = None;
        self.sign_in.succeeded();
    }

    fn search_customers(&mut self, query: String, offset: u64) {
        let Some(client) = self.client() else { return };
        let filter = query.clone();
        self.tasks.customers = Some(self.runner.spawn((query, offset), async move {
            let filter = Some(filter.as_str()).filter(|f| !f.is_empty());
            client.customers_page(filter, offset, CUSTOMER_PAGE).await
        }));
    }

    fn load_directory(&mut self) {
        let (Some(session), Some((customer, _))) = (&self.session, &self.workspace.customer) else {
            return;
        };
        let progress = Arc::new(LoadProgress::default());
        self.workspace.progress = Arc::clone(&progress);
        self.workspace.directory = None;
        self.workspace.directory_error = None;
        self.workspace.picker.reset();
        let ctx = self.runner.ctx().clone();
        let wake: Arc<dyn Fn() + Send + Sync> = Arc::new(move || ctx.request_repaint());
        let work = load_directory(
            session.client.clone(),
            customer.clone(),
            session.identity.access_level.clone(),
            progress,
            wake,
        );
        self.tasks.directory = Some(self.runner.spawn(customer.clone(), work));
    }

    fn select_employee(&mut self, employee: Id) {
        if self
            .workspace
            .form
            .as_ref()
            .is_some_and(|f| f.employee == employee)
        {
            return;
        }
        let name = self.name_of(&employee);
        self.workspace.form = Some(ConfigForm::new(employee.clone(), name));
        self.load_config(employee);
    }

    fn load_config(&mut self, employee: Id) {
        let Some(client) = self.client() else { return };
        let id = employee.clone();
        self.tasks.config = Some(self.runner.spawn(employee, async move {
            match client.mobile_config(&id).await {
                Ok(config) => Ok(Some(config)),
                // No config yet is a normal state: the form starts empty.
                Err(ApiError::Http(error)) if error.status == 404 => Ok(None),
                Err(error) => Err(error),
            }
        }));
    }

    fn create(&mut self, attempt: CreateAttempt) {
        // One write at a time: no double submit.
        if self.tasks.create.is_some() {
            return;
        }
        let Some(client) = self.client() else { return };
        let (employee, selection) = (attempt.employee.clone(), attempt.sent.clone());
        let source = attempt.copy_from.as_ref().map(|(id, _)| id.clone());
        self.tasks.create = Some(self.runner.spawn(attempt, async move {
            match source {
                Some(source) => client.copy_mobile_config(&source, &employee).await,
                None => client.create_mobile_config(&employee, Some(&selection)).await,
            }
        }));
    }

    fn name_of(&self, employee: &Id) -> String {
        self.workspace
            .directory
            .as_ref()
            .and_then(|d| d.person(employee))
            .map_or_else(|| employee.to_string(), |p| p.name.clone())
    }

    /// Opens the "sign in again" prompt, keeping everything; `retry` runs once signed in.
    fn ask_to_sign_in_again(&mut self, retry: Command) {
        let username = self.sign_in.username.clone();
        let reauth = self.reauth.get_or_insert_with(|| Reauth {
            form: SignInForm::for_user(&username),
            retry: Vec::new(),
        });
        if !reauth
            .retry
            .iter()
            .any(|r| std::mem::discriminant(r) == std::mem::discriminant(&retry))
        {
            reauth.retry.push(retry);
        }
    }

    /// Moves finished background results into the app state.
    pub(super) fn poll_tasks(&mut self) {
        if let Some(((), result)) = take_finished(&mut self.tasks.restore) {
            self.restored(result);
        }
        if let Some((saved, result)) = take_finished(&mut self.tasks.remember) {
            self.remembered(saved, result);
        }
        if let Some((purpose, result)) = take_finished(&mut self.tasks.sign_in) {
            self.signed_in(purpose, result);
        }
        if let Some(((), result)) = take_finished(&mut self.tasks.sign_out)
            && let Err(error) = result
        {
            self.notice = Some(format!(
                "You are signed out on this computer, but the server could not be told: {}",
                error.user_message()
            ));
        }
        if let Some(((query, offset), result)) = take_finished(&mut self.tasks.customers) {
            if let Err(ApiError::SignInRequired(_)) = &result {
                let retry = Command::MoreCustomers {
                    query: query.clone(),
                    offset,
                };
                self.ask_to_sign_in_again(retry);
            }
            if let Some(picker) = &mut self.workspace.customers {
                let results = result.map(|page| {
                    let total = page.total.unwrap_or(page.items.len() as u64);
                    (page.items, total)
                });
                picker.show_results(&query, offset, results);
            }
        }
        if let Some((customer, result)) = take_finished(&mut self.tasks.directory) {
            self.directory_loaded(&customer, result);
        }
        if let Some((employee, result)) = take_finished(&mut self.tasks.config) {
            if let Err(ApiError::SignInRequired(_)) = &result {
                self.ask_to_sign_in_again(Command::ReloadConfig);
            }
            if let Some(form) = self.workspace.form.as_mut().filter(|f| f.employee == employee) {
                form.loaded(result);
            }
        }
        if let Some((attempt, result)) = take_finished(&mut self.tasks.create) {
            self.created(attempt, result);
        }
        if let Some((customer, result)) = take_finished(&mut self.tasks.sources)
            && self
                .workspace
                .customer
                .as_ref()
                .is_some_and(|(id, _)| id == &customer)
        {
            self.copy_sources_loaded(result);
        }
        if let Some((path, result)) = take_finished(&mut self.tasks.export) {
            self.banner = Some(match result {
                Ok(Ok(())) => format!("Report saved to {}", path.display()),
                Ok(Err(error)) => format!("The report could not be saved to {}: {error}", path.display()),
                Err(error) => error.user_message(),
            });
        }
        if let Some(run) = &mut self.workspace.bulk
            && run.drain()
        {
            self.ask_to_sign_in_again(Command::ResumeBulk);
        }
    }

    fn signed_in(&mut self, purpose: SignInPurpose, result: Result<crate::api::LoginResponse, ApiError>) {
        let Ok(link_client) = &self.link.client else {
            return;
        };
        let response = match result {
            Ok(response) => response,
            Err(error) => {
                match (&mut self.reauth, &purpose) {
                    (Some(reauth), SignInPurpose::Again) => reauth.form.failed(error),
                    _ => self.sign_in.failed(error),
                }
                return;
            }
        };
        let client = link_client.with_token(response.token.clone());
        let same_user = self
            .session
            .as_ref()
            .is_some_and(|s| s.identity.employee == response.identity.employee);
        let persist = match (&purpose, &self.reauth) {
            (SignInPurpose::Start { persist }, _) => *persist,
            (SignInPurpose::Again, Some(reauth)) => reauth.form.persist,
            (SignInPurpose::Again, None) => false,
        };
        if let Some(reauth) = self.reauth.take() {
            self.sign_in.username = reauth.form.username.clone();
            if purpose == SignInPurpose::Again && same_user {
                // The same user again: keep everything and retry what the session's end stopped.
                self.commands.extend(reauth.retry);
                if let Some(session) = &mut self.session {
                    session.client = client;
                    session.identity = response.identity;
                }
                self.after_sign_in(&response.token, persist);
                return;
            }
        }
        // A first sign-in, or someone else signing in at the prompt: start afresh.
        self.sign_in.succeeded();
        let username = self.sign_in.username.trim().to_owned();
        self.start_session(client, response.identity, username, false);
        self.after_sign_in(&response.token, persist);
    }

    /// Remembers who signed in, and saves or forgets their token.
    fn after_sign_in(&mut self, token: &crate::api::Token, persist: bool) {
        let username = self.sign_in.username.trim().to_owned();
        self.preferences.last_username = username.clone();
        self.preferences.stay_signed_in = persist;
        self.remember_token(&username, token, persist);
    }

    /// Opens the main screen for a signed-in user: reseller staff pick a customer (their last
    /// one is reopened), everyone else works in their own.
    pub(super) fn start_session(
        &mut self,
        client: crate::api::ApiClient,
        identity: crate::api::Identity,
        username: String,
        remembered: bool,
    ) {
        self.workspace = Workspace {
            show_log: self.workspace.show_log,
            ..Workspace::default()
        };
        if identity.access_level.works_across_customers() {
            self.workspace.customers = Some(CustomerPicker::default());
            self.commands.extend(self.last_customer_command(&username));
        } else {
            let name = identity
                .customer_name
                .clone()
                .unwrap_or_else(|| identity.customer.to_string());
            self.workspace.customer = Some((identity.customer.clone(), name));
        }
        self.session = Some(Session {
            client,
            identity,
            username,
            remembered,
        });
        self.load_directory();
    }

    fn directory_loaded(&mut self, customer: &Id, result: Result<super::Directory, ApiError>) {
        if self.workspace.customer.as_ref().map(|(id, _)| id) != Some(customer) {
            return; // The user picked another customer meanwhile.
        }
        match result {
            Ok(directory) => {
                self.workspace.directory = Some(Arc::new(directory));
                self.workspace.picker.reset();
                self.load_copy_sources();
            }
            Err(ApiError::SignInRequired(_)) => self.ask_to_sign_in_again(Command::ReloadDirectory),
            Err(error) => self.workspace.directory_error = Some(error),
        }
    }

    fn created(&mut self, attempt: CreateAttempt, result: Result<crate::api::MobileConfig, ApiError>) {
        if let Err(ApiError::SignInRequired(_)) = &result {
            // Nothing was stored; the prompt keeps the form and sends it again once signed in.
            self.ask_to_sign_in_again(Command::RetryCreate {
                employee: attempt.employee,
                selection: attempt.sent,
            });
            return;
        }
        if let Some(form) = self
            .workspace
            .form
            .as_mut()
            .filter(|f| f.employee == attempt.employee)
        {
            match &result {
                Ok(config) => form.apply_created(config),
                Err(error) => form.highlight(&error.field_refs(), &attempt.sent),
            }
        }
        let wrote = result.is_ok();
        let outcome = Outcome::new(
            attempt.employee,
            attempt.employee_name,
            attempt.sent,
            attempt.copy_from,
            result,
            self.workspace.directory.as_deref(),
        );
        self.workspace.results.push(outcome);
        if wrote {
            // A new config is a new copy source.
            self.load_copy_sources();
        }
    }
}
