//! The outbox: what it keeps on the device, and how Odoo's refusals are
//! placed on the form.

use odoo_rpc::{Partner, ServerVersion};
use serde_json::json;
use staff_calls::edit::{values_of, FieldValue};
use staff_calls::outbox::{field_named, Change, Status};

fn partner() -> Partner {
    Partner::from_json(&json!({
        "id": 7, "name": "Ann Lee", "email": "ann@acme.test", "parent_id": [3, "Acme"],
        "category_id": [[5, "VIP"]], "write_date": "2026-11-30 10:00:00"
    }))
    .expect("a partner")
}

#[test]
fn a_change_in_every_state_survives_the_device_store() {
    let version = ServerVersion::parse("17.0");
    let mut mine = values_of(&version, &partner());
    mine.insert("email".into(), FieldValue::Text("ann@new.test".into()));
    let mut change = Change::update("k1".into(), &version, &partner(), mine.clone());
    let round = |c: &Change| Change::from_json(&c.to_json()).expect("reads back");
    assert_eq!(round(&change), change);

    change.status = Status::Refused {
        message: "Contacts require a name".into(),
        field: Some("name".into()),
    };
    assert_eq!(round(&change), change);

    // A conflict on email: the server's side is the new base.
    let mut theirs = partner();
    theirs.email = Some("ann@theirs.test".into());
    theirs.write_date = Some("2026-11-30 11:00:00".into());
    let base = change.base.clone().expect("an update has a base");
    change.status = Status::Conflict {
        conflicts: vec![staff_calls::edit::Conflict {
            field: "email".into(),
            base: base.values["email"].clone(),
            mine: mine["email"].clone(),
            theirs: FieldValue::Text("ann@theirs.test".into()),
        }],
        base: staff_calls::outbox::Base {
            write_date: theirs.write_date.clone(),
            values: values_of(&version, &theirs),
        },
    };
    assert_eq!(round(&change), change);

    change.status = Status::Saved;
    change.saved = Some(theirs);
    change.tries = 3;
    change.first_sent = Some("2026-11-30 10:01:00".into());
    change.sent = Some(change.mine.clone());
    assert_eq!(round(&change), change);

    let create = Change::create("k2".into(), mine);
    assert_eq!(round(&create), create);
    assert_eq!(Change::from_json(&json!({"key": "k3"})), None);
}

#[test]
fn settling_a_conflict_keeps_mine_or_takes_theirs_per_field() {
    let version = ServerVersion::parse("18.0");
    let mut mine = values_of(&version, &partner());
    mine.insert("email".into(), FieldValue::Text("mine@x".into()));
    mine.insert("phone".into(), FieldValue::Text("111".into()));
    let mut change = Change::update("k".into(), &version, &partner(), mine.clone());
    let mut theirs = values_of(&version, &partner());
    theirs.insert("email".into(), FieldValue::Text("theirs@x".into()));
    theirs.insert("phone".into(), FieldValue::Text("222".into()));
    // Only the server changed the city: settling must not undo it.
    theirs.insert("city".into(), FieldValue::Text("Ghent".into()));
    let conflict = |f: &str| staff_calls::edit::Conflict {
        field: f.into(),
        base: FieldValue::Text(String::new()),
        mine: mine[f].clone(),
        theirs: theirs[f].clone(),
    };
    change.status = Status::Conflict {
        conflicts: vec![conflict("email"), conflict("phone")],
        base: staff_calls::outbox::Base {
            write_date: Some("2026-11-30 12:00:00".into()),
            values: theirs.clone(),
        },
    };
    change.resolve(&|f| f == "email");
    assert_eq!(change.status, Status::Queued);
    assert_eq!(change.mine["email"], FieldValue::Text("mine@x".into()));
    assert_eq!(change.mine["phone"], FieldValue::Text("222".into()));
    assert_eq!(change.mine["city"], FieldValue::Text("Ghent".into()));
    let base = change.base.expect("the server's side is the base now");
    assert_eq!(base.write_date.as_deref(), Some("2026-11-30 12:00:00"));
    assert_eq!(
        staff_calls::edit::changed(&base.values, &change.mine),
        vec!["email".to_string()]
    );
}

#[test]
fn odoo_refusals_name_their_field() {
    // Texts from the write transcripts (06c, 06f, 06g).
    let cases = [
        ("The operation cannot be completed: Contacts require a name", Some("name")),
        ("Invalid field 'email' on model 'res.partner'", Some("email")),
        ("another model requires the record being deleted. Constraint: res_partner_country_id_fkey", Some("country_id")),
        ("Due to security restrictions, you are not allowed to modify 'Contact'", None),
    ];
    for (message, field) in cases {
        assert_eq!(field_named(message).as_deref(), field, "{message}");
    }
}

#[test]
fn an_edit_made_while_sending_is_kept_and_sent_next() {
    let version = ServerVersion::parse("17.0");
    let start = values_of(&version, &partner());
    let mut first = start.clone();
    first.insert("email".into(), FieldValue::Text("one@x".into()));
    let mut queued = Change::update("k".into(), &version, &partner(), first.clone());
    let snapshot = queued.clone();
    // Meanwhile the user saves again.
    let mut second = first.clone();
    second.insert("phone".into(), FieldValue::Text("222".into()));
    queued.amend(second.clone());
    // The first send comes back saved.
    let mut saved = partner();
    saved.email = Some("one@x".into());
    saved.write_date = Some("2026-11-30 10:05:00".into());
    let mut result = snapshot.clone();
    result.status = Status::Saved;
    result.saved = Some(saved.clone());
    queued.absorb(&version, &snapshot, result.clone());
    assert_eq!(
        queued.status,
        Status::Queued,
        "the newer edit is still to send"
    );
    assert_eq!(queued.mine, second);
    let base = queued.base.clone().expect("based on what was saved");
    assert_eq!(base.write_date, saved.write_date);
    assert_eq!(
        staff_calls::edit::changed(&base.values, &queued.mine),
        vec!["phone".to_string()]
    );

    // Without an edit meanwhile, the result is taken as it is.
    let mut plain = snapshot.clone();
    plain.absorb(&version, &snapshot, result.clone());
    assert_eq!(plain, result);
}
