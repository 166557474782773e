//! The version table against what real servers said of themselves
//! (`fixtures/odoo-wire/fields/fields-N.json`, `fields_get` of 16.0 to
//! 19.0): every row, on every version, as the server has it.

use odoo_rpc::versions::{self, Release, FIELDS, MAJORS, RELEASES};
use odoo_rpc::ServerVersion;
use serde_json::Value;
use std::path::Path;

fn fields_get(major: u8) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!(
        "../../fixtures/odoo-wire/fields/fields-{major}.json"
    ));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn every_row_is_what_each_server_said() {
    let mut wrong = Vec::new();
    for major in MAJORS {
        let server = fields_get(major);
        let said = server["server_version"].as_str().unwrap_or_default();
        assert!(
            said.starts_with(&format!("{major}.0")),
            "fields-{major}.json comes from {said}"
        );
        for row in FIELDS {
            let theirs = &server[row.model][row.name];
            let ours = row.on(major);
            let flag = |k: &str| theirs[k].as_bool().unwrap_or(false);
            match (ours, theirs.is_object()) {
                (None, false) => {}
                (None, true) => wrong.push(format!("{major} {}.{}: exists", row.model, row.name)),
                (Some(_), false) => wrong.push(format!(
                    "{major} {}.{}: does not exist",
                    row.model, row.name
                )),
                (Some(h), true) => {
                    let theirs = (flag("store"), flag("sortable"), flag("searchable"));
                    if (h.stored, h.sortable, h.searchable) != theirs {
                        wrong.push(format!(
                            "{major} {}.{}: (store, sortable, searchable) {theirs:?}, table {h:?}",
                            row.model, row.name
                        ));
                    }
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the table is wrong:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_field_is_listed_twice() {
    for (i, a) in FIELDS.iter().enumerate() {
        assert!(
            !FIELDS[i + 1..]
                .iter()
                .any(|b| a.model == b.model && a.name == b.name),
            "{}.{} is listed twice",
            a.model,
            a.name
        );
    }
}

/// Odoo's `_order` must be valid on its own version: every field in it
/// exists there and can be sorted on.
#[test]
fn each_release_orders_and_searches_contacts_by_what_it_has() {
    for r in &RELEASES {
        for term in r.partner_order.split(',') {
            let name = term.split_whitespace().next().unwrap_or_default();
            let h = r
                .field("res.partner", name)
                .unwrap_or_else(|| panic!("{}: order by {name}, which it lacks", r.major));
            assert!(h.sortable, "{}: {name} cannot be sorted on", r.major);
        }
        for (name, _) in r.contact_search {
            let h = r
                .field("res.partner", name)
                .unwrap_or_else(|| panic!("{}: searches {name}, which it lacks", r.major));
            assert!(h.searchable, "{}: {name} cannot be searched", r.major);
        }
    }
    // The very fact that broke the list on real 16.
    assert!(!Release::get(16)
        .unwrap()
        .has_field("res.partner", "complete_name"));
}

#[test]
fn a_release_is_a_supported_major_dot_zero() {
    let v = |s: &str| ServerVersion::parse(s);
    assert_eq!(Release::of(&v("16.0-20230301")).map(|r| r.major), Some(16));
    assert_eq!(Release::of(&v("19.0")).map(|r| r.major), Some(19));
    for other in ["saas~17.2", "15.0", "20.0", ""] {
        assert_eq!(Release::of(&v(other)), None, "{other}");
    }
}

#[test]
fn fields_of_an_unknown_version_are_those_every_release_has() {
    let asked = ["name", "mobile", "complete_name", "email", "no_such_field"];
    let on = |s: &str| versions::fields_on(&ServerVersion::parse(s), "res.partner", &asked);
    assert_eq!(on("16.0"), ["name", "mobile", "email"]);
    assert_eq!(on("18.0"), ["name", "mobile", "complete_name", "email"]);
    assert_eq!(on("19.0"), ["name", "complete_name", "email"]);
    assert_eq!(on("saas~18.3"), ["name", "email"]);
}
