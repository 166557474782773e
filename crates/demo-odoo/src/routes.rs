//! The web routes, dispatched like Odoo's JsonRPCDispatcher: transport
//! checks, session lookup, then the method.

use crate::partners::{self, Query, Rel};
use crate::sessions::Session;
use crate::wire::{self, PyError};
use crate::{avatar, Inner};
use axum::body::{to_bytes, Body};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get};
use axum::Router;
use serde_json::{json, Map, Value};
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

type St = State<Arc<Inner>>;

pub fn router(inner: Arc<Inner>) -> Router {
    Router::new()
        .route("/web/session/authenticate", any(|s: St, r| json_route(s, r, Route::Authenticate)))
        .route("/web/session/get_session_info", any(|s: St, r| json_route(s, r, Route::SessionInfo)))
        .route("/web/session/destroy", any(|s: St, r| json_route(s, r, Route::Destroy)))
        .route("/web/database/list", any(|s: St, r| json_route(s, r, Route::DbList)))
        .route("/web/webclient/version_info", any(|s: St, r| json_route(s, r, Route::Version)))
        .route("/web/dataset/call_kw", any(|s: St, r| json_route(s, r, Route::CallKw)))
        .route("/web/dataset/call_kw/{*rest}", any(|s: St, r| json_route(s, r, Route::CallKw)))
        .route("/web/image/res.partner/{id}/{field}", get(image))
        .fallback(|| async { wire::not_found_page() })
        .with_state(inner)
}

#[derive(Clone, Copy, PartialEq)]
enum Route {
    Authenticate,
    SessionInfo,
    Destroy,
    DbList,
    Version,
    CallKw,
}

const COOKIE: &str = "session_id";

fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == COOKIE)
        .map(|(_, v)| v.to_string())
}

fn client_addr(req: &Request<Body>) -> String {
    req.extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .or_else(|| {
            req.headers()
                .get("x-forwarded-for")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.split(',').next())
                .map(|v| v.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// `Expires=` wants an HTTP date; no date crate needed for that.
fn http_date(unix: i64) -> String {
    let days = unix.div_euclid(86_400);
    let secs = unix.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let wd = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"][days.rem_euclid(7) as usize];
    let mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(m - 1) as usize];
    format!("{wd}, {d:02} {mon} {y} {:02}:{:02}:{:02} GMT", secs / 3600, secs % 3600 / 60, secs % 60)
}

fn set_cookie(res: &mut Response, id: &str, secure: bool) {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let mut c = format!(
        "{COOKIE}={id}; Expires={}; Max-Age=604800; HttpOnly; Path=/; SameSite=Lax",
        http_date(now + 604_800)
    );
    if secure {
        c.push_str("; Secure");
    }
    if let Ok(v) = HeaderValue::from_str(&c) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

fn is_https(headers: &HeaderMap) -> bool {
    headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"))
}

/// No session: code 100 when the server can tell the database (one
/// visible), Odoo's 404 page when it cannot (several).
fn no_session(inner: &Inner) -> Response {
    if inner.visible.len() == 1 {
        wire::session_expired()
    } else {
        wire::not_found_page()
    }
}

async fn json_route(State(inner): St, req: Request<Body>, route: Route) -> Response {
    let v16 = inner.version == 16;
    let content_type = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if !content_type.starts_with("application/json") {
        return wire::bad_request_page(&format!(
            "Request inferred type is compatible with ['http'] but {} is type=json.",
            req.uri().path()
        ));
    }
    if req.method() != Method::POST && req.method() != Method::GET {
        return wire::bad_request_page("Method not allowed.");
    }
    let addr = client_addr(&req);
    let headers = req.headers().clone();
    let Ok(bytes) = to_bytes(req.into_body(), 16 * 1024 * 1024).await else {
        return wire::bad_request_text("Invalid JSON data");
    };
    let body: Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) if v16 => {
            let _ = e;
            return wire::bad_request_text("Invalid JSON data");
        }
        Err(_) => {
            return wire::py_error(
                &Value::Null,
                &PyError::new("json.decoder.JSONDecodeError", "Expecting value: line 1 column 1 (char 0)"),
            )
        }
    };
    let Value::Object(envelope) = body else {
        if v16 {
            return wire::bad_request_text("Invalid JSON-RPC data");
        }
        return wire::py_error(
            &Value::Null,
            &PyError::type_error("list indices must be integers or slices, not str"),
        );
    };
    let id = envelope.get("id").cloned().unwrap_or(Value::Null);
    let params = envelope.get("params").cloned().unwrap_or(Value::Object(Map::new()));
    let session = cookie(&headers).and_then(|c| inner.sessions.get(&c));
    let secure = is_https(&headers);

    match route {
        Route::Version => wire::result(&id, version_info(inner.version)),
        Route::DbList => wire::result(&id, json!(inner.visible)),
        Route::Destroy => {
            if let Some(c) = cookie(&headers) {
                inner.sessions.destroy(&c);
            }
            wire::result(&id, Value::Null)
        }
        Route::SessionInfo => match session {
            Some(s) => {
                let inner2 = inner.clone();
                match blocking(move || session_info(&inner2, &s)).await {
                    Ok(info) => wire::result(&id, info),
                    Err(e) => wire::py_error(&id, &e),
                }
            }
            None => no_session(&inner),
        },
        Route::Authenticate => authenticate(inner, id, params, addr, secure).await,
        Route::CallKw => {
            let Some(s) = session else {
                return no_session(&inner);
            };
            let inner2 = inner.clone();
            let outcome = blocking(move || call_kw(&inner2, &s, &params)).await;
            match outcome {
                Ok(v) => wire::result(&id, v),
                Err(CallError::ModelNotFound) => wire::model_not_found(),
                Err(CallError::Py(e)) => wire::py_error(&id, &e),
            }
        }
    }
}

/// SQLite work off the async threads.
async fn blocking<T: Send + 'static, E: From<PyError> + Send + 'static>(
    f: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, E> {
    tokio::task::spawn_blocking(f)
        .await
        .unwrap_or_else(|e| Err(PyError::new("builtins.RuntimeError", e.to_string()).into()))
}

fn version_info(v: u8) -> Value {
    json!({
        "server_version": format!("{v}.0-20250702"),
        "server_version_info": [v, 0, 0, "final", 0, ""],
        "server_serie": format!("{v}.0"),
        "protocol_version": 1
    })
}

struct User {
    uid: i64,
    partner_id: i64,
    kind: String,
    login: String,
}

fn user(conn: &rusqlite::Connection, uid: i64) -> Result<User, PyError> {
    conn.query_row(
        "SELECT id, partner_id, kind, login FROM users WHERE id = ?1",
        [uid],
        |r| {
            Ok(User {
                uid: r.get(0)?,
                partner_id: r.get(1)?,
                kind: r.get(2)?,
                login: r.get(3)?,
            })
        },
    )
    .map_err(|e| PyError::new("builtins.RuntimeError", e.to_string()))
}

fn session_info(inner: &Inner, s: &Session) -> Result<Value, PyError> {
    let db = inner.db(&s.db).ok_or_else(|| PyError::value("unknown database"))?;
    let conn = db.lock().unwrap_or_else(|p| p.into_inner());
    let u = user(&conn, s.uid)?;
    let (name, display): (String, String) = conn
        .query_row(
            "SELECT name, complete_name FROM partner WHERE id = ?1",
            [u.partner_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(|e| PyError::new("builtins.RuntimeError", e.to_string()))?;
    let v = inner.version;
    let internal = u.kind != "portal";
    let admin = u.kind == "admin";
    let tz = if internal { json!("Europe/Brussels") } else { json!(false) };
    let mut m = Map::new();
    m.insert("uid".into(), json!(u.uid));
    m.insert("is_system".into(), json!(admin));
    m.insert("is_admin".into(), json!(admin));
    if v >= 17 {
        m.insert("is_public".into(), json!(false));
        m.insert("is_internal_user".into(), json!(internal));
    }
    m.insert("user_context".into(), json!({"lang": "en_US", "tz": tz, "uid": u.uid}));
    m.insert("db".into(), json!(s.db));
    if v >= 17 {
        m.insert("user_settings".into(), json!({"id": u.uid, "user_id": {"id": u.uid}}));
    }
    m.insert("server_version".into(), json!(format!("{v}.0-20250702")));
    m.insert("server_version_info".into(), json!([v, 0, 0, "final", 0, ""]));
    m.insert("support_url".into(), json!("https://www.odoo.com/buy"));
    m.insert("name".into(), json!(name));
    m.insert("username".into(), json!(u.login));
    if v >= 17 {
        m.insert("partner_write_date".into(), json!("2026-11-28 09:00:00"));
    }
    m.insert("partner_display_name".into(), json!(display));
    if v == 16 {
        m.insert("company_id".into(), json!(1));
    }
    m.insert("partner_id".into(), json!(u.partner_id));
    m.insert("web.base.url".into(), json!("http://127.0.0.1:8080"));
    m.insert("active_ids_limit".into(), json!(20000));
    m.insert("profile_session".into(), Value::Null);
    m.insert("profile_collectors".into(), Value::Null);
    m.insert("profile_params".into(), Value::Null);
    m.insert("max_file_upload_size".into(), json!(134_217_728));
    m.insert("home_action_id".into(), json!(false));
    m.insert("cache_hashes".into(), json!({"translations": "0000000000000000000000000000000000000000"}));
    m.insert("currencies".into(), json!({"1": {"symbol": "$", "position": "before", "digits": [69, 2]}}));
    m.insert("bundle_params".into(), json!({"lang": "en_US"}));
    if internal {
        if v >= 17 {
            m.insert("test_mode".into(), json!(false));
        }
        let companies = if v >= 17 {
            json!({"current_company": 1, "allowed_companies": {"1": {"id": 1, "name": "YourCompany", "sequence": 0, "child_ids": [], "parent_id": false}}, "disallowed_ancestor_companies": {}})
        } else {
            json!({"current_company": 1, "allowed_companies": {"1": {"id": 1, "name": "YourCompany", "sequence": 0}}})
        };
        m.insert("user_companies".into(), companies);
        m.insert("show_effect".into(), json!(true));
        m.insert("display_switch_company_menu".into(), json!(false));
    }
    if v == 16 {
        m.insert("user_id".into(), json!([u.uid]));
    }
    Ok(Value::Object(m))
}

async fn authenticate(inner: Arc<Inner>, id: Value, params: Value, addr: String, secure: bool) -> Response {
    let text = |k: &str| params.get(k).and_then(Value::as_str).map(str::to_string);
    let Some(db) = text("db") else {
        return wire::py_error(
            &id,
            &PyError::type_error("Session.authenticate() missing 1 required positional argument: 'db'"),
        );
    };
    let (login, password) = (text("login").unwrap_or_default(), text("password").unwrap_or_default());
    if !inner.visible.iter().any(|d| *d == db) {
        return wire::py_error(&id, &PyError::new("odoo.exceptions.AccessError", "Database not found."));
    }
    let now = Instant::now();
    if inner.lockout.is_locked(&addr, now) {
        return wire::py_error(
            &id,
            &PyError::new(
                "odoo.exceptions.AccessDenied",
                "Too many login failures, please wait a bit before trying again.",
            ),
        );
    }
    let inner2 = inner.clone();
    let db2 = db.clone();
    let checked = blocking(move || -> Result<Option<i64>, PyError> {
        let conn = inner2.db(&db2).ok_or_else(|| PyError::value("unknown database"))?;
        let conn = conn.lock().unwrap_or_else(|p| p.into_inner());
        let row: Option<(i64, String)> = conn
            .query_row("SELECT id, password FROM users WHERE login = ?1", [&login], |r| Ok((r.get(0)?, r.get(1)?)))
            .ok();
        Ok(row.and_then(|(uid, hash)| crate::auth::verify_password(&password, &hash).then_some(uid)))
    })
    .await;
    let uid = match checked {
        Ok(Some(uid)) => uid,
        Ok(None) => {
            inner.lockout.failed(&addr, now);
            return wire::py_error(&id, &PyError::new("odoo.exceptions.AccessDenied", "Access Denied"));
        }
        Err(e) => return wire::py_error(&id, &e),
    };
    inner.lockout.succeeded(&addr);
    let sid = match inner.sessions.create(&db, uid) {
        Ok(s) => s,
        Err(e) => return wire::py_error(&id, &PyError::new("builtins.RuntimeError", e.to_string())),
    };
    let session = Session { db, uid };
    let inner2 = inner.clone();
    match blocking(move || session_info(&inner2, &session)).await {
        Ok(info) => {
            let mut res = wire::result(&id, info);
            set_cookie(&mut res, &sid, secure);
            res
        }
        Err(e) => wire::py_error(&id, &e),
    }
}

enum CallError {
    ModelNotFound,
    Py(PyError),
}

impl From<PyError> for CallError {
    fn from(e: PyError) -> Self {
        CallError::Py(e)
    }
}

const METHODS: [&str; 9] = [
    "search_read", "web_search_read", "search_count", "read", "web_read", "name_search",
    "fields_get", "search", "check_access_rights",
];

fn call_kw(inner: &Inner, s: &Session, params: &Value) -> Result<Value, CallError> {
    let v16 = inner.version == 16;
    let model = params.get("model").and_then(Value::as_str).unwrap_or("");
    let method = params.get("method").and_then(Value::as_str).unwrap_or("");
    let (Some(args), Some(kwargs)) = (params.get("args"), params.get("kwargs")) else {
        let missing: Vec<&str> = ["args", "kwargs"].into_iter().filter(|k| params.get(k).is_none()).collect();
        let what = missing.iter().map(|m| format!("'{m}'")).collect::<Vec<_>>().join(" and ");
        let n = missing.len();
        let plural = if n == 1 { "argument" } else { "arguments" };
        return Err(PyError::type_error(format!("DataSet.call_kw() missing {n} required positional {plural}: {what}")).into());
    };
    if !matches!(model, "res.partner" | "res.country" | "res.partner.category") {
        return if v16 {
            Err(PyError::new("builtins.KeyError", model).into())
        } else {
            Err(CallError::ModelNotFound)
        };
    }
    if method.starts_with('_') || !METHODS.contains(&method) {
        let msg = if v16 {
            format!("type object '{model}' has no attribute '{method}'")
        } else {
            format!("The method '{model}.{method}' does not exist")
        };
        return Err(PyError::new("builtins.AttributeError", msg).into());
    }
    let args = args.as_array().cloned().unwrap_or_default();
    let kwargs = kwargs.as_object().cloned().unwrap_or_default();
    let conn = inner.db(&s.db).ok_or_else(|| PyError::value("unknown database"))?;
    let conn = conn.lock().unwrap_or_else(|p| p.into_inner());
    let u = user(&conn, s.uid)?;
    let restrict_to = (u.kind == "portal").then_some(u.partner_id);
    if model != "res.partner" {
        return Ok(small_model(&conn, model, method, &args, &kwargs)?);
    }
    // A positional argument, or the same one by keyword.
    let arg = |i: usize, name: &str| kwargs.get(name).or_else(|| args.get(i)).cloned();
    let context = kwargs.get("context").cloned().unwrap_or(Value::Null);
    let active_test = context.get("active_test").and_then(Value::as_bool).unwrap_or(true);
    let uint = |v: Option<Value>, name: &str| -> Result<Option<u64>, PyError> {
        match v {
            None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(None),
            Some(Value::Number(n)) if n.as_u64().is_some() => Ok(n.as_u64()),
            Some(other) => Err(PyError::type_error(format!("'{name}' must be an integer, not {}", crate::wire::py_repr(&other)))),
        }
    };
    let empty = json!([]);
    let fields_of = |v: Option<Value>| -> Result<Vec<String>, PyError> {
        let list: Vec<String> = match v {
            None | Some(Value::Null) | Some(Value::Bool(false)) => partners::FIELDS.iter().map(|f| f.0.to_string()).collect(),
            Some(Value::Array(a)) => a.iter().map(|f| f.as_str().map(str::to_string).ok_or_else(|| PyError::type_error("field names must be strings"))).collect::<Result<_, _>>()?,
            Some(other) => return Err(PyError::type_error(format!("fields must be a list, not {}", crate::wire::py_repr(&other)))),
        };
        partners::check_fields(&list)?;
        Ok(list)
    };
    let pairs = |fields: Vec<String>| fields.into_iter().map(|f| (f, Rel::Pair)).collect::<Vec<_>>();
    match method {
        "search_read" | "search" | "search_count" | "web_search_read" => {
            let domain = arg(0, "domain").unwrap_or_else(|| empty.clone());
            let order = kwargs.get("order").and_then(Value::as_str).map(str::to_string);
            let q = Query {
                domain: &domain,
                offset: uint(kwargs.get("offset").cloned(), "offset")?.unwrap_or(0),
                limit: uint(kwargs.get("limit").cloned(), "limit")?,
                order: order.as_deref(),
                active_test,
                restrict_to,
            };
            match method {
                "search_count" => Ok(json!(partners::count(&conn, &q, None)?)),
                "search" => Ok(json!(partners::search(&conn, &q)?)),
                "search_read" => {
                    let fields = fields_of(arg(1, "fields"))?;
                    let ids = partners::search(&conn, &q)?;
                    Ok(Value::Array(partners::read(&conn, &ids, &pairs(fields))?))
                }
                _ => {
                    let spec = kwargs.get("specification");
                    let fields = match (v16, spec, kwargs.get("fields")) {
                        (true, Some(_), _) => return Err(PyError::type_error("web_search_read() got an unexpected keyword argument 'specification'").into()),
                        (false, _, Some(_)) => return Err(PyError::type_error("Base.web_search_read() got an unexpected keyword argument 'fields'").into()),
                        (true, None, f) => pairs(fields_of(f.cloned())?),
                        (false, None, _) => return Err(PyError::type_error("Base.web_search_read() missing 1 required positional argument: 'specification'").into()),
                        (false, Some(spec), _) => specification(spec)?,
                    };
                    let ids = partners::search(&conn, &q)?;
                    let records = partners::read(&conn, &ids, &fields)?;
                    let count_limit = uint(kwargs.get("count_limit").cloned(), "count_limit")?;
                    // 17+: a full page counts (up to count_limit); else offset + what came.
                    let length = match (q.limit, v16) {
                        (Some(l), false) if (ids.len() as u64) < l => q.offset + ids.len() as u64,
                        (_, false) => partners::count(&conn, &q, count_limit)?,
                        (_, true) => partners::count(&conn, &q, None)?,
                    };
                    Ok(json!({"length": length, "records": records}))
                }
            }
        }
        "read" | "web_read" => {
            let ids: Vec<i64> = match arg(0, "ids") {
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_i64).collect(),
                Some(Value::Number(n)) => n.as_i64().into_iter().collect(),
                _ => Vec::new(),
            };
            if let Some(own) = restrict_to {
                if ids.iter().any(|i| *i != own) {
                    return Err(PyError::new(
                        "odoo.exceptions.AccessError",
                        "Due to security restrictions, you are not allowed to access 'Contact' (res.partner) records.\n\nContact your administrator to request access if necessary.",
                    )
                    .into());
                }
            }
            let fields = if method == "web_read" {
                specification(kwargs.get("specification").unwrap_or(&json!({})))?
            } else {
                pairs(fields_of(arg(1, "fields"))?)
            };
            let found = partners::read(&conn, &ids, &fields)?;
            if found.len() < ids.len() {
                let missing: Vec<i64> = ids.iter().copied().filter(|i| !found.iter().any(|r| r["id"] == json!(i))).collect();
                return Err(PyError::new(
                    "odoo.exceptions.MissingError",
                    format!("Record does not exist or has been deleted.\n(Record: res.partner({}), User: {})", missing.iter().map(|i| format!("{i},")).collect::<String>(), u.uid),
                )
                .into());
            }
            Ok(Value::Array(found))
        }
        "name_search" => {
            let name = arg(0, "name").and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
            let extra = kwargs.get("args").or_else(|| kwargs.get("domain")).cloned().unwrap_or_else(|| empty.clone());
            let limit = uint(kwargs.get("limit").cloned(), "limit")?.unwrap_or(100);
            Ok(partners::name_search(&conn, &name, &extra, limit, restrict_to)?)
        }
        "fields_get" => {
            let only: Vec<String> = arg(0, "allfields")
                .and_then(|v| v.as_array().cloned())
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            Ok(partners::fields_get(&only))
        }
        _ => Ok(json!(true)),
    }
}

/// A `specification` object: `{field: {}}` or `{m2o: {fields: {display_name: {}}}}`.
fn specification(spec: &Value) -> Result<Vec<(String, Rel)>, PyError> {
    let Some(obj) = spec.as_object() else {
        return Err(PyError::type_error("specification must be a dict"));
    };
    let mut out = Vec::new();
    for (name, sub) in obj {
        if !partners::has_field(name) {
            return Err(PyError::new("builtins.KeyError", name.clone()));
        }
        let rel = if sub.get("fields").is_some_and(|f| f.as_object().is_some_and(|o| !o.is_empty())) {
            Rel::Object
        } else {
            Rel::Id
        };
        out.push((name.clone(), rel));
    }
    Ok(out)
}

fn small_model(
    conn: &rusqlite::Connection,
    model: &str,
    method: &str,
    args: &[Value],
    kwargs: &Map<String, Value>,
) -> Result<Value, PyError> {
    let rows: Vec<(i64, String)> = if model == "res.country" {
        partners::countries(conn)?
    } else {
        let mut stmt = conn
            .prepare_cached("SELECT id, name FROM category ORDER BY name")
            .map_err(|e| PyError::new("builtins.RuntimeError", e.to_string()))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
            .map_err(|e| PyError::new("builtins.RuntimeError", e.to_string()));
        rows?
    };
    let ids: Option<Vec<i64>> = match method {
        "read" => Some(
            kwargs
                .get("ids")
                .or_else(|| args.first())
                .and_then(Value::as_array)
                .map(|a| a.iter().filter_map(Value::as_i64).collect())
                .unwrap_or_default(),
        ),
        _ => None,
    };
    let name = kwargs.get("name").or_else(|| args.first()).and_then(Value::as_str).map(crate::seed::fold);
    let rows: Vec<&(i64, String)> = rows
        .iter()
        .filter(|(id, n)| {
            ids.as_ref().is_none_or(|ids| ids.contains(id))
                && (method != "name_search" || name.as_ref().is_none_or(|q| crate::seed::fold(n).contains(q)))
        })
        .collect();
    Ok(match method {
        "name_search" => json!(rows.iter().map(|(id, n)| json!([id, n])).collect::<Vec<_>>()),
        "search_count" => json!(rows.len()),
        "search" => json!(rows.iter().map(|(id, _)| id).collect::<Vec<_>>()),
        _ => json!(rows
            .iter()
            .map(|(id, n)| json!({"id": id, "name": n, "display_name": n}))
            .collect::<Vec<_>>()),
    })
}

async fn image(State(inner): St, Path((id, _field)): Path<(String, String)>, req: Request<Body>) -> Response {
    let headers = req.headers();
    let unique = req.uri().query().is_some_and(|q| q.split('&').any(|kv| kv.starts_with("unique=")));
    let session = cookie(headers).and_then(|c| inner.sessions.get(&c));
    let Some(session) = session else {
        if inner.visible.len() > 1 {
            return wire::not_found_page();
        }
        return image_response(avatar::initials_svg("?", "placeholder").into_bytes(), "image/svg+xml", headers, false);
    };
    let id: i64 = id.parse().unwrap_or(0);
    let inner2 = inner.clone();
    let found = blocking(move || -> Result<Option<(String, Option<Vec<u8>>)>, PyError> {
        let conn = inner2.db(&session.db).ok_or_else(|| PyError::value("unknown database"))?;
        let conn = conn.lock().unwrap_or_else(|p| p.into_inner());
        Ok(conn
            .query_row("SELECT name, image FROM partner WHERE id = ?1", [id], |r| Ok((r.get(0)?, r.get(1)?)))
            .ok())
    })
    .await
    .ok()
    .flatten();
    match found {
        Some((_, Some(photo))) => image_response(photo, "image/png", headers, unique),
        Some((name, None)) => image_response(avatar::initials_svg(&name, &format!("{id}{name}")).into_bytes(), "image/svg+xml", headers, unique),
        None => image_response(avatar::initials_svg("?", "placeholder").into_bytes(), "image/svg+xml", headers, false),
    }
}

fn image_response(bytes: Vec<u8>, ct: &'static str, req: &HeaderMap, unique: bool) -> Response {
    let etag = avatar::etag(&bytes);
    let cache = if unique { "public, max-age=31536000, immutable" } else { "no-cache, private" };
    let not_modified = req
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let mut res = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, bytes).into_response()
    };
    let h = res.headers_mut();
    if !not_modified {
        h.insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    h.insert("x-content-type-options", HeaderValue::from_static("nosniff"));
    res
}

#[cfg(test)]
mod tests {
    #[test]
    fn http_dates() {
        assert_eq!(super::http_date(0), "Thu, 01 Jan 1970 00:00:00 GMT");
        assert_eq!(super::http_date(1_795_878_208), "Sun, 28 Nov 2026 15:03:28 GMT");
    }
}
