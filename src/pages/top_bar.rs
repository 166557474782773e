//! The app bar every signed-in page shows: where, who, and sign-out.

use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

#[component]
pub fn TopBar() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            session.logout().await;
            navigate("/login", Default::default());
        });
    };
    view! {
        <header class="topbar">
            <a href="/partners" class="brand">"Contacts"</a>
            <span class="who-am-i">{move || session.info.with(|i| i.as_ref().map(|i| i.name.clone()))}</span>
            <button type="button" class="ghost" on:click=sign_out disabled=move || signing_out.get()>"Sign out"</button>
        </header>
    }
}
