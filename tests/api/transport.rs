//! Transport failures: each a clear `ApiError`, never a panic.

use std::time::Duration;

use mobileconfig_admin::api::{ApiClient, ApiError, ClientConfig};
use mobileconfig_admin::demo::{Fault, FaultRule};

use crate::common::{OWNER, env};

#[tokio::test]
async fn connection_refused() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    drop(listener);
    let client = ApiClient::new(&ClientConfig::new(format!("http://{addr}"))).unwrap();
    let error = client
        .login(&crate::common::login(OWNER, false))
        .await
        .unwrap_err();
    assert!(matches!(error, ApiError::Connect { .. }), "{error:?}");
    assert!(error.is_retryable());
    assert!(error.user_message().starts_with("Cannot reach the server."));
}

#[tokio::test]
async fn a_server_slower_than_the_timeout() {
    let env = env().await;
    let config = ClientConfig {
        request_timeout: Duration::from_millis(300),
        ..ClientConfig::new(env.server.base_url())
    };
    let client = ApiClient::new(&config).unwrap();
    env.server
        .inject_fault(FaultRule::new("/auth/login", Fault::Delay(Duration::from_secs(3))).times(1));
    let error = client
        .login(&crate::common::login(OWNER, false))
        .await
        .unwrap_err();
    assert_eq!(error, ApiError::Timeout);
    assert!(
        client.login(&crate::common::login(OWNER, false)).await.is_ok(),
        "next call is fine"
    );
}

#[tokio::test]
async fn an_html_502_page() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    env.server.inject_fault(FaultRule::new(
        "/pbx/app/mobileconfig",
        Fault::HtmlPage { status: 502 },
    ));
    let error = client.mobile_configs(None, None).await.unwrap_err();
    let ApiError::UnexpectedBody { status, snippet } = &error else {
        panic!("{error:?}")
    };
    assert_eq!(*status, 502);
    assert!(snippet.contains("502 Bad Gateway"), "{snippet}");
    assert!(error.is_retryable());
    assert!(error.user_message().contains("HTTP 502"));
}

#[tokio::test]
async fn a_truncated_json_body() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    env.server
        .inject_fault(FaultRule::new("/pbx/app/mobileconfig", Fault::TruncatedJson).times(1));
    let error = client.mobile_configs(None, None).await.unwrap_err();
    assert!(matches!(error, ApiError::Decode { status: 200, .. }), "{error:?}");
}

#[tokio::test]
async fn a_connection_dropped_mid_body() {
    let env = env().await;
    let client = env.sign_in(OWNER).await;
    env.server
        .inject_fault(FaultRule::new("/pbx/app/mobileconfig", Fault::AbortBody).times(1));
    let error = client.mobile_configs(None, None).await.unwrap_err();
    assert!(matches!(error, ApiError::Network { .. }), "{error:?}");
}

#[tokio::test]
async fn an_answer_over_the_size_limit() {
    let env = env().await;
    let config = ClientConfig {
        max_response_bytes: 1024,
        ..ClientConfig::new(env.server.base_url())
    };
    let client = ApiClient::new(&config).unwrap();
    let signed_in = client.with_token(env.sign_in(OWNER).await.token().unwrap().clone());
    let error = signed_in.mobile_configs(None, None).await.unwrap_err();
    assert_eq!(error, ApiError::ResponseTooLarge { limit_bytes: 1024 });
}
