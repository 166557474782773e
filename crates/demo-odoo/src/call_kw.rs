//! `/web/dataset/call_kw`: a model method called with Python's argument
//! rules (so wrong calls get Python's TypeErrors), record rules and access
//! rights as Odoo applies them to the demo users, and each method's
//! version-specific signature.

use crate::json::{jobj, Json};
use crate::model::{self, Model, ModelId};
use crate::orm::{self, Search, Want};
use crate::session_info::UserKind;
use crate::wire::{py_name_list, py_repr, py_type, PyError};
use odoo_rpc::versions::{MissingMethod, PrivateMethod, WebFields};
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

/// A Python signature: qualified name, parameter names (after `self`),
/// how many are required, and where unknown keywords go (`search_read`
/// passes them on to `read`).
struct Sig<'a> {
    qual: &'static str,
    params: &'a [&'a str],
    required: usize,
    passes_to: Option<(&'static str, &'static [&'static str])>,
}

impl<'a> Sig<'a> {
    const fn new(qual: &'static str, params: &'a [&'a str], required: usize) -> Sig<'a> {
        Sig {
            qual,
            params,
            required,
            passes_to: None,
        }
    }

    /// Binds positional and keyword arguments to parameters, as Python does.
    fn bind(
        &self,
        args: &[Value],
        kwargs: &Map<String, Value>,
    ) -> Result<Vec<Option<Value>>, PyError> {
        let n = self.params.len();
        if args.len() > n {
            let takes = if self.required == n {
                format!("{}", n + 1)
            } else {
                format!("from {} to {}", self.required + 1, n + 1)
            };
            let was = if args.len() + 1 == 1 { "was" } else { "were" };
            return Err(PyError::type_error(format!(
                "{}() takes {takes} positional argument{} but {} {was} given",
                self.qual,
                if n == 0 { "" } else { "s" },
                args.len() + 1
            )));
        }
        let mut bound: Vec<Option<Value>> = args.iter().cloned().map(Some).collect();
        bound.resize(n, None);
        for (k, v) in kwargs {
            match self.params.iter().position(|p| p == k) {
                Some(i) if i < args.len() => {
                    return Err(PyError::type_error(format!(
                        "{}() got multiple values for argument '{k}'",
                        self.qual
                    )));
                }
                Some(i) => bound[i] = Some(v.clone()),
                None => {
                    let (qual, accepted) = self.passes_to.unwrap_or((self.qual, &[]));
                    if !accepted.contains(&k.as_str()) {
                        return Err(PyError::type_error(format!(
                            "{qual}() got an unexpected keyword argument '{k}'"
                        )));
                    }
                }
            }
        }
        let missing: Vec<&str> = (0..self.required)
            .filter(|i| bound[*i].is_none())
            .map(|i| self.params[i])
            .collect();
        if !missing.is_empty() {
            return Err(PyError::type_error(format!(
                "{}() missing {} required positional argument{}: {}",
                self.qual,
                missing.len(),
                if missing.len() == 1 { "" } else { "s" },
                py_name_list(&missing)
            )));
        }
        Ok(bound)
    }
}

/// The methods this demo answers; the rest "do not exist".
const METHODS: [&str; 12] = [
    "search_read",
    "default_get",
    "web_search_read",
    "search_count",
    "search",
    "read",
    "web_read",
    "name_search",
    "fields_get",
    "name_get",
    "write",
    "create",
];

fn method_exists(method: &str, version: u8) -> bool {
    match method {
        "web_read" | "web_save" => crate::release(version).web_read,
        "name_get" => crate::release(version).name_get,
        "unlink" | "name_create" => true,
        m => METHODS.contains(&m),
    }
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

fn access_denied(m: &Model, verb: &str, groups: &[&str]) -> PyError {
    let mut text = format!(
        "You are not allowed to {verb} '{}' ({}) records.",
        m.description, m.name
    );
    if !groups.is_empty() {
        text.push_str("\n\nThis operation is allowed for the following groups:\n");
        text.push_str(
            &groups
                .iter()
                .map(|g| format!("\t- {g}"))
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    text.push_str("\n\nContact your administrator to request access if necessary.");
    PyError::access(text)
}

/// Python's `*args` / `**kwargs` unpacking of what the client sent.
fn unpack_args(qual: &str, args: &Value) -> Result<Vec<Value>, PyError> {
    match args {
        Value::Array(a) => Ok(a.clone()),
        Value::String(s) => Ok(s.chars().map(|c| Value::String(c.to_string())).collect()),
        Value::Object(o) => Ok(o.keys().cloned().map(Value::String).collect()),
        other => Err(PyError::type_error(format!(
            "{qual}() argument after * must be an iterable, not {}",
            py_type(other)
        ))),
    }
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

fn order_arg(v: Option<&Value>) -> Result<Option<String>, PyError> {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(PyError::type_error(format!(
            "expected string or bytes-like object, got '{}'",
            py_type(other)
        ))),
    }
}

/// `fields` as `read` iterates it.
fn field_names(m: &Model, v: Option<&Value>, version: u8) -> Result<Vec<(String, Want)>, PyError> {
    let names: Vec<Value> = match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => {
            return Ok(orm::all_fields(m, version))
        }
        Some(Value::Array(a)) if a.is_empty() => return Ok(orm::all_fields(m, version)),
        Some(Value::Array(a)) => a.clone(),
        Some(Value::String(s)) => s.chars().map(|c| Value::String(c.to_string())).collect(),
        Some(Value::Object(o)) => o.keys().cloned().map(Value::String).collect(),
        Some(other) => {
            return Err(PyError::type_error(format!(
                "'{}' object is not iterable",
                py_type(other)
            )))
        }
    };
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

impl Call<'_> {
    /// Runs the method with the client's `args` and `kwargs`.
    pub fn run(&self, args: &Value, kwargs: &Value) -> Result<Json, PyError> {
        let (m, v, method) = (self.model, self.version, self.method);
        if !method_exists(method, v) {
            return Err(method_error(m.name, method, v));
        }
        let qual = |name: &str| -> &'static str {
            match name {
                "web_search_read" | "web_read" => "Base",
                _ => "BaseModel",
            }
        };
        let full = format!("{}.{method}", qual(method));
        let args = unpack_args(&full, args)?;
        let mut kwargs = unpack_kwargs(&full, kwargs)?;
        let context = kwargs.remove("context").unwrap_or(Value::Null);
        let active_test = context
            .get("active_test")
            .map(|a| !matches!(a, Value::Bool(false) | Value::Null))
            .unwrap_or(true);
        let portal = self.caller.kind == UserKind::Portal;

        match method {
            "write" | "unlink" => {
                let ids = record_ids(args.first().unwrap_or(&Value::Null))?;
                return Err(self.refuse_change(method, &ids));
            }
            "create" => return Err(self.refuse_change(method, &[])),
            "web_save" => {
                // Its signature is checked; saving is not done here.
                let (ids, rest) = args.split_first().ok_or_else(|| {
                    PyError::new("builtins.IndexError", "list index out of range")
                })?;
                Sig::new("Base.web_save", &["vals", "specification", "next_id"], 2)
                    .bind(rest, &kwargs)?;
                let ids = record_ids(ids)?;
                let change = if ids.is_empty() { "create" } else { "write" };
                return Err(self.refuse_change(change, &ids));
            }
            "name_create" => {
                Sig::new("BaseModel.name_create", &["name"], 1).bind(&args, &kwargs)?;
                return Err(self.refuse_change(method, &[]));
            }
            _ => {}
        }
        if portal && m.id == ModelId::Category && method != "fields_get" {
            return Err(access_denied(
                m,
                "access",
                &["Extra Rights/Contact Creation", "User types/Internal User"],
            ));
        }
        // A portal user sees only their own contact.
        let only = (portal && m.id == ModelId::Partner).then_some(self.caller.partner_id);
        let search = |domain, offset: Option<u64>, limit, order| {
            self.search(domain, offset.unwrap_or(0), limit, order, active_test, only)
        };
        let empty = Value::Array(vec![]);
        let domain_of = |d: &Option<Value>| match d {
            None | Some(Value::Null) | Some(Value::Bool(false)) => empty.clone(),
            Some(d) => d.clone(),
        };

        match method {
            "search_read" => {
                let sig = Sig {
                    passes_to: Some(("BaseModel.read", &["load"])),
                    ..Sig::new(
                        "BaseModel.search_read",
                        &["domain", "fields", "offset", "limit", "order"],
                        0,
                    )
                };
                let b = sig.bind(&args, &kwargs)?;
                let domain = domain_of(&b[0]);
                let mut fields = field_names(m, b[1].as_ref(), v)?;
                if kwargs
                    .get("load")
                    .is_some_and(|l| l.as_str().is_none_or(|s| s != "_classic_read"))
                {
                    fields = fields.into_iter().map(|(n, _)| (n, Want::Bare)).collect();
                }
                let order = order_arg(b[4].as_ref())?;
                let s = search(
                    &domain,
                    row_count(b[2].as_ref(), "OFFSET")?,
                    row_count(b[3].as_ref(), "LIMIT")?,
                    order.as_deref(),
                );
                let ids = orm::search(self.conn, &s)?;
                Ok(Json::Arr(orm::read(
                    self.conn,
                    m,
                    &ids,
                    &fields,
                    v,
                    active_test,
                )?))
            }
            "search" => {
                let params: &[&str] = if crate::release(v).search_count_param {
                    &["domain", "offset", "limit", "order", "count"]
                } else {
                    &["domain", "offset", "limit", "order"]
                };
                let b = Sig::new("BaseModel.search", params, 1).bind(&args, &kwargs)?;
                let domain = domain_of(&b[0]);
                let order = order_arg(b[3].as_ref())?;
                let s = search(
                    &domain,
                    row_count(b[1].as_ref(), "OFFSET")?,
                    row_count(b[2].as_ref(), "LIMIT")?,
                    order.as_deref(),
                );
                if b.get(4)
                    .and_then(|c| c.as_ref())
                    .is_some_and(|c| matches!(c, Value::Bool(true)))
                {
                    return Ok(Json::from(orm::count(self.conn, &s, None)?));
                }
                Ok(Json::from(orm::search(self.conn, &s)?))
            }
            "search_count" => {
                let b = Sig::new("BaseModel.search_count", &["domain", "limit"], 1)
                    .bind(&args, &kwargs)?;
                let domain = domain_of(&b[0]);
                let s = search(&domain, None, None, None);
                Ok(Json::from(orm::count(
                    self.conn,
                    &s,
                    row_count(b[1].as_ref(), "LIMIT")?,
                )?))
            }
            "web_search_read" => {
                let force_count = context
                    .get("force_search_count")
                    .is_some_and(|f| !matches!(f, Value::Bool(false) | Value::Null));
                self.web_search_read(&args, &kwargs, active_test, only, force_count)
            }
            "read" | "web_read" | "name_get" => {
                let Some((ids, rest)) = args.split_first() else {
                    return Err(PyError::new(
                        "builtins.IndexError",
                        "list index out of range",
                    ));
                };
                let ids = record_ids(ids)?;
                let wants = match method {
                    "read" => {
                        let b = Sig::new("BaseModel.read", &["fields", "load"], 0)
                            .bind(rest, &kwargs)?;
                        let mut fields = field_names(m, b[0].as_ref(), v)?;
                        if b[1]
                            .as_ref()
                            .is_some_and(|l| l.as_str().is_none_or(|s| s != "_classic_read"))
                        {
                            fields = fields.into_iter().map(|(n, _)| (n, Want::Bare)).collect();
                        }
                        fields
                    }
                    "web_read" => {
                        let b =
                            Sig::new("Base.web_read", &["specification"], 1).bind(rest, &kwargs)?;
                        orm::specification(m, b[0].as_ref().unwrap_or(&Value::Null), v)?
                    }
                    _ => {
                        Sig::new("BaseModel.name_get", &[], 0).bind(rest, &kwargs)?;
                        vec![("display_name".to_string(), Want::Classic)]
                    }
                };
                // `read` leaves out what no longer exists (16-19/write/06b2);
                // `name_get` reads each record and so fails on it.
                self.check_readable(&ids, only, method == "name_get")?;
                let records = orm::read(self.conn, m, &ids, &wants, v, active_test)?;
                if method == "name_get" {
                    return Ok(Json::Arr(
                        records
                            .into_iter()
                            .map(|r| {
                                Json::Arr(vec![
                                    r.get("id").cloned().unwrap_or(Json::Null),
                                    r.get("display_name").cloned().unwrap_or(Json::Null),
                                ])
                            })
                            .collect(),
                    ));
                }
                Ok(Json::Arr(records))
            }
            "name_search" => {
                let params = [
                    "name",
                    crate::release(v).name_search_domain,
                    "operator",
                    "limit",
                ];
                let b = Sig::new("BaseModel.name_search", &params, 0).bind(&args, &kwargs)?;
                let name = match &b[0] {
                    None | Some(Value::Null) | Some(Value::Bool(false)) => String::new(),
                    Some(Value::String(s)) => s.clone(),
                    Some(other) => py_repr(other),
                };
                let domain = domain_of(&b[1]);
                let operator = b[2]
                    .as_ref()
                    .and_then(Value::as_str)
                    .unwrap_or("ilike")
                    .to_string();
                let limit = match &b[3] {
                    None => Some(100),
                    Some(l) => row_count(Some(l), "LIMIT")?,
                };
                let s = search(&domain, None, limit, None);
                orm::name_search(self.conn, &s, &name, &operator)
            }
            "fields_get" => {
                let b = Sig::new("BaseModel.fields_get", &["allfields", "attributes"], 0)
                    .bind(&args, &kwargs)?;
                let strings = |v: &Option<Value>| -> Option<Vec<String>> {
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
                let only = strings(&b[0]);
                let attrs = strings(&b[1]);
                Ok(orm::fields_get(m, only.as_deref(), attrs.as_deref(), v))
            }
            "default_get" => {
                // What a new record would start with: the demo's models
                // default only their flags (clients ask before browsing).
                let b =
                    Sig::new("BaseModel.default_get", &["fields_list"], 1).bind(&args, &kwargs)?;
                let asked: Vec<&str> = match &b[0] {
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
            other => Err(method_error(m.name, other, v)),
        }
    }

    fn search<'a>(
        &self,
        domain: &'a Value,
        offset: u64,
        limit: Option<u64>,
        order: Option<&'a str>,
        active_test: bool,
        only: Option<i64>,
    ) -> Search<'a> {
        Search {
            model: self.model,
            domain,
            offset,
            limit,
            order,
            active_test,
            version: self.version,
            only,
        }
    }

    fn web_search_read(
        &self,
        args: &[Value],
        kwargs: &Map<String, Value>,
        active_test: bool,
        only: Option<i64>,
        force_count: bool,
    ) -> Result<Json, PyError> {
        let (m, v) = (self.model, self.version);
        let specification = crate::release(v).web_fields == WebFields::Specification;
        let (b, wants) = if !specification {
            let b = Sig::new(
                "Base.web_search_read",
                &[
                    "domain",
                    "fields",
                    "offset",
                    "limit",
                    "order",
                    "count_limit",
                ],
                0,
            )
            .bind(args, kwargs)?;
            let wants = field_names(m, b[1].as_ref(), v)?;
            (b, wants)
        } else {
            let b = Sig::new(
                "Base.web_search_read",
                &[
                    "domain",
                    "specification",
                    "offset",
                    "limit",
                    "order",
                    "count_limit",
                ],
                2,
            )
            .bind(args, kwargs)?;
            let wants = orm::specification(m, b[1].as_ref().unwrap_or(&Value::Null), v)?;
            (b, wants)
        };
        let empty = Value::Array(vec![]);
        let domain = match &b[0] {
            None | Some(Value::Null) | Some(Value::Bool(false)) => &empty,
            Some(d) => d,
        };
        let offset = row_count(b[2].as_ref(), "OFFSET")?.unwrap_or(0);
        let limit = row_count(b[3].as_ref(), "LIMIT")?;
        let order = order_arg(b[4].as_ref())?;
        let count_limit = row_count(b[5].as_ref(), "LIMIT")?;
        let s = Search {
            model: m,
            domain,
            offset,
            limit,
            order: order.as_deref(),
            active_test,
            version: v,
            only,
        };
        let ids = orm::search(self.conn, &s)?;
        if ids.is_empty() {
            return Ok(jobj! { "length" => 0i64, "records" => Json::Arr(vec![]) });
        }
        let records = orm::read(self.conn, m, &ids, &wants, v, active_test)?;
        let returned = ids.len() as u64;
        let current = offset + returned;
        let full_page = limit == Some(returned);
        // Only a full page is counted (up to count_limit in 17+); otherwise
        // what was skipped plus what came back is the whole of it.
        let count_reached = specification && count_limit.is_some_and(|c| c <= current);
        let length = if limit.is_some() && ((full_page && !count_reached) || force_count) {
            orm::count(self.conn, &s, count_limit)?
        } else {
            current
        };
        Ok(jobj! { "length" => length, "records" => Json::Arr(records) })
    }

    /// Odoo's read checks: a record the user may not see is an
    /// AccessError; one that does not exist is left out, or with
    /// `missing_fails` a MissingError.
    fn check_readable(
        &self,
        ids: &[i64],
        only: Option<i64>,
        missing_fails: bool,
    ) -> Result<(), PyError> {
        let existing = orm::existing(self.conn, self.model, ids)?;
        if let Some(own) = only {
            if existing.iter().any(|id| *id != own) {
                return Err(self.record_rule_error("read"));
            }
        }
        let missing: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|i| !existing.contains(i))
            .collect();
        if missing_fails && !missing.is_empty() {
            return Err(orm::missing_error(self.model, &missing, self.caller.uid));
        }
        Ok(())
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

    /// Why a change is refused, in the order Odoo finds out: access
    /// rights, then (for `write`, which reads the records first) the
    /// record rules, then ids that no longer exist, then database
    /// constraints; past all that, the demo keeps no changes.
    fn refuse_change(&self, method: &str, ids: &[i64]) -> PyError {
        let m = self.model;
        let r = crate::release(self.version);
        let portal = self.caller.kind == UserKind::Portal;
        let admin = self.caller.kind == UserKind::Admin;
        let allowed = match m.id {
            ModelId::Partner | ModelId::Category => !portal,
            _ => admin,
        };
        // The portal user may edit their own contact but no other.
        let own_only = portal && m.id == ModelId::Partner && method == "write";
        if !allowed && !own_only {
            let verb = match method {
                "create" | "name_create" => "create",
                "unlink" => "delete",
                _ => "modify",
            };
            let groups: &[&str] = match m.id {
                ModelId::Partner => &[r.contact_creation_group],
                ModelId::Category => &[r.contact_creation_group, "User types/Internal User"],
                _ => &[r.settings_group],
            };
            return access_denied(m, verb, groups);
        }
        let existing = match orm::existing(self.conn, m, ids) {
            Ok(e) => e,
            Err(e) => return e,
        };
        if own_only {
            if existing.iter().any(|id| *id != self.caller.partner_id) {
                return self.record_rule_error("read");
            }
            return access_denied(m, "modify", &[r.contact_creation_group]);
        }
        let missing: Vec<i64> = ids
            .iter()
            .copied()
            .filter(|i| !existing.contains(i))
            .collect();
        if !missing.is_empty() {
            return orm::missing_error(m, &missing, self.caller.uid);
        }
        // A country made from a name alone has no code.
        if method == "name_create" && m.id == ModelId::Country && r.country_code_required {
            return missing_value(m, "code", "Country Code", r.missing_value_wording);
        }
        PyError::user("This demo database is read-only: changes are not kept.")
    }
}

/// The ValidationError of a NOT NULL constraint on `field`.
fn missing_value(m: &Model, field: &str, label: &str, field_first: bool) -> PyError {
    let text = if field_first {
        format!(
            "The operation cannot be completed: Missing required value for the field '{label}' ({field}).\nModel: '{}' ({})\n- create/update: a mandatory field is not set\n- delete: another model requires the record being deleted, you can archive it instead\n",
            m.description, m.name
        )
    } else {
        format!(
            "The operation cannot be completed:\n- Create/update: a mandatory field is not set.\n- Delete: another model requires the record being deleted. If possible, archive it instead.\n\nModel: {} ({})\nField: {label} ({field})\n",
            m.description, m.name
        )
    };
    PyError::new("odoo.exceptions.ValidationError", text)
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

    fn kw(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap()
    }

    #[test]
    fn binds_like_python() {
        let sig = Sig::new(
            "Base.web_search_read",
            &["domain", "specification", "offset"],
            2,
        );
        assert_eq!(
            sig.bind(&[], &kw(json!({}))).unwrap_err().message,
            "Base.web_search_read() missing 2 required positional arguments: 'domain' and 'specification'"
        );
        assert_eq!(
            sig.bind(&[json!([])], &kw(json!({"fields": []})))
                .unwrap_err()
                .message,
            "Base.web_search_read() got an unexpected keyword argument 'fields'"
        );
        assert_eq!(
            sig.bind(&[json!([])], &kw(json!({"domain": []})))
                .unwrap_err()
                .message,
            "Base.web_search_read() got multiple values for argument 'domain'"
        );
        assert_eq!(
            sig.bind(&[json!(1), json!(2), json!(3), json!(4)], &kw(json!({})))
                .unwrap_err()
                .message,
            "Base.web_search_read() takes from 3 to 4 positional arguments but 5 were given"
        );
        let b = sig
            .bind(&[json!([])], &kw(json!({"specification": {}})))
            .unwrap();
        assert_eq!(b, vec![Some(json!([])), Some(json!({})), None]);
    }

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
