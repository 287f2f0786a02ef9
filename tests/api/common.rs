//! Shared set-up: a stand-in server with a manual clock, and signed-in clients.

use std::sync::Arc;

use mobileconfig_admin::api::{ApiClient, ClientConfig, Id, LoginRequest, Token};
use mobileconfig_admin::demo::{DEMO_PASSWORD, DEMO_SMS_CODE, DemoOptions, DemoServer, ManualClock};
use serde_json::Value;

pub const BAGER: &str = "Bager Hansen ApS";
pub const FJORDHAVN: &str = "Fjordhavn Logistik A/S";
pub const KLITGAARD: &str = "Klitgaard VVS";

pub const ADMIN: &str = "admin@telecomx.demo";
pub const NORDLYS: &str = "reseller@nordlys.demo";
pub const VESTKYST: &str = "reseller@vestkyst.demo";
pub const OWNER: &str = "owner@bagerhansen.demo";
pub const VIEWER: &str = "viewer@bagerhansen.demo";
pub const PERSONAL: &str = "personal@bagerhansen.demo";
pub const SMS: &str = "sms@bagerhansen.demo";
pub const MANAGER: &str = "manager@fjordhavn.demo";
pub const KLITGAARD_OWNER: &str = "owner@klitgaard.demo";

/// A running stand-in and an anonymous client for it.
pub struct Env {
    pub server: DemoServer,
    pub client: ApiClient,
    pub clock: Arc<ManualClock>,
}

pub async fn env() -> Env {
    env_with(DemoOptions::default()).await
}

pub async fn env_with(options: DemoOptions) -> Env {
    let clock = Arc::new(ManualClock::new());
    let options = DemoOptions {
        clock: clock.clone(),
        ..options
    };
    let server = DemoServer::start_local(options)
        .await
        .expect("stand-in server starts");
    let client = ApiClient::new(&ClientConfig::new(server.base_url())).expect("client for loopback");
    Env {
        server,
        client,
        clock,
    }
}

impl Env {
    pub async fn sign_in(&self, username: &str) -> ApiClient {
        self.sign_in_with(username, false).await
    }

    pub async fn sign_in_with(&self, username: &str, persist: bool) -> ApiClient {
        let response = self
            .client
            .login(&LoginRequest {
                // Ignored by accounts without two-factor.
                sms_key: Some(DEMO_SMS_CODE.to_owned()),
                ..login(username, persist)
            })
            .await
            .unwrap_or_else(|e| panic!("{username} signs in: {e}"));
        self.client.with_token(response.token)
    }

    pub fn employee(&self, username: &str) -> Id {
        self.server.employee_id(username).expect("known demo account")
    }

    pub fn customer(&self, name: &str) -> Id {
        self.server.customer_id(name).expect("known demo customer")
    }

    pub fn queues(&self, customer: &str) -> Vec<Id> {
        self.server
            .queues_of(&self.customer(customer))
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    /// Employees of a customer other than `except`, by name.
    pub fn colleagues(&self, customer: &str, except: &Id) -> Vec<Id> {
        self.server
            .employees_of(&self.customer(customer))
            .into_iter()
            .map(|(id, _)| id)
            .filter(|id| id != except)
            .collect()
    }

    /// A raw GET, for server behaviour the typed client cannot produce.
    pub async fn raw(
        &self,
        method: reqwest::Method,
        path_and_query: &str,
        token: Option<&Token>,
        body: Option<Vec<u8>>,
    ) -> (u16, Value) {
        let mut request =
            reqwest::Client::new().request(method, format!("{}{path_and_query}", self.server.base_url()));
        if let Some(token) = token {
            request = request.bearer_auth(token.expose());
        }
        if let Some(body) = body {
            request = request.header("content-type", "application/json").body(body);
        }
        let response = request.send().await.expect("stand-in answers");
        let status = response.status().as_u16();
        let bytes = response.bytes().await.expect("whole body");
        let value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        (status, value)
    }
}

pub fn login(username: &str, persist: bool) -> LoginRequest {
    LoginRequest {
        username: username.to_owned(),
        password: DEMO_PASSWORD.to_owned(),
        persist,
        ..LoginRequest::default()
    }
}

/// The `{"error":{...}}` pair of a raw answer.
pub fn pair(body: &Value) -> (String, String) {
    let error = &body["error"];
    (
        error["code"].as_str().unwrap_or_default().to_owned(),
        error["message"].as_str().unwrap_or_default().to_owned(),
    )
}
