//! The web routes, dispatched in the order Odoo's `http.py` does it, since
//! the order decides which error a broken request gets:
//!
//! 1. no session and several databases visible: only the routes that need
//!    no database exist (the rest are 404 pages);
//! 2. a JSON route needs a JSON content type (else werkzeug's 400 page,
//!    415 on 19);
//! 3. from 18, `call_kw`'s body is read before anything else (to pick a
//!    read-only cursor), so its body and model errors come first, id null;
//! 4. routes for users need a session (code 100, id null);
//! 5. then the body is parsed (400 "Invalid JSON data" in HTML) and the
//!    endpoint runs with Python's argument rules.

use crate::auth::{self, Credential};
use crate::avatar::{self, Image};
use crate::bind::{Bound, Sig, Unknown};
use crate::call_kw::{self, Call, Caller};
use crate::json::{jobj, Json};
use crate::session_info::{self, UserKind, Who};
use crate::sessions::{self, Session};
use crate::wire::{self, py_type, Failure, PyError};
use crate::{clock, external, Inner};
use axum::body::{to_bytes, Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::Router;
use odoo_rpc::versions::PrivateMethod;
use serde_json::{Map, Value};
use std::sync::Arc;

type St = State<Arc<Inner>>;

/// Bodies above this are refused (Odoo has no limit; a demo needs one).
const MAX_BODY: usize = 8 * 1024 * 1024;
const COOKIE: &str = "session_id";
const COOKIE_MAX_AGE: i64 = 604_800;

pub fn router(inner: Arc<Inner>) -> Router {
    let json = |ep: Endpoint| any(move |s: St, r: Request<Body>| json_route(s, r, ep));
    Router::new()
        .route("/web/session/authenticate", json(Endpoint::Authenticate))
        .route("/web/session/get_session_info", json(Endpoint::SessionInfo))
        .route("/web/session/destroy", json(Endpoint::Destroy))
        .route("/web/session/check", json(Endpoint::Check))
        .route("/web/database/list", json(Endpoint::DbList))
        .route("/web/webclient/version_info", json(Endpoint::VersionInfo))
        .route("/web/dataset/call_kw", json(Endpoint::CallKw))
        .route("/web/dataset/call_kw/{*path}", json(Endpoint::CallKw))
        .route("/web/image/{model}/{id}/{field}", any(image))
        .route("/jsonrpc", json(Endpoint::JsonRpc))
        .route("/web/version", any(web_version))
        .fallback(|State(inner): St| async move {
            wire::failure(inner.version, &Json::Null, &Failure::NotFoundPage)
        })
        .with_state(inner)
}

#[derive(Clone, Copy, PartialEq, Debug)]
enum Endpoint {
    Authenticate,
    SessionInfo,
    Destroy,
    Check,
    DbList,
    VersionInfo,
    CallKw,
    /// Odoo's external API (see `external.rs`).
    JsonRpc,
}

impl Endpoint {
    /// The route's first path, as Odoo names it in its 400 page.
    fn path(self) -> &'static str {
        match self {
            Endpoint::Authenticate => "/web/session/authenticate",
            Endpoint::SessionInfo => "/web/session/get_session_info",
            Endpoint::Destroy => "/web/session/destroy",
            Endpoint::Check => "/web/session/check",
            Endpoint::DbList => "/web/database/list",
            Endpoint::VersionInfo => "/web/webclient/version_info",
            Endpoint::CallKw => "/web/dataset/call_kw",
            Endpoint::JsonRpc => "/jsonrpc",
        }
    }

    /// `auth="user"` routes; the others are `auth="none"` and work without
    /// a database.
    fn needs_user(self) -> bool {
        matches!(
            self,
            Endpoint::SessionInfo | Endpoint::Destroy | Endpoint::Check | Endpoint::CallKw
        )
    }

    /// The controller method's qualified name and parameters (required
    /// ones first), for Python's TypeErrors.
    fn signature(self) -> (&'static str, &'static [&'static str], usize) {
        match self {
            Endpoint::Authenticate => (
                "Session.authenticate",
                &["db", "login", "password", "base_location"],
                3,
            ),
            Endpoint::SessionInfo => ("Session.get_session_info", &[], 0),
            Endpoint::Destroy => ("Session.destroy", &[], 0),
            Endpoint::Check => ("Session.check", &[], 0),
            Endpoint::DbList => ("Database.list", &[], 0),
            Endpoint::VersionInfo => ("WebClient.version_info", &[], 0),
            Endpoint::CallKw => (
                "DataSet.call_kw",
                &["model", "method", "args", "kwargs", "path"],
                4,
            ),
            Endpoint::JsonRpc => ("RPC.jsonrpc", &["service", "method", "args"], 3),
        }
    }
}

/// What the handlers need from the request besides its body.
pub(crate) struct Incoming {
    cookie: Option<String>,
    content_type: String,
    /// The client's address, for the sign-in lock-out.
    pub(crate) addr: String,
    https: bool,
    host: String,
    unique: bool,
    headers: HeaderMap,
}

impl Incoming {
    fn of(req: &Request<Body>) -> Incoming {
        let headers = req.headers().clone();
        let text = |name: header::HeaderName| {
            headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let cookie = headers
            .get_all(header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(';'))
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == COOKIE)
            .map(|(_, v)| v.trim_matches('"').to_string())
            .filter(|v| !v.is_empty());
        let addr = crate::wire::client_addr(req);
        let https = headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
        let host = text(header::HOST).unwrap_or_else(|| "localhost".into());
        let unique = req.uri().query().is_some_and(|q| {
            q.split('&')
                .any(|kv| kv == "unique" || kv.starts_with("unique="))
        });
        Incoming {
            cookie,
            content_type: text(header::CONTENT_TYPE).unwrap_or_default(),
            addr,
            https,
            host,
            unique,
            headers,
        }
    }

    fn base_url(&self) -> String {
        format!(
            "{}://{}",
            if self.https { "https" } else { "http" },
            self.host
        )
    }
}

/// `Set-Cookie: session_id=…` with a real Odoo's attributes, SameSite said
/// outright, and Secure when the client came over HTTPS.
fn set_session_cookie(res: &mut Response, id: &str, https: bool) {
    let expires = clock::http_date(clock::now_unix() + COOKIE_MAX_AGE);
    let mut c = format!("{COOKIE}={id}; Expires={expires}; Max-Age={COOKIE_MAX_AGE}; HttpOnly; Path=/; SameSite=Lax");
    if https {
        c.push_str("; Secure");
    }
    if let Ok(v) = HeaderValue::from_str(&c) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// SQLite work runs off the async threads.
async fn blocking(f: impl FnOnce() -> Response + Send + 'static) -> Response {
    match tokio::task::spawn_blocking(f).await {
        Ok(res) => res,
        Err(e) => {
            tracing::error!("demo-odoo handler failed: {e}");
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response()
        }
    }
}

async fn json_route(State(inner): St, req: Request<Body>, ep: Endpoint) -> Response {
    let incoming = Incoming::of(&req);
    let body = match to_bytes(req.into_body(), MAX_BODY).await {
        Ok(b) => b,
        Err(_) => {
            return wire::html_page(
                inner.version,
                StatusCode::PAYLOAD_TOO_LARGE,
                "The data value transmitted exceeds the capacity limit.",
            )
        }
    };
    blocking(move || handle_json(&inner, ep, &incoming, &body)).await
}

/// The session behind the cookie, if it is live and its database visible.
fn current_session(inner: &Inner, incoming: &Incoming) -> Result<Option<Session>, PyError> {
    let Some(id) = &incoming.cookie else {
        return Ok(None);
    };
    Ok(inner
        .sessions
        .get(id)?
        .filter(|s| inner.db(&s.db).is_some()))
}

fn handle_json(inner: &Inner, ep: Endpoint, incoming: &Incoming, body: &Bytes) -> Response {
    let v = inner.version;
    let fail = |id: &Json, f: Failure| wire::failure(v, id, &f);
    let session = match current_session(inner, incoming) {
        Ok(s) => s,
        Err(e) => return fail(&Json::Null, Failure::Py(e)),
    };
    let monodb = inner.visible.len() == 1;
    if session.is_none() && !monodb && ep.needs_user() {
        return fail(&Json::Null, Failure::NotFoundPage);
    }
    let essence = incoming
        .content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if essence != "application/json" && essence != "application/json-rpc" {
        if crate::release(v).unsupported_media_type {
            // 19's JSON-2 dispatcher would take a request without a body.
            let compatible = if body.is_empty() {
                "['http', 'json2']"
            } else {
                "['http']"
            };
            let detail = format!(
                "Request inferred type is compatible with {compatible} but '{}' is type='jsonrpc'.",
                ep.path()
            );
            return fail(&Json::Null, Failure::UnsupportedMediaType(detail));
        }
        let detail = format!(
            "Request inferred type is compatible with ['http'] but '{}' is type='json'.",
            ep.path()
        );
        return fail(&Json::Null, Failure::BadRequestPage(detail));
    }
    if crate::release(v).call_kw_probes_body && ep == Endpoint::CallKw {
        if let Err(f) = readonly_probe(body) {
            return fail(&Json::Null, f);
        }
    }
    if ep.needs_user() && session.is_none() {
        return fail(&Json::Null, Failure::SessionExpired);
    }
    let envelope: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) => return fail(&Json::Null, Failure::BadRequestText("Invalid JSON data")),
    };
    let Value::Object(envelope) = envelope else {
        return fail(
            &Json::Null,
            Failure::BadRequestText("Invalid JSON-RPC data"),
        );
    };
    let id = envelope.get("id").map(Json::from).unwrap_or(Json::Null);
    let outcome = params_dict(envelope.get("params")).and_then(|params| bind_endpoint(ep, &params));
    let args = match outcome {
        Ok(x) => x,
        Err(e) => return fail(&id, Failure::Py(e)),
    };
    match dispatch(inner, ep, incoming, session, &args) {
        Ok(Reply { result, cookies }) => {
            let mut res = wire::result(&id, result);
            for c in cookies {
                match c {
                    NewCookie::Session(sid) => set_session_cookie(&mut res, &sid, incoming.https),
                    NewCookie::ClearCids => {
                        let c = "cids=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/";
                        res.headers_mut()
                            .append(header::SET_COOKIE, HeaderValue::from_static(c));
                    }
                }
            }
            res
        }
        Err(f) => fail(&id, f),
    }
}

/// Odoo's `_call_kw_readonly` (18+): reads the body and the model before
/// the session is even looked at.
fn readonly_probe(body: &Bytes) -> Result<(), Failure> {
    let early = |e: PyError| Failure::PyEarly(e);
    let doc: Value =
        serde_json::from_slice(body).map_err(|e| early(json_decode_error(body, &e)))?;
    let params = match &doc {
        Value::Object(o) => o
            .get("params")
            .ok_or_else(|| early(PyError::key("params")))?,
        other => return Err(early(subscript_error(other))),
    };
    let model = match params {
        Value::Object(o) => o.get("model").ok_or_else(|| early(PyError::key("model")))?,
        other => return Err(early(subscript_error(other))),
    };
    if call_kw::resolve_model(model).is_err() {
        return Err(Failure::NotFoundRpc);
    }
    if params.get("method").is_none() {
        return Err(early(PyError::key("method")));
    }
    Ok(())
}

/// What Python says when a non-dict is indexed with a string.
fn subscript_error(v: &Value) -> PyError {
    PyError::type_error(match v {
        Value::Array(_) => "list indices must be integers or slices, not str".to_string(),
        Value::String(_) => "string indices must be integers, not 'str'".to_string(),
        other => format!("'{}' object is not subscriptable", py_type(other)),
    })
}

/// Python's `json.loads` message for a body serde_json refused.
fn json_decode_error(body: &[u8], e: &serde_json::Error) -> PyError {
    let text = String::from_utf8_lossy(body);
    let (line, mut column) = (e.line().max(1), e.column().max(1));
    let what = e.to_string();
    let kind = if what.contains("trailing characters") {
        "Extra data"
    } else if what.contains("key must be a string") {
        "Expecting property name enclosed in double quotes"
    } else if what.contains("expected `:`") {
        "Expecting ':' delimiter"
    } else if what.contains("expected `,`") {
        "Expecting ',' delimiter"
    } else {
        "Expecting value"
    };
    let this_line: Vec<char> = text
        .split('\n')
        .nth(line - 1)
        .unwrap_or("")
        .chars()
        .collect();
    if kind == "Expecting value" {
        // serde stops inside a bad word ("this…"); Python points at its start.
        while column > 1
            && this_line
                .get(column - 2)
                .is_some_and(char::is_ascii_alphabetic)
        {
            column -= 1;
        }
    }
    let offset: usize = text
        .split('\n')
        .take(line - 1)
        .map(|l| l.chars().count() + 1)
        .sum::<usize>()
        + column
        - 1;
    PyError::new(
        "json.decoder.JSONDecodeError",
        format!("{kind}: line {line} column {column} (char {offset})"),
    )
}

/// `dict(jsonrequest.get('params', {}))`, with Python's complaints.
fn params_dict(params: Option<&Value>) -> Result<Map<String, Value>, PyError> {
    let not_iterable =
        |v: &Value| PyError::type_error(format!("'{}' object is not iterable", py_type(v)));
    let pairs: Vec<Value> = match params {
        None => return Ok(Map::new()),
        Some(Value::Object(o)) => return Ok(o.clone()),
        Some(Value::String(s)) => s.chars().map(|c| Value::String(c.to_string())).collect(),
        Some(Value::Array(a)) => a.clone(),
        Some(other) => return Err(not_iterable(other)),
    };
    let mut out = Map::new();
    for (i, item) in pairs.iter().enumerate() {
        let (k, v): (Value, Value) = match item {
            Value::String(s) if s.chars().count() == 2 => {
                let mut cs = s.chars();
                let (a, b) = (cs.next().unwrap_or_default(), cs.next().unwrap_or_default());
                (Value::String(a.to_string()), Value::String(b.to_string()))
            }
            Value::Array(a) if a.len() == 2 => (a[0].clone(), a[1].clone()),
            Value::Object(o) if o.len() == 2 => {
                let mut keys = o.keys().cloned();
                (
                    Value::String(keys.next().unwrap_or_default()),
                    Value::String(keys.next().unwrap_or_default()),
                )
            }
            Value::String(s) => return Err(length_error(i, s.chars().count())),
            Value::Array(a) => return Err(length_error(i, a.len())),
            Value::Object(o) => return Err(length_error(i, o.len())),
            _ => {
                return Err(PyError::type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )))
            }
        };
        match k {
            Value::String(k) => {
                out.insert(k, v);
            }
            Value::Array(_) | Value::Object(_) => {
                return Err(PyError::type_error(format!(
                    "unhashable type: '{}'",
                    py_type(&k)
                )))
            }
            _ => return Err(PyError::type_error("keywords must be strings")),
        }
    }
    Ok(out)
}

fn length_error(i: usize, n: usize) -> PyError {
    PyError::value(format!(
        "dictionary update sequence element #{i} has length {n}; 2 is required"
    ))
}

/// The endpoint's arguments; unknown parameters are ignored (Odoo logs
/// them), missing required ones are a TypeError.
fn bind_endpoint(ep: Endpoint, params: &Map<String, Value>) -> Result<Bound<'static>, PyError> {
    let (qual, names, required) = ep.signature();
    Sig {
        unknown: Unknown::Ignore,
        ..Sig::new(qual, names, required)
    }
    .bind(&[], params)
}

enum NewCookie {
    Session(String),
    ClearCids,
}

struct Reply {
    result: Json,
    cookies: Vec<NewCookie>,
}

impl Reply {
    fn plain(result: Json) -> Reply {
        Reply {
            result,
            cookies: Vec::new(),
        }
    }
}

fn dispatch(
    inner: &Inner,
    ep: Endpoint,
    incoming: &Incoming,
    session: Option<Session>,
    args: &Bound<'_>,
) -> Result<Reply, Failure> {
    let v = inner.version;
    // Anonymous visitors get a (throw-away) session cookie, as Odoo does.
    let anonymous = || {
        if session.is_none() {
            vec![NewCookie::Session(sessions::new_id(v))]
        } else {
            Vec::new()
        }
    };
    match ep {
        Endpoint::VersionInfo => Ok(Reply {
            result: session_info::version_info(v),
            cookies: anonymous(),
        }),
        Endpoint::DbList => Ok(Reply {
            result: Json::Arr(inner.visible.iter().map(|d| Json::from(*d)).collect()),
            cookies: anonymous(),
        }),
        Endpoint::Check => Ok(Reply::plain(Json::Null)),
        Endpoint::Destroy => {
            if let Some(sid) = &incoming.cookie {
                inner.sessions.destroy(sid).map_err(PyError::from)?;
            }
            let mut cookies = Vec::new();
            if crate::release(v).logout_clears_cids {
                cookies.push(NewCookie::ClearCids);
            }
            cookies.push(NewCookie::Session(sessions::new_id(v)));
            Ok(Reply {
                result: Json::Null,
                cookies,
            })
        }
        Endpoint::SessionInfo => {
            let s = session.ok_or(Failure::SessionExpired)?;
            let info = info_for(inner, &s, incoming)?;
            let sid = incoming.cookie.clone().unwrap_or_default();
            Ok(Reply {
                result: info,
                cookies: vec![NewCookie::Session(sid)],
            })
        }
        Endpoint::Authenticate => authenticate(inner, incoming, args),
        Endpoint::CallKw => {
            let s = session.ok_or(Failure::SessionExpired)?;
            let arg = |name| args.value(name);
            call(
                inner,
                &s,
                arg("model"),
                arg("method"),
                arg("args"),
                arg("kwargs"),
            )
            .map(Reply::plain)
        }
        Endpoint::JsonRpc => {
            let arg = |name| args.value(name);
            external::dispatch(inner, incoming, arg("service"), arg("method"), arg("args"))
                .map(Reply::plain)
        }
    }
}

struct UserRow {
    kind: UserKind,
    login: String,
    name: String,
    tz: Option<String>,
    lang: String,
    partner_id: i64,
}

fn user_row(conn: &rusqlite::Connection, uid: i64) -> Result<Option<UserRow>, PyError> {
    use rusqlite::OptionalExtension;
    Ok(conn
        .query_row(
            "SELECT kind, login, name, tz, partner_id, lang FROM users WHERE id = ?1 AND active = 1",
            [uid],
            |r| {
                Ok(UserRow {
                    kind: UserKind::parse(&r.get::<_, String>(0)?),
                    login: r.get(1)?,
                    name: r.get(2)?,
                    tz: r.get(3)?,
                    partner_id: r.get(4)?,
                    lang: r.get(5)?,
                })
            },
        )
        .optional()?)
}

/// The user's language and time zone (for `res.users.context_get`).
pub(crate) fn user_context(
    inner: &Inner,
    s: &Session,
) -> Result<(String, Option<String>), Failure> {
    let db = inner.db(&s.db).ok_or(Failure::SessionExpired)?;
    let conn = db.lock();
    let user = user_row(&conn, s.uid)?.ok_or(Failure::SessionExpired)?;
    Ok((user.lang, user.tz))
}

fn info_for(inner: &Inner, s: &Session, incoming: &Incoming) -> Result<Json, Failure> {
    let db = inner.db(&s.db).ok_or(Failure::SessionExpired)?;
    let conn = db.lock();
    let user = user_row(&conn, s.uid)?.ok_or(Failure::SessionExpired)?;
    let (display, write_date): (String, String) = conn
        .query_row(
            "SELECT complete_name, write_date FROM partner WHERE id = ?1",
            [user.partner_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .map_err(PyError::from)?;
    let base_url = incoming.base_url();
    Ok(session_info::session_info(
        inner.version,
        &Who {
            uid: s.uid,
            kind: user.kind,
            login: &user.login,
            name: &user.name,
            tz: user.tz.as_deref(),
            lang: &user.lang,
            db: &s.db,
            partner_id: user.partner_id,
            partner_display_name: &display,
            partner_write_date: &write_date,
            base_url: &base_url,
        },
    ))
}

fn authenticate(inner: &Inner, incoming: &Incoming, args: &Bound<'_>) -> Result<Reply, Failure> {
    let text = |name| args.value(name).as_str().unwrap_or("");
    let (db_name, uid) = auth::check_password(
        inner,
        &incoming.addr,
        text("db"),
        Credential::Login(text("login")),
        text("password"),
    )?;
    // A new id at every sign-in; the old session (if any) ends.
    if let Some(old) = &incoming.cookie {
        inner.sessions.destroy(old).map_err(PyError::from)?;
    }
    let sid = inner
        .sessions
        .create(db_name, uid, inner.version)
        .map_err(PyError::from)?;
    let session = Session {
        db: db_name.to_string(),
        uid,
    };
    let info = info_for(inner, &session, incoming)?;
    let mut cookies = vec![NewCookie::Session(sid.clone())];
    if crate::release(inner.version).double_login_cookie {
        cookies.push(NewCookie::Session(sid));
    }
    Ok(Reply {
        result: info,
        cookies,
    })
}

/// `call_kw(model, method, args, kwargs)` for the session's user.
pub(crate) fn call(
    inner: &Inner,
    s: &Session,
    model_name: &Value,
    method: &Value,
    call_args: &Value,
    kwargs: &Value,
) -> Result<Json, Failure> {
    let v = inner.version;
    let Value::String(method) = method else {
        return Err(PyError::type_error(format!(
            "expected string or bytes-like object, got '{}'",
            py_type(method)
        ))
        .into());
    };
    let shown_model = model_name.as_str().unwrap_or("").to_string();
    let release = crate::release(v);
    // The bare "Private methods" refusal comes before the model is looked up.
    if release.private_method == PrivateMethod::Access && method.starts_with('_') {
        return Err(call_kw::method_error(&shown_model, method, v).into());
    }
    let model = match call_kw::resolve_model(model_name) {
        Ok(m) => m,
        Err(_) if release.call_kw_probes_body => return Err(Failure::NotFoundRpc),
        Err(name) => return Err(PyError::key(name).into()),
    };
    let db = inner.db(&s.db).ok_or(Failure::SessionExpired)?;
    let conn = db.lock();
    let user = user_row(&conn, s.uid)?.ok_or(Failure::SessionExpired)?;
    let caller = Caller {
        uid: s.uid,
        kind: user.kind,
        partner_id: user.partner_id,
        name: user.name,
    };
    let run = Call {
        conn: &conn,
        version: v,
        caller: &caller,
        model,
        method,
    };
    Ok(run.run(call_args, kwargs)?)
}

/// `/web/version` (`type="http"`, `auth="none"`): the version as plain
/// JSON, where the version has the route.
async fn web_version(State(inner): St, req: Request<Body>) -> Response {
    let v = inner.version;
    if !crate::release(v).web_version_route {
        return wire::failure(v, &Json::Null, &Failure::NotFoundPage);
    }
    let incoming = Incoming::of(&req);
    blocking(move || {
        let info = session_info::version_info(v);
        let body = jobj! {
            "version_info" => info.get("server_version_info").cloned().unwrap_or(Json::Null),
            "version" => info.get("server_serie").cloned().unwrap_or(Json::Null),
        };
        let mut res = wire::plain_json(&body);
        if current_session(&inner, &incoming).ok().flatten().is_none() {
            set_session_cookie(&mut res, &sessions::new_id(v), incoming.https);
        }
        res
    })
    .await
}

/// `/web/image/<model>/<id>/<field>` (`auth="public"`).
async fn image(
    State(inner): St,
    Path((model, id, field)): Path<(String, String, String)>,
    req: Request<Body>,
) -> Response {
    let incoming = Incoming::of(&req);
    blocking(move || serve_image(&inner, &incoming, &model, &id, &field)).await
}

fn serve_image(inner: &Inner, incoming: &Incoming, model: &str, id: &str, field: &str) -> Response {
    let v = inner.version;
    let not_found = || wire::failure(v, &Json::Null, &Failure::NotFoundPage);
    // The route's `<int:id>` and the binary fields a contact has.
    let Ok(id) = id.parse::<i64>() else {
        return not_found();
    };
    let avatar = field.starts_with("avatar_");
    if !avatar && !field.starts_with("image_") {
        return not_found();
    }
    let session = current_session(inner, incoming).ok().flatten();
    let monodb = inner.visible.len() == 1;
    if session.is_none() && !monodb {
        return not_found();
    }
    let placeholder = || Image::svg(avatar::placeholder_svg(), "placeholder.svg".into(), None);
    let picture = match (&session, model) {
        // The public user may not read contacts: the placeholder.
        (Some(s), "res.partner") => match look_up_picture(inner, s, id, avatar) {
            Ok(Some(img)) => img,
            Ok(None) => placeholder(),
            Err(e) => return wire::failure(v, &Json::Null, &Failure::Py(e)),
        },
        _ => placeholder(),
    };
    let mut res = picture.into_response(v, &incoming.headers, incoming.unique);
    if session.is_none() {
        set_session_cookie(&mut res, &sessions::new_id(v), incoming.https);
    }
    res
}

fn look_up_picture(
    inner: &Inner,
    s: &Session,
    id: i64,
    avatar: bool,
) -> Result<Option<Image>, PyError> {
    use rusqlite::OptionalExtension;
    let Some(db) = inner.db(&s.db) else {
        return Ok(None);
    };
    let conn = db.lock();
    let Some(user) = user_row(&conn, s.uid)? else {
        return Ok(None);
    };
    if user.kind == UserKind::Portal && id != user.partner_id {
        return Ok(None);
    }
    let row: Option<(String, Option<Vec<u8>>, String, String)> = conn
        .query_row(
            "SELECT name, image, create_date, write_date FROM partner WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .optional()?;
    let Some((name, photo, created, written)) = row else {
        return Ok(None);
    };
    let modified = clock::parse_odoo_datetime(&written);
    Ok(match photo {
        Some(bytes) if !bytes.is_empty() => Some(Image::photo(bytes, &name, modified)),
        _ if avatar && !name.is_empty() => Some(Image::svg(
            avatar::initials_svg(&name, &created),
            format!("{name}.svg"),
            modified,
        )),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn params_like_python_dict() {
        assert_eq!(params_dict(None).unwrap(), Map::new());
        assert_eq!(
            params_dict(Some(&json!(["res.partner", "search_read"])))
                .unwrap_err()
                .message,
            "dictionary update sequence element #0 has length 11; 2 is required"
        );
        assert_eq!(
            params_dict(Some(&json!(null))).unwrap_err().message,
            "'NoneType' object is not iterable"
        );
        assert_eq!(
            params_dict(Some(&json!([["db", "demo"]])))
                .unwrap()
                .get("db"),
            Some(&json!("demo"))
        );
    }

    #[test]
    fn endpoint_arguments() {
        let p = params_dict(Some(&json!({"login": "a", "password": "b", "extra": 1}))).unwrap();
        assert_eq!(
            bind_endpoint(Endpoint::Authenticate, &p)
                .unwrap_err()
                .message,
            "Session.authenticate() missing 1 required positional argument: 'db'"
        );
        let p = params_dict(Some(&json!({"model": "res.partner", "method": "read"}))).unwrap();
        assert_eq!(
            bind_endpoint(Endpoint::CallKw, &p).unwrap_err().message,
            "DataSet.call_kw() missing 2 required positional arguments: 'args' and 'kwargs'"
        );
    }

    #[test]
    fn json_errors_read_like_pythons() {
        let e = serde_json::from_slice::<Value>(b"this is not json").unwrap_err();
        assert_eq!(
            json_decode_error(b"this is not json", &e).message,
            "Expecting value: line 1 column 1 (char 0)"
        );
    }
}
