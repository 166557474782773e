//! `/partners/:id`: the full card.

use crate::contacts::{self, Card};
use crate::i18n::{error_text, t, tr, tr_args, Arg};
use crate::outbox::use_outbox;
use crate::pages::field_label;
use crate::pages::{ErrorBar, TopBar};
use crate::rpc::Latest;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use odoo_rpc::{Error, Partner};
use staff_calls::avatar_url;
use staff_calls::outbox::Status;
use staff_calls::text::html_to_text;

pub fn map_url(p: &Partner) -> Option<String> {
    let parts: Vec<String> = [
        p.street.clone(),
        p.street2.clone(),
        p.zip.clone(),
        p.city.clone(),
        p.country_id.as_ref().map(|c| c.name.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .collect();
    if parts.is_empty() {
        return None;
    }
    Some(format!(
        "https://www.openstreetmap.org/search?query={}",
        crate::query::encode(&parts.join(", "))
    ))
}

crate::parts::page_part!(PartnerPage => CardPage in contacts, card_page);

#[component]
fn CardPage() -> impl IntoView {
    let session = use_session();
    let outbox = use_outbox();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i64>().ok()));
    let latest = Latest::default();
    {
        let latest = latest.clone();
        on_cleanup(move || latest.abort());
    }
    let card = LocalResource::new(move || {
        let id = id.get();
        let status = session.status.get();
        let signal = latest.next();
        async move {
            match (id, crate::session::opened(status).await) {
                (Some(id), true) => contacts::card(session, id, signal).await,
                _ => Ok(None),
            }
        }
    });
    // A warm start on a deep link: the card as the device kept it, drawn
    // while the server's is on its way (the same layout: no jump).
    let kept = LocalResource::new(move || {
        let id = id.get().filter(|_| session.is_signed_in());
        async move {
            match id {
                Some(id) => contacts::kept_contact(session, id).await,
                None => None,
            }
        }
    });
    let waiting = move || match kept.get().flatten() {
        Some(c) => drawn(c),
        None => view! { <p role="status">{t("loading-contact")}</p> }.into_any(),
    };
    let back = move |_| {
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.back();
        }
    };
    view! {
        <TopBar/>
        <section class="card">
            <button type="button" class="ghost back" on:click=back>{t("back")}</button>
            <Transition fallback=move || waiting>
                {move || card.get().map(|r| match r {
                    Ok(Some(c)) => drawn(c),
                    // Gone from the server with the user's change still
                    // here: their version stays, with what the server said.
                    Ok(None) => match id.get_untracked().and_then(|id| outbox.kept_version(id)) {
                        Some(p) => view! {
                            <ChangeBar server=p.clone()/>
                            <CardView card=Card { partner: p, people: Vec::new() }/>
                        }.into_any(),
                        None => view! { <p class="empty">{t("contact-missing")}</p> }.into_any(),
                    },
                    Err(Error::Cancelled) => ().into_any(),
                    Err(e) => view! { <ErrorBar message=error_text(&e) retry=move || card.refetch()/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}

/// One line of the card: a label and a value, as a link when `link` makes
/// one. Every line is this one type, which keeps the card's code small.
fn detail(
    label: &'static str,
    value: Option<String>,
    link: fn(&str) -> Option<String>,
) -> Option<impl IntoView> {
    let value = value?;
    let href = link(&value);
    let external = href.as_deref().is_some_and(|h| h.starts_with("http"));
    Some(view! {
        <dt>{t(label)}</dt>
        <dd>{match href {
            Some(href) => view! {
                <a href=href target=external.then_some("_blank") rel=external.then_some("noopener")>{value}</a>
            }.into_any(),
            None => value.into_any(),
        }}</dd>
    })
}

fn tel(number: &str) -> Option<String> {
    Some(format!("tel:{}", number.replace(' ', "")))
}

#[component]
fn CardView(card: Card) -> impl IntoView {
    let p = card.partner;
    let map = map_url(&p);
    let address: Vec<String> = [
        p.street.clone(),
        p.street2.clone(),
        [p.zip.clone(), p.city.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ")
            .into(),
        p.state_id.as_ref().map(|s| s.name.clone()),
        p.country_id.as_ref().map(|c| c.name.clone()),
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .collect();
    let notes = p
        .comment
        .as_deref()
        .map(html_to_text)
        .filter(|s| !s.is_empty());
    let tags: Vec<String> = p
        .category_id
        .iter()
        .filter_map(|t| t.name.clone())
        .collect();
    let website = p.website.clone();
    view! {
        <article>
            <header class="card-head">
                <img class="avatar big" src=avatar_url(&p) alt="" width="96" height="96"/>
                <div>
                    <h1>{p.name.clone()}</h1>
                    {p.function.clone().map(|f| view! { <p class="sub">{f}</p> })}
                    {p.parent_id.clone().map(|c| view! {
                        <p class="sub"><a href=format!("/partners/{}", c.id)>{c.name}</a></p>
                    })}
                </div>
            </header>
            <dl>
                {(!address.is_empty()).then(|| view! {
                    <dt>{t("address")}</dt>
                    <dd>
                        {address.iter().map(|l| view! { <span class="line">{l.clone()}</span> }).collect_view()}
                        {map.map(|m| view! { <a href=m target="_blank" rel="noopener">{t("open-map")}</a> })}
                    </dd>
                })}
                {detail("field-phone", p.phone.clone(), tel)}
                {detail("field-mobile", p.mobile.clone(), tel)}
                {detail("field-email", p.email.clone(), |v| Some(format!("mailto:{v}")))}
                {detail("field-website", website, |v| Some(if v.starts_with("http://") || v.starts_with("https://") { v.to_string() } else { format!("https://{v}") }))}
                {detail("vat", p.vat.clone(), |_| None)}
                {detail("reference", p.r#ref.clone(), |_| None)}
                {(!tags.is_empty()).then(|| view! {
                    <dt>{t("field-category_id")}</dt>
                    <dd>{tags.into_iter().map(|t| view! { <span class="tag">{t}</span> }).collect_view()}</dd>
                })}
                {notes.map(|n| view! { <dt>{t("field-comment")}</dt><dd class="notes">{n}</dd> })}
            </dl>
            {(!card.people.is_empty()).then(|| view! {
                <h2>{t("people")}</h2>
                <ul class="people">
                    {card.people.into_iter().map(|c| view! {
                        <li>
                            <a href=format!("/partners/{}", c.id)>{c.name.clone()}</a>
                            {c.function.clone().map(|f| view! { <span class="sub">{format!(" · {f}")}</span> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </article>
    }
}

/// A contact's card with what the user can do on it, as their unsent
/// change makes it.
fn drawn(c: Card) -> AnyView {
    view! { <ChangeBar server=c.partner.clone()/><CardView card=shown(c)/> }.into_any()
}

/// A field as the form names it (its technical name if the form has none).
fn field_name(field: String) -> impl Fn() -> String {
    move || field_label(&field).map(tr).unwrap_or_else(|| field.clone())
}

/// The card as the user's unsent change makes it (or as the server saved
/// it, when that is newer than what was read).
fn shown(mut card: Card) -> Card {
    let outbox = use_outbox();
    if let Some(c) = outbox.for_contact(card.partner.id) {
        match (&c.status, &c.saved) {
            (Status::Saved, Some(p)) => card.partner = p.clone(),
            _ => staff_calls::edit::apply(&c.mine, &mut card.partner),
        }
    }
    card
}

/// Where the user's change to this contact stands, and what they can do:
/// edit and archive it, settle a conflict, fix what the server refused.
#[component]
fn ChangeBar(server: Partner) -> impl IntoView {
    let outbox = use_outbox();
    let id = server.id;
    let server = StoredValue::new(server);
    let session = use_session();
    let change = Memo::new(move |_| outbox.for_contact(id));
    let archived = move || {
        change.with(|c| {
            c.as_ref().is_some_and(|c| {
                c.mine.get("active") == Some(&staff_calls::edit::FieldValue::Flag(false))
            })
        })
    };
    let can_write = move || session.can_write.get() == Some(true);
    let archive = move |active: bool| {
        let server = server.get_value();
        let version = session
            .info
            .with_untracked(|i| i.as_ref().map(|i| i.version()).unwrap_or_default());
        let mut mine = change
            .get_untracked()
            .filter(|c| c.pending())
            .map(|c| c.mine)
            .unwrap_or_else(|| staff_calls::edit::values_of(&version, &server));
        mine.insert("active".into(), staff_calls::edit::FieldValue::Flag(active));
        outbox.save(Some(&server), None, mine);
    };
    view! {
        <div class="change-bar">
            {move || change.get().map(|c| match c.status {
                Status::Queued | Status::Unsure => view! { <p class="badge pending" role="status">{t("not-sent-yet")}</p> }.into_any(),
                Status::Saved => view! { <p class="badge saved" role="status">{t("saved")}</p> }.into_any(),
                Status::Refused { message, .. } => {
                    let key = c.key.clone();
                    view! {
                        <p class="error" role="alert">{move || tr_args("not-saved", &[("reason", Arg::Text(&message))])}</p>
                        <button type="button" class="ghost" on:click=move |_| outbox.forget(&key)>{t("discard-change")}</button>
                    }.into_any()
                }
                Status::Conflict { conflicts, .. } => view! { <Conflicts key=c.key conflicts/> }.into_any(),
            })}
            <Show when=can_write>
                <a class="button" href=format!("/partners/{id}/edit")>{t("edit")}</a>
                {move || if archived() {
                    view! { <button type="button" class="ghost" on:click=move |_| archive(true)>{t("restore")}</button> }.into_any()
                } else {
                    view! { <button type="button" class="ghost" on:click=move |_| archive(false)>{t("archive")}</button> }.into_any()
                }}
            </Show>
        </div>
    }
}

/// Fields changed here and on the server since the edit began: the user
/// keeps theirs or takes the server's, field by field.
#[component]
fn Conflicts(key: String, conflicts: Vec<staff_calls::edit::Conflict>) -> impl IntoView {
    let outbox = use_outbox();
    let keep: RwSignal<Vec<String>> =
        RwSignal::new(conflicts.iter().map(|c| c.field.clone()).collect());
    let settle = move |_| {
        let kept = keep.get_untracked();
        outbox.resolve(&key, &|f| kept.iter().any(|k| k == f));
    };
    view! {
        <div class="conflict" role="alert">
            <p>{t("conflict-intro")}</p>
            <table>
                <thead><tr><th>{t("conflict-field")}</th><th>{t("conflict-yours")}</th><th>{t("conflict-theirs")}</th></tr></thead>
                <tbody>
                {conflicts.into_iter().map(|c| {
                    let f = c.field.clone();
                    let g = c.field.clone();
                    let name = format!("pick-{}", c.field);
                    view! {
                        <tr data-field=c.field.clone()>
                            <th scope="row">{field_name(c.field.clone())}</th>
                            <td><label><input type="radio" name=name.clone() prop:checked=true
                                on:change=move |_| keep.update(|k| if !k.contains(&f) { k.push(f.clone()) })/>
                                " " {c.mine.display()}</label></td>
                            <td><label><input type="radio" name=name
                                on:change=move |_| keep.update(|k| k.retain(|x| *x != g))/>
                                " " {c.theirs.display()}</label></td>
                        </tr>
                    }
                }).collect_view()}
                </tbody>
            </table>
            <button type="button" class="primary" on:click=settle>{t("save-choices")}</button>
        </div>
    }
}
