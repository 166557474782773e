//! `ilike` ignores case and, as PostgreSQL on a default Odoo, not accents;
//! `--unaccent` (Config::unaccent) folds them, as Odoo's flag does.

mod common;

use common::*;
use demo_odoo::Config;
use serde_json::json;

async fn count(s: &Server, domain: serde_json::Value) -> u64 {
    let c = client();
    sign_in(&c, &s.url, "demo_big", "admin").await;
    call_kw(
        &c,
        &s.url,
        "res.partner",
        "search_count",
        json!([domain]),
        json!({}),
    )
    .await
    .result()
    .as_u64()
    .unwrap()
}

async fn countries(s: &Server, name: &str) -> Vec<String> {
    let c = client();
    sign_in(&c, &s.url, "demo", "admin").await;
    let found = call_kw(
        &c,
        &s.url,
        "res.country",
        "name_search",
        json!([name]),
        json!({"limit": 5}),
    )
    .await
    .result();
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p[1].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn ilike_compares_accents_unless_unaccent() {
    let plain = start(config(18)).await;
    let folding = start(Config {
        unaccent: true,
        ..config(18)
    })
    .await;
    let leaf = |v: &str| json!([["name", "ilike", v]]);
    let with_accent = count(&plain, leaf("håkon")).await;
    assert!(with_accent > 0, "the demo has a Håkon");
    assert_eq!(
        count(&plain, leaf("HÅKON")).await,
        with_accent,
        "case is ignored"
    );
    assert_eq!(count(&plain, leaf("hakon")).await, 0, "accents are not");
    assert!(count(&folding, leaf("hakon")).await >= with_accent);

    // The app's search (several fields ORed), and name_search.
    let app = |v: &str| {
        json!([
            "|",
            "|",
            ["complete_name", "ilike", v],
            ["ref", "ilike", v],
            ["vat", "ilike", v]
        ])
    };
    assert_eq!(count(&plain, app("håkon")).await, with_accent);
    assert_eq!(count(&plain, app("hakon")).await, 0);
    assert!(count(&folding, app("hakon")).await >= with_accent);
    assert_eq!(countries(&plain, "türk").await, ["Türkiye"]);
    assert!(countries(&plain, "turk").await.is_empty());
    assert_eq!(countries(&folding, "turk").await, ["Türkiye"]);
}

/// A contact written with accents after it was made without: the ASCII
/// shortcut must not keep taking it for an ASCII text.
#[tokio::test]
async fn a_name_written_with_accents_is_compared_with_them() {
    let plain = start(config(18)).await;
    let c = client();
    sign_in(&c, &plain.url, "demo_big", "admin").await;
    let call = |method: &'static str, args: serde_json::Value| {
        call_kw(&c, &plain.url, "res.partner", method, args, json!({}))
    };
    let id = call("create", json!([{"name": "Angstrom Plain"}]))
        .await
        .result()
        .as_i64()
        .unwrap();
    let leaf = |v: &str| json!([["name", "ilike", v]]);
    assert_eq!(count(&plain, leaf("angstrom plain")).await, 1);
    call("write", json!([[id], {"name": "Ångström Plain"}]))
        .await
        .result();
    assert_eq!(
        count(&plain, leaf("angstrom plain")).await,
        0,
        "accents are compared"
    );
    assert_eq!(count(&plain, leaf("ångström plain")).await, 1);
    call("write", json!([[id], {"name": "Angstrom Plain"}]))
        .await
        .result();
    assert_eq!(
        count(&plain, leaf("angstrom plain")).await,
        1,
        "and plain again"
    );
}
