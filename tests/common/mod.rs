//! Shared by the browser test suites (each uses what it needs).
#![allow(dead_code)]

/// The raw response body of a captured Odoo transcript
/// (`fixtures/odoo-wire/`): the line after its "RESPONSE BODY (raw" marker.
pub fn raw_body(transcript: &str) -> String {
    let start = transcript
        .find("--- RESPONSE BODY (raw")
        .expect("raw body marker");
    let body = &transcript[start..];
    let body = &body[body.find('\n').expect("body line") + 1..];
    body.lines().next().expect("body").to_string()
}

pub fn text(host: &web_sys::HtmlElement) -> String {
    host.text_content().unwrap_or_default()
}

pub fn has(host: &web_sys::HtmlElement, css: &str) -> bool {
    host.query_selector(css).ok().flatten().is_some()
}

/// Lets the app run until `ok` holds (up to about 5 s).
pub async fn until(
    what: &str,
    host: &web_sys::HtmlElement,
    ok: impl Fn(&web_sys::HtmlElement) -> bool,
) {
    for _ in 0..250 {
        leptos::task::tick().await;
        if ok(host) {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    panic!("{what}: never happened; the page says {:?}", text(host));
}

/// Mounts the whole app at `url` in a new element, after `stub` has
/// replaced the server.
pub fn mount_at(
    url: &str,
    stub: fn(),
) -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl leptos::prelude::Mountable>,
) {
    use wasm_bindgen::JsCast;
    stub();
    let _ = leptos::prelude::window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    let document = leptos::prelude::document();
    let host: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), staff_pwa::App);
    (host, handle)
}
