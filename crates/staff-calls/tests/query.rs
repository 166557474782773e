//! The list's URL state as each version's own contacts search.

use odoo_rpc::versions::RELEASES;
use odoo_rpc::{Many2one, Partner, ServerVersion};
use serde_json::{json, Value};
use staff_calls::query::{search_terms, Kind, PartnerQuery};

fn v(raw: &str) -> ServerVersion {
    ServerVersion::parse(raw)
}

fn leaves(d: &Value) -> Vec<Value> {
    d.as_array()
        .unwrap()
        .iter()
        .filter(|t| t.is_array())
        .cloned()
        .collect()
}

#[test]
fn the_domain_searches_what_odoo_contacts_search_reaches() {
    let d = PartnerQuery::new("acme", Kind::People)
        .domain(&v("18.0"))
        .to_json();
    let text = d.to_string();
    for f in ["complete_name", "ref", "email", "vat", "company_registry"] {
        assert!(
            text.contains(&format!("[\"{f}\",\"ilike\",\"acme\"]")),
            "{f} missing in {text}"
        );
    }
    assert!(text.contains("[\"is_company\",\"=\",false]"), "{text}");
    // 5 ORed leaves need 4 "|", and the AND with the kind needs one "&".
    let ops: Vec<&str> = d
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(ops.iter().filter(|o| **o == "|").count(), 4);
    assert_eq!(ops.iter().filter(|o| **o == "&").count(), 1);
    assert_eq!(
        PartnerQuery::new("", Kind::All)
            .domain(&v("18.0"))
            .to_json(),
        json!([])
    );
}

/// 16's contacts have no `complete_name`, and its own search matches the
/// stored `display_name` and a reference exactly.
#[test]
fn odoo_16_is_searched_as_its_own_contacts_search_does() {
    let d = PartnerQuery::new("acme", Kind::All)
        .domain(&v("16.0"))
        .to_json();
    let leaves = leaves(&d);
    assert!(!d.to_string().contains("complete_name"), "{d}");
    assert!(
        leaves.contains(&json!(["display_name", "ilike", "acme"])),
        "{d}"
    );
    assert!(leaves.contains(&json!(["ref", "=", "acme"])), "{d}");
    assert!(leaves.contains(&json!(["vat", "ilike", "acme"])), "{d}");
}

#[test]
fn an_unknown_version_is_searched_by_what_every_release_can_search() {
    let terms = search_terms(&v("saas~17.2"));
    assert!(terms.contains(&("name", "ilike")), "{terms:?}");
    for (f, _) in terms {
        for r in &RELEASES {
            let h = r.field("res.partner", f);
            assert!(
                h.is_some_and(|h| h.searchable),
                "{} cannot search {f}",
                r.major
            );
        }
    }
    assert!(!terms
        .iter()
        .any(|(f, _)| *f == "complete_name" || *f == "display_name"));
}

fn partner(id: i64, name: &str, company: Option<&str>) -> Partner {
    Partner {
        id,
        name: name.into(),
        display_name: company.map(|c| format!("{c}, {name}")),
        is_company: false,
        parent_id: company.map(|c| Many2one {
            id: 1,
            name: c.into(),
        }),
        function: None,
        email: Some(format!("{}@example.com", name.to_lowercase())),
        phone: None,
        mobile: None,
        street: None,
        street2: None,
        zip: None,
        city: None,
        state_id: None,
        country_id: None,
        website: None,
        vat: None,
        r#ref: Some("R-1".into()),
        company_registry: None,
        category_id: vec![],
        comment: None,
        child_ids: vec![],
        write_date: None,
        active: true,
    }
}

#[test]
fn offline_matching_follows_the_version() {
    let p = partner(7, "Ann", Some("Acme"));
    let q = |s: &str| PartnerQuery::new(s, Kind::All);
    for raw in ["16.0", "17.0", "19.0"] {
        assert!(q("acme, a").matches(&v(raw), &p), "{raw}: company, name");
        assert!(q("ANN@").matches(&v(raw), &p), "{raw}: email");
        assert!(!q("zed").matches(&v(raw), &p), "{raw}");
    }
    // A reference is matched exactly on 16, in part from 17.
    assert!(q("R-1").matches(&v("16.0"), &p));
    assert!(!q("r-").matches(&v("16.0"), &p));
    assert!(q("r-").matches(&v("17.0"), &p));
    // Accents count, as PostgreSQL's ILIKE on a default Odoo.
    assert!(!q("ann").matches(&v("18.0"), &partner(8, "Ånn", None)));
}

#[test]
fn kept_contacts_sort_as_the_server_lists_them() {
    let mut rows = vec![
        partner(3, "Zoe", None),
        partner(4, "bob", Some("Acme")),
        partner(5, "Al", None),
        partner(6, "Al", None),
    ];
    staff_calls::sort_kept(&mut rows);
    let ids: Vec<i64> = rows.iter().map(|p| p.id).collect();
    // "Acme, bob" < "Al" (ties: the newest first) < "Zoe".
    assert_eq!(ids, [4, 6, 5, 3]);
}
