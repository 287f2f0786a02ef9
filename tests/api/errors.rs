//! Every documented error pair the stand-in produces, decoded into the right `ApiError` kind.

use std::time::Duration;

use mobileconfig_admin::api::{
    AccessLevel, ApiError, ConfigSelection, EmployeeQuery, FieldRef, GroupType, Id, LoginRequest,
    SecondFactor, Token,
};
use mobileconfig_admin::demo::{DEMO_SMS_CODE, Fault, FaultRule, pairs};
use reqwest::Method;

use crate::common::{ADMIN, BAGER, FJORDHAVN, KLITGAARD, OWNER, PERSONAL, SMS, env, login, pair};

fn code_and_message(error: &ApiError) -> (u16, &str, &str) {
    let http = error
        .http()
        .unwrap_or_else(|| panic!("expected an HTTP error, got {error:?}"));
    (http.status, http.code(), http.message())
}

#[tokio::test]
async fn the_401_family() {
    let env = env().await;
    let query = EmployeeQuery::default();
    let cases = [
        (
            None,
            "credentials_invalid",
            "Authorization required, please login",
        ),
        (
            Some(Token::new("two words")),
            "format_error",
            "Authorization header format is Authorization: Bearer <token>",
        ),
        (Some(Token::new("garbage")), "invalid_token", "Undecipherable"),
        (Some(Token::new("ab".repeat(32))), "invalid_token", "Please login"),
    ];
    for (token, code, message) in cases {
        let client = match token {
            Some(token) => env.client.with_token(token),
            None => env.client.clone(),
        };
        let error = client.employees_page(&query, 0, 10).await.unwrap_err();
        assert!(matches!(error, ApiError::SignInRequired(_)), "{code}: {error:?}");
        assert_eq!(code_and_message(&error), (401, code, message));
        assert!(error.user_message().contains("Sign in again"));
    }
}

#[tokio::test]
async fn expired_after_fifteen_minutes() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    env.clock.advance(Duration::from_secs(15 * 60));
    let error = client.mobile_configs(None, None).await.unwrap_err();
    assert!(matches!(error, ApiError::SignInRequired(_)));
    assert_eq!(
        code_and_message(&error),
        (401, "expired", "Session has expired, please login")
    );
}

#[tokio::test]
async fn access_denied() {
    let env = env().await;
    let client = env.sign_in(PERSONAL).await;
    let error = client
        .employees_page(&EmployeeQuery::default(), 0, 10)
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Http(_)));
    assert_eq!(
        code_and_message(&error),
        (403, "access_denied", "Insufficient access level")
    );
    assert!(
        error
            .user_message()
            .starts_with("Your access level does not allow this.")
    );
    assert!(!error.is_retryable());
}

#[tokio::test]
async fn not_found_and_customer_not_found() {
    let env = env().await;
    let client = env.sign_in(ADMIN).await;
    let without_config = env.colleagues(BAGER, &env.employee(OWNER))[9].clone();
    let error = client.mobile_config(&without_config).await.unwrap_err();
    assert_eq!(code_and_message(&error), (404, "not_found", "Object not found"));
    let nobody = Id::parse("0123456789abcdef01234567").unwrap();
    let error = client
        .copy_mobile_config(&nobody, &without_config)
        .await
        .unwrap_err();
    assert_eq!(code_and_message(&error), (404, "not_found", "Object not found"));
    let query = EmployeeQuery {
        customer: Some(nobody),
        filter: None,
    };
    let error = client.employees_page(&query, 0, 10).await.unwrap_err();
    assert_eq!(code_and_message(&error), (404, "customer", "Customer not found"));
}

#[tokio::test]
async fn unknown_queue_points_at_its_index() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    let me = env.employee(OWNER);
    let foreign_queue = env.queues(KLITGAARD)[0].clone();
    let selection = ConfigSelection {
        colleagues: vec![],
        queues: vec![env.queues(BAGER)[0].clone(), foreign_queue],
    };
    let error = client
        .create_mobile_config(&me, Some(&selection))
        .await
        .unwrap_err();
    assert_eq!(code_and_message(&error), (404, "items[1]._id", "Queue not found"));
    assert_eq!(
        error.field_refs(),
        vec![FieldRef {
            group: GroupType::Queues,
            index: 1
        }]
    );
    assert!(error.user_message().starts_with("Queue #2"));

    // A queue removed on the server after the form was filled.
    let removed = env.queues(BAGER)[2].clone();
    assert!(env.server.remove_queue(&removed));
    let selection = ConfigSelection {
        colleagues: vec![],
        queues: vec![removed],
    };
    let error = client
        .create_mobile_config(&me, Some(&selection))
        .await
        .unwrap_err();
    assert_eq!(
        error.field_refs(),
        vec![FieldRef {
            group: GroupType::Queues,
            index: 0
        }]
    );
}

#[tokio::test]
async fn unknown_colleague_points_at_its_index() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    let me = env.employee(OWNER);
    let bager = env.colleagues(BAGER, &me);
    let foreign = env.employee("manager@fjordhavn.demo");
    let selection = ConfigSelection {
        colleagues: vec![bager[0].clone(), bager[1].clone(), foreign],
        queues: vec![],
    };
    let error = client
        .create_mobile_config(&me, Some(&selection))
        .await
        .unwrap_err();
    assert_eq!(
        code_and_message(&error),
        (
            404,
            "items[2].extensions",
            "One or more employees or extensions were not found"
        )
    );
    assert_eq!(
        error.field_refs(),
        vec![FieldRef {
            group: GroupType::Colleagues,
            index: 2
        }]
    );
    // The failed create changed nothing.
    assert!(!env.server.has_config(&me));
}

#[tokio::test]
async fn bad_request_for_cross_customer_copy_and_malformed_input() {
    let env = env().await;
    let client = env.sign_in(ADMIN).await;
    let source = env.employee(OWNER);
    client.create_mobile_config(&source, None).await.unwrap();
    let error = client
        .copy_mobile_config(&source, &env.employee("manager@fjordhavn.demo"))
        .await
        .unwrap_err();
    assert_eq!(
        code_and_message(&error),
        (400, "bad_request", "Request not valid")
    );

    // What the typed client cannot send, sent raw.
    let token = client.token();
    for (method, path, body) in [
        (Method::GET, "/pbx/app/mobileconfig/not-an-id", None),
        (Method::GET, "/pbx/app/mobileconfig/12345678901234567890ABC", None),
        (
            Method::POST,
            "/pbx/app/mobileconfig/",
            Some(b"{\"_id\": 5}".to_vec()),
        ),
        (
            Method::POST,
            "/pbx/app/mobileconfig/",
            Some(b"{not json".to_vec()),
        ),
        (
            Method::POST,
            &format!("/pbx/app/mobileconfig/{source}"),
            Some(b"{\"configs\":[{\"type\":\"WIDGETS\"}]}".to_vec()),
        ),
        (
            Method::POST,
            &format!("/pbx/app/mobileconfig/{source}"),
            Some(b"{\"configs\":\"x\"}".to_vec()),
        ),
        (Method::GET, "/employee?limit=ten", None),
        (Method::GET, "/employee?customer=xyz", None),
    ] {
        let (status, body) = env.raw(method.clone(), path, token, body).await;
        assert_eq!(
            (status, pair(&body)),
            (400, ("bad_request".into(), "Request not valid".into())),
            "{method} {path}"
        );
    }
}

#[tokio::test]
async fn limits_out_of_range_are_422_naming_the_parameter() {
    let env = env().await;
    let client = env.sign_in(ADMIN).await;
    let error = client
        .employees_page(&EmployeeQuery::default(), 0, 501)
        .await
        .unwrap_err();
    assert_eq!(
        code_and_message(&error),
        (422, "limit", "limit must be between 1 and 500")
    );
    let (status, body) = env
        .raw(Method::GET, "/pbx/dialplan?limit=101", client.token(), None)
        .await;
    assert_eq!((status, pair(&body).0.as_str()), (422, "limit"));
    let (status, body) = env
        .raw(Method::GET, "/customer?offset=-1", client.token(), None)
        .await;
    assert_eq!((status, pair(&body).0.as_str()), (422, "offset"));
}

#[tokio::test]
async fn sign_in_refusals_and_second_factor() {
    let env = env().await;
    let wrong = LoginRequest {
        password: "nope".into(),
        ..login(OWNER, false)
    };
    let error = env.client.login(&wrong).await.unwrap_err();
    assert!(matches!(error, ApiError::CredentialsRejected(_)));
    assert_eq!(
        code_and_message(&error),
        (401, "credentials_invalid", "Invalid username or password")
    );

    let error = env.client.login(&login(SMS, false)).await.unwrap_err();
    assert!(
        matches!(
            error,
            ApiError::SecondFactorRequired {
                factor: SecondFactor::Sms,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(code_and_message(&error), (401, "smsKey", "SMS code required"));
    assert!(error.user_message().contains("SMS"));

    let bad_code = LoginRequest {
        sms_key: Some("000000".into()),
        ..login(SMS, false)
    };
    let error = env.client.login(&bad_code).await.unwrap_err();
    assert!(
        matches!(error, ApiError::CredentialsRejected(_)),
        "a wrong code is a refusal: {error:?}"
    );
    assert_eq!(code_and_message(&error), (401, "smsKey", "Invalid SMS code"));

    let good_code = LoginRequest {
        sms_key: Some(DEMO_SMS_CODE.into()),
        ..login(SMS, false)
    };
    let response = env.client.login(&good_code).await.unwrap();
    assert_eq!(response.identity.access_level, AccessLevel::Owner);
}

#[tokio::test]
async fn accounts_that_cannot_sign_in() {
    let env = env().await;
    let admin = env.sign_in(ADMIN).await;
    let query = EmployeeQuery {
        customer: Some(env.customer(FJORDHAVN)),
        filter: None,
    };
    let employees = admin
        .all_employees(
            &query,
            mobileconfig_admin::api::FetchAll {
                page_size: 500,
                concurrency: 1,
            },
            |_| {},
        )
        .await
        .unwrap();
    let no_login = employees
        .iter()
        .find(|e| e.access_level == Some(AccessLevel::NoLogin))
        .expect("seed has NO_LOGIN");
    let disabled = employees
        .iter()
        .find(|e| e.state == Some(mobileconfig_admin::api::EmployeeState::Disabled))
        .expect("seed has a DISABLED employee");
    for employee in [no_login, disabled] {
        let email = employee.email_address.clone().unwrap();
        let error = env.client.login(&login(&email, false)).await.unwrap_err();
        assert!(
            matches!(error, ApiError::CredentialsRejected(_)),
            "{email}: {error:?}"
        );
        assert_eq!(
            code_and_message(&error),
            (409, "employee", "Employee does not have access to login")
        );
    }
}

#[tokio::test]
async fn internal_error_is_retryable_and_plain() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    env.server
        .inject_fault(FaultRule::new("/pbx/app/mobileconfig", Fault::from_pair(pairs::INTERNAL)).times(1));
    let error = client.mobile_configs(None, None).await.unwrap_err();
    assert_eq!(code_and_message(&error), (500, "internal_error", "<Unspecified>"));
    assert!(error.is_retryable());
    assert_eq!(
        error.user_message(),
        "The server had a problem handling this. Try again shortly. (HTTP 500 · internal_error)"
    );
    assert!(
        client.mobile_configs(None, None).await.is_ok(),
        "the fault hit once"
    );
}

#[tokio::test]
async fn the_stand_ins_own_errors_are_json_too() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    let token = client.token();
    let (status, body) = env.raw(Method::GET, "/no/such/route", token, None).await;
    assert_eq!((status, pair(&body).0.as_str()), (404, "not_found"));
    let (status, body) = env.raw(Method::DELETE, "/employee", token, None).await;
    assert_eq!((status, pair(&body).0.as_str()), (405, "method_not_allowed"));
    let huge = vec![b' '; 5 * 1024 * 1024];
    let path = format!("/pbx/app/mobileconfig/{}", env.employee(OWNER));
    let (status, body) = env.raw(Method::POST, &path, token, Some(huge)).await;
    assert_eq!((status, pair(&body).0.as_str()), (413, "too_large"));
    let (status, body) = env
        .raw(Method::POST, "/auth/login", None, Some(b"[1,2,3]".to_vec()))
        .await;
    assert_eq!((status, pair(&body).0.as_str()), (400, "bad_request"));
}
