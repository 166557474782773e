//! `/jsonrpc`, Odoo's external API, as third-party clients use it: no
//! session, database, uid and password on every `object` call.

mod common;

use common::{bare_client, mono, rpc, start};
use serde_json::{json, Value};

async fn jsonrpc(s: &common::Server, service: &str, method: &str, args: Value) -> common::Answer {
    rpc(
        &bare_client(),
        &s.url,
        "/jsonrpc",
        json!({"service": service, "method": method, "args": args}),
    )
    .await
}

#[tokio::test]
async fn common_and_db_services() {
    let s = start(common::config(18)).await;
    let v = jsonrpc(&s, "common", "version", json!([])).await.result();
    assert_eq!(v["server_version_info"][0], 18);
    let dbs = jsonrpc(&s, "db", "list", json!([])).await.result();
    assert_eq!(dbs, json!(["demo", "demo_big"]));

    let uid = jsonrpc(&s, "common", "login", json!(["demo", "admin", "admin"]))
        .await
        .result();
    assert_eq!(uid, json!(2));
    // A wrong password is `false`, not an error (Odoo's exp_authenticate).
    let no = jsonrpc(&s, "common", "login", json!(["demo", "admin", "nope"]))
        .await
        .result();
    assert_eq!(no, json!(false));
    let missing = jsonrpc(&s, "common", "login", json!(["nodb", "admin", "admin"]))
        .await
        .error();
    assert_eq!(missing["data"]["name"], "psycopg2.OperationalError");
    let unknown = jsonrpc(&s, "common", "frobnicate", json!([])).await.error();
    assert_eq!(
        unknown["data"]["message"],
        "Method not available frobnicate"
    );
}

#[tokio::test]
async fn object_calls_check_the_password_every_time() {
    let s = start(mono(17)).await;
    let call = |password: &str, method: &str, rest: Value| {
        let mut args = vec![
            json!("demo"),
            json!(2),
            json!(password),
            json!("res.partner"),
            json!(method),
        ];
        args.extend(rest.as_array().cloned().unwrap_or_default());
        jsonrpc(
            &s,
            "object",
            if method == "search_count" {
                "execute"
            } else {
                "execute_kw"
            },
            Value::Array(args),
        )
    };
    let rows = call(
        "admin",
        "search_read",
        json!([[[["name", "ilike", "azure"]]], {"fields": ["name"], "limit": 1}]),
    )
    .await
    .result();
    assert_eq!(rows[0]["name"], "Azure Interior");
    // `execute` passes its trailing arguments positionally.
    let count = call(
        "admin",
        "search_count",
        json!([[["is_company", "=", true]]]),
    )
    .await
    .result();
    assert!(count.as_i64().is_some_and(|n| n > 0), "{count}");
    let denied = call("wrong", "search_read", json!([[], {"limit": 1}]))
        .await
        .error();
    assert_eq!(denied["data"]["name"], "odoo.exceptions.AccessDenied");
}

#[tokio::test]
async fn what_clients_ask_before_their_first_call() {
    let s = start(common::config(18)).await;
    let execute = |model: &str, method: &str, rest: Value| {
        let mut args = vec![
            json!("demo"),
            json!(2),
            json!("admin"),
            json!(model),
            json!(method),
        ];
        args.extend(rest.as_array().cloned().unwrap_or_default());
        jsonrpc(&s, "object", "execute", Value::Array(args))
    };
    let ctx = execute("res.users", "context_get", json!([]))
        .await
        .result();
    assert_eq!(ctx["uid"], 2);
    assert!(ctx["lang"].is_string());
    let found = execute(
        "ir.model",
        "search",
        json!([[["model", "=", "res.partner"]]]),
    )
    .await
    .result();
    assert_eq!(found.as_array().map(Vec::len), Some(1));
    let none = execute(
        "ir.model",
        "search",
        json!([[["model", "=", "sale.order"]]]),
    )
    .await
    .result();
    assert_eq!(none, json!([]));
    let defaults = execute("res.partner", "default_get", json!([["active", "name"]]))
        .await
        .result();
    assert_eq!(defaults, json!({"active": true}));
}

#[tokio::test]
async fn guessing_passwords_through_object_calls_locks_the_address_out() {
    let s = start(mono(18)).await;
    let call = |password: &str| {
        jsonrpc(
            &s,
            "object",
            "execute_kw",
            json!(["demo", 2, password, "res.partner", "search_count", [[]]]),
        )
    };
    for i in 0..10 {
        let e = call(&format!("guess{i}")).await.error();
        assert_eq!(e["data"]["message"], "Access Denied", "guess {i}");
    }
    let locked = call("admin").await.error();
    assert!(
        locked["data"]["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("Too many login failures")),
        "{locked}"
    );
    // An unknown uid is refused like a wrong password, not told apart.
    let s2 = start(mono(18)).await;
    let e = jsonrpc(
        &s2,
        "object",
        "execute_kw",
        json!(["demo", 999, "admin", "res.partner", "search_count", [[]]]),
    )
    .await
    .error();
    assert_eq!(e["data"]["name"], "odoo.exceptions.AccessDenied");
}
