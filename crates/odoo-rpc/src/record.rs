//! Odoo's field values: `false` for empty (never `null`), `[id, "name"]`
//! for a many-to-one (or `{"id", "display_name"}` from a specification),
//! lists of ids for x2many. Record types turn those into `Option`s and pairs.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Deserializes `false` / `null` / missing as `None`.
pub fn false_as_none<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: serde::de::DeserializeOwned,
{
    let v = Value::deserialize(d)?;
    match v {
        Value::Null | Value::Bool(false) => Ok(None),
        v => T::deserialize(v).map(Some).map_err(de::Error::custom),
    }
}

/// For `#[serde(default, with = "odoo_rpc::record::opt")]`.
pub mod opt {
    use serde::{Deserializer, Serialize, Serializer};

    pub fn deserialize<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
    where
        D: Deserializer<'de>,
        T: serde::de::DeserializeOwned,
    {
        super::false_as_none(d)
    }

    pub fn serialize<S, T: Serialize>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
    {
        v.serialize(s)
    }
}

/// A many-to-one value: the id and the display name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct Many2one {
    pub id: i64,
    pub name: String,
}

impl<'de> Deserialize<'de> for Many2one {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        many2one(&v).ok_or_else(|| de::Error::custom(format!("not a many-to-one value: {v}")))
    }
}

fn many2one(v: &Value) -> Option<Many2one> {
    match v {
        // search_read / read: [id, "name"]; Odoo 16's user_id: [id].
        Value::Array(a) => Some(Many2one {
            id: a.first()?.as_i64()?,
            name: a.get(1).and_then(Value::as_str).unwrap_or("").to_string(),
        }),
        // specification form: {"id": 1, "display_name": "…"}; ours: {"id", "name"}.
        Value::Object(o) => Some(Many2one {
            id: o.get("id")?.as_i64()?,
            name: o
                .get("display_name")
                .or_else(|| o.get("name"))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
        }),
        _ => None,
    }
}

/// One entry of a many-to-many (tags): an id, and the name when the answer
/// carried it (specification form) or it was looked up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tag {
    pub id: i64,
    pub name: Option<String>,
}

impl<'de> Deserialize<'de> for Tag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        if let Some(id) = v.as_i64() {
            return Ok(Tag { id, name: None });
        }
        many2one(&v)
            .map(|m| Tag {
                id: m.id,
                name: (!m.name.is_empty()).then_some(m.name),
            })
            .ok_or_else(|| de::Error::custom(format!("not a tag: {v}")))
    }
}

/// A contact (`res.partner`), as much as a contacts screen shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Partner {
    pub id: i64,
    #[serde(default, deserialize_with = "string_or_empty")]
    pub name: String,
    #[serde(default, with = "opt")]
    pub display_name: Option<String>,
    #[serde(default)]
    pub is_company: bool,
    #[serde(default, with = "opt")]
    pub parent_id: Option<Many2one>,
    #[serde(default, with = "opt")]
    pub function: Option<String>,
    #[serde(default, with = "opt")]
    pub email: Option<String>,
    #[serde(default, with = "opt")]
    pub phone: Option<String>,
    #[serde(default, with = "opt")]
    pub mobile: Option<String>,
    #[serde(default, with = "opt")]
    pub street: Option<String>,
    #[serde(default, with = "opt")]
    pub street2: Option<String>,
    #[serde(default, with = "opt")]
    pub zip: Option<String>,
    #[serde(default, with = "opt")]
    pub city: Option<String>,
    #[serde(default, with = "opt")]
    pub state_id: Option<Many2one>,
    #[serde(default, with = "opt")]
    pub country_id: Option<Many2one>,
    #[serde(default, with = "opt")]
    pub website: Option<String>,
    #[serde(default, with = "opt")]
    pub vat: Option<String>,
    #[serde(default, rename = "ref", with = "opt")]
    pub r#ref: Option<String>,
    #[serde(default, with = "opt")]
    pub company_registry: Option<String>,
    #[serde(default)]
    pub category_id: Vec<Tag>,
    /// HTML notes: show as text, never as markup.
    #[serde(default, with = "opt")]
    pub comment: Option<String>,
    #[serde(default)]
    pub child_ids: Vec<i64>,
    #[serde(default, with = "opt")]
    pub write_date: Option<String>,
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

fn string_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(false_as_none::<D, String>(d)?.unwrap_or_default())
}

impl Partner {
    /// What a list row needs (all present in Odoo 16 to 19).
    pub const LIST_FIELDS: &'static [&'static str] = &[
        "name",
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

    /// What the contact card shows.
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
}
