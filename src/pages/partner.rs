//! `/partners/:id`: the full card.

use crate::contacts::{self, Card};
use crate::pages::TopBar;
use crate::rpc::Latest;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use odoo_rpc::{Error, Partner};
use staff_calls::avatar_url;
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

#[component]
pub fn PartnerPage() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.read().get("id").and_then(|s| s.parse::<i64>().ok()));
    let latest = Latest::default();
    {
        let latest = latest.clone();
        on_cleanup(move || latest.abort());
    }
    let card = LocalResource::new(move || {
        let id = id.get();
        let signed_in = session.is_signed_in();
        let signal = latest.next();
        async move {
            match (id, signed_in) {
                (Some(id), true) => contacts::card(session, id, signal).await,
                _ => Ok(None),
            }
        }
    });
    let back = move |_| {
        if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
            let _ = h.back();
        }
    };
    view! {
        <TopBar/>
        <section class="card">
            <button type="button" class="ghost back" on:click=back>"← Back"</button>
            <Transition fallback=|| view! { <p role="status">"Loading contact…"</p> }>
                {move || card.get().map(|r| match r {
                    Ok(Some(c)) => view! { <CardView card=c/> }.into_any(),
                    Ok(None) => view! { <p class="empty">"This contact does not exist or was archived."</p> }.into_any(),
                    Err(Error::Cancelled) => ().into_any(),
                    Err(e) => view! {
                        <div class="error-bar" role="alert">
                            <span>{e.user_message()}</span>
                            <button type="button" on:click=move |_| card.refetch()>"Retry"</button>
                        </div>
                    }.into_any(),
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
        <dt>{label}</dt>
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
                    <dt>"Address"</dt>
                    <dd>
                        {address.iter().map(|l| view! { <span class="line">{l.clone()}</span> }).collect_view()}
                        {map.map(|m| view! { <a href=m target="_blank" rel="noopener">"Open in a map"</a> })}
                    </dd>
                })}
                {detail("Phone", p.phone.clone(), tel)}
                {detail("Mobile", p.mobile.clone(), tel)}
                {detail("Email", p.email.clone(), |v| Some(format!("mailto:{v}")))}
                {detail("Website", website, |v| Some(if v.starts_with("http://") || v.starts_with("https://") { v.to_string() } else { format!("https://{v}") }))}
                {detail("VAT", p.vat.clone(), |_| None)}
                {detail("Reference", p.r#ref.clone(), |_| None)}
                {(!tags.is_empty()).then(|| view! {
                    <dt>"Tags"</dt>
                    <dd>{tags.into_iter().map(|t| view! { <span class="tag">{t}</span> }).collect_view()}</dd>
                })}
                {notes.map(|n| view! { <dt>"Notes"</dt><dd class="notes">{n}</dd> })}
            </dl>
            {(!card.people.is_empty()).then(|| view! {
                <h2>"People"</h2>
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
