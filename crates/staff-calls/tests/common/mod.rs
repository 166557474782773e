//! Shared by the suites that talk to demo-odoo over HTTP.
#![allow(dead_code)]

use odoo_rpc::{decode_response, next_id, request_body, Call, Error};
use serde_json::Value;
use staff_calls::outbox::Request;

fn network(e: reqwest::Error) -> Error {
    Error::Network {
        detail: e.to_string(),
    }
}

/// Sends `request` to the server at `url`; the envelope's `result`.
pub async fn post(client: &reqwest::Client, url: &str, request: &Request) -> Result<Value, Error> {
    let res = client
        .post(format!("{url}{}", request.path))
        .header("content-type", "application/json")
        .body(request_body(next_id(), &request.params).to_string())
        .send()
        .await
        .map_err(network)?;
    let status = res.status().as_u16();
    let kind = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(String::from);
    let body = res.text().await.map_err(network)?;
    decode_response(status, kind.as_deref(), &body, request.needs_session)
}

/// Sends `call` and decodes its answer.
pub async fn call<C: Call>(
    client: &reqwest::Client,
    url: &str,
    call: &C,
) -> Result<C::Output, Error> {
    call.decode(post(client, url, &Request::of(call)).await?)
}
