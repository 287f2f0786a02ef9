//! `ApiClient`: the one place that speaks HTTP to TelecomX.

use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, AUTHORIZATION};
use reqwest::{Method, RequestBuilder, Url};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::error::ApiError;
use super::ids::Id;
use super::models::{
    AppEmployee, ConfigSelection, CopyBody, Customer, Employee, Extension, LoginRequest, LoginResponse,
    MobileConfig, Page, Queue, SelectionBody, Token, TokenInfo,
};
use super::paging::{PageProgress, fetch_all_pages};

/// The production API.
pub const TELECOMX_URL: &str = "https://api.telecomx.dk";

/// Connection settings for [`ApiClient::new`].
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Base URL without a trailing path, e.g. [`TELECOMX_URL`].
    pub base_url: String,
    /// Longest wait for a connection.
    pub connect_timeout: Duration,
    /// Longest wait for a whole request, body included.
    pub request_timeout: Duration,
    /// Largest answer accepted, in bytes.
    pub max_response_bytes: usize,
}

impl ClientConfig {
    /// Defaults: 10 s to connect, 30 s per request, answers up to 64 MiB.
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            connect_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            max_response_bytes: 64 * 1024 * 1024,
        }
    }
}

/// One finished request, for an activity log. Never holds a token or a password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestRecord {
    /// HTTP method.
    pub method: String,
    /// Path and query, e.g. `/employee?offset=0&limit=500`.
    pub path: String,
    /// HTTP status, or `None` when no answer arrived.
    pub status: Option<u16>,
    /// Time from sending to the end of the answer.
    pub duration: Duration,
}

/// Receives a [`RequestRecord`] after every request.
pub type RequestObserver = Arc<dyn Fn(RequestRecord) + Send + Sync>;

/// Options for fetching every page of a list.
#[derive(Clone, Copy, Debug)]
pub struct FetchAll {
    /// Items per request (clamped by the caller to the endpoint's maximum).
    pub page_size: u64,
    /// Requests in flight at once.
    pub concurrency: usize,
}

/// Filters for `GET /employee`.
#[derive(Clone, Debug, Default)]
pub struct EmployeeQuery {
    /// Whose employees; the caller's own customer when `None`.
    pub customer: Option<Id>,
    /// Case-insensitive text filter.
    pub filter: Option<String>,
}

/// Maximum page sizes from the documentation.
pub mod limits {
    /// `GET /customer`.
    pub const CUSTOMERS: u64 = 500;
    /// `GET /employee`.
    pub const EMPLOYEES: u64 = 500;
    /// `GET /pbx/dialplan`.
    pub const DIALPLAN: u64 = 100;
    /// `GET /pbx/extension`.
    pub const EXTENSIONS: u64 = 1000;
}

/// Typed TelecomX client. Cheap to clone: clones share one connection pool.
#[derive(Clone)]
pub struct ApiClient {
    http: reqwest::Client,
    base: Url,
    token: Option<Token>,
    observer: Option<RequestObserver>,
    max_response_bytes: usize,
}

impl std::fmt::Debug for ApiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiClient")
            .field("base", &self.base.as_str())
            .field("signed_in", &self.token.is_some())
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
struct PageQuery<'a> {
    offset: u64,
    limit: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<&'a Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<&'a str>,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    item_type: Option<&'static str>,
}

#[derive(Serialize)]
struct ConfigListQuery<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    employee: Option<&'a Id>,
    #[serde(skip_serializing_if = "Option::is_none")]
    customer: Option<&'a Id>,
}

impl ApiClient {
    /// Builds a client. Plain `http://` is refused unless the host is loopback, so a token
    /// can never cross a network unencrypted.
    pub fn new(config: &ClientConfig) -> Result<Self, ApiError> {
        let base = parse_base_url(&config.base_url)?;
        let http = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .timeout(config.request_timeout)
            .user_agent(concat!("mobileconfig-admin/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| ApiError::InvalidBaseUrl {
                url: config.base_url.clone(),
                reason: format!("the HTTP client could not start: {e}"),
            })?;
        Ok(Self {
            http,
            base,
            token: None,
            observer: None,
            max_response_bytes: config.max_response_bytes,
        })
    }

    /// A clone that sends `token` on every call.
    #[must_use]
    pub fn with_token(&self, token: Token) -> Self {
        Self {
            token: Some(token),
            ..self.clone()
        }
    }

    /// A clone that reports every request to `observer`.
    #[must_use]
    pub fn with_observer(&self, observer: RequestObserver) -> Self {
        Self {
            observer: Some(observer),
            ..self.clone()
        }
    }

    /// The token this client sends, if signed in.
    pub fn token(&self) -> Option<&Token> {
        self.token.as_ref()
    }

    /// The server this client talks to.
    pub fn base_url(&self) -> &Url {
        &self.base
    }

    /// `POST /auth/login`. A second factor request comes back as
    /// [`ApiError::SecondFactorRequired`], refused credentials as [`ApiError::CredentialsRejected`].
    pub async fn login(&self, request: &LoginRequest) -> Result<LoginResponse, ApiError> {
        let builder = self.request(Method::POST, "/auth/login", false)?.json(request);
        self.send(builder)
            .await
            .map_err(|error| match error.into_login_error() {
                // The code was sent and the server still asks for it: the code was wrong.
                ApiError::SecondFactorRequired { factor, error } if request.has_code_for(factor) => {
                    ApiError::CredentialsRejected(error)
                }
                other => other,
            })
    }

    /// `GET /auth/validateToken?extend=true` for this client's token: who it belongs to.
    ///
    /// The token goes in the `Authorization` header, not in `?token=`, so it never appears in a
    /// URL (a deliberate deviation from the documented query parameter; see ARCHITECTURE.md).
    pub async fn validate_token(&self) -> Result<TokenInfo, ApiError> {
        let builder = self
            .request(Method::GET, "/auth/validateToken", true)?
            .query(&[("extend", "true")]);
        self.send(builder).await
    }

    /// `GET /auth/logout`: ends every session of the signed-in user.
    pub async fn logout(&self) -> Result<(), ApiError> {
        let builder = self.request(Method::GET, "/auth/logout", true)?;
        self.send::<serde_json::Value>(builder).await.map(drop)
    }

    /// One page of `GET /customer`.
    pub async fn customers_page(
        &self,
        filter: Option<&str>,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Customer>, ApiError> {
        let query = PageQuery {
            offset,
            limit,
            customer: None,
            filter,
            item_type: None,
        };
        self.get_paged("/customer", &query).await
    }

    /// One page of `GET /employee`.
    pub async fn employees_page(
        &self,
        query: &EmployeeQuery,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Employee>, ApiError> {
        let query = PageQuery {
            offset,
            limit,
            customer: query.customer.as_ref(),
            filter: query.filter.as_deref(),
            item_type: None,
        };
        self.get_paged("/employee", &query).await
    }

    /// Every employee matching `query`, fetched page by page with bounded concurrency.
    pub async fn all_employees(
        &self,
        query: &EmployeeQuery,
        options: FetchAll,
        on_progress: impl FnMut(PageProgress) + Send,
    ) -> Result<Vec<Employee>, ApiError> {
        let limit = options.page_size.clamp(1, limits::EMPLOYEES);
        fetch_all_pages(limit, options.concurrency, on_progress, |offset| {
            self.employees_page(query, offset, limit)
        })
        .await
    }

    /// One page of queues: `GET /pbx/dialplan?type=QUEUE`.
    pub async fn queues_page(
        &self,
        customer: Option<&Id>,
        filter: Option<&str>,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Queue>, ApiError> {
        let query = PageQuery {
            offset,
            limit,
            customer,
            filter,
            item_type: Some("QUEUE"),
        };
        self.get_paged("/pbx/dialplan", &query).await
    }

    /// Every queue of a customer (the caller's own when `None`).
    pub async fn all_queues(
        &self,
        customer: Option<&Id>,
        options: FetchAll,
        on_progress: impl FnMut(PageProgress) + Send,
    ) -> Result<Vec<Queue>, ApiError> {
        let limit = options.page_size.clamp(1, limits::DIALPLAN);
        fetch_all_pages(limit, options.concurrency, on_progress, |offset| {
            self.queues_page(customer, None, offset, limit)
        })
        .await
    }

    /// One page of `GET /pbx/extension` for a customer (the caller's own when `None`).
    pub async fn extensions_page(
        &self,
        customer: Option<&Id>,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Extension>, ApiError> {
        let query = PageQuery {
            offset,
            limit,
            customer,
            filter: None,
            item_type: None,
        };
        self.get_paged("/pbx/extension", &query).await
    }

    /// Every extension of a customer: where employees' numbers come from.
    pub async fn all_extensions(
        &self,
        customer: Option<&Id>,
        options: FetchAll,
        on_progress: impl FnMut(PageProgress) + Send,
    ) -> Result<Vec<Extension>, ApiError> {
        let limit = options.page_size.clamp(1, limits::EXTENSIONS);
        fetch_all_pages(limit, options.concurrency, on_progress, |offset| {
            self.extensions_page(customer, offset, limit)
        })
        .await
    }

    /// `GET /pbx/app/employees`: the caller's colleagues as the Communicator apps see them
    /// (PERSONAL and up; the caller's own customer only).
    pub async fn app_employees(&self) -> Result<Vec<AppEmployee>, ApiError> {
        self.send(self.request(Method::GET, "/pbx/app/employees", true)?)
            .await
    }

    /// `GET /pbx/app/queues`: the queues the caller may see (PERSONAL and up).
    pub async fn app_queues(&self) -> Result<Vec<Queue>, ApiError> {
        self.send(self.request(Method::GET, "/pbx/app/queues", true)?)
            .await
    }

    /// `GET /pbx/app/mobileconfig/{employee}`.
    pub async fn mobile_config(&self, employee: &Id) -> Result<MobileConfig, ApiError> {
        let path = format!("/pbx/app/mobileconfig/{employee}");
        self.send(self.request(Method::GET, &path, true)?).await
    }

    /// `GET /pbx/app/mobileconfig`: configs of a customer (the caller's own when `None`),
    /// leaving out `exclude` (the server leaves out the caller when `None`).
    pub async fn mobile_configs(
        &self,
        customer: Option<&Id>,
        exclude: Option<&Id>,
    ) -> Result<Vec<MobileConfig>, ApiError> {
        let query = ConfigListQuery {
            employee: exclude,
            customer,
        };
        let builder = self
            .request(Method::GET, "/pbx/app/mobileconfig", true)?
            .query(&query);
        self.send(builder).await
    }

    /// `POST /pbx/app/mobileconfig/{employee}`: creates the config, or with a selection
    /// replaces its items (working hypothesis, see [`ConfigSelection`]).
    pub async fn create_mobile_config(
        &self,
        employee: &Id,
        selection: Option<&ConfigSelection>,
    ) -> Result<MobileConfig, ApiError> {
        let path = format!("/pbx/app/mobileconfig/{employee}");
        let mut builder = self.request(Method::POST, &path, true)?;
        if let Some(selection) = selection {
            builder = builder.json(&SelectionBody::from(selection));
        }
        self.send(builder).await
    }

    /// `POST /pbx/app/mobileconfig/` with `{_id, copyTo}`: overwrites `to`'s config with `from`'s.
    pub async fn copy_mobile_config(&self, from: &Id, to: &Id) -> Result<MobileConfig, ApiError> {
        let builder = self
            .request(Method::POST, "/pbx/app/mobileconfig/", true)?
            .json(&CopyBody { from, to });
        self.send(builder).await
    }

    async fn get_paged<T: DeserializeOwned>(
        &self,
        path: &str,
        query: &PageQuery<'_>,
    ) -> Result<Page<T>, ApiError> {
        self.send(self.request(Method::GET, path, true)?.query(query))
            .await
    }

    fn request(&self, method: Method, path: &str, authorized: bool) -> Result<RequestBuilder, ApiError> {
        let url = self
            .base
            .join(path.trim_start_matches('/'))
            .map_err(|e| ApiError::InvalidBaseUrl {
                url: self.base.to_string(),
                reason: e.to_string(),
            })?;
        let mut builder = self.http.request(method, url).header(ACCEPT, "application/json");
        if authorized && let Some(token) = &self.token {
            builder = builder.header(AUTHORIZATION, format!("Bearer {}", token.expose()));
        }
        Ok(builder)
    }

    async fn send<T: DeserializeOwned>(&self, builder: RequestBuilder) -> Result<T, ApiError> {
        let request = builder.build().map_err(|e| transport_error(&e))?;
        let method = request.method().to_string();
        let path = match request.url().query() {
            Some(query) => format!("{}?{query}", request.url().path()),
            None => request.url().path().to_owned(),
        };
        let started = Instant::now();
        let answer = self.exchange(request).await;
        if let Some(observer) = &self.observer {
            observer(RequestRecord {
                method,
                path,
                status: answer.as_ref().ok().map(|(status, _)| *status),
                duration: started.elapsed(),
            });
        }
        let (status, body) = answer?;
        if (200..300).contains(&status) {
            serde_json::from_slice(&body).map_err(|e| ApiError::Decode {
                status,
                detail: e.to_string(),
            })
        } else {
            Err(ApiError::from_error_response(status, &body))
        }
    }

    /// Sends and reads the whole body, refusing answers over the size limit.
    async fn exchange(&self, request: reqwest::Request) -> Result<(u16, Vec<u8>), ApiError> {
        let mut response = self
            .http
            .execute(request)
            .await
            .map_err(|e| transport_error(&e))?;
        let status = response.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| transport_error(&e))? {
            if body.len() + chunk.len() > self.max_response_bytes {
                return Err(ApiError::ResponseTooLarge {
                    limit_bytes: self.max_response_bytes,
                });
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, body))
    }
}

fn parse_base_url(text: &str) -> Result<Url, ApiError> {
    let invalid = |reason: &str| ApiError::InvalidBaseUrl {
        url: text.to_owned(),
        reason: reason.to_owned(),
    };
    let mut url = Url::parse(text.trim()).map_err(|e| invalid(&e.to_string()))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        "http" => {
            return Err(invalid(
                "plain http would send the password and token unencrypted; use https \
                 (plain http is allowed only for this computer: localhost or 127.0.0.1)",
            ));
        }
        _ => return Err(invalid("only https:// addresses are supported")),
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("the address must not contain ? or #"));
    }
    // `join` treats the last segment as a file unless the path ends in '/'.
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// Sorts a transport failure into the kind a user can act on.
fn transport_error(error: &reqwest::Error) -> ApiError {
    let detail = error_chain(error);
    if error.is_timeout() {
        ApiError::Timeout
    } else if is_tls_failure(&detail) {
        ApiError::Tls { detail }
    } else if error.is_connect() {
        ApiError::Connect { detail }
    } else {
        ApiError::Network { detail }
    }
}

fn is_tls_failure(detail: &str) -> bool {
    let lower = detail.to_ascii_lowercase();
    ["certificate", "tls", "handshake"]
        .iter()
        .any(|word| lower.contains(word))
}

/// The error and its causes on one line; reqwest's own Display hides the root cause.
fn error_chain(error: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !parts.iter().any(|part| part.contains(&text)) {
            parts.push(text);
        }
        source = cause.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_rules() {
        assert!(parse_base_url("https://api.telecomx.dk").is_ok());
        assert!(parse_base_url("http://127.0.0.1:8787").is_ok());
        assert!(parse_base_url("http://localhost:1").is_ok());
        assert!(parse_base_url("http://[::1]:1/").is_ok());
        let refused = parse_base_url("http://api.telecomx.dk").unwrap_err();
        assert!(refused.user_message().contains("unencrypted"), "{refused}");
        assert!(parse_base_url("ftp://x").is_err());
        assert!(parse_base_url("not a url").is_err());
        assert_eq!(
            parse_base_url("https://h/prefix").unwrap().as_str(),
            "https://h/prefix/"
        );
    }
}
