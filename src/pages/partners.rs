//! `/partners`: search as you type, filters, records and the total in one
//! round trip, more rows as the user scrolls, and only the rows near the
//! viewport in the DOM.

use crate::contacts::listing::{ContactList, Load};
use crate::i18n::{t, tr_args, Arg};
use crate::list::{self, range_label, visible_range};
use crate::outbox::use_outbox;
use crate::pages::{after_quiet, replace_url, ErrorBar, TopBar};
use crate::query::{Kind, PartnerQuery};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use odoo_rpc::Partner;
use staff_calls::outbox::{Change, Status};

const DEBOUNCE_MS: u32 = 250;
/// The list counts as still once it has not scrolled for this long.
const SETTLE_MS: u32 = 150;

crate::parts::page_part!(PartnersPage => ListPage in contacts, list_page);

#[component]
fn ListPage() -> impl IntoView {
    let session = use_session();
    let params = use_query_map();
    let state = ContactList::use_or_provide();
    on_cleanup(move || state.abort());

    let url_query = Memo::new(move |_| {
        let p = params.read();
        PartnerQuery::new(
            &p.get("q").unwrap_or_default(),
            Kind::parse(p.get("kind").as_deref()),
        )
    });
    let network = crate::offline::network::use_network();

    // Back online after showing kept contacts (or an error): refresh.
    Effect::new(move |was: Option<bool>| {
        let now = network.reachable.get();
        if was == Some(false) && now && state.stale() {
            state.fetch(session, url_query, false);
        }
        now
    });

    // A new query (or a session that just arrived) loads page one, unless
    // this very list is what we kept.
    Effect::new(move |_| {
        let q = url_query.get();
        if !session.is_signed_in() {
            return;
        }
        if state.query.get_untracked().as_ref() != Some(&q) {
            state.fetch(session, url_query, false);
        }
    });

    let retry = move || {
        let append = state.continues(&url_query.get_untracked());
        state.fetch(session, url_query, append);
    };

    view! {
        <TopBar/>
        <section class="partners" aria-labelledby="contacts-title">
            <h1 id="contacts-title" class="visually-hidden">{t("app-name")}</h1>
            <Toolbar state url_query/>
            <NewContacts/>
            {move || state.offline_at.get().map(|at| view! {
                <p class="offline-bar" role="status">{move || tr_args("offline-since", &[("time", Arg::Text(&crate::i18n::time(at)))])}</p>
            })}
            {move || match state.load.get() {
                Load::Failed(e) => view! { <ErrorBar message=crate::i18n::error_text(&e) retry/> }.into_any(),
                _ => ().into_any(),
            }}
            <Rows state url_query/>
        </section>
    }
}

/// The search box, the filters and the count. Typing updates the URL after
/// a pause; the URL drives the search.
#[component]
fn Toolbar(state: ContactList, url_query: Memo<PartnerQuery>) -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(url_query.get_untracked().q);
    let pending_typing = StoredValue::new(0u32);
    let on_input = {
        let navigate = navigate.clone();
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            text.set(value.clone());
            let navigate = navigate.clone();
            after_quiet(pending_typing, DEBOUNCE_MS, move || {
                let next = PartnerQuery::new(&value, url_query.get_untracked().kind);
                if next != url_query.get_untracked() {
                    navigate(&next.url(), replace_url());
                }
            });
        }
    };
    // Back/forward changes the URL: the box follows.
    Effect::new(move |_| {
        let q = url_query.get().q;
        if text.get_untracked().trim() != q {
            text.set(q);
        }
    });
    let set_kind = move |kind: Kind| {
        let next = PartnerQuery::new(&text.get_untracked(), kind);
        navigate(&next.url(), replace_url());
    };
    let kinds = [Kind::All, Kind::Companies, Kind::People];
    view! {
        <div class="toolbar">
            <label for="search" class="visually-hidden">{t("search-label")}</label>
            <input id="search" type="search" placeholder=t("search-placeholder")
                autocomplete="off" prop:value=move || text.get() on:input=on_input/>
            <div class="filters" role="group" aria-label=t("filters")>
                {kinds.into_iter().map(|k| {
                    let set_kind = set_kind.clone();
                    view! {
                        <button type="button" class="chip"
                            aria-pressed=move || (url_query.get().kind == k).to_string()
                            on:click=move |_| set_kind(k)>{t(kind_label(k))}</button>
                    }
                }).collect_view()}
            </div>
            <p class="count" aria-live="polite">
                {move || range_label(state.rows.with(Vec::len), state.total.get())}
            </p>
        </div>
    }
}

/// The filter's message id.
fn kind_label(k: Kind) -> &'static str {
    match k {
        Kind::All => "filter-all",
        Kind::Companies => "filter-companies",
        Kind::People => "filter-people",
    }
}

/// The rows near the viewport, placed at their offsets in a box as tall as
/// all the rows loaded; nearing the end loads the next page.
#[component]
fn Rows(state: ContactList, url_query: Memo<PartnerQuery>) -> impl IntoView {
    let session = use_session();
    let viewport = RwSignal::new(800.0);
    let scroller = NodeRef::<leptos::html::Div>::new();
    // Avatars are asked for where the list comes to rest, not for every
    // row a fling passes: decoding them was the main thread's one long
    // task while scrolling (the bench measured none without them).
    let settled = RwSignal::new(true);
    let scrolls = StoredValue::new(0u32);
    let on_scroll = move |_| {
        if settled.get_untracked() {
            settled.set(false);
        }
        after_quiet(scrolls, SETTLE_MS, move || settled.set(true));
        if let Some(el) = scroller.get_untracked() {
            state.scroll_top.set(el.scroll_top() as f64);
            viewport.set(el.client_height() as f64);
        }
        let len = state.rows.with_untracked(Vec::len);
        let (_, end) = visible_range(
            state.scroll_top.get_untracked(),
            viewport.get_untracked(),
            len,
        );
        if state.wants_more(end) {
            state.fetch(session, url_query, true);
        }
    };
    // Back on this page: put the list where the user left it.
    Effect::new(move |_| {
        if let Some(el) = scroller.get() {
            viewport.set(el.client_height() as f64);
            el.set_scroll_top(state.scroll_top.get_untracked() as i32);
        }
    });
    let outbox = use_outbox();
    // The user's unsent changes show on their rows at once.
    let visible = move || {
        let len = state.rows.with(Vec::len);
        let (start, end) = visible_range(state.scroll_top.get(), viewport.get(), len);
        let rows = state.rows.with(|r| r[start..end].to_vec());
        rows.into_iter()
            .enumerate()
            .map(|(i, mut p)| {
                let change = outbox.for_contact(p.id);
                let pending = change.as_ref().is_some_and(|c| c.status != Status::Saved);
                match change {
                    Some(c) if pending => staff_calls::edit::apply(&c.mine, &mut p),
                    Some(Change { saved: Some(s), .. }) => p = s,
                    _ => {}
                }
                (start + i, p, pending)
            })
            .collect::<Vec<_>>()
    };
    view! {
        <div class="list" node_ref=scroller on:scroll=on_scroll tabindex="-1">
            <Show when=move || state.load.get() == Load::Loading && state.rows.with(Vec::is_empty)>
                <ul class="skeleton" aria-hidden="true">
                    {(0..8).map(|_| view! { <li class="row"><span class="avatar"></span><span class="bar"></span></li> }).collect_view()}
                </ul>
                <p class="visually-hidden" role="status">{t("loading-contacts")}</p>
            </Show>
            <Show when=move || state.load.get() == Load::Idle && state.total.get() == Some(0)>
                <p class="empty" role="status">{t("no-match")}</p>
            </Show>
            <ul class="rows" role="list"
                data-q=move || state.query.get().map(|q| q.q).unwrap_or_default()
                data-state=move || state.load.with(Load::name)
                style:height=move || list::rows_px(state.rows.with(Vec::len))>
                <For each=visible key=|(i, p, pending)| (*i, p.id, *pending, p.write_date.clone(), p.name.clone()) let((i, p, pending))>
                    <PartnerRow index=i partner=p pending settled=settled.read_only()/>
                </For>
            </ul>
        </div>
    }
}

#[component]
fn PartnerRow(
    index: usize,
    partner: Partner,
    pending: bool,
    settled: ReadSignal<bool>,
) -> impl IntoView {
    let href = format!("/partners/{}", partner.id);
    let avatar = staff_calls::avatar_url(&partner);
    // Once asked for, a row's avatar stays.
    let asked = Memo::new(move |was: Option<&bool>| was == Some(&true) || settled.get());
    let src = move || asked.get().then(|| avatar.clone());
    let company = partner.parent_id.as_ref().map(|m| m.name.clone());
    let place = [
        partner.city.clone(),
        partner.country_id.as_ref().map(|c| c.name.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(", ");
    let subtitle = [company, partner.function.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let phone = partner.phone.clone().or_else(|| partner.mobile.clone());
    let name = partner.name.clone();
    view! {
        <li class="row" style:transform=format!("translateY({})", list::rows_px(index))>
            <img class="avatar" src=src alt="" loading="lazy" width="40" height="40" decoding="async"/>
            <div class="who">
                <a class="name" href=href>{name}</a>
                {pending.then(|| view! { <span class="badge pending">{t("not-sent-yet")}</span> })}
                <span class="sub">{subtitle}</span>
                <span class="sub">{place}</span>
            </div>
            <div class="reach">
                {partner.email.clone().map(|e| view! { <a href=format!("mailto:{e}") class="email">{e.clone()}</a> })}
                {phone.map(|p| view! { <a href=format!("tel:{}", p.replace(' ', "")) class="phone">{p.clone()}</a> })}
            </div>
        </li>
    }
}

/// New contacts not on the server yet, above the list, each opening its
/// form again; and, for users who may, the buttons that make one.
#[component]
fn NewContacts() -> impl IntoView {
    let outbox = use_outbox();
    let session = use_session();
    let unsent = move || {
        outbox.changes.with(|all| {
            all.iter()
                .filter(|c| c.id.is_none() && c.status != Status::Saved)
                .cloned()
                .collect::<Vec<_>>()
        })
    };
    // For tests and styles: whether the server said this user may edit.
    let rights = move || match session.can_write.get() {
        None => "unknown",
        Some(true) => "write",
        Some(false) => "read",
    };
    view! {
        <div class="new-buttons" data-rights=rights>
            <Show when=move || session.can_write.get() == Some(true)>
                <a class="button" href="/partners/new?kind=person">{t("new-person")}</a>
                <a class="button" href="/partners/new?kind=company">{t("new-company")}</a>
            </Show>
        </div>
        <ul class="unsent" aria-label=t("unsent-contacts")>
            {move || unsent().into_iter().map(|c| {
                let name = staff_calls::edit::unsent(&c.mine).map(|p| p.name).unwrap_or_default();
                let problem = match &c.status {
                    Status::Refused { message, .. } => Some(tr_args("not-saved", &[("reason", Arg::Text(message))])),
                    _ => None,
                };
                view! {
                    <li class="row unsent-row">
                        <a class="name" href=format!("/partners/new?change={}", c.key)>{name}</a>
                        <span class="badge pending">{t("not-sent-yet")}</span>
                        {problem.map(|m| view! { <span class="error">{m}</span> })}
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}
