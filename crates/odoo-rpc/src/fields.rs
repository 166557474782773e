//! Reading the fields of one JSON object as Odoo fills them: `false` (or
//! `null`, or nothing) for empty. The hand-written decoders of records and
//! session info share it; each error names the field and what was there.

use crate::error::json_kind;
use serde_json::{Map, Value};

/// `Deserialize` through the type's own `from_json`, the hand-written
/// decoder (derived ones were the largest part of the app's WebAssembly
/// after the framework).
macro_rules! deserialize_with_from_json {
    ($t:ty) => {
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let v = <serde_json::Value as serde::Deserialize>::deserialize(d)?;
                <$t>::from_json(&v).map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use deserialize_with_from_json;

pub(crate) struct Fields<'a>(&'a Map<String, Value>);

impl<'a> Fields<'a> {
    /// The object `v`, or an error naming `what` it should have been.
    pub fn of(v: &'a Value, what: &str) -> Result<Fields<'a>, String> {
        match v {
            Value::Object(o) => Ok(Fields(o)),
            other => Err(format!(
                "{what}: expected an object, got {}",
                json_kind(other)
            )),
        }
    }

    /// The value of `k`, unless Odoo left it empty.
    pub fn present(&self, k: &str) -> Option<&'a Value> {
        match self.0.get(k) {
            None | Some(Value::Null) | Some(Value::Bool(false)) => None,
            Some(v) => Some(v),
        }
    }

    pub fn text(&self, k: &str) -> Result<Option<String>, String> {
        match self.present(k) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(wrong(k, "text or false", other)),
        }
    }

    pub fn int(&self, k: &str) -> Result<Option<i64>, String> {
        self.present(k)
            .map(|v| v.as_i64().ok_or_else(|| wrong(k, "an integer", v)))
            .transpose()
    }

    /// A key every answer has: missing is an error, not "empty".
    pub fn required_int(&self, k: &str) -> Result<i64, String> {
        match self.0.get(k) {
            Some(v) => v.as_i64().ok_or_else(|| wrong(k, "an integer", v)),
            None => Err(format!("missing field `{k}`")),
        }
    }

    /// `true` / `false`; `None` when absent or `null` (here `false` is an
    /// answer, not "empty").
    pub fn flag(&self, k: &str) -> Result<Option<bool>, String> {
        match self.0.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(wrong(k, "true or false", other)),
        }
    }

    /// A list, empty when Odoo left it empty.
    pub fn list(&self, k: &str) -> Result<&'a [Value], String> {
        match self.present(k) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(other) => Err(wrong(k, "a list", other)),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (&'a String, &'a Value)> {
        self.0.iter()
    }
}

pub(crate) fn wrong(k: &str, expected: &str, got: &Value) -> String {
    format!("`{k}`: expected {expected}, got {}", json_kind(got))
}
