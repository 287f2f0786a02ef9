//! Set-up and waiting helpers for the GUI tests.

use std::sync::Arc;
use std::time::{Duration, Instant};

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use mobileconfig_admin::api::Id;
use mobileconfig_admin::app::connection::Connection;
use mobileconfig_admin::app::{AdminApp, AppOptions};
use mobileconfig_admin::demo::{DEMO_PASSWORD, DemoOptions, DemoServer, ManualClock};
use mobileconfig_admin::secrets::SecretStore;

/// Longest wait for anything the app does in the background.
pub const TIMEOUT: Duration = Duration::from_secs(30);

pub struct Gui {
    pub harness: Harness<'static, AdminApp>,
    pub server: DemoServer,
    pub clock: Arc<ManualClock>,
    // Declared last: dropped after the harness and the server that run on it.
    pub runtime: tokio::runtime::Runtime,
}

pub fn gui() -> Gui {
    gui_with(&DemoOptions::default())
}

/// An app for `server`, with the given keyring and preferences storage.
pub fn app_for(
    server: &DemoServer,
    runtime: &tokio::runtime::Runtime,
    secrets: SecretStore,
    storage: Option<Box<dyn eframe::Storage>>,
) -> Harness<'static, AdminApp> {
    app_sized(server, runtime, secrets, storage, [1280.0, 860.0])
}

/// [`app_for`] in a window of the given size.
pub fn app_sized(
    server: &DemoServer,
    runtime: &tokio::runtime::Runtime,
    secrets: SecretStore,
    storage: Option<Box<dyn eframe::Storage>>,
    size: [f32; 2],
) -> Harness<'static, AdminApp> {
    let handle = runtime.handle().clone();
    let url = server.base_url().to_owned();
    Harness::builder().with_size(size).build_eframe(move |cc| {
        AdminApp::new(
            cc,
            AppOptions {
                connection: Some(Connection::Custom(url)),
                runtime: handle,
                secrets,
                storage,
            },
        )
    })
}

/// Preferences storage as files in a directory, one per key, so a test can read every byte
/// the app wrote. Clones share the directory.
#[derive(Clone)]
pub struct DirStorage {
    pub dir: std::path::PathBuf,
}

impl DirStorage {
    pub fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("mobileconfig-admin-{name}-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self { dir }
    }

    fn path(&self, key: &str) -> std::path::PathBuf {
        self.dir
            .join(key.replace(|c: char| !c.is_ascii_alphanumeric(), "_"))
    }

    /// Everything the app wrote.
    pub fn contents(&self) -> String {
        let mut all = String::new();
        for entry in std::fs::read_dir(&self.dir).expect("dir").flatten() {
            all.push_str(&std::fs::read_to_string(entry.path()).expect("text"));
        }
        all
    }
}

impl eframe::Storage for DirStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        std::fs::read_to_string(self.path(key)).ok()
    }

    fn set_string(&mut self, key: &str, value: String) {
        std::fs::write(self.path(key), value).expect("write");
    }

    fn remove_string(&mut self, key: &str) {
        std::fs::remove_file(self.path(key)).ok();
    }

    fn flush(&mut self) {}
}

pub fn gui_with(options: &DemoOptions) -> Gui {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let clock = Arc::new(ManualClock::new());
    let options = DemoOptions {
        clock: clock.clone(),
        latency: options.latency,
        large_customer_employees: options.large_customer_employees,
    };
    let server = runtime
        .block_on(DemoServer::start_local(options))
        .expect("stand-in starts");
    let harness = app_for(&server, &runtime, SecretStore::in_memory(), None);
    Gui {
        harness,
        server,
        clock,
        runtime,
    }
}

impl Gui {
    /// Steps frames until `done` holds, failing after [`TIMEOUT`]. The short pause between
    /// frames only yields the CPU to the background tasks; the condition is what is waited on.
    pub fn wait_until(&mut self, what: &str, done: impl Fn(&Harness<'static, AdminApp>) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            self.harness.step();
            if done(&self.harness) {
                // Let the frame that reacts to the change run too.
                self.harness.step();
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until a node labelled exactly `label` is in the tree.
    pub fn wait_for_label(&mut self, label: &str) {
        self.wait_until(&format!("{label:?} shows"), |h| h.query_by_label(label).is_some());
    }

    pub fn type_into(&mut self, label: &str, text: &str) {
        // By label alone: a password field's role is PasswordInput, not TextInput.
        self.harness.get_by_label(label).focus();
        self.harness.step();
        self.harness.get_by_label(label).type_text(text);
        self.harness.step();
    }

    /// Clicks, then runs the frame that handles the click and the one that lays out its
    /// effect, so the next query sees where widgets are now.
    pub fn click(&mut self, label: &str) {
        self.harness.get_by_label(label).click();
        self.harness.step();
        self.harness.step();
    }

    /// Signs in through the form and waits for the main screen.
    pub fn sign_in(&mut self, username: &str) {
        self.wait_for_label("Username");
        self.replace_text("Username", username);
        self.replace_text("Password", DEMO_PASSWORD);
        self.click("Sign in");
        self.wait_until("signed in", |h| h.state().is_signed_in());
    }

    /// Waits for the customer's employees and queues.
    pub fn wait_for_directory(&mut self) {
        self.wait_until("the directory loaded", |h| h.state().directory().is_some());
    }

    /// Replaces a field's text, as a user selecting all and typing would.
    pub fn replace_text(&mut self, label: &str, text: &str) {
        self.harness.get_by_label(label).focus();
        self.harness.step();
        self.harness
            .key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        self.harness.step();
        self.harness.get_by_label(label).type_text(text);
        self.harness.step();
    }

    /// Picks an employee by searching for their e-mail and clicking the one matching row.
    pub fn pick_employee(&mut self, email: &str) {
        self.replace_text("Search employees", email);
        self.harness.get_by_label_contains(email).click();
        self.wait_until("the config form loaded", |h| {
            h.state().selected_employee().is_some() && h.query_by_label("Create").is_some()
        });
    }

    pub fn customer(&self, name: &str) -> Id {
        self.server.customer_id(name).expect("known customer")
    }
}
