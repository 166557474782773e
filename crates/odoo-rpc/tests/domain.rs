//! Domains: prefix notation out and back, as Odoo writes and reads it.

mod common;

use odoo_rpc::domain::MAX_DEPTH;
use odoo_rpc::{Condition, Domain, DomainError, Operator};
use proptest::prelude::*;
use serde_json::{json, Value};

fn leaf(field: &str, op: &str, value: Value) -> Domain {
    Domain::leaf(field, op, value)
}

#[test]
fn writes_prefix_notation() {
    let a = leaf("name", "ilike", json!("wood"));
    let b = leaf("email", "ilike", json!("azure"));
    let c = leaf("is_company", "=", json!(true));
    assert_eq!(Domain::All.to_json(), json!([]));
    assert_eq!(a.to_json(), json!([["name", "ilike", "wood"]]));
    assert_eq!(
        Domain::or(vec![a.clone(), b.clone()]).to_json(),
        json!(["|", ["name", "ilike", "wood"], ["email", "ilike", "azure"]])
    );
    assert_eq!(
        Domain::and(vec![c.clone(), Domain::or(vec![a.clone(), b.clone()])]).to_json(),
        json!([
            "&",
            ["is_company", "=", true],
            "|",
            ["name", "ilike", "wood"],
            ["email", "ilike", "azure"]
        ])
    );
    assert_eq!(
        Domain::and(vec![a.clone(), b.clone(), c.clone()]).to_json(),
        json!([
            "&",
            "&",
            ["name", "ilike", "wood"],
            ["email", "ilike", "azure"],
            ["is_company", "=", true]
        ])
    );
    assert_eq!(
        Domain::not(a.clone()).to_json(),
        json!(["!", ["name", "ilike", "wood"]])
    );
    // Everything / nothing, as operands and alone.
    assert_eq!(Domain::and(vec![]).to_json(), json!([]));
    assert_eq!(Domain::and(vec![Domain::All, a.clone()]), a);
    assert_eq!(Domain::or(vec![]).to_json(), json!([[0, "=", 1]]));
    assert_eq!(
        Domain::Or(vec![Domain::All, a.clone()]).to_json(),
        json!(["|", [1, "=", 1], ["name", "ilike", "wood"]])
    );
    assert_eq!(
        Domain::not(Domain::And(vec![])).to_json(),
        json!(["!", [1, "=", 1]])
    );
    assert_eq!(
        Domain::And(vec![Domain::Or(vec![]), a]).to_json(),
        json!(["&", [0, "=", 1], ["name", "ilike", "wood"]])
    );
}

#[test]
fn reads_prefix_notation_as_odoo_does() {
    let c = |n: i64| json!(["f", "=", n]);
    let cond = |n: i64| leaf("f", "=", json!(n));
    // The example of odoo/orm/domains.py: (not c1) and (c2 or c3).
    let parsed = Domain::from_json(&json!(["&", "!", c(1), "|", c(2), c(3)])).unwrap();
    assert_eq!(
        parsed,
        Domain::And(vec![
            Domain::not(cond(1)),
            Domain::Or(vec![cond(2), cond(3)])
        ])
    );
    // Implicit AND between top-level terms.
    assert_eq!(
        Domain::from_json(&json!([c(1), c(2)])).unwrap(),
        Domain::And(vec![cond(1), cond(2)])
    );
    assert_eq!(
        Domain::from_json(&json!(["&", c(1), c(2), c(3)])).unwrap(),
        Domain::And(vec![cond(1), cond(2), cond(3)])
    );
    assert_eq!(Domain::from_json(&json!([])).unwrap(), Domain::All);
    assert_eq!(
        Domain::from_json(&json!([[1, "=", 1]])).unwrap(),
        Domain::Const(true)
    );
    assert_eq!(
        Domain::from_json(&json!([[0, "=", 1]])).unwrap(),
        Domain::Const(false)
    );
    // Operators in any case, `<>` kept as written.
    let Domain::Leaf(Condition { op, .. }) =
        Domain::from_json(&json!([["name", "ILIKE", "x"]])).unwrap()
    else {
        panic!()
    };
    assert_eq!(op, Operator::Ilike);
    assert_eq!(
        Domain::from_json(&json!([["a", "<>", 1]]))
            .unwrap()
            .to_json(),
        json!([["a", "<>", 1]])
    );
    // Odoo 17+ `any` with a sub-domain as the value.
    let any = json!([["child_ids", "any", [["email", "ilike", "x"]]]]);
    assert_eq!(Domain::from_json(&any).unwrap().to_json(), any);
}

#[test]
fn refuses_what_odoo_refuses() {
    let bad = |v: Value| Domain::from_json(&v).unwrap_err();
    assert_eq!(
        bad(json!("name = x")),
        DomainError::NotAList("\"name = x\"".into())
    );
    assert!(matches!(
        bad(json!([["name", "ilike"]])),
        DomainError::BadTerm { index: 0, .. }
    ));
    assert!(matches!(
        bad(json!([["name", "LIKEISH", "x"]])),
        DomainError::BadTerm { index: 0, .. }
    ));
    assert!(matches!(
        bad(json!([["a", "=", 1], 7])),
        DomainError::BadTerm { index: 1, .. }
    ));
    assert!(matches!(
        bad(json!([[2, "=", 1]])),
        DomainError::BadTerm { .. }
    ));
    assert!(matches!(
        bad(json!([["", "=", 1]])),
        DomainError::BadTerm { .. }
    ));
    assert!(matches!(
        bad(json!(["&", ["a", "=", 1]])),
        DomainError::MissingOperand { index: 0, .. }
    ));
    assert!(matches!(
        bad(json!(["!"])),
        DomainError::MissingOperand { .. }
    ));
    assert!(matches!(bad(json!(["x"])), DomainError::BadTerm { .. }));
    // Internal to Odoo 19, never accepted from a client.
    assert!(matches!(
        bad(json!([["a", "any!", []]])),
        DomainError::BadTerm { .. }
    ));
}

#[test]
fn every_operator_round_trips() {
    for op in Operator::ALL {
        assert_eq!(Operator::parse(op.as_str()), Some(op));
        assert_eq!(Operator::parse(&op.as_str().to_uppercase()), Some(op));
        let d = Domain::condition("f", op, json!(1));
        assert_eq!(Domain::from_json(&d.to_json()).unwrap(), d);
    }
    assert_eq!(Operator::Any.since_major(), 17);
    assert_eq!(Operator::ChildOf.since_major(), 16);
}

#[test]
#[should_panic(expected = "not an Odoo domain operator")]
fn a_misspelt_operator_in_code_is_caught() {
    let _ = Domain::leaf("name", "contains", json!("x"));
}

#[test]
fn hostile_domains_are_refused_without_exhausting_the_stack() {
    let mut deep: Vec<Value> = vec![json!("!"); 100_000];
    deep.push(json!(["a", "=", 1]));
    assert!(matches!(
        Domain::from_json(&Value::Array(deep)),
        Err(DomainError::TooDeep { .. })
    ));

    // Alternating & and | cannot merge: they nest.
    let mut nested = Vec::new();
    for i in 0..(MAX_DEPTH + 10) {
        nested.push(json!(if i % 2 == 0 { "&" } else { "|" }));
        nested.push(json!(["a", "=", i]));
    }
    nested.push(json!(["b", "=", 0]));
    assert!(matches!(
        Domain::from_json(&Value::Array(nested)),
        Err(DomainError::TooDeep { .. })
    ));

    // A long flat chain of one operator merges into one wide node: fine.
    let n = 10_000;
    let mut flat: Vec<Value> = vec![json!("|"); n - 1];
    flat.extend((0..n).map(|i| json!(["id", "=", i])));
    let Domain::Or(parts) = Domain::from_json(&Value::Array(flat.clone())).unwrap() else {
        panic!()
    };
    assert_eq!(parts.len(), n);
    assert_eq!(Domain::Or(parts).to_json(), Value::Array(flat));
}

/// Domains sent in the captured requests: those the servers took parse
/// and are written back identically; those they refused as malformed we
/// refuse too.
#[test]
fn fixture_domains_round_trip() {
    const MALFORMED: [&str; 3] = [
        "08d-malformed-domain",
        "08d2-malformed-domain-bad-operator",
        "08d3-domain-not-a-list",
    ];
    let mut seen = 0;
    for t in common::all() {
        let Some(params) = t.params().filter(Value::is_object) else {
            continue;
        };
        let mut domains = Vec::new();
        if let Some(d) = params.get("kwargs").and_then(|k| k.get("domain")) {
            domains.push(d.clone());
        }
        if let Some(d) = params.get("domain") {
            domains.push(d.clone());
        }
        let method = params
            .get("method")
            .and_then(Value::as_str)
            .unwrap_or_default();
        if matches!(method, "search_read" | "search_count") {
            if let Some(d) = params.get("args").and_then(|a| a.get(0)) {
                domains.push(d.clone());
            }
        }
        for d in domains {
            seen += 1;
            if MALFORMED.iter().any(|m| t.name.contains(m)) {
                assert!(Domain::from_json(&d).is_err(), "{}: {d}", t.name);
            } else {
                let parsed = Domain::from_json(&d).unwrap_or_else(|e| panic!("{}: {e}", t.name));
                assert_eq!(parsed.to_json(), d, "{}", t.name);
            }
        }
    }
    assert!(seen > 50, "only {seen} domains found in the transcripts");
    let or = common::load("16/06c2-search_read-or-domain.txt")
        .params()
        .unwrap()["args"][0]
        .clone();
    assert!(matches!(Domain::from_json(&or), Ok(Domain::Or(p)) if p.len() == 2));
}

#[test]
fn serde_uses_prefix_notation() {
    let d = Domain::or(vec![
        leaf("a", "=", json!(1)),
        leaf("b", "in", json!([1, 2])),
    ]);
    let text = serde_json::to_string(&d).unwrap();
    assert_eq!(text, r#"["|",["a","=",1],["b","in",[1,2]]]"#);
    assert_eq!(serde_json::from_str::<Domain>(&text).unwrap(), d);
    assert!(serde_json::from_str::<Domain>("\"nope\"").is_err());
    assert_eq!(d.to_string(), text);
}

// ------------------------------------------------------------ properties

fn any_operator() -> impl Strategy<Value = Operator> {
    prop::sample::select(Operator::ALL.to_vec())
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(|n| json!(n)),
        any::<bool>().prop_map(Value::Bool),
        "[a-z %]{0,6}".prop_map(Value::String),
        prop::collection::vec(any::<i32>(), 0..3).prop_map(|v| json!(v)),
        Just(Value::Null),
        // What looks like an operator or a constant leaf, as a value.
        Just(json!("&")),
        Just(json!([1, "=", 1])),
    ]
}

fn any_leaf() -> impl Strategy<Value = Domain> {
    prop_oneof![
        4 => (prop::sample::select(vec!["name", "email", "parent_id.name", "id", "1", "&"]), any_operator(), any_value())
            .prop_map(|(f, op, v)| Domain::condition(f, op, v)),
        1 => any::<bool>().prop_map(Domain::Const),
    ]
}

/// Trees as code builds them (not only as the builders flatten them):
/// n-ary nodes of 0 to 4 parts, nested in any way, `All` anywhere.
fn any_tree() -> impl Strategy<Value = Domain> {
    let leaf = prop_oneof![8 => any_leaf(), 1 => Just(Domain::All)];
    leaf.prop_recursive(5, 40, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(Domain::not),
            prop::collection::vec(inner.clone(), 0..5).prop_map(Domain::And),
            prop::collection::vec(inner, 0..5).prop_map(Domain::Or),
        ]
    })
}

/// What a tree means, written one way: nested same-kind nodes merged, a
/// single part for its node, empty nodes and inner `All` as constants.
fn normalise(d: &Domain, top: bool) -> Domain {
    match d {
        Domain::All if top => Domain::All,
        Domain::All => Domain::Const(true),
        Domain::Const(_) | Domain::Leaf(_) => d.clone(),
        Domain::Not(x) => Domain::not(normalise(x, false)),
        Domain::And(parts) | Domain::Or(parts) => {
            let and = matches!(d, Domain::And(_));
            let mut flat = Vec::new();
            for p in parts {
                match normalise(p, false) {
                    Domain::And(inner) if and => flat.extend(inner),
                    Domain::Or(inner) if !and => flat.extend(inner),
                    p => flat.push(p),
                }
            }
            match flat.len() {
                0 => Domain::Const(and),
                1 => flat.pop().unwrap(),
                _ if and => Domain::And(flat),
                _ => Domain::Or(flat),
            }
        }
    }
}

/// `&` and `|` a tree should be written with: n - 1 per node of n >= 1 parts.
fn operators_needed(d: &Domain) -> (usize, usize, usize) {
    match d {
        Domain::All | Domain::Const(_) | Domain::Leaf(_) => (0, 0, 0),
        Domain::Not(x) => {
            let (a, o, n) = operators_needed(x);
            (a, o, n + 1)
        }
        Domain::And(parts) | Domain::Or(parts) => {
            let own = parts.len().saturating_sub(1);
            let (mut a, mut o, mut n) = if matches!(d, Domain::And(_)) {
                (own, 0, 0)
            } else {
                (0, own, 0)
            };
            for p in parts {
                let (pa, po, pn) = operators_needed(p);
                a += pa;
                o += po;
                n += pn;
            }
            (a, o, n)
        }
    }
}

fn count(v: &Value, s: &str) -> usize {
    v.as_array()
        .unwrap()
        .iter()
        .filter(|x| x.as_str() == Some(s))
        .count()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn any_tree_round_trips_to_an_equivalent_tree(d in any_tree()) {
        let written = d.to_json();
        let back = Domain::from_json(&written).map_err(|e| TestCaseError::fail(format!("{e} in {written}")))?;
        prop_assert_eq!(&back, &normalise(&d, true), "written as {}", written);
        // What was read reads back the same once written again.
        prop_assert_eq!(Domain::from_json(&back.to_json()).unwrap(), back);
    }

    #[test]
    fn n_ary_nodes_get_n_minus_one_operators(d in any_tree()) {
        let written = d.to_json();
        let (and, or, not) = operators_needed(&d);
        prop_assert_eq!(count(&written, "&"), and, "in {}", written);
        prop_assert_eq!(count(&written, "|"), or, "in {}", written);
        prop_assert_eq!(count(&written, "!"), not, "in {}", written);
    }

    #[test]
    fn builders_never_leave_nested_same_kind_nodes(trees in prop::collection::vec(any_tree(), 0..6)) {
        // Parts as the builders themselves would have made them.
        let parts: Vec<Domain> = trees.iter().map(|t| normalise(t, false)).collect();
        for d in [Domain::and(parts.clone()), Domain::or(parts)] {
            if let Domain::And(p) | Domain::Or(p) = &d {
                let and = matches!(d, Domain::And(_));
                prop_assert!(p.len() >= 2);
                prop_assert!(!p.iter().any(|x| matches!((x, and), (Domain::And(_), true) | (Domain::Or(_), false))));
            }
        }
    }

    #[test]
    fn implicit_and_of_top_level_terms(ds in prop::collection::vec(any_leaf(), 1..6)) {
        // Terms written one after the other mean their AND.
        let concatenated: Vec<Value> = ds.iter().flat_map(|d| d.to_json().as_array().unwrap().clone()).collect();
        let parsed = Domain::from_json(&Value::Array(concatenated)).unwrap();
        prop_assert_eq!(parsed, Domain::and(ds));
    }
}
