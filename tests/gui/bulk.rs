//! Copying a config, and bulk runs over many employees, through the GUI.

use egui::Modifiers;
use egui_kittest::kittest::Queryable as _;
use mobileconfig_admin::api::{ApiClient, ClientConfig, GroupType, Id, LoginRequest};
use mobileconfig_admin::app::bulk_run::RowState;
use mobileconfig_admin::demo::{DEMO_PASSWORD, Fault, FaultRule, pairs};
use mobileconfig_admin::secrets::SecretStore;
use reqwest::Method;

use crate::common::{Gui, app_sized, gui};

fn person(gui: &Gui, customer: &str, name: &str) -> Id {
    let customer = gui.customer(customer);
    gui.server
        .employees_of(&customer)
        .into_iter()
        .find_map(|(id, n)| (n == name).then_some(id))
        .expect("seeded person")
}

/// A config as the server has it, read with a fresh admin session.
fn server_config(gui: &Gui, employee: &Id) -> (Vec<Id>, Vec<Id>) {
    let client = ApiClient::new(&ClientConfig::new(gui.server.base_url())).expect("client");
    gui.runtime.block_on(async {
        let login = LoginRequest {
            username: "admin@telecomx.demo".into(),
            password: DEMO_PASSWORD.into(),
            ..LoginRequest::default()
        };
        let admin = client.with_token(client.login(&login).await.expect("login").token);
        let config = admin.mobile_config(employee).await.expect("config");
        (
            config.item_ids(&GroupType::Colleagues),
            config.item_ids(&GroupType::Queues),
        )
    })
}

#[test]
fn copy_a_config_between_two_employees() {
    let mut gui = gui();
    gui.sign_in("owner@bagerhansen.demo");
    gui.wait_for_directory();
    gui.pick_employee("martin.poulsen@bagerhansen.dk");
    gui.wait_until("copy sources loaded", |h| h.query_by_label("Copy from").is_some());
    // Hide the available colleagues so the source's name is only in the menu.
    gui.replace_text("Filter colleagues", "zzz");
    gui.click("Copy from");
    gui.click("Bo Andersen");
    gui.click("Copy");
    gui.wait_until("the copy result arrived", |h| {
        h.state().latest_outcome().is_some()
    });

    let outcome = gui.harness.state().latest_outcome().expect("outcome");
    assert!(outcome.result.is_ok(), "{:?}", outcome.result);
    assert!(
        gui.harness
            .query_by_label_contains("Copied Bo Andersen's config to Martin Poulsen")
            .is_some()
    );
    let (source, target) = (
        person(&gui, "Bager Hansen ApS", "Bo Andersen"),
        person(&gui, "Bager Hansen ApS", "Martin Poulsen"),
    );
    let (source_colleagues, source_queues) = server_config(&gui, &source);
    let (colleagues, queues) = server_config(&gui, &target);
    let expected: Vec<Id> = source_colleagues.into_iter().filter(|c| c != &target).collect();
    assert_eq!(
        colleagues, expected,
        "the source's colleagues, less the target itself"
    );
    assert_eq!(queues, source_queues);
    assert_eq!(
        gui.harness.state().form_selection().map(|s| s.colleagues),
        Some(expected),
        "the form shows it"
    );
}

#[test]
fn bulk_run_over_thirty_with_one_failure_then_retry_failed() {
    let (mut gui, people) = prepare_run(30);
    assert!(gui.harness.query_by_label("30 selected").is_some());

    let broken = people[17].0.clone();
    gui.server.inject_fault(
        FaultRule::new(
            format!("/pbx/app/mobileconfig/{broken}"),
            Fault::from_pair(pairs::INTERNAL),
        )
        .method(Method::POST),
    );
    gui.click("Apply to 30 selected…");
    gui.wait_for_label("Apply to 30 employees");
    gui.click("Start (30)");
    gui.wait_until("the run finished", |h| {
        h.state().bulk_run().is_some_and(|r| !r.is_running())
    });

    let run = gui.harness.state().bulk_run().expect("run");
    assert_eq!(run.counts(), (29, 1, 0, 0));
    assert!(matches!(run.rows[17], RowState::Failed(_)));
    assert!(
        gui.harness
            .query_by_label("done 29 · failed 1 · remaining 0")
            .is_some()
    );
    let failed_row = format!("{}: failed:", people[17].1);
    assert!(
        gui.harness.query_by_label_contains(&failed_row).is_some(),
        "the failure is explained"
    );

    gui.server.clear_faults();
    gui.click("Retry failed");
    gui.wait_until("the retry finished", |h| {
        h.state().bulk_run().is_some_and(|r| !r.is_running())
    });
    assert_eq!(
        gui.harness
            .state()
            .bulk_run()
            .map(mobileconfig_admin::app::bulk_run::BulkRun::counts),
        Some((30, 0, 0, 0))
    );
    assert!(
        gui.harness
            .query_by_label("done 30 · failed 0 · remaining 0")
            .is_some()
    );
    for (id, name) in &people {
        assert_eq!(
            gui.server.successful_writes(id),
            1,
            "exactly one successful create for {name}"
        );
    }

    // The report exports as CSV, without secrets.
    let path = std::env::temp_dir().join(format!("bulk-report-{}.csv", std::process::id()));
    gui.replace_text("Report file", &path.display().to_string());
    gui.click("Export CSV");
    gui.wait_until("the report is saved", |h| {
        h.state().banner().is_some_and(|b| b.contains("Report saved"))
    });
    let csv = std::fs::read_to_string(&path).expect("report written");
    assert_eq!(csv.lines().count(), 31, "a header and one line per employee");
    assert!(csv.starts_with("employee_id,employee,outcome,error_code,http_status,error"));
    assert_eq!(csv.matches(",done,").count(), 30);
    std::fs::remove_file(&path).ok();
}

/// Signs in the Fjordhavn manager in a tall window, fills the form (one colleague, one queue)
/// and checks the first `count` employees with a click and a Shift-click.
fn prepare_run(count: usize) -> (Gui, Vec<(Id, String)>) {
    let mut gui = gui();
    gui.harness = app_sized(
        &gui.server,
        &gui.runtime,
        SecretStore::in_memory(),
        None,
        [1280.0, 1500.0],
    );
    gui.sign_in("manager@fjordhavn.demo");
    gui.wait_for_directory();
    let people: Vec<(Id, String)> = gui.harness.state().directory().expect("directory").people[..count]
        .iter()
        .map(|p| (p.id.clone(), p.name.clone()))
        .collect();
    gui.pick_employee("manager@fjordhavn.demo");
    gui.click("Clear search");
    gui.click("Add Booking");
    gui.click(&format!("Select {}", people[0].1));
    gui.harness
        .get_by_label(&format!("Select {}", people[count - 1].1))
        .click_modifiers(Modifiers::SHIFT);
    gui.harness.step();
    gui.harness.step();
    assert_eq!(gui.harness.state().checked_employees(), count);
    (gui, people)
}

fn start_run(gui: &mut Gui, count: usize) {
    gui.click(&format!("Apply to {count} selected…"));
    gui.wait_for_label(&format!("Apply to {count} employees"));
    gui.click(&format!("Start ({count})"));
}

/// Starts a run over `count` employees against a server answering each create after
/// `delay_ms`, and waits until `done` of them are done.
fn start_slow_run(count: usize, delay_ms: u64, done: usize) -> (Gui, Vec<(Id, String)>) {
    let (mut gui, people) = prepare_run(count);
    let slow = FaultRule::new(
        "/pbx/app/mobileconfig/",
        Fault::Delay(std::time::Duration::from_millis(delay_ms)),
    )
    .method(Method::POST);
    gui.server.inject_fault(slow);
    start_run(&mut gui, count);
    gui.wait_until("a few are done", |h| {
        h.state().bulk_run().is_some_and(|r| r.counts().0 >= done)
    });
    (gui, people)
}

fn counts(gui: &Gui) -> (usize, usize, usize, usize) {
    gui.harness
        .state()
        .bulk_run()
        .map_or((0, 0, 0, 0), mobileconfig_admin::app::bulk_run::BulkRun::counts)
}

#[test]
fn closing_mid_run_asks_first_and_cancel_lists_the_ones_not_attempted() {
    let (mut gui, people) = start_slow_run(30, 200, 4);

    // The window's close button during a run asks first.
    gui.harness
        .input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    gui.harness.step();
    gui.harness.step();
    assert!(gui.harness.state().is_confirming_close());
    assert!(gui.harness.query_by_label("A bulk run is still going").is_some());
    gui.click("Keep running");
    assert!(!gui.harness.state().is_confirming_close());

    gui.click("Cancel run");
    gui.wait_until("the run stopped", |h| {
        h.state().bulk_run().is_some_and(|r| !r.is_running())
    });
    let (done, failed, not_attempted, remaining) = counts(&gui);
    assert_eq!((failed, remaining), (0, 0));
    assert!(not_attempted > 0, "the cancel left some out");
    assert_eq!(done + not_attempted, 30);
    let written: u32 = people
        .iter()
        .map(|(id, _)| gui.server.successful_writes(id))
        .sum();
    assert_eq!(written as usize, done, "no request started after the cancel");
    assert!(
        gui.harness
            .query_by_label_contains(&format!("not attempted {not_attempted}"))
            .is_some()
    );
    let run = gui.harness.state().bulk_run().expect("run");
    let listed = run
        .rows
        .iter()
        .filter(|r| matches!(r, RowState::NotAttempted))
        .count();
    assert_eq!(listed, not_attempted, "each one left out is in the report");
    let csv = run.report_csv().expect("csv");
    assert_eq!(csv.matches(",not attempted,").count(), not_attempted);
}

#[test]
fn an_expired_session_pauses_the_run_until_signed_in_again() {
    let (mut gui, people) = start_slow_run(12, 100, 3);
    gui.clock.advance(std::time::Duration::from_secs(16 * 60));
    gui.wait_until("the run asks to sign in again", |h| {
        h.state().is_asking_to_sign_in_again()
    });
    assert!(
        gui.harness
            .state()
            .bulk_run()
            .is_some_and(mobileconfig_admin::app::bulk_run::BulkRun::is_paused)
    );
    gui.type_into("Password", DEMO_PASSWORD);
    gui.click("Sign in");
    gui.wait_until("the run finished", |h| {
        h.state().bulk_run().is_some_and(|r| !r.is_running())
    });

    assert_eq!(counts(&gui), (12, 0, 0, 0));
    for (id, name) in &people {
        assert_eq!(
            gui.server.successful_writes(id),
            1,
            "exactly one successful create for {name}"
        );
    }
}

#[test]
fn a_bulk_run_works_from_the_keyboard() {
    let (mut gui, people) = prepare_run(2);
    // Uncheck and re-check the first with Space, then start with Enter on each button.
    gui.harness
        .get_by_label(&format!("Select {}", people[0].1))
        .focus();
    gui.harness.step();
    gui.harness.key_press(egui::Key::Space);
    gui.harness.step();
    assert_eq!(
        gui.harness.state().checked_employees(),
        1,
        "Space toggles the checkbox"
    );
    gui.harness.key_press(egui::Key::Space);
    gui.harness.step();
    assert_eq!(gui.harness.state().checked_employees(), 2);
    gui.harness.get_by_label("Apply to 2 selected…").focus();
    gui.harness.step();
    gui.harness.key_press(egui::Key::Enter);
    gui.wait_for_label("Apply to 2 employees");
    gui.harness.get_by_label("Start (2)").focus();
    gui.harness.step();
    gui.harness.key_press(egui::Key::Enter);
    gui.wait_until("the run finished", |h| {
        h.state().bulk_run().is_some_and(|r| !r.is_running())
    });
    assert_eq!(counts(&gui), (2, 0, 0, 0));
}

#[test]
fn copy_sources_that_fail_to_load_are_explained() {
    let mut gui = gui();
    gui.server.inject_fault(
        FaultRule::new("/pbx/app/mobileconfig", Fault::from_pair(pairs::INTERNAL)).method(Method::GET),
    );
    gui.sign_in("owner@bagerhansen.demo");
    gui.wait_for_directory();
    gui.wait_until("the failure is explained", |h| {
        h.state()
            .banner()
            .is_some_and(|b| b.contains("configs to copy from could not be loaded"))
    });
}
