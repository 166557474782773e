//! Times the contact searches on `demo_big`: the in-process name search
//! `cargo xtask bench` measures, and the app's own search (complete name,
//! reference, email, tax id or company id, with the list's fields) over
//! HTTP.
//!
//! `cargo run --release -p demo-odoo --example name_search -- [contacts]`
//! (DEMO_DIR=folder to use files instead of memory)

use serde_json::json;
use std::time::Instant;

const SEARCHES: [&str; 12] = [
    "a", "an", "mar", "dupont", "gmbh", "jo", "li", "er", "son", "ann", "ber", "van",
];

fn report(label: &str, mut all: Vec<f64>) {
    all.sort_by(f64::total_cmp);
    let pct = |p: f64| all[((all.len() - 1) as f64 * p) as usize];
    println!(
        "{label}: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        pct(0.5),
        pct(0.95),
        pct(1.0)
    );
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let contacts: usize = std::env::args()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let t = Instant::now();
    let demo = demo_odoo::DemoOdoo::open(demo_odoo::Config {
        big_partners: contacts,
        data_dir: std::env::var_os("DEMO_DIR").map(Into::into),
        ..demo_odoo::Config::default()
    })?;
    println!("opened {contacts} contacts in {:.2?}", t.elapsed());

    let mut all = Vec::new();
    for round in 0..10 {
        for q in SEARCHES {
            let t = Instant::now();
            demo.bench_name_search("demo_big", q, 80)?;
            if round > 0 {
                all.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    report("name ilike, in-process", all);

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}", listener.local_addr()?);
    let router = demo.router();
    tokio::spawn(async move { axum::serve(listener, router).await });
    let client = reqwest::Client::builder().cookie_store(true).build()?;
    let rpc = |path: &str, params: serde_json::Value| {
        client
            .post(format!("{url}{path}"))
            .json(&json!({"jsonrpc": "2.0", "method": "call", "params": params, "id": 1}))
            .send()
    };
    rpc(
        "/web/session/authenticate",
        json!({"db": "demo_big", "login": "admin", "password": "admin"}),
    )
    .await?;
    let spec = json!({"name": {}, "display_name": {}, "is_company": {}, "parent_id": {"fields": {"display_name": {}}},
        "function": {}, "email": {}, "phone": {}, "mobile": {}, "city": {}, "country_id": {"fields": {"display_name": {}}}, "write_date": {}});
    let mut all = Vec::new();
    for round in 0..10 {
        for q in SEARCHES {
            let domain = json!([
                "|",
                "|",
                "|",
                "|",
                ["complete_name", "ilike", q],
                ["ref", "ilike", q],
                ["email", "ilike", q],
                ["vat", "ilike", q],
                ["company_registry", "ilike", q]
            ]);
            let t = Instant::now();
            let res = rpc(
                "/web/dataset/call_kw/res.partner/web_search_read",
                json!({"model": "res.partner", "method": "web_search_read", "args": [],
                "kwargs": {"domain": domain, "specification": spec, "limit": 80}}),
            )
            .await?;
            let body: serde_json::Value = res.json().await?;
            assert!(body.get("result").is_some(), "{body}");
            if round > 0 {
                all.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
    }
    report("the app's search over HTTP", all);
    Ok(())
}
