//! A contact as the edit form holds it, how it goes on the wire for each
//! version, and how the user's change meets the server's: fields only the
//! user changed are sent, fields only the server changed are taken, a field
//! both changed differently is a conflict for the user to settle.

use crate::text::{html_to_text, text_to_html};
use odoo_rpc::versions::fields_on;
use odoo_rpc::{Partner, ServerVersion};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// What kind of value a form field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Flag,
    /// A many-to-one to this model.
    One(&'static str),
    /// The contact's tags (`res.partner.category`).
    Tags,
    /// Odoo's HTML notes, edited as plain text.
    Notes,
}

pub const TAG_MODEL: &str = "res.partner.category";

/// The fields the form edits, in the form's order. A version that lacks
/// one (`mobile` on 19) never shows nor sends it.
pub const FORM: &[(&str, Kind)] = &[
    ("is_company", Kind::Flag),
    ("name", Kind::Text),
    ("parent_id", Kind::One("res.partner")),
    ("function", Kind::Text),
    ("email", Kind::Text),
    ("phone", Kind::Text),
    ("mobile", Kind::Text),
    ("street", Kind::Text),
    ("city", Kind::Text),
    ("zip", Kind::Text),
    ("country_id", Kind::One("res.country")),
    ("website", Kind::Text),
    ("category_id", Kind::Tags),
    ("comment", Kind::Notes),
    // Not a field on the form: its Archive and Restore buttons.
    ("active", Kind::Flag),
];

pub fn kind_of(field: &str) -> Option<Kind> {
    FORM.iter().find(|(f, _)| *f == field).map(|(_, k)| *k)
}

/// The form's fields that a server of `version` has.
pub fn form_fields(version: &ServerVersion) -> Vec<String> {
    let names: Vec<&str> = FORM.iter().map(|(f, _)| *f).collect();
    fields_on(version, crate::PARTNER, &names)
}

/// One field's value. Empty text is `""` (Odoo's `false`).
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Text(String),
    Flag(bool),
    /// `(id, name)`; the name is for showing only.
    One(Option<(i64, String)>),
    /// `(id, name)`; id 0: a tag to create by that name when sent.
    Tags(Vec<(i64, String)>),
}

impl FieldValue {
    /// Equal for the server: names shown beside ids do not count, nor the
    /// order of tags.
    pub fn same(&self, other: &FieldValue) -> bool {
        match (self, other) {
            (FieldValue::One(a), FieldValue::One(b)) => {
                a.as_ref().map(|(id, _)| *id) == b.as_ref().map(|(id, _)| *id)
            }
            (FieldValue::Tags(a), FieldValue::Tags(b)) => same_tags(a, b),
            (a, b) => a == b,
        }
    }

    /// For showing in a list of changes or a conflict.
    pub fn display(&self) -> String {
        match self {
            FieldValue::Text(t) => t.clone(),
            FieldValue::Flag(b) => if *b { "yes" } else { "no" }.into(),
            FieldValue::One(v) => v.as_ref().map(|(_, n)| n.clone()).unwrap_or_default(),
            FieldValue::Tags(t) => t
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// The same tags in any order; a tag still to create is known by its
/// name only. (No sort: this keeps the app's WebAssembly smaller.)
fn same_tags(a: &[(i64, String)], b: &[(i64, String)]) -> bool {
    let key = |(id, n): &(i64, String)| (*id, if *id == 0 { n.clone() } else { String::new() });
    let within = |x: &[(i64, String)], y: &[(i64, String)]| {
        x.iter().all(|t| y.iter().any(|u| key(t) == key(u)))
    };
    within(a, b) && within(b, a)
}

/// The form's values, by field name.
pub type Values = BTreeMap<String, FieldValue>;

/// The values a new contact's form starts from.
pub fn blank(version: &ServerVersion, is_company: bool) -> Values {
    values(form_fields(version).into_iter().filter_map(|f| {
        let v = match kind_of(&f)? {
            Kind::Flag => FieldValue::Flag(f == "active" || (f == "is_company" && is_company)),
            Kind::Text | Kind::Notes => FieldValue::Text(String::new()),
            Kind::One(_) => FieldValue::One(None),
            Kind::Tags => FieldValue::Tags(Vec::new()),
        };
        Some((f, v))
    }))
}

/// The pairs as values, inserted one by one: collecting into the map
/// would sort them first, and that sort alone costs the app's WebAssembly
/// kilobytes.
fn values(pairs: impl Iterator<Item = (String, FieldValue)>) -> Values {
    let mut out = Values::new();
    for (f, v) in pairs {
        out.insert(f, v);
    }
    out
}

/// The form's values of a contact as read from the server.
pub fn values_of(version: &ServerVersion, p: &Partner) -> Values {
    let text = |v: &Option<String>| FieldValue::Text(v.clone().unwrap_or_default());
    let one = |v: &Option<odoo_rpc::Many2one>| {
        FieldValue::One(v.as_ref().map(|m| (m.id, m.name.clone())))
    };
    values(form_fields(version).into_iter().filter_map(|f| {
        let v = match f.as_str() {
            "is_company" => FieldValue::Flag(p.is_company),
            "name" => FieldValue::Text(p.name.clone()),
            "parent_id" => one(&p.parent_id),
            "function" => text(&p.function),
            "email" => text(&p.email),
            "phone" => text(&p.phone),
            "mobile" => text(&p.mobile),
            "street" => text(&p.street),
            "city" => text(&p.city),
            "zip" => text(&p.zip),
            "country_id" => one(&p.country_id),
            "website" => text(&p.website),
            "category_id" => FieldValue::Tags(
                p.category_id
                    .iter()
                    .map(|t| (t.id, t.name.clone().unwrap_or_default()))
                    .collect(),
            ),
            "active" => FieldValue::Flag(p.active),
            "comment" => FieldValue::Text(html_to_text(p.comment.as_deref().unwrap_or(""))),
            _ => return None,
        };
        Some((f, v))
    }))
}

/// The fields whose value differs between `from` and `to`.
pub fn changed(from: &Values, to: &Values) -> Vec<String> {
    to.iter()
        .filter(|(f, v)| from.get(*f).is_none_or(|old| !old.same(v)))
        .map(|(f, _)| f.clone())
        .collect()
}

/// A form value as Odoo takes it. Many-to-ones go as a bare id or `false`
/// (any other form is answered `true` and silently empties the field, on
/// every version); tags as one "replace with" command, so a repeat sets the
/// same tags again rather than adding twice. `None`: a tag not created
/// yet, which must be created first.
pub fn wire_value(field: &str, value: &FieldValue) -> Option<Value> {
    Some(match value {
        FieldValue::Text(t) if kind_of(field) == Some(Kind::Notes) => {
            let html = text_to_html(t);
            if html.is_empty() {
                Value::Bool(false)
            } else {
                Value::String(html)
            }
        }
        FieldValue::Text(t) if t.trim().is_empty() => Value::Bool(false),
        FieldValue::Text(t) => Value::String(t.trim().to_string()),
        FieldValue::Flag(b) => Value::Bool(*b),
        FieldValue::One(v) => v.as_ref().map_or(Value::Bool(false), |(id, _)| json!(id)),
        FieldValue::Tags(tags) => {
            if tags.iter().any(|(id, _)| *id <= 0) {
                return None;
            }
            let ids: Vec<i64> = tags.iter().map(|(id, _)| *id).collect();
            json!([[6, 0, ids]])
        }
    })
}

/// `fields` of `values` as a `vals` dict for `create`, `write` or
/// `web_save`. `None` while a tag among them is still to be created.
pub fn wire_values(values: &Values, fields: &[String]) -> Option<Map<String, Value>> {
    fields
        .iter()
        .filter_map(|f| values.get(f).map(|v| (f, v)))
        .map(|(f, v)| wire_value(f, v).map(|w| (f.clone(), w)))
        .collect()
}

/// A field both the user and the server changed, differently.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub field: String,
    pub base: FieldValue,
    pub mine: FieldValue,
    pub theirs: FieldValue,
}

/// What to send, after meeting the server's current values.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Merge {
    /// Fields to write, with the user's values.
    pub send: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

/// Three-way merge of the user's change (`base` → `mine`) with the server's
/// (`base` → `theirs`). A field the server already holds at the user's
/// value (the same edit made twice, or our own write whose answer was
/// lost) is neither sent nor a conflict.
pub fn merge(base: &Values, mine: &Values, theirs: &Values) -> Merge {
    let mut out = Merge::default();
    for field in changed(base, mine) {
        let (Some(m), Some(t)) = (mine.get(&field), theirs.get(&field)) else {
            continue;
        };
        if t.same(m) {
            continue;
        }
        match base.get(&field) {
            Some(b) if !t.same(b) => out.conflicts.push(Conflict {
                field,
                base: b.clone(),
                mine: m.clone(),
                theirs: t.clone(),
            }),
            _ => out.send.push(field),
        }
    }
    out
}

/// Values kept on the device, as JSON (the outbox survives reloads).
pub fn values_to_json(values: &Values) -> Value {
    Value::Object(
        values
            .iter()
            .map(|(f, v)| {
                let j = match v {
                    FieldValue::Text(t) => json!(t),
                    FieldValue::Flag(b) => json!(b),
                    FieldValue::One(o) => o.as_ref().map_or(Value::Null, |(id, n)| json!([id, n])),
                    FieldValue::Tags(t) => json!(t),
                };
                (f.clone(), j)
            })
            .collect(),
    )
}

/// Reads back [`values_to_json`]; a field the form no longer knows, or a
/// value of the wrong shape, is left out rather than failing the whole.
pub fn values_from_json(v: &Value) -> Values {
    let pair = |p: &Value| -> Option<(i64, String)> {
        let a = p.as_array()?;
        Some((a.first()?.as_i64()?, a.get(1)?.as_str()?.to_string()))
    };
    let Some(obj) = v.as_object() else {
        return Values::new();
    };
    values(obj.iter().filter_map(|(f, j)| {
        let v = match kind_of(f)? {
            Kind::Text | Kind::Notes => FieldValue::Text(j.as_str()?.to_string()),
            Kind::Flag => FieldValue::Flag(j.as_bool()?),
            Kind::One(_) if j.is_null() => FieldValue::One(None),
            Kind::One(_) => FieldValue::One(Some(pair(j)?)),
            Kind::Tags => {
                FieldValue::Tags(j.as_array()?.iter().map(pair).collect::<Option<Vec<_>>>()?)
            }
        };
        Some((f.clone(), v))
    }))
}

/// `p` as the user's values make it: what the list and the card show
/// before the server has the change.
pub fn apply(values: &Values, p: &mut Partner) {
    let text = |v: &FieldValue| match v {
        FieldValue::Text(t) if !t.trim().is_empty() => Some(t.trim().to_string()),
        _ => None,
    };
    let one = |v: &FieldValue| match v {
        FieldValue::One(o) => o.as_ref().map(|(id, name)| odoo_rpc::Many2one {
            id: *id,
            name: name.clone(),
        }),
        _ => None,
    };
    for (f, v) in values {
        match (f.as_str(), v) {
            ("name", v) => p.name = text(v).unwrap_or_default(),
            ("is_company", FieldValue::Flag(b)) => p.is_company = *b,
            ("active", FieldValue::Flag(b)) => p.active = *b,
            ("parent_id", v) => p.parent_id = one(v),
            ("country_id", v) => p.country_id = one(v),
            ("function", v) => p.function = text(v),
            ("email", v) => p.email = text(v),
            ("phone", v) => p.phone = text(v),
            ("mobile", v) => p.mobile = text(v),
            ("street", v) => p.street = text(v),
            ("city", v) => p.city = text(v),
            ("zip", v) => p.zip = text(v),
            ("website", v) => p.website = text(v),
            ("comment", v) => p.comment = text(v).map(|t| text_to_html(&t)),
            ("category_id", FieldValue::Tags(tags)) => {
                p.category_id = tags
                    .iter()
                    .map(|(id, name)| odoo_rpc::Tag {
                        id: *id,
                        name: Some(name.clone()),
                    })
                    .collect()
            }
            _ => {}
        }
    }
    // The list sorts and shows by the display name: "Company, Person".
    p.display_name = Some(match &p.parent_id {
        Some(c) if !p.is_company && !c.name.is_empty() => format!("{}, {}", c.name, p.name),
        _ => p.name.clone(),
    });
}

/// A contact not on the server yet, as the user typed it (id 0).
pub fn unsent(values: &Values) -> Option<Partner> {
    let mut p = Partner::from_json(&json!({"id": 0})).ok()?;
    apply(values, &mut p);
    Some(p)
}
