//! Bad input, at scale: any status, content type and body (bytes, or JSON
//! shaped like Odoo's with any values in it) through the envelope decoder
//! and every call's decoder, and any JSON through the domain reader. None
//! may panic; each answers a value or a typed error. `cargo xtask fuzz
//! --cases N` runs it with N cases (FUZZ_CASES); the suite runs a few.

use odoo_rpc::{
    decode_call, decode_response, Authenticate, Call, DatabaseList, Domain, GetSessionInfo,
    NameSearch, Partner, Read, SearchCount, SearchOpts, SearchRead, SessionInfo, VersionInfo,
    WebSearchRead,
};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(256)
}

/// Keys Odoo's answers use, so that the decoders go past their first test.
const KEYS: [&str; 28] = [
    "jsonrpc",
    "id",
    "result",
    "error",
    "code",
    "message",
    "data",
    "name",
    "arguments",
    "debug",
    "uid",
    "db",
    "username",
    "user_context",
    "lang",
    "tz",
    "server_version",
    "server_version_info",
    "records",
    "length",
    "display_name",
    "parent_id",
    "category_id",
    "email",
    "is_company",
    "write_date",
    "user_companies",
    "allowed_companies",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(&KEYS[..]).prop_map(str::to_string),
        1 => ".{0,8}",
    ]
}

fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,16}".prop_map(Value::from),
        prop::sample::select(&KEYS[..]).prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

/// A body: raw bytes as text, any JSON, or an envelope around any value.
fn body() -> impl Strategy<Value = String> {
    prop_oneof![
        ".{0,64}",
        json().prop_map(|v| v.to_string()),
        json().prop_map(|v| json!({"jsonrpc": "2.0", "id": 1, "result": v}).to_string()),
        json().prop_map(|v| json!({"jsonrpc": "2.0", "id": 1, "error": v}).to_string()),
    ]
}

fn content_type() -> impl Strategy<Value = Option<String>> {
    prop::option::of(prop::sample::select(vec![
        "application/json".to_string(),
        "application/json; charset=utf-8".to_string(),
        "text/html".to_string(),
        "".to_string(),
    ]))
}

/// Every call type's decoder on one answer (none may panic).
fn decode_all(status: u16, ct: Option<&str>, body: &str) {
    let fields = vec!["name".to_string(), "parent_id".to_string()];
    let _ = decode_call(
        &Authenticate {
            db: "d".into(),
            login: "l".into(),
            password: "p".into(),
        },
        status,
        ct,
        body,
    );
    let _ = decode_call(&GetSessionInfo, status, ct, body);
    let _ = decode_call(&DatabaseList, status, ct, body);
    let _ = decode_call(&VersionInfo, status, ct, body);
    let all = || Domain::and(Vec::new());
    let search =
        SearchRead::<Partner>::new("res.partner", all(), fields.clone(), SearchOpts::default());
    let _ = decode_call(&search, status, ct, body);
    let _ = decode_call(
        &Read::<Partner>::new("res.partner", vec![1], fields.clone()),
        status,
        ct,
        body,
    );
    for spec in [false, true] {
        let web = WebSearchRead::<Partner>::new(
            "res.partner",
            all(),
            fields.clone(),
            SearchOpts::default(),
            spec,
        );
        let _ = decode_call(&web, status, ct, body);
    }
    let _ = decode_call(
        &NameSearch::new("res.partner", "a", all(), 8),
        status,
        ct,
        body,
    );
    let _ = decode_call(
        &SearchCount::new("res.partner", all(), Map::new()),
        status,
        ct,
        body,
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn no_answer_makes_a_decoder_panic(
        status in prop::sample::select(vec![200u16, 301, 400, 404, 413, 429, 500, 502, 503, 504]),
        ct in content_type(),
        body in body(),
        needs_session in any::<bool>(),
    ) {
        let _ = decode_response(status, ct.as_deref(), &body, needs_session);
        decode_all(status, ct.as_deref(), &body);
    }

    #[test]
    fn no_value_makes_a_record_or_domain_reader_panic(v in json()) {
        let _ = Partner::from_json(&v);
        let _ = SessionInfo::from_json(&v);
        let _ = Domain::from_json(&v);
        let _ = GetSessionInfo.decode(v.clone());
    }
}
