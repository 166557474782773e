//! The app's transport (`src/rpc.rs`) in a real browser: timeout,
//! cancellation, retries and the session-expired hook. `window.fetch` is
//! replaced by a stub the test steers, which records each request and
//! whether its abort signal fired, so "cancelled" means the browser really
//! dropped the request, not merely that we stopped listening.

mod common;

use odoo_rpc::{Authenticate, Error, SearchCount, VersionInfo};
use staff_pwa::rpc::{self, CallOpts, Latest};
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Installs the stub. `respond` is the body of `function (req)` returning
/// a `Response`, or `null` to leave the request hanging until aborted.
fn stub_fetch(respond: &str) {
    let install = js_sys::Function::new_with_args(
        "respond",
        r#"
        window.__fetchLog = [];
        window.fetch = function (input, init) {
          const req = input instanceof Request ? input : new Request(input, init);
          const entry = { url: req.url, aborted: false };
          window.__fetchLog.push(entry);
          return new Promise((resolve, reject) => {
            req.signal.addEventListener('abort', () => {
              entry.aborted = true;
              reject(new DOMException('The user aborted a request.', 'AbortError'));
            });
            const answer = respond(req);
            if (answer) resolve(answer);
          });
        };
        "#,
    );
    let respond = js_sys::Function::new_with_args("req", respond);
    install
        .call1(&JsValue::NULL, &respond)
        .expect("installing the fetch stub");
}

/// (requests made, requests whose signal was aborted)
fn fetch_log() -> (u32, u32) {
    let log = js_sys::Reflect::get(&js_sys::global(), &"__fetchLog".into()).unwrap();
    let log: js_sys::Array = log.into();
    let aborted = log
        .iter()
        .filter(|e| {
            js_sys::Reflect::get(e, &"aborted".into())
                .ok()
                .and_then(|v| v.as_bool())
                .unwrap_or(false)
        })
        .count();
    (log.length(), aborted as u32)
}

fn sign_in() -> Authenticate {
    Authenticate {
        db: "demo".into(),
        login: "admin".into(),
        password: "admin".into(),
    }
}

fn opts(timeout_ms: u32) -> CallOpts {
    CallOpts {
        signal: None,
        timeout_ms: Some(timeout_ms),
    }
}

#[wasm_bindgen_test]
async fn a_call_past_its_timeout_fails_with_timeout_and_the_request_is_aborted() {
    stub_fetch("return null;");
    let result = rpc::call_with(&sign_in(), &opts(80)).await;
    assert_eq!(result.err(), Some(Error::Timeout));
    // Sign-in is never retried: one request, and the browser dropped it.
    assert_eq!(fetch_log(), (1, 1));
}

#[wasm_bindgen_test]
async fn a_read_that_times_out_is_tried_again_then_reported() {
    stub_fetch("return null;");
    let result = rpc::call_with(&VersionInfo, &opts(40)).await;
    assert_eq!(result.err(), Some(Error::Timeout));
    let policy = odoo_rpc::RetryPolicy::default();
    assert_eq!(fetch_log(), (policy.max_attempts, policy.max_attempts));
}

#[wasm_bindgen_test]
async fn a_newer_query_cancels_the_one_in_flight() {
    stub_fetch("return null;");
    let latest = Latest::default();
    let first = CallOpts {
        signal: latest.next(),
        timeout_ms: None,
    };
    let count = SearchCount::new("res.partner", odoo_rpc::Domain::All, Default::default());
    let call = rpc::call_with(&count, &first);
    let replace = async {
        // Wait until the request is really out, then start a newer one.
        while fetch_log().0 == 0 {
            leptos::task::tick().await;
        }
        let _newer = latest.next();
    };
    let (result, ()) = futures::join!(call, replace);
    assert_eq!(result.err(), Some(Error::Cancelled));
    assert_eq!(fetch_log(), (1, 1));
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing() {
    stub_fetch("return null;");
    let latest = Latest::default();
    let signal = latest.next();
    latest.abort();
    let result = rpc::call_with(
        &VersionInfo,
        &CallOpts {
            signal,
            timeout_ms: None,
        },
    )
    .await;
    assert_eq!(result.err(), Some(Error::Cancelled));
    assert_eq!(fetch_log().0, 0);
}

const GATEWAY_PAGE: &str =
    "return new Response('<html><body><h1>502 Bad Gateway</h1></body></html>', \
     { status: 502, headers: { 'Content-Type': 'text/html' } });";

#[wasm_bindgen_test]
async fn a_gateway_error_page_is_retried_for_reads_and_kept_as_http_502() {
    stub_fetch(GATEWAY_PAGE);
    let result = rpc::call_with(&VersionInfo, &opts(5_000)).await;
    match result {
        Err(Error::Http { status, excerpt }) => {
            assert_eq!(status, 502);
            assert!(excerpt.contains("Bad Gateway"), "{excerpt}");
        }
        other => panic!("expected HTTP 502, got {other:?}"),
    }
    let attempts = odoo_rpc::RetryPolicy::default().max_attempts;
    assert_eq!(fetch_log(), (attempts, 0));
}

#[wasm_bindgen_test]
async fn a_gateway_error_page_is_not_retried_for_sign_in() {
    stub_fetch(GATEWAY_PAGE);
    let result = rpc::call_with(&sign_in(), &opts(5_000)).await;
    assert!(
        matches!(result, Err(Error::Http { status: 502, .. })),
        "{result:?}"
    );
    assert_eq!(fetch_log(), (1, 0));
}

#[wasm_bindgen_test]
async fn cancelling_during_a_retry_wait_returns_at_once() {
    stub_fetch(GATEWAY_PAGE);
    let latest = Latest::default();
    let call_opts = CallOpts {
        signal: latest.next(),
        timeout_ms: None,
    };
    let aborted_at = std::cell::Cell::new(0.0);
    let call = rpc::call_with(&VersionInfo, &call_opts);
    let cancel = async {
        while fetch_log().0 == 0 {
            leptos::task::tick().await;
        }
        // A few turns of the event loop let the 502 be read and decoded,
        // so the call is waiting its backoff (at least 125 ms) when the
        // abort comes.
        for _ in 0..5 {
            gloo_timers::future::TimeoutFuture::new(0).await;
        }
        aborted_at.set(js_sys::Date::now());
        latest.abort();
    };
    let (result, ()) = futures::join!(call, cancel);
    let after_abort = js_sys::Date::now() - aborted_at.get();
    assert_eq!(result.err(), Some(Error::Cancelled));
    // One request, answered (not aborted): the cancel came during the
    // backoff, and no retry followed it.
    assert_eq!(fetch_log(), (1, 0));
    assert!(
        after_abort < 100.0,
        "the call went on {after_abort} ms after the cancel"
    );
}

/// The body Odoo 18 sent for a call without a session (the transcript).
fn expired_body() -> String {
    common::raw_body(include_str!(
        "../fixtures/odoo-wire/18/07d-call_kw-no-cookie-monodb.txt"
    ))
}

#[wasm_bindgen_test]
async fn session_expiry_is_reported_through_the_one_hook() {
    let body = serde_json::to_string(&expired_body()).unwrap();
    stub_fetch(&format!(
        "return new Response({body}, {{ status: 200, headers: {{ 'Content-Type': 'application/json' }} }});"
    ));
    let heard = Rc::new(Cell::new(0));
    let h = heard.clone();
    rpc::on_session_expired(move || h.set(h.get() + 1));
    let count = SearchCount::new("res.partner", odoo_rpc::Domain::All, Default::default());
    let result = rpc::call(&count).await;
    assert_eq!(result.err(), Some(Error::SessionExpired));
    assert_eq!(heard.get(), 1);
    assert_eq!(fetch_log(), (1, 0), "expiry is not retried");
}
