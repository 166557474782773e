//! Sign-in: database, login, password. What the user typed survives every
//! error; the password is never stored.

use crate::app::safe_next;
use crate::i18n::{t, tr};
use crate::session::{use_session, Status};
use crate::storage;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use odoo_rpc::{AuthOutcome, Error};

/// What the sign-in form says when it fails, in words for people.
pub fn sign_in_message(result: &Result<AuthOutcome, Error>) -> Option<String> {
    match result {
        Ok(AuthOutcome::SignedIn(_)) => None,
        Ok(AuthOutcome::TwoFactorRequired) => Some(tr("two-factor")),
        Err(Error::Offline) => Some(tr("sign-in-offline")),
        Err(e) => Some(crate::i18n::error_text(e)),
    }
}

/// Odoo's own login page (which asks for the second factor), sending the
/// user back here, to where they were going, once signed in.
pub fn odoo_login_url(db: &str, next: &str) -> String {
    let mut url = format!("/web/login?redirect={}", crate::query::encode(next));
    if !db.is_empty() {
        url.push_str(&format!("&db={}", crate::query::encode(db)));
    }
    url
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    // The list comes next: its code arrives while the user types (from
    // the first touch of the form, so the form itself never waits on it).
    let asked = StoredValue::new(false);
    let fetch_list = move |_| {
        if !asked.get_value() {
            asked.set_value(true);
            crate::parts::fetch_soon(crate::pages::partners::list_page);
        }
    };
    let query = use_query_map();
    let navigate = use_navigate();
    let next = move || safe_next(query.read().get("next"));
    let expired =
        move || query.read().get("expired").is_some() || session.status.get() == Status::Expired;

    let last = storage::last_login();
    let db = RwSignal::new(last.db);
    let login = RwSignal::new(last.login);
    let password = RwSignal::new(String::new());
    let show_password = RwSignal::new(false);

    let databases = LocalResource::new(crate::session::databases);
    // One database: it is the one. None listed, or listing disabled: type it.
    let db_choices = move || match databases.get() {
        Some(Ok(list)) => list,
        _ => Vec::new(),
    };
    Effect::new(move |_| {
        let list = db_choices();
        if let Some(first) = list.first() {
            if !list.contains(&db.get_untracked()) {
                db.set(first.clone());
            }
        }
    });

    let submit = Action::new_local(move |input: &(String, String, String)| {
        let (db, login, password) = input.clone();
        session.login(db, login, password)
    });
    let pending = submit.pending();
    let message = move || submit.value().get().as_ref().and_then(sign_in_message);
    let two_factor = move || {
        matches!(
            submit.value().get(),
            Some(Ok(AuthOutcome::TwoFactorRequired))
        )
    };

    Effect::new(move |_| {
        if session.status.get() == Status::SignedIn {
            navigate(&next(), crate::pages::redirect());
        }
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        submit.dispatch_local((
            db.get_untracked(),
            login.get_untracked().trim().to_string(),
            password.get_untracked(),
        ));
    };

    view! {
        <section class="login">
            <div class="login-card">
                <h1>{t("sign-in-title")}</h1>
                <p class="muted">{t("sign-in-hint")}</p>
                <Show when=expired>
                    <p class="notice" role="status">{t("session-expired")}</p>
                </Show>
                // For tests: whether the server's database list has come.
                <form on:submit=on_submit on:focusin=fetch_list novalidate data-databases=move || match databases.get() {
                    None => "loading".to_string(),
                    Some(Ok(list)) => list.len().to_string(),
                    Some(Err(_)) => "hidden".to_string(),
                }>
                    <DatabaseField db choices=Signal::derive(db_choices)/>
                    <label for="login">{t("login")}</label>
                    <input id="login" name="login" type="text" autocomplete="username" autocapitalize="none"
                        spellcheck="false" required prop:value=move || login.get()
                        on:input=move |ev| login.set(event_target_value(&ev))/>
                    <label for="password">{t("password")}</label>
                    <div class="password">
                        <input id="password" name="password" autocomplete="current-password" required
                            type=move || if show_password.get() { "text" } else { "password" }
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev))/>
                        <button type="button" class="ghost" aria-controls="password"
                            aria-pressed=move || show_password.get().to_string()
                            on:click=move |_| show_password.update(|s| *s = !*s)>
                            {move || tr(if show_password.get() { "password-hide" } else { "password-show" })}
                        </button>
                    </div>
                    <p class="error" role="alert" aria-live="assertive">
                        {message}
                        <Show when=two_factor>
                            " " <a href=move || odoo_login_url(&db.get(), &next()) rel="external">{t("open-odoo-login")}</a>
                        </Show>
                    </p>
                    <button type="submit" class="primary" disabled=move || pending.get() aria-busy=move || pending.get().to_string()>
                        {move || tr(if pending.get() { "signing-in" } else { "sign-in-button" })}
                    </button>
                </form>
            </div>
        </section>
    }
}

/// The database: a choice among several, nothing for one (it is the one),
/// typed when the server lists none.
#[component]
fn DatabaseField(db: RwSignal<String>, choices: Signal<Vec<String>>) -> impl IntoView {
    move || {
        let choices = choices.get();
        if choices.len() > 1 {
            view! {
                <label for="db">{t("database")}</label>
                <select id="db" name="db" prop:value=move || db.get()
                    on:change=move |ev| db.set(event_target_value(&ev))>
                    {choices.into_iter().map(|d| {
                        let selected = d == db.get_untracked();
                        view! { <option value=d.clone() selected=selected>{d.clone()}</option> }
                    }).collect_view()}
                </select>
            }
            .into_any()
        } else if choices.len() == 1 {
            ().into_any()
        } else {
            view! {
                <label for="db">{t("database")}</label>
                <input id="db" name="db" type="text" autocomplete="off" autocapitalize="none"
                    spellcheck="false" prop:value=move || db.get()
                    on:input=move |ev| db.set(event_target_value(&ev))/>
            }
            .into_any()
        }
    }
}
