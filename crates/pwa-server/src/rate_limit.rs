//! A cap on sign-in attempts per client address, so a password cannot be
//! guessed at full speed through us (Odoo's own lock-out only counts
//! failures, and only per Odoo worker).

use axum::body::Body;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use odoo_rpc::ErrorAnswer;
use serde_json::Value;
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);

pub struct SignInLimiter {
    per_window: u32,
    seen: Mutex<HashMap<IpAddr, Vec<Instant>>>,
}

impl SignInLimiter {
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_window: per_minute,
            seen: Mutex::new(HashMap::new()),
        }
    }

    /// Records an attempt; `Err(wait)` when over the cap.
    pub fn attempt(&self, ip: IpAddr, now: Instant) -> Result<(), Duration> {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        // Forget idle addresses now and then so the map stays small.
        if seen.len() > 10_000 {
            seen.retain(|_, times| {
                times
                    .last()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        let times = seen.entry(ip).or_default();
        times.retain(|t| now.duration_since(*t) < WINDOW);
        if times.len() >= self.per_window as usize {
            let oldest = times.first().copied().unwrap_or(now);
            return Err(WINDOW.saturating_sub(now.duration_since(oldest)));
        }
        times.push(now);
        Ok(())
    }
}

/// The client's address, by the rule demo-odoo follows too.
pub fn client_ip(req: &Request<Body>) -> Option<IpAddr> {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>();
    let forwarded_for = req.headers().get_all("x-forwarded-for");
    odoo_rpc::forwarded::client_addr(
        peer.map(|c| c.ip()),
        forwarded_for.iter().map(HeaderValue::as_bytes),
    )
}

pub async fn limit_sign_in(
    State(limiter): State<Arc<SignInLimiter>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    if req.uri().path() == "/web/session/authenticate" {
        let ip = client_ip(&req).unwrap_or(IpAddr::from([0, 0, 0, 0]));
        if let Err(wait) = limiter.attempt(ip, Instant::now()) {
            tracing::warn!(%ip, "sign-in rate limit reached");
            return too_many(wait);
        }
    }
    next.run(req).await
}

/// Odoo's error answer, so the app decodes it like any other error.
fn too_many(wait: Duration) -> Response {
    let secs = wait.as_secs().max(1);
    let mut answer = ErrorAnswer::new(
        Value::Null,
        429,
        "Too Many Requests",
        "pwa_server.TooManyAttempts",
        &format!("Too many sign-in attempts from your address. Please wait {secs} seconds and try again."),
    );
    answer.error.data.arguments.clear();
    let mut res = (StatusCode::TOO_MANY_REQUESTS, axum::Json(answer)).into_response();
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_attempts_per_address_within_the_window() {
        let l = SignInLimiter::new(3);
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(l.attempt(a, t0 + Duration::from_secs(i)).is_ok());
        }
        let wait = l.attempt(a, t0 + Duration::from_secs(3)).unwrap_err();
        assert_eq!(wait, Duration::from_secs(57));
        assert!(
            l.attempt(b, t0 + Duration::from_secs(3)).is_ok(),
            "another address is not affected"
        );
        assert!(
            l.attempt(a, t0 + Duration::from_secs(61)).is_ok(),
            "the window slides"
        );
    }
}
