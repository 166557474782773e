//! A real third-party Odoo client library, odoorpc (Python, installed by
//! `cargo xtask test` into `ODOORPC_PATH`), signs in and searches against
//! pwa-server with its demo backend, as it would against an Odoo.

use pwa_server::{app, Backend, Options};
use std::net::SocketAddr;
use std::process::Command;

const SCRIPT: &str = r#"
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
async fn odoorpc_signs_in_and_searches() {
    let path = std::env::var("ODOORPC_PATH")
        .expect("ODOORPC_PATH is not set: run the suite with `cargo xtask test`");
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<!DOCTYPE html>").unwrap();
    let demo = tokio::task::spawn_blocking(|| {
        demo_odoo::DemoOdoo::open(demo_odoo::Config {
            big_partners: 100,
            ..demo_odoo::Config::default()
        })
    })
    .await
    .unwrap()
    .unwrap();
    let router = app(Options {
        dist: dist.path().to_path_buf(),
        backend: Backend::Demo(demo),
        sign_in_per_minute: 20,
    })
    .unwrap();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .await
        .unwrap();
    });
    let out = tokio::task::spawn_blocking(move || {
        Command::new("python3")
            .args(["-c", SCRIPT, "127.0.0.1", &port.to_string()])
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
