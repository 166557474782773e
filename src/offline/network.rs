//! Is the server reachable? The browser's flag says whether there is a
//! network at all; failed calls say whether Odoo answers. While it does
//! not, `/web/webclient/version_info` is polled with growing delays.

use crate::parts::{part, Pending};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const FIRST_DELAY_MS: u32 = 1_000;
const MAX_DELAY_MS: u32 = 30_000;

#[derive(Clone, Copy)]
pub struct Network {
    /// The server answered the last call.
    pub reachable: RwSignal<bool>,
    polling: StoredValue<bool>,
}

impl Network {
    pub fn provide() -> Network {
        let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
        let net = Network {
            reachable: RwSignal::new(online),
            polling: StoredValue::new(false),
        };
        provide_context(net);
        crate::rpc::on_reachability(move |ok| net.report(ok));
        if let Some(w) = web_sys::window() {
            let back = Closure::<dyn FnMut()>::new(move || net.start_polling());
            let gone = Closure::<dyn FnMut()>::new(move || net.report(false));
            let _ = w.add_event_listener_with_callback("online", back.as_ref().unchecked_ref());
            let _ = w.add_event_listener_with_callback("offline", gone.as_ref().unchecked_ref());
            // They live as long as the page.
            back.forget();
            gone.forget();
        }
        net
    }

    pub fn report(self, ok: bool) {
        if self.reachable.get_untracked() != ok {
            self.reachable.set(ok);
        }
        if !ok {
            self.start_polling();
        }
    }

    fn start_polling(self) {
        if self.polling.get_value() {
            return;
        }
        self.polling.set_value(true);
        spawn_local(async move {
            let mut delay = FIRST_DELAY_MS;
            loop {
                // Without its part, too, it is asked again later.
                if crate::parts::run(answers()).await == Ok(true) {
                    break;
                }
                gloo_timers::future::TimeoutFuture::new(delay).await;
                delay = (delay * 2).min(MAX_DELAY_MS);
            }
            self.polling.set_value(false);
            self.reachable.set(true);
        });
    }
}

part! { contacts:
    /// Does the server answer? (The asking is code the sign-in form does
    /// not need: in the contacts part, with the transport.)
    fn answers() -> Pending<bool> {
        Box::pin(async { crate::rpc::call(&staff_calls::reachability()).await.is_ok() })
    }
}

pub fn use_network() -> Network {
    expect_context::<Network>()
}
