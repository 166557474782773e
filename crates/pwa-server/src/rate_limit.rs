//! Sign-in limits that stop guessing, not offices. Failed sign-ins are
//! counted per (client address, login) and per login, as Odoo counts its
//! own (`base.login_cooldown_after`, `base.login_cooldown_duration`: ten
//! failures, then a minute's wait); a success clears them and never
//! counts, so 200 staff behind one address all get in. Every attempt from
//! one address still has a generous cap, against floods. Odoo's own
//! lock-out is per worker process; this one holds across them.

use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use odoo_rpc::ErrorAnswer;
use serde_json::Value;
use std::collections::HashMap;
use std::hash::Hash;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(60);
/// Failures for one login from one address before it must wait (Odoo's).
pub const FAILURES_PER_ADDRESS: u32 = 10;
/// Failures for one login from any address: guessing from many places.
pub const FAILURES_PER_LOGIN: u32 = 30;
/// The wait once a cap is reached, from the last failure (Odoo's).
pub const COOLDOWN: Duration = Duration::from_secs(60);
/// A sign-in request is a database, a login and a password.
const MAX_REQUEST: usize = 64 * 1024;
/// A sign-in answer is the session info: a few kilobytes, more with many
/// companies.
const MAX_ANSWER: usize = 8 * 1024 * 1024;

/// Why an attempt is refused, and for how long.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Too many attempts from the address, failed or not.
    Flood(Duration),
    /// Too many failures for this login.
    Guessing(Duration),
}

#[derive(Clone, Copy)]
struct Failures {
    count: u32,
    last: Instant,
}

/// Failures per key, each run forgotten a cooldown after its last one.
struct FailureLog<K> {
    cap: u32,
    runs: HashMap<K, Failures>,
}

impl<K: Eq + Hash> FailureLog<K> {
    fn new(cap: u32) -> Self {
        Self {
            cap,
            runs: HashMap::new(),
        }
    }

    fn wait(&self, key: &K, now: Instant) -> Option<Duration> {
        let f = self.runs.get(key)?;
        let since = now.duration_since(f.last);
        (f.count >= self.cap && since < COOLDOWN).then(|| COOLDOWN - since)
    }

    fn failed(&mut self, key: K, now: Instant) {
        if self.runs.len() > 10_000 {
            self.runs
                .retain(|_, f| now.duration_since(f.last) < COOLDOWN);
        }
        let f = self.runs.entry(key).or_insert(Failures {
            count: 0,
            last: now,
        });
        if now.duration_since(f.last) >= COOLDOWN {
            f.count = 0;
        }
        f.count += 1;
        f.last = now;
    }
}

pub struct SignInLimiter {
    per_minute: u32,
    attempts: Mutex<HashMap<IpAddr, Vec<Instant>>>,
    per_address: Mutex<FailureLog<(IpAddr, String)>>,
    per_login: Mutex<FailureLog<String>>,
}

fn locked<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl SignInLimiter {
    /// `per_minute`: every attempt from one address, failed or not.
    pub fn new(per_minute: u32) -> Self {
        Self {
            per_minute,
            attempts: Mutex::new(HashMap::new()),
            per_address: Mutex::new(FailureLog::new(FAILURES_PER_ADDRESS)),
            per_login: Mutex::new(FailureLog::new(FAILURES_PER_LOGIN)),
        }
    }

    /// Before forwarding an attempt: refused, or recorded (for the flood
    /// cap) and let through.
    pub fn attempt(&self, ip: IpAddr, login: &str, now: Instant) -> Result<(), Refusal> {
        let key = (ip, login.to_string());
        let guessing = locked(&self.per_address)
            .wait(&key, now)
            .or_else(|| locked(&self.per_login).wait(&key.1, now));
        if let Some(wait) = guessing {
            return Err(Refusal::Guessing(wait));
        }
        let mut seen = locked(&self.attempts);
        if seen.len() > 10_000 {
            seen.retain(|_, times| {
                times
                    .last()
                    .is_some_and(|t| now.duration_since(*t) < WINDOW)
            });
        }
        let times = seen.entry(ip).or_default();
        times.retain(|t| now.duration_since(*t) < WINDOW);
        if times.len() >= self.per_minute as usize {
            let oldest = times.first().copied().unwrap_or(now);
            return Err(Refusal::Flood(
                WINDOW.saturating_sub(now.duration_since(oldest)),
            ));
        }
        times.push(now);
        Ok(())
    }

    /// Odoo said the password (or login) was wrong.
    pub fn failed(&self, ip: IpAddr, login: &str, now: Instant) {
        locked(&self.per_address).failed((ip, login.to_string()), now);
        locked(&self.per_login).failed(login.to_string(), now);
    }

    /// Odoo let the user in: their failures are forgotten.
    pub fn succeeded(&self, ip: IpAddr, login: &str) {
        locked(&self.per_address)
            .runs
            .remove(&(ip, login.to_string()));
        locked(&self.per_login).runs.remove(login);
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

/// What Odoo answered a sign-in.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    SignedIn,
    Refused,
    /// Anything else (no such database, a server error, two-factor): not
    /// the password's doing.
    Other,
}

fn outcome(body: &[u8]) -> Outcome {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        return Outcome::Other;
    };
    if v["result"]["uid"].as_i64().is_some_and(|uid| uid > 0) {
        return Outcome::SignedIn;
    }
    match v["error"]["data"]["name"].as_str() {
        Some("odoo.exceptions.AccessDenied") => Outcome::Refused,
        _ => Outcome::Other,
    }
}

/// The login a sign-in names, as Odoo matches it (case-insensitively).
fn login_of(body: &Bytes) -> String {
    serde_json::from_slice::<Value>(body)
        .ok()
        .and_then(|v| v["params"]["login"].as_str().map(str::to_lowercase))
        .unwrap_or_default()
}

pub async fn limit_sign_in(
    State(limiter): State<Arc<SignInLimiter>>,
    req: Request<Body>,
    next: Next,
) -> Response {
    if req.uri().path() != "/web/session/authenticate" {
        return next.run(req).await;
    }
    let ip = client_ip(&req).unwrap_or(IpAddr::from([0, 0, 0, 0]));
    let (parts, body) = req.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_REQUEST).await else {
        return refuse(
            StatusCode::PAYLOAD_TOO_LARGE,
            "pwa_server.RequestTooLarge",
            "This sign-in request is too large.",
            None,
        );
    };
    let login = login_of(&body);
    if let Err(r) = limiter.attempt(ip, &login, Instant::now()) {
        tracing::warn!(%ip, %login, ?r, "sign-in limit reached");
        return too_many(r);
    }
    let res = next.run(Request::from_parts(parts, Body::from(body))).await;
    // A compressed answer cannot be read here: it counts as neither.
    if res.headers().contains_key(header::CONTENT_ENCODING) {
        return res;
    }
    let (parts, body) = res.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_ANSWER).await else {
        return refuse(
            StatusCode::BAD_GATEWAY,
            "pwa_server.OdooUnreachable",
            "Odoo's answer to the sign-in could not be read.",
            None,
        );
    };
    match outcome(&body) {
        Outcome::SignedIn => limiter.succeeded(ip, &login),
        Outcome::Refused => limiter.failed(ip, &login, Instant::now()),
        Outcome::Other => {}
    }
    Response::from_parts(parts, Body::from(body))
}

fn too_many(r: Refusal) -> Response {
    let (wait, what) = match r {
        Refusal::Flood(w) => (w, "Too many sign-in attempts from your address."),
        Refusal::Guessing(w) => (w, "Too many failed sign-ins for this login."),
    };
    let secs = wait.as_secs().max(1);
    let message = format!("{what} Please wait {secs} seconds and try again.");
    refuse(
        StatusCode::TOO_MANY_REQUESTS,
        "pwa_server.TooManyAttempts",
        &message,
        Some(secs),
    )
}

/// Odoo's error answer, so the app decodes it like any other error.
fn refuse(status: StatusCode, name: &str, message: &str, retry_after: Option<u64>) -> Response {
    let mut answer = ErrorAnswer::new(
        Value::Null,
        i64::from(status.as_u16()),
        status.canonical_reason().unwrap_or("Error"),
        name,
        message,
    );
    answer.error.data.arguments.clear();
    let mut res = (status, axum::Json(answer)).into_response();
    if let Some(v) = retry_after.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn every_attempt_from_one_address_has_a_cap_against_floods() {
        let l = SignInLimiter::new(3);
        let t0 = Instant::now();
        for i in 0..3 {
            assert!(l
                .attempt(ip("10.0.0.1"), "ann", t0 + Duration::from_secs(i))
                .is_ok());
        }
        let r = l.attempt(ip("10.0.0.1"), "bob", t0 + Duration::from_secs(3));
        assert_eq!(r, Err(Refusal::Flood(Duration::from_secs(57))));
        assert!(
            l.attempt(ip("10.0.0.2"), "bob", t0).is_ok(),
            "another address"
        );
        assert!(
            l.attempt(ip("10.0.0.1"), "bob", t0 + Duration::from_secs(61))
                .is_ok(),
            "the window slides"
        );
    }

    #[test]
    fn successes_never_count_and_clear_the_failures() {
        let l = SignInLimiter::new(1_000);
        let t0 = Instant::now();
        for n in 0..200 {
            let login = format!("user{n}");
            assert!(l.attempt(ip("10.0.0.1"), &login, t0).is_ok());
            l.succeeded(ip("10.0.0.1"), &login);
        }
        for _ in 0..FAILURES_PER_ADDRESS - 1 {
            l.failed(ip("10.0.0.1"), "ann", t0);
        }
        l.succeeded(ip("10.0.0.1"), "ann");
        l.failed(ip("10.0.0.1"), "ann", t0);
        assert!(
            l.attempt(ip("10.0.0.1"), "ann", t0).is_ok(),
            "the count started again"
        );
    }

    #[test]
    fn failures_for_one_login_wait_a_cooldown_from_the_last() {
        let l = SignInLimiter::new(1_000);
        let t0 = Instant::now();
        for i in 0..FAILURES_PER_ADDRESS {
            assert!(l.attempt(ip("10.0.0.1"), "ann", t0).is_ok(), "attempt {i}");
            l.failed(ip("10.0.0.1"), "ann", t0);
        }
        let later = t0 + Duration::from_secs(20);
        let r = l.attempt(ip("10.0.0.1"), "ann", later);
        assert_eq!(r, Err(Refusal::Guessing(Duration::from_secs(40))));
        assert!(
            l.attempt(ip("10.0.0.1"), "bob", later).is_ok(),
            "another login"
        );
        assert!(
            l.attempt(ip("10.0.0.2"), "ann", later).is_ok(),
            "another address"
        );
        assert!(l.attempt(ip("10.0.0.1"), "ann", t0 + COOLDOWN).is_ok());
    }

    #[test]
    fn one_login_guessed_from_many_addresses_waits_too() {
        let l = SignInLimiter::new(1_000);
        let t0 = Instant::now();
        for n in 0..FAILURES_PER_LOGIN {
            let from = IpAddr::from([10, 0, 1, n as u8]);
            assert!(l.attempt(from, "ann", t0).is_ok());
            l.failed(from, "ann", t0);
        }
        let r = l.attempt(ip("10.9.9.9"), "ann", t0);
        assert!(matches!(r, Err(Refusal::Guessing(_))), "{r:?}");
    }

    #[test]
    fn odoo_answers_are_read_as_odoo_writes_them() {
        // What real Odoo 16 to 19 answered (fixtures/odoo-wire: 01 signed
        // in, 02 a wrong password, 03 no such database).
        for v in odoo_rpc::versions::MAJORS {
            let body = |prefix: &str| {
                let t = wire_transcripts::find(v, prefix).expect("a transcript");
                t.body.into_bytes()
            };
            assert_eq!(outcome(&body("01")), Outcome::SignedIn, "{v}");
            assert_eq!(outcome(&body("02")), Outcome::Refused, "{v}");
            assert_eq!(outcome(&body("03")), Outcome::Other, "{v}");
        }
        assert_eq!(outcome(b"<html>502</html>"), Outcome::Other);
        let body =
            Bytes::from_static(br#"{"params": {"db": "x", "login": "Ann", "password": "p"}}"#);
        assert_eq!(login_of(&body), "ann");
    }
}
