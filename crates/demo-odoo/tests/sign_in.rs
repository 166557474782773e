//! The three users, wrong passwords, unknown databases, Odoo's cooldown
//! after ten failures (per address, with and without connect info), and
//! what a portal user may see.

mod common;

use common::*;
use serde_json::{json, Value};

#[tokio::test]
async fn the_three_users_and_what_they_are() {
    for version in [16, 17, 18, 19] {
        let s = start(mono(version)).await;
        for (login, uid, partner, name, internal) in [
            ("admin", 2, 3, "Mitchell Admin", true),
            ("demo", 6, 7, "Marc Demo", true),
            ("portal", 7, 8, "Joel Willis", false),
        ] {
            let r = sign_in(&client(), &s.url, "demo", login).await;
            assert_eq!(r["uid"], uid, "{version} {login}");
            assert_eq!(r["partner_id"], partner);
            assert_eq!(r["name"], name);
            assert_eq!(r["is_admin"], login == "admin");
            assert_eq!(r["server_version_info"][0], version);
            // 17 and 19 report a bare "N.0", 16 and 18 a build date after it.
            assert!(r["server_version"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{version}.0")));
            assert_eq!(
                r.get("user_companies").is_some(),
                internal,
                "{version} {login}: portal users have no companies"
            );
            if version == 16 {
                assert_eq!(r["company_id"], 1);
                assert_eq!(r["user_id"], json!([uid]));
                assert!(r.get("is_internal_user").is_none());
            } else {
                assert!(r.get("company_id").is_none());
                assert_eq!(r.get("user_id").is_some(), version == 17, "{version}");
                assert_eq!(r["is_internal_user"], internal);
                assert_eq!(r["is_public"], false);
                if internal {
                    assert_eq!(r["user_companies"]["current_company"], 1);
                }
            }
        }
    }
}

#[tokio::test]
async fn each_language_user_gets_its_language_and_time_zone() {
    for version in [16, 19] {
        let s = start(mono(version)).await;
        for (login, lang, tz) in [
            ("demo", "en_US", "Europe/Brussels"),
            ("demo-fr", "fr_BE", "Europe/Brussels"),
            ("demo-de", "de_DE", "Europe/Berlin"),
            ("demo-es", "es_ES", "Europe/Madrid"),
            ("demo-nl", "nl_NL", "Europe/Amsterdam"),
            ("demo-ar", "ar_001", "Africa/Cairo"),
        ] {
            let r = sign_in(&client(), &s.url, "demo", login).await;
            assert_eq!(r["user_context"]["lang"], lang, "{version} {login}");
            assert_eq!(r["user_context"]["tz"], tz, "{version} {login}");
            assert_eq!(r["bundle_params"]["lang"], lang, "{version} {login}");
        }
    }
}

#[tokio::test]
async fn both_databases_take_a_sign_in() {
    let s = start(config(18)).await;
    let c = client();
    let r = sign_in(&c, &s.url, "demo_big", "demo").await;
    assert_eq!(r["db"], "demo_big");
    let n = call_kw(
        &c,
        &s.url,
        "res.partner",
        "search_count",
        json!([[]]),
        json!({"context": {"active_test": false}}),
    )
    .await;
    assert_eq!(n.result(), 2_000);
}

async fn authenticate(s: &Server, login: &str, password: &str, forwarded: Option<&str>) -> Answer {
    let body = json!({"jsonrpc": "2.0", "method": "call", "params": {"db": "demo", "login": login, "password": password}, "id": 5});
    post_json(s, &body.to_string(), forwarded).await
}

async fn post_json(s: &Server, body: &str, forwarded: Option<&str>) -> Answer {
    let mut req = bare_client()
        .post(format!("{}/web/session/authenticate", s.url))
        .header("content-type", "application/json")
        .body(body.to_string());
    if let Some(addr) = forwarded {
        req = req.header("x-forwarded-for", addr);
    }
    answer(req.send().await.unwrap()).await
}

#[tokio::test]
async fn wrong_password_unknown_login_and_unknown_database() {
    let s = start(mono(18)).await;
    for (login, password) in [("admin", "nope"), ("nobody", "admin"), ("admin", "")] {
        let a = authenticate(&s, login, password, None).await;
        let e = a.error();
        assert_eq!(
            e["data"]["name"], "odoo.exceptions.AccessDenied",
            "{login}/{password}"
        );
        assert_eq!(e["data"]["message"], "Access Denied");
        assert_eq!(a.json()["id"], 5, "the request's id is echoed");
        assert!(a.set_cookies().is_empty(), "no cookie for a failed sign-in");
    }
    let a = rpc(
        &client(),
        &s.url,
        "/web/session/authenticate",
        json!({"db": "demo_big", "login": "admin", "password": "admin"}),
    )
    .await;
    assert_eq!(
        a.error()["data"]["message"],
        "Database not found.",
        "filtered out"
    );
    let a = rpc(
        &client(),
        &s.url,
        "/web/session/authenticate",
        json!({"db": "nope", "login": "admin", "password": "admin"}),
    )
    .await;
    assert_eq!(a.error()["data"]["name"], "odoo.exceptions.AccessError");
}

#[tokio::test]
async fn ten_failures_lock_an_address_out_even_with_the_right_password() {
    // Without connect info the address comes from X-Forwarded-For.
    let s = serve(demo_odoo::DemoOdoo::open(mono(16)).unwrap(), false).await;
    let addr = Some("203.0.113.7");
    for i in 0..10 {
        let a = authenticate(&s, "admin", &format!("wrong{i}"), addr).await;
        assert_eq!(a.error()["data"]["message"], "Access Denied", "failure {i}");
    }
    // The captured request (right password) gets the captured answer.
    let t = transcript(16, "02b");
    let a = post_json(&s, &t.body_for("demo"), addr).await;
    same_error(&a.json(), &t.json(), true).unwrap();
    // Another address is not affected.
    let other = authenticate(&s, "admin", "admin", Some("203.0.113.8")).await;
    assert_eq!(other.result()["uid"], 2);
    // Nor is the same address on the other database.
    let s2 = serve(demo_odoo::DemoOdoo::open(config(16)).unwrap(), false).await;
    for i in 0..10 {
        authenticate(&s2, "admin", &format!("wrong{i}"), addr).await;
    }
    let big = bare_client()
        .post(format!("{}/web/session/authenticate", s2.url))
        .header("content-type", "application/json")
        .header("x-forwarded-for", "203.0.113.7")
        .body(json!({"jsonrpc": "2.0", "method": "call", "params": {"db": "demo_big", "login": "admin", "password": "admin"}}).to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(answer(big).await.result()["db"], "demo_big");
}

#[tokio::test]
async fn with_connect_info_the_peer_counts_not_what_it_claims() {
    let s = start(mono(18)).await;
    for i in 0..10 {
        // A different claimed address each time: still one peer.
        authenticate(&s, "admin", "wrong", Some(&format!("198.51.100.{i}"))).await;
    }
    let a = authenticate(&s, "admin", "admin", Some("198.51.100.99")).await;
    assert_eq!(
        a.error()["data"]["message"],
        "Too many login failures, please wait a bit before trying again."
    );
}

#[tokio::test]
async fn a_success_resets_the_count() {
    let s = start(mono(18)).await;
    for _ in 0..9 {
        authenticate(&s, "admin", "wrong", None).await;
    }
    assert_eq!(
        authenticate(&s, "admin", "admin", None).await.result()["uid"],
        2
    );
    for _ in 0..9 {
        authenticate(&s, "admin", "wrong", None).await;
    }
    assert_eq!(
        authenticate(&s, "admin", "admin", None).await.result()["uid"],
        2
    );
}

#[tokio::test]
async fn portal_sees_only_its_own_contact() {
    for version in [16, 18] {
        let s = start(mono(version)).await;
        let c = client();
        sign_in(&c, &s.url, "demo", "portal").await;
        let all = call_kw(
            &c,
            &s.url,
            "res.partner",
            "search_read",
            json!([[]]),
            json!({"fields": ["name"]}),
        )
        .await;
        assert_eq!(all.result(), json!([{"id": 8, "name": "Joel Willis"}]));
        let companies = call_kw(
            &c,
            &s.url,
            "res.partner",
            "search_read",
            json!([[["is_company", "=", true]]]),
            json!({"fields": ["name"]}),
        )
        .await;
        assert_eq!(companies.result(), json!([]));
        assert_eq!(
            call_kw(
                &c,
                &s.url,
                "res.partner",
                "search_count",
                json!([[]]),
                json!({})
            )
            .await
            .result(),
            1
        );
        let own = call_kw(
            &c,
            &s.url,
            "res.partner",
            "read",
            json!([[8]]),
            json!({"fields": ["email"]}),
        )
        .await;
        assert_eq!(own.result()[0]["email"], "joel.willis63@example.com");
        let other = call_kw(
            &c,
            &s.url,
            "res.partner",
            "read",
            json!([[14, 8]]),
            json!({"fields": ["name"]}),
        )
        .await;
        let e = other.error();
        assert_eq!(e["data"]["name"], "odoo.exceptions.AccessError");
        // 16 words a record rule's refusal impersonally; 17+ name the user
        // (write/06a of each version).
        let refusal = if version == 16 {
            "Due to security restrictions"
        } else {
            "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, Joel Willis (id=7) doesn't have 'read' access to:\n- Contact (res.partner)"
        };
        assert!(e["data"]["message"].as_str().unwrap().starts_with(refusal));
        let tags = call_kw(
            &c,
            &s.url,
            "res.partner.category",
            "search_read",
            json!([[]]),
            json!({}),
        )
        .await;
        assert_eq!(tags.error()["data"]["name"], "odoo.exceptions.AccessError");
        let countries = call_kw(
            &c,
            &s.url,
            "res.country",
            "name_search",
            json!(["belg"]),
            json!({}),
        )
        .await;
        assert_eq!(countries.result()[0][1], "Belgium", "countries are public");
        let names = call_kw(
            &c,
            &s.url,
            "res.partner",
            "name_search",
            json!(["a"]),
            json!({}),
        )
        .await;
        let found: Vec<i64> = names
            .result()
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p[0].as_i64().unwrap())
            .collect();
        assert!(found.iter().all(|id| *id == 8), "{found:?}");
        let write = call_kw(
            &c,
            &s.url,
            "res.partner",
            "write",
            json!([[8], {"phone": "1"}]),
            json!({}),
        )
        .await;
        assert!(write.error()["data"]["message"]
            .as_str()
            .unwrap()
            .starts_with("You are not allowed to modify 'Contact' (res.partner) records."));
    }
}

#[tokio::test]
async fn internal_users_read_everything_and_change_contacts() {
    let s = start(mono(18)).await;
    let c = client();
    sign_in(&c, &s.url, "demo", "demo").await;
    let n = call_kw(
        &c,
        &s.url,
        "res.partner",
        "search_count",
        json!([[]]),
        json!({}),
    )
    .await
    .result();
    assert!(n.as_i64().unwrap() > 300, "{n}");
    // As Odoo's demo user (write/08g): contacts yes, countries no.
    let w = call_kw(
        &c,
        &s.url,
        "res.partner",
        "write",
        json!([[14], {"phone": "1"}]),
        json!({}),
    )
    .await;
    assert_eq!(w.result(), json!(true));
    let after: Value = call_kw(
        &c,
        &s.url,
        "res.partner",
        "read",
        json!([[14]]),
        json!({"fields": ["phone", "write_uid"]}),
    )
    .await
    .result();
    assert_eq!(after[0]["phone"], "1");
    assert_eq!(after[0]["write_uid"], json!([6, "Marc Demo"]));
    let country = call_kw(
        &c,
        &s.url,
        "res.country",
        "write",
        json!([[1], {"name": "X"}]),
        json!({}),
    )
    .await;
    assert!(country.error()["data"]["message"]
        .as_str()
        .unwrap()
        .starts_with("You are not allowed to modify 'Country' (res.country) records."));
}
