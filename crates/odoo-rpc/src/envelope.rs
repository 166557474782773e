//! JSON-RPC 2.0 as Odoo frames it: `{"jsonrpc":"2.0","method":"call",
//! "params":…,"id":N}` out; `result` or `error` back, always HTTP 200 for
//! anything the dispatcher reached. Everything else (400, 404, a proxy's
//! 502) is an HTML or text page.

use crate::error::{excerpt, json_kind, Error};
use serde::Serialize;
use serde_json::{Map, Value};
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh request id, unique for this page (or process).
pub fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

/// The request body for `params`, as Odoo's own client sends it.
pub fn request_body(id: u64, params: &Value) -> String {
    let mut envelope = Map::new();
    envelope.insert("jsonrpc".into(), "2.0".into());
    envelope.insert("method".into(), "call".into());
    envelope.insert("params".into(), params.clone());
    envelope.insert("id".into(), id.into());
    Value::Object(envelope).to_string()
}

/// Odoo's answer to a call that raised: `{"jsonrpc", "id", "error":
/// {"code", "message", "data": {"name", "debug", "message", "arguments",
/// "context"}}}`, the members in the order Odoo writes them (a derived
/// `Serialize` keeps a struct's order, where a JSON map would sort them).
/// The one definition of that shape: demo-odoo answers with it, and so does
/// pwa-server for the errors it raises itself, which the app must decode
/// like Odoo's.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorAnswer {
    jsonrpc: &'static str,
    /// The request's id, or null where Odoo answers before reading it.
    pub id: Value,
    pub error: ErrorObject,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorObject {
    /// 200 (or the release's `server_error_code`) for an exception, 100
    /// for an expired session; a gateway uses its HTTP status.
    pub code: i64,
    /// Generic ("Odoo Server Error"): what happened is in `data`.
    pub message: String,
    pub data: ErrorData,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErrorData {
    /// The exception's dotted Python name (`odoo.exceptions.AccessDenied`).
    pub name: String,
    /// The traceback; empty when nothing Python raised it.
    pub debug: String,
    /// The exception's text, for people.
    pub message: String,
    /// The exception's `args`: usually its message alone.
    pub arguments: Vec<Value>,
    pub context: Map<String, Value>,
}

impl ErrorAnswer {
    /// `name` raised with `message` (its only argument), no traceback.
    pub fn new(id: Value, code: i64, summary: &str, name: &str, message: &str) -> Self {
        ErrorAnswer {
            jsonrpc: "2.0",
            id,
            error: ErrorObject {
                code,
                message: summary.into(),
                data: ErrorData {
                    name: name.into(),
                    debug: String::new(),
                    message: message.into(),
                    arguments: vec![message.into()],
                    context: Map::new(),
                },
            },
        }
    }
}

/// Decodes one HTTP answer to a JSON-RPC call into its `result`.
///
/// `needs_session`: the route requires a signed-in session, so a non-JSON
/// HTTP 404 means "not signed in" (a multi-database Odoo cannot tell which
/// database a request without a valid session belongs to, and answers 404).
pub fn decode_response(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    needs_session: bool,
) -> Result<Value, Error> {
    let Some(value) = parse_json(content_type, body) else {
        if status == 404 && needs_session {
            return Err(Error::SessionExpired);
        }
        return Err(Error::Http {
            status,
            excerpt: excerpt(body),
        });
    };
    let Value::Object(mut envelope) = value else {
        if status != 200 {
            return Err(Error::Http {
                status,
                excerpt: excerpt(body),
            });
        }
        return Err(Error::Shape {
            detail: format!(
                "the answer is {}, not a JSON-RPC envelope object",
                json_kind(&value)
            ),
        });
    };
    // A gateway in front of Odoo failed: worth retrying, whatever the body.
    if matches!(status, 502..=504) {
        return Err(Error::Http {
            status,
            excerpt: excerpt(body),
        });
    }
    if let Some(err) = envelope.get("error") {
        return Err(match Error::from_odoo_error(err) {
            // A rate limiter (ours, or one in front of Odoo) may use
            // JSON-RPC errors too; the status says what it means.
            Error::Server { message, .. } if status == 429 => Error::TooManyAttempts { message },
            e => e,
        });
    }
    if status == 429 {
        return Err(Error::TooManyAttempts {
            message: String::new(),
        });
    }
    if status != 200 {
        return Err(Error::Http {
            status,
            excerpt: excerpt(body),
        });
    }
    match envelope.get("jsonrpc") {
        Some(Value::String(v)) if v == "2.0" => {}
        Some(other) => {
            return Err(Error::Shape {
                detail: format!("\"jsonrpc\" is {other}, expected \"2.0\""),
            })
        }
        None => {
            return Err(Error::Shape {
                detail:
                    "the object has no \"jsonrpc\": \"2.0\" member, so it is not a JSON-RPC answer"
                        .into(),
            })
        }
    }
    // Odoo leaves `result` out entirely when it is None
    // (`/web/session/destroy`, `/web/session/check`).
    Ok(envelope.remove("result").unwrap_or(Value::Null))
}

/// The body as JSON, when it is JSON. The content type is a hint only:
/// Odoo's error pages are `text/html`, its answers `application/json`, but
/// proxies in between are not always so careful.
fn parse_json(content_type: Option<&str>, body: &str) -> Option<Value> {
    let start = body.trim_start();
    let says_json = content_type.is_some_and(|c| c.to_ascii_lowercase().contains("json"));
    if says_json || start.starts_with('{') || start.starts_with('[') {
        serde_json::from_str(body).ok()
    } else {
        None
    }
}
