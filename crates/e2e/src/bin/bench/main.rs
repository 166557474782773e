//! `cargo xtask bench`: speed and size of the release app and server
//! against the budgets, printed as a table and written to
//! target/bench/results.json. Timings are measured, never asserted in tests.

mod editing;
mod soak;

use e2e::{rpc, Browser, Server};
use serde_json::{json, Value};
use std::io::Write;
use std::time::{Duration, Instant};

const RUNS: usize = 5;
const SEARCHES: [&str; 12] = [
    "a", "an", "mar", "dupont", "gmbh", "jo", "li", "er", "son", "ann", "ber", "van",
];

struct Row {
    name: String,
    value: f64,
    unit: &'static str,
    budget: Option<f64>,
}

#[derive(Default)]
struct Report {
    rows: Vec<Row>,
    extra: serde_json::Map<String, Value>,
}

impl Report {
    fn add(
        &mut self,
        name: impl Into<String>,
        value: f64,
        unit: &'static str,
        budget: Option<f64>,
    ) {
        let name = name.into();
        let verdict = match budget {
            Some(b) if value <= b => format!("pass (budget {b:.1} {unit})"),
            Some(b) => format!("OVER (budget {b:.1} {unit})"),
            None => String::new(),
        };
        println!("{name:<58} {value:>12.1} {unit:<6} {verdict}");
        self.rows.push(Row {
            name,
            value,
            unit,
            budget,
        });
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn percentile(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(f64::total_cmp);
    if v.is_empty() {
        return f64::NAN;
    }
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i.min(v.len() - 1)]
}

fn gzip_len(b: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(b);
    e.finish().map(|v| v.len()).unwrap_or(0)
}

fn brotli_len(b: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &b[..], &mut out, &params);
    out.len()
}

async fn reset_origin(b: &Browser, url: &str) -> e2e::Result<()> {
    b.cdp("Network.clearBrowserCache", json!({})).await?;
    b.cdp(
        "Storage.clearDataForOrigin",
        json!({"origin": url, "storageTypes": "all"}),
    )
    .await?;
    Ok(())
}

async fn cold_load(b: &Browser, url: &str) -> e2e::Result<f64> {
    reset_origin(b, url).await?;
    b.client.goto("about:blank").await?;
    b.client.goto(&format!("{url}/login")).await?;
    let v = b.client.execute_async(e2e::FORM_READY, vec![]).await?;
    Ok(v.as_f64().unwrap_or(f64::NAN))
}

async fn warm_load(b: &Browser, url: &str) -> e2e::Result<f64> {
    b.client.goto(&format!("{url}/login")).await?;
    b.client.execute_async(e2e::FORM_READY, vec![]).await?;
    // Wait until the worker controls the page, then measure reloads.
    b.client
        .execute_async(
            "const done = arguments[0]; navigator.serviceWorker.ready.then(() => { if (navigator.serviceWorker.controller) done(true); else navigator.serviceWorker.addEventListener('controllerchange', () => done(true)); });",
            vec![],
        )
        .await?;
    visits(b, &format!("{url}/login"), e2e::FORM_READY).await
}

/// The median over `RUNS` visits of `page` of the time `ready` (a script
/// answering `performance.now()` when the page is usable) reports.
async fn visits(b: &Browser, page: &str, ready: &str) -> e2e::Result<f64> {
    let mut times = Vec::new();
    for _ in 0..RUNS {
        b.client.goto(page).await?;
        let v = b.client.execute_async(ready, vec![]).await?;
        times.push(v.as_f64().unwrap_or(f64::NAN));
    }
    Ok(median(times))
}

async fn throttle(b: &Browser, on: bool) -> e2e::Result<()> {
    b.cdp("Network.enable", json!({})).await?;
    if on {
        b.cdp("Emulation.setCPUThrottlingRate", json!({"rate": 4}))
            .await?;
        // A mid-range mobile profile: 150 ms RTT, 1.6 Mbit/s down, 750 kbit/s up.
        b.cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": false, "latency": 150, "downloadThroughput": 200_000, "uploadThroughput": 93_750}),
        )
        .await?;
    } else {
        b.cdp("Emulation.setCPUThrottlingRate", json!({"rate": 1}))
            .await?;
        b.cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": false, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .await?;
    }
    Ok(())
}

async fn sign_in_to_rows(b: &Browser, url: &str, db: &str) -> e2e::Result<f64> {
    b.client.goto(&format!("{url}/login")).await?;
    b.client.execute_async(e2e::FORM_READY, vec![]).await?;
    // The database field waits for the server's list (asked once the
    // form is up).
    b.wait_until(
        "the database list",
        "document.querySelector('form').dataset.databases !== 'loading'",
    )
    .await?;
    if let Ok(sel) = b.client.find(fantoccini::Locator::Css("select#db")).await {
        sel.select_by_value(db).await?;
    } else if let Ok(input) = b.client.find(fantoccini::Locator::Css("input#db")).await {
        input.clear().await?;
        input.send_keys(db).await?;
    }
    b.fill("#login", "admin").await?;
    b.fill("#password", "admin").await?;
    let v = b
        .client
        .execute_async(
            r#"const done = arguments[0]; const t0 = performance.now();
            document.querySelector('button[type=submit]').click();
            (function check() { if (document.querySelector('.rows .row .name')) done(performance.now() - t0); else requestAnimationFrame(check); })();"#,
            vec![],
        )
        .await?;
    Ok(v.as_f64().unwrap_or(f64::NAN))
}

/// Contacts on screen, shown (the page has its words): from the start of
/// the navigation.
const ROWS_READY: &str = r#"
const done = arguments[arguments.length - 1];
(function check() {
  if (document.documentElement.hasAttribute('dir') && document.querySelector('.rows .row .name')) done(performance.now());
  else requestAnimationFrame(check);
})();
"#;

/// A warm revisit of the list: signed in, the worker in control, the
/// device holding what it was shown.
async fn warm_revisit(b: &Browser, url: &str) -> e2e::Result<f64> {
    visits(b, &format!("{url}/partners"), ROWS_READY).await
}

/// Keystroke (the whole query set at once) to the new rows on screen.
async fn search(b: &Browser, q: &str) -> e2e::Result<f64> {
    let v = b
        .client
        .execute_async(
            r#"const [q, done] = arguments; const input = document.querySelector('#search');
            const t0 = performance.now(); input.value = q; input.dispatchEvent(new Event('input', {bubbles: true}));
            (function check() { const r = document.querySelector('.rows');
              if (r && r.dataset.q === q.trim() && r.dataset.state === 'idle') done(performance.now() - t0); else requestAnimationFrame(check); })();"#,
            vec![json!(q)],
        )
        .await?;
    Ok(v.as_f64().unwrap_or(f64::NAN))
}

async fn scroll_10k(b: &Browser) -> e2e::Result<Value> {
    let v = b
        .client
        .execute_async(
            r#"const done = arguments[0];
            // Every long task (over 50 ms, by definition) while pages of 80
            // arrive and the rows are drawn.
            let longest = 0, long = 0;
            try { new PerformanceObserver(l => { for (const e of l.getEntries()) { longest = Math.max(longest, e.duration); long++; } }).observe({type: 'longtask', buffered: false}); } catch (_) {}
            const mem = () => ({ dom: document.getElementsByTagName('*').length,
              heap: performance.memory ? performance.memory.usedJSHeapSize : null,
              wasm: window.__staffPwaWasmMemory ? window.__staffPwaWasmMemory() : null });
            const before = mem();
            const list = document.querySelector('.list');
            const rows = () => list.querySelector('.rows').style.height ? parseFloat(list.querySelector('.rows').style.height) / 72 : 0;
            const t0 = performance.now();
            (function step() {
              list.scrollTop = list.scrollHeight;
              list.dispatchEvent(new Event('scroll'));
              if (rows() >= 10000 || performance.now() - t0 > 120000) { setTimeout(() => done({before, after: mem(), rows: rows(), longest, long}), 300); }
              else requestAnimationFrame(step);
            })();"#,
            vec![],
        )
        .await?;
    Ok(v)
}

fn shell_weight(dist: &std::path::Path, urls: &[String], report: &mut Report) {
    let (mut raw, mut gz, mut br) = (0usize, 0usize, 0usize);
    // The message catalogue the first visit fetched (one, the browser's
    // language): the shell is given with it and without it.
    let mut words = 0usize;
    let mut files = Vec::new();
    for u in urls {
        let path = if u == "/" || u.starts_with("/login") {
            "/index.html".to_string()
        } else {
            u.clone()
        };
        let Ok(bytes) = std::fs::read(dist.join(path.trim_start_matches('/'))) else {
            continue;
        };
        let (g, b) = (gzip_len(&bytes), brotli_len(&bytes));
        println!(
            "  {path:<56} {:>9} B raw {g:>9} B gzip {b:>9} B br",
            bytes.len()
        );
        files.push(json!({"file": path, "raw": bytes.len(), "gzip": g, "brotli": b}));
        if path.starts_with("/i18n/") {
            words += b;
        }
        raw += bytes.len();
        gz += g;
        br += b;
    }
    report.add("shell: first visit, raw", raw as f64 / 1000.0, "KB", None);
    report.add("shell: first visit, gzip", gz as f64 / 1000.0, "KB", None);
    report.add(
        "shell: first visit, brotli",
        br as f64 / 1000.0,
        "KB",
        Some(150.0),
    );
    report.add(
        "shell: first visit without its catalogue, brotli",
        (br - words) as f64 / 1000.0,
        "KB",
        None,
    );
    // Each language's catalogue: only the one in use is ever fetched.
    let mut langs: Vec<_> = std::fs::read_dir(dist.join("i18n"))
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    langs.sort();
    for path in langs {
        if let Ok(bytes) = std::fs::read(&path) {
            let name = path.file_name().map(|n| n.to_string_lossy().to_string());
            report.add(
                format!("catalogue {}, brotli", name.unwrap_or_default()),
                brotli_len(&bytes) as f64 / 1000.0,
                "KB",
                None,
            );
        }
    }
    report
        .extra
        .insert("shell_files".into(), Value::Array(files));
}

/// The parts of the app's WebAssembly (src/parts.rs), which no page needs
/// before its first screen: the contacts part and the part it shares with
/// editing arrive while the user signs in, the editing part at idle for
/// staff who may edit; the service worker keeps them all.
fn parts_weight(dist: &std::path::Path, report: &mut Report) {
    let mut parts: Vec<_> = std::fs::read_dir(dist)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().map(|n| n.to_string_lossy().to_string());
            name.is_some_and(|n| e2e::is_part(&n) && n.ends_with(".wasm"))
        })
        .collect();
    parts.sort();
    let mut all = 0;
    for path in parts {
        if let Ok(bytes) = std::fs::read(&path) {
            // Without its hash: the history compares it across builds.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .map(|n| {
                    n.rsplit_once('-')
                        .map_or(n.clone(), |(stem, _)| stem.to_string())
                });
            let br = brotli_len(&bytes);
            all += br;
            report.add(
                format!("part {}, brotli", name.unwrap_or_default()),
                br as f64 / 1000.0,
                "KB",
                None,
            );
        }
    }
    report.add("parts, all, brotli", all as f64 / 1000.0, "KB", None);
}

async fn signed_in_client(url: &str) -> Result<reqwest::Client, reqwest::Error> {
    let c = reqwest::Client::builder().cookie_store(true).build()?;
    rpc(
        &c,
        url,
        "/web/session/authenticate",
        json!({"db": "demo_big", "login": "admin", "password": "admin"}),
    )
    .await?;
    Ok(c)
}

/// One `web_search_read` of 80 rows with a name search on demo_big, in
/// milliseconds.
async fn timed_search(c: &reqwest::Client, url: &str, q: &str) -> Result<f64, reqwest::Error> {
    let t = Instant::now();
    rpc(
        c,
        url,
        "/web/dataset/call_kw",
        json!({"model": "res.partner", "method": "web_search_read", "args": [],
               "kwargs": {"domain": [["name", "ilike", q]],
                          "specification": {"name": {}, "email": {}}, "limit": 80}}),
    )
    .await?;
    Ok(t.elapsed().as_secs_f64() * 1000.0)
}

/// The same calls straight to the backend and through the proxy,
/// alternated so that both see the same machine.
async fn direct_and_proxied(
    direct: &str,
    proxy: &str,
    n: usize,
) -> Result<(Vec<f64>, Vec<f64>), reqwest::Error> {
    let (cd, cp) = (
        signed_in_client(direct).await?,
        signed_in_client(proxy).await?,
    );
    let (mut d, mut p) = (Vec::with_capacity(n), Vec::with_capacity(n));
    for i in 0..n {
        let q = SEARCHES[i % SEARCHES.len()];
        d.push(timed_search(&cd, direct, q).await?);
        p.push(timed_search(&cp, proxy, q).await?);
    }
    Ok((d, p))
}

async fn static_throughput(url: &str, file: &str) -> (f64, f64) {
    let c = reqwest::Client::new();
    let deadline = Instant::now() + Duration::from_secs(3);
    let started = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let c = c.clone();
        let u = format!("{url}{file}");
        tasks.push(tokio::spawn(async move {
            let (mut n, mut bytes) = (0u64, 0u64);
            while Instant::now() < deadline {
                if let Ok(r) = c.get(&u).send().await {
                    bytes += r.bytes().await.map(|b| b.len() as u64).unwrap_or(0);
                    n += 1;
                }
            }
            (n, bytes)
        }));
    }
    let (mut n, mut bytes) = (0, 0);
    for t in tasks {
        if let Ok((a, b)) = t.await {
            n += a;
            bytes += b;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    (n as f64 / secs, bytes as f64 / secs / 1e6)
}

fn demo_name_search(report: &mut Report, partners: usize) {
    let demo = match demo_odoo::DemoOdoo::open(demo_odoo::Config {
        big_partners: partners,
        ..demo_odoo::Config::default()
    }) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("bench: demo-odoo did not open: {e}");
            return;
        }
    };
    let mut times = Vec::new();
    for round in 0..10 {
        for q in SEARCHES {
            let t = Instant::now();
            let found = demo.bench_name_search("demo_big", q, 80);
            let ms = t.elapsed().as_secs_f64() * 1000.0;
            if round > 0 && found.is_ok() {
                times.push(ms);
            }
        }
    }
    report.add(
        format!("demo-odoo: name search, 80 rows of {partners}, p50"),
        percentile(times.clone(), 0.5),
        "ms",
        None,
    );
    report.add(
        format!("demo-odoo: name search, 80 rows of {partners}, p95"),
        percentile(times, 0.95),
        "ms",
        Some(10.0),
    );
}

#[tokio::main]
async fn main() -> e2e::Result<()> {
    let partners: usize = std::env::args()
        .skip_while(|a| a != "--partners")
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let dist = std::path::PathBuf::from(
        std::env::var("PWA_DIST").map_err(|_| e2e::Error::MissingEnv("PWA_DIST"))?,
    );
    let mut report = Report::default();
    println!("{:<58} {:>12} {:<6} budget", "measure", "value", "unit");
    let soak_minutes: Option<f64> = std::env::args()
        .skip_while(|a| a != "--soak")
        .nth(1)
        .and_then(|v| v.parse().ok());
    if let Some(minutes) = soak_minutes {
        return soak_figures(&mut report, minutes, partners).await;
    }

    let server = Server::start_with_partners(partners, &[])?;
    let url = server.url.clone();
    let b = Browser::start().await?;
    b.watch_sign_in_form().await?;

    // 1–2. First visit: what it downloads, and how fast the form is usable.
    let first = cold_load(&b, &url).await?;
    // What the page asked for before its form was usable: the parts it
    // fetches after (while the user types) are counted apart.
    let mut urls = b.fetched(Some(first)).await?;
    urls.retain(|p| !p.starts_with("/web/"));
    urls.insert(0, "/index.html".into());
    urls.sort();
    urls.dedup();
    shell_weight(&dist, &urls, &mut report);
    parts_weight(&dist, &mut report);
    let mut cold = vec![first];
    for _ in 1..RUNS {
        cold.push(cold_load(&b, &url).await?);
    }
    report.add(
        "cold load to usable sign-in form, median",
        median(cold),
        "ms",
        Some(400.0),
    );
    throttle(&b, true).await?;
    let mut slow = Vec::new();
    for _ in 0..3 {
        slow.push(cold_load(&b, &url).await?);
    }
    throttle(&b, false).await?;
    report.add(
        "cold load, CPU 4x slower + mobile network, median",
        median(slow),
        "ms",
        None,
    );

    // 3. Warm, from the service worker.
    let warm = warm_load(&b, &url).await?;
    report.add(
        "warm load from the service worker, median",
        warm,
        "ms",
        Some(150.0),
    );

    // 4–6 on demo_big.
    let to_rows = sign_in_to_rows(&b, &url, "demo_big").await?;
    report.add("sign-in to first contacts on screen", to_rows, "ms", None);
    let revisit = warm_revisit(&b, &url).await?;
    report.add(
        "warm revisit, signed in, to contacts on screen, median",
        revisit,
        "ms",
        Some(150.0),
    );
    let mut searches = Vec::new();
    for q in SEARCHES {
        searches.push(search(&b, q).await?);
    }
    let debounce = 250.0;
    report.add(
        "search keystroke to rows, p50",
        percentile(searches.clone(), 0.5),
        "ms",
        None,
    );
    report.add(
        "search keystroke to rows, p95",
        percentile(searches, 0.95),
        "ms",
        Some(debounce + 100.0),
    );
    search(&b, "").await?;
    scroll_figures(&b, &mut report).await?;
    edit_figures(&b, &url, &mut report).await?;
    drop(b);

    server_figures(&mut report, partners, &url, &urls).await?;
    write_results(&report, partners, "results.json")
}

/// `--soak MINUTES`: 200 sessions through pwa-server, every answer checked.
async fn soak_figures(report: &mut Report, minutes: f64, partners: usize) -> e2e::Result<()> {
    let s = soak::run(minutes, partners).await?;
    report.add("soak: minutes", minutes, "min", None);
    report.add("soak: requests", s.requests as f64, "", None);
    report.add(
        "soak: requests per second",
        s.requests as f64 / s.seconds,
        "req/s",
        None,
    );
    report.add(
        "soak: latency p50",
        percentile(s.times_ms.clone(), 0.5),
        "ms",
        None,
    );
    report.add(
        "soak: latency p95",
        percentile(s.times_ms.clone(), 0.95),
        "ms",
        None,
    );
    report.add(
        "soak: latency p99",
        percentile(s.times_ms, 0.99),
        "ms",
        None,
    );
    report.add("soak: errors", s.errors as f64, "", Some(0.0));
    report.add("soak: wrong answers", s.wrong as f64, "", Some(0.0));
    report.add(
        "soak: pwa-server RSS, warm",
        s.rss_start_kb as f64 / 1024.0,
        "MB",
        None,
    );
    report.add(
        "soak: pwa-server RSS, end",
        s.rss_end_kb as f64 / 1024.0,
        "MB",
        None,
    );
    let growth = (s.rss_end_kb as f64 / s.rss_start_kb.max(1) as f64 - 1.0) * 100.0;
    report.add("soak: RSS growth", growth, "%", Some(10.0));
    write_results(report, partners, "soak.json")
}

/// Scrolling through 10,000 contacts: DOM size, memory, longest task.
async fn scroll_figures(b: &Browser, report: &mut Report) -> e2e::Result<()> {
    let scroll = scroll_10k(b).await?;
    let rows = scroll["rows"].as_f64().unwrap_or(f64::NAN);
    report.add("scroll: rows loaded", rows, "rows", None);
    // (name, where in the answer, divisor, unit, budget)
    let rows = [
        (
            "scroll: DOM nodes before",
            "/before/dom",
            1.0,
            "nodes",
            None,
        ),
        (
            "scroll: DOM nodes with 10,000 contacts loaded",
            "/after/dom",
            1.0,
            "nodes",
            Some(3000.0),
        ),
        ("scroll: JS heap before", "/before/heap", 1e6, "MB", None),
        ("scroll: JS heap after", "/after/heap", 1e6, "MB", None),
        (
            "scroll: wasm memory before",
            "/before/wasm",
            1e6,
            "MB",
            None,
        ),
        ("scroll: wasm memory after", "/after/wasm", 1e6, "MB", None),
        (
            "scroll: longest main-thread task",
            "/longest",
            1.0,
            "ms",
            Some(50.0),
        ),
        (
            "scroll: main-thread tasks over 50 ms",
            "/long",
            1.0,
            "tasks",
            Some(0.0),
        ),
    ];
    for (name, at, per, unit, budget) in rows {
        let v = scroll
            .pointer(at)
            .and_then(Value::as_f64)
            .unwrap_or(f64::NAN);
        report.add(name, v / per, unit, budget);
    }
    Ok(())
}

/// Save to "Saved" on screen against one round trip, and the outbox
/// draining 100 queued changes.
async fn edit_figures(b: &Browser, url: &str, report: &mut Report) -> e2e::Result<()> {
    let rtt = editing::round_trip(b).await?;
    report.add(
        "one round trip from the page (version route), median",
        rtt,
        "ms",
        None,
    );
    let first: Value = b
        .client
        .execute(
            "return document.querySelector('.rows .row a.name')?.getAttribute('href')",
            vec![],
        )
        .await?;
    let id = first
        .as_str()
        .and_then(|h| h.rsplit('/').next())
        .and_then(|s| s.parse::<i64>().ok())
        .ok_or(e2e::Error::Start {
            what: "bench: a contact to edit",
            why: format!("the first row links to {first}"),
        })?;
    let mut saves = Vec::new();
    for n in 0..RUNS {
        saves.push(editing::save_to_saved(b, url, id, &format!("+1 555 01{n:02}")).await?);
    }
    report.add(
        "save to \"Saved\" on screen (edit form, one field), median",
        median(saves),
        "ms",
        Some(rtt + 100.0),
    );
    match editing::drain_100(url, "demo").await {
        Ok((ms, saved)) => {
            report.add(
                "outbox: 100 queued edits sent, saved",
                saved as f64,
                "",
                None,
            );
            report.add("outbox: 100 queued edits drained", ms, "ms", Some(5000.0));
        }
        Err(e) => eprintln!("bench: the outbox drain failed: {e}"),
    }
    Ok(())
}

/// pwa-server and demo-odoo on their own, and the proxy's overhead.
async fn server_figures(
    report: &mut Report,
    partners: usize,
    url: &str,
    urls: &[String],
) -> e2e::Result<()> {
    demo_name_search(report, partners);
    let (rps, _) = static_throughput(url, "/index.html").await;
    report.add(
        "pwa-server: static index.html, 8 clients",
        rps,
        "req/s",
        None,
    );
    if let Some(wasm) = urls.iter().find(|u| u.ends_with(".wasm")) {
        let (rps, mbps) = static_throughput(url, wasm).await;
        report.add("pwa-server: static .wasm, 8 clients", rps, "req/s", None);
        report.add("pwa-server: static .wasm throughput", mbps, "MB/s", None);
    }
    let proxy = Server::start_with_partners(partners, &["--odoo", url])?;
    let (direct, via) = direct_and_proxied(url, &proxy.url, 240)
        .await
        .map_err(|e| e2e::Error::Start {
            what: "bench client",
            why: e.to_string(),
        })?;
    let (d, v) = (median(direct), median(via));
    report.add(
        "web_search_read (name search, 80 rows) direct, median",
        d,
        "ms",
        None,
    );
    report.add("the same through the proxy, median", v, "ms", None);
    report.add("proxy adds, median", v - d, "ms", None);
    report.add("proxy overhead (through / direct)", v / d, "x", Some(1.1));

    Ok(())
}

/// Writes every figure to target/bench/`file`.
fn write_results(report: &Report, partners: usize, file: &str) -> e2e::Result<()> {
    let rows: Vec<Value> = report
        .rows
        .iter()
        .map(|r| {
            json!({"name": r.name, "value": r.value, "unit": r.unit, "budget": r.budget,
                        "pass": r.budget.map(|b| r.value <= b)})
        })
        .collect();
    let out = json!({"results": rows, "details": report.extra, "partners": partners});
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/bench");
    let history = dir.join("history");
    std::fs::create_dir_all(&history)?;
    compare_with_last(&history, file, report);
    let text = serde_json::to_string_pretty(&out).unwrap_or_default();
    std::fs::write(dir.join(file), &text)?;
    // One file per run, named so that they sort in time order.
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    std::fs::write(history.join(format!("{secs}-{file}")), &text)?;
    println!("\nwritten to target/bench/{file} and target/bench/history/");
    Ok(())
}

/// Prints what moved since the last run of the same kind (history kept in
/// target/bench/history), so a change that costs size or time shows.
fn compare_with_last(history: &std::path::Path, file: &str, report: &Report) {
    let last = std::fs::read_dir(history)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.to_string_lossy().ends_with(&format!("-{file}")))
        .max();
    let Some(last) = last else { return };
    let Ok(text) = std::fs::read_to_string(&last) else {
        return;
    };
    let Ok(before) = serde_json::from_str::<Value>(&text) else {
        return;
    };
    println!("\nsince {}:", last.display());
    for r in &report.rows {
        let old = before["results"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|o| o["name"] == r.name.as_str())
            .and_then(|o| o["value"].as_f64());
        if let Some(old) = old.filter(|o| *o != 0.0) {
            let change = (r.value / old - 1.0) * 100.0;
            if change.abs() >= 5.0 {
                println!(
                    "  {:<58} {old:>10.1} -> {:>10.1} {} ({change:+.0} %)",
                    r.name, r.value, r.unit
                );
            }
        }
    }
}
