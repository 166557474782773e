//! Sessions over HTTP: the cookie's attributes, a new id at every sign-in,
//! renewal, sign-out, expiry after inactivity, and sessions that outlive a
//! restart on the same data folder.

mod common;

use common::*;
use demo_odoo::{Config, DemoOdoo};
use serde_json::json;
use std::time::Duration;

fn attributes(cookie: &str) -> Vec<String> {
    cookie.split("; ").skip(1).map(str::to_string).collect()
}

#[tokio::test]
async fn cookie_has_odoos_attributes_and_says_samesite() {
    let s = start(mono(18)).await;
    let a = rpc(
        &client(),
        &s.url,
        "/web/session/authenticate",
        json!({"db": "demo", "login": "admin", "password": "admin"}),
    )
    .await;
    let cookies = a.set_cookies();
    assert_eq!(cookies.len(), 1, "{cookies:?}");
    let attrs = attributes(&cookies[0]);
    assert_eq!(attrs.len(), 5, "{attrs:?}");
    assert!(
        attrs[0].starts_with("Expires=") && attrs[0].ends_with(" GMT"),
        "{attrs:?}"
    );
    assert_eq!(
        &attrs[1..],
        ["Max-Age=604800", "HttpOnly", "Path=/", "SameSite=Lax"]
            .map(String::from)
            .as_slice()
    );
    assert!(!cookies[0].contains("Secure"), "plain HTTP: no Secure");
    let id = a.session_cookie().unwrap();
    assert_eq!(id.len(), 84, "Odoo 17+'s 84-character ids");
}

#[tokio::test]
async fn secure_when_the_client_came_over_https() {
    let s = start(mono(16)).await;
    let res = bare_client()
        .post(format!("{}/web/session/authenticate", s.url))
        .header("content-type", "application/json")
        .header("x-forwarded-proto", "https")
        .body(json!({"jsonrpc": "2.0", "method": "call", "params": {"db": "demo", "login": "demo", "password": "demo"}}).to_string())
        .send()
        .await
        .unwrap();
    let a = answer(res).await;
    let cookie = &a.set_cookies()[0];
    assert!(cookie.ends_with("; SameSite=Lax; Secure"), "{cookie}");
    let id = a.session_cookie().unwrap();
    assert!(
        id.len() == 40 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "Odoo 16's 40 hex digits: {id}"
    );
    assert_eq!(
        a.result()["web.base.url"],
        json!(format!("https://{}", s.url.trim_start_matches("http://")))
    );
}

#[tokio::test]
async fn a_new_id_at_each_sign_in_and_the_old_one_ends() {
    let s = start(mono(18)).await;
    let c = client();
    sign_in(&c, &s.url, "demo", "admin").await;
    let first = rpc(&c, &s.url, "/web/session/get_session_info", json!({})).await;
    let first_id = first
        .session_cookie()
        .expect("get_session_info renews the cookie");
    let again = rpc(
        &c,
        &s.url,
        "/web/session/authenticate",
        json!({"db": "demo", "login": "demo", "password": "demo"}),
    )
    .await;
    let second_id = again.session_cookie().unwrap();
    assert_ne!(first_id, second_id);
    assert_eq!(again.result()["username"], "demo");
    // The old id no longer opens anything.
    let old = bare_client()
        .post(format!("{}/web/session/get_session_info", s.url))
        .header("content-type", "application/json")
        .header("cookie", format!("session_id={first_id}"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(answer(old).await.error()["code"], 100);
}

#[tokio::test]
async fn get_session_info_renews_the_same_id() {
    let s = start(mono(16)).await;
    let c = client();
    let a = rpc(
        &c,
        &s.url,
        "/web/session/authenticate",
        json!({"db": "demo", "login": "admin", "password": "admin"}),
    )
    .await;
    let id = a.session_cookie().unwrap();
    let info = rpc(&c, &s.url, "/web/session/get_session_info", json!({})).await;
    assert_eq!(info.session_cookie().as_deref(), Some(id.as_str()));
    assert_eq!(info.result()["uid"], 2);
    assert_eq!(info.result()["db"], "demo");
}

#[tokio::test]
async fn sign_out_ends_the_session_everywhere() {
    for (version, mono_db) in [(16, false), (18, true)] {
        let cfg = if mono_db {
            mono(version)
        } else {
            config(version)
        };
        let s = start(cfg).await;
        let c = client();
        sign_in(&c, &s.url, "demo", "admin").await;
        let info = rpc(&c, &s.url, "/web/session/get_session_info", json!({})).await;
        let old = info.session_cookie().unwrap();
        let out = rpc(&c, &s.url, "/web/session/destroy", json!({})).await;
        assert!(
            out.json().get("result").is_none(),
            "None is sent without a result key: {}",
            out.text
        );
        let fresh = out.session_cookie().expect("a fresh anonymous cookie");
        assert_ne!(fresh, old);
        if version >= 17 {
            assert!(
                out.set_cookies()[0].starts_with("cids=; "),
                "17+ also clear cids: {:?}",
                out.set_cookies()
            );
        }
        // The old cookie, replayed, is refused as Odoo refuses it.
        let replay = bare_client()
            .post(format!("{}/web/dataset/call_kw", s.url))
            .header("content-type", "application/json")
            .header("cookie", format!("session_id={old}"))
            .body(json!({"jsonrpc": "2.0", "method": "call", "params": {"model": "res.partner", "method": "search_count", "args": [[]], "kwargs": {}}, "id": 3}).to_string())
            .send()
            .await
            .unwrap();
        let replay = answer(replay).await;
        if mono_db {
            assert_eq!(replay.error()["code"], 100);
            assert_eq!(replay.json()["id"], serde_json::Value::Null);
        } else {
            assert_eq!(replay.status, 404, "several databases: the 404 page");
        }
    }
}

#[tokio::test]
async fn sessions_expire_after_inactivity_and_use_keeps_them_alive() {
    let s = start(Config {
        session_idle_timeout: Duration::from_millis(1_500),
        ..mono(18)
    })
    .await;
    let c = client();
    sign_in(&c, &s.url, "demo", "admin").await;
    // Used every half timeout, it stays open past the timeout.
    for _ in 0..4 {
        tokio::time::sleep(Duration::from_millis(500)).await;
        let a = call_kw(
            &c,
            &s.url,
            "res.partner",
            "search_count",
            json!([[]]),
            json!({}),
        )
        .await;
        assert!(a.result().is_number(), "{}", a.text);
    }
    // Left alone longer than the timeout, it is gone.
    tokio::time::sleep(Duration::from_millis(1_700)).await;
    let a = call_kw(
        &c,
        &s.url,
        "res.partner",
        "search_count",
        json!([[]]),
        json!({}),
    )
    .await;
    let e = a.error();
    assert_eq!(e["code"], 100);
    assert_eq!(e["data"]["name"], "odoo.http.SessionExpiredException");
}

#[tokio::test]
async fn sessions_survive_a_restart_on_the_same_folder() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = Config {
        data_dir: Some(dir.path().to_path_buf()),
        ..mono(18)
    };
    let first = serve(DemoOdoo::open(cfg.clone()).unwrap(), true).await;
    let a = rpc(
        &bare_client(),
        &first.url,
        "/web/session/authenticate",
        json!({"db": "demo", "login": "portal", "password": "portal"}),
    )
    .await;
    let id = a.session_cookie().unwrap();
    drop(first);

    let second = serve(DemoOdoo::open(cfg).unwrap(), true).await;
    let res = bare_client()
        .post(format!("{}/web/session/get_session_info", second.url))
        .header("content-type", "application/json")
        .header("cookie", format!("session_id={id}"))
        .body("{}")
        .send()
        .await
        .unwrap();
    let info = answer(res).await;
    assert_eq!(info.result()["username"], "portal");
    assert!(dir.path().join("sessions.sqlite").exists());
    assert!(dir.path().join("demo.sqlite").exists());
}

#[tokio::test]
async fn anonymous_routes_hand_out_a_cookie_but_no_session() {
    let s = start(mono(18)).await;
    let a = rpc(
        &bare_client(),
        &s.url,
        "/web/webclient/version_info",
        json!({}),
    )
    .await;
    assert_eq!(a.result()["server_version_info"][0], 18);
    let id = a
        .session_cookie()
        .expect("an anonymous cookie, as Odoo sets one");
    let res = bare_client()
        .post(format!("{}/web/session/get_session_info", s.url))
        .header("content-type", "application/json")
        .header("cookie", format!("session_id={id}"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(
        answer(res).await.error()["code"],
        100,
        "an anonymous cookie is not signed in"
    );
}
