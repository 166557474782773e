//! Odoo's field values: `false` for empty (never `null`), `[id, "name"]`
//! for a many-to-one (`{"id", "display_name"}` from a 17+ specification,
//! a bare id when the specification asked for no sub-fields), lists of ids
//! for x2many. Record types turn those into `Option`s and pairs.

use crate::error::shorten;
use crate::fields::{deserialize_with_from_json, Fields};
use crate::session::ServerVersion;
use crate::versions::fields_on;
use serde::de::{self, DeserializeOwned, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Deserializes `false` / `null` / missing (with `#[serde(default)]`) as
/// `None`, anything else as `T`.
pub fn false_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    match Value::deserialize(d)? {
        Value::Null | Value::Bool(false) => Ok(None),
        v => T::deserialize(v).map(Some).map_err(de::Error::custom),
    }
}

/// For `#[serde(default, with = "odoo_rpc::record::opt")]` on an
/// `Option<String>`, `Option<Many2one>`, …: Odoo's `false` becomes `None`,
/// and `None` is written back as `null`.
pub mod opt {
    use serde::de::DeserializeOwned;
    use serde::{Deserializer, Serialize, Serializer};

    pub fn deserialize<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: DeserializeOwned,
    {
        super::false_as_none(d)
    }

    pub fn serialize<S, T>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        T: Serialize,
    {
        v.serialize(s)
    }
}

/// For `#[serde(default, deserialize_with = "odoo_rpc::record::list")]` on
/// a `Vec<_>` (x2many ids, tags): `false` / `null` become an empty list.
pub fn list<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(false_as_none::<D, Vec<T>>(d)?.unwrap_or_default())
}

/// For `#[serde(default, deserialize_with = "odoo_rpc::record::ids")]` on
/// a `Vec<i64>`: an x2many as plain ids, whether the answer sent ids or
/// `{"id", "display_name"}` objects.
pub fn ids<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<i64>, D::Error> {
    Ok(list::<D, Tag>(d)?.into_iter().map(|t| t.id).collect())
}

/// A many-to-one value: the id and the display name (empty when the
/// answer carried only the id).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Many2one {
    pub id: i64,
    pub name: String,
}

impl Many2one {
    fn from_pair((id, name): (i64, String)) -> Self {
        Many2one { id, name }
    }
}

impl<'de> Deserialize<'de> for Many2one {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        pair_of(d, "a many-to-one value", Many2one::from_pair)
    }
}

/// One entry of a many-to-many (a tag): the id, and the name when the
/// answer carried it (17+ specification form).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Tag {
    pub id: i64,
    pub name: Option<String>,
}

impl Tag {
    fn from_pair((id, name): (i64, String)) -> Self {
        let name = (!name.is_empty()).then_some(name);
        Tag { id, name }
    }
}

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        pair_of(d, "a tag", Tag::from_pair)
    }
}

/// A many-to-one or tag value as `make` builds it from its id and name.
fn pair_of<'de, D: Deserializer<'de>, T>(
    d: D,
    what: &str,
    make: fn((i64, String)) -> T,
) -> Result<T, D::Error> {
    let v = Value::deserialize(d)?;
    id_and_name(&v)
        .map(make)
        .ok_or_else(|| de::Error::custom(format!("not {what}: {}", brief(&v))))
}

/// `[id, "name"]`, `{"id", "display_name"}` (or our own `{"id", "name"}`,
/// as `Many2one` serializes), or a bare id.
fn id_and_name(v: &Value) -> Option<(i64, String)> {
    let name_of = |n: Option<&Value>| n.and_then(Value::as_str).unwrap_or_default().to_string();
    match v {
        Value::Number(n) => Some((n.as_i64()?, String::new())),
        Value::Array(pair) => Some((pair.first()?.as_i64()?, name_of(pair.get(1)))),
        Value::Object(o) => Some((
            o.get("id")?.as_i64()?,
            name_of(o.get("display_name").or_else(|| o.get("name"))),
        )),
        _ => None,
    }
}

/// A value cut short for an error message.
fn brief(v: &Value) -> String {
    shorten(&v.to_string(), 60)
}

/// A contact (`res.partner`), as much as a contacts screen shows. Every
/// field but `id` may be left out of the answer. Serializes to a form
/// that [`Partner::from_json`] reads back (the app keeps contacts so).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Partner {
    pub id: i64,
    /// Empty for an address without a name.
    pub name: String,
    pub display_name: Option<String>,
    pub is_company: bool,
    pub parent_id: Option<Many2one>,
    pub function: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Gone from Odoo 19: always `None` there.
    pub mobile: Option<String>,
    pub street: Option<String>,
    pub street2: Option<String>,
    pub zip: Option<String>,
    pub city: Option<String>,
    pub state_id: Option<Many2one>,
    pub country_id: Option<Many2one>,
    pub website: Option<String>,
    pub vat: Option<String>,
    pub r#ref: Option<String>,
    /// Not asked for by the list or the card; the search reaches it.
    pub company_registry: Option<String>,
    pub category_id: Vec<Tag>,
    /// Odoo's HTML notes: show as text, never as markup.
    pub comment: Option<String>,
    pub child_ids: Vec<i64>,
    /// `"YYYY-MM-DD HH:MM:SS"`, UTC.
    pub write_date: Option<String>,
    pub active: bool,
}

/// A text field whose empty value is `false`: `""`.
pub(crate) fn string_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(false_as_none::<D, String>(d)?.unwrap_or_default())
}

deserialize_with_from_json!(Partner);

impl Partner {
    /// Decodes one record as Odoo sends it (`false` for empty, `[id,
    /// "name"]` or `{"id", "display_name"}` for a many-to-one), or as this
    /// type serializes. Written by hand rather than derived: the derived
    /// decoder was the largest piece of the app's WebAssembly after the
    /// framework.
    pub fn from_json(v: &Value) -> Result<Partner, String> {
        let f = Fields::of(v, "a record")?;
        let pair = |k: &str, v: &Value| {
            id_and_name(v).ok_or_else(|| format!("`{k}`: not a many-to-one value: {}", brief(v)))
        };
        let many2one = |k: &str| {
            f.present(k)
                .map(|v| pair(k, v).map(Many2one::from_pair))
                .transpose()
        };
        let tags = |k: &str| -> Result<Vec<Tag>, String> {
            f.list(k)?
                .iter()
                .map(|v| pair(k, v).map(Tag::from_pair))
                .collect()
        };
        let text = |k: &str| f.text(k);
        let flag = |k: &str, default: bool| f.flag(k).map(|b| b.unwrap_or(default));
        let id = f.required_int("id")?;
        Ok(Partner {
            id,
            name: text("name")?.unwrap_or_default(),
            display_name: text("display_name")?,
            is_company: flag("is_company", false)?,
            parent_id: many2one("parent_id")?,
            function: text("function")?,
            email: text("email")?,
            phone: text("phone")?,
            mobile: text("mobile")?,
            street: text("street")?,
            street2: text("street2")?,
            zip: text("zip")?,
            city: text("city")?,
            state_id: many2one("state_id")?,
            country_id: many2one("country_id")?,
            website: text("website")?,
            vat: text("vat")?,
            r#ref: text("ref")?,
            company_registry: text("company_registry")?,
            category_id: tags("category_id")?,
            comment: text("comment")?,
            child_ids: tags("child_ids")?.into_iter().map(|t| t.id).collect(),
            write_date: text("write_date")?,
            active: flag("active", true)?,
        })
    }
}

impl Partner {
    /// What a list row needs; [`Partner::list_fields`] leaves out what a
    /// version lacks.
    pub const LIST_FIELDS: &'static [&'static str] = &[
        "name",
        "display_name",
        "is_company",
        "parent_id",
        "function",
        "email",
        "phone",
        "mobile",
        "city",
        "country_id",
        "write_date",
    ];

    /// What the contact card shows; see [`Partner::card_fields`].
    pub const CARD_FIELDS: &'static [&'static str] = &[
        "name",
        "display_name",
        "is_company",
        "parent_id",
        "function",
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
        "category_id",
        "comment",
        "child_ids",
        "write_date",
        "active",
    ];

    /// [`Partner::LIST_FIELDS`] that a server of `version` has.
    pub fn list_fields(version: &ServerVersion) -> Vec<String> {
        fields_on(version, "res.partner", Self::LIST_FIELDS)
    }

    /// [`Partner::CARD_FIELDS`] that a server of `version` has.
    pub fn card_fields(version: &ServerVersion) -> Vec<String> {
        fields_on(version, "res.partner", Self::CARD_FIELDS)
    }
}
