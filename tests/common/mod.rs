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

/// A compiled catalogue, as the server sends it (built from i18n/*.ftl by
/// the build script).
pub fn catalogue(lang: &str) -> &'static str {
    match lang {
        "en" => include_str!(concat!(env!("OUT_DIR"), "/i18n/en.json")),
        "fr" => include_str!(concat!(env!("OUT_DIR"), "/i18n/fr.json")),
        "de" => include_str!(concat!(env!("OUT_DIR"), "/i18n/de.json")),
        "es" => include_str!(concat!(env!("OUT_DIR"), "/i18n/es.json")),
        "nl" => include_str!(concat!(env!("OUT_DIR"), "/i18n/nl.json")),
        "ar" => include_str!(concat!(env!("OUT_DIR"), "/i18n/ar.json")),
        other => panic!("no catalogue {other}"),
    }
}

/// The app's words in English, for tests that call its functions without
/// mounting it.
pub fn english() {
    let reader = staff_pwa::i18n::Reader::for_user(Some("en_US"), Some("UTC"));
    assert!(staff_pwa::i18n::install(reader, catalogue("en")));
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

/// Replaces `window.fetch` with an Odoo 18 the app is signed in to: the
/// session info a real one sent (fixtures/odoo-wire/18/04a), its version,
/// a 404 for other routes, and every `call_kw` answered by `callKw`, an
/// `async (req) => Response` that `setup` (JavaScript) must define; it may
/// use `json(body, status)`. `values` are strings `setup` sees by `names`.
pub fn stub_odoo18(setup: &str, names: &[&str], values: &[String]) {
    stub_odoo18_in("en_US", setup, names, values)
}

/// [`stub_odoo18`] with the signed-in user's Odoo language `lang`.
pub fn stub_odoo18_in(lang: &str, setup: &str, names: &[&str], values: &[String]) {
    let body = format!(
        r#"
        const json = (body, status) => new Response(JSON.stringify(body),
            {{ status: status || 200, headers: {{ 'Content-Type': 'application/json' }} }});
        {setup}
        window.fetch = async function (input, init) {{
          const req = input instanceof Request ? input : new Request(input, init);
          const path = new URL(req.url).pathname;
          if (path.startsWith('/i18n/')) return new Response(catalogues[path.slice(6, -5)] || 'none',
              {{ status: catalogues[path.slice(6, -5)] ? 200 : 404 }});
          if (path === '/web/session/get_session_info') return new Response(session,
              {{ status: 200, headers: {{ 'Content-Type': 'application/json' }} }});
          if (path === '/web/webclient/version_info') return json({{ jsonrpc: '2.0', id: 1,
              result: {{ server_version: '18.0', server_version_info: [18, 0, 0, 'final', 0, ''] }} }});
          if (!path.startsWith('/web/dataset/call_kw')) return new Response('not here', {{ status: 404 }});
          return callKw(req);
        }};
        "#
    );
    let params = ["session", "catalogues"]
        .into_iter()
        .chain(names.iter().copied())
        .collect::<Vec<_>>()
        .join(", ");
    let args = js_sys::Array::new();
    let session = raw_body(include_str!(
        "../../fixtures/odoo-wire/18/04a-get-session-info-with-cookie.txt"
    ));
    assert!(session.contains("\"lang\": \"en_US\""));
    let session = session.replace("\"lang\": \"en_US\"", &format!("\"lang\": \"{lang}\""));
    args.push(&wasm_bindgen::JsValue::from_str(&session));
    let catalogues = js_sys::Object::new();
    for lang in staff_pwa::i18n::LANGUAGES {
        js_sys::Reflect::set(
            &catalogues,
            &lang.into(),
            &wasm_bindgen::JsValue::from_str(catalogue(lang)),
        )
        .expect("a catalogue");
    }
    args.push(&catalogues);
    for v in values {
        args.push(&wasm_bindgen::JsValue::from_str(v));
    }
    js_sys::Function::new_with_args(&params, &body)
        .apply(&wasm_bindgen::JsValue::NULL, &args)
        .expect("installing the stub");
}
