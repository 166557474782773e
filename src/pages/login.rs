//! Sign-in: database, login, password. What the user typed survives every
//! error; the password is never stored.

use crate::app::safe_next;
use crate::i18n::{t, tr};
use crate::parts::PartMissing;
use crate::session::{use_session, SignIn, Status};
use crate::storage;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use odoo_rpc::{AuthOutcome, Error};

/// What the sign-in form says when it fails, in words for people.
pub fn sign_in_message(result: &SignIn) -> Option<String> {
    match result {
        Ok(Ok(AuthOutcome::SignedIn(_))) => None,
        Ok(Ok(AuthOutcome::TwoFactorRequired)) => Some(tr("two-factor")),
        Ok(Err(Error::Offline)) => Some(tr("sign-in-offline")),
        Ok(Err(e)) => Some(crate::i18n::error_text(e)),
        Err(PartMissing) => Some(tr("part-missing")),
    }
}

/// What the database field draws from (see `DatabaseField`): the
/// server's answer once in; until then the device's last one (`known`);
/// when the server could not be asked, still the last one, else a field
/// to type in.
pub fn databases_shown(
    answer: Option<Result<Option<Vec<String>>, ()>>,
    known: &Option<Option<Vec<String>>>,
) -> Option<Option<Vec<String>>> {
    match answer {
        Some(Ok(listed)) => Some(listed),
        Some(Err(())) => Some(known.clone().flatten()),
        None => known.clone(),
    }
}

/// The database to sign in to: the one chosen, unless the list the field
/// draws from (see [`databases_shown`]) names others only (then its
/// first).
fn chosen(db: String, listed: &Option<Option<Vec<String>>>) -> String {
    let listed = listed.as_ref().and_then(Option::as_ref);
    match listed.and_then(|l| l.first().filter(|_| !l.contains(&db))) {
        Some(first) => first.clone(),
        None => db,
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

    // Asked once the form is up (the asking is in a part: see
    // `parts::after_first_screen`). Until the answer the field is drawn
    // from the last one this device had (nothing moves when it comes),
    // else not at all: for one database (most servers) it never shows.
    let databases = LocalResource::new(|| async {
        crate::parts::after_first_screen().await;
        let answer = crate::session::databases().await;
        if let Ok(listed) = &answer {
            storage::remember_databases(listed.as_deref());
        }
        answer
    });
    let known = storage::last_databases();
    let listed = Signal::derive(move || databases_shown(databases.get(), &known));
    Effect::new(move |_| {
        let db_now = db.get_untracked();
        let pick = listed.with(|l| chosen(db_now.clone(), l));
        if pick != db_now {
            db.set(pick);
        }
    });

    let submit = Action::new_local(move |input: &(String, String)| {
        let (login, password) = input.clone();
        async move {
            // The server's list decides the database when it names others
            // only: waited for (it needs the same part as signing in, so
            // no longer than that), then read through `listed`.
            let _ = databases.await;
            let db = listed.with_untracked(|l| chosen(db.get_untracked(), l));
            session.login(db, login, password).await
        }
    });
    let pending = submit.pending();
    // Read in place: the answer holds the session, which is not copied.
    let message = move || {
        submit
            .value()
            .with(|v| v.as_ref().and_then(sign_in_message))
    };
    let two_factor = move || {
        submit
            .value()
            .with(|v| matches!(v, Some(Ok(Ok(AuthOutcome::TwoFactorRequired)))))
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
                <form on:submit=on_submit novalidate data-databases=move || match databases.get() {
                    None => "loading".to_string(),
                    Some(Ok(Some(list))) => list.len().to_string(),
                    Some(_) => "hidden".to_string(),
                }>
                    <DatabaseField db listed/>
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

/// The database: nothing while the server is asked, a choice among
/// several, nothing for one (it is the one), typed when the server lists
/// none.
#[component]
fn DatabaseField(
    db: RwSignal<String>,
    listed: Signal<Option<Option<Vec<String>>>>,
) -> impl IntoView {
    move || match listed.get() {
        None => ().into_any(),
        Some(Some(choices)) if choices.len() > 1 => view! {
            <label for="db">{t("database")}</label>
            <select id="db" name="db" prop:value=move || db.get()
                on:change=move |ev| db.set(event_target_value(&ev))>
                {choices.into_iter().map(|d| {
                    let selected = d == db.get_untracked();
                    view! { <option value=d.clone() selected=selected>{d.clone()}</option> }
                }).collect_view()}
            </select>
        }
        .into_any(),
        Some(Some(choices)) if choices.len() == 1 => ().into_any(),
        Some(_) => view! {
            <label for="db">{t("database")}</label>
            <input id="db" name="db" type="text" autocomplete="off" autocapitalize="none"
                spellcheck="false" prop:value=move || db.get()
                on:input=move |ev| db.set(event_target_value(&ev))/>
        }
        .into_any(),
    }
}
