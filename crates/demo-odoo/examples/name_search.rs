//! Times the hot path `cargo xtask bench` measures: a name search of 80
//! contacts (with its count) in `demo_big`.
//!
//! `cargo run --release -p demo-odoo --example name_search -- [contacts]`

use std::time::Instant;

const SEARCHES: [&str; 12] = [
    "a", "an", "mar", "dupont", "gmbh", "jo", "li", "er", "son", "ann", "ber", "van",
];

fn main() -> Result<(), demo_odoo::Error> {
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
    println!(
        "opened and seeded {contacts} contacts in {:.2?}",
        t.elapsed()
    );
    let mut all = Vec::new();
    for q in SEARCHES {
        let mut times = Vec::new();
        let mut found = 0;
        for _ in 0..20 {
            let t = Instant::now();
            found = demo.bench_name_search("demo_big", q, 80)?;
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "{q:>8}: {found:>3} rows, median {:.2} ms, max {:.2} ms",
            times[10], times[19]
        );
        all.extend(times);
    }
    all.sort_by(f64::total_cmp);
    let pct = |p: f64| all[((all.len() - 1) as f64 * p) as usize];
    println!("all: p50 {:.2} ms, p95 {:.2} ms", pct(0.5), pct(0.95));
    Ok(())
}
