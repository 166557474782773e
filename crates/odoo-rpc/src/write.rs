//! The write path: `create`, `write`, `web_save`, archiving and
//! `name_create`, as the transcripts in `*/write/` show them. None of them
//! is ever repeated behind the user's back ([`CallKind::Write`]): whether a
//! lost answer means "applied" is for the caller to find out.

use crate::call::{Call, CallKind, CallKw};
use crate::error::{json_kind, Error};
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use std::marker::PhantomData;

fn call_params(model: &str, method: &str, args: Vec<Value>, kwargs: Map<String, Value>) -> Value {
    json!({"model": model, "method": method, "args": args, "kwargs": kwargs})
}

fn shape(what: &str, result: &Value) -> Error {
    Error::Shape {
        detail: format!(
            "{what}: expected {}, got {}",
            expected(what),
            json_kind(result)
        ),
    }
}

fn expected(what: &str) -> &'static str {
    match what {
        "create" => "an id",
        "web_save" => "a list of one record",
        "name_create" => "an [id, name] pair",
        _ => "true",
    }
}

/// `create(vals)`, one dict: a new record's id. The one-dict form answers
/// an integer on every version (16-19, `01c-create-contact-args-dict`).
#[derive(Clone, Debug)]
pub struct Create {
    pub model: String,
    pub values: Map<String, Value>,
}

impl Call for Create {
    type Output = i64;
    fn path(&self) -> String {
        CallKw::route(&self.model, "create")
    }
    fn params(&self) -> Value {
        call_params(
            &self.model,
            "create",
            vec![Value::Object(self.values.clone())],
            Map::new(),
        )
    }
    fn kind(&self) -> CallKind {
        CallKind::Write
    }
    fn decode(&self, result: Value) -> Result<i64, Error> {
        result.as_i64().ok_or_else(|| shape("create", &result))
    }
}

/// `write([ids], vals)`: `true`.
#[derive(Clone, Debug)]
pub struct Write {
    pub model: String,
    pub ids: Vec<i64>,
    pub values: Map<String, Value>,
}

impl Call for Write {
    type Output = ();
    fn path(&self) -> String {
        CallKw::route(&self.model, "write")
    }
    fn params(&self) -> Value {
        call_params(
            &self.model,
            "write",
            vec![json!(self.ids), Value::Object(self.values.clone())],
            Map::new(),
        )
    }
    fn kind(&self) -> CallKind {
        CallKind::Write
    }
    fn decode(&self, result: Value) -> Result<(), Error> {
        match result {
            Value::Bool(true) => Ok(()),
            other => Err(shape("write", &other)),
        }
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
        let mut kwargs = Map::new();
        kwargs.insert("specification".into(), self.specification.clone());
        call_params(
            &self.model,
            "web_save",
            vec![
                json!(self.id.into_iter().collect::<Vec<_>>()),
                Value::Object(self.values.clone()),
            ],
            kwargs,
        )
    }
    fn kind(&self) -> CallKind {
        CallKind::Write
    }
    fn decode(&self, result: Value) -> Result<R, Error> {
        let Value::Array(mut records) = result else {
            return Err(shape("web_save", &result));
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

/// `action_archive` / `action_unarchive`: no `result` at all, also when
/// the record already was in that state.
#[derive(Clone, Debug)]
pub struct SetActive {
    pub model: String,
    pub ids: Vec<i64>,
    pub active: bool,
}

impl SetActive {
    fn method(&self) -> &'static str {
        if self.active {
            "action_unarchive"
        } else {
            "action_archive"
        }
    }
}

impl Call for SetActive {
    type Output = ();
    fn path(&self) -> String {
        CallKw::route(&self.model, self.method())
    }
    fn params(&self) -> Value {
        call_params(
            &self.model,
            self.method(),
            vec![json!(self.ids)],
            Map::new(),
        )
    }
    fn kind(&self) -> CallKind {
        CallKind::Write
    }
    fn decode(&self, _result: Value) -> Result<(), Error> {
        // Odoo's action methods may answer an action to open; none does
        // here, and either way the record is archived.
        Ok(())
    }
}

/// `name_create(name)`: a record made from its name alone (a new tag),
/// `[id, "name"]`.
#[derive(Clone, Debug)]
pub struct NameCreate {
    pub model: String,
    pub name: String,
}

impl Call for NameCreate {
    type Output = (i64, String);
    fn path(&self) -> String {
        CallKw::route(&self.model, "name_create")
    }
    fn params(&self) -> Value {
        call_params(
            &self.model,
            "name_create",
            vec![json!(self.name)],
            Map::new(),
        )
    }
    fn kind(&self) -> CallKind {
        CallKind::Write
    }
    fn decode(&self, result: Value) -> Result<(i64, String), Error> {
        match result.as_array().map(Vec::as_slice) {
            Some([id, name]) if id.is_i64() => Ok((
                id.as_i64().unwrap_or_default(),
                name.as_str().unwrap_or_default().to_string(),
            )),
            _ => Err(shape("name_create", &result)),
        }
    }
}
