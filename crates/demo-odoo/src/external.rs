//! `/jsonrpc`, Odoo's external API (`odoo/service/{common,db,model}.py`):
//! what third-party client libraries speak (odoorpc, the JSON-RPC examples
//! of Odoo's documentation). No session: every `object` call carries the
//! database, uid and password.
//!
//! Services and methods answered: `common.version`, `common.login`,
//! `common.authenticate`, `db.list`, `object.execute` and
//! `object.execute_kw` on the demo's models, plus the two lookups clients
//! make before their first real call: `res.users.context_get` and an
//! `ir.model` search by model name.

use crate::auth::{self, Credential};
use crate::json::{jobj, Json};
use crate::model;
use crate::routes::{self, Incoming};
use crate::session_info;
use crate::sessions::Session;
use crate::wire::{py_type, Failure, PyError};
use crate::Inner;
use serde_json::{Map, Value};

/// Runs `service.method(*args)`.
pub(crate) fn dispatch(
    inner: &Inner,
    incoming: &Incoming,
    service: &Value,
    method: &Value,
    args: &Value,
) -> Result<Json, Failure> {
    let (Value::String(service), Value::String(method)) = (service, method) else {
        return Err(PyError::type_error("service and method must be strings").into());
    };
    let empty = Vec::new();
    let args = match args {
        Value::Array(a) => a,
        Value::Null => &empty,
        other => {
            return Err(PyError::type_error(format!(
                "dispatch() argument after * must be an iterable, not {}",
                py_type(other)
            ))
            .into())
        }
    };
    let text = |i: usize| args.get(i).and_then(Value::as_str).unwrap_or("");
    match (service.as_str(), method.as_str()) {
        ("common", "version") => Ok(session_info::version_info(inner.version)),
        ("common", "login" | "authenticate") => {
            if inner.db(text(0)).is_none() {
                return Err(unknown_db(text(0)));
            }
            match auth::check_password(
                inner,
                &incoming.addr,
                text(0),
                Credential::Login(text(1)),
                text(2),
            ) {
                Ok((_, uid)) => Ok(Json::Int(uid)),
                // Odoo's exp_authenticate turns AccessDenied into False.
                Err(Failure::Py(e)) if e.name == "odoo.exceptions.AccessDenied" => {
                    Ok(Json::Bool(false))
                }
                Err(other) => Err(other),
            }
        }
        ("db", "list") => Ok(Json::Arr(
            inner.visible.iter().map(|d| Json::from(*d)).collect(),
        )),
        ("object", "execute" | "execute_kw") => {
            let session = check_uid(inner, incoming, args)?;
            let model = args.get(3).cloned().unwrap_or(Value::Null);
            let name = args.get(4).cloned().unwrap_or(Value::Null);
            let (call_args, kwargs) = if method == "execute_kw" {
                (
                    args.get(5).cloned().unwrap_or(Value::Array(Vec::new())),
                    args.get(6).cloned().unwrap_or(Value::Object(Map::new())),
                )
            } else {
                (
                    Value::Array(args.iter().skip(5).cloned().collect()),
                    Value::Object(Map::new()),
                )
            };
            if let Some(answer) = lookup(inner, &session, &model, &name, &call_args)? {
                return Ok(answer);
            }
            routes::call(inner, &session, &model, &name, &call_args, &kwargs)
        }
        ("common" | "db" | "object", method) => Err(PyError::new(
            "builtins.NameError",
            format!("Method not available {method}"),
        )
        .into()),
        (service, _) => Err(PyError::key(format!("'{service}'")).into()),
    }
}

/// `object` calls authenticate on every call: database, uid, password,
/// through the sign-in's own check and lock-out.
fn check_uid(inner: &Inner, incoming: &Incoming, args: &[Value]) -> Result<Session, Failure> {
    let db_name = args.first().and_then(Value::as_str).unwrap_or("");
    if inner.db(db_name).is_none() {
        return Err(unknown_db(db_name));
    }
    // No uid checks as an unknown user: refused, and counted.
    let uid = args.get(1).and_then(Value::as_i64).unwrap_or(0);
    let password = args.get(2).and_then(Value::as_str).unwrap_or("");
    let (db, uid) = auth::check_password(
        inner,
        &incoming.addr,
        db_name,
        Credential::Uid(uid),
        password,
    )?;
    Ok(Session {
        db: db.to_string(),
        uid,
    })
}

/// What PostgreSQL says about a database that is not there.
pub(crate) fn unknown_db(name: &str) -> Failure {
    PyError::new(
        "psycopg2.OperationalError",
        format!("connection to server failed: FATAL:  database \"{name}\" does not exist"),
    )
    .into()
}

/// The two calls clients make before any real one, on models the demo
/// does not otherwise have.
fn lookup(
    inner: &Inner,
    session: &Session,
    model: &Value,
    method: &Value,
    args: &Value,
) -> Result<Option<Json>, Failure> {
    match (model.as_str(), method.as_str()) {
        (Some("res.users"), Some("context_get")) => {
            let (lang, tz) = routes::user_context(inner, session)?;
            Ok(Some(jobj! {
                "lang" => lang,
                "tz" => tz.map(Json::from).unwrap_or(Json::Bool(false)),
                "uid" => session.uid,
            }))
        }
        (Some("ir.model"), Some("search")) => {
            // [('model', '=', name)]: one stable id per model the demo has.
            let wanted = args
                .get(0)
                .and_then(Value::as_array)
                .and_then(|d| d.first())
                .and_then(Value::as_array)
                .filter(|leaf| leaf.len() == 3 && leaf[0] == "model" && leaf[1] == "=")
                .and_then(|leaf| leaf[2].as_str());
            let Some(name) = wanted else {
                return Err(PyError::user(
                    "The demo answers ir.model searches by model name only.",
                )
                .into());
            };
            let ids = model::ALL
                .iter()
                .position(|m| m.name == name)
                .map(|i| Json::Int(i as i64 + 1));
            Ok(Some(Json::Arr(ids.into_iter().collect())))
        }
        _ => Ok(None),
    }
}
