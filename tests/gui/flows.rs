//! The main flows, one test each.

use std::time::Duration;

use egui::{Key, Modifiers, Role};
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use mobileconfig_admin::api::{ApiError, GroupType, Id};
use mobileconfig_admin::demo::{DEMO_SMS_CODE, Fault, FaultRule};

use crate::common::{Gui, gui};

const OWNER: &str = "owner@bagerhansen.demo";
const BAGER: &str = "Bager Hansen ApS";

fn person(gui: &Gui, name: &str) -> Id {
    let customer = gui.customer(BAGER);
    gui.server
        .employees_of(&customer)
        .into_iter()
        .find_map(|(id, n)| (n == name).then_some(id))
        .expect("seeded person")
}

fn queue(gui: &Gui, name: &str) -> Id {
    let customer = gui.customer(BAGER);
    gui.server
        .queues_of(&customer)
        .into_iter()
        .find_map(|(id, n)| (n == name).then_some(id))
        .expect("seeded queue")
}

fn item_names(gui: &Gui, group: &GroupType) -> Vec<String> {
    let outcome = gui.harness.state().latest_outcome().expect("an outcome");
    let config = outcome.result.as_ref().expect("created");
    config
        .group(group)
        .map(|g| g.items.iter().map(|i| i.name.clone()).collect())
        .unwrap_or_default()
}

fn wait_for_outcome(gui: &mut Gui) {
    gui.wait_until("the create result arrived", |h| {
        h.state().latest_outcome().is_some()
    });
}

#[test]
fn owner_creates_a_config_and_sees_the_groups_in_order() {
    let mut gui = gui();
    gui.sign_in(OWNER);
    gui.wait_for_directory();
    gui.pick_employee("martin.poulsen@bagerhansen.dk");
    gui.click("Add Kirsten Knudsen");
    gui.click("Add Bo Andersen");
    gui.click("Add Levering");
    assert!(gui.harness.query_by_label_contains("Unsaved changes").is_some());
    gui.click("Create");
    wait_for_outcome(&mut gui);

    assert_eq!(
        item_names(&gui, &GroupType::Colleagues),
        ["Kirsten Knudsen", "Bo Andersen"]
    );
    assert_eq!(item_names(&gui, &GroupType::Queues), ["Levering"]);
    // The result panel lists exactly those items, in order, and the others.
    let h = &gui.harness;
    assert!(h.query_by_label_contains("Created for Martin Poulsen").is_some());
    assert!(h.get_by_label("Kirsten Knudsen").rect().min.y < h.get_by_label("Bo Andersen").rect().min.y);
    assert!(h.query_by_label("COLLEAGUES: 2 shown").is_some());
    assert!(h.query_by_label("COLLEAGUES: 11 others").is_some());
    assert!(h.query_by_label("QUEUES: 1 shown").is_some());
    assert!(h.query_by_label("QUEUES: 2 others").is_some());
    assert!(
        h.query_by_label_contains("Unsaved changes").is_none(),
        "saved state is what the server stored"
    );
    assert!(gui.server.has_config(&person(&gui, "Martin Poulsen")));
}

#[test]
fn reseller_picks_a_customer_then_an_employee_and_creates() {
    let mut gui = gui();
    gui.sign_in("reseller@nordlys.demo");
    gui.wait_for_label(BAGER);
    assert!(
        gui.harness.query_by_label("Klitgaard VVS").is_none(),
        "not a Nordlys customer"
    );
    gui.click(BAGER);
    gui.wait_for_directory();
    gui.pick_employee("peter.holm@bagerhansen.dk");
    gui.click("Add Tina Møller");
    gui.click("Create");
    wait_for_outcome(&mut gui);
    assert_eq!(item_names(&gui, &GroupType::Colleagues), ["Tina Møller"]);
    assert!(gui.server.has_config(&person(&gui, "Peter Holm")));

    // Signing out and in again returns to the same customer.
    gui.click("Sign out");
    gui.wait_until("signed out", |h| !h.state().is_signed_in());
    gui.sign_in("reseller@nordlys.demo");
    gui.wait_for_directory();
    assert!(
        gui.harness
            .query_by_label("Employees of Bager Hansen ApS")
            .is_some()
    );
}

#[test]
fn personal_user_sees_the_access_error_explained_and_keeps_the_selection() {
    let mut gui = gui();
    gui.sign_in("personal@bagerhansen.demo");
    gui.wait_for_directory();
    gui.pick_employee("bo.andersen@bagerhansen.dk");
    gui.click("Add Kirsten Knudsen");
    gui.click("Create");
    wait_for_outcome(&mut gui);

    let outcome = gui.harness.state().latest_outcome().expect("an outcome");
    assert_eq!(
        outcome.result.as_ref().err().and_then(ApiError::status),
        Some(403)
    );
    assert!(
        gui.harness
            .query_by_label_contains("Not created for Bo Andersen")
            .is_some()
    );
    let explained = gui
        .harness
        .query_all_by_label_contains("Your access level is PERSONAL")
        .count();
    assert!(
        explained >= 1,
        "the 403 is explained in terms of the access level"
    );
    let app = gui.harness.state();
    assert_eq!(app.selected_employee(), Some(&person(&gui, "Bo Andersen")));
    let selection = app.form_selection().expect("the form is still there");
    assert_eq!(selection.colleagues, [person(&gui, "Kirsten Knudsen")]);
}

#[test]
fn a_queue_removed_on_the_server_is_highlighted_in_the_form() {
    let mut gui = gui();
    gui.sign_in(OWNER);
    gui.wait_for_directory();
    gui.pick_employee("martin.poulsen@bagerhansen.dk");
    gui.click("Add Butik");
    gui.click("Add Levering");
    let levering = queue(&gui, "Levering");
    assert!(gui.server.remove_queue(&levering));
    gui.click("Create");
    wait_for_outcome(&mut gui);

    assert_eq!(gui.harness.state().highlighted_items(), [levering]);
    assert!(
        gui.harness
            .query_by_label("2. Levering: not found on the server")
            .is_some()
    );
    assert!(
        gui.harness
            .query_by_label_contains("Queue #2 in the selected queues")
            .is_some()
    );
    assert_eq!(
        gui.harness.state().form_selection().map(|s| s.queues.len()),
        Some(2),
        "nothing is lost"
    );
}

#[test]
fn an_expired_session_asks_to_sign_in_again_and_retries_the_create() {
    let mut gui = gui();
    gui.sign_in(OWNER);
    gui.wait_for_directory();
    gui.pick_employee("martin.poulsen@bagerhansen.dk");
    gui.click("Add Kirsten Knudsen");
    let selection = gui.harness.state().form_selection();
    gui.clock.advance(Duration::from_secs(16 * 60));
    gui.click("Create");
    gui.wait_until("the sign-in prompt opened", |h| {
        h.state().is_asking_to_sign_in_again()
    });

    assert!(gui.harness.query_by_label("Sign in again").is_some());
    assert_eq!(
        gui.harness.state().form_selection(),
        selection,
        "the selection survives"
    );
    let username = gui
        .harness
        .get_by_role_and_label(Role::TextInput, "Username")
        .value();
    assert_eq!(username.as_deref(), Some(OWNER), "the username is filled in");
    gui.type_into("Password", "demo");
    gui.click("Sign in");
    wait_for_outcome(&mut gui);

    assert!(!gui.harness.state().is_asking_to_sign_in_again());
    assert_eq!(item_names(&gui, &GroupType::Colleagues), ["Kirsten Knudsen"]);
}

#[test]
fn the_two_factor_account_signs_in_with_its_code() {
    let mut gui = gui();
    gui.wait_for_label("Username");
    gui.type_into("Username", "sms@bagerhansen.demo");
    gui.type_into("Password", "demo");
    gui.click("Sign in");
    gui.wait_until("the code is asked for", |h| {
        h.query_by_role_and_label(Role::TextInput, "SMS code").is_some()
    });
    assert!(
        gui.harness
            .query_by_label_contains("the code we sent to your phone by SMS")
            .is_some()
    );
    assert!(!gui.harness.state().is_signed_in());
    gui.type_into("SMS code", DEMO_SMS_CODE);
    gui.click("Sign in");
    gui.wait_until("signed in", |h| h.state().is_signed_in());
    assert!(
        gui.harness
            .query_by_label_contains("Karen Bager · OWNER")
            .is_some()
    );
}

#[test]
fn the_flow_works_with_the_keyboard_alone() {
    let mut gui = gui();
    gui.wait_for_label("Username");
    gui.type_into("Username", OWNER);
    gui.type_into("Password", "demo");
    gui.harness.key_press(Key::Enter);
    gui.wait_until("signed in", |h| h.state().is_signed_in());
    gui.wait_for_directory();
    gui.type_into("Search employees", "martin");
    gui.harness.key_press(Key::Enter);
    gui.wait_until("the form loaded", |h| h.query_by_label("Create").is_some());
    assert_eq!(
        gui.harness.state().selected_employee(),
        Some(&person(&gui, "Martin Poulsen"))
    );
    gui.harness.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    wait_for_outcome(&mut gui);
    assert!(
        gui.harness
            .state()
            .latest_outcome()
            .is_some_and(|o| o.result.is_ok())
    );
}

#[test]
fn a_late_result_is_attributed_to_the_employee_it_was_for() {
    let mut gui = gui();
    gui.sign_in(OWNER);
    gui.wait_for_directory();
    gui.pick_employee("martin.poulsen@bagerhansen.dk");
    gui.click("Add Kirsten Knudsen");
    // Hold the create on the server until the user has moved on.
    let slow = FaultRule::new("/pbx/app/mobileconfig/", Fault::Delay(Duration::from_millis(800)))
        .method(reqwest::Method::POST)
        .times(1);
    gui.server.inject_fault(slow);
    gui.click("Create");
    assert!(gui.harness.state().is_busy());
    let create = gui.harness.get_by_label("Create");
    assert!(
        create.accesskit_node().is_disabled(),
        "no double submit while pending"
    );
    gui.pick_employee("peter.holm@bagerhansen.dk");
    assert!(
        gui.harness.state().latest_outcome().is_none(),
        "the create is still on its way"
    );
    wait_for_outcome(&mut gui);

    let outcome = gui.harness.state().latest_outcome().expect("an outcome");
    assert_eq!(outcome.employee, person(&gui, "Martin Poulsen"));
    assert!(
        gui.harness
            .query_by_label_contains("Created for Martin Poulsen")
            .is_some()
    );
    let app = gui.harness.state();
    assert_eq!(app.selected_employee(), Some(&person(&gui, "Peter Holm")));
    assert!(
        app.form_selection().is_some_and(|s| s.colleagues.is_empty()),
        "Peter's form is untouched"
    );
}
