//! The edit form mounted for real in the browser (outbox, IndexedDB and
//! card included), its Odoo 18 replaced by a `window.fetch` stub the test
//! steers: a save shows "Not sent yet" at once and "Saved" when the server
//! has it; a refusal is shown beside the field it names and the form
//! reopens as typed after a reload; an empty name is refused before anything is sent.
//! Each test edits its own contact, so changes a test leaves in the
//! device's outbox never count for another.

mod common;

use common::{has, mount_at, text, until};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Installs the stub. `window.__save` steers `web_save`: "ok" (applied,
/// the record's `write_date` moves on), "refuse" (Odoo 18's refusal of a
/// country that does not exist), or "hold" (no answer until
/// `window.__release()`). `window.__saves[id]` counts the saves per id.
fn stub_server() {
    common::stub_odoo18(
        r#"
        const records = {};
        const record = (id) => records[id] || (records[id] = { id, name: 'Person ' + id,
            display_name: 'Person ' + id, is_company: false, parent_id: false, function: false,
            email: 'p' + id + '@example.com', phone: '+44 20 0000 0000', mobile: false, street: false,
            street2: false, zip: false, city: 'London', state_id: false, country_id: false,
            website: false, vat: false, ref: false, category_id: [], comment: false, active: true,
            write_date: '2026-11-01 10:00:00' });
        window.__save = 'ok';
        window.__saves = {};
        const callKw = async (req) => {
          const { params } = await req.json();
          const ok = (result) => json({ jsonrpc: '2.0', id: 1, result });
          switch (params.method) {
            case 'has_access': return ok(true);
            case 'read': return ok(params.args[0].map(record));
            case 'web_search_read': return ok({ length: 0, records: [] });
            case 'web_save': {
              const [[id], vals] = params.args;
              window.__saves[id] = (window.__saves[id] || 0) + 1;
              const mode = window.__save;
              if (mode === 'hold') await new Promise(r => { window.__release = r; });
              if (mode === 'refuse') return new Response(refusal,
                  { status: 200, headers: { 'Content-Type': 'application/json' } });
              Object.assign(record(id), vals, { write_date: '2026-11-01 10:05:00' });
              return ok([record(id)]);
            }
          }
          return json({ jsonrpc: '2.0', id: 1, error: { code: 200, message: 'Odoo Server Error',
              data: { name: 'builtins.AttributeError', message: 'not in the stub: ' + params.method } } });
        };
        "#,
        &["refusal"],
        &[common::raw_body(include_str!(
            "../fixtures/odoo-wire/18/write/06g-create-invalid-country_id.txt"
        ))],
    );
}

fn set_save(mode: &str) {
    let _ = js_sys::Reflect::set(&js_sys::global(), &"__save".into(), &mode.into());
}

fn saves_of(id: i64) -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"__saves".into())
        .and_then(|all| js_sys::Reflect::get(&all, &id.to_string().into()))
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0)
}

fn release() {
    let f = js_sys::Reflect::get(&js_sys::global(), &"__release".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .expect("a held save to release");
    let _ = f.call0(&JsValue::NULL);
}

fn input(host: &web_sys::HtmlElement, css: &str) -> web_sys::HtmlInputElement {
    host.query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into()
}

/// Types `value` into the field as a user would (an `input` event).
fn type_into(host: &web_sys::HtmlElement, css: &str, value: &str) {
    let field = input(host, css);
    field.set_value(value);
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
}

fn click(host: &web_sys::HtmlElement, css: &str) {
    let e: web_sys::HtmlElement = host
        .query_selector(css)
        .unwrap()
        .unwrap_or_else(|| panic!("no {css}"))
        .unchecked_into();
    e.click();
}

#[wasm_bindgen_test]
async fn a_save_shows_not_sent_yet_at_once_then_saved() {
    let (host, handle) = mount_at("/partners/71/edit", stub_server);
    until("the form", &host, |h| has(h, "#f-phone")).await;
    set_save("hold");
    type_into(&host, "#f-phone", "+44 20 7946 0071");
    click(&host, ".contact-form button[type=submit]");
    until("the card, not sent yet", &host, |h| {
        has(h, ".badge.pending")
    })
    .await;
    assert!(
        text(&host).contains("+44 20 7946 0071"),
        "the card does not show the user's version: {}",
        text(&host)
    );
    until("the save reaching the stub", &host, |_| saves_of(71) == 1.0).await;
    release();
    until("saved", &host, |h| has(h, ".badge.saved")).await;
    assert!(!has(&host, ".badge.pending"), "still marked not sent");
    assert_eq!(saves_of(71), 1.0, "the change was sent more than once");
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn a_refusal_is_shown_beside_its_field_and_the_form_reopens_as_typed() {
    let (host, handle) = mount_at("/partners/72/edit", stub_server);
    until("the form", &host, |h| has(h, "#f-phone")).await;
    set_save("refuse");
    type_into(&host, "#f-phone", "+44 20 7946 0072");
    type_into(&host, "#f-city", "Leeds");
    click(&host, ".contact-form button[type=submit]");
    until("the refusal on the card", &host, |h| {
        text(h).contains("Not saved:")
    })
    .await;
    assert!(!has(&host, ".badge.saved"), "a refused change says Saved");
    // Back to the form, after a reload: the change comes from the device.
    drop(handle);
    host.remove();
    let (host, handle) = mount_at("/partners/72/edit", stub_server);
    until("the form again", &host, |h| has(h, "#f-phone")).await;
    assert_eq!(input(&host, "#f-phone").value(), "+44 20 7946 0072");
    assert_eq!(input(&host, "#f-city").value(), "Leeds");
    let beside = host
        .query_selector("[data-field=country_id] .error")
        .unwrap()
        .map(|e| e.text_content().unwrap_or_default())
        .unwrap_or_default();
    assert!(
        beside.contains("res_partner_country_id_fkey") || beside.contains("cannot be completed"),
        "the refusal is not beside Country: {beside:?}; the page says {}",
        text(&host)
    );
    assert!(
        !has(&host, "[data-field=phone] .error"),
        "the refusal was put beside another field"
    );
    drop(handle);
    host.remove();
}

#[wasm_bindgen_test]
async fn an_empty_name_is_refused_on_the_form_and_nothing_is_sent() {
    let (host, handle) = mount_at("/partners/73/edit", stub_server);
    until("the form", &host, |h| has(h, "#f-name")).await;
    type_into(&host, "#f-name", "  ");
    type_into(&host, "#f-email", "kept@example.com");
    click(&host, ".contact-form button[type=submit]");
    until("the name's error", &host, |h| {
        has(h, "[data-field=name] .error")
    })
    .await;
    assert!(
        text(&host).contains("A contact needs a name."),
        "{}",
        text(&host)
    );
    assert_eq!(
        input(&host, "#f-name")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    assert_eq!(input(&host, "#f-email").value(), "kept@example.com");
    assert!(has(&host, ".contact-form"), "the form was left");
    assert_eq!(saves_of(73), 0.0, "an unnamed contact was sent");
    drop(handle);
    host.remove();
}
