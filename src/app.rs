//! The router, the session in context, and the guard that sends a signed-out
//! user to sign in and back to exactly where they were.

use crate::i18n::t;
use crate::offline::network::Network;
use crate::offline::worker;
use crate::outbox::Outbox;
use crate::pages::{EditPage, LoginPage, PartnerPage, PartnersPage};
use crate::session::{Session, Status};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{FlatRoutes, Redirect, Route, Router};
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::provide();
    let network = Network::provide();
    Outbox::provide(session);
    let updates = worker::provide();
    crate::i18n::provide(session);
    spawn_local(session.start());
    // Staff who may edit: the worker keeps the editing part (editing works
    // offline from then on), and it is loaded while the app is idle (the
    // first Edit opens at once). Nobody else downloads it.
    Effect::new(move |_| {
        if session.can_write.get() == Some(true) {
            spawn_local(worker::keep_editing());
            crate::parts::fetch_soon(crate::pages::edit_form);
        }
    });
    view! {
        <Router>
            <Guard/>
            <Show when=move || !network.reachable.get() && session.is_signed_in()>
                <div class="banner warn" role="status">{t("connection-lost")}</div>
            </Show>
            <Show when=move || updates.ready.get()>
                <div class="banner info" role="status">
                    {t("update-ready")} " "
                    <button type="button" class="linkish" on:click=move |_| spawn_local(worker::apply_update())>{t("update-reload")}</button>
                </div>
            </Show>
            <main id="main">
                // Flat routes (no nesting: lighter than `Routes`). When a
                // parameter changes within one route (/partners/1 → /2),
                // the page's query string is not updated: a page on a
                // route with a parameter reads none.
                <FlatRoutes fallback=|| view! { <p class="empty">{t("page-missing")}</p> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/partners"/> }/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/partners") view=PartnersPage/>
                    <Route path=path!("/partners/new") view=EditPage/>
                    <Route path=path!("/partners/:id") view=PartnerPage/>
                    <Route path=path!("/partners/:id/edit") view=EditPage/>
                </FlatRoutes>
            </main>
        </Router>
    }
}

/// Where to come back to after signing in: only paths of this app.
pub fn safe_next(next: Option<String>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/login"))
        .unwrap_or_else(|| "/partners".to_string())
}

/// Watches the session: signed out (or expired) anywhere but the sign-in
/// page → sign in, carrying the current URL along.
#[component]
fn Guard() -> impl IntoView {
    let session = crate::session::use_session();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let status = session.status.get();
        let path = location.pathname.get();
        if matches!(status, Status::SignedOut | Status::Expired) && path != "/login" {
            let search = location.search.get_untracked();
            let here = match search.as_str() {
                "" => path,
                q if q.starts_with('?') => format!("{path}{q}"),
                q => format!("{path}?{q}"),
            };
            let mut to = format!("/login?next={}", crate::query::encode(&here));
            if status == Status::Expired {
                to.push_str("&expired=1");
            }
            navigate(&to, crate::pages::redirect());
        }
    });
}
