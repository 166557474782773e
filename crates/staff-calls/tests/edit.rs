//! The edit form's values: what goes on the wire, and how the user's
//! change meets the server's.

use odoo_rpc::{Partner, ServerVersion};
use serde_json::json;
use staff_calls::edit::{
    blank, changed, form_fields, merge, values_from_json, values_of, values_to_json, wire_value,
    wire_values, FieldValue, Values,
};

fn version(major: u8) -> ServerVersion {
    ServerVersion::parse(&format!("{major}.0"))
}

fn text(s: &str) -> FieldValue {
    FieldValue::Text(s.into())
}

fn partner() -> Partner {
    Partner::from_json(&json!({
        "id": 7, "name": "Ann Lee", "is_company": false,
        "parent_id": [3, "Acme"], "email": "ann@acme.test", "phone": false,
        "mobile": "+32 470", "country_id": {"id": 20, "display_name": "Belgium"},
        "category_id": [[5, "VIP"]], "comment": "<p>Call &amp; <b>visit</b></p>",
        "write_date": "2026-11-30 10:00:00"
    }))
    .expect("a partner")
}

#[test]
fn mobile_is_on_the_form_only_where_the_version_has_it() {
    assert!(form_fields(&version(18)).contains(&"mobile".to_string()));
    assert!(!form_fields(&version(19)).contains(&"mobile".to_string()));
    assert!(!values_of(&version(19), &partner()).contains_key("mobile"));
    assert_eq!(
        values_of(&version(18), &partner()).get("mobile"),
        Some(&text("+32 470"))
    );
}

#[test]
fn a_contact_reads_into_the_form() {
    let v = values_of(&version(17), &partner());
    assert_eq!(v["parent_id"], FieldValue::One(Some((3, "Acme".into()))));
    assert_eq!(
        v["country_id"],
        FieldValue::One(Some((20, "Belgium".into())))
    );
    assert_eq!(v["phone"], text(""));
    assert_eq!(v["comment"], text("Call & visit"));
    assert_eq!(v["category_id"], FieldValue::Tags(vec![(5, "VIP".into())]));
    assert_eq!(
        blank(&version(16), true)["is_company"],
        FieldValue::Flag(true)
    );
    assert_eq!(blank(&version(16), false)["name"], text(""));
    assert_eq!(
        blank(&version(16), false)["is_company"],
        FieldValue::Flag(false)
    );
    assert_eq!(blank(&version(16), false)["active"], FieldValue::Flag(true));
}

#[test]
fn many_to_ones_go_as_bare_ids_tags_as_one_replace_command() {
    // Any other form is answered `true` and empties the field (06e*).
    assert_eq!(
        wire_value("parent_id", &FieldValue::One(Some((3, "Acme".into())))),
        Some(json!(3))
    );
    assert_eq!(
        wire_value("parent_id", &FieldValue::One(None)),
        Some(json!(false))
    );
    assert_eq!(
        wire_value(
            "category_id",
            &FieldValue::Tags(vec![(5, "VIP".into()), (9, "B".into())])
        ),
        Some(json!([[6, 0, [5, 9]]]))
    );
    assert_eq!(
        wire_value("category_id", &FieldValue::Tags(vec![(0, "New".into())])),
        None,
        "a tag not created yet cannot be sent"
    );
    assert_eq!(wire_value("email", &text("  ")), Some(json!(false)));
    assert_eq!(wire_value("email", &text(" a@b.c ")), Some(json!("a@b.c")));
}

#[test]
fn notes_typed_as_text_go_as_escaped_paragraphs() {
    assert_eq!(
        wire_value("comment", &text("<b>hi</b>\n\nsecond & last")),
        Some(json!(
            "<p>&lt;b&gt;hi&lt;/b&gt;</p><p>second &amp; last</p>"
        ))
    );
    assert_eq!(wire_value("comment", &text("")), Some(json!(false)));
}

#[test]
fn only_the_changed_fields_are_sent() {
    let base = values_of(&version(17), &partner());
    let mut mine = base.clone();
    mine.insert("email".into(), text("ann@new.test"));
    mine.insert(
        "parent_id".into(),
        FieldValue::One(Some((3, "Acme (renamed)".into()))),
    );
    assert_eq!(changed(&base, &mine), vec!["email".to_string()]);
    let vals = wire_values(&mine, &changed(&base, &mine)).expect("no new tag");
    assert_eq!(json!(vals), json!({"email": "ann@new.test"}));
}

fn three(base: &[(&str, &str)], mine: &[(&str, &str)], theirs: &[(&str, &str)]) -> [Values; 3] {
    let v = |pairs: &[(&str, &str)]| -> Values {
        pairs
            .iter()
            .map(|(f, t)| (f.to_string(), text(t)))
            .collect()
    };
    [v(base), v(mine), v(theirs)]
}

#[test]
fn merge_sends_mine_takes_theirs_and_flags_both() {
    let [base, mine, theirs] = three(
        &[("email", "a"), ("phone", "1"), ("city", "X"), ("zip", "9")],
        &[("email", "b"), ("phone", "2"), ("city", "X"), ("zip", "8")],
        &[("email", "a"), ("phone", "3"), ("city", "Y"), ("zip", "8")],
    );
    let m = merge(&base, &mine, &theirs);
    // email: only mine changed → sent. phone: both, differently →
    // conflict. city: only theirs → taken (not sent). zip: both, the same
    // → nothing to do.
    assert_eq!(m.send, vec!["email".to_string()]);
    assert_eq!(m.conflicts.len(), 1);
    let c = &m.conflicts[0];
    assert_eq!(
        (c.field.as_str(), &c.base, &c.mine, &c.theirs),
        ("phone", &text("1"), &text("2"), &text("3"))
    );
}

#[test]
fn our_own_write_whose_answer_was_lost_is_not_a_conflict() {
    let [base, mine, _] = three(&[("email", "a")], &[("email", "b")], &[]);
    let m = merge(&base, &mine, &mine);
    assert!(m.send.is_empty() && m.conflicts.is_empty(), "{m:?}");
}

#[test]
fn values_survive_the_device_store() {
    let mut v = values_of(&version(18), &partner());
    v.insert(
        "category_id".into(),
        FieldValue::Tags(vec![(5, "VIP".into()), (0, "New".into())]),
    );
    assert_eq!(values_from_json(&values_to_json(&v)), v);
    // A field the form no longer has, or a broken value, drops out alone.
    let kept = values_from_json(&json!({"name": "A", "gone": 1, "email": 5}));
    assert_eq!(kept.len(), 1);
    assert_eq!(kept["name"], text("A"));
}

#[test]
fn the_users_values_show_on_the_contact_before_it_is_sent() {
    let v17 = version(17);
    let mut mine = values_of(&v17, &partner());
    mine.insert("name".into(), text("Ann Lee-Smith"));
    mine.insert(
        "parent_id".into(),
        FieldValue::One(Some((4, "Beta".into()))),
    );
    mine.insert("email".into(), text(""));
    mine.insert("comment".into(), text("<i>hi</i>"));
    let mut p = partner();
    staff_calls::edit::apply(&mine, &mut p);
    assert_eq!(p.name, "Ann Lee-Smith");
    assert_eq!(p.display_name.as_deref(), Some("Beta, Ann Lee-Smith"));
    assert_eq!(p.email, None);
    assert_eq!(p.comment.as_deref(), Some("<p>&lt;i&gt;hi&lt;/i&gt;</p>"));
    // Reading it back gives the same values: nothing is lost on the way.
    assert_eq!(values_of(&v17, &p), mine);

    let new = staff_calls::edit::unsent(&blank(&v17, true)).expect("a contact");
    assert_eq!((new.id, new.is_company, new.active), (0, true, true));
}
