//! The contacts list mounted for real in the browser, its server replaced
//! by a `window.fetch` stub the test steers: loading shows a skeleton,
//! an empty answer says so, an error offers Retry and keeps the rows that
//! were on screen, and Retry brings the answer.

mod common;

use common::{has, mount_at, text, until};

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Installs the stub. `window.__list` steers the contacts answer:
/// "rows" (three contacts), "one" (only the first of them), "empty",
/// "error" (a server error), or "hold" (no answer until
/// `window.__release()`). `window.__listCalls` counts the contacts calls.
fn stub_server() {
    common::stub_odoo18(
        r#"
        const partner = (id, name, city) => ({ id, name, display_name: name, is_company: false,
            parent_id: false, function: false, email: false, phone: false, mobile: false,
            city, country_id: false, write_date: '2026-11-01 10:00:00' });
        const three = [partner(1, 'Ada Lovelace', 'London'), partner(2, 'Émile Zola', 'Paris'),
            partner(3, 'Grace Hopper', 'Arlington')];
        window.__list = 'rows';
        window.__listCalls = 0;
        const callKw = async (req) => {
          window.__listCalls += 1;
          const mode = window.__list;
          if (mode === 'hold') await new Promise(r => { window.__release = r; });
          if (mode === 'error') return json({ jsonrpc: '2.0', id: 1, error: { code: 200,
              message: 'Odoo Server Error', data: { name: 'builtins.KeyError', message: 'boom' } } });
          const records = mode === 'empty' ? [] : mode === 'one' ? three.slice(0, 1) : three;
          return json({ jsonrpc: '2.0', id: 1, result: { length: records.length, records } });
        };
        "#,
        &[],
        &[],
    );
}

fn set_mode(mode: &str) {
    let _ = js_sys::Reflect::set(&js_sys::global(), &"__list".into(), &mode.into());
}

/// How many contacts calls the stub has answered (or is holding).
fn list_calls() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"__listCalls".into())
        .ok()
        .and_then(|v| v.as_f64())
        .expect("the stub counts its calls")
}

fn release() {
    if let Ok(f) = js_sys::Reflect::get(&js_sys::global(), &"__release".into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call0(&JsValue::NULL);
        }
    }
}

fn names(host: &web_sys::HtmlElement) -> Vec<String> {
    let list = host.query_selector_all(".rows .row .name").unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn loading_shows_a_skeleton_then_the_rows_and_their_count() {
    let (host, handle) = mount_at("/partners", stub_server);
    set_mode("hold");
    until("the skeleton", &host, |h| has(h, ".skeleton")).await;
    assert!(text(&host).contains("Loading contacts…"));
    assert!(names(&host).is_empty());
    set_mode("rows");
    release();
    until("the rows", &host, |h| names(h).len() == 3).await;
    assert!(!has(&host, ".skeleton"), "the skeleton stayed");
    assert!(text(&host).contains("1–3 of 3"), "{}", text(&host));
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn an_empty_answer_says_so() {
    let (host, handle) = mount_at("/partners?q=nobody", stub_server);
    set_mode("empty");
    until("the empty message", &host, |h| {
        text(h).contains("No contacts match.")
    })
    .await;
    assert!(names(&host).is_empty());
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn an_error_keeps_the_rows_and_retry_brings_the_answer() {
    let (host, handle) = mount_at("/partners", stub_server);
    until("the first rows", &host, |h| names(h).len() == 3).await;
    let before = names(&host);

    set_mode("error");
    let search: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(host.query_selector("#search").unwrap().unwrap());
    search.set_value("ada");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    until("the error bar", &host, |h| {
        has(h, ".error-bar [role=alert], .error-bar")
    })
    .await;
    let bar = host.query_selector(".error-bar").unwrap().unwrap();
    assert_eq!(bar.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        bar.text_content().unwrap_or_default().contains("Retry"),
        "no Retry in {:?}",
        bar.text_content()
    );
    assert_eq!(names(&host), before, "the rows on screen were lost");
    assert_eq!(search.value(), "ada", "what the user typed was lost");

    // An answer unlike the rows kept on screen, so that only a new call
    // can bring it; the bar merely going away would leave the three.
    set_mode("one");
    let calls = list_calls();
    let retry: web_sys::HtmlElement =
        wasm_bindgen::JsCast::unchecked_into(bar.query_selector("button").unwrap().unwrap());
    retry.click();
    until("the retried answer", &host, |h| names(h).len() == 1).await;
    assert_eq!(names(&host), ["Ada Lovelace"]);
    assert!(!has(&host, ".error-bar"), "the error bar stayed");
    assert_eq!(list_calls(), calls + 1.0, "Retry made no single new call");
    drop(handle);
    host.remove();
}
