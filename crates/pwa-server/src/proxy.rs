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
    /// Every `/web` route forwarded, not only [`ROUTES`].
    all_routes: bool,
}

/// What the app calls, and what Odoo's own sign-in page needs (two-factor
/// sign-in happens there: the page, its assets, its logo, the code form).
/// Everything else under `/web` is 404 unless `--odoo-all-routes`: above
/// all the database manager (create, duplicate, drop, backup, restore),
/// which Odoo's documentation says to keep off the internet. An entry
/// ending in `/` is a prefix.
pub const ROUTES: [&str; 18] = [
    "/web/session/authenticate",
    "/web/session/get_session_info",
    "/web/session/destroy",
    "/web/session/logout",
    "/web/dataset/call_kw",
    "/web/dataset/call_kw/",
    "/web/webclient/version_info",
    "/web/version",
    "/web/database/list",
    "/web/image",
    "/web/image/",
    "/web/login",
    "/web/login/",
    "/web/assets/",
    "/web/static/",
    "/web/binary/company_logo",
    "/web/webclient/translations/",
    "/web/webclient/locale/",
];

/// Whether `path` is one of [`ROUTES`]. Dot segments, doubled slashes and
/// encoded dots or slashes never are: a server could read them as another
/// route than the one matched here.
pub fn allowed(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    if lower.contains("/.")
        || lower.contains("//")
        || lower.contains("%2e")
        || lower.contains("%2f")
        || lower.contains('\\')
    {
        return false;
    }
    ROUTES.iter().any(|r| match r.strip_suffix('/') {
        Some(_) => path.starts_with(r) && path.len() > r.len(),
        None => path == *r,
    })
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
    /// `all_routes`: forward every `/web` route, not only [`ROUTES`].
    pub fn new(url: &str, timeout: Duration, all_routes: bool) -> Result<Self, Error> {
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
                all_routes,
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
    if !proxy.inner.all_routes && !allowed(req.uri().path()) {
        return StatusCode::NOT_FOUND.into_response();
    }
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

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn only_the_apps_routes_and_odoos_sign_in_pass() {
        for ok in [
            "/web/session/authenticate",
            "/web/dataset/call_kw/res.partner/web_search_read",
            "/web/dataset/call_kw",
            "/web/image/res.partner/7/avatar_128",
            "/web/login",
            "/web/login/totp",
            "/web/assets/1/web.assets_frontend.min.css",
            "/web/database/list",
        ] {
            assert!(allowed(ok), "{ok}");
        }
        for no in [
            "/web/database/manager",
            "/web/database/drop",
            "/web/database/backup",
            "/web/database/list/../manager",
            "/web/image/../database/manager",
            "/web/image/%2e%2e/database/manager",
            "/web/image/..%2Fdatabase/manager",
            "/web//database/manager",
            "/web",
            "/web/dataset/call_kwx",
            "/web/login2",
            "/web/image/",
            "/web/session/change_password",
        ] {
            assert!(!allowed(no), "{no}");
        }
    }
}
