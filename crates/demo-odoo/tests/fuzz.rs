//! Bad input, at scale, through demo-odoo's request handling: any model,
//! method, arguments and keyword arguments on `call_kw` (names from the
//! ORM's own, values of any JSON shape), signed in as the admin and as
//! the portal user, and raw bodies of any kind on the JSON routes. None
//! may panic; every one gets an HTTP answer. `cargo xtask fuzz --cases N`
//! runs it with N cases (FUZZ_CASES); the suite runs a few.

use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::Request;
use demo_odoo::{Config, DemoOdoo};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use std::net::SocketAddr;
use tower::ServiceExt;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(64)
}

const MODELS: [&str; 6] = [
    "res.partner",
    "res.country",
    "res.partner.category",
    "res.users",
    "ir.model",
    "res.country.state",
];

const METHODS: [&str; 20] = [
    "search_read",
    "web_search_read",
    "read",
    "web_read",
    "search_count",
    "search",
    "name_search",
    "fields_get",
    "default_get",
    "create",
    "write",
    "web_save",
    "unlink",
    "name_create",
    "action_archive",
    "action_unarchive",
    "check_access_rights",
    "has_access",
    "name_get",
    "_private",
];

const KEYS: [&str; 16] = [
    "domain",
    "fields",
    "specification",
    "limit",
    "offset",
    "order",
    "context",
    "count_limit",
    "name",
    "operator",
    "args",
    "attributes",
    "raise_exception",
    "active_test",
    "lang",
    "id",
];

const ROUTES: [&str; 6] = [
    "/web/dataset/call_kw",
    "/web/session/authenticate",
    "/web/session/get_session_info",
    "/web/database/list",
    "/web/webclient/version_info",
    "/jsonrpc",
];

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-5i64..400).prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,10}".prop_map(Value::from),
        prop::sample::select(&KEYS[..]).prop_map(Value::from),
        prop::sample::select(
            &["=", "ilike", "in", "not in", "child_of", "&", "|", "!", "name", "id"][..]
        )
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 40, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((prop::sample::select(&KEYS[..]), inner), 0..5).prop_map(|kv| {
                Value::Object(
                    kv.into_iter()
                        .map(|(k, v)| (k.to_string(), v))
                        .collect::<Map<_, _>>(),
                )
            }),
        ]
    })
}

/// One request: a `call_kw`, or a raw body on any JSON route.
fn request() -> impl Strategy<Value = (String, String)> {
    let call = (
        prop::sample::select(&MODELS[..]),
        prop::sample::select(&METHODS[..]),
        prop::collection::vec(json(), 0..4),
        prop::collection::vec((prop::sample::select(&KEYS[..]), json()), 0..4),
    )
        .prop_map(|(model, method, args, kwargs)| {
            let kwargs: Map<String, Value> = kwargs
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            let body = json!({"jsonrpc": "2.0", "method": "call", "id": 1,
                "params": {"model": model, "method": method, "args": args, "kwargs": kwargs}});
            (
                format!("/web/dataset/call_kw/{model}/{method}"),
                body.to_string(),
            )
        });
    let raw = (
        prop::sample::select(&ROUTES[..]),
        prop_oneof![".{0,40}", json().prop_map(|v| v.to_string())],
    )
        .prop_map(|(route, body)| (route.to_string(), body));
    prop_oneof![4 => call, 1 => raw]
}

async fn send(router: &axum::Router, path: &str, body: String, cookie: &str) -> (u16, Vec<u8>) {
    let mut req = Request::post(path)
        .header("content-type", "application/json")
        .header("cookie", cookie)
        .body(Body::from(body))
        .expect("a request");
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    let res = router.clone().oneshot(req).await.expect("an answer");
    let status = res.status().as_u16();
    let bytes = axum::body::to_bytes(res.into_body(), 16 * 1024 * 1024)
        .await
        .expect("a whole body");
    (status, bytes.to_vec())
}

async fn signed_in(router: &axum::Router, login: &str) -> String {
    let mut req = Request::post("/web/session/authenticate")
        .header("content-type", "application/json")
        .body(Body::from(
            json!({"jsonrpc": "2.0", "method": "call", "id": 1,
                   "params": {"db": "demo", "login": login, "password": login}})
            .to_string(),
        ))
        .expect("a request");
    req.extensions_mut()
        .insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 40000))));
    let res = router.clone().oneshot(req).await.expect("an answer");
    let cookie = res.headers()["set-cookie"].to_str().expect("a cookie");
    cookie.split(';').next().unwrap_or_default().to_string()
}

#[test]
fn no_request_makes_the_demo_panic() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let demo = DemoOdoo::open(Config {
        big_partners: 50,
        odoo_version: 18,
        ..Config::default()
    })
    .expect("the demo opens");
    let router = demo.router();
    let cookies = rt.block_on(async {
        [
            signed_in(&router, "admin").await,
            signed_in(&router, "portal").await,
        ]
    });
    let config = ProptestConfig {
        cases: cases(),
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    proptest!(config, |((path, body) in request(), who in 0usize..2)| {
        let (status, answer) = rt.block_on(send(&router, &path, body, &cookies[who]));
        // An answer of Odoo's kinds: a JSON-RPC envelope (a None result
        // has no "result" key, as Odoo writes it), or a bare error page.
        prop_assert!((200..600).contains(&status));
        if status == 200 {
            let v: Value = serde_json::from_slice(&answer).expect("JSON");
            prop_assert_eq!(&v["jsonrpc"], "2.0", "{}", v);
        }
    });
}
