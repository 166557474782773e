//! `cargo xtask bench --soak MINUTES`: 200 sessions searching and opening
//! contacts through pwa-server for that long, every answer checked (each
//! name found contains the term; the contact opened is the one found),
//! with requests per second, latency percentiles, errors, wrong answers
//! and pwa-server's resident memory at the start and the end.

use e2e::Server;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const SESSIONS: usize = 200;
const TERMS: [&str; 10] = [
    "an", "mar", "son", "li", "er", "ber", "van", "jo", "ann", "dupont",
];

#[derive(Default)]
struct Tally {
    times_ms: Vec<f64>,
    errors: u64,
    wrong: u64,
}

pub struct Soak {
    pub requests: u64,
    pub seconds: f64,
    pub times_ms: Vec<f64>,
    pub errors: u64,
    pub wrong: u64,
    pub rss_start_kb: u64,
    pub rss_end_kb: u64,
}

/// Resident memory of process `pid`, in kB (Linux).
fn rss_kb(pid: u32) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

/// The call's envelope when it succeeded; `None` for any failure.
async fn ok(c: &reqwest::Client, url: &str, path: &str, params: Value) -> Option<Value> {
    let v = e2e::rpc(c, url, path, params).await.ok()?;
    v.get("error").is_none().then_some(v)
}

async fn session(url: String, n: usize, until: Instant) -> Tally {
    let mut t = Tally::default();
    let Ok(c) = reqwest::Client::builder().cookie_store(true).build() else {
        t.errors += 1;
        return t;
    };
    let auth = json!({"db": "demo_big", "login": "admin", "password": "admin"});
    if ok(&c, &url, "/web/session/authenticate", auth)
        .await
        .is_none()
    {
        t.errors += 1;
        return t;
    }
    let mut i = n;
    while Instant::now() < until {
        let term = TERMS[i % TERMS.len()];
        i += 1;
        let started = Instant::now();
        let found = ok(
            &c,
            &url,
            "/web/dataset/call_kw/res.partner/web_search_read",
            json!({"model": "res.partner", "method": "web_search_read", "args": [],
                   "kwargs": {"domain": [["name", "ilike", term]],
                              "specification": {"name": {}}, "limit": 20}}),
        )
        .await;
        t.times_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        let Some(found) = found else {
            t.errors += 1;
            continue;
        };
        let rows = found["result"]["records"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        if rows.iter().any(|r| {
            !r["name"]
                .as_str()
                .is_some_and(|name| name.to_lowercase().contains(term))
        }) {
            t.wrong += 1;
        }
        let Some(first) = rows.first() else { continue };
        let started = Instant::now();
        let card = ok(
            &c,
            &url,
            "/web/dataset/call_kw/res.partner/read",
            json!({"model": "res.partner", "method": "read",
                   "args": [[first["id"]], ["name", "email", "phone"]], "kwargs": {}}),
        )
        .await;
        t.times_ms.push(started.elapsed().as_secs_f64() * 1000.0);
        match card {
            None => t.errors += 1,
            Some(card) if card["result"][0]["name"] != first["name"] => t.wrong += 1,
            Some(_) => {}
        }
    }
    t
}

pub async fn run(minutes: f64, partners: usize) -> e2e::Result<Soak> {
    // Every session signs in from this one address: that is the point.
    let server = Server::start_with_partners(partners, &[])?;
    let url = server.url.clone();
    let pid = server.pid();
    let length = Duration::from_secs_f64(minutes * 60.0);
    let until = Instant::now() + length;
    let started = Instant::now();
    let tasks: Vec<_> = (0..SESSIONS)
        .map(|n| tokio::spawn(session(url.clone(), n, until)))
        .collect();
    // "At the start": once every session is signed in and the caches are
    // warm, a tenth of the way in.
    tokio::time::sleep(length / 10).await;
    let rss_start_kb = rss_kb(pid);
    let mut all = Tally::default();
    for t in tasks {
        match t.await {
            Ok(t) => {
                all.times_ms.extend(t.times_ms);
                all.errors += t.errors;
                all.wrong += t.wrong;
            }
            Err(_) => all.errors += 1,
        }
    }
    Ok(Soak {
        requests: all.times_ms.len() as u64,
        seconds: started.elapsed().as_secs_f64(),
        times_ms: all.times_ms,
        errors: all.errors,
        wrong: all.wrong,
        rss_start_kb,
        rss_end_kb: rss_kb(pid),
    })
}
