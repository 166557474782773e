//! A cap on what a request to `/web` may carry (1 MB unless told): a
//! JSON-RPC call is a few kilobytes, and a client sending more, or sending
//! forever, gets Odoo's error shape at once rather than holding memory or
//! a worker of Odoo's.

use axum::body::Body;
use axum::extract::State;
use axum::http::{header, Request, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use odoo_rpc::ErrorAnswer;
use serde_json::Value;

pub async fn limit(State(max): State<usize>, req: Request<Body>, next: Next) -> Response {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > max as u64) {
        return too_large(max);
    }
    // Read up to the cap (a chunked body says no length): past it, refuse.
    let (parts, body) = req.into_parts();
    match axum::body::to_bytes(body, max).await {
        Ok(bytes) => {
            next.run(Request::from_parts(parts, Body::from(bytes)))
                .await
        }
        Err(_) => too_large(max),
    }
}

fn too_large(max: usize) -> Response {
    let kb = max / 1024;
    let mut answer = ErrorAnswer::new(
        Value::Null,
        413,
        "Payload Too Large",
        "pwa_server.RequestTooLarge",
        &format!("This request is larger than the {kb} KB this server accepts."),
    );
    answer.error.data.arguments.clear();
    (StatusCode::PAYLOAD_TOO_LARGE, axum::Json(answer)).into_response()
}
