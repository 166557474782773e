//! The app's words in the reader's language (in the browser, with the
//! real compiled catalogues): plural forms per language, the choice of
//! language, numbers and times the reader's way, right-to-left, and the
//! whole app following the signed-in user's Odoo language.

mod common;

use common::{catalogue, has, mount_at, until};
use staff_pwa::i18n::{self, nearest, number, tr, tr_args, Arg, Reader};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn install(lang: Option<&str>, tz: Option<&str>) -> Reader {
    let reader = Reader::for_user(lang, tz);
    assert!(i18n::install(reader.clone(), catalogue(reader.lang)));
    reader
}

/// What the compiled catalogue says for `key` (a variant of a plural).
fn variant(lang: &str, key: &str, form: &str) -> String {
    let all = js_sys::JSON::parse(catalogue(lang)).unwrap();
    let message = js_sys::Reflect::get(&all, &key.into()).unwrap();
    js_sys::Reflect::get(&message, &form.into())
        .unwrap()
        .as_string()
        .unwrap_or_else(|| panic!("{lang}: {key} has no [{form}]"))
}

fn count(n: f64) -> String {
    tr_args("contacts-count", &[("count", Arg::Num(n))])
}

#[wasm_bindgen_test]
fn plurals_take_each_languages_forms() {
    install(Some("en_US"), None);
    assert_eq!(count(1.0), "1 contact");
    assert_eq!(count(2.0), "2 contacts");
    assert_eq!(count(12345.0), "12,345 contacts");

    // French: 0 and 1 are both singular.
    install(Some("fr_FR"), None);
    let one = variant("fr", "contacts-count", "one");
    let other = variant("fr", "contacts-count", "other");
    assert_ne!(one, other);
    assert_eq!(count(0.0), one.replace("{count}", "0"));
    assert_eq!(count(1.0), one.replace("{count}", "1"));
    assert_eq!(count(2.0), other.replace("{count}", "2"));

    // Arabic: six forms, each for its numbers.
    install(Some("ar_001"), None);
    let mut seen = Vec::new();
    for (n, form) in [
        (0.0, "zero"),
        (1.0, "one"),
        (2.0, "two"),
        (3.0, "few"),
        (11.0, "many"),
        (100.0, "other"),
    ] {
        let expected = variant("ar", "contacts-count", form).replace("{count}", &number(n));
        assert_eq!(count(n), expected, "{n} should be [{form}]");
        seen.push(expected);
    }
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), 6, "six different forms: {seen:?}");
}

#[wasm_bindgen_test]
fn the_nearest_language_is_chosen() {
    assert_eq!(nearest("fr_BE"), Some("fr"));
    assert_eq!(nearest("ar_001"), Some("ar"));
    assert_eq!(nearest("nl-BE"), Some("nl"));
    assert_eq!(nearest("ja_JP"), None);

    let be = Reader::for_user(Some("fr_BE"), Some("Europe/Brussels"));
    assert_eq!((be.lang, be.locale.as_str()), ("fr", "fr-BE"));
    assert_eq!(be.tz.as_deref(), Some("Europe/Brussels"));
    // A language without a catalogue reads English; a tz of `false` (Odoo
    // sends none) is the device's.
    let ja = Reader::for_user(Some("ja_JP"), None);
    assert_eq!((ja.lang, ja.locale.as_str(), ja.tz), ("en", "en", None));
    assert_eq!(Reader::for_user(Some("sr@latin"), None).lang, "en");
    assert_eq!(Reader::for_user(None, None).lang, "en");

    let browser =
        |l: &[&str]| Reader::for_browser(&l.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let de = browser(&["ja", "de-CH", "fr"]);
    assert_eq!((de.lang, de.locale.as_str()), ("de", "de-CH"));
    assert_eq!(browser(&[]).lang, "en");
    assert!(Reader::for_user(Some("ar_001"), None).right_to_left());
    assert!(!be.right_to_left());
}

#[wasm_bindgen_test]
fn numbers_and_times_are_the_readers() {
    install(Some("de_DE"), Some("Asia/Tokyo"));
    assert_eq!(number(12345.0), "12.345");
    // Midnight UTC is nine in the morning in Tokyo.
    assert_eq!(i18n::time(0.0), "09:00");
    install(Some("fr_FR"), Some("America/New_York"));
    assert_eq!(i18n::time(0.0), "19:00");
    assert_eq!(number(12345.0), "12\u{202f}345");
    // A time zone the browser does not know: the device's, not a crash;
    // a locale it refuses: the catalogue's language.
    install(Some("en_US"), Some("Mars/Olympus_Mons"));
    assert!(i18n::time(0.0).contains(':'));
    install(Some("de_!!"), Some("Asia/Tokyo"));
    assert_eq!(
        (number(12345.0).as_str(), i18n::time(0.0).as_str()),
        ("12.345", "09:00")
    );
    // A message the catalogue lacks shows its id, never nothing.
    assert_eq!(tr("no-such-message"), "no-such-message");
}

#[wasm_bindgen_test]
fn arabic_turns_the_page_right_to_left() {
    let html = leptos::prelude::document().document_element().unwrap();
    install(Some("ar_001"), None);
    assert_eq!(html.get_attribute("dir").as_deref(), Some("rtl"));
    assert_eq!(html.get_attribute("lang").as_deref(), Some("ar-001"));
    install(Some("nl_BE"), None);
    assert_eq!(html.get_attribute("dir").as_deref(), Some("ltr"));
    assert_eq!(html.get_attribute("lang").as_deref(), Some("nl-BE"));
}

fn stub_in(lang: &'static str) -> impl Fn() {
    move || {
        common::stub_odoo18_in(
            lang,
            "const callKw = async () => json({ jsonrpc: '2.0', id: 1, result: { length: 0, records: [] } });",
            &[],
            &[],
        )
    }
}

#[wasm_bindgen_test]
async fn the_app_speaks_the_signed_in_users_language() {
    for (odoo, lang) in [("fr_BE", "fr"), ("ar_001", "ar")] {
        let stub = stub_in(odoo);
        stub();
        let (host, handle) = mount_at("/partners", || {});
        let sign_out = tr_owned(lang, "sign-out");
        until(&format!("the bar in {lang}"), &host, |h| {
            has(h, ".topbar") && common::text(h).contains(&sign_out)
        })
        .await;
        let empty = tr_owned(lang, "no-match");
        until("the empty list's words", &host, |h| {
            common::text(h).contains(&empty)
        })
        .await;
        let html = leptos::prelude::document().document_element().unwrap();
        let dir = if lang == "ar" { "rtl" } else { "ltr" };
        assert_eq!(html.get_attribute("dir").as_deref(), Some(dir));
        drop(handle);
        host.remove();
    }
}

/// A plain message of a catalogue, read from the catalogue itself.
fn tr_owned(lang: &str, key: &str) -> String {
    let all = js_sys::JSON::parse(catalogue(lang)).unwrap();
    js_sys::Reflect::get(&all, &key.into())
        .unwrap()
        .as_string()
        .unwrap()
}
