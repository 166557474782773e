//! Answers framed as Odoo frames them: `{"jsonrpc": "2.0", "id": …,
//! "result": …}` (no `result` key for None), errors with `code`, `message`
//! and `data{name, debug, message, arguments, context}`, and werkzeug's
//! HTML pages for transport failures.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};

/// An error raised by "Python": its exception name and message.
#[derive(Debug, Clone, PartialEq)]
pub struct PyError {
    pub name: &'static str,
    pub message: String,
}

impl PyError {
    pub fn new(name: &'static str, message: impl Into<String>) -> Self {
        PyError {
            name,
            message: message.into(),
        }
    }
    pub fn value(m: impl Into<String>) -> Self {
        Self::new("builtins.ValueError", m)
    }
    pub fn type_error(m: impl Into<String>) -> Self {
        Self::new("builtins.TypeError", m)
    }
}

fn json_response(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    res
}

pub fn result(id: &Value, result: Value) -> Response {
    let body = if result.is_null() {
        format!("{{\"jsonrpc\": \"2.0\", \"id\": {id}}}")
    } else {
        format!("{{\"jsonrpc\": \"2.0\", \"id\": {id}, \"result\": {result}}}")
    };
    json_response(StatusCode::OK, body)
}

fn error_body(id: &Value, code: i64, message: &str, name: &str, text: &str) -> Response {
    let last = name.rsplit('.').next().unwrap_or(name);
    let data = json!({
        "name": name,
        "debug": format!("Traceback (most recent call last):\n  ... frames elided (demo-odoo) ...\n{name}: {text}\n"),
        "message": text,
        "arguments": if last == "NotFound" { json!([]) } else { json!([text]) },
        "context": {}
    });
    let error = json!({"code": code, "message": message, "data": data});
    json_response(
        StatusCode::OK,
        format!("{{\"jsonrpc\": \"2.0\", \"id\": {id}, \"error\": {error}}}"),
    )
}

pub fn py_error(id: &Value, e: &PyError) -> Response {
    error_body(id, 200, "Odoo Server Error", e.name, &e.message)
}

pub fn session_expired() -> Response {
    error_body(
        &Value::Null,
        100,
        "Odoo Session Expired",
        "odoo.http.SessionExpiredException",
        "Session expired",
    )
}

/// Odoo 17+: an unknown model is a werkzeug NotFound, code 404.
pub fn model_not_found() -> Response {
    error_body(
        &Value::Null,
        404,
        "404: Not Found",
        "werkzeug.exceptions.NotFound",
        "404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.",
    )
}

fn html(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    res
}

pub fn not_found_page() -> Response {
    html(
        StatusCode::NOT_FOUND,
        "<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>\n<h1>Not Found</h1>\n<p>The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.</p>\n".into(),
    )
}

pub fn bad_request_page(detail: &str) -> Response {
    html(
        StatusCode::BAD_REQUEST,
        format!("<!doctype html>\n<html lang=en>\n<title>400 Bad Request</title>\n<h1>Bad Request</h1>\n<p>{detail}</p>\n"),
    )
}

pub fn bad_request_text(text: &'static str) -> Response {
    html(StatusCode::BAD_REQUEST, text.into())
}

/// Python's repr of a JSON value: how Odoo quotes leaves in messages.
pub fn py_repr(v: &Value) -> String {
    match v {
        Value::Null => "None".into(),
        Value::Bool(true) => "True".into(),
        Value::Bool(false) => "False".into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'")),
        Value::Array(a) => format!("[{}]", a.iter().map(py_repr).collect::<Vec<_>>().join(", ")),
        Value::Object(o) => format!(
            "{{{}}}",
            o.iter()
                .map(|(k, v)| format!("'{k}': {}", py_repr(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

pub fn leaf_repr(items: &[Value]) -> String {
    format!("({})", items.iter().map(py_repr).collect::<Vec<_>>().join(", "))
}
