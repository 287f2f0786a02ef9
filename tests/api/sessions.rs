//! Token lifetime, persistence, logout and two-factor sign-in.

use std::time::Duration;

use mobileconfig_admin::api::{ApiError, LoginRequest};
use mobileconfig_admin::demo::DEMO_SMS_CODE;

use crate::common::{OWNER, SMS, VIEWER, env, login};

#[tokio::test]
async fn a_session_lasts_fifteen_minutes_unless_persisted() {
    let env = env().await;
    let short = env.sign_in_with(OWNER, false).await;
    let persisted = env.client.login(&login(OWNER, true)).await.unwrap();
    assert_eq!(persisted.expires_in_minutes, Some(-1));
    let persisted = env.client.with_token(persisted.token);

    env.clock.advance(Duration::from_secs(14 * 60 + 59));
    assert!(
        short.validate_token().await.is_ok(),
        "still valid just before 15 minutes"
    );
    env.clock.advance(Duration::from_secs(1));
    let error = short.validate_token().await.unwrap_err();
    assert!(matches!(error, ApiError::SignInRequired(_)));
    assert_eq!(
        error.http().map(|h| h.code().to_owned()).as_deref(),
        Some("expired")
    );

    env.clock.advance(Duration::from_secs(24 * 3600));
    assert!(
        persisted.validate_token().await.is_ok(),
        "persisted tokens do not expire"
    );
}

#[tokio::test]
async fn logout_ends_every_session_of_the_user_only() {
    let env = env().await;
    let first = env.sign_in(OWNER).await;
    let second = env.sign_in_with(OWNER, true).await;
    let someone_else = env.sign_in(VIEWER).await;
    first.logout().await.unwrap();
    for client in [&first, &second] {
        assert!(matches!(
            client.validate_token().await,
            Err(ApiError::SignInRequired(_))
        ));
    }
    assert!(someone_else.validate_token().await.is_ok());
}

#[tokio::test]
async fn two_factor_sign_in() {
    let env = env().await;
    let first_try = env.client.login(&login(SMS, false)).await.unwrap_err();
    assert!(matches!(first_try, ApiError::SecondFactorRequired { .. }));
    let with_code = LoginRequest {
        sms_key: Some(DEMO_SMS_CODE.into()),
        ..login(SMS, true)
    };
    let response = env.client.login(&with_code).await.unwrap();
    let client = env.client.with_token(response.token);
    let info = client.validate_token().await.unwrap();
    assert_eq!(info.identity.employee, env.employee(SMS));
}
