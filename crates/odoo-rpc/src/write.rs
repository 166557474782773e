//! The write path: `create`, `write`, `web_save`, archiving and
//! `name_create`, as the transcripts in `*/write/` show them. None of them
//! is ever repeated behind the user's back ([`CallKind::Write`]): whether a
//! lost answer means "applied" is for the caller to find out.

use crate::call::{Call, CallKind, CallKw};
use crate::error::{json_kind, Error};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use std::marker::PhantomData;

fn shape(what: &str, expected: &str, result: &Value) -> Error {
    Error::Shape {
        detail: format!("{what}: expected {expected}, got {}", json_kind(result)),
    }
}

/// One model method that changes data, and how its answer decodes.
#[derive(Clone, Debug)]
pub struct Method<O> {
    pub model: String,
    pub method: &'static str,
    pub args: Vec<Value>,
    decode: fn(Value) -> Result<O, Error>,
}

/// `create(vals)`, one dict: a new record's id. The one-dict form answers
/// an integer on every version (16-19, `01c-create-contact-args-dict`).
pub type Create = Method<i64>;
/// `write([ids], vals)`: `true`.
pub type Write = Method<()>;
/// `name_create(name)`: `[id, "name"]`.
pub type NameCreate = Method<(i64, String)>;

impl Method<i64> {
    pub fn create(model: &str, values: Map<String, Value>) -> Create {
        Method::new(model, "create", vec![Value::Object(values)], |r| {
            r.as_i64().ok_or_else(|| shape("create", "an id", &r))
        })
    }
}

impl Method<()> {
    pub fn write(model: &str, ids: &[i64], values: Map<String, Value>) -> Write {
        Method::new(
            model,
            "write",
            vec![json!(ids), Value::Object(values)],
            |r| match r {
                Value::Bool(true) => Ok(()),
                other => Err(shape("write", "true", &other)),
            },
        )
    }

    /// `action_archive` / `action_unarchive`: no `result` at all, also
    /// when the record already was in that state. Odoo's action methods
    /// may answer an action to open; either way the record is changed.
    pub fn set_active(model: &str, ids: &[i64], active: bool) -> Write {
        let method = if active {
            "action_unarchive"
        } else {
            "action_archive"
        };
        Method::new(model, method, vec![json!(ids)], |_| Ok(()))
    }
}

impl Method<(i64, String)> {
    /// A record made from its name alone (a new tag).
    pub fn name_create(model: &str, name: &str) -> NameCreate {
        Method::new(model, "name_create", vec![json!(name)], |r| {
            match r.as_array().map(Vec::as_slice) {
                Some([Value::Number(id), name]) if id.is_i64() => Ok((
                    id.as_i64().unwrap_or_default(),
                    name.as_str().unwrap_or_default().to_string(),
                )),
                _ => Err(shape("name_create", "an [id, name] pair", &r)),
            }
        })
    }
}

impl<O> Method<O> {
    fn new(
        model: &str,
        method: &'static str,
        args: Vec<Value>,
        decode: fn(Value) -> Result<O, Error>,
    ) -> Self {
        Method {
            model: model.into(),
            method,
            args,
            decode,
        }
    }
}

impl<O> Call for Method<O> {
    type Output = O;
    fn path(&self) -> String {
        CallKw::route(&self.model, self.method)
    }
    fn params(&self) -> Value {
        json!({"model": self.model, "method": self.method, "args": self.args, "kwargs": {}})
    }
    fn kind(&self) -> CallKind {
        CallKind::Write
    }
    fn decode(&self, result: Value) -> Result<O, Error> {
        (self.decode)(result)
    }
}

/// `web_save(ids, vals, specification=…)` (17+): creates (`id` None) or
/// updates, and answers the saved record in `web_read` form, in one round
/// trip. The specification is required (`TypeError` without).
#[derive(Clone, Debug)]
pub struct WebSave<R> {
    pub model: String,
    pub id: Option<i64>,
    pub values: Map<String, Value>,
    pub specification: Value,
    record: PhantomData<fn() -> R>,
}

impl<R> WebSave<R> {
    pub fn new(
        model: &str,
        id: Option<i64>,
        values: Map<String, Value>,
        specification: Value,
    ) -> Self {
        WebSave {
            model: model.into(),
            id,
            values,
            specification,
            record: PhantomData,
        }
    }
}

impl<R: DeserializeOwned> Call for WebSave<R> {
    type Output = R;
    fn path(&self) -> String {
        CallKw::route(&self.model, "web_save")
    }
    fn params(&self) -> Value {
        let ids: Vec<i64> = self.id.into_iter().collect();
        json!({"model": self.model, "method": "web_save", "args": [ids, self.values],
               "kwargs": {"specification": self.specification}})
    }
    fn kind(&self) -> CallKind {
        CallKind::Write
    }
    fn decode(&self, result: Value) -> Result<R, Error> {
        let Value::Array(mut records) = result else {
            return Err(shape("web_save", "a list of one record", &result));
        };
        if records.len() != 1 {
            return Err(Error::Shape {
                detail: format!("web_save: expected one record, got {}", records.len()),
            });
        }
        serde_json::from_value(records.remove(0)).map_err(|e| Error::Shape {
            detail: format!("web_save: {e}"),
        })
    }
}
