//! Every client call on its happy path, decoded into the typed models.

use std::sync::{Arc, Mutex};

use mobileconfig_admin::api::{
    AccessLevel, ConfigSelection, EmployeeQuery, FetchAll, GroupType, RequestRecord,
};

use crate::common::{BAGER, FJORDHAVN, KLITGAARD, NORDLYS, OWNER, env};

#[tokio::test]
async fn login_validate_and_logout() {
    let env = env().await;
    let response = env
        .client
        .login(&crate::common::login(OWNER, false))
        .await
        .unwrap();
    assert_eq!(response.expires_in_minutes, Some(15));
    let identity = &response.identity;
    assert_eq!(identity.employee, env.employee(OWNER));
    assert_eq!(identity.customer, env.customer(BAGER));
    assert_eq!(identity.access_level, AccessLevel::Owner);
    assert_eq!(identity.name.as_deref(), Some("Henrik Hansen"));
    assert_eq!(identity.customer_name.as_deref(), Some(BAGER));

    let client = env.client.with_token(response.token);
    let info = client.validate_token().await.unwrap();
    assert!(info.success);
    assert_eq!(&info.identity, identity);

    client.logout().await.unwrap();
    let after = client.validate_token().await.unwrap_err();
    assert_eq!(
        after.http().map(|h| h.code().to_owned()).as_deref(),
        Some("invalid_token")
    );
}

#[tokio::test]
async fn reseller_lists_its_customers() {
    let env = env().await;
    let client = env.sign_in(NORDLYS).await;
    let page = client.customers_page(None, 0, 100).await.unwrap();
    let names: Vec<&str> = page.items.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Bager Hansen ApS",
            "Café Havnely",
            FJORDHAVN,
            "Tandlægerne i Vejle"
        ]
    );
    assert_eq!(page.total, Some(4));
    assert!(!names.contains(&KLITGAARD));
    let filtered = client.customers_page(Some("BAGER"), 0, 100).await.unwrap();
    assert_eq!(filtered.items.len(), 1);
    assert_eq!(
        filtered.items[0].parent_reseller,
        Some(env.server.customer_id("Nordlys Telecom ApS").unwrap())
    );
}

#[tokio::test]
async fn employees_and_queues_of_a_customer() {
    let env = env().await;
    let client = env.sign_in(NORDLYS).await;
    let query = EmployeeQuery {
        customer: Some(env.customer(FJORDHAVN)),
        filter: None,
    };
    let options = FetchAll {
        page_size: 50,
        concurrency: 3,
    };
    let employees = client.all_employees(&query, options, |_| {}).await.unwrap();
    assert_eq!(employees.len(), 120);
    assert!(
        employees.windows(2).all(|w| w[0].name <= w[1].name),
        "sorted by name"
    );
    assert!(
        employees
            .iter()
            .all(|e| e.customer.as_ref() == Some(&env.customer(FJORDHAVN)))
    );
    assert!(
        employees
            .iter()
            .any(|e| e.email_address.as_deref() == Some("manager@fjordhavn.demo"))
    );

    let queues = client
        .all_queues(Some(&env.customer(FJORDHAVN)), options, |_| {})
        .await
        .unwrap();
    assert_eq!(queues.len(), 9);
    assert!(queues.iter().all(|q| q.number.is_some() && !q.name.is_empty()));
}

#[tokio::test]
async fn get_and_list_configs() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    let configs = client.mobile_configs(None, None).await.unwrap();
    assert!(!configs.is_empty(), "the seed gives some employees a config");
    assert!(
        configs.iter().all(|c| c.id != env.employee(OWNER)),
        "the caller is left out by default"
    );
    let first = &configs[0];
    let fetched = client.mobile_config(&first.id).await.unwrap();
    assert_eq!(&fetched, first);
    assert_eq!(fetched.customer, env.customer(BAGER));
    let types: Vec<&GroupType> = fetched.configs.iter().map(|g| &g.group_type).collect();
    assert_eq!(types, [&GroupType::Colleagues, &GroupType::Queues]);

    let excluding_first = client
        .mobile_configs(Some(&env.customer(BAGER)), Some(&first.id))
        .await
        .unwrap();
    assert!(excluding_first.iter().all(|c| c.id != first.id));
    // The owner has no config, so leaving out the first instead leaves one fewer.
    assert!(!env.server.has_config(&env.employee(OWNER)));
    assert_eq!(excluding_first.len(), configs.len() - 1);
}

#[tokio::test]
async fn create_sends_items_in_order_and_others_are_the_rest() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    let target = env.colleagues(BAGER, &env.employee(OWNER))[5].clone();
    assert!(!env.server.has_config(&target));

    let empty = client.create_mobile_config(&target, None).await.unwrap();
    assert_eq!(empty.id, target);
    assert!(empty.item_ids(&GroupType::Colleagues).is_empty());
    let others = &empty.group(&GroupType::Colleagues).unwrap().others;
    assert_eq!(others.len(), 13, "every colleague but the employee itself");
    assert!(others.iter().all(|o| o.id != target));

    let colleagues = env.colleagues(BAGER, &target);
    let queues = env.queues(BAGER);
    let selection = ConfigSelection {
        colleagues: vec![colleagues[3].clone(), colleagues[0].clone()],
        queues: vec![queues[2].clone()],
    };
    let created = client
        .create_mobile_config(&target, Some(&selection))
        .await
        .unwrap();
    assert_eq!(created.item_ids(&GroupType::Colleagues), selection.colleagues);
    assert_eq!(created.item_ids(&GroupType::Queues), selection.queues);
    let colleague_group = created.group(&GroupType::Colleagues).unwrap();
    assert!(
        colleague_group.items.iter().all(|i| !i.name.is_empty()),
        "names filled in by the server"
    );
    assert_eq!(colleague_group.others.len(), 11);
    assert_eq!(created.group(&GroupType::Queues).unwrap().others.len(), 2);

    // Without a body, create returns the existing config unchanged.
    let again = client.create_mobile_config(&target, None).await.unwrap();
    assert_eq!(again, created);
    assert_eq!(client.mobile_config(&target).await.unwrap(), created);
}

#[tokio::test]
async fn the_server_drops_self_and_duplicates_from_colleagues() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    let me = env.employee(OWNER);
    let other = env.colleagues(BAGER, &me)[0].clone();
    let selection = ConfigSelection {
        colleagues: vec![other.clone(), me.clone(), other.clone()],
        queues: vec![],
    };
    let created = client.create_mobile_config(&me, Some(&selection)).await.unwrap();
    assert_eq!(created.item_ids(&GroupType::Colleagues), vec![other]);
}

#[tokio::test]
async fn copy_overwrites_the_target_without_listing_it_as_its_own_colleague() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    let people = env.colleagues(BAGER, &env.employee(OWNER));
    let (source, target) = (people[1].clone(), people[2].clone());
    let selection = ConfigSelection {
        colleagues: vec![people[4].clone(), target.clone(), people[6].clone()],
        queues: env.queues(BAGER),
    };
    client
        .create_mobile_config(&source, Some(&selection))
        .await
        .unwrap();

    let copied = client.copy_mobile_config(&source, &target).await.unwrap();
    assert_eq!(copied.id, target);
    assert_eq!(
        copied.item_ids(&GroupType::Colleagues),
        vec![people[4].clone(), people[6].clone()]
    );
    assert_eq!(copied.item_ids(&GroupType::Queues), env.queues(BAGER));
    assert!(
        copied
            .group(&GroupType::Colleagues)
            .unwrap()
            .others
            .iter()
            .all(|o| o.id != target)
    );
}

#[tokio::test]
async fn every_request_is_reported_without_secrets() {
    let env = env().await;
    let records: Arc<Mutex<Vec<RequestRecord>>> = Arc::default();
    let sink = records.clone();
    let observed = env
        .client
        .with_observer(Arc::new(move |r| sink.lock().unwrap().push(r)));
    let response = observed.login(&crate::common::login(OWNER, false)).await.unwrap();
    let token = response.token.expose().to_owned();
    let client = observed.with_token(response.token);
    client.validate_token().await.unwrap();
    client
        .employees_page(&EmployeeQuery::default(), 0, 5)
        .await
        .unwrap();

    let records = records.lock().unwrap();
    let lines: Vec<String> = records
        .iter()
        .map(|r| format!("{} {} {:?}", r.method, r.path, r.status))
        .collect();
    assert_eq!(
        lines,
        [
            "POST /auth/login Some(200)",
            "GET /auth/validateToken?extend=true Some(200)",
            "GET /employee?offset=0&limit=5 Some(200)"
        ]
    );
    assert!(
        records
            .iter()
            .all(|r| !r.path.contains(&token) && !r.path.contains("demo"))
    );
}

#[tokio::test]
async fn numbers_come_from_extensions_and_app_lists_serve_personal_users() {
    let env = env().await;
    let manager = env.sign_in("manager@fjordhavn.demo").await;
    let options = FetchAll {
        page_size: 1000,
        concurrency: 2,
    };
    let extensions = manager.all_extensions(None, options, |_| {}).await.unwrap();
    assert_eq!(extensions.len(), 120);
    let mine = extensions
        .iter()
        .find(|x| x.employee.as_ref() == Some(&env.employee("manager@fjordhavn.demo")));
    assert_eq!(mine.and_then(|x| x.number.as_deref()), Some("100"));
    assert!(extensions.iter().all(|x| x.primary));

    let personal = env.sign_in(crate::common::PERSONAL).await;
    let colleagues = personal.app_employees().await.unwrap();
    assert_eq!(colleagues.len(), 14);
    assert!(
        colleagues
            .iter()
            .all(|c| c.number().is_some() && c.email_address.is_some())
    );
    let queues = personal.app_queues().await.unwrap();
    assert_eq!(
        queues.iter().map(|q| q.name.as_str()).collect::<Vec<_>>(),
        ["Bestillinger", "Butik", "Levering"]
    );
}
