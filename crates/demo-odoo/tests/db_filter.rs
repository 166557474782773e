//! `db_filter` as Odoo's `--db-filter`: which databases are listed and
//! can be signed in to, and what a call without a session gets with one
//! database visible (code 100) or several (the 404 page, 16/07a–07c).

mod common;

use common::*;
use demo_odoo::{Config, DemoOdoo, Error};
use serde_json::json;

async fn anonymous_call(s: &Server) -> Answer {
    rpc(
        &bare_client(),
        &s.url,
        "/web/dataset/call_kw/res.partner/search_read",
        json!({"model": "res.partner", "method": "search_read", "args": [[]], "kwargs": {"limit": 1}}),
    )
    .await
}

#[tokio::test]
async fn several_databases_visible() {
    let s = start(config(18)).await;
    let list = rpc(&bare_client(), &s.url, "/web/database/list", json!({})).await;
    assert_eq!(list.result(), json!(["demo", "demo_big"]));
    let a = anonymous_call(&s).await;
    assert_eq!(a.status, 404);
    assert!(a.text.starts_with("<!doctype html>"), "{}", a.text);
    let info = rpc(
        &bare_client(),
        &s.url,
        "/web/session/get_session_info",
        json!({}),
    )
    .await;
    assert_eq!(info.status, 404);
    // Signed in, the session names its database and everything works.
    let c = client();
    sign_in(&c, &s.url, "demo_big", "admin").await;
    assert_eq!(
        call_kw(
            &c,
            &s.url,
            "res.partner",
            "search_count",
            json!([[["id", "=", 14]]]),
            json!({})
        )
        .await
        .result(),
        1
    );
}

#[tokio::test]
async fn one_database_visible() {
    for filter in ["demo", "^demo$", "d.m."] {
        let s = start(Config {
            db_filter: Some(filter.into()),
            ..config(16)
        })
        .await;
        let list = rpc(&bare_client(), &s.url, "/web/database/list", json!({})).await;
        assert_eq!(
            list.result(),
            json!(["demo"]),
            "{filter} matches whole names only"
        );
        let a = anonymous_call(&s).await;
        assert_eq!(a.status, 200);
        let e = a.error();
        assert_eq!(e["code"], 100);
        assert_eq!(a.json()["id"], serde_json::Value::Null);
        let hidden = rpc(
            &client(),
            &s.url,
            "/web/session/authenticate",
            json!({"db": "demo_big", "login": "admin", "password": "admin"}),
        )
        .await;
        assert_eq!(hidden.error()["data"]["message"], "Database not found.");
    }
    let big_only = start(Config {
        db_filter: Some(".*_big".into()),
        ..config(18)
    })
    .await;
    let list = rpc(
        &bare_client(),
        &big_only.url,
        "/web/database/list",
        json!({}),
    )
    .await;
    assert_eq!(list.result(), json!(["demo_big"]));
}

#[tokio::test]
async fn a_session_on_a_database_filtered_out_later_is_no_session() {
    let dir = tempfile::tempdir().unwrap();
    let open = |filter: Option<&str>| {
        DemoOdoo::open(Config {
            data_dir: Some(dir.path().to_path_buf()),
            db_filter: filter.map(str::to_string),
            ..config(18)
        })
        .unwrap()
    };
    let s = serve(open(None), true).await;
    let a = rpc(
        &bare_client(),
        &s.url,
        "/web/session/authenticate",
        json!({"db": "demo_big", "login": "admin", "password": "admin"}),
    )
    .await;
    let id = a.session_cookie().unwrap();
    drop(s);
    let s = serve(open(Some("demo")), true).await;
    let res = bare_client()
        .post(format!("{}/web/session/get_session_info", s.url))
        .header("content-type", "application/json")
        .header("cookie", format!("session_id={id}"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(answer(res).await.error()["code"], 100);
}

#[test]
fn bad_settings_are_refused() {
    assert!(matches!(
        DemoOdoo::open(Config {
            db_filter: Some("(".into()),
            ..config(18)
        }),
        Err(Error::DbFilter(_))
    ));
    assert!(matches!(
        DemoOdoo::open(Config {
            odoo_version: 15,
            ..config(18)
        }),
        Err(Error::Version(15))
    ));
    assert!(matches!(
        DemoOdoo::open(Config {
            odoo_version: 20,
            ..config(18)
        }),
        Err(Error::Version(20))
    ));
}
