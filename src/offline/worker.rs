//! The service worker: registered at start-up; a new build waiting to take
//! over shows "A new version is available — Reload", and Reload activates
//! it and reloads once, so a page never runs with files of two builds.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration};

#[derive(Clone, Copy)]
pub struct Updates {
    pub ready: RwSignal<bool>,
}

fn container() -> Option<ServiceWorkerContainer> {
    let nav = web_sys::window()?.navigator();
    // Absent on insecure origins and in some embedded browsers.
    js_sys::Reflect::has(&nav, &JsValue::from_str("serviceWorker"))
        .ok()
        .filter(|has| *has)?;
    Some(nav.service_worker())
}

pub fn provide() -> Updates {
    let updates = Updates {
        ready: RwSignal::new(false),
    };
    provide_context(updates);
    leptos::task::spawn_local(register(updates));
    updates
}

async fn register(updates: Updates) {
    let Some(c) = container() else { return };
    let Ok(reg) = JsFuture::from(c.register("/sw.js")).await else {
        return;
    };
    let reg: ServiceWorkerRegistration = reg.unchecked_into();
    // Only an update is announced: the first install has no controller.
    let has_controller = c.controller().is_some();
    if !has_controller {
        // The catalogue in use came before the worker controlled the page,
        // past it: once it does, ask again through it, so that it is kept
        // and the app opens offline in its language.
        let on_control = Closure::<dyn FnMut()>::new(|| {
            leptos::task::spawn_local(crate::i18n::keep_for_offline());
        });
        let _ = c.add_event_listener_with_callback(
            "controllerchange",
            on_control.as_ref().unchecked_ref(),
        );
        on_control.forget();
    }
    if reg.waiting().is_some() && has_controller {
        updates.ready.set(true);
    }
    let reg2 = reg.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = reg2.installing() else {
            return;
        };
        let worker = installing.clone();
        let on_state = Closure::<dyn FnMut()>::new(move || {
            let installed = worker.state() == web_sys::ServiceWorkerState::Installed;
            if installed && container().and_then(|c| c.controller()).is_some() {
                updates.ready.set(true);
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        on_state.forget();
    });
    reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

fn message(kind: &str) -> JsValue {
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &JsValue::from_str("type"), &JsValue::from_str(kind));
    msg.into()
}

/// Activates the waiting build, then reloads once when it takes control.
pub async fn apply_update() {
    let Some(c) = container() else { return };
    let Ok(reg) = JsFuture::from(c.get_registration()).await else {
        return;
    };
    let Some(reg) = reg.dyn_into::<ServiceWorkerRegistration>().ok() else {
        return;
    };
    let Some(waiting): Option<ServiceWorker> = reg.waiting() else {
        reload();
        return;
    };
    let reloaded = std::rc::Rc::new(std::cell::Cell::new(false));
    let on_change = Closure::<dyn FnMut()>::new(move || {
        if !reloaded.replace(true) {
            reload();
        }
    });
    c.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();
    let _ = waiting.post_message(&message("SKIP_WAITING"));
}

pub(crate) fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// This device is an editor's: the worker keeps the editing part with the
/// build's files (and each new build's), so editing works offline. Sent
/// to the active worker, which a first visit has before it controls the
/// page.
pub async fn keep_editing() {
    let Some(c) = container() else { return };
    let Ok(reg) = c.ready() else { return };
    let Ok(reg) = JsFuture::from(reg).await else {
        return;
    };
    let reg: ServiceWorkerRegistration = reg.unchecked_into();
    if let Some(active) = reg.active() {
        let _ = active.post_message(&message("KEEP_EDITING"));
    }
}

/// The avatar cache holds the user's contacts' faces: dropped at sign-out.
pub async fn forget_user() {
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Ok(caches) = window.caches() {
        let _ = JsFuture::from(caches.delete("avatars")).await;
    }
}
