//! In-browser tests (wasm-bindgen-test in headless Chromium): the pure
//! query building the list depends on, and components mounted for real.

mod common;

use leptos::prelude::*;
use odoo_rpc::{AuthOutcome, Error};
use staff_calls::text::html_to_text;
use staff_pwa::pages::{databases_shown, odoo_login_url, sign_in_message};
use staff_pwa::query::{encode, Kind, PartnerQuery};
use staff_pwa::{list, PartMissing};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn query_url_round_trips_through_the_router_params() {
    let q = PartnerQuery::new("  Dupont & fils ", Kind::Companies);
    assert_eq!(q.url(), "/partners?q=Dupont%20%26%20fils&kind=companies");
    assert_eq!(PartnerQuery::new("", Kind::All).url(), "/partners");
    assert_eq!(Kind::parse(Some("people")), Kind::People);
    assert_eq!(Kind::parse(Some("bogus")), Kind::All);
    assert_eq!(encode("é/?"), "%C3%A9%2F%3F");
}

#[wasm_bindgen_test]
fn list_helpers() {
    common::english();
    assert_eq!(list::range_label(80, Some(12_345)), "1–80 of 12,345");
    assert_eq!(list::range_label(0, Some(0)), "");
    let (start, end) = list::visible_range(72.0 * 1000.0, 720.0, 10_000);
    assert!(
        start <= 1000 && end >= 1010 && end - start < 40,
        "{start}..{end}"
    );
    assert_eq!(list::visible_range(0.0, 720.0, 3), (0, 3));
}

#[wasm_bindgen_test]
fn notes_are_shown_as_text_not_markup() {
    assert_eq!(
        html_to_text("<p>Call <b>after</b> 5&nbsp;pm</p><p>&lt;script&gt;</p>"),
        "Call after 5 pm\n<script>"
    );
}

#[wasm_bindgen_test]
fn every_sign_in_failure_has_words() {
    common::english();
    assert_eq!(
        sign_in_message(&Ok(Ok(AuthOutcome::TwoFactorRequired))).map(|m| m.contains("two-factor")),
        Some(true)
    );
    assert!(sign_in_message(&Ok(Err(Error::Offline)))
        .unwrap()
        .contains("offline"));
    let wrong = sign_in_message(&Ok(Err(Error::AccessDenied {
        message: "Access Denied".into(),
    })))
    .unwrap();
    assert!(wrong.contains("Wrong login or password"), "{wrong}");
    // Its code could not be fetched (see `parts`): said as such.
    let missing = sign_in_message(&Err(PartMissing)).unwrap();
    assert!(missing.contains("not on this device"), "{missing}");
}

#[wasm_bindgen_test]
fn two_factor_users_go_to_odoos_login_and_come_back_where_they_were() {
    assert_eq!(
        odoo_login_url("demo", "/partners?q=a b"),
        "/web/login?redirect=%2Fpartners%3Fq%3Da%20b&db=demo"
    );
    assert_eq!(
        odoo_login_url("", "/partners"),
        "/web/login?redirect=%2Fpartners"
    );
}

/// The app with no server at all behind it (the catalogue too is not
/// there: the English one is put in first, as the device would have it).
fn mount() -> web_sys::HtmlElement {
    common::english();
    let doc = document();
    let host = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&host).unwrap();
    let host: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(host);
    let _ = window().history().unwrap().replace_state_with_url(
        &wasm_bindgen::JsValue::NULL,
        "",
        Some("/login"),
    );
    let handle = leptos::mount::mount_to(host.clone(), staff_pwa::App);
    std::mem::forget(handle);
    host
}

#[wasm_bindgen_test]
async fn sign_in_form_has_labelled_fields_and_keeps_typed_login_after_failure() {
    let host = mount();
    // The test server has no Odoo: listing databases fails, so the
    // database is a text field, and signing in fails with words.
    for _ in 0..50 {
        leptos::task::tick().await;
        if host.query_selector("#db").unwrap().is_some() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    for (id, label) in [
        ("db", "Database"),
        ("login", "Login"),
        ("password", "Password"),
    ] {
        let l = host
            .query_selector(&format!("label[for={id}]"))
            .unwrap()
            .unwrap_or_else(|| panic!("no label for {id}"));
        assert_eq!(l.text_content().unwrap(), label);
        assert!(
            host.query_selector(&format!("#{id}")).unwrap().is_some(),
            "no #{id}"
        );
    }
    let button = host.query_selector("button[type=submit]").unwrap().unwrap();
    assert_eq!(button.text_content().unwrap(), "Sign in");

    let set = |id: &str, v: &str| {
        let el: web_sys::HtmlInputElement = wasm_bindgen::JsCast::unchecked_into(
            host.query_selector(&format!("#{id}")).unwrap().unwrap(),
        );
        el.set_value(v);
        el.dispatch_event(&web_sys::Event::new("input").unwrap())
            .unwrap();
    };
    set("db", "demo");
    set("login", "someone");
    set("password", "secret");
    let button: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(button);
    button.click();
    let alert = host.query_selector("[role=alert]").unwrap().unwrap();
    for _ in 0..100 {
        leptos::task::tick().await;
        if !alert.text_content().unwrap_or_default().trim().is_empty() {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(20).await;
    }
    assert!(
        !alert.text_content().unwrap().trim().is_empty(),
        "no error shown"
    );
    let login: web_sys::HtmlInputElement =
        wasm_bindgen::JsCast::unchecked_into(host.query_selector("#login").unwrap().unwrap());
    assert_eq!(login.value(), "someone");
    host.remove();
}

/// A page left during its quiet period (a search typed, then a contact
/// opened within the debounce) must not bring the app down when the
/// period ends: its ticket is gone with the page.
#[wasm_bindgen_test]
async fn a_quiet_period_that_outlives_its_page_does_nothing() {
    use std::cell::Cell;
    use std::rc::Rc;
    use std::sync::atomic::{AtomicBool, Ordering};
    static PANICKED: AtomicBool = AtomicBool::new(false);
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICKED.store(true, Ordering::SeqCst);
        hook(info);
    }));
    // As the mounted app has it (the other tests may have set it already).
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let ran = Rc::new(Cell::new(false));
    let page = Owner::new();
    page.with(|| {
        let ticket = StoredValue::new(0u32);
        let ran = ran.clone();
        staff_pwa::pages::after_quiet(ticket, 5, move || ran.set(true));
    });
    page.cleanup();
    // Timers fire in order: the quiet period's (5 ms) before this one.
    gloo_timers::future::TimeoutFuture::new(40).await;
    assert!(!PANICKED.load(Ordering::SeqCst), "the app panicked");
    assert!(!ran.get(), "ran for a page that is gone");

    // The same, with the page still there: it runs.
    let here = Owner::new();
    let ran_here = Rc::new(Cell::new(false));
    here.with(|| {
        let ticket = StoredValue::new(0u32);
        let ran = ran_here.clone();
        staff_pwa::pages::after_quiet(ticket, 5, move || ran.set(true));
    });
    gloo_timers::future::TimeoutFuture::new(40).await;
    assert!(ran_here.get(), "did not run for a page still there");
}

#[wasm_bindgen_test]
fn the_database_field_keeps_the_last_list_until_an_answer_replaces_it() {
    let two = || Some(vec!["demo".to_string(), "demo_big".to_string()]);
    let known = Some(two());
    // Before the answer: the last one; none known: no field yet.
    assert_eq!(databases_shown(None, &known), Some(two()));
    assert_eq!(databases_shown(None, &None), None);
    // The answer replaces it, a hidden list included.
    assert_eq!(databases_shown(Some(Ok(None)), &known), Some(None));
    let one = Some(vec!["demo".to_string()]);
    assert_eq!(databases_shown(Some(Ok(one.clone())), &known), Some(one));
    // Not asked (offline, Odoo away): the last list stands, else type it.
    assert_eq!(databases_shown(Some(Err(())), &known), Some(two()));
    assert_eq!(databases_shown(Some(Err(())), &None), Some(None));
}
