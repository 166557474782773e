//! The app bar every signed-in page shows: where, who, and sign-out,
//! which never discards unsent changes without asking.

use crate::i18n::{t, tr_args, Arg};
use crate::outbox::use_outbox;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

/// "1 change is not sent yet." / "3 changes are not sent yet."
pub fn unsent_text(n: usize) -> String {
    tr_args("unsent-changes", &[("count", Arg::Num(n as f64))])
}

#[component]
pub fn TopBar() -> impl IntoView {
    let session = use_session();
    let outbox = use_outbox();
    let navigate = use_navigate();
    let signing_out = RwSignal::new(false);
    let asking = RwSignal::new(false);
    let leave = move |discard: bool| {
        asking.set(false);
        signing_out.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            if discard {
                outbox.discard().await;
            }
            session.logout().await;
            navigate("/login", Default::default());
        });
    };
    let sign_out = {
        let leave = leave.clone();
        move |_| {
            if outbox.unsent() > 0 {
                asking.set(true);
            } else {
                leave(false);
            }
        }
    };
    view! {
        <header class="topbar">
            <a href="/partners" class="brand">{t("app-name")}</a>
            <span class="who-am-i">{move || session.info.with(|i| i.as_ref().map(|i| i.name.clone()))}</span>
            <button type="button" class="ghost" on:click=sign_out disabled=move || signing_out.get()>{t("sign-out")}</button>
        </header>
        <Show when=move || asking.get()>
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="unsent-title">
                <div>
                    <p id="unsent-title">{move || unsent_text(outbox.unsent())}</p>
                    <div class="actions">
                        <button type="button" class="primary" on:click=move |_| { asking.set(false); outbox.drain(); }>{t("send-now")}</button>
                        <button type="button" class="ghost danger" on:click={
                            let leave = leave.clone();
                            move |_| leave(true)
                        }>{t("sign-out-discard")}</button>
                        <button type="button" class="ghost" on:click=move |_| asking.set(false)>{t("cancel")}</button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
