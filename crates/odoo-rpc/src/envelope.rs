//! JSON-RPC 2.0 as Odoo frames it: `{"jsonrpc":"2.0","method":"call",
//! "params":…,"id":N}` out; `result` or `error` back, always HTTP 200 for
//! anything the dispatcher reached.

use crate::error::{excerpt, Error};
use serde_json::Value;
use std::sync::atomic::{AtomicU64, Ordering};

static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A fresh request id (unique for this page / process).
pub fn next_id() -> u64 {
    NEXT_ID.fetch_add(1, Ordering::Relaxed)
}

pub fn request_body(id: u64, params: &Value) -> String {
    serde_json::json!({"jsonrpc": "2.0", "method": "call", "params": params, "id": id}).to_string()
}

/// Decodes one answer. `needs_session`: the call requires a signed-in
/// session, so a bare HTTP 404 page means "not signed in" (how a
/// multi-database Odoo says it, having no database to route to).
pub fn decode_response(
    status: u16,
    content_type: Option<&str>,
    body: &str,
    needs_session: bool,
) -> Result<Value, Error> {
    let looks_json = content_type.is_some_and(|c| c.contains("json"))
        || body.trim_start().starts_with('{');
    let parsed: Option<Value> = if looks_json {
        serde_json::from_str(body).ok()
    } else {
        None
    };
    // Gateways (ours included) answer 502/503/504 even with a JSON body:
    // those are transient whatever the body says.
    if matches!(status, 502..=504) {
        let text = parsed
            .as_ref()
            .and_then(|v| v.pointer("/error/data/message"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .unwrap_or_else(|| excerpt(body));
        return Err(Error::Http {
            status,
            excerpt: text,
        });
    }
    let Some(value) = parsed else {
        if status == 404 && needs_session {
            return Err(Error::SessionExpired);
        }
        return Err(Error::Http {
            status,
            excerpt: excerpt(body),
        });
    };
    let Value::Object(mut obj) = value else {
        return Err(Error::Shape {
            detail: "the answer is JSON but not an object".into(),
        });
    };
    if let Some(err) = obj.get("error") {
        return Err(Error::from_odoo_error(err, status));
    }
    if status != 200 {
        return Err(Error::Http {
            status,
            excerpt: excerpt(body),
        });
    }
    if obj.get("jsonrpc").and_then(Value::as_str) != Some("2.0") {
        return Err(Error::Shape {
            detail: "the answer is not a JSON-RPC 2.0 envelope (no \"jsonrpc\": \"2.0\")".into(),
        });
    }
    // Odoo leaves `result` out entirely when it is None.
    Ok(obj.remove("result").unwrap_or(Value::Null))
}
