//! The app's one door to Odoo: a JSON POST with the browser's cookies, a
//! timeout, cancellation, retries for reads, and the single place where
//! "session expired" is reported. Shapes are `odoo_rpc`'s, never ours.

use futures::future::{select, Either};
use gloo_net::http::Request;
use odoo_rpc::{decode_response, request_body, Call, CallKind, Error, RetryPolicy};
use serde_json::Value;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, AbortSignal, RequestCredentials};

pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;

type Hook<T> = RefCell<Option<Rc<T>>>;

thread_local! {
    static ON_EXPIRED: Hook<dyn Fn()> = const { RefCell::new(None) };
    static ON_REACHABILITY: Hook<dyn Fn(bool)> = const { RefCell::new(None) };
}

/// Registers who hears whether the server answered (the connection
/// banner): true after any answer, false when none came.
pub fn on_reachability(f: impl Fn(bool) + 'static) {
    ON_REACHABILITY.with(|h| *h.borrow_mut() = Some(Rc::new(f)));
}

fn report_reachability(result: &Result<Value, Error>) {
    let reachable = match result {
        Ok(_) => true,
        Err(Error::Cancelled) => return,
        Err(e) => !e.is_transient() && !matches!(e, Error::Offline),
    };
    if let Some(f) = ON_REACHABILITY.with(|h| h.borrow().clone()) {
        f(reachable);
    }
}

/// Registers what happens when any call finds the session gone (the
/// session module sends the user to sign in, then back).
pub fn on_session_expired(f: impl Fn() + 'static) {
    ON_EXPIRED.with(|h| *h.borrow_mut() = Some(Rc::new(f)));
}

fn report_expired() {
    if let Some(f) = ON_EXPIRED.with(|h| h.borrow().clone()) {
        f();
    }
}

/// Options for one call.
#[derive(Clone, Default)]
pub struct CallOpts {
    /// Aborting it cancels the call (a newer query, a view going away).
    pub signal: Option<AbortSignal>,
    /// Defaults to [`DEFAULT_TIMEOUT_MS`].
    pub timeout_ms: Option<u32>,
}

pub async fn call<C: Call>(call: &C) -> Result<C::Output, Error> {
    call_with(call, &CallOpts::default()).await
}

/// Sends `call` and decodes its answer. Only the decoding is per call
/// type: the transport below is one copy for every call, which keeps the
/// app's WebAssembly small.
pub async fn call_with<C: Call>(call: &C, opts: &CallOpts) -> Result<C::Output, Error> {
    let params = call.params();
    let result = send_parts(
        call.path(),
        &params,
        call.kind(),
        call.needs_session(),
        opts,
    );
    call.decode(result.await?)
}

/// Sends a call given by its parts; the envelope's `result`.
pub async fn send_parts(
    path: String,
    params: &Value,
    kind: CallKind,
    needs_session: bool,
    opts: &CallOpts,
) -> Result<Value, Error> {
    let request = Outgoing {
        path,
        body: request_body(odoo_rpc::next_id(), params),
        kind,
        needs_session,
    };
    send(&request, opts).await
}

/// A call reduced to what the transport needs.
struct Outgoing {
    path: String,
    body: String,
    kind: CallKind,
    needs_session: bool,
}

/// Sends with retries; the envelope's `result`, or the error. Reports
/// reachability and expiry.
async fn send(request: &Outgoing, opts: &CallOpts) -> Result<Value, Error> {
    let policy = RetryPolicy::default();
    let mut attempt = 0;
    loop {
        attempt += 1;
        let result = once(request, opts).await;
        if let Err(ref e) = result {
            if policy.should_retry(request.kind, e, attempt) {
                let wait = policy.delay_ms(attempt, js_sys::Math::random());
                if sleep_unless_aborted(wait as u32, opts.signal.as_ref()).await {
                    return Err(Error::Cancelled);
                }
                continue;
            }
        }
        report_reachability(&result);
        if result == Err(Error::SessionExpired) {
            report_expired();
        }
        return result;
    }
}

fn is_offline() -> bool {
    web_sys::window().is_some_and(|w| !w.navigator().on_line())
}

/// One attempt, with its own abort controller that follows the caller's
/// signal and the timeout.
async fn once(request: &Outgoing, opts: &CallOpts) -> Result<Value, Error> {
    if opts.signal.as_ref().is_some_and(|s| s.aborted()) {
        return Err(Error::Cancelled);
    }
    if is_offline() {
        return Err(Error::Offline);
    }
    let controller = AbortController::new().map_err(|_| Error::Network {
        detail: "this browser cannot abort requests".into(),
    })?;
    let _link = opts
        .signal
        .as_ref()
        .map(|outer| follow_abort(outer, &controller));
    let http = Request::post(&request.path)
        .credentials(RequestCredentials::Include)
        .header("Content-Type", "application/json")
        .abort_signal(Some(&controller.signal()))
        .body(request.body.as_str())
        .map_err(|e| Error::Network {
            detail: e.to_string(),
        })?;
    let exchange = async {
        let res = http.send().await?;
        let status = res.status();
        let content_type = res.headers().get("content-type");
        let text = res.text().await?;
        Ok::<_, gloo_net::Error>((status, content_type, text))
    };
    let timeout_ms = opts.timeout_ms.unwrap_or(DEFAULT_TIMEOUT_MS);
    let timer = gloo_timers::future::TimeoutFuture::new(timeout_ms);
    let outcome = match select(Box::pin(exchange), timer).await {
        Either::Left((r, _)) => r,
        Either::Right(_) => {
            controller.abort();
            return Err(Error::Timeout);
        }
    };
    match outcome {
        Ok((status, content_type, text)) => decode_response(
            status,
            content_type.as_deref(),
            &text,
            request.needs_session,
        ),
        Err(_) if opts.signal.as_ref().is_some_and(|s| s.aborted()) => Err(Error::Cancelled),
        Err(_) if is_offline() => Err(Error::Offline),
        Err(e) => Err(Error::Network {
            detail: e.to_string(),
        }),
    }
}

/// Aborts `inner` when `outer` aborts, for as long as the guard lives.
struct AbortLink {
    outer: AbortSignal,
    listener: Closure<dyn FnMut()>,
}

impl Drop for AbortLink {
    fn drop(&mut self) {
        let _ = self
            .outer
            .remove_event_listener_with_callback("abort", self.listener.as_ref().unchecked_ref());
    }
}

fn follow_abort(outer: &AbortSignal, inner: &AbortController) -> AbortLink {
    let inner = inner.clone();
    let listener = Closure::<dyn FnMut()>::new(move || inner.abort());
    let _ = outer.add_event_listener_with_callback("abort", listener.as_ref().unchecked_ref());
    AbortLink {
        outer: outer.clone(),
        listener,
    }
}

/// Waits `ms`, or less if the signal aborts first (then true): a view that
/// went away does not keep a retry waiting. The promise's own `resolve` is
/// both the timer's callback and the abort listener, so no Rust closure is
/// involved; both are removed once the wait is over.
async fn sleep_unless_aborted(ms: u32, signal: Option<&AbortSignal>) -> bool {
    let Some(window) = web_sys::window() else {
        return signal.is_some_and(|s| s.aborted());
    };
    let mut wake: Option<(js_sys::Function, i32)> = None;
    let wait = js_sys::Promise::new(&mut |resolve, _reject| {
        if let Some(s) = signal {
            let _ = s.add_event_listener_with_callback("abort", &resolve);
        }
        let timer = window
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32)
            .unwrap_or(0);
        wake = Some((resolve, timer));
    });
    if !signal.is_some_and(|s| s.aborted()) {
        let _ = wasm_bindgen_futures::JsFuture::from(wait).await;
    }
    if let Some((resolve, timer)) = wake {
        window.clear_timeout_with_handle(timer);
        if let Some(s) = signal {
            let _ = s.remove_event_listener_with_callback("abort", &resolve);
        }
    }
    signal.is_some_and(|s| s.aborted())
}

/// An abort controller for "the newest query wins": starting a new one
/// aborts the one before. Also aborted when the owning view is cleaned up.
/// (Send only in name: the browser runs it on its one thread, which is
/// what Leptos's views and cleanups ask for.)
#[derive(Clone)]
pub struct Latest(send_wrapper::SendWrapper<Rc<RefCell<Option<AbortController>>>>);

impl Default for Latest {
    fn default() -> Self {
        Latest(send_wrapper::SendWrapper::new(Rc::default()))
    }
}

impl Latest {
    pub fn next(&self) -> Option<AbortSignal> {
        let fresh = AbortController::new().ok();
        let signal = fresh.as_ref().map(|c| c.signal());
        if let Some(old) = self.0.replace(fresh) {
            old.abort();
        }
        signal
    }

    pub fn abort(&self) {
        if let Some(old) = self.0.borrow_mut().take() {
            old.abort();
        }
    }
}
