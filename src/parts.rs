//! Code the first screen does not need, kept out of the first download.
//!
//! A function declared with [`part!`] lives, in trunk's build (feature
//! `split`), in a WebAssembly file of its own that the browser fetches the
//! first time the function is called (xtask/src/split.rs cuts the build
//! there). Everything only it reaches goes with it. Two parts: `contacts`
//! (the list, the card, the offline store, and everything the session
//! says to Odoo), which comes once the first screen is painted
//! ([`after_first_screen`]), while the user types, and `editing` (the
//! form, its pickers, the outbox's sending), which staff who may edit get
//! while the app is idle ([`fetch_soon`]); what both reach is a third
//! file they share. The
//! service worker keeps the first and the third on every device, the
//! editing part on editors' (`offline::worker::keep_editing`), so all of
//! it works offline for whoever may use it.
//!
//! A call returns `Err(PartMissing)` when the file cannot be fetched
//! (offline before it was ever kept, or a tab left on an older version):
//! the caller says so and offers to try again or reload; nothing on the
//! device is touched. In tests and clippy
//! (no `split`) the same functions are plain async calls.

use crate::i18n::{t, tr};
use crate::pages::ErrorBar;
use leptos::prelude::*;
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::JsCast;

/// The part's file could not be fetched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartMissing;

impl From<leptos::wasm_split::SplitLoaderError> for PartMissing {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        PartMissing
    }
}

/// `part! { name: fn f(args) -> T { body } }` declares
/// `async fn f(args) -> Result<T, PartMissing>`, whose body is in the part
/// `name` (one file per name; what two parts share goes into a third that
/// both fetch). Its arguments and result must be concrete types: they
/// cross between two WebAssembly files as a C call. Any call that runs
/// wakes what waits to try a part again ([`retry_after`]).
macro_rules! part {
    ($part:ident: $(#[doc = $doc:literal])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $ret:ty $body:block) => {
        $(#[doc = $doc])*
        #[cfg(feature = "split")]
        #[leptos::wasm_split::wasm_split($part, wasm_split_path = ::leptos::wasm_split, fallible)]
        $vis fn $name($($arg: $ty),*) -> Result<$ret, $crate::parts::PartMissing> {
            // Running here: the part is in (see `retry_after`).
            $crate::parts::part_came();
            Ok($body)
        }

        $(#[doc = $doc])*
        #[cfg(not(feature = "split"))]
        $vis async fn $name($($arg: $ty),*) -> Result<$ret, $crate::parts::PartMissing> {
            $crate::parts::part_came();
            Ok($body)
        }
    };
}
pub(crate) use part;

/// `page_part!(Route => Inner in part, draw)`: the route's component
/// `Route`, which draws the component `Inner` from part `part` (see
/// [`page`]); `draw` is the part's function (calling it fetches the part
/// without drawing anything).
macro_rules! page_part {
    ($route:ident => $inner:ident in $part:ident, $draw:ident) => {
        /// The route's page, drawn by its part (see `crate::parts`).
        #[component]
        pub fn $route() -> impl IntoView {
            $crate::parts::page(|| Box::pin($draw()))
        }

        $crate::parts::part! { $part:
            /// Draws the page (a function: it must run where the page's
            /// context is).
            pub fn $draw() -> $crate::parts::Draw {
                || view! { <$inner/> }.into_any()
            }
        }
    };
}
pub(crate) use page_part;

/// A page's drawing, handed out by its part.
pub type Draw = fn() -> AnyView;

/// What a part's async function hands back: its future (run there).
pub type Pending<T> = Pin<Box<dyn Future<Output = T>>>;

/// Calls a part's async function and runs it to its end.
pub async fn run<T>(
    call: impl Future<Output = Result<Pending<T>, PartMissing>>,
) -> Result<T, PartMissing> {
    Ok(call.await?.await)
}

/// A part's page on its way: one type for every page, so the resource
/// code below is in the WebAssembly once.
pub type Loading = Pending<Result<Draw, PartMissing>>;

/// A route's page whose code is in a part: nothing for the moment the
/// part takes from the device, "Loading…" if it takes longer (fetched
/// over the network), then the page. A part that cannot be fetched says
/// so, with Retry and Reload (the top bar is in the part too: it is not
/// there).
pub fn page(load: fn() -> Loading) -> impl IntoView {
    // Not for someone signed out: the guard sends them to sign in, and
    // a first visit's download stays the sign-in form's (a deep link's
    // page is drawn before the guard's first run). Once wanted, it stays.
    let session = crate::session::use_session();
    let wanted = Memo::new(move |was: Option<&bool>| {
        was == Some(&true)
            || !matches!(
                session.status.get(),
                crate::session::Status::SignedOut | crate::session::Status::Expired
            )
    });
    let part = LocalResource::new(move || {
        let wanted = wanted.get();
        async move {
            if wanted {
                Some(load().await)
            } else {
                None
            }
        }
    });
    let slow = RwSignal::new(false);
    crate::pages::after_quiet(StoredValue::new(0), SLOW_MS, move || slow.set(true));
    move || {
        match part.get() {
        None if slow.get() => view! { <p role="status">{t("loading")}</p> }.into_any(),
        None | Some(None) => ().into_any(),
        Some(Some(Ok(draw))) => draw(),
        // Reload too: a tab left open across a new version asks for the
        // old version's part, which only a reload replaces.
        Some(Some(Err(PartMissing))) => view! {
            <ErrorBar message=tr("part-missing") retry=move || part.refetch()/>
            <p>
                <button type="button" class="linkish" on:click=|_| crate::offline::worker::reload()>{t("update-reload")}</button>
            </p>
        }
        .into_any(),
    }
    }
}

/// Longer than a part takes from the service worker's cache.
const SLOW_MS: u32 = 300;

/// A promise, and what settles it.
type Settled = (js_sys::Promise, Option<js_sys::Function>);

fn unsettled() -> Settled {
    let mut settle = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| settle = Some(resolve));
    (promise, settle)
}

thread_local! {
    /// Settled once the first screen is up (see [`first_screen_shown`]).
    static SHOWN: RefCell<Settled> = RefCell::new(unsettled());
    /// Settled when a part next comes in, then replaced (see
    /// [`retry_after`]).
    static CAME: RefCell<Settled> = RefCell::new(unsettled());
}

/// Waits `ms` before a part is tried again, or less if one comes in
/// meanwhile (a page's Retry, any call of another `part!` function): what
/// waited on it goes on at once.
pub async fn retry_after(ms: u32) {
    let came = CAME.with(|c| c.borrow().0.clone());
    let came = wasm_bindgen_futures::JsFuture::from(came);
    futures::future::select(came, gloo_timers::future::TimeoutFuture::new(ms)).await;
}

/// A `part!` function ran: its part is in.
#[doc(hidden)]
pub fn part_came() {
    if let Some(settle) = CAME.with(|c| c.replace(unsettled()).1) {
        let _ = settle.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// The first screen is up (its words are in: the page is shown). From the
/// first idle moment after it is painted, what it did not need may be
/// fetched: never before, so that it never competes with what the first
/// screen waits for.
pub fn first_screen_shown() {
    let Some(settle) = SHOWN.with(|s| s.borrow_mut().1.take()) else {
        return;
    };
    let painted = wasm_bindgen::closure::Closure::once_into_js(move || {
        crate::contacts::when_idle(&settle);
    });
    let asked = web_sys::window()
        .and_then(|w| w.request_animation_frame(painted.unchecked_ref()).ok())
        .is_some();
    if !asked {
        let _ = painted
            .unchecked_ref::<js_sys::Function>()
            .call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// Waits for [`first_screen_shown`]'s moment.
pub async fn after_first_screen() {
    let shown = SHOWN.with(|s| s.borrow().0.clone());
    let _ = wasm_bindgen_futures::JsFuture::from(shown).await;
}

/// Fetches a part when the page is idle, so that it is on the device
/// (in the service worker's cache) before it is needed, offline too.
pub fn fetch_soon<T: 'static, Fut>(load: fn() -> Fut)
where
    Fut: Future<Output = Result<T, PartMissing>> + 'static,
{
    leptos::task::spawn_local(async move {
        crate::contacts::idle().await;
        let _ = load().await;
    });
}
