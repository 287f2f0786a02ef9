//! Remembered sessions: the token in the keyring, restore at start, sign-out, no keyring, and
//! nothing secret in the preferences.

use egui_kittest::kittest::Queryable as _;
use mobileconfig_admin::api::{ApiClient, ClientConfig, LoginRequest};
use mobileconfig_admin::app::connection::Connection;
use mobileconfig_admin::app::keyring_account;
use mobileconfig_admin::demo::{DEMO_PASSWORD, Fault, FaultRule};
use mobileconfig_admin::secrets::SecretStore;

use crate::common::{DirStorage, Gui, app_for, gui};

const OWNER: &str = "owner@bagerhansen.demo";

/// Replaces the app in `gui` by a new one over the same server, keyring and storage.
fn restart(gui: &mut Gui, secrets: &SecretStore, storage: &mut DirStorage) {
    eframe::App::save(gui.harness.state_mut(), storage);
    let harness = app_for(
        &gui.server,
        &gui.runtime,
        secrets.clone(),
        Some(Box::new(storage.clone())),
    );
    gui.harness = harness;
}

fn account(gui: &Gui, username: &str) -> String {
    keyring_account(&Connection::Custom(gui.server.base_url().to_owned()), username)
}

fn sign_in_staying(gui: &mut Gui, username: &str) {
    gui.wait_for_label("Username");
    gui.replace_text("Username", username);
    gui.replace_text("Password", DEMO_PASSWORD);
    gui.click("Stay signed in");
    gui.click("Sign in");
    gui.wait_until("signed in and remembered", |h| h.state().is_session_remembered());
}

#[test]
fn stay_signed_in_survives_a_restart_and_sign_out_forgets() {
    let mut gui = gui();
    let secrets = SecretStore::in_memory();
    let mut storage = DirStorage::new("restore");
    restart(&mut gui, &secrets, &mut storage);
    sign_in_staying(&mut gui, OWNER);
    let token = secrets
        .read(&account(&gui, OWNER))
        .expect("keyring")
        .expect("token saved");

    restart(&mut gui, &secrets, &mut storage);
    gui.wait_until("the saved session is restored", |h| h.state().is_signed_in());
    gui.wait_for_directory();
    assert!(
        gui.harness
            .query_by_label("Employees of Bager Hansen ApS")
            .is_some()
    );
    assert!(
        gui.harness
            .query_by_label_contains("Henrik Hansen · OWNER")
            .is_some()
    );

    // Nothing the app wrote holds the token or the password.
    eframe::App::save(gui.harness.state_mut(), &mut storage);
    let written = storage.contents();
    assert!(written.contains(OWNER), "the preferences were written");
    assert!(!written.contains(token.as_str()), "no token in the preferences");
    assert!(
        !written.contains(&format!("\"{DEMO_PASSWORD}\"")),
        "no password in the preferences"
    );
    assert!(!written.to_lowercase().contains("password"));

    gui.click("Sign out");
    gui.wait_until("signed out and forgotten", |h| {
        !h.state().is_signed_in() && !h.state().is_busy()
    });
    assert_eq!(
        secrets.read(&account(&gui, OWNER)),
        Ok(None),
        "the keyring entry is gone"
    );

    restart(&mut gui, &secrets, &mut storage);
    gui.wait_until("start-up settled", |h| !h.state().is_busy());
    assert!(
        !gui.harness.state().is_signed_in(),
        "the next start shows sign-in"
    );
    assert!(gui.harness.query_by_label("Sign in to TelecomX").is_some());
}

#[test]
fn an_ended_session_is_explained_and_its_entry_removed() {
    let mut gui = gui();
    let secrets = SecretStore::in_memory();
    let mut storage = DirStorage::new("ended");
    restart(&mut gui, &secrets, &mut storage);
    sign_in_staying(&mut gui, OWNER);
    eframe::App::save(gui.harness.state_mut(), &mut storage);

    // Signing out elsewhere ends every session of the user, the saved one included.
    let client = ApiClient::new(&ClientConfig::new(gui.server.base_url())).expect("client");
    gui.runtime.block_on(async {
        let login = LoginRequest {
            username: OWNER.into(),
            password: DEMO_PASSWORD.into(),
            ..LoginRequest::default()
        };
        let response = client.login(&login).await.expect("login");
        client.with_token(response.token).logout().await.expect("logout");
    });

    restart(&mut gui, &secrets, &mut storage);
    gui.wait_for_label("Your session has ended. Sign in again to continue.");
    assert!(!gui.harness.state().is_signed_in());
    let username = gui.harness.get_by_label("Username").value();
    assert_eq!(username.as_deref(), Some(OWNER), "the username is filled in");
    let saved = account(&gui, OWNER);
    gui.wait_until("the dead entry is removed", |_| secrets.read(&saved) == Ok(None));
}

#[test]
fn without_a_keyring_the_app_says_so_once_and_keeps_the_token_in_memory() {
    let mut gui = gui();
    let secrets = SecretStore::unavailable("no Secret Service is running");
    let mut storage = DirStorage::new("nokeyring");
    restart(&mut gui, &secrets, &mut storage);
    gui.wait_for_label("Username");
    gui.replace_text("Username", OWNER);
    gui.replace_text("Password", DEMO_PASSWORD);
    gui.click("Stay signed in");
    gui.click("Sign in");
    gui.wait_until("signed in", |h| h.state().is_signed_in() && !h.state().is_busy());
    let banner = gui.harness.state().banner().map(str::to_owned).expect("a notice");
    assert!(
        banner.contains("will not be remembered") && banner.contains("no Secret Service"),
        "{banner}"
    );
    assert!(!gui.harness.state().is_session_remembered());
    gui.wait_for_directory();
    gui.click("Dismiss");
    assert!(gui.harness.state().banner().is_none());
    // Still working with the in-memory token.
    gui.pick_employee("martin.poulsen@bagerhansen.dk");
}

#[test]
fn sign_out_happens_locally_with_a_notice_when_the_server_is_unreachable() {
    let mut gui = gui();
    gui.sign_in(OWNER);
    gui.server
        .inject_fault(FaultRule::new("/auth/logout", Fault::HtmlPage { status: 502 }));
    gui.click("Sign out");
    assert!(
        !gui.harness.state().is_signed_in(),
        "signed out at once, on this computer"
    );
    gui.wait_until("the notice shows", |h| {
        h.query_by_label_contains("could not be told").is_some()
    });
    assert!(gui.harness.query_by_label("Sign in to TelecomX").is_some());
}

#[test]
fn without_stay_signed_in_a_missing_keyring_is_not_mentioned() {
    let mut gui = gui();
    let secrets = SecretStore::unavailable("no Secret Service is running");
    let mut storage = DirStorage::new("nokeyring-quiet");
    restart(&mut gui, &secrets, &mut storage);
    gui.sign_in(OWNER);
    gui.wait_until("settled", |h| !h.state().is_busy());
    assert_eq!(gui.harness.state().banner(), None, "nothing was to be remembered");
}
