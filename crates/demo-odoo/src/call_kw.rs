//! `/web/dataset/call_kw`: a model method called with Python's argument
//! rules (so wrong calls get Python's TypeErrors), record rules and access
//! rights as Odoo applies them to the demo users, and each method's
//! version-specific signature.

use crate::access::{self, Op};
use crate::bind::{Bound, Sig, Unknown};
use crate::json::{jobj, Json};
use crate::model::{self, Model, ModelId};
use crate::orm::{self, Search, Want};
use crate::session_info::UserKind;
use crate::wire::{py_repr, py_type, PyError};
use crate::write::{truthy, Writer};
use odoo_rpc::versions::{MissingMethod, PrivateMethod, Release, WebFields};
use rusqlite::Connection;
use serde_json::{Map, Value};

/// The signed-in user, as the methods need them.
pub struct Caller {
    pub uid: i64,
    pub kind: UserKind,
    pub partner_id: i64,
    /// As access errors name the user.
    pub name: String,
}

/// A method this demo answers; any other "does not exist".
struct Method {
    name: &'static str,
    /// The class the unpacking errors name (`Base.web_read()`,
    /// `BaseModel.read()`); the method's own signature names it too.
    class: &'static str,
    /// Whether a release has it.
    exists: fn(&Release) -> bool,
    /// Reads pass the model's access rules first; changes have their own
    /// refusals, and `fields_get` and the access probes are open to all.
    checks_access: bool,
    /// Changes the tables: run in a transaction of its own.
    writes: bool,
    run: fn(&Ctx<'_>) -> Result<Json, PyError>,
}

const fn reads(name: &'static str, run: fn(&Ctx<'_>) -> Result<Json, PyError>) -> Method {
    Method {
        name,
        class: "BaseModel",
        exists: |_| true,
        checks_access: true,
        writes: false,
        run,
    }
}

const fn changes(name: &'static str, run: fn(&Ctx<'_>) -> Result<Json, PyError>) -> Method {
    Method {
        checks_access: false,
        writes: true,
        ..reads(name, run)
    }
}

/// A method that asks about rights: no read check of its own.
const fn probes(name: &'static str, run: fn(&Ctx<'_>) -> Result<Json, PyError>) -> Method {
    Method {
        checks_access: false,
        ..reads(name, run)
    }
}

static METHODS: [Method; 19] = [
    reads("search_read", search_read),
    reads("default_get", default_get),
    Method {
        class: "Base",
        ..reads("web_search_read", web_search_read)
    },
    reads("search_count", search_count),
    reads("search", search),
    reads("read", read),
    Method {
        class: "Base",
        exists: |r| r.web_read,
        ..reads("web_read", web_read)
    },
    reads("name_search", name_search),
    probes("fields_get", fields_get),
    Method {
        exists: |r| r.name_get,
        ..reads("name_get", name_get)
    },
    changes("write", write),
    changes("unlink", unlink),
    changes("create", create),
    changes("name_create", name_create),
    Method {
        class: "Base",
        exists: |r| r.web_read,
        ..changes("web_save", web_save)
    },
    changes("action_archive", |cx| set_active(cx, false)),
    changes("action_unarchive", |cx| set_active(cx, true)),
    probes("check_access_rights", check_access_rights),
    Method {
        exists: Release::has_access,
        ..probes("has_access", has_access)
    },
];

fn method(name: &str, version: u8) -> Option<&'static Method> {
    METHODS
        .iter()
        .find(|m| m.name == name && (m.exists)(crate::release(version)))
}

/// The error for a method that cannot be called: an AttributeError, or
/// for `_private` names what the version says of them.
pub fn method_error(model: &str, method: &str, version: u8) -> PyError {
    let r = crate::release(version);
    if method.starts_with('_') {
        match r.private_method {
            PrivateMethod::Access => {
                return PyError::access(format!(
                    "Private methods (such as {method}) cannot be called remotely."
                ))
            }
            PrivateMethod::AccessQualified => {
                return PyError::access(format!(
                    "Private methods (such as '{model}.{method}') cannot be called remotely."
                ))
            }
            PrivateMethod::Missing => {}
        }
    }
    PyError::attribute(match r.missing_method {
        MissingMethod::TypeObject => format!("type object '{model}' has no attribute '{method}'"),
        MissingMethod::OnTheModel => {
            format!("The method '{method}' does not exist on the model '{model}'")
        }
        MissingMethod::DoesNotExist => format!("The method '{model}.{method}' does not exist"),
    })
}

/// What Python's iteration of a JSON value yields: a list's items, a
/// string's characters, an object's keys; `None` if it is not iterable.
fn py_items(v: &Value) -> Option<Vec<Value>> {
    match v {
        Value::Array(a) => Some(a.clone()),
        Value::String(s) => Some(s.chars().map(|c| Value::String(c.to_string())).collect()),
        Value::Object(o) => Some(o.keys().cloned().map(Value::String).collect()),
        _ => None,
    }
}

/// Python's `*args` / `**kwargs` unpacking of what the client sent.
fn unpack_args(qual: &str, args: &Value) -> Result<Vec<Value>, PyError> {
    py_items(args).ok_or_else(|| {
        PyError::type_error(format!(
            "{qual}() argument after * must be an iterable, not {}",
            py_type(args)
        ))
    })
}

fn unpack_kwargs(qual: &str, kwargs: &Value) -> Result<Map<String, Value>, PyError> {
    match kwargs {
        Value::Object(o) => Ok(o.clone()),
        other => Err(PyError::type_error(format!(
            "{qual}() argument after ** must be a mapping, not {}",
            py_type(other)
        ))),
    }
}

/// A LIMIT/OFFSET value as PostgreSQL would take it.
fn row_count(v: Option<&Value>, clause: &str) -> Result<Option<u64>, PyError> {
    let bad_text = |s: &str| {
        PyError::new(
            "psycopg2.errors.InvalidTextRepresentation",
            format!("invalid input syntax for type bigint: \"{s}\""),
        )
    };
    let n: i64 = match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => return Ok(None),
        Some(Value::Number(n)) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i,
            // PostgreSQL rounds a numeric to the nearest bigint.
            (None, Some(f)) => f.round() as i64,
            _ => return Err(bad_text(&n.to_string())),
        },
        Some(Value::String(s)) => s.trim().parse::<i64>().map_err(|_| bad_text(s))?,
        Some(other) => {
            return Err(PyError::new(
                "psycopg2.errors.DatatypeMismatch",
                format!(
                    "argument of {clause} must be type bigint, not type {}",
                    match other {
                        Value::Bool(_) => "boolean",
                        Value::Array(_) => "integer[]",
                        _ => "json",
                    }
                ),
            ))
        }
    };
    if n < 0 {
        let (name, text) = if clause == "LIMIT" {
            (
                "psycopg2.errors.InvalidRowCountInLimitClause",
                "LIMIT must not be negative",
            )
        } else {
            (
                "psycopg2.errors.InvalidRowCountInResultOffsetClause",
                "OFFSET must not be negative",
            )
        };
        return Err(PyError::new(name, text));
    }
    Ok(u64::try_from(n).ok())
}

fn order_arg(v: Option<&Value>) -> Result<Option<&str>, PyError> {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(PyError::type_error(format!(
            "expected string or bytes-like object, got '{}'",
            py_type(other)
        ))),
    }
}

/// `fields` as `read` iterates it.
fn field_names(m: &Model, v: Option<&Value>, version: u8) -> Result<Vec<(String, Want)>, PyError> {
    let v = match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => {
            return Ok(orm::all_fields(m, version))
        }
        Some(Value::Array(a)) if a.is_empty() => return Ok(orm::all_fields(m, version)),
        Some(v) => v,
    };
    let names = py_items(v)
        .ok_or_else(|| PyError::type_error(format!("'{}' object is not iterable", py_type(v))))?;
    let mut out = Vec::new();
    for n in names {
        match n.as_str().and_then(|s| m.field(s, version)) {
            Some(f) => out.push((f.name.to_string(), Want::Classic)),
            None => {
                let shown = match &n {
                    Value::String(s) => format!("'{s}'"),
                    other => py_repr(other),
                };
                return Err(m.invalid_field(&shown, version));
            }
        }
    }
    Ok(out)
}

static NO_DOMAIN: Value = Value::Array(Vec::new());

/// A domain argument: none (or a falsy one) is every record.
fn domain_arg(v: Option<&Value>) -> &Value {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => &NO_DOMAIN,
        Some(d) => d,
    }
}

/// `read(load=…)`: anything but the default `"_classic_read"` gives
/// many-to-ones as bare ids.
fn loaded(fields: Vec<(String, Want)>, load: Option<&Value>) -> Vec<(String, Want)> {
    if load.is_some_and(|l| l.as_str().is_none_or(|s| s != "_classic_read")) {
        return fields.into_iter().map(|(n, _)| (n, Want::Bare)).collect();
    }
    fields
}

fn index_error() -> PyError {
    PyError::new("builtins.IndexError", "list index out of range")
}

/// `read`'s `ids`: an id or a list of ids.
fn record_ids(v: &Value) -> Result<Vec<i64>, PyError> {
    let one = |v: &Value| -> Result<i64, PyError> {
        match v {
            Value::Number(n) if n.is_i64() => Ok(n.as_i64().unwrap_or(0)),
            other => Err(PyError::new(
                "psycopg2.errors.InvalidTextRepresentation",
                format!(
                    "invalid input syntax for type integer: \"{}\"",
                    match other {
                        Value::String(s) => s.clone(),
                        o => py_repr(o),
                    }
                ),
            )),
        }
    };
    match v {
        Value::Array(a) => a.iter().map(one).collect(),
        Value::Null | Value::Bool(false) => Ok(Vec::new()),
        v => Ok(vec![one(v)?]),
    }
}

pub struct Call<'a> {
    pub conn: &'a Connection,
    pub version: u8,
    pub caller: &'a Caller,
    pub model: &'static Model,
    pub method: &'a str,
}

/// A call with its arguments unpacked, as each method sees it.
struct Ctx<'a> {
    call: &'a Call<'a>,
    /// `Class.method`, as Python's errors name it.
    qual: String,
    args: Vec<Value>,
    kwargs: Map<String, Value>,
    context: Value,
    active_test: bool,
    /// A record rule: only this record is visible (a portal user's own
    /// contact).
    only: Option<i64>,
}

impl Call<'_> {
    /// Runs the method with the client's `args` and `kwargs`.
    pub fn run(&self, args: &Value, kwargs: &Value) -> Result<Json, PyError> {
        let (m, v) = (self.model, self.version);
        let Some(method) = method(self.method, v) else {
            return Err(method_error(m.name, self.method, v));
        };
        let qual = format!("{}.{}", method.class, method.name);
        let args = unpack_args(&qual, args)?;
        let mut kwargs = unpack_kwargs(&qual, kwargs)?;
        let context = kwargs.remove("context").unwrap_or(Value::Null);
        let active_test = context
            .get("active_test")
            .map(|a| !matches!(a, Value::Bool(false) | Value::Null))
            .unwrap_or(true);
        let portal = self.caller.kind == UserKind::Portal;
        if method.checks_access && !access::allowed(self.caller.kind, m.id, Op::Read) {
            return Err(access::denied(m, Op::Read, crate::release(v)));
        }
        let cx = Ctx {
            call: self,
            qual,
            args,
            kwargs,
            context,
            active_test,
            only: (portal && m.id == ModelId::Partner).then_some(self.caller.partner_id),
        };
        if !method.writes {
            return (method.run)(&cx);
        }
        // One transaction per change: committed before the answer leaves,
        // or, on any error, rolled back with nothing kept.
        let tx = self.conn.unchecked_transaction()?;
        let out = (method.run)(&cx)?;
        tx.commit()?;
        Ok(out)
    }

    /// A record rule's refusal of `operation`.
    fn record_rule_error(&self, operation: &str) -> PyError {
        let m = self.model;
        if crate::release(self.version).record_rule_names_user {
            return PyError::access(format!(
                "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, {} (id={}) doesn't have '{operation}' access to:\n- {} ({})\n\nIf you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.",
                self.caller.name, self.caller.uid, m.description, m.name
            ));
        }
        PyError::access(format!(
            "Due to security restrictions, you are not allowed to access '{}' ({}) records.\n\nContact your administrator to request access if necessary.",
            m.description, m.name
        ))
    }

    /// Whether a change may go ahead, refused in the order Odoo finds
    /// out: access rights, then (for `write`, which reads the records
    /// first) the record rules, then ids that no longer exist. The values
    /// are checked as they are written.
    fn check_change(&self, op: Op, ids: &[i64]) -> Result<(), PyError> {
        let m = self.model;
        let r = crate::release(self.version);
        let kind = self.caller.kind;
        // The portal user may read their own contact but write none.
        let own_only = kind == UserKind::Portal && m.id == ModelId::Partner && op == Op::Write;
        if !access::allowed(kind, m.id, op) && !own_only {
            return Err(access::denied(m, op, r));
        }
        let (existing, missing) = existing_and_missing(self.conn, m, ids)?;
        if own_only {
            if existing.iter().any(|id| *id != self.caller.partner_id) {
                return Err(self.record_rule_error("read"));
            }
            return Err(access::denied(m, op, r));
        }
        if !missing.is_empty() {
            return Err(orm::missing_error(m, &missing, self.caller.uid));
        }
        Ok(())
    }
}

impl Ctx<'_> {
    /// The method's own signature.
    fn sig<'p>(&'p self, params: &'p [&'p str], required: usize) -> Sig<'p> {
        Sig::new(&self.qual, params, required)
    }

    /// Changes made by this call's user, stamped with one moment.
    fn writer(&self) -> Writer<'_> {
        Writer {
            conn: self.call.conn,
            version: self.call.version,
            uid: self.call.caller.uid,
            now: crate::clock::odoo_datetime(crate::clock::now_unix()),
        }
    }

    fn search<'a>(
        &self,
        domain: &'a Value,
        offset: Option<u64>,
        limit: Option<u64>,
        order: Option<&'a str>,
    ) -> Search<'a> {
        Search {
            model: self.call.model,
            domain,
            offset: offset.unwrap_or(0),
            limit,
            order,
            active_test: self.active_test,
            version: self.call.version,
            only: self.only,
        }
    }

    /// The search that `domain`, `offset`, `limit` and `order` ask for,
    /// checked as Odoo checks them: the order before the query runs.
    fn paged<'b>(&self, b: &'b Bound<'_>) -> Result<Search<'b>, PyError> {
        let order = order_arg(b.get("order"))?;
        let offset = row_count(b.get("offset"), "OFFSET")?;
        let limit = row_count(b.get("limit"), "LIMIT")?;
        Ok(self.search(domain_arg(b.get("domain")), offset, limit, order))
    }

    /// The ids a `read`-like method is called on, and the arguments after
    /// them.
    fn ids_and_rest(&self) -> Result<(Vec<i64>, &[Value]), PyError> {
        let (ids, rest) = self.args.split_first().ok_or_else(index_error)?;
        Ok((record_ids(ids)?, rest))
    }

    /// Odoo's read checks, then the read: a record the user may not see
    /// is an AccessError; one that does not exist is left out, or with
    /// `missing_fails` a MissingError.
    fn read_checked(
        &self,
        ids: &[i64],
        wants: &[(String, Want)],
        missing_fails: bool,
    ) -> Result<Vec<Json>, PyError> {
        let (c, m) = (self.call, self.call.model);
        let (existing, missing) = existing_and_missing(c.conn, m, ids)?;
        if let Some(own) = self.only {
            if existing.iter().any(|id| *id != own) {
                return Err(c.record_rule_error("read"));
            }
        }
        if missing_fails && !missing.is_empty() {
            return Err(orm::missing_error(m, &missing, c.caller.uid));
        }
        orm::read(c.conn, m, ids, wants, c.version, self.active_test)
    }
}

fn search_read(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let (c, m) = (cx.call, cx.call.model);
    let b = Sig {
        unknown: Unknown::PassTo("BaseModel.read", &["load"]),
        ..cx.sig(&["domain", "fields", "offset", "limit", "order"], 0)
    }
    .bind(&cx.args, &cx.kwargs)?;
    let fields = loaded(field_names(m, b.get("fields"), c.version)?, b.get("load"));
    let ids = orm::search(c.conn, &cx.paged(&b)?)?;
    let records = orm::read(c.conn, m, &ids, &fields, c.version, cx.active_test)?;
    Ok(Json::Arr(records))
}

fn search(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let params: &[&str] = if crate::release(cx.call.version).search_count_param {
        &["domain", "offset", "limit", "order", "count"]
    } else {
        &["domain", "offset", "limit", "order"]
    };
    let b = cx.sig(params, 1).bind(&cx.args, &cx.kwargs)?;
    let s = cx.paged(&b)?;
    if b.get("count") == Some(&Value::Bool(true)) {
        return Ok(Json::from(orm::count(cx.call.conn, &s, None)?));
    }
    Ok(Json::from(orm::search(cx.call.conn, &s)?))
}

fn search_count(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let b = cx.sig(&["domain", "limit"], 1).bind(&cx.args, &cx.kwargs)?;
    let s = cx.search(domain_arg(b.get("domain")), None, None, None);
    let limit = row_count(b.get("limit"), "LIMIT")?;
    Ok(Json::from(orm::count(cx.call.conn, &s, limit)?))
}

fn web_search_read(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let (c, m, v) = (cx.call, cx.call.model, cx.call.version);
    let specification = crate::release(v).web_fields == WebFields::Specification;
    let (fields, required) = if specification {
        ("specification", 2)
    } else {
        ("fields", 0)
    };
    let params = ["domain", fields, "offset", "limit", "order", "count_limit"];
    let b = cx.sig(&params, required).bind(&cx.args, &cx.kwargs)?;
    let wants = if specification {
        orm::specification(m, b.get(fields).unwrap_or(&Value::Null), v)?
    } else {
        field_names(m, b.get(fields), v)?
    };
    let offset = row_count(b.get("offset"), "OFFSET")?.unwrap_or(0);
    let limit = row_count(b.get("limit"), "LIMIT")?;
    let order = order_arg(b.get("order"))?;
    let count_limit = row_count(b.get("count_limit"), "LIMIT")?;
    let s = cx.search(domain_arg(b.get("domain")), Some(offset), limit, order);
    let ids = orm::search(c.conn, &s)?;
    if ids.is_empty() {
        return Ok(jobj! { "length" => 0i64, "records" => Json::Arr(vec![]) });
    }
    let records = orm::read(c.conn, m, &ids, &wants, v, cx.active_test)?;
    let current = offset + ids.len() as u64;
    let full_page = limit == Some(ids.len() as u64);
    let force_count = cx
        .context
        .get("force_search_count")
        .is_some_and(|f| !matches!(f, Value::Bool(false) | Value::Null));
    // Only a full page is counted (up to count_limit in 17+); otherwise
    // what was skipped plus what came back is the whole of it.
    let count_reached = specification && count_limit.is_some_and(|c| c <= current);
    let length = if limit.is_some() && ((full_page && !count_reached) || force_count) {
        orm::count(c.conn, &s, count_limit)?
    } else {
        current
    };
    Ok(jobj! { "length" => length, "records" => Json::Arr(records) })
}

fn read(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let (ids, rest) = cx.ids_and_rest()?;
    let b = cx.sig(&["fields", "load"], 0).bind(rest, &cx.kwargs)?;
    let fields = field_names(cx.call.model, b.get("fields"), cx.call.version)?;
    // `read` leaves out what no longer exists (16-19/write/06b2).
    let records = cx.read_checked(&ids, &loaded(fields, b.get("load")), false)?;
    Ok(Json::Arr(records))
}

fn web_read(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let (ids, rest) = cx.ids_and_rest()?;
    let b = cx.sig(&["specification"], 1).bind(rest, &cx.kwargs)?;
    let spec = b.get("specification").unwrap_or(&Value::Null);
    let wants = orm::specification(cx.call.model, spec, cx.call.version)?;
    Ok(Json::Arr(cx.read_checked(&ids, &wants, false)?))
}

fn name_get(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let (ids, rest) = cx.ids_and_rest()?;
    cx.sig(&[], 0).bind(rest, &cx.kwargs)?;
    let wants = [("display_name".to_string(), Want::Classic)];
    // It reads each record, and so fails on one that no longer exists.
    let records = cx.read_checked(&ids, &wants, true)?;
    let pair = |r: Json| {
        Json::Arr(vec![
            r.get("id").cloned().unwrap_or(Json::Null),
            r.get("display_name").cloned().unwrap_or(Json::Null),
        ])
    };
    Ok(Json::Arr(records.into_iter().map(pair).collect()))
}

fn name_search(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let domain = crate::release(cx.call.version).name_search_domain;
    let params = ["name", domain, "operator", "limit"];
    let b = cx.sig(&params, 0).bind(&cx.args, &cx.kwargs)?;
    let name = match b.get("name") {
        None | Some(Value::Null) | Some(Value::Bool(false)) => String::new(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => py_repr(other),
    };
    let operator = b.get("operator").and_then(Value::as_str).unwrap_or("ilike");
    let limit = match b.get("limit") {
        None => Some(100),
        Some(l) => row_count(Some(l), "LIMIT")?,
    };
    let s = cx.search(domain_arg(b.get(domain)), None, limit, None);
    orm::name_search(cx.call.conn, &s, &name, operator)
}

fn fields_get(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let b = cx
        .sig(&["allfields", "attributes"], 0)
        .bind(&cx.args, &cx.kwargs)?;
    let strings = |v: Option<&Value>| -> Option<Vec<String>> {
        match v {
            Some(Value::Array(a)) if !a.is_empty() => Some(
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect(),
            ),
            Some(Value::String(s)) => Some(vec![s.clone()]),
            _ => None,
        }
    };
    let only = strings(b.get("allfields"));
    let attrs = strings(b.get("attributes"));
    let (m, v) = (cx.call.model, cx.call.version);
    Ok(orm::fields_get(m, only.as_deref(), attrs.as_deref(), v))
}

/// What a new record would start with: the demo's models default only
/// their flags (clients ask before browsing).
fn default_get(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let m = cx.call.model;
    let b = cx.sig(&["fields_list"], 1).bind(&cx.args, &cx.kwargs)?;
    let asked: Vec<&str> = match b.get("fields_list") {
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    let mut out = Vec::new();
    for name in asked {
        let default = match name {
            "active" if m.active => Some(true),
            "is_company" if m.id == ModelId::Partner => Some(false),
            _ => None,
        };
        if let Some(d) = default {
            out.push((name.to_string(), Json::Bool(d)));
        }
    }
    Ok(Json::Obj(out))
}

/// A `vals` argument: a dict, as Python's `vals.items()` needs.
fn vals_of(v: &Value) -> Result<&Map<String, Value>, PyError> {
    v.as_object().ok_or_else(|| {
        PyError::attribute(format!("'{}' object has no attribute 'items'", py_type(v)))
    })
}

/// `create(vals_list)` as `@api.model_create_multi` takes it: one dict
/// answers an id, a list of dicts a list of ids (16-19/write/01a-01d).
fn create(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let b = cx.sig(&["vals_list"], 1).bind(&cx.args, &cx.kwargs)?;
    let given = b.value("vals_list");
    let list = match given {
        Value::Object(_) => vec![given.clone()],
        v if !truthy(v) => Vec::new(),
        v => py_items(v).ok_or_else(|| {
            PyError::type_error(format!("'{}' object is not iterable", py_type(v)))
        })?,
    };
    if list.is_empty() {
        return Ok(Json::Arr(Vec::new()));
    }
    cx.call.check_change(Op::Create, &[])?;
    let w = cx.writer();
    let ids = list
        .iter()
        .map(|v| w.create(cx.call.model, vals_of(v)?))
        .collect::<Result<Vec<i64>, PyError>>()?;
    Ok(match ids.as_slice() {
        [id] if given.is_object() => Json::Int(*id),
        _ => Json::from(ids),
    })
}

fn write(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let (ids, rest) = cx.ids_and_rest()?;
    let b = cx.sig(&["vals"], 1).bind(rest, &cx.kwargs)?;
    // An empty recordset's write is done before any check.
    if ids.is_empty() {
        return Ok(Json::Bool(true));
    }
    cx.call.check_change(Op::Write, &ids)?;
    cx.writer()
        .write(cx.call.model, &ids, vals_of(b.value("vals"))?)?;
    Ok(Json::Bool(true))
}

fn unlink(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let (ids, rest) = cx.ids_and_rest()?;
    cx.sig(&[], 0).bind(rest, &cx.kwargs)?;
    if ids.is_empty() {
        return Ok(Json::Bool(true));
    }
    cx.call.check_change(Op::Unlink, &ids)?;
    cx.writer().unlink(cx.call.model, &ids)?;
    Ok(Json::Bool(true))
}

/// `action_archive` / `action_unarchive`: reads the records (so a missing
/// one is a MissingError), then writes `active` on those not yet in that
/// state; None either way (16-19/write/05a, 05h).
fn set_active(cx: &Ctx<'_>, active: bool) -> Result<Json, PyError> {
    let (ids, rest) = cx.ids_and_rest()?;
    cx.sig(&[], 0).bind(rest, &cx.kwargs)?;
    let m = cx.call.model;
    if !m.active {
        return Err(PyError::new(
            "builtins.AssertionError",
            format!("No 'active' field on model {}", m.name),
        ));
    }
    let wants = [("active".to_string(), Want::Classic)];
    let records = cx.read_checked(&ids, &wants, true)?;
    let mut todo: Vec<i64> = records
        .iter()
        .filter(|r| r.get("active") != Some(&Json::Bool(active)))
        .filter_map(|r| r.get("id").and_then(Json::as_i64))
        .collect();
    todo.dedup();
    if !todo.is_empty() {
        cx.call.check_change(Op::Write, &todo)?;
        let vals = Map::from_iter([("active".to_string(), Value::Bool(active))]);
        cx.writer().write(m, &todo, &vals)?;
    }
    Ok(Json::Null)
}

/// `name_create(name)`: a record from its name alone, `[id, "display
/// name"]` (16-19/write/07b; a country needs a code from 17, 07d).
fn name_create(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let b = cx.sig(&["name"], 1).bind(&cx.args, &cx.kwargs)?;
    cx.call.check_change(Op::Create, &[])?;
    let (c, m) = (cx.call, cx.call.model);
    let vals = Map::from_iter([("name".to_string(), b.value("name").clone())]);
    let id = cx.writer().create(m, &vals)?;
    let wants = [("display_name".to_string(), Want::Classic)];
    let display = orm::read(c.conn, m, &[id], &wants, c.version, false)?
        .first()
        .and_then(|r| r.get("display_name").cloned())
        .unwrap_or(Json::Bool(false));
    Ok(Json::Arr(vec![Json::Int(id), display]))
}

/// `web_save(vals, specification, next_id)` (17+): `create` on no ids,
/// `write` on some, then the saved record in `web_read` form.
fn web_save(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let (ids, rest) = cx.ids_and_rest()?;
    let b = cx
        .sig(&["vals", "specification", "next_id"], 2)
        .bind(rest, &cx.kwargs)?;
    let (c, m) = (cx.call, cx.call.model);
    let vals = vals_of(b.value("vals"))?;
    let mut ids = if ids.is_empty() {
        c.check_change(Op::Create, &[])?;
        vec![cx.writer().create(m, vals)?]
    } else {
        c.check_change(Op::Write, &ids)?;
        cx.writer().write(m, &ids, vals)?;
        ids
    };
    if let Some(next) = b.get("next_id").filter(|n| truthy(n)) {
        ids = record_ids(next)?;
    }
    let wants = orm::specification(m, b.value("specification"), c.version)?;
    Ok(Json::Arr(cx.read_checked(&ids, &wants, false)?))
}

/// `check_access_rights(operation, raise_exception=True)`: whether the
/// user's group may; refused as an AccessError when asked to raise. 18+
/// hands over to `check_access`, which answers None when allowed.
fn check_access_rights(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let b = cx
        .sig(&["operation", "raise_exception"], 1)
        .bind(&cx.args, &cx.kwargs)?;
    let c = cx.call;
    let op = Op::parse(b.value("operation"))?;
    let raise = b.get("raise_exception").is_none_or(truthy);
    let r = crate::release(c.version);
    match (access::allowed(c.caller.kind, c.model.id, op), raise) {
        (true, true) if r.has_access() => Ok(Json::Null),
        (allowed, false) => Ok(Json::Bool(allowed)),
        (true, true) => Ok(Json::Bool(true)),
        (false, true) => Err(access::denied(c.model, op, r)),
    }
}

/// `has_access(operation)` (18+) on records: the group's right, and for
/// the portal user the record rule on the records given.
fn has_access(cx: &Ctx<'_>) -> Result<Json, PyError> {
    let (ids, rest) = cx.ids_and_rest()?;
    let b = cx.sig(&["operation"], 1).bind(rest, &cx.kwargs)?;
    let c = cx.call;
    let op = Op::parse(b.value("operation"))?;
    let mut allowed = access::allowed(c.caller.kind, c.model.id, op);
    if let Some(own) = cx.only {
        let existing = orm::existing(c.conn, c.model, &ids)?;
        allowed &= existing.iter().all(|id| *id == own);
    }
    Ok(Json::Bool(allowed))
}

/// Which of `ids` exist, and which do not (in the order asked).
fn existing_and_missing(
    conn: &Connection,
    m: &Model,
    ids: &[i64],
) -> Result<(Vec<i64>, Vec<i64>), PyError> {
    let existing = orm::existing(conn, m, ids)?;
    let missing = ids
        .iter()
        .copied()
        .filter(|i| !existing.contains(i))
        .collect();
    Ok((existing, missing))
}

/// The model a call names, or the error each version raises.
pub fn resolve_model(name: &Value) -> Result<&'static Model, String> {
    match name {
        Value::String(s) => model::by_name(s).ok_or_else(|| s.clone()),
        other => Err(py_repr(other)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn limits_as_postgresql_takes_them() {
        assert_eq!(row_count(Some(&json!(5)), "LIMIT").unwrap(), Some(5));
        assert_eq!(row_count(Some(&json!("7")), "LIMIT").unwrap(), Some(7));
        assert_eq!(row_count(Some(&json!(false)), "LIMIT").unwrap(), None);
        assert_eq!(
            row_count(Some(&json!("abc")), "LIMIT").unwrap_err().message,
            "invalid input syntax for type bigint: \"abc\""
        );
        assert_eq!(
            row_count(Some(&json!(-1)), "LIMIT").unwrap_err().message,
            "LIMIT must not be negative"
        );
    }

    #[test]
    fn method_errors_per_version() {
        assert_eq!(
            method_error("res.partner", "_read", 16).name,
            "odoo.exceptions.AccessError"
        );
        assert_eq!(
            method_error("res.partner", "_read", 18).message,
            "The method 'res.partner._read' does not exist"
        );
        assert_eq!(
            method_error("res.partner", "nope", 16).message,
            "type object 'res.partner' has no attribute 'nope'"
        );
    }
}
