//! Answers framed as Odoo frames them: the JSON-RPC envelope (`jsonrpc`,
//! `id`, then `result` or `error`; no `result` key for None), the error
//! answer (odoo-rpc's `ErrorAnswer`, the shape pwa-server sends too,
//! written as Python's `json.dumps` does), and werkzeug's HTML pages for
//! transport failures, whose markup changed between werkzeug 2.0 (Odoo 16)
//! and 2.2 (Odoo 17+). And who asked: the client's address, by the proxy
//! rule pwa-server follows too.

use crate::json::{jobj, Json};
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderValue, Request, StatusCode};
use axum::response::{IntoResponse, Response};
use odoo_rpc::forwarded::client_addr as client_addr_of;
use odoo_rpc::ErrorAnswer;
use serde::Serialize;
use serde_json::Value;
use std::io;
use std::net::SocketAddr;

/// One constructor per exception the demo raises, named for it.
macro_rules! raises {
    ($($fun:ident => $name:literal),* $(,)?) => {
        $(pub fn $fun(m: impl Into<String>) -> Self {
            Self::new($name, m)
        })*
    };
}

/// An exception as "Python" raised it: its dotted name and message.
#[derive(Debug, Clone, PartialEq)]
pub struct PyError {
    pub name: String,
    pub message: String,
}

impl PyError {
    pub fn new(name: &str, message: impl Into<String>) -> Self {
        PyError {
            name: name.to_string(),
            message: message.into(),
        }
    }
    raises! {
        value => "builtins.ValueError",
        type_error => "builtins.TypeError",
        key => "builtins.KeyError",
        attribute => "builtins.AttributeError",
        access => "odoo.exceptions.AccessError",
        denied => "odoo.exceptions.AccessDenied",
        user => "odoo.exceptions.UserError",
    }
    /// Something failed inside the demo itself (SQLite, a poisoned lock).
    pub fn internal(e: impl std::fmt::Display) -> Self {
        Self::new("builtins.RuntimeError", e.to_string())
    }

    /// The traceback's last line: builtins go by their short name, and a
    /// KeyError shows its argument's repr.
    fn last_line(&self) -> String {
        let short = self.name.strip_prefix("builtins.").unwrap_or(&self.name);
        if short == "KeyError" {
            format!("{short}: {}", py_repr(&Value::String(self.message.clone())))
        } else {
            format!("{short}: {}", self.message)
        }
    }
}

impl From<rusqlite::Error> for PyError {
    fn from(e: rusqlite::Error) -> Self {
        PyError::internal(e)
    }
}

/// Everything a JSON route can answer besides a result.
#[derive(Debug, Clone, PartialEq)]
pub enum Failure {
    /// An exception during dispatch: the version's server-error code, the
    /// request's id echoed.
    Py(PyError),
    /// An exception before dispatch (Odoo 18's read-only probe): id null.
    PyEarly(PyError),
    /// Odoo 18+'s unknown model: werkzeug's NotFound as code 404, id null.
    NotFoundRpc,
    /// No (or an expired) session where one can be told: code 100, id null.
    SessionExpired,
    /// werkzeug's 404 page.
    NotFoundPage,
    /// werkzeug's 400 page with this (unescaped) description.
    BadRequestPage(String),
    /// werkzeug's 415 page with this (unescaped) description, then Odoo's
    /// hint about the Content-Type header.
    UnsupportedMediaType(String),
    /// A bare 400 with this text ("Invalid JSON data").
    BadRequestText(&'static str),
}

impl From<PyError> for Failure {
    fn from(e: PyError) -> Self {
        Failure::Py(e)
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        Failure::Py(e.into())
    }
}

pub const NOT_FOUND_TEXT: &str = "The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.";

pub fn failure(version: u8, id: &Json, f: &Failure) -> Response {
    let server_error = crate::release(version).server_error_code;
    match f {
        Failure::Py(e) => error_envelope(id, server_error, "Odoo Server Error", e, true),
        Failure::PyEarly(e) => {
            error_envelope(&Json::Null, server_error, "Odoo Server Error", e, true)
        }
        Failure::SessionExpired => error_envelope(
            &Json::Null,
            100,
            "Odoo Session Expired",
            &PyError::new("odoo.http.SessionExpiredException", "Session expired"),
            true,
        ),
        Failure::NotFoundRpc => error_envelope(
            &Json::Null,
            404,
            "404: Not Found",
            &PyError::new(
                "werkzeug.exceptions.NotFound",
                format!("404 Not Found: {NOT_FOUND_TEXT}"),
            ),
            false,
        ),
        Failure::NotFoundPage => html_page(version, StatusCode::NOT_FOUND, NOT_FOUND_TEXT),
        Failure::BadRequestPage(detail) => html_page(version, StatusCode::BAD_REQUEST, detail),
        Failure::UnsupportedMediaType(detail) => {
            let mut res = html_markup(
                version,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                &format!(
                    "{}<br><br>Please verify the Content-Type request header and try again.",
                    escape(detail, "&#39;", "&#34;")
                ),
            );
            res.headers_mut().insert(
                header::ACCEPT,
                HeaderValue::from_static("application/json, application/json-rpc"),
            );
            res
        }
        Failure::BadRequestText(text) => with_type(
            (StatusCode::BAD_REQUEST, *text).into_response(),
            "text/html; charset=utf-8",
        ),
    }
}

/// `{"jsonrpc": "2.0", "id": …, "result": …}`; None has no `result` key.
pub fn result(id: &Json, result: Json) -> Response {
    let mut envelope = jobj! { "jsonrpc" => "2.0", "id" => id.clone() };
    if result != Json::Null {
        envelope.set("result", result);
    }
    json_response(&envelope)
}

fn error_envelope(id: &Json, code: i64, message: &str, e: &PyError, with_args: bool) -> Response {
    match error_text(id, code, message, e, with_args) {
        Ok(text) => with_type(text.into_response(), "application/json; charset=utf-8"),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

fn error_text(
    id: &Json,
    code: i64,
    message: &str,
    e: &PyError,
    with_args: bool,
) -> Result<String, serde_json::Error> {
    // The id came in as JSON: it goes back as it came.
    let id = serde_json::from_str(&id.to_text()).unwrap_or(Value::Null);
    let mut answer = ErrorAnswer::new(id, code, message, &e.name, &e.message);
    answer.error.data.debug = format!(
        "Traceback (most recent call last):\n  ... frames elided (demo-odoo) ...\n{}\n",
        e.last_line()
    );
    if !with_args {
        answer.error.data.arguments.clear();
    }
    python_dumps(&answer)
}

/// Text as Python's `json.dumps` writes it, which is what Odoo sends:
/// `", "` and `": "` between items; serde_json's escaping is already
/// Python's with `ensure_ascii=False`.
fn python_dumps(value: &impl Serialize) -> Result<String, serde_json::Error> {
    struct PythonStyle;
    impl serde_json::ser::Formatter for PythonStyle {
        fn begin_array_value<W: ?Sized + io::Write>(
            &mut self,
            w: &mut W,
            first: bool,
        ) -> io::Result<()> {
            if first {
                Ok(())
            } else {
                w.write_all(b", ")
            }
        }
        fn begin_object_key<W: ?Sized + io::Write>(
            &mut self,
            w: &mut W,
            first: bool,
        ) -> io::Result<()> {
            self.begin_array_value(w, first)
        }
        fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            w.write_all(b": ")
        }
    }
    let mut out = Vec::with_capacity(256);
    value.serialize(&mut serde_json::Serializer::with_formatter(
        &mut out,
        PythonStyle,
    ))?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The client's address for the sign-in cooldown, by Odoo's proxy rule
/// (pwa-server's too).
pub(crate) fn client_addr(req: &Request<Body>) -> String {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>();
    let forwarded_for = req.headers().get_all("x-forwarded-for");
    let addr = client_addr_of(
        peer.map(|c| c.ip()),
        forwarded_for.iter().map(HeaderValue::as_bytes),
    );
    addr.map_or_else(|| "unknown".into(), |ip| ip.to_string())
}

/// A JSON body outside JSON-RPC (an `http` route's own answer).
pub fn plain_json(j: &Json) -> Response {
    json_response(j)
}

fn json_response(j: &Json) -> Response {
    with_type(
        j.to_text().into_response(),
        "application/json; charset=utf-8",
    )
}

fn with_type(mut res: Response, ct: &'static str) -> Response {
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(ct));
    res
}

/// werkzeug's error page; its markup and escaping depend on the version
/// Odoo ships with.
pub fn html_page(version: u8, status: StatusCode, description: &str) -> Response {
    let markup = if crate::release(version).old_error_pages {
        escape(description, "&#x27;", "&quot;")
    } else {
        escape(description, "&#39;", "&#34;")
    };
    html_markup(version, status, &markup)
}

/// werkzeug's error page around a description already in HTML.
fn html_markup(version: u8, status: StatusCode, markup: &str) -> Response {
    let name = status.canonical_reason().unwrap_or("Error");
    let code = status.as_u16();
    let body = if crate::release(version).old_error_pages {
        format!(
            "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 3.2 Final//EN\">\n<title>{code} {name}</title>\n<h1>{name}</h1>\n<p>{markup}</p>\n"
        )
    } else {
        format!(
            "<!doctype html>\n<html lang=en>\n<title>{code} {name}</title>\n<h1>{name}</h1>\n<p>{markup}</p>\n"
        )
    };
    with_type((status, body).into_response(), "text/html; charset=utf-8")
}

fn escape(s: &str, apos: &str, quot: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\'' => out.push_str(apos),
            '"' => out.push_str(quot),
            c => out.push(c),
        }
    }
    out
}

/// Python's `repr()` of a JSON value as Odoo would have received it
/// (lists stay lists, objects become dicts).
pub fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.to_string(),
            (None, Some(f)) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{f:.1}"),
            _ => n.to_string(),
        },
        Value::String(s) => py_str(s),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("{}: {}", py_str(k), py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

/// Python's `str()` of a JSON value: a string as it is, anything else its
/// `repr()` (Odoo formats like patterns and stores char values this way).
pub fn py_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => py_repr(other),
    }
}

/// A tuple's repr, as Odoo shows a domain leaf: `('name', 'ilike', 'x')`.
pub fn tuple_repr(items: &[Value]) -> String {
    let inner = items.iter().map(py_repr).collect::<Vec<_>>().join(", ");
    if items.len() == 1 {
        format!("({inner},)")
    } else {
        format!("({inner})")
    }
}

/// Python quotes with `'` unless the text has one and no `"`.
fn py_str(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// Python's phrase for a list of names: `'a'`, `'a' and 'b'`,
/// `'a', 'b', and 'c'` (as in "missing 3 required positional arguments").
pub fn py_name_list(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    match quoted.len() {
        0 => String::new(),
        1 => quoted[0].clone(),
        2 => format!("{} and {}", quoted[0], quoted[1]),
        n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
    }
}

/// Python's type name for a JSON value, as TypeErrors print it.
pub fn py_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "NoneType",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_i64() || n.is_u64() => "int",
        Value::Number(_) => "float",
        Value::String(_) => "str",
        Value::Array(_) => "list",
        Value::Object(_) => "dict",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_client_is_the_peer_or_what_a_proxy_here_saw() {
        let req = |peer: Option<&str>, xff: &[&str]| {
            let mut req = Request::new(Body::empty());
            if let Some(p) = peer {
                req.extensions_mut()
                    .insert(ConnectInfo(SocketAddr::new(p.parse().unwrap(), 9)));
            }
            for v in xff {
                req.headers_mut()
                    .append("x-forwarded-for", HeaderValue::from_str(v).unwrap());
            }
            client_addr(&req)
        };
        let xff = ["198.51.100.1", "10.0.0.1, 203.0.113.7"];
        assert_eq!(req(Some("127.0.0.1"), &xff), "203.0.113.7");
        assert_eq!(req(Some("192.0.2.10"), &xff), "192.0.2.10");
        assert_eq!(req(None, &xff), "203.0.113.7");
        assert_eq!(req(Some("127.0.0.1"), &[]), "127.0.0.1");
        assert_eq!(req(None, &[]), "unknown");
    }

    #[test]
    fn errors_are_written_as_odoo_writes_them() {
        let e = PyError::key("a'b\"é\n");
        assert_eq!(
            error_text(&Json::Int(5), 200, "Odoo Server Error", &e, true).unwrap(),
            r#"{"jsonrpc": "2.0", "id": 5, "error": {"code": 200, "message": "Odoo Server Error", "data": {"name": "builtins.KeyError", "debug": "Traceback (most recent call last):\n  ... frames elided (demo-odoo) ...\nKeyError: 'a\\'b\"é\\n'\n", "message": "a'b\"é\n", "arguments": ["a'b\"é\n"], "context": {}}}}"#
        );
        let e = PyError::new("werkzeug.exceptions.NotFound", "404");
        assert_eq!(
            error_text(&Json::Null, 404, "404: Not Found", &e, false).unwrap(),
            r#"{"jsonrpc": "2.0", "id": null, "error": {"code": 404, "message": "404: Not Found", "data": {"name": "werkzeug.exceptions.NotFound", "debug": "Traceback (most recent call last):\n  ... frames elided (demo-odoo) ...\nwerkzeug.exceptions.NotFound: 404\n", "message": "404", "arguments": [], "context": {}}}}"#
        );
    }

    #[test]
    fn python_reprs() {
        assert_eq!(
            tuple_repr(&[json!("name"), json!("ilike")]),
            "('name', 'ilike')"
        );
        assert_eq!(
            tuple_repr(&[json!("id"), json!("in"), json!([1, false, null])]),
            "('id', 'in', [1, False, None])"
        );
        assert_eq!(tuple_repr(&[json!("x")]), "('x',)");
        assert_eq!(py_repr(&json!("O'Brien")), "\"O'Brien\"");
        assert_eq!(py_repr(&json!("a'\"b")), "'a\\'\"b'");
        assert_eq!(py_repr(&json!({"a": 1.0})), "{'a': 1.0}");
    }

    #[test]
    fn python_name_lists() {
        assert_eq!(py_name_list(&["db"]), "'db'");
        assert_eq!(py_name_list(&["args", "kwargs"]), "'args' and 'kwargs'");
        assert_eq!(
            py_name_list(&["method", "args", "kwargs"]),
            "'method', 'args', and 'kwargs'"
        );
    }
}
