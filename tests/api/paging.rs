//! Paging: defaults, limits, totals, filters, and every page of a large customer.

use std::collections::HashSet;

use mobileconfig_admin::api::{EmployeeQuery, FetchAll, PageProgress};
use mobileconfig_admin::demo::{DemoOptions, LARGE_CUSTOMER};
use reqwest::Method;

use crate::common::{ADMIN, FJORDHAVN, NORDLYS, env, env_with};

#[tokio::test]
async fn defaults_and_totals() {
    let env = env().await;
    let admin = env.sign_in(ADMIN).await;
    let fjordhavn = env.customer(FJORDHAVN);
    let (status, body) = env
        .raw(
            Method::GET,
            &format!("/employee?customer={fjordhavn}"),
            admin.token(),
            None,
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        (
            body["offset"].as_u64(),
            body["limit"].as_u64(),
            body["total"].as_u64()
        ),
        (Some(0), Some(100), Some(120))
    );
    assert_eq!(body["employees"].as_array().map(Vec::len), Some(100));

    let (_, body) = env
        .raw(
            Method::GET,
            &format!("/pbx/dialplan?customer={fjordhavn}&type=QUEUE"),
            admin.token(),
            None,
        )
        .await;
    assert_eq!(
        (body["limit"].as_u64(), body["total"].as_u64()),
        (Some(50), Some(9))
    );
    let (_, body) = env.raw(Method::GET, "/customer", admin.token(), None).await;
    assert_eq!(body["limit"].as_u64(), Some(100));

    let query = EmployeeQuery {
        customer: Some(fjordhavn),
        filter: None,
    };
    let page = admin.employees_page(&query, 110, 500).await.unwrap();
    assert_eq!(
        (page.offset, page.limit, page.total, page.items.len()),
        (110, 500, Some(120), 10)
    );
    let past_the_end = admin.employees_page(&query, 500, 10).await.unwrap();
    assert!(past_the_end.items.is_empty());
    assert_eq!(past_the_end.total, Some(120), "total ignores offset and limit");
}

#[tokio::test]
async fn filters_match_name_email_and_number_case_insensitively() {
    let env = env().await;
    let client = env.sign_in(NORDLYS).await;
    let customer = Some(env.customer(FJORDHAVN));
    let by_name = EmployeeQuery {
        customer: customer.clone(),
        filter: Some("MORTEN FJORD".into()),
    };
    let page = client.employees_page(&by_name, 0, 100).await.unwrap();
    assert_eq!(
        page.items.iter().map(|e| e.name.as_str()).collect::<Vec<_>>(),
        ["Morten Fjord"]
    );

    let by_email = EmployeeQuery {
        customer: customer.clone(),
        filter: Some("Manager@Fjordhavn".into()),
    };
    assert_eq!(
        client.employees_page(&by_email, 0, 100).await.unwrap().total,
        Some(1)
    );

    // Extension numbers run from 100; "219" is the last of Fjordhavn's 120.
    let by_number = EmployeeQuery {
        customer: customer.clone(),
        filter: Some("219".into()),
    };
    assert_eq!(
        client.employees_page(&by_number, 0, 100).await.unwrap().total,
        Some(1)
    );

    let queues = client
        .queues_page(customer.as_ref(), Some("lager"), 0, 100)
        .await
        .unwrap();
    assert_eq!(
        queues.items.iter().map(|q| q.name.as_str()).collect::<Vec<_>>(),
        ["Lager Nord", "Lager Syd"]
    );
}

#[tokio::test]
async fn all_pages_of_a_5000_employee_customer() {
    let env = env_with(DemoOptions {
        large_customer_employees: Some(5_000),
        ..DemoOptions::default()
    })
    .await;
    let client = env.sign_in(NORDLYS).await;
    let query = EmployeeQuery {
        customer: Some(env.customer(LARGE_CUSTOMER)),
        filter: None,
    };
    let mut progress = Vec::new();
    let employees = client
        .all_employees(
            &query,
            FetchAll {
                page_size: 500,
                concurrency: 4,
            },
            |p| progress.push(p),
        )
        .await
        .unwrap();
    assert_eq!(employees.len(), 5_000);
    let unique: HashSet<_> = employees.iter().map(|e| &e.id).collect();
    assert_eq!(unique.len(), 5_000, "no page fetched twice");
    assert_eq!(progress.len(), 10);
    assert!(progress.windows(2).all(|w| w[0].pages_done < w[1].pages_done));
    assert_eq!(
        progress.last().copied(),
        Some(PageProgress {
            pages_done: 10,
            pages_total: 10,
            items_done: 5_000,
            items_total: 5_000
        })
    );
    let queues = client
        .all_queues(
            query.customer.as_ref(),
            FetchAll {
                page_size: 100,
                concurrency: 4,
            },
            |_| {},
        )
        .await
        .unwrap();
    assert_eq!(queues.len(), 50);
}
