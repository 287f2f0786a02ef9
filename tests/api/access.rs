//! The access matrix: each demo account × each endpoint × own / reseller's / foreign customer.

use mobileconfig_admin::api::{ApiClient, ApiError, EmployeeQuery, Id};

use crate::common::{
    ADMIN, BAGER, Env, FJORDHAVN, KLITGAARD, KLITGAARD_OWNER, MANAGER, NORDLYS, OWNER, PERSONAL, SMS,
    VESTKYST, VIEWER, env,
};

/// Expected statuses, per account, for targets Bager Hansen (B, a Nordlys customer),
/// Fjordhavn (F, a Nordlys customer) and Klitgaard (K, a Vestkyst customer), then the
/// account's own employee (S), then `GET /customer`.
///
/// Columns: employees B F K | extensions B F K | queues B F K | config list B F K | config get B F K S |
/// config create B F K S | customers.
#[rustfmt::skip]
const MATRIX: &[(&str, [u16; 21])] = &[
    //                 employees      extensions     queues         config list    config get          config create       customers
    (ADMIN,           [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    (NORDLYS,         [200, 200, 403, 200, 200, 403, 200, 200, 403, 200, 200, 403, 200, 200, 403, 200, 200, 200, 403, 200, 200]),
    (VESTKYST,        [403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 200, 403, 403, 200, 200, 200]),
    (OWNER,           [200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 200, 403, 403, 200, 403]),
    (SMS,             [200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 200, 403, 403, 200, 403]),
    (VIEWER,          [200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 200, 403, 403, 200, 403]),
    (PERSONAL,        [403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 403, 200, 403, 403, 403, 200, 403]),
    (MANAGER,         [403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 200, 403, 200, 403, 200, 403]),
    (KLITGAARD_OWNER, [403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 403, 403, 200, 200, 403, 403, 200, 200, 403]),
];

fn status<T>(result: &Result<T, ApiError>) -> u16 {
    match result {
        Ok(_) => 200,
        Err(error) => error
            .status()
            .unwrap_or_else(|| panic!("no HTTP status: {error:?}")),
    }
}

/// An employee of `customer` with a config, who is not `account`.
async fn configured_employee(admin: &ApiClient, env: &Env, customer: &str, account: &Id) -> Id {
    let configs = admin
        .mobile_configs(Some(&env.customer(customer)), Some(account))
        .await
        .expect("admin lists configs");
    configs
        .into_iter()
        .map(|c| c.id)
        .find(|id| id != account)
        .expect("seeded config")
}

async fn row(env: &Env, admin: &ApiClient, account: &str) -> Vec<u16> {
    let client = env.sign_in(account).await;
    let me = env.employee(account);
    // Make sure the account's own config exists for "get S" (create S is tested right after).
    admin
        .create_mobile_config(&me, None)
        .await
        .expect("admin creates the account's config");
    let targets = [BAGER, FJORDHAVN, KLITGAARD];
    let mut statuses = Vec::new();
    for customer in targets {
        let query = EmployeeQuery {
            customer: Some(env.customer(customer)),
            filter: None,
        };
        statuses.push(status(&client.employees_page(&query, 0, 10).await));
    }
    for customer in targets {
        let customer = env.customer(customer);
        statuses.push(status(&client.extensions_page(Some(&customer), 0, 10).await));
    }
    for customer in targets {
        statuses.push(status(
            &client
                .queues_page(Some(&env.customer(customer)), None, 0, 10)
                .await,
        ));
    }
    for customer in targets {
        statuses.push(status(
            &client.mobile_configs(Some(&env.customer(customer)), None).await,
        ));
    }
    let mut employees = Vec::new();
    for customer in targets {
        employees.push(configured_employee(admin, env, customer, &me).await);
    }
    employees.push(me);
    for employee in &employees {
        statuses.push(status(&client.mobile_config(employee).await));
    }
    for employee in &employees {
        statuses.push(status(&client.create_mobile_config(employee, None).await));
    }
    statuses.push(status(&client.customers_page(None, 0, 10).await));
    statuses
}

#[tokio::test]
async fn access_matrix() {
    let env = env().await;
    let admin = env.sign_in(ADMIN).await;
    let mut mismatches = Vec::new();
    for (account, expected) in MATRIX {
        let actual = row(&env, &admin, account).await;
        if actual != expected {
            mismatches.push(format!(
                "{account}:\n  expected {expected:?}\n  actual   {actual:?}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "access matrix differs:\n{}",
        mismatches.join("\n")
    );
}
