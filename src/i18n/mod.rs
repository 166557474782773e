//! The app's words in the reader's language.
//!
//! The catalogues are not in the WebAssembly: `i18n/<lang>.ftl` (Fluent)
//! is compiled at build time into `/i18n/<lang>.json` (crates/catalogues),
//! and only the language in use is fetched (the service worker keeps it for
//! offline use). Plural categories, numbers and times come from the
//! browser's `Intl`, so no locale data is shipped either.
//!
//! Before sign-in the browser's language is used; once signed in, the
//! user's Odoo language (`fr_BE` reads French, an unknown one English) and
//! time zone. Every text is read through [`tr`], which tracks the current
//! catalogue: a new one redraws the words in place, without a reload.

mod format;
mod reader;

pub use reader::{nearest, Reader, LANGUAGES};

use crate::session::{Session, Status};
use js_sys::{Object, Reflect};
use leptos::prelude::*;
use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};

/// A value for a message's `{ $name }`: numbers are written the reader's
/// way, and choose the plural form.
#[derive(Clone, Copy, Debug)]
pub enum Arg<'a> {
    Num(f64),
    Text(&'a str),
}

struct Current {
    reader: Reader,
    messages: Object,
    intl: format::Intl,
}

thread_local! {
    static CURRENT: RefCell<Option<Current>> = const { RefCell::new(None) };
    static CHANGED: ArcTrigger = ArcTrigger::new();
    /// The reader the session implies now (their catalogue may be on its
    /// way).
    static WANTED: RefCell<Option<Reader>> = const { RefCell::new(None) };
}

/// Redraw the caller when the language changes, if it is reactive (a text
/// read in an event handler has nothing to redraw).
fn track() {
    if leptos::reactive::graph::Observer::get().is_some() {
        CHANGED.with(|c| c.track());
    }
}

/// A message as a view's text or attribute: redrawn when the language
/// changes. Every call site shares this one closure type (smaller code).
pub fn t(key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || tr(key)
}

pub fn tr(key: &str) -> String {
    tr_args(key, &[])
}

/// A message with its variables. Before any catalogue is in, the empty
/// string (the page stays hidden until one is: see [`set`]); a message the
/// catalogue lacks shows its id.
pub fn tr_args(key: &str, args: &[(&str, Arg)]) -> String {
    track();
    CURRENT.with(|c| {
        let c = c.borrow();
        let Some(c) = c.as_ref() else {
            return String::new();
        };
        let mut v = Reflect::get(&c.messages, &JsValue::from_str(key)).unwrap_or_default();
        if v.is_object() {
            v = variant(c, &v, args);
        }
        match v.as_string() {
            Some(text) => fill(c, &text, args),
            None => key.to_string(),
        }
    })
}

/// The variant of a select message for its variable: the exact number,
/// else the number's plural category, else the default.
fn variant(c: &Current, select: &JsValue, args: &[(&str, Arg)]) -> JsValue {
    let get = |k: &str| Reflect::get(select, &JsValue::from_str(k)).unwrap_or_default();
    let var = get("$").as_string().unwrap_or_default();
    let mut keys = Vec::new();
    match args.iter().find(|(name, _)| *name == var).map(|(_, a)| *a) {
        Some(Arg::Num(n)) => {
            keys.push(format::plain(n));
            keys.push(c.intl.plural(n));
        }
        Some(Arg::Text(s)) => keys.push(s.to_string()),
        None => {}
    }
    keys.into_iter()
        .map(|k| get(&k))
        .find(JsValue::is_string)
        .unwrap_or_else(|| get(&get("*").as_string().unwrap_or_default()))
}

/// The text with each `{name}` replaced by its value.
fn fill(c: &Current, text: &str, args: &[(&str, Arg)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        match args.iter().find(|(n, _)| *n == name) {
            Some((_, Arg::Num(n))) => out.push_str(&c.intl.number(*n)),
            Some((_, Arg::Text(s))) => out.push_str(s),
            None => {}
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A number the reader's way ("12,345", "12 345", "12.345").
pub fn number(n: f64) -> String {
    track();
    CURRENT.with(|c| {
        c.borrow()
            .as_ref()
            .map_or_else(|| format::plain(n), |c| c.intl.number(n))
    })
}

/// A time of day ("14:02", "2:02 PM"), in the reader's time zone.
pub fn time(ms: f64) -> String {
    track();
    CURRENT.with(|c| {
        c.borrow()
            .as_ref()
            .map(|c| c.intl.time(ms))
            .unwrap_or_default()
    })
}

/// The reader whose catalogue is in, if any.
pub fn current() -> Option<Reader> {
    CURRENT.with(|c| c.borrow().as_ref().map(|c| c.reader.clone()))
}

/// Makes `messages` (a compiled catalogue, as JSON) the app's words for
/// `reader`, and the page's language and direction theirs. The page is
/// hidden until it has a direction (app.css): no label is seen empty and
/// then filled in (a layout shift).
pub fn install(reader: Reader, messages: &str) -> bool {
    let Some(messages) = js_sys::JSON::parse(messages)
        .ok()
        .and_then(|m| m.dyn_into::<Object>().ok())
    else {
        return false;
    };
    set(reader, messages);
    true
}

fn set_direction(locale: &str, right_to_left: bool) {
    if let Some(html) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = html.set_attribute("lang", locale);
        let _ = html.set_attribute("dir", if right_to_left { "rtl" } else { "ltr" });
    }
    // With a direction the page is shown (app.css): its first screen is up.
    crate::parts::first_screen_shown();
}

fn set(reader: Reader, messages: Object) {
    set_direction(&reader.locale, reader.right_to_left());
    let intl = format::Intl::new(&reader);
    CURRENT.with(|c| {
        *c.borrow_mut() = Some(Current {
            reader,
            messages,
            intl,
        })
    });
    CHANGED.with(|c| c.notify());
}

/// Follows the session: the reader it implies gets their catalogue, and
/// every text redraws in it.
pub fn provide(session: Session) {
    // While the device's session is read (see `Session::start`), or after
    // it expired, its last language: the app opens (and the sign-in page
    // stays) in it, not flashing the browser's.
    Effect::new(move |_| {
        let reader = session.info.with(|i| match i {
            Some(i) => {
                Reader::for_user(i.user_context.lang.as_deref(), i.user_context.tz.as_deref())
            }
            None => match crate::storage::last_language() {
                Some(lang) if matches!(session.status.get(), Status::Opening | Status::Expired) => {
                    Reader::only(lang)
                }
                _ => Reader::for_browser(&reader::browser_languages()),
            },
        });
        if WANTED.with(|w| w.replace(Some(reader.clone()))).as_ref() != Some(&reader) {
            leptos::task::spawn_local(switch(reader));
        }
    });
}

/// Puts in `reader`'s catalogue, unless someone else is wanted by the time
/// it arrives. Without it (offline, first time in this language), the last
/// language this device had, else English.
async fn switch(reader: Reader) {
    let wanted = |r: &Reader| WANTED.with(|w| w.borrow().as_ref() == Some(r));
    let same_lang = CURRENT.with(|c| {
        c.borrow()
            .as_ref()
            .filter(|c| c.reader.lang == reader.lang)
            .map(|c| c.messages.clone())
    });
    if let Some(messages) = same_lang {
        set(reader, messages);
        return;
    }
    let mut langs = vec![reader.lang];
    for l in [crate::storage::last_language(), Some("en")]
        .into_iter()
        .flatten()
    {
        if !langs.contains(&l) {
            langs.push(l);
        }
    }
    for lang in langs {
        let Some(messages) = fetch(lang).await else {
            continue;
        };
        if wanted(&reader) {
            crate::storage::remember_language(lang);
            let fallback = Reader {
                tz: reader.tz.clone(),
                ..Reader::only(lang)
            };
            set(
                if lang == reader.lang {
                    reader
                } else {
                    fallback
                },
                messages,
            );
        }
        return;
    }
    // No catalogue to be had, and none in: the page is shown all the same.
    if current().is_none() {
        set_direction("en", false);
    }
}

/// Asks for the catalogue in use again (through the service worker, which
/// keeps it).
pub async fn keep_for_offline() {
    if let Some(r) = current() {
        let _ = fetch(r.lang).await;
    }
}

async fn fetch(lang: &str) -> Option<Object> {
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window()?;
    let res = JsFuture::from(window.fetch_with_str(&format!("/i18n/{lang}.json")))
        .await
        .ok()?
        .dyn_into::<web_sys::Response>()
        .ok()?;
    if !res.ok() {
        return None;
    }
    JsFuture::from(res.json().ok()?)
        .await
        .ok()?
        .dyn_into::<Object>()
        .ok()
}

/// What went wrong, in the reader's words; Odoo's own sentence where it
/// gave one (Odoo words it in the user's language).
pub fn error_text(e: &odoo_rpc::Error) -> String {
    use odoo_rpc::Error as E;
    if let Some(s) = e.server_sentence() {
        return s;
    }
    let key = match e {
        E::SessionExpired => "error-session-expired",
        E::AccessDenied { .. } => "error-wrong-password",
        E::TooManyAttempts { .. } => "error-too-many-attempts",
        E::DatabaseNotFound => "error-no-database",
        E::AccessError { .. } => "error-not-allowed",
        E::MissingError { .. } => "error-missing",
        E::UserError { .. } | E::ValidationError { .. } => "error-refused",
        E::NotFound { .. } => "error-not-offered",
        E::Server { name, .. } => {
            let short = name.rsplit('.').next().unwrap_or_default();
            if short.is_empty() {
                "error-server"
            } else {
                return tr_args("error-server-named", &[("name", Arg::Text(short))]);
            }
        }
        E::Http { status, .. } => {
            return tr_args("error-http", &[("status", Arg::Text(&status.to_string()))])
        }
        E::Network { .. } => "error-network",
        E::Offline => "error-offline",
        E::Timeout => "error-timeout",
        E::Cancelled => "error-cancelled",
        E::Shape { .. } => "error-shape",
    };
    tr(key)
}
