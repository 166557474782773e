//! `/partners/:id/edit` and `/partners/new`: one form for editing and
//! creating a contact. Saving never waits for the server: the change goes
//! to the outbox (kept on the device first), and the card or the list
//! shows it at once, "Not sent yet" until the server has it.

use crate::contacts;
use crate::i18n::{error_text, t, tr, tr_args, Arg};
use crate::outbox::use_outbox;
use crate::pages::{field_label, redirect, ErrorBar, TopBar};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use odoo_rpc::{Error, Partner};
use staff_calls::edit::{self, blank, form_fields, kind_of, values_of, FieldValue, Kind, Values};
use staff_calls::outbox::Status;

fn input_type(field: &str) -> &'static str {
    match field {
        "email" => "email",
        "phone" | "mobile" => "tel",
        "website" => "url",
        _ => "text",
    }
}

/// What the form starts from: the contact as the server has it (None for
/// a new one), the values to show, the unsent change it amends, and the
/// refusal to show beside its field.
#[derive(Clone)]
struct Start {
    server: Option<Partner>,
    values: Values,
    key: Option<String>,
    refused: Option<(String, Option<String>)>,
}

crate::parts::page_part!(EditPage => EditForm in editing, edit_form);

#[component]
fn EditForm() -> impl IntoView {
    let outbox = use_outbox();
    let loading = || view! { <p role="status">{t("loading")}</p> };
    view! {
        <TopBar/>
        <section class="card edit">
            // The form starts from the user's unsent change when there is
            // one: it waits for the device's list (loading after a reload).
            <Show when=move || outbox.ready.get() fallback=loading>
                <Loaded/>
            </Show>
        </section>
    }
}

/// The form once the outbox is loaded: the contact from the server (or,
/// deleted there, the user's version), and the user's unsent change.
#[component]
fn Loaded() -> impl IntoView {
    let session = use_session();
    let outbox = use_outbox();
    let params = use_params_map();
    let query = use_query_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i64>().ok());
    let start = LocalResource::new(move || {
        let id = id();
        let key = query.read().get("change");
        let company = query.read().get("kind").as_deref() == Some("company");
        let status = session.status.get();
        async move {
            if !crate::session::opened(status).await {
                return Err(Error::SessionExpired);
            }
            let version = session
                .info
                .with_untracked(|i| i.as_ref().map(|i| i.version()).unwrap_or_default());
            let pending = outbox.changes.with_untracked(|all| {
                all.iter()
                    .find(|c| {
                        c.status != Status::Saved
                            && ((id.is_some() && c.id == id)
                                || (key.is_some() && key.as_deref() == Some(c.key.as_str())))
                    })
                    .cloned()
            });
            let refused = pending.as_ref().and_then(|c| match &c.status {
                Status::Refused { message, field } => Some((message.clone(), field.clone())),
                _ => None,
            });
            let server = match id {
                Some(id) => match contacts::card(session, id, None).await? {
                    Some(card) => Some(card.partner),
                    // Deleted on the server: the form still opens on what
                    // the user typed, with the server's refusal.
                    // Untracked: a later outbox change must not reopen
                    // the form (what was typed would go).
                    None => match untrack(|| outbox.kept_version(id)) {
                        Some(p) => Some(p),
                        None => return Ok(None),
                    },
                },
                None => None,
            };
            let values = match (&pending, &server) {
                (Some(c), _) => c.mine.clone(),
                (None, Some(p)) => values_of(&version, p),
                (None, None) => blank(&version, company),
            };
            Ok(Some(Start {
                server,
                values,
                key: pending.map(|c| c.key),
                refused,
            }))
        }
    });
    view! {
        <Transition fallback=|| view! { <p role="status">{t("loading")}</p> }>
            {move || start.get().map(|r| match r {
                Ok(Some(s)) => view! { <Form start=s/> }.into_any(),
                Ok(None) => view! { <p class="empty">{t("contact-missing")}</p> }.into_any(),
                Err(e) => view! { <ErrorBar message=error_text(&e) retry=move || start.refetch()/> }.into_any(),
            })}
        </Transition>
    }
}

#[component]
fn Form(start: Start) -> impl IntoView {
    let session = use_session();
    let outbox = use_outbox();
    let navigate = use_navigate();
    let version = session
        .info
        .with_untracked(|i| i.as_ref().map(|i| i.version()).unwrap_or_default());
    let values = RwSignal::new(start.values.clone());
    let (message, field) = start.refused.clone().unwrap_or_default();
    let error_field = RwSignal::new(field);
    let error = RwSignal::new((!message.is_empty()).then_some(message));
    let is_new = start.server.is_none();
    let is_company = move || values.with(|v| v.get("is_company") == Some(&FieldValue::Flag(true)));
    let title = move || {
        tr(match (is_new, is_company()) {
            (true, true) => "new-company-title",
            (true, false) => "new-person-title",
            (false, _) => "edit-title",
        })
    };
    let server = StoredValue::new(start.server.clone());
    let key = start.key.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mine = values.get_untracked();
        if matches!(mine.get("name"), Some(FieldValue::Text(t)) if t.trim().is_empty()) {
            error_field.set(Some("name".into()));
            error.set(Some(tr("name-required")));
            return;
        }
        let server = server.get_value();
        outbox.save(server.as_ref(), key.as_deref(), mine);
        let to = match &server {
            Some(p) => format!("/partners/{}", p.id),
            None => "/partners".to_string(),
        };
        navigate(&to, redirect());
    };
    let fields: Vec<String> = form_fields(&version)
        .into_iter()
        .filter(|f| !matches!(f.as_str(), "is_company" | "active"))
        .collect();
    view! {
        <h1>{title}</h1>
        <form class="contact-form" on:submit=on_submit novalidate>
            <fieldset class="kind">
                <legend class="visually-hidden">{t("kind")}</legend>
                <label><input type="radio" name="kind" prop:checked=move || !is_company()
                    on:change=move |_| values.update(|v| { v.insert("is_company".into(), FieldValue::Flag(false)); })/>" " {t("kind-person")}</label>
                <label><input type="radio" name="kind" prop:checked=is_company
                    on:change=move |_| values.update(|v| { v.insert("is_company".into(), FieldValue::Flag(true)); })/>" " {t("kind-company")}</label>
            </fieldset>
            {move || error.get().filter(|_| error_field.get().is_none()).map(|m| view! {
                <p class="error" role="alert">{m}</p>
            })}
            {fields.into_iter().map(|f| view! { <FieldInput field=f values error_field error/> }).collect_view()}
            <div class="actions">
                <button type="submit" class="primary">{t("save")}</button>
                <button type="button" class="ghost" on:click=move |_| {
                    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
                        let _ = h.back();
                    }
                }>{t("cancel")}</button>
            </div>
        </form>
    }
}

/// One field of the form, by its kind; the refusal that names it below.
#[component]
fn FieldInput(
    field: String,
    values: RwSignal<Values>,
    error_field: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = format!("f-{field}");
    let name = field.clone();
    let mine = {
        let f = field.clone();
        move || error_field.get().as_deref() == Some(f.as_str())
    };
    let message = {
        let mine = mine.clone();
        move || mine().then(|| error.get()).flatten()
    };
    let input = match kind_of(&field) {
        Some(Kind::One(model)) => view! { <Picker field=field.clone() model values/> }.into_any(),
        Some(Kind::Tags) => {
            view! { <Picker field=field.clone() model=edit::TAG_MODEL values/> }.into_any()
        }
        Some(Kind::Notes) => {
            let f = field.clone();
            let g = field.clone();
            view! {
                <textarea id=id.clone() rows="4"
                    prop:value=move || values.with(|v| v.get(&f).map(FieldValue::display).unwrap_or_default())
                    on:input=move |ev| set_text(values, &g, event_target_value(&ev))></textarea>
            }
            .into_any()
        }
        _ => {
            let f = field.clone();
            let g = field.clone();
            view! {
                <input id=id.clone() type=input_type(&field) autocomplete="off"
                    aria-invalid=move || mine().to_string()
                    prop:value=move || values.with(|v| v.get(&f).map(FieldValue::display).unwrap_or_default())
                    on:input=move |ev| set_text(values, &g, event_target_value(&ev))/>
            }
            .into_any()
        }
    };
    view! {
        <div class="field" data-field=name>
            <label for=id>{field_label(&field).map(t)}</label>
            {input}
            {move || message().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        </div>
    }
}

fn set_text(values: RwSignal<Values>, field: &str, text: String) {
    values.update(|v| {
        v.insert(field.to_string(), FieldValue::Text(text));
    });
}

/// Picks a company, a country or tags by typing part of the name. Tags may
/// also be made new, by name (created when the change is sent).
#[component]
fn Picker(field: String, model: &'static str, values: RwSignal<Values>) -> impl IntoView {
    let session = use_session();
    let text = RwSignal::new(String::new());
    let found = RwSignal::new(Vec::<(i64, String)>::new());
    let problem = RwSignal::new(None::<String>);
    let ticket = StoredValue::new(0u32);
    let tags = model == edit::TAG_MODEL;
    let search = move |t: String| {
        text.set(t.clone());
        let n = ticket.get_value().wrapping_add(1);
        ticket.set_value(n);
        spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(250).await;
            if ticket.try_get_value() != Some(n) || t.trim().is_empty() {
                found.set(Vec::new());
                return;
            }
            let result = contacts::choices(session, model, t.trim()).await;
            if ticket.try_get_value() != Some(n) {
                return;
            }
            match result {
                Ok(list) => {
                    problem.set(None);
                    found.set(list);
                }
                Err(e) => {
                    problem.set(Some(error_text(&e)));
                    found.set(Vec::new());
                }
            }
        });
    };
    let f = field.clone();
    let choose = move |choice: (i64, String)| {
        values.update(|v| {
            let next = match v.get(&f) {
                Some(FieldValue::Tags(t)) => {
                    let mut t = t.clone();
                    if !t
                        .iter()
                        .any(|x| x.0 == choice.0 && (choice.0 != 0 || x.1 == choice.1))
                    {
                        t.push(choice);
                    }
                    FieldValue::Tags(t)
                }
                _ => FieldValue::One(Some(choice)),
            };
            v.insert(f.clone(), next);
        });
        text.set(String::new());
        found.set(Vec::new());
    };
    let g = field.clone();
    let chosen = move || match values.with(|v| v.get(&g).cloned()) {
        Some(FieldValue::Tags(t)) => t,
        Some(FieldValue::One(Some(one))) => vec![one],
        _ => Vec::new(),
    };
    let h = field.clone();
    let remove = move |id: i64, name: String| {
        values.update(|v| {
            let next = match v.get(&h) {
                Some(FieldValue::Tags(t)) => FieldValue::Tags(
                    t.iter()
                        .filter(|x| !(x.0 == id && x.1 == name))
                        .cloned()
                        .collect(),
                ),
                _ => FieldValue::One(None),
            };
            v.insert(h.clone(), next);
        });
    };
    let input_id = format!("f-{field}");
    view! {
        <div class="picker">
            <ul class="chosen">
                {move || chosen().into_iter().map(|(id, name)| {
                    let remove = remove.clone();
                    let shown = name.clone();
                    view! {
                        <li class="tag">{shown.clone()}
                            <button type="button" class="ghost" aria-label=move || tr_args("remove-choice", &[("name", Arg::Text(&shown))])
                                on:click=move |_| remove(id, name.clone())>"×"</button>
                        </li>
                    }
                }).collect_view()}
            </ul>
            <input id=input_id type="search" autocomplete="off" placeholder=t("type-to-search")
                prop:value=move || text.get() on:input=move |ev| search(event_target_value(&ev))/>
            {move || problem.get().map(|m| view! { <p class="error" role="status">{m}</p> })}
            <ul class="choices" role="listbox">
                {move || {
                    let choose = choose.clone();
                    let mut list = found.get();
                    let typed = text.get().trim().to_string();
                    if tags && !typed.is_empty() && !list.iter().any(|(_, n)| n.eq_ignore_ascii_case(&typed)) {
                        list.push((0, typed));
                    }
                    list.into_iter().map(|(id, name)| {
                        let choose = choose.clone();
                        let shown = if id == 0 { tr_args("new-tag", &[("name", Arg::Text(&name))]) } else { name.clone() };
                        view! {
                            <li role="option">
                                <button type="button" class="choice" on:click=move |_| choose((id, name.clone()))>{shown}</button>
                            </li>
                        }
                    }).collect_view()
                }}
            </ul>
        </div>
    }
}
