//! `/web/*` streamed to a real Odoo and back, cookies included. When Odoo
//! is down or slow the app gets a JSON-RPC-shaped error within a bounded
//! time, never a hang or an HTML page.

use crate::rate_limit::client_ip;
use crate::Error;
use axum::body::Body;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderName, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use odoo_rpc::{decode_call, next_id, request_body, Call, ErrorAnswer, VersionInfo};
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct Proxy {
    inner: Arc<Inner>,
}

struct Inner {
    base: reqwest::Url,
    client: reqwest::Client,
    timeout: Duration,
}

/// Hop-by-hop headers are the connection's, not the message's.
const HOP_BY_HOP: [&str; 8] = [
    "connection",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "trailer",
    "transfer-encoding",
    "upgrade",
];

impl Proxy {
    pub fn new(url: &str, timeout: Duration) -> Result<Self, Error> {
        let bad = |why: &str| Error::BadOdooUrl {
            url: url.to_string(),
            why: why.to_string(),
        };
        let base = reqwest::Url::parse(url).map_err(|e| bad(&e.to_string()))?;
        if base.scheme() != "http" {
            return Err(bad("only http:// is supported (put TLS in front of pwa-server, and talk to Odoo on its local address)"));
        }
        if base.host_str().is_none() {
            return Err(bad("no host"));
        }
        let client = reqwest::Client::builder()
            // Odoo's redirects (e.g. /web/login) are the browser's to follow.
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5).min(timeout))
            .build()?;
        Ok(Proxy {
            inner: Arc::new(Inner {
                base,
                client,
                timeout,
            }),
        })
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/web", axum::routing::any(forward))
            .route("/web/{*rest}", axum::routing::any(forward))
            .with_state(self)
    }

    /// Asks Odoo its version, to say at start-up whether it answers.
    pub async fn check(&self) -> Result<String, String> {
        let call = VersionInfo;
        let res = self
            .inner
            .client
            .post(self.target(&call.path(), None))
            .header(CONTENT_TYPE, "application/json")
            .body(request_body(next_id(), &call.params()))
            .timeout(Duration::from_secs(5))
            .send()
            .await
            .map_err(|e| e.to_string())?;
        let status = res.status().as_u16();
        let content_type = res
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = res.text().await.map_err(|e| e.to_string())?;
        decode_call(&call, status, content_type.as_deref(), &body)
            .map(|version| version.to_string())
            .map_err(|e| e.to_string())
    }

    /// Odoo's URL for one of our paths (an Odoo under a sub-path works too).
    fn target(&self, path: &str, query: Option<&str>) -> reqwest::Url {
        let mut url = self.inner.base.clone();
        let prefix = url.path().trim_end_matches('/').to_string();
        url.set_path(&format!("{prefix}{path}"));
        url.set_query(query);
        url
    }
}

async fn forward(State(proxy): State<Proxy>, req: Request<Body>) -> Response {
    let ip = client_ip(&req);
    let (parts, body) = req.into_parts();
    let url = proxy.target(parts.uri.path(), parts.uri.query());
    let mut headers = strip_hop_by_hop(&parts.headers);
    headers.remove(axum::http::header::HOST);
    if let Some(host) = parts.headers.get(axum::http::header::HOST) {
        headers.insert("x-forwarded-host", host.clone());
    }
    if !headers.contains_key("x-forwarded-proto") {
        headers.insert("x-forwarded-proto", HeaderValue::from_static("http"));
    }
    if let Some(ip) = ip {
        let chain = match parts
            .headers
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
        {
            Some(prev) if !prev.is_empty() => format!("{prev}, {ip}"),
            _ => ip.to_string(),
        };
        if let Ok(v) = HeaderValue::from_str(&chain) {
            headers.insert("x-forwarded-for", v);
        }
    }
    let upstream = proxy
        .inner
        .client
        .request(parts.method, url)
        .headers(headers)
        .body(reqwest::Body::wrap_stream(body.into_data_stream()))
        .timeout(proxy.inner.timeout)
        .send()
        .await;
    match upstream {
        Ok(res) => {
            let status = res.status();
            let headers = strip_hop_by_hop(res.headers());
            let mut out = Response::new(Body::from_stream(res.bytes_stream()));
            *out.status_mut() = status;
            *out.headers_mut() = headers;
            out
        }
        Err(e) if e.is_timeout() => {
            tracing::warn!("Odoo did not answer in time: {e}");
            unreachable_answer(
                StatusCode::GATEWAY_TIMEOUT,
                "The Odoo server did not answer in time. Please try again.",
            )
        }
        Err(e) => {
            tracing::warn!("Odoo unreachable: {e}");
            unreachable_answer(
                StatusCode::BAD_GATEWAY,
                "The Odoo server cannot be reached right now. Please try again in a moment.",
            )
        }
    }
}

fn strip_hop_by_hop(h: &HeaderMap) -> HeaderMap {
    let mut out = h.clone();
    // Headers named in Connection are hop-by-hop too.
    let named: Vec<HeaderName> = h
        .get_all(axum::http::header::CONNECTION)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|n| HeaderName::from_bytes(n.trim().as_bytes()).ok())
        .collect();
    for n in named {
        out.remove(n);
    }
    for n in HOP_BY_HOP {
        out.remove(n);
    }
    out
}

/// Odoo's own error answer, so the app decodes it like any other, with a
/// gateway status so clients know it is transient.
fn unreachable_answer(status: StatusCode, message: &str) -> Response {
    let answer = ErrorAnswer::new(
        Value::Null,
        i64::from(status.as_u16()),
        status.canonical_reason().unwrap_or("Bad Gateway"),
        "pwa_server.OdooUnreachable",
        message,
    );
    (status, axum::Json(answer)).into_response()
}
