//! Which server the app talks to, and the built-in demo server when that is the choice.

use serde::{Deserialize, Serialize};

use crate::api::{ApiClient, ApiError, ClientConfig, RequestObserver, TELECOMX_URL};
use crate::demo::{DemoOptions, DemoServer};

/// A server choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Connection {
    /// The built-in stand-in server, started in-process on loopback.
    Demo,
    /// The production API.
    TelecomX,
    /// Any other base URL.
    Custom(String),
}

impl Connection {
    /// The connection for a `--api-url` value.
    pub fn from_url(url: &str) -> Self {
        if url.trim().trim_end_matches('/') == TELECOMX_URL {
            Self::TelecomX
        } else {
            Self::Custom(url.trim().to_owned())
        }
    }

    /// A stable name for what is remembered per server (the demo's port changes every run).
    pub fn key(&self) -> String {
        match self {
            Self::Demo => "demo".to_owned(),
            Self::TelecomX => TELECOMX_URL.to_owned(),
            Self::Custom(url) => url.trim().trim_end_matches('/').to_owned(),
        }
    }

    /// Short name for the top bar and the selector.
    pub fn label(&self) -> String {
        match self {
            Self::Demo => "Demo (built-in)".to_owned(),
            Self::TelecomX => "TelecomX".to_owned(),
            Self::Custom(url) => format!("Custom: {url}"),
        }
    }
}

/// An open connection: a client for the chosen server, or why there is none.
pub struct Link {
    /// The choice.
    pub connection: Connection,
    /// A client without a token, or the reason the address cannot be used.
    pub client: Result<ApiClient, ApiError>,
    /// The in-process server for [`Connection::Demo`]; dropping it stops it.
    _demo: Option<DemoServer>,
}

impl Link {
    /// Opens `connection`. For the demo this binds a loopback port (instant; no network).
    pub fn open(connection: Connection, runtime: &tokio::runtime::Handle, observer: RequestObserver) -> Self {
        let (base_url, demo) = match &connection {
            Connection::Demo => match runtime.block_on(DemoServer::start_local(DemoOptions::default())) {
                Ok(server) => (server.base_url().to_owned(), Some(server)),
                Err(error) => {
                    return Self {
                        connection,
                        client: Err(ApiError::Connect {
                            detail: format!("the built-in demo server could not start: {error}"),
                        }),
                        _demo: None,
                    };
                }
            },
            Connection::TelecomX => (TELECOMX_URL.to_owned(), None),
            Connection::Custom(url) => (url.clone(), None),
        };
        let client = ApiClient::new(&ClientConfig::new(base_url)).map(|c| c.with_observer(observer));
        Self {
            connection,
            client,
            _demo: demo,
        }
    }
}
