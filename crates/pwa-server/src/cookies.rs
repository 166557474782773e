//! Odoo sets its session cookie without `Secure` or `SameSite`. Behind
//! TLS both are added here, so the cookie never travels over plain HTTP
//! and is not sent along with other sites' cross-site requests. "Behind
//! TLS": `X-Forwarded-Proto: https` from a proxy on this machine (the
//! same trust rule as for X-Forwarded-For), or `--secure-cookies`.

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, Request};
use axum::middleware::Next;
use axum::response::Response;
use std::net::SocketAddr;

pub async fn harden(State(always): State<bool>, req: Request<Body>, next: Next) -> Response {
    let secure = always || behind_https(&req);
    let mut res = next.run(req).await;
    if secure {
        harden_all(res.headers_mut());
    }
    res
}

fn behind_https(req: &Request<Body>) -> bool {
    let trusted = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .is_some_and(|c| c.ip().is_loopback());
    trusted
        && req
            .headers()
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .is_some_and(|p| p.trim().eq_ignore_ascii_case("https"))
}

fn harden_all(headers: &mut HeaderMap) {
    let cookies: Vec<HeaderValue> = headers.get_all(SET_COOKIE).iter().cloned().collect();
    if cookies.is_empty() {
        return;
    }
    headers.remove(SET_COOKIE);
    for c in cookies {
        let hardened = c
            .to_str()
            .ok()
            .and_then(|s| HeaderValue::from_str(&hardened(s)).ok())
            .unwrap_or(c);
        headers.append(SET_COOKIE, hardened);
    }
}

/// `cookie` with `Secure` and, unless it says otherwise, `SameSite=Lax`.
pub fn hardened(cookie: &str) -> String {
    let names: Vec<String> = cookie
        .split(';')
        .skip(1)
        .map(|a| {
            a.split('=')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .collect();
    let mut out = cookie.trim_end().trim_end_matches(';').to_string();
    if !names.iter().any(|n| n == "secure") {
        out.push_str("; Secure");
    }
    if !names.iter().any(|n| n == "samesite") {
        out.push_str("; SameSite=Lax");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::hardened;

    #[test]
    fn odoos_cookie_gets_secure_and_samesite_and_keeps_the_rest() {
        // As Odoo 18 sets it (fixtures/odoo-wire/18/01).
        let odoo = "session_id=abc; Expires=Tue, 01 Dec 2026 10:00:00 GMT; Max-Age=604800; HttpOnly; Path=/";
        assert_eq!(hardened(odoo), format!("{odoo}; Secure; SameSite=Lax"));
        let strict = "a=1; Secure; SameSite=Strict";
        assert_eq!(hardened(strict), strict, "what a cookie says already stays");
        assert_eq!(hardened("b=2;"), "b=2; Secure; SameSite=Lax");
        // A value holding "secure" is not the attribute.
        assert_eq!(hardened("secure=1"), "secure=1; Secure; SameSite=Lax");
    }
}
