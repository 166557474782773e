//! res.partner (and countries, states, tags) over call_kw: every domain
//! operator, malformed domains, ordering and paging, archived records,
//! web_search_read in 16's and 17+'s forms with their `length` rules,
//! web_read, read, name_search and fields_get.

mod common;

use common::*;
use serde_json::{json, Value};

/// `model.method(*args, **kwargs)` as the client `c`.
async fn call(
    c: &reqwest::Client,
    s: &Server,
    model: &str,
    method: &str,
    args: Value,
    kwargs: Value,
) -> Answer {
    call_kw(c, &s.url, model, method, args, kwargs).await
}

async fn partner(
    c: &reqwest::Client,
    s: &Server,
    method: &str,
    args: Value,
    kwargs: Value,
) -> Answer {
    call(c, s, "res.partner", method, args, kwargs).await
}

async fn ids_of(c: &reqwest::Client, s: &Server, domain: Value) -> Vec<i64> {
    let a = partner(c, s, "search", json!([domain]), json!({"order": "id asc"})).await;
    a.result()
        .as_array()
        .unwrap_or_else(|| panic!("{}", a.text))
        .iter()
        .map(|v| v.as_i64().unwrap())
        .collect()
}

/// Each domain finds exactly these contacts (in id order).
async fn expect_ids(c: &reqwest::Client, s: &Server, cases: Vec<(Value, Vec<i64>)>) {
    for (domain, want) in cases {
        assert_eq!(ids_of(c, s, domain.clone()).await, want, "{domain}");
    }
}

/// Each domain finds this many contacts.
async fn expect_counts(c: &reqwest::Client, s: &Server, cases: Vec<(Value, usize, &str)>) {
    for (domain, want, why) in cases {
        assert_eq!(
            ids_of(c, s, domain.clone()).await.len(),
            want,
            "{domain}: {why}"
        );
    }
}

async fn id_named(c: &reqwest::Client, s: &Server, name: &str) -> i64 {
    let found = ids_of(c, s, json!([["name", "=", name]])).await;
    assert_eq!(found.len(), 1, "{name}: {found:?}");
    found[0]
}

async fn error_of(c: &reqwest::Client, s: &Server, domain: Value) -> (String, String) {
    let a = partner(
        c,
        s,
        "search_read",
        json!([domain]),
        json!({"fields": ["name"]}),
    )
    .await;
    let e = a.error();
    (
        e["data"]["name"].as_str().unwrap().to_string(),
        e["data"]["message"].as_str().unwrap().to_string(),
    )
}

#[tokio::test]
async fn every_operator() {
    let s = start(mono(18)).await;
    let c = admin(&s).await;
    let azure = id_named(&c, &s, "Azure Interior").await;
    let deco = id_named(&c, &s, "Deco Addict").await;
    let brandon = id_named(&c, &s, "Brandon Freeman").await;
    let staff = ids_of(&c, &s, json!([["parent_id", "=", azure]])).await;
    assert_eq!(staff.len(), 3, "Azure Interior has three employees");
    assert!(staff.contains(&brandon));
    let everyone = ids_of(&c, &s, json!([])).await;
    let persons = ids_of(&c, &s, json!([["is_company", "=", false]])).await;
    let not_azure = ids_of(&c, &s, json!([["name", "!=", "Azure Interior"]])).await;
    assert_eq!(not_azure.len(), everyone.len() - 1);
    let emile = ids_of(&c, &s, json!([["name", "ilike", "émile zola"]])).await;
    assert_eq!(emile.len(), 1, "Émile found as émile");
    let mut family = staff.clone();
    family.push(azure);
    family.sort_unstable();
    let mut up = vec![azure, brandon];
    up.sort_unstable();
    let mut two = vec![azure, deco];
    two.sort_unstable();
    let any_of_two = json!([
        "|",
        ["name", "=", "Azure Interior"],
        ["name", "=", "Deco Addict"]
    ]);
    let both = json!([
        "&",
        ["is_company", "=", true],
        ["name", "=", "Azure Interior"]
    ]);
    let implicit_and = json!([["is_company", "=", true], ["name", "=", "Azure Interior"]]);
    expect_ids(
        &c,
        &s,
        vec![
            // = != <>
            (json!([["name", "=", "Azure Interior"]]), vec![azure]),
            (json!([["name", "<>", "Azure Interior"]]), not_azure),
            // < <= > >= (2 and 4 are archived)
            (json!([["id", "<", 5]]), vec![1, 3]),
            (json!([["id", "<=", 3]]), vec![1, 3]),
            (json!([["id", ">", 4], ["id", "<=", 6]]), vec![5, 6]),
            (json!([["id", ">=", 6], ["id", "<", 7]]), vec![6]),
            // =? ignores False, else is =
            (json!([["parent_id", "=?", false]]), everyone.clone()),
            (json!([["parent_id", "=?", azure]]), staff.clone()),
            // like is case-sensitive; ilike is not, but compares accents,
            // as PostgreSQL on a default Odoo (tests/accents.rs: --unaccent)
            (json!([["name", "like", "zure Int"]]), vec![azure]),
            (json!([["name", "like", "AZURE"]]), vec![]),
            (json!([["name", "ilike", "AZURE int"]]), vec![azure]),
            (json!([["name", "ilike", "ÉMILE ZOLA"]]), emile),
            (json!([["name", "ilike", "emile zola"]]), vec![]),
            // =like / =ilike take the caller's own wildcards; _ is one
            // character
            (json!([["name", "=like", "Azure%"]]), vec![azure]),
            (json!([["name", "=like", "azure%"]]), vec![]),
            (json!([["name", "=ilike", "%INTERIOR"]]), vec![azure]),
            (json!([["name", "=ilike", "azure_interior"]]), vec![azure]),
            // in
            (
                json!([["id", "in", [deco, azure, 999_999]]]),
                vec![deco, azure],
            ),
            // child_of / parent_of, by id or by name
            (json!([["id", "child_of", azure]]), family.clone()),
            (json!([["parent_id", "child_of", [azure]]]), staff.clone()),
            (json!([["id", "parent_of", brandon]]), up),
            (json!([["id", "child_of", "Azure Interior"]]), family),
            // & | ! and the implicit &
            (any_of_two, two),
            (both, vec![azure]),
            (implicit_and, vec![azure]),
            (json!(["!", ["is_company", "=", true]]), persons),
        ],
    )
    .await;
    let like = ids_of(&c, &s, json!([["name", "ilike", "a"]])).await;
    let not_like = ids_of(&c, &s, json!([["name", "not ilike", "a"]])).await;
    assert_eq!(like.len() + not_like.len(), everyone.len());
    assert!(!like.is_empty() && !not_like.is_empty());
    let cs = ids_of(&c, &s, json!([["name", "like", "A"]])).await;
    let not_cs = ids_of(&c, &s, json!([["name", "not like", "A"]])).await;
    assert_eq!(cs.len() + not_cs.len(), everyone.len());
    // in / not in, with False meaning "not set"
    let not_in = ids_of(&c, &s, json!([["id", "not in", [deco, azure]]])).await;
    assert_eq!(not_in.len(), everyone.len() - 2);
    let no_parent = ids_of(&c, &s, json!([["parent_id", "=", false]])).await;
    let azure_or_none = ids_of(&c, &s, json!([["parent_id", "in", [azure, false]]])).await;
    assert_eq!(azure_or_none.len(), no_parent.len() + staff.len());
    expect_counts(
        &c,
        &s,
        vec![
            (json!([["name", "ilike", "ŁÓDŹ log"]]), 1, "Łódź as ŁÓDŹ"),
            (
                json!([["name", "ilike", "o'reilly"]]),
                2,
                "the company and Siobhán O'Reilly",
            ),
            (
                json!([["parent_id", "!=", false]]),
                everyone.len() - no_parent.len(),
                "!= False",
            ),
        ],
    )
    .await;
    // ! of = keeps contacts without the value, as Odoo's != does
    let no_function = ids_of(&c, &s, json!([["function", "=", false]])).await;
    let not_ceo = ids_of(&c, &s, json!(["!", ["function", "=", "CEO"]])).await;
    let ceo = ids_of(&c, &s, json!([["function", "=", "CEO"]])).await;
    assert_eq!(not_ceo.len() + ceo.len(), everyone.len());
    assert!(no_function.iter().all(|id| not_ceo.contains(id)));
}

#[tokio::test]
async fn relations_paths_and_tags() {
    let s = start(mono(18)).await;
    let c = admin(&s).await;
    let azure = id_named(&c, &s, "Azure Interior").await;
    let staff = ids_of(&c, &s, json!([["parent_id", "=", azure]])).await;
    let belgian = ids_of(&c, &s, json!([["country_id.code", "=", "BE"]])).await;
    assert!(!belgian.is_empty());
    let everyone = ids_of(&c, &s, json!([])).await;
    let oreilly = id_named(&c, &s, "O'Reilly & Sons").await;
    let vip = ids_of(&c, &s, json!([["category_id.name", "=", "VIP"]])).await;
    assert!(vip.contains(&oreilly));
    let tags = call(
        &c,
        &s,
        "res.partner.category",
        "search",
        json!([[["name", "=", "VIP"]]]),
        json!({}),
    )
    .await;
    let vip_id = tags.result()[0].clone();
    expect_ids(
        &c,
        &s,
        vec![
            // paths, and a name for a many-to-one
            (
                json!([["parent_id.name", "=", "Azure Interior"]]),
                staff.clone(),
            ),
            (
                json!([["parent_id", "ilike", "azure interior"]]),
                staff.clone(),
            ),
            (
                json!([["country_id.name", "ilike", "belg"]]),
                belgian.clone(),
            ),
            (json!([["country_id", "=", "Belgium"]]), belgian.clone()),
            // tags by id and by name
            (json!([["category_id", "in", [vip_id]]]), vip.clone()),
            (json!([["category_id", "=", "VIP"]]), vip.clone()),
            (
                json!([["child_ids.name", "=", "Brandon Freeman"]]),
                vec![azure],
            ),
            // 17+: any / not any
            (
                json!([["parent_id", "any", [["name", "=", "Azure Interior"]]]]),
                staff.clone(),
            ),
            (
                json!([["child_ids", "any", [["name", "=", "Brandon Freeman"]]]]),
                vec![azure],
            ),
        ],
    )
    .await;
    let not_belgian = ids_of(&c, &s, json!([["country_id", "not ilike", "belg"]])).await;
    assert_eq!(
        belgian.len() + not_belgian.len(),
        everyone.len(),
        "contacts without a country count as not Belgian"
    );
    let untagged = ids_of(&c, &s, json!([["category_id", "=", false]])).await;
    let tagged = ids_of(&c, &s, json!([["category_id", "!=", false]])).await;
    assert_eq!(untagged.len() + tagged.len(), everyone.len());
    assert!(ids_of(&c, &s, json!([["category_id", "not in", [vip_id]]]))
        .await
        .iter()
        .all(|id| !vip.contains(id)));
    let with_staff = ids_of(&c, &s, json!([["child_ids", "!=", false]])).await;
    assert!(with_staff.contains(&azure));
    let no_azure_parent = ids_of(
        &c,
        &s,
        json!([["parent_id", "not any", [["name", "=", "Azure Interior"]]]]),
    )
    .await;
    assert_eq!(no_azure_parent.len(), everyone.len() - staff.len());
}

#[tokio::test]
async fn malformed_domains_get_odoos_errors() {
    for version in [16, 18] {
        let s = start(mono(version)).await;
        let c = admin(&s).await;
        let v16 = version == 16;
        let mut cases = vec![
            (
                json!(["|", ["name", "=", "x"]]),
                "Domain ['|', ['name', '=', 'x']] is syntactically not correct.",
            ),
            (
                json!([["name", "ilike"]]),
                if v16 {
                    "Invalid leaf ('name', 'ilike')"
                } else {
                    "not enough values to unpack (expected 3, got 2)"
                },
            ),
            (
                json!([["name", "ilike", "x", "y"]]),
                if v16 {
                    "Invalid leaf ('name', 'ilike', 'x', 'y')"
                } else {
                    "too many values to unpack (expected 3)"
                },
            ),
            (
                json!([["name", "ILIKE", "x"]]),
                "Invalid leaf ('name', 'ILIKE', 'x')",
            ),
            (
                json!([["name); DROP TABLE partner; --", "=", 1]]),
                "Invalid field res.partner.name); DROP TABLE partner; -- in leaf ('name); DROP TABLE partner; --', '=', 1)",
            ),
            (
                json!([["parent_id.nope", "=", 1]]),
                "Invalid field res.partner.nope in leaf ('nope', '=', 1)",
            ),
        ];
        if v16 {
            // 16 has no any.
            cases.push((
                json!([["parent_id", "any", []]]),
                "Invalid leaf ('parent_id', 'any', [])",
            ));
        }
        for (domain, message) in cases {
            assert_eq!(
                error_of(&c, &s, domain.clone()).await,
                ("builtins.ValueError".to_string(), message.to_string()),
                "{domain}"
            );
        }
        assert_eq!(
            error_of(&c, &s, json!({"name": "x"})).await.0,
            "builtins.AssertionError"
        );
        // A value is data, never SQL.
        for (name, count) in [("x' OR '1'='1", 0), ("Azure Interior", 1)] {
            let found = partner(
                &c,
                &s,
                "search_count",
                json!([[["name", "=", name]]]),
                json!({}),
            )
            .await;
            assert_eq!(found.result(), count, "{name}");
        }
    }
}

#[tokio::test]
async fn archived_records_hidden_unless_asked() {
    let s = start(mono(16)).await;
    let c = admin(&s).await;
    let count = |ctx: Value, domain: Value| {
        let (c, s) = (&c, &s);
        async move {
            partner(
                c,
                s,
                "search_count",
                json!([domain]),
                json!({"context": ctx}),
            )
            .await
            .result()
            .as_i64()
            .unwrap()
        }
    };
    let active = count(json!({}), json!([])).await;
    let all = count(json!({"active_test": false}), json!([])).await;
    let archived = count(json!({}), json!([["active", "=", false]])).await;
    assert!(archived >= 2, "OdooBot and more are archived");
    assert_eq!(active + archived, all);
    let bot = partner(
        &c,
        &s,
        "search_read",
        json!([[["name", "=", "OdooBot"]]]),
        json!({"fields": ["active"], "context": {"active_test": false}}),
    )
    .await;
    assert_eq!(bot.result(), json!([{"id": 2, "active": false}]));
}

#[tokio::test]
async fn order_limit_offset_and_fields() {
    let s = start(mono(18)).await;
    let c = admin(&s).await;
    let page = |order: &'static str, offset: i64, limit: i64| {
        let (c, s) = (&c, &s);
        async move {
            partner(
                c,
                s,
                "search_read",
                json!([[["is_company", "=", true]]]),
                json!({"fields": ["name"], "order": order, "offset": offset, "limit": limit}),
            )
            .await
        }
    };
    let all = page("name asc", 0, 1000).await.result();
    let names: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    let at = |n: &str| names.iter().position(|x| *x == n).unwrap();
    assert!(
        at("Azure Interior") < at("Deco Addict") && at("Deco Addict") < at("Gemini Furniture"),
        "{names:?}"
    );
    let second = page("name asc", 1, 2).await.result();
    assert_eq!(second.as_array().unwrap().len(), 2);
    assert_eq!(second[0]["name"], all[1]["name"]);
    let desc = page("name desc", 0, 1).await.result();
    assert_eq!(
        desc[0]["name"],
        all[all.as_array().unwrap().len() - 1]["name"]
    );
    // By default: complete name, so "YourCompany" after "Wood Corner".
    let default = partner(
        &c,
        &s,
        "search_read",
        json!([[["id", "in", [1, 9]]]]),
        json!({"fields": ["name"]}),
    )
    .await
    .result();
    assert_eq!(
        default,
        json!([{"id": 9, "name": "Wood Corner"}, {"id": 1, "name": "YourCompany"}])
    );
    let bad = page("name; DROP TABLE partner", 0, 1).await.error();
    assert_eq!(bad["data"]["name"], "odoo.exceptions.UserError");
    let unknown = page("nope desc", 0, 1).await.error();
    assert_eq!(
        unknown["data"]["message"],
        "Invalid field 'nope' on model 'res.partner'"
    );
    let by_country = page("country_id desc, id", 0, 3).await.result();
    assert_eq!(by_country.as_array().unwrap().len(), 3);
    let bad_limit = page("name", 0, -1).await.error();
    assert_eq!(bad_limit["data"]["message"], "LIMIT must not be negative");
    // Records: id first, then the fields asked for, in that order.
    let fields = json!({"fields": ["phone", "name", "country_id", "category_id", "parent_id", "is_company"]});
    let a = partner(&c, &s, "read", json!([[14]]), fields).await;
    let text = &a.text;
    let order: Vec<usize> = ["\"id\"", "\"phone\"", "\"name\"", "\"country_id\""]
        .iter()
        .map(|k| text.find(k).unwrap())
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{text}");
    let r = &a.result()[0];
    assert_eq!(r["country_id"][1], "United States");
    assert_eq!(r["parent_id"], false);
    assert_eq!(r["is_company"], true);
    assert!(r["category_id"]
        .as_array()
        .unwrap()
        .iter()
        .all(Value::is_i64));
}

/// What `read()` without a list of fields must return.
const ALL_FIELDS: [&str; 26] = [
    "name",
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "state_id",
    "country_id",
    "website",
    "vat",
    "ref",
    "company_registry",
    "category_id",
    "comment",
    "active",
    "display_name",
    "complete_name",
    "write_date",
    "child_ids",
    "image_128",
    "avatar_128",
    "function",
    "is_company",
    "parent_id",
];

#[tokio::test]
async fn display_names_escaping_and_all_fields() {
    let s = start(mono(18)).await;
    let c = admin(&s).await;
    let fields = json!({"fields": ["display_name", "complete_name", "parent_id", "city", "country_id", "commercial_partner_id"]});
    let brandon = partner(
        &c,
        &s,
        "search_read",
        json!([[["name", "=", "Brandon Freeman"]]]),
        fields,
    )
    .await
    .result();
    assert_eq!(
        brandon[0]["display_name"],
        "Azure Interior, Brandon Freeman"
    );
    assert_eq!(
        brandon[0]["complete_name"],
        "Azure Interior, Brandon Freeman"
    );
    assert_eq!(
        brandon[0]["city"], "Fremont",
        "employees share their company's address"
    );
    assert_eq!(brandon[0]["commercial_partner_id"][1], "Azure Interior");
    let xss = partner(&c, &s, "name_search", json!(["script"]), json!({})).await;
    assert_eq!(
        xss.result()[0][1],
        "<script>alert(1)</script>",
        "names come back as stored"
    );
    let all = partner(&c, &s, "read", json!([[14]]), json!({}))
        .await
        .result();
    let fields = all[0].as_object().unwrap();
    for f in ALL_FIELDS {
        assert!(fields.contains_key(f), "read() without fields has {f}");
    }
    assert_eq!(all[0]["state_id"][1], "California (US)");
    assert_eq!(all[0]["image_128"], false);
    assert!(
        all[0]["avatar_128"]
            .as_str()
            .unwrap()
            .starts_with("PD94bWwg"),
        "a base64 SVG"
    );
    // `read` leaves out what no longer exists (write/06b2 on 16 to 19).
    let name = json!({"fields": ["name"]});
    let missing = partner(&c, &s, "read", json!([[14, 999_999]]), name)
        .await
        .result();
    assert_eq!(missing, json!([{"id": 14, "name": "Azure Interior"}]));
    let nope = json!({"fields": ["nope"]});
    let bad_field = partner(&c, &s, "read", json!([[14]]), nope).await.error();
    assert_eq!(
        bad_field["data"]["message"],
        "Invalid field 'nope' on model 'res.partner'"
    );
}

#[tokio::test]
async fn web_search_read_in_both_forms() {
    let spec = json!({"name": {}, "country_id": {"fields": {"display_name": {}}}, "parent_id": {}, "category_id": {"fields": {"display_name": {}}}});
    let companies = json!([[["is_company", "=", true]]]);
    // 16: fields, and no specification.
    let s16 = start(mono(16)).await;
    let c = admin(&s16).await;
    let kw = json!({"domain": [["is_company", "=", true]], "fields": ["name", "country_id"], "limit": 3});
    let a = partner(&c, &s16, "web_search_read", json!([]), kw)
        .await
        .result();
    assert_eq!(a["records"].as_array().unwrap().len(), 3);
    assert!(
        a["records"][0]["country_id"].is_array(),
        "16 reads many-to-ones as [id, name]"
    );
    let count = partner(&c, &s16, "search_count", companies.clone(), json!({}))
        .await
        .result();
    assert_eq!(a["length"], count, "a full page is counted");
    let kw = json!({"domain": [], "specification": spec});
    let e = partner(&c, &s16, "web_search_read", json!([]), kw)
        .await
        .error();
    assert_eq!(
        e["data"]["message"],
        "Base.web_search_read() got an unexpected keyword argument 'specification'"
    );
    let kw = json!({"specification": {}});
    let web_read = partner(&c, &s16, "web_read", json!([[14]]), kw)
        .await
        .error();
    assert_eq!(
        web_read["data"]["message"],
        "type object 'res.partner' has no attribute 'web_read'"
    );

    // 17 and 18: specification, and no fields.
    for version in [17, 18] {
        let s = start(mono(version)).await;
        let c = admin(&s).await;
        let kw = json!({"domain": [["parent_id", "!=", false]], "specification": spec, "limit": 4, "order": "id"});
        let a = partner(&c, &s, "web_search_read", json!([]), kw)
            .await
            .result();
        let r = &a["records"][0];
        assert_eq!(r.as_object().unwrap().keys().count(), 5, "{r}");
        assert!(
            r["parent_id"].is_i64(),
            "a many-to-one without sub-fields is its id"
        );
        if r["country_id"] != false {
            assert_eq!(
                r["country_id"]
                    .as_object()
                    .unwrap()
                    .keys()
                    .collect::<Vec<_>>(),
                ["display_name", "id"]
            );
        }
        assert!(r["category_id"].is_array());
        let kw = json!({"domain": [], "fields": ["name"]});
        let e = partner(&c, &s, "web_search_read", json!([]), kw)
            .await
            .error();
        assert_eq!(
            e["data"]["message"],
            "Base.web_search_read() got an unexpected keyword argument 'fields'"
        );
        let kw = json!({"specification": spec});
        let tagged = partner(&c, &s, "web_read", json!([[10]]), kw)
            .await
            .result();
        assert_eq!(
            tagged[0]["category_id"][0]["display_name"],
            "Vendor / Desk Manufacturers"
        );

        // length: a partial page is offset + what came back ...
        let total = partner(&c, &s, "search_count", companies.clone(), json!({}))
            .await
            .result()
            .as_i64()
            .unwrap();
        let wsr = |offset: i64, limit: i64, count_limit: Option<i64>| {
            let (c, s) = (&c, &s);
            async move {
                let mut kw = json!({"domain": [["is_company", "=", true]], "specification": {"name": {}}, "offset": offset, "limit": limit});
                if let Some(n) = count_limit {
                    kw["count_limit"] = json!(n);
                }
                partner(c, s, "web_search_read", json!([]), kw)
                    .await
                    .result()
            }
        };
        let tail = wsr(total - 2, 10, None).await;
        assert_eq!(tail["records"].as_array().unwrap().len(), 2);
        assert_eq!(tail["length"], total);
        // ... a full page is counted, up to count_limit ...
        assert_eq!(wsr(0, 5, None).await["length"], total);
        assert_eq!(wsr(2, 2, Some(5)).await["length"], 5, "as in 18/06d3");
        // ... unless count_limit is already reached.
        assert_eq!(wsr(8, 2, Some(5)).await["length"], 10);
        assert_eq!(
            wsr(total + 5, 2, None).await,
            json!({"length": 0, "records": []})
        );
    }
}

#[tokio::test]
async fn name_search_fields_get_and_the_small_models() {
    for version in [16, 18, 19] {
        let s = start(mono(version)).await;
        let c = admin(&s).await;
        let kw = json!({"name": "gem", "limit": 5});
        let gem = partner(&c, &s, "name_search", json!([]), kw).await.result();
        assert_eq!(gem[0], json!([11, "Gemini Furniture"]));
        assert_eq!(gem.as_array().unwrap().len(), 5);
        assert!(gem[1][1]
            .as_str()
            .unwrap()
            .starts_with("Gemini Furniture, "));
        let by_email = partner(
            &c,
            &s,
            "name_search",
            json!(["azure.interior24@"]),
            json!({}),
        )
        .await
        .result();
        assert_eq!(by_email[0][0], 14, "name_search also matches email");
        let (kw, other) = if version == 16 {
            ("args", "domain")
        } else {
            ("domain", "args")
        };
        let companies = json!({kw: [["is_company", "=", true]]});
        let limited = partner(&c, &s, "name_search", json!(["gem"]), companies)
            .await
            .result();
        assert_eq!(limited, json!([[11, "Gemini Furniture"]]));
        let wrong = partner(&c, &s, "name_search", json!(["gem"]), json!({other: []}))
            .await
            .error();
        assert_eq!(
            wrong["data"]["message"],
            format!("BaseModel.name_search() got an unexpected keyword argument '{other}'")
        );

        let asked = json!([["name", "country_id", "mobile"]]);
        let attributes = json!({"attributes": ["type", "relation"]});
        let fg = partner(&c, &s, "fields_get", asked, attributes)
            .await
            .result();
        assert_eq!(
            fg["country_id"],
            json!({"relation": "res.country", "type": "many2one"})
        );
        assert_eq!(
            fg.get("mobile").is_some(),
            version < 19,
            "mobile left in 19"
        );
        let all = partner(&c, &s, "fields_get", json!([]), json!({}))
            .await
            .result();
        assert_eq!(all["name"]["type"], "char");
        assert_eq!(all["category_id"]["relation"], "res.partner.category");
        let kw = json!({"fields": ["mobile"], "limit": 1});
        let mobile = partner(&c, &s, "search_read", json!([[]]), kw).await;
        if version >= 19 {
            // 19/06e: 19 dropped "model" from the wording.
            assert_eq!(
                mobile.error()["data"]["message"],
                "Invalid field 'mobile' on 'res.partner'"
            );
        } else {
            mobile.result();
        }

        let be = call(
            &c,
            &s,
            "res.country",
            "search_read",
            json!([[["code", "=", "BE"]]]),
            json!({"fields": ["name", "code"]}),
        )
        .await
        .result();
        assert_eq!(be[0]["name"], "Belgium");
        let tags = call(
            &c,
            &s,
            "res.partner.category",
            "name_search",
            json!(["desk"]),
            json!({}),
        )
        .await
        .result();
        assert_eq!(tags[0][1], "Vendor / Desk Manufacturers");
        let states = call(
            &c,
            &s,
            "res.country.state",
            "search_read",
            json!([[["country_id.code", "=", "US"]]]),
            json!({"fields": ["name", "country_id"]}),
        )
        .await
        .result();
        assert!(states
            .as_array()
            .unwrap()
            .iter()
            .any(|st| st["name"] == "California"));
        let unknown = partner(&c, &s, "unlink_all", json!([[]]), json!({}))
            .await
            .error();
        assert_eq!(unknown["data"]["name"], "builtins.AttributeError");
    }
}

#[tokio::test]
async fn wrong_argument_types() {
    let s = start(mono(18)).await;
    let c = admin(&s).await;
    // (method, args, kwargs, which part of the error, what it says)
    let cases = [
        (
            "search_read",
            json!([[], ["name"], 0, 5, "name", "extra"]),
            json!({}),
            "message",
            "BaseModel.search_read() takes from 1 to 6 positional arguments but 7 were given",
        ),
        (
            "search_read",
            json!([[]]),
            json!({"domain": []}),
            "message",
            "BaseModel.search_read() got multiple values for argument 'domain'",
        ),
        (
            "search_read",
            json!(5),
            json!({}),
            "message",
            "BaseModel.search_read() argument after * must be an iterable, not int",
        ),
        (
            "search_read",
            json!([]),
            json!([]),
            "message",
            "BaseModel.search_read() argument after ** must be a mapping, not list",
        ),
        (
            "search_read",
            json!([]),
            json!({"limit": "ten"}),
            "name",
            "psycopg2.errors.InvalidTextRepresentation",
        ),
        (
            "search_read",
            json!([]),
            json!({"order": 5}),
            "message",
            "expected string or bytes-like object, got 'int'",
        ),
        (
            "read",
            json!([]),
            json!({}),
            "message",
            "list index out of range",
        ),
        // A string is iterated, as Python does.
        (
            "search_read",
            json!([]),
            json!({"fields": "name"}),
            "message",
            "Invalid field 'n' on model 'res.partner'",
        ),
        (
            "web_search_read",
            json!([[]]),
            json!({"specification": ["name"]}),
            "name",
            "builtins.AttributeError",
        ),
        (
            "search_read",
            json!([]),
            json!({"bogus": 1}),
            "message",
            "BaseModel.read() got an unexpected keyword argument 'bogus'",
        ),
    ];
    for (method, args, kwargs, part, expected) in cases {
        let shown = format!("{method}(*{args}, **{kwargs})");
        let e = partner(&c, &s, method, args, kwargs).await.error();
        assert_eq!(e["data"][part], expected, "{shown}");
    }
}

#[tokio::test]
async fn the_apps_search_finds_what_each_field_finds() {
    let s = start(mono(18)).await;
    let c = admin(&s).await;
    let fields = ["complete_name", "ref", "email", "vat", "company_registry"];
    // A name, an e-mail domain, a reference, a tax id prefix, a mixed-case word.
    for q in [
        "dupont",
        "oreilly.example",
        "C0001",
        "DE1234",
        "AzUrE",
        "zz-none",
    ] {
        let any = json!([
            "|",
            "|",
            "|",
            "|",
            [fields[0], "ilike", q],
            [fields[1], "ilike", q],
            [fields[2], "ilike", q],
            [fields[3], "ilike", q],
            [fields[4], "ilike", q]
        ]);
        let found = ids_of(&c, &s, any).await;
        let mut union = Vec::new();
        for f in fields {
            union.extend(ids_of(&c, &s, json!([[f, "ilike", q]])).await);
        }
        union.sort_unstable();
        union.dedup();
        assert_eq!(found, union, "{q}");
    }
    // An empty pattern matches every set value, and no unset one.
    let with_vat = ids_of(&c, &s, json!([["vat", "!=", false]])).await;
    assert_eq!(
        ids_of(&c, &s, json!([["vat", "ilike", ""]])).await,
        with_vat
    );
    assert!(with_vat.len() < ids_of(&c, &s, json!([])).await.len());
    let without = ids_of(&c, &s, json!([["vat", "not ilike", ""]])).await;
    assert_eq!(
        without.len() + with_vat.len(),
        ids_of(&c, &s, json!([])).await.len()
    );
}

#[tokio::test]
async fn long_and_deep_domains() {
    let s = start(mono(18)).await;
    let c = admin(&s).await;
    // 3,000 terms joined by the implicit &: fine, as in Odoo.
    let mut long: Vec<Value> = (1..=3_000)
        .map(|i| json!(["id", "!=", 100_000 + i]))
        .collect();
    long.push(json!(["name", "=", "Azure Interior"]));
    assert_eq!(ids_of(&c, &s, Value::Array(long)).await, vec![14]);
    // An `in` with 50,000 ids.
    let many: Vec<i64> = (1..=50_000).collect();
    let found = ids_of(
        &c,
        &s,
        json!([
            ["id", "in", many],
            ["is_company", "=", true],
            ["name", "=", "Deco Addict"]
        ]),
    )
    .await;
    assert_eq!(found, vec![10]);
    // Nesting that alternates & and | thousands deep is refused, not a crash.
    let mut deep: Vec<Value> = Vec::new();
    for i in 0..5_000 {
        deep.push(json!(if i % 2 == 0 { "&" } else { "|" }));
        deep.push(json!(["id", "=", i]));
    }
    deep.push(json!(["id", "=", 1]));
    let (name, message) = error_of(&c, &s, Value::Array(deep)).await;
    assert_eq!(
        (name.as_str(), message.as_str()),
        (
            "builtins.RecursionError",
            "maximum recursion depth exceeded"
        )
    );
    // And the server is still there.
    assert_eq!(ids_of(&c, &s, json!([["id", "=", 14]])).await, vec![14]);
}
