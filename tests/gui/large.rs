//! The employee picker over 50,000 employees filters to exactly the right rows.

use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable as _;
use mobileconfig_admin::api::{ApiClient, ClientConfig, EmployeeQuery, LoginRequest};
use mobileconfig_admin::demo::{DEMO_PASSWORD, DemoOptions, LARGE_CUSTOMER};

use crate::common::gui_with;

#[test]
fn picker_over_50000_employees_matches_the_server_filter() {
    let mut gui = gui_with(&DemoOptions {
        large_customer_employees: Some(50_000),
        ..DemoOptions::default()
    });
    gui.sign_in("reseller@nordlys.demo");
    gui.wait_for_label(LARGE_CUSTOMER);
    gui.click(LARGE_CUSTOMER);
    gui.wait_for_directory();
    assert_eq!(
        gui.harness.state().directory().map(|d| d.people.len()),
        Some(50_000)
    );

    // The server's own filter (name, e-mail, number) is the independent reference.
    let customer = gui.customer(LARGE_CUSTOMER);
    let client = ApiClient::new(&ClientConfig::new(gui.server.base_url())).expect("client");
    let runtime = gui.runtime.handle().clone();
    let expected = |query: &str| -> usize {
        runtime.block_on(async {
            let login = LoginRequest {
                username: "reseller@nordlys.demo".into(),
                password: DEMO_PASSWORD.into(),
                ..LoginRequest::default()
            };
            let signed_in = client.with_token(client.login(&login).await.expect("login").token);
            let query = EmployeeQuery {
                customer: Some(customer.clone()),
                filter: Some(query.to_owned()),
            };
            let total = signed_in.employees_page(&query, 0, 1).await.expect("page").total;
            usize::try_from(total.expect("total")).expect("fits")
        })
    };

    let mut typed = String::new();
    for step in ["vig", "g", "o"] {
        gui.type_into("Search employees", step);
        typed.push_str(step);
        let count = gui.harness.state().picker_match_count();
        assert_eq!(count, expected(&typed), "matches for {typed:?}");
        assert!(count > 0, "{typed:?} matches someone");
        assert!(
            gui.harness
                .query_by_label_contains(&format!("{count} of 50000 employees"))
                .is_some()
        );
    }
    // Deleting widens the search again.
    for _ in 0..3 {
        gui.harness.key_press(Key::Backspace);
        gui.harness.step();
    }
    assert_eq!(gui.harness.state().picker_match_count(), expected("vi"));
    // A number search, after replacing the text.
    gui.harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    gui.type_into("Search employees", "4999");
    let count = gui.harness.state().picker_match_count();
    assert_eq!(count, expected("4999"));
    assert!(
        gui.harness.query_all_by_label_contains("4999").count() > 1,
        "visible rows show the matches"
    );
}
