//! pwa-server over real HTTP: static files and their headers, the SPA
//! fallback, the proxy against a second server, the sign-in limit, and a
//! third-party Odoo client (odoorpc) against the demo backend.

use axum::routing::{any, post};
use axum::Router;
use pwa_server::{app, Backend, Options};
use std::net::SocketAddr;
use std::time::Duration;

fn dist() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("index.html"),
        "<!DOCTYPE html><title>shell</title>",
    )
    .unwrap();
    std::fs::write(
        d.path().join("staff-pwa-0123456789abcdef_bg.wasm"),
        b"\0asm\x01\0\0\0",
    )
    .unwrap();
    std::fs::write(
        d.path().join("staff-pwa-0123456789abcdef.js"),
        "export default 1;".repeat(100),
    )
    .unwrap();
    std::fs::write(
        d.path().join("sw.js"),
        "self.addEventListener('fetch', () => {});",
    )
    .unwrap();
    std::fs::write(d.path().join("manifest.webmanifest"), "{\"name\":\"x\"}").unwrap();
    // trunk drops a hash's leading zero now and then: 15 digits.
    std::fs::write(d.path().join("staff-pwa-e152efa72d36f5d_bg.wasm"), b"\0asm").unwrap();
    // Shaped like a hashed name, but not of this build's list.
    std::fs::write(d.path().join("notes-0123456789abcdef.js"), "1").unwrap();
    std::fs::write(
        d.path().join("hashed-files.txt"),
        "/staff-pwa-0123456789abcdef_bg.wasm\n/staff-pwa-0123456789abcdef.js\n/staff-pwa-e152efa72d36f5d_bg.wasm\n",
    )
    .unwrap();
    d
}

async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    format!("http://{addr}")
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A stand-in Odoo that echoes what it received.
async fn fake_odoo() -> String {
    let echo = any(|req: axum::extract::Request| async move {
        let h = req.headers();
        let get = |k: &str| {
            h.get(k)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("")
                .to_string()
        };
        let body = serde_json::json!({
            "jsonrpc": "2.0", "id": 1,
            "result": {
                "path": req.uri().to_string(),
                "cookie": get("cookie"),
                "xff": get("x-forwarded-for"),
                "proto": get("x-forwarded-proto"),
                "host": get("x-forwarded-host"),
            }
        });
        (
            [("set-cookie", "session_id=abc; HttpOnly; Path=/")],
            axum::Json(body),
        )
    });
    let slow = post(|| async {
        tokio::time::sleep(Duration::from_secs(30)).await;
        "late"
    });
    serve(
        Router::new()
            .route("/web/dataset/call_kw/slow", slow)
            .fallback(echo),
    )
    .await
}

/// The proxy to `odoo`, as the binary makes it by default.
fn proxy_to(odoo: &str) -> Backend {
    Backend::odoo(odoo, Duration::from_secs(5), false).unwrap()
}

async fn with_backend(backend: Backend, per_minute: u32) -> (String, tempfile::TempDir) {
    with_options(backend, per_minute, false).await
}

async fn with_options(
    backend: Backend,
    per_minute: u32,
    secure_cookies: bool,
) -> (String, tempfile::TempDir) {
    let d = dist();
    let router = app(Options {
        dist: d.path().to_path_buf(),
        backend,
        sign_in_per_minute: per_minute,
        secure_cookies,
        max_request_bytes: 1024 * 1024,
    })
    .unwrap();
    (serve(router).await, d)
}

#[tokio::test]
async fn static_files_have_the_right_types_and_caching() {
    let odoo = fake_odoo().await;
    let (url, _d) = with_backend(proxy_to(&odoo), 20).await;
    let c = client();
    let get = |p: &str| c.get(format!("{url}{p}")).send();

    let wasm = get("/staff-pwa-0123456789abcdef_bg.wasm").await.unwrap();
    assert_eq!(wasm.headers()["content-type"], "application/wasm");
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );

    // What the build lists is immutable, whatever its name; nothing else.
    let short = get("/staff-pwa-e152efa72d36f5d_bg.wasm").await.unwrap();
    assert_eq!(
        short.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let unlisted = get("/notes-0123456789abcdef.js").await.unwrap();
    assert_eq!(unlisted.status(), 200);
    assert_eq!(unlisted.headers()["cache-control"], "no-cache");

    let manifest = get("/manifest.webmanifest").await.unwrap();
    assert_eq!(
        manifest.headers()["content-type"],
        "application/manifest+json"
    );
    assert_eq!(manifest.headers()["cache-control"], "no-cache");

    for p in ["/", "/sw.js"] {
        let r = get(p).await.unwrap();
        assert_eq!(r.status(), 200, "{p}");
        assert_eq!(r.headers()["cache-control"], "no-cache", "{p}");
    }

    let csp = get("/").await.unwrap().headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval'"),
        "{csp}"
    );
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    let r = get("/").await.unwrap();
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(r.headers().contains_key("referrer-policy"));
}

#[tokio::test]
async fn client_routes_get_the_shell_and_missing_files_a_404() {
    let odoo = fake_odoo().await;
    let (url, _d) = with_backend(proxy_to(&odoo), 20).await;
    let c = client();
    let deep = c
        .get(format!("{url}/partners/42?q=x"))
        .send()
        .await
        .unwrap();
    assert_eq!(deep.status(), 200);
    assert_eq!(deep.headers()["cache-control"], "no-cache");
    assert!(deep.text().await.unwrap().contains("<title>shell</title>"));
    let missing = c
        .get(format!("{url}/missing-0123456789abcdef.js"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 404);
}

#[tokio::test]
async fn compresses_with_brotli_when_asked() {
    let odoo = fake_odoo().await;
    let (url, d) = with_backend(proxy_to(&odoo), 20).await;
    let r = client()
        .get(format!("{url}/staff-pwa-0123456789abcdef.js"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["content-encoding"], "br");
    // The header alone could sit on bytes that are not brotli, or on
    // another file's: decode them and compare with the file itself.
    let body = r.bytes().await.unwrap();
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &body[..], &mut decoded).expect("a brotli stream");
    let file = std::fs::read(d.path().join("staff-pwa-0123456789abcdef.js")).unwrap();
    assert_eq!(decoded, file);
}

#[tokio::test]
async fn the_builds_precompressed_twins_are_sent_as_they_are() {
    let odoo = fake_odoo().await;
    let (url, d) = with_backend(proxy_to(&odoo), 20).await;
    // Stand-ins whose bytes show which file was sent.
    let wasm = "staff-pwa-0123456789abcdef_bg.wasm";
    std::fs::write(d.path().join(format!("{wasm}.br")), b"BROTLI TWIN").unwrap();
    std::fs::write(d.path().join(format!("{wasm}.gz")), b"GZIP TWIN").unwrap();
    std::fs::write(d.path().join("index.html.br"), b"SHELL TWIN").unwrap();
    let get = |path: String, enc: &'static str| {
        client()
            .get(format!("{url}{path}"))
            .header("accept-encoding", enc)
            .send()
    };
    let r = get(format!("/{wasm}"), "gzip, br").await.unwrap();
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(r.headers()["content-type"], "application/wasm");
    assert_eq!(
        r.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(&r.bytes().await.unwrap()[..], b"BROTLI TWIN");
    let r = get(format!("/{wasm}"), "gzip").await.unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_eq!(&r.bytes().await.unwrap()[..], b"GZIP TWIN");
    let r = get(format!("/{wasm}"), "identity").await.unwrap();
    assert!(!r.headers().contains_key("content-encoding"));
    assert_eq!(&r.bytes().await.unwrap()[..], b"\0asm\x01\0\0\0");
    // A client route gets the shell's twin too.
    let r = get("/partners/42".into(), "br").await.unwrap();
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(&r.bytes().await.unwrap()[..], b"SHELL TWIN");
}

#[tokio::test]
async fn proxy_forwards_cookies_and_forwarded_headers_both_ways() {
    let odoo = fake_odoo().await;
    let (url, _d) = with_backend(proxy_to(&odoo), 20).await;
    let r = client()
        .post(format!(
            "{url}/web/dataset/call_kw/res.partner/search_read?debug=1"
        ))
        .header("cookie", "session_id=xyz")
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(
        r.headers()["set-cookie"],
        "session_id=abc; HttpOnly; Path=/"
    );
    let v: serde_json::Value = r.json().await.unwrap();
    let seen = &v["result"];
    assert_eq!(
        seen["path"],
        "/web/dataset/call_kw/res.partner/search_read?debug=1"
    );
    assert_eq!(seen["cookie"], "session_id=xyz");
    assert_eq!(seen["xff"], "127.0.0.1");
    assert_eq!(seen["proto"], "http");
    assert_eq!(seen["host"], url.trim_start_matches("http://"));
}

#[tokio::test]
async fn odoo_pages_keep_their_own_headers_not_the_apps_csp() {
    // Odoo's login page (two-factor sign-in) runs inline scripts: the
    // app's strict policy must not reach it through the proxy.
    let odoo = fake_odoo().await;
    let (url, _d) = with_backend(proxy_to(&odoo), 20).await;
    let r = client()
        .get(format!("{url}/web/login?redirect=%2Fpartners"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        !r.headers().contains_key("content-security-policy"),
        "{:?}",
        r.headers()
    );
    let app = client()
        .get(format!("{url}/partners"))
        .send()
        .await
        .unwrap();
    assert!(app.headers().contains_key("content-security-policy"));
    // The app needs only /web: Odoo's external API is not relayed. The
    // path falls to the app's static files, which take only GET and HEAD;
    // the stand-in Odoo would have set its cookie.
    let external = client()
        .post(format!("{url}/jsonrpc"))
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(external.status(), 405);
    assert_eq!(external.headers()["allow"], "GET,HEAD");
    assert!(
        !external.headers().contains_key("set-cookie"),
        "{:?}",
        external.headers()
    );
}

#[tokio::test]
async fn odoo_down_or_slow_is_a_json_rpc_error_in_bounded_time() {
    // Nothing listens on this port once the listener is dropped.
    let dead = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let (url, _d) = with_backend(
        Backend::odoo(&dead, Duration::from_secs(2), false).unwrap(),
        20,
    )
    .await;
    let r = client()
        .post(format!("{url}/web/session/get_session_info"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 502);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["data"]["name"], "pwa_server.OdooUnreachable");

    let odoo = fake_odoo().await;
    let (url, _d) = with_backend(
        Backend::odoo(&odoo, Duration::from_millis(300), false).unwrap(),
        20,
    )
    .await;
    let started = std::time::Instant::now();
    let r = client()
        .post(format!("{url}/web/dataset/call_kw/slow"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 504);
    assert!(started.elapsed() < Duration::from_secs(10));
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["jsonrpc"], "2.0");
    assert!(v["error"]["data"]["message"]
        .as_str()
        .unwrap()
        .contains("did not answer in time"));
}

/// An Odoo that lets in any login whose password is "right", and answers
/// a wrong one as Odoo 18 did (fixtures/odoo-wire/18/02).
async fn sign_in_odoo() -> String {
    let wrong = wire_transcripts::find(18, "02").unwrap().body;
    let auth = post(move |body: String| {
        let wrong = wrong.clone();
        async move {
            let v: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
            let answer = if v["params"]["password"] == "right" {
                serde_json::json!({"jsonrpc": "2.0", "id": 1, "result": {"uid": 7}}).to_string()
            } else {
                wrong
            };
            ([("content-type", "application/json")], answer)
        }
    });
    serve(Router::new().route("/web/session/authenticate", auth)).await
}

fn sign_in_body(login: &str, password: &str) -> String {
    serde_json::json!({"jsonrpc": "2.0", "method": "call", "id": 1,
        "params": {"db": "demo", "login": login, "password": password}})
    .to_string()
}

#[tokio::test]
async fn an_office_behind_one_address_all_get_in() {
    let odoo = sign_in_odoo().await;
    let (url, _d) = with_backend(proxy_to(&odoo), 600).await;
    let c = client();
    for n in 0..200 {
        let r = c
            .post(format!("{url}/web/session/authenticate"))
            .body(sign_in_body(&format!("staff{n}"), "right"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "staff{n}");
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["result"]["uid"], 7, "staff{n}: {v}");
    }
}

#[tokio::test]
async fn wrong_passwords_for_one_login_wait_after_the_cap() {
    let odoo = sign_in_odoo().await;
    let (url, _d) = with_backend(proxy_to(&odoo), 600).await;
    let c = client();
    let attempt = |login: &str, password: &str| {
        c.post(format!("{url}/web/session/authenticate"))
            .body(sign_in_body(login, password))
            .send()
    };
    let mut refused_at = None;
    for n in 0..30 {
        let r = attempt("ann", "guess").await.unwrap();
        if r.status() == 429 {
            assert!(r.headers().contains_key("retry-after"));
            let v: serde_json::Value = r.json().await.unwrap();
            let message = v["error"]["data"]["message"].as_str().unwrap_or_default();
            assert!(message.contains("Please wait"), "{message}");
            assert!(message.contains("seconds"), "{message}");
            refused_at.get_or_insert(n);
        } else {
            let v: serde_json::Value = r.json().await.unwrap();
            assert_eq!(v["error"]["data"]["name"], "odoo.exceptions.AccessDenied");
            assert!(refused_at.is_none(), "let through again after the cap");
        }
    }
    assert_eq!(refused_at, Some(10), "the eleventh wrong password waits");
    // Another login from the same address, and the right one, get in.
    let v: serde_json::Value = attempt("bob", "right").await.unwrap().json().await.unwrap();
    assert_eq!(v["result"]["uid"], 7);
}

#[tokio::test]
async fn sign_in_attempts_are_limited_per_address() {
    let odoo = fake_odoo().await;
    let (url, _d) = with_backend(proxy_to(&odoo), 3).await;
    let c = client();
    let attempt = || {
        c.post(format!("{url}/web/session/authenticate"))
            .body("{}")
            .send()
    };
    for _ in 0..3 {
        assert_eq!(attempt().await.unwrap().status(), 200);
    }
    let r = attempt().await.unwrap();
    assert_eq!(r.status(), 429);
    assert!(r.headers().contains_key("retry-after"));
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["error"]["data"]["name"], "pwa_server.TooManyAttempts");
    // Other routes are not limited.
    let other = c
        .post(format!("{url}/web/session/get_session_info"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200);
}

#[tokio::test]
async fn demo_backend_answers_web_routes() {
    let demo = demo_odoo::DemoOdoo::open(demo_odoo::Config {
        big_partners: 100,
        ..demo_odoo::Config::default()
    })
    .unwrap();
    let (url, _d) = with_backend(Backend::Demo(demo), 20).await;
    let r = client()
        .post(format!("{url}/web/session/authenticate"))
        .json(&serde_json::json!({"jsonrpc":"2.0","method":"call","params":{"db":"demo","login":"admin","password":"admin"},"id":1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(r.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .starts_with("session_id="));
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["result"]["username"], "admin");
}

/// A real third-party Odoo client library, odoorpc (Python, installed by
/// `cargo xtask test` into `ODOORPC_PATH`), against the demo backend.
const ODOORPC_SCRIPT: &str = r#"
import sys, odoorpc
host, port = sys.argv[1], int(sys.argv[2])
odoo = odoorpc.ODOO(host, port=port)
print("version", odoo.version)
print("databases", ",".join(odoo.db.list()))
odoo.login("demo", "admin", "admin")
print("uid", odoo.env.uid)
Partner = odoo.env["res.partner"]
ids = Partner.search([("name", "ilike", "azure interior"), ("is_company", "=", True)])
company = Partner.browse(ids[0])
print("company", company.name, "|", company.country_id.name)
people = Partner.search_read([("parent_id", "=", ids[0])], ["name"], order="name")
print("people", ",".join(p["name"] for p in people))
print("count", Partner.search_count([("is_company", "=", True)]) > 0)
try:
    odoorpc.ODOO(host, port=port).login("demo", "admin", "wrong")
    print("wrong password accepted")
except odoorpc.error.RPCError as e:
    print("refused", e)
"#;

#[tokio::test]
async fn odoorpc_signs_in_and_searches_against_the_demo() {
    let path = std::env::var("ODOORPC_PATH")
        .expect("ODOORPC_PATH is not set: run the suite with `cargo xtask test`");
    let demo = tokio::task::spawn_blocking(|| {
        demo_odoo::DemoOdoo::open(demo_odoo::Config {
            big_partners: 100,
            ..demo_odoo::Config::default()
        })
    })
    .await
    .unwrap()
    .unwrap();
    let (url, _d) = with_backend(Backend::Demo(demo), 20).await;
    let port = url.rsplit(':').next().unwrap_or_default().to_string();
    let out = tokio::task::spawn_blocking(move || {
        std::process::Command::new("python3")
            .args(["-c", ODOORPC_SCRIPT, "127.0.0.1", &port])
            .env("PYTHONPATH", path)
            .output()
    })
    .await
    .unwrap()
    .expect("python3 runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "odoorpc failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.contains(&"databases demo,demo_big"), "{stdout}");
    assert!(lines.contains(&"uid 2"), "{stdout}");
    assert!(
        lines.contains(&"company Azure Interior | United States"),
        "{stdout}"
    );
    assert!(
        lines.contains(&"people Brandon Freeman,Colleen Diaz,Nicole Ford"),
        "{stdout}"
    );
    assert!(lines.contains(&"count True"), "{stdout}");
    assert!(lines.iter().any(|l| l.starts_with("refused ")), "{stdout}");
}

#[tokio::test]
async fn the_database_manager_is_not_forwarded_unless_asked() {
    let odoo = fake_odoo().await;
    let c = client();
    let (url, _d) = with_backend(proxy_to(&odoo), 20).await;
    for path in [
        "/web/database/manager",
        "/web/database/drop",
        "/web/database/backup",
        "/web/image/../database/manager",
        "/web",
    ] {
        let r = c
            .post(format!("{url}{path}"))
            .body("{}")
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 404, "{path}");
    }
    let r = c
        .post(format!("{url}/web/database/list"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "the app's database list");
    let (all, _d2) = with_backend(
        Backend::odoo(&odoo, Duration::from_secs(5), true).unwrap(),
        20,
    )
    .await;
    let r = c
        .post(format!("{all}/web/database/manager"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "--odoo-all-routes");
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["result"]["path"], "/web/database/manager");
}

#[tokio::test]
async fn behind_tls_the_session_cookie_is_secure_and_same_site() {
    let odoo = fake_odoo().await;
    let c = client();
    let (url, _d) = with_backend(proxy_to(&odoo), 20).await;
    let cookie = |r: &reqwest::Response| r.headers()["set-cookie"].to_str().unwrap().to_string();
    let call = |base: &str, proto: Option<&str>| {
        let mut r = c
            .post(format!("{base}/web/session/get_session_info"))
            .body("{}");
        if let Some(p) = proto {
            r = r.header("x-forwarded-proto", p);
        }
        r.send()
    };
    // Plain HTTP: as Odoo set it.
    let plain = call(&url, None).await.unwrap();
    assert_eq!(cookie(&plain), "session_id=abc; HttpOnly; Path=/");
    // A local TLS proxy says https.
    let tls = call(&url, Some("https")).await.unwrap();
    assert_eq!(
        cookie(&tls),
        "session_id=abc; HttpOnly; Path=/; Secure; SameSite=Lax"
    );
    // --secure-cookies: always.
    let (always, _d2) = with_options(proxy_to(&odoo), 20, true).await;
    let r = call(&always, None).await.unwrap();
    assert_eq!(
        cookie(&r),
        "session_id=abc; HttpOnly; Path=/; Secure; SameSite=Lax"
    );
}

#[tokio::test]
async fn a_request_over_a_megabyte_gets_an_error_not_a_hang() {
    let odoo = fake_odoo().await;
    let c = client();
    let (url, _d) = with_backend(proxy_to(&odoo), 20).await;
    let path = format!("{url}/web/dataset/call_kw/res.partner/read");
    let big = "x".repeat(2 * 1024 * 1024);
    let check = |r: reqwest::Response| async move {
        assert_eq!(r.status(), 413);
        let v: serde_json::Value = r.json().await.unwrap();
        assert_eq!(v["error"]["data"]["name"], "pwa_server.RequestTooLarge");
    };
    check(c.post(&path).body(big.clone()).send().await.unwrap()).await;
    // Without a length (chunked), cut off at the cap too.
    let chunks = futures_chunks(big);
    check(
        c.post(&path)
            .body(reqwest::Body::wrap_stream(chunks))
            .send()
            .await
            .unwrap(),
    )
    .await;
    // A call of ordinary size goes through.
    let r = c.post(&path).body("{}").send().await.unwrap();
    assert_eq!(r.status(), 200);
}

fn futures_chunks(
    s: String,
) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> + Send + 'static {
    let parts: Vec<Result<Vec<u8>, std::io::Error>> = s
        .into_bytes()
        .chunks(64 * 1024)
        .map(|c| Ok(c.to_vec()))
        .collect();
    futures_util::stream::iter(parts)
}
