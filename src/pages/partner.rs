//! `/partners/:id`: the full card. Also the app bar shared by the pages.

use crate::offline::store::{self, Owner};
use crate::query::html_to_text;
use crate::rpc::{self, CallOpts, Latest};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use odoo_rpc::{Domain, Error, Partner, Read as ReadCall, SearchOpts, SearchRead};
use serde_json::json;

pub fn avatar_url(p: &Partner) -> String {
    // `unique` makes Odoo answer with a year-long immutable cache.
    let unique: String = p
        .write_date
        .as_deref()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    format!("/web/image/res.partner/{}/avatar_128?unique={unique}", p.id)
}

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

#[derive(Clone)]
struct Card {
    partner: Partner,
    people: Vec<Partner>,
}

/// Online, the server's card (then kept); offline, the kept one.
async fn card_or_kept(
    id: i64,
    opts: CallOpts,
    owner: Option<Owner>,
    version: odoo_rpc::ServerVersion,
) -> Result<Option<Card>, Error> {
    match load_card(id, opts, version).await {
        Ok(Some(card)) => {
            if let Some(owner) = owner {
                let keep = card.partner.clone();
                leptos::task::spawn_local(async move {
                    store::keep(&owner, std::slice::from_ref(&keep)).await
                });
            }
            Ok(Some(card))
        }
        Err(e) if e.is_transient() || e == Error::Offline => {
            let kept = match &owner {
                Some(owner) => store::load(owner).await.0,
                None => Vec::new(),
            };
            let people: Vec<Partner> = kept
                .iter()
                .filter(|p| p.parent_id.as_ref().is_some_and(|c| c.id == id))
                .cloned()
                .collect();
            match kept.into_iter().find(|p| p.id == id) {
                Some(partner) => Ok(Some(Card { partner, people })),
                None => Err(e),
            }
        }
        other => other,
    }
}

async fn load_card(
    id: i64,
    opts: CallOpts,
    version: odoo_rpc::ServerVersion,
) -> Result<Option<Card>, Error> {
    let read = ReadCall::<Partner>::new(
        "res.partner",
        vec![id],
        Partner::card_fields(&version)
            .iter()
            .map(|s| s.to_string())
            .collect(),
    );
    let Some(partner) = rpc::call_with(&read, &opts).await?.into_iter().next() else {
        return Ok(None);
    };
    let people = if partner.is_company {
        let search = SearchRead::<Partner>::new(
            "res.partner",
            Domain::leaf("parent_id", "=", json!(id)),
            Partner::list_fields(&version)
                .iter()
                .map(|s| s.to_string())
                .collect(),
            SearchOpts {
                limit: Some(200),
                order: Some("name asc".into()),
                ..SearchOpts::default()
            },
        );
        rpc::call_with(&search, &opts).await?
    } else {
        Vec::new()
    };
    Ok(Some(Card { partner, people }))
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
        let owner = crate::pages::partners::owner(session);
        let version = session
            .info
            .with(|i| i.as_ref().map(|i| i.version()).unwrap_or_default());
        async move {
            match (id, signed_in) {
                (Some(id), true) => {
                    card_or_kept(
                        id,
                        CallOpts {
                            signal,
                            ..Default::default()
                        },
                        owner,
                        version,
                    )
                    .await
                }
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
