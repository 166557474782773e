//! Records as Odoo 16 and 18 send them (search_read, read,
//! web_search_read in both forms, web_read, name_search, fields_get)
//! decode to typed values; the calls send what those servers accepted.

mod common;

use odoo_rpc::versions::fields_on;
use odoo_rpc::{
    decode_call, Call, Domain, FieldsGet, Many2one, NameSearch, Page, Partner, Read, SearchCount,
    SearchOpts, SearchRead, ServerVersion, Tag, WebSearchPlan, WebSearchRead,
};
use serde::Deserialize;
use serde_json::{json, Map, Value};

fn decode<C: Call>(call: &C, name: &str) -> C::Output
where
    C::Output: std::fmt::Debug,
{
    let t = common::load(name);
    decode_call(call, t.status, t.content_type(), &t.body)
        .unwrap_or_else(|e| panic!("{name}: {e:?}"))
}

fn partners_search(fields: &[&str]) -> SearchRead<Partner> {
    SearchRead::new(
        "res.partner",
        Domain::All,
        fields.iter().map(|s| s.to_string()).collect(),
        SearchOpts::default(),
    )
}

fn m2o(id: i64, name: &str) -> Option<Many2one> {
    Some(Many2one {
        id,
        name: name.into(),
    })
}

fn context(t: &common::Transcript) -> Map<String, Value> {
    t.params().unwrap()["kwargs"]["context"]
        .as_object()
        .cloned()
        .unwrap_or_default()
}

/// The params we send equal those the server was sent, an omitted
/// `offset` standing for 0.
fn assert_same_call(ours: Value, sent: Value, name: &str) {
    fn normal(mut v: Value) -> Value {
        if let Some(kw) = v.get_mut("kwargs").and_then(Value::as_object_mut) {
            if kw.get("offset") == Some(&json!(0)) {
                kw.remove("offset");
            }
        }
        v
    }
    assert_eq!(normal(ours), normal(sent), "{name}");
}

#[test]
fn search_read_relational_values_16_and_18() {
    for (name, deco_children) in [
        ("16/06e-search_read-relational-fields.txt", vec![35, 18, 19]),
        ("18/06e-search_read-relational-fields.txt", vec![36, 19, 20]),
    ] {
        let rows = decode(&partners_search(&[]), name);
        let [admin, deco, person] = rows.as_slice() else {
            panic!("{name}: {rows:?}")
        };
        assert_eq!(admin.name, "Mitchell Admin");
        assert_eq!(
            admin.display_name.as_deref(),
            Some("YourCompany, Mitchell Admin")
        );
        assert_eq!(admin.parent_id, None, "false is None");
        assert_eq!(admin.country_id, m2o(233, "United States"));
        assert_eq!(admin.mobile, None);
        assert_eq!(admin.website, None);
        assert_eq!(admin.comment, None);
        assert_eq!(admin.street.as_deref(), Some("215 Vine St"));
        assert!(admin.active && !admin.is_company);
        assert!(
            admin.write_date.as_deref().is_some_and(|d| d.len() == 19),
            "{name}"
        );

        assert_eq!(deco.id, 10);
        assert_eq!(
            deco.category_id,
            vec![Tag { id: 7, name: None }],
            "ids only in this form"
        );
        assert_eq!(deco.child_ids, deco_children);
        assert_eq!(deco.website.as_deref(), Some("http://www.deco-addict.com"));

        let company = person.parent_id.as_ref().expect("a person in a company");
        // Demo data differs between versions: any named company will do.
        assert!(
            company.id > 0 && !company.name.is_empty(),
            "{name}: {company:?}"
        );
        assert_eq!(person.state_id, None, "not asked for: missing is None");
    }
}

#[test]
fn search_read_sends_what_16_accepted() {
    let t = common::load("16/06c-search_read-ilike.txt");
    let call = SearchRead::<Partner>::new(
        "res.partner",
        Domain::leaf("name", "ilike", json!("deco")),
        vec!["name".into(), "email".into(), "phone".into()],
        SearchOpts::default(),
    );
    assert_same_call(call.params(), t.params().unwrap(), &t.name);
    assert_eq!(call.path(), t.route());
    let rows = decode(&call, &t.name);
    assert_eq!(rows[0].name, "Deco Addict");

    let t = common::load("16/06b-search_read-offset-limit-order.txt");
    let call = SearchRead::<Partner>::new(
        "res.partner",
        Domain::All,
        ["name", "email", "phone", "is_company"]
            .map(String::from)
            .to_vec(),
        SearchOpts {
            offset: 5,
            limit: Some(5),
            order: Some("name asc".into()),
            ..Default::default()
        },
    );
    assert_same_call(call.params(), t.params().unwrap(), &t.name);
    assert_eq!(decode(&call, &t.name).len(), 5);
}

#[test]
fn web_search_read_fields_form_16() {
    let t = common::load("16/06d-web_search_read.txt");
    let plan = WebSearchPlan::<Partner>::for_version(
        &ServerVersion::parse("16.0-20230301"),
        "res.partner",
        Domain::leaf("is_company", "=", json!(true)),
        vec!["name".into(), "email".into(), "phone".into()],
        SearchOpts {
            limit: Some(3),
            order: Some("name asc".into()),
            context: context(&t),
            ..Default::default()
        },
    );
    let WebSearchPlan::One(call) = plan else {
        panic!("16.0 has web_search_read")
    };
    assert!(!call.uses_specification());
    assert_same_call(call.params(), t.params().unwrap(), &t.name);
    let Page { length, records } = decode(&call, &t.name);
    assert_eq!(length, 8);
    let names: Vec<&str> = records.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Azure Interior", "Deco Addict", "Gemini Furniture"]);
    assert_eq!(records[0].phone.as_deref(), Some("(870)-931-0505"));
}

#[test]
fn web_search_read_specification_form_18() {
    let t = common::load("18/06d-web_search_read.txt");
    let plan = WebSearchPlan::<Partner>::for_version(
        &ServerVersion::parse("18.0-20250702"),
        "res.partner",
        Domain::leaf("is_company", "=", json!(true)),
        vec!["name".into(), "email".into(), "country_id".into()],
        SearchOpts {
            limit: Some(3),
            order: Some("name asc".into()),
            context: context(&t),
            ..Default::default()
        },
    );
    let WebSearchPlan::One(call) = plan else {
        panic!("18 has web_search_read")
    };
    assert!(call.uses_specification());
    assert_same_call(call.params(), t.params().unwrap(), &t.name);
    let page = decode(&call, &t.name);
    assert_eq!(page.length, 9);
    assert_eq!(page.records.len(), 3);
    assert_eq!(
        page.records[0].country_id,
        m2o(233, "United States"),
        "{{id, display_name}} form"
    );

    // count_limit, and a page that is not the first.
    let t = common::load("18/06d3-web_search_read-count_limit.txt");
    let call = WebSearchRead::<Partner>::new(
        "res.partner",
        Domain::leaf("is_company", "=", json!(true)),
        vec!["name".into()],
        SearchOpts {
            offset: 2,
            limit: Some(2),
            order: Some("name asc".into()),
            context: context(&t),
        },
        true,
    )
    .count_limit(5);
    assert_same_call(call.params(), t.params().unwrap(), &t.name);
    assert_eq!(decode(&call, &t.name).length, 5);
}

#[test]
fn plan_follows_the_version() {
    let fields: Vec<String> = Partner::LIST_FIELDS.iter().map(|s| s.to_string()).collect();
    let plan = |raw: &str| {
        WebSearchPlan::<Partner>::for_version(
            &ServerVersion::parse(raw),
            "res.partner",
            Domain::All,
            fields.clone(),
            SearchOpts::default(),
        )
    };
    let kwargs = |p: &WebSearchPlan<Partner>| match p {
        WebSearchPlan::One(c) => c.params()["kwargs"].clone(),
        WebSearchPlan::Fallback(..) => Value::Null,
    };
    assert!(kwargs(&plan("16.0"))["fields"].is_array());
    for raw in ["17.0", "saas~17.2", "18.0-20250702", "19.0"] {
        let kw = kwargs(&plan(raw));
        assert!(kw["specification"].is_object(), "{raw}");
        assert!(
            kw.get("fields").is_none(),
            "{raw}: 18 refuses fields (18/06d2)"
        );
        assert_eq!(
            kw["specification"]["country_id"],
            json!({"fields": {"display_name": {}}})
        );
        assert_eq!(kw["specification"]["name"], json!({}));
    }
    // mobile was dropped from res.partner in saas~18.2.
    assert!(kwargs(&plan("18.0"))["specification"]
        .get("mobile")
        .is_some());
    assert!(kwargs(&plan("19.0"))["specification"]
        .get("mobile")
        .is_none());
    for raw in ["15.0", "saas~16.3", "", "nonsense"] {
        let WebSearchPlan::Fallback(read, count) = plan(raw) else {
            panic!("{raw}")
        };
        assert_eq!(read.params()["method"], "search_read");
        assert_eq!(count.params()["method"], "search_count");
    }
}

#[test]
fn web_read_specification_values() {
    // web_read answers records like read, in the specification form: tags
    // with names, a many-to-one without sub-fields as a bare id.
    let rows = decode(
        &Read::<Partner>::new("res.partner", vec![10, 26], vec![]),
        "18/06d5-web_read.txt",
    );
    assert_eq!(rows[0].country_id, m2o(233, "United States"));
    assert_eq!(
        rows[0].category_id,
        vec![Tag {
            id: 7,
            name: Some("Vendor / Desk Manufacturers".into())
        }]
    );
    assert_eq!(rows[0].parent_id, None);
    assert_eq!(rows[1].parent_id, m2o(12, ""));
}

#[test]
fn read_16_and_18() {
    for name in ["16/06f-read.txt", "18/06f-read.txt"] {
        let t = common::load(name);
        let call = Read::<Partner>::new(
            "res.partner",
            vec![10, 11],
            vec!["name".into(), "email".into()],
        );
        assert_same_call(call.params(), t.params().unwrap(), name);
        let rows = decode(&call, name);
        assert_eq!(rows.iter().map(|p| p.id).collect::<Vec<_>>(), [10, 11]);
        assert!(rows.iter().all(|p| p.email.is_some()), "{name}");
    }
}

#[test]
fn search_count_sends_the_domain_positionally() {
    let t = common::load("16/06a-search_count.txt");
    let call = SearchCount::new("res.partner", Domain::All, Map::new());
    assert_same_call(call.params(), t.params().unwrap(), &t.name);
    assert_eq!(decode(&call, &t.name), 36);
}

#[test]
fn name_search_pairs() {
    for name in ["16/06g-name_search.txt", "18/06g-name_search.txt"] {
        let pairs = decode(&NameSearch::new("res.partner", "gem", Domain::All, 5), name);
        assert_eq!(pairs.len(), 5, "{name}");
        assert_eq!(pairs[0], (11, "Gemini Furniture".to_string()));
        assert!(pairs.iter().all(|(_, n)| n.starts_with("Gemini Furniture")));
    }
    // Positional: the domain's keyword is `args` up to 17, `domain` from 18.
    let call = NameSearch::new(
        "res.partner",
        "gem",
        Domain::leaf("is_company", "=", json!(true)),
        5,
    );
    assert_eq!(
        call.params()["args"],
        json!(["gem", [["is_company", "=", true]], "ilike", 5])
    );
    assert_eq!(call.params()["kwargs"], json!({}));
}

#[test]
fn fields_get_16_and_18() {
    let t = common::load("16/14d-fields_get.txt");
    let fields: Vec<String> = [
        "name",
        "email",
        "phone",
        "parent_id",
        "category_id",
        "company_type",
    ]
    .map(String::from)
    .to_vec();
    let call = FieldsGet {
        model: "res.partner".into(),
        fields,
    };
    assert_same_call(call.params(), t.params().unwrap(), &t.name);
    let info = decode(&call, &t.name);
    assert_eq!(info.len(), 6);
    assert_eq!(info["parent_id"].type_, "many2one");
    assert_eq!(info["parent_id"].relation.as_deref(), Some("res.partner"));
    assert_eq!(info["category_id"].string, "Tags");
    assert_eq!(info["name"].relation, None);
    let selection = info["company_type"].selection.as_ref().unwrap();
    assert_eq!(selection[0], (json!("person"), "Individual".to_string()));

    // 18, asked for fewer attributes.
    let info = decode(&call, "18/14d-fields_get.txt");
    assert_eq!(info["country_id"].relation.as_deref(), Some("res.country"));
    assert!(!info["email"].required && info["email"].selection.is_none());
}

#[test]
fn partner_survives_a_round_trip_through_storage() {
    // The app keeps contacts on the device as JSON.
    for name in [
        "16/06e-search_read-relational-fields.txt",
        "18/06d5-web_read.txt",
    ] {
        for p in decode(&partners_search(&[]), name) {
            let stored = serde_json::to_string(&p).unwrap();
            let back: Partner = serde_json::from_str(&stored).unwrap();
            assert_eq!(back, p, "{name}");
        }
    }
}

#[test]
fn list_and_card_fields_per_version() {
    let v16 = ServerVersion::parse("16.0");
    let v19 = ServerVersion::parse("19.0");
    assert_eq!(Partner::list_fields(&v16), Partner::LIST_FIELDS);
    assert!(Partner::LIST_FIELDS.contains(&"mobile"));
    assert!(!Partner::list_fields(&v19).contains(&"mobile".to_string()));
    assert!(
        !Partner::card_fields(&ServerVersion::parse("saas~18.2")).contains(&"mobile".to_string())
    );
    assert!(
        fields_on(&ServerVersion::parse(""), "res.partner", &["mobile"]).is_empty(),
        "an unknown version may lack what one release lacks"
    );
    // Everything the list asks for, Odoo 16 answered in 16/06e or 06d.
    assert!(!Partner::LIST_FIELDS.contains(&"company_registry"));
}

#[derive(Debug, Deserialize, PartialEq)]
struct Row {
    id: i64,
    #[serde(default, with = "odoo_rpc::record::opt")]
    email: Option<String>,
    #[serde(default, with = "odoo_rpc::record::opt")]
    parent_id: Option<Many2one>,
    #[serde(default, deserialize_with = "odoo_rpc::record::ids")]
    child_ids: Vec<i64>,
}

#[test]
fn record_helpers_work_on_any_record_type() {
    let rows: Vec<Row> = serde_json::from_value(json!([
        {"id": 1, "email": false, "parent_id": false, "child_ids": []},
        {"id": 2, "email": "a@b.c", "parent_id": [5, "Acme"], "child_ids": [3, 4]},
        {"id": 3, "parent_id": {"id": 5, "display_name": "Acme"}, "child_ids": [{"id": 9, "display_name": "x"}]},
        {"id": 4, "email": null, "parent_id": 5, "child_ids": false},
    ]))
    .unwrap();
    assert_eq!(
        rows[0],
        Row {
            id: 1,
            email: None,
            parent_id: None,
            child_ids: vec![]
        }
    );
    assert_eq!(rows[1].email.as_deref(), Some("a@b.c"));
    assert_eq!(rows[1].parent_id, m2o(5, "Acme"));
    assert_eq!(rows[2].parent_id, m2o(5, "Acme"));
    assert_eq!(rows[2].child_ids, [9]);
    assert_eq!(
        (rows[3].email.clone(), rows[3].parent_id.clone()),
        (None, m2o(5, ""))
    );
    assert!(rows[3].child_ids.is_empty());

    for bad in [
        json!({"id": 1, "parent_id": "Acme"}),
        json!({"id": 1, "parent_id": [null, "x"]}),
        json!({"id": 1, "email": 3}),
    ] {
        assert!(serde_json::from_value::<Row>(bad.clone()).is_err(), "{bad}");
    }
}
